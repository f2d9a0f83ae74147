# SPDX-License-Identifier: MIT
# an HDX GED file: the hashtag line (line 2) is metadata; the bad record is on line 3
"$CTREND" series --measure deaths tests/bad/data/hdx_hxl_then_bad.csv
