# SPDX-License-Identifier: MIT
# issue 8, class 7: fit with nothing to fit exits 1 naming what left nothing
"$CTREND" fit --model poisson --class onesided --region Asia --from 1999 tests/data/acd_small.csv
echo "exit $?"
"$CTREND" fit --model poisson tests/data/err_header_only.csv
echo "exit $?"
"$CTREND" fit --model ols --from 2010 tests/data/acd_small.csv
echo "exit $?"
printf 'period,value\n' > "$T/empty.csv"
"$CTREND" fit --model ols "$T/empty.csv" 2>&1 | sed "s|$T|T|"
printf 'period,value\n2001,NA\n2002,NA\n' > "$T/na.csv"
"$CTREND" fit --model ols "$T/na.csv" 2>&1 | sed "s|$T|T|"
