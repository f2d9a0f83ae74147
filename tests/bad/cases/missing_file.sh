# SPDX-License-Identifier: MIT
# a path that does not exist
"$CTREND" series tests/bad/data/no_such_file.csv
