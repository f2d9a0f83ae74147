# SPDX-License-Identifier: MIT
# -o out.csv on a bad input leaves an existing out.csv as it was
printf 'period,value\n1990,7\n' >"$T/out.csv"
cp "$T/out.csv" "$T/before"
"$CTREND" series -o "$T/out.csv" tests/bad/data/nul_byte.csv
rc=$?
cmp -s "$T/before" "$T/out.csv" || echo "out.csv was changed" >&2
ls "$T" | grep -v -x -e before -e out.csv >&2
exit $rc
