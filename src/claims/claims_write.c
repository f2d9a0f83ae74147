/* SPDX-License-Identifier: MIT
 * claims_write.c - text, Markdown, CSV and JSON writers of a
 * ct_claims_result. They format only: every number comes from the result.
 * JSON follows datasets/claims/claims-result.schema.json (Jansson).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "claims/claims_internal.h"
#include "ctrend/report.h"

static const char *scope_name(size_t s) { return s == 0 ? "source window" : "all data"; }

static const char *model_word(ct_glm_family f)
{
    return f == CT_GLM_NEGBIN ? "negbin" : f == CT_GLM_QUASIPOISSON ? "quasipoisson" : "poisson";
}

static const char *measure_w(ct_measure m, int distinct)
{
    return distinct ? "distinct conflicts" : cl_measure_word(m);
}

static const char *unit_of(const ct_claim *c)
{
    return c->kind == CT_CLAIM_COMPARE ? "rate ratio" : "%/yr";
}

static void g(char *b, size_t n, double x)
{
    if (isnan(x)) snprintf(b, n, "NA");
    else snprintf(b, n, "%.4g", x);
}

/* ------------------------------------------------------------- text --- */

static void window_of(char *b, size_t n, const ct_claim *c, const ct_claims_cell *cell)
{
    if (c->kind == CT_CLAIM_COMPARE)
        snprintf(b, n, "%d-%d vs %d-%d", c->period_b[0], c->period_b[1],
                 c->period_a[0], c->period_a[1]);
    else if (cell->primary.from)
        snprintf(b, n, "%d-%d", cell->primary.from, cell->primary.to);
    else
        snprintf(b, n, "-");
}

/* The primary specification of a testable cell and what goes with it
 * (breakpoint, means, interaction, groups, the specification summary). */
static void write_cell_detail(const ct_claim *c, const ct_claims_cell *cell,
                              FILE *f, int md)
{
    const ct_claims_spec *P = &cell->primary;
    char cls[128], a[24], b[24], cc[24];
    size_t k;

cl_classes(cls, sizeof cls, P->class_mask);
g(a, sizeof a, P->effect);
g(b, sizeof b, P->ci[0]);
g(cc, sizeof cc, P->ci[1]);
if (c->kind == CT_CLAIM_COMPARE)
    fprintf(f, "%sprimary: %s, %s, annual rates: rate "
               "ratio %s [%s, %s], exact conditional "
               "p = %.4g; rank-sum p = %.4g\n",
            md ? "- " : "  ", measure_w(P->measure, P->distinct),
            cls, a, b, cc, P->p, P->p_np);
else
    fprintf(f, "%sprimary: %s, %s, %d-%d: %s %s [%s, %s], "
               "model %s (dispersion %.3g), p = %.4g; "
               "non-parametric p = %.4g\n",
            md ? "- " : "  ", measure_w(P->measure, P->distinct),
            cls, P->from, P->to, a, unit_of(c), b, cc,
            model_word(P->model), P->dispersion, P->p, P->p_np);
if (c->kind != CT_CLAIM_COMPARE && cell->seg_status == CT_OK)
    fprintf(f, "%sbreakpoint: %.1f, %+.2f%%/yr before "
               "[%+.2f, %+.2f], %+.2f%%/yr after [%+.2f, "
               "%+.2f], Davies p = %.4g: %s\n",
            md ? "- " : "  ", cell->seg_psi,
            cell->seg_percent[0], cell->seg_ci[0][0],
            cell->seg_ci[0][1], cell->seg_percent[1],
            cell->seg_ci[1][0], cell->seg_ci[1][1],
            cell->seg_davies_p,
            cell->break_better ? "a break fits clearly better than a straight trend"
                               : "no clear break");
if (c->kind == CT_CLAIM_COMPARE)
    fprintf(f, "%sannual means %.4g (A) and %.4g (B); "
               "rank-sum p = %.4g; distinct conflicts %.0f "
               "(A) and %.0f (B), exact p = %.4g\n",
            md ? "- " : "  ", cell->mean_a, cell->mean_b,
            cell->wilcoxon_p, cell->distinct_a,
            cell->distinct_b, cell->distinct_p);
if (c->kind == CT_CLAIM_ONLY)
    fprintf(f, "%sinteraction (named minus other groups): "
               "%+.2f%%/yr [%+.2f, %+.2f], %s, p = %.4g\n",
            md ? "- " : "  ", cell->inter_percent,
            cell->inter_ci[0], cell->inter_ci[1],
            model_word(cell->inter_model), cell->inter_p);
for (k = 0; k < cell->n_groups; k++) {
    const ct_claims_group *G = &cell->groups[k];
    if (G->status == CT_OK)
        fprintf(f, "%sgroup %s%s: %+.2f%%/yr [%+.2f, "
                   "%+.2f], %s, p = %.3g (Holm %.3g), "
                   "Mann-Kendall p = %.3g (Holm %.3g)\n",
                md ? "- " : "  ", G->name,
                G->named ? " (named)" : "", G->percent,
                G->ci[0], G->ci[1], model_word(G->model),
                G->p, G->p_holm, G->mk_p, G->mk_p_holm);
    else
        fprintf(f, "%sgroup %s%s: not fitted: %s\n",
                md ? "- " : "  ", G->name,
                G->named ? " (named)" : "", G->reason);
}
fprintf(f, "%sspecifications: %zu (%zu computable); "
           "effect in the claimed direction %zu, "
           "significant for %zu, against %zu; median "
           "%.4g, range %.4g to %.4g %s\n",
        md ? "- " : "  ", cell->n_specs, cell->n_computed,
        cell->n_for, cell->n_sig_for, cell->n_sig_against,
        cell->effect_median, cell->effect_min,
        cell->effect_max, unit_of(c));
}

/* Title, the synthetic-data warning, the run and the data read. */
static void write_md_head(const ct_claims_result *r, FILE *f, int md)
{
    const char *h = md ? "## " : "";
    size_t si, k;

    fprintf(f, "%sClaims check: %s\n\n", md ? "# " : "", r->claims->title);
    if (r->opt.synthetic)
        fprintf(f, "%sRun on the bundled SYNTHETIC data (datasets/synthetic): "
                   "the verdicts say nothing about the real world. Give "
                   "--ucdp FILE for the real UCDP exports.%s\n\n",
                md ? "**" : "NOTE: ", md ? "**" : "");
    fprintf(f, "%sctrend %s, run %s, claims file %s.\n\n", md ? "" : "",
            r->ctrend_version, r->opt.run_date ? r->opt.run_date : "(date not given)",
            r->claims->path);
    fprintf(f, "%sData\n\n", h);
    for (si = 0; si < r->n_sources; si++) {
        const ct_claims_source_info *s = &r->sources[si];
        fprintf(f, "%s%s: %s%s%s, %d-%d, %ld records", md ? "- " : "  ",
                s->label, s->dataset, s->version[0] ? " " : "", s->version,
                s->year_min, s->year_max, s->rows);
        for (k = 0; k < s->n_files; k++)
            fprintf(f, "%s %s (sha256 %.16s...)", k ? ";" : ",", s->files[k], s->sha256[k]);
        if (s->note[0])
            fprintf(f, "; %s", s->note);
        fprintf(f, "\n");
    }
}

/* The table of verdicts: one row per claim and scope. */
static void write_md_verdicts(const ct_claims_result *r, FILE *f, int md)
{
    const char *h = md ? "## " : "";
    size_t ci, sc, si;

    fprintf(f, "\n%sVerdicts\n\n", h);
    if (md) {
        fprintf(f, "| claim | scope |");
        for (si = 0; si < r->n_sources; si++)
            fprintf(f, " %s |", r->sources[si].label);
        fprintf(f, "\n|---|---|");
        for (si = 0; si < r->n_sources; si++)
            fprintf(f, "---|");
        fprintf(f, "\n");
    } else {
        fprintf(f, "%-6s %-22s", "claim", "scope");
        for (si = 0; si < r->n_sources; si++)
            fprintf(f, " %-40s", r->sources[si].label);
        fprintf(f, "\n");
    }
    for (ci = 0; ci < r->n_claims; ci++) {
        const ct_claim *c = &r->claims->claim[ci];
        for (sc = 0; sc < 2; sc++) {
            char scope[48];
            if (sc == 0)
                snprintf(scope, sizeof scope, "to %d (source)", c->source_to);
            else
                snprintf(scope, sizeof scope, "all data");
            if (md)
                fprintf(f, "| %s | %s |", c->id, scope);
            else
                fprintf(f, "%-6s %-22s", c->id, scope);
            for (si = 0; si < r->n_sources; si++) {
                const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
                char w[48], v[80];
                window_of(w, sizeof w, c, cell);
                snprintf(v, sizeof v, "%s (%s)", ct_claims_verdict_name(cell->verdict), w);
                if (cell->verdict == CT_VERDICT_NOT_TESTABLE)
                    snprintf(v, sizeof v, "%s", ct_claims_verdict_name(cell->verdict));
                if (md)
                    fprintf(f, " %s |", v);
                else
                    fprintf(f, " %-40s", v);
            }
            fprintf(f, "\n");
        }
    }
    fprintf(f, "\n");
}

/* Each claim: its quote, then every cell in detail. */
static void write_md_claims(const ct_claims_result *r, FILE *f, int md)
{
    const char *h = md ? "## " : "";
    const char *h3 = md ? "### " : "";
    size_t ci, sc, si;

    for (ci = 0; ci < r->n_claims; ci++) {
        const ct_claim *c = &r->claims->claim[ci];
        fprintf(f, "%s%s: %s\n\n", h, c->id, c->paraphrase);
        fprintf(f, "%s\"%s\"%s (%s; %s %s claim; its source could see data to "
                   "%d: %s)\n\n",
                md ? "> " : "", c->quote, md ? "\n>\n> " : "\n", c->attribution,
                c->direction > 0 ? "an increase" : "a decrease",
                ct_claims_kind_name(c->kind), c->source_to, c->source_note);
        for (sc = 0; sc < 2; sc++)
            for (si = 0; si < r->n_sources; si++) {
                const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
                const ct_claims_spec *P = &cell->primary;
                fprintf(f, "%s%s, %s: %s\n\n", h3, r->sources[si].label,
                        scope_name(sc), ct_claims_verdict_name(cell->verdict));
                fprintf(f, "%s%s\n\n", md ? "" : "  ", cell->reading);
                if (P->status == CT_OK)
                    write_cell_detail(c, cell, f, md);
                fprintf(f, "%srule: %s\n\n", md ? "- " : "  ", cell->reason);
            }
    }
}

/* The rule, the citations and (specs) every specification. */
static void write_md_tail(const ct_claims_result *r, int specs, FILE *f,
                          int md, int pr)
{
    const char *h = md ? "## " : "";
    size_t si, k;

    fprintf(f, "%sThe rule\n\n%s", h, md ? "```\n" : "");
    fputs(CT_CLAIMS_RULE, f);
    fprintf(f, "%s\n", md ? "```\n" : "");
    fprintf(f, "%sCitations\n\n", h);
    for (si = 0; si < r->n_sources; si++)
        fprintf(f, "%s%s: %s\n", md ? "- " : "  ", r->sources[si].label,
                r->sources[si].citation);
    fprintf(f, "%sSimonsohn, Simmons & Nelson (2020), Specification curve "
               "analysis, Nature Human Behaviour 4\n",
            md ? "- " : "  ");
    if (specs && r->specs) {
        fprintf(f, "\n%sSpecifications\n\n", h);
        if (md)
            fprintf(f, "| claim | scope | source | measure | classes | scheme | from | to | status | model | effect | ci_low | ci_high | p | p_np | sig |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (k = 0; k < r->n_specs; k++) {
            const ct_claims_spec *s = &r->specs[k];
            char cls[128];
            cl_classes(cls, sizeof cls, s->class_mask);
            if (md)
                fprintf(f, "| %s | %s | %s | %s | %s | %s | %d | %d | %s | %s | %.*g | %.*g | %.*g | %.*g | %.*g | %+d |\n",
                        r->claims->claim[s->claim].id, scope_name(s->scope),
                        r->sources[s->source].label, measure_w(s->measure, s->distinct), cls,
                        s->scheme == CT_SCHEME_UN ? "un" : "acled", s->from, s->to,
                        s->status == CT_OK ? "ok" : s->reason, model_word(s->model),
                        pr, s->effect, pr, s->ci[0], pr, s->ci[1], pr, s->p,
                        pr, s->p_np, s->sig);
            else
                fprintf(f, "  %s %-13s %-14s %-9s %-40s %d-%d %s %.*g [%.*g, %.*g] p=%.*g np=%.*g %+d%s%s\n",
                        r->claims->claim[s->claim].id, scope_name(s->scope),
                        r->sources[s->source].label, measure_w(s->measure, s->distinct), cls,
                        s->from, s->to, model_word(s->model), pr, s->effect,
                        pr, s->ci[0], pr, s->ci[1], pr, s->p, pr, s->p_np, s->sig,
                        s->status == CT_OK ? "" : " ", s->status == CT_OK ? "" : s->reason);
        }
    }
}

static void write_md(const ct_claims_result *r, int specs, FILE *f, int md,
                     int pr)
{
    write_md_head(r, f, md);
    write_md_verdicts(r, f, md);
    write_md_claims(r, f, md);
    write_md_tail(r, specs, f, md, pr);
}

/* -------------------------------------------------------------- CSV --- */

static void csv_num(FILE *f, double x, int pr)
{
    if (isnan(x)) fputs(",NA", f);
    else fprintf(f, ",%.*g", pr, x);
}

static void write_csv(const ct_claims_result *r, int specs, FILE *f, int pr)
{
    size_t ci, sc, si, k;
    if (specs && r->specs) {
        fputs("claim,scope,source,measure,classes,scheme,from,to,status,model,"
              "effect,ci_low,ci_high,p,p_np,sig,reason\n", f);
        for (k = 0; k < r->n_specs; k++) {
            const ct_claims_spec *s = &r->specs[k];
            char cls[128];
            cl_classes(cls, sizeof cls, s->class_mask);
            fprintf(f, "%s,%s,", r->claims->claim[s->claim].id, scope_name(s->scope));
            ct_report_csv_field(f, r->sources[s->source].label);
            fprintf(f, ",%s,%s,%s,%d,%d,%s,%s", measure_w(s->measure, s->distinct), cls,
                    s->scheme == CT_SCHEME_UN ? "un" : "acled", s->from, s->to,
                    s->status == CT_OK ? "ok" : s->testable ? "failed" : "not testable",
                    model_word(s->model));
            csv_num(f, s->effect, pr);
            csv_num(f, s->ci[0], pr);
            csv_num(f, s->ci[1], pr);
            csv_num(f, s->p, pr);
            csv_num(f, s->p_np, pr);
            fprintf(f, ",%d,", s->sig);
            ct_report_csv_field(f, s->reason);
            fputc('\n', f);
        }
        return;
    }
    fputs("claim,scope,source,verdict,from,to,measure,classes,model,effect,"
          "effect_unit,ci_low,ci_high,p,p_nonparametric,specifications,"
          "computable,direction_share,sig_for_share,sig_against_share,"
          "effect_median,effect_min,effect_max,break_year,davies_p,reason,"
          "reading\n", f);
    for (ci = 0; ci < r->n_claims; ci++)
        for (sc = 0; sc < 2; sc++)
            for (si = 0; si < r->n_sources; si++) {
                const ct_claim *c = &r->claims->claim[ci];
                const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
                const ct_claims_spec *P = &cell->primary;
                double nc = (double)cell->n_computed;
                char cls[128];
                cl_classes(cls, sizeof cls, P->class_mask);
                fprintf(f, "%s,%s,", c->id, scope_name(sc));
                ct_report_csv_field(f, r->sources[si].label);
                fprintf(f, ",%s,%d,%d,%s,%s,%s", ct_claims_verdict_name(cell->verdict),
                        P->from, P->to, measure_w(P->measure, P->distinct), cls,
                        P->status == CT_OK ? model_word(P->model) : "NA");
                csv_num(f, P->effect, pr);
                fprintf(f, ",%s", unit_of(c));
                csv_num(f, P->ci[0], pr);
                csv_num(f, P->ci[1], pr);
                csv_num(f, P->p, pr);
                csv_num(f, P->p_np, pr);
                fprintf(f, ",%zu,%zu", cell->n_specs, cell->n_computed);
                csv_num(f, nc > 0 ? (double)cell->n_for / nc : (double)NAN, pr);
                csv_num(f, nc > 0 ? (double)cell->n_sig_for / nc : (double)NAN, pr);
                csv_num(f, nc > 0 ? (double)cell->n_sig_against / nc : (double)NAN, pr);
                csv_num(f, cell->effect_median, pr);
                csv_num(f, cell->effect_min, pr);
                csv_num(f, cell->effect_max, pr);
                csv_num(f, cell->seg_status == CT_OK && c->kind != CT_CLAIM_COMPARE ? cell->seg_psi : (double)NAN, pr);
                csv_num(f, cell->seg_status == CT_OK && c->kind != CT_CLAIM_COMPARE ? cell->seg_davies_p : (double)NAN, pr);
                fputc(',', f);
                ct_report_csv_field(f, cell->reason);
                fputc(',', f);
                ct_report_csv_field(f, cell->reading);
                fputc('\n', f);
            }
}

/* ------------------------------------------------------------- JSON --- */

static json_t *num(double x) { return isfinite(x) ? json_real(x) : json_null(); }

static json_t *classes_json(unsigned mask)
{
    json_t *a = json_array();
    int c;
    for (c = 0; c < CT_CLASS_COUNT; c++)
        if (mask >> c & 1u)
            json_array_append_new(a, json_string(ct_obs_class_name(c)));
    return a;
}

static json_t *spec_json(const ct_claims_result *r, const ct_claims_spec *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "claim", json_string(r->claims->claim[s->claim].id));
    json_object_set_new(o, "scope", json_string(scope_name(s->scope)));
    json_object_set_new(o, "source", json_string(r->sources[s->source].label));
    json_object_set_new(o, "measure", json_string(measure_w(s->measure, s->distinct)));
    json_object_set_new(o, "classes", classes_json(s->class_mask));
    json_object_set_new(o, "scheme", json_string(s->scheme == CT_SCHEME_UN ? "un" : "acled"));
    json_object_set_new(o, "from", json_integer(s->from));
    json_object_set_new(o, "to", json_integer(s->to));
    json_object_set_new(o, "status", json_string(s->status == CT_OK ? "ok" : s->testable ? "failed" : "not testable"));
    json_object_set_new(o, "reason", json_string(s->reason));
    json_object_set_new(o, "model", s->status == CT_OK ? json_string(model_word(s->model)) : json_null());
    json_object_set_new(o, "dispersion", num(s->dispersion));
    json_object_set_new(o, "effect", num(s->effect));
    json_object_set_new(o, "ci", json_pack("[oo]", num(s->ci[0]), num(s->ci[1])));
    json_object_set_new(o, "p", num(s->p));
    json_object_set_new(o, "p_nonparametric", num(s->p_np));
    json_object_set_new(o, "significant", json_integer(s->sig));
    return o;
}

static json_t *result_json(const ct_claims_result *r)
{
    json_t *root = json_object(), *a, *srcs = json_array(), *cl = json_array();
    size_t ci, sc, si, k;
    const ct_claims_options *o = &r->opt;

    json_object_set_new(root, "schema", json_string("https://ctrend.invalid/claims-result.schema.json"));
    json_object_set_new(root, "schema_version", json_string(CT_CLAIMS_RESULT_VERSION));
    json_object_set_new(root, "ctrend_version", json_string(r->ctrend_version));
    json_object_set_new(root, "run_date", o->run_date ? json_string(o->run_date) : json_null());
    json_object_set_new(root, "synthetic_data", json_boolean(o->synthetic));
    json_object_set_new(root, "claims_file", json_pack("{s:s,s:s,s:s}",
        "path", r->claims->path, "title", r->claims->title, "citation", r->claims->citation));
    json_object_set_new(root, "parameters", json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:s,s:s,s:s}",
        "alpha", num(o->alpha), "level", num(o->level),
        "dispersion_quasipoisson", num(o->disp_quasi),
        "dispersion_negbin", num(o->disp_negbin),
        "negbin_lr_alpha", num(o->nb_lr_alpha),
        "majority", num(o->majority),
        "breakpoint", "segmented Poisson, one break, Davies test",
        "nonparametric_trend", "Mann-Kendall (Kendall 1975 variance, ties)",
        "nonparametric_compare", "Wilcoxon rank-sum, normal approximation, continuity correction"));
    json_object_set_new(root, "rule", json_string(CT_CLAIMS_RULE));
    for (si = 0; si < r->n_sources; si++) {
        const ct_claims_source_info *s = &r->sources[si];
        json_t *files = json_array();
        for (k = 0; k < s->n_files; k++)
            json_array_append_new(files, json_pack("{s:s,s:s}", "path", s->files[k], "sha256", s->sha256[k]));
        json_array_append_new(srcs, json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:I,s:o,s:s,s:s}",
            "label", s->label, "kind", s->kind, "dataset", s->dataset,
            "version", s->version, "year_min", s->year_min, "year_max", s->year_max,
            "rows", (json_int_t)s->rows, "files", files, "note", s->note,
            "citation", s->citation ? s->citation : ""));
    }
    json_object_set_new(root, "sources", srcs);
    for (ci = 0; ci < r->n_claims; ci++) {
        const ct_claim *c = &r->claims->claim[ci];
        json_t *co = json_object(), *res = json_array(), *sp = json_array();
        json_object_set_new(co, "id", json_string(c->id));
        json_object_set_new(co, "quote", json_string(c->quote));
        json_object_set_new(co, "paraphrase", json_string(c->paraphrase));
        json_object_set_new(co, "attribution", json_string(c->attribution));
        json_object_set_new(co, "kind", json_string(ct_claims_kind_name(c->kind)));
        json_object_set_new(co, "direction", json_string(c->direction > 0 ? "increase" : "decrease"));
        json_object_set_new(co, "source_to", json_integer(c->source_to));
        json_object_set_new(co, "source_note", json_string(c->source_note));
        json_object_set_new(co, "effect_unit", json_string(c->kind == CT_CLAIM_COMPARE ? "rate ratio" : "percent per year"));
        for (sc = 0; sc < 2; sc++)
            for (si = 0; si < r->n_sources; si++) {
                const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
                json_t *x = json_object(), *gr = json_array();
                double nc = (double)cell->n_computed;
                json_object_set_new(x, "scope", json_string(scope_name(sc)));
                json_object_set_new(x, "source", json_string(r->sources[si].label));
                json_object_set_new(x, "verdict", json_string(ct_claims_verdict_name(cell->verdict)));
                json_object_set_new(x, "reason", json_string(cell->reason));
                json_object_set_new(x, "reading", json_string(cell->reading));
                json_object_set_new(x, "primary", spec_json(r, &cell->primary));
                if (c->kind == CT_CLAIM_COMPARE) {
                    json_object_set_new(x, "compare", json_pack("{s:o,s:o,s:o,s:[oo],s:o,s:o,s:o,s:o,s:o}",
                        "mean_a", num(cell->mean_a), "mean_b", num(cell->mean_b),
                        "rate_ratio", num(cell->rate_ratio), "rate_ratio_ci",
                        num(cell->rate_ratio_ci[0]), num(cell->rate_ratio_ci[1]),
                        "rate_ratio_p", num(cell->rate_ratio_p),
                        "wilcoxon_p", num(cell->wilcoxon_p),
                        "distinct_a", num(cell->distinct_a), "distinct_b", num(cell->distinct_b),
                        "distinct_p", num(cell->distinct_p)));
                } else {
                    int ok = cell->primary.status == CT_OK;
                    json_object_set_new(x, "mann_kendall", json_pack("{s:o,s:o,s:o,s:[oo]}",
                        "S", num(ok ? cell->mk_S : (double)NAN), "tau", num(ok ? cell->mk_tau : (double)NAN),
                        "sen_slope", num(ok ? cell->sen : (double)NAN),
                        "sen_ci", num(ok ? cell->sen_ci[0] : (double)NAN), num(ok ? cell->sen_ci[1] : (double)NAN)));
                    ok = ok && cell->seg_status == CT_OK;
                    json_object_set_new(x, "breakpoint", json_pack("{s:b,s:o,s:o,s:o,s:[oo],s:o,s:[oo],s:b}",
                        "fitted", ok, "year", num(ok ? cell->seg_psi : (double)NAN),
                        "davies_p", num(ok ? cell->seg_davies_p : (double)NAN),
                        "percent_before", num(ok ? cell->seg_percent[0] : (double)NAN),
                        "ci_before", num(ok ? cell->seg_ci[0][0] : (double)NAN), num(ok ? cell->seg_ci[0][1] : (double)NAN),
                        "percent_after", num(ok ? cell->seg_percent[1] : (double)NAN),
                        "ci_after", num(ok ? cell->seg_ci[1][0] : (double)NAN), num(ok ? cell->seg_ci[1][1] : (double)NAN),
                        "better_than_straight", ok && cell->break_better));
                }
                if (c->kind == CT_CLAIM_ONLY && cell->primary.status == CT_OK)
                    json_object_set_new(x, "interaction", json_pack("{s:o,s:[oo],s:o,s:s}",
                        "percent", num(cell->inter_percent), "ci", num(cell->inter_ci[0]),
                        num(cell->inter_ci[1]), "p", num(cell->inter_p),
                        "model", model_word(cell->inter_model)));
                for (k = 0; k < cell->n_groups; k++) {
                    const ct_claims_group *G = &cell->groups[k];
                    json_array_append_new(gr, json_pack("{s:s,s:b,s:s,s:s,s:o,s:[oo],s:o,s:o,s:o,s:o,s:o,s:o}",
                        "name", G->name, "named", G->named,
                        "status", G->status == CT_OK ? "ok" : "failed", "reason", G->reason,
                        "percent", num(G->percent), "ci", num(G->ci[0]), num(G->ci[1]),
                        "p", num(G->p), "p_holm", num(G->p_holm), "mk_p", num(G->mk_p),
                        "mk_p_holm", num(G->mk_p_holm), "mk_S", num(G->mk_S), "total", num(G->total)));
                }
                json_object_set_new(x, "groups", gr);
                json_object_set_new(x, "curve", json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o}",
                    "specifications", (json_int_t)cell->n_specs,
                    "computable", (json_int_t)cell->n_computed,
                    "share_direction", num(nc > 0 ? (double)cell->n_for / nc : (double)NAN),
                    "share_significant_for", num(nc > 0 ? (double)cell->n_sig_for / nc : (double)NAN),
                    "share_significant_against", num(nc > 0 ? (double)cell->n_sig_against / nc : (double)NAN),
                    "effect_median", num(cell->effect_median),
                    "effect_min", num(cell->effect_min), "effect_max", num(cell->effect_max)));
                json_array_append_new(res, x);
            }
        json_object_set_new(co, "results", res);
        if (r->specs)
            for (k = 0; k < r->n_specs; k++)
                if (r->specs[k].claim == ci)
                    json_array_append_new(sp, spec_json(r, &r->specs[k]));
        json_object_set_new(co, "specifications", sp);
        json_array_append_new(cl, co);
    }
    json_object_set_new(root, "claims", cl);
    a = root;
    return a;
}

int ct_claims_write(const ct_claims_result *r, ct_claims_format fmt,
                    int specs, FILE *out, ct_error *err)
{
    return ct_claims_write_precision(r, fmt, specs, 0, out, err);
}

int ct_claims_write_precision(const ct_claims_result *r,
                              ct_claims_format fmt, int specs, int precision,
                              FILE *out, ct_error *err)
{
    if (precision < 0 || precision > 17)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "precision %d is not 1-17", precision);
    if (fmt == CT_CLAIMS_JSON) {
        json_t *j = result_json(r);
        int rc;
        if (j == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        rc = json_dumpf(j, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                JSON_REAL_PRECISION(precision ? precision : 10));
        json_decref(j);
        fputc('\n', out);
        if (rc != 0)
            return ct_error_set(err, CT_EIO, NULL, 0, "cannot write the JSON report");
    } else if (fmt == CT_CLAIMS_CSV) {
        write_csv(r, specs, out, precision ? precision : 6);
    } else {
        write_md(r, specs, out, fmt == CT_CLAIMS_MD, precision ? precision : 4);
    }
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}

/* ------------------------------------------------- specification files --- */

/* Choices of a specification, in column order: measure, classes, scheme,
 * start, end, model (start and end are not written as choices). */
#define N_CHOICES 6
static const char *const CHOICE_NAME[N_CHOICES] = {
    "measure", "classes", "scheme", "start", "end", "model"};

static void choice_value(char *b, size_t n, const ct_claims_spec *s, int k)
{
    switch (k) {
    case 0: snprintf(b, n, "%s", measure_w(s->measure, s->distinct)); break;
    case 1: cl_classes(b, n, s->class_mask); break;
    case 2: snprintf(b, n, "%s", s->scheme == CT_SCHEME_UN ? "UN M49" : "ACLED"); break;
    case 3: snprintf(b, n, "%d", s->from); break;
    case 4: snprintf(b, n, "%d", s->to); break;
    default: snprintf(b, n, "%s", model_word(s->model)); break;
    }
}

/* 1 when s is one of the cell's windows rows: the primary choices. */
static int window_row(const ct_claims_spec *s, const ct_claims_spec *P)
{
    return s->measure == P->measure && s->distinct == P->distinct &&
           s->class_mask == P->class_mask && s->scheme == P->scheme;
}

int ct_claims_write_specs(const ct_claims_result *r, size_t claim,
                          size_t scope, size_t source, int windows,
                          size_t *n_rows, FILE *out, ct_error *err)
{
    const ct_claims_cell *cell;
    const ct_claims_spec *sp;
    const ct_claim *c;
    int use[N_CHOICES] = {0}, k;
    size_t i, j, n = 0;
    char v[160], w[160];

    *n_rows = 0;
    if (claim >= r->n_claims || scope >= r->n_scopes || source >= r->n_sources)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "no such claim, scope or source");
    if (r->specs == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "the result kept no specifications");
    c = &r->claims->claim[claim];
    cell = ct_claims_cell_at(r, claim, scope, source);
    sp = r->specs + cell->spec_first;
    if (windows && c->kind == CT_CLAIM_COMPARE)
        return CT_OK; /* a comparison has no windows */
    /* a choice is a column when the computed specifications differ in it
     * (window start and end are columns of their own in a windows file) */
    for (k = 0; k < N_CHOICES; k++) {
        /* window start and end are the from and to columns (the heatmap
         * shows them); as choices they would fill the curve's lower panel */
        if (k == 3 || k == 4 || (windows && k != 5))
            continue;
        for (i = 0; i < cell->n_specs && !use[k]; i++) {
            if (sp[i].status != CT_OK)
                continue;
            choice_value(v, sizeof v, &sp[i], k);
            for (j = i + 1; j < cell->n_specs; j++) {
                if (sp[j].status != CT_OK)
                    continue;
                choice_value(w, sizeof w, &sp[j], k);
                if (strcmp(v, w) != 0) {
                    use[k] = 1;
                    break;
                }
            }
        }
    }
    fputs("id,estimate,ci_low,ci_high,p_value,from,to", out);
    for (k = 0; k < N_CHOICES; k++)
        if (use[k])
            fprintf(out, ",%s", CHOICE_NAME[k]);
    fputc('\n', out);
    for (i = 0; i < cell->n_specs; i++) {
        const ct_claims_spec *s = &sp[i];
        if (s->status != CT_OK || !isfinite(s->effect))
            continue;
        if (windows) {
            if (!window_row(s, &cell->primary))
                continue;
            for (j = 0; j < i; j++) /* one row per window */
                if (sp[j].status == CT_OK && isfinite(sp[j].effect) &&
                    window_row(&sp[j], &cell->primary) &&
                    sp[j].from == s->from && sp[j].to == s->to)
                    break;
            if (j < i)
                continue;
        }
        fprintf(out, "S%zu", i + 1);
        fprintf(out, ",%.10g,%.10g,%.10g,%.10g", s->effect, s->ci[0], s->ci[1], s->p);
        if (s->from)
            fprintf(out, ",%d,%d", s->from, s->to);
        else
            fputs(",NA,NA", out);
        for (k = 0; k < N_CHOICES; k++)
            if (use[k]) {
                choice_value(v, sizeof v, s, k);
                fputc(',', out);
                ct_report_csv_field(out, v);
            }
        fputc('\n', out);
        n++;
    }
    *n_rows = n;
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot write the specification file");
    return CT_OK;
}
