# SPDX-License-Identifier: MIT
"$CTREND" series --country India,PAK,775 --group country tests/data/acd_small.csv
