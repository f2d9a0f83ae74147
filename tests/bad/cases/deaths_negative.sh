# SPDX-License-Identifier: MIT
# bd_best -5 (BRD)
"$CTREND" series --measure deaths tests/bad/data/deaths_negative.csv
