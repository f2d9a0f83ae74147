# SPDX-License-Identifier: MIT
"$CTREND" series --by week tests/data/acd_small.csv
