# SPDX-License-Identifier: MIT
"$CTREND" series --group class,region tests/data/acd_small.csv
