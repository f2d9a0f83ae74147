# SPDX-License-Identifier: MIT
# two BOMs: the second is named, not left as an invisible character
cd "$T"
printf '\357\273\277\357\273\277conflict_id,year,type_of_conflict,gwno_loc,region\n1,1989,3,750,3\n' >two.csv
printf 'conflict_id,\357\273\277year,type_of_conflict,gwno_loc,region\n1,1989,3,750,3\n' >inside.csv
"$CTREND" series two.csv
"$CTREND" series inside.csv
