# SPDX-License-Identifier: MIT
"$CTREND" fit --model lowess tests/data/series_counts.csv
