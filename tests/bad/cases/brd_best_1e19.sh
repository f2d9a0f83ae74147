# SPDX-License-Identifier: MIT
# bd_best '1.0e19': not a whole number in an export's form
"$CTREND" series --measure deaths tests/bad/data/brd_best_1e19.csv
