/* SPDX-License-Identifier: MIT
 * test_load.c - the loaders (ct_load_file) on one small fixture per
 * layout and per quirk (tests/data/, written by make_fixtures.py with
 * invented values in the real layouts), every load error with its exact
 * message and line, and every file of ../shared/data against the row
 * counts of its PROVENANCE.md (parsed at run time).
 *
 * Expected values are read off the fixture rows by hand; the comments say
 * which row gives which number.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/load.h"
#include "runner.h"


/* A copy of what a callback saw (ct_obs pointers are borrowed). */
typedef struct row {
    ct_dataset dataset;
    ct_layout layout;
    ct_unit unit;
    char version[16];
    int year, month, day;
    ct_date_prec prec;
    char conflict_id[32];
    char record_id[64];
    ct_class cls;
    size_t n_loc;
    int gw[8];            /* GW numbers of the locations (-1: none)   */
    char iso3[8][4];      /* their ISO3 codes                          */
    char country[64];
    unsigned region_mask;
    char event_type[64];
    double best, low, high, events;
    long line;
} row;

#define MAX_ROWS 32

typedef struct result {
    int rc;
    ct_error err;
    ct_load_info info;
    size_t n;
    row r[MAX_ROWS];
} result;

static result res; /* one load at a time */

static int collect(const ct_obs *o, void *ctx, ct_error *err)
{
    result *R = ctx;
    row *w;
    size_t i;
    (void)err;
    if (R->n >= MAX_ROWS)
        return CT_OK;
    w = &R->r[R->n++];
    memset(w, 0, sizeof *w);
    w->dataset = o->dataset;
    w->layout = o->layout;
    w->unit = o->unit;
    snprintf(w->version, sizeof w->version, "%s", o->version);
    w->year = o->year;
    w->month = o->month;
    w->day = o->day;
    w->prec = o->prec;
    snprintf(w->conflict_id, sizeof w->conflict_id, "%s", o->conflict_id);
    snprintf(w->record_id, sizeof w->record_id, "%s", o->record_id);
    w->cls = o->cls;
    w->n_loc = o->n_loc;
    for (i = 0; i < o->n_loc && i < 8; i++) {
        w->gw[i] = o->loc[i]->gwno;
        snprintf(w->iso3[i], sizeof w->iso3[i], "%s", o->loc[i]->iso3);
    }
    snprintf(w->country, sizeof w->country, "%s", o->country_name);
    w->region_mask = o->region_mask;
    snprintf(w->event_type, sizeof w->event_type, "%s", o->event_type);
    w->best = o->best;
    w->low = o->low;
    w->high = o->high;
    w->events = o->events;
    w->line = o->line;
    return CT_OK;
}

/* Loads tests/data/NAME under the display name NAME with opt (its geo and
 * display are set here). */
static result *load_as(const char *name, ct_load_options opt)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/tests/data/%s", ct_test_source_dir(),
             name);
    memset(&res, 0, sizeof res);
    opt.geo = ct_test_geo;
    opt.display = name;
    res.rc = ct_load_file(path, &opt, collect, &res, &res.info, &res.err);
    return &res;
}

/* Loads tests/data/NAME as dataset ds. */
static result *load_opt(const char *name, ct_dataset ds, int skip_bad)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    opt.dataset = ds;
    opt.skip_bad = skip_bad;
    return load_as(name, opt);
}

static int count_only(const ct_obs *o, void *ctx, ct_error *err);

/* Loads tests/data/NAME with a date order, strict and skip_bad. */
static result *load_with(const char *name, ct_date_order order, int strict,
                         int skip_bad)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    opt.skip_bad = skip_bad;
    opt.date_order = order;
    opt.strict = strict;
    return load_as(name, opt);
}

/* Loads a fixture that should load; says why when it does not. */
static result *load(const char *name)
{
    result *R = load_opt(name, CT_DS_AUTO, 0);
    if (R->rc != CT_OK)
        fprintf(stderr, "\n  %s:%ld: %s\n", R->err.path, R->err.line,
                R->err.msg);
    return R;
}

/* Region bits of ct_obs.region_mask: bit r-1 for UCDP region r. */
#define EUROPE (1u << 0)
#define MIDEAST (1u << 1)
#define ASIA (1u << 2)
#define AFRICA (1u << 3)
#define AMERICAS (1u << 4)

static void expect_locs(const row *w, int n, int gw1, int gw2)
{
    CU_ASSERT_EQUAL(w->n_loc, (size_t)n);
    if (n >= 1)
        CU_ASSERT_EQUAL(w->gw[0], gw1);
    if (n >= 2)
        CU_ASSERT_EQUAL(w->gw[1], gw2);
}

static void expect_date(const row *w, int y, int m, int d)
{
    CU_ASSERT_EQUAL(w->year, y);
    CU_ASSERT_EQUAL(w->month, m);
    CU_ASSERT_EQUAL(w->day, d);
    if (w->year != y || w->month != m || w->day != d)
        fprintf(stderr, "\n  line %ld: %d-%d-%d, want %d-%d-%d\n", w->line,
                w->year, w->month, w->day, y, m, d);
}

static void expect_classes(const result *R, const ct_class *want, size_t n)
{
    size_t i;
    CU_ASSERT_EQUAL_FATAL(R->n, n);
    for (i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(R->r[i].cls, want[i]);
        if (R->r[i].cls != want[i])
            fprintf(stderr, "\n  line %ld: class %s, want %s\n",
                    R->r[i].line, ct_obs_class_name(R->r[i].cls),
                    ct_obs_class_name(want[i]));
    }
}

/* ---- UCDP layouts ---------------------------------------------------- */

static void test_load_acd(void)
{
    result *R = load("acd_small.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 7);
    CU_ASSERT_EQUAL(R->info.rows, 7);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_NATIVE);
    CU_ASSERT_EQUAL(R->info.unit, CT_UNIT_CONFLICT_YEAR);
    CU_ASSERT_STRING_EQUAL(R->info.version, "99.1");
    CU_ASSERT_EQUAL(R->info.delimiter, ',');
    CU_ASSERT_EQUAL(R->info.year_min, 1998);
    CU_ASSERT_EQUAL(R->info.year_max, 2001);
    CU_ASSERT_EQUAL(R->info.unresolved, 0);
    CU_ASSERT_EQUAL(R->info.per_class[CT_CLASS_EXTRASYSTEMIC], 1);
    CU_ASSERT_EQUAL(R->info.per_class[CT_CLASS_INTERSTATE], 1);
    CU_ASSERT_EQUAL(R->info.per_class[CT_CLASS_INTRASTATE], 4);
    CU_ASSERT_EQUAL(R->info.per_class[CT_CLASS_INTERNATIONALIZED], 1);
    /* row 1: "90001","India",1998, type 3, gwno_loc "750", region "3" */
    CU_ASSERT_STRING_EQUAL(R->r[0].conflict_id, "90001");
    CU_ASSERT_EQUAL(R->r[0].year, 1998);
    CU_ASSERT_EQUAL(R->r[0].month, 0);
    CU_ASSERT_EQUAL(R->r[0].prec, CT_PREC_YEAR);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_INTRASTATE);
    CU_ASSERT_EQUAL(R->r[0].unit, CT_UNIT_CONFLICT_YEAR);
    CU_ASSERT_STRING_EQUAL(R->r[0].version, "99.1");
    CU_ASSERT_EQUAL(R->r[0].line, 2);
    expect_locs(&R->r[0], 1, 750, 0);
    CU_ASSERT_EQUAL(R->r[0].region_mask, ASIA);
    CU_ASSERT_TRUE(isnan(R->r[0].best));
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_INTERNATIONALIZED);
    /* row 3: interstate, gwno_loc "750, 770": two locations, one region */
    CU_ASSERT_EQUAL(R->r[2].cls, CT_CLASS_INTERSTATE);
    expect_locs(&R->r[2], 2, 750, 770);
    CU_ASSERT_EQUAL(R->r[2].region_mask, ASIA);
    /* row 4: region "1, 3", gwno_loc "365, 775" */
    expect_locs(&R->r[3], 2, 365, 775);
    CU_ASSERT_EQUAL(R->r[3].region_mask, EUROPE | ASIA);
    /* row 5: unsorted region "3, 1", gwno_loc "700, 372" */
    expect_locs(&R->r[4], 2, 700, 372);
    CU_ASSERT_EQUAL(R->r[4].region_mask, EUROPE | ASIA);
    /* row 6: extrasystemic, Iran, region 2 */
    CU_ASSERT_EQUAL(R->r[5].cls, CT_CLASS_EXTRASYSTEMIC);
    CU_ASSERT_EQUAL(R->r[5].region_mask, MIDEAST);
    CU_ASSERT_EQUAL(R->r[6].line, 8);
    /* conflict-years of one conflict are distinct records */
    CU_ASSERT_STRING_NOT_EQUAL(R->r[0].record_id, R->r[1].record_id);
    CU_ASSERT_STRING_NOT_EQUAL(R->r[0].record_id, "");
}

static void test_load_brd(void)
{
    result *R = load("brd_small.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_BRD);
    CU_ASSERT_EQUAL(R->info.unit, CT_UNIT_DYAD_YEAR);
    CU_ASSERT_STRING_EQUAL(R->info.version, "99.1");
    /* row 1: bd_best 30, bd_low 25, bd_high 40, type 3 */
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 30, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].low, 25, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].high, 40, 0);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_INTRASTATE);
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_INTERNATIONALIZED);
    /* row 3: interstate, 1200 (1000-1500), gwno_loc "750, 770" */
    CU_ASSERT_EQUAL(R->r[2].cls, CT_CLASS_INTERSTATE);
    CU_ASSERT_DOUBLE_EQUAL(R->r[2].best, 1200, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[2].high, 1500, 0);
    expect_locs(&R->r[2], 2, 750, 770);
    CU_ASSERT_STRING_EQUAL(R->r[2].conflict_id, "90002");
    /* two dyads of one conflict in one year are two records */
    CU_ASSERT_STRING_NOT_EQUAL(R->r[0].record_id, R->r[1].record_id);
}

static void test_load_nonstate_multiline(void)
{
    result *R = load("nonstate_small.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_NONSTATE);
    CU_ASSERT_EQUAL(R->info.unit, CT_UNIT_DYAD_YEAR);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_NONSTATE);
    CU_ASSERT_EQUAL(R->r[0].line, 2);
    /* record 2 holds a quoted line break: it spans lines 3-4 */
    CU_ASSERT_EQUAL(R->r[1].line, 3);
    CU_ASSERT_EQUAL(R->r[2].line, 5);
    CU_ASSERT_DOUBLE_EQUAL(R->r[1].best, 55, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[1].low, 50, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[1].high, 61, 0);
    expect_locs(&R->r[1], 1, 475, 0);
    CU_ASSERT_EQUAL(R->r[1].region_mask, AFRICA);
    CU_ASSERT_STRING_EQUAL(R->r[2].conflict_id, "92001");
    CU_ASSERT_EQUAL(R->r[2].year, 2011);
}

static void test_load_onesided(void)
{
    result *R = load("onesided_small.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 2);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ONESIDED);
    CU_ASSERT_EQUAL(R->info.unit, CT_UNIT_ACTOR_YEAR);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_ONESIDED);
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_ONESIDED);
    expect_locs(&R->r[1], 1, 775, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[1].best, 40, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[1].low, 35, 0);
    /* Greek UTF-8 in actor_name_mothertongue is valid: not transcoded */
    CU_ASSERT_EQUAL(R->info.transcoded, 0);
}

static void check_ged_rows(const result *R)
{
    /* row 1: state-based, India, 2019-02-16, best 3 (2-5), conflict 90001 */
    expect_date(&R->r[0], 2019, 2, 16);
    CU_ASSERT_EQUAL(R->r[0].prec, CT_PREC_DAY);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_STATEBASED);
    CU_ASSERT_STRING_EQUAL(R->r[0].event_type, "state-based");
    CU_ASSERT_STRING_EQUAL(R->r[0].conflict_id, "90001");
    CU_ASSERT_STRING_EQUAL(R->r[0].record_id, "800001");
    expect_locs(&R->r[0], 1, 750, 0);
    CU_ASSERT_EQUAL(R->r[0].region_mask, ASIA);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 3, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].low, 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].high, 5, 0);
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_NONSTATE);
    CU_ASSERT_STRING_EQUAL(R->r[1].event_type, "non-state");
    expect_date(&R->r[1], 2019, 3, 1);
    CU_ASSERT_EQUAL(R->r[2].cls, CT_CLASS_ONESIDED);
    CU_ASSERT_STRING_EQUAL(R->r[2].event_type, "one-sided");
    expect_date(&R->r[2], 2020, 12, 31);
    expect_locs(&R->r[2], 1, 775, 0);
    CU_ASSERT_EQUAL(R->r[2].unit, CT_UNIT_EVENT);
}

static void test_load_ged_native(void)
{
    result *R = load("ged_native.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_GED);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_NATIVE);
    CU_ASSERT_EQUAL(R->r[0].line, 2);
    check_ged_rows(R);
}

static void test_load_ged_hdx(void)
{
    result *R = load("ged_hdx.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    /* the HXL hashtag line is not data */
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->info.rows, 3);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_GED);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_HDX);
    CU_ASSERT_EQUAL(R->r[0].layout, CT_LAYOUT_HDX);
    /* CRLF records with bare LF inside quotes: record 1 spans lines 3-4,
     * record 2 lines 5-7 */
    CU_ASSERT_EQUAL(R->r[0].line, 3);
    CU_ASSERT_EQUAL(R->r[1].line, 5);
    CU_ASSERT_EQUAL(R->r[2].line, 8);
    check_ged_rows(R);
}

static void test_load_semicolon(void)
{
    result *R = load("acd_semicolon.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.delimiter, ';');
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->r[2].cls, CT_CLASS_INTERSTATE);
    expect_locs(&R->r[2], 2, 750, 770);
    CU_ASSERT_EQUAL(R->r[2].line, 4);
}

static void test_load_pandas_index(void)
{
    result *R = load("acd_pandas.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_STRING_EQUAL(R->r[0].conflict_id, "90001");
    CU_ASSERT_EQUAL(R->r[0].year, 1998);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_INTRASTATE);
    expect_locs(&R->r[2], 2, 750, 770);
    CU_ASSERT_STRING_EQUAL(R->info.version, "99.1");
}

static void test_load_literal_na(void)
{
    result *R = load("acd_na.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->n, 2);
    R = load("brd_na.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 2);
    /* row 1: bd_low, bd_high and region are NA */
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 30, 0);
    CU_ASSERT_TRUE(isnan(R->r[0].low));
    CU_ASSERT_TRUE(isnan(R->r[0].high));
    /* the region then comes from gwno_loc 750 */
    expect_locs(&R->r[0], 1, 750, 0);
    CU_ASSERT_EQUAL(R->r[0].region_mask, ASIA);
    CU_ASSERT_DOUBLE_EQUAL(R->r[1].low, 90, 0);
}

static void test_load_header_spaces_no_final_newline(void)
{
    result *R = load("acd_spaces_noeol.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL_FATAL(R->n, 2);
    CU_ASSERT_EQUAL(R->r[1].year, 2000);
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_INTERNATIONALIZED);
    CU_ASSERT_EQUAL(R->r[1].line, 3);
}

/* README.md lists "CRLF and bare CR" among the quirks handled: a file
 * whose lines end in a lone CR (old Mac, Excel's "CSV (Macintosh)"). */
static void test_load_bare_cr_line_ends(void)
{
    result *R = load("acd_cr_eol.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL_FATAL(R->n, 7);
    CU_ASSERT_EQUAL(R->r[0].line, 2);
    CU_ASSERT_EQUAL(R->r[6].line, 8);
    expect_locs(&R->r[2], 2, 750, 770);
}

static void test_load_bom_quoted_header(void)
{
    result *R = load("acd_bom.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL_FATAL(R->n, 2);
    CU_ASSERT_STRING_EQUAL(R->r[0].conflict_id, "90001");
    CU_ASSERT_EQUAL(R->r[1].line, 3);
}

/* ---- ACLED layouts ----------------------------------------------------- */

static void test_load_acled_current_text_inter(void)
{
    static const ct_class want[] = {
        CT_CLASS_INTRASTATE,        /* Somalia army vs Al Shabaab      */
        CT_CLASS_INTERNATIONALIZED, /* US (assoc Somalia) vs ISSP      */
        CT_CLASS_ONESIDED,          /* VAC                             */
        CT_CLASS_OTHER,             /* protest                         */
        CT_CLASS_INTRASTATE,        /* Somaliland forces vs Somalia    */
        CT_CLASS_NONSTATE,          /* identity militias               */
        CT_CLASS_INTERSTATE,        /* Ethiopia vs Somalia             */
        CT_CLASS_OTHER};            /* strategic development           */
    result *R = load("acled_current.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACLED);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_ACLED_CURRENT);
    CU_ASSERT_EQUAL(R->info.unit, CT_UNIT_EVENT);
    expect_classes(R, want, 8);
    expect_date(&R->r[0], 2025, 4, 1);
    expect_date(&R->r[7], 2026, 1, 15);
    CU_ASSERT_EQUAL(R->r[0].prec, CT_PREC_DAY);
    CU_ASSERT_STRING_EQUAL(R->r[0].record_id, "SOM90001");
    CU_ASSERT_STRING_EQUAL(R->r[0].event_type, "Battles");
    CU_ASSERT_STRING_EQUAL(R->r[0].conflict_id, "");
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 4, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].events, 1, 0);
    expect_locs(&R->r[0], 1, 520, 0);
    CU_ASSERT_EQUAL(R->r[0].region_mask, AFRICA);
    CU_ASSERT_EQUAL(R->info.unresolved, 0);
}

static void test_load_acled_export_numeric_inter(void)
{
    static const ct_class want[] = {
        CT_CLASS_INTRASTATE,        /* 12: Afghan army vs Taliban         */
        CT_CLASS_INTERNATIONALIZED, /* 12 with assoc US forces            */
        CT_CLASS_ONESIDED,          /* 37 VAC                             */
        CT_CLASS_OTHER,             /* 50 riots                           */
        CT_CLASS_NONSTATE};         /* 22                                 */
    result *R = load("acled_export.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_ACLED_EXPORT);
    expect_classes(R, want, 5);
    /* "01 March 2020", "21 March 2020" */
    expect_date(&R->r[0], 2020, 3, 1);
    expect_date(&R->r[2], 2020, 3, 21);
    expect_locs(&R->r[0], 1, 700, 0);
    CU_ASSERT_EQUAL(R->r[0].region_mask, ASIA);
    CU_ASSERT_DOUBLE_EQUAL(R->r[4].best, 8, 0);
}

static void test_load_acled_hdx(void)
{
    static const ct_class want[] = {CT_CLASS_ONESIDED, CT_CLASS_OTHER,
                                    CT_CLASS_INTRASTATE};
    result *R = load("acled_hdx.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_ACLED_HDX);
    CU_ASSERT_EQUAL(R->info.rows, 3); /* HXL line not counted */
    expect_classes(R, want, 3);
    CU_ASSERT_EQUAL(R->r[0].line, 3);
    CU_ASSERT_EQUAL(R->r[2].line, 5);
    expect_date(&R->r[2], 2020, 1, 9);
    expect_locs(&R->r[0], 1, 780, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 40, 0);
}

static void test_load_acled_legacy(void)
{
    static const ct_class want[] = {
        CT_CLASS_INTERNATIONALIZED, /* DRC army + ally Angola vs Mai-Mai */
        CT_CLASS_ONESIDED, CT_CLASS_OTHER};
    result *R = load("acled_legacy.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACLED);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_ACLED_LEGACY);
    expect_classes(R, want, 3);
    expect_date(&R->r[0], 1997, 1, 18); /* 18/01/1997 */
    expect_date(&R->r[1], 1997, 5, 29); /* 5/29/97 */
    expect_date(&R->r[2], 1998, 1, 20); /* 20/01/1998 */
    /* no region column: the region comes from the country (GWNO 490) */
    expect_locs(&R->r[0], 1, 490, 0);
    CU_ASSERT_EQUAL(R->r[0].region_mask, AFRICA);
    /* row 2's COUNTRY is no name of the table: GWNO resolves it */
    expect_locs(&R->r[1], 1, 490, 0);
    CU_ASSERT_EQUAL(R->info.unresolved, 0);
    expect_locs(&R->r[2], 1, 500, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 12, 0);
}

static void test_load_acled_dates(void)
{
    result *R = load("acled_dates.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 8);
    expect_date(&R->r[0], 2025, 4, 1);   /* 2025-04-01              */
    expect_date(&R->r[1], 2020, 3, 21);  /* 21 March 2020           */
    expect_date(&R->r[2], 2015, 12, 18); /* 18-December-2015        */
    expect_date(&R->r[3], 2016, 1, 20);  /* 20/01/2016              */
    expect_date(&R->r[4], 2016, 4, 3);   /* 03/04/2016, day-first as
                                            the file's 20/01/2016   */
    expect_date(&R->r[5], 2020, 5, 9);   /* 9-May-20                */
    expect_date(&R->r[6], 1997, 5, 29);  /* 5/29/97                 */
    expect_date(&R->r[7], 2019, 2, 16);  /* 2019-02-16 00:00:00.000 */
    CU_ASSERT_EQUAL(R->info.year_min, 1997);
    CU_ASSERT_EQUAL(R->info.year_max, 2025);
}

static void test_load_acled_cp1252(void)
{
    result *R = load("acled_cp1252.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 2);
    /* fields with bytes >= 0x80: row 1 actor1, country, notes; row 2
     * actor1, country */
    CU_ASSERT_EQUAL(R->info.transcoded, 5);
    CU_ASSERT_STRING_EQUAL(R->r[0].country, "C\xc3\xb4te d'Ivoire");
    CU_ASSERT_STRING_EQUAL(R->r[1].country,
                           "C\xc3\xb4te d\xe2\x80\x99Ivoire");
    /* row 1 has no iso: the transcoded name resolves */
    expect_locs(&R->r[0], 1, 437, 0);
    expect_locs(&R->r[1], 1, 437, 0);
    CU_ASSERT_EQUAL(R->info.unresolved, 0);
    /* interstate only if "Military Forces of C\xf4te d'Ivoire" resolved */
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_INTERSTATE);
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_INTRASTATE);
}

static void test_load_trailing_empty_header(void)
{
    result *R = load("acled_trailing_empty.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.layout, CT_LAYOUT_ACLED_EXPORT);
    CU_ASSERT_EQUAL_FATAL(R->n, 2);
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_INTERNATIONALIZED);
}

static void test_load_hapi_bom_crlf(void)
{
    result *R = load("hapi_small.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    /* the BOM is gone, or 'location_code' would not be recognised */
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_HAPI);
    CU_ASSERT_EQUAL(R->info.unit, CT_UNIT_AREA_MONTH);
    CU_ASSERT_EQUAL_FATAL(R->n, 6);
    expect_date(&R->r[0], 2025, 1, 0);
    CU_ASSERT_EQUAL(R->r[0].prec, CT_PREC_MONTH);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].events, 120, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[0].best, 95, 0);
    CU_ASSERT_EQUAL(R->r[0].cls, CT_CLASS_UNCLASSIFIED); /* political_v. */
    CU_ASSERT_EQUAL(R->r[1].cls, CT_CLASS_ONESIDED);     /* civilian_t.  */
    CU_ASSERT_EQUAL(R->r[2].cls, CT_CLASS_OTHER);        /* demonstration */
    expect_locs(&R->r[0], 1, 520, 0);
    expect_locs(&R->r[3], 1, 700, 0);
    CU_ASSERT_DOUBLE_EQUAL(R->r[5].events, 0, 0);
    CU_ASSERT_STRING_NOT_EQUAL(R->r[0].record_id, R->r[1].record_id);
}

static void test_load_forced_dataset(void)
{
    result *R = load_opt("acd_small.csv", CT_DS_ACD, 0);
    CU_ASSERT_EQUAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->n, 7);
    /* a header of another dataset: its required columns are missing */
    R = load_opt("acd_small.csv", CT_DS_BRD, 0);
    CU_ASSERT_EQUAL(R->rc, CT_EPARSE);
    CU_ASSERT_STRING_EQUAL(R->err.msg, "missing required column 'dyad_id' "
                                       "for UCDP Battle-Related Deaths "
                                       "Dataset");
}

/* ---- errors -------------------------------------------------------------- */

static void expect_error(const char *name, int skip_bad, int code,
                         long line, const char *msg)
{
    result *R = load_opt(name, CT_DS_AUTO, skip_bad);
    CU_ASSERT_EQUAL(R->rc, code);
    CU_ASSERT_EQUAL(R->err.code, code);
    CU_ASSERT_STRING_EQUAL(R->err.path, name);
    CU_ASSERT_EQUAL(R->err.line, line);
    CU_ASSERT_STRING_EQUAL(R->err.msg, msg);
    if (R->rc != code || R->err.line != line || strcmp(R->err.msg, msg))
        fprintf(stderr, "\n  %s: want %d %s:%ld: %s\n", name, code, name,
                line, msg);
}

static void test_load_error_missing_column(void)
{
    expect_error("err_missing_column.csv", 0, CT_EPARSE, 1,
                 "missing required column 'dyad_id' for UCDP "
                 "Battle-Related Deaths Dataset");
}

static void test_load_error_duplicate_column(void)
{
    expect_error("err_duplicate_column.csv", 0, CT_EPARSE, 1,
                 "duplicate column 'year' (fields 11 and 13)");
}

static void test_load_error_bad_number(void)
{
    expect_error("err_bad_number.csv", 0, CT_EPARSE, 3,
                 "field 13 'bd_best': expected a non-negative integer, "
                 "got 'n/a'");
    /* the good record before it was delivered */
    CU_ASSERT_EQUAL(res.n, 1);
    CU_ASSERT_EQUAL(res.info.rows, 1);
}

static void test_load_error_impossible_date(void)
{
    expect_error("err_bad_date.csv", 0, CT_EPARSE, 3,
                 "field 2 'event_date': not a valid date, got "
                 "'31 February 2021'");
}

static void test_load_error_year_9999(void)
{
    expect_error("err_year_9999.csv", 0, CT_EPARSE, 3,
                 "field 11 'year': expected an integer from 1900 to 2100, "
                 "got '9999'");
}

static void test_load_error_unterminated(void)
{
    expect_error("err_unterminated.csv", 0, CT_EPARSE, 4,
                 "unterminated quoted field (record starts here)");
    CU_ASSERT_EQUAL(res.info.rows, 2);
}

/* With --skip-bad the unterminated quote still ends the load (it runs to
 * the end of the file), and the message must say why, not that reading
 * "stopped after an earlier error". */
static void test_load_error_unterminated_skip_bad(void)
{
    expect_error("err_unterminated.csv", 1, CT_EPARSE, 4,
                 "unterminated quoted field (record starts here)");
    CU_ASSERT_EQUAL(res.info.rows, 2);
}

static void test_load_error_nul(void)
{
    expect_error("err_nul.csv", 0, CT_EPARSE, 3,
                 "NUL byte in the data: this is a binary file, not CSV");
}

static void test_load_error_empty(void)
{
    expect_error("csv_empty.csv", 0, CT_EPARSE, 1,
                 "empty file: no header line");
}

static void test_load_error_gzip(void)
{
    expect_error("csv_gzip.csv.gz", 0, CT_EPARSE, 1,
                 "gzip-compressed data, not CSV: decompress it first "
                 "(gunzip)");
}

/* Issue 8 class 9: a year column that disagrees with the date is a slip
 * counted by the date and reported; an error only under strict. */
static void test_load_error_date_not_in_year(void)
{
    result *R = load("err_date_year.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->r[0].year, 2020);  /* date 2020-01-05, year 2021 */
    CU_ASSERT_EQUAL(R->info.year_mismatch, 1);
    CU_ASSERT_EQUAL(R->info.first_year_mismatch, 2);
    CU_ASSERT_STRING_EQUAL(R->info.year_mismatch_text,
                           "date '2020-01-05', year 2021");
    R = load_with("err_date_year.csv", CT_DATE_ORDER_UNKNOWN, 1, 0);
    CU_ASSERT_EQUAL(R->rc, CT_EPARSE);
    CU_ASSERT_EQUAL(R->err.line, 2);
    CU_ASSERT_STRING_EQUAL(R->err.msg, "field 2 'event_date': date "
                           "'2020-01-05' is not in year 2021 (field 3 "
                           "'year'; --strict)");
}

/* ACLED All Africa 2016's slip: 28/12/2015 with YEAR 2016 (row 2 of 3). */
static void test_load_year_slip(void)
{
    result *R = load("i8_year_slip.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->r[0].year, 2016);
    CU_ASSERT_EQUAL(R->r[1].year, 2015);
    CU_ASSERT_EQUAL(R->r[1].month, 12);
    CU_ASSERT_EQUAL(R->r[1].day, 28);
    CU_ASSERT_EQUAL(R->info.year_mismatch, 1);
    CU_ASSERT_EQUAL(R->info.first_year_mismatch, 3);
    /* span: the earliest and latest dates, not the first and last rows */
    CU_ASSERT_EQUAL(R->info.first_date[0], 2015);
    CU_ASSERT_EQUAL(R->info.first_date[1], 12);
    CU_ASSERT_EQUAL(R->info.first_date[2], 28);
    CU_ASSERT_EQUAL(R->info.last_date[0], 2016);
    CU_ASSERT_EQUAL(R->info.last_date[1], 2);
    CU_ASSERT_EQUAL(R->info.last_date[2], 20);
}

/* ---- issue 8 class 1: one slash-date order per file ---------------------- */

/* 03/02/2021, 03/02/2021, 03/15/2021, 03/02/2021: line 4 proves
 * month-first, so every row is in March (the rows before the proof too). */
static void test_load_date_order_late_proof(void)
{
    size_t i;
    result *R = load("i8_slash_late.csv");
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL_FATAL(R->n, 4);
    for (i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(R->r[i].year, 2021);
        CU_ASSERT_EQUAL(R->r[i].month, 3);
    }
    CU_ASSERT_EQUAL(R->r[0].day, 2);
    CU_ASSERT_EQUAL(R->r[2].day, 15);
    CU_ASSERT_EQUAL(R->info.date_order, CT_DATE_ORDER_MDY);
    CU_ASSERT_EQUAL(R->info.date_order_from, CT_ORDER_PROOF);
    CU_ASSERT_EQUAL(R->info.date_order_line, 4);
    CU_ASSERT_STRING_EQUAL(R->info.date_order_value, "03/15/2021");
    CU_ASSERT_EQUAL(R->info.ambiguous_dates, 3);
}

static void test_load_date_order_both(void)
{
    expect_error("i8_slash_both.csv", 0, CT_EPARSE, 4,
                 "field 2 'event_date': date '02/13/2021' is month-first, "
                 "but line 2 ('13/02/2021') proves day-first dates: the file "
                 "uses both orders (give --date-order dmy or mdy)");
}

/* An order given by the caller: ambiguous dates follow it, a date that
 * contradicts it is an error. */
static void test_load_date_order_option(void)
{
    result *R = load_with("i8_slash_late.csv", CT_DATE_ORDER_MDY, 0, 0);
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->r[0].month, 3);
    CU_ASSERT_EQUAL(R->info.date_order_from, CT_ORDER_OPTION);
    R = load_with("i8_slash_late.csv", CT_DATE_ORDER_DMY, 0, 0);
    CU_ASSERT_EQUAL(R->rc, CT_EPARSE);
    CU_ASSERT_EQUAL(R->err.line, 4);
    CU_ASSERT_STRING_EQUAL(R->err.msg, "field 2 'event_date': date "
                           "'03/15/2021' is not a valid day-first date "
                           "(--date-order dmy)");
}

/* ---- issue 8 class 4: record identity ------------------------------------ */

static void test_load_identity(void)
{
    result *R = load("i8_brd_na_a.csv"); /* dyad_id NA */
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_STRING_EQUAL(R->r[0].record_id, "");
    R = load("i8_brd_na_b.csv");         /* dyad_id NA too */
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_STRING_EQUAL(R->r[0].record_id, "");
    R = load("brd_small.csv");           /* dyad 91001, 2000 */
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_STRING_EQUAL(R->r[0].record_id, "5:91001|2000");
}

/* One dyad-year twice in a file (lines 2 and 4): an error; counted
 * under skip_bad. */
static void test_load_duplicate_in_file(void)
{
    result *R;
    expect_error("i8_brd_dup.csv", 0, CT_EPARSE, 4,
                 "duplicate record: the same dyad_id and year as line 2 "
                 "(1 duplicate in the file)");
    R = load_opt("i8_brd_dup.csv", CT_DS_AUTO, 1);
    CU_ASSERT_EQUAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.duplicates, 1);
    CU_ASSERT_EQUAL(R->info.first_duplicate, 4);
    CU_ASSERT_EQUAL(R->info.first_duplicate_of, 2);
}

/* ---- issue 8 class 5: missing ACLED fatalities --------------------------- */

static void test_load_missing_fatalities(void)
{
    result *R = load("i8_fatal_na.csv"); /* 5, empty, NA */
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->r[0].best, 5);
    CU_ASSERT_EQUAL(R->r[1].best, 0);
    CU_ASSERT_EQUAL(R->info.missing_deaths, 2);
    CU_ASSERT_EQUAL(R->info.first_missing_deaths, 3);
}

/* Counts of rows whose estimates are not low <= best <= high in the real
 * UCDP files, by an independent count (Python csv module, comparing the
 * three columns of every row: BRD v24.1 7, first at line 485; Non-State
 * v23.1 12; One-Sided v23.1 5; GED Pakistan (HDX) 200): loaded, reported,
 * refused only under strict. Skips without ../shared/data. */
static void test_load_shared_estimates(void)
{
    static const struct {
        const char *file;
        long n;
    } F[] = {{"ucdp/BattleDeaths_v24_1.csv", 7},
             {"ucdp/Nonstate_v23_1.csv", 12},
             {"ucdp/OneSided_v23_1.csv", 5},
             {"ucdp/ged_hdx/conflict_data_pak.csv", 200}};
    const char *dir = ct_test_shared_dir();
    size_t i;
    if (dir == NULL)
        return;
    for (i = 0; i < sizeof F / sizeof F[0]; i++) {
        ct_load_options opt = CT_LOAD_OPTIONS_INIT;
        ct_load_info info;
        ct_error err;
        long seen = 0;
        int rc;
        opt.geo = ct_test_geo;
        rc = ct_load_file(ct_test_path(dir, F[i].file), &opt, count_only,
                          &seen, &info, &err);
        CU_ASSERT_EQUAL(rc, CT_OK);
        CU_ASSERT_EQUAL(info.bad_estimates, F[i].n);
        if (i == 0)
            CU_ASSERT_EQUAL(info.first_bad_estimates, 485);
        opt.strict = 1;
        rc = ct_load_file(ct_test_path(dir, F[i].file), &opt, count_only,
                          &seen, &info, &err);
        CU_ASSERT_EQUAL(rc, CT_EPARSE);
    }
}

/* ct_load_options.on_bytes sees every byte of the input exactly once, in
 * order and as stored (a BOM, CRLF, lone CRs, a 40 MB file that would
 * otherwise be read on several threads): the bytes handed on equal the
 * file read with stdio. */
typedef struct byte_sink {
    char *p;
    size_t n, cap;
} byte_sink;

static void sink_bytes(const void *p, size_t n, void *ctx)
{
    byte_sink *b = ctx;
    if (b->n + n > b->cap) {
        size_t cap = 2 * (b->n + n);
        char *q = realloc(b->p, cap);
        if (q == NULL)
            return;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void check_bytes_of(const char *path, unsigned long long parallel_min)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    ct_load_info info;
    ct_error err;
    byte_sink b = {NULL, 0, 0};
    long seen = 0, size;
    char *want;
    FILE *f = fopen(path, "rb");
    CU_ASSERT_FATAL(f != NULL);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    want = malloc((size_t)size + 1);
    CU_ASSERT_FATAL(want != NULL);
    CU_ASSERT_EQUAL(fread(want, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    opt.geo = ct_test_geo;
    opt.on_bytes = sink_bytes;
    opt.bytes_ctx = &b;
    opt.parallel_min = parallel_min;
    CU_ASSERT_EQUAL(ct_load_file(path, &opt, count_only, &seen, &info, &err),
                    CT_OK);
    CU_ASSERT_EQUAL(b.n, (size_t)size);
    CU_ASSERT(b.n == (size_t)size && memcmp(b.p, want, b.n) == 0);
    free(want);
    free(b.p);
}

static void test_load_on_bytes(void)
{
    const char *dir = ct_test_source_dir();
    static const char *const F[] = {"tests/data/acd_bom.csv",
                                    "tests/data/acd_cr_eol.csv",
                                    "datasets/synthetic/acd_synthetic.csv",
                                    "datasets/synthetic/acled_synthetic.csv"};
    size_t i;
    for (i = 0; i < sizeof F / sizeof F[0]; i++)
        check_bytes_of(ct_test_path(dir, F[i]), 0);
    /* a file big enough for threads (parallel_min 1 byte): still one
     * reader, every byte once */
    check_bytes_of(ct_test_path(dir, "datasets/synthetic/acled_synthetic.csv"),
                   1);
}

/* The covered span of real ACLED exports (earliest and latest event_date
 * by Python's csv module): Somalia 2025-04-01 to 2026-03-27 (partial
 * first and last years), Sri Lanka (HDX) 2010-01-01 to 2020-10-02. */
static void test_load_shared_span(void)
{
    static const struct {
        const char *file;
        int a[3], b[3];
    } F[] = {{"acled/acled_somalia_2025-04_to_2026-03_current-format.csv",
              {2025, 4, 1}, {2026, 3, 27}},
             {"acled/hdx_acled_conflict_data_lka_2020-10-08.csv",
              {2010, 1, 1}, {2020, 10, 2}}};
    const char *dir = ct_test_shared_dir();
    size_t i;
    int k;
    if (dir == NULL)
        return;
    for (i = 0; i < sizeof F / sizeof F[0]; i++) {
        ct_load_options opt = CT_LOAD_OPTIONS_INIT;
        ct_load_info info;
        ct_error err;
        long seen = 0;
        opt.geo = ct_test_geo;
        CU_ASSERT_EQUAL(ct_load_file(ct_test_path(dir, F[i].file), &opt,
                                     count_only, &seen, &info, &err), CT_OK);
        for (k = 0; k < 3; k++) {
            CU_ASSERT_EQUAL(info.first_date[k], F[i].a[k]);
            CU_ASSERT_EQUAL(info.last_date[k], F[i].b[k]);
        }
        CU_ASSERT_EQUAL(info.missing_deaths, 0);
        CU_ASSERT_EQUAL(info.duplicates, 0);
    }
}

static void test_load_error_utf16(void)
{
    expect_error("err_utf16.csv", 0, CT_EPARSE, 1,
                 "UTF-16 text: re-save the file as UTF-8");
}

static void test_load_error_unknown_header(void)
{
    expect_error("err_unknown_header.csv", 0, CT_EPARSE, 1,
                 "not a UCDP or ACLED export: the header has none of the "
                 "columns that identify one (first column 'foo'); use "
                 "--dataset to name it");
}

/* A record cut short (fewer fields than the header) must not load as if
 * its missing fields were empty: its fatalities would silently be 0. */
static void test_load_error_truncated_record(void)
{
    result *R = load("acled_truncated.csv");
    CU_ASSERT_EQUAL(R->rc, CT_EPARSE);
    CU_ASSERT_EQUAL(R->err.line, 3);
    CU_ASSERT_EQUAL(R->info.rows, 1);
}

static void test_load_header_only(void)
{
    result *R = load("err_header_only.csv");
    CU_ASSERT_EQUAL(R->rc, CT_OK);
    CU_ASSERT_EQUAL(R->info.rows, 0);
    CU_ASSERT_EQUAL(R->info.dataset, CT_DS_ACD);
    CU_ASSERT_EQUAL(R->info.year_min, 0);
}

static void test_load_skip_bad(void)
{
    result *R = load_opt("err_skip_bad.csv", CT_DS_AUTO, 1);
    CU_ASSERT_EQUAL_FATAL(R->rc, CT_OK);
    /* records on lines 3 (type 7) and 5 (year 19x8) are bad */
    CU_ASSERT_EQUAL(R->info.rows, 3);
    CU_ASSERT_EQUAL(R->info.skipped, 2);
    CU_ASSERT_EQUAL_FATAL(R->n, 3);
    CU_ASSERT_EQUAL(R->r[0].line, 2);
    CU_ASSERT_EQUAL(R->r[1].line, 4);
    CU_ASSERT_EQUAL(R->r[2].line, 6);
    CU_ASSERT_PTR_NOT_NULL(strstr(R->info.first_skip,
                                  "err_skip_bad.csv:3: field 14 "
                                  "'type_of_conflict': expected an integer "
                                  "from 1 to 4, got '7'"));
    /* without --skip-bad the first bad record stops the load */
    expect_error("err_skip_bad.csv", 0, CT_EPARSE, 3,
                 "field 14 'type_of_conflict': expected an integer from 1 "
                 "to 4, got '7'");
    CU_ASSERT_EQUAL(res.info.rows, 1);
}

static int stop_at_second(const ct_obs *o, void *ctx, ct_error *err)
{
    int *n = ctx;
    if (++*n == 2)
        return ct_error_set(err, CT_EDOMAIN, NULL, o->line, "enough");
    return CT_OK;
}

static void test_load_callback_stops(void)
{
    char path[4096];
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    ct_error err;
    int n = 0, rc;

    snprintf(path, sizeof path, "%s/tests/data/acd_small.csv",
             ct_test_source_dir());
    opt.geo = ct_test_geo;
    rc = ct_load_file(path, &opt, stop_at_second, &n, NULL, &err);
    CU_ASSERT_EQUAL(rc, CT_EDOMAIN);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_STRING_EQUAL(err.msg, "enough");
    CU_ASSERT_EQUAL(err.line, 3);
}

static void test_load_no_geo(void)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    ct_error err;
    CU_ASSERT_EQUAL(ct_load_file("x.csv", &opt, stop_at_second, NULL, NULL,
                                 &err),
                    CT_EUSAGE);
}

static void test_load_detect(void)
{
    static const char *const acd[] = {"conflict_id", "year",
                                      "type_of_conflict"};
    static const char *const os[] = {"conflict_id", "actor_id", "year",
                                     "best_fatality_estimate"};
    static const char *const ns[] = {"conflict_id", "dyad_id", "year",
                                     "best_fatality_estimate"};
    static const char *const leg[] = {"GWNO", "EVENT_ID_CNTY", "EVENT_DATE",
                                      "EVENT_TYPE", "FATALITIES"};
    static const char *const other[] = {"a", "b"};
    ct_layout l;
    CU_ASSERT_EQUAL(ct_load_detect(acd, 3, &l), CT_DS_ACD);
    CU_ASSERT_EQUAL(ct_load_detect(os, 4, &l), CT_DS_ONESIDED);
    CU_ASSERT_EQUAL(ct_load_detect(ns, 4, &l), CT_DS_NONSTATE);
    CU_ASSERT_EQUAL(ct_load_detect(leg, 5, &l), CT_DS_ACLED);
    CU_ASSERT_EQUAL(l, CT_LAYOUT_ACLED_LEGACY);
    CU_ASSERT_EQUAL(ct_load_detect(other, 2, &l), CT_DS_AUTO);
}

/* ---- every file of ../shared/data against PROVENANCE.md ------------------ */

typedef struct prov {
    char file[256];
    long rows;
} prov;

/* Reads the "| `file` | dataset | version | rows | size |" rows of the
 * summary table; returns the count, or -1 when the table is not there. */
static int read_provenance(const char *dir, prov *p, int max, int *total)
{
    char path[4096], line[4096];
    FILE *f;
    int n = 0, in_summary = 0;

    snprintf(path, sizeof path, "%s/PROVENANCE.md", dir);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    *total = -1;
    while (fgets(line, sizeof line, f)) {
        char *cell[8], *s = line, *bar;
        int k = 0;
        if (strncmp(line, "## Summary", 10) == 0)
            in_summary = 1;
        else if (strncmp(line, "## ", 3) == 0)
            in_summary = 0;
        if (strncmp(line, "Total: ", 7) == 0)
            *total = atoi(line + 7);
        if (!in_summary || strncmp(line, "| `", 3) != 0)
            continue;
        while ((bar = strchr(s, '|')) != NULL && k < 8) {
            *bar = '\0';
            cell[k++] = s;
            s = bar + 1;
        }
        /* "", file, dataset, version, rows, size */
        if (k != 6 || n >= max) {
            fclose(f);
            return -1;
        }
        {
            char *a = strchr(cell[1], '`'), *b;
            char digits[32];
            size_t j = 0;
            const char *q;
            if (a == NULL || (b = strchr(a + 1, '`')) == NULL) {
                fclose(f);
                return -1;
            }
            *b = '\0';
            snprintf(p[n].file, sizeof p[n].file, "%s", a + 1);
            for (q = cell[4]; *q && j + 1 < sizeof digits; q++)
                if (*q >= '0' && *q <= '9')
                    digits[j++] = *q;
                else if (*q != ',' && *q != ' ')
                    break;
            digits[j] = '\0';
            p[n].rows = j ? atol(digits) : -1;
            n++;
        }
    }
    fclose(f);
    return n;
}

static int count_only(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)err;
    ++*(long *)ctx;
    return CT_OK;
}

static void test_load_shared_data_row_counts(void)
{
    const char *dir = ct_test_shared_dir();
    prov p[32];
    int n, i, total;

    if (dir == NULL) {
        fprintf(stderr, "\n  skipped: no shared data folder ");
        CU_PASS("skipped: no ../shared/data");
        return;
    }
    n = read_provenance(dir, p, 32, &total);
    CU_ASSERT_FATAL(n > 0);
    CU_ASSERT_EQUAL(n, total);
    for (i = 0; i < n; i++) {
        char path[4096];
        ct_load_options opt = CT_LOAD_OPTIONS_INIT;
        ct_load_info info;
        ct_error err;
        long seen = 0;
        int rc;

        if (snprintf(path, sizeof path, "%s/%s", dir, p[i].file) >=
            (int)sizeof path) {
            CU_FAIL("path too long");
            continue;
        }
        opt.geo = ct_test_geo;
        rc = ct_load_file(path, &opt, count_only, &seen, &info, &err);
        CU_ASSERT_EQUAL(rc, CT_OK);
        CU_ASSERT_EQUAL(info.rows, p[i].rows);
        CU_ASSERT_EQUAL(seen, p[i].rows);
        CU_ASSERT_EQUAL(info.skipped, 0);
        /* every location of every file is in the country table */
        CU_ASSERT_EQUAL(info.unresolved, 0);
        if (rc != CT_OK || info.rows != p[i].rows || info.unresolved)
            fprintf(stderr, "\n  %s: rc %d (%s) rows %ld, want %ld; "
                    "unresolved %ld (%s)\n", p[i].file, rc,
                    rc ? err.msg : "", info.rows, p[i].rows,
                    info.unresolved, info.first_unresolved);
    }
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("load", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "acd", test_load_acd) ||
        !CU_add_test(s, "brd", test_load_brd) ||
        !CU_add_test(s, "nonstate, quoted line break",
                     test_load_nonstate_multiline) ||
        !CU_add_test(s, "onesided", test_load_onesided) ||
        !CU_add_test(s, "ged native", test_load_ged_native) ||
        !CU_add_test(s, "ged hdx (hxl, crlf + lf)", test_load_ged_hdx) ||
        !CU_add_test(s, "semicolon re-save", test_load_semicolon) ||
        !CU_add_test(s, "pandas index column", test_load_pandas_index) ||
        !CU_add_test(s, "literal NA", test_load_literal_na) ||
        !CU_add_test(s, "header spaces, no final newline",
                     test_load_header_spaces_no_final_newline) ||
        !CU_add_test(s, "bare cr line ends", test_load_bare_cr_line_ends) ||
        !CU_add_test(s, "bom before quoted header",
                     test_load_bom_quoted_header) ||
        !CU_add_test(s, "acled current, text inter",
                     test_load_acled_current_text_inter) ||
        !CU_add_test(s, "acled export, numeric inter",
                     test_load_acled_export_numeric_inter) ||
        !CU_add_test(s, "acled hdx", test_load_acled_hdx) ||
        !CU_add_test(s, "acled legacy", test_load_acled_legacy) ||
        !CU_add_test(s, "acled dates", test_load_acled_dates) ||
        !CU_add_test(s, "acled windows-1252", test_load_acled_cp1252) ||
        !CU_add_test(s, "empty trailing header cells",
                     test_load_trailing_empty_header) ||
        !CU_add_test(s, "hapi, bom, crlf", test_load_hapi_bom_crlf) ||
        !CU_add_test(s, "forced dataset", test_load_forced_dataset) ||
        !CU_add_test(s, "error: missing column",
                     test_load_error_missing_column) ||
        !CU_add_test(s, "error: duplicate column",
                     test_load_error_duplicate_column) ||
        !CU_add_test(s, "error: bad number", test_load_error_bad_number) ||
        !CU_add_test(s, "error: impossible date",
                     test_load_error_impossible_date) ||
        !CU_add_test(s, "error: year 9999", test_load_error_year_9999) ||
        !CU_add_test(s, "error: unterminated quote",
                     test_load_error_unterminated) ||
        !CU_add_test(s, "error: unterminated quote with skip-bad",
                     test_load_error_unterminated_skip_bad) ||
        !CU_add_test(s, "error: nul byte", test_load_error_nul) ||
        !CU_add_test(s, "error: empty file", test_load_error_empty) ||
        !CU_add_test(s, "error: gzip", test_load_error_gzip) ||
        !CU_add_test(s, "error: date not in year",
                     test_load_error_date_not_in_year) ||
        !CU_add_test(s, "error: utf-16", test_load_error_utf16) ||
        !CU_add_test(s, "error: unknown header",
                     test_load_error_unknown_header) ||
        !CU_add_test(s, "error: truncated record",
                     test_load_error_truncated_record) ||
        !CU_add_test(s, "header only", test_load_header_only) ||
        !CU_add_test(s, "skip bad", test_load_skip_bad) ||
        !CU_add_test(s, "callback stops", test_load_callback_stops) ||
        !CU_add_test(s, "no country table", test_load_no_geo) ||
        !CU_add_test(s, "detect", test_load_detect) ||
        !CU_add_test(s, "shared data row counts (PROVENANCE.md)",
                     test_load_shared_data_row_counts) ||
        !CU_add_test(s, "year slip counted by the date",
                     test_load_year_slip) ||
        !CU_add_test(s, "date order proved late",
                     test_load_date_order_late_proof) ||
        !CU_add_test(s, "date order proved both ways",
                     test_load_date_order_both) ||
        !CU_add_test(s, "date order given", test_load_date_order_option) ||
        !CU_add_test(s, "record identity", test_load_identity) ||
        !CU_add_test(s, "duplicate in one file",
                     test_load_duplicate_in_file) ||
        !CU_add_test(s, "missing fatalities", test_load_missing_fatalities) ||
        !CU_add_test(s, "shared data: estimates out of order",
                     test_load_shared_estimates) ||
        !CU_add_test(s, "shared data: covered span",
                     test_load_shared_span) ||
        !CU_add_test(s, "every byte once to on_bytes", test_load_on_bytes))
        return -1;
    return 0;
}
