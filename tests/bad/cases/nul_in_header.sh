# SPDX-License-Identifier: MIT
# a NUL byte in the header line
"$CTREND" series tests/bad/data/nul_in_header.csv
