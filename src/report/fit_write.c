/* SPDX-License-Identifier: MIT
 * fit_write.c - the text, CSV, JSON and Markdown writers of a ct_fit_set.
 * Each fit is first turned into a JSON object (ct_rp_fit_json in
 * fit_tree.c, the schema that cmd_fit.c's fit_one built); the text and CSV
 * writers render those objects, so every format carries the same numbers
 * and the inputs and parameters behind them. Jansson stays inside the
 * report module.
 *
 * The windows of a scan are not in that object (it holds a null
 * placeholder under "windows", to keep the key's place): every writer
 * formats them one at a time from the fit's cells as it writes, so memory
 * does not grow with the number of windows (issue 13). The JSON document
 * is therefore written key by key here, each value dumped by Jansson and
 * re-indented to its depth, byte for byte what one json_dumpf of the
 * whole tree gave.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "report/fit_internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/stats.h"

/* ------------------------------------------------------------ helpers --- */

static void fmt_num(FILE *out, json_t *v, int prec)
{
    if (json_is_real(v))
        fprintf(out, "%.*g", prec, json_real_value(v));
    else if (json_is_integer(v))
        fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_true(v))
        fputs("true", out);
    else if (json_is_false(v))
        fputs("false", out);
    else if (json_is_string(v))
        fputs(json_string_value(v), out);
    else
        fputs("NA", out);
}

/* ---- CSV: one row per fit (per window for scan), nested values flattened:
 * [a, b] -> NAME_lo, NAME_hi; arrays of objects -> NAME1_KEY...; the
 * parameters object -> its keys; notes joined by "; ". */

typedef void (*cell_fn)(const char *name, json_t *v, void *ctx);

static void flatten(json_t *o, const char *prefix, cell_fn fn, void *ctx)
{
    const char *k;
    json_t *v;
    char name[128];

    json_object_foreach(o, k, v)
    {
        if (strcmp(k, "windows") == 0 || strcmp(k, "summary") == 0)
            continue; /* scan: written per window */
        snprintf(name, sizeof name, "%s%s", prefix, k);
        if (strcmp(k, "parameters") == 0 && json_is_object(v)) {
            flatten(v, prefix, fn, ctx);
        } else if (strcmp(k, "notes") == 0) {
            fn(name, v, ctx);
        } else if (json_is_object(v)) {
            char p2[160];
            snprintf(p2, sizeof p2, "%s_", name);
            flatten(v, p2, fn, ctx);
        } else if (json_is_array(v)) {
            size_t i, m = json_array_size(v);
            for (i = 0; i < m; i++) {
                json_t *e = json_array_get(v, i);
                char p2[160];
                if (json_is_object(e)) {
                    /* "breakpoints" -> breakpoint1_, "slopes" -> slope1_ */
                    size_t l = strlen(name);
                    snprintf(p2, sizeof p2, "%.*s%zu_",
                             (int)(l > 1 && name[l - 1] == 's' ? l - 1 : l),
                             name, i + 1);
                    flatten(e, p2, fn, ctx);
                } else {
                    if (m == 2)
                        snprintf(p2, sizeof p2, "%s_%s", name,
                                 i ? "hi" : "lo");
                    else
                        snprintf(p2, sizeof p2, "%s_%zu", name, i + 1);
                    fn(p2, e, ctx);
                }
            }
        } else {
            fn(name, v, ctx);
        }
    }
}

struct csv_ctx {
    FILE *out;
    int prec;
    int first;    /* first cell of the row */
    int header;   /* writing names, not values */
};

static void csv_cell(const char *name, json_t *v, void *vctx)
{
    struct csv_ctx *c = vctx;
    if (!c->first)
        fputc(',', c->out);
    c->first = 0;
    if (c->header) {
        ct_report_csv_field(c->out, name);
    } else if (json_is_array(v)) { /* notes */
        size_t i;
        char buf[2048];
        size_t used = 0;
        buf[0] = '\0';
        for (i = 0; i < json_array_size(v); i++) {
            int w = snprintf(buf + used, sizeof buf - used, "%s%s",
                             i ? "; " : "",
                             json_string_value(json_array_get(v, i)));
            if (w < 0 || (size_t)w >= sizeof buf - used)
                break;
            used += (size_t)w;
        }
        ct_report_csv_field(c->out, buf);
    } else if (json_is_string(v)) {
        ct_report_csv_field(c->out, json_string_value(v));
    } else if (json_is_null(v) && strcmp(name, "group") == 0) {
        /* no group keys: the series is the total */
    } else {
        fmt_num(c->out, v, c->prec);
    }
}

/* the adjusted p-values of a scan's windows, NULL without --adjust */
static const double *window_padj(const ct_fit_set *set, const ct_fit *f)
{
    return set->adjust >= 0 ? f->window_p_adjusted : NULL;
}

/* the adjusted p-values of the first scan with windows, NULL when none
 * (a failed scan's row then has the same columns as the others) */
static const double *first_window_padj(const ct_fit_set *set)
{
    size_t i;
    for (i = 0; i < set->n; i++)
        if (set->fits[i].status == CT_OK && set->fits[i].window_p_adjusted)
            return set->fits[i].window_p_adjusted;
    return NULL;
}

/* a number as fmt_num writes ct_rp_jnum(x): NA when not finite */
static void num_na(FILE *out, double x, int prec)
{
    if (isfinite(x))
        fprintf(out, "%.*g", prec, x);
    else
        fputs("NA", out);
}

static const char *window_status(const ct_scan_cell *c)
{
    return c->status == CT_OK ? "ok" : ct_strerror(c->status);
}

/* the window columns of a CSV row (after the fit's), as flatten() of
 * ct_rp_window_json with the prefix "window_" wrote them */
static void csv_window(FILE *out, const ct_scan_cell *c, double ppy,
                       const double *padj, int prec, int header)
{
    char b[32];
    if (header) {
        fputs(",window_start,window_end,window_n,window_slope,"
              "window_slope_ci_lo,window_slope_ci_hi,window_p_value,"
              "window_status", out);
        if (padj)
            fputs(",window_p_adjusted", out);
        return;
    }
    if (c == NULL) { /* a scan that failed or has no window */
        fputs(",NA,NA,NA,NA,NA,NA,NA,NA", out);
        if (padj)
            fputs(",NA", out);
        return;
    }
    fputc(',', out);
    ct_report_csv_field(out, ct_fit_period_format(c->start, ppy, b, sizeof b));
    fputc(',', out);
    ct_report_csv_field(out, ct_fit_period_format(c->end, ppy, b, sizeof b));
    fprintf(out, ",%" JSON_INTEGER_FORMAT ",", (json_int_t)c->n);
    num_na(out, c->slope, prec);
    fputc(',', out);
    num_na(out, c->ci[0], prec);
    fputc(',', out);
    num_na(out, c->ci[1], prec);
    fputc(',', out);
    num_na(out, c->p_value, prec);
    fputc(',', out);
    ct_report_csv_field(out, window_status(c));
    if (padj) {
        fputc(',', out);
        num_na(out, *padj, prec);
    }
}

/* the fit's own columns of a row (header: their names) */
static void csv_fit_cells(FILE *out, json_t *o, int prec, int header)
{
    struct csv_ctx c;
    c.out = out;
    c.prec = prec;
    c.header = header;
    c.first = 1;
    flatten(o, "", csv_cell, &c);
}

/* the rows of fit f (its object o): one per window for a scan (one with
 * NA windows when it failed or has none, so that its reason is there);
 * the first fit also writes the header row */
static void csv_fit(FILE *out, json_t *o, const ct_fit_set *set, size_t i,
                    int prec)
{
    size_t j;
    const ct_fit *f = &set->fits[i];
    int win = json_object_get(o, "windows") != NULL;
    int cells = win && f->status == CT_OK && f->r.scan.n_cells > 0;
    size_t rows = cells ? f->r.scan.n_cells : 1;
    const double *padj = win ? window_padj(set, f) : NULL;
    char *pre = NULL;
    size_t npre = 0;
    FILE *m;

    if (win && padj == NULL && set->adjust >= 0)
        padj = first_window_padj(set); /* the header's columns */
    if (i == 0) { /* the header row */
        csv_fit_cells(out, o, prec, 1);
        if (win)
            csv_window(out, NULL, 0, padj, prec, 1);
        fputc('\n', out);
    }
    /* the fit's cells, the same on every row of its windows: formatted
     * once */
    m = rows > 1 ? open_memstream(&pre, &npre) : NULL;
    if (m != NULL) {
        csv_fit_cells(m, o, prec, 0);
        if (fclose(m) != 0) {
            free(pre);
            pre = NULL;
        }
    }
    for (j = 0; j < rows; j++) {
        if (pre != NULL)
            fwrite(pre, 1, npre, out);
        else
            csv_fit_cells(out, o, prec, 0);
        if (win)
            csv_window(out, cells ? &f->r.scan.cells[j] : NULL,
                       f->periods_per_year,
                       padj ? (cells ? &padj[j] : padj) : NULL, prec, 0);
        fputc('\n', out);
    }
    free(pre);
}

/* ---- text: a header line per fit, then aligned name/value lines. */

static void text_value(FILE *out, json_t *v, int prec)
{
    if (json_is_array(v)) {
        size_t i;
        fputc('[', out);
        for (i = 0; i < json_array_size(v); i++) {
            if (i)
                fputs(", ", out);
            fmt_num(out, json_array_get(v, i), prec);
        }
        fputc(']', out);
    } else {
        fmt_num(out, v, prec);
    }
}

/* name/value lines; at the top level the fields the header line or the
 * blocks below show are left out */
static void text_object(FILE *out, json_t *o, const char *indent, int prec,
                        int top)
{
    static const char *const skip[] = { "model", "input", "group", "from",
                                        "to", "n", "notes", "windows",
                                        "summary", "parameters",
                                        "breakpoints", "slopes",
                                        "periods_per_year", NULL };
    const char *k;
    json_t *v;

    json_object_foreach(o, k, v)
    {
        size_t s;
        int skipped = 0;
        for (s = 0; top && skip[s]; s++)
            if (strcmp(k, skip[s]) == 0)
                skipped = 1;
        if (skipped)
            continue;
        fprintf(out, "%s%-22s ", indent, k);
        text_value(out, v, prec);
        fputc('\n', out);
    }
}

/* the table of a scan's windows */
static void text_windows(FILE *out, const ct_fit *f, const double *padj,
                         int prec)
{
    const ct_fit_scan *sc = &f->r.scan;
    int adj = padj != NULL && sc->n_cells > 0;
    size_t j;

    fprintf(out, "  %-8s %-8s %4s %12s %12s %12s %12s%s\n", "start", "end",
            "n", "slope", "ci_lo", "ci_hi", "p_value",
            adj ? "   p_adjusted" : "");
    for (j = 0; j < sc->n_cells; j++) {
        const ct_scan_cell *c = &sc->cells[j];
        char b[64];
        double cols[5];
        int k;
        fprintf(out, "  %-8s ",
                ct_fit_period_format(c->start, f->periods_per_year, b,
                                     sizeof b));
        fprintf(out, "%-8s %4" JSON_INTEGER_FORMAT " ",
                ct_fit_period_format(c->end, f->periods_per_year, b,
                                     sizeof b),
                (json_int_t)c->n);
        cols[0] = c->slope;
        cols[1] = c->ci[0];
        cols[2] = c->ci[1];
        cols[3] = c->p_value;
        cols[4] = adj ? padj[j] : 0;
        for (k = 0; k < (adj ? 5 : 4); k++) {
            if (isfinite(cols[k]))
                snprintf(b, sizeof b, "%.*g", prec, cols[k]);
            else
                snprintf(b, sizeof b, "NA");
            fprintf(out, " %12s", b);
        }
        fputc('\n', out);
    }
}

/* fit i (its object o): a header line, then aligned name/value lines */
static void text_fit(FILE *out, json_t *o, const ct_fit_set *set, size_t i,
                     int prec)
{
    size_t j;
    json_t *a;
    const ct_fit *f = &set->fits[i];
    json_t *grp = json_object_get(o, "group");
    if (i)
        fputc('\n', out);
    fprintf(out, "%s: %s, group %s, %s to %s (n = %" JSON_INTEGER_FORMAT
                 ")\n",
            json_string_value(json_object_get(o, "model")),
            json_string_value(json_object_get(o, "input")),
            json_is_string(grp) ? json_string_value(grp) : "(all)",
            json_string_value(json_object_get(o, "from")),
            json_string_value(json_object_get(o, "to")),
            json_integer_value(json_object_get(o, "n")));
    if (json_object_size(json_object_get(o, "parameters")) > 0)
        text_object(out, json_object_get(o, "parameters"), "  ", prec, 0);
    text_object(out, o, "  ", prec, 1);
    a = json_object_get(o, "breakpoints");
    for (j = 0; a && j < json_array_size(a); j++) {
        fprintf(out, "  breakpoint %zu\n", j + 1);
        text_object(out, json_array_get(a, j), "    ", prec, 0);
    }
    a = json_object_get(o, "slopes");
    for (j = 0; a && j < json_array_size(a); j++) {
        fprintf(out, "  segment %zu\n", j + 1);
        text_object(out, json_array_get(a, j), "    ", prec, 0);
    }
    if (json_object_get(o, "summary")) {
        fputs("  summary\n", out);
        text_object(out, json_object_get(o, "summary"), "    ", prec, 0);
    }
    if (json_object_get(o, "windows"))
        text_windows(out, f, window_padj(set, f), prec);
    a = json_object_get(o, "notes");
    for (j = 0; a && j < json_array_size(a); j++)
        fprintf(out, "  note: %s\n",
                json_string_value(json_array_get(a, j)));
}
static int check(FILE *out, ct_error *err)
{
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "cannot write the fits");
    return CT_OK;
}

int ct_report_fit_text(FILE *out, const ct_fit_set *set, int precision,
                       ct_error *err)
{
    struct ct_rp_fits it;
    size_t i;
    ct_rp_fits_open(&it, set, 0);
    for (i = 0; i < set->n; i++) {
        json_t *o = ct_rp_fit_at(&it, i);
        text_fit(out, o, set, i, precision);
        json_decref(o);
    }
    ct_rp_fits_close(&it);
    return check(out, err);
}

int ct_report_fit_csv(FILE *out, const ct_fit_set *set, int precision,
                      ct_error *err)
{
    struct ct_rp_fits it;
    size_t i;
    ct_rp_fits_open(&it, set, 1);
    for (i = 0; i < set->n; i++) {
        json_t *o = ct_rp_fit_at(&it, i);
        csv_fit(out, o, set, i, precision);
        json_decref(o);
    }
    ct_rp_fits_close(&it);
    return check(out, err);
}

/* ---- JSON: json_dumpf(JSON_INDENT(2)) of {"command": "fit", "fits":
 * [...]} written piece by piece. Jansson writes a value at depth d with
 * "\n" and 2 d spaces before each of its lines after the first; a value
 * dumped alone is at depth 0, so its line breaks get 2 d more spaces. */

#define MAX_DEPTH 8
static const char spaces[2 * MAX_DEPTH + 1] = "                ";

/* buf with 2 depth spaces after each of its line breaks */
static void write_indented(FILE *out, const char *buf, size_t size,
                           size_t depth)
{
    const char *nl;
    while (size > 0 && (nl = memchr(buf, '\n', size)) != NULL) {
        size_t k = (size_t)(nl - buf) + 1;
        fwrite(buf, 1, k, out);
        fwrite(spaces, 1, 2 * depth, out);
        buf += k;
        size -= k;
    }
    if (size > 0)
        fwrite(buf, 1, size, out);
}

struct dump_ctx {
    FILE *out;
    size_t depth;
};

static int dump_cb(const char *buf, size_t size, void *data)
{
    struct dump_ctx *d = data;
    write_indented(d->out, buf, size, d->depth);
    return 0;
}

/* v as Jansson writes it at depth (<= MAX_DEPTH); a small value is dumped
 * into a buffer first, Jansson's many small pieces would each be a
 * fwrite */
static void dump_at(FILE *out, json_t *v, size_t depth, size_t flags)
{
    char buf[2048];
    size_t n = json_dumpb(v, buf, sizeof buf, flags | JSON_ENCODE_ANY);
    if (n > 0 && n <= sizeof buf) {
        write_indented(out, buf, n, depth);
    } else {
        struct dump_ctx d;
        d.out = out;
        d.depth = depth;
        (void)json_dump_callback(v, dump_cb, &d, flags | JSON_ENCODE_ANY);
    }
}

/* a line break and the indent of depth */
static void newline_at(FILE *out, size_t depth)
{
    fputc('\n', out);
    fwrite(spaces, 1, 2 * depth, out);
}

static void dump_key(FILE *out, const char *k, size_t flags)
{
    json_t *s = json_string(k);
    dump_at(out, s, 0, flags);
    json_decref(s);
    fputs(": ", out);
}

/* the "windows" array of a scan fit, at depth 3 (doc, fits, fit) */
static void json_windows(FILE *out, const ct_fit_set *set, const ct_fit *f,
                         size_t flags)
{
    const ct_fit_scan *sc = &f->r.scan;
    const double *padj = window_padj(set, f);
    size_t j;
    if (sc->n_cells == 0) {
        fputs("[]", out);
        return;
    }
    fputc('[', out);
    for (j = 0; j < sc->n_cells; j++) {
        json_t *w = ct_rp_window_json(&sc->cells[j], f->periods_per_year);
        if (padj)
            json_object_set_new(w, "p_adjusted", ct_rp_jnum(padj[j]));
        if (j)
            fputc(',', out);
        newline_at(out, 4);
        dump_at(out, w, 4, flags);
        json_decref(w);
    }
    newline_at(out, 3);
    fputc(']', out);
}

int ct_report_fit_json(FILE *out, const ct_fit_set *set, int precision,
                       ct_error *err)
{
    size_t flags = JSON_INDENT(2) | JSON_REAL_PRECISION(precision);
    struct ct_rp_fits it;
    size_t i;

    ct_rp_fits_open(&it, set, 0);
    fputs("{", out);
    newline_at(out, 1);
    dump_key(out, "command", flags);
    fputs("\"fit\",", out);
    newline_at(out, 1);
    dump_key(out, "fits", flags);
    fputs(set->n == 0 ? "[]" : "[", out);
    for (i = 0; i < set->n; i++) {
        json_t *o = ct_rp_fit_at(&it, i), *v;
        const char *k;
        int first = 1;
        if (i)
            fputc(',', out);
        newline_at(out, 2);
        fputc('{', out);
        json_object_foreach(o, k, v)
        {
            if (!first)
                fputc(',', out);
            first = 0;
            newline_at(out, 3);
            dump_key(out, k, flags);
            if (strcmp(k, "windows") == 0)
                json_windows(out, set, &set->fits[i], flags);
            else
                dump_at(out, v, 3, flags);
        }
        newline_at(out, 2);
        fputc('}', out);
        json_decref(o);
    }
    if (set->n > 0) {
        newline_at(out, 1);
        fputc(']', out);
    }
    newline_at(out, 0);
    fputs("}\n", out);
    ct_rp_fits_close(&it);
    return check(out, err);
}

/* ---- Markdown: one table per model, a row per fit. */

/* a table cell: the report module's Markdown escaping (| and line ends
 * would break the row) */
static void md_text(FILE *out, const char *s)
{
    (void)ct_report_md_text(out, s, 0);
}

static void md_num(FILE *out, double x, int prec)
{
    if (isfinite(x))
        fprintf(out, "%.*g", prec, x);
    else if (isinf(x))
        fputs(x > 0 ? "Inf" : "-Inf", out);
    else
        fputs("NA", out);
}

/* the main estimate of a fit, its interval and p-value, and what the
 * estimate is */
static const char *main_estimate(const ct_fit *f, double *est, double ci[2],
                                 double *p)
{
    *p = f->p_value;
    ci[0] = ci[1] = *est = (double)NAN;
    switch (f->model) {
    case CT_FIT_OLS:
        *est = f->r.ols.slope;
        ci[0] = f->r.ols.slope_ci[0];
        ci[1] = f->r.ols.slope_ci[1];
        return "slope per year";
    case CT_FIT_POISSON:
    case CT_FIT_QUASIPOISSON:
    case CT_FIT_NEGBIN:
        *est = f->r.glm.percent_per_year;
        ci[0] = f->r.glm.percent_ci[0];
        ci[1] = f->r.glm.percent_ci[1];
        return "% per year";
    case CT_FIT_MK:
    case CT_FIT_SEN:
        *est = f->r.mk.sen_slope;
        ci[0] = f->r.mk.sen_ci[0];
        ci[1] = f->r.mk.sen_ci[1];
        return "Sen slope per year";
    case CT_FIT_SEGMENTED:
        if (f->r.seg.n_breaks > 0) {
            *est = f->r.seg.psi[0] / f->periods_per_year;
            ci[0] = f->r.seg.psi_ci[0][0] / f->periods_per_year;
            ci[1] = f->r.seg.psi_ci[0][1] / f->periods_per_year;
        }
        return "first breakpoint (year)";
    case CT_FIT_COMPARE:
        *est = f->r.compare.rate_ratio;
        ci[0] = f->r.compare.rate_ratio_ci[0];
        ci[1] = f->r.compare.rate_ratio_ci[1];
        return "rate ratio B/A";
    case CT_FIT_BOOTSTRAP:
        *est = f->r.boot.estimate;
        ci[0] = f->r.boot.ci_percentile[0];
        ci[1] = f->r.boot.ci_percentile[1];
        return "slope per year";
    case CT_FIT_SCAN:
        *est = f->r.scan.summary.slope_median;
        ci[0] = f->r.scan.summary.slope_min;
        ci[1] = f->r.scan.summary.slope_max;
        *p = f->r.scan.summary.p_max;
        return "median window slope (min, max; largest p)";
    }
    return "estimate";
}

int ct_report_fit_markdown(FILE *out, const ct_fit_set *set, int precision,
                           ct_error *err)
{
    int m, first = 1;

    for (m = 0; m < CT_FIT_N_MODELS; m++) {
        size_t i;
        int head = 0;
        for (i = 0; i < set->n; i++) {
            const ct_fit *f = &set->fits[i];
            double est, ci[2], p;
            const char *what;
            size_t k;
            if ((int)f->model != m)
                continue;
            what = main_estimate(f, &est, ci, &p);
            if (!head) {
                fprintf(out, "%s## %s\n\n", first ? "" : "\n",
                        ct_fit_model_name(f->model));
                fprintf(out, "| group | window | n | %s | %g%% CI | p | "
                             "notes |\n", what, 100 * f->level);
                fputs("|---|---|--:|--:|---|--:|---|\n", out);
                head = 1;
                first = 0;
            }
            fputs("| ", out);
            md_text(out, f->group[0] ? f->group : "(all)");
            fputs(" | ", out);
            if (f->n)
                fprintf(out, "%s to %s", f->from, f->to);
            fprintf(out, " | %zu | ", f->n);
            if (f->status != CT_OK) {
                fputs("failed | | | ", out);
                md_text(out, f->reason ? f->reason : ct_strerror(f->status));
                if (f->n_notes)
                    fputs("; ", out);
            } else {
                md_num(out, est, precision);
                fputs(" | ", out);
                md_num(out, ci[0], precision);
                fputs(" to ", out);
                md_num(out, ci[1], precision);
                fputs(" | ", out);
                md_num(out, p, precision);
                fputs(" | ", out);
            }
            for (k = 0; k < f->n_notes; k++) {
                if (k)
                    fputs("; ", out);
                md_text(out, f->notes[k]);
            }
            fputs(" |\n", out);
        }
    }
    return check(out, err);
}
