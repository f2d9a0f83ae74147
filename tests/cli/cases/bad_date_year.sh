# SPDX-License-Identifier: MIT
"$CTREND" series --measure events tests/data/err_date_year.csv
