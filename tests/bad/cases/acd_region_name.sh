# SPDX-License-Identifier: MIT
# region 'Atlantis': not a UCDP region
"$CTREND" series tests/bad/data/acd_region_name.csv
