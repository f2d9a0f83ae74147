/* SPDX-License-Identifier: MIT
 * test_series.c - the series builder (series.h) on the fixtures of
 * tests/data/ with counts computed by hand from their rows, and on the
 * UCDP/PRIO ACD 23.1 of ../shared/data against counts computed
 * independently in Python (tests/reference/acd/, compared whole).
 *
 * tests/data/acd_small.csv, the hand-computed fixture (conflict, year,
 * type, gwno_loc, region):
 *   90001 1998 3 750 (India)          3
 *   90001 2000 4 750                  3
 *   90002 2000 2 750, 770 (Pakistan)  3
 *   90003 2000 3 365 (Russia), 775 (Myanmar)     "1, 3"
 *   90004 2001 3 700 (Afghanistan), 372 (Georgia) "3, 1"
 *   90005 2001 1 630 (Iran)           2
 *   90001 2001 3 750                  3
 * No row in 1999: it must be a zero, not a missing row.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/load.h"
#include "ctrend/report.h"
#include "ctrend/series.h"
#include "runner.h"


static const char *data_path(const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/tests/data/%s", ct_test_source_dir(),
             name);
    return buf;
}

/* Builds a series from files (NULL-terminated list of fixture names, or
 * absolute paths when abs is 1). Returns NULL and fills err on failure. */
static ct_series *build_files(ct_series_options *o, const char *const *files,
                              int abs, ct_error *err)
{
    ct_series_builder *b = NULL;
    ct_series *s = NULL;
    size_t i;

    o->geo = ct_test_geo;
    ct_error_clear(err);
    if (ct_series_builder_alloc(&b, o, err) != CT_OK)
        return NULL;
    for (i = 0; files[i]; i++) {
        ct_load_options lo = CT_LOAD_OPTIONS_INIT;
        lo.geo = ct_test_geo;
        lo.display = files[i];
        if (ct_series_builder_begin_file(b, err) != CT_OK ||
            ct_load_file(abs ? files[i] : data_path(files[i]), &lo,
                         ct_series_builder_add, b, NULL, err) != CT_OK) {
            ct_series_builder_free(b);
            return NULL;
        }
    }
    if (ct_series_builder_finish(b, &s, err) != CT_OK)
        s = NULL;
    ct_series_builder_free(b);
    return s;
}

static ct_series *build(ct_series_options *o, const char *file,
                        ct_error *err)
{
    const char *files[2];
    files[0] = file;
    files[1] = NULL;
    return build_files(o, files, 0, err);
}

/* Renders rows as "period,key...,value;" (value %g, NA for NaN), written
 * here rather than with ct_report_series so the writer is tested
 * separately. */
static char *render(const ct_series *s)
{
    size_t cap = 64 + s->n * 96, n = 0, i, j;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (i = 0; i < s->n; i++) {
        if (s->by_month)
            n += (size_t)snprintf(out + n, cap - n, "%04d-%02d", s->year[i],
                                  s->month[i]);
        else
            n += (size_t)snprintf(out + n, cap - n, "%04d", s->year[i]);
        for (j = 0; j < s->n_keys; j++)
            n += (size_t)snprintf(out + n, cap - n, ",%s",
                                  s->key[i * s->n_keys + j]);
        if (isnan(s->value[i]))
            n += (size_t)snprintf(out + n, cap - n, ",NA;");
        else
            n += (size_t)snprintf(out + n, cap - n, ",%g;", s->value[i]);
    }
    return out;
}

static void expect_series(ct_series_options *o, const char *file,
                          const char *want)
{
    ct_error err;
    ct_series *s = build(o, file, &err);
    char *got;

    CU_ASSERT_PTR_NOT_NULL(s);
    if (s == NULL) {
        fprintf(stderr, "\n  %s: %s:%ld: %s\n", file, err.path, err.line,
                err.msg);
        return;
    }
    got = render(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  got  %s\n  want %s\n", got, want);
    free(got);
    ct_series_free(s);
}

static void expect_build_error(ct_series_options *o, const char *file,
                               int code, const char *msg)
{
    ct_error err;
    ct_series *s = build(o, file, &err);
    CU_ASSERT_PTR_NULL(s);
    ct_series_free(s);
    CU_ASSERT_EQUAL(err.code, code);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
    if (strcmp(err.msg, msg) != 0)
        fprintf(stderr, "\n  got  '%s'\n  want '%s'\n", err.msg, msg);
}

/* ---- conflicts: UCDP ACD fixture ------------------------------------ */

static void test_series_total_zero_filled(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    /* 1998: 90001; 1999: none; 2000: 90001 90002 90003;
     * 2001: 90004 90005 90001 */
    expect_series(&o, "acd_small.csv", "1998,1;1999,0;2000,3;2001,3;");
}

static void test_series_by_class(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_CLASS;
    o.n_keys = 1;
    expect_series(&o, "acd_small.csv",
                  "1998,extrasystemic,0;1998,internationalized,0;"
                  "1998,interstate,0;1998,intrastate,1;"
                  "1999,extrasystemic,0;1999,internationalized,0;"
                  "1999,interstate,0;1999,intrastate,0;"
                  "2000,extrasystemic,0;2000,internationalized,1;"
                  "2000,interstate,1;2000,intrastate,1;"
                  "2001,extrasystemic,1;2001,internationalized,0;"
                  "2001,interstate,0;2001,intrastate,2;");
}

/* "1, 3" and unsorted "3, 1" count once in each region; the regions of
 * 2001 add up to 4 while the world total is 3 */
static void test_series_by_region_multi_valued(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_REGION;
    o.n_keys = 1;
    expect_series(&o, "acd_small.csv",
                  "1998,Asia,1;1998,Europe,0;1998,Middle East,0;"
                  "1999,Asia,0;1999,Europe,0;1999,Middle East,0;"
                  "2000,Asia,3;2000,Europe,1;2000,Middle East,0;"
                  "2001,Asia,2;2001,Europe,1;2001,Middle East,1;");
}

static void test_series_by_subregion_acled(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_SUBREGION;
    o.n_keys = 1;
    /* 90002 touches India and Pakistan, both South Asia: counted once;
     * 90004 touches Afghanistan and Georgia, both Caucasus and Central
     * Asia in this scheme: once; Myanmar is Southeast Asia */
    expect_series(&o, "acd_small.csv",
                  "1998,Caucasus and Central Asia,0;1998,Europe,0;"
                  "1998,Middle East,0;1998,South Asia,1;"
                  "1998,Southeast Asia,0;"
                  "1999,Caucasus and Central Asia,0;1999,Europe,0;"
                  "1999,Middle East,0;1999,South Asia,0;"
                  "1999,Southeast Asia,0;"
                  "2000,Caucasus and Central Asia,0;2000,Europe,1;"
                  "2000,Middle East,0;2000,South Asia,2;"
                  "2000,Southeast Asia,1;"
                  "2001,Caucasus and Central Asia,1;2001,Europe,0;"
                  "2001,Middle East,1;2001,South Asia,1;"
                  "2001,Southeast Asia,0;");
}

static void test_series_by_subregion_un(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_SUBREGION;
    o.n_keys = 1;
    o.scheme = CT_SCHEME_UN;
    /* M49: Afghanistan and Iran are Southern Asia, Georgia Western Asia:
     * 2001 Southern Asia = 90004, 90005, 90001 */
    expect_series(&o, "acd_small.csv",
                  "1998,Eastern Europe,0;1998,South-eastern Asia,0;"
                  "1998,Southern Asia,1;1998,Western Asia,0;"
                  "1999,Eastern Europe,0;1999,South-eastern Asia,0;"
                  "1999,Southern Asia,0;1999,Western Asia,0;"
                  "2000,Eastern Europe,1;2000,South-eastern Asia,1;"
                  "2000,Southern Asia,2;2000,Western Asia,0;"
                  "2001,Eastern Europe,0;2001,South-eastern Asia,0;"
                  "2001,Southern Asia,3;2001,Western Asia,1;");
}

static void test_series_region_filter_keeps_matching_places(void)
{
    static const char *const asia[] = {"Asia"};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_SUBREGION;
    o.n_keys = 1;
    o.regions = asia;
    o.n_regions = 1;
    /* 90003 (Russia + Myanmar) shows only under Southeast Asia; 90004
     * (Afghanistan + Georgia, UCDP Europe) only through Afghanistan;
     * Iran (Middle East) is out */
    expect_series(&o, "acd_small.csv",
                  "1998,Caucasus and Central Asia,0;1998,South Asia,1;"
                  "1998,Southeast Asia,0;"
                  "1999,Caucasus and Central Asia,0;1999,South Asia,0;"
                  "1999,Southeast Asia,0;"
                  "2000,Caucasus and Central Asia,0;2000,South Asia,2;"
                  "2000,Southeast Asia,1;"
                  "2001,Caucasus and Central Asia,1;2001,South Asia,1;"
                  "2001,Southeast Asia,0;");
}

static void test_series_class_mask_and_country(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_COUNTRY;
    o.n_keys = 1;
    o.class_mask = 1u << CT_CLASS_INTRASTATE |
                   1u << CT_CLASS_INTERNATIONALIZED;
    /* interstate 90002 and extrasystemic 90005 are out; Pakistan then
     * never occurs */
    expect_series(&o, "acd_small.csv",
                  "1998,Afghanistan,0;1998,Georgia,0;1998,India,1;"
                  "1998,Myanmar,0;1998,Russia,0;"
                  "1999,Afghanistan,0;1999,Georgia,0;1999,India,0;"
                  "1999,Myanmar,0;1999,Russia,0;"
                  "2000,Afghanistan,0;2000,Georgia,0;2000,India,1;"
                  "2000,Myanmar,1;2000,Russia,1;"
                  "2001,Afghanistan,1;2001,Georgia,1;2001,India,1;"
                  "2001,Myanmar,0;2001,Russia,0;");
}

static void test_series_country_filter(void)
{
    static const char *const c[] = {"PAK", "770"};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.countries = c;
    o.n_countries = 2;
    /* only 90002 (2000) touches Pakistan; the range is the data's
     * (1998-2001), not the selection's (issue 8, class 2) */
    expect_series(&o, "acd_small.csv", "1998,0;1999,0;2000,1;2001,0;");
}

static void test_series_two_keys(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_CLASS;
    o.keys[1] = CT_KEY_REGION;
    o.n_keys = 2;
    o.from = 2001;
    /* combinations that occur anywhere in the selection (2001 only) */
    expect_series(&o, "acd_small.csv",
                  "2001,extrasystemic,Middle East,1;2001,intrastate,Asia,2;"
                  "2001,intrastate,Europe,1;");
}

static void test_series_from_to_zero_fill(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.from = 1995;
    o.to = 2003;
    /* the file covers 1998-2001: the years beyond say nothing (NA) */
    expect_series(&o, "acd_small.csv",
                  "1995,NA;1996,NA;1997,NA;1998,1;1999,0;2000,3;2001,3;"
                  "2002,NA;2003,NA;");
    o.coverage = CT_COVERAGE_NONE; /* as before issue 8: zero-filled */
    expect_series(&o, "acd_small.csv",
                  "1995,0;1996,0;1997,0;1998,1;1999,0;2000,3;2001,3;"
                  "2002,0;2003,0;");
    o.coverage = CT_COVERAGE_ACLED;
    o.from = 2000;
    o.to = 2000;
    expect_series(&o, "acd_small.csv", "2000,3;");
}

static void test_series_nonstate_and_ged_conflicts(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    /* dyad-years 92001 (2010), 92002 + 92001 (2011) */
    expect_series(&o, "nonstate_small.csv", "2010,1;2011,2;");
    /* GED events: conflict_new_id 90001, 92003 (2019), 94003 (2020) */
    expect_series(&o, "ged_native.csv", "2019,2;2020,1;");
}

static void test_series_brd_conflicts(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    /* two dyads of conflict 90001 in 2000 are one conflict */
    expect_series(&o, "brd_small.csv", "2000,1;2001,1;");
}

static void test_series_ged_by_month(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.by_month = 1;
    o.measure = CT_MEASURE_EVENTS;
    o.from = 2019;
    o.to = 2019;
    /* events on 2019-02-16 and 2019-03-01; the 2020 event is out. GED
     * is published by whole months: the file covers February 2019 on,
     * so January is missing */
    expect_series(&o, "ged_native.csv",
                  "2019-01,NA;2019-02,1;2019-03,1;2019-04,0;2019-05,0;"
                  "2019-06,0;2019-07,0;2019-08,0;2019-09,0;2019-10,0;"
                  "2019-11,0;2019-12,0;");
}

/* ---- deaths and events ------------------------------------------------- */

static void test_series_deaths_estimates(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_DEATHS;
    /* brd_small: 2000 = 30 + 100, 2001 = 1200; low 25 + 90, 1000;
     * high 40 + 150, 1500 */
    expect_series(&o, "brd_small.csv", "2000,130;2001,1200;");
    o.estimate = CT_EST_LOW;
    expect_series(&o, "brd_small.csv", "2000,115;2001,1000;");
    o.estimate = CT_EST_HIGH;
    expect_series(&o, "brd_small.csv", "2000,190;2001,1500;");
}

/* The three estimates in one pass: deaths (best) with extra deaths of
 * estimates low and high; the numbers of test_series_deaths_estimates
 * (brd_small: sums of its rows). */
static void test_series_deaths_range_one_pass(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    ct_error err;
    ct_series *s;

    o.measure = CT_MEASURE_DEATHS;
    o.extra[0] = o.extra[1] = CT_MEASURE_DEATHS;
    o.extra_estimate[0] = CT_EST_LOW;
    o.extra_estimate[1] = CT_EST_HIGH;
    o.n_extra = 2;
    s = build(&o, "brd_small.csv", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL_FATAL(s->n, 2);
    CU_ASSERT_EQUAL(s->n_extra, 2);
    CU_ASSERT_DOUBLE_EQUAL(s->value[0], 130, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->value[1], 1200, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->extra[0][0], 115, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->extra[0][1], 1000, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->extra[1][0], 190, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->extra[1][1], 1500, 0);
    ct_series_free(s);
    /* an extra estimate is checked like the main one: row 1 of brd_na
     * has no low estimate; the main estimate alone does not need it */
    o.n_extra = 1;
    expect_build_error(&o, "brd_na.csv", CT_EDOMAIN,
                       "no low death estimate in this record");
    /* ACLED gives one fatality count: no low or high extra */
    o.extra_estimate[0] = CT_EST_HIGH;
    expect_build_error(&o, "acled_current.csv", CT_EDOMAIN,
                       "ACLED events give one fatality count, not low and "
                       "high estimates: use --estimate best");
}

static void test_series_deaths_missing_estimate(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_DEATHS;
    expect_series(&o, "brd_na.csv", "2000,130;");
    /* row 1's bd_low is NA: a low-estimate sum cannot be formed */
    o.estimate = CT_EST_LOW;
    expect_build_error(&o, "brd_na.csv", CT_EDOMAIN,
                       "no low death estimate in this record");
}

static void test_series_duplicates_across_files(void)
{
    static const char *const files[] = {"brd_small.csv", "brd_overlap.csv",
                                        NULL};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    ct_error err;
    ct_series *s;
    char *got;

    o.measure = CT_MEASURE_DEATHS;
    o.dedup = 1;
    /* dyad 91003 (2001, 1200) is in both files: counted once; 91004 adds
     * 45 */
    s = build_files(&o, files, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    got = render(s);
    /* Somalia (520) is only in brd_overlap.csv, which covers 2001: the
     * total's 2000 is not covered for it */
    CU_ASSERT_STRING_EQUAL(got, "2000,NA;2001,1245;");
    free(got);
    ct_series_free(s);
    o.coverage = CT_COVERAGE_NONE;
    s = build_files(&o, files, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    got = render(s);
    CU_ASSERT_STRING_EQUAL(got, "2000,130;2001,1245;");
    CU_ASSERT_EQUAL(s->duplicates, 1);
    free(got);
    ct_series_free(s);
    /* without dedup both copies add up */
    o.dedup = 0;
    s = build_files(&o, files, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    got = render(s);
    CU_ASSERT_STRING_EQUAL(got, "2000,130;2001,2445;");
    CU_ASSERT_EQUAL(s->duplicates, 0);
    free(got);
    ct_series_free(s);
}

static void test_series_acled_events_by_month(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    o.by_month = 1;
    /* acled_current dates: 04-01, 04-03, 05-10, 05-11, 06-01, 06-02,
     * 07-01 (2025), 01-15 (2026) */
    expect_series(&o, "acled_current.csv",
                  "2025-04,2;2025-05,2;2025-06,2;2025-07,1;2025-08,0;"
                  "2025-09,0;2025-10,0;2025-11,0;2025-12,0;2026-01,1;");
}

static void test_series_acled_deaths_by_event_type(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_DEATHS;
    o.keys[0] = CT_KEY_EVENT_TYPE;
    o.n_keys = 1;
    o.to = 2025;
    /* Battles 4 + 7 + 5 + 1; Explosions 3; VAC 2; Protests 0 */
    expect_series(&o, "acled_current.csv",
                  "2025,Battles,17;2025,Explosions/Remote violence,3;"
                  "2025,Protests,0;2025,Violence against civilians,2;");
}

static void test_series_acled_before_coverage_missing(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    o.from = 2015;
    o.to = 2021;
    /* the file covers 1-22 March 2020 only: every other year is missing
     * and 2020 is partial */
    expect_series(&o, "acled_export.csv",
                  "2015,NA;2016,NA;2017,NA;2018,NA;2019,NA;2020,5;2021,NA;");
    /* without file spans, Afghanistan (Caucasus and Central Asia) is
     * covered from 2017: 2015-2016 stay missing, the rest are zeros */
    o.coverage = CT_COVERAGE_NONE;
    expect_series(&o, "acled_export.csv",
                  "2015,0;2016,0;2017,0;2018,0;2019,0;2020,5;2021,0;");
}

/* --to before the data's years: no event is counted, but the years before
 * Afghanistan's coverage are still unknown, not zeros */
static void test_series_acled_coverage_with_to(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    o.from = 2015;
    o.to = 2018;
    expect_series(&o, "acled_export.csv", "2015,NA;2016,NA;2017,NA;2018,NA;");
}

static void test_series_hapi_events(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    o.keys[0] = CT_KEY_CLASS;
    o.n_keys = 1;
    o.by_month = 1;
    /* political_violence 120 + 41, civilian_targeting 30 + 7,
     * demonstration 9 + 0 */
    expect_series(&o, "hapi_small.csv",
                  "2025-01,onesided,37;2025-01,other,9;"
                  "2025-01,unclassified,161;");
    o.measure = CT_MEASURE_DEATHS;
    o.n_keys = 0;
    expect_series(&o, "hapi_small.csv", "2025-01,172;");
}

/* ---- refusals ----------------------------------------------------------- */

static void test_series_measure_errors(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_DEATHS;
    expect_build_error(&o, "acd_small.csv", CT_EDOMAIN,
                       "the UCDP/PRIO Armed Conflict Dataset has no death "
                       "counts: use the Battle-Related Deaths dataset for "
                       "deaths");
    o.measure = CT_MEASURE_CONFLICTS;
    expect_build_error(&o, "acled_current.csv", CT_EDOMAIN,
                       "ACLED events carry no conflict identifier, so they "
                       "cannot count conflicts: use --measure events or "
                       "deaths");
    o.measure = CT_MEASURE_DEATHS;
    o.estimate = CT_EST_LOW;
    expect_build_error(&o, "acled_current.csv", CT_EDOMAIN,
                       "ACLED events give one fatality count, not low and "
                       "high estimates: use --estimate best");
    o.measure = CT_MEASURE_CONFLICTS;
    o.estimate = CT_EST_BEST;
    o.by_month = 1;
    expect_build_error(&o, "acd_small.csv", CT_EDOMAIN,
                       "the UCDP/PRIO Armed Conflict Dataset is yearly: "
                       "--by month needs dated events (GED or ACLED)");
}

static void test_series_mixed_datasets(void)
{
    static const char *const files[] = {"brd_small.csv", "ged_native.csv",
                                        NULL};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    ct_error err;
    ct_series *s = build_files(&o, files, 0, &err);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL(err.code, CT_EDOMAIN);
    CU_ASSERT_STRING_EQUAL(err.msg,
                           "cannot add UCDP Georeferenced Event Dataset to a "
                           "series of UCDP Battle-Related Deaths Dataset: "
                           "give files of one dataset");
}

static void alloc_error(ct_series_options *o, const char *msg)
{
    ct_series_builder *b = (ct_series_builder *)&b;
    ct_error err;
    o->geo = ct_test_geo;
    CU_ASSERT_EQUAL(ct_series_builder_alloc(&b, o, &err), CT_EUSAGE);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
}

static void test_series_option_errors(void)
{
    static const char *const region[] = {"Atlantis"};
    static const char *const sub[] = {"Southern Asia"};
    static const char *const country[] = {"Somaliland"};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;

    o.regions = region;
    o.n_regions = 1;
    alloc_error(&o, "unknown region 'Atlantis' (regions: Europe, Middle "
                    "East, Asia, Africa, Americas)");
    o.n_regions = 0;
    /* an M49 name is no subregion of the ACLED scheme */
    o.subregions = sub;
    o.n_subregions = 1;
    /* the ACLED scheme's subregions, in the country table's order */
    alloc_error(&o, "unknown subregion 'Southern Asia' in the acled scheme "
                    "(subregions: North America, Caribbean, Central America, "
                    "South America, Europe, Caucasus and Central Asia, "
                    "Western Africa, Middle Africa, Eastern Africa, Southern "
                    "Africa, Northern Africa, Middle East, East Asia, South "
                    "Asia, Southeast Asia, Oceania, Antarctica)");
    o.n_subregions = 0;
    o.countries = country;
    o.n_countries = 1;
    alloc_error(&o, "unknown country 'Somaliland' (give a name, ISO3 code "
                    "or GW number)");
    o.n_countries = 0;
    o.from = 2001;
    o.to = 2000;
    alloc_error(&o, "--from 2001 is after --to 2000");
    o.from = o.to = 0;
    o.keys[0] = CT_KEY_CLASS;
    o.keys[1] = CT_KEY_CLASS;
    o.n_keys = 2;
    alloc_error(&o, "group key 'class' given twice");
}

static void test_series_nothing_selected(void)
{
    static const char *const c[] = {"Brazil"};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.countries = c;
    o.n_countries = 1;
    /* the ungrouped total over the data's years, all zero */
    expect_series(&o, "acd_small.csv", "1998,0;1999,0;2000,0;2001,0;");
    o.keys[0] = CT_KEY_COUNTRY; /* grouped: no group occurs, no rows */
    o.n_keys = 1;
    expect_series(&o, "acd_small.csv", "");
    o.n_keys = 0;
    o.from = 1999;
    o.to = 2000;
    expect_series(&o, "acd_small.csv", "1999,0;2000,0;");
}

/* ---- coverage and range (issue 8, classes 2 and 3) ------------------ */

/* The partial flags as "period,key,flag;" for the rows flagged. */
static char *render_partial(const ct_series *s)
{
    size_t cap = 64 + s->n * 96, n = 0, i, j;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (i = 0; s->partial && i < s->n; i++) {
        if (!s->partial[i])
            continue;
        if (s->by_month)
            n += (size_t)snprintf(out + n, cap - n, "%04d-%02d", s->year[i],
                                  s->month[i]);
        else
            n += (size_t)snprintf(out + n, cap - n, "%04d", s->year[i]);
        for (j = 0; j < s->n_keys; j++)
            n += (size_t)snprintf(out + n, cap - n, ",%s",
                                  s->key[i * s->n_keys + j]);
        n += (size_t)snprintf(out + n, cap - n, ";");
    }
    return out;
}

static void expect_files(ct_series_options *o, const char *const *files,
                         int abs, const char *want, const char *want_partial)
{
    ct_error err;
    ct_series *s = build_files(o, files, abs, &err);
    char *got, *gotp;
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    got = render(s);
    gotp = render_partial(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gotp);
    if (want) {
        CU_ASSERT_STRING_EQUAL(got, want);
        if (strcmp(got, want) != 0)
            fprintf(stderr, "\n  got  %s\n  want %s\n", got, want);
    }
    CU_ASSERT_STRING_EQUAL(gotp, want_partial);
    if (strcmp(gotp, want_partial) != 0)
        fprintf(stderr, "\n  got partial  %s\n  want partial %s\n", gotp,
                want_partial);
    CU_ASSERT_EQUAL(s->partial == NULL, want_partial[0] == '\0');
    free(got);
    free(gotp);
    ct_series_free(s);
}

/* acled_cov_som.csv: Somalia, 2018-01-01, 2018-06-15, 2019-10-20;
 * acled_cov_lka.csv: Sri Lanka, 2020-01-01, 2020-07-01, 2021-12-31.
 * Each file says nothing about the other's country outside its own
 * span: NA there, not 0; 2019 (to 20 October) is partial for Somalia. */
static void test_series_coverage_two_files(void)
{
    static const char *const files[] = {"acled_cov_som.csv",
                                        "acled_cov_lka.csv", NULL};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    o.keys[0] = CT_KEY_COUNTRY;
    o.n_keys = 1;
    expect_files(&o, files, 0,
                 "2018,Somalia,2;2018,Sri Lanka,NA;"
                 "2019,Somalia,1;2019,Sri Lanka,NA;"
                 "2020,Somalia,NA;2020,Sri Lanka,2;"
                 "2021,Somalia,NA;2021,Sri Lanka,1;",
                 "2019,Somalia;");
    /* the same with file spans only (both countries' ACLED coverage began
     * long before) */
    o.coverage = CT_COVERAGE_DATA;
    expect_files(&o, files, 0,
                 "2018,Somalia,2;2018,Sri Lanka,NA;"
                 "2019,Somalia,1;2019,Sri Lanka,NA;"
                 "2020,Somalia,NA;2020,Sri Lanka,2;"
                 "2021,Somalia,NA;2021,Sri Lanka,1;",
                 "2019,Somalia;");
    /* no coverage rule: zero-filled, nothing partial */
    o.coverage = CT_COVERAGE_NONE;
    expect_files(&o, files, 0,
                 "2018,Somalia,2;2018,Sri Lanka,0;"
                 "2019,Somalia,1;2019,Sri Lanka,0;"
                 "2020,Somalia,0;2020,Sri Lanka,2;"
                 "2021,Somalia,0;2021,Sri Lanka,1;",
                 "");
    /* the ungrouped total needs both countries covered: never here */
    o.coverage = CT_COVERAGE_ACLED;
    o.n_keys = 0;
    expect_files(&o, files, 0, "2018,NA;2019,NA;2020,NA;2021,NA;", "");
    /* months after the last event are NA; its month is partial (Sri
     * Lanka has no event in 2019: no group of its own) */
    o.by_month = 1;
    o.keys[0] = CT_KEY_COUNTRY;
    o.n_keys = 1;
    o.from = 2019;
    o.to = 2019;
    expect_files(&o, files, 0,
                 "2019-01,Somalia,0;2019-02,Somalia,0;2019-03,Somalia,0;"
                 "2019-04,Somalia,0;2019-05,Somalia,0;2019-06,Somalia,0;"
                 "2019-07,Somalia,0;2019-08,Somalia,0;2019-09,Somalia,0;"
                 "2019-10,Somalia,1;2019-11,Somalia,NA;2019-12,Somalia,NA;",
                 "2019-10,Somalia;");
}

/* Reads file f0 into builder 0 and file f1 into builder 1 (each in its
 * file slot, as per-thread readers do), merges builder 1 into builder 0
 * and returns the series by country (NULL on failure). */
static ct_series *merge_two(ct_measure measure, const char *f0,
                            const char *f1)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    ct_series_builder *b[2] = {NULL, NULL};
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    const char *f[2] = {f0, f1};
    ct_series *s = NULL;
    ct_error err;
    int i, k;

    o.measure = measure;
    o.keys[0] = CT_KEY_COUNTRY;
    o.n_keys = 1;
    o.geo = ct_test_geo;
    lo.geo = ct_test_geo;
    for (i = 0; i < 2; i++)
        CU_ASSERT_EQUAL_FATAL(ct_series_builder_alloc(&b[i], &o, &err), CT_OK);
    for (k = 0; k < 2; k++) {
        for (i = 0; i < 2; i++)
            CU_ASSERT_EQUAL(ct_series_builder_begin_file(b[i], &err), CT_OK);
        CU_ASSERT_EQUAL(ct_load_file(data_path(f[k]), &lo,
                                     ct_series_builder_add, b[k], NULL,
                                     &err),
                        CT_OK);
    }
    CU_ASSERT_EQUAL(ct_series_builder_merge(b[0], b[1], &err), CT_OK);
    CU_ASSERT_EQUAL(ct_series_builder_finish(b[0], &s, &err), CT_OK);
    ct_series_builder_free(b[0]);
    ct_series_builder_free(b[1]);
    return s;
}

/* Per-thread builders merge file by file: the same spans as one builder
 * reading both files. */
static void test_series_coverage_merge(void)
{
    ct_series *s = merge_two(CT_MEASURE_EVENTS, "acled_cov_som.csv",
                             "acled_cov_lka.csv");
    char *got, *gotp;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    got = render(s);
    gotp = render_partial(s);
    CU_ASSERT_STRING_EQUAL(got, "2018,Somalia,2;2018,Sri Lanka,NA;"
                                "2019,Somalia,1;2019,Sri Lanka,NA;"
                                "2020,Somalia,NA;2020,Sri Lanka,2;"
                                "2021,Somalia,NA;2021,Sri Lanka,1;");
    CU_ASSERT_STRING_EQUAL(gotp, "2019,Somalia;");
    CU_ASSERT_EQUAL(s->seen, 6);
    free(got);
    free(gotp);
    ct_series_free(s);
}

/* The same merge with two files wholly before 1970 (day numbers below
 * 0): file 1's span, empty in builder 0, must come over whole (it ran
 * on to 1970-01-01, whose day number is the empty span's end). India's
 * file covers 1960, Pakistan's 1962 (ACD: whole years). */
static void test_series_coverage_merge_before_1970(void)
{
    ct_series *s = merge_two(CT_MEASURE_CONFLICTS, "acd_before_1970_a.csv",
                             "acd_before_1970_b.csv");
    char *got;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    got = render(s);
    CU_ASSERT_STRING_EQUAL(got, "1960,India,1;1960,Pakistan,NA;"
                                "1961,India,NA;1961,Pakistan,NA;"
                                "1962,India,NA;1962,Pakistan,1;");
    free(got);
    ct_series_free(s);
}

/* acled_cov_afg.csv: Afghanistan (ACLED coverage from 2017), events on
 * 2015-01-01 and 2018-12-31: the ACLED rule makes 2015-2016 NA even
 * though the file has an event there; --coverage data keeps them. */
static void test_series_coverage_acled_start(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    expect_series(&o, "acled_cov_afg.csv", "2015,NA;2016,NA;2017,0;2018,1;");
    o.coverage = CT_COVERAGE_DATA;
    expect_series(&o, "acled_cov_afg.csv", "2015,1;2016,0;2017,0;2018,1;");
}

/* The range is the data's, not the selection's: only 2001 has an
 * extrasystemic conflict in acd_small.csv (1998-2001). */
static void test_series_range_is_the_data(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.class_mask = 1u << CT_CLASS_EXTRASYSTEMIC;
    expect_series(&o, "acd_small.csv", "1998,0;1999,0;2000,0;2001,1;");
    o.from = 1999;
    expect_series(&o, "acd_small.csv", "1999,0;2000,0;2001,1;");
    o.class_mask = 1u << CT_CLASS_NONSTATE; /* none at all: zeros */
    expect_series(&o, "acd_small.csv", "1999,0;2000,0;2001,0;");
}

/* Real files (../shared/data, PROVENANCE.md): UCDP/PRIO ACD 23.1 covers
 * 1946-2022, so interstate conflicts in the Americas since 2000 run to
 * 2022 (the last one ended in 2003, Provenance: UCDP 23.1 rows); the
 * ACLED Somalia export covers 2025-04-01..2026-03-27 and the Sri Lanka
 * HDX file 2010-01-01..2020-10-02. */
static void test_series_real_range_and_coverage(void)
{
    const char *dir = ct_test_shared_dir();
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    static const char *const am[] = {"Americas"};
    char p0[4096], p1[4096];
    const char *files[3];
    ct_series *s;
    ct_error err;
    size_t i;
    int bad = 0;

    if (dir == NULL)
        return; /* skipped: no ../shared/data */
    snprintf(p0, sizeof p0, "%s/ucdp/UcdpPrioConflict_v23_1.csv", dir);
    files[0] = p0;
    files[1] = NULL;
    o.class_mask = 1u << CT_CLASS_INTERSTATE;
    o.regions = am;
    o.n_regions = 1;
    o.from = 2000;
    s = build_files(&o, files, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->n, 23);
    CU_ASSERT_EQUAL(s->year[0], 2000);
    CU_ASSERT_EQUAL(s->year[s->n - 1], 2022);
    for (i = 0; i < s->n; i++)
        CU_ASSERT(!isnan(s->value[i]));
    CU_ASSERT_PTR_NULL(s->partial);
    ct_series_free(s);

    snprintf(p0, sizeof p0, "%s/acled/"
             "acled_somalia_2025-04_to_2026-03_current-format.csv", dir);
    snprintf(p1, sizeof p1, "%s/acled/"
             "hdx_acled_conflict_data_lka_2020-10-08.csv", dir);
    files[0] = p0;
    files[1] = p1;
    files[2] = NULL;
    o = (ct_series_options)CT_SERIES_OPTIONS_INIT;
    o.measure = CT_MEASURE_EVENTS;
    o.keys[0] = CT_KEY_COUNTRY;
    o.n_keys = 1;
    s = build_files(&o, files, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->partial);
    CU_ASSERT_EQUAL(s->n, (2026 - 2010 + 1) * 2);
    for (i = 0; i < s->n; i++) {
        int y = s->year[i], som = strcmp(s->key[i], "Somalia") == 0;
        int covered = som ? y >= 2025 : y <= 2020;
        int partial = som ? y >= 2025 : y == 2020;
        if (isnan(s->value[i]) == covered || s->partial[i] != partial) {
            if (bad++ < 5)
                fprintf(stderr, "\n  %d %s: value %g partial %d", y,
                        s->key[i], s->value[i], s->partial[i]);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    ct_series_free(s);
    /* by month: Sri Lanka's last month (to 2 October 2020) is partial,
     * November 2020 is NA; Somalia's April 2025 (from the 1st) is whole */
    o.by_month = 1;
    s = build_files(&o, files, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s->partial);
    for (i = 0; i < s->n; i++) {
        int y = s->year[i], m = s->month[i];
        int som = strcmp(s->key[i], "Somalia") == 0;
        long t = (long)y * 12 + m - 1;
        int covered = som ? t >= 2025 * 12 + 3 && t <= 2026 * 12 + 2
                          : t <= 2020 * 12 + 9;
        int partial = som ? t == 2026 * 12 + 2 : t == 2020 * 12 + 9;
        if (isnan(s->value[i]) == covered || s->partial[i] != partial) {
            if (bad++ < 5)
                fprintf(stderr, "\n  %04d-%02d %s: value %g partial %d", y,
                        m, s->key[i], s->value[i], s->partial[i]);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    ct_series_free(s);
}

/* The `partial` column: written only when some row is partial, read
 * back as flags (not as a group key). */
static void test_series_partial_column(void)
{
    static const char *const files[] = {"acled_cov_som.csv", NULL};
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    ct_series *s, *r;
    ct_error err;
    char buf[1024];
    FILE *f;
    size_t n;

    o.measure = CT_MEASURE_EVENTS;
    s = build_files(&o, files, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_report_series(f, s, NULL, &err), CT_OK);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, "period,value,partial\n2018,2,0\n2019,1,1\n");
    rewind(f);
    CU_ASSERT_EQUAL_FATAL(ct_series_read_csv(&r, f, "t", NULL, &err), CT_OK);
    CU_ASSERT_EQUAL(r->n_keys, 0);
    CU_ASSERT_EQUAL(r->n, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r->partial);
    CU_ASSERT_EQUAL(r->partial[0], 0);
    CU_ASSERT_EQUAL(r->partial[1], 1);
    CU_ASSERT_DOUBLE_EQUAL(r->value[1], 1.0, 0.0);
    ct_series_free(r);
    fclose(f);
    ct_series_free(s);
}

static void test_series_write_delim(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    ct_error err;
    ct_series *s;
    FILE *f;
    char buf[1024];
    size_t n;

    o.keys[0] = CT_KEY_REGION;
    o.n_keys = 1;
    o.from = 2001;
    s = build(&o, "acd_small.csv", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_report_series(f, s, NULL, &err), CT_OK);
    CU_ASSERT_EQUAL(ct_report_series(f, s, &(ct_report_series_options){.format = CT_REPORT_FORMAT_TSV}, &err), CT_OK);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf,
                           "period,region,value\n"
                           "2001,Asia,2\n2001,Europe,1\n2001,Middle East,1\n"
                           "period\tregion\tvalue\n"
                           "2001\tAsia\t2\n2001\tEurope\t1\n"
                           "2001\tMiddle East\t1\n");
    fclose(f);
    ct_series_free(s);
}

/* Groups numbered in order of first appearance, for a built series (the
 * groups cycle period by period) and for rows in any order: worked out by
 * hand from the keys below. */
static void test_series_groups(void)
{
    /* two keys; rows: (A,x) (B,x) (A,y) (A,x) (B,x) (A,y) (B,y) (A,x) */
    static const char *const K[8][2] = {
        {"A", "x"}, {"B", "x"}, {"A", "y"}, {"A", "x"},
        {"B", "x"}, {"A", "y"}, {"B", "y"}, {"A", "x"}};
    static const size_t WANT_GID[8] = {0, 1, 2, 0, 1, 2, 3, 0};
    static const size_t WANT_FIRST[4] = {0, 1, 2, 6};
    ct_series *sr = NULL;
    size_t *gid = NULL, *first = NULL, ng = 0, i;
    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&sr, 8, 2, 0, NULL), CT_OK);
    for (i = 0; i < 8; i++) {
        sr->year[i] = 2000 + (int)i;
        sr->value[i] = 1;
        sr->key[2 * i] = ct_series_intern(sr, K[i][0]);
        sr->key[2 * i + 1] = ct_series_intern(sr, K[i][1]);
    }
    CU_ASSERT_EQUAL_FATAL(ct_series_groups(sr, &gid, &first, &ng, NULL),
                          CT_OK);
    CU_ASSERT_EQUAL(ng, 4);
    for (i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(gid[i], WANT_GID[i]);
    for (i = 0; i < 4 && i < ng; i++)
        CU_ASSERT_EQUAL(first[i], WANT_FIRST[i]);
    free(gid);
    free(first);
    ct_series_free(sr);
}

static void test_series_key_names(void)
{
    CU_ASSERT_EQUAL(ct_series_key_parse("subregion"), CT_KEY_SUBREGION);
    CU_ASSERT_EQUAL(ct_series_key_parse("Event_Type"), CT_KEY_EVENT_TYPE);
    CU_ASSERT_EQUAL(ct_series_key_parse("continent"), CT_KEY_COUNT);
    CU_ASSERT_STRING_EQUAL(ct_series_key_name(CT_KEY_COUNTRY), "country");
    CU_ASSERT_STRING_EQUAL(ct_series_measure_name(CT_MEASURE_DEATHS), "deaths");
}

/* ---- UCDP/PRIO ACD 23.1 against tests/reference/acd/ ------------------- */

/* Compares the series with a reference CSV (period,key,value), row by row:
 * same number of rows, same periods, keys and values in the same order. */
static void compare_with_reference(ct_series_options *o, const char *ref)
{
    const char *dir = ct_test_shared_dir();
    char acd[4096], path[4096], line[512];
    const char *files[2];
    ct_error err;
    ct_series *s;
    FILE *f;
    size_t i = 0, bad = 0;

    if (dir == NULL) {
        fprintf(stderr, "\n  skipped: no shared data folder ");
        CU_PASS("skipped: no ../shared/data");
        return;
    }
    snprintf(acd, sizeof acd, "%s/ucdp/UcdpPrioConflict_v23_1.csv", dir);
    files[0] = acd;
    files[1] = NULL;
    s = build_files(o, files, 1, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    snprintf(path, sizeof path, "%s/tests/reference/acd/%s",
             ct_test_source_dir(), ref);
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        int year;
        char key[128];
        double v;
        if (sscanf(line, "%d,%127[^,],%lf", &year, key, &v) != 3) {
            bad++;
            continue;
        }
        if (i >= s->n || s->year[i] != year ||
            strcmp(s->key[i * s->n_keys], key) != 0 || s->value[i] != v) {
            if (bad++ < 5)
                fprintf(stderr, "\n  %s row %zu: want %d %s %g, got %d %s %g",
                        ref, i + 1, year, key, v,
                        i < s->n ? s->year[i] : 0,
                        i < s->n ? s->key[i * s->n_keys] : "-",
                        i < s->n ? s->value[i] : -1.0);
        }
        i++;
    }
    fclose(f);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(i, s->n); /* whole columns: no extra rows either */
    ct_series_free(s);
}

static void test_series_acd_reference_class(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    const char *dir = ct_test_shared_dir();
    o.keys[0] = CT_KEY_CLASS;
    o.n_keys = 1;
    compare_with_reference(&o, "acd_class_counts.csv");
    if (dir != NULL) {
        /* spot checks of published figures, beside the whole-column
         * comparison: 1991 intrastate 49, internationalized 2; 2020
         * interstate 3 */
        char acd[4096];
        const char *files[2];
        ct_error err;
        ct_series *s;
        size_t i;
        int seen = 0;
        snprintf(acd, sizeof acd, "%s/ucdp/UcdpPrioConflict_v23_1.csv", dir);
        files[0] = acd;
        files[1] = NULL;
        s = build_files(&o, files, 1, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        CU_ASSERT_EQUAL(s->year[0], 1946);
        CU_ASSERT_EQUAL(s->year[s->n - 1], 2022);
        CU_ASSERT_EQUAL(s->n, (2022 - 1946 + 1) * 4);
        for (i = 0; i < s->n; i++) {
            const char *k = s->key[i];
            double want = -1;
            if (s->year[i] == 1991 && strcmp(k, "intrastate") == 0)
                want = 49;
            else if (s->year[i] == 1991 && strcmp(k, "internationalized") == 0)
                want = 2;
            else if (s->year[i] == 2020 && strcmp(k, "interstate") == 0)
                want = 3;
            if (want >= 0) {
                CU_ASSERT_EQUAL(s->value[i], want);
                seen++;
            }
        }
        CU_ASSERT_EQUAL(seen, 3);
        ct_series_free(s);
    }
}

static void test_series_acd_reference_subregion_acled(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_SUBREGION;
    o.n_keys = 1;
    o.class_mask = 1u << CT_CLASS_INTRASTATE |
                   1u << CT_CLASS_INTERNATIONALIZED;
    compare_with_reference(&o, "acd_intra_subregion_acled.csv");
}

static void test_series_acd_reference_subregion_un(void)
{
    ct_series_options o = CT_SERIES_OPTIONS_INIT;
    o.keys[0] = CT_KEY_SUBREGION;
    o.n_keys = 1;
    o.scheme = CT_SCHEME_UN;
    o.class_mask = 1u << CT_CLASS_INTRASTATE |
                   1u << CT_CLASS_INTERNATIONALIZED;
    compare_with_reference(&o, "acd_intra_subregion_un.csv");
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("series", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "total, zero-filled", test_series_total_zero_filled) ||
        !CU_add_test(s, "by class", test_series_by_class) ||
        !CU_add_test(s, "by region, multi-valued",
                     test_series_by_region_multi_valued) ||
        !CU_add_test(s, "by subregion, acled",
                     test_series_by_subregion_acled) ||
        !CU_add_test(s, "by subregion, un", test_series_by_subregion_un) ||
        !CU_add_test(s, "region filter keeps matching places",
                     test_series_region_filter_keeps_matching_places) ||
        !CU_add_test(s, "class mask and country",
                     test_series_class_mask_and_country) ||
        !CU_add_test(s, "country filter", test_series_country_filter) ||
        !CU_add_test(s, "two keys", test_series_two_keys) ||
        !CU_add_test(s, "coverage: two files", test_series_coverage_two_files) ||
        !CU_add_test(s, "coverage: merged builders",
                     test_series_coverage_merge) ||
        !CU_add_test(s, "coverage: merged builders before 1970",
                     test_series_coverage_merge_before_1970) ||
        !CU_add_test(s, "coverage: acled start",
                     test_series_coverage_acled_start) ||
        !CU_add_test(s, "range is the data's", test_series_range_is_the_data) ||
        !CU_add_test(s, "real files: range and coverage",
                     test_series_real_range_and_coverage) ||
        !CU_add_test(s, "partial column", test_series_partial_column) ||
        !CU_add_test(s, "from/to zero fill", test_series_from_to_zero_fill) ||
        !CU_add_test(s, "nonstate and ged conflicts",
                     test_series_nonstate_and_ged_conflicts) ||
        !CU_add_test(s, "brd conflicts", test_series_brd_conflicts) ||
        !CU_add_test(s, "ged by month", test_series_ged_by_month) ||
        !CU_add_test(s, "deaths estimates", test_series_deaths_estimates) ||
        !CU_add_test(s, "deaths range in one pass",
                     test_series_deaths_range_one_pass) ||
        !CU_add_test(s, "deaths, missing estimate",
                     test_series_deaths_missing_estimate) ||
        !CU_add_test(s, "duplicates across files",
                     test_series_duplicates_across_files) ||
        !CU_add_test(s, "acled events by month",
                     test_series_acled_events_by_month) ||
        !CU_add_test(s, "acled deaths by event type",
                     test_series_acled_deaths_by_event_type) ||
        !CU_add_test(s, "acled before coverage is missing",
                     test_series_acled_before_coverage_missing) ||
        !CU_add_test(s, "acled coverage with --to before the data",
                     test_series_acled_coverage_with_to) ||
        !CU_add_test(s, "hapi events", test_series_hapi_events) ||
        !CU_add_test(s, "measure errors", test_series_measure_errors) ||
        !CU_add_test(s, "mixed datasets", test_series_mixed_datasets) ||
        !CU_add_test(s, "option errors", test_series_option_errors) ||
        !CU_add_test(s, "nothing selected", test_series_nothing_selected) ||
        !CU_add_test(s, "write delim", test_series_write_delim) ||
        !CU_add_test(s, "key names", test_series_key_names) ||
        !CU_add_test(s, "groups", test_series_groups) ||
        !CU_add_test(s, "acd reference: class",
                     test_series_acd_reference_class) ||
        !CU_add_test(s, "acd reference: intra by subregion, acled",
                     test_series_acd_reference_subregion_acled) ||
        !CU_add_test(s, "acd reference: intra by subregion, un",
                     test_series_acd_reference_subregion_un))
        return -1;
    return 0;
}
