# SPDX-License-Identifier: MIT
# --dataset ged on the same ACD file
"$CTREND" series --dataset ged tests/bad/data/dataset_forced.csv
