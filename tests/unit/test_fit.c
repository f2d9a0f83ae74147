/* SPDX-License-Identifier: MIT
 * test_fit.c - the fit module (ct_fit_series, the spec by name, the
 * adjustment) and the Markdown writer, on small series whose answers are
 * worked out by hand in the comments.
 */
#define _POSIX_C_SOURCE 200809L /* fmemopen, open_memstream */
#include "runner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/fit.h"
#include "ctrend/report.h"
#include "ctrend/series.h"

/* Group A: y = 1, 3, 2, 5, 4 at 2001..2005. OLS by hand: mean t 2003,
 * mean y 3, Sxy = (-2)(-2) + (-1)(0) + 0 + (1)(2) + (2)(1) = 8, Sxx = 10:
 * slope 0.8 per year; RSS = 10 - 0.8^2 * 10
 * = 3.6 (Syy = 10), sigma^2 = 3.6 / 3 = 1.2, se(slope) = sqrt(1.2 / 10).
 * Group B: an NA in 2003 and 4 values 2, 5, 7, 10 at 2001, 2002, 2004,
 * 2005: mean t 2003, mean y 6, Sxy = (-2)(-4) + (-1)(-1) + (1)(1) +
 * (2)(4) = 18, Sxx = 10: slope 1.8. Group C: two values, too few for OLS. */
static const char CSV[] =
    "period,g,value\n"
    "2001,A,1\n2002,A,3\n2003,A,2\n2004,A,5\n2005,A,4\n"
    "2001,B,2\n2002,B,5\n2003,B,NA\n2004,B,7\n2005,B,10\n"
    "2004,C,1\n2005,C,2\n";

static ct_series *read_series(void)
{
    ct_series *s = NULL;
    ct_error err;
    FILE *f = fmemopen((void *)CSV, strlen(CSV), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_series_read_csv(&s, f, "t.csv", NULL, &err), CT_OK);
    fclose(f);
    return s;
}

static int has_note(const ct_fit *f, const char *part)
{
    size_t i;
    for (i = 0; i < f->n_notes; i++)
        if (strstr(f->notes[i], part))
            return 1;
    return 0;
}

static void test_fit_groups_ols(void)
{
    ct_series *s = read_series();
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_error err;
    const ct_fit *a, *b, *c;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL_FATAL(ct_fit_series(&set, s, &spec, "t.csv", &err),
                          CT_OK);
    CU_ASSERT_EQUAL_FATAL(set.n, 3);
    a = &set.fits[0];
    b = &set.fits[1];
    c = &set.fits[2];
    CU_ASSERT_STRING_EQUAL(a->group, "g=A");
    CU_ASSERT_STRING_EQUAL(a->input, "t.csv");
    CU_ASSERT_STRING_EQUAL(a->from, "2001");
    CU_ASSERT_STRING_EQUAL(a->to, "2005");
    CU_ASSERT_EQUAL(a->n, 5);
    CU_ASSERT_EQUAL(a->status, CT_OK);
    CU_ASSERT_DOUBLE_EQUAL(a->r.ols.slope, 0.8, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(a->r.ols.slope_se, sqrt(1.2 / 10), 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(a->p_value, a->r.ols.p_value, 0);
    CU_ASSERT_EQUAL(b->status, CT_OK);
    CU_ASSERT_EQUAL(b->n, 4);
    CU_ASSERT_DOUBLE_EQUAL(b->r.ols.slope, 1.8, 1e-12);
    CU_ASSERT(has_note(b, "1 NA value(s) of this group were skipped"));
    /* a failed group is a result with its reason, not an abort */
    CU_ASSERT_STRING_EQUAL(c->group, "g=C");
    CU_ASSERT_NOT_EQUAL(c->status, CT_OK);
    CU_ASSERT_PTR_NOT_NULL(c->reason);
    CU_ASSERT(isnan(c->p_value));
    CU_ASSERT_EQUAL(ct_fit_set_failed(&set), 1);
    ct_fit_set_free(&set);
    ct_series_free(s);
}

static void test_fit_window_and_adjust(void)
{
    ct_series *s = read_series();
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_error err;
    double p0, p1, lo, hi;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(ct_fit_spec_set(&spec, "from", "2002", &err), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_fit_series(&set, s, &spec, "t.csv", &err),
                          CT_OK);
    CU_ASSERT_EQUAL_FATAL(set.n, 3);
    /* A from 2002: 3, 2, 5, 4 at 2002..2005: mean t 2003.5, mean y 3.5,
     * Sxy = (-1.5)(-0.5) + (-0.5)(-1.5) + (0.5)(1.5) + (1.5)(0.5) = 3,
     * Sxx = 5: slope 0.6 */
    CU_ASSERT_STRING_EQUAL(set.fits[0].from, "2002");
    CU_ASSERT_EQUAL(set.fits[0].n, 4);
    CU_ASSERT_DOUBLE_EQUAL(set.fits[0].r.ols.slope, 0.6, 1e-12);
    /* Holm over the two p-values (the failed group has none): the
     * smaller is doubled, the larger is max(2 p_min, p_max), capped at 1 */
    CU_ASSERT_EQUAL_FATAL(ct_fit_set_adjust(&set, CT_PADJUST_HOLM, &err),
                          CT_OK);
    p0 = set.fits[0].p_value;
    p1 = set.fits[1].p_value;
    lo = fmin(p0, p1);
    hi = fmax(p0, p1);
    CU_ASSERT_DOUBLE_EQUAL(fmin(set.fits[0].p_adjusted, set.fits[1].p_adjusted),
                           fmin(1, 2 * lo), 1e-15);
    CU_ASSERT_DOUBLE_EQUAL(fmax(set.fits[0].p_adjusted, set.fits[1].p_adjusted),
                           fmin(1, fmax(2 * lo, hi)), 1e-15);
    CU_ASSERT(isnan(set.fits[2].p_adjusted));
    CU_ASSERT_EQUAL(set.adjust, CT_PADJUST_HOLM);
    ct_fit_set_free(&set);
    ct_series_free(s);
}

static void test_fit_spec(void)
{
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_error err;
    const char *names[] = { "hac-lag" };

    CU_ASSERT_EQUAL(ct_fit_spec_set(&spec, "level", "2", &err), CT_EUSAGE);
    CU_ASSERT_STRING_EQUAL(err.msg, "--level: expected a number between 0 "
                                    "and 1, got '2'");
    CU_ASSERT_EQUAL(ct_fit_spec_set(&spec, "model", "compare", &err), CT_OK);
    CU_ASSERT_EQUAL(spec.model, CT_FIT_COMPARE);
    /* compare needs its periods */
    CU_ASSERT_EQUAL(ct_fit_spec_check(&spec, NULL, 0, &err), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_fit_spec_set(&spec, "periods", "2001-2002,2004:2005",
                                    &err), CT_OK);
    CU_ASSERT_EQUAL(spec.periods[1][0].year, 2004);
    CU_ASSERT_EQUAL(spec.periods[1][1].year, 2005);
    CU_ASSERT_EQUAL(ct_fit_spec_check(&spec, NULL, 0, &err), CT_OK);
    /* a lag is not an option of compare */
    CU_ASSERT_EQUAL(ct_fit_spec_check(&spec, names, 1, &err), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_fit_option_applies("hac-lag", CT_FIT_OLS), 1);
    CU_ASSERT_EQUAL(ct_fit_option_applies("hac-lag", CT_FIT_MK), 0);
    CU_ASSERT_EQUAL(ct_fit_option_applies("level", CT_FIT_MK), 1);
}

static void test_fit_refusals(void)
{
    ct_series *s = read_series();
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_error err;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    /* a month bound on an annual series: refused, err may be NULL */
    CU_ASSERT_EQUAL(ct_fit_spec_set(&spec, "from", "2002-03", &err), CT_OK);
    CU_ASSERT_EQUAL(ct_fit_series(&set, s, &spec, "t.csv", NULL), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_fit_series(&set, s, &spec, "t.csv", &err), CT_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a month but the series is "
                                           "annual"));
    /* nothing in the window */
    CU_ASSERT_EQUAL(ct_fit_spec_set(&spec, "from", "2010", &err), CT_OK);
    CU_ASSERT_EQUAL(ct_fit_series(&set, s, &spec, "t.csv", &err), CT_EDOMAIN);
    CU_ASSERT_EQUAL(set.n, 0);
    ct_fit_set_free(&set);
    ct_series_free(s);
}

static void test_fit_markdown(void)
{
    ct_series *s = read_series();
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL_FATAL(ct_fit_series(&set, s, &spec, "t.csv", &err),
                          CT_OK);
    f = open_memstream(&buf, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(ct_report_fit_markdown(f, &set, 6, &err), CT_OK);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "## ols\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "| g=A | 2001 to 2005 | 5 | 0.8 | "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "| g=B | 2001 to 2005 | 4 | 1.8 | "));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "| g=C | 2004 to 2005 | 2 | failed"));
    free(buf);
    ct_fit_set_free(&set);
    ct_series_free(s);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("fit", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "groups, OLS, a failed group", test_fit_groups_ols) ||
        !CU_add_test(s, "window and Holm", test_fit_window_and_adjust) ||
        !CU_add_test(s, "spec by name", test_fit_spec) ||
        !CU_add_test(s, "refusals", test_fit_refusals) ||
        !CU_add_test(s, "markdown", test_fit_markdown))
        return -1;
    return 0;
}
