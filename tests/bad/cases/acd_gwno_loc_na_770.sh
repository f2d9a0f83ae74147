# SPDX-License-Identifier: MIT
# gwno_loc 'NA, 770' is not a list of GW numbers
"$CTREND" series tests/bad/data/acd_gwno_loc_na_770.csv
