# SPDX-License-Identifier: MIT
# fatalities '-3' (ACLED)
"$CTREND" series --measure deaths tests/bad/data/acled_fatalities_minus3.csv
