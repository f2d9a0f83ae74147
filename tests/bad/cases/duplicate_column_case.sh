# SPDX-License-Identifier: MIT
# column names are case-insensitive: 'year' and 'YEAR' are the same column
"$CTREND" series tests/bad/data/duplicate_column_case.csv
