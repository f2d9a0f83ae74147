# SPDX-License-Identifier: MIT
# a 35 MB file whose records each span two lines (a quoted line break), read on 3 threads: a cut at a line break may fall inside a record; the bad last record starts on line 27002
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
rep() { awk -v n="$1" '{ r = r $0 "\n" } END { for (i = 0; i < n; i++) printf "%s", r }' "$2"; }
big() { [ "$(wc -c <"$1")" -gt 33554432 ] || echo "$1: not over 32 MiB: not read in parallel" >&2; }
{ cat "$D/acd_head.csv"; rep 13500 "$D/acd_long_multiline_row.csv"; cat "$D/acd_bad_row.csv"; } >parallel.csv
big parallel.csv
"$CTREND" series --threads 3 parallel.csv
