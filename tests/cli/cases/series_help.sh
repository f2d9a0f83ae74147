# SPDX-License-Identifier: MIT
"$CTREND" series --help
