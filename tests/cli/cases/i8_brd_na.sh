# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths tests/data/i8_brd_na_a.csv tests/data/i8_brd_na_b.csv
