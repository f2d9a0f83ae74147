# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths tests/data/i8_brd_dup.csv
