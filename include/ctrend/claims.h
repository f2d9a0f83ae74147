/* SPDX-License-Identifier: MIT
 * claims.h - checking published statements about conflict trends.
 *
 * A claims file (JSON, README "Claims") states each claim once: its words,
 * the direction it asserts and its operationalisations (measures, class
 * sets, windows, groups, periods). ct_claims_run expands every claim into
 * its specification set, fits every specification on every source, applies
 * the verdict rule (README "Claims: the verdict rule", CT_CLAIMS_RULE) and
 * writes a plain-language reading, all into a typed ct_claims_result. The
 * writers (text, Markdown, CSV, JSON) only format that result.
 *
 * Dependency order: claims uses core, load, series (vocabulary) and stats.
 * Nothing here prints or exits; ownership follows ctrend.h.
 */
#ifndef CT_CLAIMS_H
#define CT_CLAIMS_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/error.h"
#include "ctrend/geo.h"
#include "ctrend/obs.h"
#include "ctrend/series.h"
#include "ctrend/stats.h"

/* Version of the claims-file format read and of the JSON result written
 * (datasets/claims/claims-result.schema.json). */
#define CT_CLAIMS_FILE_VERSION 1
#define CT_CLAIMS_RESULT_VERSION "1.0.0"

/* The verdict rule, as printed with every report. */
#define CT_CLAIMS_RULE                                                       \
    "Verdict rule (alpha = 0.05; 'for' = in the claimed direction):\n"      \
    "  not testable  no specification can be computed on this source (its\n"\
    "                coverage or span does not reach the claim's window, or\n"\
    "                it lacks the measure or classes)\n"                     \
    "  supported     the primary specification is significant for the\n"    \
    "                claim (count model chosen by the dispersion rule), the\n"\
    "                non-parametric test is significant for it too, and\n"   \
    "                most specifications agree: more than half of the\n"    \
    "                computable ones estimate an effect in the claimed\n"   \
    "                direction and at most alpha (5%) of them are\n"        \
    "                significant against it\n"                              \
    "  contradicted  the same three conditions hold against the claim\n"    \
    "  not supported neither the primary model nor the non-parametric test\n"\
    "                is significant in either direction, and at most half\n" \
    "                of the specifications are significant either way\n"    \
    "  mixed         anything else: methods or specifications disagree\n"   \
    "Count model: Poisson; quasi-Poisson when the Pearson dispersion > 1;\n"\
    "negative binomial when the dispersion > 1.5 and the likelihood-ratio\n"\
    "test against Poisson has p < 0.05. Non-parametric test: Mann-Kendall\n"\
    "(trends), Wilcoxon rank-sum of the annual counts (period\n"           \
    "comparisons). 'only these groups' claims: the primary test is the\n"   \
    "year x group interaction (named groups against the rest) and the\n"    \
    "pattern must hold group by group after Holm adjustment (named groups\n"\
    "grow, no other group grows); the rank test counts against the claim\n"\
    "when a named group falls significantly or only other groups grow.\n"

typedef enum ct_claim_kind {
    CT_CLAIM_TREND = 0,   /* a trend over years ("grown since 1993")       */
    CT_CLAIM_COMPARE,     /* period B against period A ("fewer than")      */
    CT_CLAIM_ONLY,        /* the trend holds only for the named groups     */
    CT_CLAIM_ALSO         /* the trend holds also for the named groups     */
} ct_claim_kind;

typedef enum ct_verdict {
    CT_VERDICT_SUPPORTED = 0,
    CT_VERDICT_CONTRADICTED,
    CT_VERDICT_NOT_SUPPORTED,
    CT_VERDICT_MIXED,
    CT_VERDICT_NOT_TESTABLE
} ct_verdict;

#define CT_CLAIM_MAX_LIST 16

/* One claim as read from the claims file (strings owned by the ct_claims). */
typedef struct ct_claim {
    const char *id;          /* "C1"                                        */
    const char *quote;       /* the source's words                          */
    const char *paraphrase;  /* our reading of them                         */
    const char *attribution; /* who the source credits                      */
    ct_claim_kind kind;
    int direction;           /* +1 increase/more, -1 decrease/fewer         */
    int source_to;           /* last year the claim's source could see      */
    const char *source_note; /* why                                         */
    ct_measure measures[3];  /* in order of preference                      */
    size_t n_measures;
    unsigned class_sets[CT_CLAIM_MAX_LIST]; /* masks of ct_class bits;
                                               [0] is the primary          */
    size_t n_class_sets;
    int region;              /* UCDP region 1-5 the claim is about, 0 world */
    int from_min, from_max;  /* trend start years tried (inclusive)         */
    int from_primary;        /* the start year the words name               */
    int min_years;           /* shortest window of a specification          */
    int recent[CT_CLAIM_MAX_LIST]; /* "recently": last k years (0: none)   */
    size_t n_recent;
    int recent_primary;      /* the k of the primary specification          */
    int period_a[2], period_b[2]; /* compare: inclusive years               */
    ct_key group_key;        /* only/also: CT_KEY_SUBREGION or _REGION      */
    ct_scheme schemes[2];    /* subregion schemes tried; [0] primary        */
    size_t n_schemes;
    const char *named[2][CT_CLAIM_MAX_LIST]; /* named groups per scheme     */
    size_t n_named[2];
    const char *reference[CT_CLAIM_MAX_LIST]; /* also: groups the claim
                                                  compares with             */
    size_t n_reference;
} ct_claim;

typedef struct ct_claims {
    char *path;              /* file read                                   */
    char *title;             /* the article's title                         */
    char *citation;          /* how to cite it                              */
    size_t n;                /* claims                                      */
    ct_claim *claim;         /* n claims                                    */
    void *json;              /* internal: the parsed document (owns strings) */
} ct_claims;

/* Reads a claims file (JSON, format in README "Claims"). Errors carry the
 * path and line (CT_EPARSE for bad JSON, CT_EUSAGE for a valid document
 * that is not a claims file, naming the field). */
int ct_claims_load(ct_claims **out, const char *path, ct_error *err);
void ct_claims_free(ct_claims *c);
/* Replaces the name reports show for the claims file (path stays what was
 * read unless this is called; e.g. "datasets/claims/article.json
 * (bundled)" for the installed default). CT_ENOMEM on failure. */
int ct_claims_set_display(ct_claims *c, const char *name, ct_error *err);

/* ------------------------------------------------------ data sources --- */

/* One source: a UCDP release (ACD), BRD, GED or ACLED (several ACLED files
 * add up), read once into a compact in-memory panel of conflict-years or
 * aggregated event cells from which every series is cut. Opaque. */
typedef struct ct_claims_data ct_claims_data;

/* Reads paths (n >= 1; all of one dataset) with geo (borrowed; must
 * outlive the data). display names may be NULL. Also computes each file's
 * SHA-256 (FIPS 180-4, through nettle). */
int ct_claims_data_load(ct_claims_data **out, const char *const *paths,
                        const char *const *display, size_t n,
                        const ct_geo *geo, ct_error *err);
/* The same; also hands every observation of the first file to tap (with
 * tap_ctx; NULL: none) before taking it, so that a caller who needs other
 * series of that file reads it once. An error of the tap stops the load. */
int ct_claims_data_load_tap(ct_claims_data **out, const char *const *paths,
                            const char *const *display, size_t n,
                            const ct_geo *geo, ct_obs_fn tap, void *tap_ctx,
                            ct_error *err);
void ct_claims_data_free(ct_claims_data *d);

/* Builds a source from an in-memory yearly series (tests, the verdict
 * rule on series with known answers): y[i] conflicts in year year0 + i,
 * every record of class intrastate, world region, no subregion. */
int ct_claims_data_from_counts(ct_claims_data **out, const char *label,
                               int year0, const double *y, size_t n,
                               ct_error *err);

/* Annual series of a source (for tests and charts): values for years
 * from..to into out[0..to-from] (NaN outside the source's span). mask is
 * a set of ct_class bits (0: all), region 0 for the world. */
int ct_claims_data_series(const ct_claims_data *d, ct_measure m,
                          unsigned mask, int region, int from, int to,
                          double *out, ct_error *err);

/* ---------------------------------------------------------- results --- */

typedef struct ct_claims_options {
    double alpha;            /* significance level, default 0.05           */
    double level;            /* confidence level of intervals, 0.95        */
    double disp_quasi;       /* quasi-Poisson above this dispersion (1)    */
    double disp_negbin;      /* negative binomial above this (1.5) ...     */
    double nb_lr_alpha;      /* ... when the NB LR test p is below (0.05)  */
    double majority;         /* share of specifications needed (0.5)       */
    int keep_specs;          /* 1: keep every specification in the result  */
    const char *run_date;    /* ISO 8601 date of the run (borrowed)        */
    int synthetic;           /* 1: the data are the bundled synthetic data */
    size_t threads;          /* threads the fits run on (0 or 1: the
                                calling thread only; at most
                                CT_CLAIMS_THREADS_MAX). The result is the
                                same for any number                        */
} ct_claims_options;

#define CT_CLAIMS_THREADS_MAX 64

#define CT_CLAIMS_OPTIONS_INIT                                               \
    {.alpha = 0.05, .level = 0.95, .disp_quasi = 1.0, .disp_negbin = 1.5,   \
     .nb_lr_alpha = 0.05, .majority = 0.5, .keep_specs = 1,                 \
     .run_date = NULL, .synthetic = 0, .threads = 1}

#define CT_CLAIMS_REASON_MAX 200

/* One specification: one way of putting the claim into numbers. */
typedef struct ct_claims_spec {
    size_t claim, scope, source; /* which cell it belongs to               */
    ct_measure measure;
    int distinct;            /* compare: distinct conflicts of the period  */
    unsigned class_mask;
    ct_scheme scheme;        /* only/also claims                           */
    int from, to;            /* trend window (inclusive years)             */
    int status;              /* CT_OK, or why it could not be computed     */
    int testable;            /* 0: the source cannot speak to it           */
    char reason[CT_CLAIMS_REASON_MAX];
    ct_glm_family model;     /* count model chosen                         */
    double dispersion;       /* Pearson dispersion of the Poisson fit      */
    double effect;           /* %/yr (trend, only/also: interaction or the
                                named group), or rate ratio (compare)      */
    double ci[2];            /* its confidence interval                    */
    double p;                /* two-sided p of the parametric test         */
    double p_np;             /* two-sided p of the non-parametric test     */
    int sig;                 /* +1 significant for the claim, -1 against,
                                0 not significant                          */
} ct_claims_spec;

/* A group of an only/also claim (primary specification). */
typedef struct ct_claims_group {
    char name[64];
    int named;               /* 1: one of the claim's named groups         */
    int status;              /* CT_OK or why not computed                  */
    char reason[CT_CLAIMS_REASON_MAX];
    ct_glm_family model;
    double percent, ci[2];   /* %/yr and CI                                */
    double p, p_holm;        /* model p, Holm-adjusted over the groups     */
    double mk_p, mk_p_holm;  /* Mann-Kendall p, Holm-adjusted              */
    double mk_S;             /* Mann-Kendall S (its sign is the direction) */
    double total;            /* sum of the series over the window          */
} ct_claims_group;

/* Claim x scope x source. Scope 0 is the source's window (data to the
 * year the claim's source could see), scope 1 all the data. */
typedef struct ct_claims_cell {
    ct_verdict verdict;
    char reason[2 * CT_CLAIMS_REASON_MAX]; /* the rule's deciding facts    */
    ct_claims_spec primary;  /* the primary specification                  */
    /* trend-like claims: Mann-Kendall and Sen on the primary series */
    double mk_tau, mk_S, sen, sen_ci[2];
    /* breakpoint (segmented Poisson, one break) against a straight trend */
    int seg_status;
    double seg_psi, seg_davies_p;
    double seg_percent[2], seg_ci[2][2]; /* %/yr before and after         */
    int break_better;        /* Davies p < alpha                           */
    /* compare claims (primary class set) */
    double mean_a, mean_b;   /* annual means                               */
    double rate_ratio, rate_ratio_ci[2], rate_ratio_p;
    double wilcoxon_p;       /* rank-sum test of the annual counts         */
    double distinct_a, distinct_b; /* distinct conflicts in each period    */
    double distinct_p;       /* exact test of distinct_b / distinct_a = 1  */
    /* only/also claims */
    double inter_percent, inter_ci[2], inter_p; /* named minus rest, %/yr */
    ct_glm_family inter_model; /* Poisson or quasi-Poisson                 */
    size_t n_groups;
    ct_claims_group groups[16];
    /* specification curve */
    size_t n_specs, n_computed, n_for, n_sig_for, n_sig_against;
    double effect_median, effect_min, effect_max;
    size_t spec_first;       /* index of the cell's first spec in specs   */
    char reading[1200];      /* plain-language reading                     */
} ct_claims_cell;

typedef struct ct_claims_source_info {
    char kind[16];           /* "ucdp", "brd", "ged", "acled"              */
    char dataset[80];        /* "UCDP/PRIO Armed Conflict Dataset"         */
    char version[64];        /* "23.1", "24.1 (from the file name)", ""    */
    char label[96];          /* column heading: "UCDP ACD 23.1"            */
    const char *citation;    /* static text                                */
    int year_min, year_max;  /* span used (complete years)                 */
    size_t n_files;
    char files[8][CT_ERROR_PATH_MAX]; /* paths as given                    */
    char sha256[8][65];      /* hex digests                                */
    long rows;               /* records read                               */
    char note[256];          /* coverage notes ("" when none)              */
} ct_claims_source_info;

typedef struct ct_claims_result {
    const ct_claims *claims; /* borrowed                                   */
    ct_claims_options opt;   /* as used                                    */
    char ctrend_version[32];
    size_t n_claims, n_scopes, n_sources;
    ct_claims_source_info *sources;  /* n_sources                          */
    ct_claims_cell *cells;   /* [(claim * n_scopes + scope) * n_sources + s] */
    size_t n_specs;
    ct_claims_spec *specs;   /* every specification (keep_specs)           */
} ct_claims_result;

/* Runs every claim on every source. Per-specification failures are
 * recorded as reasons, never returned. The fits of the specification
 * curve run on opt->threads threads, each with its own workspaces
 * (stats.h); the sources and claims are only read, and the result does
 * not depend on the number of threads. */
int ct_claims_run(ct_claims_result **out, const ct_claims *claims,
                  ct_claims_data *const *sources, size_t n_sources,
                  const ct_claims_options *opt, ct_error *err);
void ct_claims_result_free(ct_claims_result *r);

static inline const ct_claims_cell *
ct_claims_cell_at(const ct_claims_result *r, size_t claim, size_t scope,
                  size_t source)
{
    return &r->cells[(claim * r->n_scopes + scope) * r->n_sources + source];
}

const char *ct_claims_verdict_name(ct_verdict v); /* "supported", ...  */
const char *ct_claims_kind_name(ct_claim_kind k);

/* ------------------------------------------------------------ writers --- */

typedef enum ct_claims_format {
    CT_CLAIMS_TEXT = 0, CT_CLAIMS_MD, CT_CLAIMS_CSV, CT_CLAIMS_JSON
} ct_claims_format;

/* Writes the result; specs 1 adds the full specification table (text,
 * Markdown, CSV; JSON always carries it when kept). CT_EIO on a write
 * error. */
int ct_claims_write(const ct_claims_result *r, ct_claims_format f,
                    int specs, FILE *out, ct_error *err);
/* The same with the significant digits of the numbers in CSV (default 6),
 * JSON (10) and the specification tables of text and Markdown (4);
 * precision 0: those defaults, else 1-17 (CT_EUSAGE beyond). The
 * sentences (readings, verdict details) keep their own rounding. */
int ct_claims_write_precision(const ct_claims_result *r, ct_claims_format f,
                              int specs, int precision, FILE *out,
                              ct_error *err);

/* Writes the specifications of one cell (claim x scope x source) as a
 * specification file (plot.h, ct_plot_spec_read): CSV with id, estimate
 * (the cell's effect: %/yr, or the rate ratio of a comparison), ci_low,
 * ci_high, p_value, from, to (window years, NA for comparisons), then the
 * choices in which the computed specifications differ (measure, classes,
 * scheme, model; the window is in from and to). Specifications not computed are left out.
 * windows 1: only the specifications with the primary measure, classes
 * and scheme, one row per window (the windows heatmap); nothing for a
 * comparison. *n_rows receives the rows written. */
int ct_claims_write_specs(const ct_claims_result *r, size_t claim,
                          size_t scope, size_t source, int windows,
                          size_t *n_rows, FILE *out, ct_error *err);

/* ---------------------------------------------- statistics used here --- */

/* Poisson log-linear model with a year x group interaction on two groups
 * (log mu = b0 + b1 t + b2 g + b3 t g, g = 1 for the named groups), IRLS on
 * GSL (McCullagh & Nelder 1989). Fills the interaction b3 and its model
 * SE, the Pearson dispersion and the Wald p (quasi: SE x sqrt(dispersion)
 * when the dispersion exceeds disp_quasi, p from t(n - 4)). */
typedef struct ct_claims_interaction {
    size_t n;                /* observations (2 per year)                  */
    double beta[4];          /* b0, b1, b2, b3 (per year)                  */
    double se[4];            /* model standard errors                      */
    double dispersion;       /* Pearson chi2 / (n - 4)                     */
    double deviance;
    int quasi;               /* 1: SEs scaled by sqrt(dispersion)          */
    double z, p;             /* of b3                                      */
    double ci[2];            /* b3 -+ q se                                 */
    int iterations;
} ct_claims_interaction;

int ct_claims_interaction_fit(ct_claims_interaction *out, const double *t,
                              const double *y_named, const double *y_rest,
                              size_t n, double level, double disp_quasi,
                              ct_error *err);

/* Wilcoxon rank-sum test (normal approximation with tie and continuity
 * correction, as R wilcox.test(exact = FALSE)): two-sided p of b against a. */
int ct_claims_wilcoxon(double *p, const double *a, size_t na,
                       const double *b, size_t nb, ct_error *err);

/* Exact test of two Poisson counts with equal exposure (binomial,
 * as R poisson.test(c(x_b, x_a))): ratio x_b / x_a, its Clopper-Pearson
 * interval and the two-sided p. */
int ct_claims_poisson2(double *ratio, double ci[2], double *p, double x_a,
                       double x_b, double level, ct_error *err);

/* SHA-256 of a file as 64 hex digits (nettle). */
int ct_claims_sha256_file(char hex[65], const char *path, ct_error *err);

#endif /* CT_CLAIMS_H */
