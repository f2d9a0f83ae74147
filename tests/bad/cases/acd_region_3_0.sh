# SPDX-License-Identifier: MIT
# region '3.0, 1' (re-saved) is Asia and Europe
"$CTREND" series --group region tests/bad/data/acd_region_3_0.csv
