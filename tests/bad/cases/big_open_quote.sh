# SPDX-License-Identifier: MIT
# a quote opened on line 3 and never closed, 10 MB before the end of the file: the limit stops the search for the closing quote
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
{ cat "$D/acd_head.csv" "$D/acd_row.csv"; printf '"90102","'; i=0; while [ $i -lt 160 ]; do head -c 65535 /dev/zero | tr '\0' z; echo; i=$((i + 1)); done; } >big_open_quote.csv
"$CTREND" series big_open_quote.csv
