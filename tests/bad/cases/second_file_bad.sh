# SPDX-License-Identifier: MIT
# of two files of one dataset, the second is bad: no partial series is written
"$CTREND" series tests/bad/data/header_only.csv tests/bad/data/type_of_conflict_9.csv
