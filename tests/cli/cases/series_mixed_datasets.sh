# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/acd_small.csv tests/data/ged_native.csv
