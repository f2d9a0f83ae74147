/* SPDX-License-Identifier: MIT
 * plot.c - data files for the charts of plots/ (plot.h): groups of a
 * series in a stated order, the fitted trend and its band, stacked class
 * areas, period comparisons, death ranges, and the gnuplot argument
 * vector. Computes and writes; never prints to a terminal or runs gnuplot.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "ctrend/plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/report.h"
#include "plot/plot_internal.h"

static const char *const KIND[CT_PLOT_KIND_COUNT] = {
    "trends", "classes", "compare", "specification", "windows", "deaths"};
static const char *const FORMAT[CT_PLOT_FORMAT_COUNT] = {"png", "svg", "pdf"};

const char *ct_plot_kind_name(ct_plot_kind k)
{
    return (unsigned)k < CT_PLOT_KIND_COUNT ? KIND[k] : "unknown";
}

ct_plot_kind ct_plot_kind_parse(const char *s)
{
    int k;
    for (k = 0; k < CT_PLOT_KIND_COUNT; k++)
        if (strcmp(s, KIND[k]) == 0)
            return (ct_plot_kind)k;
    return CT_PLOT_KIND_COUNT;
}

const char *ct_plot_format_name(ct_plot_format f)
{
    return (unsigned)f < CT_PLOT_FORMAT_COUNT ? FORMAT[f] : "unknown";
}

ct_plot_format ct_plot_format_parse(const char *s)
{
    int f;
    for (f = 0; f < CT_PLOT_FORMAT_COUNT; f++)
        if (strcmp(s, FORMAT[f]) == 0)
            return (ct_plot_format)f;
    return CT_PLOT_FORMAT_COUNT;
}

/* ------------------------------------------------------------ text --- */

size_t ct_plot_text(char *dst, size_t n, const char *src)
{
    size_t need = 0;
    const unsigned char *p;

#define PUT(c)                                                               \
    do {                                                                     \
        if (need + 1 < n)                                                    \
            dst[need] = (char)(c);                                           \
        need++;                                                              \
    } while (0)
    for (p = (const unsigned char *)src; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            PUT(' ');
        } else if (*p == '"') {
            PUT('\'');
            PUT('\'');
        } else if (*p == '\\') {
            PUT('\\');
            PUT('\\');
        } else {
            PUT(*p);
        }
    }
#undef PUT
    if (n > 0)
        dst[need < n ? need : n - 1] = '\0';
    return need;
}

int ct_plot_put_text(FILE *out, const char *s)
{
    char buf[512], *big = NULL;
    size_t need = ct_plot_text(buf, sizeof buf, s);
    const char *p = buf;

    if (need >= sizeof buf) {
        if ((big = malloc(need + 1)) == NULL)
            return CT_ENOMEM;
        ct_plot_text(big, need + 1, s);
        p = big;
    }
    fputs(p, out);
    free(big);
    return CT_OK;
}

void ct_plot_put_num(FILE *out, double v, int digits)
{
    if (!isfinite(v))
        fputs("NA", out);
    else if (v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else
        fprintf(out, "%.*g", digits, v);
}

int ct_plot_finish(FILE *out, ct_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0,
                            "cannot write the chart data");
    return CT_OK;
}

int ct_plot_write_labels(FILE *out, const ct_plot_labels *l, ct_error *err)
{
    const char *key[5] = {"title", "subtitle", "xlabel", "ylabel", "footer"};
    const char *val[5];
    int i;

    val[0] = l->title;
    val[1] = l->subtitle;
    val[2] = l->xlabel;
    val[3] = l->ylabel;
    val[4] = l->footer;
    fputs("key\tvalue\n", out);
    for (i = 0; i < 5; i++) {
        if (val[i] == NULL)
            continue;
        fprintf(out, "%s\t", key[i]);
        if (ct_plot_put_text(out, val[i]) != CT_OK)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        fputc('\n', out);
    }
    if (l->shared_y)
        fputs("shared_y\t1\n", out);
    if (l->cblabel != NULL) {
        fputs("cblabel\t", out);
        if (ct_plot_put_text(out, l->cblabel) != CT_OK)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        fputc('\n', out);
    }
    return ct_plot_finish(out, err);
}

/* ---------------------------------------------------------- groups --- */

static char *join_label(const ct_series *s, size_t row)
{
    size_t j, len = 4;
    char *label;

    if (s->n_keys == 0)
        return strdup("All");
    for (j = 0; j < s->n_keys; j++)
        len += strlen(s->key[row * s->n_keys + j]) + 3;
    if ((label = malloc(len)) == NULL)
        return NULL;
    label[0] = '\0';
    for (j = 0; j < s->n_keys; j++) {
        if (j)
            strcat(label, " / ");
        strcat(label, s->key[row * s->n_keys + j]);
    }
    return label;
}

void ct_plot_groups_free(ct_plot_groups *g)
{
    size_t i;
    for (i = 0; i < g->n; i++) {
        free(g->g[i].label);
        free(g->g[i].rows);
    }
    free(g->g);
    memset(g, 0, sizeof *g);
}

static int cmp_group_name(const void *a, const void *b)
{
    const ct_plot_group *x = a, *y = b;
    return strcmp(x->label, y->label);
}

static int cmp_group_size(const void *a, const void *b)
{
    const ct_plot_group *x = a, *y = b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return strcmp(x->label, y->label);
}

int ct_plot_groups_make(ct_plot_groups *g, const ct_series *s,
                   ct_plot_order order, ct_error *err)
{
    size_t *gid = NULL, *first = NULL, ng = 0, i;

    memset(g, 0, sizeof *g);
    if (ct_series_groups(s, &gid, &first, &ng, err) != CT_OK)
        return CT_ENOMEM;
    g->g = calloc(ng ? ng : 1, sizeof *g->g);
    if (g->g == NULL)
        goto oom;
    for (g->n = 0; g->n < ng; g->n++) {
        g->g[g->n].first = first[g->n];
        if ((g->g[g->n].label = join_label(s, first[g->n])) == NULL)
            goto oom;
    }
    for (i = 0; i < s->n; i++) {
        size_t id = gid[i];
        g->g[id].n++;
        if (!isnan(s->value[i]))
            g->g[id].total += s->value[i];
    }
    for (i = 0; i < g->n; i++) {
        if ((g->g[i].rows = malloc(g->g[i].n * sizeof(size_t))) == NULL)
            goto oom;
        g->g[i].n = 0;
    }
    for (i = 0; i < s->n; i++) {
        ct_plot_group *p = &g->g[gid[i]];
        p->rows[p->n++] = i;
    }
    free(gid);
    free(first);
    if (g->n > 1)
        qsort(g->g, g->n, sizeof *g->g,
              order == CT_PLOT_ORDER_SIZE ? cmp_group_size : cmp_group_name);
    return CT_OK;
oom:
    free(gid);
    free(first);
    ct_plot_groups_free(g);
    return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
}

double ct_plot_t(const ct_series *s, size_t row)
{
    return s->by_month ? s->year[row] + (s->month[row] - 1) / 12.0
                       : (double)s->year[row];
}

void ct_plot_put_period(FILE *out, const ct_series *s, size_t row)
{
    char b[32];
    ct_report_period(b, sizeof b, s->year[row],
                     s->by_month ? s->month[row] : 0);
    fputs(b, out);
}

/* ---------------------------------------------------------- trends --- */

/* "+2.3" / "-0.4": a signed percentage with one decimal (no "-0.0") */
static void pct(char *buf, size_t n, double v)
{
    if (fabs(v) < 0.05)
        v = 0;
    snprintf(buf, n, "%+.1f", v);
}

void ct_plot_pvalue(char *buf, size_t n, double p)
{
    if (!isfinite(p))
        snprintf(buf, n, "p = NA");
    else if (p < 0.001)
        snprintf(buf, n, "p < 0.001");
    else
        snprintf(buf, n, "p = %.3f", p);
}

int ct_plot_band(double *fit, double *lo, double *hi, const double *t,
                 size_t n, const double *tf, const double *wf, size_t nf,
                 const ct_glm_result *r)
{
    double s0 = 0, s1 = 0, s2 = 0, tbar, q, scale;
    size_t i;

    /* Fisher information of (a, b) is sum w_i (1, t_i)(1, t_i)'; with
     * w_i = mu_i (Poisson) or mu_i / (1 + mu_i / theta) (NB2). Centred at
     * the weighted mean tbar its inverse is diagonal, so
     * Var(a + b t) = 1/s0 + (t - tbar)^2 / s2. */
    for (i = 0; i < nf; i++) {
        s0 += wf[i];
        s1 += wf[i] * tf[i];
    }
    if (!(s0 > 0))
        return CT_EDOMAIN;
    tbar = s1 / s0;
    for (i = 0; i < nf; i++)
        s2 += wf[i] * (tf[i] - tbar) * (tf[i] - tbar);
    if (!(s2 > 0))
        return CT_EDOMAIN;
    q = (r->slope_ci[1] - r->slope) / r->slope_se;
    scale = isfinite(r->se_scale) && r->se_scale > 0 ? r->se_scale : 1.0;
    for (i = 0; i < n; i++) {
        double eta, se;
        if (isnan(t[i])) {
            fit[i] = lo[i] = hi[i] = NAN;
            continue;
        }
        eta = r->intercept + r->slope * t[i];
        se = scale * sqrt(1.0 / s0 + (t[i] - tbar) * (t[i] - tbar) / s2);
        fit[i] = exp(eta);
        lo[i] = exp(eta - q * se);
        hi[i] = exp(eta + q * se);
    }
    return CT_OK;
}

/* per-panel working arrays */
typedef struct panel {
    double *t, *y;         /* all rows of the group; t NAN where y is NA */
    double *tf, *yf, *wf;  /* the fitted rows                           */
    double *fit, *lo, *hi;
    size_t n, nf;
    double brk[2];
    double ymax;           /* largest value or hi of the panel          */
    char title[1024];
} panel;

static void panel_free(panel *p)
{
    free(p->t);
    free(p->y);
    free(p->tf);
    free(p->yf);
    free(p->wf);
    free(p->fit);
    free(p->lo);
    free(p->hi);
}

static int panel_fit(panel *p, const ct_series *s, const ct_plot_group *gr,
                     const ct_plot_trends_options *o)
{
    ct_glm_options go = CT_GLM_OPTIONS_INIT;
    ct_glm_result r;
    size_t i, n = gr->n;
    char a[16], b[16], c[16], pv[32], lvl[16];

    p->n = n;
    p->brk[0] = p->brk[1] = NAN;
    p->t = malloc(n * sizeof(double));
    p->y = malloc(n * sizeof(double));
    p->tf = malloc(n * sizeof(double));
    p->yf = malloc(n * sizeof(double));
    p->wf = malloc(n * sizeof(double));
    p->fit = malloc(n * sizeof(double));
    p->lo = malloc(n * sizeof(double));
    p->hi = malloc(n * sizeof(double));
    if (!p->t || !p->y || !p->tf || !p->yf || !p->wf || !p->fit || !p->lo ||
        !p->hi)
        return CT_ENOMEM;
    for (i = 0; i < n; i++) {
        size_t row = gr->rows[i];
        p->y[i] = s->value[row];
        p->t[i] = isnan(p->y[i]) ? (double)NAN : ct_plot_t(s, row);
        p->fit[i] = p->lo[i] = p->hi[i] = NAN;
        if (!isnan(p->y[i])) {
            p->tf[p->nf] = p->t[i];
            p->yf[p->nf++] = p->y[i];
        }
    }
    go.level = o->level;
    /* t in years (months as fractions), so the slope is per year */
    if (gr->total <= 0) {
        snprintf(p->title, sizeof p->title, "%s: none in any period",
                 gr->label);
        return CT_OK;
    }
    if (ct_stats_glm(&r, o->family, p->tf, p->yf, p->nf, &go, NULL) !=
        CT_OK) {
        snprintf(p->title, sizeof p->title, "%s: no trend fitted (%s)",
                 gr->label, p->nf < 3 ? "too few periods" : "too few counts");
        return CT_OK;
    }
    for (i = 0; i < p->nf; i++) {
        double mu = exp(r.intercept + r.slope * p->tf[i]);
        p->wf[i] = o->family == CT_GLM_NEGBIN && isfinite(r.theta)
                       ? mu / (1.0 + mu / r.theta)
                       : mu;
    }
    if (ct_plot_band(p->fit, p->lo, p->hi, p->t, n, p->tf, p->wf, p->nf, &r) !=
        CT_OK) {
        snprintf(p->title, sizeof p->title, "%s: no trend fitted",
                 gr->label);
        return CT_OK;
    }
    pct(a, sizeof a, r.percent_per_year);
    pct(b, sizeof b, r.percent_ci[0]);
    pct(c, sizeof c, r.percent_ci[1]);
    ct_plot_pvalue(pv, sizeof pv, r.p_value);
    snprintf(lvl, sizeof lvl, "%g", 100 * o->level);
    snprintf(p->title, sizeof p->title, "%s: %s %%/yr (%s%% CI %s to %s), %s",
             gr->label, a, lvl, b, c, pv);
    if (o->breaks == 1 || o->breaks == 2) {
        ct_segmented_options so = CT_SEGMENTED_OPTIONS_INIT;
        ct_segmented_result sr;
        so.family = CT_SEG_POISSON;
        so.n_breaks = o->breaks;
        so.level = o->level;
        if (ct_stats_segmented(&sr, p->tf, p->yf, p->nf, &so, NULL) == CT_OK) {
            p->brk[0] = sr.psi[0];
            p->brk[1] = o->breaks == 2 ? sr.psi[1] : (double)NAN;
        }
    }
    return CT_OK;
}

int ct_plot_write_trends(FILE *out, const ct_series *s,
                         const ct_plot_trends_options *opt, ct_error *err)
{
    ct_plot_trends_options o = CT_PLOT_TRENDS_OPTIONS_INIT;
    ct_plot_groups g;
    panel *p;
    double ymax = 0;
    size_t k, i;
    int rc = CT_OK;

    if (opt)
        o = *opt;
    if (!(o.level > 0 && o.level < 1) || o.breaks < 0 || o.breaks > 2)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "bad trend chart options");
    if ((rc = ct_plot_groups_make(&g, s, o.order, err)) != CT_OK)
        return rc;
    if ((p = calloc(g.n ? g.n : 1, sizeof *p)) == NULL) {
        ct_plot_groups_free(&g);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (k = 0; k < g.n && rc == CT_OK; k++) {
        rc = panel_fit(&p[k], s, &g.g[k], &o);
        for (i = 0; rc == CT_OK && i < p[k].n; i++) {
            if (p[k].y[i] > p[k].ymax)
                p[k].ymax = p[k].y[i];
            if (p[k].hi[i] > p[k].ymax)
                p[k].ymax = p[k].hi[i];
        }
    }
    if (rc != CT_OK) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    for (k = 0; k < g.n; k++)
        if (p[k].ymax > ymax)
            ymax = p[k].ymax;
    fputs("panel\tname\ttitle\tperiod\tt\tvalue\tfit\tlo\thi\tbreak1\t"
          "break2\tymax\tpanel_ymax\n", out);
    for (k = 0; k < g.n; k++) {
        if (k)
            fputs("\n\n", out);
        for (i = 0; i < p[k].n; i++) {
            size_t row = g.g[k].rows[i];
            fprintf(out, "%zu\t", k);
            ct_plot_put_text(out, g.g[k].label);
            fputc('\t', out);
            ct_plot_put_text(out, p[k].title);
            fputc('\t', out);
            ct_plot_put_period(out, s, row);
            fputc('\t', out);
            ct_plot_put_num(out, ct_plot_t(s, row), 8);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].y[i], 10);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].fit[i], 6);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].lo[i], 6);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].hi[i], 6);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].brk[0], 6);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].brk[1], 6);
            fputc('\t', out);
            ct_plot_put_num(out, ymax, 6);
            fputc('\t', out);
            ct_plot_put_num(out, p[k].ymax, 6);
            fputc('\n', out);
        }
    }
    rc = ct_plot_finish(out, err);
done:
    for (k = 0; k < g.n; k++)
        panel_free(&p[k]);
    free(p);
    ct_plot_groups_free(&g);
    return rc;
}

/* --------------------------------------------------------- classes --- */

typedef struct period_key {
    int year, month;
} period_key;

static int cmp_period(const void *a, const void *b)
{
    const period_key *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return (x->month > y->month) - (x->month < y->month);
}

typedef struct class_col {
    const char *name;      /* borrowed from the series                  */
    int order;             /* vocabulary index, CT_CLASS_COUNT: other   */
    double total;
} class_col;

static int cmp_class(const void *a, const void *b)
{
    const class_col *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->name, y->name);
}

int ct_plot_write_classes(FILE *out, const ct_series *s, ct_error *err)
{
    period_key *per = NULL;
    class_col *cls = NULL;
    double *v = NULL;
    size_t np = 0, nc = 0, i, j, k;
    int rc = CT_ENOMEM;

    if (s->n_keys < 1 || s->n_keys > 2 || s->keys[0] != CT_KEY_CLASS)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "a class chart needs the series grouped by "
                            "class (and at most one more key)");
    for (i = 1; s->n_keys == 2 && i < s->n; i++)
        if (strcmp(s->key[i * 2 + 1], s->key[1]) != 0)
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "a class chart shows one area: '%s' and "
                                "'%s' are two (select one)",
                                s->key[1], s->key[i * 2 + 1]);
    per = malloc((s->n ? s->n : 1) * sizeof *per);
    cls = malloc((s->n ? s->n : 1) * sizeof *cls);
    if (per == NULL || cls == NULL)
        goto done;
    for (i = 0; i < s->n; i++) {
        const char *c = s->key[i * s->n_keys];
        per[i].year = s->year[i];
        per[i].month = s->month[i];
        for (k = 0; k < nc && strcmp(cls[k].name, c) != 0; k++)
            ;
        if (k == nc) {
            cls[nc].name = c;
            cls[nc].order = (int)ct_obs_class_parse(c);
            cls[nc++].total = 0;
        }
        if (!isnan(s->value[i]))
            cls[k].total += s->value[i];
    }
    qsort(per, s->n, sizeof *per, cmp_period);
    for (i = 0; i < s->n; i++)
        if (np == 0 || cmp_period(&per[np - 1], &per[i]) != 0)
            per[np++] = per[i];
    qsort(cls, nc, sizeof *cls, cmp_class);
    /* v[p * nc + c]; a period without a row for a class counts 0 */
    if ((v = calloc((np ? np : 1) * (nc ? nc : 1), sizeof *v)) == NULL)
        goto done;
    for (i = 0; i < s->n; i++) {
        period_key key = {s->year[i], s->month[i]};
        period_key *hit = bsearch(&key, per, np, sizeof *per, cmp_period);
        const char *c = s->key[i * s->n_keys];
        for (k = 0; strcmp(cls[k].name, c) != 0; k++)
            ;
        v[(size_t)(hit - per) * nc + k] = s->value[i];
    }
    fputs("class\tt\tperiod\tvalue\tlower\tupper\ttotal\tcolor\n", out);
    j = 0;
    for (k = 0; k < nc; k++) {
        if (cls[k].total <= 0)
            continue;
        if (j++)
            fputs("\n\n", out);
        for (i = 0; i < np; i++) {
            double lower = 0, total = 0, val = v[i * nc + k];
            size_t m;
            int na = 0;
            char pb[32];
            for (m = 0; m < nc; m++) {
                if (isnan(v[i * nc + m]))
                    na = 1;
                else if (m < k)
                    lower += v[i * nc + m];
                if (!isnan(v[i * nc + m]))
                    total += v[i * nc + m];
            }
            if (na)
                lower = total = val = NAN;
            ct_plot_put_text(out, cls[k].name);
            fputc('\t', out);
            ct_plot_put_num(out, per[i].month ? per[i].year +
                                     (per[i].month - 1) / 12.0
                                               : per[i].year, 8);
            ct_report_period(pb, sizeof pb, per[i].year, per[i].month);
            fprintf(out, "\t%s\t", pb);
            ct_plot_put_num(out, val, 10);
            fputc('\t', out);
            ct_plot_put_num(out, lower, 10);
            fputc('\t', out);
            ct_plot_put_num(out, lower + val, 10);
            fputc('\t', out);
            ct_plot_put_num(out, total, 10);
            fprintf(out, "\t%d\n", cls[k].order + 1);
        }
    }
    rc = ct_plot_finish(out, err);
done:
    if (rc == CT_ENOMEM)
        ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    free(per);
    free(cls);
    free(v);
    return rc;
}

/* --------------------------------------------------------- compare --- */

int ct_plot_write_compare(FILE *out, const ct_series *s, int a_from,
                          int a_to, int b_from, int b_to, double level,
                          ct_plot_order order, ct_error *err)
{
    ct_plot_groups g;
    double *t = NULL, *y = NULL;
    size_t k, i;
    int rc;

    if (a_from > a_to || b_from > b_to || !(level > 0 && level < 1))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "bad periods for a comparison");
    if ((rc = ct_plot_groups_make(&g, s, order, err)) != CT_OK)
        return rc;
    t = malloc((s->n ? s->n : 1) * sizeof *t);
    y = malloc((s->n ? s->n : 1) * sizeof *y);
    if (t == NULL || y == NULL) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto done;
    }
    fputs("row\tname\trate_a\trate_b\tratio\tratio_lo\tratio_hi\tp\tlabel\t"
          "n_a\tn_b\tperiod_a\tperiod_b\n", out);
    for (k = 0; k < g.n; k++) {
        ct_compare_options co = CT_COMPARE_OPTIONS_INIT;
        ct_compare_result r;
        ct_error e;
        size_t n = 0;
        char label[256], pv[32];
        double ppy = s->by_month ? 12 : 1;
        for (i = 0; i < g.g[k].n; i++) {
            size_t row = g.g[k].rows[i];
            if (isnan(s->value[row]))
                continue;
            t[n] = s->by_month ? s->year[row] * 12.0 + s->month[row] - 1
                               : s->year[row];
            y[n++] = s->value[row];
        }
        co.level = level;
        co.periods_per_year = ppy;
        if (ct_stats_compare(&r, t, y, n, a_from * ppy, a_to * ppy + ppy - 1,
                             b_from * ppy, b_to * ppy + ppy - 1, &co,
                             &e) == CT_OK) {
            ct_plot_pvalue(pv, sizeof pv, r.rate_ratio_p);
            snprintf(label, sizeof label, "%.2f (%.2f-%.2f), %s",
                     r.rate_ratio, r.rate_ratio_ci[0], r.rate_ratio_ci[1],
                     pv);
        } else {
            r.rate_a = r.rate_b = r.rate_ratio = r.rate_ratio_p = NAN;
            r.rate_ratio_ci[0] = r.rate_ratio_ci[1] = NAN;
            r.n_a = r.n_b = 0;
            double sum = 0;
            for (i = 0; i < n; i++)
                if ((t[i] >= a_from * ppy && t[i] < (a_to + 1) * ppy) ||
                    (t[i] >= b_from * ppy && t[i] < (b_to + 1) * ppy))
                    sum += y[i];
            snprintf(label, sizeof label, "%s",
                     sum == 0 ? "none in either period" : "no ratio");
        }
        if (!isfinite(r.rate_ratio) && isfinite(r.rate_a))
            snprintf(label, sizeof label, "no ratio: none in %d-%d",
                     a_from, a_to);
        fprintf(out, "%zu\t", k);
        ct_plot_put_text(out, g.g[k].label);
        fputc('\t', out);
        ct_plot_put_num(out, r.rate_a, 6);
        fputc('\t', out);
        ct_plot_put_num(out, r.rate_b, 6);
        fputc('\t', out);
        ct_plot_put_num(out, r.rate_ratio, 6);
        fputc('\t', out);
        ct_plot_put_num(out, r.rate_ratio_ci[0], 6);
        fputc('\t', out);
        ct_plot_put_num(out, r.rate_ratio_ci[1], 6);
        fputc('\t', out);
        ct_plot_put_num(out, r.rate_ratio_p, 4);
        fputc('\t', out);
        ct_plot_put_text(out, label);
        fprintf(out, "\t%zu\t%zu\t%d-%d\t%d-%d\n", r.n_a, r.n_b, a_from,
                a_to, b_from, b_to);
    }
    rc = ct_plot_finish(out, err);
done:
    free(t);
    free(y);
    ct_plot_groups_free(&g);
    return rc;
}

/* ---------------------------------------------------------- deaths --- */

static int same_series(const ct_series *a, const ct_series *b)
{
    size_t i;
    if (a->n != b->n || a->n_keys != b->n_keys)
        return 0;
    for (i = 0; i < a->n; i++)
        if (a->year[i] != b->year[i] || a->month[i] != b->month[i])
            return 0;
    for (i = 0; i < a->n * a->n_keys; i++)
        if (strcmp(a->key[i], b->key[i]) != 0)
            return 0;
    return 1;
}

/* The deaths data of series best with the low and high values lo[] and
 * hi[] of its rows. */
static int write_deaths(FILE *out, const ct_series *best, const double *lo,
                        const double *hi, ct_plot_order order, ct_error *err)
{
    ct_plot_groups g;
    size_t k, i;
    int rc;

    if ((rc = ct_plot_groups_make(&g, best, order, err)) != CT_OK)
        return rc;
    fputs("panel\tname\tt\tperiod\tlow\tbest\thigh\n", out);
    for (k = 0; k < g.n; k++) {
        if (k)
            fputs("\n\n", out);
        for (i = 0; i < g.g[k].n; i++) {
            size_t row = g.g[k].rows[i];
            fprintf(out, "%zu\t", k);
            ct_plot_put_text(out, g.g[k].label);
            fputc('\t', out);
            ct_plot_put_num(out, ct_plot_t(best, row), 8);
            fputc('\t', out);
            ct_plot_put_period(out, best, row);
            fputc('\t', out);
            ct_plot_put_num(out, lo[row], 10);
            fputc('\t', out);
            ct_plot_put_num(out, best->value[row], 10);
            fputc('\t', out);
            ct_plot_put_num(out, hi[row], 10);
            fputc('\n', out);
        }
    }
    rc = ct_plot_finish(out, err);
    ct_plot_groups_free(&g);
    return rc;
}

int ct_plot_write_deaths(FILE *out, const ct_series *low,
                         const ct_series *best, const ct_series *high,
                         ct_plot_order order, ct_error *err)
{
    if (!same_series(best, low) || !same_series(best, high))
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "the low, best and high series differ in rows");
    return write_deaths(out, best, low->value, high->value, order, err);
}

int ct_plot_write_deaths_range(FILE *out, const ct_series *s,
                               ct_plot_order order, ct_error *err)
{
    if (s->n_extra != 2 || s->measures[0] != CT_MEASURE_DEATHS ||
        s->measures[1] != CT_MEASURE_DEATHS ||
        s->measures[2] != CT_MEASURE_DEATHS)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "the series does not hold the low and high "
                            "death estimates as extra measures");
    return write_deaths(out, s, s->extra[0], s->extra[1], order, err);
}

/* --------------------------------------------------------- gnuplot --- */

int ct_plot_argv(const char **argv, size_t n, const char *gnuplot,
                 const char *script_dir, ct_plot_kind kind, const char *data,
                 const char *out, const char *labels, ct_plot_format format,
                 char *script, size_t script_n, ct_error *err)
{
    int len;

    if (n < 8 || (unsigned)kind >= CT_PLOT_KIND_COUNT ||
        (unsigned)format >= CT_PLOT_FORMAT_COUNT)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "bad gnuplot arguments");
    len = snprintf(script, script_n, "%s/%s.gp", script_dir,
                   ct_plot_kind_name(kind));
    if (len < 0 || (size_t)len >= script_n)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "plot script path too long");
    argv[0] = gnuplot;
    argv[1] = "-c";
    argv[2] = script;
    argv[3] = data;
    argv[4] = out;
    argv[5] = labels ? labels : "";
    argv[6] = ct_plot_format_name(format);
    argv[7] = NULL;
    return CT_OK;
}
