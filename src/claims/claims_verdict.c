/* SPDX-License-Identifier: MIT
 * claims_verdict.c - a cell's specification curve summary and its verdict
 * by the rule of CT_CLAIMS_RULE (README "Claims: the verdict rule").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "claims/claims_internal.h"

/* The specification curve summary of a cell. */
static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void cl_summarize(ct_claims_cell *cell, const ct_claims_spec *specs,
                  size_t first, size_t last, int direction, int compare)
{
    size_t i, k = 0;
    double *e = malloc((last - first + 1) * sizeof *e);
    cell->spec_first = first;
    cell->n_specs = last - first;
    cell->effect_median = cell->effect_min = cell->effect_max = NAN;
    for (i = first; i < last; i++) {
        const ct_claims_spec *s = &specs[i];
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

/* The cell's verdict from its primary specification (and, for only
 * claims, the groups). */
void cl_trend_verdict(ct_claims_cell *cell, const ct_claim *c,
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

/* A comparison's verdict: the primary rate ratio, the rank-sum test in
 * the direction of the means, and the curve. */
void cl_compare_verdict(ct_claims_cell *cell, const ct_claim *c,
                        const ct_claims_options *o)
{
    const ct_claims_spec *S = &cell->primary;
    int pf = S->status == CT_OK && S->sig > 0;
    int pa = S->status == CT_OK && S->sig < 0;
    int sgn = S->status == CT_OK ? cl_sign(cell->mean_b - cell->mean_a) : 0;
    int nf = S->status == CT_OK &&
             cl_sig_dir(S->p_np, sgn, c->direction, o->alpha) > 0;
    int na = S->status == CT_OK &&
             cl_sig_dir(S->p_np, sgn, c->direction, o->alpha) < 0;
    verdict(cell, pf, pa, nf, na, o);
}

