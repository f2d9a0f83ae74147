# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths tests/data/err_bad_number.csv
