# SPDX-License-Identifier: MIT
# a PNG image given as CSV: its first NUL byte is on line 3 (after \r\n and \n in the signature); a binary file must be called one, not taken for an unknown header
"$CTREND" series tests/bad/data/binary_png.csv
