# SPDX-License-Identifier: MIT
# --threads takes digits only (strtol took "+2" and " 2")
"$CTREND" series --threads +2 tests/data/acd_small.csv
