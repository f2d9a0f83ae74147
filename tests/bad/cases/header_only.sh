# SPDX-License-Identifier: MIT
# a header alone is a valid export with no rows: exit 0, a series with no periods and a note saying so
"$CTREND" series tests/bad/data/header_only.csv
