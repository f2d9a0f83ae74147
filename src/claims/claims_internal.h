/* SPDX-License-Identifier: MIT
 * claims_internal.h - what the files of src/claims share: the panel of a
 * source and the selection that cuts a series from it.
 */
#ifndef CT_CLAIMS_INTERNAL_H
#define CT_CLAIMS_INTERNAL_H

#include <stdint.h>

#include "ctrend/claims.h"

/* One conflict-year (dyad-year) of a UCDP source, or one merged cell of
 * events of an event source. */
typedef struct cl_rec {
    int year;                /* calendar year                             */
    int conflict;            /* UCDP conflict id, -1 when none            */
    unsigned char cls;       /* ct_class                                  */
    unsigned char region_mask; /* bit r-1 for UCDP region r               */
    short cov;               /* ACLED coverage start of its countries, 0  */
    uint64_t sub[2];         /* subregion bits, ACLED and UN schemes      */
    double events;           /* events (1 per row, summed when merged)    */
    double deaths;           /* best estimate of deaths (0 when none)     */
} cl_rec;

struct ct_claims_data {
    ct_dataset dataset;
    const ct_geo *geo;       /* borrowed                                  */
    cl_rec *rec;
    size_t n, cap;
    size_t compact_at;       /* merge event cells at this many records    */
    int merge;               /* event source: cells are merged            */
    int has_deaths;          /* some record gives deaths                  */
    int last_ym;             /* latest year*12+month seen (events)        */
    const char *sub_name[2][64]; /* subregion names (borrowed from geo)   */
    size_t n_sub[2];
    ct_claims_source_info info;
};

/* What to cut from a panel. */
typedef struct cl_select {
    ct_measure measure;
    unsigned mask;           /* ct_class bits, 0 all                      */
    int region;              /* UCDP region, 0 all                        */
    int scheme;              /* 0 ACLED, 1 UN, for sub                    */
    int sub[64];             /* subregion indices (any of them)           */
    size_t n_sub;
    int regions[5];          /* UCDP regions (any of them)                */
    size_t n_regions;
} cl_select;

/* Yearly series from..to into out (zeros where nothing matched); *cov the
 * latest ACLED coverage start of the matching records (0 for UCDP). */
int cl_cut(const ct_claims_data *d, const cl_select *s, int from, int to,
           double *out, int *cov, ct_error *err);
/* Distinct conflict ids of matching records in from..to. */
double cl_distinct(const ct_claims_data *d, const cl_select *s, int from,
                   int to);
int cl_subregion_index(ct_claims_data *d, int scheme, const char *name);
int cl_subregion_find(const ct_claims_data *d, int scheme, const char *name);
int cl_int_cmp(const void *a, const void *b);
/* Copies src into dst of size n, truncating; always terminates. */
void cl_copy(char *dst, size_t n, const char *src);

/* Scratch of the year x group interaction fit for up to n_max years
 * (claims_stats.c); NULL when out of memory. One thread at a time. */
typedef struct cl_iws cl_iws;
cl_iws *cl_iws_alloc(size_t n_max);
void cl_iws_free(cl_iws *w);
/* ct_claims_interaction_fit with its scratch memory from w (the same
 * numbers; CT_ELIMIT when n exceeds w). */
int cl_interaction_fit(ct_claims_interaction *out, const double *t,
                       const double *y_named, const double *y_rest, size_t n,
                       double level, double disp_quasi, cl_iws *w,
                       ct_error *err);

/* The scratch memory one thread of a claims run fits with (claims_threads.c):
 * a workspace per model, for series of up to n_max years. */
typedef struct cl_work {
    ct_glm_workspace *glm;
    ct_mk_workspace *mk;
    cl_iws *inter;
} cl_work;

/* CT_ENOMEM (nothing left allocated) when a workspace cannot be made. */
int cl_work_init(cl_work *w, size_t n_max);
void cl_work_done(cl_work *w);

/* Calls fn(ctx, i, &work[k]) for every i in 0..n-1, on up to n_threads
 * threads (the calling thread is one of them; work holds n_threads
 * workspaces, one per thread). Items are handed out one at a time in
 * order, so which thread fits an item varies from run to run, never what
 * it computes: fn must write only what belongs to item i. Fewer threads
 * (down to the caller alone) when the system refuses to start them. */
void cl_parallel(size_t n, size_t n_threads, cl_work *work,
                 void (*fn)(void *ctx, size_t i, cl_work *w), void *ctx);

/* Years in a series (1900-2100 fits). */
#define CL_MAXY 400

/* One count-model trend with Mann-Kendall and Sen (claims_fit.c). */
typedef struct cl_fit {
    int status;              /* CT_OK, or why the model cannot be fitted   */
    char reason[CT_CLAIMS_REASON_MAX];
    ct_glm_family model;     /* chosen by the dispersion rule              */
    double dispersion, pct, ci[2], p, log_slope; /* %/yr and its CI       */
    int mk_ok;               /* Mann-Kendall computed                      */
    double mk_p, mk_S, mk_tau, sen, sen_ci[2];
} cl_fit;

/* The count model of the rule (Poisson, quasi-Poisson or negative
 * binomial by the dispersion) on y over the years from..to, and with
 * want_mk Mann-Kendall and Sen. */
void cl_fit_trend(cl_fit *f, const double *y, int from, int to,
                  const ct_claims_options *o, int want_mk, cl_work *W);
/* A specification's numbers from a trend fit. */
void cl_spec_from_fit(ct_claims_spec *s, const cl_fit *f, int direction,
                      double alpha);
/* only/also specification on one window: yn the named groups, yr the
 * rest (only: the interaction; also: the named groups' trend). */
void cl_fit_groups_spec(ct_claims_spec *s, const ct_claim *c,
                        const double *yn, const double *yr, int from, int to,
                        const ct_claims_options *o, cl_work *W);
/* Comparison of the claim's periods on y over s->from..s->to: annual
 * rates and rank-sum test; cell (may be NULL) receives the numbers of a
 * primary specification. */
void cl_fit_rate(ct_claims_spec *s, const ct_claim *c, const double *y,
                 ct_claims_cell *cell, const ct_claims_options *o);
/* Distinct conflicts da (period A) and db (B): exact test of the ratio. */
void cl_fit_distinct(ct_claims_spec *s, const ct_claim *c, double da,
                     double db, ct_claims_cell *cell,
                     const ct_claims_options *o);
/* Mann-Kendall and Sen on the primary series yp (years f0..t0) and the
 * segmented Poisson fit with one break. */
void cl_primary_breakpoint(ct_claims_cell *cell, const double *yp, int f0,
                           int t0, const ct_claims_options *o, cl_work *W);

/* The curve summary of a cell from specs[first..last-1]
 * (claims_verdict.c); compare: effects are rate ratios. */
void cl_summarize(ct_claims_cell *cell, const ct_claims_spec *specs,
                  size_t first, size_t last, int direction, int compare);
/* The verdict of a trend-like cell and of a comparison. */
void cl_trend_verdict(ct_claims_cell *cell, const ct_claim *c,
                      const ct_claims_options *o);
void cl_compare_verdict(ct_claims_cell *cell, const ct_claim *c,
                        const ct_claims_options *o);

/* -1, 0 or 1 by the sign of x. */
static inline int cl_sign(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }
/* 1 when p < alpha and the effect's sign is the claimed direction, -1
 * when significant the other way, else 0 (claims_fit.c). */
int cl_sig_dir(double p, double effect_sign, int direction, double alpha);
/* "conflicts", "events" or "deaths" (claims_run.c). */
const char *cl_measure_word(ct_measure m);
/* The classes of mask joined by '+' into b (claims_reading.c). */
void cl_classes(char *b, size_t n, unsigned mask);
/* Writes the reading of a cell (other: the same cell in the other scope,
 * or NULL) into cell->reading (claims_reading.c). */
void cl_reading(const ct_claim *c, const ct_claims_source_info *src,
                ct_claims_cell *cell, const ct_claims_cell *other, int scope,
                const ct_claims_options *o);

#endif
