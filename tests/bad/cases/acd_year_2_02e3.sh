# SPDX-License-Identifier: MIT
# year '2.02e3' is not the year 2020
"$CTREND" series tests/bad/data/acd_year_2_02e3.csv
