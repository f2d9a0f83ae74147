# SPDX-License-Identifier: MIT
# a bad 81-byte year 'x' + 40 x U+00E9: the message quotes at most 60 bytes and must not cut a character in two (stderr stays valid UTF-8)
"$CTREND" series tests/bad/data/long_value_utf8_cut.csv
