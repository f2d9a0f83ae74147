# SPDX-License-Identifier: MIT
# Poisson and quasi-Poisson log-linear trends
"$CTREND" fit --model poisson --precision 6 tests/data/series_counts.csv
"$CTREND" fit --model quasipoisson --precision 6 tests/data/series_counts.csv
