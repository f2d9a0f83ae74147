# SPDX-License-Identifier: MIT
# BRD dyad ids equal in their first 128 bytes are two records (issue 8)
"$CTREND" series --measure deaths tests/data/i8_brd_long_a.csv tests/data/i8_brd_long_b.csv
