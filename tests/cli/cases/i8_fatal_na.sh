# SPDX-License-Identifier: MIT
"$CTREND" series --measure deaths tests/data/i8_fatal_na.csv
