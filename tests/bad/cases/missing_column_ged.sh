# SPDX-License-Identifier: MIT
# a GED header without 'best': 'type_of_violence' and 'id' make it plainly GED, so the missing column must be named
"$CTREND" series tests/bad/data/missing_column_ged.csv
