# SPDX-License-Identifier: MIT
# text in 'year' (ACD)
"$CTREND" series tests/bad/data/year_text.csv
