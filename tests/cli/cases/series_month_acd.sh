# SPDX-License-Identifier: MIT
"$CTREND" series --by month tests/data/acd_small.csv
