# SPDX-License-Identifier: MIT
# an error about the whole file names the file, not its line 2
"$CTREND" series --measure deaths tests/data/acd_small.csv
