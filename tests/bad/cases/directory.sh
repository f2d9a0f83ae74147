# SPDX-License-Identifier: MIT
# a directory given as the input file
"$CTREND" series tests/bad/data
