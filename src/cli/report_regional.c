/* SPDX-License-Identifier: MIT
 * report_regional.c - the regional trends of `ctrend report`: the series
 * of the ACD export cut as `ctrend series` does, pivoted into period x
 * group tables, a log-linear trend per group, and the trends and classes
 * charts drawn with gnuplot.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/gnuplot.h"
#include "cli/report_folder.h"
#include "ctrend/plot.h"

typedef ct_cli_rep rep;

/* ------------------------------------------------- regional trends --- */

typedef struct wide {
    size_t n_groups, n_years;
    int year0;
    char **group;   /* sorted names                                      */
    double *v;      /* [year * n_groups + group], NaN not covered        */
} wide;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void wide_free(wide *w)
{
    size_t g;
    for (g = 0; g < w->n_groups; g++)
        free(w->group[g]);
    free(w->group);
    free(w->v);
    memset(w, 0, sizeof *w);
}

/* Pivots a yearly series with one key into years x groups. */
static int wide_from(wide *w, const ct_series *s)
{
    size_t i, g;
    int y1 = 0;

    memset(w, 0, sizeof *w);
    w->group = calloc(s->n + 1, sizeof *w->group);
    if (w->group == NULL)
        return -1;
    for (i = 0; i < s->n; i++) {
        const char *k = s->n_keys ? s->key[i * s->n_keys] : "all";
        for (g = 0; g < w->n_groups; g++)
            if (strcmp(w->group[g], k) == 0)
                break;
        if (g == w->n_groups && (w->group[w->n_groups++] = strdup(k)) == NULL)
            return -1;
        if (i == 0 || s->year[i] < w->year0)
            w->year0 = s->year[i];
        if (i == 0 || s->year[i] > y1)
            y1 = s->year[i];
    }
    qsort(w->group, w->n_groups, sizeof *w->group, cmp_str);
    w->n_years = s->n ? (size_t)(y1 - w->year0 + 1) : 0;
    w->v = malloc((w->n_years * w->n_groups + 1) * sizeof *w->v);
    if (w->v == NULL)
        return -1;
    for (i = 0; i < w->n_years * w->n_groups; i++)
        w->v[i] = NAN;
    for (i = 0; i < s->n; i++) {
        const char *k = s->n_keys ? s->key[i * s->n_keys] : "all";
        char *const *p = bsearch(&k, w->group, w->n_groups, sizeof *w->group, cmp_str);
        if (p)
            w->v[(size_t)(s->year[i] - w->year0) * w->n_groups +
                 (size_t)(p - w->group)] = s->value[i];
    }
    return 0;
}

static void wide_table(rep *R, const wide *w, const char *name,
                       const char *cap, const char *unit)
{
    ct_report_table *t = ct_report_table_add(R->doc, name, cap, w->n_groups + 2);
    size_t y, g;
    char per[16];

    ct_report_table_column(t, 0, "year", NULL, CT_REPORT_LEFT);
    for (g = 0; g < w->n_groups; g++)
        ct_report_table_column(t, 1 + g, w->group[g], unit, CT_REPORT_RIGHT);
    ct_report_table_column(t, 1 + w->n_groups, "total", unit, CT_REPORT_RIGHT);
    for (y = 0; y < w->n_years; y++) {
        double tot = 0;
        ct_report_table_row(t);
        ct_report_period(per, sizeof per, w->year0 + (int)y, 0);
        ct_report_table_text(t, 0, per);
        for (g = 0; g < w->n_groups; g++) {
            double v = w->v[y * w->n_groups + g];
            ct_report_table_number(t, 1 + g, v, 0);
            tot += v; /* NaN when any group is not covered */
        }
        ct_report_table_number(t, 1 + w->n_groups, tot, 0);
    }
}

/* Log-linear trend per group: Poisson, quasi-Poisson when the Pearson
 * dispersion exceeds 1 (the claims' dispersion rule, first step). */
static void trend_table(rep *R, const wide *w)
{
    ct_report_table *t = ct_report_table_add(R->doc, "trends-asia-subregion",
        "Trend of intra-state conflicts by Asian subregion (log-linear count model)", 8);
    size_t g, y;
    double *tt = malloc((w->n_years + 1) * sizeof *tt);
    double *yy = malloc((w->n_years + 1) * sizeof *yy);

    ct_report_table_column(t, 0, "subregion", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 1, "years", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 2, "total", "conflict-years", CT_REPORT_RIGHT);
    ct_report_table_column(t, 3, "trend", "% per year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 4, "95% CI low", "% per year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 5, "95% CI high", "% per year", CT_REPORT_RIGHT);
    ct_report_table_column(t, 6, "p", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 7, "model", NULL, CT_REPORT_LEFT);
    if (tt == NULL || yy == NULL)
        goto done;
    for (g = 0; g < w->n_groups; g++) {
        ct_glm_options go = CT_GLM_OPTIONS_INIT;
        ct_glm_result fit;
        ct_error err;
        size_t n = 0;
        double tot = 0;
        int lo = 0, hi = 0;
        char yrs[32];
        for (y = 0; y < w->n_years; y++) {
            double v = w->v[y * w->n_groups + g];
            if (isnan(v))
                continue;
            tt[n] = (double)(w->year0 + (int)y);
            yy[n++] = v;
            tot += v;
            if (!lo)
                lo = w->year0 + (int)y;
            hi = w->year0 + (int)y;
        }
        ct_report_table_row(t);
        ct_report_table_text(t, 0, w->group[g]);
        snprintf(yrs, sizeof yrs, "%d-%d", lo, hi);
        ct_report_table_text(t, 1, n ? yrs : "none");
        ct_report_table_number(t, 2, tot, 0);
        if (ct_stats_glm(&fit, CT_GLM_POISSON, tt, yy, n, &go, &err) != CT_OK) {
            char why[CT_ERROR_MSG_MAX + 16];
            snprintf(why, sizeof why, "no fit: %s", err.msg);
            ct_report_table_text(t, 7, why);
            continue;
        }
        if (fit.dispersion > 1 &&
            ct_stats_glm(&fit, CT_GLM_QUASIPOISSON, tt, yy, n, &go, &err) != CT_OK)
            continue;
        ct_report_table_number(t, 3, fit.percent_per_year, 2);
        ct_report_table_number(t, 4, fit.percent_ci[0], 2);
        ct_report_table_number(t, 5, fit.percent_ci[1], 2);
        ct_report_table_number(t, 6, fit.p_value, 4);
        ct_report_table_text(t, 7, ct_cli_model_name(fit.family));
    }
done:
    free(tt);
    free(yy);
}

typedef struct trend_ctx {
    const ct_series *s;
    int classes;
    const ct_plot_labels *lab;
} trend_ctx;

static int write_trend_data(FILE *out, void *ctx, ct_error *err)
{
    trend_ctx *c = ctx;
    ct_plot_trends_options to = CT_PLOT_TRENDS_OPTIONS_INIT;
    if (c->classes)
        return ct_plot_write_classes(out, c->s, err);
    return ct_plot_write_trends(out, c->s, &to, err);
}

static int write_trend_labels(FILE *out, void *ctx, ct_error *err)
{
    return ct_plot_write_labels(out, ((trend_ctx *)ctx)->lab, err);
}

/* ------------------------------------------------------------- the tap ---
 * The two regional series are built while the claims check reads the
 * ACD (ct_cli_claims_inputs.tap), so that the file is read once: every
 * observation of the first ACD file goes to two series builders, set up
 * as `ctrend series` would with the options of REGIONAL. */

static const struct {
    int from;
    size_t n;
    int codes[4];
    const char *args[4];
} REGIONAL[2] = {
    /* intra-state conflicts in Asia by UN subregion, from 1989 */
    {1989, 4, {CT_CLI_OPT_CLASS, CT_CLI_OPT_REGION, CT_CLI_OPT_GROUP,
               CT_CLI_OPT_SCHEME}, {"intra", "Asia", "subregion", "un"}},
    /* every conflict by class */
    {0, 1, {CT_CLI_OPT_GROUP}, {"class"}}};

struct ct_cli_regional_tap {
    ct_geo *const *geo;          /* the claims' country table (set before
                                    the first observation)              */
    ct_series_builder *b[2];
    int state;                   /* 0: no ACD yet, 1: reading one, 2: done */
};

ct_cli_regional_tap *ct_cli_regional_tap_alloc(ct_geo *const *geo)
{
    ct_cli_regional_tap *t = calloc(1, sizeof *t);
    if (t == NULL) {
        ct_cli_msg("out of memory");
        return NULL;
    }
    t->geo = geo;
    return t;
}

void ct_cli_regional_tap_free(ct_cli_regional_tap *t)
{
    if (t == NULL)
        return;
    ct_series_builder_free(t->b[0]);
    ct_series_builder_free(t->b[1]);
    free(t);
}

/* The builders, with the options of REGIONAL parsed as the command line
 * would be. */
static int tap_start(ct_cli_regional_tap *t, ct_error *err)
{
    size_t r, k;
    int rc;

    for (r = 0; r < 2; r++) {
        ct_cli_series_args sa;
        char buf[4][64];
        ct_cli_series_args_init(&sa, 1);
        for (k = 0; k < REGIONAL[r].n; k++) {
            snprintf(buf[k], sizeof buf[k], "%s", REGIONAL[r].args[k]);
            if (ct_cli_series_option(&sa, "report", REGIONAL[r].codes[k],
                                     buf[k]) != 0)
                return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                    "bad regional series option");
        }
        sa.so.from = REGIONAL[r].from;
        sa.so.geo = *t->geo;
        if ((rc = ct_series_builder_alloc(&t->b[r], &sa.so, err)) != CT_OK ||
            (rc = ct_series_builder_begin_file(t->b[r], err)) != CT_OK)
            return rc;
    }
    t->state = 1;
    return CT_OK;
}

int ct_cli_regional_tap_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    ct_cli_regional_tap *t = ctx;
    int rc;

    if (t->state == 2 || o->dataset != CT_DS_ACD)
        return CT_OK;
    if (t->state == 0 && (rc = tap_start(t, err)) != CT_OK)
        return rc;
    if ((rc = ct_series_builder_add(o, t->b[0], err)) != CT_OK)
        return rc;
    return ct_series_builder_add(o, t->b[1], err);
}

void ct_cli_regional_tap_end(void *ctx)
{
    ct_cli_regional_tap *t = ctx;
    if (t->state == 1)
        t->state = 2;
}

/* The two series from the builders (empty when the ACD had no rows). */
static int regional_series(rep *R, ct_series **s1, ct_series **s2)
{
    ct_cli_regional_tap *t = R->tap;
    ct_error err;

    if (t->state == 0 && tap_start(t, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    if (ct_series_builder_finish(t->b[0], s1, &err) != CT_OK ||
        ct_series_builder_finish(t->b[1], s2, &err) != CT_OK) {
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    return CT_EXIT_OK;
}

/* Draws one regional chart (PNG and SVG) from series s; adds the files. */
static int regional_chart(rep *R, const ct_series *s, int classes,
                          const char *stem, const ct_plot_labels *lab,
                          ct_cli_gnuplot_job *jobs, size_t *nj,
                          char (*paths)[4400])
{
    trend_ctx tc = {s, classes, lab};
    char rel[256];
    size_t f;
    static const ct_plot_format F[2] = {CT_PLOT_PNG, CT_PLOT_SVG};

    snprintf(rel, sizeof rel, "charts/%s.tsv", stem);
    ct_cli_rep_path(paths[*nj * 3], 4400, R, rel);
    if (ct_cli_write_file(paths[*nj * 3], write_trend_data, &tc) != 0 || ct_cli_rep_add_file(R, rel))
        return -1;
    snprintf(paths[*nj * 3 + 1], 4400, "%s/%s.labels", R->tmp, stem);
    if (ct_cli_write_file(paths[*nj * 3 + 1], write_trend_labels, &tc) != 0)
        return -1;
    for (f = 0; f < 2; f++) {
        ct_cli_gnuplot_job *j = &jobs[*nj];
        snprintf(rel, sizeof rel, "charts/%s.%s", stem, ct_plot_format_name(F[f]));
        if (f == 1) {
            memcpy(paths[*nj * 3], paths[(*nj - 1) * 3], sizeof paths[0]);
            memcpy(paths[*nj * 3 + 1], paths[(*nj - 1) * 3 + 1], sizeof paths[0]);
        }
        ct_cli_rep_path(paths[*nj * 3 + 2], 4400, R, rel);
        j->kind = classes ? CT_PLOT_CLASSES : CT_PLOT_TRENDS;
        j->format = F[f];
        j->data = paths[*nj * 3];
        j->labels = paths[*nj * 3 + 1];
        j->out = paths[*nj * 3 + 2];
        if (ct_cli_rep_add_file(R, rel))
            return -1;
        (*nj)++;
    }
    return 0;
}

int ct_cli_report_regional(rep *R)
{
    ct_series *s1 = NULL, *s2 = NULL;
    ct_cli_gnuplot_job jobs[4];
    char paths[12][4400], foot[512], sub1[512], sub2[256], lab1[128], lab2[128];
    ct_plot_labels L1 = {0}, L2 = {0};
    size_t nj = 0;
    wide w1, w2;
    int rc = CT_EXIT_DATA, k;
    char chart_png[64], chart_svg[4400];

    memset(&w1, 0, sizeof w1);
    memset(&w2, 0, sizeof w2);
    ct_report_heading(R->doc, 2, "Regional trends");
    if (R->acd == NULL) {
        ct_report_paragraph(R->doc,
            "No UCDP/PRIO ACD export was given (--ucdp): the regional trend "
            "charts and tables are drawn from the ACD only.");
        return CT_EXIT_OK;
    }
    if ((k = regional_series(R, &s1, &s2)) != CT_EXIT_OK) {
        rc = k;
        goto done;
    }
    if (wide_from(&w1, s1) != 0 || wide_from(&w2, s2) != 0) {
        ct_cli_msg("out of memory");
        goto done;
    }
    snprintf(foot, sizeof foot, "Source: %s. Chart: ctrend %s", R->acd_label,
             ct_version());
    /* title and subtitle short enough for the chart's width */
    snprintf(sub1, sizeof sub1, "UCDP types 3 and 4 (intrastate and "
             "internationalized) in the UCDP region Asia, by UN M49 subregion, "
             "%d-%d. Panels A-Z, each with its own y axis.", w1.year0,
             w1.year0 + (int)w1.n_years - 1);
    snprintf(lab1, sizeof lab1, "conflicts per year (count)");
    L1.title = "Intra-state conflicts by Asian subregion: Poisson trend and "
               "95% band";
    L1.subtitle = sub1;
    L1.xlabel = "year";
    L1.ylabel = lab1;
    L1.footer = foot;
    snprintf(sub2, sizeof sub2, "Every conflict active in a year counts once, "
             "in its class of that year, %d-%d.", w2.year0,
             w2.year0 + (int)w2.n_years - 1);
    snprintf(lab2, sizeof lab2, "conflicts per year (count, stacked)");
    L2.title = "Conflicts per year by conflict class (stacked)";
    L2.subtitle = sub2;
    L2.xlabel = "year";
    L2.ylabel = lab2;
    L2.footer = foot;
    if (regional_chart(R, s1, 0, "trends-asia-subregion", &L1, jobs, &nj, paths) ||
        regional_chart(R, s2, 1, "conflicts-by-class", &L2, jobs, &nj, paths))
        goto done;
    if (ct_cli_gnuplot_draw_all(jobs, nj, 2) != CT_EXIT_OK)
        goto done;
    for (k = 0; k < 2; k++)
        if (unlink(paths[(size_t)k * 6 + 1]) != 0)
            ct_cli_msg("cannot remove '%s': %s", paths[(size_t)k * 6 + 1], strerror(errno));

    ct_report_heading(R->doc, 3, "Intra-state conflicts by Asian subregion");
    ct_report_paragraphf(R->doc,
        "Conflicts (UCDP/PRIO ACD: a state-based armed conflict with at least "
        "25 battle-related deaths in a year) of the intrastate and "
        "internationalized intrastate types located in Asia, counted per year "
        "and UN M49 subregion, %s, from 1989. A conflict in several countries "
        "counts once in each subregion it touches.", R->acd_label);
    snprintf(chart_png, sizeof chart_png, "charts/trends-asia-subregion.png");
    snprintf(chart_svg, sizeof chart_svg, "%s/charts/trends-asia-subregion.svg", R->tmp);
    ct_report_image(R->doc, "Intra-state conflicts per year by Asian subregion, "
                    "with the fitted trend", chart_png, chart_svg,
                    "One panel per subregion: points are the observed counts, "
                    "the line the fitted Poisson log-linear trend, the band its "
                    "95% confidence band; the panel title gives the trend in % "
                    "per year and its p-value.");
    trend_table(R, &w1);
    wide_table(R, &w1, "asia-subregion-by-year",
               "Intra-state conflicts per year by Asian subregion (UN M49)",
               "conflicts");
    ct_report_heading(R->doc, 3, "Conflicts by class");
    ct_report_paragraphf(R->doc,
        "All conflicts of %s per year by class: extrasystemic (colonial), "
        "interstate, intrastate and internationalized intrastate.", R->acd_label);
    snprintf(chart_png, sizeof chart_png, "charts/conflicts-by-class.png");
    snprintf(chart_svg, sizeof chart_svg, "%s/charts/conflicts-by-class.svg", R->tmp);
    ct_report_image(R->doc, "Conflicts per year by class, stacked", chart_png,
                    chart_svg, "Stacked areas: the height of the stack is the "
                    "number of conflicts active in the year, each band one class.");
    wide_table(R, &w2, "conflicts-by-class-by-year",
               "Conflicts per year by class", "conflicts");
    rc = CT_EXIT_OK;
done:
    wide_free(&w1);
    wide_free(&w2);
    ct_series_free(s1);
    ct_series_free(s2);
    return rc;
}

