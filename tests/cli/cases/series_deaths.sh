# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths --estimate high --group class tests/data/brd_small.csv
