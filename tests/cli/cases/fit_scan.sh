# SPDX-License-Identifier: MIT
# OLS slope on every window, p-values adjusted (Holm)
"$CTREND" fit --model scan --start-range 1990:1994 --end-range 2018:2022 --adjust holm --precision 6 tests/data/series_counts.csv
