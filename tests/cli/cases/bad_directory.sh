# SPDX-License-Identifier: MIT
"$CTREND" series tests/data
