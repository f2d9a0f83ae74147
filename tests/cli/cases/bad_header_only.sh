# SPDX-License-Identifier: MIT
# a header alone is a valid, empty export: no rows
"$CTREND" series tests/data/err_header_only.csv
