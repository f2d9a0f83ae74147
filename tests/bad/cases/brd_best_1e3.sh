# SPDX-License-Identifier: MIT
# bd_best '1e3': not a whole number in an export's form
"$CTREND" series --measure deaths tests/bad/data/brd_best_1e3.csv
