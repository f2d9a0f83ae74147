# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths tests/data/acd_small.csv
