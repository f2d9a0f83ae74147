/* SPDX-License-Identifier: MIT
 * segmented_admit.c - which breakpoints are admissible for
 * ct_stats_segmented: inside the range, ascending, >= 2 observations per
 * segment (on either side of an observation), and for Poisson whether the
 * fit with those breakpoints has a finite maximum-likelihood estimate.
 */
#include "stats/segmented_internal.h"

#include <math.h>
#include <string.h>

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
int ct_si_seg_feasible_side(const struct seg *s, const double *psi)
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

int ct_si_seg_feasible(const struct seg *s, const double *psi)
{
    return ct_si_seg_feasible_side(s, psi) != 0;
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
int ct_si_seg_mle_exists(const struct seg *s, const double *psi, int k,
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
