# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_utf16.csv
