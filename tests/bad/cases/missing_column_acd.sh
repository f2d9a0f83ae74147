# SPDX-License-Identifier: MIT
# an ACD header without 'year'
"$CTREND" series tests/bad/data/missing_column_acd.csv
