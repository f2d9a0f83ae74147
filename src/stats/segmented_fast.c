/* SPDX-License-Identifier: MIT
 * segmented_fast.c - the breakpoint search of ct_stats_segmented for long
 * series (n > CT_SEG_EXACT_MAX).
 *
 * Gaussian: every least-squares fit the search needs (the hinge model at
 * given breakpoints, the relaxed fits whose lines meet at the candidate
 * breakpoints) has columns that are 1, u or a constant or linear function
 * of u on a tail of the series (u = t - tref), so its normal equations come
 * from prefix sums of 1, u, u^2, y, u y, y^2 in O(1) (long double sums,
 * Cholesky of at most 6 x 6). One break: the exact search's candidates in
 * every gap (its ends and the meeting point of the relaxed fit), O(n) in
 * all: the same optimum as the exact search to rounding. Two breaks: the
 * best pair of a grid of about 300 x 300 observations (O(1) each), then
 * coordinate descent, each step the exact one-break search with the other
 * break fixed (O(n)), from the best pair and the best pair far from it,
 * then the relaxed pair fits of the neighbouring gap pairs: O(n + G^2).
 * Not guaranteed global: a second optimum narrower than the grid step can
 * be missed.
 *
 * Poisson: no sufficient statistics, so each fit is an O(n) Fisher scoring.
 * One break: a grid of 48 points over the admissible range, golden-section
 * search in the bracket of the best (and the observations beside the
 * result); two breaks: a 14 x 14 grid of pairs, then coordinate-wise
 * golden-section searches in shrinking brackets. O(n) per fit, about 100
 * fits for one break and 300 for two.
 */
#include "stats/segmented_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef long double ld;

/* prefix sums over i < m of 1, u, v, u^2, u v, v^2 (u = t - tref, v = y -
 * mean y): P[c * (n + 1) + m] */
struct fast {
    struct seg *s;
    const ld *P;      /* s->fastP                                       */
    size_t n;
    double best, best_psi[MAXK];
    unsigned long long work, total;
    int warm;         /* s->mu holds the linear predictor of a fit      */
};

/* a column: 0 before index a, al + be u from a on */
struct fcol {
    size_t a;
    ld al, be;
};

/* a breakpoint inside gap i ([t_i, t_{i+1}]): L observations before it
 * (t < psi), E = 1 when it is on one, a = first index with t > psi */
struct brk {
    double psi;
    size_t i, L, a;
    int E;
};

static ld tail(const struct fast *f, int c, size_t a)
{
    const ld *p = f->P + (size_t)c * (f->n + 1);
    return p[f->n] - p[a];
}

/* least squares of v on the columns: RSS (INF when singular), beta */
static double gram_fit(const struct fast *f, const struct fcol *c, size_t p,
                       double *beta)
{
    ld G[6][6], r[6], b[6], rss;
    size_t j, m, q;

    for (j = 0; j < p; j++) {
        for (m = 0; m <= j; m++) {
            size_t a = c[j].a > c[m].a ? c[j].a : c[m].a;
            G[j][m] = c[j].al * c[m].al * tail(f, 0, a) +
                      (c[j].al * c[m].be + c[j].be * c[m].al) * tail(f, 1, a) +
                      c[j].be * c[m].be * tail(f, 3, a);
        }
        r[j] = c[j].al * tail(f, 2, c[j].a) + c[j].be * tail(f, 4, c[j].a);
    }
    /* Cholesky G = L L' (lower, in place) */
    for (j = 0; j < p; j++) {
        ld d = G[j][j];
        for (q = 0; q < j; q++)
            d -= G[j][q] * G[j][q];
        if (!(d > 1e-13L * G[j][j]) || !(d > 0))
            return CT_INF;
        G[j][j] = sqrtl(d);
        for (m = j + 1; m < p; m++) {
            ld v = G[m][j];
            for (q = 0; q < j; q++)
                v -= G[m][q] * G[j][q];
            G[m][j] = v / G[j][j];
        }
    }
    for (j = 0; j < p; j++) {
        ld v = r[j];
        for (q = 0; q < j; q++)
            v -= G[j][q] * b[q];
        b[j] = v / G[j][j];
    }
    for (j = p; j-- > 0;) {
        ld v = b[j];
        for (q = j + 1; q < p; q++)
            v -= G[q][j] * b[q];
        b[j] = v / G[j][j];
    }
    rss = tail(f, 5, 0);
    for (j = 0; j < p; j++) {
        rss -= b[j] * r[j];
        if (beta)
            beta[j] = (double)b[j];
    }
    return rss > 0 ? (double)rss : 0;
}

static struct brk at_gap(const struct fast *f, size_t i, double psi)
{
    const double *t = f->s->t;
    struct brk b;
    b.psi = psi;
    b.i = i;
    if (psi <= t[i]) {
        b.L = i;
        b.E = 1;
        b.a = i + 1;
    } else if (psi < t[i + 1]) {
        b.L = i + 1;
        b.E = 0;
        b.a = i + 1;
    } else {
        b.L = i + 1;
        b.E = 1;
        b.a = i + 2;
    }
    return b;
}

/* admissible (range, order, >= 2 observations per segment on some side
 * choice), as ct_si_seg_feasible but O(1) */
static int admissible(const struct fast *f, const struct brk *b, int k)
{
    const struct seg *s = f->s;
    unsigned m;
    int j;

    for (j = 0; j < k; j++) {
        if (!(b[j].psi >= s->lo && b[j].psi <= s->hi))
            return 0;
        if (j > 0 && !(b[j].psi > b[j - 1].psi))
            return 0;
    }
    for (m = 0; m < (1u << k); m++) {
        size_t c[MAXK], prev = 0;
        int ok = 1;
        for (j = 0; j < k; j++) {
            c[j] = b[j].L + ((m >> j & 1u) ? 0 : (size_t)b[j].E);
            if (c[j] < prev + 2)
                ok = 0;
            prev = c[j];
        }
        if (ok && f->n >= prev + 2)
            return 1;
    }
    return 0;
}

/* RSS of the hinge model at the breakpoints b (k of them); INF when not
 * admissible; the best is kept */
static double hinge_rss(struct fast *f, const struct brk *b, int k)
{
    struct fcol c[2 + MAXK];
    double v;
    int j;

    if (!admissible(f, b, k))
        return CT_INF;
    c[0].a = 0;
    c[0].al = 1;
    c[0].be = 0;
    c[1].a = 0;
    c[1].al = 0;
    c[1].be = 1;
    for (j = 0; j < k; j++) {
        c[2 + j].a = b[j].a;
        c[2 + j].al = -(ld)(b[j].psi - f->s->tref);
        c[2 + j].be = 1;
    }
    v = gram_fit(f, c, 2 + (size_t)k, NULL);
    f->s->evals++;
    if (v < f->best) {
        f->best = v;
        for (j = 0; j < k; j++)
            f->best_psi[j] = b[j].psi;
    }
    return v;
}

static int gap_range(const struct seg *s, size_t i, double *e0, double *e1)
{
    *e0 = s->t[i] > s->lo ? s->t[i] : s->lo;
    *e1 = s->t[i + 1] < s->hi ? s->t[i + 1] : s->hi;
    return *e0 <= *e1;
}

static void tick(struct fast *f, unsigned long long units)
{
    unsigned long long before = f->work, total = f->total ? f->total : 1;
    f->work += units;
    /* at each whole percent */
    if (before * 100 / total != f->work * 100 / total)
        ct_si_seg_progress(f->s, f->work, f->total);
}

/* the exact search over every gap for break `which` with the others fixed
 * (b[which] is replaced by the best found; its objective returned) */
static double sweep(struct fast *f, struct brk *b, int which)
{
    struct seg *s = f->s;
    int k = s->k, j;
    size_t i, p = 0;
    struct fcol c[2 + MAXK + 1];
    struct brk trial[MAXK], keep = b[which];
    double best = CT_INF;

    c[p].a = 0, c[p].al = 1, c[p].be = 0, p++;
    c[p].a = 0, c[p].al = 0, c[p].be = 1, p++;
    for (j = 0; j < k; j++)
        if (j != which) {
            c[p].a = b[j].a;
            c[p].al = -(ld)(b[j].psi - s->tref);
            c[p].be = 1;
            p++;
        }
    memcpy(trial, b, (size_t)k * sizeof *trial);
    for (i = 1; i + 2 < f->n; i++) {
        double e0, e1, beta[6], v, r;
        int m;
        if (!gap_range(s, i, &e0, &e1))
            continue;
        /* relaxed: a jump c + d u at the gap; the lines meet at -c/d */
        c[p].a = c[p + 1].a = i + 1;
        c[p].al = 1, c[p].be = 0;
        c[p + 1].al = 0, c[p + 1].be = 1;
        r = CT_NAN;
        if (gram_fit(f, c, p + 2, beta) < CT_INF)
            r = -beta[p] / beta[p + 1] + s->tref;
        for (m = 0; m < 3; m++) {
            double x = m == 0 ? e0 : m == 1 ? e1 : r;
            if (m == 2 && !(r > e0 && r < e1))
                continue;
            trial[which] = at_gap(f, i, x);
            v = hinge_rss(f, trial, k);
            if (v < best) {
                best = v;
                keep = trial[which];
            }
        }
    }
    tick(f, f->n);
    b[which] = keep;
    return best;
}

/* the break in gap `free_gap` whose relaxed fit meets inside the gap, the
 * other break fixed at b[1 - which] (O(1)); considered when admissible */
static void edge_meet(struct fast *f, struct brk *b, int which,
                      size_t free_gap, double e0, double e1)
{
    struct seg *s = f->s;
    struct fcol c[5] = { { 0, 1, 0 }, { 0, 0, 1 } };
    double beta[5], r;
    struct brk trial[2];

    c[2].a = b[1 - which].a;
    c[2].al = -(ld)(b[1 - which].psi - s->tref);
    c[2].be = 1;
    c[3].a = c[4].a = free_gap + 1;
    c[3].al = 1, c[3].be = 0;
    c[4].al = 0, c[4].be = 1;
    if (!(gram_fit(f, c, 5, beta) < CT_INF))
        return;
    r = -beta[3] / beta[4] + s->tref;
    if (r > e0 && r < e1) {
        trial[0] = b[0];
        trial[1] = b[1];
        trial[which] = at_gap(f, free_gap, r);
        (void)hinge_rss(f, trial, 2);
    }
}

/* the exact search's candidates in one pair of gaps (as search_gap2 in
 * segmented_search.c, each fit O(1)): the relaxed pair optimum, the
 * corners, and each edge's meeting point */
static void pair_exact(struct fast *f, size_t i1, size_t i2)
{
    struct seg *s = f->s;
    struct fcol c[6] = { { 0, 1, 0 }, { 0, 0, 1 } };
    struct brk b[2];
    double beta[6], a[2], e[2], r1, r2;
    int x, y;

    if (i1 < 1 || i2 + 2 >= f->n || i2 < i1 + 2 ||
        !gap_range(s, i1, &a[0], &a[1]) || !gap_range(s, i2, &e[0], &e[1]))
        return;
    c[2].a = c[3].a = i1 + 1;
    c[4].a = c[5].a = i2 + 1;
    c[2].al = c[4].al = 1;
    c[2].be = c[4].be = 0;
    c[3].al = c[5].al = 0;
    c[3].be = c[5].be = 1;
    if (gram_fit(f, c, 6, beta) < CT_INF) {
        r1 = -beta[2] / beta[3] + s->tref;
        r2 = -beta[4] / beta[5] + s->tref;
        if (r1 >= a[0] && r1 <= a[1] && r2 >= e[0] && r2 <= e[1]) {
            b[0] = at_gap(f, i1, r1);
            b[1] = at_gap(f, i2, r2);
            (void)hinge_rss(f, b, 2);
        }
    }
    for (x = 0; x < 2; x++)
        for (y = 0; y < 2; y++) {
            b[0] = at_gap(f, i1, a[x]);
            b[1] = at_gap(f, i2, e[y]);
            (void)hinge_rss(f, b, 2);
            edge_meet(f, b, 1, i2, e[0], e[1]);
            edge_meet(f, b, 0, i1, a[0], a[1]);
        }
}

/* the gap holding x: t_i <= x <= t_{i+1} */
static size_t gap_of(const struct seg *s, double x)
{
    size_t lo = 0, hi = s->n - 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->t[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* coordinate descent from b: sweeps until neither break moves; then the
 * exact candidates of the gap pairs around the result (W gaps either
 * side), which catch optima that need both breaks to move at once (one on
 * an observation, the other not); again from the best while it improves */
static void descend(struct fast *f, struct brk *b)
{
    const long W = 5;
    double prev = CT_INF, v, before;
    int round, again;
    long d1, d2;

    for (again = 0; again < 5; again++) {
        for (round = 0; round < 50; round++) {
            (void)sweep(f, b, 0);
            v = sweep(f, b, 1);
            if (!(v < prev - 1e-12 * (1 + fabs(prev))))
                break;
            prev = v;
        }
        before = f->best;
        for (d1 = -W; d1 <= W; d1++)
            for (d2 = -W; d2 <= W; d2++)
                if ((long)b[0].i + d1 >= 0 && (long)b[1].i + d2 >= 0)
                    pair_exact(f, (size_t)((long)b[0].i + d1),
                               (size_t)((long)b[1].i + d2));
        if (!(f->best < before - 1e-12 * (1 + fabs(before))))
            break;
        b[0] = at_gap(f, gap_of(f->s, f->best_psi[0]), f->best_psi[0]);
        b[1] = at_gap(f, gap_of(f->s, f->best_psi[1]), f->best_psi[1]);
        prev = CT_INF;
    }
}

/* the two breaks at grid points g[i] and g[j] */
static void grid_pair(const struct fast *f, const size_t *g, size_t i,
                      size_t j, struct brk *b)
{
    b[0] = at_gap(f, g[i], f->s->t[g[i]]);
    b[1] = at_gap(f, g[j], f->s->t[g[j]]);
}

/* the RSS of breaks at grid points g[i] and g[j]; *best, *bi and *bj
 * receive it and (i, j) when it is below *best */
static void try_pair(struct fast *f, const size_t *g, size_t i, size_t j,
                     double *best, size_t *bi, size_t *bj)
{
    struct brk b[2];
    double v;

    grid_pair(f, g, i, j, b);
    v = hinge_rss(f, b, 2);
    if (v < *best) {
        *best = v;
        *bi = i;
        *bj = j;
    }
}

static int gaussian2(struct fast *f)
{
    struct seg *s = f->s;
    size_t *g, ng = 0, i, j, h = f->n / 300 + 1, bi = 0, bj = 0, fi = 0,
               fj = 0;
    double best = CT_INF, far = CT_INF;
    struct brk b[2];

    g = malloc((f->n / h + 2) * sizeof *g);
    if (g == NULL)
        return CT_ENOMEM;
    for (i = 1; i + 2 < f->n; i += h)
        if (s->t[i] >= s->lo && s->t[i] <= s->hi)
            g[ng++] = i;
    f->total = (unsigned long long)ng * ng / 2 + 8ULL * f->n;
    for (i = 0; i < ng; i++) {
        for (j = i + 1; j < ng; j++)
            try_pair(f, g, i, j, &best, &bi, &bj);
        tick(f, ng - i);
    }
    /* the best pair far (5 grid steps) from the best one */
    for (i = 0; i < ng && isfinite(best); i++)
        for (j = i + 1; j < ng; j++)
            if ((i + 5 < bi || i > bi + 5 || j + 5 < bj || j > bj + 5))
                try_pair(f, g, i, j, &far, &fi, &fj);
    if (isfinite(best)) {
        grid_pair(f, g, bi, bj, b);
        descend(f, b);
    }
    if (isfinite(far)) {
        grid_pair(f, g, fi, fj, b);
        descend(f, b);
    }
    /* once more from the best of all */
    if (isfinite(f->best)) {
        b[0] = at_gap(f, gap_of(s, f->best_psi[0]), f->best_psi[0]);
        b[1] = at_gap(f, gap_of(s, f->best_psi[1]), f->best_psi[1]);
        descend(f, b);
    }
    free(g);
    return CT_OK;
}

int ct_si_seg_fast_alloc(struct seg *s)
{
    size_t n = s->n, i;
    double ym = 0;

    if (s->fastP != NULL)
        return CT_OK;
    s->fastP = malloc(6 * (n + 1) * sizeof *s->fastP);
    if (s->fastP == NULL)
        return CT_ENOMEM;
    for (i = 0; i < n; i++)
        ym += s->y[i] / (double)n;
    ct_si_moment_sums(s->t, s->y, n, s->tref, ym, s->fastP);
    return CT_OK;
}

/* first index with t > x */
static size_t after(const struct seg *s, double x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->t[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

double ct_si_seg_fast_cols(struct seg *s, const struct col *cols, size_t p,
                           double *beta)
{
    struct fast f;
    struct fcol c[6];
    size_t j;

    f.s = s;
    f.n = s->n;
    f.P = s->fastP;
    for (j = 0; j < p && j < 6; j++) {
        c[j].a = cols[j].kind <= 1 ? 0 : after(s, cols[j].at);
        c[j].al = cols[j].kind == 0 || cols[j].kind == 2 ? 1
                  : cols[j].kind == 4                     ? -(ld)(cols[j].at - s->tref)
                                                          : 0;
        c[j].be = cols[j].kind == 0 || cols[j].kind == 2 ? 0 : 1;
    }
    return gram_fit(&f, c, p, beta);
}

double ct_si_seg_fast_hinge(struct seg *s, const double *psi)
{
    struct col cols[2 + MAXK] = { { 0, 0 }, { 1, 0 } };
    int j;
    for (j = 0; j < s->k; j++) {
        cols[2 + j].kind = 4;
        cols[2 + j].at = psi[j];
    }
    return ct_si_seg_fast_cols(s, cols, 2 + (size_t)s->k, NULL);
}

static int gaussian(struct seg *s, double *psi, ct_error *err)
{
    struct fast f;
    int rc = CT_OK;

    memset(&f, 0, sizeof f);
    f.s = s;
    f.n = s->n;
    f.best = CT_INF;
    if (ct_si_seg_fast_alloc(s) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    f.P = s->fastP;
    if (s->k == 1) {
        struct brk b[1];
        f.total = s->n;
        b[0] = at_gap(&f, 1, s->t[1]);
        (void)sweep(&f, b, 0);
    } else if (gaussian2(&f) != CT_OK) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    if (rc != CT_OK)
        return rc;
    if (!isfinite(f.best))
        return ct_si_seg_none(s, err);
    memcpy(psi, f.best_psi, (size_t)s->k * sizeof *psi);
    return CT_OK;
}

/* ------------------------------------------------------------ Poisson --- */

/* the profile deviance at psi, the fit started from the last one's
 * linear predictor (a few iterations instead of ~10), else cold */
static double pois_eval(struct fast *f, double *psi)
{
    struct seg *s = f->s;
    double v = CT_INF;
    size_t p;

    if (f->warm && ct_si_seg_feasible(s, psi) &&
        ct_si_seg_mle_exists(s, psi, s->k, NULL)) {
        s->evals++;
        p = ct_si_seg_build(s, psi, 0, NULL);
        if (ct_si_seg_pois_fast(s->X, s->n, p, s->y, s->mu, &v, 1) != 0)
            v = CT_INF;
    }
    if (!(v < CT_INF))
        v = ct_si_seg_objective(s, psi);
    f->warm = v < CT_INF;
    if (v < f->best) {
        f->best = v;
        memcpy(f->best_psi, psi, (size_t)f->s->k * sizeof *psi);
    }
    tick(f, 1);
    return v;
}

static double golden_eval(void *f, double *psi)
{
    return pois_eval(f, psi);
}

/* golden-section search of break `which` over [a, c] (others fixed) */
static void golden(struct fast *f, double *psi, int which, double a,
                   double c, double tol)
{
    ct_si_golden(golden_eval, f, psi, which, &a, &c, tol);
    memcpy(psi, f->best_psi, (size_t)f->s->k * sizeof *psi);
}

static int poisson(struct seg *s, double *psi, ct_error *err)
{
    struct fast f;
    int G = s->k == 1 ? 48 : 14;
    double x[64], step, tol, trial[MAXK];
    int i, j, round;
    size_t m, inside = 0;
    int obs_grid = 0;

    /* a short series: every observation in range is a grid point */
    for (m = 0; m < s->n; m++)
        inside += s->t[m] >= s->lo && s->t[m] <= s->hi;
    if (inside <= 64 && (int)inside > G) {
        obs_grid = 1;
        G = 0;
        for (m = 0; m < s->n; m++)
            if (s->t[m] >= s->lo && s->t[m] <= s->hi)
                x[G++] = s->t[m];
    }
    step = (s->hi - s->lo) / (G - 1);

    memset(&f, 0, sizeof f);
    f.s = s;
    f.n = s->n;
    f.best = CT_INF;
    f.total = s->k == 1 ? (unsigned long long)G + 60
                        : (unsigned long long)(G * (G - 1) / 2) + 6 * 2 * 30;
    tol = 1e-9 * (s->hi - s->lo);
    for (i = 0; i < G && !obs_grid; i++)
        x[i] = s->lo + step * i;
    for (i = 0; i < G; i++)
        for (j = s->k == 1 ? i : i + 1; j < (s->k == 1 ? i + 1 : G); j++) {
            trial[0] = x[i];
            trial[1] = x[j];
            (void)pois_eval(&f, trial);
        }
    if (!isfinite(f.best))
        return ct_si_seg_none(s, err);
    memcpy(trial, f.best_psi, sizeof trial);
    for (round = 0; round < (s->k == 1 ? 1 : 6); round++) {
        for (j = 0; j < s->k; j++) {
            double a = trial[j] - step, c = trial[j] + step;
            if (a < s->lo)
                a = s->lo;
            if (c > s->hi)
                c = s->hi;
            if (s->k == 2 && j == 0 && c > trial[1])
                c = trial[1];
            if (s->k == 2 && j == 1 && a < trial[0])
                a = trial[0];
            golden(&f, trial, j, a, c, tol);
        }
        step /= 2;
    }
    /* the profile has kinks at the observations: try those beside each
     * break */
    for (j = 0; j < s->k; j++) {
        size_t gi = gap_of(s, f.best_psi[j]), o;
        for (o = gi > 0 ? gi - 1 : 0; o <= gi + 2 && o < s->n; o++) {
            memcpy(trial, f.best_psi, sizeof trial);
            trial[j] = s->t[o];
            (void)pois_eval(&f, trial);
        }
    }
    memcpy(psi, f.best_psi, (size_t)s->k * sizeof *psi);
    return CT_OK;
}

int ct_si_seg_search_fast(struct seg *s, double *psi, ct_error *err)
{
    return s->fam == CT_SEG_GAUSSIAN ? gaussian(s, psi, err)
                                     : poisson(s, psi, err);
}
