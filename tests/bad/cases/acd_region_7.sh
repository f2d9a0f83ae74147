# SPDX-License-Identifier: MIT
# region code 7 (UCDP has 1-5)
"$CTREND" series tests/bad/data/acd_region_7.csv
