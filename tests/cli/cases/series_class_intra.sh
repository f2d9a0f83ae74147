# SPDX-License-Identifier: MIT
# intrastate + internationalized only
"$CTREND" series --class intra --group class,subregion tests/data/acd_small.csv
