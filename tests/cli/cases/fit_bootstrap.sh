# SPDX-License-Identifier: MIT
# moving-block bootstrap: the same seed gives the same interval
"$CTREND" fit --model bootstrap --seed 7 --replicates 500 --block 4 --precision 6 tests/data/series_counts.csv
"$CTREND" fit --model bootstrap --statistic sen --seed 7 --replicates 500 --precision 6 tests/data/series_counts.csv
