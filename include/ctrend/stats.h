/* SPDX-License-Identifier: MIT
 * stats.h - trend models and tests on one series y(t).
 *
 * Every function reads plain arrays: t[i] is the time of observation i in
 * "periods" (years, or months, or any unit: opt->periods_per_year says how
 * many periods make a year) and y[i] its value (a count for the count models).
 * Slopes are always reported per YEAR: a slope per period is multiplied by
 * periods_per_year. Breakpoints and window limits stay in the units of t.
 *
 * Conventions shared by all functions here:
 *  - The caller owns every result struct; the function fills it completely
 *    (numbers it cannot define are NAN) and returns CT_OK, or returns a
 *    negative CT_E* code and explains in err (which may be NULL). On failure
 *    the result's contents are unspecified.
 *  - Time-series methods (everything except ct_stats_ols) need t strictly
 *    increasing; all inputs must be finite. Count models need y >= 0.
 *  - Nothing prints, exits or keeps state between calls. Scratch memory is
 *    allocated inside the call and freed before it returns (CT_ENOMEM on
 *    failure): the largest need is n(n-1)/2 doubles for the pairwise slopes of
 *    Mann-Kendall/Sen, which is why n is limited to CT_STATS_PAIRWISE_MAX
 *    there (CT_ELIMIT beyond).
 *  - Workspaces (GSL style), for a model refitted many times: the count
 *    models and Mann-Kendall also come as ct_stats_X_ws, which takes its
 *    scratch memory from a ct_X_workspace instead of allocating it.
 *    ct_stats_X_workspace_alloc(n_max) makes one for series of up to n_max
 *    observations (NULL when out of memory or n_max is 0 or too large);
 *    the caller owns it and frees it with ct_stats_X_workspace_free (NULL
 *    does nothing). One workspace serves calls of any n <= n_max (CT_ELIMIT
 *    beyond) and carries nothing from one call to the next: a call with a
 *    workspace gives exactly the numbers of the call without one. A
 *    workspace must not be used by two threads at once; give each thread
 *    its own. ct_stats_ols allocates nothing and needs none; the bootstrap
 *    and the window scan make theirs once per call.
 *  - Options pointers may be NULL, meaning the *_OPTIONS_INIT defaults.
 *  - Confidence levels are in (0, 1); p-values are two-sided.
 */
#ifndef CT_STATS_H
#define CT_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ctrend/error.h"

/* Largest n for the pairwise methods (Mann-Kendall, Sen, Hamed-Rao). */
#define CT_STATS_PAIRWISE_MAX 5000

/* hac_lag value asking for the Newey-West (1994) rule floor(4 (n/100)^(2/9)). */
#define CT_HAC_LAG_AUTO (-1)

/* ---------------------------------------------------------------- OLS --- */

typedef struct ct_ols_options {
    double level;            /* confidence level, default 0.95              */
    double periods_per_year; /* units of t per year (1 years, 12 months)    */
    int hac_lag;             /* Newey-West lag in observations, >= 0, or
                                CT_HAC_LAG_AUTO                              */
} ct_ols_options;

#define CT_OLS_OPTIONS_INIT                                                  \
    {.level = 0.95, .periods_per_year = 1.0, .hac_lag = CT_HAC_LAG_AUTO}

typedef struct ct_ols_result {
    size_t n;              /* observations used                             */
    double df;             /* residual degrees of freedom, n - 2            */
    double level;          /* confidence level of the intervals             */
    double intercept;      /* fitted y at t = 0, in units of y              */
    double intercept_se;   /* classical standard error of the intercept     */
    double slope;          /* change of y per year                          */
    double slope_se;       /* classical standard error, per year            */
    double slope_t;        /* slope / slope_se                              */
    double p_value;        /* two-sided, t distribution with df             */
    double slope_ci[2];    /* classical t interval, per year                */
    int hac_lag;           /* Newey-West lag actually used (observations)   */
    double slope_se_hac;   /* Newey-West (Bartlett) standard error, per year */
    double slope_t_hac;    /* slope / slope_se_hac                          */
    double p_value_hac;    /* two-sided, t distribution with df             */
    double slope_ci_hac[2];/* t interval with the Newey-West SE, per year   */
    double r_squared;      /* coefficient of determination                  */
    double sigma;          /* residual standard error, units of y           */
} ct_ols_result;

/* Least-squares line y = a + b t with classical and Newey-West (HAC)
 * standard errors. Rows must be in time order for the HAC errors to mean
 * anything (t itself need not be sorted: the NIST Norris data are not).
 * Needs n >= 3, two distinct t and a non-zero residual (CT_EDOMAIN). */
int ct_stats_ols(ct_ols_result *out, const double *t, const double *y,
                 size_t n, const ct_ols_options *opt, ct_error *err);

/* ----------------------------------------------------- count regression --- */

typedef enum ct_glm_family {
    CT_GLM_POISSON = 0,      /* Poisson, log link, dispersion 1              */
    CT_GLM_QUASIPOISSON = 1, /* Poisson fit, SEs scaled by Pearson dispersion */
    CT_GLM_NEGBIN = 2        /* negative binomial NB2, theta by ML           */
} ct_glm_family;

typedef struct ct_glm_options {
    double level;            /* confidence level, default 0.95              */
    double periods_per_year; /* units of t per year                         */
    int max_iter;            /* IRLS iteration cap (default 100)            */
    int nb_small_sample;     /* negbin only. 1 (default): intervals and
                                p-values use SE x sqrt(max(1, dispersion))
                                and t(n-2), because glm.nb's Wald interval
                                covers only ~93% at n = 30 (see
                                tests/bench/calibrate.c); 0: exactly
                                MASS::glm.nb (model SE, normal)            */
} ct_glm_options;

#define CT_GLM_OPTIONS_INIT                                                  \
    {.level = 0.95, .periods_per_year = 1.0, .max_iter = 100,               \
     .nb_small_sample = 1}

typedef struct ct_glm_result {
    ct_glm_family family;  /* the model fitted                              */
    size_t n;              /* observations used                             */
    double df;             /* residual degrees of freedom, n - 2            */
    double level;          /* confidence level of the intervals             */
    double intercept;      /* log mean at t = 0                             */
    double intercept_se;   /* its standard error                            */
    double slope;          /* change of log mean per year                   */
    double slope_se;       /* standard error used for inference, per year:
                              slope_se_model x se_scale                     */
    double slope_se_model; /* model-based SE, inverse Fisher information
                              (what R glm / glm.nb summary reports for
                              poisson and negbin)                           */
    double se_scale;       /* 1; sqrt(dispersion) for quasi-Poisson;
                              sqrt(max(1, dispersion)) for small-sample NB  */
    int t_based;           /* 1: z is a t(df) statistic (quasi-Poisson,
                              small-sample NB); 0: normal                   */
    double z;              /* slope / slope_se                              */
    double p_value;        /* two-sided, normal or t(df) (t_based)          */
    double slope_ci[2];    /* slope -+ q slope_se, q normal or t(df)        */
    double irr;            /* incidence rate ratio per year, exp(slope)     */
    double irr_ci[2];      /* exp(slope_ci)                                 */
    double percent_per_year;  /* 100 (irr - 1)                              */
    double percent_ci[2];  /* 100 (irr_ci - 1)                              */
    double deviance;       /* residual deviance of the fitted family        */
    double null_deviance;  /* deviance of the constant-mean model           */
    double pearson_chi2;   /* sum (y - mu)^2 / V(mu)                        */
    double dispersion;     /* pearson_chi2 / df (1 means no over-dispersion) */
    double loglik;         /* maximised log-likelihood (Poisson for quasi)  */
    double aic;            /* -2 loglik + 2 k (k = 2, or 3 with theta)      */
    int iterations;        /* IRLS steps; negbin: profile fits evaluated    */
    size_t n_noninteger;   /* counts that are not whole numbers (accepted:
                              the quasi-likelihood is defined for them, but
                              a Poisson or NB model of such data is dubious;
                              the CLI warns)                                */
    /* negative binomial only (NAN / 0 otherwise): */
    double theta;          /* NB2 size: Var = mu + mu^2/theta; INFINITY when
                              the data show no over-dispersion              */
    double theta_se;       /* from the observed information; NAN if infinite */
    int theta_infinite;    /* 1: ML theta is infinite, so the NB fit is the
                              Poisson fit (reported as such)                */
    double lr_stat;        /* 2 (loglik NB - loglik Poisson), >= 0          */
    double lr_p_value;     /* H0 Poisson; 0.5 P(chi2_1 > lr_stat) (boundary) */
} ct_glm_result;

/* Log-linear trend log E[y] = a + b t for counts (IRLS; Nelder &
 * Wedderburn 1972, McCullagh & Nelder 1989 ch. 2 and 6). For CT_GLM_NEGBIN,
 * theta is estimated by maximum likelihood, the estimate of MASS::glm.nb
 * (Venables & Ripley 2002, 7.4), found as the root of the profile score in
 * log theta (robust where glm.nb's alternation fails to settle); its
 * intervals and p-values follow opt->nb_small_sample. Needs n >= 3 and
 * y >= 0. Refuses (CT_EDOMAIN, saying which) exactly the inputs without a
 * finite maximum-likelihood estimate: all counts zero, or every non-zero
 * count at the first or every one at the last time (separation). Non-zero
 * counts at one interior time only do have a finite estimate and are
 * fitted. Quasi-Poisson also refuses counts that follow the trend exactly
 * (Pearson dispersion 0: a constant series), where its SE would be 0. */
int ct_stats_glm(ct_glm_result *out, ct_glm_family family, const double *t,
                 const double *y, size_t n, const ct_glm_options *opt,
                 ct_error *err);

/* Scratch memory of ct_stats_glm_ws for up to n_max observations (see
 * "Workspaces" at the top). Opaque. */
typedef struct ct_glm_workspace ct_glm_workspace;
ct_glm_workspace *ct_stats_glm_workspace_alloc(size_t n_max);
void ct_stats_glm_workspace_free(ct_glm_workspace *w);
/* ct_stats_glm with its scratch memory from w (not NULL: CT_EUSAGE). */
int ct_stats_glm_ws(ct_glm_result *out, ct_glm_family family, const double *t,
                    const double *y, size_t n, const ct_glm_options *opt,
                    ct_glm_workspace *w, ct_error *err);

/* ------------------------------------------------ Mann-Kendall and Sen --- */

typedef enum ct_mk_correction {
    CT_MK_NONE = 0,      /* Kendall (1975) variance with tie correction     */
    CT_MK_HAMED_RAO = 1  /* Hamed & Rao (1998) autocorrelation correction   */
} ct_mk_correction;

typedef struct ct_mk_options {
    double level;              /* confidence level of Sen's CI             */
    double periods_per_year;   /* units of t per year                      */
    ct_mk_correction correction;
    double acf_level;          /* Hamed-Rao: rank autocorrelations count only
                                  when outside +-z_{(1+acf_level)/2}/sqrt(n) */
    size_t max_lag;            /* Hamed-Rao: lags used, 0 = all (n - 1)    */
} ct_mk_options;

#define CT_MK_OPTIONS_INIT                                                   \
    {.level = 0.95, .periods_per_year = 1.0, .correction = CT_MK_NONE,      \
     .acf_level = 0.95, .max_lag = 0}

typedef struct ct_mk_result {
    size_t n;              /* observations                                  */
    ct_mk_correction correction;
    double level;          /* confidence level of sen_ci                    */
    double S;              /* Mann-Kendall S = sum sign(y_j - y_i), i < j   */
    double var_S;          /* Var S under H0 with tie correction            */
    double var_S_used;     /* var_S * correction_factor                     */
    double correction_factor; /* n/n* of Hamed-Rao (1 without correction)   */
    double correction_raw; /* n/n* as estimated, before the guard           */
    int correction_guarded;/* 1: the estimated n/n* was <= 0 (Var S would be
                              negative); the uncorrected variance was used  */
    size_t significant_lags; /* Hamed-Rao: autocorrelations used            */
    double z;              /* (S -+ 1)/sqrt(var_S_used), 0 when S = 0       */
    double p_value;        /* two-sided normal                              */
    double tau;            /* Kendall's tau-b of (t, y)                     */
    double tau_a;          /* S / (n(n-1)/2)                                */
    double sen_slope;      /* median pairwise slope, per year               */
    double sen_ci[2];      /* Sen (1968) interval from var_S_used, per year */
    int sen_ci_clamped;    /* 1: a rank of the interval fell outside 1..N
                              pairs (small n), so a limit is the extreme
                              pairwise slope and the coverage exceeds level */
    double sen_intercept;  /* median of y - slope t (t in periods)          */
} ct_mk_result;

/* Mann-Kendall trend test (Mann 1945; Kendall 1975) with Sen's slope and
 * its confidence interval (Sen 1968; Gilbert 1987 ch. 16); optionally with
 * the Hamed-Rao (1998) variance correction for autocorrelated series.
 * Needs 4 <= n <= CT_STATS_PAIRWISE_MAX and not all y equal. */
int ct_stats_mann_kendall(ct_mk_result *out, const double *t, const double *y,
                          size_t n, const ct_mk_options *opt, ct_error *err);

/* Scratch memory of ct_stats_mann_kendall_ws for up to n_max observations
 * (n_max <= CT_STATS_PAIRWISE_MAX; see "Workspaces" at the top). Opaque. */
typedef struct ct_mk_workspace ct_mk_workspace;
ct_mk_workspace *ct_stats_mk_workspace_alloc(size_t n_max);
void ct_stats_mk_workspace_free(ct_mk_workspace *w);
/* ct_stats_mann_kendall with its scratch memory from w (not NULL:
 * CT_EUSAGE). */
int ct_stats_mann_kendall_ws(ct_mk_result *out, const double *t,
                             const double *y, size_t n,
                             const ct_mk_options *opt, ct_mk_workspace *w,
                             ct_error *err);

/* ------------------------------------------------ segmented regression --- */

typedef enum ct_seg_family {
    CT_SEG_GAUSSIAN = 0,   /* least squares, identity link                  */
    CT_SEG_POISSON = 1     /* Poisson, log link                             */
} ct_seg_family;

/* Progress of a long computation: done of total work units (total may
 * grow); called from the computing thread, at most a few hundred times a
 * second. ctx is the options' progress_ctx. */
typedef void (*ct_progress_fn)(unsigned long long done,
                               unsigned long long total, void *ctx);

/* Which breakpoint search (see ct_stats_segmented). */
typedef enum ct_seg_search {
    CT_SEG_SEARCH_AUTO = 0,  /* exact up to CT_SEG_EXACT_MAX, else fast     */
    CT_SEG_SEARCH_EXACT = 1, /* the exact search at any length              */
    CT_SEG_SEARCH_FAST = 2   /* the fast search at any length               */
} ct_seg_search;

typedef struct ct_segmented_options {
    double level;              /* confidence level                         */
    double periods_per_year;   /* units of t per year                      */
    ct_seg_family family;
    int n_breaks;              /* 1 or 2                                   */
    int davies_k;              /* evaluation points of Davies' test (>= 2;
                                  10 as in R segmented)                    */
    ct_seg_search search;      /* exact up to CT_SEG_EXACT_MAX (auto),
                                  or forced                                */
    ct_progress_fn progress;   /* NULL: none                               */
    void *progress_ctx;
} ct_segmented_options;

#define CT_SEGMENTED_OPTIONS_INIT                                            \
    {.level = 0.95, .periods_per_year = 1.0, .family = CT_SEG_GAUSSIAN,     \
     .n_breaks = 1, .davies_k = 10, .search = CT_SEG_SEARCH_AUTO,           \
     .progress = NULL, .progress_ctx = NULL}

/* The longest series ct_stats_segmented takes (observations): beyond it,
 * CT_EDOMAIN. */
#define CT_SEG_MAX_N 100000
/* The longest series searched exactly (see ct_stats_segmented), by family
 * and number of breaks; longer ones take the fast search. */
#define CT_SEG_EXACT_MAX(family, n_breaks)                                   \
    ((n_breaks) == 1 ? ((family) == CT_SEG_POISSON ? 1000 : 2000)            \
                     : ((family) == CT_SEG_POISSON ? 300 : 1000))

typedef struct ct_segmented_result {
    ct_seg_family family;
    int n_breaks;          /* 1 or 2                                        */
    size_t n;              /* observations                                  */
    double df;             /* residual df: n - 2 - 2 n_breaks               */
    double level;
    double psi[2];         /* breakpoints, units of t (psi[1] NAN if one)   */
    double psi_se[2];      /* delta-method SEs (Muggeo 2003)                */
    double psi_ci[2][2];   /* psi -+ q se: q from t(df) for gaussian,
                              normal for Poisson                            */
    double slope[3];       /* slope of each segment per year (log scale for
                              Poisson); slope[n_breaks + 1..] NAN           */
    double slope_se[3];
    double slope_ci[3][2];
    double slope_p[3];     /* H0 slope = 0: t(df) gaussian, normal Poisson  */
    double percent_per_year[3];  /* Poisson: 100 (exp(slope) - 1)          */
    double percent_ci[3][2];
    double intercept;      /* fitted linear predictor at t = 0             */
    double objective;      /* RSS (gaussian) or deviance (Poisson)          */
    double objective_linear; /* the same without any break                  */
    double davies_p;       /* Davies (1987) test of H0 "no break", as R
                              segmented::davies.test (k points, two-sided)  */
    double davies_psi;     /* evaluation point with the largest statistic   */
    int davies_used;       /* evaluation points used (davies_k - skipped)   */
    int davies_skipped;    /* Poisson: points skipped because the model with
                              a break there has no finite MLE (a break inside
                              a leading or trailing run of zeros)           */
    int psi_estimable[2];  /* 0: the breakpoint sits at the limit of the
                              region where the fit exists, or its change of
                              slope is zero: psi is reported, its SE and CI
                              are NAN                                       */
    int slope_estimable[3];/* 0: this segment's slope runs to infinity at the
                              optimum (Poisson, a run of zeros cut off by the
                              break): slope, SE, CI, p are NAN             */
    size_t n_noninteger;   /* Poisson: counts that are not whole numbers    */
    size_t evaluations;    /* profile fits evaluated by the search          */
    size_t gaps_searched;  /* gaps (one break) or pairs of gaps (two) whose
                              lower bound did not rule them out            */
    int exact;             /* 1: the exact search (n <= CT_SEG_EXACT_MAX);
                              0: the fast search for long series           */
} ct_segmented_result;

/* Piecewise-linear trend with one or two breakpoints (continuous at the
 * breaks): y ~ a + b t + d1 (t - psi1)_+ [+ d2 (t - psi2)_+]. The
 * breakpoints are the global minimum of the RSS or deviance over the
 * admissible range, edges included: the closed range between the alpha and
 * 1 - alpha quantiles of t (alpha = max(0.05, 1/n), as R segmented) with
 * at least two observations in every segment (an observation on a break
 * belongs to the segment before it). Up to CT_SEG_EXACT_MAX observations
 * the search is exact: inside each gap between observations (pair of gaps)
 * the optimum is where the lines of the relaxed fit meet or at an end of
 * the gap, and gaps whose relaxed bound cannot beat the best are skipped
 * (cost: O(n) fits for one break, O(n^2) bounds and usually few fits for
 * two). Beyond, a fast search (O(1) per candidate from prefix sums for
 * Gaussian, exact for one break; a grid and local refinement otherwise),
 * not guaranteed global; opt->search forces either. At most CT_SEG_MAX_N
 * observations (CT_EDOMAIN beyond). A break on an observation is
 * reported exactly there, with its inference at the limit from the right
 * (I(t > psi)). Poisson: breakpoints where the fit has no finite MLE are
 * not admissible; a slope running to infinity at the optimum is flagged
 * (slope_estimable) and reported as NAN, and so are the SEs then. Inference is that of R
 * segmented (Muggeo 2003, 2008): covariance of the model with the breakpoint
 * columns. The Davies test (Davies 1987; segmented::davies.test) tests for
 * any change in slope. Needs n >= 8 for one break and n >= 12 for two
 * (4 per segment); Poisson also y >= 0. See the README ("Statistics") for
 * the search, the convention at data points and what is refused. */
int ct_stats_segmented(ct_segmented_result *out, const double *t,
                       const double *y, size_t n,
                       const ct_segmented_options *opt, ct_error *err);

/* ---------------------------------------------------- period comparison --- */

typedef struct ct_compare_options {
    double level;            /* confidence level                           */
    double periods_per_year; /* units of t per year (exposure = n / this)  */
} ct_compare_options;

#define CT_COMPARE_OPTIONS_INIT {.level = 0.95, .periods_per_year = 1.0}

typedef struct ct_compare_result {
    double level;
    double a_from, a_to;   /* period A, inclusive, units of t               */
    double b_from, b_to;   /* period B                                      */
    size_t n_a, n_b;       /* observations in each period                   */
    double total_a, total_b; /* sum of y                                    */
    double years_a, years_b; /* exposure in years                           */
    double mean_a, mean_b; /* mean y per observation (period)               */
    double rate_a, rate_b; /* total / years: events per year                */
    double rate_ratio;     /* rate_b / rate_a                               */
    double rate_ratio_ci[2]; /* exact, conditional binomial (poisson.test)  */
    double rate_ratio_p;   /* exact two-sided p, H0 ratio 1                 */
    double mean_diff;      /* mean_b - mean_a                               */
    double mean_diff_ci[2];/* Welch interval                                */
    double welch_t, welch_df, welch_p; /* NAN when both variances are 0     */
} ct_compare_result;

/* Compares period A = [a_from, a_to] with period B = [b_from, b_to] (units
 * of t, inclusive): annual rates with the exact conditional test of their
 * ratio (Przyborowski & Wilenski 1940; R poisson.test), and the difference of
 * means with Welch's (1947) t test. y must be non-negative integers; each
 * period needs at least 2 observations and the two together a non-zero
 * total. */
int ct_stats_compare(ct_compare_result *out, const double *t, const double *y,
                     size_t n, double a_from, double a_to, double b_from,
                     double b_to, const ct_compare_options *opt,
                     ct_error *err);

/* ----------------------------------------------- statistics by name --- */

/* The slope statistic used by the bootstrap and the window scan. */
typedef enum ct_statistic {
    CT_STAT_OLS = 0,          /* OLS slope, classical CI and p              */
    CT_STAT_OLS_HAC = 1,      /* OLS slope, Newey-West CI and p             */
    CT_STAT_POISSON = 2,      /* Poisson log-rate slope                     */
    CT_STAT_QUASIPOISSON = 3, /* same slope, quasi-Poisson CI and p         */
    CT_STAT_NEGBIN = 4,       /* NB2 log-rate slope                         */
    CT_STAT_SEN = 5,          /* Sen's slope with Mann-Kendall p            */
    CT_STAT_SEN_HR = 6        /* Sen's slope with Hamed-Rao p               */
} ct_statistic;

/* "ols", "ols-hac", "poisson", "quasipoisson", "negbin", "sen", "sen-hr";
 * NULL for an unknown value. */
const char *ct_stats_statistic_name(ct_statistic s);
/* Parses those names ("mk" = "sen", "mk-hr" = "sen-hr"); CT_EUSAGE when
 * unknown. */
int ct_stats_statistic_parse(const char *name, ct_statistic *out,
                             ct_error *err);

/* -------------------------------------------- moving-block bootstrap --- */

typedef struct ct_bootstrap_options {
    double level;            /* confidence level                           */
    double periods_per_year; /* units of t per year                        */
    ct_statistic statistic;  /* slope to resample (OLS_HAC = OLS, QUASI... =
                                POISSON, SEN_HR = SEN)                     */
    size_t replicates;       /* bootstrap samples, default 2000            */
    size_t block_length;     /* observations per block; 0 = round(n^(1/3)) */
    uint64_t seed;           /* ct_rng seed                                */
} ct_bootstrap_options;

#define CT_BOOTSTRAP_OPTIONS_INIT                                            \
    {.level = 0.95, .periods_per_year = 1.0, .statistic = CT_STAT_OLS,      \
     .replicates = 2000, .block_length = 0, .seed = 1}

typedef struct ct_bootstrap_result {
    ct_statistic statistic;
    size_t n;              /* observations                                  */
    size_t replicates;     /* samples drawn                                 */
    size_t failed;         /* samples where the statistic was undefined     */
    size_t block_length;   /* block length used                             */
    uint64_t seed;         /* seed used                                     */
    double level;
    double estimate;       /* the slope on the original data, per year      */
    double boot_mean;      /* mean of the bootstrap slopes                  */
    double boot_se;        /* their standard deviation                      */
    double ci_percentile[2]; /* quantiles (1 -+ level)/2 (type 7)           */
    double ci_basic[2];    /* 2 estimate - percentile limits (reversed)     */
} ct_bootstrap_result;

/* Moving-block bootstrap of the (t, y) pairs (Kunsch 1989; Fitzenberger
 * 1998; Lahiri 2003 ch. 2): ceil(n / l) blocks of l consecutive pairs, with
 * uniformly drawn starts, are joined and cut to n; the slope is refitted on
 * each sample. Reproducible: the same seed gives the same numbers. Samples on
 * which the statistic cannot be computed (e.g. all zeros) are counted in
 * `failed`; more than half failing is CT_EDOMAIN. Needs n >= 4 and
 * 1 <= block_length <= n. */
int ct_stats_bootstrap(ct_bootstrap_result *out, const double *t,
                       const double *y, size_t n,
                       const ct_bootstrap_options *opt, ct_error *err);

/* ---------------------------------------------------- multiple testing --- */

typedef enum ct_padjust_method {
    CT_PADJUST_HOLM = 0, /* Holm (1979) step-down, controls FWER           */
    CT_PADJUST_BH = 1    /* Benjamini & Hochberg (1995) step-up, FDR       */
} ct_padjust_method;

/* Adjusted p-values into out[0..n-1] (out may equal p). NAN inputs stay NAN
 * and do not count towards n, as in R p.adjust. Other values must lie in
 * [0, 1] (CT_EDOMAIN). */
int ct_stats_p_adjust(double *out, const double *p, size_t n,
                      ct_padjust_method method, ct_error *err);

/* -------------------------------------------------------- window scan --- */

typedef struct ct_scan_options {
    double level;            /* confidence level                           */
    double periods_per_year; /* units of t per year                        */
    ct_statistic statistic;  /* what to compute in each window             */
    int hac_lag;             /* for CT_STAT_OLS_HAC (CT_HAC_LAG_AUTO: per
                                window)                                     */
    size_t min_n;            /* windows with fewer observations are skipped
                                (status CT_EDOMAIN); default 5             */
    ct_progress_fn progress; /* NULL: none; work units are windows       */
    void *progress_ctx;
} ct_scan_options;

#define CT_SCAN_OPTIONS_INIT                                                 \
    {.level = 0.95, .periods_per_year = 1.0, .statistic = CT_STAT_OLS,      \
     .hac_lag = CT_HAC_LAG_AUTO, .min_n = 5, .progress = NULL,              \
     .progress_ctx = NULL}

/* Limits of ct_stats_scan (CT_EDOMAIN beyond them): the series length,
 * the windows (n_starts * n_ends), and for every statistic but ols the
 * observations summed over the windows (each window is refitted: O(m) per
 * window, O(m^2) for sen and sen-hr, whose limit is on the sum of m^2/100).
 * ols on a series longer than CT_SCAN_EXACT_MAX uses running sums: O(1)
 * per window. */
#define CT_SCAN_MAX_N 100000
#define CT_SCAN_MAX_WINDOWS 2000000
#define CT_SCAN_MAX_WORK 100000000.0
#define CT_SCAN_EXACT_MAX 2000

typedef struct ct_scan_cell {
    double start, end;     /* window [start, end], units of t               */
    size_t n;              /* observations inside                           */
    int status;            /* CT_OK, or the CT_E* code of this window       */
    double slope;          /* per year (log scale for the count models)     */
    double ci[2];          /* confidence interval of the slope              */
    double p_value;        /* two-sided p of H0 "no trend"                  */
} ct_scan_cell;

/* Computes the statistic on every window [starts[i], ends[j]] and writes
 * cell i * n_ends + j of cells (caller-allocated, n_starts * n_ends cells).
 * A window that cannot be computed (start >= end, fewer than min_n points,
 * a model failure) gets that status and NAN values; it does not fail the
 * call. Returns CT_EUSAGE for bad arguments and CT_EDOMAIN for unusable data
 * (times not increasing, values not finite). */
int ct_stats_scan(ct_scan_cell *cells, const double *t, const double *y,
                  size_t n, const double *starts, size_t n_starts,
                  const double *ends, size_t n_ends,
                  const ct_scan_options *opt, ct_error *err);

typedef struct ct_scan_summary {
    size_t windows;        /* cells given                                   */
    size_t computed;       /* cells with status CT_OK                       */
    size_t positive;       /* computed with slope > 0                       */
    size_t negative;       /* computed with slope < 0                       */
    size_t significant_positive; /* p < alpha and slope > 0                */
    size_t significant_negative; /* p < alpha and slope < 0                */
    double slope_min, slope_median, slope_max; /* over computed cells       */
    double p_max;          /* largest p over computed cells                 */
} ct_scan_summary;

/* Summarises scan cells at significance alpha (e.g. 0.05). */
int ct_stats_scan_summarize(ct_scan_summary *out, const ct_scan_cell *cells,
                            size_t n_cells, double alpha, ct_error *err);

#endif /* CT_STATS_H */
