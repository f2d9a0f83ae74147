# SPDX-License-Identifier: MIT
# a value that is not a number
"$CTREND" fit --model ols tests/data/series_bad_value.csv
