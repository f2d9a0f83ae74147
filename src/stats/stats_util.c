/* SPDX-License-Identifier: MIT
 * stats_util.c - input checks, distribution helpers, weighted least squares
 * and the log-link IRLS shared by the count models and segmented regression.
 * Everything that calls GSL checks its status; GSL's error handler is assumed
 * off (the CLI and the tests turn it off), and preconditions are checked
 * before GSL is called so that GSL never sees arguments it would reject.
 */
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_vector.h>

int ct_si_check_common(const char *what, double level, double ppy,
                       ct_error *err)
{
    if (!(level > 0 && level < 1))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "%s: confidence level must be between 0 and 1, "
                            "got %g", what, level);
    if (!(ppy > 0) || !isfinite(ppy))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "%s: periods per year must be positive, got %g",
                            what, ppy);
    return CT_OK;
}

int ct_si_check_ws(int have, size_t n, size_t n_max, const char *what,
                   ct_error *err)
{
    if (!have)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "%s: no workspace",
                            what);
    if (n > n_max)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "%s: %zu periods exceed the workspace (%zu)",
                            what, n, n_max);
    return CT_OK;
}

int ct_si_check_series(const char *what, const double *t, const double *y,
                       size_t n, size_t min_n, unsigned flags, ct_error *err)
{
    size_t i;

    if (n < min_n)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: need at least %zu periods, got %zu", what,
                            min_n, n);
    if (n > 0 && (t == NULL || y == NULL))
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "%s: no data", what);
    for (i = 0; i < n; i++) {
        if (!isfinite(t[i]))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s: time %zu is not a finite number", what,
                                i + 1);
        if (!isfinite(y[i]))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s: value %zu (t = %g) is not a finite "
                                "number", what, i + 1, t[i]);
        if ((flags & CT_SI_SORTED) && i > 0 && !(t[i] > t[i - 1]))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s: times must be strictly increasing "
                                "(t = %g follows t = %g)", what, t[i],
                                t[i - 1]);
        if ((flags & CT_SI_COUNTS) && y[i] < 0)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s: counts must be non-negative, got %g at "
                                "t = %g", what, y[i], t[i]);
        if ((flags & CT_SI_INTEGER) && (y[i] != floor(y[i]) || y[i] > 9e15))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s: counts must be whole numbers, got %g at "
                                "t = %g", what, y[i], t[i]);
    }
    return CT_OK;
}

/* ------------------------------------------------------- distributions --- */

double ct_si_p_norm2(double z)
{
    if (isnan(z))
        return CT_NAN;
    return 2 * gsl_cdf_ugaussian_Q(fabs(z));
}

double ct_si_p_t2(double t, double df)
{
    if (isnan(t) || !(df > 0))
        return CT_NAN;
    return 2 * gsl_cdf_tdist_Q(fabs(t), df);
}

double ct_si_q_norm(double upper)
{
    return gsl_cdf_ugaussian_Qinv(upper);
}

double ct_si_q_t(double upper, double df)
{
    if (!(df > 0))
        return CT_NAN;
    return gsl_cdf_tdist_Qinv(upper, df);
}

/* ---------------------------------------------------- least squares --- */

/* Scratch of ct_si_wls_ws and ct_si_irls_ws. GSL's multifit workspace
 * serves any n <= n_max, p <= p_max (it works on views of its own
 * matrices); the design, weights and response are handed to GSL as views of
 * the caller's arrays, laid out exactly as gsl_matrix_alloc(n, p) would. */
struct ct_si_ws {
    size_t n_max, p_max;
    gsl_multifit_linear_workspace *mf;
    double *ones;            /* n_max ones: the weights when w is NULL     */
    double *cov, *c;         /* p_max^2 and p_max: GSL's outputs           */
    double *eta, *neta, *z, *w; /* IRLS, n_max each                        */
    double *nb;              /* IRLS, p_max: the step's coefficients       */
};

ct_si_ws *ct_si_ws_alloc(size_t n_max, size_t p_max)
{
    ct_si_ws *w;
    size_t i;

    if (n_max == 0 || p_max == 0 || (w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    w->n_max = n_max;
    w->p_max = p_max;
    w->mf = gsl_multifit_linear_alloc(n_max, p_max);
    w->ones = malloc(n_max * sizeof *w->ones);
    w->cov = malloc(p_max * p_max * sizeof *w->cov);
    w->c = malloc(p_max * sizeof *w->c);
    w->eta = malloc(n_max * sizeof *w->eta);
    w->neta = malloc(n_max * sizeof *w->neta);
    w->z = malloc(n_max * sizeof *w->z);
    w->w = malloc(n_max * sizeof *w->w);
    w->nb = malloc(p_max * sizeof *w->nb);
    if (!w->mf || !w->ones || !w->cov || !w->c || !w->eta || !w->neta ||
        !w->z || !w->w || !w->nb) {
        ct_si_ws_free(w);
        return NULL;
    }
    for (i = 0; i < n_max; i++)
        w->ones[i] = 1.0;
    return w;
}

void ct_si_ws_free(ct_si_ws *w)
{
    if (w == NULL)
        return;
    if (w->mf)
        gsl_multifit_linear_free(w->mf);
    free(w->ones);
    free(w->cov);
    free(w->c);
    free(w->eta);
    free(w->neta);
    free(w->z);
    free(w->w);
    free(w->nb);
    free(w);
}

static int ws_fits(const ct_si_ws *w, size_t n, size_t p, const char *what,
                   ct_error *err)
{
    if (n > w->n_max || p > w->p_max)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "%s: %zu observations and %zu coefficients "
                            "exceed the workspace (%zu, %zu)", what, n, p,
                            w->n_max, w->p_max);
    return CT_OK;
}

int ct_si_wls_ws(const double *X, size_t n, size_t p, const double *w,
                 const double *z, double *beta, double *cov, double *rss,
                 const char *what, ct_si_ws *ws, ct_error *err)
{
    double chisq = 0;
    size_t i, j, rank = 0;
    int status, rc;

    if (n < p || p == 0)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: %zu observations cannot determine %zu "
                            "coefficients", what, n, p);
    if ((rc = ws_fits(ws, n, p, what, err)) != CT_OK)
        return rc;
    gsl_matrix_const_view gX = gsl_matrix_const_view_array(X, n, p);
    gsl_vector_const_view gw = gsl_vector_const_view_array(w ? w : ws->ones, n);
    gsl_vector_const_view gz = gsl_vector_const_view_array(z, n);
    gsl_matrix_view gcov = gsl_matrix_view_array(ws->cov, p, p);
    gsl_vector_view gc = gsl_vector_view_array(ws->c, p);
    /* Truncated SVD of the column-balanced design (GSL multifit): singular
     * values below 1e-12 of the largest count as zero, so a rank-deficient
     * design is reported instead of solved. */
    status = gsl_multifit_wlinear_tsvd(&gX.matrix, &gw.vector, &gz.vector,
                                       1e-12, &gc.vector, &gcov.matrix,
                                       &chisq, &rank, ws->mf);
    if (status != GSL_SUCCESS)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: least-squares solve failed (%s)", what,
                            gsl_strerror(status));
    if (rank < p)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the design is singular (rank %zu of %zu): "
                            "the coefficients are not identifiable", what,
                            rank, p);
    for (j = 0; j < p; j++) {
        beta[j] = ws->c[j];
        if (cov)
            for (i = 0; i < p; i++)
                cov[j * p + i] = ws->cov[j * p + i];
    }
    if (rss)
        *rss = chisq;
    return CT_OK;
}

int ct_si_wls(const double *X, size_t n, size_t p, const double *w,
              const double *z, double *beta, double *cov, double *rss,
              const char *what, ct_error *err)
{
    ct_si_ws *ws;
    int rc;

    if (n < p || p == 0)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: %zu observations cannot determine %zu "
                            "coefficients", what, n, p);
    if ((ws = ct_si_ws_alloc(n, p)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    rc = ct_si_wls_ws(X, n, p, w, z, beta, cov, rss, what, ws, err);
    ct_si_ws_free(ws);
    return rc;
}

/* --------------------------------------------------------- counts --- */

static int is_poisson(double theta)
{
    return !(theta > 0) || isinf(theta);
}

/* Deviance: Poisson 2 sum[y log(y/mu) - (y - mu)]; NB2 (MASS
 * negative.binomial) 2 sum[y log(max(y,1)/mu) - (y + th) log((y + th)/(mu +
 * th))] (McCullagh & Nelder 1989, table 2.1; Venables & Ripley 2002 7.4). */
double ct_si_count_deviance(const double *y, const double *mu, size_t n,
                            double theta)
{
    double d = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (is_poisson(theta))
            d += (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) - (y[i] - mu[i]);
        else
            d += (y[i] > 0 ? y[i] * log(y[i] / mu[i]) : 0) -
                 (y[i] + theta) * log((y[i] + theta) / (mu[i] + theta));
    }
    return 2 * d;
}

/* log f(y) = y log mu - mu - log y! (Poisson); NB2: log Gamma(th + y) -
 * log Gamma(th) - log y! + th log(th/(th + mu)) + y log(mu/(th + mu)).
 * gsl_sf_lnpoch gives log Gamma(th + y)/Gamma(th) without cancellation. */
double ct_si_count_loglik(const double *y, const double *mu, size_t n,
                          double theta)
{
    double ll = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        double lf = gsl_sf_lngamma(y[i] + 1);
        if (is_poisson(theta)) {
            ll += (y[i] > 0 ? y[i] * log(mu[i]) : 0) - mu[i] - lf;
        } else {
            double lp = y[i] > 0 ? gsl_sf_lnpoch(theta, y[i]) : 0;
            ll += lp - lf + theta * log(theta / (theta + mu[i])) +
                  (y[i] > 0 ? y[i] * log(mu[i] / (theta + mu[i])) : 0);
        }
    }
    return ll;
}

static double count_variance(double mu, double theta)
{
    return is_poisson(theta) ? mu : mu + mu * mu / theta;
}

/* One step of the scoring from beta (n x p design X): the weighted least
 * squares estimate into nb, then halved towards beta while the deviance
 * gets non-finite or larger; neta and mu receive the new linear predictor
 * and means, *ndev their deviance. */
static int irls_step(const double *X, size_t n, size_t p, const double *y,
                     double theta, int first, int start, const double *beta,
                     double dev, double *ndev, const char *what, ct_si_ws *ws,
                     double *mu, ct_error *err)
{
    double *eta = ws->eta, *neta = ws->neta, *z = ws->z, *w = ws->w;
    double *nb = ws->nb;
    size_t i, j;
    int half, rc;

    for (i = 0; i < n; i++) {
        double v = count_variance(mu[i], theta);
        z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
        w[i] = mu[i] * mu[i] / v;
    }
    rc = ct_si_wls_ws(X, n, p, w, z, nb, NULL, NULL, what, ws, err);
    if (rc != CT_OK)
        return rc;
    for (half = 0; half < 30; half++) {
        for (i = 0; i < n; i++) {
            neta[i] = 0;
            for (j = 0; j < p; j++)
                neta[i] += X[i * p + j] * nb[j];
            mu[i] = exp(neta[i]);
        }
        *ndev = ct_si_count_deviance(y, mu, n, theta);
        if (isfinite(*ndev) && (!isfinite(dev) || first ||
                                *ndev <= dev * (1 + 1e-10) + 1e-10))
            break;
        if (first && !start)
            break; /* no previous estimate to fall back on */
        for (j = 0; j < p; j++) /* halve towards the previous estimate */
            nb[j] = 0.5 * (nb[j] + beta[j]);
    }
    if (!isfinite(*ndev))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the fit diverged (fitted means overflow)",
                            what);
    return CT_OK;
}

/* Fisher scoring for log E[y] = X beta (McCullagh & Nelder 1989, 2.5):
 * working response z = eta + (y - mu)/mu, weights w = mu^2 / V(mu) with
 * V = mu (Poisson) or mu + mu^2/theta (NB2). A step that makes the deviance
 * non-finite or larger is halved (as glm.fit does for non-finite ones). */
int ct_si_irls_ws(const double *X, size_t n, size_t p, const double *y,
                  double theta, int start, double *beta, double *mu,
                  double *cov, double *deviance, int *iter, int max_iter,
                  const char *what, ct_si_ws *ws, ct_error *err)
{
    double *eta = ws->eta, *neta = ws->neta;
    double dev = CT_INF, ndev = CT_INF;
    size_t i, j;
    int it, rc, converged = 0;

    if ((rc = ws_fits(ws, n, p, what, err)) != CT_OK)
        return rc;
    if (start) {
        for (i = 0; i < n; i++) {
            eta[i] = 0;
            for (j = 0; j < p; j++)
                eta[i] += X[i * p + j] * beta[j];
            mu[i] = exp(eta[i]);
        }
        dev = ct_si_count_deviance(y, mu, n, theta);
    } else {
        /* glm.fit's start for the Poisson family: mu = y + 0.1 */
        for (i = 0; i < n; i++) {
            mu[i] = y[i] + 0.1;
            eta[i] = log(mu[i]);
        }
    }
    for (it = 1; it <= max_iter; it++) {
        double change = 0;
        rc = irls_step(X, n, p, y, theta, it == 1, start, beta, dev, &ndev,
                       what, ws, mu, err);
        if (rc != CT_OK)
            return rc;
        for (i = 0; i < n; i++) {
            double d = fabs(neta[i] - eta[i]) / (1 + fabs(neta[i]));
            if (d > change)
                change = d;
            eta[i] = neta[i];
        }
        memcpy(beta, ws->nb, p * sizeof *beta);
        dev = ndev;
        if (change < 1e-11) {
            converged = 1;
            break;
        }
    }
    if (!converged)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the fit did not converge in %d iterations "
                            "(some fitted means go to zero: the counts are "
                            "separated, e.g. a run of zeros at one end)",
                            what, max_iter);
    if (cov) {
        /* inverse Fisher information (X'WX)^-1 at the final estimate */
        for (i = 0; i < n; i++) {
            ws->w[i] = mu[i] * mu[i] / count_variance(mu[i], theta);
            ws->z[i] = eta[i];
        }
        rc = ct_si_wls_ws(X, n, p, ws->w, ws->z, ws->nb, cov, NULL, what, ws,
                          err);
        if (rc != CT_OK)
            return rc;
    }
    if (deviance)
        *deviance = dev;
    if (iter)
        *iter = it;
    return CT_OK;
}

int ct_si_irls(const double *X, size_t n, size_t p, const double *y,
               double theta, int start, double *beta, double *mu,
               double *cov, double *deviance, int *iter, int max_iter,
               const char *what, ct_error *err)
{
    ct_si_ws *ws;
    int rc;

    if ((ws = ct_si_ws_alloc(n ? n : 1, p ? p : 1)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    rc = ct_si_irls_ws(X, n, p, y, theta, start, beta, mu, cov, deviance,
                       iter, max_iter, what, ws, err);
    ct_si_ws_free(ws);
    return rc;
}

/* ----------------------------------------------------- order statistics --- */

double ct_si_quantile_sorted(const double *x, size_t n, double p)
{
    double h, lo;
    size_t k;

    if (n == 0)
        return CT_NAN;
    /* Hyndman & Fan (1996) type 7: x[floor(h)] + frac(h) (next - it),
     * h = (n - 1) p (0-based). */
    h = (double)(n - 1) * p;
    lo = floor(h);
    k = (size_t)lo;
    if (k + 1 >= n)
        return x[n - 1];
    return x[k] + (h - lo) * (x[k + 1] - x[k]);
}

double ct_si_median_inplace(double *x, size_t n)
{
    if (n == 0)
        return CT_NAN;
    gsl_sort(x, 1, n);
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

int ct_si_sen_slope(const double *t, const double *y, size_t n,
                    double *slope, double *pairs, ct_error *err)
{
    size_t i, j, k = 0;
    double *d = pairs;

    if (n > CT_STATS_PAIRWISE_MAX)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "sen: at most %d periods, got %zu",
                            CT_STATS_PAIRWISE_MAX, n);
    if (d == NULL && (d = malloc((n * (n - 1) / 2 + 1) * sizeof *d)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i + 1 < n; i++)
        for (j = i + 1; j < n; j++)
            if (t[j] != t[i])
                d[k++] = (y[j] - y[i]) / (t[j] - t[i]);
    if (k == 0) {
        if (d != pairs)
            free(d);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "sen: need two different times");
    }
    *slope = ct_si_median_inplace(d, k);
    if (d != pairs)
        free(d);
    return CT_OK;
}

void ct_si_golden(double (*f)(void *obj, double *psi), void *obj,
                  double *psi, int which, double *a, double *c, double tol)
{
    const double g = 0.618033988749895;
    double lo = *a, hi = *c, x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    double f1, f2;
    int i;

    psi[which] = x1;
    f1 = f(obj, psi);
    psi[which] = x2;
    f2 = f(obj, psi);
    for (i = 0; i < 60 && hi - lo > tol; i++) {
        if (f1 <= f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - g * (hi - lo);
            psi[which] = x1;
            f1 = f(obj, psi);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + g * (hi - lo);
            psi[which] = x2;
            f2 = f(obj, psi);
        }
    }
    *a = lo;
    *c = hi;
}

void ct_si_moment_sums(const double *t, const double *y, size_t n,
                       double tc, double yc, long double *P)
{
    size_t i;
    int c;

    for (c = 0; c < 6; c++)
        P[(size_t)c * (n + 1)] = 0;
    for (i = 0; i < n; i++) {
        long double u = (long double)t[i] - (long double)tc,
                    v = (long double)y[i] - (long double)yc, x[6];
        x[0] = 1;
        x[1] = u;
        x[2] = v;
        x[3] = u * u;
        x[4] = u * v;
        x[5] = v * v;
        for (c = 0; c < 6; c++)
            P[(size_t)c * (n + 1) + i + 1] = P[(size_t)c * (n + 1) + i] + x[c];
    }
}
