# SPDX-License-Identifier: MIT
# a path over 512 bytes is named whole (12 folders of 50 characters)
cd "$T"
d=.
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    d=$d/$(printf '%050d' "$i")
done
mkdir -p "$d"
printf 'conflict_id,year,type_of_conflict,gwno_loc,region\n1,19x9,3,750,3\n' >"$d/acd.csv"
"$CTREND" series "$d/acd.csv"
