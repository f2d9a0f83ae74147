# SPDX-License-Identifier: MIT
# fit on an export: the series is built as `ctrend series` builds it
"$CTREND" fit --model ols --group class --precision 6 tests/data/acd_small.csv
echo "--- the same as fitting the series it gives"
"$CTREND" series --group class tests/data/acd_small.csv > "$T/s.csv"
"$CTREND" fit --model ols --group class --format csv tests/data/acd_small.csv 2>/dev/null | sed 's|tests/data/acd_small.csv|S|' > "$T/a"
"$CTREND" fit --model ols --format csv "$T/s.csv" 2>/dev/null | sed "s|$T/s.csv|S|" > "$T/b"
cmp "$T/a" "$T/b" && echo same
