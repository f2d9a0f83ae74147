# SPDX-License-Identifier: MIT
# an empty standard input
"$CTREND" series - </dev/null
