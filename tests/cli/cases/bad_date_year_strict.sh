# SPDX-License-Identifier: MIT
"$CTREND" series --strict --measure events tests/data/err_date_year.csv
