# SPDX-License-Identifier: MIT
# Coverage follows the places of a group (README "Counting", rule 1: a
# group is covered where every country seen in it is; a country where a
# file that holds it is). acd_som_irq.csv covers 2020 for Somalia and
# Iraq; acd_two_places.csv covers 2022 for Somalia and India; 2021 is in
# no file. Place by place, Africa sees only Somalia (2020 1, 2021 NA,
# 2022 1), Asia only India (2022 1, else NA), Middle East only Iraq (2020
# 1, else NA). Before the fix every region group saw all three countries
# (Africa NA in all three years), and country,region had crossed groups.
"$CTREND" series --group region tests/data/acd_som_irq.csv \
    tests/data/acd_two_places.csv
"$CTREND" series --group country,region tests/data/acd_som_irq.csv \
    tests/data/acd_two_places.csv
# A selected row outside --from/--to bounds the total's coverage with its
# selected places only: --country Somalia --from 2022 sees Somalia from
# the 2020 row (not Iraq, which fails --country), and Somalia is covered
# in 2022 (acd_two_places.csv), so 2022 is 1 (the 2022 row's Somalia).
# With Iraq counted in, 2022 would be NA (Iraq is covered only in 2020).
"$CTREND" series --country Somalia --from 2022 tests/data/acd_som_irq.csv \
    tests/data/acd_two_places.csv
