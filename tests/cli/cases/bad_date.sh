# SPDX-License-Identifier: MIT
"$CTREND" series --measure events tests/data/err_bad_date.csv
