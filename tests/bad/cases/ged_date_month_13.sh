# SPDX-License-Identifier: MIT
# date_start 2023-13-01 (GED)
"$CTREND" series tests/bad/data/ged_date_month_13.csv
