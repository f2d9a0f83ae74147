/* SPDX-License-Identifier: MIT
 * claims_run.c - expands each claim into its specifications, fits them on
 * every source and scope, applies the verdict rule (CT_CLAIMS_RULE) and
 * writes the plain-language readings. Failures of a specification or a
 * group become its reason; they never stop the run.
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

#define MAXY 400 /* years in a series (1900-2100 fits) */

/* ----------------------------------------------------------- one fit --- */

typedef struct fit1 {
    int status;
    char reason[CT_CLAIMS_REASON_MAX];
    ct_glm_family model;
    double dispersion, pct, ci[2], p, log_slope;
    int mk_ok;
    double mk_p, mk_S, mk_tau, sen, sen_ci[2];
} fit1;

static void fit_trend(fit1 *f, const double *y, int from, int to,
                      const ct_claims_options *o, int want_mk)
{
    double t[MAXY];
    size_t n = (size_t)(to - from + 1), i;
    ct_glm_options go = CT_GLM_OPTIONS_INIT;
    ct_glm_result g, nb;
    ct_error e;

    memset(f, 0, sizeof *f);
    f->mk_p = f->p = NAN;
    go.level = o->level;
    for (i = 0; i < n; i++)
        t[i] = from + (double)i;
    f->status = ct_stats_glm(&g, CT_GLM_POISSON, t, y, n, &go, &e);
    if (f->status != CT_OK) {
        cl_copy(f->reason, sizeof f->reason, e.msg);
        return;
    }
    f->model = CT_GLM_POISSON;
    f->dispersion = g.dispersion;
    if (g.dispersion > o->disp_negbin &&
        ct_stats_glm(&nb, CT_GLM_NEGBIN, t, y, n, &go, &e) == CT_OK &&
        !nb.theta_infinite && nb.lr_p_value < o->nb_lr_alpha) {
        g = nb;
        f->model = CT_GLM_NEGBIN;
    } else if (g.dispersion > o->disp_quasi &&
               ct_stats_glm(&g, CT_GLM_QUASIPOISSON, t, y, n, &go, &e) == CT_OK) {
        f->model = CT_GLM_QUASIPOISSON;
    } else {
        ct_stats_glm(&g, CT_GLM_POISSON, t, y, n, &go, &e);
    }
    f->log_slope = g.slope;
    f->pct = g.percent_per_year;
    f->ci[0] = g.percent_ci[0];
    f->ci[1] = g.percent_ci[1];
    f->p = g.p_value;
    if (want_mk) {
        ct_mk_options mo = CT_MK_OPTIONS_INIT;
        ct_mk_result mk;
        mo.level = o->level;
        if (ct_stats_mann_kendall(&mk, t, y, n, &mo, &e) == CT_OK) {
            f->mk_ok = 1;
            f->mk_p = mk.p_value;
            f->mk_S = mk.S;
            f->mk_tau = mk.tau;
            f->sen = mk.sen_slope;
            f->sen_ci[0] = mk.sen_ci[0];
            f->sen_ci[1] = mk.sen_ci[1];
        }
    }
}

int cl_sig_dir(double p, double effect_sign, int direction, double alpha)
{
    if (!(p < alpha) || effect_sign == 0)
        return 0;
    return (int)effect_sign == direction ? 1 : -1;
}

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

typedef struct runner {
    const ct_claims_options *o;
    ct_claims_result *r;
    size_t cap_specs;
} runner;

static void spec_blank(ct_claims_spec *s)
{
    memset(s, 0, sizeof *s);
    s->effect = s->ci[0] = s->ci[1] = s->p = s->p_np = s->dispersion = NAN;
}

static ct_claims_spec *new_spec(runner *R, size_t claim, size_t scope,
                                size_t src)
{
    ct_claims_spec *s;
    if (R->r->n_specs == R->cap_specs) {
        size_t cap = R->cap_specs ? 2 * R->cap_specs : 1024;
        ct_claims_spec *p = realloc(R->r->specs, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        R->r->specs = p;
        R->cap_specs = cap;
    }
    s = &R->r->specs[R->r->n_specs++];
    memset(s, 0, sizeof *s);
    s->claim = claim;
    s->scope = scope;
    s->source = src;
    s->effect = s->ci[0] = s->ci[1] = s->p = s->p_np = s->dispersion = NAN;
    s->testable = 1;
    return s;
}

static void spec_from_fit(ct_claims_spec *s, const fit1 *f, int direction,
                          double alpha)
{
    s->status = f->status;
    if (f->status != CT_OK) {
        cl_copy(s->reason, sizeof s->reason, f->reason);
        return;
    }
    s->model = f->model;
    s->dispersion = f->dispersion;
    s->effect = f->pct;
    s->ci[0] = f->ci[0];
    s->ci[1] = f->ci[1];
    s->p = f->p;
    s->p_np = f->mk_p;
    s->sig = cl_sig_dir(f->p, cl_sign(f->pct), direction, alpha);
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

/* only/also specification on one window: effect of the claim. */
static void fit_groups_spec(ct_claims_spec *s, const ct_claim *c,
                            const double *yn, const double *yr, int from,
                            int to, const ct_claims_options *o)
{
    size_t n = (size_t)(to - from + 1), i;
    double t[MAXY];
    for (i = 0; i < n; i++)
        t[i] = from + (double)i;
    if (c->kind == CT_CLAIM_ONLY) {
        ct_claims_interaction it;
        ct_error e;
        if (ct_claims_interaction_fit(&it, t, yn, yr, n, o->level,
                                      o->disp_quasi, &e) != CT_OK) {
            s->status = e.code;
            cl_copy(s->reason, sizeof s->reason, e.msg);
            return;
        }
        s->status = CT_OK;
        s->model = it.quasi ? CT_GLM_QUASIPOISSON : CT_GLM_POISSON;
        s->dispersion = it.dispersion;
        s->effect = 100 * (exp(it.beta[3]) - 1);
        s->ci[0] = 100 * (exp(it.ci[0]) - 1);
        s->ci[1] = 100 * (exp(it.ci[1]) - 1);
        s->p = it.p;
        {
            fit1 f;
            fit_trend(&f, yn, from, to, o, 1);
            s->p_np = f.mk_ok ? f.mk_p : (double)NAN;
        }
        s->sig = cl_sig_dir(s->p, cl_sign(s->effect), c->direction, o->alpha);
    } else {
        fit1 f;
        fit_trend(&f, yn, from, to, o, 1);
        spec_from_fit(s, &f, c->direction, o->alpha);
    }
}

/* The specification curve summary of a cell. */
static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void summarize(runner *R, ct_claims_cell *cell, size_t first,
                      int direction, int compare)
{
    size_t i, k = 0;
    double *e = malloc((R->r->n_specs - first + 1) * sizeof *e);
    cell->spec_first = first;
    cell->n_specs = R->r->n_specs - first;
    cell->effect_median = cell->effect_min = cell->effect_max = NAN;
    for (i = first; i < R->r->n_specs; i++) {
        const ct_claims_spec *s = &R->r->specs[i];
        double eff;
        if (s->status != CT_OK || !s->testable)
            continue;
        cell->n_computed++;
        eff = compare ? log(s->effect) : s->effect;
        if (cl_sign(eff) == direction)
            cell->n_for++;
        if (s->sig > 0) cell->n_sig_for++;
        if (s->sig < 0) cell->n_sig_against++;
        if (e)
            e[k++] = s->effect;
    }
    if (e && k > 0) {
        qsort(e, k, sizeof *e, dbl_cmp);
        cell->effect_min = e[0];
        cell->effect_max = e[k - 1];
        cell->effect_median = k % 2 ? e[k / 2] : (e[k / 2 - 1] + e[k / 2]) / 2;
    }
    free(e);
}

static void verdict(ct_claims_cell *cell, int p_for, int p_against,
                    int np_for, int np_against, const ct_claims_options *o)
{
    double nf = (double)cell->n_sig_for, na = (double)cell->n_sig_against;
    double nc = (double)cell->n_computed;
    double dir_for = (double)cell->n_for, dir_against = nc - dir_for;
    /* "most specifications agree": more than `majority` of them estimate
     * an effect in the direction, and at most `alpha` of them are
     * significant the other way (what chance alone would give) */
    int maj_for = nc > 0 && dir_for / nc > o->majority && na / nc <= o->alpha;
    int maj_against = nc > 0 && dir_against / nc > o->majority &&
                      nf / nc <= o->alpha;
    /* for "not supported": more than half significant either way is not
     * "no effect" */
    int sig_for_most = nc > 0 && nf / nc > o->majority;
    int sig_against_most = nc > 0 && na / nc > o->majority;
    const char *v;

    if (cell->n_computed == 0) {
        cell->verdict = CT_VERDICT_NOT_TESTABLE;
        snprintf(cell->reason, sizeof cell->reason, "%s",
                 cell->primary.reason[0] ? cell->primary.reason
                                         : "no specification can be computed");
        return;
    }
    if (!cell->primary.testable) {
        cell->verdict = CT_VERDICT_NOT_TESTABLE;
        snprintf(cell->reason, sizeof cell->reason,
                 "primary specification: %s", cell->primary.reason);
        return;
    }
    if (cell->primary.status != CT_OK) {
        cell->verdict = CT_VERDICT_MIXED;
        snprintf(cell->reason, sizeof cell->reason,
                 "the primary specification cannot be fitted (%s)",
                 cell->primary.reason);
        return;
    }
    if (p_for && np_for && maj_for)
        cell->verdict = CT_VERDICT_SUPPORTED;
    else if (p_against && np_against && maj_against)
        cell->verdict = CT_VERDICT_CONTRADICTED;
    else if (!p_for && !p_against && !np_for && !np_against &&
             !sig_for_most && !sig_against_most)
        cell->verdict = CT_VERDICT_NOT_SUPPORTED;
    else
        cell->verdict = CT_VERDICT_MIXED;
    v = ct_claims_verdict_name(cell->verdict);
    (void)v;
    snprintf(cell->reason, sizeof cell->reason,
             "primary: %s; non-parametric: %s; specifications significant "
             "for/against: %zu/%zu of %zu",
             p_for ? "significant for" : p_against ? "significant against"
                                                   : "not significant",
             np_for ? "significant for" : np_against ? "significant against"
                                                     : "not significant",
             cell->n_sig_for, cell->n_sig_against, cell->n_computed);
}

/* ------------------------------------------------------- one cell --- */

/* The primary window's Mann-Kendall and Sen results, and a segmented
 * Poisson fit with one break against the straight trend. */
static void primary_breakpoint(ct_claims_cell *cell, const double *yp,
                               int f0, int t0, const ct_claims_options *o)
{
    fit1 f;
    ct_segmented_options so = CT_SEGMENTED_OPTIONS_INIT;
    ct_segmented_result sg;
    ct_error e;
    double t[MAXY];
    size_t n = (size_t)(t0 - f0 + 1), i;
    fit_trend(&f, yp, f0, t0, o, 1);
    cell->mk_tau = f.mk_tau;
    cell->mk_S = f.mk_S;
    cell->sen = f.sen;
    cell->sen_ci[0] = f.sen_ci[0];
    cell->sen_ci[1] = f.sen_ci[1];
    for (i = 0; i < n; i++)
        t[i] = f0 + (double)i;
    so.family = CT_SEG_POISSON;
    so.level = o->level;
    cell->seg_status = ct_stats_segmented(&sg, t, yp, n, &so, &e);
    if (cell->seg_status == CT_OK) {
        cell->seg_psi = sg.psi[0];
        cell->seg_davies_p = sg.davies_p;
        for (i = 0; i < 2; i++) {
            cell->seg_percent[i] = sg.percent_per_year[i];
            cell->seg_ci[i][0] = sg.percent_ci[i][0];
            cell->seg_ci[i][1] = sg.percent_ci[i][1];
        }
        cell->break_better = sg.davies_p < o->alpha;
        for (i = 0; i < 2; i++)
            if (!(fabs(cell->seg_percent[i]) < 1000) ||
                !isfinite(cell->seg_ci[i][0]) ||
                !(fabs(cell->seg_ci[i][1]) < 1e4))
                cell->seg_status = CT_EDOMAIN;
        if (cell->seg_status != CT_OK)
            cell->break_better = 0; /* a segment with (almost) no counts */
    }
}

/* For only/also claims: the interaction of named groups against the
 * rest (only) and each group's own trend, Holm-adjusted. */
static void primary_groups(ct_claims_cell *cell, const ct_claim *c,
                           const ct_claims_data *d, unsigned mask,
                           const groupdef *g, size_t ng, const double *yn,
                           const double *yr, int full_from, int f0, int t0,
                           const ct_claims_options *o)
{
    size_t n = (size_t)(t0 - f0 + 1), i;
    ct_error e;
    double ps[32], pm[32];
    size_t gi;
    if (c->kind == CT_CLAIM_ONLY) {
        ct_claims_interaction it;
        double tt[MAXY];
        for (i = 0; i < n; i++)
            tt[i] = f0 + (double)i;
        if (ct_claims_interaction_fit(
                &it, tt, yn + (f0 - full_from),
                yr + (f0 - full_from), n, o->level,
                o->disp_quasi, &e) == CT_OK) {
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
        double yg[MAXY];
        int cv;
        fit1 gf;
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
            fit_trend(&gf, yg, f0, t0, o, 1);
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

/* The cell's verdict from its primary specification (and, for only
 * claims, the groups). */
static void trend_verdict(ct_claims_cell *cell, const ct_claim *c,
                          const ct_claims_options *o)
{
    const ct_claims_spec *P = &cell->primary;
    int pf = P->status == CT_OK && P->sig > 0;
    int pa = P->status == CT_OK && P->sig < 0;
    int nf, na;
    if (c->kind == CT_CLAIM_ONLY) {
        /* the pattern must hold group by group after Holm adjustment */
        size_t gi;
        int named_up = 1, other_up = 0, named_up_mk = 1, other_up_mk = 0;
        int any_named_up_mk = 0, named_down_mk = 0;
        for (gi = 0; gi < cell->n_groups; gi++) {
            const ct_claims_group *G = &cell->groups[gi];
            int up = G->status == CT_OK && G->p_holm < o->alpha && G->percent > 0;
            int upm = G->status == CT_OK && G->mk_p_holm < o->alpha && G->mk_S > 0;
            if (G->named) {
                named_up &= up;
                named_up_mk &= upm;
                any_named_up_mk |= upm;
                named_down_mk |= G->status == CT_OK &&
                                 G->mk_p_holm < o->alpha && G->mk_S < 0;
            } else {
                other_up |= up;
                other_up_mk |= upm;
            }
        }
        pf = pf && named_up && !other_up;
        nf = named_up_mk && !other_up_mk;
        na = named_down_mk || (!any_named_up_mk && other_up_mk);
    } else {
        double s = cell->mk_S;
        nf = P->status == CT_OK &&
             cl_sig_dir(P->p_np, cl_sign(s), c->direction, o->alpha) > 0;
        na = P->status == CT_OK &&
             cl_sig_dir(P->p_np, cl_sign(s), c->direction, o->alpha) < 0;
    }
    verdict(cell, pf, pa, nf, na, o);
}

static int run_trend_cell(runner *R, const ct_claim *c, size_t ci,
                          size_t scope, size_t si, const ct_claims_data *d,
                          ct_claims_cell *cell, int end)
{
    const ct_claims_options *o = R->o;
    window w[2048], prim;
    size_t nw, mi, ki, wi, first = R->r->n_specs;
    int span0 = d->info.year_min, span1 = d->info.year_max;
    double y[MAXY];
    int have_primary = 0;
    int is_groups = c->kind == CT_CLAIM_ONLY || c->kind == CT_CLAIM_ALSO;

    size_t m0 = 0;
    while (m0 < c->n_measures && !source_has(d, c->measures[m0]))
        m0++;
    nw = windows(c, end, span0, w, 2048, &prim);
    spec_blank(&cell->primary);
    cell->primary.testable = 0;
    cell->primary.status = CT_EDOMAIN;
    snprintf(cell->primary.reason, sizeof cell->primary.reason,
             "%s has none of the claim's measures", d->info.label);
    for (mi = 0; mi < c->n_measures; mi++) {
        ct_measure m = c->measures[mi];
        if (!source_has(d, m))
            continue;
        for (ki = 0; ki < c->n_class_sets; ki++) {
            size_t sc, nsch = is_groups ? c->n_schemes : 1;
            for (sc = 0; sc < nsch; sc++) {
                cl_select sel, sn, sr;
                groupdef g[32];
                size_t ng = 0;
                double yn[MAXY], yr[MAXY];
                int cov = 0, covn = 0, covr = 0;
                ct_error e;
                int full_from = span0, full_to = span1;
                int is_primary_axes = mi == m0 && ki == 0 && sc == 0;

                memset(&sel, 0, sizeof sel);
                sel.measure = m;
                sel.mask = c->class_sets[ki];
                sel.region = c->region;
                if (full_to - full_from + 1 > MAXY || full_to < full_from)
                    return ct_error_set(NULL, CT_ELIMIT, NULL, 0, "span");
                if (is_groups) {
                    ng = group_list(d, c, sc, sel.mask, m, g, 32);
                    if (ng == 0)
                        continue;
                    pool(g, ng, 1, &sn);
                    pool(g, ng, 0, &sr);
                    if (pooled_empty(&sn))
                        continue;
                    cl_cut(d, &sn, full_from, full_to, yn, &covn, &e);
                    if (!pooled_empty(&sr))
                        cl_cut(d, &sr, full_from, full_to, yr, &covr, &e);
                    else
                        memset(yr, 0, sizeof yr);
                    cov = covn > covr ? covn : covr;
                } else {
                    cl_cut(d, &sel, full_from, full_to, y, &cov, &e);
                }
                for (wi = 0; wi < nw; wi++) {
                    ct_claims_spec *s = new_spec(R, ci, scope, si);
                    int is_p;
                    if (s == NULL)
                        return CT_ENOMEM;
                    s->measure = m;
                    s->class_mask = sel.mask;
                    s->scheme = c->schemes[sc];
                    s->from = w[wi].from;
                    s->to = w[wi].to;
                    is_p = is_primary_axes && w[wi].from == prim.from &&
                           w[wi].to == prim.to;
                    if (!testable(d, sel.mask, s->from, s->to, cov, s->reason,
                                  sizeof s->reason)) {
                        s->testable = 0;
                        s->status = CT_EDOMAIN;
                    } else if (is_groups) {
                        fit_groups_spec(s, c, yn + (s->from - full_from),
                                        yr + (s->from - full_from), s->from,
                                        s->to, o);
                    } else {
                        fit1 f;
                        fit_trend(&f, y + (s->from - full_from), s->from,
                                  s->to, o, 1);
                        spec_from_fit(s, &f, c->direction, o->alpha);
                    }
                    if (is_p) {
                        cell->primary = *s;
                        have_primary = 1;
                    }
                }
                /* primary-only extras: MK/Sen, breakpoint, groups */
                if (is_primary_axes && have_primary && cell->primary.testable &&
                    cell->primary.status == CT_OK) {
                    int f0 = prim.from, t0 = prim.to;
                    const double *yp = (is_groups ? yn : y) + (f0 - full_from);
                    primary_breakpoint(cell, yp, f0, t0, o);
                    if (is_groups)
                        primary_groups(cell, c, d, sel.mask, g, ng, yn, yr,
                                       full_from, f0, t0, o);
                }
            }
        }
    }
    summarize(R, cell, first, c->direction, 0);
    if (!have_primary && cell->n_specs > 0) {
        /* the primary window lies outside what this source has */
        cell->primary.testable = 0;
    }
    trend_verdict(cell, c, o);
    return CT_OK;
}

static int run_compare_cell(runner *R, const ct_claim *c, size_t ci,
                            size_t scope, size_t si, const ct_claims_data *d,
                            ct_claims_cell *cell)
{
    const ct_claims_options *o = R->o;
    size_t mi, ki, first = R->r->n_specs;
    int a0 = c->period_a[0], a1 = c->period_a[1];
    int b0 = c->period_b[0], b1 = c->period_b[1];
    int lo = a0 < b0 ? a0 : b0, hi = a1 > b1 ? a1 : b1;
    int have_primary = 0;
    size_t m0 = 0;

    while (m0 < c->n_measures && !source_has(d, c->measures[m0]))
        m0++;
    spec_blank(&cell->primary);
    cell->primary.status = CT_EDOMAIN;
    snprintf(cell->primary.reason, sizeof cell->primary.reason,
             "%s has none of the claim's measures", d->info.label);
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
                cl_select sel;
                double y[MAXY], t[MAXY];
                int cov, i;
                ct_error e;
                if (s == NULL)
                    return CT_ENOMEM;
                memset(&sel, 0, sizeof sel);
                sel.measure = m;
                sel.mask = c->class_sets[ki];
                sel.region = c->region;
                s->measure = m;
                s->class_mask = sel.mask;
                s->distinct = variant;
                s->from = lo;
                s->to = hi;
                if (hi - lo + 1 > MAXY)
                    return CT_ELIMIT;
                cl_cut(d, &sel, lo, hi, y, &cov, &e);
                if (!testable(d, sel.mask, lo, hi, cov, s->reason,
                              sizeof s->reason)) {
                    s->testable = 0;
                    s->status = CT_EDOMAIN;
                } else if (variant == 0) {
                    ct_compare_options co = CT_COMPARE_OPTIONS_INIT;
                    ct_compare_result cr;
                    double ya[MAXY], yb[MAXY];
                    size_t na = 0, nb = 0;
                    co.level = o->level;
                    for (i = 0; i <= hi - lo; i++) {
                        t[i] = lo + i;
                        if (lo + i >= a0 && lo + i <= a1) ya[na++] = y[i];
                        if (lo + i >= b0 && lo + i <= b1) yb[nb++] = y[i];
                    }
                    s->status = ct_stats_compare(&cr, t, y, (size_t)(hi - lo + 1),
                                                 a0, a1, b0, b1, &co, &e);
                    if (s->status != CT_OK) {
                        cl_copy(s->reason, sizeof s->reason, e.msg);
                    } else {
                        s->effect = cr.rate_ratio;
                        s->ci[0] = cr.rate_ratio_ci[0];
                        s->ci[1] = cr.rate_ratio_ci[1];
                        s->p = cr.rate_ratio_p;
                        s->model = CT_GLM_POISSON;
                        if (ct_claims_wilcoxon(&s->p_np, ya, na, yb, nb, &e) != CT_OK)
                            s->p_np = NAN;
                        s->sig = cl_sig_dir(s->p, cl_sign(log(s->effect)),
                                         c->direction, o->alpha);
                        if (mi == m0 && ki == 0) {
                            cell->mean_a = cr.mean_a;
                            cell->mean_b = cr.mean_b;
                            cell->rate_ratio = cr.rate_ratio;
                            cell->rate_ratio_ci[0] = cr.rate_ratio_ci[0];
                            cell->rate_ratio_ci[1] = cr.rate_ratio_ci[1];
                            cell->rate_ratio_p = cr.rate_ratio_p;
                            cell->wilcoxon_p = s->p_np;
                        }
                    }
                } else {
                    double da = cl_distinct(d, &sel, a0, a1);
                    double db = cl_distinct(d, &sel, b0, b1);
                    s->status = ct_claims_poisson2(&s->effect, s->ci, &s->p,
                                                   da, db, o->level, &e);
                    if (s->status != CT_OK) {
                        cl_copy(s->reason, sizeof s->reason, e.msg);
                    } else {
                        s->sig = cl_sig_dir(s->p, cl_sign(log(s->effect)),
                                         c->direction, o->alpha);
                        if (mi == m0 && ki == 0) {
                            cell->distinct_a = da;
                            cell->distinct_b = db;
                            cell->distinct_p = s->p;
                        }
                    }
                }
                if (mi == m0 && ki == 0 && variant == 0) {
                    cell->primary = *s;
                    have_primary = 1;
                }
            }
        }
    }
    (void)have_primary;
    summarize(R, cell, first, c->direction, 1);
    {
        const ct_claims_spec *P = &cell->primary;
        int pf = P->status == CT_OK && P->sig > 0;
        int pa = P->status == CT_OK && P->sig < 0;
        int s = P->status == CT_OK ? cl_sign(cell->mean_b - cell->mean_a) : 0;
        int nf = P->status == CT_OK && cl_sig_dir(P->p_np, s, c->direction, o->alpha) > 0;
        int na = P->status == CT_OK && cl_sig_dir(P->p_np, s, c->direction, o->alpha) < 0;
        verdict(cell, pf, pa, nf, na, o);
    }
    return CT_OK;
}

/* ------------------------------------------------------------ run --- */

int ct_claims_run(ct_claims_result **out, const ct_claims *claims,
                  ct_claims_data *const *sources, size_t n_sources,
                  const ct_claims_options *opt, ct_error *err)
{
    ct_claims_options dflt = CT_CLAIMS_OPTIONS_INIT;
    ct_claims_result *r;
    runner R;
    size_t ci, sc, si;
    int rc;

    *out = NULL;
    if (opt == NULL)
        opt = &dflt;
    if (n_sources == 0 || claims == NULL || claims->n == 0)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "claims: need claims and at least one source");
    if ((r = calloc(1, sizeof *r)) == NULL ||
        (r->cells = calloc(claims->n * 2 * n_sources, sizeof *r->cells)) == NULL ||
        (r->sources = calloc(n_sources, sizeof *r->sources)) == NULL) {
        ct_claims_result_free(r);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    r->claims = claims;
    r->opt = *opt;
    cl_copy(r->ctrend_version, sizeof r->ctrend_version, ct_version());
    r->n_claims = claims->n;
    r->n_scopes = 2;
    r->n_sources = n_sources;
    for (si = 0; si < n_sources; si++)
        r->sources[si] = sources[si]->info;
    R.o = opt;
    R.r = r;
    R.cap_specs = 0;
    for (ci = 0; ci < claims->n; ci++) {
        const ct_claim *c = &claims->claim[ci];
        for (si = 0; si < n_sources; si++) {
            const ct_claims_data *d = sources[si];
            for (sc = 0; sc < 2; sc++) {
                ct_claims_cell *cell =
                    &r->cells[(ci * 2 + sc) * n_sources + si];
                int end = d->info.year_max;
                if (sc == 0 && c->source_to && c->source_to < end)
                    end = c->source_to;
                if (d->info.year_max < d->info.year_min || d->n == 0) {
                    /* e.g. ACLED files of different years: nothing to cut */
                    cell->verdict = CT_VERDICT_NOT_TESTABLE;
                    spec_blank(&cell->primary);
                    cell->primary.status = CT_EDOMAIN;
                    cell->effect_median = cell->effect_min =
                        cell->effect_max = NAN;
                    snprintf(cell->primary.reason, sizeof cell->primary.reason,
                             "%s has no year that all its files cover",
                             d->info.label);
                    cl_copy(cell->reason, sizeof cell->reason,
                            cell->primary.reason);
                    cell->spec_first = R.r->n_specs;
                    rc = CT_OK;
                } else if (c->kind == CT_CLAIM_COMPARE)
                    rc = run_compare_cell(&R, c, ci, sc, si, d, cell);
                else
                    rc = run_trend_cell(&R, c, ci, sc, si, d, cell, end);
                if (rc != CT_OK) {
                    ct_claims_result_free(r);
                    return ct_error_set(err, rc, NULL, 0,
                                        "claims: out of memory or limit");
                }
            }
            for (sc = 0; sc < 2; sc++)
                cl_reading(c, &r->sources[si],
                        &r->cells[(ci * 2 + sc) * n_sources + si],
                        &r->cells[(ci * 2 + (1 - sc)) * n_sources + si],
                        (int)sc, opt);
        }
    }
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
