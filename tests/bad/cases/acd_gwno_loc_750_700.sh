# SPDX-License-Identifier: MIT
# gwno_loc '750.700' is not a list of GW numbers
"$CTREND" series tests/bad/data/acd_gwno_loc_750_700.csv
