# SPDX-License-Identifier: MIT
# a NUL byte inside a field of line 2
"$CTREND" series tests/bad/data/nul_byte.csv
