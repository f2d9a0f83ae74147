/* SPDX-License-Identifier: MIT
 * spec.c - specification files (plot.h): reading them, and the data of
 * the specification curve and of the window heatmap.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/plot.h"
#include "plot/plot_internal.h"

#define SPEC_MAX_CHOICES 16
#define SPEC_MAX_ROWS 100000
#define SPEC_MAX_COLS 32
#define SPEC_MAX_LINE 65536

typedef struct spec_row {
    double est, lo, hi, p, from, to;
    char *id;
    char *choice[SPEC_MAX_CHOICES];
    size_t line;           /* file order, for stable ties              */
} spec_row;

struct ct_plot_spec {
    spec_row *row;
    size_t n, cap;
    char *choice_name[SPEC_MAX_CHOICES];
    size_t n_choices;
};

void ct_plot_spec_free(ct_plot_spec *sp)
{
    size_t i, j;
    if (sp == NULL)
        return;
    for (i = 0; i < sp->n; i++) {
        free(sp->row[i].id);
        for (j = 0; j < sp->n_choices; j++)
            free(sp->row[i].choice[j]);
    }
    for (j = 0; j < sp->n_choices; j++)
        free(sp->choice_name[j]);
    free(sp->row);
    free(sp);
}

size_t ct_plot_spec_count(const ct_plot_spec *sp) { return sp ? sp->n : 0; }

size_t ct_plot_spec_count_estimated(const ct_plot_spec *sp)
{
    size_t i, n = 0;
    for (i = 0; sp != NULL && i < sp->n; i++)
        n += !isnan(sp->row[i].est);
    return n;
}

/* Splits line in place into at most SPEC_MAX_COLS fields (RFC 4180
 * quotes, no line breaks inside); returns the count or -1. */
static int split_csv(char *line, char **f)
{
    int n = 0;
    char *r = line, *w;

    for (;;) {
        if (n == SPEC_MAX_COLS)
            return -1;
        f[n++] = w = r;
        if (*r == '"') {
            r++;
            for (;;) {
                if (*r == '\0')
                    return -1; /* unterminated */
                if (*r == '"' && r[1] == '"') {
                    *w++ = '"';
                    r += 2;
                } else if (*r == '"') {
                    r++;
                    break;
                } else {
                    *w++ = *r++;
                }
            }
            if (*r != ',' && *r != '\0')
                return -1;
        } else {
            while (*r && *r != ',')
                *w++ = *r++;
        }
        if (*r == '\0') {
            *w = '\0';
            return n;
        }
        *w = '\0';
        r++;
    }
}

static int read_num(const char *s, double *out)
{
    char *end;
    if (*s == '\0' || strcmp(s, "NA") == 0) {
        *out = NAN;
        return 0;
    }
    errno = 0;
    *out = strtod(s, &end);
    return *end != '\0' || errno == ERANGE || !isfinite(*out) ? -1 : 0;
}

enum { C_EST, C_LO, C_HI, C_P, C_FROM, C_TO, C_ID, C_NFIXED };

static const char *const SPEC_FIXED[C_NFIXED] = {
    "estimate", "ci_low", "ci_high", "p_value", "from", "to", "id"};

/* The header: role[i] of each of the nf columns (a fixed column or a
 * choice, whose name is kept). */
static int spec_header(ct_plot_spec *sp, char *const *f, int nf, int *role,
                       const char *name, long lineno, ct_error *err)
{
    int seen[C_NFIXED] = {0}, i;
    for (i = 0; i < nf; i++) {
        int k;
        for (k = 0; k < C_NFIXED && strcmp(f[i], SPEC_FIXED[k]) != 0; k++)
            ;
        if (k < C_NFIXED) {
            if (seen[k]++)
                return ct_error_set(err, CT_EPARSE, name, lineno,
                                    "column '%s' given twice", f[i]);
            role[i] = k;
            continue;
        }
        if (sp->n_choices == SPEC_MAX_CHOICES)
            return ct_error_set(err, CT_ELIMIT, name, lineno,
                                "more than %d choice columns",
                                SPEC_MAX_CHOICES);
        role[i] = C_NFIXED + (int)sp->n_choices;
        if ((sp->choice_name[sp->n_choices++] = strdup(f[i])) == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < C_P + 1; i++)
        if (!seen[i])
            return ct_error_set(err, CT_EPARSE, name, lineno,
                                "missing column '%s' (a "
                                "specification file needs estimate, "
                                "ci_low, ci_high, p_value)", SPEC_FIXED[i]);
    return CT_OK;
}

/* One specification row of nf fields (as many as the header's). */
static int spec_row_read(ct_plot_spec *sp, char *const *f, int nf,
                         const int *role, const char *name, long lineno,
                         ct_error *err)
{
    spec_row *r;
    int i;
    if (sp->n == SPEC_MAX_ROWS)
        return ct_error_set(err, CT_ELIMIT, name, lineno,
                            "more than %d specifications", SPEC_MAX_ROWS);
    if (sp->n == sp->cap) {
        size_t nc = sp->cap ? 2 * sp->cap : 64;
        spec_row *nr = realloc(sp->row, nc * sizeof *nr);
        if (nr == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        sp->row = nr;
        sp->cap = nc;
    }
    r = &sp->row[sp->n];
    memset(r, 0, sizeof *r);
    r->from = r->to = NAN;
    r->line = (size_t)lineno;
    sp->n++;
    for (i = 0; i < nf; i++) {
        double *slot[C_ID] = {&r->est, &r->lo, &r->hi, &r->p, &r->from,
                              &r->to};
        if (role[i] < C_ID) {
            if (read_num(f[i], slot[role[i]]) != 0)
                return ct_error_set(err, CT_EPARSE, name, lineno,
                                    "column '%s': expected a number, got "
                                    "'%.40s'", SPEC_FIXED[role[i]], f[i]);
        } else if (role[i] == C_ID) {
            if ((r->id = strdup(f[i])) == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0,
                                    "out of memory");
        } else if ((r->choice[role[i] - C_NFIXED] = strdup(f[i])) == NULL) {
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        }
    }
    if (!isnan(r->p) && (r->p < 0 || r->p > 1))
        return ct_error_set(err, CT_EPARSE, name, lineno,
                            "p_value must lie in [0, 1]");
    return CT_OK;
}

int ct_plot_spec_read(ct_plot_spec **out, FILE *in, const char *name,
                      ct_error *err)
{
    ct_plot_spec *sp;
    char *line = malloc(SPEC_MAX_LINE + 2), *f[SPEC_MAX_COLS];
    int role[SPEC_MAX_COLS], ncol = 0, rc = CT_OK;
    long lineno = 0;

    *out = NULL;
    sp = calloc(1, sizeof *sp);
    if (sp == NULL || line == NULL) {
        free(sp);
        free(line);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    while (fgets(line, SPEC_MAX_LINE + 2, in) != NULL) {
        size_t len = strlen(line);
        int nf;
        lineno++;
        if (len > SPEC_MAX_LINE) {
            rc = ct_error_set(err, CT_ELIMIT, name, lineno,
                              "line longer than %d bytes", SPEC_MAX_LINE);
            goto fail;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (lineno == 1 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            memmove(line, line + 3, len - 2);
        if (line[0] == '\0')
            continue;
        nf = split_csv(line, f);
        if (nf < 0) {
            rc = ct_error_set(err, CT_EPARSE, name, lineno,
                              "bad quoting or more than %d columns",
                              SPEC_MAX_COLS);
            goto fail;
        }
        if (ncol == 0) { /* the header */
            ncol = nf;
            rc = spec_header(sp, f, nf, role, name, lineno, err);
        } else if (nf != ncol) {
            rc = ct_error_set(err, CT_EPARSE, name, lineno,
                              "%d fields, the header has %d", nf, ncol);
        } else {
            rc = spec_row_read(sp, f, nf, role, name, lineno, err);
        }
        if (rc != CT_OK)
            goto fail;
    }
    if (ferror(in)) {
        rc = ct_error_set(err, CT_EIO, name, 0, "read error");
        goto fail;
    }
    if (ncol == 0) {
        rc = ct_error_set(err, CT_EPARSE, name, 0, "empty specification file");
        goto fail;
    }
    free(line);
    *out = sp;
    return CT_OK;
fail:
    free(line);
    ct_plot_spec_free(sp);
    return rc;
}

static int cmp_est(const void *a, const void *b)
{
    const spec_row *x = *(const spec_row *const *)a;
    const spec_row *y = *(const spec_row *const *)b;
    if (x->est != y->est)
        return x->est < y->est ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static int sig(const spec_row *r, double alpha)
{
    return !isnan(r->p) && r->p < alpha;
}

int ct_plot_write_spec_curve(FILE *out, const ct_plot_spec *sp, double alpha,
                             ct_error *err)
{
    const spec_row **ord = malloc((sp->n ? sp->n : 1) * sizeof *ord);
    /* value rows: for choice c, its distinct values in order of first
     * appearance along the curve; row numbers count down from the top */
    const char **val = malloc((sp->n * sp->n_choices + 1) * sizeof *val);
    size_t *vc = malloc((sp->n * sp->n_choices + 1) * sizeof *vc);
    size_t n = 0, nv = 0, i, c, k;
    int rc;

    if (ord == NULL || val == NULL || vc == NULL) {
        free(ord);
        free(val);
        free(vc);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < sp->n; i++)
        if (!isnan(sp->row[i].est))
            ord[n++] = &sp->row[i];
    if (n == 0) {
        free(ord);
        free(val);
        free(vc);
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "no specification has an estimate (all %zu are "
                            "NA): no curve to draw", sp->n);
    }
    qsort(ord, n, sizeof *ord, cmp_est);
    for (c = 0; c < sp->n_choices; c++)
        for (i = 0; i < n; i++) {
            const char *v = ord[i]->choice[c];
            for (k = 0; k < nv && !(vc[k] == c && strcmp(val[k], v) == 0);
                 k++)
                ;
            if (k == nv) {
                val[nv] = v;
                vc[nv++] = c;
            }
        }
    fputs("rank\testimate\tci_low\tci_high\tp_value\tsignificant\tid\n", out);
    for (i = 0; i < n; i++) {
        fprintf(out, "%zu\t", i + 1);
        ct_plot_put_num(out, ord[i]->est, 6);
        fputc('\t', out);
        ct_plot_put_num(out, ord[i]->lo, 6);
        fputc('\t', out);
        ct_plot_put_num(out, ord[i]->hi, 6);
        fputc('\t', out);
        ct_plot_put_num(out, ord[i]->p, 4);
        fprintf(out, "\t%d\t", sig(ord[i], alpha));
        ct_plot_put_text(out, ord[i]->id ? ord[i]->id : "");
        fputc('\n', out);
    }
    fputs("\n\n", out);
    for (i = 0; i < n; i++)
        for (k = 0; k < nv; k++) {
            if (strcmp(ord[i]->choice[vc[k]], val[k]) != 0)
                continue;
            fprintf(out, "%zu\t%zu\t", i + 1, k + 1);
            ct_plot_put_text(out, sp->choice_name[vc[k]]);
            fputs(" = ", out);
            ct_plot_put_text(out, val[k]);
            fprintf(out, "\t%d\n", sig(ord[i], alpha));
        }
    rc = ct_plot_finish(out, err);
    free(ord);
    free(val);
    free(vc);
    return rc;
}

static int cmp_window(const void *a, const void *b)
{
    const spec_row *x = *(const spec_row *const *)a;
    const spec_row *y = *(const spec_row *const *)b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

int ct_plot_write_spec_windows(FILE *out, const ct_plot_spec *sp,
                               double alpha, ct_error *err)
{
    const spec_row **ord = malloc((sp->n ? sp->n : 1) * sizeof *ord);
    size_t n = 0, i;
    int rc;

    if (ord == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < sp->n; i++)
        if (!isnan(sp->row[i].from) && !isnan(sp->row[i].to))
            ord[n++] = &sp->row[i];
    if (n == 0) {
        free(ord);
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "no specification has a window (columns from "
                            "and to)");
    }
    qsort(ord, n, sizeof *ord, cmp_window);
    for (i = 1; i < n; i++)
        if (ord[i]->from == ord[i - 1]->from && ord[i]->to == ord[i - 1]->to) {
            rc = ct_error_set(err, CT_EUSAGE, NULL, (long)ord[i]->line,
                              "window %g-%g given twice (lines %zu and %zu): "
                              "a heatmap needs one specification per window",
                              ord[i]->from, ord[i]->to, ord[i - 1]->line,
                              ord[i]->line);
            free(ord);
            return rc;
        }
    fputs("from\tto\testimate\tsignificant\tp_value\tlabel\n", out);
    for (i = 0; i < n; i++) {
        char label[64];
        ct_plot_put_num(out, ord[i]->from, 6);
        fputc('\t', out);
        ct_plot_put_num(out, ord[i]->to, 6);
        fputc('\t', out);
        ct_plot_put_num(out, ord[i]->est, 6);
        fprintf(out, "\t%d\t", sig(ord[i], alpha));
        ct_plot_put_num(out, ord[i]->p, 4);
        if (isnan(ord[i]->est))
            snprintf(label, sizeof label, "NA");
        else
            snprintf(label, sizeof label, "%.1f%s", ord[i]->est,
                     sig(ord[i], alpha) ? "*" : "");
        fprintf(out, "\t%s\n", label);
    }
    rc = ct_plot_finish(out, err);
    free(ord);
    return rc;
}
