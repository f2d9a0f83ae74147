/* SPDX-License-Identifier: MIT
 * series_internal.h - what the files of the series module share (not
 * installed): the builder's state, the hidden part of a series, and the
 * helpers used across series.c (builder), series_finish.c (coverage and
 * the finished series), series_write.c and series_read.c (CSV).
 */
#ifndef CT_SERIES_INTERNAL_H
#define CT_SERIES_INTERNAL_H

#include <stdint.h>

#include "core/strtab.h"
#include "ctrend/series.h"

#define PCACHE 256 /* entries of the value-id cache (a power of two) */
/* Entries (as powers of two) of the caches in front of interning a value
 * string that lives in the record (by its bytes), a combination (by its
 * value ids) and a cell (by period and combination). Each is direct
 * mapped; a hit is taken only when the whole key compares equal. */
#define SCACHE_BITS 6
#define CCACHE_BITS 10
#define KCACHE_BITS 10
/* Entries (a power of two) of the cache of the group of a record with one
 * place whose values are all stable (add_one_place). */
#define MCACHE_BITS 8

typedef struct series_impl {
    ct_series pub;       /* what callers see (first member)           */
    ct_strtab *vals;     /* owned storage of key strings               */
    const char *key_label[CT_SERIES_MAX_KEYS]; /* key column names of a
                            series read from CSV (in vals), else NULL  */
} series_impl;

/* What one input file covers: the days from its first to its last date
 * (at the dataset's precision) and the countries it holds. */
typedef struct file_span {
    long d0, d1;          /* days since 1970-01-01; d0 > d1: no data    */
    unsigned char *cset;  /* bit per country of the table, then one for
                             records located in no known country       */
} file_span;

struct ct_series_builder {
    ct_series_options opt;
    file_span *files;           /* the input files, in order           */
    size_t n_files, files_cap;  /* files begun; current is n_files - 1 */
    size_t ngeo;                /* countries in the table              */
    size_t cbytes;              /* bytes of a country set              */
    unsigned char *combo_cset;  /* combo id -> countries seen in it    */
    unsigned char *out_cset;    /* countries of out-of-range rows (they
                                   bound the ungrouped total)         */
    long seen_obs;              /* observations added                  */
    unsigned region_filter;     /* bit mask; 0 = none                  */
    const ct_country **cfilter; /* resolved country filter             */
    ct_strtab *vals;            /* group value strings -> id           */
    ct_strtab *combos;          /* packed value ids -> combo id        */
    long *combo_vals;           /* combo id -> n_keys value ids        */
    size_t combo_cap;
    ct_strtab *cells;           /* (period, combo) -> cell id          */
    double *cv[3];              /* per measure: cell id -> value       */
    ct_measure meas[3];         /* the measures, primary first         */
    ct_estimate est[3];         /* their death estimates               */
    size_t nmeas;
    size_t cell_cap;
    ct_strtab *conf;            /* (cell, conflict id) seen            */
    long *conf_n;               /* conf id -> records that support it
                                   (so a record taken out again removes
                                   a conflict only when it was the last) */
    size_t conf_cap;
    size_t cur_file;            /* file index of the current records   */
    ct_strtab *seen;            /* record ids seen (dedup)             */
    ct_dataset dataset;         /* first dataset added                 */
    long pmin, pmax;            /* observed period range               */
    long used, duplicates;
    int checked;                /* dataset/measure checked             */
    struct {
        const char *p;          /* a stable value string               */
        long id;                /* its id in vals                      */
    } pcache[PCACHE];           /* saves hashing names seen before     */
    /* the caches of SCACHE_BITS and so on: emptied with the tables
     * they stand for (ct_series_builder_reset) */
    struct {
        const char *s;          /* an interned value string, or NULL   */
        size_t n;               /* its length                          */
        long id;                /* its id in vals                      */
    } scache[1 << SCACHE_BITS];
    long ccache[1 << CCACHE_BITS]; /* combo id + 1 (0: empty)        */
    struct {
        long period, combo;     /* the key                             */
        long cell;              /* its cell id + 1 (0: empty)          */
    } kcache[1 << KCACHE_BITS];
    struct {
        const ct_country *loc;  /* the place,                          */
        const char *type;       /* the static event type               */
        int cls;                /* and the class of a record ...       */
        long combo;             /* ... give this combo id + 1 (0: empty) */
    } mcache[1 << MCACHE_BITS];
    const ct_country *geo0;     /* the country table's first entry     */
    long day_ymd, day_no;       /* the last day (year, month, day packed;
                                   0: none) and its day number        */
};

#define SET_BIT(set, i) ((set)[(i) >> 3] |= (unsigned char)(1u << ((i) & 7)))
#define HAS_BIT(set, i) ((set)[(i) >> 3] >> ((i) & 7) & 1u)

/* Interns a combination of n_keys value ids; its id, or -1 (CT_ENOMEM in
 * err). series.c */
long series_intern_combo(ct_series_builder *b, const long *ids,
                         ct_error *err);

/* Makes file i (0-based, in command-line order) the current one for the
 * coverage of the records added next, beginning files up to it. */
int series_builder_use_file(ct_series_builder *b, size_t i, ct_error *err);
/* 1 when o passes the builder's filters, that is, reaches the point where
 * a builder with dedup set looks for its id. */
int series_builder_passes(const ct_series_builder *b, const ct_obs *o);
/* Takes out again what ct_series_builder_add(o) added for an observation
 * that passes the filters (and counts it as a duplicate): events and
 * deaths subtracted, a conflict of a cell removed when o was its last
 * record. Periods, groups and coverage stay: the caller makes sure an
 * earlier record with the same series_obs_shape still stands for them. */
int series_builder_sub(ct_series_builder *b, const ct_obs *o, ct_error *err);
/* A hash of what decides where o goes (period, groups, countries,
 * class, regions), without the measures and the conflict id. */
uint64_t series_obs_shape(const ct_obs *o);

#endif /* CT_SERIES_INTERNAL_H */
