# SPDX-License-Identifier: MIT
# --dataset forces the dataset; an ACD header then lacks BRD's columns
"$CTREND" inspect --dataset brd tests/data/acd_small.csv
echo "exit $?"
"$CTREND" inspect --dataset nosuch tests/data/acd_small.csv
