# SPDX-License-Identifier: MIT
"$CTREND" series --from 1850 tests/data/acd_small.csv
