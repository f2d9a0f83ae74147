# SPDX-License-Identifier: MIT
# bd_low 50 above bd_best 40: a warning (real UCDP releases have such rows), the value as given
"$CTREND" series --measure deaths tests/bad/data/brd_low_above_best.csv
