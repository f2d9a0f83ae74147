/* SPDX-License-Identifier: MIT
 * segmented_search.c - the hinge designs and fits of ct_stats_segmented,
 * and the exact search for the breakpoints (used up to CT_SEG_EXACT_MAX
 * observations): candidates are where the lines of the relaxed fit meet
 * inside a gap between observations, or the gap's ends; gaps (pairs of
 * gaps) whose relaxed lower bound cannot beat the best are skipped.
 */
#include "stats/segmented_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* design [1, t - tref, (t - psi_1)_+, ..., extra] with `extra` = 0 (hinge
 * model), 2 (inference: V_j = -I(t > psi_j) times beta_j given in scale[]) */
size_t ct_si_seg_build(struct seg *s, const double *psi, int extra,
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
                    (s->t[i] > psi[j] ||
                             ((s->side >> j & 1u) && s->t[i] == psi[j])
                         ? -1.0
                         : 0.0) *
                    scale[j];
        }
    }
    return p;
}

/* Poisson log-linear fit of the design in X (n x p, p <= MAXP) by Fisher
 * scoring with the normal equations solved by Cholesky: the search's inner
 * loop, ~10x faster than the general IRLS (which the final fit uses). The
 * design is centred in t, so X'WX is well conditioned. Start mu = y + 0.1
 * as glm.fit; steps that raise the deviance are halved; converged when the
 * deviance changes by less than 1e-13 (|dev| + 0.1). -1 when the fit
 * diverges or X'WX is singular. warm: start from the eta given (a fit at
 * nearby breakpoints) instead. */
int ct_si_seg_pois_fast(const double *X, size_t n, size_t p, const double *y,
                        double *eta, double *dev_out, int warm)
{
    double beta[MAXP], nb[MAXP], A[MAXP * MAXP], bv[MAXP], dev = CT_INF;
    size_t i, a, b;
    int it;

    for (i = 0; i < n && !warm; i++)
        eta[i] = log(y[i] + 0.1);
    for (a = 0; a < p; a++)
        beta[a] = 0;
    for (it = 0; it < 100; it++) {
        double ndev = 0;
        int h;
        memset(A, 0, sizeof A);
        memset(bv, 0, sizeof bv);
        for (i = 0; i < n; i++) {
            const double *x = X + i * p;
            double mu = exp(eta[i]), z = eta[i] + (y[i] - mu) / mu;
            for (a = 0; a < p; a++) {
                double wa = mu * x[a];
                bv[a] += wa * z;
                for (b = 0; b <= a; b++)
                    A[a * p + b] += wa * x[b];
            }
        }
        /* Cholesky A = L L' in place (lower), then two solves */
        for (a = 0; a < p; a++) {
            double d = A[a * p + a];
            for (b = 0; b < a; b++)
                d -= A[a * p + b] * A[a * p + b];
            if (!(d > 1e-13 * A[a * p + a]) || !(d > 0))
                return -1;
            A[a * p + a] = sqrt(d);
            for (i = a + 1; i < p; i++) {
                double v = A[i * p + a];
                for (b = 0; b < a; b++)
                    v -= A[i * p + b] * A[a * p + b];
                A[i * p + a] = v / A[a * p + a];
            }
        }
        for (a = 0; a < p; a++) {
            double v = bv[a];
            for (b = 0; b < a; b++)
                v -= A[a * p + b] * nb[b];
            nb[a] = v / A[a * p + a];
        }
        for (a = p; a-- > 0;) {
            double v = nb[a];
            for (b = a + 1; b < p; b++)
                v -= A[b * p + a] * nb[b];
            nb[a] = v / A[a * p + a];
        }
        for (h = 0; h < 30; h++) {
            ndev = 0;
            for (i = 0; i < n; i++) {
                double e = 0, mu;
                for (a = 0; a < p; a++)
                    e += X[i * p + a] * nb[a];
                eta[i] = e;
                mu = exp(e);
                ndev += (y[i] > 0 ? y[i] * log(y[i] / mu) : 0) - (y[i] - mu);
            }
            ndev *= 2;
            if (isfinite(ndev) && (it == 0 || ndev <= dev * (1 + 1e-12) + 1e-12))
                break;
            if (it == 0)
                return -1;
            for (a = 0; a < p; a++)
                nb[a] = 0.5 * (nb[a] + beta[a]);
        }
        if (!isfinite(ndev) || h == 30)
            return -1;
        memcpy(beta, nb, p * sizeof *beta);
        if (it > 0 && fabs(ndev - dev) < 1e-13 * (fabs(ndev) + 0.1)) {
            *dev_out = ndev;
            return 0;
        }
        dev = ndev;
    }
    return -1;
}

/* fits the design in s->X (p columns); objective RSS / deviance */
int ct_si_seg_fit(struct seg *s, size_t p, double *beta, double *cov,
               double *obj, ct_error *err)
{
    if (s->fam == CT_SEG_GAUSSIAN)
        return ct_si_wls(s->X, s->n, p, NULL, s->y, beta, cov, obj,
                         ct_si_seg_what(s), err);
    return ct_si_irls(s->X, s->n, p, s->y, 0, 0, beta, s->mu, cov, obj, NULL,
                      s->max_iter, ct_si_seg_what(s), err);
}

/* profile objective at psi: INF when psi is not admissible or (Poisson) the
 * fit has no finite MLE there */
double ct_si_seg_objective(struct seg *s, const double *psi)
{
    double beta[MAXP], obj;
    size_t p;

    s->evals++;
    if (!ct_si_seg_feasible(s, psi))
        return CT_INF;
    if (s->fam == CT_SEG_POISSON && !ct_si_seg_mle_exists(s, psi, s->k, NULL))
        return CT_INF;
    p = ct_si_seg_build(s, psi, 0, NULL);
    if (s->fam == CT_SEG_POISSON) {
        (void)beta;
        return ct_si_seg_pois_fast(s->X, s->n, p, s->y, s->mu, &obj, 0) == 0 ? obj
                                                                 : CT_INF;
    }
    if (ct_si_seg_fit(s, p, beta, NULL, &obj, NULL) != CT_OK)
        return CT_INF;
    return obj;
}

/* Gaussian: a candidate (or a relaxed fit, whose RSS bounds its
 * candidates) whose O(1) value from prefix sums exceeds the best by more
 * than this cannot win; it is not fitted exactly. The margin is far above
 * the rounding between the two computations (~1e-12 relative), so the
 * candidates that are fitted, their order and the result are those of the
 * unscreened search. */
static int screened_out(const struct seg *s, double v, double best)
{
    return s->fastP != NULL && v > best + 1e-8 * (1 + s->scale);
}

static void consider(struct seg *s, const double *psi, double *best,
                     double *best_psi)
{
    double v;
    if (screened_out(s, s->fastP ? ct_si_seg_fast_hinge(s, psi) : 0, *best))
        return;
    v = ct_si_seg_objective(s, psi);
    if (v < *best) {
        *best = v;
        memcpy(best_psi, psi, (size_t)s->k * sizeof *psi);
    }
}

/* ------------------------------------------------- relaxed (free) fits ---
 * With the breakpoints inside fixed gaps between observations, the
 * continuous model is the model of separate lines on the segments subject
 * to one linear constraint per breakpoint (the lines meet there). The
 * relaxed fit drops constraints: its objective bounds the continuous one
 * from below, and where its lines meet inside the gaps it IS the continuous
 * optimum. Along one breakpoint with everything else fixed, the profile
 * objective has its only interior minimum where the lines of the relaxed
 * fit meet (its derivative is the Lagrange multiplier of that constraint
 * times the change of slope), so the minimum over a gap lies there or at an
 * end of the gap; with two breakpoints an interior minimum needs both
 * multipliers zero, i.e. the fully relaxed fit. Hence the exact search:
 * candidates are the meeting points and the gap ends, and gaps (pairs of
 * gaps) whose relaxed bound is not below the best value found are skipped. */

/* design column builders for the relaxed fits over the whole series:
 * kind[c] 0 = 1, 1 = u, 2 = indicator(t > cut), 3 = u * indicator,
 * 4 = hinge at a fixed breakpoint */
static int fit_cols(struct seg *s, const struct col *cols, size_t p,
                    double *beta, double *obj)
{
    size_t i, c;

    for (i = 0; i < s->n; i++) {
        double u = s->t[i] - s->tref, *row = s->X + i * p;
        for (c = 0; c < p; c++) {
            switch (cols[c].kind) {
            case 0: row[c] = 1; break;
            case 1: row[c] = u; break;
            case 2: row[c] = s->t[i] > cols[c].at ? 1 : 0; break;
            case 3: row[c] = s->t[i] > cols[c].at ? u : 0; break;
            default: {
                double h = s->t[i] - cols[c].at;
                row[c] = h > 0 ? h : 0;
            }
            }
        }
    }
    if (s->fam == CT_SEG_POISSON) {
        /* coefficients from the converged linear predictor */
        if (ct_si_seg_pois_fast(s->X, s->n, p, s->y, s->mu, obj, 0) != 0)
            return CT_EDOMAIN;
        return ct_si_wls(s->X, s->n, p, NULL, s->mu, beta, NULL, NULL,
                         ct_si_seg_what(s), NULL);
    }
    return ct_si_seg_fit(s, p, beta, NULL, obj, NULL);
}

/* the breakpoint where the relaxed jump c + d u vanishes, in t; NAN if none */
static double meet(const struct seg *s, double c, double d)
{
    double u = -c / d;
    return isfinite(u) ? u + s->tref : CT_NAN;
}

/* objective of a free line (Gaussian RSS, Poisson deviance) on the
 * observations first..last: a lower bound for that segment in any model;
 * 0 when a Poisson line has no finite MLE there (the infimum is >= 0) */
static double seg_bound(struct seg *s, size_t first, size_t last)
{
    size_t m = last - first + 1, i;
    double a, b, dev = CT_INF;
    int it;

    if (m <= 2)
        return 0;
    if (s->fam == CT_SEG_GAUSSIAN) {
        /* prefix sums of centred t and y: O(1) per segment */
        double S1 = (double)m, St = s->pre[1][last + 1] - s->pre[1][first],
               Sy = s->pre[2][last + 1] - s->pre[2][first],
               Stt = s->pre[3][last + 1] - s->pre[3][first],
               Sty = s->pre[4][last + 1] - s->pre[4][first],
               Syy = s->pre[5][last + 1] - s->pre[5][first];
        double sxx = Stt - St * St / S1, sxy = Sty - St * Sy / S1,
               syy = Syy - Sy * Sy / S1, r = syy - (sxx > 0 ? sxy * sxy / sxx : 0);
        return r > 0 ? r : 0;
    }
    {
        /* Poisson line by Newton's method on (a, b) in centred time */
        double tb = 0, ys = 0;
        int pos_first = -1, pos_last = -1, distinct = 0;
        for (i = first; i <= last; i++) {
            tb += s->t[i];
            ys += s->y[i];
            if (s->y[i] > 0) {
                if (pos_first < 0)
                    pos_first = (int)i;
                else if (s->t[i] != s->t[pos_first])
                    distinct = 1;
                pos_last = (int)i;
            }
        }
        if (pos_first < 0 ||
            (!distinct && (pos_first == (int)first || pos_last == (int)last)))
            return 0; /* no finite MLE */
        tb /= (double)m;
        a = log(ys / (double)m);
        b = 0;
        for (it = 0; it < 100; it++) {
            double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0, det, da, db,
                   nd, h;
            for (i = first; i <= last; i++) {
                double u = s->t[i] - tb, mu = exp(a + b * u);
                g0 += s->y[i] - mu;
                g1 += (s->y[i] - mu) * u;
                h00 += mu;
                h01 += mu * u;
                h11 += mu * u * u;
            }
            det = h00 * h11 - h01 * h01;
            if (!(det > 0))
                return 0;
            da = (h11 * g0 - h01 * g1) / det;
            db = (h00 * g1 - h01 * g0) / det;
            for (h = 1; h > 1e-10; h /= 2) {
                nd = 0;
                for (i = first; i <= last; i++) {
                    double mu = exp(a + h * da + (b + h * db) * (s->t[i] - tb));
                    nd += (s->y[i] > 0 ? s->y[i] * log(s->y[i] / mu) : 0) -
                          (s->y[i] - mu);
                }
                nd *= 2;
                if (isfinite(nd) && (!isfinite(dev) || nd <= dev * (1 + 1e-12)))
                    break;
            }
            a += h * da;
            b += h * db;
            if (isfinite(dev) && fabs(dev - nd) <= 1e-13 * (1 + dev)) {
                dev = nd;
                break;
            }
            dev = nd;
        }
        if (!isfinite(dev))
            return 0;
        /* Newton stops a hair above the minimum: shave a relative 1e-9 so
         * the bound stays a bound */
        return dev > 0 ? dev * (1 - 1e-9) : 0;
    }
}

static double objective_at(void *s, double *psi)
{
    return ct_si_seg_objective(s, psi);
}

/* minimises the objective over one breakpoint in [e0, e1] by Brent's method
 * after a coarse scan, the other breakpoint (if any) fixed in psi: the
 * fallback for Poisson gaps whose relaxed fit has no finite MLE */
static void gap_brent(struct seg *s, double *psi, int which, double e0,
                      double e1, double *best, double *best_psi)
{
    const int K = 8;
    double x[9], v[9], a, c;
    int i, bi = 0;
    double trial[MAXK];

    memcpy(trial, psi, (size_t)s->k * sizeof *trial);
    for (i = 0; i <= K; i++) {
        x[i] = e0 + (e1 - e0) * (double)i / K;
        trial[which] = x[i];
        v[i] = ct_si_seg_objective(s, trial);
        if (v[i] < *best) {
            *best = v[i];
            memcpy(best_psi, trial, (size_t)s->k * sizeof *trial);
        }
        if (v[i] < v[bi])
            bi = i;
    }
    if (!isfinite(v[bi]))
        return;
    /* golden-section refinement of the bracket around the best point, one
     * evaluation per step, to 1e-9 of the gap */
    a = x[bi > 0 ? bi - 1 : 0];
    c = x[bi < K ? bi + 1 : K];
    ct_si_golden(objective_at, s, trial, which, &a, &c, 1e-9 * (e1 - e0));
    trial[which] = 0.5 * (a + c);
    consider(s, trial, best, best_psi);
}

struct cand2 {
    double lb;
    size_t i1, i2;
};

static int cmp_cand(const void *a, const void *b)
{
    double x = ((const struct cand2 *)a)->lb, y = ((const struct cand2 *)b)->lb;
    return (x > y) - (x < y);
}

/* the admissible part [*e0, *e1] of the gap [t_i, t_{i+1}]; 0 if empty */
static int gap_range(const struct seg *s, size_t i, double *e0, double *e1)
{
    *e0 = s->t[i] > s->lo ? s->t[i] : s->lo;
    *e1 = s->t[i + 1] < s->hi ? s->t[i + 1] : s->hi;
    return *e0 <= *e1;
}

/* best breakpoint(s) of one gap (pair of gaps); updates best */
static void search_gap1(struct seg *s, size_t i, double *best,
                        double *best_psi)
{
    double e0, e1, beta[MAXP], obj, psi[1];
    struct col cols[4] = { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 3, 0 } };

    if (!gap_range(s, i, &e0, &e1))
        return;
    psi[0] = e0;
    consider(s, psi, best, best_psi);
    psi[0] = e1;
    consider(s, psi, best, best_psi);
    cols[2].at = cols[3].at = s->t[i];
    if (screened_out(s, s->fastP ? ct_si_seg_fast_cols(s, cols, 4, NULL) : 0,
                     *best))
        return; /* the meeting point's RSS is the relaxed one */
    if (fit_cols(s, cols, 4, beta, &obj) == CT_OK) {
        double r = meet(s, beta[2], beta[3]);
        if (r > e0 && r < e1) {
            psi[0] = r;
            consider(s, psi, best, best_psi);
        }
    } else if (s->fam == CT_SEG_POISSON) {
        psi[0] = e0;
        gap_brent(s, psi, 0, e0, e1, best, best_psi);
    }
}

/* one breakpoint fixed at `fixed` (index fi), the other free in [e0, e1]
 * whose relaxed split is after observation cut */
static void search_edge(struct seg *s, int fi, double fixed, size_t cut,
                        double e0, double e1, double *best, double *best_psi)
{
    double beta[MAXP], obj, psi[2];
    struct col cols[5];
    size_t p = 0;

    cols[p].kind = 0;
    cols[p++].at = 0;
    cols[p].kind = 1;
    cols[p++].at = 0;
    cols[p].kind = 4;
    cols[p++].at = fixed;
    cols[p].kind = 2;
    cols[p++].at = s->t[cut];
    cols[p].kind = 3;
    cols[p++].at = s->t[cut];
    psi[fi] = fixed;
    if (screened_out(s, s->fastP ? ct_si_seg_fast_cols(s, cols, p, NULL) : 0,
                     *best))
        return; /* the relaxed RSS bounds the edge's candidate */
    if (fit_cols(s, cols, p, beta, &obj) == CT_OK) {
        double r = meet(s, beta[3], beta[4]);
        if (r > e0 && r < e1) {
            psi[1 - fi] = r;
            consider(s, psi, best, best_psi);
        }
    } else if (s->fam == CT_SEG_POISSON) {
        psi[1 - fi] = e0;
        gap_brent(s, psi, 1 - fi, e0, e1, best, best_psi);
    }
}

static void search_gap2(struct seg *s, size_t i1, size_t i2, double *best,
                        double *best_psi)
{
    double a0, a1, b0, b1, beta[MAXP], obj, psi[2];
    struct col cols[6] = { { 0, 0 }, { 1, 0 }, { 2, 0 },
                           { 3, 0 }, { 2, 0 }, { 3, 0 } };
    int inside = 0;

    if (!gap_range(s, i1, &a0, &a1) || !gap_range(s, i2, &b0, &b1))
        return;
    cols[2].at = cols[3].at = s->t[i1];
    cols[4].at = cols[5].at = s->t[i2];
    if (s->fastP) {
        /* Whether the relaxed pair fit's lines meet inside the gaps,
         * decided from the O(1) fit unless it is too close to call: when
         * they do not, the exact fit is not needed (only the corners and
         * edges follow); when they do and its RSS cannot win, nothing in
         * the pair can */
        double fb[6], fo = ct_si_seg_fast_cols(s, cols, 6, fb);
        if (fo < CT_INF) {
            double r1 = meet(s, fb[2], fb[3]), r2 = meet(s, fb[4], fb[5]),
                   m1 = 1e-6 * (a1 - a0), m2 = 1e-6 * (b1 - b0);
            int in = r1 > a0 + m1 && r1 < a1 - m1 && r2 > b0 + m2 &&
                     r2 < b1 - m2,
                out = !(r1 >= a0 - m1 && r1 <= a1 + m1 && r2 >= b0 - m2 &&
                        r2 <= b1 + m2);
            if (in && screened_out(s, fo, *best))
                return;
            if (out)
                goto edges;
        }
    }
    if (fit_cols(s, cols, 6, beta, &obj) == CT_OK) {
        double r1 = meet(s, beta[2], beta[3]), r2 = meet(s, beta[4], beta[5]);
        if (r1 >= a0 && r1 <= a1 && r2 >= b0 && r2 <= b1) {
            psi[0] = r1;
            psi[1] = r2;
            consider(s, psi, best, best_psi);
            inside = 1;
        }
    }
    if (inside && s->fam == CT_SEG_GAUSSIAN)
        return; /* the relaxed optimum is admissible: nothing is lower */
edges:
    /* corners, then each edge */
    psi[0] = a0;
    psi[1] = b0;
    consider(s, psi, best, best_psi);
    psi[1] = b1;
    consider(s, psi, best, best_psi);
    psi[0] = a1;
    consider(s, psi, best, best_psi);
    psi[1] = b0;
    consider(s, psi, best, best_psi);
    search_edge(s, 0, a0, i2, b0, b1, best, best_psi);
    search_edge(s, 0, a1, i2, b0, b1, best, best_psi);
    search_edge(s, 1, b0, i1, a0, a1, best, best_psi);
    search_edge(s, 1, b1, i1, a0, a1, best, best_psi);
}

int ct_si_seg_search(struct seg *s, double *psi, ct_error *err)
{
    size_t n = s->n, i, j, nc = 0, c;
    struct cand2 *cand;
    double best = CT_INF, best_psi[MAXK] = { CT_NAN, CT_NAN };
    double *pre, *suf, slack;

    if (s->fam == CT_SEG_GAUSSIAN && ct_si_seg_fast_alloc(s) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    /* bounds of every prefix and suffix line */
    pre = malloc(n * sizeof *pre);
    suf = malloc(n * sizeof *suf);
    cand = malloc((s->k == 1 ? n : n * n / 2 + 1) * sizeof *cand);
    if (!pre || !suf || !cand) {
        free(pre);
        free(suf);
        free(cand);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < n; i++) {
        pre[i] = seg_bound(s, 0, i);
        suf[i] = seg_bound(s, i, n - 1);
    }
    if (s->k == 1) {
        for (i = 1; i + 2 < n; i++) {
            double e0, e1;
            if (!gap_range(s, i, &e0, &e1))
                continue;
            cand[nc].lb = pre[i] + suf[i + 1];
            cand[nc].i1 = i;
            cand[nc].i2 = 0;
            nc++;
        }
    } else {
        for (i = 1; i + 2 < n; i++) {
            double e0, e1;
            if (!gap_range(s, i, &e0, &e1))
                continue;
            for (j = i + 2; j + 2 < n; j++) {
                if (!gap_range(s, j, &e0, &e1))
                    continue;
                cand[nc].lb = pre[i] + seg_bound(s, i + 1, j) + suf[j + 1];
                cand[nc].i1 = i;
                cand[nc].i2 = j;
                nc++;
            }
        }
    }
    qsort(cand, nc, sizeof *cand, cmp_cand);
    /* rounding in the bounds: a gap is skipped only when its bound exceeds
     * the best value by more than this */
    slack = 1e-9 * (1 + s->scale);
    for (c = 0; c < nc; c++) {
        if (cand[c].lb > best + slack)
            break;
        s->gaps++;
        if ((c & 63u) == 0)
            ct_si_seg_progress(s, c, nc);
        if (s->k == 1)
            search_gap1(s, cand[c].i1, &best, best_psi);
        else
            search_gap2(s, cand[c].i1, cand[c].i2, &best, best_psi);
    }
    free(pre);
    free(suf);
    free(cand);
    if (!isfinite(best))
        return ct_si_seg_none(s, err);
    memcpy(psi, best_psi, (size_t)s->k * sizeof *psi);
    return CT_OK;
}

int ct_si_seg_none(const struct seg *s, ct_error *err)
{
    return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                        "%s: no admissible breakpoint%s: every segment "
                        "needs 2 observations%s", ct_si_seg_what(s),
                        s->k > 1 ? "s" : "",
                        s->fam == CT_SEG_POISSON
                            ? " and a fit with a finite estimate"
                            : "");
}
