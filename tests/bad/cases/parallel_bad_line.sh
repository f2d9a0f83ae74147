# SPDX-License-Identifier: MIT
# a file of 35 MB (over the 32 MiB where reading goes parallel) read on 4 threads, its only bad record the last (line 13502): the error and line of a one-thread read
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
rep() { awk -v n="$1" '{ r = r $0 "\n" } END { for (i = 0; i < n; i++) printf "%s", r }' "$2"; }
big() { [ "$(wc -c <"$1")" -gt 33554432 ] || echo "$1: not over 32 MiB: not read in parallel" >&2; }
{ cat "$D/acd_head.csv"; rep 13500 "$D/acd_long_row.csv"; cat "$D/acd_bad_row.csv"; } >parallel.csv
big parallel.csv
"$CTREND" series --threads 4 parallel.csv
