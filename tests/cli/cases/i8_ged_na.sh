# SPDX-License-Identifier: MIT
# GED events with id NA in two files are two events (issue 8)
"$CTREND" series --measure events tests/data/i8_ged_na_a.csv tests/data/i8_ged_na_b.csv
