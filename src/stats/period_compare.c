/* SPDX-License-Identifier: MIT
 * compare.c - two periods compared: exact conditional test of the ratio of
 * their annual rates (as R poisson.test) and Welch's test of the difference
 * of their means (ct_stats_compare).
 */
#include "stats/stats_internal.h"

#include <limits.h>
#include <math.h>

#include <gsl/gsl_sf_gamma.h>

/* ------------------------------------------------ exact binomial law ---
 * GSL's incomplete beta function (behind gsl_cdf_beta_Pinv and
 * gsl_cdf_binomial_P) returns NaN or does not return for large parameters
 * near the mean (e.g. x = 5000 of N = 10000), so the binomial law is computed
 * here: the probability function by Loader's (2000) saddle-point expansion
 * ("Fast and accurate computation of binomial probabilities"; the method of
 * R's dbinom), tails by summing it outwards from x with the term ratio, and
 * the Clopper-Pearson limits by a bracketed root search on the tails. Stable
 * for any N up to 2^32. */

#define LN_SQRT_2PI 0.918938533204672741780329736406

/* log(n!) - [(n + 1/2) log n - n + log sqrt(2 pi)] */
static double stirlerr(double n)
{
    const double S0 = 1.0 / 12, S1 = 1.0 / 360, S2 = 1.0 / 1260,
                 S3 = 1.0 / 1680, S4 = 1.0 / 1188;
    double nn = n * n;

    if (n <= 15)
        return gsl_sf_lngamma(n + 1) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
    if (n > 500)
        return (S0 - S1 / nn) / n;
    if (n > 80)
        return (S0 - (S1 - S2 / nn) / nn) / n;
    if (n > 35)
        return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
    return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/* x log(x/np) + np - x without cancellation */
static double bd0(double x, double np)
{
    if (fabs(x - np) < 0.1 * (x + np)) {
        double v = (x - np) / (x + np), s = (x - np) * v, ej = 2 * x * v;
        int j;
        v *= v;
        for (j = 1; j < 1000; j++) {
            double s1;
            ej *= v;
            s1 = s + ej / (2 * j + 1);
            if (s1 == s)
                return s1;
            s = s1;
        }
        return s;
    }
    return x * log(x / np) + np - x;
}

/* log P(X = x), X ~ Binomial(N, p), 0 < p < 1, 0 <= x <= N */
static double binom_logpdf(double x, double N, double p)
{
    double q = 1 - p;

    if (x == 0)
        return p < 0.1 ? -bd0(N, N * q) - N * p : N * log1p(-p);
    if (x == N)
        return q < 0.1 ? -bd0(N, N * p) - N * q : N * log(p);
    return stirlerr(N) - stirlerr(x) - stirlerr(N - x) - bd0(x, N * p) -
           bd0(N - x, N * q) -
           0.5 * (2 * LN_SQRT_2PI + log(x) + log1p(-x / N));
}

/* P(X >= x) summed from x upwards (upper = 1) or P(X <= x) from x downwards
 * (upper = 0); each term from the previous by the ratio of probabilities */
static double binom_tail_sum(double x, double N, double p, int upper)
{
    double r = p / (1 - p), term = exp(binom_logpdf(x, N, p)), sum = 0, i;

    if (term == 0) /* beyond double range: the tail is below 1e-308 */
        return 0;
    for (i = x;;) {
        sum += term;
        if (upper) {
            if (i >= N)
                break;
            term *= (N - i) / (i + 1) * r;
            i += 1;
        } else {
            if (i <= 0)
                break;
            term *= i / (N - i + 1) / r;
            i -= 1;
        }
        if (term < sum * 1e-17)
            break;
    }
    return sum < 1 ? sum : 1;
}

/* P(X <= x): summed over the side that does not cross the mode */
static double binom_cdf(double x, double N, double p)
{
    if (x < 0)
        return 0;
    if (x >= N)
        return 1;
    if (x <= N * p)
        return binom_tail_sum(x, N, p, 0);
    return 1 - binom_tail_sum(x + 1, N, p, 1);
}

/* P(X >= x) */
static double binom_sf(double x, double N, double p)
{
    if (x <= 0)
        return 1;
    if (x > N)
        return 0;
    if (x >= N * p)
        return binom_tail_sum(x, N, p, 1);
    return 1 - binom_tail_sum(x - 1, N, p, 0);
}

/* Clopper-Pearson (1934) limit: the p in (0, 1) with P(X >= x | p) = a
 * (lower = 1; this is qbeta(a, x, N - x + 1)) or P(X <= x | p) = a (lower =
 * 0; qbeta(1 - a, x + 1, N - x)). Both tails are monotone in p, so
 * bisection on [0, 1], finished when the bracket is 1e-15 of its midpoint
 * (about 55 steps), cannot fail. */
static double clopper_pearson(double x, double N, double a, int lower)
{
    double lo = 0, hi = 1;
    int it;

    for (it = 0; it < 2000; it++) {
        double mid = 0.5 * (lo + hi), f;
        if (hi - lo <= 1e-15 * mid || mid == lo || mid == hi)
            break;
        f = lower ? binom_sf(x, N, mid) - a : a - binom_cdf(x, N, mid);
        /* both differences increase with p */
        if (f > 0)
            hi = mid;
        else
            lo = mid;
    }
    return 0.5 * (lo + hi);
}

/* Two-sided exact binomial p-value of x successes in N trials under p0, by
 * the "probabilities not larger than the observed one" rule with R's
 * relative tolerance 1 + 1e-7 (R binom.test; Hollander & Wolfe 1999). The
 * probabilities decrease away from the mode, so the count of those on the
 * other side is found by bisection. */
static double binom_p2(double x, double N, double p0)
{
    const double lrel = log1p(1e-7);
    double ld = binom_logpdf(x, N, p0), m = N * p0, pv, lo, hi;

    if (x == m)
        return 1;
    if (x < m) {
        /* smallest i >= ceil(m) with pdf(i) <= d rel; pdf decreases there */
        lo = ceil(m);
        hi = N + 1; /* sentinel: none */
        if (binom_logpdf(lo, N, p0) <= ld + lrel) {
            hi = lo;
        } else {
            while (hi - lo > 1) {
                double mid = floor(0.5 * (lo + hi));
                if (binom_logpdf(mid, N, p0) <= ld + lrel)
                    hi = mid;
                else
                    lo = mid;
            }
        }
        /* P(X <= x) + P(X >= hi) */
        pv = binom_cdf(x, N, p0) + (hi <= N ? binom_sf(hi, N, p0) : 0);
    } else {
        /* largest i <= floor(m) with pdf(i) <= d rel; pdf increases there */
        hi = floor(m);
        lo = -1; /* sentinel: none */
        if (binom_logpdf(hi, N, p0) <= ld + lrel) {
            lo = hi;
        } else {
            while (hi - lo > 1) {
                double mid = floor(0.5 * (lo + hi));
                if (mid < 0)
                    break;
                if (binom_logpdf(mid, N, p0) <= ld + lrel)
                    lo = mid;
                else
                    hi = mid;
            }
        }
        /* P(X <= lo) + P(X >= x) */
        pv = (lo >= 0 ? binom_cdf(lo, N, p0) : 0) + binom_sf(x, N, p0);
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
        double x = sb, N = sa + sb;
        out->rate_ratio_p = binom_p2(x, N, p0);
        pl = x == 0 ? 0 : clopper_pearson(x, N, alpha / 2, 1);
        pu = x == N ? 1 : clopper_pearson(x, N, alpha / 2, 0);
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
