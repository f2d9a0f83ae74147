# SPDX-License-Identifier: MIT
# the one integer parser: a seed past 2^64-1, a sign, a blank are refused
"$CTREND" generate --layout acd --seed 18446744073709551616
"$CTREND" generate --layout acd --seed +1
"$CTREND" generate --layout acd --rows " 5"
