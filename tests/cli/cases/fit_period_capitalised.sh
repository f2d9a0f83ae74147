# SPDX-License-Identifier: MIT
# a series CSV headed Period,Value is a series CSV with the wrong header,
# not an unknown export
cd "$T"
printf 'Period,Value\n2000,1\n2001,2\n2002,3\n2003,5\n2004,4\n' >pv.csv
"$CTREND" fit --model poisson pv.csv
