# SPDX-License-Identifier: MIT
# year 9999 in a BRD file
"$CTREND" series tests/bad/data/year_9999.csv
