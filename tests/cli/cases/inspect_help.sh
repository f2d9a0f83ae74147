# SPDX-License-Identifier: MIT
"$CTREND" inspect --help
