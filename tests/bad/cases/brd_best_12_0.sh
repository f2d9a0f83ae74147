# SPDX-License-Identifier: MIT
# bd_best '40.0' (a spreadsheet re-save) is 40
"$CTREND" series --measure deaths tests/bad/data/brd_best_12_0.csv
