# SPDX-License-Identifier: MIT
# 'fatalities' twice in an ACLED header
"$CTREND" series --measure events tests/bad/data/duplicate_column.csv
