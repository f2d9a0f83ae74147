# SPDX-License-Identifier: MIT
# UTF-16 without a BOM cannot be told from binary by its first bytes: every other byte is NUL, and NUL is refused on the line where it occurs
"$CTREND" series tests/bad/data/utf16_le_nobom.csv
