# SPDX-License-Identifier: MIT
# Differential test, case b5: one country split over two adjacent files
# (Somalia 2015-01-01..2015-06-30 and 2015-07-01..2015-12-31). A country
# is covered where any file holding it is: the union covers every day of
# 2015, so 2015 = 4 events and is not partial (no `partial` column at
# all). By month: 1 (Jan 1), 0, 0, 0, 0, 1 (Jun 30), 1 (Jul 1), 0, 0, 0,
# 0, 1 (Dec 31), none partial.
"$CTREND" series --measure events tests/data/acled_span_b5_h1.csv tests/data/acled_span_b5_h2.csv
echo "--- by month"
"$CTREND" series --by month --measure events tests/data/acled_span_b5_h1.csv tests/data/acled_span_b5_h2.csv
