/* SPDX-License-Identifier: MIT
 * segmented_infer.c - inference at the estimated breakpoints as in R
 * segmented (Muggeo 2003, 2008), and Davies' test for a change in slope,
 * for ct_stats_segmented.
 */
#include "stats/segmented_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sf_gamma.h>

/* Covariance (pf x pf into cov) of the model with columns V_j = -beta_j
 * I(t > psi_j), whose coefficients are the breakpoint displacements;
 * sigma^2 = RSS / (n - 2 - 2k). At a limit of the fit (something not
 * estimable) every entry is NAN and no breakpoint SE is given. */
static int infer_cov(struct seg *s, ct_segmented_result *out,
                     const double *psi, const double *beta, size_t p,
                     double obj, double *cov, size_t *pf_out, ct_error *err)
{
    const double *t = s->t, *y = s->y;
    size_t n = s->n, i, pf;
    int j, k = s->k, rc, ok = 1;
    double b2[MAXP], rss_dummy, scale[MAXK], df = (double)n - 2 - 2 * (double)k;

    for (j = 0; j < k; j++)
        scale[j] = out->psi_estimable[j] ? beta[2 + j] : 1;
    pf = ct_si_seg_build(s, psi, 2, scale);
    *pf_out = pf;
    if (s->fam == CT_SEG_GAUSSIAN) {
        rc = ct_si_wls(s->X, n, pf, NULL, y, b2, cov, &rss_dummy,
                       ct_si_seg_what(s), err);
        if (rc == CT_OK)
            for (i = 0; i < pf * pf; i++)
                cov[i] *= obj / df;
    } else {
        /* Fisher information at the hinge fit: weights mu */
        double *z = malloc(n * sizeof *z), *w = malloc(n * sizeof *w);
        if (!z || !w) {
            free(z);
            free(w);
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        }
        for (i = 0; i < n; i++) {
            size_t c;
            double eta = 0;
            for (c = 0; c < p; c++) {
                double u = c == 0 ? 1
                           : c == 1 ? t[i] - s->tref
                                    : (t[i] > psi[c - 2] ? t[i] - psi[c - 2] : 0);
                eta += u * beta[c];
            }
            w[i] = exp(eta);
            z[i] = eta;
        }
        rc = ct_si_wls(s->X, n, pf, w, z, b2, cov, NULL, ct_si_seg_what(s),
                       err);
        free(z);
        free(w);
    }
    for (j = 0; j < k; j++)
        if (!out->psi_estimable[j])
            ok = 0;
    for (j = 0; j <= k; j++)
        if (!out->slope_estimable[j])
            ok = 0;
    if (rc != CT_OK && ok) {
        /* singular: a breakpoint not identified by the data */
        return rc;
    }
    if (!ok) {
        /* at a limit of the fit the information matrix is singular or
         * meaningless: no standard error is reported */
        for (i = 0; i < pf * pf; i++)
            cov[i] = CT_NAN;
        for (j = 0; j < k; j++)
            out->psi_estimable[j] = 0;
    }
    out->df = df;
    return CT_OK;
}

int ct_si_seg_infer(struct seg *s, ct_segmented_result *out,
                    const double *psi, const double *beta, size_t p,
                    double obj, ct_error *err)
{
    double cov[MAXP * MAXP], q, df, ppy = s->opt->periods_per_year;
    size_t pf;
    int j, k = s->k, rc;

    rc = infer_cov(s, out, psi, beta, p, obj, cov, &pf, err);
    if (rc != CT_OK)
        return rc;
    df = out->df;
    q = s->fam == CT_SEG_GAUSSIAN ? ct_si_q_t((1 - s->opt->level) / 2, df)
                                 : ct_si_q_norm((1 - s->opt->level) / 2);
    for (j = 0; j < MAXK; j++) {
        out->psi[j] = CT_NAN;
        out->psi_se[j] = CT_NAN;
        out->psi_ci[j][0] = out->psi_ci[j][1] = CT_NAN;
    }
    for (j = 0; j < k; j++) {
        size_t c = 2 + (size_t)k + (size_t)j;
        out->psi[j] = psi[j];
        if (!out->psi_estimable[j])
            continue;
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
        if (!out->slope_estimable[j])
            continue;
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
            s->fam == CT_SEG_GAUSSIAN
                ? ct_si_p_t2(out->slope[j] / out->slope_se[j], df)
                : ct_si_p_norm2(out->slope[j] / out->slope_se[j]);
        if (s->fam == CT_SEG_POISSON) {
            out->percent_per_year[j] = 100 * (exp(out->slope[j]) - 1);
            out->percent_ci[j][0] = 100 * (exp(out->slope_ci[j][0]) - 1);
            out->percent_ci[j][1] = 100 * (exp(out->slope_ci[j][1]) - 1);
        }
    }
    /* linear predictor at t = 0 */
    out->intercept = beta[0] - beta[1] * s->tref;
    for (j = 0; j < k; j++)
        if (psi[j] < 0)
            out->intercept += beta[2 + j] * (0 - psi[j]);
    return CT_OK;
}

/* Davies (1987, 2002) test of H0 "no change in slope", exactly as R
 * segmented::davies.test(k, alternative = "two.sided"): the statistic is
 * evaluated at k equally spaced breakpoints between the 2nd smallest and 2nd
 * largest t; the p-value is Davies' upcrossing bound. Gaussian (n <= 300):
 * t statistic of the hinge term, bound with the t density (daviesLM);
 * Poisson: signed root of the deviance drop (type "lrt"), normal bound
 * (daviesGLM). Gaussian with n > 300 uses the Wald version of daviesGLM as R
 * does. */
int ct_si_seg_davies(struct seg *s, int k, double dev0, double *p_out,
                  double *best_out, int *used, int *skipped, ct_error *err)
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
        /* Poisson: where the model with a break at psi has no finite MLE
         * (e.g. psi inside a leading run of zeros) its deviance is an
         * infimum, not a fit; R's glm stops at an arbitrary point there.
         * Such points are skipped and counted. */
        if (s->fam == CT_SEG_POISSON && !ct_si_seg_mle_exists(s, &psi, 1, NULL)) {
            (*skipped)++;
            continue;
        }
        for (r = 0; r < s->n; r++) {
            double u = s->t[r] - psi;
            s->X[3 * r] = u > 0 ? u : 0;
            s->X[3 * r + 1] = 1;
            s->X[3 * r + 2] = s->t[r] - s->tref;
        }
        if (s->fam == CT_SEG_GAUSSIAN) {
            if (ct_si_wls(s->X, s->n, 3, NULL, s->y, beta, cov, &obj,
                          ct_si_seg_what(s), NULL) != CT_OK)
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
                           NULL, s->max_iter, ct_si_seg_what(s), NULL) != CT_OK) {
                (*skipped)++;
                continue;
            }
            if (dev0 - obj < 0) /* sqrt(<0) is NaN and dropped in R */
                continue;
            stat[m] = sqrt(dev0 - obj) * (beta[0] > 0 ? 1 : beta[0] < 0 ? -1 : 0);
        }
        val[m] = psi;
        m++;
    }
    *used = m;
    if (m < 2) {
        free(stat);
        free(aux);
        free(val);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: Davies' test could not be evaluated (%d of "
                            "%d evaluation points have no finite fit)",
                            ct_si_seg_what(s), *skipped, k);
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
