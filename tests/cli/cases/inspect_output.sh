# SPDX-License-Identifier: MIT
# inspect -o: the same bytes as standard output, written atomically with
# the old file's mode kept; an input as the output is refused
"$CTREND" inspect tests/data/acd_small.csv > "$T/stdout.txt"
printf 'old\n' > "$T/out.txt"
chmod 640 "$T/out.txt"
"$CTREND" inspect -o "$T/out.txt" tests/data/acd_small.csv
echo "exit $?"
cmp "$T/stdout.txt" "$T/out.txt" && echo "same as stdout"
stat -c %a "$T/out.txt"
"$CTREND" inspect --format json --output "$T/out.json" tests/data/acd_small.csv tests/data/err_bad_number.csv
echo "exit $?"
head -n 3 "$T/out.json"
echo "--- the input as output"
cp tests/data/acd_small.csv "$T/in.csv"
"$CTREND" inspect -o "$T/in.csv" "$T/in.csv" 2>"$T/err"
echo "exit $?"
sed "s|$T|T|g" "$T/err"
rm "$T/err"
cmp -s "$T/in.csv" tests/data/acd_small.csv && echo "input unchanged"
"$CTREND" inspect --format yaml tests/data/acd_small.csv
echo "exit $?"
ls "$T"
