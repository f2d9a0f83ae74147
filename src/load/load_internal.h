/* SPDX-License-Identifier: MIT
 * load_internal.h - what the files of the loader share (not installed):
 * column roles, the per-file loader state, the per-range worker, and the
 * helpers one file defines for the others (prefix ld_).
 */
#ifndef CT_LOAD_INTERNAL_H
#define CT_LOAD_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "ctrend/date.h"
#include "ctrend/load.h"
#include "load/csv_reader.h"

/* Buffer of a reader's id spill (the duplicate check), bytes; sealed
 * when its range is read, so only the ranges being read hold one. */
#define LD_SPILL_CAP (2u * 1024u * 1024u)

/* Column roles. */
enum col {
    COL_CONFLICT_ID, COL_DYAD_ID, COL_ACTOR_ID, COL_YEAR, COL_TYPE,
    COL_REGION, COL_GWNO_LOC, COL_GWNO_LOCATION, COL_GWNO_BATTLE,
    COL_LOCATION, COL_VERSION, COL_BD_BEST, COL_BD_LOW, COL_BD_HIGH,
    COL_BEST_EST, COL_LOW_EST, COL_HIGH_EST,
    /* GED */
    COL_ID, COL_TOV, COL_CONFLICT_NEW_ID, COL_DATE_START, COL_COUNTRY,
    COL_COUNTRY_ID, COL_BEST, COL_LOW, COL_HIGH,
    /* ACLED */
    COL_EVENT_ID_CNTY, COL_EVENT_DATE, COL_EVENT_TYPE, COL_ACTOR1,
    COL_ASSOC1, COL_INTER1, COL_ACTOR2, COL_ASSOC2, COL_INTER2, COL_ISO,
    COL_ISO3, COL_GWNO, COL_FATALITIES, COL_CIV_TARGETING,
    COL_ALLY1, COL_ALLY2,
    /* HDX HAPI */
    COL_LOCATION_CODE, COL_ADMIN_LEVEL, COL_ADMIN1_CODE, COL_ADMIN2_CODE,
    COL_EVENTS, COL_PERIOD_START, COL_PROV_ADMIN1, COL_PROV_ADMIN2,
    COL_N
};

/* Slash dates met while the order was not decided beforehand (standard
 * input): the first ambiguous one read with each default, and the first
 * proof of each order. Lines are of this reader's range. */
typedef struct date_track {
    long amb4, amb2;         /* ambiguous, 4-digit (read day-first) and
                                2-digit year (read month-first)       */
    long dmy, mdy;           /* first proof of each order             */
    char amb4_v[32], amb2_v[32], dmy_v[32], mdy_v[32]; /* the values  */
} date_track;

/* Loader state for one file. */
typedef struct loader {
    const ct_load_options *opt;
    ct_load_info *info;
    ct_csv *csv;
    const char *name;        /* display name                         */
    int col[COL_N];          /* field index per role, -1 when absent */
    enum col date_col;       /* the date column (COL_N: none)        */
    ct_date_order order;     /* slash-date order decided for the file
                                (UNKNOWN: not decided)               */
    long order_line;         /* absolute line that proved it, or 0   */
    char order_value[32];    /* that date                            */
    date_track dt;           /* when not decided beforehand          */
    int learn;               /* one reader and no order decided: the
                                first proof (dt) orders the ambiguous
                                dates after it (check_dates refuses
                                those before it)                    */
    const char *id_desc;     /* the key columns, for messages        */
    ct_obs obs;
    char *record_id;         /* identity of the record (grown)       */
    size_t record_cap;
    struct ct_keyspill *ids; /* hashes of the identities read,
                                with where they are (the duplicate
                                check; bounded memory, core/spill.h)  */
    uint32_t ids_src;        /* this reader's index, for the spill   */
    int id_bits;             /* 1: ids of a code and a number go to
                                idset (seekable files, which can be
                                read again to name the repeats)       */
    struct ct_idset *idset;  /* those ids, a bit each (idset.h)      */
    int idset_redo;          /* an id of idset came again, or it was
                                full: the file is checked again      */
    char version[64];
    size_t header_n;         /* fields in the header                 */
    int too_many_loc;        /* the record named > CT_OBS_MAX_LOC    */
    size_t min_fields;       /* last named header field + 1          */
} loader;

/* One reader of a file or of a range of it. */
typedef struct worker {
    loader L;                 /* column map and current observation  */
    ct_load_info info;        /* this worker's counts                */
    ct_error err;             /* its error, when rc < 0              */
    ct_error skip_err;        /* its first skipped record            */
    int rc;                   /* CT_OK or the error it stopped with  */
    int cut_short;            /* stopped before its range's end      */
    ct_obs_fn fn;             /* where observations go               */
    void *ctx;
    size_t index;             /* 0 .. n-1, in file order             */
    unsigned long long start, stop; /* byte range                    */
    _Atomic unsigned long long done; /* bytes read, for progress     */
    struct shared *sh;        /* what all workers of a file share    */
} worker;

typedef struct shared {
    _Atomic size_t min_failed;  /* lowest worker index that failed    */
    _Atomic size_t next;        /* next range to read (run_threads)   */
    atomic_flag reporting;      /* a thread is calling opt->progress  */
    worker *w;                  /* all workers                        */
    size_t n;
    const ct_load_options *opt;
    unsigned long long total;   /* input size                         */
    unsigned long long next_report; /* next progress call (worker 0)  */
} shared;

/* Header names of the column roles (load_detect.c). */
extern const char *const ld_col_name[COL_N];
/* An HXL hashtag row: every non-empty cell starts with '#'. */
int ld_is_hxl(ct_csv *csv, ct_csv_record *r);
/* Maps the header h to column roles and sets the dataset, layout and
 * unit (L->opt may force the dataset). */
int ld_map_header(loader *L, const ct_csv_record *h, ct_error *err);

/* load_fields.c */
void ld_add_loc(loader *L, const ct_country *c);
int ld_check_estimates(const loader *L, const ct_csv_record *r, enum col lo,
                       enum col best, enum col hi, ct_error *err);
/* Field c of record r, "" when the file has no such column (inline: the
 * loader reads several fields of every record through it). */
static inline const char *ld_get(const loader *L, const ct_csv_record *r,
                                 enum col c)
{
    int i = L->col[c];
    if (i < 0 || (size_t)i >= r->n)
        return "";
    /* the reader is lazy: only the columns used are ever terminated */
    return ct_csv_get(L->csv, (ct_csv_record *)r, (size_t)i);
}
int ld_get_date(loader *L, const ct_csv_record *r, enum col c, ct_error *err);
int ld_get_deaths(const loader *L, const ct_csv_record *r, enum col c,
                  double *out, ct_error *err);
int ld_get_gwno_list(loader *L, const ct_csv_record *r, enum col c,
                     ct_error *err);
int ld_get_int(const loader *L, const ct_csv_record *r, enum col c, long lo,
               long hi, long *out, ct_error *err);
int ld_get_regions(loader *L, const ct_csv_record *r, ct_error *err);
int ld_int_value(const loader *L, const ct_csv_record *r, enum col c,
                 const char *s, long lo, long hi, long *out, ct_error *err);
int ld_iso_date(const char *s, ct_date *out);
int ld_get_year(loader *L, const ct_csv_record *r, ct_error *err);
/* ld_is_missing for a value that begins with a space or an 'N'. */
int ld_is_missing_slow(const char *s);
/* A missing value: empty, or R's NA written out (inline: most values
 * are told apart by their first byte). */
static inline int ld_is_missing(const char *s)
{
    if (*s != ' ' && *s != 'N')
        return *s == '\0';
    return ld_is_missing_slow(s);
}
void ld_keep_value(char *dst, size_t n, const char *s);
void ld_missing_deaths(loader *L, const ct_csv_record *r);
int ld_parse_long(const char *s, long *out);
void ld_regions_from_locations(loader *L);
int ld_set_id(loader *L, const char *const *parts, size_t n, int year);
int ld_set_id2(loader *L, const char *a, const char *b, int year);
void ld_span_add(ct_load_info *info, int y, int m, int d);
void ld_unresolved(loader *L, const char *what);

/* load_ucdp.c */
int ld_row_ged(loader *L, const ct_csv_record *r, ct_error *err);
int ld_row_ucdp(loader *L, const ct_csv_record *r, ct_error *err);

/* load_acled.c */
int ld_row_acled(loader *L, const ct_csv_record *r, ct_error *err);

/* load_hapi.c */
int ld_row_hapi(loader *L, const ct_csv_record *r, ct_error *err);

/* load_finish.c */
/* ld_finish_load: ids repeat (or might: a set was full), and only a
 * read with every id in the spill can name the lines (load.c). */
#define LD_RESCAN 1
int ld_finish_load(ct_load_info *info, worker *w, size_t n, long header_lines,
                   int rc, const char *path, int seekable, ct_error *err);
void ld_format_first_skip(ct_load_info *info, worker *w, size_t n,
                          long header_lines);
long ld_line_base(worker *w, size_t k, long header_lines);
/* Threads that read a file cut into n ranges: opt->threads (0: one a
 * range), at most n. */
static inline size_t ld_readers(const ct_load_options *opt, size_t n)
{
    return opt->threads && opt->threads < n ? opt->threads : n;
}

/* load.c */
int ld_convert(loader *L, const ct_csv_record *r, ct_error *err);

#endif /* CT_LOAD_INTERNAL_H */
