/* SPDX-License-Identifier: MIT
 * test_plot.c - the plot module: the one escaping function, the trend
 * band against R (tests/reference/plot/), NA kept as gaps, stacking of
 * class areas, specification files, the gnuplot argument vector.
 */
#define _POSIX_C_SOURCE 200809L /* fmemopen, open_memstream */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/plot.h"
#include "plot/plot_internal.h"
#include "runner.h"

/* ---- helpers ---- */

static ct_series *series_from(const char *csv)
{
    ct_series *s = NULL;
    ct_error err;
    FILE *f = fmemopen((void *)csv, strlen(csv), "r");
    if (f == NULL)
        return NULL;
    if (ct_series_read_csv(&s, f, "test", NULL, &err) != CT_OK)
        s = NULL;
    fclose(f);
    return s;
}

/* the text written by fn into a memory stream (caller frees) */
typedef int (*writer)(FILE *out, const void *ctx, ct_error *err);

static char *capture_trends(const ct_series *s,
                            const ct_plot_trends_options *o, int *rc)
{
    char *buf = NULL;
    size_t n = 0;
    ct_error err;
    FILE *f = open_memstream(&buf, &n);
    *rc = ct_plot_write_trends(f, s, o, &err);
    fclose(f);
    return buf;
}

/* field k (0-based) of a tab-separated line, copied into out */
static void field(const char *line, int k, char *out, size_t n)
{
    const char *p = line, *e;
    size_t len;
    while (k-- > 0 && (p = strchr(p, '\t')) != NULL)
        p++;
    if (p == NULL) {
        out[0] = '\0';
        return;
    }
    e = p + strcspn(p, "\t\n");
    len = (size_t)(e - p) < n - 1 ? (size_t)(e - p) : n - 1;
    memcpy(out, p, len);
    out[len] = '\0';
}

/* the data line whose column 3 (period) is period, in block `panel` */
static const char *find_row(const char *text, const char *panel,
                            const char *period)
{
    const char *line = strchr(text, '\n');
    char a[64], b[64];
    while (line && *++line) {
        field(line, 0, a, sizeof a);
        field(line, 3, b, sizeof b);
        if (strcmp(a, panel) == 0 && strcmp(b, period) == 0)
            return line;
        line = strchr(line, '\n');
    }
    return NULL;
}

/* ---- ct_plot_text ---- */

static void test_plot_text(void)
{
    char buf[64];
    CU_ASSERT_EQUAL(ct_plot_text(buf, sizeof buf, "a\tb\nc\rd"), 7);
    CU_ASSERT_STRING_EQUAL(buf, "a b c d");
    ct_plot_text(buf, sizeof buf, "say \"hi\"");
    CU_ASSERT_STRING_EQUAL(buf, "say ''hi''");
    ct_plot_text(buf, sizeof buf, "a\\nb");
    CU_ASSERT_STRING_EQUAL(buf, "a\\\\nb");
    ct_plot_text(buf, sizeof buf, "`x`; system(\"ls\") @^_{} $HOME %s");
    CU_ASSERT_STRING_EQUAL(buf, "`x`; system(''ls'') @^_{} $HOME %s");
    ct_plot_text(buf, sizeof buf, "C\xc3\xb4te d'Ivoire");
    CU_ASSERT_STRING_EQUAL(buf, "C\xc3\xb4te d'Ivoire");
    /* truncation: the needed length comes back, the copy ends in NUL */
    CU_ASSERT_EQUAL(ct_plot_text(buf, 4, "\"\"\""), 6);
    CU_ASSERT_STRING_EQUAL(buf, "'''");
    CU_ASSERT_EQUAL(ct_plot_text(NULL, 0, "ab"), 2);
}

/* ---- trends: band against R ---- */

static void check_band(ct_glm_family fam, const char *rname)
{
    static const char CSV[] =
        "period,value\n2000,3\n2001,5\n2002,4\n2003,8\n2004,6\n2005,9\n"
        "2006,7\n2007,12\n2008,10\n2009,15\n2010,11\n2011,18\n";
    ct_series *s = series_from(CSV);
    ct_plot_trends_options o = CT_PLOT_TRENDS_OPTIONS_INIT;
    char *text, line[256], fam_s[32], v[64];
    FILE *ref;
    int rc, rows = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    o.family = fam;
    text = capture_trends(s, &o, &rc);
    CU_ASSERT_EQUAL(rc, CT_OK);
    ref = fopen(ct_test_path(ct_test_source_dir(),
                             "tests/reference/plot/band.csv"), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    while (fgets(line, sizeof line, ref)) {
        double t, fit, lo, hi;
        char period[16];
        const char *row;
        if (sscanf(line, "%31[^,],%lf,%lf,%lf,%lf", fam_s, &t, &fit, &lo,
                   &hi) != 5 ||
            strcmp(fam_s, rname) != 0)
            continue;
        snprintf(period, sizeof period, "%.0f", t);
        row = find_row(text, "0", period);
        CU_ASSERT_PTR_NOT_NULL_FATAL(row);
        /* written with 6 significant digits: relative error < 1e-5 */
        field(row, 6, v, sizeof v);
        CU_ASSERT_DOUBLE_EQUAL(strtod(v, NULL), fit, 1e-5 * fit);
        field(row, 7, v, sizeof v);
        CU_ASSERT_DOUBLE_EQUAL(strtod(v, NULL), lo, 1e-5 * lo);
        field(row, 8, v, sizeof v);
        CU_ASSERT_DOUBLE_EQUAL(strtod(v, NULL), hi, 1e-5 * hi);
        rows++;
    }
    fclose(ref);
    CU_ASSERT_EQUAL(rows, 12);
    free(text);
    ct_series_free(s);
}

static void test_plot_band_poisson_r(void)
{
    check_band(CT_GLM_POISSON, "poisson");
}

static void test_plot_band_quasipoisson_r(void)
{
    check_band(CT_GLM_QUASIPOISSON, "quasipoisson");
}

/* The band's centred variance formula equals the model's slope SE: the
 * band half-width on the log scale, far from tbar, grows with slope_se. */
static void test_plot_band_matches_slope_se(void)
{
    static const double t[] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const double y[] = {2, 3, 3, 5, 4, 7, 8, 9};
    ct_glm_result r;
    double w[8], fit[2], lo[2], hi[2], tt[2] = {100, 101}, d;
    size_t i;
    CU_ASSERT_EQUAL_FATAL(ct_stats_glm(&r, CT_GLM_POISSON, t, y, 8, NULL,
                                       NULL), CT_OK);
    for (i = 0; i < 8; i++)
        w[i] = exp(r.intercept + r.slope * t[i]);
    CU_ASSERT_EQUAL(ct_plot_band(fit, lo, hi, tt, 2, t, w, 8, &r), CT_OK);
    /* se(eta(t)) ~ |t - tbar| slope_se for large t: the difference of
     * the half-widths at 101 and 100 tends to q * slope_se */
    d = (log(hi[1]) - log(fit[1])) - (log(hi[0]) - log(fit[0]));
    CU_ASSERT_DOUBLE_EQUAL(d, 1.959963984540054 * r.slope_se_model, 1e-4);
}

/* NA periods stay NA (a gap), never 0, in value and fit columns */
static void test_plot_trends_na_gap(void)
{
    static const char CSV[] =
        "period,region,value\n2000,A,NA\n2001,A,NA\n2002,A,4\n2003,A,6\n"
        "2004,A,5\n2005,A,9\n2000,B,0\n2001,B,0\n2002,B,0\n2003,B,0\n"
        "2004,B,0\n2005,B,0\n";
    ct_series *s = series_from(CSV);
    int rc;
    char *text, v[256];
    const char *row;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    text = capture_trends(s, NULL, &rc);
    CU_ASSERT_EQUAL_FATAL(rc, CT_OK);
    row = find_row(text, "0", "2001");
    CU_ASSERT_PTR_NOT_NULL_FATAL(row);
    field(row, 5, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "NA");
    field(row, 6, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "NA");
    row = find_row(text, "0", "2003");
    field(row, 5, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "6");
    field(row, 6, v, sizeof v);
    CU_ASSERT_STRING_NOT_EQUAL(v, "NA");
    /* panel B (all zero): no fit, and the title says so */
    row = find_row(text, "1", "2003");
    CU_ASSERT_PTR_NOT_NULL_FATAL(row);
    field(row, 2, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "B: none in any period");
    field(row, 6, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "NA");
    free(text);
    ct_series_free(s);
}

/* panels by name, or by size (largest total first) */
static void test_plot_trends_order(void)
{
    static const char CSV[] =
        "period,region,value\n2000,b,1\n2000,a,5\n2000,c,3\n"
        "2001,b,2\n2001,a,6\n2001,c,3\n2002,b,1\n2002,a,7\n2002,c,4\n";
    ct_series *s = series_from(CSV);
    ct_plot_trends_options o = CT_PLOT_TRENDS_OPTIONS_INIT;
    char *text, v[64];
    int rc;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    text = capture_trends(s, &o, &rc);
    field(find_row(text, "0", "2000"), 1, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "a");
    field(find_row(text, "2", "2000"), 1, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "c");
    free(text);
    o.order = CT_PLOT_ORDER_SIZE;
    text = capture_trends(s, &o, &rc);
    field(find_row(text, "1", "2000"), 1, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "c"); /* a 18, c 10, b 4 */
    field(find_row(text, "2", "2000"), 1, v, sizeof v);
    CU_ASSERT_STRING_EQUAL(v, "b");
    free(text);
    ct_series_free(s);
}

/* ---- classes: stacking by hand ---- */

static void test_plot_classes_stack(void)
{
    static const char CSV[] =
        "period,class,value\n2000,intrastate,3\n2000,interstate,1\n"
        "2000,nonstate,0\n2001,intrastate,4\n2001,interstate,2\n"
        "2001,nonstate,0\n";
    static const char WANT[] =
        "class\tt\tperiod\tvalue\tlower\tupper\ttotal\tcolor\n"
        "interstate\t2000\t2000\t1\t0\t1\t4\t2\n"
        "interstate\t2001\t2001\t2\t0\t2\t6\t2\n"
        "\n\n"
        "intrastate\t2000\t2000\t3\t1\t4\t4\t3\n"
        "intrastate\t2001\t2001\t4\t2\t6\t6\t3\n";
    ct_series *s = series_from(CSV);
    char *buf = NULL;
    size_t n = 0;
    ct_error err;
    FILE *f;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* a series read from CSV names its keys by column: mark it as class */
    s->keys[0] = CT_KEY_CLASS;
    f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_plot_write_classes(f, s, &err), CT_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, WANT);
    free(buf);
    ct_series_free(s);
}

/* ---- specification files ---- */

static ct_plot_spec *spec_from(const char *csv, int *rc, ct_error *err)
{
    ct_plot_spec *sp = NULL;
    FILE *f = fmemopen((void *)csv, strlen(csv), "r");
    *rc = ct_plot_spec_read(&sp, f, "spec.csv", err);
    fclose(f);
    return sp;
}

static void test_plot_spec_curve(void)
{
    static const char CSV[] =
        "estimate,ci_low,ci_high,p_value,model,\"window, years\"\n"
        "2,1,3,0.01,poisson,all\n"
        "-1,-2,0.5,0.2,negbin,all\n"
        "0.5,-1,2,0.5,poisson,\"from \"\"1995\"\"\"\n";
    static const char WANT[] =
        "rank\testimate\tci_low\tci_high\tp_value\tsignificant\tid\n"
        "1\t-1\t-2\t0.5\t0.2\t0\t\n"
        "2\t0.5\t-1\t2\t0.5\t0\t\n"
        "3\t2\t1\t3\t0.01\t1\t\n"
        "\n\n"
        "1\t1\tmodel = negbin\t0\n"
        "1\t3\twindow, years = all\t0\n"
        "2\t2\tmodel = poisson\t0\n"
        "2\t4\twindow, years = from ''1995''\t0\n"
        "3\t2\tmodel = poisson\t1\n"
        "3\t3\twindow, years = all\t1\n";
    ct_error err;
    int rc;
    ct_plot_spec *sp = spec_from(CSV, &rc, &err);
    char *buf = NULL;
    size_t n = 0;
    FILE *f;

    CU_ASSERT_EQUAL_FATAL(rc, CT_OK);
    CU_ASSERT_EQUAL(ct_plot_spec_count(sp), 3);
    f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_plot_write_spec_curve(f, sp, 0.05, &err), CT_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, WANT);
    free(buf);
    /* no windows in this file */
    f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_plot_write_spec_windows(f, sp, 0.05, &err),
                    CT_EUSAGE);
    fclose(f);
    free(buf);
    ct_plot_spec_free(sp);
}

static void test_plot_spec_errors(void)
{
    ct_error err;
    int rc;
    char *buf = NULL;
    size_t n = 0;
    FILE *f;
    ct_plot_spec *sp;

    sp = spec_from("estimate,ci_low,p_value\n1,0,0.5\n", &rc, &err);
    CU_ASSERT_EQUAL(rc, CT_EPARSE);
    CU_ASSERT_PTR_NULL(sp);
    CU_ASSERT_STRING_EQUAL(err.msg, "missing column 'ci_high' (a "
                                    "specification file needs estimate, "
                                    "ci_low, ci_high, p_value)");
    sp = spec_from("estimate,ci_low,ci_high,p_value\n1,0,2,x\n", &rc, &err);
    CU_ASSERT_EQUAL(rc, CT_EPARSE);
    CU_ASSERT_EQUAL(err.line, 2);
    sp = spec_from("estimate,ci_low,ci_high,p_value\n1,0,2,1.5\n", &rc, &err);
    CU_ASSERT_EQUAL(rc, CT_EPARSE);
    sp = spec_from("estimate,ci_low,ci_high,p_value\n\"1,0,2,0.1\n", &rc,
                   &err);
    CU_ASSERT_EQUAL(rc, CT_EPARSE);
    /* a window given twice cannot make a heatmap */
    sp = spec_from("from,to,estimate,ci_low,ci_high,p_value\n"
                   "1990,2000,1,0,2,0.1\n1990,2000,2,1,3,0.01\n",
                   &rc, &err);
    CU_ASSERT_EQUAL_FATAL(rc, CT_OK);
    f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_plot_write_spec_windows(f, sp, 0.05, &err),
                    CT_EUSAGE);
    fclose(f);
    free(buf);
    ct_plot_spec_free(sp);
}

/* ---- gnuplot argument vector ---- */

static void test_plot_argv(void)
{
    const char *argv[8];
    char script[64];
    ct_error err;

    CU_ASSERT_EQUAL(ct_plot_argv(argv, 8, "gnuplot", "/p", CT_PLOT_TRENDS,
                                 "d.tsv", "o; rm -rf ~.png", NULL,
                                 CT_PLOT_SVG, script, sizeof script, &err),
                    CT_OK);
    CU_ASSERT_STRING_EQUAL(argv[0], "gnuplot");
    CU_ASSERT_STRING_EQUAL(argv[1], "-c");
    CU_ASSERT_STRING_EQUAL(argv[2], "/p/trends.gp");
    CU_ASSERT_STRING_EQUAL(argv[3], "d.tsv");
    CU_ASSERT_STRING_EQUAL(argv[4], "o; rm -rf ~.png"); /* one argument */
    CU_ASSERT_STRING_EQUAL(argv[5], "");
    CU_ASSERT_STRING_EQUAL(argv[6], "svg");
    CU_ASSERT_PTR_NULL(argv[7]);
    CU_ASSERT_EQUAL(ct_plot_argv(argv, 7, "gnuplot", "/p", CT_PLOT_TRENDS,
                                 "d", "o", NULL, CT_PLOT_PNG, script,
                                 sizeof script, &err),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_plot_argv(argv, 8, "gnuplot", "/a/very/long/path/to",
                                 CT_PLOT_SPECIFICATION, "d", "o", NULL,
                                 CT_PLOT_PNG, script, 16, &err),
                    CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_plot_kind_parse("deaths"), CT_PLOT_DEATHS);
    CU_ASSERT_EQUAL(ct_plot_kind_parse("pie"), CT_PLOT_KIND_COUNT);
    CU_ASSERT_EQUAL(ct_plot_format_parse("pdf"), CT_PLOT_PDF);
}

static void test_plot_labels(void)
{
    ct_plot_labels l = {"T \"1\"", NULL, "year", "count\nper year",
                        "src", 1, NULL};
    char *buf = NULL;
    size_t n = 0;
    ct_error err;
    FILE *f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_plot_write_labels(f, &l, &err), CT_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "key\tvalue\ntitle\tT ''1''\nxlabel\tyear\n"
                                "ylabel\tcount per year\nfooter\tsrc\n"
                                "shared_y\t1\n");
    free(buf);
    /* the colour scale of a heatmap, with its unit */
    buf = NULL;
    l.cblabel = "change (% per year)";
    f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_plot_write_labels(f, &l, &err), CT_OK);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "shared_y\t1\ncblabel\tchange (% "
                                       "per year)\n"));
    free(buf);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("plot", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "text escaping", test_plot_text) ||
        !CU_add_test(s, "Poisson band against R", test_plot_band_poisson_r) ||
        !CU_add_test(s, "quasi-Poisson band against R",
                     test_plot_band_quasipoisson_r) ||
        !CU_add_test(s, "band variance and slope SE",
                     test_plot_band_matches_slope_se) ||
        !CU_add_test(s, "NA stays a gap", test_plot_trends_na_gap) ||
        !CU_add_test(s, "panel order", test_plot_trends_order) ||
        !CU_add_test(s, "class stacking", test_plot_classes_stack) ||
        !CU_add_test(s, "specification curve", test_plot_spec_curve) ||
        !CU_add_test(s, "specification errors", test_plot_spec_errors) ||
        !CU_add_test(s, "gnuplot argv", test_plot_argv) ||
        !CU_add_test(s, "labels file", test_plot_labels))
        return -1;
    return 0;
}
