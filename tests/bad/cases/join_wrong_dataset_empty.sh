# SPDX-License-Identifier: MIT
# --join names a GED file with no records: still not an ACD or BRD file
"$CTREND" series --join tests/bad/data/ged_header_only.csv tests/bad/data/ged_ok.csv
