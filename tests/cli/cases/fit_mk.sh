# SPDX-License-Identifier: MIT
# Mann-Kendall, without and with the Hamed-Rao correction
"$CTREND" fit --model mk --precision 6 tests/data/series_counts.csv
"$CTREND" fit --model mk --correction hamed-rao --precision 6 tests/data/series_counts.csv
