# SPDX-License-Identifier: MIT
# --join names a GED file: a usage error about the file's dataset, which its header (line 1) decides
"$CTREND" series --join tests/bad/data/ged_ok.csv tests/bad/data/ged_ok.csv
