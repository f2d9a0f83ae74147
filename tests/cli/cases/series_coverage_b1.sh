# SPDX-License-Identifier: MIT
# Differential test, case b1: a group whose countries' file spans do not
# meet. Somalia's file spans 2015-01-01..2015-03-10, Kenya's
# 2015-10-05..2015-12-31. README "Counting", coverage rule 1: the total is
# covered where every country seen in it is (latest start 2015-10-05 after
# earliest end 2015-03-10): no day, so 2015 is NA (not 4 events, partial;
# the old per-period "worst of part and part" gave that), and so is every
# month. By country each keeps its own span: Somalia 2015 = 2 events,
# Kenya 2015 = 2 events, both partial.
"$CTREND" series --measure events tests/data/acled_span_b1_som.csv tests/data/acled_span_b1_ken.csv
echo "--- by month: every month NA"
"$CTREND" series --by month --measure events tests/data/acled_span_b1_som.csv tests/data/acled_span_b1_ken.csv
echo "--- by country: 2 and 2, both partial"
"$CTREND" series --group country --measure events tests/data/acled_span_b1_som.csv tests/data/acled_span_b1_ken.csv
