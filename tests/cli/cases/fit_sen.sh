# SPDX-License-Identifier: MIT
# Sen's slope, on the whole series and on --from/--to
"$CTREND" fit --model sen --precision 6 tests/data/series_counts.csv
"$CTREND" fit --model sen --from 2000 --to 2022 --precision 6 tests/data/series_counts.csv
