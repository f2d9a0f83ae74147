# SPDX-License-Identifier: MIT
# a 10 MB quoted field with line breaks inside (one every 64 KiB) on line 3: over the 8 MiB record limit
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
{ cat "$D/acd_head.csv" "$D/acd_row.csv"; printf '"90102","'; i=0; while [ $i -lt 160 ]; do head -c 65535 /dev/zero | tr '\0' y; echo; i=$((i + 1)); done; printf '","a","1",,"b","2",,"2",,"2002","1","0","3",,,,,,,,,,,,"750","3","99.9"\n'; } >big_field_quoted.csv
"$CTREND" series big_field_quoted.csv
