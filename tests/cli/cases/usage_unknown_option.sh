# SPDX-License-Identifier: MIT
"$CTREND" series --colour tests/data/acd_small.csv
