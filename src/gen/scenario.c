/* SPDX-License-Identifier: MIT
 * scenario.c - the built-in scenario (countries, trend cells, coverage),
 * and the plan every writer starts from: options checked, cells grouped
 * by trend key, means per period and the --rows scaling.
 * Country codes and names are public reference facts (they agree with
 * datasets/countries.csv); every trend number is invented.
 */
#include "gen_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const ct_gen_country COUNTRIES[] = {
    /* gwno iso3 iso  UCDP name  ACLED name  region  ACLED region  loc  lat lon  tenure */
    /* Europe (UCDP 1) */
    {365, "RUS", 643, "Russia (Soviet Union)", "Russia", 1, "Europe", 1, 55.0, 40.0, 2012},
    {369, "UKR", 804, "Ukraine", "Ukraine", 1, "Europe", 1, 49.0, 32.0, 2019},
    {359, "MDA", 498, "Moldova", "Moldova", 1, "Europe", 1, 47.2, 28.5, 2016},
    {345, "SRB", 688, "Serbia (Yugoslavia)", "Serbia", 1, "Europe", 1, 44.0, 20.9, 2017},
    {346, "BIH", 70, "Bosnia-Herzegovina", "Bosnia and Herzegovina", 1, "Europe", 1, 44.2, 17.8, 2018},
    {200, "GBR", 826, "United Kingdom", "United Kingdom", 1, "Europe", 1, 54.0, -2.0, 2016},
    {230, "ESP", 724, "Spain", "Spain", 1, "Europe", 1, 40.2, -3.7, 2018},
    {371, "ARM", 51, "Armenia", "Armenia", 1, "Caucasus and Central Asia", 0, 40.2, 44.9, 2018},
    {373, "AZE", 31, "Azerbaijan", "Azerbaijan", 1, "Caucasus and Central Asia", 0, 40.3, 47.7, 2003},
    {372, "GEO", 268, "Georgia", "Georgia", 1, "Caucasus and Central Asia", 0, 42.2, 43.5, 2013},
    /* Middle East (UCDP 2); Egypt is Northern Africa in ACLED's scheme */
    {666, "ISR", 376, "Israel", "Israel", 2, "Middle East", 1, 31.4, 35.0, 2009},
    {652, "SYR", 760, "Syria", "Syria", 2, "Middle East", 1, 35.0, 38.5, 2000},
    {660, "LBN", 422, "Lebanon", "Lebanon", 2, "Middle East", 1, 33.9, 35.8, 2016},
    {645, "IRQ", 368, "Iraq", "Iraq", 2, "Middle East", 1, 33.2, 43.7, 2014},
    {640, "TUR", 792, "Turkey", "Turkey", 2, "Middle East", 1, 39.0, 35.0, 2003},
    {678, "YEM", 887, "Yemen (North Yemen)", "Yemen", 2, "Middle East", 1, 15.6, 47.5, 2012},
    {630, "IRN", 364, "Iran", "Iran", 2, "Middle East", 1, 32.5, 54.0, 2013},
    {670, "SAU", 682, "Saudi Arabia", "Saudi Arabia", 2, "Middle East", 1, 24.0, 45.0, 2015},
    {651, "EGY", 818, "Egypt", "Egypt", 2, "Northern Africa", 0, 26.8, 30.8, 2014},
    /* Asia (UCDP 3), by ACLED-scheme subregion */
    {750, "IND", 356, "India", "India", 3, "South Asia", 1, 22.0, 79.0, 2014},
    {770, "PAK", 586, "Pakistan", "Pakistan", 3, "South Asia", 1, 30.0, 69.5, 2018},
    {771, "BGD", 50, "Bangladesh", "Bangladesh", 3, "South Asia", 1, 23.7, 90.3, 2009},
    {790, "NPL", 524, "Nepal", "Nepal", 3, "South Asia", 1, 28.3, 84.0, 2015},
    {780, "LKA", 144, "Sri Lanka", "Sri Lanka", 3, "South Asia", 1, 7.8, 80.7, 2019},
    {800, "THA", 764, "Thailand", "Thailand", 3, "Southeast Asia", 1, 15.5, 101.0, 2014},
    {811, "KHM", 116, "Cambodia (Kampuchea)", "Cambodia", 3, "Southeast Asia", 1, 12.6, 104.9, 1998},
    {775, "MMR", 104, "Myanmar (Burma)", "Myanmar", 3, "Southeast Asia", 1, 21.0, 96.0, 2021},
    {840, "PHL", 608, "Philippines", "Philippines", 3, "Southeast Asia", 1, 12.0, 122.5, 2016},
    {850, "IDN", 360, "Indonesia", "Indonesia", 3, "Southeast Asia", 1, -2.5, 118.0, 2014},
    {812, "LAO", 418, "Laos", "Laos", 3, "Southeast Asia", 1, 19.0, 102.5, 2016},
    {731, "PRK", 408, "North Korea", "North Korea", 3, "East Asia", 1, 40.2, 127.2, 2011},
    {732, "KOR", 410, "South Korea", "South Korea", 3, "East Asia", 1, 36.3, 127.8, 2017},
    {710, "CHN", 156, "China", "China", 3, "East Asia", 1, 35.0, 103.0, 2013},
    {740, "JPN", 392, "Japan", "Japan", 3, "East Asia", 0, 36.5, 138.5, 2012},
    {712, "MNG", 496, "Mongolia", "Mongolia", 3, "East Asia", 1, 46.8, 103.0, 2017},
    {703, "KGZ", 417, "Kyrgyzstan", "Kyrgyzstan", 3, "Caucasus and Central Asia", 1, 41.2, 74.8, 2017},
    {702, "TJK", 762, "Tajikistan", "Tajikistan", 3, "Caucasus and Central Asia", 1, 38.8, 71.0, 1994},
    {700, "AFG", 4, "Afghanistan", "Afghanistan", 3, "Caucasus and Central Asia", 1, 33.9, 67.7, 2021},
    {704, "UZB", 860, "Uzbekistan", "Uzbekistan", 3, "Caucasus and Central Asia", 1, 41.4, 64.6, 2016},
    {705, "KAZ", 398, "Kazakhstan", "Kazakhstan", 3, "Caucasus and Central Asia", 1, 48.0, 67.0, 2019},
    {701, "TKM", 795, "Turkmenistan", "Turkmenistan", 3, "Caucasus and Central Asia", 1, 39.0, 59.6, 2007},
    /* Africa (UCDP 4) */
    {530, "ETH", 231, "Ethiopia", "Ethiopia", 4, "Eastern Africa", 1, 9.1, 40.5, 2018},
    {520, "SOM", 706, "Somalia", "Somalia", 4, "Eastern Africa", 1, 5.2, 46.2, 2017},
    {626, "SSD", 728, "South Sudan", "South Sudan", 4, "Eastern Africa", 1, 7.9, 30.0, 2011},
    {500, "UGA", 800, "Uganda", "Uganda", 4, "Eastern Africa", 1, 1.4, 32.3, 1986},
    {501, "KEN", 404, "Kenya", "Kenya", 4, "Eastern Africa", 1, 0.0, 37.9, 2022},
    {625, "SDN", 729, "Sudan", "Sudan", 4, "Northern Africa", 1, 15.6, 30.2, 2019},
    {620, "LBY", 434, "Libya", "Libya", 4, "Northern Africa", 1, 26.3, 17.2, 2014},
    {615, "DZA", 12, "Algeria", "Algeria", 4, "Northern Africa", 1, 28.0, 2.6, 2019},
    {475, "NGA", 566, "Nigeria", "Nigeria", 4, "Western Africa", 1, 9.1, 8.7, 2015},
    {432, "MLI", 466, "Mali", "Mali", 4, "Western Africa", 1, 17.6, -4.0, 2021},
    {439, "BFA", 854, "Burkina Faso", "Burkina Faso", 4, "Western Africa", 1, 12.2, -1.6, 2022},
    {436, "NER", 562, "Niger", "Niger", 4, "Western Africa", 1, 17.6, 8.1, 2023},
    {490, "COD", 180, "DR Congo (Zaire)", "Democratic Republic of Congo", 4, "Middle Africa", 1, -2.9, 23.7, 2019},
    {482, "CAF", 140, "Central African Republic", "Central African Republic", 4, "Middle Africa", 1, 6.6, 20.9, 2016},
    {483, "TCD", 148, "Chad", "Chad", 4, "Middle Africa", 1, 15.5, 18.7, 2021},
    {471, "CMR", 120, "Cameroon", "Cameroon", 4, "Middle Africa", 1, 5.7, 12.4, 1982},
    {540, "AGO", 24, "Angola", "Angola", 4, "Middle Africa", 1, -11.2, 17.9, 2017},
    {541, "MOZ", 508, "Mozambique", "Mozambique", 4, "Southern Africa", 1, -18.7, 35.5, 2015},
    {560, "ZAF", 710, "South Africa", "South Africa", 4, "Southern Africa", 1, -30.6, 22.9, 2018},
    {552, "ZWE", 716, "Zimbabwe (Rhodesia)", "Zimbabwe", 4, "Southern Africa", 1, -19.0, 29.2, 2017},
    /* Americas (UCDP 5) */
    {100, "COL", 170, "Colombia", "Colombia", 5, "South America", 1, 4.6, -74.3, 2022},
    {101, "VEN", 862, "Venezuela", "Venezuela", 5, "South America", 1, 6.4, -66.6, 2013},
    {135, "PER", 604, "Peru", "Peru", 5, "South America", 1, -9.2, -75.0, 2021},
    {140, "BRA", 76, "Brazil", "Brazil", 5, "South America", 1, -10.8, -52.9, 2023},
    {70, "MEX", 484, "Mexico", "Mexico", 5, "Central America", 1, 23.6, -102.5, 2018},
    {90, "GTM", 320, "Guatemala", "Guatemala", 5, "Central America", 1, 15.8, -90.2, 2020},
    {92, "SLV", 222, "El Salvador", "El Salvador", 5, "Central America", 1, 13.8, -88.9, 2019},
    {91, "HND", 340, "Honduras", "Honduras", 5, "Central America", 1, 15.2, -86.2, 2022},
    {41, "HTI", 332, "Haiti", "Haiti", 5, "Caribbean", 1, 19.0, -72.3, 2021},
    {2, "USA", 840, "United States of America", "United States", 5, "North America", 0, 39.8, -98.6, 2021},
};

/* log_a is the log of the mean per period at from_year; the comment gives
 * the mean itself. Two cells of one key make a trend with a break. */
static const ct_gen_cell CELLS[] = {
    /* ACD: active conflicts per year */
    {CT_GEN_LAYOUT_ACD, "Europe", NULL, CT_GEN_CLASS_INTRASTATE, 1989, 0.916290731874155, -0.03, 20.0}, /* 2.5 */
    {CT_GEN_LAYOUT_ACD, "Europe", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1989, -1.6094379124341, 0.03, 0.0}, /* 0.2 */
    {CT_GEN_LAYOUT_ACD, "Europe", NULL, CT_GEN_CLASS_INTERSTATE, 1989, -2.30258509299405, 0.0, 0.0}, /* 0.1 */
    {CT_GEN_LAYOUT_ACD, "Europe", NULL, CT_GEN_CLASS_INTERSTATE, 2012, -2.30258509299405, 0.15, 0.0}, /* 0.1 */
    {CT_GEN_LAYOUT_ACD, "Middle East", NULL, CT_GEN_CLASS_INTRASTATE, 1989, 1.09861228866811, 0.0, 20.0}, /* 3 */
    {CT_GEN_LAYOUT_ACD, "Middle East", NULL, CT_GEN_CLASS_INTRASTATE, 1993, 1.09861228866811, 0.025, 20.0}, /* 3 */
    {CT_GEN_LAYOUT_ACD, "Middle East", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1989, -0.916290731874155, 0.0, 0.0}, /* 0.4 */
    {CT_GEN_LAYOUT_ACD, "Middle East", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 2012, -0.916290731874155, 0.12, 0.0}, /* 0.4 */
    {CT_GEN_LAYOUT_ACD, "Middle East", NULL, CT_GEN_CLASS_INTERSTATE, 1989, -1.89711998488588, 0.0, 0.0}, /* 0.15 */
    {CT_GEN_LAYOUT_ACD, "Middle East", NULL, CT_GEN_CLASS_INTERSTATE, 2012, -1.89711998488588, 0.1, 0.0}, /* 0.15 */
    {CT_GEN_LAYOUT_ACD, "Asia", "South Asia", CT_GEN_CLASS_INTRASTATE, 1989, 1.6094379124341, 0.0, 20.0}, /* 5 */
    {CT_GEN_LAYOUT_ACD, "Asia", "South Asia", CT_GEN_CLASS_INTRASTATE, 1993, 1.6094379124341, 0.025, 20.0}, /* 5 */
    {CT_GEN_LAYOUT_ACD, "Asia", "South Asia", CT_GEN_CLASS_INTERNATIONALIZED, 1989, -1.6094379124341, 0.0, 0.0}, /* 0.2 */
    {CT_GEN_LAYOUT_ACD, "Asia", "South Asia", CT_GEN_CLASS_INTERSTATE, 1989, -1.38629436111989, 0.0, 0.0}, /* 0.25 */
    {CT_GEN_LAYOUT_ACD, "Asia", "South Asia", CT_GEN_CLASS_INTERSTATE, 2012, -1.38629436111989, 0.1, 0.0}, /* 0.25 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Southeast Asia", CT_GEN_CLASS_INTRASTATE, 1989, 1.38629436111989, 0.0, 20.0}, /* 4 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Southeast Asia", CT_GEN_CLASS_INTRASTATE, 1993, 1.38629436111989, 0.02, 20.0}, /* 4 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Southeast Asia", CT_GEN_CLASS_INTERNATIONALIZED, 1989, -1.89711998488588, 0.0, 0.0}, /* 0.15 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Southeast Asia", CT_GEN_CLASS_INTERSTATE, 1989, -2.52572864430826, 0.0, 0.0}, /* 0.08 */
    {CT_GEN_LAYOUT_ACD, "Asia", "East Asia", CT_GEN_CLASS_INTRASTATE, 1989, 0, -0.04, 0.0}, /* 1 */
    {CT_GEN_LAYOUT_ACD, "Asia", "East Asia", CT_GEN_CLASS_INTERSTATE, 1989, -2.52572864430826, 0.0, 0.0}, /* 0.08 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Caucasus and Central Asia", CT_GEN_CLASS_INTRASTATE, 1989, 0.405465108108164, -0.02, 20.0}, /* 1.5 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Caucasus and Central Asia", CT_GEN_CLASS_INTERNATIONALIZED, 1989, -0.693147180559945, 0.0, 0.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACD, "Asia", "Caucasus and Central Asia", CT_GEN_CLASS_INTERSTATE, 1989, -2.52572864430826, 0.0, 0.0}, /* 0.08 */
    {CT_GEN_LAYOUT_ACD, "Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1989, 2.30258509299405, 0.0, 15.0}, /* 10 */
    {CT_GEN_LAYOUT_ACD, "Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1993, 2.30258509299405, 0.02, 15.0}, /* 10 */
    {CT_GEN_LAYOUT_ACD, "Africa", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1989, -0.510825623765991, 0.06, 0.0}, /* 0.6 */
    {CT_GEN_LAYOUT_ACD, "Africa", NULL, CT_GEN_CLASS_INTERSTATE, 1989, -1.20397280432594, 0.0, 0.0}, /* 0.3 */
    {CT_GEN_LAYOUT_ACD, "Africa", NULL, CT_GEN_CLASS_INTERSTATE, 2012, -1.20397280432594, 0.08, 0.0}, /* 0.3 */
    {CT_GEN_LAYOUT_ACD, "Americas", NULL, CT_GEN_CLASS_INTRASTATE, 1989, 1.38629436111989, -0.05, 20.0}, /* 4 */
    {CT_GEN_LAYOUT_ACD, "Americas", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1989, -2.30258509299405, 0.0, 0.0}, /* 0.1 */
    {CT_GEN_LAYOUT_ACD, "Americas", NULL, CT_GEN_CLASS_INTERSTATE, 1989, -2.81341071676004, 0.0, 0.0}, /* 0.06 */
    /* GED: non-state and one-sided events per year (state-based
     * events follow the ACD cells) */
    {CT_GEN_LAYOUT_GED, "Europe", NULL, CT_GEN_CLASS_NONSTATE, 1989, 1.6094379124341, -0.05, 10.0}, /* 5 */
    {CT_GEN_LAYOUT_GED, "Europe", NULL, CT_GEN_CLASS_ONESIDED, 1989, 2.30258509299405, -0.05, 10.0}, /* 10 */
    {CT_GEN_LAYOUT_GED, "Middle East", NULL, CT_GEN_CLASS_NONSTATE, 1989, 3.40119738166216, 0.03, 10.0}, /* 30 */
    {CT_GEN_LAYOUT_GED, "Middle East", NULL, CT_GEN_CLASS_ONESIDED, 1989, 4.0943445622221, 0.02, 10.0}, /* 60 */
    {CT_GEN_LAYOUT_GED, "Asia", "South Asia", CT_GEN_CLASS_NONSTATE, 1989, 3.68887945411394, 0.02, 10.0}, /* 40 */
    {CT_GEN_LAYOUT_GED, "Asia", "South Asia", CT_GEN_CLASS_ONESIDED, 1989, 4.38202663467388, 0.01, 10.0}, /* 80 */
    {CT_GEN_LAYOUT_GED, "Asia", "Southeast Asia", CT_GEN_CLASS_NONSTATE, 1989, 2.70805020110221, 0.0, 10.0}, /* 15 */
    {CT_GEN_LAYOUT_GED, "Asia", "Southeast Asia", CT_GEN_CLASS_ONESIDED, 1989, 3.68887945411394, -0.02, 10.0}, /* 40 */
    {CT_GEN_LAYOUT_GED, "Asia", "East Asia", CT_GEN_CLASS_NONSTATE, 1989, 0.693147180559945, 0.0, 10.0}, /* 2 */
    {CT_GEN_LAYOUT_GED, "Asia", "East Asia", CT_GEN_CLASS_ONESIDED, 1989, 1.6094379124341, -0.05, 10.0}, /* 5 */
    {CT_GEN_LAYOUT_GED, "Asia", "Caucasus and Central Asia", CT_GEN_CLASS_NONSTATE, 1989, 2.30258509299405, 0.0, 10.0}, /* 10 */
    {CT_GEN_LAYOUT_GED, "Asia", "Caucasus and Central Asia", CT_GEN_CLASS_ONESIDED, 1989, 3.40119738166216, 0.03, 10.0}, /* 30 */
    {CT_GEN_LAYOUT_GED, "Africa", NULL, CT_GEN_CLASS_NONSTATE, 1989, 5.01063529409626, 0.04, 10.0}, /* 150 */
    {CT_GEN_LAYOUT_GED, "Africa", NULL, CT_GEN_CLASS_ONESIDED, 1989, 5.52146091786225, 0.03, 10.0}, /* 250 */
    {CT_GEN_LAYOUT_GED, "Americas", NULL, CT_GEN_CLASS_NONSTATE, 1989, 4.0943445622221, 0.05, 10.0}, /* 60 */
    {CT_GEN_LAYOUT_GED, "Americas", NULL, CT_GEN_CLASS_ONESIDED, 1989, 3.68887945411394, -0.02, 10.0}, /* 40 */
    /* ACLED: events per month, relative sizes (the writer scales
     * them to --rows, default 3500) */
    {CT_GEN_LAYOUT_ACLED, "Western Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1997, 2.07944154167984, 0.08, 8.0}, /* 8 */
    {CT_GEN_LAYOUT_ACLED, "Western Africa", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1997, -0.693147180559945, 0.08, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "Western Africa", NULL, CT_GEN_CLASS_NONSTATE, 1997, 1.38629436111989, 0.06, 8.0}, /* 4 */
    {CT_GEN_LAYOUT_ACLED, "Western Africa", NULL, CT_GEN_CLASS_ONESIDED, 1997, 1.79175946922805, 0.07, 8.0}, /* 6 */
    {CT_GEN_LAYOUT_ACLED, "Western Africa", NULL, CT_GEN_CLASS_NONE, 1997, 2.70805020110221, 0.05, 20.0}, /* 15 */
    {CT_GEN_LAYOUT_ACLED, "Middle Africa", NULL, CT_GEN_CLASS_INTERSTATE, 1997, -1.20397280432594, 0.0, 8.0}, /* 0.3 */
    {CT_GEN_LAYOUT_ACLED, "Middle Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1997, 2.30258509299405, 0.02, 8.0}, /* 10 */
    {CT_GEN_LAYOUT_ACLED, "Middle Africa", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1997, 0.693147180559945, -0.02, 8.0}, /* 2 */
    {CT_GEN_LAYOUT_ACLED, "Middle Africa", NULL, CT_GEN_CLASS_NONSTATE, 1997, 1.79175946922805, 0.03, 8.0}, /* 6 */
    {CT_GEN_LAYOUT_ACLED, "Middle Africa", NULL, CT_GEN_CLASS_ONESIDED, 1997, 2.07944154167984, 0.01, 8.0}, /* 8 */
    {CT_GEN_LAYOUT_ACLED, "Middle Africa", NULL, CT_GEN_CLASS_NONE, 1997, 1.79175946922805, 0.04, 20.0}, /* 6 */
    {CT_GEN_LAYOUT_ACLED, "Eastern Africa", NULL, CT_GEN_CLASS_INTERSTATE, 1997, -0.693147180559945, -0.03, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "Eastern Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1997, 2.484906649788, 0.04, 8.0}, /* 12 */
    {CT_GEN_LAYOUT_ACLED, "Eastern Africa", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1997, 1.09861228866811, 0.05, 8.0}, /* 3 */
    {CT_GEN_LAYOUT_ACLED, "Eastern Africa", NULL, CT_GEN_CLASS_NONSTATE, 1997, 2.07944154167984, 0.02, 8.0}, /* 8 */
    {CT_GEN_LAYOUT_ACLED, "Eastern Africa", NULL, CT_GEN_CLASS_ONESIDED, 1997, 1.94591014905531, 0.03, 8.0}, /* 7 */
    {CT_GEN_LAYOUT_ACLED, "Eastern Africa", NULL, CT_GEN_CLASS_NONE, 1997, 2.484906649788, 0.05, 20.0}, /* 12 */
    {CT_GEN_LAYOUT_ACLED, "Northern Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1997, 1.38629436111989, 0.03, 8.0}, /* 4 */
    {CT_GEN_LAYOUT_ACLED, "Northern Africa", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 1997, -0.693147180559945, 0.08, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "Northern Africa", NULL, CT_GEN_CLASS_NONSTATE, 1997, 0.693147180559945, 0.05, 8.0}, /* 2 */
    {CT_GEN_LAYOUT_ACLED, "Northern Africa", NULL, CT_GEN_CLASS_ONESIDED, 1997, 1.09861228866811, 0.02, 8.0}, /* 3 */
    {CT_GEN_LAYOUT_ACLED, "Northern Africa", NULL, CT_GEN_CLASS_NONE, 1997, 2.30258509299405, 0.06, 20.0}, /* 10 */
    {CT_GEN_LAYOUT_ACLED, "Southern Africa", NULL, CT_GEN_CLASS_INTRASTATE, 1997, 0, 0.05, 8.0}, /* 1 */
    {CT_GEN_LAYOUT_ACLED, "Southern Africa", NULL, CT_GEN_CLASS_NONSTATE, 1997, 0, 0.0, 8.0}, /* 1 */
    {CT_GEN_LAYOUT_ACLED, "Southern Africa", NULL, CT_GEN_CLASS_ONESIDED, 1997, 0.693147180559945, 0.02, 8.0}, /* 2 */
    {CT_GEN_LAYOUT_ACLED, "Southern Africa", NULL, CT_GEN_CLASS_NONE, 1997, 2.484906649788, 0.03, 20.0}, /* 12 */
    {CT_GEN_LAYOUT_ACLED, "South Asia", NULL, CT_GEN_CLASS_INTERSTATE, 2010, 0, 0.1, 8.0}, /* 1 */
    {CT_GEN_LAYOUT_ACLED, "South Asia", NULL, CT_GEN_CLASS_INTRASTATE, 2010, 3.2188758248682, 0.06, 8.0}, /* 25 */
    {CT_GEN_LAYOUT_ACLED, "South Asia", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 2010, -0.693147180559945, 0.0, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "South Asia", NULL, CT_GEN_CLASS_NONSTATE, 2010, 2.30258509299405, 0.02, 8.0}, /* 10 */
    {CT_GEN_LAYOUT_ACLED, "South Asia", NULL, CT_GEN_CLASS_ONESIDED, 2010, 2.484906649788, 0.03, 8.0}, /* 12 */
    {CT_GEN_LAYOUT_ACLED, "South Asia", NULL, CT_GEN_CLASS_NONE, 2010, 5.01063529409626, 0.04, 20.0}, /* 150 */
    {CT_GEN_LAYOUT_ACLED, "Southeast Asia", NULL, CT_GEN_CLASS_INTRASTATE, 2010, 2.70805020110221, 0.08, 8.0}, /* 15 */
    {CT_GEN_LAYOUT_ACLED, "Southeast Asia", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 2010, -1.20397280432594, 0.0, 8.0}, /* 0.3 */
    {CT_GEN_LAYOUT_ACLED, "Southeast Asia", NULL, CT_GEN_CLASS_NONSTATE, 2010, 1.38629436111989, 0.0, 8.0}, /* 4 */
    {CT_GEN_LAYOUT_ACLED, "Southeast Asia", NULL, CT_GEN_CLASS_ONESIDED, 2010, 2.07944154167984, 0.04, 8.0}, /* 8 */
    {CT_GEN_LAYOUT_ACLED, "Southeast Asia", NULL, CT_GEN_CLASS_NONE, 2010, 3.40119738166216, 0.02, 20.0}, /* 30 */
    {CT_GEN_LAYOUT_ACLED, "East Asia", NULL, CT_GEN_CLASS_INTERSTATE, 2018, -1.6094379124341, 0.0, 8.0}, /* 0.2 */
    {CT_GEN_LAYOUT_ACLED, "East Asia", NULL, CT_GEN_CLASS_INTRASTATE, 2018, -0.693147180559945, -0.1, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "East Asia", NULL, CT_GEN_CLASS_NONSTATE, 2018, -1.20397280432594, 0.0, 8.0}, /* 0.3 */
    {CT_GEN_LAYOUT_ACLED, "East Asia", NULL, CT_GEN_CLASS_ONESIDED, 2018, 0, -0.05, 8.0}, /* 1 */
    {CT_GEN_LAYOUT_ACLED, "East Asia", NULL, CT_GEN_CLASS_NONE, 2018, 3.68887945411394, -0.02, 20.0}, /* 40 */
    {CT_GEN_LAYOUT_ACLED, "Caucasus and Central Asia", NULL, CT_GEN_CLASS_INTERSTATE, 2017, 0.693147180559945, 0.2, 8.0}, /* 2 */
    {CT_GEN_LAYOUT_ACLED, "Caucasus and Central Asia", NULL, CT_GEN_CLASS_INTRASTATE, 2017, 3.68887945411394, -0.3, 8.0}, /* 40 */
    {CT_GEN_LAYOUT_ACLED, "Caucasus and Central Asia", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 2017, 2.07944154167984, -0.4, 8.0}, /* 8 */
    {CT_GEN_LAYOUT_ACLED, "Caucasus and Central Asia", NULL, CT_GEN_CLASS_NONSTATE, 2017, 0.693147180559945, 0.0, 8.0}, /* 2 */
    {CT_GEN_LAYOUT_ACLED, "Caucasus and Central Asia", NULL, CT_GEN_CLASS_ONESIDED, 2017, 1.79175946922805, -0.1, 8.0}, /* 6 */
    {CT_GEN_LAYOUT_ACLED, "Caucasus and Central Asia", NULL, CT_GEN_CLASS_NONE, 2017, 2.30258509299405, 0.0, 20.0}, /* 10 */
    {CT_GEN_LAYOUT_ACLED, "Middle East", NULL, CT_GEN_CLASS_INTERSTATE, 2015, 1.6094379124341, 0.1, 8.0}, /* 5 */
    {CT_GEN_LAYOUT_ACLED, "Middle East", NULL, CT_GEN_CLASS_INTRASTATE, 2015, 4.0943445622221, -0.15, 8.0}, /* 60 */
    {CT_GEN_LAYOUT_ACLED, "Middle East", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 2015, 3.40119738166216, -0.2, 8.0}, /* 30 */
    {CT_GEN_LAYOUT_ACLED, "Middle East", NULL, CT_GEN_CLASS_NONSTATE, 2015, 2.70805020110221, -0.1, 8.0}, /* 15 */
    {CT_GEN_LAYOUT_ACLED, "Middle East", NULL, CT_GEN_CLASS_ONESIDED, 2015, 2.99573227355399, -0.12, 8.0}, /* 20 */
    {CT_GEN_LAYOUT_ACLED, "Middle East", NULL, CT_GEN_CLASS_NONE, 2015, 4.38202663467388, 0.02, 20.0}, /* 80 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_INTERSTATE, 2018, 0, 0.0, 8.0}, /* 1 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_INTERSTATE, 2022, 3.40119738166216, 0.1, 8.0}, /* 30 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_INTRASTATE, 2018, 1.09861228866811, 0.05, 8.0}, /* 3 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_INTERNATIONALIZED, 2018, -0.693147180559945, 0.0, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_NONSTATE, 2018, -0.693147180559945, 0.0, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_ONESIDED, 2018, 0.693147180559945, 0.1, 8.0}, /* 2 */
    {CT_GEN_LAYOUT_ACLED, "Europe", NULL, CT_GEN_CLASS_NONE, 2018, 4.78749174278205, 0.03, 20.0}, /* 120 */
    {CT_GEN_LAYOUT_ACLED, "South America", NULL, CT_GEN_CLASS_INTRASTATE, 2018, 1.79175946922805, -0.05, 8.0}, /* 6 */
    {CT_GEN_LAYOUT_ACLED, "South America", NULL, CT_GEN_CLASS_NONSTATE, 2018, 2.30258509299405, 0.05, 8.0}, /* 10 */
    {CT_GEN_LAYOUT_ACLED, "South America", NULL, CT_GEN_CLASS_ONESIDED, 2018, 2.70805020110221, 0.03, 8.0}, /* 15 */
    {CT_GEN_LAYOUT_ACLED, "South America", NULL, CT_GEN_CLASS_NONE, 2018, 4.0943445622221, 0.02, 20.0}, /* 60 */
    {CT_GEN_LAYOUT_ACLED, "Central America", NULL, CT_GEN_CLASS_INTRASTATE, 2018, 0, 0.0, 8.0}, /* 1 */
    {CT_GEN_LAYOUT_ACLED, "Central America", NULL, CT_GEN_CLASS_NONSTATE, 2018, 2.99573227355399, 0.04, 8.0}, /* 20 */
    {CT_GEN_LAYOUT_ACLED, "Central America", NULL, CT_GEN_CLASS_ONESIDED, 2018, 3.2188758248682, 0.02, 8.0}, /* 25 */
    {CT_GEN_LAYOUT_ACLED, "Central America", NULL, CT_GEN_CLASS_NONE, 2018, 3.68887945411394, 0.0, 20.0}, /* 40 */
    {CT_GEN_LAYOUT_ACLED, "Caribbean", NULL, CT_GEN_CLASS_INTRASTATE, 2018, -0.693147180559945, 0.0, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "Caribbean", NULL, CT_GEN_CLASS_NONSTATE, 2018, 1.6094379124341, 0.2, 8.0}, /* 5 */
    {CT_GEN_LAYOUT_ACLED, "Caribbean", NULL, CT_GEN_CLASS_ONESIDED, 2018, 1.38629436111989, 0.15, 8.0}, /* 4 */
    {CT_GEN_LAYOUT_ACLED, "Caribbean", NULL, CT_GEN_CLASS_NONE, 2018, 1.6094379124341, 0.0, 20.0}, /* 5 */
    {CT_GEN_LAYOUT_ACLED, "North America", NULL, CT_GEN_CLASS_NONSTATE, 2018, -0.693147180559945, 0.0, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "North America", NULL, CT_GEN_CLASS_ONESIDED, 2018, -0.693147180559945, 0.0, 8.0}, /* 0.5 */
    {CT_GEN_LAYOUT_ACLED, "North America", NULL, CT_GEN_CLASS_NONE, 2018, 5.01063529409626, 0.0, 20.0}, /* 150 */
};

/* A conflict located in Tajikistan and Russia: one slot of Asia/Caucasus
 * and Central Asia and one of Europe, so its region field is "3, 1". */
static const ct_gen_link LINKS[] = {
    {CT_GEN_CLASS_INTRASTATE, 702, 365, 0.25},
};

/* ACLED's coverage start years (FORMATS.md; East Asia as Europe). */
static const ct_gen_coverage COVERAGE[] = {
    {"Western Africa", 1997},  {"Middle Africa", 1997},
    {"Eastern Africa", 1997},  {"Northern Africa", 1997},
    {"Southern Africa", 1997}, {"South Asia", 2010},
    {"Southeast Asia", 2010},  {"Middle East", 2015},
    {"Caucasus and Central Asia", 2017}, {"East Asia", 2018},
    {"Europe", 2018},          {"North America", 2018},
    {"Central America", 2018}, {"South America", 2018},
    {"Caribbean", 2018},       {"Oceania", 2021},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const ct_gen_scenario DEFAULT_SCENARIO = {
    COUNTRIES, COUNT(COUNTRIES), CELLS, COUNT(CELLS), LINKS, COUNT(LINKS),
    COVERAGE, COUNT(COVERAGE),
    /* GED events per active conflict-year: interstate 8, intrastate 30,
     * internationalized 40 */
    {0, 8, 30, 40, 0, 0, 0},
    /* default rows: ACD natural (scale 1), ACLED 3500, GED 20000 */
    {0, 0, 3500, 20000, 0},
};

const ct_gen_scenario *ct_gen_default_scenario(void)
{
    return &DEFAULT_SCENARIO;
}

/* ---- names -------------------------------------------------------------- */
static const char *const LAYOUT_NAME[] = {NULL, "acd", "acled", "ged",
                                          "truth"};
static const char *const CLASS_NAME[] = {
    "extrasystemic", "interstate", "intrastate", "internationalized",
    "nonstate",      "onesided",   "none"};
static const char *const REGION_NAME[] = {NULL, "Europe", "Middle East",
                                          "Asia", "Africa", "Americas"};

const char *ct_gen_layout_name(ct_gen_layout layout)
{
    return layout >= CT_GEN_LAYOUT_ACD && layout <= CT_GEN_LAYOUT_TRUTH
               ? LAYOUT_NAME[layout]
               : NULL;
}

ct_gen_layout ct_gen_layout_parse(const char *name)
{
    int i;
    for (i = CT_GEN_LAYOUT_ACD; i <= CT_GEN_LAYOUT_TRUTH; i++)
        if (name != NULL && strcmp(name, LAYOUT_NAME[i]) == 0)
            return (ct_gen_layout)i;
    return (ct_gen_layout)0;
}

const char *ct_gen_class_name(ct_gen_class cls)
{
    return (int)cls >= 0 && cls < CT_GEN_CLASS_COUNT ? CLASS_NAME[cls] : NULL;
}

const char *gs_region_name(int ucdp_region)
{
    return ucdp_region >= 1 && ucdp_region <= 5 ? REGION_NAME[ucdp_region]
                                                : NULL;
}

static int region_code(const char *name)
{
    int i;
    for (i = 1; i <= 5; i++)
        if (strcmp(name, REGION_NAME[i]) == 0)
            return i;
    return 0;
}

long gs_country_by_gwno(const ct_gen_scenario *sc, int gwno)
{
    size_t i;
    for (i = 0; i < sc->n_countries; i++)
        if (sc->countries[i].gwno == gwno)
            return (long)i;
    return -1;
}

/* ---- plan --------------------------------------------------------------- */
static int same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static int country_in(const ct_gen_country *c, const gs_group *g)
{
    if (g->layout == CT_GEN_LAYOUT_ACLED)
        return strcmp(c->acled_region, g->region) == 0;
    return c->ucdp_loc && c->ucdp_region == region_code(g->region) &&
           (g->subregion == NULL || strcmp(c->acled_region, g->subregion) == 0);
}

void gs_plan_free(gs_plan *p)
{
    free(p->group);
    free(p->country_mem);
    p->group = NULL;
    p->country_mem = NULL;
    p->n_group = 0;
}

int gs_plan_init(gs_plan *p, const ct_gen_options *opt, ct_error *err)
{
    static const ct_gen_options DEF = CT_GEN_OPTIONS_INIT;
    const ct_gen_scenario *sc;
    size_t i, j, used = 0;

    memset(p, 0, sizeof *p);
    p->opt = opt ? *opt : DEF;
    if (p->opt.scenario == NULL)
        p->opt.scenario = ct_gen_default_scenario();
    sc = p->sc = p->opt.scenario;
    if (p->opt.from_year < 1946 || p->opt.to_year > 2100 ||
        p->opt.from_year > p->opt.to_year)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "years must satisfy 1946 <= from <= to <= 2100, "
                            "got %d-%d", p->opt.from_year, p->opt.to_year);
    p->group = calloc(sc->n_cells ? sc->n_cells : 1, sizeof *p->group);
    p->country_mem =
        malloc((sc->n_cells ? sc->n_cells : 1) *
               (sc->n_countries ? sc->n_countries : 1) * sizeof(size_t));
    if (p->group == NULL || p->country_mem == NULL) {
        gs_plan_free(p);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < sc->n_cells; i++) {
        const ct_gen_cell *c = &sc->cells[i];
        gs_group *g = NULL;
        int ok_cls;

        if (c->region == NULL ||
            (c->layout != CT_GEN_LAYOUT_ACLED && region_code(c->region) == 0)) {
            gs_plan_free(p);
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "scenario cell %zu: unknown region", i);
        }
        if (c->layout == CT_GEN_LAYOUT_ACD)
            ok_cls = c->cls >= CT_GEN_CLASS_INTERSTATE &&
                     c->cls <= CT_GEN_CLASS_INTERNATIONALIZED;
        else if (c->layout == CT_GEN_LAYOUT_GED)
            ok_cls = c->cls == CT_GEN_CLASS_NONSTATE ||
                     c->cls == CT_GEN_CLASS_ONESIDED;
        else if (c->layout == CT_GEN_LAYOUT_ACLED)
            ok_cls = c->cls > CT_GEN_CLASS_EXTRASYSTEMIC &&
                     c->cls < CT_GEN_CLASS_COUNT && c->subregion == NULL;
        else
            ok_cls = 0;
        if (!ok_cls || !isfinite(c->log_a) || !isfinite(c->slope) ||
            !(c->theta >= 0)) {
            gs_plan_free(p);
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "scenario cell %zu (%s, %s): invalid layout, "
                                "class or parameters", i, c->region,
                                ct_gen_class_name(c->cls) ? ct_gen_class_name(c->cls) : "?");
        }
        for (j = 0; j < p->n_group; j++)
            if (p->group[j].layout == c->layout &&
                p->group[j].cls == c->cls &&
                same_str(p->group[j].region, c->region) &&
                same_str(p->group[j].subregion, c->subregion))
                g = &p->group[j];
        if (g == NULL) {
            size_t k;
            g = &p->group[p->n_group++];
            g->layout = c->layout;
            g->region = c->region;
            g->subregion = c->subregion;
            g->cls = c->cls;
            g->coverage = -9999;
            if (c->layout == CT_GEN_LAYOUT_ACLED)
                for (k = 0; k < sc->n_coverage; k++)
                    if (strcmp(sc->coverage[k].acled_region, c->region) == 0)
                        g->coverage = sc->coverage[k].first_year;
            g->country = p->country_mem + used;
            for (k = 0; k < sc->n_countries; k++)
                if (country_in(&sc->countries[k], g))
                    g->country[g->n_country++] = k;
            used += g->n_country;
            if (g->n_country == 0 ||
                (g->cls == CT_GEN_CLASS_INTERSTATE && g->n_country < 2)) {
                gs_plan_free(p);
                return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                    "scenario cell %zu (%s, %s): too few "
                                    "countries", i, c->region,
                                    ct_gen_class_name(c->cls));
            }
        }
        if (g->n_piece == sizeof g->piece / sizeof g->piece[0]) {
            gs_plan_free(p);
            return ct_error_set(err, CT_ELIMIT, NULL, 0,
                                "scenario: more than %zu cells of one key",
                                sizeof g->piece / sizeof g->piece[0]);
        }
        /* insertion by from_year */
        j = g->n_piece++;
        while (j > 0 && sc->cells[g->piece[j - 1]].from_year > c->from_year) {
            g->piece[j] = g->piece[j - 1];
            j--;
        }
        g->piece[j] = i;
    }
    return CT_OK;
}

size_t gs_piece_at(const gs_plan *p, const gs_group *g, int year)
{
    size_t k = 0;
    while (k + 1 < g->n_piece &&
           p->sc->cells[g->piece[k + 1]].from_year <= year)
        k++;
    return g->piece[k];
}

double gs_theta(const gs_plan *p, const gs_group *g, int year)
{
    return p->sc->cells[gs_piece_at(p, g, year)].theta;
}

double gs_mean(const gs_plan *p, const gs_group *g, int year, int month)
{
    const ct_gen_cell *c = &p->sc->cells[gs_piece_at(p, g, year)];
    double t;

    if (g->layout == CT_GEN_LAYOUT_ACLED) {
        if (year < g->coverage)
            return 0;
        if (month == 0) {
            double s = 0;
            int m;
            for (m = 1; m <= 12; m++)
                s += gs_mean(p, g, year, m);
            return s;
        }
        t = (double)(year - c->from_year) + (double)(month - 1) / 12.0;
    } else {
        t = (double)(year - c->from_year);
    }
    return exp(c->log_a + c->slope * t);
}

long gs_group_of(const gs_plan *p, ct_gen_layout layout, ct_gen_class cls,
                 size_t ci)
{
    size_t g, k;
    for (g = 0; g < p->n_group; g++) {
        if (p->group[g].layout != layout || p->group[g].cls != cls)
            continue;
        for (k = 0; k < p->group[g].n_country; k++)
            if (p->group[g].country[k] == ci)
                return (long)g;
    }
    return -1;
}

static double total_at(const gs_plan *p, ct_gen_layout layout,
                       double acd_scale)
{
    double s = 0;
    size_t g;
    int y;

    for (g = 0; g < p->n_group; g++) {
        const gs_group *gr = &p->group[g];
        double w;
        if (gr->layout == layout)
            w = 1;
        else if (layout == CT_GEN_LAYOUT_GED &&
                 gr->layout == CT_GEN_LAYOUT_ACD)
            w = p->sc->ged_events_per_conflict[gr->cls] * acd_scale;
        else
            continue;
        for (y = p->opt.from_year; y <= p->opt.to_year; y++)
            s += w * gs_mean(p, gr, y, 0);
    }
    return s;
}

double gs_total(const gs_plan *p, ct_gen_layout layout)
{
    double acd = 1;
    if (layout == CT_GEN_LAYOUT_GED) {
        unsigned long rows = p->sc->default_rows[CT_GEN_LAYOUT_ACD];
        double t = total_at(p, CT_GEN_LAYOUT_ACD, 1);
        if (rows > 0 && t > 0)
            acd = (double)rows / t;
    }
    return total_at(p, layout, acd);
}

/* Scale for a given target; the ACD part of GED always uses the ACD
 * default, because GED reuses the conflicts of the ACD file made without
 * --rows. */
static int scale_for(const gs_plan *p, ct_gen_layout layout,
                     unsigned long rows, int explicit_rows, double *out,
                     ct_error *err)
{
    double total;

    *out = 1;
    if (layout < CT_GEN_LAYOUT_ACD || layout > CT_GEN_LAYOUT_GED)
        return CT_OK;
    if (rows == 0)
        return CT_OK;
    total = gs_total(p, layout);
    if (!(total > 0)) {
        if (explicit_rows)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "the scenario has no %s rows in %d-%d",
                                ct_gen_layout_name(layout),
                                p->opt.from_year, p->opt.to_year);
        return CT_OK;
    }
    *out = (double)rows / total;
    return CT_OK;
}

int gs_scale(const gs_plan *p, ct_gen_layout layout, double *out,
             ct_error *err)
{
    if (layout < CT_GEN_LAYOUT_ACD || layout > CT_GEN_LAYOUT_GED) {
        *out = 1;
        return CT_OK;
    }
    if (p->opt.rows > 0)
        return scale_for(p, layout, p->opt.rows, 1, out, err);
    return scale_for(p, layout, p->sc->default_rows[layout], 0, out, err);
}

/* The ACD scale GED's conflicts are simulated at. */
static double acd_default_scale(const gs_plan *p)
{
    double s = 1;
    scale_for(p, CT_GEN_LAYOUT_ACD, p->sc->default_rows[CT_GEN_LAYOUT_ACD],
              0, &s, NULL);
    return s;
}

double gs_acd_default_scale(const gs_plan *p) { return acd_default_scale(p); }

int ct_gen_scale(const ct_gen_options *opt, ct_gen_layout layout,
                 double *out, ct_error *err)
{
    gs_plan p;
    int rc = gs_plan_init(&p, opt, err);
    *out = 1;
    if (rc != CT_OK)
        return rc;
    rc = gs_scale(&p, layout, out, err);
    gs_plan_free(&p);
    return rc;
}

static int matches(const gs_group *g, const char *region,
                   const char *subregion)
{
    if (region != NULL && strcmp(region, g->region) != 0)
        return 0;
    if (subregion != NULL &&
        (g->subregion == NULL || strcmp(subregion, g->subregion) != 0))
        return 0;
    return 1;
}

int ct_gen_expected(const ct_gen_options *opt, ct_gen_layout layout,
                    const char *region, const char *subregion,
                    ct_gen_class cls, int year, int month, double *out,
                    ct_error *err)
{
    gs_plan p;
    double scale, acd0 = 1, sum = 0;
    size_t g;
    int rc, state_based;

    *out = 0;
    if (month < 0 || month > 12 ||
        (month != 0 && layout != CT_GEN_LAYOUT_ACLED))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "month must be 0, or 1-12 for acled");
    if (layout < CT_GEN_LAYOUT_ACD || layout > CT_GEN_LAYOUT_GED)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "expected counts exist for acd, acled and ged");
    rc = gs_plan_init(&p, opt, err);
    if (rc != CT_OK)
        return rc;
    rc = gs_scale(&p, layout, &scale, err);
    if (rc != CT_OK) {
        gs_plan_free(&p);
        return rc;
    }
    state_based = cls >= CT_GEN_CLASS_INTERSTATE &&
                  cls <= CT_GEN_CLASS_INTERNATIONALIZED;
    if (layout == CT_GEN_LAYOUT_GED && state_based)
        acd0 = acd_default_scale(&p);
    for (g = 0; g < p.n_group; g++) {
        const gs_group *gr = &p.group[g];
        double w;
        if (gr->cls != cls || !matches(gr, region, subregion))
            continue;
        if (gr->layout == layout && !(layout == CT_GEN_LAYOUT_GED &&
                                      state_based))
            w = scale;
        else if (layout == CT_GEN_LAYOUT_GED && state_based &&
                 gr->layout == CT_GEN_LAYOUT_ACD)
            w = scale * acd0 * p.sc->ged_events_per_conflict[cls];
        else
            continue;
        sum += w * gs_mean(&p, gr, year, month);
    }
    *out = sum;
    gs_plan_free(&p);
    return CT_OK;
}
