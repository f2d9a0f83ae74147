# SPDX-License-Identifier: MIT
# a gwno_loc list with a non-number ('750, Delhi')
"$CTREND" series tests/bad/data/acd_gwno_loc_text.csv
