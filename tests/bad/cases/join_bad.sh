# SPDX-License-Identifier: MIT
# --join names an ACD file with a bad record (line 4): the join file's error, exit 1
"$CTREND" series --join tests/bad/data/type_of_conflict_9.csv tests/bad/data/ged_ok.csv
