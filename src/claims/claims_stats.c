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

/* Scratch of cl_interaction_fit for up to 2 n_max observations: GSL
 * objects are views of these arrays, laid out as gsl_*_alloc would lay
 * them out for the actual size, so the numbers do not depend on n_max. */
struct cl_iws {
    size_t m_max;            /* 2 n_max                                    */
    double *X;               /* m_max x 4                                  */
    double *z, *w, *mu, *y;  /* m_max each                                 */
    double b[4], cov[16];
    gsl_multifit_linear_workspace *mf;
};

cl_iws *cl_iws_alloc(size_t n_max)
{
    cl_iws *w;
    size_t m = 2 * n_max;

    if (n_max < 3 || (w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    w->m_max = m;
    w->X = malloc(4 * m * sizeof *w->X);
    w->z = malloc(m * sizeof *w->z);
    w->w = malloc(m * sizeof *w->w);
    w->mu = malloc(m * sizeof *w->mu);
    w->y = malloc(m * sizeof *w->y);
    w->mf = gsl_multifit_linear_alloc(m, 4);
    if (!w->X || !w->z || !w->w || !w->mu || !w->y || !w->mf) {
        cl_iws_free(w);
        return NULL;
    }
    return w;
}

void cl_iws_free(cl_iws *w)
{
    if (w == NULL)
        return;
    free(w->X);
    free(w->z);
    free(w->w);
    free(w->mu);
    free(w->y);
    if (w->mf)
        gsl_multifit_linear_free(w->mf);
    free(w);
}

/* Argument checks; *tc receives the mean of t. */
static int interaction_check(const double *t, const double *y_named,
                             const double *y_rest, size_t n, double *tc,
                             ct_error *err)
{
    size_t i;

    *tc = 0;
    if (n < 3)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "interaction: need at least 3 years, got %zu", n);
    for (i = 0; i < n; i++) {
        if (!(y_named[i] >= 0) || !(y_rest[i] >= 0) || !isfinite(t[i]))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "interaction: counts must be finite and >= 0");
        *tc += t[i] / (double)n;
    }
    if (!enough(t, y_named, n))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "interaction: the named groups have fewer than two years with conflicts (no estimate exists)");
    if (!enough(t, y_rest, n))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "interaction: the other groups have fewer than two years with conflicts (no estimate exists)");
    return CT_OK;
}

int cl_interaction_fit(ct_claims_interaction *out, const double *t,
                       const double *y_named, const double *y_rest, size_t n,
                       double level, double disp_quasi, cl_iws *ws,
                       ct_error *err)
{
    size_t m = 2 * n, i, j;
    double tc, dev = 0, dev_old = INFINITY, chi2, pearson = 0;
    int it, rc, status;

    memset(out, 0, sizeof *out);
    if ((rc = interaction_check(t, y_named, y_rest, n, &tc, err)) != CT_OK)
        return rc;
    if (m > ws->m_max)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "interaction: %zu years exceed the workspace",
                            n);
    gsl_matrix_view X = gsl_matrix_view_array(ws->X, m, 4);
    gsl_matrix_view cov = gsl_matrix_view_array(ws->cov, 4, 4);
    gsl_vector_view z = gsl_vector_view_array(ws->z, m);
    gsl_vector_view w = gsl_vector_view_array(ws->w, m);
    gsl_vector_view b = gsl_vector_view_array(ws->b, 4);
    double *mu = ws->mu, *y = ws->y;
    for (i = 0; i < m; i++) {
        double tt = t[i % n] - tc, g = i < n ? 1.0 : 0.0;
        double yy = i < n ? y_named[i] : y_rest[i - n];
        ws->X[4 * i] = 1.0;
        ws->X[4 * i + 1] = tt;
        ws->X[4 * i + 2] = g;
        ws->X[4 * i + 3] = tt * g;
        y[i] = yy;
        mu[i] = yy + 0.1; /* R's mustart for poisson */
    }
    for (it = 1; it <= 100; it++) {
        for (i = 0; i < m; i++) {
            ws->z[i] = log(mu[i]) + (y[i] - mu[i]) / mu[i];
            ws->w[i] = mu[i];
        }
        status = gsl_multifit_wlinear(&X.matrix, &w.vector, &z.vector,
                                      &b.vector, &cov.matrix, &chi2, ws->mf);
        if (status != GSL_SUCCESS)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0, "interaction: %s",
                                gsl_strerror(status));
        dev = 0;
        for (i = 0; i < m; i++) {
            double eta = 0;
            for (j = 0; j < 4; j++)
                eta += ws->X[4 * i + j] * ws->b[j];
            if (eta > 700)
                return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                    "interaction: the fit diverges");
            mu[i] = exp(eta);
            dev += 2 * ((y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) -
                        (y[i] - mu[i]));
        }
        out->iterations = it;
        if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < 1e-10)
            break;
        dev_old = dev;
    }
    /* covariance at the converged weights */
    for (i = 0; i < m; i++) {
        ws->w[i] = mu[i];
        ws->z[i] = log(mu[i]) + (y[i] - mu[i]) / mu[i];
        pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / mu[i];
    }
    gsl_multifit_wlinear(&X.matrix, &w.vector, &z.vector, &b.vector,
                         &cov.matrix, &chi2, ws->mf);
    interaction_result(out, &b.vector, &cov.matrix, m, dev, pearson, tc,
                       level, disp_quasi);
    return CT_OK;
}

int ct_claims_interaction_fit(ct_claims_interaction *out, const double *t,
                              const double *y_named, const double *y_rest,
                              size_t n, double level, double disp_quasi,
                              ct_error *err)
{
    cl_iws *ws;
    double tc;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = interaction_check(t, y_named, y_rest, n, &tc, err)) != CT_OK)
        return rc;
    if ((ws = cl_iws_alloc(n)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    rc = cl_interaction_fit(out, t, y_named, y_rest, n, level, disp_quasi, ws,
                            err);
    cl_iws_free(ws);
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
