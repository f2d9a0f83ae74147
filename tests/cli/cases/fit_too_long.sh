# SPDX-License-Identifier: MIT
# issue 13: a series longer than a model's limit is refused with the
# length and the limit (segmented and scan: 100,000 periods), exit 1; a
# window of it (--to) is fitted
awk 'BEGIN { print "period,value";
             for (i = 0; i < 100001; i++)
                 printf "%04d-%02d,%d\n", 1000 + int(i / 12), i % 12 + 1, (i * 7919) % 13 }' > "$T/long.csv"
"$CTREND" fit --model segmented --breaks 2 "$T/long.csv" 2>&1 | sed "s|$T|T|g"
"$CTREND" fit --model segmented "$T/long.csv" > /dev/null 2>&1
echo "exit $?"
"$CTREND" fit --model scan --start-range 1000:1001 --end-range 9000:9001 "$T/long.csv" 2>&1 | sed "s|$T|T|g"
"$CTREND" fit --model scan --start-range 1000:1001 --end-range 9000:9001 "$T/long.csv" > /dev/null 2>&1
echo "exit $?"
"$CTREND" fit --model scan --start-range 1000-01:1001-12 --end-range 1001-01:1001-12 --to 1001-12 --format csv "$T/long.csv" | head -3 | sed "s|$T|T|g"
