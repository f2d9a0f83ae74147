# SPDX-License-Identifier: MIT
# an unknown subregion lists the valid ones of the scheme
"$CTREND" series --subregion "South Asa" tests/data/acd_small.csv
