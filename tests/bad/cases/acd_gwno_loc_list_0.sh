# SPDX-License-Identifier: MIT
# gwno_loc '750.0; 770' (re-saved list) is India and Pakistan
"$CTREND" series --group country tests/bad/data/acd_gwno_loc_list_0.csv
