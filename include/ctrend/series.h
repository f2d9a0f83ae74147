/* SPDX-License-Identifier: MIT
 * series.h - zero-filled time series of conflicts, events or deaths per
 * year or month, grouped by class, region, subregion, country or event
 * type. A builder consumes observations one at a time (it is a ct_obs_fn),
 * so memory grows with the number of cells and conflicts, not rows.
 *
 * Counting rules:
 *  - conflicts: distinct conflict ids active in the period and group;
 *  - events: rows (an aggregated HAPI row adds its event count);
 *  - deaths: the sum of the chosen estimate;
 *  - an observation located in several regions, subregions or countries
 *    counts once in each, and once in an ungrouped total;
 *  - filters (--class, --region, ...) keep the matching values of a
 *    multi-valued observation, so a conflict in "Europe, Asia" selected
 *    with --region Asia counts only under Asia;
 *  - the period range is the data's (the span of every file read, before
 *    any selection) unless from/to say otherwise;
 *  - coverage (README "Counting"): each file covers the span from its
 *    first to its last date, at the precision the dataset is published
 *    in (days for ACLED events, months for GED events and HAPI
 *    aggregates, years for the yearly UCDP datasets). A country is
 *    covered where any file holding it is (the union of their spans); a
 *    group where every country seen in it is (the intersection) and, for
 *    ACLED and HAPI, from the ACLED coverage start of its region. Periods
 *    of a group its covered days miss are NaN (missing), not 0; periods
 *    they cover only in part are flagged partial. CT_COVERAGE_DATA drops the
 *    ACLED start, CT_COVERAGE_NONE zero-fills everything.
 */
#ifndef CT_SERIES_H
#define CT_SERIES_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/error.h"
#include "ctrend/geo.h"
#include "ctrend/obs.h"

typedef enum ct_measure {
    CT_MEASURE_CONFLICTS = 0,
    CT_MEASURE_EVENTS,
    CT_MEASURE_DEATHS
} ct_measure;

/* Which coverage rule marks periods NaN (see above). */
typedef enum ct_coverage {
    CT_COVERAGE_ACLED = 0, /* file spans and the ACLED start (default)    */
    CT_COVERAGE_DATA,      /* file spans only                              */
    CT_COVERAGE_NONE       /* none: every period counts, zero-filled       */
} ct_coverage;

typedef enum ct_estimate { CT_EST_BEST = 0, CT_EST_LOW, CT_EST_HIGH } ct_estimate;

typedef enum ct_key {
    CT_KEY_CLASS = 0,
    CT_KEY_REGION,
    CT_KEY_SUBREGION,
    CT_KEY_COUNTRY,
    CT_KEY_EVENT_TYPE,
    CT_KEY_COUNT
} ct_key;

#define CT_SERIES_MAX_KEYS 5
/* Most cells (periods x groups) a series may hold (README "Limits"). */
#define CT_SERIES_MAX_CELLS 20000000UL

typedef struct ct_series_options {
    int by_month;           /* 1: periods are months, 0: years          */
    ct_measure measure;     /* what to count                            */
    ct_estimate estimate;   /* which death estimate                     */
    ct_key keys[CT_SERIES_MAX_KEYS]; /* group keys, in output order     */
    size_t n_keys;          /* number of group keys (0: one total)      */
    unsigned class_mask;    /* bit c for class c; 0 keeps every class   */
    const char *const *regions;    /* region filter (names or 1-5)      */
    size_t n_regions;              /* 0: no filter                      */
    const char *const *subregions; /* subregion filter                  */
    size_t n_subregions;
    const char *const *countries;  /* country filter (name, ISO3, GW)   */
    size_t n_countries;
    int from;               /* first year, 0: the data's first          */
    int to;                 /* last year, 0: the data's last            */
    ct_scheme scheme;       /* subregion scheme                         */
    int dedup;              /* 1: count records with the same id once   */
    const ct_geo *geo;      /* country table (required)                 */
    ct_measure extra[2];    /* more measures computed in the same pass  */
    ct_estimate extra_estimate[2]; /* the death estimate of extra[i] when
                               it is deaths (default best; `estimate` is
                               `measure`'s): deaths with extra deaths of
                               estimates low and high give the range of
                               deaths in one pass over the data         */
    size_t n_extra;         /* how many (0: only `measure`)             */
    ct_coverage coverage;   /* coverage rule (default CT_COVERAGE_ACLED) */
} ct_series_options;

#define CT_SERIES_OPTIONS_INIT                                               \
    {.by_month = 0, .measure = CT_MEASURE_CONFLICTS,                        \
     .estimate = CT_EST_BEST, .keys = {CT_KEY_CLASS}, .n_keys = 0,          \
     .class_mask = 0u, .regions = NULL, .n_regions = 0,                     \
     .subregions = NULL, .n_subregions = 0, .countries = NULL,              \
     .n_countries = 0, .from = 0, .to = 0, .scheme = CT_SCHEME_ACLED,       \
     .dedup = 0, .geo = NULL,                                               \
     .extra = {CT_MEASURE_EVENTS, CT_MEASURE_EVENTS}, .n_extra = 0,         \
     .extra_estimate = {CT_EST_BEST, CT_EST_BEST},                          \
     .coverage = CT_COVERAGE_ACLED}

/* A series: n rows of (period, keys..., value). Transparent, like
 * gsl_vector, so that statistics and charts read its arrays directly.
 * Made by ct_series_builder_finish (sorted by period then keys,
 * zero-filled over every period in range and every group combination
 * that occurs in the selection), ct_series_read_csv, or ct_series_alloc
 * for a caller that fills one itself. Only these three make a series that
 * ct_series_free may free (it frees every array below with free() and
 * the strings the series owns); a ct_series declared by the caller is
 * not one. */
typedef struct ct_series {
    size_t n;             /* rows                                       */
    size_t n_keys;        /* group keys per row                         */
    ct_key keys[CT_SERIES_MAX_KEYS]; /* which keys                      */
    int by_month;         /* periods are months                         */
    int *year;            /* year of row i                              */
    int *month;           /* month of row i (0 for yearly series)       */
    const char **key;     /* key j of row i at key[i * n_keys + j]      */
    double *value;        /* the measure; NaN where not covered         */
    size_t n_extra;       /* extra measures (options' n_extra)          */
    ct_measure measures[3]; /* measure, then the extra ones             */
    double *extra[2];     /* values of the extra measures, like value   */
    ct_dataset dataset;   /* dataset the rows came from                 */
    long used;            /* observations that matched the selection    */
    long duplicates;      /* records skipped as duplicates              */
    int reread;           /* ct_series_from_files: 1 when several files
                             read in parallel had to be read again on one
                             thread (a later copy of a record fell into
                             other periods or groups than the first)    */
    long seen;            /* observations read, before the selection    */
    unsigned char *partial; /* row i: 1 when its period is covered only
                             in part, else 0; NULL when no row is      */
    char version[64];     /* dataset version the first file states
                             (ct_series_from_files), "" when none      */
} ct_series;

typedef struct ct_series_builder ct_series_builder;

/* Validates opt and creates a builder; *out is NULL on failure (an
 * unknown region or country in a filter is CT_EUSAGE). */
int ct_series_builder_alloc(ct_series_builder **out,
                            const ct_series_options *opt, ct_error *err);
void ct_series_builder_free(ct_series_builder *b);

/* Starts the next input file: the observations added from now on belong
 * to it, for its covered span (see above). Without a call, everything
 * belongs to one file. Builders that are merged must have had the same
 * calls (file i of one is file i of the other). */
int ct_series_builder_begin_file(ct_series_builder *b, ct_error *err);

/* Adds one observation (signature of ct_obs_fn; ctx is the builder).
 * Fails with CT_EDOMAIN when the dataset cannot give the measure or
 * differs from the datasets added before. */
int ct_series_builder_add(const ct_obs *obs, void *ctx, ct_error *err);

/* Adds everything src has seen into dst (built with the same options):
 * how per-thread builders of a parallel load are combined. Conflicts seen
 * by both count once. Not for builders with dedup set. */
int ct_series_builder_merge(ct_series_builder *dst,
                            const ct_series_builder *src, ct_error *err);
/* Forgets every observation added, and the files' spans (the files begun
 * stay, so that file i still merges with file i); signature for
 * ct_load_file_parallel's reset: ctx is the builder. */
int ct_series_builder_reset(void *ctx);

/* Builds the series; the builder stays usable only for freeing. */
int ct_series_builder_finish(ct_series_builder *b, ct_series **out,
                             ct_error *err);
void ct_series_free(ct_series *s);

/* A series of n rows for the caller to fill: n_keys group keys
 * (<= CT_SERIES_MAX_KEYS; keys[] CT_KEY_COUNT, to be set), n_extra extra
 * measures (<= 2); year and month 0, every value and extra value NaN,
 * every key "" (key pointers are the caller's to set: to strings that
 * outlive the series, or to copies from ct_series_intern); partial NULL
 * (the caller may set it to a malloc'd array of n flags, which
 * ct_series_free then frees); by_month 0, dataset CT_DS_AUTO, measures
 * CT_MEASURE_CONFLICTS, counters 0. The arrays are malloc'd: n may be
 * lowered, not raised. Returns CT_OK, CT_EUSAGE, CT_ELIMIT (n over
 * CT_SERIES_MAX_CELLS) or CT_ENOMEM, with *out NULL on failure. */
int ct_series_alloc(ct_series **out, size_t n, size_t n_keys,
                    size_t n_extra, ct_error *err);
/* A copy of str owned by s (equal strings share one copy), for key
 * values; NULL when out of memory. */
const char *ct_series_intern(ct_series *s, const char *str);

/* "class", "region", ... and their inverse (CT_KEY_COUNT if unknown). */
const char *ct_series_key_name(ct_key k);
ct_key ct_series_key_parse(const char *s);
const char *ct_series_measure_name(ct_measure m);

/* Writers of a series in every format: ct_report_series (report.h). */

/* Limits of ct_series_read_csv (an error beyond them, not memory
 * exhaustion): columns of the header, bytes of one physical line (without
 * its LF; the CR of a CRLF counts) and data rows. */
#define CT_SERIES_CSV_MAX_COLS 32
#define CT_SERIES_CSV_MAX_LINE (1024UL * 1024)
#define CT_SERIES_CSV_MAX_ROWS CT_SERIES_MAX_CELLS

/* Reads a series in `ctrend series` CSV form from path ("-": standard
 * input, from where it stands), through the project's one CSV reader
 * (libcsv): a header "period,[keys,]value" on line 1 (a UTF-8 BOM is
 * skipped), then one record per row; fields are comma-separated,
 * optionally in RFC 4180 double quotes (a quoted field may hold commas,
 * doubled quotes and line breaks, as ct_report_series writes them; blanks
 * around an unquoted field are dropped); line ends are LF, CRLF or an old
 * Mac file's CR; blank lines are ignored; a field that is not valid UTF-8
 * is read as Windows-1252; a NUL byte is an error (a binary file).
 *  - period: YYYY (years 1000-9999) or YYYY-MM, the same kind on every row;
 *  - value column: value_col when not NULL, else `value`, else the last of
 *    the measure columns (conflicts, events, deaths), else the last column;
 *    a number, or NA or empty for a missing value (NaN);
 *  - a column `partial` (0 or 1, as ct_report_series writes it) sets
 *    s->partial; it is not a key;
 *  - key columns: every column but the period, the value, `partial` and
 *    the other measure columns, at most CT_SERIES_MAX_KEYS; their values are kept as
 *    strings, their names are given by ct_series_key_label;
 *  - within a group (a combination of key values) the periods of the rows
 *    that have a value must strictly increase.
 * The series keeps the rows in file order (it is not sorted or
 * zero-filled, unlike a built one); n_extra is 0, dataset CT_DS_AUTO,
 * used the number of rows, keys[j] ct_series_key_parse of the column name
 * (CT_KEY_COUNT for other names) and measures[0] the measure the value
 * column names (CT_MEASURE_CONFLICTS when it names none, as `value`).
 * name is the name used in messages (NULL: path, or "<stdin>"). Returns
 * CT_OK with *out set (free it with ct_series_free), or CT_EPARSE
 * (malformed input, with the physical line where the bad record starts in
 * err), CT_ELIMIT, CT_EIO ("cannot open 'PATH': ...") or CT_ENOMEM with
 * *out NULL; err may be NULL. Numbers are read with strtod: run in the C
 * locale (the CLI never calls setlocale). */
int ct_series_read_csv_path(ct_series **out, const char *path,
                            const char *name, const char *value_col,
                            ct_error *err);
/* The same from a stream, read from where it stands to its end (any
 * stream, fmemopen included; in is borrowed: the caller closes it). name
 * may be NULL (messages then name no file). */
int ct_series_read_csv(ct_series **out, FILE *in, const char *name,
                       const char *value_col, ct_error *err);

/* Name of group key j of s (j < s->n_keys): the header's column name for
 * a series from ct_series_read_csv(_path), else
 * ct_series_key_name(s->keys[j]). s must come from ct_series_read_csv(_path)
 * or ct_series_builder_finish. */
const char *ct_series_key_label(const ct_series *s, size_t j);

/* ------------------------------------------------------- the pipeline ---
 * Files and selection options in, one series out: what `ctrend series`
 * and `ctrend fit` do with exports. (Appended block; ctrend/load.h is
 * included for the load options.) */
#include "ctrend/load.h"

/* Where ct_series_from_files failed (for the caller's message). */
typedef enum ct_series_stage {
    CT_SERIES_STAGE_GEO,    /* the country table                        */
    CT_SERIES_STAGE_JOIN,   /* the --join file                          */
    CT_SERIES_STAGE_SELECT, /* the selection (an unknown region: EUSAGE) */
    CT_SERIES_STAGE_LOAD    /* reading the files, building the series   */
} ct_series_stage;

typedef struct ct_series_files_options {
    ct_series_options so;   /* the selection; geo and dedup are set by
                               the call (dedup: when several files)     */
    ct_load_options lo;     /* dataset, skip_bad, strict, date order;
                               geo, join, display, progress and no_class
                               are set by the call                      */
    const ct_geo *geo;      /* the country table (borrowed), or NULL to
                               load geo_path                            */
    const char *geo_path;   /* countries.csv when geo is NULL           */
    const char *join_path;  /* a UCDP/PRIO conflict-year file giving
                               the class of GED events, or NULL         */
    size_t nthreads;        /* threads for a large file, or for several
                               files read at once (0: 1)                */
    int one_thread_dedup;   /* 1: several files are read one after the
                               other on one thread, keeping every record
                               id (the reference for the parallel read,
                               whose memory does not grow with them)    */
} ct_series_files_options;

/* What the caller hears while the files are read (every member may be
 * NULL): note gets each warning or notice as a sentence beginning with
 * the file's name ("NAME:LINE: warning: ..."; skipped records, records
 * counted once); file_begin and file_end frame each file; progress is
 * passed to the loader. ctx is passed to all of them. */
typedef struct ct_series_files_hooks {
    void (*note)(void *ctx, const char *msg);
    void (*file_begin)(void *ctx, const char *name);
    void (*file_end)(void *ctx);
    void (*progress)(unsigned long long done, unsigned long long total,
                     void *ctx);
    void *ctx;
} ct_series_files_hooks;

/* Builds one series from n export files (n >= 1): loads the country
 * table (unless given) and the join file, reads the files into one
 * series (several add up; a record id seen in several files counts once,
 * in the first file; one large file is read on opts->nthreads threads,
 * several files at once on as many, each thread into its own builder,
 * merged) and tells hooks what it found (several files: one file_begin
 * and file_end around all, progress over all). paths
 * ("-": standard input) are opened; names (may be NULL, or hold NULLs)
 * are the names to show for them instead. Returns CT_OK with *out set
 * (free with ct_series_free); otherwise *out is NULL, err says why (a file
 * holding duplicate records is CT_EDOMAIN at its first duplicate) and
 * *stage (may be NULL) where. */
int ct_series_from_files(ct_series **out, const char *const *paths,
                         const char *const *names, size_t n,
                         const ct_series_files_options *opts,
                         const ct_series_files_hooks *hooks,
                         ct_series_stage *stage, ct_error *err);

/* Whether p[0..n), the first bytes of an input (all of it when eof), start
 * a series in `ctrend series` CSV form (the first field of the first line
 * is `period`, in any case, after an optional BOM and quote) rather than
 * an export. An empty input or first line counts as one (it gets the
 * series reader's message). 16 bytes are enough to tell. */
int ct_series_csv_sniff(const char *p, size_t n, int eof);

/* One input argument (a path, or "-" for standard input), opened far
 * enough to tell what it is. A pipe or device cannot be read twice, so it
 * is copied to a temporary file (in $TMPDIR, else /tmp), removed by
 * ct_series_input_close. */
typedef struct ct_series_input {
    const char *name;      /* as given (borrowed); "-" is standard input */
    const char *path;      /* what to load: name, or spool              */
    char spool[4200];      /* the temporary copy ("" when none)         */
    int series_csv;        /* a series CSV (ct_series_csv_sniff), not an
                              export                                    */
} ct_series_input;

/* Opens name; CT_EIO ("cannot open/read 'NAME': ...") on failure. */
int ct_series_input_open(ct_series_input *in, const char *name,
                         ct_error *err);
/* Reads a series-CSV input with ct_series_read_csv_path (errors carry its
 * name and line). */
int ct_series_input_read_csv(ct_series_input *in, const char *value_col,
                             ct_series **out, ct_error *err);
/* Removes the temporary copy, if any. */
void ct_series_input_close(ct_series_input *in);

/* Numbers the groups of s (rows with the same key values) in order of
 * first appearance: (*gid)[i] is the group of row i (s->n entries),
 * (*first)[g] the first row of group g (*n_groups entries are meaningful).
 * Linear for a built series, which cycles through its groups period by
 * period. The caller frees *gid and *first with free(); on failure
 * (CT_ENOMEM) both are NULL. */
int ct_series_groups(const ct_series *s, size_t **gid, size_t **first,
                     size_t *n_groups, ct_error *err);

#endif /* CT_SERIES_H */
