/* SPDX-License-Identifier: MIT
 * stats_internal.h - helpers shared by the files of src/stats (not
 * installed). Prefix ct_si_ ("stats internal"). GSL is used only behind
 * these declarations and in the files of src/stats.
 */
#ifndef CT_STATS_INTERNAL_H
#define CT_STATS_INTERNAL_H

#include <stddef.h>

#include "ctrend/stats.h"

/* double-typed NAN and INFINITY (the C macros are float: -Wdouble-promotion) */
#define CT_NAN ((double)NAN)
#define CT_INF ((double)INFINITY)

/* ct_si_check_series flags */
#define CT_SI_SORTED 1u   /* t strictly increasing                         */
#define CT_SI_COUNTS 2u   /* y >= 0                                        */
#define CT_SI_INTEGER 4u  /* y integer-valued                              */

/* Validates n >= min_n, finite t and y, and the flags; messages start with
 * `what` ("poisson: ..."). */
int ct_si_check_series(const char *what, const double *t, const double *y,
                       size_t n, size_t min_n, unsigned flags, ct_error *err);
/* A workspace was given (have != 0; else CT_EUSAGE) and holds n
 * observations (n <= n_max; else CT_ELIMIT). */
int ct_si_check_ws(int have, size_t n, size_t n_max, const char *what,
                   ct_error *err);
/* Validates 0 < level < 1 and periods_per_year > 0 (finite). */
int ct_si_check_common(const char *what, double level, double ppy,
                       ct_error *err);

/* Two-sided p-values and upper quantiles: P(|T| > |x|), and q with
 * P(T > q) = p. The df versions need df > 0. */
double ct_si_p_norm2(double z);
double ct_si_p_t2(double t, double df);
double ct_si_q_norm(double upper);
double ct_si_q_t(double upper, double df);

/* Scratch memory of the least-squares solve and the IRLS below, for up to
 * n_max observations and p_max coefficients. NULL when out of memory. A
 * call with a workspace gives exactly the numbers of the call without one
 * (GSL computes on views of the same layout). One thread at a time. */
typedef struct ct_si_ws ct_si_ws;
ct_si_ws *ct_si_ws_alloc(size_t n_max, size_t p_max);
void ct_si_ws_free(ct_si_ws *w);

/* Weighted least squares: beta = argmin sum w_i (z_i - X_i beta)^2 with X
 * row-major n x p (w NULL means 1). cov (p x p, may be NULL) receives
 * (X'WX)^-1; rss (may be NULL) the weighted residual sum of squares.
 * CT_EDOMAIN when X'WX is singular (rank < p). The _ws form uses ws
 * (CT_ELIMIT when n or p exceed it); the other allocates one. */
int ct_si_wls(const double *X, size_t n, size_t p, const double *w,
              const double *z, double *beta, double *cov, double *rss,
              const char *what, ct_error *err);
int ct_si_wls_ws(const double *X, size_t n, size_t p, const double *w,
                 const double *z, double *beta, double *cov, double *rss,
                 const char *what, ct_si_ws *ws, ct_error *err);

/* Log-link IRLS for counts: Poisson when theta is 0 or infinite, NB2 with
 * size theta otherwise. beta (p) is the start when start != 0, and receives
 * the estimate; mu (n) the fitted means; cov (p x p, may be NULL) the inverse
 * Fisher information at the estimate; deviance (may be NULL) the deviance of
 * the family; iter (may be NULL) the iterations. Convergence: the linear
 * predictor changes by less than 1e-11 (1 + |eta|) in one step; otherwise
 * CT_EDOMAIN after max_iter steps (separation makes eta diverge). The _ws
 * form uses ws; the other allocates one. */
int ct_si_irls(const double *X, size_t n, size_t p, const double *y,
               double theta, int start, double *beta, double *mu,
               double *cov, double *deviance, int *iter, int max_iter,
               const char *what, ct_error *err);
int ct_si_irls_ws(const double *X, size_t n, size_t p, const double *y,
                  double theta, int start, double *beta, double *mu,
                  double *cov, double *deviance, int *iter, int max_iter,
                  const char *what, ct_si_ws *ws, ct_error *err);

/* Deviance of counts y under means mu: Poisson (theta 0 or inf) or NB2. */
double ct_si_count_deviance(const double *y, const double *mu, size_t n,
                            double theta);
/* Log-likelihood of counts y under means mu: Poisson or NB2. */
double ct_si_count_loglik(const double *y, const double *mu, size_t n,
                          double theta);

/* Quantile of type 7 (R's default) of sorted x[0..n-1], 0 <= p <= 1. */
double ct_si_quantile_sorted(const double *x, size_t n, double p);
/* Sorts x in place and returns its median. */
double ct_si_median_inplace(double *x, size_t n);

/* Golden-section minimisation of f(obj, psi) over psi[which] in [*a, *c],
 * the other entries of psi fixed: f at the two inner points (lower one
 * first), then one evaluation per step, at most 60 steps, until
 * *c - *a <= tol. psi[which] is set before each evaluation; *a and *c
 * receive the final bracket. */
void ct_si_golden(double (*f)(void *obj, double *psi), void *obj,
                  double *psi, int which, double *a, double *c, double tol);

/* Running sums of (1, u, v, u^2, uv, v^2) with u = t - tc, v = y - yc, in
 * long double: P[k (n + 1) + i] is the sum of term k over the first i
 * observations (P holds 6 (n + 1) values; P[k (n + 1)] = 0). */
void ct_si_moment_sums(const double *t, const double *y, size_t n,
                       double tc, double yc, long double *P);

/* Sen's slope (per period) over all pairs with t_i != t_j; t need not be
 * sorted or distinct (bootstrap samples). CT_EDOMAIN with no such pair.
 * pairs: scratch of n(n-1)/2 + 1 doubles, or NULL to allocate it. */
int ct_si_sen_slope(const double *t, const double *y, size_t n,
                    double *slope, double *pairs, ct_error *err);

/* Workspaces of ct_si_statistic for one statistic and series of up to
 * n_max observations (resample.c): those the statistic needs, made once
 * per bootstrap or scan. */
typedef struct ct_si_stat_ws {
    size_t n_max;
    ct_glm_workspace *glm;   /* count models                               */
    ct_mk_workspace *mk;     /* Sen with inference (n_max <= pairwise max) */
    double *pairs;           /* Sen's slope alone: n_max(n_max-1)/2 + 1    */
} ct_si_stat_ws;

/* CT_ENOMEM when a workspace cannot be made. */
int ct_si_stat_ws_init(ct_si_stat_ws *w, ct_statistic s, size_t n_max,
                       int infer, ct_error *err);
void ct_si_stat_ws_done(ct_si_stat_ws *w);

/* Slope statistic by name, for the bootstrap and the scan: slope per year,
 * and when ci and p are not NULL the interval and two-sided p-value. w (may
 * be NULL) supplies the scratch memory for series it is large enough for. */
int ct_si_statistic(ct_statistic s, const double *t, const double *y,
                    size_t n, double level, double ppy, int hac_lag,
                    double *slope, double *ci, double *p, ct_si_stat_ws *w,
                    ct_error *err);

#endif /* CT_STATS_INTERNAL_H */
