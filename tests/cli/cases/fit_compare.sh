# SPDX-License-Identifier: MIT
# two periods: exact rate ratio and Welch's t test
"$CTREND" fit --model compare --periods 1990-1994,2018-2022 --precision 6 tests/data/series_counts.csv
