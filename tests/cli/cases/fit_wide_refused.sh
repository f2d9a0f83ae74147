# SPDX-License-Identifier: MIT
# a wide table (a column per group) is not read as a long series: its
# other groups' counts would become group names
"$CTREND" series --layout wide --group class tests/data/acd_small.csv > "$T/w.csv"
cd "$T"
"$CTREND" fit --model ols w.csv || echo "exit $?"
echo "--- a column of names is a key"
"$CTREND" series --group class "$OLDPWD/tests/data/acd_small.csv" 2>/dev/null | sed 's/^period,class,conflicts/period,class,count/' > l.csv
"$CTREND" fit --model ols --format csv l.csv 2>/dev/null | cut -d, -f1-4
