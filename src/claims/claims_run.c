/* SPDX-License-Identifier: MIT
 * claims_run.c - expands each claim into its specifications, fits them on
 * every source and scope, applies the verdict rule (CT_CLAIMS_RULE) and
 * writes the plain-language readings. Failures of a specification or a
 * group become its reason; they never stop the run.
 *
 * Three stages: (1) plan, in the order of the result: every cell's
 * specifications with the series they need; (2) fit every specification
 * (claims_fit.c), on opt->threads threads; (3) finish every cell (primary
 * extras, curve, verdict; claims_verdict.c), also in parallel. Each item
 * writes only its own specification or cell, so the result is the same for
 * any number of threads.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims/claims_internal.h"
#include "ctrend/geo.h"
#include "ctrend/obs.h"
#include "ctrend/series.h"
#include "ctrend/stats.h"
#include "ctrend/version.h"

/* ------------------------------------------------------ expansion --- */

typedef struct window { int from, to; } window;

static size_t windows(const ct_claim *c, int end, int span_min, window *w,
                      size_t cap, window *primary)
{
    size_t n = 0, i;
    int f, t;
    (void)span_min;
    primary->from = primary->to = 0;
    if (c->from_primary) {
        primary->from = c->from_primary;
        primary->to = end;
        for (f = c->from_min; f <= c->from_max; f++)
            for (t = f + c->min_years - 1; t <= end; t++)
                if (n < cap)
                    w[n++] = (window){f, t};
    }
    for (i = 0; i < c->n_recent; i++) {
        window x = {end - c->recent[i] + 1, end};
        size_t j;
        int dup = 0;
        for (j = 0; j < n; j++)
            if (w[j].from == x.from && w[j].to == x.to)
                dup = 1;
        if (!dup && n < cap)
            w[n++] = x;
        if (!c->from_primary && c->recent[i] == c->recent_primary)
            *primary = x;
    }
    return n;
}

static int source_has(const ct_claims_data *d, ct_measure m)
{
    switch (m) {
    case CT_MEASURE_CONFLICTS:
        return d->dataset == CT_DS_ACD || d->dataset == CT_DS_BRD ||
               d->dataset == CT_DS_GED;
    case CT_MEASURE_EVENTS:
        return d->dataset == CT_DS_ACLED || d->dataset == CT_DS_GED ||
               d->dataset == CT_DS_HAPI;
    case CT_MEASURE_DEATHS:
        return d->has_deaths && d->dataset != CT_DS_ACD;
    }
    return 0;
}

const char *cl_measure_word(ct_measure m)
{
    return m == CT_MEASURE_CONFLICTS ? "conflicts"
         : m == CT_MEASURE_EVENTS    ? "events" : "deaths";
}

/* Can this source speak to [from, to] for this selection? */
static int testable(const ct_claims_data *d, unsigned mask, int from, int to,
                    int cov, char *why, size_t n)
{
    const unsigned typed = 1u << CT_CLASS_EXTRASYSTEMIC |
                           1u << CT_CLASS_INTERSTATE |
                           1u << CT_CLASS_INTRASTATE |
                           1u << CT_CLASS_INTERNATIONALIZED;
    if (d->dataset == CT_DS_GED && (mask & typed) &&
        !(mask & 1u << CT_CLASS_STATEBASED)) {
        snprintf(why, n, "GED state-based events carry no conflict type "
                         "without a join to the ACD");
        return 0;
    }
    if (cov > from) {
        snprintf(why, n, "ACLED's coverage of these countries begins in %d, "
                         "so a window from %d cannot be tested", cov, from);
        return 0;
    }
    if (from < d->info.year_min || to > d->info.year_max) {
        snprintf(why, n, "the data span %d-%d does not cover %d-%d",
                 d->info.year_min, d->info.year_max, from, to);
        return 0;
    }
    return 1;
}

/* ------------------------------------------------- result building --- */

/* What the fit of one specification needs: stage 1 (planning, in order)
 * fills it, stage 2 runs it on any thread and writes only its own
 * specification (and, for the primary of a comparison, its cell's
 * numbers). */
typedef enum job_kind {
    JOB_NONE = 0,            /* not testable: nothing to fit               */
    JOB_TREND,               /* count model and Mann-Kendall on y          */
    JOB_GROUPS,              /* only/also: y named groups, yr the rest     */
    JOB_RATE,                /* compare: annual rates of y over from..to   */
    JOB_DISTINCT             /* compare: distinct conflicts da, db         */
} job_kind;

typedef struct job {
    job_kind kind;
    const ct_claim *c;
    const double *y, *yr;    /* series from the specification's first year */
    double da, db;           /* JOB_DISTINCT                               */
    ct_claims_cell *cell;    /* compare primary: its cell's numbers, or NULL */
} job;

typedef struct runner {
    const ct_claims_options *o;
    ct_claims_result *r;
    size_t cap_specs;
    job *jobs;               /* one per specification (same index)         */
    double **store;          /* the series cut for the jobs (owned)        */
    size_t n_store, cap_store;
} runner;

static void spec_blank(ct_claims_spec *s)
{
    memset(s, 0, sizeof *s);
    s->effect = s->ci[0] = s->ci[1] = s->p = s->p_np = s->dispersion = NAN;
}

/* Appends a specification (and its empty job); NULL when out of memory. */
static ct_claims_spec *new_spec(runner *R, size_t claim, size_t scope,
                                size_t src)
{
    ct_claims_spec *s;
    if (R->r->n_specs == R->cap_specs) {
        size_t cap = R->cap_specs ? 2 * R->cap_specs : 1024;
        ct_claims_spec *p = realloc(R->r->specs, cap * sizeof *p);
        job *j;
        if (p == NULL)
            return NULL;
        R->r->specs = p;
        if ((j = realloc(R->jobs, cap * sizeof *j)) == NULL)
            return NULL;
        R->jobs = j;
        R->cap_specs = cap;
    }
    memset(&R->jobs[R->r->n_specs], 0, sizeof *R->jobs);
    s = &R->r->specs[R->r->n_specs++];
    memset(s, 0, sizeof *s);
    s->claim = claim;
    s->scope = scope;
    s->source = src;
    s->effect = s->ci[0] = s->ci[1] = s->p = s->p_np = s->dispersion = NAN;
    s->testable = 1;
    return s;
}

/* A zeroed series of n years that lives as long as the run; NULL when
 * out of memory. */
static double *store_new(runner *R, size_t n)
{
    double *y;
    if (R->n_store == R->cap_store) {
        size_t cap = R->cap_store ? 2 * R->cap_store : 64;
        double **p = realloc(R->store, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        R->store = p;
        R->cap_store = cap;
    }
    if ((y = calloc(n ? n : 1, sizeof *y)) == NULL)
        return NULL;
    R->store[R->n_store++] = y;
    return y;
}

/* Group list of an only/also claim under one scheme. */
typedef struct groupdef {
    char name[64];
    int named;
    cl_select sel;
} groupdef;

static size_t group_list(const ct_claims_data *d, const ct_claim *c,
                         size_t si, unsigned mask, ct_measure m,
                         groupdef *g, size_t cap)
{
    size_t n = 0, i, j;
    int scheme = c->schemes[si] == CT_SCHEME_UN;
    if (c->group_key == CT_KEY_REGION) {
        int reg;
        for (reg = 1; reg <= 5 && n < cap; reg++) {
            const char *nm = ct_geo_region_name(reg);
            int named = 0, ref = c->n_reference == 0;
            for (j = 0; j < c->n_named[si]; j++)
                if (ct_geo_region_parse(c->named[si][j]) == reg)
                    named = 1;
            for (j = 0; j < c->n_reference; j++)
                if (ct_geo_region_parse(c->reference[j]) == reg)
                    ref = 1;
            if (!named && !ref)
                continue;
            memset(&g[n], 0, sizeof g[n]);
            cl_copy(g[n].name, sizeof g[n].name, nm);
            g[n].named = named;
            g[n].sel.measure = m;
            g[n].sel.mask = mask;
            g[n].sel.regions[0] = reg;
            g[n].sel.n_regions = 1;
            n++;
        }
        return n;
    }
    if (d->geo == NULL)
        return 0;
    for (i = 0; i < ct_geo_count(d->geo); i++) {
        const ct_country *ct = ct_geo_at(d->geo, i);
        const char *sub = ct_geo_country_subregion(ct, c->schemes[si]);
        int idx, dup = 0;
        if (c->region && ct->ucdp_region != c->region)
            continue;
        if ((idx = cl_subregion_find(d, scheme, sub)) < 0)
            continue; /* no record anywhere in it */
        for (j = 0; j < n; j++)
            if (strcmp(g[j].name, sub) == 0)
                dup = 1;
        if (dup || n >= cap)
            continue;
        memset(&g[n], 0, sizeof g[n]);
        cl_copy(g[n].name, sizeof g[n].name, sub);
        for (j = 0; j < c->n_named[si]; j++)
            if (strcmp(c->named[si][j], sub) == 0)
                g[n].named = 1;
        g[n].sel.measure = m;
        g[n].sel.mask = mask;
        g[n].sel.region = c->region;
        g[n].sel.scheme = scheme;
        g[n].sel.sub[0] = idx;
        g[n].sel.n_sub = 1;
        n++;
    }
    return n;
}

static void pool(const groupdef *g, size_t n, int named, cl_select *out)
{
    size_t i;
    *out = g[0].sel;
    out->n_sub = 0;
    out->n_regions = 0;
    for (i = 0; i < n; i++) {
        if (g[i].named != named)
            continue;
        if (g[i].sel.n_sub)
            out->sub[out->n_sub++] = g[i].sel.sub[0];
        if (g[i].sel.n_regions)
            out->regions[out->n_regions++] = g[i].sel.regions[0];
    }
}

static int pooled_empty(const cl_select *s)
{
    return s->n_sub == 0 && s->n_regions == 0;
}

/* ------------------------------------------------------- one cell --- */

/* For only/also claims: the interaction of named groups against the
 * rest (only) and each group's own trend, Holm-adjusted. */
static void primary_groups(ct_claims_cell *cell, const ct_claim *c,
                           const ct_claims_data *d, unsigned mask,
                           const groupdef *g, size_t ng, const double *yn,
                           const double *yr, int full_from, int f0, int t0,
                           const ct_claims_options *o, cl_work *W)
{
    size_t n = (size_t)(t0 - f0 + 1), i;
    ct_error e;
    double ps[32], pm[32];
    size_t gi;
    if (c->kind == CT_CLAIM_ONLY) {
        ct_claims_interaction it;
        double tt[CL_MAXY];
        for (i = 0; i < n; i++)
            tt[i] = f0 + (double)i;
        if (cl_interaction_fit(&it, tt, yn + (f0 - full_from),
                               yr + (f0 - full_from), n, o->level,
                               o->disp_quasi, W->inter, &e) == CT_OK) {
            cell->inter_percent = 100 * (exp(it.beta[3]) - 1);
            cell->inter_ci[0] = 100 * (exp(it.ci[0]) - 1);
            cell->inter_ci[1] = 100 * (exp(it.ci[1]) - 1);
            cell->inter_p = it.p;
            cell->inter_model = it.quasi ? CT_GLM_QUASIPOISSON
                                         : CT_GLM_POISSON;
        }
    }
    cell->n_groups = ng > 16 ? 16 : ng;
    for (gi = 0; gi < cell->n_groups; gi++) {
        ct_claims_group *G = &cell->groups[gi];
        double yg[CL_MAXY];
        int cv;
        cl_fit gf;
        memset(G, 0, sizeof *G);
        cl_copy(G->name, sizeof G->name, g[gi].name);
        G->named = g[gi].named;
        G->percent = G->p = G->mk_p = G->ci[0] = G->ci[1] = NAN;
        cl_cut(d, &g[gi].sel, f0, t0, yg, &cv, &e);
        for (i = 0; i < n; i++)
            G->total += yg[i];
        if (!testable(d, mask, f0, t0, cv, G->reason,
                      sizeof G->reason)) {
            G->status = CT_EDOMAIN;
        } else {
            cl_fit_trend(&gf, yg, f0, t0, o, 1, W);
            G->status = gf.status;
            cl_copy(G->reason, sizeof G->reason, gf.reason);
            if (gf.status == CT_OK) {
                G->model = gf.model;
                G->percent = gf.pct;
                G->ci[0] = gf.ci[0];
                G->ci[1] = gf.ci[1];
                G->p = gf.p;
                G->mk_p = gf.mk_ok ? gf.mk_p : (double)NAN;
                G->mk_S = gf.mk_ok ? gf.mk_S : 0;
                if (!gf.mk_ok)
                    snprintf(G->reason, sizeof G->reason,
                             "Mann-Kendall undefined (all years equal)");
            }
        }
        ps[gi] = G->p;
        pm[gi] = G->mk_p;
    }
    if (cell->n_groups) {
        ct_stats_p_adjust(ps, ps, cell->n_groups, CT_PADJUST_HOLM, &e);
        ct_stats_p_adjust(pm, pm, cell->n_groups, CT_PADJUST_HOLM, &e);
        for (gi = 0; gi < cell->n_groups; gi++) {
            cell->groups[gi].p_holm = ps[gi];
            cell->groups[gi].mk_p_holm = pm[gi];
        }
    }
}

/* ------------------------------------------------------ cell plans --- */

#define NO_SPEC ((size_t)-1)

/* A cell (claim x scope x source) from planning to verdict: its
 * specifications first..last-1 and, for trend-like claims, what the
 * primary extras need (the primary axes' series and groups). */
typedef struct plan {
    const ct_claim *c;
    const ct_claims_data *d;
    ct_claims_cell *cell;
    int done;                /* nothing to fit: the cell is complete       */
    size_t first, last;      /* its specifications                         */
    size_t primary;          /* index of the primary specification, or NO_SPEC */
    window prim;             /* the primary window                         */
    const double *yp, *yr;   /* primary axes from full_from: the series (the
                                named groups), the rest (only/also)        */
    int full_from;
    unsigned mask;           /* primary class set                          */
    groupdef *g;             /* primary axes groups (owned), ng of them    */
    size_t ng;
} plan;

/* The index of the first of the claim's measures the source has. */
static size_t first_measure(const ct_claim *c, const ct_claims_data *d)
{
    size_t m0 = 0;
    while (m0 < c->n_measures && !source_has(d, c->measures[m0]))
        m0++;
    return m0;
}

static void primary_none(ct_claims_cell *cell, const ct_claims_data *d)
{
    spec_blank(&cell->primary);
    cell->primary.status = CT_EDOMAIN;
    snprintf(cell->primary.reason, sizeof cell->primary.reason,
             "%s has none of the claim's measures", d->info.label);
}

/* One combination of measure, class set and scheme of a trend-like
 * claim: the series cut over the source's span, and a specification (with
 * its job) per window. */
typedef struct axes {
    size_t ci, scope, si;    /* the cell                                   */
    ct_measure m;
    unsigned mask;
    size_t sc;               /* scheme index (only/also)                   */
    int is_primary;          /* first measure, class set and scheme        */
} axes;

static int plan_axes(runner *R, plan *P, const axes *A, const window *w,
                     size_t nw)
{
    const ct_claim *c = P->c;
    const ct_claims_data *d = P->d;
    int is_groups = c->kind == CT_CLAIM_ONLY || c->kind == CT_CLAIM_ALSO;
    int full_from = d->info.year_min, full_to = d->info.year_max;
    int cov = 0, covn = 0, covr = 0;
    cl_select sel, sn, sr;
    groupdef g[32];
    size_t ng = 0, wi, span;
    double *y, *yr = NULL;
    ct_error e;

    memset(&sel, 0, sizeof sel);
    sel.measure = A->m;
    sel.mask = A->mask;
    sel.region = c->region;
    if (full_to - full_from + 1 > CL_MAXY || full_to < full_from)
        return CT_ELIMIT;
    span = (size_t)(full_to - full_from + 1);
    if (is_groups) {
        ng = group_list(d, c, A->sc, sel.mask, A->m, g, 32);
        if (ng == 0)
            return CT_OK;
        pool(g, ng, 1, &sn);
        pool(g, ng, 0, &sr);
        if (pooled_empty(&sn))
            return CT_OK;
        if ((y = store_new(R, span)) == NULL ||
            (yr = store_new(R, span)) == NULL)
            return CT_ENOMEM;
        cl_cut(d, &sn, full_from, full_to, y, &covn, &e);
        if (!pooled_empty(&sr))
            cl_cut(d, &sr, full_from, full_to, yr, &covr, &e);
        cov = covn > covr ? covn : covr;
    } else {
        if ((y = store_new(R, span)) == NULL)
            return CT_ENOMEM;
        cl_cut(d, &sel, full_from, full_to, y, &cov, &e);
    }
    for (wi = 0; wi < nw; wi++) {
        ct_claims_spec *s = new_spec(R, A->ci, A->scope, A->si);
        job *J;
        if (s == NULL)
            return CT_ENOMEM;
        J = &R->jobs[R->r->n_specs - 1];
        s->measure = A->m;
        s->class_mask = sel.mask;
        s->scheme = c->schemes[A->sc];
        s->from = w[wi].from;
        s->to = w[wi].to;
        if (!testable(d, sel.mask, s->from, s->to, cov, s->reason,
                      sizeof s->reason)) {
            s->testable = 0;
            s->status = CT_EDOMAIN;
        } else {
            J->kind = is_groups ? JOB_GROUPS : JOB_TREND;
            J->c = c;
            J->y = y + (s->from - full_from);
            J->yr = yr ? yr + (s->from - full_from) : NULL;
        }
        if (A->is_primary && w[wi].from == P->prim.from &&
            w[wi].to == P->prim.to)
            P->primary = R->r->n_specs - 1;
    }
    if (A->is_primary) {
        P->yp = y;
        P->yr = yr;
        P->full_from = full_from;
        P->mask = sel.mask;
        if (ng > 0) {
            if ((P->g = malloc(ng * sizeof *P->g)) == NULL)
                return CT_ENOMEM;
            memcpy(P->g, g, ng * sizeof *P->g);
            P->ng = ng;
        }
    }
    return CT_OK;
}

/* Stage 1 of a trend-like cell: every measure x class set (x scheme) x
 * window becomes a specification, in the order of the result. */
static int plan_trend_cell(runner *R, plan *P, size_t ci, size_t scope,
                           size_t si, int end)
{
    const ct_claim *c = P->c;
    const ct_claims_data *d = P->d;
    window w[2048];
    size_t nw, mi, ki, sc, m0 = first_measure(c, d);
    int is_groups = c->kind == CT_CLAIM_ONLY || c->kind == CT_CLAIM_ALSO;
    int rc;

    nw = windows(c, end, d->info.year_min, w, 2048, &P->prim);
    primary_none(P->cell, d);
    P->cell->primary.testable = 0;
    for (mi = 0; mi < c->n_measures; mi++) {
        if (!source_has(d, c->measures[mi]))
            continue;
        for (ki = 0; ki < c->n_class_sets; ki++) {
            size_t nsch = is_groups ? c->n_schemes : 1;
            for (sc = 0; sc < nsch; sc++) {
                axes A = {ci, scope, si, c->measures[mi], c->class_sets[ki],
                          sc, mi == m0 && ki == 0 && sc == 0};
                if ((rc = plan_axes(R, P, &A, w, nw)) != CT_OK)
                    return rc;
            }
        }
    }
    return CT_OK;
}

/* Stage 3 of a trend-like cell: the primary specification and its extras
 * (Mann-Kendall and Sen, breakpoint, groups), the specification curve
 * and the verdict. */
static void finish_trend_cell(runner *R, plan *P, cl_work *W)
{
    const ct_claims_options *o = R->o;
    const ct_claim *c = P->c;
    ct_claims_cell *cell = P->cell;
    int is_groups = c->kind == CT_CLAIM_ONLY || c->kind == CT_CLAIM_ALSO;

    if (P->primary != NO_SPEC) {
        cell->primary = R->r->specs[P->primary];
        if (cell->primary.testable && cell->primary.status == CT_OK) {
            int f0 = P->prim.from, t0 = P->prim.to;
            cl_primary_breakpoint(cell, P->yp + (f0 - P->full_from), f0, t0, o,
                               W);
            if (is_groups)
                primary_groups(cell, c, P->d, P->mask, P->g, P->ng, P->yp,
                               P->yr, P->full_from, f0, t0, o, W);
        }
    }
    cl_summarize(cell, R->r->specs, P->first, P->last, c->direction, 0);
    if (P->primary == NO_SPEC && cell->n_specs > 0) {
        /* the primary window lies outside what this source has */
        cell->primary.testable = 0;
    }
    cl_trend_verdict(cell, c, o);
}

/* Stage 1 of a comparison cell: per measure and class set the annual
 * rates, and for conflicts also the distinct conflicts of each period. */
static int plan_compare_cell(runner *R, plan *P, size_t ci, size_t scope,
                             size_t si)
{
    const ct_claim *c = P->c;
    const ct_claims_data *d = P->d;
    ct_claims_cell *cell = P->cell;
    size_t mi, ki, m0 = first_measure(c, d);
    int a0 = c->period_a[0], a1 = c->period_a[1];
    int b0 = c->period_b[0], b1 = c->period_b[1];
    int lo = a0 < b0 ? a0 : b0, hi = a1 > b1 ? a1 : b1;

    primary_none(cell, d);
    cell->mean_a = cell->mean_b = cell->rate_ratio = cell->wilcoxon_p = NAN;
    cell->distinct_a = cell->distinct_b = cell->distinct_p = NAN;
    for (mi = 0; mi < c->n_measures; mi++) {
        ct_measure m = c->measures[mi];
        if (!source_has(d, m))
            continue;
        for (ki = 0; ki < c->n_class_sets; ki++) {
            int variant;
            for (variant = 0; variant < (m == CT_MEASURE_CONFLICTS ? 2 : 1);
                 variant++) {
                ct_claims_spec *s = new_spec(R, ci, scope, si);
                int first_axes = mi == m0 && ki == 0, cov;
                cl_select sel;
                double *y;
                job *J;
                ct_error e;
                if (s == NULL)
                    return CT_ENOMEM;
                J = &R->jobs[R->r->n_specs - 1];
                memset(&sel, 0, sizeof sel);
                sel.measure = m;
                sel.mask = c->class_sets[ki];
                sel.region = c->region;
                s->measure = m;
                s->class_mask = sel.mask;
                s->distinct = variant;
                s->from = lo;
                s->to = hi;
                if (hi - lo + 1 > CL_MAXY)
                    return CT_ELIMIT;
                if ((y = store_new(R, (size_t)(hi - lo + 1))) == NULL)
                    return CT_ENOMEM;
                cl_cut(d, &sel, lo, hi, y, &cov, &e);
                if (!testable(d, sel.mask, lo, hi, cov, s->reason,
                              sizeof s->reason)) {
                    s->testable = 0;
                    s->status = CT_EDOMAIN;
                } else {
                    J->kind = variant == 0 ? JOB_RATE : JOB_DISTINCT;
                    J->c = c;
                    J->y = y;
                    J->cell = first_axes ? cell : NULL;
                    if (variant == 1) {
                        J->da = cl_distinct(d, &sel, a0, a1);
                        J->db = cl_distinct(d, &sel, b0, b1);
                    }
                }
                if (first_axes && variant == 0)
                    P->primary = R->r->n_specs - 1;
            }
        }
    }
    return CT_OK;
}

/* Stage 3 of a comparison cell: the primary, the curve and the verdict. */
static void finish_compare_cell(runner *R, plan *P)
{
    ct_claims_cell *cell = P->cell;

    if (P->primary != NO_SPEC)
        cell->primary = R->r->specs[P->primary];
    cl_summarize(cell, R->r->specs, P->first, P->last, P->c->direction, 1);
    cl_compare_verdict(cell, P->c, R->o);
}

/* A cell whose source has no complete year: not testable, no specs. */
static void plan_empty_cell(runner *R, plan *P)
{
    ct_claims_cell *cell = P->cell;
    cell->verdict = CT_VERDICT_NOT_TESTABLE;
    spec_blank(&cell->primary);
    cell->primary.status = CT_EDOMAIN;
    cell->effect_median = cell->effect_min = cell->effect_max = NAN;
    snprintf(cell->primary.reason, sizeof cell->primary.reason,
             "%s has no year that all its files cover", P->d->info.label);
    cl_copy(cell->reason, sizeof cell->reason, cell->primary.reason);
    cell->spec_first = R->r->n_specs;
    P->done = 1;
}

/* --------------------------------------------------------- stages --- */

typedef struct run_ctx {
    runner *R;
    plan *plans;
} run_ctx;

/* Stage 2: the fit of specification i. */
static void fit_job(void *ctx, size_t i, cl_work *W)
{
    runner *R = ((run_ctx *)ctx)->R;
    const job *J = &R->jobs[i];
    ct_claims_spec *s = &R->r->specs[i];
    cl_fit f;

    switch (J->kind) {
    case JOB_TREND:
        cl_fit_trend(&f, J->y, s->from, s->to, R->o, 1, W);
        cl_spec_from_fit(s, &f, J->c->direction, R->o->alpha);
        break;
    case JOB_GROUPS:
        cl_fit_groups_spec(s, J->c, J->y, J->yr, s->from, s->to, R->o, W);
        break;
    case JOB_RATE:
        cl_fit_rate(s, J->c, J->y, J->cell, R->o);
        break;
    case JOB_DISTINCT:
        cl_fit_distinct(s, J->c, J->da, J->db, J->cell, R->o);
        break;
    case JOB_NONE:
        break;
    }
}

/* Stage 3: cell i from its fitted specifications. */
static void finish_cell(void *ctx, size_t i, cl_work *W)
{
    run_ctx *X = ctx;
    plan *P = &X->plans[i];
    if (P->done)
        return;
    if (P->c->kind == CT_CLAIM_COMPARE)
        finish_compare_cell(X->R, P);
    else
        finish_trend_cell(X->R, P, W);
}

/* Stage 1: every cell's specifications, in the order of the result. */
static int plan_cells(runner *R, const ct_claims *claims,
                      ct_claims_data *const *sources, size_t n_sources,
                      plan *plans)
{
    size_t ci, sc, si;
    int rc = CT_OK;

    for (ci = 0; ci < claims->n; ci++) {
        const ct_claim *c = &claims->claim[ci];
        for (si = 0; si < n_sources; si++) {
            const ct_claims_data *d = sources[si];
            for (sc = 0; sc < 2; sc++) {
                size_t k = (ci * 2 + sc) * n_sources + si;
                plan *P = &plans[k];
                int end = d->info.year_max;
                if (sc == 0 && c->source_to && c->source_to < end)
                    end = c->source_to;
                P->c = c;
                P->d = d;
                P->cell = &R->r->cells[k];
                P->primary = NO_SPEC;
                P->first = R->r->n_specs;
                if (d->info.year_max < d->info.year_min || d->n == 0)
                    /* e.g. ACLED files of different years: nothing to cut */
                    plan_empty_cell(R, P);
                else if (c->kind == CT_CLAIM_COMPARE)
                    rc = plan_compare_cell(R, P, ci, sc, si);
                else
                    rc = plan_trend_cell(R, P, ci, sc, si, end);
                P->last = R->r->n_specs;
                if (rc != CT_OK)
                    return rc;
            }
        }
    }
    return CT_OK;
}

static ct_claims_result *result_new(const ct_claims *claims,
                                    ct_claims_data *const *sources,
                                    size_t n_sources,
                                    const ct_claims_options *opt)
{
    ct_claims_result *r;
    size_t si;
    if ((r = calloc(1, sizeof *r)) == NULL ||
        (r->cells = calloc(claims->n * 2 * n_sources, sizeof *r->cells)) == NULL ||
        (r->sources = calloc(n_sources, sizeof *r->sources)) == NULL) {
        ct_claims_result_free(r);
        return NULL;
    }
    r->claims = claims;
    r->opt = *opt;
    cl_copy(r->ctrend_version, sizeof r->ctrend_version, ct_version());
    r->n_claims = claims->n;
    r->n_scopes = 2;
    r->n_sources = n_sources;
    for (si = 0; si < n_sources; si++)
        r->sources[si] = sources[si]->info;
    return r;
}

/* Stages 2 and 3 on opt->threads threads, each with its own workspaces. */
static int run_parallel(runner *R, plan *plans, size_t n_plans)
{
    size_t nt = R->o->threads > 0 ? R->o->threads : 1, t;
    cl_work *work;
    run_ctx X = {R, plans};
    int rc = CT_OK;

    if (nt > CT_CLAIMS_THREADS_MAX)
        nt = CT_CLAIMS_THREADS_MAX;
    if ((work = calloc(nt, sizeof *work)) == NULL)
        return CT_ENOMEM;
    for (t = 0; t < nt && rc == CT_OK; t++)
        rc = cl_work_init(&work[t], CL_MAXY);
    if (rc == CT_OK) {
        cl_parallel(R->r->n_specs, nt, work, fit_job, &X);
        cl_parallel(n_plans, nt, work, finish_cell, &X);
    }
    for (t = 0; t < nt; t++)
        cl_work_done(&work[t]);
    free(work);
    return rc;
}

static void runner_done(runner *R, plan *plans, size_t n_plans)
{
    size_t i;
    for (i = 0; plans && i < n_plans; i++)
        free(plans[i].g);
    free(plans);
    for (i = 0; i < R->n_store; i++)
        free(R->store[i]);
    free(R->store);
    free(R->jobs);
}

int ct_claims_run(ct_claims_result **out, const ct_claims *claims,
                  ct_claims_data *const *sources, size_t n_sources,
                  const ct_claims_options *opt, ct_error *err)
{
    ct_claims_options dflt = CT_CLAIMS_OPTIONS_INIT;
    ct_claims_result *r;
    runner R;
    plan *plans = NULL;
    size_t ci, sc, si, n_plans;
    int rc;

    *out = NULL;
    if (opt == NULL)
        opt = &dflt;
    if (n_sources == 0 || claims == NULL || claims->n == 0)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "claims: need claims and at least one source");
    if ((r = result_new(claims, sources, n_sources, opt)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    memset(&R, 0, sizeof R);
    R.o = opt;
    R.r = r;
    n_plans = claims->n * 2 * n_sources;
    if ((plans = calloc(n_plans, sizeof *plans)) == NULL)
        rc = CT_ENOMEM;
    else
        rc = plan_cells(&R, claims, sources, n_sources, plans);
    if (rc == CT_OK)
        rc = run_parallel(&R, plans, n_plans);
    runner_done(&R, plans, n_plans);
    if (rc != CT_OK) {
        ct_claims_result_free(r);
        return ct_error_set(err, rc, NULL, 0,
                            "claims: out of memory or limit");
    }
    for (ci = 0; ci < claims->n; ci++)
        for (si = 0; si < n_sources; si++)
            for (sc = 0; sc < 2; sc++)
                cl_reading(&claims->claim[ci], &r->sources[si],
                           &r->cells[(ci * 2 + sc) * n_sources + si],
                           &r->cells[(ci * 2 + (1 - sc)) * n_sources + si],
                           (int)sc, opt);
    if (!opt->keep_specs) {
        free(r->specs);
        r->specs = NULL;
        r->n_specs = 0;
    }
    *out = r;
    return CT_OK;
}

void ct_claims_result_free(ct_claims_result *r)
{
    if (r == NULL)
        return;
    free(r->cells);
    free(r->sources);
    free(r->specs);
    free(r);
}
