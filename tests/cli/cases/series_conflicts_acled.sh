# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/acled_current.csv
