# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_nul.csv
