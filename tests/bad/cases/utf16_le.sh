# SPDX-License-Identifier: MIT
# UTF-16 little-endian with its BOM (Excel 'Unicode Text')
"$CTREND" series tests/bad/data/utf16_le.csv
