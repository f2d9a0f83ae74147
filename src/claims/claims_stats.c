/* SPDX-License-Identifier: MIT
 * claims_stats.c - the few statistics claims need beyond stats.h: a
 * Poisson GLM with a year x group interaction (IRLS on GSL), the Wilcoxon
 * rank-sum test and the exact test of two Poisson counts.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "claims/claims_internal.h"

static int enough(const double *t, const double *y, size_t n)
{
    size_t i;
    double t0 = NAN;
    for (i = 0; i < n; i++)
        if (y[i] > 0) {
            if (isnan(t0))
                t0 = t[i];
            else if (t[i] != t0)
                return 1;
        }
    return 0;
}

/* The result from the converged fit (coefficients b, covariance cov of
 * the centred model, t centred at tc): back-transformed coefficients,
 * dispersion, quasi-Poisson choice, Wald test and interval of b3. */
static void interaction_result(ct_claims_interaction *out,
                               const gsl_vector *b, const gsl_matrix *cov,
                               size_t m, double dev, double pearson,
                               double tc, double level, double disp_quasi)
{
    size_t j;
    double q;

    out->n = m;
    out->deviance = dev;
    out->dispersion = m > 4 ? pearson / (double)(m - 4) : (double)NAN;
    for (j = 0; j < 4; j++) {
        out->beta[j] = gsl_vector_get(b, j);
        out->se[j] = sqrt(gsl_matrix_get(cov, j, j));
    }
    out->beta[0] -= out->beta[1] * tc; /* back to t = 0 */
    out->beta[2] -= out->beta[3] * tc;
    out->quasi = out->dispersion > disp_quasi;
    {
        double se = out->se[3] * (out->quasi ? sqrt(out->dispersion) : 1.0);
        double df = (double)m - 4;
        out->z = out->beta[3] / se;
        if (out->quasi) {
            out->p = 2 * gsl_cdf_tdist_Q(fabs(out->z), df);
            q = gsl_cdf_tdist_Pinv(0.5 + level / 2, df);
        } else {
            out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->z));
            q = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
        }
        out->ci[0] = out->beta[3] - q * se;
        out->ci[1] = out->beta[3] + q * se;
    }
}

int ct_claims_interaction_fit(ct_claims_interaction *out, const double *t,
                              const double *y_named, const double *y_rest,
                              size_t n, double level, double disp_quasi,
                              ct_error *err)
{
    size_t m = 2 * n, i, j;
    gsl_matrix *X = NULL, *cov = NULL;
    gsl_vector *z = NULL, *w = NULL, *b = NULL, *mu = NULL, *y = NULL;
    gsl_multifit_linear_workspace *ws = NULL;
    double tc = 0, dev = 0, dev_old = INFINITY, chi2, pearson = 0;
    int it, rc = CT_OK, status;

    memset(out, 0, sizeof *out);
    if (n < 3)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "interaction: need at least 3 years, got %zu", n);
    for (i = 0; i < n; i++) {
        if (!(y_named[i] >= 0) || !(y_rest[i] >= 0) || !isfinite(t[i]))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "interaction: counts must be finite and >= 0");
        tc += t[i] / (double)n;
    }
    if (!enough(t, y_named, n))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "interaction: the named groups have fewer than two years with conflicts (no estimate exists)");
    if (!enough(t, y_rest, n))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "interaction: the other groups have fewer than two years with conflicts (no estimate exists)");
    X = gsl_matrix_alloc(m, 4);
    cov = gsl_matrix_alloc(4, 4);
    z = gsl_vector_alloc(m);
    w = gsl_vector_alloc(m);
    b = gsl_vector_alloc(4);
    mu = gsl_vector_alloc(m);
    y = gsl_vector_alloc(m);
    ws = gsl_multifit_linear_alloc(m, 4);
    if (!X || !cov || !z || !w || !b || !mu || !y || !ws) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < m; i++) {
        double tt = t[i % n] - tc, g = i < n ? 1.0 : 0.0;
        double yy = i < n ? y_named[i] : y_rest[i - n];
        gsl_matrix_set(X, i, 0, 1.0);
        gsl_matrix_set(X, i, 1, tt);
        gsl_matrix_set(X, i, 2, g);
        gsl_matrix_set(X, i, 3, tt * g);
        gsl_vector_set(y, i, yy);
        gsl_vector_set(mu, i, yy + 0.1); /* R's mustart for poisson */
    }
    for (it = 1; it <= 100; it++) {
        for (i = 0; i < m; i++) {
            double mi = gsl_vector_get(mu, i), yi = gsl_vector_get(y, i);
            gsl_vector_set(z, i, log(mi) + (yi - mi) / mi);
            gsl_vector_set(w, i, mi);
        }
        status = gsl_multifit_wlinear(X, w, z, b, cov, &chi2, ws);
        if (status != GSL_SUCCESS) {
            rc = ct_error_set(err, CT_EDOMAIN, NULL, 0, "interaction: %s",
                              gsl_strerror(status));
            goto done;
        }
        dev = 0;
        for (i = 0; i < m; i++) {
            double eta = 0, yi = gsl_vector_get(y, i), mi;
            for (j = 0; j < 4; j++)
                eta += gsl_matrix_get(X, i, j) * gsl_vector_get(b, j);
            if (eta > 700) {
                rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                  "interaction: the fit diverges");
                goto done;
            }
            mi = exp(eta);
            gsl_vector_set(mu, i, mi);
            dev += 2 * ((yi > 0 ? yi * log(yi / mi) : 0) - (yi - mi));
        }
        out->iterations = it;
        if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < 1e-10)
            break;
        dev_old = dev;
    }
    /* covariance at the converged weights */
    for (i = 0; i < m; i++)
        gsl_vector_set(w, i, gsl_vector_get(mu, i));
    for (i = 0; i < m; i++) {
        double mi = gsl_vector_get(mu, i), yi = gsl_vector_get(y, i);
        gsl_vector_set(z, i, log(mi) + (yi - mi) / mi);
        pearson += (yi - mi) * (yi - mi) / mi;
    }
    gsl_multifit_wlinear(X, w, z, b, cov, &chi2, ws);
    interaction_result(out, b, cov, m, dev, pearson, tc, level,
                       disp_quasi);
done:
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(z);
    gsl_vector_free(w);
    gsl_vector_free(b);
    gsl_vector_free(mu);
    gsl_vector_free(y);
    if (ws)
        gsl_multifit_linear_free(ws);
    return rc;
}

typedef struct ranked { double v; int grp; double rank; } ranked;

static int ranked_cmp(const void *a, const void *b)
{
    double x = ((const ranked *)a)->v, y = ((const ranked *)b)->v;
    return x < y ? -1 : x > y;
}

int ct_claims_wilcoxon(double *p, const double *a, size_t na,
                       const double *b, size_t nb, ct_error *err)
{
    size_t N = na + nb, i, j;
    ranked *r;
    double W = 0, ties = 0, mean, var, zz, corr;

    *p = NAN;
    if (na < 1 || nb < 1)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "rank-sum test: each period needs a value");
    if ((r = malloc(N * sizeof *r)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < N; i++) {
        r[i].v = i < na ? a[i] : b[i - na];
        r[i].grp = i >= na;
    }
    qsort(r, N, sizeof *r, ranked_cmp);
    for (i = 0; i < N; i = j) {
        double tn;
        for (j = i; j < N && r[j].v == r[i].v; j++)
            ;
        tn = (double)(j - i);
        ties += tn * tn * tn - tn;
        for (size_t k = i; k < j; k++)
            r[k].rank = (double)(i + j + 1) / 2.0;
    }
    for (i = 0; i < N; i++)
        if (r[i].grp)
            W += r[i].rank;
    free(r);
    W -= (double)nb * (double)(nb + 1) / 2.0;
    mean = (double)na * (double)nb / 2.0;
    var = (double)na * (double)nb / 12.0 *
          ((double)(N + 1) - ties / ((double)N * (double)(N - 1)));
    if (!(var > 0))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "rank-sum test: all values are equal");
    zz = W - mean;
    corr = zz > 0 ? 0.5 : zz < 0 ? -0.5 : 0;
    zz = (zz - corr) / sqrt(var);
    *p = 2 * fmin(gsl_cdf_ugaussian_P(zz), gsl_cdf_ugaussian_Q(zz));
    if (*p > 1)
        *p = 1;
    return CT_OK;
}

int ct_claims_poisson2(double *ratio, double ci[2], double *p, double x_a,
                       double x_b, double level, ct_error *err)
{
    unsigned nn, x;
    double lo, hi, a = 1 - level, pl, pu;

    if (!(x_a >= 0) || !(x_b >= 0) || x_a != floor(x_a) ||
        x_b != floor(x_b) || x_a + x_b == 0 || x_a + x_b > 4e9)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "exact test: need whole counts, not both 0");
    nn = (unsigned)(x_a + x_b);
    x = (unsigned)x_b;
    *ratio = x_a > 0 ? x_b / x_a : (double)INFINITY;
    lo = x == 0 ? 0 : gsl_cdf_beta_Pinv(a / 2, x, nn - x + 1);
    hi = x == nn ? 1 : gsl_cdf_beta_Pinv(1 - a / 2, x + 1, nn - x);
    ci[0] = lo / (1 - lo);
    ci[1] = hi < 1 ? hi / (1 - hi) : (double)INFINITY;
    /* binom.test at p = 1/2 is symmetric: twice the smaller tail */
    pl = gsl_cdf_binomial_P(x, 0.5, nn);
    pu = x == 0 ? 1.0 : gsl_cdf_binomial_Q(x - 1, 0.5, nn);
    *p = fmin(1.0, 2 * fmin(pl, pu));
    return CT_OK;
}
