# SPDX-License-Identifier: MIT
"$CTREND" plot --help
