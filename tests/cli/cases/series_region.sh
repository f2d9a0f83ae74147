# SPDX-License-Identifier: MIT
# conflict 90003 (Russia, Myanmar) counts only under Asia's subregion
"$CTREND" series --region Asia --group subregion tests/data/acd_small.csv
