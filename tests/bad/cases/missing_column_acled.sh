# SPDX-License-Identifier: MIT
# an ACLED header without 'fatalities'
"$CTREND" series tests/bad/data/missing_column_acled.csv
