# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/acd_small.csv --group
