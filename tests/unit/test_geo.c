/* SPDX-License-Identifier: MIT
 * test_geo.c - the country table (datasets/countries.csv) through
 * ct_geo_*: look-ups by GW number, ISO codes and names, the two subregion
 * schemes where they differ (FORMATS.md "Geography and counting";
 * datasets/README-countries.md "Notable choices"), and load errors.
 */
#include <stdio.h>
#include <string.h>

#include "ctrend/geo.h"
#include "runner.h"


static void test_geo_count(void)
{
    /* README-countries.md: 261 rows (205 GW states, 56 other entities) */
    size_t i, gw = 0;
    CU_ASSERT_EQUAL(ct_geo_count(ct_test_geo), 261);
    for (i = 0; i < ct_geo_count(ct_test_geo); i++)
        gw += ct_geo_at(ct_test_geo, i)->gwno >= 0;
    CU_ASSERT_EQUAL(gw, 205);
    CU_ASSERT_PTR_NULL(ct_geo_at(ct_test_geo, 261));
}

static void test_geo_myanmar_not_by_range(void)
{
    /* 775 sits among South Asia's numbers but is Southeast Asia */
    const ct_country *c = ct_geo_by_gwno(ct_test_geo, 775);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->name, "Myanmar");
    CU_ASSERT_STRING_EQUAL(c->iso3, "MMR");
    CU_ASSERT_EQUAL(c->ucdp_region, 3);
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(c, CT_SCHEME_ACLED),
                           "Southeast Asia");
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(c, CT_SCHEME_UN),
                           "South-eastern Asia");
    /* its neighbours by number are South Asia */
    CU_ASSERT_STRING_EQUAL(
        ct_geo_country_subregion(ct_geo_by_gwno(ct_test_geo, 771), CT_SCHEME_ACLED),
        "South Asia");
    CU_ASSERT_STRING_EQUAL(
        ct_geo_country_subregion(ct_geo_by_gwno(ct_test_geo, 780), CT_SCHEME_ACLED),
        "South Asia");
}

static void test_geo_schemes_differ(void)
{
    const ct_country *afg = ct_geo_by_gwno(ct_test_geo, 700);
    const ct_country *irn = ct_geo_by_gwno(ct_test_geo, 630);
    const ct_country *geo_ = ct_geo_by_gwno(ct_test_geo, 372);
    CU_ASSERT_PTR_NOT_NULL_FATAL(afg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(irn);
    CU_ASSERT_PTR_NOT_NULL_FATAL(geo_);
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(afg, CT_SCHEME_ACLED),
                           "Caucasus and Central Asia");
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(afg, CT_SCHEME_UN),
                           "Southern Asia");
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(irn, CT_SCHEME_ACLED),
                           "Middle East");
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(irn, CT_SCHEME_UN),
                           "Southern Asia");
    CU_ASSERT_EQUAL(irn->ucdp_region, 2);
    /* Georgia: UCDP Europe, ACLED Caucasus, M49 Western Asia */
    CU_ASSERT_EQUAL(geo_->ucdp_region, 1);
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(geo_, CT_SCHEME_ACLED),
                           "Caucasus and Central Asia");
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(geo_, CT_SCHEME_UN),
                           "Western Asia");
}

static void test_geo_by_codes(void)
{
    const ct_country *c = ct_geo_by_gwno(ct_test_geo, 520);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_STRING_EQUAL(c->name, "Somalia");
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso3(ct_test_geo, "SOM"), c);
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso3(ct_test_geo, "som"), c);
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso_num(ct_test_geo, 706), c);
    /* ACLED writes ISO numbers without leading zeros: 4 is Afghanistan */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso_num(ct_test_geo, 4), ct_geo_by_gwno(ct_test_geo, 700));
    /* Kosovo: XKX and ACLED's 0 */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso_num(ct_test_geo, 0), ct_geo_by_gwno(ct_test_geo, 347));
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso3(ct_test_geo, "XKX"), ct_geo_by_gwno(ct_test_geo, 347));
    /* Serbia: UCDP keeps 345 after 2006 */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_iso3(ct_test_geo, "SRB"), ct_geo_by_gwno(ct_test_geo, 345));
    CU_ASSERT_PTR_NULL(ct_geo_by_gwno(ct_test_geo, 999));
    CU_ASSERT_PTR_NULL(ct_geo_by_gwno(ct_test_geo, -1));
    CU_ASSERT_PTR_NULL(ct_geo_by_gwno(ct_test_geo, 100000));
    CU_ASSERT_PTR_NULL(ct_geo_by_iso3(ct_test_geo, "SO"));
    CU_ASSERT_PTR_NULL(ct_geo_by_iso3(ct_test_geo, "ZZZ"));
}

static void test_geo_by_name(void)
{
    const ct_country *civ = ct_geo_by_gwno(ct_test_geo, 437);
    CU_ASSERT_PTR_NOT_NULL_FATAL(civ);
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "Ivory Coast"), civ);
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "C\xc3\xb4te d'Ivoire"), civ);
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "Cote d'Ivoire"), civ);
    /* the typographic apostrophe U+2019 */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "C\xc3\xb4te d\xe2\x80\x99Ivoire"),
                        civ);
    /* case and surrounding spaces are ignored */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "  myanmar (burma) "),
                        ct_geo_by_gwno(ct_test_geo, 775));
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "RUSSIA (SOVIET UNION)"),
                        ct_geo_by_gwno(ct_test_geo, 365));
    /* a UCDP name with a comma inside */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "Macedonia, FYR"),
                        ct_geo_by_gwno(ct_test_geo, 343));
    /* ISO3 codes are names too */
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "AFG"), ct_geo_by_gwno(ct_test_geo, 700));
    CU_ASSERT_PTR_EQUAL(ct_geo_by_name(ct_test_geo, "Democratic Republic of Congo"),
                        ct_geo_by_gwno(ct_test_geo, 490));
    /* not in the table */
    CU_ASSERT_PTR_NULL(ct_geo_by_name(ct_test_geo, "Somaliland"));
    CU_ASSERT_PTR_NULL(ct_geo_by_name(ct_test_geo, ""));
    CU_ASSERT_PTR_NULL(ct_geo_by_name(ct_test_geo, "   "));
}

static void test_geo_regions(void)
{
    CU_ASSERT_STRING_EQUAL(ct_geo_region_name(1), "Europe");
    CU_ASSERT_STRING_EQUAL(ct_geo_region_name(2), "Middle East");
    CU_ASSERT_STRING_EQUAL(ct_geo_region_name(3), "Asia");
    CU_ASSERT_STRING_EQUAL(ct_geo_region_name(4), "Africa");
    CU_ASSERT_STRING_EQUAL(ct_geo_region_name(5), "Americas");
    CU_ASSERT_PTR_NULL(ct_geo_region_name(0));
    CU_ASSERT_PTR_NULL(ct_geo_region_name(6));
    CU_ASSERT_EQUAL(ct_geo_region_parse("middle east"), 2);
    CU_ASSERT_EQUAL(ct_geo_region_parse("Asia and Oceania"), 3);
    CU_ASSERT_EQUAL(ct_geo_region_parse(" Africa"), 4);
    CU_ASSERT_EQUAL(ct_geo_region_parse("Oceania"), 0);
    CU_ASSERT_EQUAL(ct_geo_region_parse(""), 0);
}

static void test_geo_no_subregion(void)
{
    /* Antarctica has an ACLED region but no M49 subregion */
    const ct_country *c = ct_geo_by_iso3(ct_test_geo, "ATA");
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->ucdp_region, 0);
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(c, CT_SCHEME_UN), "");
    CU_ASSERT_STRING_EQUAL(ct_geo_country_subregion(c, CT_SCHEME_ACLED),
                           "Antarctica");
}

/* FORMATS.md: "Coverage began in different years: Africa 1997, South and
 * Southeast Asia 2010, Middle East 2015, Caucasus and Central Asia 2017,
 * Europe and the Americas 2018, Oceania 2021." */
static void test_geo_acled_coverage(void)
{
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Eastern Africa"), 1997);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Northern Africa"), 1997);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("South Asia"), 2010);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Southern Asia"), 2010);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Southeast Asia"), 2010);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Middle East"), 2015);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Caucasus and Central Asia"),
                    2017);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Europe"), 2018);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("North America"), 2018);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("South America"), 2018);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Oceania"), 2021);
    CU_ASSERT_EQUAL(ct_geo_acled_coverage_start("Atlantis"), 0);
    /* each country carries its region's start */
    CU_ASSERT_EQUAL(ct_geo_by_gwno(ct_test_geo, 700)->acled_start, 2017);
    CU_ASSERT_EQUAL(ct_geo_by_gwno(ct_test_geo, 775)->acled_start, 2010);
    CU_ASSERT_EQUAL(ct_geo_by_gwno(ct_test_geo, 520)->acled_start, 1997);
    CU_ASSERT_EQUAL(ct_geo_by_gwno(ct_test_geo, 630)->acled_start, 2015);
}

static void load_error(const char *name, int code, long line,
                       const char *msg)
{
    char path[4096];
    ct_geo *g = (ct_geo *)&g; /* must be reset to NULL */
    ct_error err;
    int rc;

    snprintf(path, sizeof path, "%s/tests/data/%s", ct_test_source_dir(),
             name);
    rc = ct_geo_load(&g, path, &err);
    CU_ASSERT_EQUAL(rc, code);
    CU_ASSERT_PTR_NULL(g);
    CU_ASSERT_EQUAL(err.line, line);
    if (msg != NULL)
        CU_ASSERT_STRING_EQUAL(err.msg, msg);
}

/* ct_geo_load names its file in the message: the path is the caller's */
static void test_geo_load_errors(void)
{
    load_error("geo_missing_column.csv", CT_EPARSE, 1,
               "missing required column 'un_subregion'");
    load_error("geo_bad_region.csv", CT_EPARSE, 3,
               "ucdp_region must be 1-5, got '7'");
    load_error("no_such_table.csv", CT_EIO, 0, NULL);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("ct_test_geo", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "count", test_geo_count) ||
        !CU_add_test(s, "myanmar not by range",
                     test_geo_myanmar_not_by_range) ||
        !CU_add_test(s, "schemes differ", test_geo_schemes_differ) ||
        !CU_add_test(s, "by codes", test_geo_by_codes) ||
        !CU_add_test(s, "by name", test_geo_by_name) ||
        !CU_add_test(s, "regions", test_geo_regions) ||
        !CU_add_test(s, "no subregion", test_geo_no_subregion) ||
        !CU_add_test(s, "acled coverage", test_geo_acled_coverage) ||
        !CU_add_test(s, "load errors", test_geo_load_errors))
        return -1;
    return 0;
}
