# SPDX-License-Identifier: MIT
"$CTREND" series --region Atlantis tests/data/acd_small.csv
