# SPDX-License-Identifier: MIT
"$CTREND" series --measure events tests/data/i8_year_slip.csv
