# SPDX-License-Identifier: MIT
"$CTREND"
