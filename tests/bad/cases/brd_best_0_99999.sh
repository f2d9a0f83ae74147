# SPDX-License-Identifier: MIT
# bd_best '0.99999999999999999': not a whole number in an export's form
"$CTREND" series --measure deaths tests/bad/data/brd_best_0_99999.csv
