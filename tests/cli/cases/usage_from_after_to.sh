# SPDX-License-Identifier: MIT
"$CTREND" series --from 2001 --to 2000 tests/data/acd_small.csv
