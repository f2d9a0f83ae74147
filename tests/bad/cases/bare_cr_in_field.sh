# SPDX-License-Identifier: MIT
# a lone CR inside an unquoted field of an LF file (line 2): an old Mac line end cannot sit mid-record
"$CTREND" series tests/bad/data/bare_cr_in_field.csv
