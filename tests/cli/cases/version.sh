# SPDX-License-Identifier: MIT
"$CTREND" --version
