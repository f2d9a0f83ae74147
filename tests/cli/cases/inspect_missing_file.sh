# SPDX-License-Identifier: MIT
"$CTREND" inspect tests/data/no_such_file.csv
