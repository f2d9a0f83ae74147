/* SPDX-License-Identifier: MIT
 * segmented.c - piecewise-linear (gaussian) and piecewise log-linear
 * (Poisson) trends with one or two breakpoints, their inference as in R
 * segmented, and Davies' test for a change in slope (ct_stats_segmented).
 *
 * Estimation: the breakpoints minimise the profile RSS / deviance. A grid
 * over the admissible range finds the global basin, Brent (one break) or
 * Nelder-Mead (two) refines it, and Muggeo's (2003) Gauss-Newton update
 * psi <- psi + gamma/beta polishes a smooth optimum to full precision. The
 * optimum can sit exactly on an observation, where the profile has a kink;
 * the search then stops there.
 */
#include "stats/stats_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_vector.h>

#define MAXK 2
#define CT_PI 3.14159265358979323846
#define MAXP (2 + 2 * MAXK)

struct seg {
    const double *t, *y;
    size_t n;
    double tref;          /* centring of t                                */
    ct_seg_family fam;
    int k;                /* breakpoints                                  */
    double lo, hi;        /* admissible range (quantiles alpha, 1-alpha)  */
    double *X;            /* n x MAXP scratch design                      */
    double *mu;           /* n scratch                                    */
    double beta[MAXP];    /* warm start for the Poisson fits              */
    int have_beta;
    int max_iter;
};

static const char *what_of(const struct seg *s)
{
    return s->fam == CT_SEG_POISSON ? "segmented (poisson)"
                                    : "segmented (gaussian)";
}

/* breakpoints ascending, strictly inside (lo, hi), >= 2 observations in each
 * segment (R segmented: in.psi and far.psi) */
static int feasible(const struct seg *s, const double *psi)
{
    size_t i;
    int j, counts[MAXK + 1] = { 0 };

    for (j = 0; j < s->k; j++) {
        if (!(psi[j] > s->lo && psi[j] < s->hi))
            return 0;
        if (j > 0 && !(psi[j] > psi[j - 1]))
            return 0;
    }
    for (i = 0; i < s->n; i++) {
        int seg = 0;
        for (j = 0; j < s->k; j++)
            if (s->t[i] > psi[j])
                seg = j + 1;
        counts[seg]++;
    }
    for (j = 0; j <= s->k; j++)
        if (counts[j] < 2)
            return 0;
    return 1;
}

/* design [1, t - tref, (t - psi_1)_+, ..., extra] with `extra` = 0 (hinge
 * model), 1 (Muggeo: V_j = -I(t > psi_j)), 2 (inference: V_j times -beta_j
 * given in scale[]) */
static size_t build(struct seg *s, const double *psi, int extra,
                    const double *scale)
{
    size_t p = 2 + (size_t)s->k + (extra ? (size_t)s->k : 0), i;
    int j;

    for (i = 0; i < s->n; i++) {
        double *row = s->X + i * p;
        row[0] = 1;
        row[1] = s->t[i] - s->tref;
        for (j = 0; j < s->k; j++) {
            double u = s->t[i] - psi[j];
            row[2 + j] = u > 0 ? u : 0;
            if (extra)
                row[2 + s->k + j] =
                    (s->t[i] > psi[j] ? -1.0 : 0.0) * (extra == 2 ? scale[j] : 1);
        }
    }
    return p;
}

/* fits the hinge model (or the augmented one); objective RSS / deviance */
static int fit(struct seg *s, size_t p, double *beta, double *cov,
               double *obj, ct_error *err)
{
    if (s->fam == CT_SEG_GAUSSIAN)
        return ct_si_wls(s->X, s->n, p, NULL, s->y, beta, cov, obj,
                         what_of(s), err);
    return ct_si_irls(s->X, s->n, p, s->y, 0, 0, beta, s->mu, cov, obj, NULL,
                      s->max_iter, what_of(s), err);
}

static double objective(struct seg *s, const double *psi)
{
    double beta[MAXP], obj;
    size_t p;

    if (!feasible(s, psi))
        return CT_INF;
    p = build(s, psi, 0, NULL);
    if (s->fam == CT_SEG_POISSON && s->have_beta) {
        memcpy(beta, s->beta, p * sizeof *beta);
        if (ct_si_irls(s->X, s->n, p, s->y, 0, 1, beta, s->mu, NULL, &obj,
                       NULL, s->max_iter, what_of(s), NULL) == CT_OK) {
            memcpy(s->beta, beta, p * sizeof *beta);
            return obj;
        }
    }
    if (fit(s, p, beta, NULL, &obj, NULL) != CT_OK)
        return CT_INF;
    if (s->fam == CT_SEG_POISSON) {
        memcpy(s->beta, beta, p * sizeof *beta);
        s->have_beta = 1;
    }
    return obj;
}

static double obj1(double x, void *params)
{
    double v = objective(params, &x);
    return isfinite(v) ? v : 1e300;
}

static double obj2(const gsl_vector *x, void *params)
{
    double psi[2], v;
    psi[0] = gsl_vector_get(x, 0);
    psi[1] = gsl_vector_get(x, 1);
    v = objective(params, psi);
    return isfinite(v) ? v : 1e300;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* candidate breakpoints: a uniform grid plus the midpoints between
 * neighbouring times inside (lo, hi); sorted */
static size_t candidates(const struct seg *s, double *c, size_t grid)
{
    size_t m = 0, i;

    for (i = 1; i < grid; i++)
        c[m++] = s->lo + (s->hi - s->lo) * (double)i / (double)grid;
    if (s->n <= 200)
        for (i = 0; i + 1 < s->n; i++) {
            double mid = 0.5 * (s->t[i] + s->t[i + 1]);
            if (mid > s->lo && mid < s->hi)
                c[m++] = mid;
        }
    qsort(c, m, sizeof *c, cmp_double);
    return m;
}

/* Muggeo (2003): with V_j = -I(t > psi_j) added to the hinge model, the
 * coefficients gamma_j give the Gauss-Newton update psi_j + gamma_j/beta_j.
 * Steps are shortened until the objective decreases. */
static void muggeo_polish(struct seg *s, double *psi, double *best)
{
    int it, j;

    for (it = 0; it < 100; it++) {
        double beta[MAXP], trial[MAXK], step[MAXK], h, obj = CT_INF, cur;
        double maxstep = 0;
        size_t p;
        int ok = 0;

        cur = objective(s, psi); /* also refreshes the Poisson warm start */
        if (!isfinite(cur))
            break;
        p = build(s, psi, 1, NULL);
        if (s->fam == CT_SEG_POISSON) {
            memcpy(beta, s->beta, (2 + (size_t)s->k) * sizeof *beta);
            for (j = 0; j < s->k; j++)
                beta[2 + s->k + j] = 0;
            if (ct_si_irls(s->X, s->n, p, s->y, 0, 1, beta, s->mu, NULL, NULL,
                           NULL, s->max_iter, what_of(s), NULL) != CT_OK)
                break;
        } else if (fit(s, p, beta, NULL, NULL, NULL) != CT_OK) {
            break;
        }
        for (j = 0; j < s->k; j++) {
            step[j] = beta[2 + s->k + j] / beta[2 + j];
            if (!isfinite(step[j]))
                return;
            if (fabs(step[j]) > maxstep)
                maxstep = fabs(step[j]);
        }
        if (maxstep < 1e-12)
            break;
        for (h = 1; h > 1e-6; h /= 2) {
            for (j = 0; j < s->k; j++)
                trial[j] = psi[j] + h * step[j];
            obj = objective(s, trial);
            /* a full Gauss-Newton step that leaves the objective unchanged
             * to rounding is still more precise than the previous psi */
            if (obj < cur || (h == 1 && obj <= cur * (1 + 1e-15))) {
                ok = 1;
                break;
            }
        }
        if (!ok)
            break;
        memcpy(psi, trial, (size_t)s->k * sizeof *psi);
        if (obj < *best)
            *best = obj;
        if (maxstep < 1e-10)
            break;
    }
    (void)objective(s, psi);
}

static int search(struct seg *s, double *psi, ct_error *err)
{
    size_t grid = s->k == 1 ? 200 : 80, m, i, j, bi = 0, bj = 0;
    double *c = malloc((grid + s->n) * sizeof *c);
    double best = CT_INF, v, spacing;
    int rc = CT_OK;

    if (c == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    m = candidates(s, c, grid);
    spacing = (s->hi - s->lo) / (double)grid;
    if (s->k == 1) {
        for (i = 0; i < m; i++) {
            v = objective(s, &c[i]);
            if (v < best) {
                best = v;
                bi = i;
            }
        }
    } else {
        for (i = 0; i < m; i++)
            for (j = i + 1; j < m; j++) {
                double p2[2];
                p2[0] = c[i];
                p2[1] = c[j];
                v = objective(s, p2);
                if (v < best) {
                    best = v;
                    bi = i;
                    bj = j;
                }
            }
    }
    if (!isfinite(best)) {
        free(c);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: no admissible breakpoint%s: every segment "
                            "needs 2 observations and a fit that converges",
                            what_of(s), s->k > 1 ? "s" : "");
    }

    if (s->k == 1) {
        double x = c[bi];
        psi[0] = x;
        if (bi > 0 && bi + 1 < m) {
            gsl_min_fminimizer *mn =
                gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
            gsl_function f;
            double a = c[bi - 1], b = c[bi + 1];
            int status, it;

            if (mn == NULL) {
                free(c);
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            }
            f.function = obj1;
            f.params = s;
            if (obj1(a, s) > best && obj1(b, s) > best) {
                status = gsl_min_fminimizer_set(mn, &f, x, a, b);
                for (it = 0; status == GSL_SUCCESS && it < 200; it++) {
                    status = gsl_min_fminimizer_iterate(mn);
                    if (status != GSL_SUCCESS)
                        break;
                    /* absolute tolerance on the offset: a relative one
                     * would be ~1e-5 years on a calendar axis */
                    if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(mn),
                                              gsl_min_fminimizer_x_upper(mn),
                                              1e-11, 0) == GSL_SUCCESS)
                        break;
                }
                if (status == GSL_SUCCESS) {
                    double xm = gsl_min_fminimizer_x_minimum(mn);
                    double vm = objective(s, &xm);
                    if (vm <= best) {
                        psi[0] = xm;
                        best = vm;
                    }
                }
            }
            gsl_min_fminimizer_free(mn);
        }
    } else {
        const gsl_multimin_fminimizer_type *T =
            gsl_multimin_fminimizer_nmsimplex2;
        gsl_multimin_fminimizer *mn = gsl_multimin_fminimizer_alloc(T, 2);
        gsl_vector *x = gsl_vector_alloc(2), *ss = gsl_vector_alloc(2);
        gsl_multimin_function f;
        int status, it;

        psi[0] = c[bi];
        psi[1] = c[bj];
        if (!mn || !x || !ss) {
            rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        } else {
            f.n = 2;
            f.f = obj2;
            f.params = s;
            gsl_vector_set(x, 0, psi[0]);
            gsl_vector_set(x, 1, psi[1]);
            gsl_vector_set_all(ss, spacing);
            status = gsl_multimin_fminimizer_set(mn, &f, x, ss);
            for (it = 0; status == GSL_SUCCESS && it < 5000; it++) {
                status = gsl_multimin_fminimizer_iterate(mn);
                if (status != GSL_SUCCESS)
                    break;
                if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(mn),
                                           1e-11) == GSL_SUCCESS)
                    break;
            }
            if (status == GSL_SUCCESS && mn->fval < best) {
                double p2[2];
                p2[0] = gsl_vector_get(mn->x, 0);
                p2[1] = gsl_vector_get(mn->x, 1);
                v = objective(s, p2);
                if (v <= best) {
                    psi[0] = p2[0];
                    psi[1] = p2[1];
                    best = v;
                }
            }
        }
        gsl_vector_free(ss);
        gsl_vector_free(x);
        gsl_multimin_fminimizer_free(mn);
    }
    free(c);
    if (rc == CT_OK)
        muggeo_polish(s, psi, &best);
    return rc;
}

/* Davies (1987, 2002) test of H0 "no change in slope", exactly as R
 * segmented::davies.test(k, alternative = "two.sided"): the statistic is
 * evaluated at k equally spaced breakpoints between the 2nd smallest and 2nd
 * largest t; the p-value is Davies' upcrossing bound. Gaussian (n <= 300):
 * t statistic of the hinge term, bound with the t density (daviesLM);
 * Poisson: signed root of the deviance drop (type "lrt"), normal bound
 * (daviesGLM). Gaussian with n > 300 uses the Wald version of daviesGLM as R
 * does. */
static int davies(struct seg *s, int k, double dev0, double *p_out,
                  double *best_out, ct_error *err)
{
    double *stat = malloc((size_t)k * sizeof *stat);
    double *aux = malloc((size_t)k * sizeof *aux);
    double *val = malloc((size_t)k * sizeof *val);
    double a = s->t[1], b = s->t[s->n - 2], M = -1, V = 0, best = CT_NAN, p;
    double df = (double)s->n - 3;
    int i, m = 0, lm = s->fam == CT_SEG_GAUSSIAN && s->n <= 300;
    size_t r;

    if (!stat || !aux || !val) {
        free(stat);
        free(aux);
        free(val);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < k; i++) {
        double psi = a + (b - a) * (double)i / (double)(k - 1), beta[3],
               cov[9], obj;
        for (r = 0; r < s->n; r++) {
            double u = s->t[r] - psi;
            s->X[3 * r] = u > 0 ? u : 0;
            s->X[3 * r + 1] = 1;
            s->X[3 * r + 2] = s->t[r] - s->tref;
        }
        if (s->fam == CT_SEG_GAUSSIAN) {
            if (ct_si_wls(s->X, s->n, 3, NULL, s->y, beta, cov, &obj,
                          what_of(s), NULL) != CT_OK)
                continue;
            if (lm) {
                double sigma = sqrt(obj / df), z = beta[0] / sqrt(cov[0]);
                stat[m] = beta[0] / (sigma * sqrt(cov[0]));
                aux[m] = z * z / (z * z + obj);
            } else {
                stat[m] = beta[0] / sqrt(cov[0] * obj / df);
            }
        } else {
            if (ct_si_irls(s->X, s->n, 3, s->y, 0, 0, beta, s->mu, NULL, &obj,
                           NULL, s->max_iter, what_of(s), NULL) != CT_OK)
                continue;
            if (dev0 - obj < 0) /* sqrt(<0) is NaN and dropped in R */
                continue;
            stat[m] = sqrt(dev0 - obj) * (beta[0] > 0 ? 1 : beta[0] < 0 ? -1 : 0);
        }
        val[m] = psi;
        m++;
    }
    if (m < 2) {
        free(stat);
        free(aux);
        free(val);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: Davies' test could not be evaluated",
                            what_of(s));
    }
    for (i = 0; i < m; i++) {
        if (fabs(stat[i]) > M) {
            M = fabs(stat[i]);
            best = val[i];
        }
        if (i > 0)
            V += lm ? fabs(asin(sqrt(aux[i])) - asin(sqrt(aux[i - 1])))
                    : fabs(stat[i] - stat[i - 1]);
    }
    if (lm) {
        double u = M * M / (df + M * M);
        double approx = V * pow(1 - u, (df - 1) / 2) *
                        exp(gsl_sf_lngamma(df / 2 + 0.5) -
                            gsl_sf_lngamma(df / 2)) /
                        (2 * sqrt(CT_PI));
        p = 2 * (0.5 * ct_si_p_t2(M, df) + approx);
    } else {
        p = 2 * (0.5 * ct_si_p_norm2(M) + V * exp(-M * M / 2) /
                                              sqrt(8 * CT_PI));
    }
    *p_out = p < 1 ? p : 1;
    *best_out = best;
    free(stat);
    free(aux);
    free(val);
    return CT_OK;
}

/* type-7 quantile of sorted t (R quantile default) */
static double tquant(const double *t, size_t n, double p)
{
    return ct_si_quantile_sorted(t, n, p);
}

int ct_stats_segmented(ct_segmented_result *out, const double *t,
                       const double *y, size_t n,
                       const ct_segmented_options *opt, ct_error *err)
{
    static const ct_segmented_options defaults = CT_SEGMENTED_OPTIONS_INIT;
    struct seg s;
    double psi[MAXK], beta[MAXP], cov[MAXP * MAXP], scale[MAXK], obj, dev0;
    double alpha, q, ppy;
    size_t p, i, min_n;
    int j, rc, k;

    if (opt == NULL)
        opt = &defaults;
    memset(&s, 0, sizeof s);
    s.fam = opt->family;
    if (s.fam != CT_SEG_GAUSSIAN && s.fam != CT_SEG_POISSON)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: unknown family %d", (int)opt->family);
    if (opt->n_breaks < 1 || opt->n_breaks > MAXK)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: the number of breakpoints must be 1 "
                            "or 2, got %d", opt->n_breaks);
    if (opt->davies_k < 2)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "segmented: Davies' test needs at least 2 "
                            "evaluation points, got %d", opt->davies_k);
    k = opt->n_breaks;
    rc = ct_si_check_common(what_of(&s), opt->level, opt->periods_per_year,
                            err);
    if (rc != CT_OK)
        return rc;
    min_n = 4 * ((size_t)k + 1);
    rc = ct_si_check_series(what_of(&s), t, y, n, min_n,
                            CT_SI_SORTED |
                                (s.fam == CT_SEG_POISSON ? CT_SI_COUNTS : 0u),
                            err);
    if (rc != CT_OK)
        return rc;
    ppy = opt->periods_per_year;

    s.t = t;
    s.y = y;
    s.n = n;
    s.k = k;
    s.max_iter = 100;
    for (i = 0; i < n; i++)
        s.tref += t[i];
    s.tref /= (double)n;
    /* R segmented's admissible range: quantiles alpha and 1 - alpha of t,
     * alpha = max(0.05, 1/n) */
    alpha = 1.0 / (double)n > 0.05 ? 1.0 / (double)n : 0.05;
    s.lo = tquant(t, n, alpha);
    s.hi = tquant(t, n, 1 - alpha);
    s.X = malloc(n * MAXP * sizeof *s.X);
    s.mu = malloc(n * sizeof *s.mu);
    if (!s.X || !s.mu) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }

    /* the model without a break: reference objective and Davies' H0 */
    for (i = 0; i < n; i++) {
        s.X[2 * i] = 1;
        s.X[2 * i + 1] = t[i] - s.tref;
    }
    if (s.fam == CT_SEG_POISSON) {
        ct_glm_result g;
        ct_glm_options go = CT_GLM_OPTIONS_INIT;
        go.periods_per_year = ppy;
        rc = ct_stats_glm(&g, CT_GLM_POISSON, t, y, n, &go, err);
        if (rc != CT_OK)
            goto done;
        dev0 = g.deviance;
    } else {
        rc = ct_si_wls(s.X, n, 2, NULL, y, beta, NULL, &dev0, what_of(&s),
                       err);
        if (rc != CT_OK)
            goto done;
        if (!(dev0 > 0)) {
            rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                              "%s: the values lie exactly on a line: "
                              "there is no break to find", what_of(&s));
            goto done;
        }
    }

    rc = search(&s, psi, err);
    if (rc != CT_OK)
        goto done;

    /* final hinge fit at psi-hat */
    p = build(&s, psi, 0, NULL);
    rc = fit(&s, p, beta, NULL, &obj, err);
    if (rc != CT_OK)
        goto done;
    if (s.fam == CT_SEG_GAUSSIAN && !(obj > 0)) {
        rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                          "%s: the segmented line fits exactly: standard "
                          "errors are undefined", what_of(&s));
        goto done;
    }
    /* Inference as R segmented (Muggeo 2003, 2008): covariance of the model
     * with columns V_j = -beta_j I(t > psi_j), whose coefficients are the
     * breakpoint displacements; sigma^2 = RSS / (n - 2 - 2k). */
    {
        double b2[MAXP], rss_dummy, df = (double)n - 2 - 2 * (double)k;
        size_t pf;
        for (j = 0; j < k; j++)
            scale[j] = beta[2 + j];
        pf = build(&s, psi, 2, scale);
        if (s.fam == CT_SEG_GAUSSIAN) {
            rc = ct_si_wls(s.X, n, pf, NULL, y, b2, cov, &rss_dummy,
                           what_of(&s), err);
            if (rc == CT_OK)
                for (i = 0; i < pf * pf; i++)
                    cov[i] *= obj / df;
        } else {
            /* Fisher information at the hinge fit: weights mu */
            double *z = malloc(n * sizeof *z), *w = malloc(n * sizeof *w);
            if (!z || !w) {
                free(z);
                free(w);
                rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
                goto done;
            }
            for (i = 0; i < n; i++) {
                size_t c;
                double eta = 0;
                for (c = 0; c < p; c++) {
                    double u = c == 0 ? 1
                               : c == 1 ? t[i] - s.tref
                                        : (t[i] > psi[c - 2] ? t[i] - psi[c - 2] : 0);
                    eta += u * beta[c];
                }
                w[i] = exp(eta);
                z[i] = eta;
            }
            rc = ct_si_wls(s.X, n, pf, w, z, b2, cov, NULL, what_of(&s), err);
            free(z);
            free(w);
        }
        if (rc != CT_OK) {
            /* singular: a breakpoint at the edge of the data */
            goto done;
        }
        out->df = df;
        q = s.fam == CT_SEG_GAUSSIAN ? ct_si_q_t((1 - opt->level) / 2, df)
                                     : ct_si_q_norm((1 - opt->level) / 2);
        for (j = 0; j < MAXK; j++) {
            out->psi[j] = CT_NAN;
            out->psi_se[j] = CT_NAN;
            out->psi_ci[j][0] = out->psi_ci[j][1] = CT_NAN;
        }
        for (j = 0; j < k; j++) {
            size_t c = 2 + (size_t)k + (size_t)j;
            out->psi[j] = psi[j];
            out->psi_se[j] = sqrt(cov[c * pf + c]);
            out->psi_ci[j][0] = psi[j] - q * out->psi_se[j];
            out->psi_ci[j][1] = psi[j] + q * out->psi_se[j];
        }
        for (j = 0; j <= MAXK; j++) {
            out->slope[j] = out->slope_se[j] = out->slope_p[j] = CT_NAN;
            out->slope_ci[j][0] = out->slope_ci[j][1] = CT_NAN;
            out->percent_per_year[j] = CT_NAN;
            out->percent_ci[j][0] = out->percent_ci[j][1] = CT_NAN;
        }
        for (j = 0; j <= k; j++) {
            /* slope of segment j: beta_t + sum_{m<j} beta_U_m */
            size_t idx[MAXK + 1], m, a, bb;
            double est = 0, var = 0;
            idx[0] = 1;
            for (m = 1; m <= (size_t)j; m++)
                idx[m] = 1 + m;
            for (a = 0; a <= (size_t)j; a++) {
                est += beta[idx[a]];
                for (bb = 0; bb <= (size_t)j; bb++)
                    var += cov[idx[a] * pf + idx[bb]];
            }
            out->slope[j] = est * ppy;
            out->slope_se[j] = sqrt(var) * ppy;
            out->slope_ci[j][0] = out->slope[j] - q * out->slope_se[j];
            out->slope_ci[j][1] = out->slope[j] + q * out->slope_se[j];
            out->slope_p[j] =
                s.fam == CT_SEG_GAUSSIAN
                    ? ct_si_p_t2(out->slope[j] / out->slope_se[j], df)
                    : ct_si_p_norm2(out->slope[j] / out->slope_se[j]);
            if (s.fam == CT_SEG_POISSON) {
                out->percent_per_year[j] = 100 * (exp(out->slope[j]) - 1);
                out->percent_ci[j][0] = 100 * (exp(out->slope_ci[j][0]) - 1);
                out->percent_ci[j][1] = 100 * (exp(out->slope_ci[j][1]) - 1);
            }
        }
        /* linear predictor at t = 0 */
        out->intercept = beta[0] - beta[1] * s.tref;
        for (j = 0; j < k; j++)
            if (psi[j] < 0)
                out->intercept += beta[2 + j] * (0 - psi[j]);
    }
    out->family = s.fam;
    out->n_breaks = k;
    out->n = n;
    out->level = opt->level;
    out->objective = obj;
    out->objective_linear = dev0;
    rc = davies(&s, opt->davies_k, dev0, &out->davies_p, &out->davies_psi,
                err);
done:
    free(s.mu);
    free(s.X);
    return rc;
}
