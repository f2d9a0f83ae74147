# SPDX-License-Identifier: MIT
"$CTREND" series --date-order ymd tests/data/i8_slash_late.csv
