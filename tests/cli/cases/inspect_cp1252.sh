# SPDX-License-Identifier: MIT
"$CTREND" inspect tests/data/acled_cp1252.csv
