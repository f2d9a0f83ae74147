# SPDX-License-Identifier: MIT
"$CTREND" fit --model segmented --breaks 3 tests/data/series_counts.csv
