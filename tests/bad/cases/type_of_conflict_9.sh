# SPDX-License-Identifier: MIT
# type_of_conflict 9 (ACD has 1-4)
"$CTREND" series tests/bad/data/type_of_conflict_9.csv
