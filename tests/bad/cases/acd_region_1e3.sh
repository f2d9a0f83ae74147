# SPDX-License-Identifier: MIT
# region '1e3' is not a region code
"$CTREND" series tests/bad/data/acd_region_1e3.csv
