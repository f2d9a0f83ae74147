# SPDX-License-Identifier: MIT
"$CTREND" series tests/data/no_such_file.csv
