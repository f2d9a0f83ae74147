# SPDX-License-Identifier: MIT
# an HDX GED file (CRLF, hashtag line 2) of 35 MB read on 2 threads, its bad record the last (line 13503)
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
rep() { awk -v n="$1" '{ r = r $0 "\n" } END { for (i = 0; i < n; i++) printf "%s", r }' "$2"; }
big() { [ "$(wc -c <"$1")" -gt 33554432 ] || echo "$1: not over 32 MiB: not read in parallel" >&2; }
{ cat "$D/ged_hdx_head.csv"; rep 13500 "$D/ged_hdx_long_row.csv"; cat "$D/ged_hdx_bad_row.csv"; } >parallel.csv
big parallel.csv
"$CTREND" series --threads 2 --measure events parallel.csv
