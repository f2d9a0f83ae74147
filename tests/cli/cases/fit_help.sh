# SPDX-License-Identifier: MIT
"$CTREND" fit --help
