# SPDX-License-Identifier: MIT
# ACLED fatalities '1e3'
"$CTREND" series --measure deaths tests/bad/data/acled_fatalities_1e3.csv
