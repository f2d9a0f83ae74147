# SPDX-License-Identifier: MIT
# JSON: every number with its inputs and parameters
"$CTREND" fit --model poisson --format json --precision 6 tests/data/series_counts.csv
