/* SPDX-License-Identifier: MIT
 * segmented.c - piecewise-linear (gaussian) and piecewise log-linear
 * (Poisson) trends with one or two breakpoints (ct_stats_segmented): the
 * checks, the model without a break, the choice of search (exact up to
 * CT_SEG_EXACT_MAX observations, segmented_search.c; fast beyond,
 * segmented_fast.c), the final fit at the breakpoints and what in it is
 * estimable. Inference and Davies' test are in segmented_infer.c.
 */
#include "stats/segmented_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ct_si_seg_progress(const struct seg *s, unsigned long long done,
                        unsigned long long total)
{
    if (s->opt && s->opt->progress)
        s->opt->progress(done, total, s->opt->progress_ctx);
}

static int check_options(const ct_segmented_options *opt, const double *t,
                         const double *y, size_t n, ct_error *err)
{
    const char *what = opt->family == CT_SEG_POISSON ? "segmented (poisson)"
                                                     : "segmented (gaussian)";
    int rc;

    if (opt->family != CT_SEG_GAUSSIAN && opt->family != CT_SEG_POISSON)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: unknown family %d", (int)opt->family);
    if (opt->n_breaks < 1 || opt->n_breaks > MAXK)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: the number of breakpoints must be 1 "
                            "or 2, got %d", opt->n_breaks);
    if (opt->search != CT_SEG_SEARCH_AUTO &&
        opt->search != CT_SEG_SEARCH_EXACT && opt->search != CT_SEG_SEARCH_FAST)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: unknown search %d", (int)opt->search);
    if (opt->davies_k < 2)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: Davies' test needs at least 2 "
                            "evaluation points, got %d", opt->davies_k);
    rc = ct_si_check_common(what, opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    rc = ct_si_check_series(what, t, y, n, 4 * ((size_t)opt->n_breaks + 1),
                            CT_SI_SORTED | (opt->family == CT_SEG_POISSON
                                                ? CT_SI_COUNTS
                                                : 0u),
                            err);
    if (rc != CT_OK)
        return rc;
    if (n > CT_SEG_MAX_N)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the series is too long (%zu observations; "
                            "the limit is %d)", what, n, CT_SEG_MAX_N);
    return CT_OK;
}

/* the fit's state: centring, admissible range, scratch, prefix sums */
static int setup(struct seg *s, const double *t, const double *y, size_t n,
                 const ct_segmented_options *opt, ct_error *err)
{
    double alpha, ym = 0, ymax = 0;
    size_t i;
    int j;

    s->fam = opt->family;
    s->opt = opt;
    s->t = t;
    s->y = y;
    s->n = n;
    s->k = opt->n_breaks;
    s->max_iter = 100;
    for (i = 0; i < n; i++)
        s->tref += t[i];
    s->tref /= (double)n;
    /* R segmented's admissible range: quantiles alpha and 1 - alpha of t
     * (type 7, R's default), alpha = max(0.05, 1/n); here closed, edges
     * included */
    alpha = 1.0 / (double)n > 0.05 ? 1.0 / (double)n : 0.05;
    s->lo = ct_si_quantile_sorted(t, n, alpha);
    s->hi = ct_si_quantile_sorted(t, n, 1 - alpha);
    s->X = malloc(n * 2 * MAXP * sizeof *s->X);
    s->mu = malloc(n * sizeof *s->mu);
    for (j = 0; j < 6; j++)
        s->pre[j] = malloc((n + 1) * sizeof *s->pre[j]);
    if (!s->X || !s->mu || !s->pre[0] || !s->pre[1] || !s->pre[2] ||
        !s->pre[3] || !s->pre[4] || !s->pre[5])
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < n; i++)
        ym += y[i] / (double)n;
    for (j = 0; j < 6; j++)
        s->pre[j][0] = 0;
    for (i = 0; i < n; i++) {
        double u = t[i] - s->tref, v = y[i] - ym;
        s->pre[0][i + 1] = s->pre[0][i] + 1;
        s->pre[1][i + 1] = s->pre[1][i] + u;
        s->pre[2][i + 1] = s->pre[2][i] + v;
        s->pre[3][i + 1] = s->pre[3][i] + u * u;
        s->pre[4][i + 1] = s->pre[4][i] + u * v;
        s->pre[5][i + 1] = s->pre[5][i] + v * v;
        if (fabs(y[i]) > ymax)
            ymax = fabs(y[i]);
    }
    /* Gaussian: RSS in units of y^2; Poisson: deviance ~ n */
    s->scale = s->fam == CT_SEG_GAUSSIAN
                   ? s->pre[5][n] + (double)n * ymax * ymax * 1e-6
                   : (double)n;
    s->ymax = ymax;
    return CT_OK;
}

/* the model without a break: reference objective and Davies' H0; refuses
 * a series with no break to find */
static int fit_linear(struct seg *s, ct_segmented_result *out, double *dev0,
                      ct_error *err)
{
    const double *t = s->t, *y = s->y;
    size_t n = s->n, i;
    double beta[MAXP];
    int rc;

    for (i = 0; i < n; i++) {
        s->X[2 * i] = 1;
        s->X[2 * i + 1] = t[i] - s->tref;
    }
    if (s->fam == CT_SEG_POISSON) {
        ct_glm_result g;
        ct_glm_options go = CT_GLM_OPTIONS_INIT;
        go.periods_per_year = s->opt->periods_per_year;
        rc = ct_stats_glm(&g, CT_GLM_POISSON, t, y, n, &go, err);
        if (rc != CT_OK)
            return rc;
        *dev0 = g.deviance;
        out->n_noninteger = g.n_noninteger;
        /* deviance is in chi-square units: 1e-8 is zero */
        if (!(*dev0 > 1e-8))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s: the counts follow a log-linear trend "
                                "exactly (deviance %.3g; a constant series): "
                                "there is no break to find",
                                ct_si_seg_what(s), *dev0);
        return CT_OK;
    }
    out->n_noninteger = 0;
    rc = ct_si_wls(s->X, n, 2, NULL, y, beta, NULL, dev0, ct_si_seg_what(s),
                   err);
    if (rc != CT_OK)
        return rc;
    /* a residual below 1e-10 of the largest |y| is rounding: the values
     * are a line (or constant) */
    if (!(*dev0 > 1e-20 * (double)n * s->ymax * s->ymax))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the values lie exactly on a line%s: "
                            "there is no break to find", ct_si_seg_what(s),
                            s->pre[5][n] == 0 ? " (all equal)" : "");
    return CT_OK;
}

/* A breakpoint on an observation t_i (to rounding) is set to t_i exactly.
 * Everything is then defined at t_i with t_i in the segment before the
 * break: I(t > psi) in the inference columns, i.e. the limit as psi
 * decreases to t_i, whichever side the search came from; only when that
 * would leave fewer than 2 observations after the break is it the limit
 * from the left, I(t >= psi) (ct_si_seg_feasible_side). */
static void snap_breaks(struct seg *s, double *psi)
{
    const double *t = s->t;
    size_t n = s->n, i;
    int j, fs;

    for (j = 0; j < s->k; j++)
        for (i = 0; i < n; i++)
            if (fabs(psi[j] - t[i]) <=
                1e-9 * (1 + fabs(t[i])) * (t[n - 1] - t[0] > 0 ? 1 : 0)) {
                double keep = psi[j];
                psi[j] = t[i];
                if (!ct_si_seg_feasible(s, psi) ||
                    (s->fam == CT_SEG_POISSON &&
                     !ct_si_seg_mle_exists(s, psi, s->k, NULL)))
                    psi[j] = keep;
            }
    fs = ct_si_seg_feasible_side(s, psi);
    s->side = fs > 0 ? (unsigned)(fs - 1) : 0u;
}

/* Poisson: a break at the boundary of the region where the fit exists
 * (the deviance decreasing towards a break that would separate a run of
 * zeros) leaves a segment slope running to infinity: find which */
static void flag_boundary(struct seg *s, ct_segmented_result *out,
                          const double *psi)
{
    const double *t = s->t;
    size_t n = s->n, i;
    int j, k = s->k;

    for (j = 0; j <= MAXK; j++)
        out->slope_estimable[j] = j <= k;
    for (j = 0; j < MAXK; j++)
        out->psi_estimable[j] = j < k;
    if (s->fam != CT_SEG_POISSON)
        return;
    for (j = 0; j < k; j++) {
        size_t near = 0;
        double dmin = CT_INF, gap;
        for (i = 0; i < n; i++)
            if (fabs(t[i] - psi[j]) < dmin) {
                dmin = fabs(t[i] - psi[j]);
                near = i;
            }
        gap = near + 1 < n ? t[near + 1] - t[near] : t[near] - t[near - 1];
        if (dmin > 0 && dmin < 1e-4 * gap) {
            double alt[MAXK];
            int bad[MAXK + 1], m;
            memcpy(alt, psi, sizeof alt);
            alt[j] = t[near];
            if (!ct_si_seg_mle_exists(s, alt, k, bad)) {
                for (m = 0; m <= k; m++)
                    if (bad[m])
                        out->slope_estimable[m] = 0;
                out->psi_estimable[j] = 0;
            }
        }
    }
}

/* final hinge fit at psi-hat (beta, its p columns, objective obj). Poisson
 * near a limit of the fit: the general IRLS (convergence in eta) may not
 * settle while the deviance has; the search's fit then stands, and the
 * checks of flag_limits flag it */
static int fit_final(struct seg *s, const double *psi, double *beta,
                     size_t *p, double *obj, ct_error *err)
{
    size_t n = s->n;
    int rc;

    *p = ct_si_seg_build(s, psi, 0, NULL);
    rc = ct_si_seg_fit(s, *p, beta, NULL, obj, err);
    if (rc != CT_OK && s->fam == CT_SEG_POISSON) {
        if (ct_si_seg_pois_fast(s->X, n, *p, s->y, s->mu, obj, 0) == 0 &&
            ct_si_wls(s->X, n, *p, NULL, s->mu, beta, NULL, NULL,
                      ct_si_seg_what(s), NULL) == CT_OK)
            rc = CT_OK;
        *p = ct_si_seg_build(s, psi, 0, NULL);
    }
    if (rc != CT_OK)
        return rc;
    if (s->fam == CT_SEG_GAUSSIAN &&
        !(*obj > 1e-20 * (double)n * s->ymax * s->ymax))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the segmented line fits exactly: standard "
                            "errors are undefined", ct_si_seg_what(s));
    return CT_OK;
}

static void flag_limits(const struct seg *s, ct_segmented_result *out,
                        const double *psi, const double *beta)
{
    const double *t = s->t;
    size_t n = s->n;
    int j, k = s->k;

    /* Poisson: a segment whose fitted mean changes by a factor above e^30
     * (1e13) within it is a slope on its way to infinity: the optimum is at
     * the limit of the region where the fit exists, short of it only by
     * the iterations' reach. Its slope, and the SEs of the breaks that
     * bound it, are not estimable. */
    if (s->fam == CT_SEG_POISSON)
        for (j = 0; j <= k; j++) {
            double from = j == 0 ? t[0] : psi[j - 1],
                   to = j == k ? t[n - 1] : psi[j], sl = beta[1];
            int m;
            for (m = 0; m < j; m++)
                sl += beta[2 + m];
            if (fabs(sl) * (to - from) > 30) {
                out->slope_estimable[j] = 0;
                if (j > 0)
                    out->psi_estimable[j - 1] = 0;
                if (j < k)
                    out->psi_estimable[j] = 0;
            }
        }
    /* a change of slope of zero (to rounding) leaves the breakpoint
     * unidentified: its SE would be infinite */
    for (j = 0; j < k; j++)
        if (!(fabs(beta[2 + j]) > 1e-9 * (fabs(beta[1]) + fabs(beta[2 + j]))))
            out->psi_estimable[j] = 0;
}

int ct_stats_segmented(ct_segmented_result *out, const double *t,
                       const double *y, size_t n,
                       const ct_segmented_options *opt, ct_error *err)
{
    static const ct_segmented_options defaults = CT_SEGMENTED_OPTIONS_INIT;
    struct seg s;
    double psi[MAXK], beta[MAXP], obj, dev0;
    size_t p;
    int j, rc, exact;

    if (opt == NULL)
        opt = &defaults;
    rc = check_options(opt, t, y, n, err);
    if (rc != CT_OK)
        return rc;
    memset(&s, 0, sizeof s);
    rc = setup(&s, t, y, n, opt, err);
    if (rc == CT_OK)
        rc = fit_linear(&s, out, &dev0, err);
    exact = opt->search == CT_SEG_SEARCH_EXACT ||
            (opt->search != CT_SEG_SEARCH_FAST &&
             n <= CT_SEG_EXACT_MAX(s.fam, s.k));
    if (rc == CT_OK)
        rc = exact ? ct_si_seg_search(&s, psi, err)
                   : ct_si_seg_search_fast(&s, psi, err);
    if (rc != CT_OK)
        goto done;
    snap_breaks(&s, psi);
    flag_boundary(&s, out, psi);
    rc = fit_final(&s, psi, beta, &p, &obj, err);
    if (rc != CT_OK)
        goto done;
    flag_limits(&s, out, psi, beta);
    rc = ct_si_seg_infer(&s, out, psi, beta, p, obj, err);
    if (rc != CT_OK)
        goto done;
    out->family = s.fam;
    out->n_breaks = s.k;
    out->n = n;
    out->level = opt->level;
    out->objective = obj;
    out->objective_linear = dev0;
    out->evaluations = s.evals;
    out->gaps_searched = s.gaps;
    out->exact = exact;
    out->davies_used = 0;
    out->davies_skipped = 0;
    rc = ct_si_seg_davies(&s, opt->davies_k, dev0, &out->davies_p,
                          &out->davies_psi, &out->davies_used,
                          &out->davies_skipped, err);
done:
    for (j = 0; j < 6; j++)
        free(s.pre[j]);
    free(s.fastP);
    free(s.mu);
    free(s.X);
    return rc;
}
