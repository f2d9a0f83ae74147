# SPDX-License-Identifier: MIT
# negative binomial NB2: small-sample (default) and Wald inference
"$CTREND" fit --model negbin --precision 6 tests/data/series_counts.csv
"$CTREND" fit --model negbin --nb-inference wald --precision 6 tests/data/series_counts.csv
