# SPDX-License-Identifier: MIT
# wide layout: a row per period, a column per group (and measure), named
# as tidyr::pivot_wider names them; partial becomes one more measure
"$CTREND" series --layout wide --group class --from 2000 --to 2003 tests/data/acd_small.csv
echo "--- several measures, NA and partial"
"$CTREND" series --layout wide --measure events,deaths --group country tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
echo "--- tsv, markdown"
"$CTREND" series --layout wide --format tsv --measure events --group country tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
"$CTREND" series --layout wide --format md --measure events --group country tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
echo "--- json"
"$CTREND" series --layout wide --format json --measure events --group country --to 2019 tests/data/acled_cov_som.csv tests/data/acled_cov_lka.csv
echo "--- bad layout, bad precision"
"$CTREND" series --layout tall tests/data/acd_small.csv
echo "exit $?"
"$CTREND" series --precision 0 tests/data/acd_small.csv
