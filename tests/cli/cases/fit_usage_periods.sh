# SPDX-License-Identifier: MIT
"$CTREND" fit --model compare --periods 1990-1994 tests/data/series_counts.csv
