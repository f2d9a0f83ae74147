# SPDX-License-Identifier: MIT
"$CTREND" series --by month --measure events - < tests/data/i8_slash_late.csv
