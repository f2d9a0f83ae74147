# SPDX-License-Identifier: MIT
# a CRLF file whose bad record (bad value after a quoted CRLF) starts on line 3 and ends on line 4
"$CTREND" series --measure deaths tests/bad/data/multiline_bad_record.csv
