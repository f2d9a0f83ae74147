/* SPDX-License-Identifier: MIT
 * fit.h - fits a trend model or test to every group of a series.
 *
 * A ct_fit_spec says which model and with what options; ct_fit_series
 * splits a series into its groups (the combinations of key values, in
 * order of first appearance), takes each group's periods inside the
 * --from/--to window (NA values and, unless asked, partial periods left
 * out), fits the model and appends one ct_fit per group to a ct_fit_set.
 * A group that cannot be fitted is a recorded result (status and reason),
 * not an abort. Nothing here prints or formats output: the writers are in
 * the report module (ctrend/report.h).
 *
 * Ownership: a ct_fit_set owns its fits and everything in them (strings,
 * notes, scan windows); ct_fit_set_free releases it all.
 */
#ifndef CT_FIT_H
#define CT_FIT_H

#include <stddef.h>
#include <stdint.h>

#include "ctrend/error.h"
#include "ctrend/series.h"
#include "ctrend/stats.h"

typedef enum ct_fit_model {
    CT_FIT_OLS,
    CT_FIT_POISSON,
    CT_FIT_QUASIPOISSON,
    CT_FIT_NEGBIN,
    CT_FIT_MK,
    CT_FIT_SEN,
    CT_FIT_SEGMENTED,
    CT_FIT_COMPARE,
    CT_FIT_BOOTSTRAP,
    CT_FIT_SCAN
} ct_fit_model;

#define CT_FIT_N_MODELS 10

/* The model's name as the CLI spells it ("ols", ..., "scan"); NULL when
 * out of range. */
const char *ct_fit_model_name(ct_fit_model m);
/* Parses a model name; CT_EUSAGE when unknown. */
int ct_fit_model_parse(const char *name, ct_fit_model *out, ct_error *err);

/* A period bound as written: YYYY (month 0) or YYYY-MM; given 0: none. */
typedef struct ct_fit_period {
    int year, month;
    int given;
} ct_fit_period;

/* Parses YYYY (years 1000-9999) or YYYY-MM; -1 when it is neither. */
int ct_fit_period_parse(const char *s, ct_fit_period *out);
/* Parses a span "A-B" (years), "A:B" (years or months) or "A"; -1 when
 * it cannot be read. */
int ct_fit_span_parse(const char *s, ct_fit_period *lo, ct_fit_period *hi);
/* The period of t (units of a series with ppy periods per year: years,
 * or year*12 + month-1): "YYYY", or "YYYY-MM" when ppy is 12; "NA" when t
 * is not finite. Returns buf. */
const char *ct_fit_period_format(double t, double ppy, char *buf, size_t n);

typedef struct ct_fit_spec {
    ct_fit_model model;
    double level;                /* confidence level, (0, 1)          */
    int hac_lag;                 /* CT_HAC_LAG_AUTO or >= 0 (ols, scan) */
    ct_mk_correction correction; /* mk, sen                           */
    ct_seg_family family;        /* segmented                         */
    int breaks;                  /* segmented: 1 or 2                 */
    ct_fit_period periods[2][2]; /* compare: [A|B][from|to]           */
    char periods_text[2][32];    /* compare: the periods as given     */
    ct_statistic statistic;      /* bootstrap, scan                   */
    uint64_t seed;               /* bootstrap                         */
    size_t replicates, block;    /* bootstrap (block 0: automatic)    */
    size_t min_n;                /* scan: fewest points in a window   */
    ct_fit_period range[2][2];   /* scan: [start|end][lo|hi]          */
    char range_text[2][32];      /* scan: the ranges as given         */
    int nb_small_sample;         /* negbin: 1 small-sample, 0 Wald    */
    ct_fit_period from, to;      /* the window to fit (given 0: all)  */
    int partial_include;         /* fit periods covered only in part  */
    const char *selection;       /* what was selected, for the message
                                    when nothing is left to fit ("the
                                    series" when NULL)                */
    ct_progress_fn progress;     /* segmented, scan: progress of each
                                    group's fit (NULL: none); see
                                    ct_progress_fn in stats.h         */
    void *progress_ctx;
} ct_fit_spec;

#define CT_FIT_SPEC_INIT                                                    \
    {                                                                       \
        .model = CT_FIT_OLS, .level = 0.95, .hac_lag = CT_HAC_LAG_AUTO,     \
        .correction = CT_MK_NONE, .family = CT_SEG_GAUSSIAN, .breaks = 1,   \
        .statistic = CT_STAT_OLS, .seed = 1, .replicates = 2000,            \
        .block = 0, .min_n = 5, .nb_small_sample = 1,                       \
        .partial_include = 0, .selection = NULL, .progress = NULL,          \
        .progress_ctx = NULL                                                \
    }

/* Sets the option name (as the CLI spells it without "--": model, from,
 * to, level, hac-lag, correction, family, breaks, periods, statistic,
 * seed, replicates, block, start-range, end-range, min-n, nb-inference,
 * partial) from its text value; CT_EUSAGE with a message naming the
 * option ("--level: expected ...") when the value cannot be read. */
int ct_fit_spec_set(ct_fit_spec *spec, const char *name, const char *value,
                    ct_error *err);
/* Whether option name (as above) is used by model m (1) or not (0). */
int ct_fit_option_applies(const char *name, ct_fit_model m);
/* Checks a whole spec: what the model needs is given (compare: periods;
 * scan: both ranges), none of the n_names options set by name (names as
 * above) is one the model does not use, a bootstrap statistic is a slope.
 * CT_EUSAGE with the first problem. */
int ct_fit_spec_check(const ct_fit_spec *spec, const char *const *names,
                      size_t n_names, ct_error *err);

/* The scan result: a grid of windows and their summary. */
typedef struct ct_fit_scan {
    ct_scan_cell *cells;         /* n_cells windows (start-major)     */
    size_t n_cells;
    ct_scan_summary summary;
} ct_fit_scan;

/* The model's result: which member is valid follows ct_fit.model. */
typedef union ct_fit_result {
    ct_ols_result ols;           /* CT_FIT_OLS                        */
    ct_glm_result glm;           /* poisson, quasipoisson, negbin     */
    ct_mk_result mk;             /* mk, sen                           */
    ct_segmented_result seg;     /* segmented                         */
    ct_compare_result compare;   /* compare                           */
    ct_bootstrap_result boot;    /* bootstrap                         */
    ct_fit_scan scan;            /* scan                              */
} ct_fit_result;

typedef struct ct_fit {
    int status;                  /* CT_OK, or the CT_E* code of the
                                    failure of this group             */
    char *reason;                /* why it failed (NULL when CT_OK)   */
    ct_fit_model model;
    ct_fit_spec spec;            /* what it was fitted with (selection
                                    not kept)                         */
    char *input;                 /* the input's name                  */
    char *group;                 /* "key=value;..." ("" without keys) */
    char from[32], to[32];       /* first and last period fitted ("" when
                                    none)                             */
    double t_from, t_to;         /* the same in units of t            */
    size_t n;                    /* periods fitted                    */
    double periods_per_year;     /* 1 or 12                           */
    double level;
    int davies_k;                /* segmented: Davies' evaluation points */
    ct_fit_result r;             /* valid when status is CT_OK        */
    char **notes;                /* n_notes sentences about the fit   */
    size_t n_notes;
    char **warnings;             /* n_warnings messages worth showing
                                    the user now (e.g. sparse data),
                                    "INPUT: warning: ..."             */
    size_t n_warnings;
    double p_value;              /* the fit's main p-value (NaN: none) */
    double p_adjusted;           /* after ct_fit_set_adjust, else NaN */
    double *window_p_adjusted;   /* scan: per window, after adjust    */
} ct_fit;

typedef struct ct_fit_set {
    ct_fit *fits;                /* n fits, in order                  */
    size_t n, cap;
    int adjust;                  /* -1 none, else the ct_padjust_method
                                    of ct_fit_set_adjust              */
} ct_fit_set;

#define CT_FIT_SET_INIT { NULL, 0, 0, -1 }

/* Fits spec's model to every group of s and appends the fits to *set
 * (initialised with CT_FIT_SET_INIT); input names the series in the fits
 * and messages. A group that fails is appended with its status and
 * reason (count them with ct_fit_set_failed). Returns CT_OK, or:
 * CT_EUSAGE when spec does not suit the series (a month bound on an
 * annual series), CT_EDOMAIN when nothing at all is left to fit, CT_ENOMEM;
 * err->msg then names the input. */
int ct_fit_series(ct_fit_set *set, const ct_series *s, const ct_fit_spec *spec,
                  const char *input, ct_error *err);

/* Fits that failed. */
size_t ct_fit_set_failed(const ct_fit_set *set);

/* Adjusts the p-values of all fits together (scan: every window) for
 * multiple testing; method is a ct_padjust_method. */
int ct_fit_set_adjust(ct_fit_set *set, int method, ct_error *err);

void ct_fit_set_free(ct_fit_set *set);

#endif /* CT_FIT_H */
