# SPDX-License-Identifier: MIT
# piecewise trends: one break (gaussian), two breaks (Poisson)
"$CTREND" fit --model segmented --precision 6 tests/data/series_counts.csv
"$CTREND" fit --model segmented --family poisson --breaks 2 --precision 6 tests/data/series_counts.csv
