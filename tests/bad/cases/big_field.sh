# SPDX-License-Identifier: MIT
# a 10 MB unquoted field (10485760 bytes of 'x' in 'location'): over the 8 MiB record limit
S=$(pwd)
D=$S/tests/bad/data
cd "$T" || exit 99
{ cat "$D/acd_head.csv"; printf '90101,'; head -c 10485760 /dev/zero | tr '\0' x; printf ',a,1,,b,2,,2,,2001,1,0,3,,,,,,,,,,,,750,3,99.9\n'; } >big_field.csv
"$CTREND" series big_field.csv
