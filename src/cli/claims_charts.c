/* SPDX-License-Identifier: MIT
 * claims_charts.c - the charts of a claims check (cmd_claims.h): the
 * claims module writes each cell's specification file, the plot module
 * turns it into the chart's data file, gnuplot draws it.
 */
#define _GNU_SOURCE /* mkdtemp */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd_claims.h"
#include "cli/gnuplot.h"

/* File-name part made of a user-given id: letters, digits, - and _. */
static void slug(char *dst, size_t n, const char *s)
{
    size_t k = 0;
    for (; *s && k + 1 < n && k < 40; s++) {
        char ch = *s;
        dst[k++] = ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '-') ? ch : '_';
    }
    if (k == 0 && n > 1)
        dst[k++] = 'x';
    dst[k] = '\0';
}

typedef struct spec_ctx {
    const ct_claims_result *r;
    size_t claim, scope, source, rows;
    int windows;
} spec_ctx;

static int write_spec(FILE *out, void *ctx, ct_error *err)
{
    spec_ctx *c = ctx;
    return ct_claims_write_specs(c->r, c->claim, c->scope, c->source,
                                 c->windows, &c->rows, out, err);
}

typedef struct curve_ctx {
    const ct_plot_spec *sp;
    double alpha;
    int windows;
    const ct_plot_labels *labels;
} curve_ctx;

static int write_curve(FILE *out, void *ctx, ct_error *err)
{
    curve_ctx *c = ctx;
    return c->windows ? ct_plot_write_spec_windows(out, c->sp, c->alpha, err)
                      : ct_plot_write_spec_curve(out, c->sp, c->alpha, err);
}

static int write_labels(FILE *out, void *ctx, ct_error *err)
{
    curve_ctx *c = ctx;
    return ct_plot_write_labels(out, c->labels, err);
}

/* 1 when the cell's primary-choice windows form a grid: at least two
 * start years and two end years (else a heatmap is one strip). */
static int has_grid(const ct_claims_result *r, const ct_cli_claims_chart *ch)
{
    const ct_claims_cell *cell = ct_claims_cell_at(r, ch->claim, ch->scope, ch->source);
    const ct_claims_spec *sp = r->specs + cell->spec_first, *P = &cell->primary;
    size_t i;
    int from2 = 0, to2 = 0;

    for (i = 0; i < cell->n_specs; i++) {
        const ct_claims_spec *s = &sp[i];
        if (s->status != CT_OK || s->measure != P->measure ||
            s->class_mask != P->class_mask || s->scheme != P->scheme ||
            s->distinct != P->distinct)
            continue;
        from2 |= s->from != P->from;
        to2 |= s->to != P->to;
    }
    return from2 && to2;
}

/* Writes the cell's specification file and the chart's data and labels
 * files; 1 when there is something to draw, 0 when not, -1 on error. */
static int prepare(const ct_claims_result *r, ct_cli_claims_chart *ch,
                   const char *dir, const char *tmp, size_t idx)
{
    const ct_claim *c = &r->claims->claim[ch->claim];
    const ct_claims_source_info *si = &r->sources[ch->source];
    char path[4096], title[512], sub[512], foot[512], ylab[128];
    spec_ctx sc = {r, ch->claim, ch->scope, ch->source, 0, ch->windows};
    ct_plot_labels lab = {0};
    ct_plot_spec *sp = NULL;
    curve_ctx cc;
    ct_error err;
    FILE *in;
    int k;

    if (ch->windows && (r->specs == NULL || !has_grid(r, ch)))
        return 0;
    snprintf(path, sizeof path, "%s/%s.csv", dir, ch->stem);
    if (ct_cli_write_file(path, write_spec, &sc) != 0)
        return -1;
    ch->rows = sc.rows;
    if (sc.rows < (ch->windows ? 2u : 1u)) {
        unlink(path);
        return 0;
    }
    if ((in = fopen(path, "r")) == NULL) {
        ct_cli_msg("cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    k = ct_plot_spec_read(&sp, in, path, &err);
    fclose(in);
    if (k != CT_OK) {
        ct_cli_report(&err);
        return -1;
    }
    if (!ch->windows && ct_plot_spec_count_estimated(sp) == 0) {
        /* every fit failed (an untestable cell): no curve to draw; the
         * cell's verdict and reason say why */
        ct_plot_spec_free(sp);
        unlink(path);
        return 0;
    }
    snprintf(title, sizeof title, ch->windows
             ? "%s on %s, %s: estimate by window"
             : "%s on %s, %s: specification curve", c->id, si->label,
             ch->scope == 0 ? "source window" : "all data");
    if (ch->windows)
        snprintf(sub, sizeof sub, "%.300s (%zu specifications; * marks "
                 "p < %g)", c->paraphrase ? c->paraphrase : "", sc.rows,
                 r->opt.alpha);
    else
        snprintf(sub, sizeof sub, "%.300s (%zu specifications, sorted, "
                 "with %g%% CIs; filled: p < %g)",
                 c->paraphrase ? c->paraphrase : "", sc.rows,
                 100 * r->opt.level, r->opt.alpha);
    snprintf(ylab, sizeof ylab, "%s",
             ch->windows ? "window end (year)"
             : c->kind == CT_CLAIM_COMPARE ? "rate ratio, later / earlier"
                                           : "change (% per year)");
    snprintf(foot, sizeof foot, "Source: %s. Chart: ctrend %s", si->label,
             r->ctrend_version);
    lab.title = title;
    lab.subtitle = sub;
    lab.xlabel = ch->windows ? "window start (year)"
                             : "specifications, sorted by estimate (rank)";
    lab.ylabel = ylab;
    lab.footer = foot;
    /* the heatmap's colour is the estimate, in the unit of the curve's y */
    lab.cblabel = c->kind == CT_CLAIM_COMPARE ? "rate ratio, later / earlier"
                                              : "change (% per year)";
    cc.sp = sp;
    cc.alpha = r->opt.alpha;
    cc.windows = ch->windows;
    cc.labels = &lab;
    snprintf(path, sizeof path, "%s/d%zu.tsv", tmp, idx);
    k = ct_cli_write_file(path, write_curve, &cc);
    snprintf(path, sizeof path, "%s/l%zu.tsv", tmp, idx);
    if (k == 0)
        k = ct_cli_write_file(path, write_labels, &cc);
    ct_plot_spec_free(sp);
    return k == 0 ? 1 : -1;
}

int ct_cli_claims_charts(const ct_claims_result *r, const char *dir,
                         const ct_plot_format *formats, size_t n_formats,
                         ct_cli_claims_chart **charts, size_t *n)
{
    size_t cap = r->n_claims * r->n_scopes * r->n_sources * 2, nc = 0;
    size_t ci, sc, si, w, f, nj = 0, i;
    ct_cli_claims_chart *ch = calloc(cap ? cap : 1, sizeof *ch);
    ct_cli_gnuplot_job *jobs = calloc((cap ? cap : 1) * (n_formats ? n_formats : 1),
                                      sizeof *jobs);
    char (*paths)[3][4096] = calloc((cap ? cap : 1) * (n_formats ? n_formats : 1),
                                    sizeof *paths);
    char tmp[] = "/tmp/ctrend-claims.XXXXXX", id[48];
    int rc = CT_EXIT_DATA, k;

    *charts = NULL;
    *n = 0;
    if (ch == NULL || jobs == NULL || paths == NULL) {
        ct_cli_msg("out of memory");
        goto done;
    }
    if (mkdtemp(tmp) == NULL) {
        ct_cli_msg("cannot create a temporary folder: %s", strerror(errno));
        goto done;
    }
    (void)ct_output_temp_dir_add(tmp, NULL); /* removed on a signal */
    for (ci = 0; ci < r->n_claims; ci++)
        for (sc = 0; sc < r->n_scopes; sc++)
            for (si = 0; si < r->n_sources; si++)
                for (w = 0; w < 2; w++) {
                    ct_cli_claims_chart *c = &ch[nc];
                    c->claim = ci;
                    c->scope = sc;
                    c->source = si;
                    c->windows = (int)w;
                    slug(id, sizeof id, r->claims->claim[ci].id);
                    snprintf(c->stem, sizeof c->stem, "%s-%s-%s%zu-%s", id,
                             sc == 0 ? "source-window" : "all-data",
                             r->sources[si].kind, si + 1,
                             w ? "windows" : "specification");
                    k = prepare(r, c, dir, tmp, nc);
                    if (k < 0)
                        goto cleanup;
                    if (k == 0)
                        continue;
                    for (f = 0; f < n_formats; f++) {
                        ct_cli_gnuplot_job *j = &jobs[nj];
                        snprintf(paths[nj][0], 4096, "%s/d%zu.tsv", tmp, nc);
                        snprintf(paths[nj][1], 4096, "%s/l%zu.tsv", tmp, nc);
                        snprintf(paths[nj][2], 4096, "%s/%s.%s", dir, c->stem,
                                 ct_plot_format_name(formats[f]));
                        j->kind = w ? CT_PLOT_WINDOWS : CT_PLOT_SPECIFICATION;
                        j->format = formats[f];
                        j->data = paths[nj][0];
                        j->labels = paths[nj][1];
                        j->out = paths[nj][2];
                        nj++;
                    }
                    nc++;
                }
    rc = ct_cli_gnuplot_draw_all(jobs, nj, 4);
cleanup:
    for (i = 0; i < cap; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/d%zu.tsv", tmp, i);
        unlink(p);
        snprintf(p, sizeof p, "%s/l%zu.tsv", tmp, i);
        unlink(p);
    }
    rmdir(tmp);
    ct_output_temp_dir_forget(tmp);
done:
    free(jobs);
    free(paths);
    if (rc == CT_EXIT_OK) {
        *charts = ch;
        *n = nc;
    } else {
        free(ch);
    }
    return rc;
}
