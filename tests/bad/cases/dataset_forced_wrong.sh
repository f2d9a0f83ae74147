# SPDX-License-Identifier: MIT
# --dataset acled on an ACD file: the forced dataset's required column is missing
"$CTREND" series --dataset acled tests/bad/data/dataset_forced.csv
