# SPDX-License-Identifier: MIT
"$CTREND" series --group continent tests/data/acd_small.csv
