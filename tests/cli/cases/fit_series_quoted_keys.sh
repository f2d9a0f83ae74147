# SPDX-License-Identifier: MIT
# issue 9: a series key that holds a comma, doubled quotes and a line break
# (an ACLED event type, invented) is written quoted by `series` and read
# back whole by `fit` (the series-CSV reader is the libcsv adapter): the
# same groups, keys and counts, from a file and from a pipe
head -1 tests/data/acled_export.csv > "$T/a.csv"
for yn in 2017:2 2018:5 2019:3 2020:4 2021:1; do
    y=${yn%:*}
    for k in $(seq 1 ${yn#*:}); do
        sed -n 2p tests/data/acled_export.csv |
            sed "s/\"01 March 2020\",2020,1,Battles/\"0$k March $y\",$y,1,\"Battles, \"\"heavy\"\"\\
at night\"/; s/^9000001,/90$y$k,/; s/AFG90001,90001,/AFG$y$k,$y$k,/" >> "$T/a.csv"
    done
    sed -n 3p tests/data/acled_export.csv |
        sed "s/\"02 March 2020\",2020/\"02 March $y\",$y/; s/^9000002,/91$y,/; s/AFG90002,90002,/AFH$y,9$y,/" >> "$T/a.csv"
done
cd "$T"
"$CTREND" series --measure events --group event_type a.csv > s.csv 2>/dev/null
cat s.csv
echo "--- fit (the heavy group: 5, 3, 4 in 2018-2020, slope -0.5)"
"$CTREND" fit --model ols --format json s.csv | grep -E '"(input|group|n|slope)"'
echo "--- fit from a pipe"
cat s.csv | "$CTREND" fit --model ols --format json - | grep -E '"(input|group|n|slope)"'
