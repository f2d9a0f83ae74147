# SPDX-License-Identifier: MIT
# scan in CSV with a group that cannot be scanned: its row has the same
# columns as the others (NA windows and its reason), first or last
cd "$T"
{ echo period,g,value
  for y in 2000 2001 2002; do echo "$y,A,$((y - 1990))"; done
  for y in $(seq 2000 2011); do echo "$y,B,$(( (y * 7) % 5 + y - 2000 ))"; done
} > s.csv
sed 's/,A,/,Z,/' s.csv > z.csv
for f in s.csv z.csv; do
  for adj in none holm; do
    echo "--- $f --adjust $adj"
    "$CTREND" fit --model scan --start-range 2000:2001 --end-range 2010:2011 \
      --format csv --precision 4 --adjust $adj $f 2>&1 || echo "exit $?"
  done
done
