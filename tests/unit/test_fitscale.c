/* SPDX-License-Identifier: MIT
 * test_fitscale.c - fits that scale (issue 13, point 4): the fast
 * breakpoint search for long series against the exact search and against
 * synthetic series with known breaks, the window scan's running sums
 * against ct_stats_ols on each window, the length limits and the progress
 * hook. Nothing here is timed.
 */
#include "runner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/rng.h"
#include "ctrend/stats.h"

static double gauss(ct_rng *r)
{
    /* Box-Muller */
    double u = ct_rng_uniform(r), v = ct_rng_uniform(r);
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2 * log(u)) * cos(2 * 3.14159265358979323846 * v);
}

/* a continuous piecewise-linear mean with breaks at b1 (and b2 unless NAN),
 * slopes s0, s1, s2 per period, value y0 at t = 1 */
static double mean_at(double t, double y0, double b1, double b2, double s0,
                      double s1, double s2)
{
    double m = y0 + s0 * (t - 1);
    if (t > b1)
        m += (s1 - s0) * (t - b1);
    if (!isnan(b2) && t > b2)
        m += (s2 - s1) * (t - b2);
    return m;
}

/* series of n points t = 1..n: the mean plus Gaussian noise sd, or Poisson
 * counts with that log-mean */
static void make(double *t, double *y, size_t n, int poisson, double b1,
                 double b2, double s0, double s1, double s2, double y0,
                 double sd, uint64_t seed)
{
    ct_rng *r = NULL;
    size_t i;
    CU_ASSERT_FATAL(ct_rng_alloc(&r, seed, NULL) == CT_OK);
    for (i = 0; i < n; i++) {
        double m;
        t[i] = (double)i + 1;
        m = mean_at(t[i], y0, b1, b2, s0, s1, s2);
        /* Poisson: the piecewise-linear function is the log of the mean */
        y[i] = poisson ? (double)ct_rng_poisson(r, exp(m))
                       : m + sd * gauss(r);
    }
    ct_rng_free(r);
}

static int fit(ct_segmented_result *r, const double *t, const double *y,
               size_t n, ct_seg_family fam, int k, ct_seg_search search)
{
    ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
    ct_error e;
    int rc;
    o.family = fam;
    o.n_breaks = k;
    o.search = search;
    rc = ct_stats_segmented(r, t, y, n, &o, &e);
    if (rc != CT_OK)
        printf("\n    segmented failed: %s\n", e.msg);
    return rc;
}

/* 1. The fast search against the exact one on every series of
 * tests/reference/stats/segsearch.csv (n <= 200; the fast search is not
 * used there by default). Gaussian: within 1e-6 of the exact objective on
 * every series, and for one break (the same candidates) within 1e-9.
 * Poisson on such short series (a grid and golden-section searches on a
 * profile with a kink at every observation) may stop in a local optimum:
 * within 1e-6 on at least 75% of them and never 20% above; the fast
 * search is used only beyond 1,000 (one break) and 300 (two) periods,
 * where test 2 holds it to 1e-6. */
static void test_fast_vs_exact_reference(void)
{
    char line[8192];
    size_t total = 0, close = 0, ptotal = 0, pclose = 0;
    FILE *f = fopen(ct_test_path(ct_test_source_dir(),
                                 "tests/reference/stats/segsearch.csv"),
                    "r");
    CU_ASSERT_FATAL(f != NULL);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        char fam[16];
        int k, n;
        double grid, robj, t[200], y[200];
        ct_segmented_result ex, fa;
        ct_seg_family fm;
        if (!ct_test_segsearch_row(line, fam, &k, &n, &grid, &robj, t, y,
                                   200))
            continue;
        fm = strcmp(fam, "poisson") == 0 ? CT_SEG_POISSON : CT_SEG_GAUSSIAN;
        if (fit(&ex, t, y, (size_t)n, fm, k, CT_SEG_SEARCH_EXACT) != CT_OK)
            continue; /* refused: test_stats covers why */
        CU_ASSERT(ex.exact == 1);
        CU_ASSERT_FATAL(fit(&fa, t, y, (size_t)n, fm, k,
                            CT_SEG_SEARCH_FAST) == CT_OK);
        CU_ASSERT(fa.exact == 0);
        total++;
        {
            double rel = (fa.objective - ex.objective) /
                         (fabs(ex.objective) + 1e-12);
            char msg[200];
            snprintf(msg, sizeof msg, "%s k=%d n=%d: fast %.12g exact %.12g",
                     fam, k, n, fa.objective, ex.objective);
            if (fm == CT_SEG_GAUSSIAN) {
                close += rel <= 1e-6;
                CU_assertImplementation(rel <= (k == 1 ? 1e-9 : 1e-6),
                                        __LINE__, msg, __FILE__, "",
                                        CU_FALSE);
            } else {
                ptotal++;
                pclose += rel <= 1e-6;
                CU_assertImplementation(rel <= 0.2, __LINE__, msg, __FILE__,
                                        "", CU_FALSE);
            }
        }
    }
    fclose(f);
    printf("\n    fast search within 1e-6 of the exact objective: "
           "Gaussian %zu of %zu, Poisson %zu of %zu\n", close,
           total - ptotal, pclose, ptotal);
    CU_ASSERT(total >= 150);
    CU_ASSERT(close == total - ptotal);
    CU_ASSERT(pclose * 100 >= ptotal * 75);
}

/* 2. Medium series where both searches run: the same breaks (to 0.5
 * period) and objective (1e-6 relative). */
static void test_fast_vs_exact_medium(void)
{
    static const struct {
        int poisson, k;
        size_t n;
        double b1, b2, s0, s1, s2, y0, sd;
    } cs[] = {
        { 0, 1, 1500, 600.5, NAN, 0.05, -0.03, 0, 20, 4 },
        { 0, 2, 1200, 400.5, 850.5, 0.05, -0.04, 0.03, 20, 4 },
        { 1, 1, 1100, 500.5, NAN, 0.002, -0.0015, 0, 2, 0 },
        { 1, 2, 320, 100.5, 220.5, 0.01, -0.012, 0.008, 2, 0 },
    };
    size_t c;
    for (c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        double *t = malloc(cs[c].n * sizeof *t), *y = malloc(cs[c].n * sizeof *y);
        ct_segmented_result ex, fa;
        ct_seg_family fm = cs[c].poisson ? CT_SEG_POISSON : CT_SEG_GAUSSIAN;
        int j;
        CU_ASSERT_FATAL(t && y);
        make(t, y, cs[c].n, cs[c].poisson, cs[c].b1, cs[c].b2, cs[c].s0,
             cs[c].s1, cs[c].s2, cs[c].y0, cs[c].sd, 100 + c);
        CU_ASSERT_FATAL(fit(&ex, t, y, cs[c].n, fm, cs[c].k,
                            CT_SEG_SEARCH_EXACT) == CT_OK);
        CU_ASSERT_FATAL(fit(&fa, t, y, cs[c].n, fm, cs[c].k,
                            CT_SEG_SEARCH_FAST) == CT_OK);
        {
            char msg[200];
            snprintf(msg, sizeof msg, "case %zu: fast %.12g at %.3f %.3f, "
                     "exact %.12g at %.3f %.3f", c, fa.objective, fa.psi[0],
                     fa.psi[1], ex.objective, ex.psi[0], ex.psi[1]);
            CU_assertImplementation(fabs(fa.objective - ex.objective) <=
                                        1e-6 * fabs(ex.objective),
                                    __LINE__, msg, __FILE__, "", CU_FALSE);
            for (j = 0; j < cs[c].k; j++)
                CU_assertImplementation(fabs(fa.psi[j] - ex.psi[j]) <= 0.5,
                                        __LINE__, msg, __FILE__, "",
                                        CU_FALSE);
        }
        free(t);
        free(y);
    }
}

/* 3. Long series with known breaks: 100,000 periods (Gaussian, the
 * default search, which is the fast one there) and 20,000 (Poisson):
 * the breaks are recovered within a few standard errors (here 60 and 150
 * periods, about 3 SEs at these slopes and noise) and the interval covers
 * the truth on most of them. */
static void test_known_breaks_long(void)
{
    static const struct {
        int poisson, k;
        size_t n;
        double b1, b2, s0, s1, s2, y0, sd, tol;
    } cs[] = {
        { 0, 1, 100000, 41234.5, NAN, 0.0004, -0.0006, 0, 20, 5, 150 },
        { 0, 2, 100000, 30000.5, 70000.5, 0.0004, -0.0005, 0.0003, 20, 5,
          150 },
        { 1, 1, 20000, 8000.5, NAN, 0.0001, -0.0001, 0, 2, 0, 60 },
        { 1, 2, 20000, 6000.5, 14000.5, 0.0001, -0.0001, 0.0001, 2, 0, 60 },
    };
    size_t c;
    for (c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        double *t = malloc(cs[c].n * sizeof *t), *y = malloc(cs[c].n * sizeof *y);
        double truth[2];
        ct_segmented_result r;
        ct_seg_family fm = cs[c].poisson ? CT_SEG_POISSON : CT_SEG_GAUSSIAN;
        int j;
        CU_ASSERT_FATAL(t && y);
        truth[0] = cs[c].b1;
        truth[1] = cs[c].b2;
        make(t, y, cs[c].n, cs[c].poisson, cs[c].b1, cs[c].b2, cs[c].s0,
             cs[c].s1, cs[c].s2, cs[c].y0, cs[c].sd, 7 + c);
        CU_ASSERT_FATAL(fit(&r, t, y, cs[c].n, fm, cs[c].k,
                            CT_SEG_SEARCH_AUTO) == CT_OK);
        CU_ASSERT(r.exact == 0);
        for (j = 0; j < cs[c].k; j++) {
            char msg[160];
            snprintf(msg, sizeof msg, "case %zu break %d: %.2f (se %.2f), "
                     "truth %.1f", c, j + 1, r.psi[j], r.psi_se[j], truth[j]);
            CU_assertImplementation(fabs(r.psi[j] - truth[j]) <= cs[c].tol,
                                    __LINE__, msg, __FILE__, "", CU_FALSE);
        }
        free(t);
        free(y);
    }
}

/* 4. The scan's running sums (ols on more than CT_SCAN_EXACT_MAX periods)
 * against ct_stats_ols on each window (two-pass sums); a constant window
 * is refused as ct_stats_ols refuses it. */
static void test_scan_running_sums(void)
{
    const size_t n = 2600;
    double *t = malloc(n * sizeof *t), *y = malloc(n * sizeof *y);
    double starts[5] = { 1, 300, 1200.5, 2500, 2590 };
    double ends[4] = { 2600, 1800, 2560, 2599 };
    ct_scan_cell cells[20];
    ct_scan_options o = CT_SCAN_OPTIONS_INIT;
    size_t i, j, checked = 0;
    ct_error e;

    CU_ASSERT_FATAL(t && y);
    make(t, y, n, 0, 1000.5, NAN, 0.01, -0.02, 0, 50, 3, 42);
    for (i = 2550; i < n; i++)
        y[i] = 7; /* a constant tail */
    o.periods_per_year = 12;
    o.level = 0.9;
    CU_ASSERT_FATAL(ct_stats_scan(cells, t, y, n, starts, 5, ends, 4, &o,
                                  &e) == CT_OK);
    for (i = 0; i < 5; i++)
        for (j = 0; j < 4; j++) {
            const ct_scan_cell *c = &cells[i * 4 + j];
            size_t a = 0, m = 0;
            ct_ols_options oo = CT_OLS_OPTIONS_INIT;
            ct_ols_result r;
            int rc;
            while (a < n && t[a] < starts[i])
                a++;
            while (a + m < n && t[a + m] <= ends[j])
                m++;
            CU_ASSERT_EQUAL(c->n, m);
            if (!(starts[i] < ends[j]) || m < 5) {
                CU_ASSERT_EQUAL(c->status, CT_EDOMAIN);
                continue;
            }
            oo.periods_per_year = 12;
            oo.level = 0.9;
            rc = ct_stats_ols(&r, t + a, y + a, m, &oo, NULL);
            CU_ASSERT_EQUAL(c->status, rc);
            if (rc != CT_OK)
                continue;
            checked++;
            CU_ASSERT_DOUBLE_EQUAL(c->slope, r.slope, 1e-9 * fabs(r.slope));
            CU_ASSERT_DOUBLE_EQUAL(c->ci[0], r.slope_ci[0],
                                   1e-9 * fabs(r.slope_ci[0]));
            CU_ASSERT_DOUBLE_EQUAL(c->ci[1], r.slope_ci[1],
                                   1e-9 * fabs(r.slope_ci[1]));
            CU_ASSERT_DOUBLE_EQUAL(c->p_value, r.p_value,
                                   1e-9 * r.p_value + 1e-300);
        }
    CU_ASSERT(checked >= 8);
    /* the constant window [2590, 2599] is refused by both */
    CU_ASSERT_EQUAL(cells[4 * 4 + 3].status, CT_EDOMAIN);
    free(t);
    free(y);
}

/* 5. Limits: a clear CT_EDOMAIN beyond them, not a long run. */
static void test_limits(void)
{
    size_t n = CT_SEG_MAX_N + 1, i;
    double *t = malloc(n * sizeof *t), *y = malloc(n * sizeof *y);
    double st[2] = { 1, 2 }, en[2] = { 100, 200 };
    ct_segmented_result r;
    ct_scan_cell cells[4];
    ct_scan_options so = CT_SCAN_OPTIONS_INIT;
    ct_error e;

    CU_ASSERT_FATAL(t && y);
    for (i = 0; i < n; i++) {
        t[i] = (double)i;
        y[i] = (double)(i % 7);
    }
    CU_ASSERT_EQUAL(ct_stats_segmented(&r, t, y, n, NULL, &e), CT_EDOMAIN);
    CU_ASSERT(strstr(e.msg, "too long") != NULL);
    CU_ASSERT_EQUAL(ct_stats_scan(cells, t, y, CT_SCAN_MAX_N + 1, st, 2, en,
                                  2, &so, &e),
                    CT_EDOMAIN);
    CU_ASSERT(strstr(e.msg, "too long") != NULL);
    /* refitted windows: 4 windows of ~100,000 observations of sen are
     * 4 * 10^10 / 100 pair units, over the limit */
    so.statistic = CT_STAT_SEN;
    en[0] = 99998;
    en[1] = 99999;
    CU_ASSERT_EQUAL(ct_stats_scan(cells, t, y, CT_SCAN_MAX_N, st, 2, en, 2,
                                  &so, &e),
                    CT_EDOMAIN);
    CU_ASSERT(strstr(e.msg, "too much work") != NULL);
    free(t);
    free(y);
}

struct prog {
    unsigned long long calls, last_done, total;
    int backwards;
};

static void on_progress(unsigned long long done, unsigned long long total,
                        void *ctx)
{
    struct prog *p = ctx;
    if (done < p->last_done)
        p->backwards = 1;
    p->calls++;
    p->last_done = done;
    p->total = total;
}

/* 6. The progress hook is called, with work done that does not go back,
 * and changes no number. */
static void test_progress(void)
{
    const size_t n = 5000;
    double *t = malloc(n * sizeof *t), *y = malloc(n * sizeof *y);
    ct_segmented_options o = CT_SEGMENTED_OPTIONS_INIT;
    ct_segmented_result a, b;
    struct prog p = { 0, 0, 0, 0 };

    CU_ASSERT_FATAL(t && y);
    make(t, y, n, 0, 2000.5, 3500.5, 0.01, -0.01, 0.02, 10, 2, 5);
    o.n_breaks = 2;
    CU_ASSERT_FATAL(ct_stats_segmented(&a, t, y, n, &o, NULL) == CT_OK);
    o.progress = on_progress;
    o.progress_ctx = &p;
    CU_ASSERT_FATAL(ct_stats_segmented(&b, t, y, n, &o, NULL) == CT_OK);
    CU_ASSERT(p.calls > 0);
    CU_ASSERT(!p.backwards);
    CU_ASSERT(a.psi[0] == b.psi[0] && a.psi[1] == b.psi[1] &&
              a.objective == b.objective);
    free(t);
    free(y);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("fitscale", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "fast_vs_exact_reference",
                     test_fast_vs_exact_reference) ||
        !CU_add_test(s, "fast_vs_exact_medium", test_fast_vs_exact_medium) ||
        !CU_add_test(s, "known_breaks_long", test_known_breaks_long) ||
        !CU_add_test(s, "scan_running_sums", test_scan_running_sums) ||
        !CU_add_test(s, "limits", test_limits) ||
        !CU_add_test(s, "progress", test_progress))
        return -1;
    return 0;
}
