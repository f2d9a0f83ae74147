# SPDX-License-Identifier: MIT
"$CTREND" inspect tests/data/i8_slash_late.csv tests/data/i8_year_slip.csv tests/data/i8_fatal_na.csv tests/data/i8_brd_dup.csv tests/data/acled_dates.csv
