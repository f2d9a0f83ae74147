# SPDX-License-Identifier: MIT
# a header of 1000000 columns: over the 4096-field limit
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
awk 'BEGIN { printf "conflict_id,year,type_of_conflict"; for (i = 4; i <= 1000000; i++) printf ",c%d", i; print "" }' >million_columns.csv
"$CTREND" series million_columns.csv
