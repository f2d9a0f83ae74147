# SPDX-License-Identifier: MIT
# OLS on a committed series: classical and Newey-West (HAC) inference
"$CTREND" fit --model ols --precision 6 tests/data/series_counts.csv
