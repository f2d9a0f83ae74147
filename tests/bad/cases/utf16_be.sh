# SPDX-License-Identifier: MIT
# UTF-16 big-endian with its BOM
"$CTREND" series tests/bad/data/utf16_be.csv
