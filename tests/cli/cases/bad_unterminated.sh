# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/err_unterminated.csv
