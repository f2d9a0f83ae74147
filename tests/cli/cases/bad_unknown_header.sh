# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_unknown_header.csv
