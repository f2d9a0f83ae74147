# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_duplicate_column.csv
