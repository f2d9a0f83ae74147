/* SPDX-License-Identifier: MIT
 * cmd_report.c - `ctrend report`: runs the claims check and the regional
 * trends on the given exports (or the bundled synthetic data) and writes
 * one folder: report.md and report.html (one document model, report.h),
 * results.json (the claims schema), tables/NAME.csv, charts/NAME.svg and
 * .png (gnuplot) and a manifest of SHA-256 digests. The folder is built under
 * a temporary name beside DIR and renamed onto DIR at the end; on any
 * failure the temporary folder is removed and DIR is not created.
 */
#define _GNU_SOURCE /* mkdtemp, nftw */
#include "cli/cmd_report.h"

#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/claims_inputs.h"
#include "cli/cli.h"
#include "cli/cmd_claims.h"
#include "cli/gnuplot.h"
#include "cli/report_folder.h"
#include "ctrend/claims.h"
#include "ctrend/plot.h"
#include "ctrend/report.h"

static const char HELP[] =
    "Usage: ctrend report [OPTIONS] -o DIR\n"
    "Writes a complete report of a claims check and the regional trends\n"
    "into the new folder DIR: report.md, report.html (self-contained: charts\n"
    "and styles inline, no script), results.json (the claims schema),\n"
    "tables/*.csv (every table of the report), charts/*.svg and *.png\n"
    "(gnuplot) and a manifest with the SHA-256 of every file and input.\n"
    "\n"
    "  --claims FILE        claims file (default: the bundled\n"
    "                       datasets/claims/article.json)\n"
    "  --ucdp FILE          UCDP/PRIO ACD export (repeatable); the first\n"
    "                       one also gives the regional trend charts\n"
    "  --brd FILE           UCDP Battle-Related Deaths export\n"
    "  --ged FILE           UCDP GED export\n"
    "  --acled FILE...      ACLED exports (all files up to the next option)\n"
    "  --title TEXT         the report's title\n"
    "  --precision N        significant digits (1-17) of the numbers in\n"
    "                       the tables (report.md, report.html, tables/*.csv)\n"
    "                       and results.json (default: each table's own\n"
    "                       decimals, CSV and JSON 10); whole numbers are\n"
    "                       written in full; the sentences keep their\n"
    "                       rounding\n"
    "  --countries FILE     country table (default: the installed one)\n"
    CT_CLI_CLAIMS_HELP_THREADS
    "  -o, --output DIR     the folder to write (must not exist, or be\n"
    "                       empty); written atomically\n"
    "  -h, --help           this help\n"
    "\n"
    "Without --ucdp/--brd/--ged/--acled the bundled synthetic data are used\n"
    "(datasets/synthetic), and the report says so. gnuplot draws the charts\n"
    "(CTREND_GNUPLOT overrides; the report fails without it).\n"
    "SOURCE_DATE_EPOCH fixes the run date.\n";

enum { OPT_TITLE = CT_CLI_CLAIMS_OPT_END };

typedef ct_cli_rep rep;

int ct_cli_rep_add_file(rep *R, const char *rel)
{
    if (R->n_files >= MAX_FILES || (R->files[R->n_files] = strdup(rel)) == NULL) {
        ct_cli_msg("too many files in the report");
        return -1;
    }
    R->n_files++;
    return 0;
}

void ct_cli_rep_path(char *buf, size_t n, const rep *R, const char *rel)
{
    snprintf(buf, n, "%.4095s/%.255s", R->tmp, rel);
}

/* ------------------------------------------------------- file writers --- */

typedef struct claims_ctx {
    const ct_claims_result *r;
    int precision; /* significant digits, 0: the default */
} claims_ctx;

static int write_json(FILE *out, void *ctx, ct_error *err)
{
    const claims_ctx *cc = ctx;
    return ct_claims_write_precision(cc->r, CT_CLAIMS_JSON, 0, cc->precision,
                                     out, err);
}

static int write_md(FILE *out, void *ctx, ct_error *err)
{
    return ct_report_write_md(ctx, out, err);
}

static int write_html(FILE *out, void *ctx, ct_error *err)
{
    return ct_report_write_html(ctx, out, err);
}

static int write_table(FILE *out, void *ctx, ct_error *err)
{
    return ct_report_write_table_csv(ctx, out, err);
}

/* ------------------------------------------------------------- words --- */

const char *ct_cli_model_name(ct_glm_family f)
{
    return f == CT_GLM_NEGBIN ? "negative binomial"
           : f == CT_GLM_QUASIPOISSON ? "quasi-Poisson" : "Poisson";
}

static void class_list(char *b, size_t n, unsigned mask)
{
    size_t len = 0;
    int c;
    b[0] = '\0';
    for (c = 0; c < CT_CLASS_COUNT; c++)
        if (mask >> c & 1u) {
            snprintf(b + len, n - len, "%s%s", len ? " + " : "",
                     ct_obs_class_name((ct_class)c));
            len = strlen(b);
        }
}

static void window_text(char *b, size_t n, const ct_claim *c,
                        const ct_claims_cell *cell)
{
    if (c->kind == CT_CLAIM_COMPARE)
        snprintf(b, n, "%d-%d vs %d-%d", c->period_b[0], c->period_b[1],
                 c->period_a[0], c->period_a[1]);
    else if (cell->primary.from)
        snprintf(b, n, "%d-%d", cell->primary.from, cell->primary.to);
    else
        snprintf(b, n, "-");
}

static const char *scope_text(size_t s)
{
    return s == 0 ? "source window" : "all data";
}

/* ---------------------------------------------------------- sections --- */

static void section_data(rep *R)
{
    const ct_claims_result *r = R->res;
    ct_report_table *t;
    size_t si, k;

    ct_report_heading(R->doc, 2, "Data and versions");
    if (r->opt.synthetic)
        ct_report_paragraph(R->doc,
            "These are the bundled SYNTHETIC data (datasets/synthetic), made "
            "by ctrend's generator with known trends: the verdicts below say "
            "nothing about the real world. Run ctrend report --ucdp FILE on "
            "the UCDP exports for a real report.");
    ct_report_paragraphf(R->doc,
        "ctrend %s, run %s, claims file %s. The full SHA-256 digests of the "
        "inputs and of every file of this report are in the file manifest.",
        r->ctrend_version, r->opt.run_date ? r->opt.run_date : "(no date)",
        r->claims->path);
    t = ct_report_table_add(R->doc, "data", "Inputs", 7);
    ct_report_table_column(t, 0, "source", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 1, "dataset", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 2, "from", "year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 3, "to", "year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 4, "records", "rows", CT_REPORT_RIGHT);
    ct_report_table_column(t, 5, "file", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 6, "SHA-256", "first 16 hex digits", CT_REPORT_LEFT);
    for (si = 0; si < r->n_sources; si++) {
        const ct_claims_source_info *s = &r->sources[si];
        for (k = 0; k < s->n_files; k++) {
            char ds[200], h[20];
            const char *base = strrchr(s->files[k], '/');
            snprintf(ds, sizeof ds, "%s%s%s", s->dataset,
                     s->version[0] ? " " : "", s->version);
            snprintf(h, sizeof h, "%.16s", s->sha256[k]);
            ct_report_table_row(t);
            ct_report_table_text(t, 0, s->label);
            ct_report_table_text(t, 1, ds);
            ct_report_table_number(t, 2, s->year_min, 0);
            ct_report_table_number(t, 3, s->year_max, 0);
            ct_report_table_number(t, 4, k == 0 ? (double)s->rows : (double)NAN, 0);
            ct_report_table_text(t, 5, base ? base + 1 : s->files[k]);
            ct_report_table_text(t, 6, h);
        }
        if (s->note[0])
            ct_report_paragraphf(R->doc, "%s: %s", s->label, s->note);
    }
}

static void section_verdicts(rep *R)
{
    const ct_claims_result *r = R->res;
    ct_report_table *t;
    size_t ci, sc, si;

    ct_report_heading(R->doc, 2, "Verdicts");
    ct_report_paragraph(R->doc,
        "Each claim is checked twice on each source: on the years its own "
        "source could see (source window) and on all the data. A verdict is "
        "supported, contradicted, not supported, mixed or not testable, by "
        "the rule under Methods; the window shows the years (or the two "
        "periods compared) of the claim's primary reading.");
    t = ct_report_table_add(R->doc, "verdicts", "Verdict per claim, scope and source",
                            3 + r->n_sources);
    ct_report_table_column(t, 0, "claim", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 1, "what it says", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 2, "scope", NULL, CT_REPORT_LEFT);
    for (si = 0; si < r->n_sources; si++)
        ct_report_table_column(t, 3 + si, r->sources[si].label, NULL, CT_REPORT_LEFT);
    for (ci = 0; ci < r->n_claims; ci++) {
        const ct_claim *c = &r->claims->claim[ci];
        for (sc = 0; sc < r->n_scopes; sc++) {
            char scope[48];
            ct_report_table_row(t);
            ct_report_table_text(t, 0, c->id);
            ct_report_table_text(t, 1, sc == 0 ? c->paraphrase : "");
            if (sc == 0)
                snprintf(scope, sizeof scope, "to %d (source window)", c->source_to);
            else
                snprintf(scope, sizeof scope, "all data");
            ct_report_table_text(t, 2, scope);
            for (si = 0; si < r->n_sources; si++) {
                const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
                char w[48], v[96];
                window_text(w, sizeof w, c, cell);
                if (cell->verdict == CT_VERDICT_NOT_TESTABLE)
                    snprintf(v, sizeof v, "%s", ct_claims_verdict_name(cell->verdict));
                else
                    snprintf(v, sizeof v, "%s (%s)", ct_claims_verdict_name(cell->verdict), w);
                ct_report_table_text(t, 3 + si, v);
            }
        }
    }
}

static void effects_table(rep *R, size_t ci)
{
    const ct_claims_result *r = R->res;
    const ct_claim *c = &r->claims->claim[ci];
    const char *unit = c->kind == CT_CLAIM_COMPARE ? "ratio" : "%/yr";
    char name[64], cap[400], cls[160];
    ct_report_table *t;
    size_t sc, si;

    class_list(cls, sizeof cls, c->class_sets[0]);
    snprintf(name, sizeof name, "claim-%zu-effects", ci + 1);
    snprintf(cap, sizeof cap, "%s: the primary specification (%s conflicts; "
             "effect %s, 95%% CI) and the share of all specifications "
             "significant for and against the claim", c->id, cls,
             c->kind == CT_CLAIM_COMPARE ? "as a rate ratio, later / earlier"
                                         : "in % per year");
    t = ct_report_table_add(R->doc, name, cap, 11);
    ct_report_table_column(t, 0, "source", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 1, "scope", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 2, "verdict", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 3, "window", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 4, "model", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 5, "effect", unit, CT_REPORT_RIGHT);
    ct_report_table_column(t, 6, "CI low", unit, CT_REPORT_RIGHT);
    ct_report_table_column(t, 7, "CI high", unit, CT_REPORT_RIGHT);
    ct_report_table_column(t, 8, "p", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 9, "rank test p", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 10, "specs for / against", "% of N", CT_REPORT_RIGHT);
    for (sc = 0; sc < r->n_scopes; sc++)
        for (si = 0; si < r->n_sources; si++) {
            const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
            const ct_claims_spec *P = &cell->primary;
            int prec = c->kind == CT_CLAIM_COMPARE ? 3 : 2;
            char w[48], sig[64];
            window_text(w, sizeof w, c, cell);
            ct_report_table_row(t);
            ct_report_table_text(t, 0, r->sources[si].label);
            ct_report_table_text(t, 1, scope_text(sc));
            ct_report_table_text(t, 2, ct_claims_verdict_name(cell->verdict));
            if (P->status != CT_OK)
                continue;
            ct_report_table_text(t, 3, w);
            ct_report_table_text(t, 4, ct_cli_model_name(P->model));
            ct_report_table_number(t, 5, P->effect, prec);
            ct_report_table_number(t, 6, P->ci[0], prec);
            ct_report_table_number(t, 7, P->ci[1], prec);
            ct_report_table_number(t, 8, P->p, 4);
            ct_report_table_number(t, 9, P->p_np, 4);
            if (cell->n_computed > 0) {
                snprintf(sig, sizeof sig, "%.0f / %.0f (N = %zu)",
                         100.0 * (double)cell->n_sig_for / (double)cell->n_computed,
                         100.0 * (double)cell->n_sig_against / (double)cell->n_computed,
                         cell->n_computed);
                ct_report_table_text(t, 10, sig);
            }
        }
}

static void groups_table(rep *R, size_t ci, size_t sc, size_t si)
{
    const ct_claims_result *r = R->res;
    const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
    char name[96], cap[200];
    ct_report_table *t;
    size_t k;

    if (cell->n_groups == 0)
        return;
    snprintf(name, sizeof name, "claim-%zu-groups-%s-%zu", ci + 1,
             sc == 0 ? "source-window" : "all-data", si + 1);
    snprintf(cap, sizeof cap, "%s, %s, %s: trend by group (Holm-adjusted p over the groups)",
             r->claims->claim[ci].id, r->sources[si].label, scope_text(sc));
    t = ct_report_table_add(R->doc, name, cap, 8);
    ct_report_table_column(t, 0, "group", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 1, "named in the claim", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 2, "trend", "% per year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 3, "95% CI low", "% per year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 4, "95% CI high", "% per year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 5, "p (Holm)", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 6, "Mann-Kendall p (Holm)", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 7, "total", "conflict-years", CT_REPORT_RIGHT);
    for (k = 0; k < cell->n_groups; k++) {
        const ct_claims_group *G = &cell->groups[k];
        ct_report_table_row(t);
        ct_report_table_text(t, 0, G->name);
        ct_report_table_text(t, 1, G->named ? "yes" : "no");
        if (G->status != CT_OK)
            continue;
        ct_report_table_number(t, 2, G->percent, 2);
        ct_report_table_number(t, 3, G->ci[0], 2);
        ct_report_table_number(t, 4, G->ci[1], 2);
        ct_report_table_number(t, 5, G->p_holm, 4);
        ct_report_table_number(t, 6, G->mk_p_holm, 4);
        ct_report_table_number(t, 7, G->total, 0);
    }
}

static void section_claim(rep *R, size_t ci, const ct_cli_claims_chart *ch,
                          size_t n_ch)
{
    const ct_claims_result *r = R->res;
    const ct_claim *c = &r->claims->claim[ci];
    char h[512], q[4096];
    size_t sc, si, k, drawn;

    snprintf(h, sizeof h, "%s: %s", c->id, c->paraphrase);
    ct_report_heading(R->doc, 2, h);
    snprintf(q, sizeof q, "\"%s\" (%s)", c->quote, c->attribution);
    ct_report_quote(R->doc, q);
    ct_report_paragraphf(R->doc,
        "Read as %s %s claim. Its source could see data to %d: %s.",
        c->direction > 0 ? "an increase" : "a decrease",
        ct_claims_kind_name(c->kind), c->source_to, c->source_note);
    effects_table(R, ci);
    for (sc = 0; sc < r->n_scopes; sc++)
        for (si = 0; si < r->n_sources; si++) {
            const ct_claims_cell *cell = ct_claims_cell_at(r, ci, sc, si);
            snprintf(h, sizeof h, "%s, %s: %s", r->sources[si].label,
                     scope_text(sc), ct_claims_verdict_name(cell->verdict));
            ct_report_heading(R->doc, 3, h);
            ct_report_paragraph(R->doc, cell->reading);
            ct_report_paragraphf(R->doc, "Why this verdict: %s.", cell->reason);
            groups_table(R, ci, sc, si);
            drawn = 0;
            for (k = 0; k < n_ch; k++) {
                char png[256], svg[4400], alt[300], cap[600];
                if (ch[k].claim != ci || ch[k].scope != sc || ch[k].source != si)
                    continue;
                snprintf(png, sizeof png, "charts/%s.png", ch[k].stem);
                snprintf(svg, sizeof svg, "%s/charts/%s.svg", R->tmp, ch[k].stem);
                if (ch[k].windows) {
                    snprintf(alt, sizeof alt, "%s, %s, %s: estimate by window",
                             c->id, r->sources[si].label, scope_text(sc));
                    snprintf(cap, sizeof cap,
                             "Estimate for every window of the primary "
                             "choices: start year across, end year up; colour "
                             "is the effect (%s), a star marks p < %g.",
                             c->kind == CT_CLAIM_COMPARE ? "rate ratio" : "% per year",
                             r->opt.alpha);
                } else {
                    snprintf(alt, sizeof alt, "%s, %s, %s: specification curve",
                             c->id, r->sources[si].label, scope_text(sc));
                    snprintf(cap, sizeof cap,
                             "Specification curve: the effect under each of "
                             "the %zu computed ways of measuring the claim, "
                             "sorted, with %g%% confidence intervals (filled: "
                             "p < %g); the rows below show the choices behind "
                             "each one. Data: charts/%s.csv.",
                             ch[k].rows, 100 * r->opt.level, r->opt.alpha,
                             ch[k].stem);
                }
                ct_report_image(R->doc, alt, png, svg, cap);
                drawn++;
            }
            if (drawn == 0 && cell->n_specs > 0)
                ct_report_paragraphf(R->doc,
                    "No chart: none of the %zu specifications could be "
                    "estimated on this source.", cell->n_specs);
        }
}

static void section_methods(rep *R)
{
    const ct_claims_result *r = R->res;
    const char *coverage[] = {
        "A source speaks to a claim only for complete years it covers: the "
        "current year of an event export is partial and is left out.",
        "ACLED's coverage starts at different years by country (1997 for "
        "Africa, 2010 for South Asia, 2018 for the Americas and Europe, ...); "
        "years before a country's start are not covered, never counted as "
        "zero, and a claim whose window starts earlier is not testable on "
        "ACLED there.",
        "A specification whose window the source does not reach, or whose "
        "series is all zero, is recorded as not computable with its reason; "
        "it does not count in the shares of the specification set.",
        "Scope 'source window' uses the data to the last year the claim's own "
        "source could see; 'all data' uses every complete year."};
    size_t si;
    char **items;

    ct_report_heading(R->doc, 2, "Methods");
    ct_report_paragraph(R->doc,
        "Every claim is put into numbers many reasonable ways (its "
        "specification set: measures, class sets, start and end years, "
        "subregion schemes), each fitted on every source. The primary "
        "specification is the reading closest to the claim's words. Trends "
        "are log-linear count models (percent change per year, with 95% "
        "confidence intervals); comparisons of two periods are exact "
        "rate-ratio tests of the annual means; 'only' and 'also' claims use "
        "the year x group interaction and per-group trends with Holm "
        "adjustment. Mann-Kendall (trends) and Wilcoxon rank-sum "
        "(comparisons) are the non-parametric checks; a segmented Poisson "
        "fit looks for one break.");
    ct_report_paragraph(R->doc, "Model choice (dispersion rule) and verdict rule, as applied:");
    ct_report_pre(R->doc, CT_CLAIMS_RULE);
    ct_report_paragraph(R->doc, "Coverage rules:");
    ct_report_list(R->doc, coverage, sizeof coverage / sizeof *coverage);
    ct_report_paragraph(R->doc,
        "Regional trends: Poisson log-linear trend per subregion (quasi-"
        "Poisson when the Pearson dispersion exceeds 1), fitted by IRLS on the "
        "years with data.");
    ct_report_heading(R->doc, 2, "Citations");
    items = calloc(r->n_sources + 3, sizeof *items);
    if (items == NULL)
        return;
    for (si = 0; si < r->n_sources; si++) {
        size_t n = strlen(r->sources[si].label) + strlen(r->sources[si].citation) + 4;
        if ((items[si] = malloc(n)) != NULL)
            snprintf(items[si], n, "%s: %s", r->sources[si].label, r->sources[si].citation);
    }
    items[si++] = (char *)(r->claims->citation ? r->claims->citation : "");
    items[si++] = (char *)"Simonsohn, U., Simmons, J. P. & Nelson, L. D. (2020). "
                  "Specification curve analysis. Nature Human Behaviour 4, 1208-1214.";
    ct_report_list(R->doc, (const char *const *)items, si);
    for (si = 0; si < r->n_sources; si++)
        free(items[si]);
    free(items);
}

static void section_files(rep *R)
{
    static const char *const F[] = {
        "report.md and report.html: this report (the same document)",
        "results.json: every number of the claims check (schema "
        "datasets/claims/claims-result.schema.json)",
        "tables/*.csv: every table of this report",
        "charts/*.png and *.svg: the charts; charts/*.csv the specification "
        "files behind the curves, charts/*.tsv the data of the regional charts",
        "manifest: the SHA-256 of every file (sha256sum -c manifest checks "
        "them) and of the inputs"};
    ct_report_heading(R->doc, 2, "Files");
    ct_report_list(R->doc, F, sizeof F / sizeof *F);
}

/* ----------------------------------------------------------- the folder --- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
    (void)sb;
    (void)f;
    return flag == FTW_DP ? rmdir(p) : unlink(p);
}

static void remove_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int write_manifest(rep *R)
{
    const ct_claims_result *r = R->res;
    char path[4400], hex[65];
    size_t i, si, k;
    ct_error err;
    FILE *f;

    qsort(R->files, R->n_files, sizeof *R->files, cmp_str);
    ct_cli_rep_path(path, sizeof path, R, "manifest");
    if ((f = fopen(path, "w")) == NULL) {
        ct_cli_msg("cannot create '%s': %s", path, strerror(errno));
        return -1;
    }
    fprintf(f, "# ctrend %s report manifest: SHA-256 of every file of this "
               "folder (check: cd DIR && sha256sum -c manifest)\n", ct_version());
    for (i = 0; i < R->n_files; i++) {
        ct_cli_rep_path(path, sizeof path, R, R->files[i]);
        if (ct_claims_sha256_file(hex, path, &err) != CT_OK) {
            ct_cli_report(&err);
            fclose(f);
            return -1;
        }
        fprintf(f, "%s  %s\n", hex, R->files[i]);
    }
    fprintf(f, "# inputs (paths as given)\n");
    for (si = 0; si < r->n_sources; si++)
        for (k = 0; k < r->sources[si].n_files; k++)
            fprintf(f, "# input %s  %s\n", r->sources[si].sha256[k],
                    r->sources[si].files[k]);
    if (ct_claims_sha256_file(hex, R->claims_path, &err) == CT_OK)
        fprintf(f, "# input %s  %s\n", hex, r->claims->path);
    if (fclose(f) != 0) {
        ct_cli_msg("cannot write the manifest: %s", strerror(errno));
        return -1;
    }
    return 0;
}

static int write_rel(rep *R, const char *rel, ct_cli_write_fn fn, void *ctx)
{
    char path[4400];
    ct_cli_rep_path(path, sizeof path, R, rel);
    if (ct_cli_write_file(path, fn, ctx) != 0)
        return -1;
    return ct_cli_rep_add_file(R, rel);
}

/* Everything written into R->tmp; returns the exit status. */
static int build(rep *R, const char *title)
{
    static const ct_plot_format F[2] = {CT_PLOT_PNG, CT_PLOT_SVG};
    const ct_claims_result *r = R->res;
    ct_cli_claims_chart *ch = NULL;
    size_t n_ch = 0, i, ci;
    char path[4400], t[1024];
    claims_ctx cc = {r, R->precision};
    ct_error err;
    int rc = CT_EXIT_DATA;

    ct_cli_rep_path(path, sizeof path, R, "charts");
    if (mkdir(path, 0777) != 0) {
        ct_cli_msg("cannot create '%s': %s", path, strerror(errno));
        return CT_EXIT_DATA;
    }
    ct_cli_rep_path(path, sizeof path, R, "tables");
    if (mkdir(path, 0777) != 0) {
        ct_cli_msg("cannot create '%s': %s", path, strerror(errno));
        return CT_EXIT_DATA;
    }
    if (write_rel(R, "results.json", write_json, &cc) != 0)
        return CT_EXIT_DATA;
    ct_cli_rep_path(path, sizeof path, R, "charts");
    if (ct_cli_claims_charts(r, path, F, 2, &ch, &n_ch) != CT_EXIT_OK)
        return CT_EXIT_DATA;
    for (i = 0; i < n_ch; i++) {
        static const char *const EXT[3] = {"csv", "png", "svg"};
        size_t e;
        for (e = 0; e < 3; e++) {
            snprintf(path, sizeof path, "charts/%s.%s", ch[i].stem, EXT[e]);
            if (ct_cli_rep_add_file(R, path))
                goto done;
        }
    }
    snprintf(t, sizeof t, "%s%s", title ? "" : "Claims check: ",
             title ? title : r->claims->title);
    if (ct_report_alloc(&R->doc, t, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    ct_report_set_precision(R->doc, R->precision); /* 0-17: checked */
    section_data(R);
    section_verdicts(R);
    for (ci = 0; ci < r->n_claims; ci++)
        section_claim(R, ci, ch, n_ch);
    if ((rc = ct_cli_report_regional(R)) != CT_EXIT_OK)
        goto done;
    rc = CT_EXIT_DATA;
    section_methods(R);
    section_files(R);
    for (i = 0; i < ct_report_table_count(R->doc); i++) {
        const ct_report_table *tb = ct_report_table_at(R->doc, i);
        snprintf(path, sizeof path, "tables/%s.csv", ct_report_table_name(tb));
        if (write_rel(R, path, write_table, (void *)tb) != 0)
            goto done;
    }
    if (write_rel(R, "report.md", write_md, R->doc) != 0 ||
        write_rel(R, "report.html", write_html, R->doc) != 0 ||
        write_manifest(R) != 0)
        goto done;
    rc = CT_EXIT_OK;
done:
    free(ch);
    return rc;
}

/* 0 when dir may be written: it does not exist, or is an empty folder
 * (rename replaces it); else prints why and returns -1. */
static int dir_free(const char *dir)
{
    struct stat st;

    if (stat(dir, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode) && rmdir(dir) == 0) {
        /* it was empty: put it back, the rename replaces it */
        if (mkdir(dir, st.st_mode & 07777) != 0) {
            ct_cli_msg("cannot create '%s': %s", dir, strerror(errno));
            return -1;
        }
        return 0;
    }
    ct_cli_msg("'%s' exists: give a new folder (ctrend report never "
               "overwrites)", dir);
    return -1;
}

/* Creates the temporary folder beside dir. */
static int make_tmp(rep *R, const char *dir)
{
    size_t n = strlen(dir);

    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (dir_free(dir) != 0)
        return -1;
    if (n + 16 > sizeof R->tmp) {
        ct_cli_msg("'%s': path too long", dir);
        return -1;
    }
    snprintf(R->tmp, sizeof R->tmp, "%.*s.tmp-XXXXXX", (int)n, dir);
    if (mkdtemp(R->tmp) == NULL) {
        ct_cli_msg("cannot create a folder beside '%s': %s", dir, strerror(errno));
        return -1;
    }
    {   /* removed on SIGINT, SIGTERM, SIGHUP (main.c) until renamed */
        ct_error err;
        if (ct_output_temp_dir_add(R->tmp, &err) != CT_OK) {
            ct_cli_report(&err);
            rmdir(R->tmp);
            return -1;
        }
    }
    {   /* mkdtemp made it 0700: give it the usual mode */
        mode_t mask = umask(0);
        umask(mask);
        chmod(R->tmp, 0777 & ~mask);
    }
    return 0;
}

int ct_cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        CT_CLI_CLAIMS_LONGOPTS,
        {"title", required_argument, NULL, OPT_TITLE},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ct_cli_claims_inputs in;
    const char *outdir = NULL, *title = NULL;
    int c, rc = CT_EXIT_DATA;
    ct_claims_options opt = CT_CLAIMS_OPTIONS_INIT;
    const ct_claims_result *res;
    size_t i;
    rep *R = NULL;

    ct_cli_claims_init(&in);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) != -1) {
        int taken = ct_cli_claims_option(&in, "report", c, argc, argv);
        if (taken > 1)
            return taken - 100;
        if (taken)
            continue;
        switch (c) {
        case 'h':
            fputs(HELP, stdout);
            return CT_EXIT_OK;
        case 'o':
            outdir = optarg;
            break;
        case OPT_TITLE:
            title = optarg;
            break;
        default:
            return ct_cli_option_error("report", c, argv);
        }
    }
    if (optind < argc)
        return ct_cli_usage_error("report", "unexpected argument '%s' (data files follow --ucdp, --brd, --ged or --acled)", argv[optind]);
    if (outdir == NULL || *outdir == '\0')
        return ct_cli_usage_error("report", "missing -o DIR (the folder to write)");
    if (dir_free(outdir) != 0) /* before the work; checked again at the end */
        return CT_EXIT_DATA;
    if ((R = calloc(1, sizeof *R)) == NULL) {
        ct_cli_msg("out of memory");
        goto done;
    }
    /* the regional series are read with the claims' ACD (once) */
    if ((R->tap = ct_cli_regional_tap_alloc(&in.geo)) == NULL)
        goto done;
    in.tap = ct_cli_regional_tap_obs;
    in.tap_end = ct_cli_regional_tap_end;
    in.tap_ctx = R->tap;
    if (ct_cli_claims_run(&in, &opt) != CT_EXIT_OK)
        goto done;
    res = in.res;
    R->res = res;
    R->geo_path = in.geo_path;
    R->claims_path = in.claims_path;
    R->precision = in.precision;
    for (i = 0; i < res->n_sources; i++)
        if (strcmp(res->sources[i].kind, "ucdp") == 0) {
            /* the file itself: files[] holds display names */
            R->acd = in.src[i].paths[0];
            R->acd_label = res->sources[i].label;
            break;
        }
    if (make_tmp(R, outdir) != 0)
        goto done;
    rc = build(R, title);
    if (rc == CT_EXIT_OK && rename(R->tmp, outdir) != 0) {
        ct_cli_msg("cannot rename '%s' to '%s': %s", R->tmp, outdir, strerror(errno));
        rc = CT_EXIT_DATA;
    }
    if (rc != CT_EXIT_OK)
        remove_tree(R->tmp);
    ct_output_temp_dir_forget(R->tmp);
    if (rc == CT_EXIT_OK && in.synthetic)
        ct_cli_msg("report: no data given, ran on the bundled synthetic data (give --ucdp FILE for real data)");
done:
    if (R) {
        for (i = 0; i < R->n_files; i++)
            free(R->files[i]);
        ct_report_free(R->doc);
        ct_cli_regional_tap_free(R->tap);
        free(R);
    }
    ct_cli_claims_free(&in);
    return rc;
}
