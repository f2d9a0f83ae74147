# SPDX-License-Identifier: MIT
# One country (Somalia) in three files with a gap inside a year:
#   gap1 2016-01-01..2016-03-20 (events Jan 1, Feb 14, Mar 20)
#   gap2 2016-03-21..2016-06-10 (Mar 21, Jun 10)
#   gap3 2016-08-10..2017-12-31 (Aug 10 2016, Apr 2 2017, Dec 31 2017)
# The union is 2016-01-01..2016-06-10 and 2016-08-10..2017-12-31.
# By year: 2016 = 3 + 2 + 1 = 6, partial (Jun 11..Aug 9 uncovered);
# 2017 = 2, full.
# By month: Jan 1, Feb 1, Mar 2 (full: the spans of gap1 and gap2 meet
# on Mar 20/21), Apr 0, May 0, Jun 1 partial (to Jun 10), Jul NA (no
# day), Aug 1 partial (from Aug 10), Sep..Dec 0; 2017: Apr 1, Dec 1,
# the other months 0, none partial.
"$CTREND" series --measure events tests/data/acled_span_gap1.csv tests/data/acled_span_gap2.csv tests/data/acled_span_gap3.csv
echo "--- by month"
"$CTREND" series --by month --measure events tests/data/acled_span_gap3.csv tests/data/acled_span_gap1.csv tests/data/acled_span_gap2.csv
