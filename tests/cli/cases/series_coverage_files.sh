# SPDX-License-Identifier: MIT
# issue 8, class 3: two ACLED files of different countries and spans
# (Somalia 2018-01-01..2019-10-20, Sri Lanka 2020-01-01..2021-12-31): each
# country is NA outside its file's span, not 0; Somalia's 2019 (to 20
# October) is partial; the ungrouped total is covered nowhere
"$CTREND" series --measure events --group country tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
echo "--- json"
"$CTREND" series --measure events --group country --format json --to 2019 tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
echo "--- months after the last event are NA"
"$CTREND" series --by month --measure events --from 2019 tests/data/acled_cov_som.csv
echo "--- --coverage none: zero-filled as before"
"$CTREND" series --measure events --group country --coverage none tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
echo "--- --coverage data keeps events before the ACLED start (Afghanistan 2017)"
"$CTREND" series --measure events --coverage data tests/data/acled_cov_afg.csv
"$CTREND" series --measure events tests/data/acled_cov_afg.csv
echo "--- the total"
"$CTREND" series --measure events tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
