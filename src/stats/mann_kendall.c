/* SPDX-License-Identifier: MIT
 * mann_kendall.c - Mann-Kendall trend test with tie correction, the
 * Hamed-Rao autocorrelation correction, Kendall's tau and Sen's slope with
 * its confidence interval (ct_stats_mann_kendall).
 */
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

/* Sum over groups of tied values of g(g-1)(2g+5) and of g(g-1)/2, from a
 * sorted copy. */
static void tie_sums(const double *sorted, size_t n, double *var_term,
                     double *pairs)
{
    size_t i = 0;

    *var_term = 0;
    *pairs = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && sorted[j] == sorted[i])
            j++;
        if (j - i > 1) {
            double g = (double)(j - i);
            *var_term += g * (g - 1) * (2 * g + 5);
            *pairs += g * (g - 1) / 2;
        }
        i = j;
    }
}

/* Average ranks (1-based, ties share the mean rank, as R rank()); idx is
 * scratch for n indices. */
static void average_ranks(const double *x, size_t n, double *rank,
                          size_t *idx)
{
    size_t i = 0;

    gsl_sort_index(idx, x, 1, n);
    while (i < n) {
        size_t j = i + 1, k;
        while (j < n && x[idx[j]] == x[idx[i]])
            j++;
        for (k = i; k < j; k++)
            rank[idx[k]] = 0.5 * (double)(i + 1 + j);
        i = j;
    }
}

/* Order statistic at real rank r (1-based) of sorted d[0..N-1], linear
 * between neighbours, clamped to [1, N] (Gilbert 1987, 16.5). */
static double rank_value(const double *d, size_t N, double r)
{
    double lo;
    size_t k;

    if (r < 1)
        r = 1;
    if (r > (double)N)
        r = (double)N;
    lo = floor(r);
    k = (size_t)lo; /* 1-based */
    if (k >= N)
        return d[N - 1];
    return d[k - 1] + (r - lo) * (d[k] - d[k - 1]);
}

/* Scratch of ct_stats_mann_kendall_ws (stats.h, "Workspaces"). */
struct ct_mk_workspace {
    size_t n_max;
    double *slopes;          /* n_max (n_max - 1) / 2 pairwise slopes       */
    double *work, *rank;     /* n_max each                                  */
    size_t *idx;             /* n_max: the sort order of the ranks          */
};

ct_mk_workspace *ct_stats_mk_workspace_alloc(size_t n_max)
{
    ct_mk_workspace *w;

    if (n_max == 0 || n_max > CT_STATS_PAIRWISE_MAX ||
        (w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    w->n_max = n_max;
    w->slopes = malloc((n_max * (n_max - 1) / 2 + 1) * sizeof *w->slopes);
    w->work = malloc(n_max * sizeof *w->work);
    w->rank = malloc(n_max * sizeof *w->rank);
    w->idx = malloc(n_max * sizeof *w->idx);
    if (!w->slopes || !w->work || !w->rank || !w->idx) {
        ct_stats_mk_workspace_free(w);
        return NULL;
    }
    return w;
}

void ct_stats_mk_workspace_free(ct_mk_workspace *w)
{
    if (w == NULL)
        return;
    free(w->slopes);
    free(w->work);
    free(w->rank);
    free(w->idx);
    free(w);
}

/* Argument checks of ct_stats_mann_kendall. */
static int mk_check(const double *t, const double *y, size_t n,
                    const ct_mk_options *opt, const char *what,
                    ct_error *err)
{
    int rc;

    if (opt->correction != CT_MK_NONE && opt->correction != CT_MK_HAMED_RAO)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "mann-kendall: unknown correction %d",
                            (int)opt->correction);
    rc = ct_si_check_common(what, opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    if (opt->correction == CT_MK_HAMED_RAO &&
        !(opt->acf_level > 0 && opt->acf_level < 1))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "%s: the autocorrelation level must be between "
                            "0 and 1, got %g", what, opt->acf_level);
    rc = ct_si_check_series(what, t, y, n, 4, CT_SI_SORTED, err);
    if (rc != CT_OK)
        return rc;
    if (n > CT_STATS_PAIRWISE_MAX)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "%s: at most %d periods (pairwise slopes), got "
                            "%zu", what, CT_STATS_PAIRWISE_MAX, n);
    return CT_OK;
}

static const char *mk_name(const ct_mk_options *opt)
{
    return opt->correction == CT_MK_HAMED_RAO ? "mann-kendall (hamed-rao)"
                                              : "mann-kendall";
}

/* Hamed & Rao (1998): detrend with Sen's slope b, rank the residuals,
 * keep the rank autocorrelations r_k outside +-z/sqrt(n), and
 *   n/n* = 1 + 2/(n(n-1)(n-2)) sum_k (n-k)(n-k-1)(n-k-2) r_k.
 * r_k is the usual biased estimator c_k/c_0 with c_k =
 * (1/n) sum_{i=1}^{n-k} (R_i - Rbar)(R_{i+k} - Rbar) (as R acf). Returns the
 * estimated n/n*; out->significant_lags receives the lags used. */
static double hamed_rao(ct_mk_result *out, const double *t, const double *y,
                        size_t n, double b, const ct_mk_options *opt,
                        ct_mk_workspace *w)
{
    double rbar = 0, c0 = 0, sig, sum = 0, nd = (double)n;
    double *rank = w->rank;
    size_t i, lag, max_lag = opt->max_lag ? opt->max_lag : n - 1;

    if (max_lag > n - 1)
        max_lag = n - 1;
    for (i = 0; i < n; i++)
        w->work[i] = y[i] - b * t[i];
    average_ranks(w->work, n, rank, w->idx);
    for (i = 0; i < n; i++)
        rbar += rank[i];
    rbar /= nd;
    for (i = 0; i < n; i++)
        c0 += (rank[i] - rbar) * (rank[i] - rbar);
    sig = ct_si_q_norm((1 - opt->acf_level) / 2) / sqrt(nd);
    for (lag = 1; lag <= max_lag && c0 > 0; lag++) {
        double ck = 0, r, m = (double)(n - lag);
        for (i = 0; i + lag < n; i++)
            ck += (rank[i] - rbar) * (rank[i + lag] - rbar);
        r = ck / c0;
        if (fabs(r) > sig) {
            sum += m * (m - 1) * (m - 2) * r;
            out->significant_lags++;
        }
    }
    return 1 + 2 / (nd * (nd - 1) * (nd - 2)) * sum;
}

/* The test from S and its variance (out->var_S_used set), tau, and Sen's
 * slope b with its interval from the N sorted pairwise slopes, and the
 * intercept (work: n doubles of scratch). */
static void mk_finish(ct_mk_result *out, const double *t, const double *y,
                      size_t n, double b, double tie_pairs,
                      const double *slopes, size_t N,
                      const ct_mk_options *opt, double *work)
{
    double S = out->S, nd = (double)n, n0, C;
    size_t i;

    /* continuity correction: Z = (S - sign(S)) / sqrt(Var S) */
    if (S > 0)
        out->z = (S - 1) / sqrt(out->var_S_used);
    else if (S < 0)
        out->z = (S + 1) / sqrt(out->var_S_used);
    else
        out->z = 0;
    out->p_value = ct_si_p_norm2(out->z);
    /* tau-b = S / sqrt((n0 - n1)(n0 - n2)), n2 = 0 (t has no ties) */
    n0 = nd * (nd - 1) / 2;
    out->tau = S / sqrt(n0 * (n0 - tie_pairs));
    out->tau_a = S / n0;

    /* Sen (1968): C = z_{1-a/2} sqrt(Var S); limits at ranks M1 = (N - C)/2
     * and M2 + 1 = (N + C)/2 + 1 of the ordered slopes (Gilbert 1987, eq.
     * 16.6), interpolated between order statistics. */
    C = ct_si_q_norm((1 - opt->level) / 2) * sqrt(out->var_S_used);
    out->sen_slope = b * opt->periods_per_year;
    /* with few pairs the ranks fall outside 1..N and the limits are the
     * extreme pairwise slopes: the interval is then wider than stated */
    out->sen_ci_clamped =
        ((double)N - C) / 2 < 1 || ((double)N + C) / 2 + 1 > (double)N;
    out->sen_ci[0] = rank_value(slopes, N, ((double)N - C) / 2) *
                     opt->periods_per_year;
    out->sen_ci[1] = rank_value(slopes, N, ((double)N + C) / 2 + 1) *
                     opt->periods_per_year;
    /* intercept: median of y - b t (Conover 1980; Theil-Sen line) */
    for (i = 0; i < n; i++)
        work[i] = y[i] - b * t[i];
    out->sen_intercept = ct_si_median_inplace(work, n);
}

int ct_stats_mann_kendall_ws(ct_mk_result *out, const double *t,
                             const double *y, size_t n,
                             const ct_mk_options *opt, ct_mk_workspace *w,
                             ct_error *err)
{
    static const ct_mk_options defaults = CT_MK_OPTIONS_INIT;
    const char *what;
    double *slopes, S = 0, var_S, tie_var, tie_pairs, b, fac = 1, raw = 1;
    double nd = (double)n;
    size_t i, j, k, N;
    int rc;

    if (opt == NULL)
        opt = &defaults;
    what = mk_name(opt);
    if ((rc = mk_check(t, y, n, opt, what, err)) != CT_OK)
        return rc;
    rc = ct_si_check_ws(w != NULL, n, w ? w->n_max : 0, what, err);
    if (rc != CT_OK)
        return rc;
    slopes = w->slopes;
    N = n * (n - 1) / 2;

    /* S = sum_{i<j} sign(y_j - y_i) (Mann 1945); pairwise slopes per period
     * for Sen (t strictly increasing, so t_j > t_i). */
    for (i = 0, k = 0; i + 1 < n; i++)
        for (j = i + 1; j < n; j++, k++) {
            double d = y[j] - y[i];
            S += (d > 0) - (d < 0);
            slopes[k] = d / (t[j] - t[i]);
        }

    /* Var S = [n(n-1)(2n+5) - sum g(g-1)(2g+5)] / 18 over tie groups g of y
     * (Kendall 1975, eq. 4.4) */
    memcpy(w->work, y, n * sizeof *w->work);
    gsl_sort(w->work, 1, n);
    tie_sums(w->work, n, &tie_var, &tie_pairs);
    var_S = (nd * (nd - 1) * (2 * nd + 5) - tie_var) / 18;
    if (!(var_S > 0))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: all %zu values are equal (%g): there is no "
                            "trend to test", what, n, y[0]);

    b = ct_si_median_inplace(slopes, N); /* slopes now sorted */

    out->significant_lags = 0;
    out->correction_guarded = 0;
    if (opt->correction == CT_MK_HAMED_RAO) {
        raw = fac = hamed_rao(out, t, y, n, b, opt, w);
        /* Guard: with strong negative autocorrelations the estimated n/n*
         * can be <= 0, i.e. a negative variance (pyMannKendall issue #29
         * reports NaN there). Such an estimate carries no usable variance,
         * so the uncorrected Var S is used and the fact is reported. */
        out->correction_guarded = !(raw > 0);
        if (out->correction_guarded)
            fac = 1;
    }

    out->n = n;
    out->correction = opt->correction;
    out->level = opt->level;
    out->S = S;
    out->var_S = var_S;
    out->correction_raw = raw;
    out->correction_factor = fac;
    out->var_S_used = var_S * fac;
    mk_finish(out, t, y, n, b, tie_pairs, slopes, N, opt, w->work);
    return CT_OK;
}

int ct_stats_mann_kendall(ct_mk_result *out, const double *t, const double *y,
                          size_t n, const ct_mk_options *opt, ct_error *err)
{
    static const ct_mk_options defaults = CT_MK_OPTIONS_INIT;
    ct_mk_workspace *w;
    int rc;

    if (opt == NULL)
        opt = &defaults;
    if ((rc = mk_check(t, y, n, opt, mk_name(opt), err)) != CT_OK)
        return rc;
    if ((w = ct_stats_mk_workspace_alloc(n)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    rc = ct_stats_mann_kendall_ws(out, t, y, n, opt, w, err);
    ct_stats_mk_workspace_free(w);
    return rc;
}
