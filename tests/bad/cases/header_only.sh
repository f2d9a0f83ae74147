# SPDX-License-Identifier: MIT
# a header alone is a valid export with no rows: exit 0 and a series with no periods
"$CTREND" series tests/bad/data/header_only.csv
