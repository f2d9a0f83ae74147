/* SPDX-License-Identifier: MIT
 * trend_glm.c - log-linear trends for counts: Poisson, quasi-Poisson and
 * negative binomial NB2 with theta by maximum likelihood (ct_stats_glm).
 */
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_psi.h>

static const char *family_name(ct_glm_family f)
{
    switch (f) {
    case CT_GLM_POISSON: return "poisson";
    case CT_GLM_QUASIPOISSON: return "quasipoisson";
    case CT_GLM_NEGBIN: return "negbin";
    }
    return "glm";
}

/* Score and observed information of the NB2 log-likelihood in theta for
 * fixed means (MASS theta.ml; Lawless 1987):
 *   U(th) = sum[psi(th+y) - psi(th) + log th + 1 - log(th+mu) - (y+th)/(mu+th)]
 *   I(th) = sum[-psi'(th+y) + psi'(th) - 1/th + 2/(mu+th) - (y+th)/(mu+th)^2]
 * rewritten without cancellation for large theta: for whole y,
 * psi(th+y) - psi(th) = sum_{k<y} 1/(th+k) and psi'(th) - psi'(th+y) =
 * sum_{k<y} 1/(th+k)^2; log th - log(th+mu) = -log1p(mu/th);
 * 1 - (y+th)/(mu+th) = (mu-y)/(mu+th); -1/th + 2/(mu+th) - (y+th)/(mu+th)^2
 * = -(mu^2 + th y)/(th (mu+th)^2). */
static void theta_score_info(double th, const double *y, const double *mu,
                             size_t n, double *U, double *I)
{
    double su = 0, si = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        double a = mu[i] + th, d1 = 0, d2 = 0;
        if (y[i] == floor(y[i]) && y[i] < 200) {
            double k;
            for (k = 0; k < y[i]; k++) {
                d1 += 1 / (th + k);
                d2 += 1 / ((th + k) * (th + k));
            }
        } else {
            d1 = gsl_sf_psi(th + y[i]) - gsl_sf_psi(th);
            d2 = gsl_sf_psi_1(th) - gsl_sf_psi_1(th + y[i]);
        }
        su += d1 - log1p(mu[i] / th) + (mu[i] - y[i]) / a;
        si += d2 - (mu[i] * mu[i] + th * y[i]) / (th * a * a);
    }
    *U = su;
    *I = si;
}

#define THETA_MAX 1e10
#define THETA_MIN 1e-8

/* Maximum-likelihood theta for fixed means: the root of U(theta), found in
 * log theta by Newton's method kept inside a sign-change bracket (bisection
 * when a step leaves it; Press et al. 2007, rtsafe). A finite root exists
 * unless U stays positive up to 1e10: then *th = CT_INF (no
 * over-dispersion). start > 0 is the first guess (else the moment estimate
 * n / sum (y/mu - 1)^2, as MASS::theta.ml). */
static int theta_ml(double *th, double start, const double *y,
                    const double *mu, size_t n, ct_error *err)
{
    double lo, hi, x, U, I, ulo, uhi;
    size_t i;
    int it;

    if (!(start > 0) || !isfinite(start)) {
        start = 0;
        for (i = 0; i < n; i++)
            start += (y[i] / mu[i] - 1) * (y[i] / mu[i] - 1);
        start = (double)n / start;
        if (!(start > 0) || !isfinite(start))
            start = 1;
    }
    if (start > THETA_MAX / 10)
        start = THETA_MAX / 10;
    if (start < THETA_MIN * 10)
        start = THETA_MIN * 10;
    /* bracket the root: U > 0 left of it, U < 0 right of it */
    x = log(start);
    theta_score_info(start, y, mu, n, &U, &I);
    if (!isfinite(U))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "negbin: the likelihood of theta is not finite");
    lo = hi = x;
    ulo = uhi = U;
    while (ulo < 0) {
        hi = lo;
        uhi = ulo;
        lo -= 2;
        if (lo < log(THETA_MIN))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "negbin: theta goes to zero (extreme "
                                "over-dispersion): the model does not fit");
        theta_score_info(exp(lo), y, mu, n, &ulo, &I);
    }
    while (uhi > 0) {
        lo = hi;
        ulo = uhi;
        hi += 2;
        if (hi > log(THETA_MAX)) {
            *th = CT_INF;
            return CT_OK;
        }
        theta_score_info(exp(hi), y, mu, n, &uhi, &I);
    }
    if (!isfinite(ulo) || !isfinite(uhi))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "negbin: the likelihood of theta is not finite");
    if (ulo == 0) {
        *th = exp(lo);
        return CT_OK;
    }
    if (uhi == 0) {
        *th = exp(hi);
        return CT_OK;
    }
    /* Newton in x = log theta: dU/dx = -theta I */
    x = (x > lo && x < hi) ? x : 0.5 * (lo + hi);
    for (it = 0; it < 200; it++) {
        double t = exp(x), dx, nx;
        theta_score_info(t, y, mu, n, &U, &I);
        if (!isfinite(U) || !isfinite(I))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "negbin: the likelihood of theta is not "
                                "finite");
        if (U > 0)
            lo = x;
        else if (U < 0)
            hi = x;
        else
            break;
        nx = t * I > 0 ? x + U / (t * I) : 0.5 * (lo + hi);
        if (!(nx > lo && nx < hi))
            nx = 0.5 * (lo + hi);
        dx = nx - x;
        x = nx;
        if (fabs(dx) < 1e-13 * (1 + fabs(x)) || hi - lo < 1e-14 * (1 + fabs(x)))
            break;
    }
    *th = exp(x);
    return CT_OK;
}

static double theta_info(double th, const double *y, const double *mu,
                         size_t n)
{
    double U, I;
    theta_score_info(th, y, mu, n, &U, &I);
    return I;
}

/* Scratch of ct_stats_glm_ws (stats.h, "Workspaces"). */
struct ct_glm_workspace {
    size_t n_max;
    ct_si_ws *fit;           /* IRLS and least squares, n_max x 2          */
    double *X;               /* 2 n_max: the design (1, centred t)          */
    double *mu, *mu_p;       /* n_max: fitted means, Poisson means          */
    double *one;             /* n_max ones: the constant-mean design        */
    gsl_root_fsolver *root;  /* Brent's method for theta (first NB fit)     */
};

ct_glm_workspace *ct_stats_glm_workspace_alloc(size_t n_max)
{
    ct_glm_workspace *w;
    size_t i;

    if (n_max == 0 || n_max > SIZE_MAX / (2 * sizeof(double)) ||
        (w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    w->n_max = n_max;
    w->fit = ct_si_ws_alloc(n_max, 2);
    w->X = malloc(2 * n_max * sizeof *w->X);
    w->mu = malloc(n_max * sizeof *w->mu);
    w->mu_p = malloc(n_max * sizeof *w->mu_p);
    w->one = malloc(n_max * sizeof *w->one);
    if (!w->fit || !w->X || !w->mu || !w->mu_p || !w->one) {
        ct_stats_glm_workspace_free(w);
        return NULL;
    }
    for (i = 0; i < n_max; i++)
        w->one[i] = 1;
    return w;
}

void ct_stats_glm_workspace_free(ct_glm_workspace *w)
{
    if (w == NULL)
        return;
    ct_si_ws_free(w->fit);
    if (w->root)
        gsl_root_fsolver_free(w->root);
    free(w->X);
    free(w->mu);
    free(w->mu_p);
    free(w->one);
    free(w);
}

struct nb_prof {
    const double *X, *y;
    size_t n;
    double *beta, *mu;    /* warm start, updated by each fit          */
    int max_iter;
    int evals;            /* fits done                                */
    int failed;           /* a fit failed (err filled)                */
    ct_si_ws *ws;
    ct_error *err;
};

/* d/dtheta of the profile log-likelihood max_beta l(beta, theta): by the
 * envelope theorem, the theta score at the beta fitted for that theta. */
static double nb_profile_score(double x, void *params)
{
    struct nb_prof *p = params;
    double th = exp(x), U, I;

    p->evals++;
    if (ct_si_irls_ws(p->X, p->n, 2, p->y, th, 1, p->beta, p->mu, NULL, NULL,
                      NULL, p->max_iter, "negbin", p->ws, p->err) != CT_OK) {
        p->failed = 1;
        return 0; /* stops the solver; the caller reports */
    }
    theta_score_info(th, p->y, p->mu, p->n, &U, &I);
    return U;
}

/* Widens [lo, hi] (log theta, both starting at the first guess) in steps
 * of 1.5 until the profile score changes sign: *flo >= 0 >= *fhi. Returns 1
 * when it stays positive up to theta = 1e10 (theta infinite). */
static int nb_bracket(struct nb_prof *p, double *lo, double *hi, double *flo,
                      double *fhi, ct_error *err, int *rc)
{
    *rc = CT_OK;
    *flo = *fhi = nb_profile_score(*lo, p);
    while (!p->failed && *flo < 0) {
        *hi = *lo;
        *fhi = *flo;
        *lo -= 1.5;
        if (*lo < log(THETA_MIN)) {
            *rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                               "negbin: theta goes to zero (extreme "
                               "over-dispersion): the model does not fit");
            return 0;
        }
        *flo = nb_profile_score(*lo, p);
    }
    while (!p->failed && *fhi > 0) {
        *lo = *hi;
        *flo = *fhi;
        *hi += 1.5;
        if (*hi > log(THETA_MAX))
            return 1;
        *fhi = nb_profile_score(*hi, p);
    }
    return 0;
}

/* Brent's method (GSL roots) on the bracket [lo, hi] of the profile score;
 * the solver is made once per workspace. */
static int nb_brent(struct nb_prof *p, gsl_root_fsolver **solver, double lo,
                    double hi, double *x, ct_error *err)
{
    gsl_function F;
    gsl_root_fsolver *s;
    int status, it;

    if (*solver == NULL &&
        (*solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    s = *solver;
    F.function = nb_profile_score;
    F.params = p;
    status = gsl_root_fsolver_set(s, &F, lo, hi);
    for (it = 0; status == GSL_SUCCESS && it < 200; it++) {
        status = gsl_root_fsolver_iterate(s);
        if (status != GSL_SUCCESS || p->failed)
            break;
        if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                   gsl_root_fsolver_x_upper(s), 1e-13,
                                   0) == GSL_SUCCESS)
            break;
    }
    *x = gsl_root_fsolver_root(s);
    if (p->failed)
        return CT_EDOMAIN;
    if (status != GSL_SUCCESS)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "negbin: the estimate of theta did not "
                            "converge (%s)", gsl_strerror(status));
    return CT_OK;
}

/* ML theta of NB2 with the regression refitted for every theta: the root
 * of the profile score in log theta, bracketed and then solved by Brent's
 * method (GSL roots). This is the same maximum MASS::glm.nb reaches by
 * alternating, without its failure to settle when theta is large and the
 * profile flat. On entry beta and w->mu hold the Poisson fit; on return the
 * fit at theta. *th = CT_INF when the profile rises up to theta = 1e10. */
static int nb_profile_theta(double *th, int *evals, size_t n, const double *y,
                            double *beta, int max_iter, ct_glm_workspace *w,
                            ct_error *err)
{
    struct nb_prof p;
    double t0, lo, hi, flo, fhi, x = 0;
    int rc;

    rc = theta_ml(&t0, 0, y, w->mu, n, err); /* theta at the Poisson means */
    if (rc != CT_OK)
        return rc;
    if (!isfinite(t0))
        t0 = THETA_MAX / 100;
    p.X = w->X;
    p.y = y;
    p.n = n;
    p.beta = beta;
    p.mu = w->mu;
    p.max_iter = max_iter;
    p.evals = 0;
    p.failed = 0;
    p.ws = w->fit;
    p.err = err;
    lo = hi = log(t0);
    if (nb_bracket(&p, &lo, &hi, &flo, &fhi, err, &rc)) {
        *th = CT_INF;
        *evals = p.evals;
        return CT_OK;
    }
    if (rc != CT_OK)
        return rc;
    if (p.failed)
        return CT_EDOMAIN;
    if (flo == 0 || fhi == 0)
        x = flo == 0 ? lo : hi;
    else if ((rc = nb_brent(&p, &w->root, lo, hi, &x, err)) != CT_OK)
        return rc;
    *th = exp(x);
    (void)nb_profile_score(x, &p); /* leave beta, mu at theta */
    *evals = p.evals;
    return p.failed ? CT_EDOMAIN : CT_OK;
}

/* Argument checks of ct_stats_glm. */
static int glm_check(ct_glm_family family, const double *t, const double *y,
                     size_t n, const ct_glm_options *opt, const char *what,
                     ct_error *err)
{
    int rc;

    if (family != CT_GLM_POISSON && family != CT_GLM_QUASIPOISSON &&
        family != CT_GLM_NEGBIN)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "glm: unknown family %d", (int)family);
    rc = ct_si_check_common(what, opt->level, opt->periods_per_year, err);
    if (rc != CT_OK)
        return rc;
    rc = ct_si_check_series(what, t, y, n, 3, CT_SI_COUNTS, err);
    if (rc != CT_OK)
        return rc;
    if (opt->max_iter < 1)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "%s: the iteration limit must be positive", what);
    return CT_OK;
}

/* Existence of the maximum-likelihood estimate (Haberman 1974, thm 2.3;
 * Albert & Anderson 1984 and Santner & Duffy 1986 for the logistic
 * analogue): it fails to exist iff some non-zero direction d of (a, b)
 * has d0 + d1 t_i <= 0 at every observation and = 0 wherever y_i > 0,
 * since the likelihood then keeps rising along d. For the line a + b t
 * such a d exists only when (1) every count is zero (d = (-1, 0)), or
 * (2) the non-zero counts all sit at one time t* that is the first or
 * the last time (d1 (t - t*) <= 0 for all t: complete or quasi-complete
 * separation). Non-zero counts at two different times, or at one
 * interior time only, give a finite estimate (1978-1990 with a single 2
 * in 1981: R glm slope -0.2496, SE 0.2379). Negative binomial: the same
 * condition for every theta. Also gives the means of t and y and the
 * number of counts that are not whole. */
static int glm_exists(const double *t, const double *y, size_t n,
                      const char *what, double *tbar, double *ybar,
                      size_t *nonint, ct_error *err)
{
    double tmin = CT_INF, tmax = -CT_INF, t_first_pos = CT_NAN;
    double st = 0, sy = 0;
    size_t i, npos = 0, ndistinct = 0;

    *nonint = 0;
    for (i = 0; i < n; i++) {
        if (t[i] < tmin)
            tmin = t[i];
        if (t[i] > tmax)
            tmax = t[i];
        if (y[i] > 0) {
            npos++;
            if (ndistinct == 0) {
                ndistinct = 1;
                t_first_pos = t[i];
            } else if (t[i] != t_first_pos) {
                ndistinct = 2;
            }
        }
        if (y[i] != floor(y[i]))
            (*nonint)++;
        st += t[i];
        sy += y[i];
    }
    if (npos == 0)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: all %zu counts are zero: a log-linear "
                            "trend cannot be estimated", what, n);
    if (ndistinct < 2 && (t_first_pos == tmin || t_first_pos == tmax))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: the only non-zero counts are at the %s "
                            "time (t = %g): the slope is infinite "
                            "(separation), no finite estimate exists",
                            what, t_first_pos == tmin ? "first" : "last",
                            t_first_pos);
    *tbar = st / (double)n;
    *ybar = sy / (double)n;
    return CT_OK;
}

/* The negative binomial part: theta by ML from the Poisson fit in beta and
 * w->mu (w->mu_p keeps it), the NB fit at theta (or the Poisson fit again
 * when theta is infinite) into beta, w->mu, cov and *dev, and the LR test
 * against Poisson (ll_p its log-likelihood). *theta receives theta. */
static int glm_negbin(ct_glm_result *out, size_t n, const double *y,
                      double ll_p, const ct_glm_options *opt, double *beta,
                      double *cov, double *dev, double *theta, int *iters,
                      ct_glm_workspace *w, const char *what, ct_error *err)
{
    /* The profile likelihood of alpha = 1/theta has derivative
     * sum((y - mu)^2 - y)/2 at alpha = 0 (the Poisson fit): when that is
     * <= 0 the maximum is at theta = infinity, i.e. the Poisson model
     * (Cameron & Trivedi 1990; Lawless 1987). */
    double score0 = 0, th = CT_INF, ll, *mu = w->mu;
    size_t i;
    int rc;

    for (i = 0; i < n; i++)
        score0 += (y[i] - mu[i]) * (y[i] - mu[i]) - y[i];
    if (score0 > 0) {
        rc = nb_profile_theta(&th, iters, n, y, beta, opt->max_iter, w, err);
        if (rc != CT_OK)
            return rc;
    }
    if (isfinite(th)) {
        *theta = th;
        rc = ct_si_irls_ws(w->X, n, 2, y, th, 1, beta, mu, cov, dev, NULL,
                           opt->max_iter, what, w->fit, err);
        if (rc != CT_OK)
            return rc;
        out->theta = th;
        out->theta_se = 1 / sqrt(theta_info(th, y, mu, n));
        ll = ct_si_count_loglik(y, mu, n, th);
        out->lr_stat = 2 * (ll - ll_p);
        if (out->lr_stat < 0)
            out->lr_stat = 0;
    } else {
        /* no over-dispersion: the NB2 fit is the Poisson fit */
        for (i = 0; i < n; i++)
            mu[i] = w->mu_p[i];
        rc = ct_si_irls_ws(w->X, n, 2, y, 0, 1, beta, mu, cov, dev, NULL,
                           opt->max_iter, what, w->fit, err);
        if (rc != CT_OK)
            return rc;
        out->theta = CT_INF;
        out->theta_infinite = 1;
        out->lr_stat = 0;
    }
    /* H0 theta = infinity lies on the boundary of the parameter space:
     * the LR statistic is 0.5 chi2_0 + 0.5 chi2_1 (Self & Liang 1987). */
    out->lr_p_value = out->lr_stat > 0
                          ? 0.5 * ct_si_p_norm2(sqrt(out->lr_stat))
                          : 1.0;
    return CT_OK;
}

/* Pearson chi2 and dispersion, the null deviance (constant mean at the
 * same theta), log-likelihood and AIC of the fit in w->mu. */
static int glm_fit_stats(ct_glm_result *out, ct_glm_family family, size_t n,
                         const double *y, double ybar, double theta,
                         const ct_glm_options *opt, ct_glm_workspace *w,
                         const char *what, ct_error *err)
{
    const double *mu = w->mu;
    double pearson = 0;
    size_t i;
    int rc;

    for (i = 0; i < n; i++) {
        double v = isfinite(theta) ? mu[i] + mu[i] * mu[i] / theta : mu[i];
        pearson += (y[i] - mu[i]) * (y[i] - mu[i]) / v;
    }
    out->pearson_chi2 = pearson;
    out->dispersion = pearson / out->df;
    if (family == CT_GLM_QUASIPOISSON && !(out->dispersion > 1e-12))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "quasipoisson: the counts follow the log-linear "
                            "trend exactly (Pearson dispersion %.3g): the "
                            "estimated dispersion is zero and so would be "
                            "the standard error", out->dispersion);
    if (isfinite(theta)) {
        /* null deviance: the constant-mean model at the same theta */
        double b0 = log(ybar);
        rc = ct_si_irls_ws(w->one, n, 1, y, theta, 1, &b0, w->mu_p, NULL,
                           &out->null_deviance, NULL, opt->max_iter, what,
                           w->fit, err);
        if (rc != CT_OK)
            return rc;
    } else {
        double nd = 0;
        for (i = 0; i < n; i++)
            nd += (y[i] > 0 ? y[i] * log(y[i] / ybar) : 0) - (y[i] - ybar);
        out->null_deviance = 2 * nd;
    }
    if (family == CT_GLM_QUASIPOISSON) {
        out->loglik = CT_NAN;
        out->aic = CT_NAN;
    } else {
        out->loglik = ct_si_count_loglik(y, mu, n, theta);
        out->aic = -2 * out->loglik + 2 * (isfinite(theta) ? 3 : 2);
    }
    return CT_OK;
}

/* Coefficients on the original time scale, the standard errors of the
 * family, the test and the intervals, from beta and cov of the fit on
 * centred time (tbar). */
static void glm_inference(ct_glm_result *out, ct_glm_family family,
                          const ct_glm_options *opt, const double *beta,
                          const double *cov, double tbar)
{
    /* back from centred time: a(t=0) = a_c - b tbar,
     * Var = V00 - 2 tbar V01 + tbar^2 V11 */
    double v00 = cov[0], v01 = cov[1], v11 = cov[3], sc = 1, q;
    double ppy = opt->periods_per_year;

    if (family == CT_GLM_QUASIPOISSON) {
        /* quasi-likelihood: Var scaled by the Pearson dispersion
         * (McCullagh & Nelder 1989, 9.2; R summary.glm) */
        sc = sqrt(out->dispersion);
        out->t_based = 1;
    } else if (family == CT_GLM_NEGBIN && opt->nb_small_sample) {
        /* Small-sample NB2 inference: theta-hat is biased upwards at
         * n ~ 30, so the model SE is too small and glm.nb's Wald
         * interval covers ~93% (calibrate.c; the same in R). Scaling by
         * the Pearson dispersion of the NB fit when it exceeds 1 (Hilbe
         * 2011, Negative Binomial Regression, on scaled SEs) and using
         * t(n-2), as for any estimated dispersion, restores ~95%. */
        sc = out->dispersion > 1 ? sqrt(out->dispersion) : 1;
        out->t_based = 1;
    } else {
        out->t_based = 0;
    }
    out->se_scale = sc;
    out->intercept = beta[0] - beta[1] * tbar;
    out->intercept_se = sqrt(v00 - 2 * tbar * v01 + tbar * tbar * v11) * sc;
    out->slope = beta[1] * ppy;
    out->slope_se_model = sqrt(v11) * ppy;
    out->slope_se = out->slope_se_model * sc;
    out->z = out->slope / out->slope_se;
    if (out->t_based) {
        out->p_value = ct_si_p_t2(out->z, out->df);
        q = ct_si_q_t((1 - opt->level) / 2, out->df);
    } else {
        out->p_value = ct_si_p_norm2(out->z);
        q = ct_si_q_norm((1 - opt->level) / 2);
    }
    out->slope_ci[0] = out->slope - q * out->slope_se;
    out->slope_ci[1] = out->slope + q * out->slope_se;
    out->irr = exp(out->slope);
    out->irr_ci[0] = exp(out->slope_ci[0]);
    out->irr_ci[1] = exp(out->slope_ci[1]);
    out->percent_per_year = 100 * (out->irr - 1);
    out->percent_ci[0] = 100 * (out->irr_ci[0] - 1);
    out->percent_ci[1] = 100 * (out->irr_ci[1] - 1);
}

int ct_stats_glm_ws(ct_glm_result *out, ct_glm_family family, const double *t,
                    const double *y, size_t n, const ct_glm_options *opt,
                    ct_glm_workspace *w, ct_error *err)
{
    static const ct_glm_options defaults = CT_GLM_OPTIONS_INIT;
    const char *what = family_name(family);
    double beta[2], cov[4], tbar = 0, ybar = 0, dev = 0, ll_p, theta = CT_INF;
    size_t i, nonint;
    int rc, iters = 0;

    if (opt == NULL)
        opt = &defaults;
    if ((rc = glm_check(family, t, y, n, opt, what, err)) != CT_OK)
        return rc;
    rc = ct_si_check_ws(w != NULL, n, w ? w->n_max : 0, what, err);
    if (rc != CT_OK)
        return rc;
    rc = glm_exists(t, y, n, what, &tbar, &ybar, &nonint, err);
    if (rc != CT_OK)
        return rc;
    /* centred time keeps X'WX well conditioned when t is a calendar year */
    for (i = 0; i < n; i++) {
        w->X[2 * i] = 1;
        w->X[2 * i + 1] = t[i] - tbar;
    }
    rc = ct_si_irls_ws(w->X, n, 2, y, 0, 0, beta, w->mu, cov, &dev, &iters,
                       opt->max_iter, what, w->fit, err);
    if (rc != CT_OK)
        return rc;
    for (i = 0; i < n; i++)
        w->mu_p[i] = w->mu[i];
    ll_p = ct_si_count_loglik(y, w->mu, n, 0);
    out->theta = out->theta_se = CT_NAN;
    out->theta_infinite = 0;
    out->lr_stat = out->lr_p_value = CT_NAN;
    if (family == CT_GLM_NEGBIN &&
        (rc = glm_negbin(out, n, y, ll_p, opt, beta, cov, &dev, &theta,
                         &iters, w, what, err)) != CT_OK)
        return rc;
    out->family = family;
    out->n = n;
    out->n_noninteger = nonint;
    out->df = (double)n - 2;
    out->level = opt->level;
    out->iterations = iters;
    out->deviance = dev;
    rc = glm_fit_stats(out, family, n, y, ybar, theta, opt, w, what, err);
    if (rc != CT_OK)
        return rc;
    glm_inference(out, family, opt, beta, cov, tbar);
    return CT_OK;
}

int ct_stats_glm(ct_glm_result *out, ct_glm_family family, const double *t,
                 const double *y, size_t n, const ct_glm_options *opt,
                 ct_error *err)
{
    ct_glm_workspace *w;
    int rc;

    /* the argument errors first, as without a workspace */
    if (opt == NULL) {
        static const ct_glm_options defaults = CT_GLM_OPTIONS_INIT;
        opt = &defaults;
    }
    rc = glm_check(family, t, y, n, opt, family_name(family), err);
    if (rc != CT_OK)
        return rc;
    if ((w = ct_stats_glm_workspace_alloc(n)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    rc = ct_stats_glm_ws(out, family, t, y, n, opt, w, err);
    ct_stats_glm_workspace_free(w);
    return rc;
}
