# SPDX-License-Identifier: MIT
"$CTREND" series --class civil tests/data/acd_small.csv
