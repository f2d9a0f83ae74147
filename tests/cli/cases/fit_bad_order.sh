# SPDX-License-Identifier: MIT
# a period that repeats within a group
"$CTREND" fit --model ols tests/data/series_bad_order.csv
