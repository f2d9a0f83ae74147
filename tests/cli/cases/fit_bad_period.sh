# SPDX-License-Identifier: MIT
# a period that is not YYYY or YYYY-MM
"$CTREND" fit --model ols tests/data/series_bad_period.csv
