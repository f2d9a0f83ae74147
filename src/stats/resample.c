/* SPDX-License-Identifier: MIT
 * resample.c - slope statistics by name, the moving-block bootstrap of a
 * slope (ct_stats_bootstrap) and the window scan (ct_stats_scan).
 */
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/rng.h"

static const struct {
    const char *name;
    ct_statistic s;
} stat_names[] = {
    { "ols", CT_STAT_OLS },           { "ols-hac", CT_STAT_OLS_HAC },
    { "poisson", CT_STAT_POISSON },   { "quasipoisson", CT_STAT_QUASIPOISSON },
    { "negbin", CT_STAT_NEGBIN },     { "sen", CT_STAT_SEN },
    { "sen-hr", CT_STAT_SEN_HR },     { "mk", CT_STAT_SEN },
    { "mk-hr", CT_STAT_SEN_HR },
};

const char *ct_stats_statistic_name(ct_statistic s)
{
    size_t i;
    for (i = 0; i < 7; i++)
        if (stat_names[i].s == s)
            return stat_names[i].name;
    return NULL;
}

int ct_stats_statistic_parse(const char *name, ct_statistic *out,
                             ct_error *err)
{
    size_t i;
    for (i = 0; name && i < sizeof stat_names / sizeof stat_names[0]; i++)
        if (strcmp(name, stat_names[i].name) == 0) {
            *out = stat_names[i].s;
            return CT_OK;
        }
    return ct_error_set(err, CT_EUSAGE, NULL, 0,
                        "unknown statistic '%s' (expected ols, ols-hac, "
                        "poisson, quasipoisson, negbin, sen or sen-hr)",
                        name ? name : "");
}

int ct_si_stat_ws_init(ct_si_stat_ws *w, ct_statistic s, size_t n_max,
                       int infer, ct_error *err)
{
    memset(w, 0, sizeof *w);
    w->n_max = n_max;
    if (n_max == 0)
        return CT_OK;
    switch (s) {
    case CT_STAT_POISSON:
    case CT_STAT_QUASIPOISSON:
    case CT_STAT_NEGBIN:
        w->glm = ct_stats_glm_workspace_alloc(n_max);
        if (w->glm == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        break;
    case CT_STAT_SEN:
    case CT_STAT_SEN_HR:
        if (n_max > CT_STATS_PAIRWISE_MAX)
            break; /* refused per call (CT_ELIMIT) */
        if (infer)
            w->mk = ct_stats_mk_workspace_alloc(n_max);
        else
            w->pairs = malloc((n_max * (n_max - 1) / 2 + 1) * sizeof *w->pairs);
        if (w->mk == NULL && w->pairs == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        break;
    default:
        break; /* OLS allocates nothing */
    }
    return CT_OK;
}

void ct_si_stat_ws_done(ct_si_stat_ws *w)
{
    ct_stats_glm_workspace_free(w->glm);
    ct_stats_mk_workspace_free(w->mk);
    free(w->pairs);
    memset(w, 0, sizeof *w);
}

int ct_si_statistic(ct_statistic s, const double *t, const double *y,
                    size_t n, double level, double ppy, int hac_lag,
                    double *slope, double *ci, double *p, ct_si_stat_ws *w,
                    ct_error *err)
{
    int fits = w != NULL && n <= w->n_max;
    int rc, infer = ci != NULL || p != NULL;

    switch (s) {
    case CT_STAT_OLS:
    case CT_STAT_OLS_HAC: {
        ct_ols_options o = CT_OLS_OPTIONS_INIT;
        ct_ols_result r;
        if (!infer) {
            /* the slope alone needs no residual variance */
            double tb = 0, yb = 0, sxx = 0, sxy = 0;
            size_t i;
            if (n < 2)
                return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                    "ols: need at least 2 periods");
            for (i = 0; i < n; i++) {
                tb += t[i];
                yb += y[i];
            }
            tb /= (double)n;
            yb /= (double)n;
            for (i = 0; i < n; i++) {
                sxx += (t[i] - tb) * (t[i] - tb);
                sxy += (t[i] - tb) * (y[i] - yb);
            }
            if (!(sxx > 0))
                return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                    "ols: all times are equal");
            *slope = sxy / sxx * ppy;
            return CT_OK;
        }
        o.level = level;
        o.periods_per_year = ppy;
        o.hac_lag = hac_lag;
        rc = ct_stats_ols(&r, t, y, n, &o, err);
        if (rc != CT_OK)
            return rc;
        *slope = r.slope;
        if (ci) {
            ci[0] = s == CT_STAT_OLS ? r.slope_ci[0] : r.slope_ci_hac[0];
            ci[1] = s == CT_STAT_OLS ? r.slope_ci[1] : r.slope_ci_hac[1];
        }
        if (p)
            *p = s == CT_STAT_OLS ? r.p_value : r.p_value_hac;
        return CT_OK;
    }
    case CT_STAT_POISSON:
    case CT_STAT_QUASIPOISSON:
    case CT_STAT_NEGBIN: {
        ct_glm_options o = CT_GLM_OPTIONS_INIT;
        ct_glm_result r;
        ct_glm_family f = s == CT_STAT_NEGBIN   ? CT_GLM_NEGBIN
                          : s == CT_STAT_POISSON ? CT_GLM_POISSON
                                                 : CT_GLM_QUASIPOISSON;
        o.level = level;
        o.periods_per_year = ppy;
        rc = fits && w->glm ? ct_stats_glm_ws(&r, f, t, y, n, &o, w->glm, err)
                            : ct_stats_glm(&r, f, t, y, n, &o, err);
        if (rc != CT_OK)
            return rc;
        *slope = r.slope;
        if (ci) {
            ci[0] = r.slope_ci[0];
            ci[1] = r.slope_ci[1];
        }
        if (p)
            *p = r.p_value;
        return CT_OK;
    }
    case CT_STAT_SEN:
    case CT_STAT_SEN_HR: {
        ct_mk_options o = CT_MK_OPTIONS_INIT;
        ct_mk_result r;
        if (!infer) {
            rc = ct_si_sen_slope(t, y, n, slope, fits ? w->pairs : NULL,
                                 err);
            if (rc == CT_OK)
                *slope *= ppy;
            return rc;
        }
        o.level = level;
        o.periods_per_year = ppy;
        o.correction = s == CT_STAT_SEN ? CT_MK_NONE : CT_MK_HAMED_RAO;
        rc = fits && w->mk
                 ? ct_stats_mann_kendall_ws(&r, t, y, n, &o, w->mk, err)
                 : ct_stats_mann_kendall(&r, t, y, n, &o, err);
        if (rc != CT_OK)
            return rc;
        *slope = r.sen_slope;
        if (ci) {
            ci[0] = r.sen_ci[0];
            ci[1] = r.sen_ci[1];
        }
        if (p)
            *p = r.p_value;
        return CT_OK;
    }
    }
    return ct_error_set(err, CT_EUSAGE, NULL, 0, "unknown statistic %d",
                        (int)s);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int ct_stats_bootstrap(ct_bootstrap_result *out, const double *t,
                       const double *y, size_t n,
                       const ct_bootstrap_options *opt, ct_error *err)
{
    static const ct_bootstrap_options defaults = CT_BOOTSTRAP_OPTIONS_INIT;
    const char *what = "bootstrap";
    double *tb = NULL, *yb = NULL, *slopes = NULL, est, mean = 0, ss = 0;
    size_t l, nblocks, r, ok = 0, failed = 0, i;
    ct_rng *rng = NULL;
    ct_si_stat_ws ws = {0};
    int rc;

    if (opt == NULL)
        opt = &defaults;
    rc = ct_si_check_common(what, opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    if (ct_stats_statistic_name(opt->statistic) == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "bootstrap: unknown statistic %d",
                            (int)opt->statistic);
    if (opt->replicates < 2)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "bootstrap: need at least 2 replicates, got %zu",
                            opt->replicates);
    rc = ct_si_check_series(what, t, y, n, 4, CT_SI_SORTED, err);
    if (rc != CT_OK)
        return rc;
    /* block length of order n^(1/3) (Hall, Horowitz & Jing 1995) */
    l = opt->block_length ? opt->block_length
                          : (size_t)floor(cbrt((double)n) + 0.5);
    if (l < 1)
        l = 1;
    if (l > n)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "bootstrap: the block length (%zu) exceeds the "
                            "number of periods (%zu)", l, n);
    rc = ct_si_stat_ws_init(&ws, opt->statistic, n, 0, err);
    if (rc != CT_OK)
        goto done;
    rc = ct_si_statistic(opt->statistic, t, y, n, opt->level,
                         opt->periods_per_year, CT_HAC_LAG_AUTO, &est, NULL,
                         NULL, &ws, err);
    if (rc != CT_OK)
        goto done;

    tb = malloc(n * sizeof *tb);
    yb = malloc(n * sizeof *yb);
    slopes = malloc(opt->replicates * sizeof *slopes);
    if (!tb || !yb || !slopes) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    rc = ct_rng_alloc(&rng, opt->seed, err);
    if (rc != CT_OK)
        goto done;
    nblocks = (n + l - 1) / l;
    for (r = 0; r < opt->replicates; r++) {
        size_t b, m = 0;
        double sl;
        /* Kunsch (1989): blocks X_s..X_{s+l-1}, s uniform on 0..n-l */
        for (b = 0; b < nblocks; b++) {
            size_t s0 = (size_t)ct_rng_uniform_int(rng, n - l + 1), j;
            for (j = 0; j < l && m < n; j++, m++) {
                tb[m] = t[s0 + j];
                yb[m] = y[s0 + j];
            }
        }
        if (ct_si_statistic(opt->statistic, tb, yb, n, opt->level,
                            opt->periods_per_year, CT_HAC_LAG_AUTO, &sl, NULL,
                            NULL, &ws, NULL) == CT_OK && isfinite(sl))
            slopes[ok++] = sl;
        else
            failed++;
    }
    if (ok < 2 || failed * 2 > opt->replicates) {
        rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                          "bootstrap: the statistic failed on %zu of %zu "
                          "samples (e.g. all-zero counts)", failed,
                          opt->replicates);
        goto done;
    }
    for (i = 0; i < ok; i++)
        mean += slopes[i];
    mean /= (double)ok;
    for (i = 0; i < ok; i++)
        ss += (slopes[i] - mean) * (slopes[i] - mean);
    qsort(slopes, ok, sizeof *slopes, cmp_double);

    out->statistic = opt->statistic;
    out->n = n;
    out->replicates = opt->replicates;
    out->failed = failed;
    out->block_length = l;
    out->seed = opt->seed;
    out->level = opt->level;
    out->estimate = est;
    out->boot_mean = mean;
    out->boot_se = sqrt(ss / (double)(ok - 1));
    /* percentile interval (Efron & Tibshirani 1993, 13.3) and basic
     * interval (Davison & Hinkley 1997, 5.2) */
    out->ci_percentile[0] =
        ct_si_quantile_sorted(slopes, ok, (1 - opt->level) / 2);
    out->ci_percentile[1] =
        ct_si_quantile_sorted(slopes, ok, (1 + opt->level) / 2);
    out->ci_basic[0] = 2 * est - out->ci_percentile[1];
    out->ci_basic[1] = 2 * est - out->ci_percentile[0];
    rc = CT_OK;
done:
    ct_si_stat_ws_done(&ws);
    ct_rng_free(rng);
    free(slopes);
    free(yb);
    free(tb);
    return rc;
}

/* first index with t >= x (after = 0) or t > x (after = 1) */
static size_t bound_idx(const double *t, size_t n, double x, int after)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (after ? t[mid] <= x : t[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* running sums over i < m of 1, u, v, u^2, u v, v^2 (u, v: t and y less
 * their means), for the OLS slope of any window in O(1) */
struct runsum {
    long double *P;
    size_t n;
    double *q;   /* t quantile by df (NAN until needed)                   */
};

static long double rs_sum(const struct runsum *r, int c, size_t a, size_t b)
{
    const long double *p = r->P + (size_t)c * (r->n + 1);
    return p[b] - p[a];
}

static int rs_init(struct runsum *r, const double *t, const double *y,
                   size_t n)
{
    double tm = 0, ym = 0;
    size_t i;

    r->n = n;
    r->P = malloc(6 * (n + 1) * sizeof *r->P);
    r->q = malloc((n + 1) * sizeof *r->q);
    if (!r->P || !r->q)
        return CT_ENOMEM;
    for (i = 0; i < n; i++) {
        tm += t[i] / (double)n;
        ym += y[i] / (double)n;
    }
    for (i = 0; i <= n; i++)
        r->q[i] = CT_NAN;
    ct_si_moment_sums(t, y, n, tm, ym, r->P);
    return CT_OK;
}

/* ct_stats_ols's classical slope, interval and p on observations
 * [a, a + m) from the running sums; CT_EDOMAIN where it refuses (values
 * constant or on a line, to rounding) */
static int rs_ols(struct runsum *r, size_t a, size_t m, double level,
                  double ppy, ct_scan_cell *c)
{
    long double S = (long double)m, Su = rs_sum(r, 1, a, a + m),
                Sv = rs_sum(r, 2, a, a + m), Suu = rs_sum(r, 3, a, a + m),
                Suv = rs_sum(r, 4, a, a + m), Svv = rs_sum(r, 5, a, a + m);
    long double sxx = Suu - Su * Su / S, sxy = Suv - Su * Sv / S,
                syy = Svv - Sv * Sv / S, rss;
    double df = (double)m - 2, b, se;

    if (!(sxx > 0) || !(syy > 1e-14L * Svv))
        return CT_EDOMAIN;
    rss = syy - sxy * sxy / sxx;
    if (!(rss > 1e-14L * syy))
        return CT_EDOMAIN;
    b = (double)(sxy / sxx);
    se = sqrt((double)(rss / (long double)df / sxx));
    if (isnan(r->q[m]))
        r->q[m] = ct_si_q_t((1 - level) / 2, df);
    c->slope = b * ppy;
    se *= ppy;
    c->p_value = ct_si_p_t2(c->slope / se, df);
    c->ci[0] = c->slope - r->q[m] * se;
    c->ci[1] = c->slope + r->q[m] * se;
    return CT_OK;
}

/* the refits' work (see CT_SCAN_MAX_WORK); 0 for ols */
static double scan_work(const ct_scan_options *opt, const double *t,
                        size_t n, const double *starts, size_t n_starts,
                        const double *ends, size_t n_ends)
{
    double w = 0;
    size_t i, j;
    if (opt->statistic == CT_STAT_OLS)
        return 0;
    for (i = 0; i < n_starts; i++) {
        size_t a = bound_idx(t, n, starts[i], 0);
        for (j = 0; j < n_ends; j++) {
            size_t b = bound_idx(t, n, ends[j], 1);
            double m = b > a ? (double)(b - a) : 0;
            w += opt->statistic == CT_STAT_SEN ||
                         opt->statistic == CT_STAT_SEN_HR
                     ? m * m / 100
                     : m;
        }
    }
    return w;
}

static int scan_check(const ct_scan_options *opt, const double *t,
                      size_t n, const double *starts, size_t n_starts,
                      const double *ends, size_t n_ends, ct_error *err)
{
    double w;
    if (n > CT_SCAN_MAX_N)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "scan: the series is too long (%zu periods; the "
                            "limit is %d)", n, CT_SCAN_MAX_N);
    if (n_starts && n_ends > CT_SCAN_MAX_WINDOWS / n_starts)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "scan: too many windows (%zu starts x %zu ends; "
                            "the limit is %d windows)", n_starts, n_ends,
                            CT_SCAN_MAX_WINDOWS);
    w = scan_work(opt, t, n, starts, n_starts, ends, n_ends);
    if (w > CT_SCAN_MAX_WORK)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "scan: too much work for statistic %s (%zu "
                            "windows refitted, %.3g %s in all; the limit is "
                            "%.3g)", ct_stats_statistic_name(opt->statistic),
                            n_starts * n_ends, w,
                            opt->statistic == CT_STAT_SEN ||
                                    opt->statistic == CT_STAT_SEN_HR
                                ? "pairs/100"
                                : "observations",
                            CT_SCAN_MAX_WORK);
    return CT_OK;
}

int ct_stats_scan(ct_scan_cell *cells, const double *t, const double *y,
                  size_t n, const double *starts, size_t n_starts,
                  const double *ends, size_t n_ends,
                  const ct_scan_options *opt, ct_error *err)
{
    static const ct_scan_options defaults = CT_SCAN_OPTIONS_INIT;
    ct_si_stat_ws ws;
    struct runsum rs = { NULL, 0, NULL };
    size_t i, j, total = n_starts * n_ends, done = 0;
    int rc, running;

    if (opt == NULL)
        opt = &defaults;
    rc = ct_si_check_common("scan", opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    if (ct_stats_statistic_name(opt->statistic) == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "scan: unknown statistic %d", (int)opt->statistic);
    if ((n_starts && !starts) || (n_ends && !ends) ||
        (n_starts && n_ends && !cells))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "scan: missing window arrays");
    rc = ct_si_check_series("scan", t, y, n, 0, CT_SI_SORTED, err);
    if (rc == CT_OK)
        rc = scan_check(opt, t, n, starts, n_starts, ends, n_ends, err);
    if (rc != CT_OK)
        return rc;
    running = opt->statistic == CT_STAT_OLS && n > CT_SCAN_EXACT_MAX;
    if (running && rs_init(&rs, t, y, n) != CT_OK) {
        free(rs.P);
        free(rs.q);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    rc = ct_si_stat_ws_init(&ws, opt->statistic, n, 1, err);
    if (rc != CT_OK) {
        free(rs.P);
        free(rs.q);
        return rc;
    }
    for (i = 0; i < n_starts; i++) {
        size_t first = bound_idx(t, n, starts[i], 0);
        for (j = 0; j < n_ends; j++) {
            ct_scan_cell *c = &cells[i * n_ends + j];
            size_t last = bound_idx(t, n, ends[j], 1);
            size_t m = last > first ? last - first : 0;
            c->start = starts[i];
            c->end = ends[j];
            c->slope = c->ci[0] = c->ci[1] = c->p_value = CT_NAN;
            c->n = m;
            if (!(c->start < c->end) || m < opt->min_n || m < 3) {
                c->status = CT_EDOMAIN;
                continue;
            }
            c->status =
                running
                    ? rs_ols(&rs, first, m, opt->level,
                             opt->periods_per_year, c)
                    : ct_si_statistic(opt->statistic, t + first, y + first,
                                      m, opt->level, opt->periods_per_year,
                                      opt->hac_lag, &c->slope, c->ci,
                                      &c->p_value, &ws, NULL);
            if (c->status != CT_OK)
                c->slope = c->ci[0] = c->ci[1] = c->p_value = CT_NAN;
        }
        done += n_ends;
        if (opt->progress)
            opt->progress(done, total, opt->progress_ctx);
    }
    ct_si_stat_ws_done(&ws);
    free(rs.P);
    free(rs.q);
    return CT_OK;
}

int ct_stats_scan_summarize(ct_scan_summary *out, const ct_scan_cell *cells,
                            size_t n_cells, double alpha, ct_error *err)
{
    double *s;
    size_t i, m = 0;

    if (!(alpha > 0 && alpha < 1))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "scan: significance level must be between 0 and "
                            "1, got %g", alpha);
    memset(out, 0, sizeof *out);
    out->windows = n_cells;
    out->slope_min = out->slope_median = out->slope_max = CT_NAN;
    out->p_max = CT_NAN;
    s = malloc((n_cells ? n_cells : 1) * sizeof *s);
    if (s == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < n_cells; i++) {
        const ct_scan_cell *c = &cells[i];
        if (c->status != CT_OK)
            continue;
        out->computed++;
        s[m++] = c->slope;
        if (c->slope > 0)
            out->positive++;
        if (c->slope < 0)
            out->negative++;
        if (c->p_value < alpha && c->slope > 0)
            out->significant_positive++;
        if (c->p_value < alpha && c->slope < 0)
            out->significant_negative++;
        if (isnan(out->p_max) || c->p_value > out->p_max)
            out->p_max = c->p_value;
    }
    if (m > 0) {
        out->slope_median = ct_si_median_inplace(s, m);
        out->slope_min = s[0];
        out->slope_max = s[m - 1];
    }
    free(s);
    return CT_OK;
}
