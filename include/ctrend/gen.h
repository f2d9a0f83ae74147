/* SPDX-License-Identifier: MIT
 * gen.h - seeded generator of synthetic data with known trends.
 * Everything here is deterministic for a given seed: the same seed gives the
 * same bytes on every machine (GSL's mt19937 and its Poisson/gamma samplers).
 * The generator's parameters are the ground truth that statistics tests
 * recover. Nothing here prints or exits.
 */
#ifndef CT_GEN_H
#define CT_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ctrend/error.h"
#include "ctrend/rng.h"

/* A count series y[i] ~ Poisson(mu_i) or NB2(mu_i, theta), with
 * log(mu_i) = log_a + slope * i  (i = 0 .. n-1; slope per period). */
typedef struct ct_gen_counts_spec {
    double log_a;  /* log of the mean at i = 0                         */
    double slope;  /* change of log mean per period (log rate ratio)   */
    double theta;  /* NB2 size; 0 or INFINITY means Poisson            */
} ct_gen_counts_spec;

/* Fills y[0..n-1] with one series drawn from spec. */
int ct_gen_counts(double *y, size_t n, const ct_gen_counts_spec *spec,
                  ct_rng *r, ct_error *err);

/* ------------------------------------------------------------------------
 * Synthetic exports in the real UCDP and ACLED layouts.
 *
 * A scenario lists countries and trend cells. A cell is one piece of a
 * log-linear trend for one (layout, region, subregion, class):
 *   E[count in a period] = exp(log_a + slope * t),
 *   t = (year - from_year) + (month - 1) / 12        (years, fractional)
 * where the period is a year for ACD and GED and a calendar month for
 * ACLED (then t counts months as twelfths of a year). Counts are NB2 with
 * size theta (0: Poisson). A cell applies from its from_year until the
 * next cell of the same key starts; the first cell of a key also covers
 * the years before it and the last one the years after it, so a trend with
 * a break is two cells. datasets/synthetic/README.md states the whole
 * generative model; ct_gen_write_truth writes the cells as a table.
 *
 * Ownership: scenarios are caller-owned constant tables (the default one is
 * static); the writers allocate only working memory, freed before they
 * return, and write through a caller-owned FILE (open it with ct_output).
 * ---------------------------------------------------------------------- */

typedef enum ct_gen_layout {
    CT_GEN_LAYOUT_ACD = 1, /* UCDP/PRIO ACD v23.1, conflict-year rows      */
    CT_GEN_LAYOUT_ACLED,   /* ACLED current 31-column layout, event rows   */
    CT_GEN_LAYOUT_GED,     /* UCDP GED native CSV, event rows              */
    CT_GEN_LAYOUT_TRUTH    /* the scenario's cells as a table              */
} ct_gen_layout;

/* Conflict classes, named as everywhere in ctrend ("interstate", ...).
 * CT_GEN_CLASS_NONE holds ACLED's non-conflict events (protests, riots,
 * strategic developments); its truth rows have class "none". */
typedef enum ct_gen_class {
    CT_GEN_CLASS_EXTRASYSTEMIC = 0,
    CT_GEN_CLASS_INTERSTATE,
    CT_GEN_CLASS_INTRASTATE,
    CT_GEN_CLASS_INTERNATIONALIZED,
    CT_GEN_CLASS_NONSTATE,
    CT_GEN_CLASS_ONESIDED,
    CT_GEN_CLASS_NONE,
    CT_GEN_CLASS_COUNT
} ct_gen_class;

/* One country of a scenario (codes are public reference facts). */
typedef struct ct_gen_country {
    int gwno;                 /* Gleditsch-Ward number                    */
    const char *iso3;         /* ISO 3166-1 alpha-3                       */
    int iso_num;              /* ISO 3166-1 numeric (ACLED's `iso`)       */
    const char *ucdp_name;    /* name as UCDP writes it ("DR Congo (Zaire)") */
    const char *acled_name;   /* name as ACLED writes it                  */
    int ucdp_region;          /* 1 Europe, 2 Middle East, 3 Asia,
                                 4 Africa, 5 Americas                     */
    const char *acled_region; /* ACLED region ("Eastern Africa"); also the
                                 ACLED-scheme subregion of Asian countries */
    int ucdp_loc;             /* 1: may host ACD/GED conflicts; 0 where the
                                 UCDP region and the ACLED scheme disagree
                                 (Georgia, Egypt, ...) so truth stays clear */
    double lat, lon;          /* rough centroid, degrees                  */
    int tenure_from;          /* start year of the current government in
                                 ACLED actor names, "(2014-)"             */
} ct_gen_country;

/* One piece of a trend (see the model above). */
typedef struct ct_gen_cell {
    ct_gen_layout layout;  /* ACD, ACLED or GED                           */
    const char *region;    /* ACD/GED: UCDP region name ("Asia");
                              ACLED: ACLED region name ("South Asia")     */
    const char *subregion; /* ACD/GED in Asia: ACLED-scheme subregion;
                              NULL for a whole region                     */
    ct_gen_class cls;      /* ACD: interstate, intrastate or
                              internationalized; GED: nonstate or onesided
                              (state-based GED events follow ACD cells);
                              ACLED: any but extrasystemic                */
    int from_year;         /* first year of this piece                    */
    double log_a;          /* log of the mean count per period at from_year
                              (January of from_year for ACLED)            */
    double slope;          /* change of log mean per year                 */
    double theta;          /* NB2 size per period; 0 means Poisson        */
} ct_gen_cell;

/* A conflict shared by two ACD cells of the same class: it fills one slot
 * of each cell's count, so that its gwno_loc lists one country of each
 * ("702, 365") and its region two codes ("3, 1"). */
typedef struct ct_gen_link {
    ct_gen_class cls;   /* class of both cells                             */
    int gwno_a;         /* primary location (government side)             */
    int gwno_b;         /* second location, in another cell                */
    double p_start;     /* chance per year of starting when both cells
                           have a free slot                               */
} ct_gen_link;

/* First year of ACLED coverage of a region. */
typedef struct ct_gen_coverage {
    const char *acled_region; /* ACLED region name                        */
    int first_year;           /* no events before this year               */
} ct_gen_coverage;

typedef struct ct_gen_scenario {
    const ct_gen_country *countries; size_t n_countries;
    const ct_gen_cell *cells;        size_t n_cells;
    const ct_gen_link *links;        size_t n_links;
    const ct_gen_coverage *coverage; size_t n_coverage;
    /* GED state-based events per active ACD conflict and year (Poisson
     * mean at scale 1), indexed by ct_gen_class (interstate, intrastate,
     * internationalized; other entries unused). */
    double ged_events_per_conflict[CT_GEN_CLASS_COUNT];
    /* Expected rows of each layout when --rows is not given (0: the
     * cells as they are, scale 1), indexed by ct_gen_layout. */
    unsigned long default_rows[CT_GEN_LAYOUT_TRUTH + 1];
} ct_gen_scenario;

/* The built-in scenario (static, never NULL); see datasets/synthetic. */
const ct_gen_scenario *ct_gen_default_scenario(void);

#define CT_GEN_DEFAULT_SEED 42u
#define CT_GEN_DEFAULT_FROM 1989
#define CT_GEN_DEFAULT_TO 2023

typedef struct ct_gen_options {
    uint64_t seed;          /* random seed                                 */
    int from_year;          /* first year written                          */
    int to_year;            /* last year written (>= from_year)            */
    unsigned long rows;     /* expected rows: every mean of the layout is
                               multiplied by rows / E[rows at scale 1];
                               0: the scenario's default_rows             */
    const ct_gen_scenario *scenario; /* NULL: the default scenario        */
} ct_gen_options;

#define CT_GEN_OPTIONS_INIT                                                  \
    {.seed = CT_GEN_DEFAULT_SEED, .from_year = CT_GEN_DEFAULT_FROM,         \
     .to_year = CT_GEN_DEFAULT_TO, .rows = 0, .scenario = NULL}

/* Writers: each writes one complete CSV file (header first, LF line ends)
 * to out, deterministically for opt (NULL: defaults). They return CT_OK,
 * CT_EUSAGE for bad options (years outside 1946-2100, from > to), CT_EDOMAIN
 * when rows is given but the layout has no events in the years, CT_EIO on a
 * write error or CT_ENOMEM.
 *
 * ACD: UcdpPrioConflict v23.1 columns, every field double-quoted. Each year
 * every ACD cell has N ~ NB2(mu, theta) distinct active conflicts.
 * ACLED: the current 31 columns, RFC 4180 quoting only where needed; events
 * per (ACLED region, class, month) ~ NB2, none before the region's coverage.
 * Constant memory, so millions of rows stream.
 * GED: the native GED CSV columns (49; the HDX copies add iso3). State-based
 * events belong to the ACD conflicts of the same seed and years generated
 * without rows (conflict_new_id joins to ACD conflict_id).
 * Truth: one row per cell and year range actually written, with log_a
 * re-anchored and scaled for opt, so the table matches files generated with
 * the same options. */
int ct_gen_write_acd(FILE *out, const ct_gen_options *opt, ct_error *err);
int ct_gen_write_acled(FILE *out, const ct_gen_options *opt, ct_error *err);
int ct_gen_write_ged(FILE *out, const ct_gen_options *opt, ct_error *err);
int ct_gen_write_truth(FILE *out, const ct_gen_options *opt, ct_error *err);
/* Calls the writer of layout. */
int ct_gen_write(FILE *out, ct_gen_layout layout, const ct_gen_options *opt,
                 ct_error *err);

/* "acd", "acled", "ged", "truth"; NULL when unknown. */
const char *ct_gen_layout_name(ct_gen_layout layout);
/* Inverse of ct_gen_layout_name (case-sensitive); 0 when unknown. */
ct_gen_layout ct_gen_layout_parse(const char *name);
/* "interstate", ..., "none"; NULL when out of range. */
const char *ct_gen_class_name(ct_gen_class cls);

/* Expected count (the truth) of a layout for opt: the sum of the means of
 * the cells matching region (NULL: every region), subregion (NULL: every
 * subregion of the region) and cls, in one period: month 1-12 of year
 * (ACLED only) or the whole year (month 0). ACLED months before coverage
 * are 0. GED's state-based classes give events (events per conflict times
 * the ACD mean); nonstate and onesided come from GED cells. Applies the
 * same rows scaling as the writers. Returns CT_OK or CT_EUSAGE. */
int ct_gen_expected(const ct_gen_options *opt, ct_gen_layout layout,
                    const char *region, const char *subregion,
                    ct_gen_class cls, int year, int month, double *out,
                    ct_error *err);

/* The factor by which the writers multiply every mean of layout for opt
 * (1 when rows is 0 and the scenario's default_rows is 0). */
int ct_gen_scale(const ct_gen_options *opt, ct_gen_layout layout,
                 double *out, ct_error *err);

#endif /* CT_GEN_H */
