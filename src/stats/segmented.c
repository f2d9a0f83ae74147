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
    double *pre[6];       /* prefix sums of 1, u, y, u^2, u y, y^2 (u = t -
                             tref), n + 1 each (Gaussian)                 */
    double scale;         /* size of the objective, for rounding slack    */
    double ymax;          /* largest |y|                                   */
    int max_iter;
    size_t evals;         /* profile fits evaluated                        */
    size_t gaps;          /* gaps (pairs) searched                          */
    unsigned side;        /* bit j: break j on an observation is the limit
                             from the left (the observation after it)      */
};

static const char *what_of(const struct seg *s)
{
    return s->fam == CT_SEG_POISSON ? "segmented (poisson)"
                                    : "segmented (gaussian)";
}

/* breakpoints ascending, inside the closed range [lo, hi], >= 2
 * observations in every segment (segment j holds psi_{j-1} < t <= psi_j: an
 * observation on a breakpoint belongs to the segment before it) */
static int counts_ok(const struct seg *s, const double *psi, unsigned left)
{
    size_t i;
    int j, counts[MAXK + 1] = { 0 };

    for (i = 0; i < s->n; i++) {
        int seg = 0;
        for (j = 0; j < s->k; j++)
            if (s->t[i] > psi[j] || ((left >> j & 1u) && s->t[i] == psi[j]))
                seg = j + 1;
        counts[seg]++;
    }
    for (j = 0; j <= s->k; j++)
        if (counts[j] < 2)
            return 0;
    return 1;
}

/* The model is continuous in psi, so the admissible set is closed: a break
 * on an observation is admissible when the limit from either side is, i.e.
 * when that observation may count in the segment before (limit from the
 * right, side bit 0) or after it (limit from the left, bit 1). Returns 1 +
 * the side bits of the first admissible choice, preferring the right limit;
 * 0 when not admissible. */
static int feasible_side(const struct seg *s, const double *psi)
{
    unsigned m;
    int j;

    for (j = 0; j < s->k; j++) {
        if (!(psi[j] >= s->lo && psi[j] <= s->hi))
            return 0;
        if (j > 0 && !(psi[j] > psi[j - 1]))
            return 0;
    }
    for (m = 0; m < (1u << s->k); m++)
        if (counts_ok(s, psi, m))
            return 1 + (int)m;
    return 0;
}

static int feasible(const struct seg *s, const double *psi)
{
    return feasible_side(s, psi) != 0;
}

/* ------------------------------------------ existence of the Poisson MLE ---
 * The log-linear fit with design X has no finite maximum-likelihood
 * estimate iff a direction d != 0 has X_i d <= 0 for every i and X_i d = 0
 * wherever y_i > 0 (Haberman 1974, thm 2.3): the likelihood then rises along
 * d for ever (separation). For the hinge models X_i d is a continuous
 * piecewise-linear function f of t with knots at the breakpoints, linear on
 * each segment, so it suffices to keep, per segment, the first and last
 * observation with y > 0 (equalities) and the first and last with y = 0
 * (inequalities). The cone {d: those constraints} is pointed (X has full
 * rank), so it is {0} unless it has an extreme ray, which is the null
 * vector of p - 1 of the kept rows: all (at most C(12, 3) = 220) choices are
 * tried. */

#define ROWS_MAX (4 * (MAXK + 1))

struct cone {
    double r[ROWS_MAX][MAXP];
    int eq[ROWS_MAX];
    int seg[ROWS_MAX];
    int m, p;
};

static double det3(const double *a, const double *b, const double *c)
{
    return a[0] * (b[1] * c[2] - b[2] * c[1]) -
           a[1] * (b[0] * c[2] - b[2] * c[0]) +
           a[2] * (b[0] * c[1] - b[1] * c[0]);
}

/* null vector of the (p-1) x p rows (p <= 4) by cofactors */
static void null_vector(double rows[][MAXP], int p, double *d)
{
    int j, c, cc;
    for (j = 0; j < p; j++) {
        double m[3][3] = { { 0 } }, det = 0;
        int r;
        for (r = 0; r < p - 1; r++)
            for (c = 0, cc = 0; c < p; c++)
                if (c != j)
                    m[r][cc++] = rows[r][c];
        if (p == 2)
            det = m[0][0];
        else if (p == 3)
            det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        else
            det = det3(m[0], m[1], m[2]);
        d[j] = (j % 2 ? -1 : 1) * det;
    }
}

/* 1: no ray (the MLE exists); 0: a ray, written to bad_seg (segments where
 * f is not zero) */
static int cone_pointed_zero(const struct cone *c, int *bad_seg)
{
    int idx[3], q = c->p - 1, a, b, e, sgn, i;

    if (c->p < 2 || c->p > 4 || c->m < q)
        return 1;
    for (a = 0; a < c->m; a++)
        for (b = q >= 2 ? a + 1 : c->m - 1; b < c->m; b++)
            for (e = q >= 3 ? b + 1 : c->m - 1; e < c->m; e++) {
                double rows[3][MAXP], d[MAXP], nd = 0, rn = 1;
                int r;
                idx[0] = a;
                idx[1] = b;
                idx[2] = e;
                for (r = 0; r < q; r++) {
                    double s2 = 0;
                    memcpy(rows[r], c->r[idx[r]], sizeof rows[r]);
                    for (i = 0; i < c->p; i++)
                        s2 += rows[r][i] * rows[r][i];
                    rn *= sqrt(s2);
                }
                null_vector(rows, c->p, d);
                for (i = 0; i < c->p; i++)
                    nd += d[i] * d[i];
                nd = sqrt(nd);
                if (!(nd > 1e-10 * rn))
                    continue; /* the rows are dependent */
                for (sgn = -1; sgn <= 1; sgn += 2) {
                    int ok = 1, strict = 0;
                    for (r = 0; r < c->m && ok; r++) {
                        double f = 0, rr = 0;
                        for (i = 0; i < c->p; i++) {
                            f += c->r[r][i] * d[i] * sgn;
                            rr += c->r[r][i] * c->r[r][i];
                        }
                        f /= nd * sqrt(rr);
                        if (c->eq[r] ? fabs(f) > 1e-9 : f > 1e-9)
                            ok = 0;
                        else if (f < -1e-9)
                            strict = 1;
                    }
                    if (ok && strict) {
                        if (bad_seg) {
                            for (r = 0; r <= MAXK; r++)
                                bad_seg[r] = 0;
                            for (r = 0; r < c->m; r++) {
                                double f = 0;
                                for (i = 0; i < c->p; i++)
                                    f += c->r[r][i] * d[i];
                                if (fabs(f) > 1e-9 * nd)
                                    bad_seg[c->seg[r]] = 1;
                            }
                        }
                        return 0;
                    }
                }
                if (q < 3)
                    break;
            }
    return 1;
}

/* does the Poisson hinge fit with breakpoints psi[0..k-1] have a finite
 * MLE? bad_seg (may be NULL) receives the segments a divergent direction
 * moves */
static int mle_exists_k(const struct seg *s, const double *psi, int k,
                        int *bad_seg)
{
    struct cone c;
    int j, have[MAXK + 1][4];
    size_t i, pick[MAXK + 1][4];
    double sc = s->t[s->n - 1] - s->t[0];

    if (!(sc > 0))
        sc = 1;
    for (j = 0; j <= k; j++)
        have[j][0] = have[j][1] = have[j][2] = have[j][3] = 0;
    for (i = 0; i < s->n; i++) {
        int seg = 0, slot;
        for (j = 0; j < k; j++)
            if (s->t[i] > psi[j])
                seg = j + 1;
        slot = s->y[i] > 0 ? 0 : 2;
        if (!have[seg][slot]) {
            have[seg][slot] = 1;
            pick[seg][slot] = i;
        }
        have[seg][slot + 1] = 1;
        pick[seg][slot + 1] = i;
    }
    c.m = 0;
    c.p = 2 + k;
    for (j = 0; j <= k; j++) {
        int slot;
        for (slot = 0; slot < 4; slot++) {
            double u;
            int m;
            if (!have[j][slot])
                continue;
            if ((slot == 1 || slot == 3) && pick[j][slot] == pick[j][slot - 1])
                continue;
            i = pick[j][slot];
            u = (s->t[i] - s->tref) / sc;
            c.r[c.m][0] = 1;
            c.r[c.m][1] = u;
            for (m = 0; m < k; m++) {
                double h = (s->t[i] - psi[m]) / sc;
                c.r[c.m][2 + m] = h > 0 ? h : 0;
            }
            c.eq[c.m] = slot < 2;
            c.seg[c.m] = j;
            c.m++;
        }
    }
    return cone_pointed_zero(&c, bad_seg);
}

/* design [1, t - tref, (t - psi_1)_+, ..., extra] with `extra` = 0 (hinge
 * model), 2 (inference: V_j = -I(t > psi_j) times beta_j given in scale[]) */
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
 * diverges or X'WX is singular. */
static int pois_fast(const double *X, size_t n, size_t p, const double *y,
                     double *eta, double *dev_out)
{
    double beta[MAXP], nb[MAXP], A[MAXP * MAXP], bv[MAXP], dev = CT_INF;
    size_t i, a, b;
    int it;

    for (i = 0; i < n; i++)
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
static int fit(struct seg *s, size_t p, double *beta, double *cov,
               double *obj, ct_error *err)
{
    if (s->fam == CT_SEG_GAUSSIAN)
        return ct_si_wls(s->X, s->n, p, NULL, s->y, beta, cov, obj,
                         what_of(s), err);
    return ct_si_irls(s->X, s->n, p, s->y, 0, 0, beta, s->mu, cov, obj, NULL,
                      s->max_iter, what_of(s), err);
}

/* profile objective at psi: INF when psi is not admissible or (Poisson) the
 * fit has no finite MLE there */
static double objective(struct seg *s, const double *psi)
{
    double beta[MAXP], obj;
    size_t p;

    s->evals++;
    if (!feasible(s, psi))
        return CT_INF;
    if (s->fam == CT_SEG_POISSON && !mle_exists_k(s, psi, s->k, NULL))
        return CT_INF;
    p = build(s, psi, 0, NULL);
    if (s->fam == CT_SEG_POISSON) {
        (void)beta;
        return pois_fast(s->X, s->n, p, s->y, s->mu, &obj) == 0 ? obj
                                                                 : CT_INF;
    }
    if (fit(s, p, beta, NULL, &obj, NULL) != CT_OK)
        return CT_INF;
    return obj;
}

static void consider(struct seg *s, const double *psi, double *best,
                     double *best_psi)
{
    double v = objective(s, psi);
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
struct col {
    int kind;
    double at;
};

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
        if (pois_fast(s->X, s->n, p, s->y, s->mu, obj) != 0)
            return CT_EDOMAIN;
        return ct_si_wls(s->X, s->n, p, NULL, s->mu, beta, NULL, NULL,
                         what_of(s), NULL);
    }
    return fit(s, p, beta, NULL, obj, NULL);
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

/* minimises the objective over one breakpoint in [e0, e1] by Brent's method
 * after a coarse scan, the other breakpoint (if any) fixed in psi: the
 * fallback for Poisson gaps whose relaxed fit has no finite MLE */
static void gap_brent(struct seg *s, double *psi, int which, double e0,
                      double e1, double *best, double *best_psi)
{
    const int K = 8;
    double x[9], v[9], a, c, fb, fc;
    int i, bi = 0;
    double trial[MAXK];

    memcpy(trial, psi, (size_t)s->k * sizeof *trial);
    for (i = 0; i <= K; i++) {
        x[i] = e0 + (e1 - e0) * (double)i / K;
        trial[which] = x[i];
        v[i] = objective(s, trial);
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
    {
        const double g = 0.618033988749895;
        double x1 = c - g * (c - a), x2 = a + g * (c - a), tol = 1e-9 * (e1 - e0);
        trial[which] = x1;
        fb = objective(s, trial);
        trial[which] = x2;
        fc = objective(s, trial);
        for (i = 0; i < 60 && c - a > tol; i++) {
            if (fb <= fc) {
                c = x2;
                x2 = x1;
                fc = fb;
                x1 = c - g * (c - a);
                trial[which] = x1;
                fb = objective(s, trial);
            } else {
                a = x1;
                x1 = x2;
                fb = fc;
                x2 = a + g * (c - a);
                trial[which] = x2;
                fc = objective(s, trial);
            }
        }
    }
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

static int search(struct seg *s, double *psi, ct_error *err)
{
    size_t n = s->n, i, j, nc = 0, c;
    struct cand2 *cand;
    double best = CT_INF, best_psi[MAXK] = { CT_NAN, CT_NAN };
    double *pre, *suf, slack;

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
        if (s->k == 1)
            search_gap1(s, cand[c].i1, &best, best_psi);
        else
            search_gap2(s, cand[c].i1, cand[c].i2, &best, best_psi);
    }
    free(pre);
    free(suf);
    free(cand);
    if (!isfinite(best))
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "%s: no admissible breakpoint%s: every segment "
                            "needs 2 observations%s", what_of(s),
                            s->k > 1 ? "s" : "",
                            s->fam == CT_SEG_POISSON
                                ? " and a fit with a finite estimate"
                                : "");
    memcpy(psi, best_psi, (size_t)s->k * sizeof *psi);
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
static int davies(struct seg *s, int k, double dev0, double *p_out,
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
        if (s->fam == CT_SEG_POISSON && !mle_exists_k(s, &psi, 1, NULL)) {
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
                           NULL, s->max_iter, what_of(s), NULL) != CT_OK) {
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
                            what_of(s), *skipped, k);
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
     * alpha = max(0.05, 1/n); here closed, edges included */
    alpha = 1.0 / (double)n > 0.05 ? 1.0 / (double)n : 0.05;
    s.lo = tquant(t, n, alpha);
    s.hi = tquant(t, n, 1 - alpha);
    s.X = malloc(n * 2 * MAXP * sizeof *s.X);
    s.mu = malloc(n * sizeof *s.mu);
    for (j = 0; j < 6; j++)
        s.pre[j] = malloc((n + 1) * sizeof *s.pre[j]);
    if (!s.X || !s.mu || !s.pre[0] || !s.pre[1] || !s.pre[2] || !s.pre[3] ||
        !s.pre[4] || !s.pre[5]) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    {
        double ym = 0, ymax = 0;
        for (i = 0; i < n; i++)
            ym += y[i] / (double)n;
        for (j = 0; j < 6; j++)
            s.pre[j][0] = 0;
        for (i = 0; i < n; i++) {
            double u = t[i] - s.tref, v = y[i] - ym;
            s.pre[0][i + 1] = s.pre[0][i] + 1;
            s.pre[1][i + 1] = s.pre[1][i] + u;
            s.pre[2][i + 1] = s.pre[2][i] + v;
            s.pre[3][i + 1] = s.pre[3][i] + u * u;
            s.pre[4][i + 1] = s.pre[4][i] + u * v;
            s.pre[5][i + 1] = s.pre[5][i] + v * v;
            if (fabs(y[i]) > ymax)
                ymax = fabs(y[i]);
        }
        /* Gaussian: RSS in units of y^2; Poisson: deviance ~ n */
        s.scale = s.fam == CT_SEG_GAUSSIAN
                      ? s.pre[5][n] + (double)n * ymax * ymax * 1e-6
                      : (double)n;
        s.ymax = ymax;
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
        out->n_noninteger = g.n_noninteger;
        /* deviance is in chi-square units: 1e-8 is zero */
        if (!(dev0 > 1e-8)) {
            rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                              "%s: the counts follow a log-linear trend "
                              "exactly (deviance %.3g; a constant series): "
                              "there is no break to find", what_of(&s), dev0);
            goto done;
        }
    } else {
        out->n_noninteger = 0;
        rc = ct_si_wls(s.X, n, 2, NULL, y, beta, NULL, &dev0, what_of(&s),
                       err);
        if (rc != CT_OK)
            goto done;
        /* a residual below 1e-10 of the largest |y| is rounding: the values
         * are a line (or constant) */
        if (!(dev0 > 1e-20 * (double)n * s.ymax * s.ymax)) {
            rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                              "%s: the values lie exactly on a line%s: "
                              "there is no break to find", what_of(&s),
                              s.pre[5][n] == 0 ? " (all equal)" : "");
            goto done;
        }
    }

    rc = search(&s, psi, err);
    if (rc != CT_OK)
        goto done;
    /* A breakpoint on an observation t_i (to rounding) is set to t_i
     * exactly. Everything is then defined at t_i with t_i in the segment
     * before the break: I(t > psi) in the inference columns, i.e. the limit
     * as psi decreases to t_i, whichever side the search came from; only
     * when that would leave fewer than 2 observations after the break is it
     * the limit from the left, I(t >= psi) (feasible_side). */
    for (j = 0; j < k; j++)
        for (i = 0; i < n; i++)
            if (fabs(psi[j] - t[i]) <=
                1e-9 * (1 + fabs(t[i])) * (t[n - 1] - t[0] > 0 ? 1 : 0)) {
                double keep = psi[j];
                psi[j] = t[i];
                if (!feasible(&s, psi) ||
                    (s.fam == CT_SEG_POISSON && !mle_exists_k(&s, psi, k, NULL)))
                    psi[j] = keep;
            }

    {
        int fs = feasible_side(&s, psi);
        s.side = fs > 0 ? (unsigned)(fs - 1) : 0u;
    }

    /* Poisson: a break at the boundary of the region where the fit exists
     * (the deviance decreasing towards a break that would separate a run of
     * zeros) leaves a segment slope running to infinity: find which */
    for (j = 0; j <= MAXK; j++)
        out->slope_estimable[j] = j <= k;
    for (j = 0; j < MAXK; j++)
        out->psi_estimable[j] = j < k;
    if (s.fam == CT_SEG_POISSON) {
        for (j = 0; j < k; j++) {
            size_t near = 0;
            double dmin = CT_INF, gap;
            for (i = 0; i < n; i++)
                if (fabs(t[i] - psi[j]) < dmin) {
                    dmin = fabs(t[i] - psi[j]);
                    near = i;
                }
            gap = near + 1 < n ? t[near + 1] - t[near] : t[near] - t[near - 1];
            if (dmin > 0 && dmin < 1e-4 * gap) {
                double alt[MAXK];
                int bad[MAXK + 1], m;
                memcpy(alt, psi, sizeof alt);
                alt[j] = t[near];
                if (!mle_exists_k(&s, alt, k, bad)) {
                    for (m = 0; m <= k; m++)
                        if (bad[m])
                            out->slope_estimable[m] = 0;
                    out->psi_estimable[j] = 0;
                }
            }
        }
    }

    /* final hinge fit at psi-hat. Poisson near a limit of the fit: the
     * general IRLS (convergence in eta) may not settle while the deviance
     * has; the search's fit then stands, and the checks below flag it */
    p = build(&s, psi, 0, NULL);
    rc = fit(&s, p, beta, NULL, &obj, err);
    if (rc != CT_OK && s.fam == CT_SEG_POISSON) {
        if (pois_fast(s.X, n, p, y, s.mu, &obj) == 0 &&
            ct_si_wls(s.X, n, p, NULL, s.mu, beta, NULL, NULL, what_of(&s),
                      NULL) == CT_OK)
            rc = CT_OK;
        p = build(&s, psi, 0, NULL);
    }
    if (rc != CT_OK)
        goto done;
    if (s.fam == CT_SEG_GAUSSIAN && !(obj > 1e-20 * (double)n * s.ymax * s.ymax)) {
        rc = ct_error_set(err, CT_EDOMAIN, NULL, 0,
                          "%s: the segmented line fits exactly: standard "
                          "errors are undefined", what_of(&s));
        goto done;
    }
    /* Poisson: a segment whose fitted mean changes by a factor above e^30
     * (1e13) within it is a slope on its way to infinity: the optimum is at
     * the limit of the region where the fit exists, short of it only by
     * the iterations' reach. Its slope, and the SEs of the breaks that bound
     * it, are not estimable. */
    if (s.fam == CT_SEG_POISSON)
        for (j = 0; j <= k; j++) {
            double from = j == 0 ? t[0] : psi[j - 1],
                   to = j == k ? t[n - 1] : psi[j], sl = beta[1];
            int m;
            for (m = 0; m < j; m++)
                sl += beta[2 + m];
            if (fabs(sl) * (to - from) > 30) {
                out->slope_estimable[j] = 0;
                if (j > 0)
                    out->psi_estimable[j - 1] = 0;
                if (j < k)
                    out->psi_estimable[j] = 0;
            }
        }
    /* a change of slope of zero (to rounding) leaves the breakpoint
     * unidentified: its SE would be infinite */
    for (j = 0; j < k; j++)
        if (!(fabs(beta[2 + j]) > 1e-9 * (fabs(beta[1]) + fabs(beta[2 + j]))))
            out->psi_estimable[j] = 0;
    /* Inference as R segmented (Muggeo 2003, 2008): covariance of the model
     * with columns V_j = -beta_j I(t > psi_j), whose coefficients are the
     * breakpoint displacements; sigma^2 = RSS / (n - 2 - 2k). */
    {
        double b2[MAXP], rss_dummy, df = (double)n - 2 - 2 * (double)k;
        size_t pf;
        int ok = 1;
        for (j = 0; j < k; j++)
            scale[j] = out->psi_estimable[j] ? beta[2 + j] : 1;
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
        for (j = 0; j < k; j++)
            if (!out->psi_estimable[j])
                ok = 0;
        for (j = 0; j <= k; j++)
            if (!out->slope_estimable[j])
                ok = 0;
        if (rc != CT_OK && ok) {
            /* singular: a breakpoint not identified by the data */
            goto done;
        }
        if (!ok) {
            /* at a limit of the fit the information matrix is singular or
             * meaningless: no standard error is reported */
            rc = CT_OK;
            for (i = 0; i < pf * pf; i++)
                cov[i] = CT_NAN;
            for (j = 0; j < k; j++)
                out->psi_estimable[j] = 0;
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
    out->evaluations = s.evals;
    out->gaps_searched = s.gaps;
    out->davies_used = 0;
    out->davies_skipped = 0;
    rc = davies(&s, opt->davies_k, dev0, &out->davies_p, &out->davies_psi,
                &out->davies_used, &out->davies_skipped, err);
done:
    for (j = 0; j < 6; j++)
        free(s.pre[j]);
    free(s.mu);
    free(s.X);
    return rc;
}
