# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_missing_column.csv
