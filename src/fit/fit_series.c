/* SPDX-License-Identifier: MIT
 * fit_series.c - ct_fit_series: the split of a series into groups, the
 * --from/--to window, one fit per group with its notes (moved from
 * cmd_fit.c's table_from_series and fit_table), and the fit set.
 */
#include "fit/fit_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* double-typed NAN and INFINITY (the C macros are float) */
#define CT_NAN ((double)NAN)
#define CT_INF ((double)INFINITY)

/* One group of a series (a combination of key values): its observations
 * in time order, NA values left out. */
typedef struct group {
    char *label;       /* "key=value;..." ("" without keys)             */
    size_t row;        /* first row of the group in the series          */
    double *t, *y;     /* periods (units of t) and values               */
    size_t n, missing; /* observations, NA values left out             */
    size_t partial;    /* partial periods left out                     */
    int first_partial_year, first_partial_month; /* the first of them  */
} group;

typedef struct table {
    group *g;          /* groups in order of first appearance          */
    size_t n;
    double ppy;        /* periods per year: 1 or 12                     */
} table;

static void table_free(table *tb)
{
    size_t i;
    for (i = 0; i < tb->n; i++) {
        free(tb->g[i].label);
        free(tb->g[i].t);
        free(tb->g[i].y);
    }
    free(tb->g);
    memset(tb, 0, sizeof *tb);
}

static char *group_label(const ct_series *s, size_t row)
{
    size_t j, len = 1;
    char *label, *w;
    for (j = 0; j < s->n_keys; j++)
        len += strlen(ct_series_key_label(s, j)) +
               strlen(s->key[row * s->n_keys + j]) + 2;
    label = malloc(len);
    if (label == NULL)
        return NULL;
    w = label;
    *w = '\0';
    for (j = 0; j < s->n_keys; j++)
        w += sprintf(w, "%s%s=%s", j ? ";" : "", ct_series_key_label(s, j),
                     s->key[row * s->n_keys + j]);
    return label;
}

/* Splits a series into its groups (in order of first appearance), each in
 * the series' row order: time order for a built series, and for one read
 * from CSV, which checks that the periods of a group increase. */
static int table_from_series(table *tb, const ct_series *s,
                             int partial_include, ct_error *err)
{
    size_t *gid = NULL, *first = NULL, ng = 0, i;

    memset(tb, 0, sizeof *tb);
    tb->ppy = s->by_month ? 12 : 1;
    if (ct_series_groups(s, &gid, &first, &ng, err) != CT_OK)
        return CT_ENOMEM;
    tb->g = calloc(ng ? ng : 1, sizeof *tb->g);
    if (tb->g == NULL)
        goto oom;
    for (tb->n = 0; tb->n < ng; tb->n++) {
        tb->g[tb->n].row = first[tb->n];
        if ((tb->g[tb->n].label = group_label(s, first[tb->n])) == NULL)
            goto oom;
    }
    for (i = 0; i < s->n; i++) {
        size_t g = gid[i];
        if (isnan(s->value[i]))
            tb->g[g].missing++;
        else if (s->partial && s->partial[i] && !partial_include) {
            if (tb->g[g].partial++ == 0) {
                tb->g[g].first_partial_year = s->year[i];
                tb->g[g].first_partial_month = s->month[i];
            }
        } else
            tb->g[g].n++;
    }
    for (i = 0; i < tb->n; i++) {
        size_t m = tb->g[i].n ? tb->g[i].n : 1;
        tb->g[i].t = malloc(m * sizeof *tb->g[i].t);
        tb->g[i].y = malloc(m * sizeof *tb->g[i].y);
        if (tb->g[i].t == NULL || tb->g[i].y == NULL)
            goto oom;
        tb->g[i].n = 0;
    }
    for (i = 0; i < s->n; i++) {
        group *g = &tb->g[gid[i]];
        if (isnan(s->value[i]) ||
            (s->partial && s->partial[i] && !partial_include))
            continue;
        g->t[g->n] = s->by_month ? s->year[i] * 12.0 + (s->month[i] - 1)
                                 : (double)s->year[i];
        g->y[g->n++] = s->value[i];
    }
    free(gid);
    free(first);
    return CT_OK;
oom:
    free(gid);
    free(first);
    table_free(tb);
    return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
}

/* Fewest non-zero periods, and the lowest mean count, a trend is fitted
 * on without a warning about sparse data. */
#define SPARSE_MIN_NONZERO 5
#define SPARSE_MIN_MEAN 1.0

/* Notes (and warns) when a fit rests on sparse data: fewer than
 * SPARSE_MIN_NONZERO non-zero periods (and some zeros), or a mean below
 * SPARSE_MIN_MEAN. Such a slope follows a handful of events. */
static void sparse_check(ct_fit *f, const double *y, size_t n)
{
    size_t i, nz = 0;
    double sum = 0, mean;
    const char *gl = f->group;
    for (i = 0; i < n; i++) {
        nz += y[i] != 0;
        sum += y[i];
    }
    mean = n ? sum / (double)n : 0;
    /* a short series of non-zero counts is short, not sparse */
    if ((nz >= SPARSE_MIN_NONZERO || nz == n) && mean >= SPARSE_MIN_MEAN)
        return;
    ct_fit_note(f, "sparse data: %zu non-zero period(s) of %zu, mean %.3g: "
                   "the trend rests on very few events", nz, n, mean);
    ct_fit_warn(f, "%s: warning: %s%s%ssparse data (%zu non-zero period(s) "
                   "of %zu, mean %.3g): the trend rests on very few events",
                f->input, gl[0] ? "group '" : "", gl, gl[0] ? "': " : "", nz,
                n, mean);
}

static char *dup(const char *s)
{
    char *c = malloc(strlen(s) + 1);
    if (c)
        strcpy(c, s);
    return c;
}

static void fit_clear(ct_fit *f)
{
    size_t i;
    free(f->reason);
    free(f->input);
    free(f->group);
    for (i = 0; i < f->n_notes; i++)
        free(f->notes[i]);
    free(f->notes);
    for (i = 0; i < f->n_warnings; i++)
        free(f->warnings[i]);
    free(f->warnings);
    if (f->status == CT_OK && f->model == CT_FIT_SCAN)
        free(f->r.scan.cells);
    free(f->window_p_adjusted);
    memset(f, 0, sizeof *f);
}

/* a new fit at the end of set, its inputs filled in */
static ct_fit *fit_new(ct_fit_set *set, const ct_fit_spec *spec,
                       const char *input, const group *g, size_t a, size_t b,
                       double ppy)
{
    ct_fit *f;
    size_t n = b - a;
    if (set->n == set->cap) {
        size_t nc = set->cap ? 2 * set->cap : 8;
        ct_fit *nf = realloc(set->fits, nc * sizeof *nf);
        if (nf == NULL)
            return NULL;
        set->fits = nf;
        set->cap = nc;
    }
    f = &set->fits[set->n];
    memset(f, 0, sizeof *f);
    f->model = spec->model;
    f->spec = *spec;
    f->spec.selection = NULL;
    f->input = dup(input);
    f->group = dup(g->label);
    if (f->input == NULL || f->group == NULL) {
        fit_clear(f);
        return NULL;
    }
    f->n = n;
    f->periods_per_year = ppy;
    f->level = spec->level;
    f->t_from = n ? g->t[a] : CT_NAN;
    f->t_to = n ? g->t[b - 1] : CT_NAN;
    if (n) {
        ct_fit_period_format(f->t_from, ppy, f->from, sizeof f->from);
        ct_fit_period_format(f->t_to, ppy, f->to, sizeof f->to);
    }
    f->p_value = CT_NAN;
    f->p_adjusted = CT_NAN;
    set->n++;
    return f;
}

/* Fits one group's periods a..b; a failure is recorded in the fit, except
 * a usage error (returned, the fit dropped) */
static int fit_group(ct_fit_set *set, const ct_fit_spec *spec,
                     const char *input, const group *g, size_t a, size_t b,
                     double ppy, ct_error *err)
{
    ct_fit *f = fit_new(set, spec, input, g, a, b, ppy);
    ct_error e;
    int rc;

    if (f == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    ct_error_clear(&e);
    rc = ct_fit_model_run(f, g->t + a, g->y + a, b - a, &e);
    /* the fit does not keep the caller's progress hook */
    f->spec.progress = NULL;
    f->spec.progress_ctx = NULL;
    if (rc == CT_ENOMEM) {
        set->n--;
        fit_clear(f);
        return ct_error_set(err, rc, NULL, 0, "out of memory");
    }
    if (rc != CT_OK) {
        const char *gl = g->label;
        size_t i;
        /* what the model said about the window is not kept */
        for (i = 0; i < f->n_notes; i++)
            free(f->notes[i]);
        f->n_notes = 0;
        f->p_value = CT_NAN;
        if (rc == CT_EUSAGE) {
            set->n--;
            fit_clear(f);
            return ct_error_set(err, rc, input, 0, "%s%s%s%s",
                                gl[0] ? "group '" : "", gl,
                                gl[0] ? "': " : "", e.msg);
        }
        f->status = rc;
        if ((f->reason = dup(e.msg)) == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    } else {
        sparse_check(f, g->y + a, b - a);
    }
    if (g->missing)
        ct_fit_note(f, "%zu NA value(s) of this group were skipped",
                    g->missing);
    if (g->partial) {
        char pb[32];
        ct_fit_note(f, "%zu partial period(s) left out (the data cover "
                       "only part of them; the first: %s): --partial "
                       "include keeps them", g->partial,
                    ct_fit_period_format(
                        ppy == 12 ? g->first_partial_year * 12.0 +
                                        (g->first_partial_month - 1)
                                  : g->first_partial_year,
                        ppy, pb, sizeof pb));
    }
    return CT_OK;
}

/* fits every group of one table */
static int fit_table(ct_fit_set *set, const table *tb, const char *input,
                     const ct_fit_spec *spec, ct_error *err)
{
    size_t i, k, usable = 0, na = 0, partial = 0;
    double lo = -CT_INF, hi = CT_INF;
    const char *sel = spec->selection ? spec->selection : "the series";

    /* the messages name the input (no path: they are about the
     * options) */
    if (spec->from.given &&
        ct_fit_period_t(&spec->from, tb->ppy, 0, &lo) != 0)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "%s: --from %04d-%02d is a month but the series "
                            "is annual", input, spec->from.year,
                            spec->from.month);
    if (spec->to.given && ct_fit_period_t(&spec->to, tb->ppy, 1, &hi) != 0)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "%s: --to %04d-%02d is a month but the series "
                            "is annual", input, spec->to.year,
                            spec->to.month);
    /* nothing to fit at all: one message naming what left nothing */
    for (i = 0; i < tb->n; i++) {
        na += tb->g[i].missing;
        partial += tb->g[i].partial;
        for (k = 0; k < tb->g[i].n; k++)
            usable += tb->g[i].t[k] >= lo && tb->g[i].t[k] <= hi;
    }
    if (usable == 0)
        return ct_error_set(
            err, CT_EDOMAIN, NULL, 0, "%s: no data for %s: %s", input, sel,
            tb->n == 0 ? "the series has no rows, nothing to fit"
            : partial && !na
                ? "every period is covered only in part (--partial "
                  "include fits them), nothing to fit"
            : na ? "every period in range is NA (outside what the "
                   "data cover), nothing to fit"
                 : "no period in the --from/--to range, nothing to fit");
    for (i = 0; i < tb->n; i++) {
        const group *g = &tb->g[i];
        size_t a = 0, b = g->n;
        int rc;
        while (a < g->n && g->t[a] < lo)
            a++;
        while (b > a && g->t[b - 1] > hi)
            b--;
        rc = fit_group(set, spec, input, g, a, b, tb->ppy, err);
        if (rc != CT_OK)
            return rc;
    }
    return CT_OK;
}

int ct_fit_series(ct_fit_set *set, const ct_series *s, const ct_fit_spec *spec,
                  const char *input, ct_error *err)
{
    table tb;
    int rc = table_from_series(&tb, s, spec->partial_include, err);
    if (rc != CT_OK)
        return rc;
    rc = fit_table(set, &tb, input, spec, err);
    table_free(&tb);
    return rc;
}

size_t ct_fit_set_failed(const ct_fit_set *set)
{
    size_t i, m = 0;
    for (i = 0; i < set->n; i++)
        m += set->fits[i].status != CT_OK;
    return m;
}

/* p_adjusted beside every p-value (scan: every window) */
int ct_fit_set_adjust(ct_fit_set *set, int method, ct_error *err)
{
    size_t i, j, m = 0, k = 0;
    double *p;
    int rc;

    for (i = 0; i < set->n; i++) {
        const ct_fit *f = &set->fits[i];
        int scan = f->model == CT_FIT_SCAN && f->status == CT_OK;
        m += scan ? f->r.scan.n_cells : 1;
    }
    p = malloc((m + 1) * sizeof *p);
    if (p == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < set->n; i++) {
        const ct_fit *f = &set->fits[i];
        if (f->model == CT_FIT_SCAN && f->status == CT_OK) {
            for (j = 0; j < f->r.scan.n_cells; j++) {
                double pv = f->r.scan.cells[j].p_value;
                p[k++] = isfinite(pv) ? pv : CT_NAN;
            }
        } else {
            p[k++] = isfinite(f->p_value) ? f->p_value : CT_NAN;
        }
    }
    rc = ct_stats_p_adjust(p, p, k, (ct_padjust_method)method, err);
    for (i = 0, k = 0; rc == CT_OK && i < set->n; i++) {
        ct_fit *f = &set->fits[i];
        if (f->model == CT_FIT_SCAN && f->status == CT_OK) {
            free(f->window_p_adjusted);
            f->window_p_adjusted =
                malloc((f->r.scan.n_cells + 1) * sizeof *p);
            if (f->window_p_adjusted == NULL) {
                rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
                break;
            }
            for (j = 0; j < f->r.scan.n_cells; j++)
                f->window_p_adjusted[j] = p[k++];
        } else {
            f->p_adjusted = p[k++];
        }
    }
    if (rc == CT_OK)
        set->adjust = method;
    free(p);
    return rc;
}

void ct_fit_set_free(ct_fit_set *set)
{
    size_t i;
    if (set == NULL)
        return;
    for (i = 0; i < set->n; i++)
        fit_clear(&set->fits[i]);
    free(set->fits);
    set->fits = NULL;
    set->n = set->cap = 0;
    set->adjust = -1;
}
