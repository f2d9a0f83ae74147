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
