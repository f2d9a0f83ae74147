# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths --estimate low tests/data/acled_current.csv
