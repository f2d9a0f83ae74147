#!/bin/sh
# SPDX-License-Identifier: MIT
# real_issue8.sh - issue 8 (classes 2, 3, 7, 8) on the real exports of
# ../shared/data (PROVENANCE.md gives each file's span); exit 77 (skipped)
# without them.
#
#   real_issue8.sh CTREND_BIN SRC_DIR
set -u
bin=$1
src=$2
data=${CTREND_SHARED_DATA:-$src/../shared/data}
acd=$data/ucdp/UcdpPrioConflict_v23_1.csv
som=$data/acled/acled_somalia_2025-04_to_2026-03_current-format.csv
lka=$data/acled/hdx_acled_conflict_data_lka_2020-10-08.csv
for f in "$acd" "$som" "$lka"; do
    [ -r "$f" ] || { echo "skipped: no $f"; exit 77; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/ctrend-real8.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
check() { # check WHAT: the last command's condition failed when $? != 0
    if [ "$1" -ne 0 ]; then
        echo "FAIL: $2"
        fail=1
    fi
}

# class 2: the ACD 23.1 runs to 2022, so the fit runs 2000-2022 (n = 23),
# not to the last interstate conflict-year in the Americas (2003)
"$bin" fit --model poisson --class interstate --region Americas --from 2000 \
    --format csv "$acd" >"$T/fit.csv" 2>"$T/err"
check $? "fit Americas interstate exits 0"
grep -q '^poisson,[^,]*,,2000,2022,1,23,' "$T/fit.csv"
check $? "fit Americas interstate covers 2000-2022 with n = 23: $(cat "$T/fit.csv")"
# R: glm(n ~ year, poisson) on the counts 2000-2022 (1 in 2001 and 2003,
# else 0, counted from the file with Python's csv) gives 100 (exp(b) - 1)
# = -33.31 % per year, p = 0.1618
"$bin" fit --model poisson --class interstate --region Americas --from 2000 \
    --format json --precision 4 "$acd" >"$T/fit.json" 2>/dev/null
grep -q '"percent_per_year": -33.31,' "$T/fit.json" && grep -q '"p_value": 0.1618,' "$T/fit.json"
check $? "fit Americas interstate: -33.31 %/yr, p = 0.1618 as R"
"$bin" series --class interstate --region Americas --from 2000 "$acd" >"$T/s.csv"
check $? "series Americas interstate exits 0"
[ "$(tail -n 1 "$T/s.csv")" = "2022,0" ]
check $? "series Americas interstate ends 2022,0"

# class 3: Somalia (2025-04-01..2026-03-27) and Sri Lanka
# (2010-01-01..2020-10-02) together, by country
"$bin" series --measure events --group country "$som" "$lka" >"$T/c.csv" 2>"$T/err"
check $? "series Somalia + Sri Lanka exits 0"
head -n 1 "$T/c.csv" | grep -qx 'period,country,value,partial'
check $? "partial column present"
n=$(grep -c '^20\(1[0-9]\|2[0-4]\),Somalia,NA,0$' "$T/c.csv")
[ "$n" -eq 15 ]
check $? "Somalia 2010-2024 NA (got $n rows)"
n=$(grep -c '^202[1-6],Sri Lanka,NA,0$' "$T/c.csv")
[ "$n" -eq 6 ]
check $? "Sri Lanka 2021-2026 NA (got $n rows)"
grep -q '^2020,Sri Lanka,[0-9]*,1$' "$T/c.csv"
check $? "Sri Lanka 2020 (to 2 October) is partial"
grep -q '^2025,Somalia,[0-9]*,1$' "$T/c.csv" && grep -q '^2026,Somalia,[0-9]*,1$' "$T/c.csv"
check $? "Somalia 2025 (from April) and 2026 (to March) are partial"
grep -q 'note: 3 rows cover only part of their period' "$T/err"
check $? "a note names the partial rows: $(cat "$T/err")"
"$bin" series --by month --measure events --country "Sri Lanka" "$lka" >"$T/m.csv" 2>/dev/null
grep -q '^2020-10,[0-9]*,1$' "$T/m.csv" && [ "$(tail -n 1 "$T/m.csv")" != "2020-11,0" ]
check $? "Sri Lanka: October 2020 partial, the range ends with the data"
# fit leaves partial periods out: Sri Lanka by year ends 2019
"$bin" fit --model poisson --measure events --format csv "$lka" >"$T/f.csv" 2>/dev/null
grep -q '^poisson,[^,]*,,2010,2019,1,10,' "$T/f.csv"
check $? "fit Sri Lanka leaves the partial 2020 out: $(cat "$T/f.csv" | cut -c1-200)"
"$bin" fit --model poisson --measure events --format csv --partial include "$lka" >"$T/f.csv" 2>/dev/null
grep -q '^poisson,[^,]*,,2010,2020,1,11,' "$T/f.csv"
check $? "fit --partial include keeps 2020"

# class 7: nothing selected
"$bin" fit --model poisson --class extrasystemic --from 2000 "$acd" >"$T/o" 2>"$T/err"
[ $? -eq 1 ] && [ ! -s "$T/o" ] && grep -q 'no record matched the selection (--class extrasystemic --from 2000)' "$T/err"
check $? "fit with nothing selected exits 1 naming the selection"

# class 8: since 2008, East Asia's one conflict-year (2008) is the first
# period, so no finite Poisson slope exists (separation): it gets its
# reason, the others are fitted, exit 1, and -o holds every group
"$bin" fit --model poisson --class intra --region Asia --group subregion \
    --from 2008 -o "$T/g.txt" "$acd" 2>"$T/err"
[ $? -eq 1 ]
check $? "fit by subregion since 2008 exits 1 (East Asia failed)"
n=$(grep -c '^poisson: ' "$T/g.txt")
[ "$n" -eq 4 ]
check $? "four subregions in the output (got $n)"
grep -A2 'group subregion=East Asia' "$T/g.txt" | grep -q 'error .*separation'
check $? "East Asia has its reason"
grep -A3 'group subregion=South Asia' "$T/g.txt" | grep -q 'slope '
check $? "South Asia is still fitted"

# since 1993 the same conflict-year is interior, so the estimate is finite
# (issue 14): every group is fitted; East Asia and Oceania are sparse
"$bin" fit --model poisson --class intra --region Asia --group subregion \
    --from 1993 -o "$T/g.txt" "$acd" 2>"$T/err"
check $? "fit by subregion since 1993 exits 0"
n=$(grep -c '^poisson: ' "$T/g.txt")
[ "$n" -eq 5 ]
check $? "five subregions in the output (got $n)"
grep -A30 'group subregion=East Asia' "$T/g.txt" | grep -q 'note: sparse data'
check $? "East Asia has a sparse-data note"
grep -A30 'group subregion=Oceania' "$T/g.txt" | grep -q 'note: sparse data'
check $? "Oceania has a sparse-data note"
grep -q 'warning: group .subregion=Oceania.: sparse data' "$T/err"
check $? "Oceania sparse-data warning on stderr"
exit $fail
