# SPDX-License-Identifier: MIT
# an empty 'year' (ACD)
"$CTREND" series tests/bad/data/year_missing.csv
