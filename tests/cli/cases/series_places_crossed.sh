# SPDX-License-Identifier: MIT
# A record with several places counts place by place under two geographic
# keys (README "Geography"; found as b6 by the differential test).
# acd_two_places.csv: ACD 90002, 2022, gwno_loc "520, 750". From
# datasets/countries.csv: 520 Somalia, UCDP region 4 Africa, ACLED
# subregion Eastern Africa; 750 India, region 3 Asia, South Asia. So its
# places are (Somalia, Africa, Eastern Africa) and (India, Asia, South
# Asia): one group per place for each pair of keys, value 1 (one
# conflict-year), 2022 the only period. No crossed group (India with
# Africa, Somalia with Asia, Africa with South Asia, Asia with Eastern
# Africa): before the fix each pair gave 4 groups, all 1.
"$CTREND" series --group country,region tests/data/acd_two_places.csv
"$CTREND" series --group region,subregion tests/data/acd_two_places.csv
"$CTREND" series --group country,subregion tests/data/acd_two_places.csv
"$CTREND" series --group region,country tests/data/acd_two_places.csv
