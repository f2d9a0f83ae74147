# SPDX-License-Identifier: MIT
# compare needs the two periods
"$CTREND" plot compare --group region tests/data/acd_small.csv
