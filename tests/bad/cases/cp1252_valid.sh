# SPDX-License-Identifier: MIT
# valid Windows-1252 (0xF4, 0x92, 0xE8, 0xE9) is transcoded, not an error: both rows resolve to the country of the table (the file covers 1-2 March 2021: 2021 is partial)
"$CTREND" series --measure events --group country tests/bad/data/cp1252_valid.csv
