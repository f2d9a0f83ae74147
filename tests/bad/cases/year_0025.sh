# SPDX-License-Identifier: MIT
# year 0025: four digits, impossible
"$CTREND" series tests/bad/data/year_0025.csv
