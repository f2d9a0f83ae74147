# SPDX-License-Identifier: MIT
# CSV: one row per group; keys with commas are quoted, NA values skipped
"$CTREND" fit --model ols --format csv --precision 6 tests/data/series_groups.csv
