/* SPDX-License-Identifier: MIT
 * trend_ols.c - least-squares linear trend with classical and Newey-West
 * standard errors (ct_stats_ols).
 */
#include "stats/stats_internal.h"

#include <math.h>

/* Newey & West (1994) rule of thumb for the Bartlett kernel:
 * floor(4 (n/100)^(2/9)). */
static int nw_default_lag(size_t n)
{
    return (int)floor(4.0 * pow((double)n / 100.0, 2.0 / 9.0));
}

int ct_stats_ols(ct_ols_result *out, const double *t, const double *y,
                 size_t n, const ct_ols_options *opt, ct_error *err)
{
    static const ct_ols_options defaults = CT_OLS_OPTIONS_INIT;
    double tbar = 0, ybar = 0, sxx = 0, sxy = 0, syy = 0, rss = 0;
    double a, b, df, s2, q, meat, ppy;
    size_t i, j;
    int rc, lag;

    if (opt == NULL)
        opt = &defaults;
    rc = ct_si_check_common("ols", opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    rc = ct_si_check_series("ols", t, y, n, 3, 0, err);
    if (rc != CT_OK)
        return rc;
    ppy = opt->periods_per_year;

    /* Two-pass centred sums (as gsl_fit_linear): the textbook one-pass
     * formulas lose digits when t is a calendar year. */
    for (i = 0; i < n; i++) {
        tbar += t[i];
        ybar += y[i];
    }
    tbar /= (double)n;
    ybar /= (double)n;
    for (i = 0; i < n; i++) {
        double dt = t[i] - tbar, dy = y[i] - ybar;
        sxx += dt * dt;
        sxy += dt * dy;
        syy += dy * dy;
    }
    if (!(sxx > 0))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "ols: all %zu times are equal: no trend can be "
                            "fitted", n);
    b = sxy / sxx;
    a = ybar - b * tbar;
    for (i = 0; i < n; i++) {
        double e = y[i] - (ybar + b * (t[i] - tbar));
        rss += e * e;
    }
    if (!(rss > 0) || syy == 0) {
        if (syy == 0)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "ols: all %zu values are equal (%g): there "
                                "is no variation to fit", n, y[0]);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "ols: the values lie exactly on a line: the "
                            "residual variance is zero and standard errors "
                            "are undefined");
    }
    df = (double)n - 2;
    s2 = rss / df;

    out->n = n;
    out->df = df;
    out->level = opt->level;
    out->intercept = a;
    /* Var(a) = s^2 (1/n + tbar^2/Sxx), Var(b) = s^2 / Sxx (Draper & Smith
     * 1998, 1.4) */
    out->intercept_se = sqrt(s2 * (1.0 / (double)n + tbar * tbar / sxx));
    out->slope = b * ppy;
    out->slope_se = sqrt(s2 / sxx) * ppy;
    out->slope_t = out->slope / out->slope_se;
    out->p_value = ct_si_p_t2(out->slope_t, df);
    q = ct_si_q_t((1 - opt->level) / 2, df);
    out->slope_ci[0] = out->slope - q * out->slope_se;
    out->slope_ci[1] = out->slope + q * out->slope_se;
    out->r_squared = 1 - rss / syy;
    out->sigma = sqrt(s2);

    /* Newey & West (1987) HAC covariance with Bartlett weights
     * w_j = 1 - j/(L+1), no small-sample adjustment and no prewhitening
     * (sandwich::NeweyWest(lag = L, prewhite = FALSE, adjust = FALSE)). In
     * centred time, X'X is diagonal, so
     *   Var(b) = [sum e_i^2 c_i^2 + 2 sum_j w_j sum_i e_i e_{i-j} c_i c_{i-j}]
     *            / Sxx^2,  c_i = t_i - tbar. */
    if (opt->hac_lag == CT_HAC_LAG_AUTO)
        lag = nw_default_lag(n);
    else if (opt->hac_lag >= 0)
        lag = opt->hac_lag;
    else
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "ols: the Newey-West lag must be >= 0, got %d",
                            opt->hac_lag);
    if ((size_t)lag >= n)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "ols: the Newey-West lag (%d) must be smaller "
                            "than the number of periods (%zu)", lag, n);
    meat = 0;
    for (i = 0; i < n; i++) {
        double ci = t[i] - tbar;
        double ei = y[i] - (ybar + b * ci);
        meat += ei * ei * ci * ci;
    }
    for (j = 1; j <= (size_t)lag; j++) {
        double wj = 1.0 - (double)j / (double)(lag + 1), g = 0;
        for (i = j; i < n; i++) {
            double ci = t[i] - tbar, cj = t[i - j] - tbar;
            double ei = y[i] - (ybar + b * ci);
            double ej = y[i - j] - (ybar + b * cj);
            g += ei * ej * ci * cj;
        }
        meat += 2 * wj * g;
    }
    out->hac_lag = lag;
    if (!(meat > 0))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "ols: the Newey-West variance is not positive "
                            "(lag %d)", lag);
    out->slope_se_hac = sqrt(meat) / sxx * ppy;
    out->slope_t_hac = out->slope / out->slope_se_hac;
    out->p_value_hac = ct_si_p_t2(out->slope_t_hac, df);
    out->slope_ci_hac[0] = out->slope - q * out->slope_se_hac;
    out->slope_ci_hac[1] = out->slope + q * out->slope_se_hac;
    return CT_OK;
}
