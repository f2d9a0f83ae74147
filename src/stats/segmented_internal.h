/* SPDX-License-Identifier: MIT
 * segmented_internal.h - shared by the files of ct_stats_segmented (not
 * installed): the fit's state, admissibility and existence of the Poisson
 * fit (segmented_admit.c), the exact search (segmented_search.c), the fast
 * search for long series (segmented_fast.c) and the inference and Davies'
 * test (segmented_infer.c). Prefix ct_si_seg_.
 */
#ifndef CT_SEGMENTED_INTERNAL_H
#define CT_SEGMENTED_INTERNAL_H

#include "stats/stats_internal.h"

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
    double *pre[6];       /* prefix sums of 1, u, y, u^2, u y, y^2 (u = t -
                             tref), n + 1 each (Gaussian)                 */
    double scale;         /* size of the objective, for rounding slack    */
    double ymax;          /* largest |y|                                   */
    int max_iter;
    size_t evals;         /* profile fits evaluated                        */
    size_t gaps;          /* gaps (pairs) searched                          */
    unsigned side;        /* bit j: break j on an observation is the limit
                             from the left (the observation after it)      */
    const ct_segmented_options *opt; /* progress callback and context     */
    long double *fastP;   /* Gaussian: prefix sums for O(1) screening of
                             the exact search's candidates (NULL: none)   */
};

/* a column of a relaxed design: kind 0 = 1, 1 = u, 2 = indicator(t > at),
 * 3 = u * indicator, 4 = hinge (t - at)_+ */
struct col {
    int kind;
    double at;
};

static inline const char *ct_si_seg_what(const struct seg *s)
{
    return s->fam == CT_SEG_POISSON ? "segmented (poisson)"
                                    : "segmented (gaussian)";
}

/* Reports progress done of total work units through opt->progress (if
 * set). */
void ct_si_seg_progress(const struct seg *s, unsigned long long done,
                        unsigned long long total);

/* ---- segmented_admit.c: admissible breakpoints, existence of the fit */

/* 1 + the side bits of the first admissible choice of the breakpoints psi
 * (the right limit preferred); 0 when psi is not admissible */
int ct_si_seg_feasible_side(const struct seg *s, const double *psi);
int ct_si_seg_feasible(const struct seg *s, const double *psi);
/* does the Poisson hinge fit with breakpoints psi[0..k-1] have a finite
 * MLE? bad_seg (may be NULL) receives the segments a divergent direction
 * moves */
int ct_si_seg_mle_exists(const struct seg *s, const double *psi, int k,
                         int *bad_seg);

/* ---- segmented_search.c: designs, fits and the exact search */

/* design [1, t - tref, (t - psi_1)_+, ..., extra] in s->X with `extra` = 0
 * (hinge model) or 2 (inference: V_j = -I(t > psi_j) times scale[j]);
 * returns the number of columns */
size_t ct_si_seg_build(struct seg *s, const double *psi, int extra,
                       const double *scale);
/* Poisson log-linear fit of X (n x p) by Fisher scoring, from eta =
 * log(y + 0.1) or (warm) the eta given; -1 when it diverges or X'WX is
 * singular */
int ct_si_seg_pois_fast(const double *X, size_t n, size_t p, const double *y,
                        double *eta, double *dev_out, int warm);
/* fits the design in s->X (p columns); objective RSS / deviance */
int ct_si_seg_fit(struct seg *s, size_t p, double *beta, double *cov,
                  double *obj, ct_error *err);
/* profile objective at psi: INF when psi is not admissible or (Poisson)
 * the fit has no finite MLE there */
double ct_si_seg_objective(struct seg *s, const double *psi);
/* the exact search: the global minimum of the profile objective */
int ct_si_seg_search(struct seg *s, double *psi, ct_error *err);

/* ---- segmented_fast.c: the search for long series */

/* Gaussian: prefix sums, O(1) per candidate; Poisson: a coarse grid and
 * local refinement. Fills psi (s->k breakpoints). */
int ct_si_seg_search_fast(struct seg *s, double *psi, ct_error *err);
/* Gaussian screening for the exact search: prefix sums in s->fastP
 * (CT_ENOMEM), the O(1) RSS of the hinge model at psi (no admissibility
 * check) and of a relaxed design (INF when singular; beta may be NULL) */
int ct_si_seg_fast_alloc(struct seg *s);
double ct_si_seg_fast_hinge(struct seg *s, const double *psi);
double ct_si_seg_fast_cols(struct seg *s, const struct col *cols, size_t p,
                           double *beta);
/* CT_EDOMAIN "no admissible breakpoint" message of both searches */
int ct_si_seg_none(const struct seg *s, ct_error *err);

/* ---- segmented_infer.c: inference at the estimate, Davies' test */

/* Fills out's breakpoints, slopes and their inference from the hinge fit
 * (beta, p columns, objective obj) at psi. */
int ct_si_seg_infer(struct seg *s, ct_segmented_result *out,
                    const double *psi, const double *beta, size_t p,
                    double obj, ct_error *err);
int ct_si_seg_davies(struct seg *s, int k, double dev0, double *p_out,
                     double *best_out, int *used, int *skipped,
                     ct_error *err);

#endif /* CT_SEGMENTED_INTERNAL_H */
