# SPDX-License-Identifier: MIT
# gwno_loc '1e3' is not a list of GW numbers
"$CTREND" series tests/bad/data/acd_gwno_loc_1e3.csv
