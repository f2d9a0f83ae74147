/* SPDX-License-Identifier: MIT
 * claims_reading.c - the plain-language reading of each cell: what the
 * primary specification, the non-parametric test and the specification
 * set say, and the caveat that matters most.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "claims/claims_internal.h"
#include "ctrend/geo.h"
#include "ctrend/obs.h"
#include "ctrend/stats.h"

static const char *model_name(ct_glm_family f)
{
    return f == CT_GLM_NEGBIN ? "negative binomial"
         : f == CT_GLM_QUASIPOISSON ? "quasi-Poisson" : "Poisson";
}

static void cat(char *buf, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void cat(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    if (len + 1 >= n)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

static void fmt_p(char *b, size_t n, double p)
{
    if (isnan(p)) snprintf(b, n, "p n/a");
    else if (p < 0.0001) snprintf(b, n, "p < 0.0001");
    else if (p < 0.001) snprintf(b, n, "p = %.4f", p);
    else snprintf(b, n, "p = %.2g", p);
}

void cl_classes(char *b, size_t n, unsigned mask)
{
    size_t len = 0;
    int c;
    b[0] = '\0';
    for (c = 0; c < CT_CLASS_COUNT; c++)
        if (mask >> c & 1u) {
            snprintf(b + len, n - len, "%s%s", len ? "+" : "", ct_obs_class_name(c));
            len = strlen(b);
        }
}

/* A compare claim: the two periods' rates and their ratio. */
static void reading_compare(char *b, size_t n, const ct_claim *c,
                            const ct_claims_source_info *src,
                            const ct_claims_cell *cell, const char *cls,
                            const char *p1, const char *p2)
{
    const ct_claims_spec *P = &cell->primary;

    cat(b, n, "%s counts %.1f %s (%s) a year in %d-%d against %.1f in "
              "%d-%d, a rate ratio of %.2f (95%% CI %.2f-%.2f, exact %s)",
        src->label, cell->mean_b, cl_measure_word(P->measure), cls,
        c->period_b[0], c->period_b[1], cell->mean_a, c->period_a[0],
        c->period_a[1], cell->rate_ratio, cell->rate_ratio_ci[0],
        cell->rate_ratio_ci[1], p1);
    if (!isnan(cell->distinct_a))
        cat(b, n, "; counted as distinct conflicts, %.0f against %.0f",
            cell->distinct_b, cell->distinct_a);
    cat(b, n, ". ");
    if (cell->rate_ratio > 1 && c->direction < 0)
        cat(b, n, "The data point the other way from the claim (more, "
                  "not fewer)%s; ",
            P->sig < 0 ? ", significantly" : ", though not significantly");
    else if (cell->rate_ratio < 1 && c->direction > 0)
        cat(b, n, "The data point the other way from the claim; ");
    cat(b, n, "the rank-sum test gives %s, and %zu of %zu specifications "
              "are significant for the claim, %zu against.",
        p2, cell->n_sig_for, cell->n_computed, cell->n_sig_against);
}

/* An only claim: the interaction and the groups, Holm-adjusted. */
static void reading_only(char *b, size_t n, const ct_claim *c,
                         const ct_claims_source_info *src,
                         const ct_claims_cell *cell, const char *cls,
                         const char *p1, const ct_claims_options *o)
{
    const ct_claims_spec *P = &cell->primary;
    double share = cell->n_computed ? 100.0 * (double)cell->n_sig_for /
                                          (double)cell->n_computed : 0;
    double share_a = cell->n_computed ? 100.0 * (double)cell->n_sig_against /
                                            (double)cell->n_computed : 0;

    size_t gi;
    int first = 1;
    cat(b, n, "In %s (%s, %s, %d-%d on %s), the named subregions changed "
              "by %+.1f%% a year more than the others (interaction, 95%% "
              "CI %+.1f to %+.1f, %s). ",
        ct_geo_region_name(c->region) ? ct_geo_region_name(c->region) : "the world",
        cls, cl_measure_word(P->measure), P->from, P->to, src->label,
        cell->inter_percent, cell->inter_ci[0], cell->inter_ci[1], p1);
    cat(b, n, "After Holm adjustment, significant growth: ");
    for (gi = 0; gi < cell->n_groups; gi++) {
        const ct_claims_group *G = &cell->groups[gi];
        if (G->status == CT_OK && G->p_holm < o->alpha && G->percent > 0) {
            cat(b, n, "%s%s (%+.1f%%/yr)", first ? "" : ", ", G->name, G->percent);
            first = 0;
        }
    }
    if (first) cat(b, n, "none");
    cat(b, n, "; significant decline: ");
    first = 1;
    for (gi = 0; gi < cell->n_groups; gi++) {
        const ct_claims_group *G = &cell->groups[gi];
        if (G->status == CT_OK && G->p_holm < o->alpha && G->percent < 0) {
            cat(b, n, "%s%s (%+.1f%%/yr)", first ? "" : ", ", G->name, G->percent);
            first = 0;
        }
    }
    if (first) cat(b, n, "none");
    cat(b, n, ".");
    for (gi = 0; gi < cell->n_groups; gi++) {
        const ct_claims_group *G = &cell->groups[gi];
        if (G->named && G->status == CT_OK && G->percent * c->direction < 0)
            cat(b, n, " %s, which the claim says %s, %s (%+.1f%%/yr, Holm "
                      "p = %.2g; Mann-Kendall Holm p = %.2g).",
                G->name, c->direction > 0 ? "grows" : "falls",
                c->direction > 0 ? "fell" : "rose", G->percent, G->p_holm,
                G->mk_p_holm);
    }
    cat(b, n, " %.0f%% of %zu specifications find the named subregions "
              "growing significantly faster, %.0f%% slower.",
        share, cell->n_computed, share_a);
}

/* A trend (or also) claim: the main model, Mann-Kendall, the
 * specifications and (also) each region. */
static void reading_trend(char *b, size_t n, const ct_claim *c,
                          const ct_claims_source_info *src,
                          const ct_claims_cell *cell, const char *cls,
                          const char *p1, const char *p2,
                          const ct_claims_options *o)
{
    const ct_claims_spec *P = &cell->primary;
    double share = cell->n_computed ? 100.0 * (double)cell->n_sig_for /
                                          (double)cell->n_computed : 0;
    double share_a = cell->n_computed ? 100.0 * (double)cell->n_sig_against /
                                            (double)cell->n_computed : 0;
    const char *up = c->direction > 0 ? "growth" : "decline";
    const char *down = c->direction > 0 ? "decline" : "growth";

    char where[160] = "";
    if (c->kind == CT_CLAIM_ALSO) {
        size_t k;
        cat(where, sizeof where, " in");
        for (k = 0; k < c->n_named[0]; k++)
            cat(where, sizeof where, "%s %s", k ? "," : "", c->named[0][k]);
    }
    cat(b, n, "%s%s, %d-%d: %s %s changed by %+.2f%% a year (95%% CI "
              "%+.2f to %+.2f; %s model, %s); the Mann-Kendall test ",
        src->label, where,
        P->from, P->to, cls, cl_measure_word(P->measure), P->effect,
        P->ci[0], P->ci[1], model_name(P->model), p1);
    if (P->p_np < o->alpha && cl_sign(cell->mk_S) == cl_sign(P->effect) &&
        P->p < o->alpha)
        cat(b, n, "agrees (%s). ", p2);
    else if (P->p_np < o->alpha && cl_sign(cell->mk_S) == cl_sign(P->effect))
        cat(b, n, "is significant in the same direction although the "
                  "model is not (%s). ", p2);
    else if (P->p_np < o->alpha)
        cat(b, n, "points the other way (%s). ", p2);
    else
        cat(b, n, "finds no significant trend (%s). ", p2);
    cat(b, n, "%.0f%% of %zu specifications show significant %s, %.0f%% "
              "significant %s (median %+.2f%%/yr).",
        share, cell->n_computed, up, share_a, down, cell->effect_median);
    if (c->kind == CT_CLAIM_ALSO && cell->n_groups) {
        size_t gi;
        cat(b, n, " Per region:");
        for (gi = 0; gi < cell->n_groups; gi++) {
            const ct_claims_group *G = &cell->groups[gi];
            if (G->status == CT_OK)
                cat(b, n, "%s %s %+.1f%%/yr (Holm p = %.2g)",
                    gi ? ";" : "", G->name, G->percent, G->p_holm);
            else
                cat(b, n, "%s %s: %s", gi ? ";" : "", G->name, G->reason);
        }
        cat(b, n, ".");
    }
}

/* The caveat that matters most: the years used, then the shape. */
static void reading_caveat(char *b, size_t n, const ct_claims_cell *cell,
                           const ct_claims_cell *other, int scope)
{
    const ct_claims_spec *P = &cell->primary;

    if (other && other->primary.status == CT_OK &&
        other->verdict != CT_VERDICT_NOT_TESTABLE &&
        other->primary.to != P->to &&
        (other->verdict != cell->verdict || other->primary.sig != P->sig)) {
        const ct_claims_spec *S = scope == 0 ? P : &other->primary;
        const ct_claims_spec *A = scope == 0 ? &other->primary : P;
        char ps[32], pa[32];
        fmt_p(ps, sizeof ps, S->p);
        fmt_p(pa, sizeof pa, A->p);
        cat(b, n, " Caveat: on data to %d, what the claim's source could "
                  "see, the main model finds %s (%+.2f%%/yr, %s); on data "
                  "to %d it finds %s (%+.2f%%/yr, %s): the sentence's truth "
                  "depends on the years used.",
            S->to, S->sig ? (S->effect > 0 ? "significant growth" : "a significant fall")
                          : "no significant change",
            S->effect, ps, A->to,
            A->sig ? (A->effect > 0 ? "significant growth" : "a significant fall")
                   : "no significant change",
            A->effect, pa);
        if (cell->seg_status == CT_OK && cell->break_better)
            cat(b, n, " The series is not a straight line: it turned around "
                      "%.0f (%+.1f%%/yr before, %+.1f%%/yr after; Davies p = "
                      "%.2g).",
                cell->seg_psi, cell->seg_percent[0], cell->seg_percent[1],
                cell->seg_davies_p);
    } else if (cell->seg_status == CT_OK && cell->break_better) {
        cat(b, n, " Caveat: a straight line is a poor summary; the series "
                  "turned around %.0f (%+.1f%%/yr before, %+.1f%%/yr after; "
                  "Davies p = %.2g).",
            cell->seg_psi, cell->seg_percent[0], cell->seg_percent[1],
            cell->seg_davies_p);
    } else if (cell->verdict == CT_VERDICT_MIXED) {
        cat(b, n, " Caveat: the methods or specifications disagree, so the "
                  "claim rests on one way of counting.");
    }
}

void cl_reading(const ct_claim *c, const ct_claims_source_info *src,
                ct_claims_cell *cell, const ct_claims_cell *other, int scope,
                const ct_claims_options *o)
{
    char *b = cell->reading, p1[32], p2[32], cls[128];
    size_t n = sizeof cell->reading;
    const ct_claims_spec *P = &cell->primary;
    const char *up = c->direction > 0 ? "growth" : "decline";

    b[0] = '\0';
    if (cell->verdict == CT_VERDICT_NOT_TESTABLE) {
        cat(b, n, "%s cannot test \"%s\"%s: %s.", src->label, c->paraphrase,
            scope == 0 ? " on the years its source could see" : "",
            cell->reason);
        return;
    }
    if (P->status != CT_OK) {
        cat(b, n, "On %s the claim's main specification cannot be fitted "
                  "(%s); %zu of %zu other specifications show significant %s.",
            src->label, P->reason, cell->n_sig_for, cell->n_computed, up);
        return;
    }
    cl_classes(cls, sizeof cls, P->class_mask);
    fmt_p(p1, sizeof p1, P->p);
    fmt_p(p2, sizeof p2, P->p_np);
    if (c->kind == CT_CLAIM_COMPARE) {
        reading_compare(b, n, c, src, cell, cls, p1, p2);
        return;
    }
    if (c->kind == CT_CLAIM_ONLY)
        reading_only(b, n, c, src, cell, cls, p1, o);
    else
        reading_trend(b, n, c, src, cell, cls, p1, p2, o);
    reading_caveat(b, n, cell, other, scope);
}
