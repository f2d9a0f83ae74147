# SPDX-License-Identifier: MIT
"$CTREND" series --by month --measure events --date-order mdy - < tests/data/i8_slash_late.csv
