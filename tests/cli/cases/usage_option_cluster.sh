# SPDX-License-Identifier: MIT
# a short option glued to its word: the option is named, not the command
"$CTREND" series -x.csv
