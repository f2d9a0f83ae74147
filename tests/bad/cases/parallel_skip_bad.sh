# SPDX-License-Identifier: MIT
# --skip-bad on a 35 MB file read on 4 threads, with bad records at lines 6752 and 13502: both counted, the first named with its line
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
rep() { awk -v n="$1" '{ r = r $0 "\n" } END { for (i = 0; i < n; i++) printf "%s", r }' "$2"; }
big() { [ "$(wc -c <"$1")" -gt 33554432 ] || echo "$1: not over 32 MiB: not read in parallel" >&2; }
{ cat "$D/acd_head.csv"; rep 6750 "$D/acd_long_row.csv"; cat "$D/acd_bad_row.csv"; rep 6749 "$D/acd_long_row.csv"; cat "$D/acd_bad_row.csv"; } >parallel.csv
big parallel.csv
"$CTREND" series --skip-bad --threads 4 parallel.csv
