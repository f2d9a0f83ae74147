/* SPDX-License-Identifier: MIT
 * load.h - streaming loaders for every UCDP and ACLED export layout.
 * The dataset and layout are detected from the header (or forced); columns
 * are found by name, never by position. Each record becomes a ct_obs handed
 * to a callback; nothing is kept, so memory does not grow with rows.
 */
#ifndef CT_LOAD_H
#define CT_LOAD_H

#include <stddef.h>

#include "ctrend/date.h"
#include "ctrend/error.h"
#include "ctrend/geo.h"
#include "ctrend/obs.h"

/* Years outside this range are rejected as impossible. */
#define CT_YEAR_MIN 1900
#define CT_YEAR_MAX 2100
/* Larger death counts in one record are rejected as impossible. */
#define CT_DEATHS_MAX 100000000L

/* Conflict types from an ACD or BRD file, for giving GED state-based
 * events their class (FORMATS.md: join conflict_new_id to conflict_id).
 * Opaque; immutable once loaded. */
typedef struct ct_typemap ct_typemap;

typedef struct ct_load_options {
    ct_dataset dataset; /* CT_DS_AUTO: detect from the header          */
    int skip_bad;       /* 1: skip bad records and count them          */
    const ct_geo *geo;  /* country table (required)                    */
    const char *display; /* name used in messages (NULL: the path)     */
    const ct_typemap *join; /* classes for GED state-based events, or
                               NULL (they stay `statebased`)           */
    int no_class;       /* 1: skip deriving ACLED classes (faster when
                           the consumer ignores cls; cls is then
                           CT_CLASS_UNCLASSIFIED for ACLED rows)       */
    /* Called now and then (about every 16 MiB) with bytes read so far
     * and the input's size (0 when unknown); may be NULL. */
    void (*progress)(unsigned long long done, unsigned long long total,
                     void *progress_ctx);
    void *progress_ctx;
    /* Day/month order of slash dates ("03/02/2021"). CT_DATE_ORDER_UNKNOWN:
     * decided once for the whole file before any record is handed on:
     * the first date that proves an order (a number over 12) decides it
     * for every row, whatever the thread count; a later date proving the
     * other order is an error naming both lines; with no proof, the
     * default of date.h (day-first with 4-digit years). Standard input
     * cannot be scanned twice: there an ambiguous date read before the
     * first proof of the non-default order makes the load fail. */
    ct_date_order date_order;
    int strict;         /* 1: a row whose year column disagrees with its
                           date, or whose death estimates are not
                           low <= best <= high, is an error (else: read
                           as given, counted by the date, reported in
                           info)                                       */
    unsigned long long parallel_min; /* files smaller than this are read
                           on one thread (0: CT_LOAD_PARALLEL_MIN); for
                           tests                                       */
    /* Called with every byte of the input exactly once, in order and as
     * read (before any decoding), by the pass that counts the records, so
     * that a caller can digest the input without reading it again; may be
     * NULL. With it the file is read on one thread. The bytes are whole
     * only when the load succeeds. */
    void (*on_bytes)(const void *p, size_t n, void *bytes_ctx);
    void *bytes_ctx;
    int no_dup_check;     /* 1: records repeated in the file are not
                           looked for (the caller finds them from
                           ct_obs.record_id and offset)                */
    size_t threads;       /* ct_load_file_parallel: most threads reading
                           its ranges at once (0: one per range)       */
} ct_load_options;

#define CT_LOAD_OPTIONS_INIT                                                 \
    {.dataset = CT_DS_AUTO, .skip_bad = 0, .geo = NULL, .display = NULL,    \
     .join = NULL, .no_class = 0, .progress = NULL, .progress_ctx = NULL,   \
     .date_order = CT_DATE_ORDER_UNKNOWN, .strict = 0, .parallel_min = 0,  \
     .on_bytes = NULL, .bytes_ctx = NULL, .no_dup_check = 0, .threads = 0}

/* Where a slash-date order came from (ct_load_info.date_order_from). */
typedef enum ct_date_order_from {
    CT_ORDER_NONE = 0,   /* no ambiguous slash date: the order did not
                            matter                                     */
    CT_ORDER_OPTION,     /* given in ct_load_options.date_order        */
    CT_ORDER_PROOF,      /* proved by the date on date_order_line      */
    CT_ORDER_DEFAULT     /* nothing proves it: the default of date.h   */
} ct_date_order_from;

typedef struct ct_load_info {
    ct_dataset dataset;  /* dataset read                               */
    ct_layout layout;    /* layout variant                             */
    ct_unit unit;        /* what one row is                            */
    char version[64];    /* version from the file, "" when none        */
    char delimiter;      /* field delimiter found                      */
    long rows;           /* data records read (HXL line not counted)   */
    long skipped;        /* bad records skipped (--skip-bad)           */
    long transcoded;     /* fields transcoded from Windows-1252        */
    long unresolved;     /* location values not in the country table   */
    char first_unresolved[64]; /* the first such value                 */
    int year_min;        /* first year seen (0 when no rows)           */
    int year_max;        /* last year seen                             */
    long per_class[CT_CLASS_COUNT]; /* rows per class                  */
    char first_skip[CT_ERROR_PATH_MAX + CT_ERROR_MSG_MAX + 32];
                         /* the first skipped record: "PATH:LINE: MSG" */
    /* covered span: first and last event date (day precision; 0 when
     * the file has no dated rows; then year_min/year_max is the span) */
    int first_date[3];   /* year, month, day of the earliest date      */
    int last_date[3];    /* of the latest date                         */
    /* slash dates */
    ct_date_order date_order;  /* order used for ambiguous slash dates
                                  (CT_DATE_ORDER_UNKNOWN: none seen)   */
    ct_date_order_from date_order_from; /* how it was decided          */
    long date_order_line;      /* the line whose date proved it        */
    char date_order_value[32]; /* that date as written                 */
    long ambiguous_dates;      /* slash dates that needed the order    */
    /* rows whose year column disagrees with their date (counted by the
     * date unless strict) */
    long year_mismatch;
    long first_year_mismatch;  /* line of the first                    */
    char year_mismatch_text[96]; /* "date '28/12/2015', year 2016"     */
    /* rows with no death count where the dataset allows it (ACLED and
     * HAPI `fatalities` empty or NA): counted as 0 deaths, reported   */
    long missing_deaths;
    long first_missing_deaths; /* line of the first                    */
    /* rows whose death estimates are not low <= best <= high (a few in
     * real UCDP releases): loaded as given, reported (strict: error) */
    long bad_estimates;
    long first_bad_estimates;  /* line of the first                    */
    char bad_estimates_text[160]; /* "'high' 1 is below 'best' 2"      */
    /* records whose identity (the dataset's key columns) repeats one
     * read before in the same file; without skip_bad that is an error
     * (except in the ACD, whose rows count distinct conflict ids) */
    long duplicates;
    long first_duplicate;      /* line of the first repeat             */
    long first_duplicate_of;   /* the line it repeats                  */
    /* how the file was read (ct_load_file_parallel) */
    int ranges;                /* byte ranges read on their own threads
                                  (1: the whole file on one thread)    */
    int repaired_ranges;       /* ranges read again from their true
                                  start because their cut fell inside a
                                  record (a quoted line break)         */
} ct_load_info;

/* Called once per record. Return CT_OK to go on; anything else stops the
 * load and is returned by ct_load_file (fill err to explain). */
typedef int (*ct_obs_fn)(const ct_obs *obs, void *ctx, ct_error *err);

/* Reads path ("-" or NULL: standard input), calling fn for every record.
 * info (may be NULL) is filled even on failure with what was read.
 * Returns CT_OK or a negative CT_E* code with err filled. */
int ct_load_file(const char *path, const ct_load_options *opt, ct_obs_fn fn,
                 void *ctx, ct_load_info *info, ct_error *err);

/* Like ct_load_file, in up to nthreads ranges: a regular file larger
 * than CT_LOAD_PARALLEL_MIN bytes is cut into ranges at record boundaries
 * and range i is read with fn(obs, ctx[i], err). opt->threads threads
 * (0: nthreads) read the ranges, each taking the next range in file
 * order when it is free, so that a core that runs slower reads fewer of
 * them. Within a range observations come in file order; across ranges in
 * no order, so fn must only aggregate. Errors are those of a one-thread run
 * (the first bad record in file order, with its line). A cut is a guess
 * at a record boundary, checked on the records after it before the read
 * and by the range before it after the read (a quoted line break may sit
 * there); when it was wrong, reset(ctx[i]) is called and range i alone is
 * read again from where the range before it really ended (on the calling
 * thread). reset NULL: the file is read on one thread. info is for the
 * whole file (info->ranges and info->repaired_ranges tell how it was
 * read). */
int ct_load_file_parallel(const char *path, const ct_load_options *opt,
                          size_t nthreads, ct_obs_fn fn, void *const *ctx,
                          int (*reset)(void *ctx), ct_load_info *info,
                          ct_error *err);

/* Reads single records of a regular file again by their byte offsets
 * (ct_obs.offset of an earlier load with the same options), converted as
 * the load converted them: how duplicates found after a load are taken
 * out again. Offsets should come in ascending order (a cursor reads
 * forward over small gaps and seeks over large ones). */
typedef struct ct_load_cursor ct_load_cursor;
/* Opens path (borrowed: it must outlive the cursor) and reads its header;
 * opt is copied. *out is NULL on failure. */
int ct_load_cursor_open(ct_load_cursor **out, const char *path,
                        const ct_load_options *opt, ct_error *err);
/* The record that starts at offset, in *obs (valid until the next call
 * or close). CT_EPARSE when no record starts there or it cannot be
 * converted. */
int ct_load_cursor_read(ct_load_cursor *c, unsigned long long offset,
                        const ct_obs **obs, ct_error *err);
void ct_load_cursor_close(ct_load_cursor *c);

/* Files smaller than this are read on one thread (unless
 * ct_load_options.parallel_min says otherwise). */
#define CT_LOAD_PARALLEL_MIN (32ULL * 1024 * 1024)

/* Reads the conflict types of an ACD or BRD file (opt as for
 * ct_load_file; its join is ignored). Any other dataset is CT_EUSAGE. */
int ct_typemap_load(ct_typemap **out, const char *path,
                    const ct_load_options *opt, ct_error *err);
void ct_typemap_free(ct_typemap *m);
/* The class of conflict_id in year: that year's type when the file has
 * the conflict-year, else the type of the conflict's nearest year; 
 * CT_CLASS_STATEBASED when the conflict is absent. */
ct_class ct_typemap_get(const ct_typemap *m, const char *conflict_id,
                        int year);
/* Conflicts in the map. */
size_t ct_typemap_count(const ct_typemap *m);

/* Detects the dataset of a header row (n names). Returns CT_DS_AUTO when
 * the header is not one ctrend knows; *layout gets the variant. */
ct_dataset ct_load_detect(const char *const *names, size_t n,
                          ct_layout *layout);

#endif /* CT_LOAD_H */
