# SPDX-License-Identifier: MIT
# gwno_loc with 34 countries: README "Limits" makes more than 32 location countries per record an error
"$CTREND" series --group country tests/bad/data/locations_over_limit.csv
