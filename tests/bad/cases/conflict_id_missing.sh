# SPDX-License-Identifier: MIT
# an empty conflict_id (ACD)
"$CTREND" series tests/bad/data/conflict_id_missing.csv
