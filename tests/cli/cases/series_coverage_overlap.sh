# SPDX-License-Identifier: MIT
# Two countries whose spans overlap in part of a year:
#   Somalia 2016-01-01..2016-08-31 (events Jan 1, Jun 15, Aug 31)
#   Kenya   2016-05-01..2017-06-30 (events May 1 2016, Jul 10 2016,
#                                   Jun 30 2017)
# The total is covered on the intersection 2016-05-01..2016-08-31.
# By year: 2016 = 3 + 2 = 5 (every event of the year counts), partial;
# 2017 NA (Somalia not covered).
# By month: 2016-01..04 NA, May 1 (Kenya), Jun 1 (Somalia), Jul 1
# (Kenya), Aug 1 (Somalia), all four full; 2016-09..2017-06 NA.
# By country: Kenya 2016 = 2 partial (from May 1), 2017 = 1 partial (to
# Jun 30); Somalia 2016 = 3 partial (to Aug 31), 2017 NA.
"$CTREND" series --measure events tests/data/acled_span_ovl_som.csv tests/data/acled_span_ovl_ken.csv
echo "--- by month"
"$CTREND" series --by month --measure events tests/data/acled_span_ovl_som.csv tests/data/acled_span_ovl_ken.csv
echo "--- by country"
"$CTREND" series --group country --measure events tests/data/acled_span_ovl_som.csv tests/data/acled_span_ovl_ken.csv
