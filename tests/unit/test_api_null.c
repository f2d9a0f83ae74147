/* SPDX-License-Identifier: MIT
 * test_api_null.c - the promise of error.h: every public function that
 * takes a `ct_error *err` accepts NULL there. Each one is called with
 * err = NULL on input it must refuse (a missing or malformed file, a bad
 * value, a bad option) and must return the documented negative code
 * without crashing. Functions with no failing input reachable from the
 * API are called once with NULL on good input.
 *
 * The list follows a grep for 'ct_error \*err' in include/ctrend/; a new
 * public function with an err argument belongs here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/ctrend.h"
#include "ctrend/claims.h"
#include "ctrend/gen.h"
#include "ctrend/output.h"
#include "ctrend/plot.h"
#include "runner.h"

#define NOFILE "/nonexistent/ctrend-test/none.csv"

static const char *data(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/tests/data/%s", ct_test_source_dir(), rel);
    return buf;
}

/* A stream holding text (for readers). */
static FILE *text_stream(const char *text)
{
    FILE *f = tmpfile();
    if (f == NULL)
        return NULL;
    fputs(text, f);
    rewind(f);
    return f;
}

/* A stream every write to fails (a file opened for reading only). */
static FILE *unwritable(void)
{
    return fopen(ct_test_path(ct_test_source_dir(), "README.md"), "r");
}

/* A small yearly series by region, for the plot writers. */
static ct_series *region_series(void)
{
    ct_series *s = NULL;
    FILE *f = text_stream("period,region,value\n"
                          "2000,Africa,1\n2001,Africa,2\n2002,Africa,3\n"
                          "2003,Africa,5\n2004,Africa,8\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_series_read_csv(&s, f, "s.csv", NULL, NULL), CT_OK);
    fclose(f);
    return s;
}

/* ------------------------------------------------------------ error --- */

static void test_error(void)
{
    ct_error_clear(NULL);
    CU_ASSERT_EQUAL(ct_error_set(NULL, CT_EPARSE, "x", 3, "bad %d", 1),
                    CT_EPARSE);
}

/* ------------------------------------------------------- geo, load --- */

static void test_geo(void)
{
    ct_geo *g = (ct_geo *)1;
    CU_ASSERT_EQUAL(ct_geo_load(&g, NOFILE, NULL), CT_EIO);
    CU_ASSERT_PTR_NULL(g);
    g = (ct_geo *)1;
    CU_ASSERT_EQUAL(ct_geo_load(&g, data("err_bad_number.csv"), NULL),
                    CT_EPARSE);
    CU_ASSERT_PTR_NULL(g);
}

static int count_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)err;
    ++*(long *)ctx;
    return CT_OK;
}

static int refuse_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)ctx;
    return ct_error_set(err, CT_EDOMAIN, NULL, 0, "refused");
}

static int reset_count(void *ctx)
{
    *(long *)ctx = 0;
    return CT_OK;
}

/* The case of the issue: a bad number with err NULL segfaulted. */
static void test_load(void)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    ct_load_info info;
    long n = 0;
    opt.geo = ct_test_geo;
    CU_ASSERT_EQUAL(ct_load_file(data("err_bad_number.csv"), &opt, count_obs,
                                 &n, NULL, NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_load_file(data("err_bad_number.csv"), &opt, count_obs,
                                 &n, &info, NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_load_file(data("err_bad_date.csv"), &opt, count_obs,
                                 &n, NULL, NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_load_file(data("err_unknown_header.csv"), &opt,
                                 count_obs, &n, NULL, NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_load_file(NOFILE, &opt, count_obs, &n, NULL, NULL),
                    CT_EIO);
    /* a callback's own code comes back */
    CU_ASSERT_EQUAL(ct_load_file(data("acd_small.csv"), &opt, refuse_obs,
                                 NULL, NULL, NULL),
                    CT_EDOMAIN);
    /* a bad option */
    opt.geo = NULL;
    CU_ASSERT_EQUAL(ct_load_file(data("acd_small.csv"), &opt, count_obs, &n,
                                 NULL, NULL),
                    CT_EUSAGE);
}

static void test_load_parallel(void)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    long n[2] = {0, 0};
    void *ctx[2] = {&n[0], &n[1]};
    opt.geo = ct_test_geo;
    opt.parallel_min = 1; /* cut even the small fixture */
    CU_ASSERT_EQUAL(ct_load_file_parallel(data("err_bad_number.csv"), &opt, 2,
                                          count_obs, ctx, reset_count, NULL,
                                          NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_load_file_parallel(data("acd_small.csv"), &opt, 2,
                                          refuse_obs, ctx, reset_count, NULL,
                                          NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_load_file_parallel(NOFILE, &opt, 2, count_obs, ctx,
                                          reset_count, NULL, NULL),
                    CT_EIO);
}

static void test_typemap(void)
{
    ct_load_options opt = CT_LOAD_OPTIONS_INIT;
    ct_typemap *m = (ct_typemap *)1;
    opt.geo = ct_test_geo;
    /* an ACLED file has no conflict types */
    CU_ASSERT_EQUAL(ct_typemap_load(&m, data("acled_current.csv"), &opt,
                                    NULL),
                    CT_EUSAGE);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_EQUAL(ct_typemap_load(&m, data("err_bad_number.csv"), &opt,
                                    NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_typemap_load(&m, NOFILE, &opt, NULL), CT_EIO);
}

/* ----------------------------------------------------------- series --- */

static void test_series_builder(void)
{
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_series_builder *b = (ct_series_builder *)1, *b2 = NULL;
    ct_series *s = NULL;
    ct_obs o;
    const char *bad_region[] = {"Atlantis"};

    /* a bad option: an unknown region */
    so.geo = ct_test_geo;
    so.regions = bad_region;
    so.n_regions = 1;
    CU_ASSERT_EQUAL(ct_series_builder_alloc(&b, &so, NULL), CT_EUSAGE);
    CU_ASSERT_PTR_NULL(b);

    /* deaths from a dataset without them: a bad value */
    so.regions = NULL;
    so.n_regions = 0;
    so.measure = CT_MEASURE_DEATHS;
    CU_ASSERT_EQUAL_FATAL(ct_series_builder_alloc(&b, &so, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_series_builder_begin_file(b, NULL), CT_OK);
    memset(&o, 0, sizeof o);
    o.dataset = CT_DS_ACD;
    o.unit = CT_UNIT_CONFLICT_YEAR;
    o.year = 2000;
    o.prec = CT_PREC_YEAR;
    o.conflict_id = "1";
    o.record_id = "";
    o.version = "";
    o.country_name = "";
    o.event_type = "";
    o.best = o.low = o.high = NAN;
    o.events = 1;
    CU_ASSERT_EQUAL(ct_series_builder_add(&o, b, NULL), CT_EDOMAIN);

    ct_series_builder_free(b);

    /* merging builders that read different datasets */
    so.measure = CT_MEASURE_CONFLICTS;
    CU_ASSERT_EQUAL_FATAL(ct_series_builder_alloc(&b, &so, NULL), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_series_builder_alloc(&b2, &so, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_series_builder_add(&o, b, NULL), CT_OK);
    o.dataset = CT_DS_BRD;
    o.unit = CT_UNIT_DYAD_YEAR;
    CU_ASSERT_EQUAL(ct_series_builder_add(&o, b2, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_series_builder_merge(b, b2, NULL), CT_EDOMAIN);
    ct_series_builder_free(b2);

    /* finishing: nothing fails here; err NULL must still do */
    CU_ASSERT_EQUAL(ct_series_builder_finish(b, &s, NULL), CT_OK);
    ct_series_free(s);
    ct_series_builder_free(b);
}

static void test_series_csv(void)
{
    ct_series *s = (ct_series *)1;
    FILE *f = text_stream("period,value\n2000,1\n1999,x\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_series_read_csv(&s, f, "s.csv", NULL, NULL),
                    CT_EPARSE);
    CU_ASSERT_PTR_NULL(s);
    fclose(f);
    f = text_stream("period,value\n2000,1\n");
    CU_ASSERT_EQUAL(ct_series_read_csv(&s, f, "s.csv", "deaths", NULL),
                    CT_EPARSE);
    fclose(f);
    /* by path: a file that is not there, a line over the limit */
    s = (ct_series *)1;
    CU_ASSERT_EQUAL(ct_series_read_csv_path(&s, "/nonexistent/s.csv", NULL,
                                            NULL, NULL),
                    CT_EIO);
    CU_ASSERT_PTR_NULL(s);
    {
        char *big = malloc(CT_SERIES_CSV_MAX_LINE + 32);
        CU_ASSERT_PTR_NOT_NULL_FATAL(big);
        memcpy(big, "period,value\n2000,", 18);
        memset(big + 18, '1', CT_SERIES_CSV_MAX_LINE);
        big[18 + CT_SERIES_CSV_MAX_LINE] = '\0';
        f = text_stream(big);
        free(big);
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        CU_ASSERT_EQUAL(ct_series_read_csv(&s, f, NULL, NULL, NULL),
                        CT_ELIMIT);
        fclose(f);
    }

    s = region_series();
    f = unwritable();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_report_series(f, s, NULL, NULL), CT_EIO);
    CU_ASSERT_EQUAL(ct_report_series(f, s, &(ct_report_series_options){
                                               .format = (ct_report_format)9},
                                     NULL), CT_EUSAGE);
    fclose(f);
    ct_series_free(s);
}

/* A caller-built series (ct_series_alloc) is a series like any other:
 * written by ct_report_series and freed by ct_series_free. */
static void test_series_alloc(void)
{
    ct_series *s = (ct_series *)1;
    char buf[256];
    size_t len;
    FILE *f;
    CU_ASSERT_EQUAL(ct_series_alloc(&s, 2, CT_SERIES_MAX_KEYS + 1, 0, NULL),
                    CT_EUSAGE);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&s, 3, 1, 0, NULL), CT_OK);
    CU_ASSERT_TRUE(isnan(s->value[2]));
    s->keys[0] = CT_KEY_REGION;
    s->year[0] = 2000, s->key[0] = ct_series_intern(s, "Asia");
    s->value[0] = 4;
    s->year[1] = 2001, s->key[1] = ct_series_intern(s, "Asia");
    s->value[1] = 2.5;
    s->year[2] = 2001, s->key[2] = ct_series_intern(s, "A,B");
    CU_ASSERT_PTR_EQUAL(s->key[0], s->key[1]);
    f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_report_series(f, s, NULL, NULL), CT_OK);
    rewind(f);
    len = fread(buf, 1, sizeof buf - 1, f);
    buf[len] = '\0';
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "period,region,value\n2000,Asia,4\n"
                                "2001,Asia,2.5\n2001,\"A,B\",NA\n");
    ct_series_free(s);
}

/* ----------------------------------------------------- output, rng --- */

static void test_output_rng(void)
{
    ct_output *o = (ct_output *)1;
    ct_rng *r = NULL;
    CU_ASSERT_EQUAL(ct_output_open(&o, "/nonexistent/ctrend-test/out.csv",
                                   NULL),
                    CT_EIO);
    CU_ASSERT_PTR_NULL(o);
    /* nothing fails here on a writable folder; err NULL must still do */
    {
        char path[64];
        snprintf(path, sizeof path, "/tmp/ctrend-api-null-%ld.txt",
                 (long)getpid());
        CU_ASSERT_EQUAL_FATAL(ct_output_open(&o, path, NULL), CT_OK);
        fputs("x\n", ct_output_stream(o));
        CU_ASSERT_EQUAL(ct_output_commit(o, NULL), CT_OK);
        remove(path);
    }
    CU_ASSERT_EQUAL(ct_rng_alloc(&r, 1, NULL), CT_OK);
    ct_rng_free(r);
}

/* ------------------------------------------------------------ stats --- */

static void test_stats(void)
{
    const double t[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const double y[] = {1, 2, 3, 4, 5, 6, 7, 8};
    const double neg[] = {1, -2, 3, 4, 5, 6, 7, 8};
    const double p_bad[] = {0.5, 1.5};
    double adj[2];
    ct_ols_result ols;
    ct_glm_result glm;
    ct_mk_result mk;
    ct_segmented_result seg;
    ct_compare_result cmp;
    ct_bootstrap_result boot;
    ct_statistic st;
    ct_scan_cell cell;
    ct_scan_summary sum;
    const double from[] = {1}, to[] = {8};
    ct_scan_options so = CT_SCAN_OPTIONS_INIT;
    ct_ols_options oo = CT_OLS_OPTIONS_INIT;

    CU_ASSERT_EQUAL(ct_stats_ols(&ols, t, y, 1, NULL, NULL), CT_EDOMAIN);
    oo.level = 2;
    CU_ASSERT_EQUAL(ct_stats_ols(&ols, t, y, 8, &oo, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_stats_glm(&glm, CT_GLM_POISSON, t, neg, 8, NULL, NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_stats_mann_kendall(&mk, t, y, 1, NULL, NULL),
                    CT_EDOMAIN);
    {
        ct_glm_workspace *gw = ct_stats_glm_workspace_alloc(4);
        ct_mk_workspace *mw = ct_stats_mk_workspace_alloc(4);
        CU_ASSERT_EQUAL(ct_stats_glm_ws(&glm, CT_GLM_POISSON, t, y, 8, NULL,
                                        gw, NULL), CT_ELIMIT);
        CU_ASSERT_EQUAL(ct_stats_glm_ws(&glm, CT_GLM_POISSON, t, y, 8, NULL,
                                        NULL, NULL), CT_EUSAGE);
        CU_ASSERT_EQUAL(ct_stats_mann_kendall_ws(&mk, t, y, 8, NULL, mw,
                                                 NULL), CT_ELIMIT);
        CU_ASSERT_EQUAL(ct_stats_mann_kendall_ws(&mk, t, y, 1, NULL, mw,
                                                 NULL), CT_EDOMAIN);
        ct_stats_glm_workspace_free(gw);
        ct_stats_mk_workspace_free(mw);
    }
    CU_ASSERT_EQUAL(ct_stats_segmented(&seg, t, y, 2, NULL, NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_stats_compare(&cmp, t, y, 8, 5, 1, 6, 8, NULL, NULL),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_stats_statistic_parse("nonsense", &st, NULL),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_stats_bootstrap(&boot, t, y, 1, NULL, NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_stats_p_adjust(adj, p_bad, 2, CT_PADJUST_HOLM, NULL),
                    CT_EDOMAIN);
    so.level = 2;
    CU_ASSERT_EQUAL(ct_stats_scan(&cell, t, y, 8, from, 1, to, 1, &so, NULL),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_stats_scan_summarize(&sum, &cell, 1, 2.0, NULL),
                    CT_EUSAGE);
}

/* ----------------------------------------------------------- claims --- */

static void test_claims(void)
{
    ct_claims *c = (ct_claims *)1;
    ct_claims_data *d = (ct_claims_data *)1;
    ct_claims_result *r = NULL;
    ct_claims_interaction ia;
    const char *paths[] = {NOFILE};
    const double y[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double yneg[] = {1, -2, 3};
    double out[4], ratio, ci[2], p;
    char hex[65];
    FILE *f;

    CU_ASSERT_EQUAL(ct_claims_load(&c, NOFILE, NULL), CT_EIO);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_EQUAL(ct_claims_load(&c, data("claims/bad_syntax.json"), NULL),
                    CT_EPARSE);
    CU_ASSERT_EQUAL(ct_claims_data_load(&d, paths, NULL, 1, ct_test_geo,
                                        NULL),
                    CT_EIO);
    CU_ASSERT_PTR_NULL(d);
    CU_ASSERT_EQUAL(ct_claims_data_from_counts(&d, "t", 2000, yneg, 3, NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL_FATAL(
        ct_claims_data_from_counts(&d, "t", 2000, y, 10, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_claims_data_series(d, CT_MEASURE_CONFLICTS, 0, 0, 2005,
                                          2001, out, NULL),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL_FATAL(
        ct_claims_load(&c, data("claims/rule.json"), NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_claims_run(&r, c, &d, 0, NULL, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL_FATAL(ct_claims_run(&r, c, &d, 1, NULL, NULL), CT_OK);
    f = unwritable();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_claims_write(r, CT_CLAIMS_TEXT, 0, f, NULL), CT_EIO);
    CU_ASSERT_EQUAL(ct_claims_write_precision(r, CT_CLAIMS_CSV, 0, 18, f,
                                              NULL), CT_EUSAGE);
    fclose(f);
    ct_claims_result_free(r);
    ct_claims_free(c);
    ct_claims_data_free(d);

    CU_ASSERT_EQUAL(ct_claims_interaction_fit(&ia, y, y, y, 1, 0.95, 1.0,
                                              NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_claims_wilcoxon(&p, y, 0, y, 3, NULL), CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_claims_poisson2(&ratio, ci, &p, -1, 3, 0.95, NULL),
                    CT_EDOMAIN);
    CU_ASSERT_EQUAL(ct_claims_sha256_file(hex, NOFILE, NULL), CT_EIO);
}

/* -------------------------------------------------------------- gen --- */

static void test_gen(void)
{
    ct_gen_options bad = CT_GEN_OPTIONS_INIT;
    ct_gen_counts_spec spec = {0, 0, -1};
    ct_rng *r = NULL;
    double y[4], v;
    FILE *f = unwritable();

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    bad.from_year = 2000;
    bad.to_year = 1990;
    CU_ASSERT_EQUAL(ct_gen_write_acd(f, &bad, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_gen_write_acled(f, &bad, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_gen_write_ged(f, &bad, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_gen_write_truth(f, &bad, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_gen_write(f, CT_GEN_LAYOUT_ACD, &bad, NULL),
                    CT_EUSAGE);
    /* a write error */
    CU_ASSERT_EQUAL(ct_gen_write_truth(f, NULL, NULL), CT_EIO);
    fclose(f);
    CU_ASSERT_EQUAL(ct_gen_expected(&bad, CT_GEN_LAYOUT_ACD, NULL, NULL,
                                    CT_GEN_CLASS_INTRASTATE, 2000, 0, &v,
                                    NULL),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_gen_scale(&bad, CT_GEN_LAYOUT_ACD, &v, NULL),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL_FATAL(ct_rng_alloc(&r, 7, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_gen_counts(y, 4, &spec, r, NULL), CT_EUSAGE);
    ct_rng_free(r);
}

/* ------------------------------------------------------------- plot --- */

static void test_plot(void)
{
    ct_plot_labels l = {.title = "t"};
    ct_plot_trends_options to = CT_PLOT_TRENDS_OPTIONS_INIT;
    ct_plot_spec *sp = (ct_plot_spec *)1;
    ct_series *s = region_series();
    const char *argv[4];
    char script[8];
    FILE *f = unwritable(), *in;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_plot_write_labels(f, &l, NULL), CT_EIO);
    to.level = 2;
    CU_ASSERT_EQUAL(ct_plot_write_trends(f, s, &to, NULL), CT_EUSAGE);
    /* no class key */
    CU_ASSERT_EQUAL(ct_plot_write_classes(f, s, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_plot_write_compare(f, s, 2000, 2001, 2003, 2004, 2.0,
                                          CT_PLOT_ORDER_NAME, NULL),
                    CT_EUSAGE);
    fclose(f);
    f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    {
        /* three estimates that do not match */
        ct_series *other = NULL;
        FILE *g = text_stream("period,value\n2000,1\n");
        CU_ASSERT_EQUAL_FATAL(ct_series_read_csv(&other, g, "o.csv", NULL,
                                                 NULL),
                              CT_OK);
        fclose(g);
        CU_ASSERT_EQUAL(ct_plot_write_deaths(f, s, other, s,
                                             CT_PLOT_ORDER_NAME, NULL),
                        CT_EUSAGE);
        ct_series_free(other);
    }
    fclose(f);
    ct_series_free(s);

    in = text_stream("this,is,not\na,spec,file\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_EQUAL(ct_plot_spec_read(&sp, in, "spec.csv", NULL), CT_EPARSE);
    CU_ASSERT_PTR_NULL(sp);
    fclose(in);
    CU_ASSERT_EQUAL(ct_plot_argv(argv, 4, "gnuplot", ".", (ct_plot_kind)0,
                                 "d", "o", NULL, (ct_plot_format)0, script,
                                 sizeof script, NULL),
                    CT_EUSAGE);
}

/* fit, the series pipeline and input, the fit writers (issue 9) */
static void test_fit_pipeline(void)
{
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_fit_model m;
    ct_series *s = NULL, *empty = NULL;
    ct_series_files_options fo;
    ct_series_input in;
    const char *paths[1] = {NOFILE};
    size_t *gid = NULL, *first = NULL, ng = 0;
    FILE *bad;

    CU_ASSERT_EQUAL(ct_fit_model_parse("nosuch", &m, NULL), CT_EUSAGE);
    CU_ASSERT(ct_fit_spec_set(&spec, "level", "2", NULL) < 0);
    CU_ASSERT(ct_fit_spec_set(&spec, "nosuch", "1", NULL) < 0);
    CU_ASSERT_EQUAL(ct_fit_model_parse("poisson", &m, NULL), CT_OK);
    spec.model = m;
    /* a series with no rows: nothing to fit */
    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&empty, 0, 0, 0, NULL), CT_OK);
    CU_ASSERT(ct_fit_series(&set, empty, &spec, "empty", NULL) < 0);
    ct_fit_set_free(&set);
    /* a good fit written to a stream that refuses writes */
    s = region_series();
    CU_ASSERT_EQUAL(ct_series_groups(s, &gid, &first, &ng, NULL), CT_OK);
    CU_ASSERT_EQUAL(ng, 1);
    free(gid);
    free(first);
    CU_ASSERT_EQUAL(ct_fit_series(&set, s, &spec, "s.csv", NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_fit_set_adjust(&set, CT_PADJUST_HOLM, NULL), CT_OK);
    if ((bad = unwritable()) != NULL) {
        CU_ASSERT(ct_report_fit_text(bad, &set, 6, NULL) < 0);
        CU_ASSERT(ct_report_fit_csv(bad, &set, 6, NULL) < 0);
        CU_ASSERT(ct_report_fit_json(bad, &set, 6, NULL) < 0);
        CU_ASSERT(ct_report_fit_markdown(bad, &set, 6, NULL) < 0);
        fclose(bad);
    }
    ct_fit_set_free(&set);
    ct_series_free(s);
    ct_series_free(empty);
    /* the pipeline on a missing file, the input on a missing path */
    memset(&fo, 0, sizeof fo);
    {
        ct_series_options so = CT_SERIES_OPTIONS_INIT;
        ct_load_options lo = CT_LOAD_OPTIONS_INIT;
        fo.so = so;
        fo.lo = lo;
    }
    fo.geo = ct_test_geo;
    s = NULL;
    CU_ASSERT_EQUAL(ct_series_from_files(&s, paths, NULL, 1, &fo, NULL, NULL,
                                         NULL), CT_EIO);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(ct_series_input_open(&in, NOFILE, NULL) < 0);
}

/* The calls added for issue 9's last pieces: the inspection writers on a
 * stream that refuses writes, the one-pass deaths data on a series
 * without the estimates, the temporary-folder table when full, a claims
 * load with a tap that fails. */
static int failing_tap(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)ctx;
    return ct_error_set(err, CT_EDOMAIN, NULL, 0, "tap refuses");
}

static void test_inspect_deaths_tempdirs(void)
{
    ct_load_info info;
    ct_report_inspect_file f;
    ct_claims_data *d = (ct_claims_data *)1;
    const char *paths[1];
    static const char *const dirs[9] = {"/x0", "/x1", "/x2", "/x3", "/x4",
                                        "/x5", "/x6", "/x7", "/x8"};
    ct_series *s;
    FILE *bad;
    int i, rc = CT_OK;

    memset(&f, 0, sizeof f);
    memset(&info, 0, sizeof info);
    info.dataset = CT_DS_ACD;
    info.rows = 3;
    info.year_min = info.year_max = 2000;
    f.name = "acd_small.csv";
    f.info = &info;
    if ((bad = unwritable()) != NULL) {
        CU_ASSERT_EQUAL(ct_report_inspect_text(bad, &f, 1, NULL), CT_EIO);
        CU_ASSERT_EQUAL(ct_report_inspect_csv(bad, &f, 1, NULL), CT_EIO);
        CU_ASSERT(ct_report_inspect_json(bad, &f, 1, NULL) < 0);
        CU_ASSERT_EQUAL(ct_report_inspect_markdown(bad, &f, 1, NULL),
                        CT_EIO);
        fclose(bad);
    }
    s = region_series();
    bad = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
    CU_ASSERT_EQUAL(ct_plot_write_deaths_range(bad, s, CT_PLOT_ORDER_NAME,
                                               NULL),
                    CT_EUSAGE);
    fclose(bad);
    ct_series_free(s);
    /* eight folders fit; the ninth is refused */
    for (i = 0; i < 9 && rc == CT_OK; i++)
        rc = ct_output_temp_dir_add(dirs[i], NULL);
    CU_ASSERT_EQUAL(rc, CT_ELIMIT);
    for (i = 0; i < 9; i++)
        ct_output_temp_dir_forget(dirs[i]);
    paths[0] = data("acd_small.csv");
    CU_ASSERT_EQUAL(ct_claims_data_load_tap(&d, paths, NULL, 1, ct_test_geo,
                                            failing_tap, NULL, NULL),
                    CT_EDOMAIN);
    CU_ASSERT_PTR_NULL(d);
}

static void test_plot_spec_alpha(void)
{
    ct_plot_spec *sp = NULL;
    FILE *in = text_stream("source,claim,scope,spec,statistic,from,to,"
                           "estimate,lo,hi,p\n");
    FILE *f = tmpfile();
    int rc;
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    rc = ct_plot_spec_read(&sp, in, "spec.csv", NULL);
    fclose(in);
    if (rc == CT_OK) {
        CU_ASSERT_EQUAL(ct_plot_write_spec_curve(f, sp, 2.0, NULL),
                        CT_EUSAGE);
        CU_ASSERT_EQUAL(ct_plot_write_spec_windows(f, sp, 2.0, NULL),
                        CT_EUSAGE);
        ct_plot_spec_free(sp);
    } else {
        CU_ASSERT(rc < 0);
    }
    fclose(f);
}

/* The rest of the list: the claims display name and specification file,
 * the fit spec check, the record cursor, the output checks, the report
 * document and its writers, the series input reader, error_format. */
static void test_rest(void)
{
    ct_claims *c = NULL;
    ct_claims_data *d = NULL;
    ct_claims_result *r = NULL;
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_load_cursor *cur = (ct_load_cursor *)1;
    const ct_obs *obs = NULL;
    const char *names[1] = {"periods"};
    const double y[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    const char *in[1];
    ct_report *rep = NULL;
    ct_report_table *t;
    ct_series_input si;
    ct_series *s = (ct_series *)1;
    ct_output *o = NULL;
    size_t rows = 0;
    char buf[128], path[96];
    FILE *bad, *f;

    /* claims: the display name (fails only without memory) and the
     * specifications of a cell that does not exist, then on a stream that
     * refuses writes */
    CU_ASSERT_EQUAL_FATAL(ct_claims_load(&c, data("claims/rule.json"), NULL),
                          CT_OK);
    CU_ASSERT_EQUAL(ct_claims_set_display(c, "rule (test)", NULL), CT_OK);
    CU_ASSERT_EQUAL_FATAL(
        ct_claims_data_from_counts(&d, "t", 1995, y, 12, NULL), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_claims_run(&r, c, &d, 1, NULL, NULL), CT_OK);
    bad = unwritable();
    CU_ASSERT_PTR_NOT_NULL_FATAL(bad);
    CU_ASSERT(ct_claims_write_specs(r, 99, 0, 0, 0, &rows, bad, NULL) < 0);
    CU_ASSERT(ct_claims_write_specs(r, 0, 0, 0, 0, &rows, bad, NULL) < 0);
    ct_claims_result_free(r);
    ct_claims_data_free(d);
    ct_claims_free(c);

    /* fit: an option the model does not use, and compare without periods */
    CU_ASSERT_EQUAL(ct_fit_model_parse("ols", &spec.model, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_fit_spec_check(&spec, names, 1, NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_fit_model_parse("compare", &spec.model, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_fit_spec_check(&spec, NULL, 0, NULL), CT_EUSAGE);

    /* the record cursor: a missing file; an offset inside a record */
    lo.geo = ct_test_geo;
    CU_ASSERT(ct_load_cursor_open(&cur, NOFILE, &lo, NULL) < 0);
    CU_ASSERT_PTR_NULL(cur);
    CU_ASSERT_EQUAL_FATAL(ct_load_cursor_open(&cur, data("acd_small.csv"),
                                              &lo, NULL), CT_OK);
    CU_ASSERT(ct_load_cursor_read(cur, 5, &obs, NULL) < 0);
    CU_ASSERT(ct_load_cursor_read(cur, 1ULL << 40, &obs, NULL) < 0);
    ct_load_cursor_close(cur);

    /* output: the output is one of the inputs; a failed writer */
    in[0] = data("acd_small.csv");
    CU_ASSERT_EQUAL(ct_output_check_inputs(in[0], in, 1, NULL), CT_EUSAGE);
    snprintf(path, sizeof path, "/tmp/ctrend-api-null-fail-%ld.txt",
             (long)getpid());
    CU_ASSERT_EQUAL_FATAL(ct_output_open(&o, path, NULL), CT_OK);
    CU_ASSERT_EQUAL(ct_output_fail(o, CT_EIO, NULL), CT_EIO);
    CU_ASSERT_EQUAL(access(path, F_OK), -1); /* nothing left behind */

    /* the report document: its writers on a stream that refuses writes */
    CU_ASSERT_EQUAL_FATAL(ct_report_alloc(&rep, "t", NULL), CT_OK);
    t = ct_report_table_add(rep, "t", "a table", 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(ct_report_table_column(t, 0, "x", NULL,
                                           CT_REPORT_RIGHT), CT_OK);
    CU_ASSERT_EQUAL(ct_report_table_row(t), CT_OK);
    CU_ASSERT_EQUAL(ct_report_table_number(t, 0, 1.5, 2), CT_OK);
    CU_ASSERT_EQUAL(ct_report_write_md(rep, bad, NULL), CT_EIO);
    CU_ASSERT_EQUAL(ct_report_write_html(rep, bad, NULL), CT_EIO);
    CU_ASSERT_EQUAL(ct_report_write_table_csv(t, bad, NULL), CT_EIO);
    ct_report_free(rep);
    fclose(bad);

    /* the series input: a value column the file does not have */
    snprintf(path, sizeof path, "/tmp/ctrend-api-null-s-%ld.csv",
             (long)getpid());
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("period,value\n2000,1\n2001,2\n", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(ct_series_input_open(&si, path, NULL), CT_OK);
    CU_ASSERT(ct_series_input_read_csv(&si, "nosuch", &s, NULL) < 0);
    CU_ASSERT_PTR_NULL(s);
    ct_series_input_close(&si);
    remove(path);

    /* error_format: no error recorded */
    CU_ASSERT_STRING_EQUAL(ct_error_format(NULL, "ctrend", buf, sizeof buf),
                           "ctrend: success");
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("api_null", ct_test_geo_init,
                               ct_test_geo_clean);
    if (s == NULL ||
        !CU_add_test(s, "error", test_error) ||
        !CU_add_test(s, "geo", test_geo) ||
        !CU_add_test(s, "load", test_load) ||
        !CU_add_test(s, "load parallel", test_load_parallel) ||
        !CU_add_test(s, "typemap", test_typemap) ||
        !CU_add_test(s, "series builder", test_series_builder) ||
        !CU_add_test(s, "series csv", test_series_csv) ||
        !CU_add_test(s, "series alloc", test_series_alloc) ||
        !CU_add_test(s, "output, rng", test_output_rng) ||
        !CU_add_test(s, "stats", test_stats) ||
        !CU_add_test(s, "claims", test_claims) ||
        !CU_add_test(s, "gen", test_gen) ||
        !CU_add_test(s, "plot", test_plot) ||
        !CU_add_test(s, "plot spec alpha", test_plot_spec_alpha) ||
        !CU_add_test(s, "inspect, deaths, temporary folders",
                     test_inspect_deaths_tempdirs) ||
        !CU_add_test(s, "fit, pipeline, input", test_fit_pipeline) ||
        !CU_add_test(s, "the rest of the list", test_rest))
        return -1;
    return 0;
}
