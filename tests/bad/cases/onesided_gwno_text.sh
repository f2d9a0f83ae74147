# SPDX-License-Identifier: MIT
# gwno_location 'Lagos' (One-Sided)
"$CTREND" series tests/bad/data/onesided_gwno_text.csv
