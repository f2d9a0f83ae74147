# SPDX-License-Identifier: MIT
"$CTREND" series --format json --group class --from 2000 tests/data/acd_small.csv
