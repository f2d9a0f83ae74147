/* SPDX-License-Identifier: MIT
 * plot.h - the data files the gnuplot scripts in plots/ draw, and the
 * gnuplot argument vector. Every number a chart shows (fits, bands, rate
 * ratios, panel titles) is computed here and written as a column; the
 * scripts only draw. Nothing here starts a program or prints: the CLI runs
 * gnuplot with the vector ct_plot_argv builds.
 *
 * Data files are tab-separated, UTF-8, with one header line; a chart with
 * several panels or series writes one block per panel, blocks separated
 * by two blank lines (gnuplot's `index`; pandas and R skip blank lines).
 * Missing values (periods not covered, fits that do not exist) are `NA`,
 * never 0, so that a chart shows a gap. Text fields pass through
 * ct_plot_text, so that gnuplot reads every label as one plain string:
 * no data string is ever evaluated by gnuplot (the scripts read labels
 * with strcol() into variables and print them with `noenhanced`).
 *
 * Panel order, stated once: panels and rows are sorted by their label
 * (byte order of the UTF-8 text), or by size (largest total first, ties
 * by label) when asked; classes follow the class vocabulary of obs.h.
 */
#ifndef CT_PLOT_H
#define CT_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/error.h"
#include "ctrend/series.h"
#include "ctrend/stats.h"

typedef enum ct_plot_kind {
    CT_PLOT_TRENDS = 0,    /* small multiples: counts, fitted trend, band */
    CT_PLOT_CLASSES,       /* stacked areas of a measure by class          */
    CT_PLOT_COMPARE,       /* two periods per group, rate ratios and CIs   */
    CT_PLOT_SPECIFICATION, /* specification curve of a claim               */
    CT_PLOT_WINDOWS,       /* window start x end heatmap of an effect      */
    CT_PLOT_DEATHS,        /* deaths: low-high band and best line          */
    CT_PLOT_KIND_COUNT
} ct_plot_kind;

/* "trends", "classes", "compare", "specification", "windows", "deaths";
 * the script of kind k is plots/<name>.gp. */
const char *ct_plot_kind_name(ct_plot_kind k);
/* CT_PLOT_KIND_COUNT when unknown. */
ct_plot_kind ct_plot_kind_parse(const char *s);

typedef enum ct_plot_order {
    CT_PLOT_ORDER_NAME = 0, /* by label                                   */
    CT_PLOT_ORDER_SIZE      /* largest total first, ties by label         */
} ct_plot_order;

/* ------------------------------------------------------------ labels --- */

/* Copies src into dst (size n, always NUL-terminated when n > 0) as one
 * field gnuplot reads back as the same text: control characters (tab,
 * line breaks, ...) become spaces, a double quote becomes two apostrophes
 * (gnuplot's data reader has no escape for it) and a backslash is doubled
 * (gnuplot turns "\n" in data strings into a line break). Bytes >= 0x80
 * pass unchanged. Returns the length the full result needs (like
 * snprintf): truncation happened when it is >= n. The one escaping
 * function of the module: every text field goes through it. */
size_t ct_plot_text(char *dst, size_t n, const char *src);

/* The words of a chart, written as its labels file (gnuplot's ARG3): a
 * header "key<TAB>value", then one line per non-NULL field (keys title,
 * subtitle, xlabel, ylabel, footer, shared_y, cblabel). */
typedef struct ct_plot_labels {
    const char *title;     /* what is shown                               */
    const char *subtitle;  /* selection, model, panel order               */
    const char *xlabel;    /* x axis with unit                            */
    const char *ylabel;    /* y axis with unit                            */
    const char *footer;    /* source, dataset version, ctrend version     */
    int shared_y;          /* 1: one y range for every panel (written as
                              "shared_y<TAB>1")                           */
    const char *cblabel;   /* colour scale with its unit (the window
                              heatmap); NULL: "estimate"                  */
} ct_plot_labels;

int ct_plot_write_labels(FILE *out, const ct_plot_labels *l, ct_error *err);

/* ------------------------------------------------------------ trends --- */

typedef struct ct_plot_trends_options {
    ct_glm_family family;  /* trend model (Poisson by default)            */
    double level;          /* confidence level of the band, 0.95          */
    int breaks;            /* 0, 1 or 2 breakpoints to mark (segmented
                              Poisson regression)                         */
    ct_plot_order order;   /* panel order                                 */
} ct_plot_trends_options;

#define CT_PLOT_TRENDS_OPTIONS_INIT                                          \
    {.family = CT_GLM_POISSON, .level = 0.95, .breaks = 0,                  \
     .order = CT_PLOT_ORDER_NAME}

/* One panel per group of s (a group is a combination of key values; one
 * panel "All" without keys). Columns:
 *   panel  index of the panel (0, 1, ...; block order)
 *   name   group label (key values joined by " / ")
 *   title  "NAME: +2.3 %/yr (95% CI +1.0 to +3.6), p = 0.004"
 *   period YYYY or YYYY-MM
 *   t      time in years (year + (month - 1) / 12)
 *   value  observed count, NA when not covered
 *   fit    fitted mean exp(a + b t) of the model, NA where value is NA
 *          or the model cannot be fitted (then the title says why)
 *   lo, hi pointwise confidence band of the fitted mean: exp(eta -+ q se),
 *          se^2 = s^2 (1/sum(mu) + (t - tbar)^2 / sum(mu (t - tbar)^2)),
 *          tbar = sum(mu t)/sum(mu) over the fitted periods (the inverse
 *          Fisher information of the log-linear model, centred), s the
 *          result's se_scale and q its interval quantile
 *   break1, break2  breakpoints (t, years) of a segmented Poisson fit,
 *          NA when not asked or not found
 * ymax (the same on every row: largest value or hi of all panels) lets
 * a script share the y axis; panel_ymax is the panel's own. */
int ct_plot_write_trends(FILE *out, const ct_series *s,
                         const ct_plot_trends_options *opt, ct_error *err);

/* ----------------------------------------------------------- classes --- */

/* Stacked areas: s must have the key `class` (first key) and may have one
 * more key, whose single value names the area (e.g. one region); a second
 * value is CT_EUSAGE. One block per class that is non-zero somewhere, in
 * the class order of obs.h. Columns: class, t, period, value, lower,
 * upper (lower = sum of the classes before, upper = lower + value; NA in
 * every class where any class is NA), total (the stack's height). */
int ct_plot_write_classes(FILE *out, const ct_series *s, ct_error *err);

/* ----------------------------------------------------------- compare --- */

/* One row per group: period A = [a_from, a_to] against B = [b_from,
 * b_to] (years, inclusive) with ct_stats_compare (exact rate ratio).
 * Columns: row, name, rate_a, rate_b (per year), ratio, ratio_lo,
 * ratio_hi, p, label ("0.85 (0.62-1.17), p = 0.32"), n_a, n_b (periods
 * with a value), period_a, period_b ("1989-1993"). A group whose comparison fails (no events) gets NA and
 * the reason in its label. Rows in opt order. */
int ct_plot_write_compare(FILE *out, const ct_series *s, int a_from,
                          int a_to, int b_from, int b_to, double level,
                          ct_plot_order order, ct_error *err);

/* ------------------------------------------------------------ deaths --- */

/* Deaths with their range: low, best and high must be the same series
 * built with the three estimates (same rows and keys). One block per
 * group. Columns: panel, name, t, period, low, best, high (NA when not
 * covered). CT_EUSAGE when the three do not match. */
int ct_plot_write_deaths(FILE *out, const ct_series *low,
                         const ct_series *best, const ct_series *high,
                         ct_plot_order order, ct_error *err);
/* The same from one series read in one pass: s holds the best estimate
 * of deaths as its value and the low and high estimates as its extra
 * measures 0 and 1 (ct_series_options: measure and extra[0..1] deaths,
 * extra_estimate {CT_EST_LOW, CT_EST_HIGH}). CT_EUSAGE when s holds
 * other measures. */
int ct_plot_write_deaths_range(FILE *out, const ct_series *s,
                               ct_plot_order order, ct_error *err);

/* ---------------------------------------------------- specifications --- */

/* A specification file (written by a claims check, or by hand): CSV with
 * a header; columns found by name:
 *   estimate    the effect (e.g. percent per year)      required
 *   ci_low, ci_high  its confidence interval            required
 *   p_value     two-sided p                             required
 *   from, to    window start and end years              optional (needed
 *               by the windows heatmap)
 *   id          a name for the specification            optional
 * every other column is a choice (model, class, scheme, ...), its values
 * text. Fields may be in double quotes ("" inside for a quote); NA or
 * empty numbers are missing. At most 16 choices and 100,000 rows. */
typedef struct ct_plot_spec ct_plot_spec;

/* Reads a specification file (name for messages). *out NULL on failure:
 * CT_EPARSE with the line, CT_ELIMIT, CT_ENOMEM. */
int ct_plot_spec_read(ct_plot_spec **out, FILE *in, const char *name,
                      ct_error *err);
void ct_plot_spec_free(ct_plot_spec *sp);
/* Rows read. */
size_t ct_plot_spec_count(const ct_plot_spec *sp);
/* Rows with an estimate (the points a specification curve can draw). */
size_t ct_plot_spec_count_estimated(const ct_plot_spec *sp);

/* Specification curve (Simonsohn, Simmons & Nelson 2020): rows sorted by
 * estimate (ties by file order), ranked 1..n. Block 0 (the curve):
 * rank, estimate, ci_low, ci_high, p_value, significant (1 when p < alpha),
 * id. Block 1 (the choices below it): one row per (rank, choice): rank,
 * row (1 for the first choice's first value, counting down the choice
 * values grouped by choice), label "choice = value", significant. Block 2:
 * the axis rows, one per (choice, value): row, label. Rows with a missing
 * estimate are left out; when no row has one, CT_EDOMAIN (nothing to
 * draw) and nothing is written. */
int ct_plot_write_spec_curve(FILE *out, const ct_plot_spec *sp,
                             double alpha, ct_error *err);

/* Window heatmap: every row with from and to, one cell per window; two
 * rows for one window is CT_EUSAGE (give one specification per window).
 * Columns: from, to, estimate, significant, p_value, label (the estimate
 * with a star when significant). Sorted by from, then to; blank line
 * between values of from (gnuplot's grid form). */
int ct_plot_write_spec_windows(FILE *out, const ct_plot_spec *sp,
                               double alpha, ct_error *err);

/* ------------------------------------------------------------- gnuplot --- */

typedef enum ct_plot_format {
    CT_PLOT_PNG = 0,      /* pngcairo, 1600 x 1000 pixels                 */
    CT_PLOT_SVG,          /* svg, 1600 x 1000                             */
    CT_PLOT_PDF,          /* pdfcairo, 16 x 10 inches                     */
    CT_PLOT_FORMAT_COUNT
} ct_plot_format;

/* "png", "svg", "pdf"; parse gives CT_PLOT_FORMAT_COUNT when unknown. */
const char *ct_plot_format_name(ct_plot_format f);
ct_plot_format ct_plot_format_parse(const char *s);

/* Fills argv (room for n pointers) with
 *   gnuplot -c SCRIPT_DIR/KIND.gp DATA OUT LABELS FORMAT NULL
 * (LABELS "" when NULL). script (size script_n) receives the script path;
 * argv points into it and into the arguments, which must outlive argv.
 * No string goes through a shell or gnuplot's parser: gnuplot receives
 * them as ARG1..ARG4. CT_EUSAGE when n < 8 or script_n is too small. */
int ct_plot_argv(const char **argv, size_t n, const char *gnuplot,
                 const char *script_dir, ct_plot_kind kind, const char *data,
                 const char *out, const char *labels, ct_plot_format format,
                 char *script, size_t script_n, ct_error *err);

#endif /* CT_PLOT_H */
