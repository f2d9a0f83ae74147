# SPDX-License-Identifier: MIT
"$CTREND" --help
