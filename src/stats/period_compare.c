/* SPDX-License-Identifier: MIT
 * compare.c - two periods compared: exact conditional test of the ratio of
 * their annual rates (as R poisson.test) and Welch's test of the difference
 * of their means (ct_stats_compare).
 */
#include "stats/stats_internal.h"

#include <limits.h>
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

/* Two-sided exact binomial p-value of x successes in N trials under p0, by
 * the "probabilities not larger than the observed one" rule with R's
 * relative tolerance 1 + 1e-7 (R binom.test; Hollander & Wolfe 1999). */
static double binom_p2(unsigned x, unsigned N, double p0)
{
    const double rel = 1 + 1e-7;
    double d = gsl_ran_binomial_pdf(x, p0, N), m = (double)N * p0, pv;
    unsigned i, cnt = 0;

    if ((double)x == m)
        return 1;
    if ((double)x < m) {
        for (i = (unsigned)ceil(m); i <= N; i++) {
            if (gsl_ran_binomial_pdf(i, p0, N) <= d * rel)
                cnt++;
            if (i == N)
                break;
        }
        /* P(X <= x) + P(X > N - cnt) */
        pv = gsl_cdf_binomial_P(x, p0, N) +
             (cnt > 0 ? gsl_cdf_binomial_Q(N - cnt, p0, N) : 0);
    } else {
        for (i = 0; (double)i <= floor(m); i++)
            if (gsl_ran_binomial_pdf(i, p0, N) <= d * rel)
                cnt++;
        /* P(X <= cnt - 1) + P(X >= x) */
        pv = (cnt > 0 ? gsl_cdf_binomial_P(cnt - 1, p0, N) : 0) +
             gsl_cdf_binomial_Q(x - 1, p0, N);
    }
    return pv < 1 ? pv : 1;
}

int ct_stats_compare(ct_compare_result *out, const double *t, const double *y,
                     size_t n, double a_from, double a_to, double b_from,
                     double b_to, const ct_compare_options *opt,
                     ct_error *err)
{
    static const ct_compare_options defaults = CT_COMPARE_OPTIONS_INIT;
    double sa = 0, sb = 0, ssa = 0, ssb = 0, va, vb, se, alpha, p0, pl, pu;
    size_t i, na = 0, nb = 0;
    int rc;

    if (opt == NULL)
        opt = &defaults;
    rc = ct_si_check_common("compare", opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    if (!isfinite(a_from) || !isfinite(a_to) || !isfinite(b_from) ||
        !isfinite(b_to) || a_from > a_to || b_from > b_to)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "compare: each period needs from <= to, got "
                            "%g-%g and %g-%g", a_from, a_to, b_from, b_to);
    rc = ct_si_check_series("compare", t, y, n, 0,
                            CT_SI_COUNTS | CT_SI_INTEGER, err);
    if (rc != CT_OK)
        return rc;
    for (i = 0; i < n; i++) {
        if (t[i] >= a_from && t[i] <= a_to) {
            na++;
            sa += y[i];
        }
        if (t[i] >= b_from && t[i] <= b_to) {
            nb++;
            sb += y[i];
        }
    }
    if (na < 2 || nb < 2)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "compare: each period needs at least 2 "
                            "observations, got %zu in %g-%g and %zu in %g-%g",
                            na, a_from, a_to, nb, b_from, b_to);
    if (sa + sb == 0)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "compare: both periods have zero events: the "
                            "rate ratio is undefined");
    if (sa + sb > (double)UINT_MAX)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "compare: at most %u events in the two periods "
                            "together, got %.0f", UINT_MAX, sa + sb);
    out->level = opt->level;
    out->a_from = a_from;
    out->a_to = a_to;
    out->b_from = b_from;
    out->b_to = b_to;
    out->n_a = na;
    out->n_b = nb;
    out->total_a = sa;
    out->total_b = sb;
    out->years_a = (double)na / opt->periods_per_year;
    out->years_b = (double)nb / opt->periods_per_year;
    out->mean_a = sa / (double)na;
    out->mean_b = sb / (double)nb;
    out->rate_a = sa / out->years_a;
    out->rate_b = sb / out->years_b;
    out->rate_ratio = out->rate_b / out->rate_a; /* inf when sa = 0 */

    /* Conditional on the total, X_b ~ Binomial(N, p0), p0 = T_b/(T_a+T_b)
     * under equal rates; the ratio is p/(1-p) T_a/T_b, and its CI maps the
     * Clopper-Pearson (1934) interval of p (R poisson.test). */
    alpha = 1 - opt->level;
    p0 = out->years_b / (out->years_a + out->years_b);
    {
        unsigned x = (unsigned)sb, N = (unsigned)(sa + sb);
        out->rate_ratio_p = binom_p2(x, N, p0);
        pl = x == 0 ? 0 : gsl_cdf_beta_Pinv(alpha / 2, (double)x,
                                            (double)(N - x) + 1);
        pu = x == N ? 1 : gsl_cdf_beta_Pinv(1 - alpha / 2, (double)x + 1,
                                            (double)(N - x));
        if (isnan(pl) || isnan(pu))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "compare: the exact interval could not be "
                                "computed");
        out->rate_ratio_ci[0] = pl / (1 - pl) * out->years_a / out->years_b;
        out->rate_ratio_ci[1] =
            pu >= 1 ? CT_INF : pu / (1 - pu) * out->years_a / out->years_b;
    }

    /* Welch (1947): t = (mb - ma)/sqrt(va/na + vb/nb) with the
     * Welch-Satterthwaite df */
    for (i = 0; i < n; i++) {
        if (t[i] >= a_from && t[i] <= a_to)
            ssa += (y[i] - out->mean_a) * (y[i] - out->mean_a);
        if (t[i] >= b_from && t[i] <= b_to)
            ssb += (y[i] - out->mean_b) * (y[i] - out->mean_b);
    }
    va = ssa / (double)(na - 1) / (double)na;
    vb = ssb / (double)(nb - 1) / (double)nb;
    se = sqrt(va + vb);
    out->mean_diff = out->mean_b - out->mean_a;
    if (se > 0) {
        double q;
        out->welch_df = (va + vb) * (va + vb) /
                        (va * va / (double)(na - 1) + vb * vb / (double)(nb - 1));
        out->welch_t = out->mean_diff / se;
        out->welch_p = ct_si_p_t2(out->welch_t, out->welch_df);
        q = ct_si_q_t(alpha / 2, out->welch_df);
        out->mean_diff_ci[0] = out->mean_diff - q * se;
        out->mean_diff_ci[1] = out->mean_diff + q * se;
    } else {
        out->welch_df = out->welch_t = out->welch_p = CT_NAN;
        out->mean_diff_ci[0] = out->mean_diff_ci[1] = CT_NAN;
    }
    return CT_OK;
}
