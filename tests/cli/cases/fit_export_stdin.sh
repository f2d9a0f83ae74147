# SPDX-License-Identifier: MIT
# standard input, a file or a pipe, holding an export or a series CSV
"$CTREND" fit --model mk --group class --format csv --precision 6 < tests/data/acd_small.csv
cat tests/data/acd_small.csv | "$CTREND" fit --model mk --group class --format csv --precision 6 -
cat tests/data/series_counts.csv | "$CTREND" fit --model mk --format csv --precision 6
