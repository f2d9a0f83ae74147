# SPDX-License-Identifier: MIT
"$CTREND" series --strict --measure events tests/data/i8_year_slip.csv
