# SPDX-License-Identifier: MIT
# issue 8, class 8: a group that cannot be fitted (B: its only non-zero
# count is the last period, separation) gets its reason in the output; A is still fitted; C (four
# 1s then zeros) is fitted with a sparse-data warning; exit 1 because a
# group failed, and -o gets the same complete output
cat > "$T/s.csv" <<'CSV'
period,g,value
2001,A,5
2002,A,7
2003,A,6
2004,A,9
2005,A,8
2006,A,11
2007,A,10
2008,A,12
2001,B,0
2002,B,0
2003,B,0
2004,B,0
2005,B,0
2006,B,0
2007,B,0
2008,B,3
2001,C,1
2002,C,1
2003,C,1
2004,C,1
2005,C,0
2006,C,0
2007,C,0
2008,C,0
CSV
"$CTREND" fit --model poisson --precision 4 "$T/s.csv" 2>&1 | sed "s|$T|T|g"
"$CTREND" fit --model poisson --precision 4 "$T/s.csv" > /dev/null 2>&1
echo "exit $?"
"$CTREND" fit --model poisson --precision 4 --format csv -o "$T/out.csv" "$T/s.csv" 2>/dev/null
echo "exit $?"
sed "s|$T|T|g" "$T/out.csv"
"$CTREND" fit --model poisson --precision 4 --format json "$T/s.csv" 2>/dev/null | grep -E '"(group|error|slope)"' | sed "s|$T|T|g"
