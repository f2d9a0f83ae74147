# SPDX-License-Identifier: MIT
# Data wholly before 1970 (day numbers below 0): the series ends with
# the data, in 1956 (it ran on to 1969 with NA rows).
"$CTREND" series --group class --class intrastate,interstate tests/data/acd_before_1970.csv
