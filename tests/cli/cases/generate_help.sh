# SPDX-License-Identifier: MIT
"$CTREND" generate --help
