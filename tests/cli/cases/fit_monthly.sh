# SPDX-License-Identifier: MIT
# a monthly series: slopes per year, --from/--to in months
"$CTREND" fit --model sen --precision 6 tests/data/series_monthly.csv
"$CTREND" fit --model ols --from 2020-03 --to 2021-10 --precision 6 tests/data/series_monthly.csv
