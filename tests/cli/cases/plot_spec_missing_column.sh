# SPDX-License-Identifier: MIT
# a specification file without ci_high
printf "estimate,ci_low,p_value\n1,0,0.5\n" | "$CTREND" plot specification --data-only -
