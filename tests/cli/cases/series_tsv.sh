# SPDX-License-Identifier: MIT
"$CTREND" series --format tsv --group region tests/data/acd_small.csv
