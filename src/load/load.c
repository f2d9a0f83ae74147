/* SPDX-License-Identifier: MIT
 * load.c - the loader's driver (load.h): opening the file, reading its
 * header, then the records on one thread or, for a large regular file, on
 * several threads over byte ranges cut at checked guesses of record
 * boundaries (ct_load_file_parallel; a range whose cut was wrong is read
 * again from its true start), each record turned into a ct_obs
 * (convert) and handed to the caller.
 *
 * The rest of the loader: load_detect.c (dataset and columns),
 * load_fields.c (field grammar), load_ucdp.c, load_acled.c, load_hapi.c
 * (one record of each dataset), load_finish.c (checks after the read).
 */
#define _POSIX_C_SOURCE 200809L
#include "load/load_internal.h"

#include "core/spill.h"
#include "core/strtab.h"
#include "core/idset.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int ld_convert(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    size_t i;
    int rc;

    /* a record must reach the header's last named column; extra fields
     * must be empty (a half-written download ends in a short record) */
    if (r->n < L->min_fields)
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "record has %zu field%s, the header %zu: "
                            "truncated or broken record",
                            r->n, r->n == 1 ? "" : "s", L->header_n);
    for (i = L->header_n; i < r->n; i++)
        if (r->len[i] != 0)
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "record has %zu fields, the header only "
                                "%zu", r->n, L->header_n);

    o->month = o->day = 0;
    o->conflict_id = "";
    o->record_id = "";
    o->n_loc = 0;
    o->region_mask = 0;
    o->event_type = "";
    o->event_type_static = 1;
    o->country_name = "";
    o->best = o->low = o->high = (double)NAN;
    o->events = 1;
    o->line = r->line;
    o->cls = CT_CLASS_UNCLASSIFIED;
    if (L->col[COL_VERSION] >= 0 && L->version[0] == '\0') {
        snprintf(L->version, sizeof L->version, "%s",
                 ld_get(L, r, COL_VERSION));
        snprintf(L->info->version, sizeof L->info->version, "%s",
                 L->version);
    }
    o->version = L->version;
    L->too_many_loc = 0;
    switch (o->dataset) {
    case CT_DS_GED: rc = ld_row_ged(L, r, err); break;
    case CT_DS_ACLED: rc = ld_row_acled(L, r, err); break;
    case CT_DS_HAPI: rc = ld_row_hapi(L, r, err); break;
    default: rc = ld_row_ucdp(L, r, err); break;
    }
    if (rc == CT_OK && L->too_many_loc)
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "more than %d location countries in one "
                            "record (the limit)", CT_OBS_MAX_LOC);
    return rc;
}

#define PROGRESS_STEP (16ULL * 1024 * 1024)

static void report_progress(worker *w)
{
    shared *sh = w->sh;
    unsigned long long sum = 0;
    size_t i;

    atomic_store(&w->done, ct_csv_offset(w->L.csv) - w->start);
    if (sh->opt->progress == NULL ||
        atomic_flag_test_and_set(&sh->reporting))
        return; /* another reader is reporting */
    for (i = 0; i < sh->n; i++)
        sum += atomic_load(&sh->w[i].done);
    if (sum >= sh->next_report) {
        sh->opt->progress(sum + sh->w[0].start, sh->total,
                          sh->opt->progress_ctx);
        sh->next_report = sum + PROGRESS_STEP;
    }
    atomic_flag_clear(&sh->reporting);
}

/* Reads records until the worker's range ends; first_hxl: the first
 * record may be the HXL hashtag line of an HDX file. */
/* Tells a body reader which columns the loader uses, so that only those
 * are cut from each record. */
static int want_columns(loader *L, ct_csv *csv)
{
    unsigned char *want;
    size_t k;
    int rc;
    if (L->header_n == 0)
        return CT_OK;
    want = calloc(L->header_n, 1);
    if (want == NULL)
        return CT_ENOMEM;
    for (k = 0; k < COL_N; k++)
        if (L->col[k] >= 0)
            want[L->col[k]] = 1;
    ct_csv_lazy(csv, 1);
    rc = ct_csv_want(csv, want, L->header_n);
    free(want);
    return rc;
}

/* Records the identity of the current record for the duplicate check
 * at the end of the load (check_duplicates): a bit in the reader's id
 * set when the id is a code and a number (idset.h), else a 64-bit hash
 * of it with the reader and the line, in a spill of bounded memory. */
static int remember_id(loader *L)
{
    ct_spill_key r;
    uint32_t line = L->obs.line > 0 && L->obs.line < (long)UINT32_MAX
                        ? (uint32_t)L->obs.line : UINT32_MAX;
    const size_t n = strlen(L->obs.record_id);
    if (L->id_bits) {
        int k = ct_idset_add(&L->idset, L->obs.record_id, n, NULL);
        if (k < 0)
            return k;
        if (k == CT_ID_SEEN || k == CT_ID_FULL)
            L->idset_redo = 1; /* the lines are found by a read again */
        if (k != CT_ID_OTHER)
            return CT_OK;
    }
    if (L->ids == NULL && ct_keyspill_alloc(&L->ids, LD_SPILL_CAP) != CT_OK)
        return CT_ENOMEM;
    r.key = ct_hash_bytes(L->obs.record_id, n);
    /* the reader, then the line in its range: file order */
    r.aux = (uint64_t)L->ids_src << 32 | line;
    return ct_keyspill_add(L->ids, &r);
}

static int load_body(worker *w, int first_hxl)
{
    loader *L = &w->L;
    ct_load_info *info = &w->info;
    ct_csv_record rec;
    long nrec = 0, since = 0;
    int rc;

    L->ids_src = (uint32_t)w->index;
    for (;;) {
        unsigned long long at;
        if (atomic_load(&w->sh->min_failed) < w->index) {
            w->cut_short = 1; /* an earlier range failed: its error */
            return CT_OK;     /* wins, unless that range is redone  */
        }
        at = ct_csv_offset(L->csv);
        rc = ct_csv_next(L->csv, &rec, &w->err);
        if (rc == 0)
            break;
        if (++since == 4096) {
            since = 0;
            report_progress(w);
        }
        if (rc == 1 && first_hxl && nrec++ == 0 && ld_is_hxl(L->csv, &rec)) {
            if (info->layout == CT_LAYOUT_ACLED_EXPORT ||
                info->layout == CT_LAYOUT_ACLED_CURRENT)
                info->layout = CT_LAYOUT_ACLED_HDX;
            else
                info->layout = CT_LAYOUT_HDX;
            L->obs.layout = info->layout;
            continue;
        }
        if (rc == 1)
            rc = ld_convert(L, &rec, &w->err);
        L->obs.offset = at;
        if (rc == CT_EPARSE && L->opt->skip_bad && !ct_csv_dead(L->csv)) {
            if (info->skipped++ == 0)
                w->skip_err = w->err;
            continue;
        }
        if (rc < 0)
            return rc;
        if (L->obs.record_id[0] && !L->opt->no_dup_check &&
            (rc = remember_id(L)) != CT_OK)
            return ct_spill_error(&w->err, rc, L->name, L->obs.line, 0);
        if (L->obs.prec == CT_PREC_DAY)
            ld_span_add(info, L->obs.year, L->obs.month, L->obs.day);
        else if (L->obs.prec == CT_PREC_MONTH) {
            ld_span_add(info, L->obs.year, L->obs.month, 1);
            ld_span_add(info, L->obs.year, L->obs.month,
                     ct_date_days_in_month(L->obs.year, L->obs.month));
        }
        info->rows++;
        info->per_class[L->obs.cls]++;
        if (info->year_min == 0 || L->obs.year < info->year_min)
            info->year_min = L->obs.year;
        if (L->obs.year > info->year_max)
            info->year_max = L->obs.year;
        if ((rc = w->fn(&L->obs, w->ctx, &w->err)) != CT_OK) {
            /* a consumer's error names the file and record */
            if (w->err.path[0] == '\0')
                snprintf(w->err.path, sizeof w->err.path, "%s", L->name);
            if (w->err.line == 0)
                w->err.line = L->obs.line;
            else if (w->err.line == CT_ERROR_WHOLE_FILE)
                w->err.line = 0; /* about the file, not this record */
            return rc;
        }
    }
    report_progress(w);
    /* the range is done: its identities wait for the merge in little
     * memory while other ranges are read */
    if ((rc = ct_keyspill_seal(L->ids)) != CT_OK)
        return ct_spill_error(&w->err, rc, L->name, 0, 0);
    return CT_OK;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    w->rc = load_body(w, 0);
    if (w->rc < 0) {
        size_t cur = atomic_load(&w->sh->min_failed);
        while (w->index < cur &&
               !atomic_compare_exchange_weak(&w->sh->min_failed, &cur,
                                             w->index))
            ;
    }
    return NULL;
}

/* Opens path, reads the header (and HXL line) into L. On success *csv is
 * positioned after the header; *body and *lines tell where the data
 * records start; *peeked is 1 when the record after the header was read
 * and is data (only possible for non-seekable input, which keeps csv). */
static int load_header(loader *L, const char *path, ct_csv **csv,
                       ct_load_info *info, ct_error *err)
{
    ct_csv_record rec;
    int rc;

    rc = ct_csv_open(csv, path, L->opt->display, err);
    if (rc != CT_OK)
        return rc;
    if (L->opt->on_bytes != NULL)
        ct_csv_on_bytes(*csv, L->opt->on_bytes, L->opt->bytes_ctx);
    L->csv = *csv;
    L->name = ct_csv_display(*csv);
    rc = ct_csv_next(*csv, &rec, err);
    if (rc == 0)
        return ct_error_set(err, CT_EPARSE, L->name, 1,
                            "empty file: no header line");
    if (rc < 0)
        return rc;
    info->delimiter = ct_csv_delimiter(*csv);
    return ld_map_header(L, &rec, err);
}

/* Dated records with no slash date after which decide_order gives up
 * (a file of ISO dates is not read twice; check_dates then watches). */
#define ORDER_SCAN_PLAIN 4096

/* Decides the slash-date order of a seekable file before it is read:
 * reads only the date column from the first record on (after the header
 * at body, header_lines lines) until a date proves an order, passing
 * over dates of other forms (a re-save may have rewritten some). Gives up
 * after ORDER_SCAN_PLAIN dates none of which is a slash date (then
 * nothing is decided here and check_dates watches the load). */
static int decide_order(loader *L, const char *path, unsigned long long body,
                        long header_lines, char delim, ct_error *err)
{
    ct_csv *csv = NULL;
    ct_csv_record rec;
    ct_error e2;
    unsigned char *want;
    size_t col = (size_t)L->col[L->date_col];
    long plain = 0; /* dates read, none of them a slash date */
    int rc, first = 1;

    want = calloc(col + 1, 1);
    if (want == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    want[col] = 1;
    rc = ct_csv_open_range(&csv, path, L->opt->display, body, 0, delim, err);
    if (rc == CT_OK) {
        ct_csv_lazy(csv, 1);
        rc = ct_csv_want(csv, want, col + 1);
    }
    free(want);
    if (rc != CT_OK) {
        ct_csv_close(csv);
        return rc == CT_ENOMEM
                   ? ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory")
                   : rc;
    }
    for (;;) {
        const char *s;
        int kind;
        rc = ct_csv_next(csv, &rec, &e2);
        if (rc == 0 || (rc < 0 && ct_csv_dead(csv)))
            break; /* the load reports any error */
        if (rc < 0 || col >= rec.n)
            continue;
        s = ct_csv_get(csv, &rec, col);
        if (ld_is_missing(s) || (first && s[0] == '#'))
            continue; /* an HXL hashtag line */
        kind = ct_date_slash_kind(s);
        first = 0;
        if (kind < 0) {
            if (plain >= 0 && ++plain >= ORDER_SCAN_PLAIN)
                break;
            continue;
        }
        plain = -1; /* a slash date: read on to a proof */
        if (kind == CT_DATE_ORDER_DMY || kind == CT_DATE_ORDER_MDY) {
            L->order = (ct_date_order)kind;
            L->order_line = rec.line + header_lines;
            ld_keep_value(L->order_value, sizeof L->order_value, s);
            L->info->date_order = L->order;
            L->info->date_order_from = CT_ORDER_PROOF;
            L->info->date_order_line = L->order_line;
            memcpy(L->info->date_order_value, L->order_value,
                   sizeof L->info->date_order_value);
            break;
        }
    }
    ct_csv_close(csv);
    return CT_OK;
}

/* ---- cut points ---------------------------------------------------------
 * A range of a parallel read must start at a record start, but a line
 * end is one only outside quotes, and where the quotes are is known only
 * by reading from the file's start. So each cut is a guess that is
 * checked twice. First here, speculatively (as in Ge et al., "Speculative
 * Distributed CSV Data Parsing for Big Data Analytics", SIGMOD 2019): the
 * byte after a line end is taken only when the CUT_CHECK records from it,
 * read as if it were outside quotes, are well formed (a quote only at a
 * field's start, doubled inside a quoted field, or closing it before a
 * delimiter or line end) and have exactly the header's fields. A line
 * end inside a quoted note almost never passes: the rest of the note
 * ends in a closing quote in the middle of a field. Else the next line
 * end is tried, up to CUT_WINDOW bytes on; when none passes, the first
 * line end is used. Then, after the read, by the range before: where it
 * really ended is the true start of the next range (repair_ranges). */

#define CUT_CHECK 8                  /* records a cut is checked over   */
#define CUT_WINDOW (4ULL << 20)      /* how far a cut may move          */
#define CUT_BUF (96u << 10)          /* bytes held at a time: the records
                                        checked must fit; below malloc's
                                        mmap threshold, so that freeing
                                        it does not raise that threshold */
#define CUT_STEP (32u << 10)         /* bytes read at a time            */

/* A sliding view of the file after one guess (one buffer for all
 * cuts). */
typedef struct cut_buf {
    int fd;
    char *b;                    /* cap bytes                           */
    size_t cap;                 /* CUT_BUF, or less for a small file   */
    unsigned long long base;    /* file offset of b[0]                 */
    size_t have;                /* bytes read into b                   */
    int eof;                    /* the file ends at b + have           */
} cut_buf;

/* Reads up to CUT_STEP more bytes, first dropping the bytes before file
 * offset keep when the buffer is full; 0 when nothing more can be read
 * (end of file, full buffer from keep on, or error). */
static int cut_more(cut_buf *cb, unsigned long long keep)
{
    size_t room, want;
    ssize_t r;
    if (cb->eof)
        return 0;
    if (cb->have == cb->cap && keep > cb->base) {
        size_t d = (size_t)(keep - cb->base);
        memmove(cb->b, cb->b + d, cb->have - d);
        cb->base = keep;
        cb->have -= d;
    }
    room = cb->cap - cb->have;
    want = room < CUT_STEP ? room : CUT_STEP;
    if (want == 0)
        return 0;
    r = pread(cb->fd, cb->b + cb->have, want, (off_t)(cb->base + cb->have));
    if (r <= 0) {
        cb->eof = r == 0;
        return 0;
    }
    cb->have += (size_t)r;
    return 1;
}

/* Checks that up to k records from b[i] (b[0, len), eof: the file ends
 * there) are well formed with nf fields each, as if b[i] were outside
 * quotes. 1: they are (or the file ends well formed first), 0: not,
 * -1: more bytes are needed to tell. */
static int cut_check(const char *b, size_t len, int eof, size_t i,
                     char delim, size_t nf, int k)
{
    int recs = 0;
    while (recs < k) {
        size_t fields = 1;
        if (i >= len)
            return eof ? 1 : -1;
        if (b[i] == '\n') { /* a blank line */
            i++;
            continue;
        }
        for (;;) { /* one field from b[i] */
            char ch;
            if (b[i] == '"') {
                const char *q;
                for (i++;;) {
                    q = i < len ? memchr(b + i, '"', len - i) : NULL;
                    if (q == NULL)
                        return eof ? 0 : -1; /* unterminated quote */
                    i = (size_t)(q - b) + 1;
                    if (i < len && b[i] == '"')
                        i++; /* a doubled quote */
                    else
                        break;
                }
                if (i >= len)
                    return eof ? fields == nf : -1;
                ch = b[i];
                if (ch != delim && ch != '\n' && ch != '\r')
                    return 0; /* text after the closing quote */
            } else {
                while (i < len && b[i] != delim && b[i] != '\n' &&
                       b[i] != '"' && b[i] != '\r')
                    i++;
                if (i >= len)
                    return eof ? fields == nf : -1;
                ch = b[i];
                if (ch == '"')
                    return 0; /* a quote inside an unquoted field */
            }
            if (ch == '\r') {
                if (i + 1 >= len)
                    return eof ? fields == nf : -1;
                if (b[i + 1] != '\n')
                    return 0; /* a stray CR */
                i++;
                ch = '\n';
            }
            i++;
            if (ch == '\n')
                break;
            if (++fields > nf)
                return 0;
        }
        if (fields != nf)
            return 0;
        recs++;
    }
    return 1;
}

/* The record start chosen for the guess `at`: the first line end's next
 * byte whose records pass cut_check, else the first line end's; 0 when
 * there is no line end before the end of the file or within
 * CUT_WINDOW. */
static unsigned long long find_cut(cut_buf *cb, unsigned long long at,
                                   char delim, size_t nf)
{
    unsigned long long first = 0, scan = at, cand;
    cb->base = at;
    cb->have = 0;
    cb->eof = 0;
    for (;;) {
        const char *nl = NULL;
        int ok;
        if (scan < cb->base + cb->have)
            nl = memchr(cb->b + (scan - cb->base), '\n',
                        (size_t)(cb->base + cb->have - scan));
        if (nl == NULL) {
            scan = cb->base + cb->have;
            if (scan - at > CUT_WINDOW || !cut_more(cb, scan))
                return first;
            continue;
        }
        cand = cb->base + (unsigned long long)(nl - cb->b) + 1;
        scan = cand;
        if (cand - at > CUT_WINDOW)
            return first;
        if (first == 0)
            first = cand;
        while ((ok = cut_check(cb->b, cb->have, cb->eof,
                               (size_t)(cand - cb->base), delim, nf,
                               CUT_CHECK)) < 0)
            if (!cut_more(cb, cand)) {
                ok = cb->eof ? cut_check(cb->b, cb->have, 1,
                                         (size_t)(cand - cb->base), delim,
                                         nf, CUT_CHECK)
                             : 0;
                break;
            }
        if (ok == 1)
            return cand;
    }
}

/* The file as the header showed it, before any record is read. */
typedef struct file_plan {
    ct_csv *head;               /* the header's reader                 */
    loader L0;                  /* column map for every worker         */
    unsigned long long body;    /* offset of the first record          */
    unsigned long long total;   /* input size (0: unknown)             */
    long header_lines;          /* lines before the first record       */
    int seekable;               /* a regular file, read by path        */
    int hxl;                    /* an HXL line follows the header      */
    size_t n;                   /* readers to use                      */
} file_plan;

/* Reads the header, decides the slash-date order when the file can be
 * read twice, and how many readers to use (n wanted). On failure the
 * header's reader is closed. */
static int plan_file(file_plan *fp, const char *path,
                     const ct_load_options *opt, size_t n,
                     ct_load_info *info, ct_error *err)
{
    unsigned long long done = 0;
    loader *L0 = &fp->L0;
    int rc;

    memset(fp, 0, sizeof *fp);
    L0->opt = opt;
    L0->info = info;
    fp->n = n;
    if (opt->geo == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "no country table given to the loader");
    rc = load_header(L0, path, &fp->head, info, err);
    if (rc != CT_OK) {
        if (fp->head)
            info->transcoded = ct_csv_transcoded(fp->head);
        ct_csv_close(fp->head);
        fp->head = NULL;
        return rc;
    }
    ct_csv_progress(fp->head, &done, &fp->total);
    fp->seekable = path != NULL && strcmp(path, "-") != 0 && fp->total > 0;
    if (!fp->seekable || opt->on_bytes != NULL ||
        fp->total < (opt->parallel_min ? opt->parallel_min
                                       : CT_LOAD_PARALLEL_MIN))
        fp->n = 1;
    fp->body = ct_csv_offset(fp->head);
    fp->header_lines = ct_csv_lines(fp->head);
    /* the slash-date order: given, or decided before any row counts */
    L0->order = opt->date_order;
    if (L0->date_col < COL_N && opt->date_order != CT_DATE_ORDER_UNKNOWN) {
        info->date_order = opt->date_order;
        info->date_order_from = CT_ORDER_OPTION;
    } else if (L0->date_col < COL_N && fp->seekable) {
        rc = decide_order(L0, path, fp->body, fp->header_lines,
                          info->delimiter, err);
        if (rc != CT_OK) {
            ct_csv_close(fp->head);
            fp->head = NULL;
            return rc;
        }
    }
    /* one reader (standard input, a small file): a proof orders the
     * ambiguous dates after it */
    L0->learn = fp->n == 1 && L0->order == CT_DATE_ORDER_UNKNOWN;
    if (fp->n > 1) {
        /* the HXL line, if any, belongs to the header */
        ct_csv_record rec;
        ct_error e2;
        if (ct_csv_next(fp->head, &rec, &e2) == 1 &&
            ld_is_hxl(fp->head, &rec)) {
            fp->hxl = 1;
            fp->body = ct_csv_offset(fp->head);
            fp->header_lines = ct_csv_lines(fp->head);
        }
    }
    return CT_OK;
}

/* One reader: goes on with the header's reader (closed here). */
static int run_one(file_plan *fp, worker *w, const char *path,
                   ct_load_info *info, ct_error *err)
{
    int rc;
    w[0].L.csv = fp->head;
    if (want_columns(&w[0].L, fp->head) != CT_OK) {
        ct_csv_close(fp->head);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    w[0].start = fp->body;
    rc = load_body(&w[0], 1);
    w[0].rc = rc;
    if (rc < 0)
        *err = w[0].err;
    rc = ld_finish_load(info, w, 1, 0, rc, path, fp->seekable, err);
    info->layout = w[0].info.layout;
    ld_format_first_skip(info, w, 1, 0);
    ct_csv_close(fp->head);
    return rc;
}

/* Where range i - 1 should end, from the body's start (before the cut
 * moves it to a record boundary). With more ranges than threads, the
 * ranges come in rounds of `threads`, each round half the size of the
 * one before: the threads start on the large ranges, and the small ones
 * at the end even out how long each thread reads (a core running slower
 * takes fewer of them, and the last range to finish is a small one). */
static unsigned long long range_end(const file_plan *fp, size_t threads,
                                    size_t i)
{
    unsigned long long body = fp->total - fp->body, at = 0, left = body;
    size_t n = fp->n, rounds, r, k;
    if (threads == 0 || threads >= n)
        return body / n * i;
    rounds = (n + threads - 1) / threads;
    if (rounds > 16)
        rounds = 16;
    /* round r holds 2^(rounds-1-r) parts of 2^rounds - 1: the head of
     * what is left, halved each round */
    for (r = 0, k = 0; k < i; r++) {
        size_t in_round = n - r * threads < threads ? n - r * threads
                                                     : threads;
        unsigned long long share =
            r + 1 >= rounds ? left
                            : left / ((1ULL << (rounds - r)) - 1) *
                                  (1ULL << (rounds - 1 - r));
        size_t j;
        for (j = 0; j < in_round && k < i; j++, k++)
            at += share / in_round;
        left -= share;
    }
    return at;
}

/* Cuts the body into ranges at checked guesses of record boundaries
 * (find_cut); returns how many ranges it made (1: no usable cut). */
static size_t cut_ranges(const file_plan *fp, worker *w, const char *path,
                         char delim, size_t threads)
{
    size_t i, n = fp->n;
    cut_buf cb;
    w[0].start = fp->body;
    cb.fd = open(path, O_RDONLY);
    cb.cap = fp->total - fp->body < CUT_BUF
                 ? (size_t)(fp->total - fp->body) + 1
                 : CUT_BUF;
    cb.b = cb.fd >= 0 ? malloc(cb.cap) : NULL;
    for (i = 1; cb.b != NULL && i < n; i++) {
        unsigned long long at = fp->body + range_end(fp, threads, i);
        if (at < w[i - 1].start)
            at = w[i - 1].start; /* the cut before moved past this guess */
        w[i].start = find_cut(&cb, at, delim, fp->L0.header_n);
        if (w[i].start <= w[i - 1].start || w[i].start >= fp->total)
            break;
    }
    free(cb.b);
    if (cb.fd >= 0)
        close(cb.fd);
    return cb.b != NULL ? i : 1;
}

/* Opens worker w's reader on [start, stop) with the column names of
 * names (the header's reader or another range's). */
static int open_range(ct_csv *names, worker *w, const char *path,
                      const ct_load_options *opt, char delim, ct_error *err)
{
    int rc = ct_csv_open_range(&w->L.csv, path, opt->display, w->start,
                               w->stop, delim, err);
    if (rc != CT_OK)
        return rc;
    if ((rc = ct_csv_copy_names(w->L.csv, names)) != CT_OK)
        return ct_error_set(err, rc, NULL, 0, "out of memory");
    w->L.name = ct_csv_display(w->L.csv);
    if ((rc = want_columns(&w->L, w->L.csv)) != CT_OK)
        return ct_error_set(err, rc, NULL, 0, "out of memory");
    return CT_OK;
}

/* Opens a reader on each range. */
static int open_ranges(const file_plan *fp, worker *w, const char *path,
                       const ct_load_options *opt, char delim,
                       ct_error *err)
{
    size_t i;
    int rc;
    for (i = 0; i < fp->n; i++) {
        w[i].stop = i + 1 < fp->n ? w[i + 1].start : 0;
        if ((rc = open_range(fp->head, &w[i], path, opt, delim, err)) !=
            CT_OK)
            return rc;
    }
    return CT_OK;
}

/* One reading thread: reads the next range not taken until none is
 * left. */
static void *pool_main(void *arg)
{
    shared *sh = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&sh->next, 1);
        if (i >= sh->n)
            return NULL;
        worker_main(&sh->w[i]);
    }
}

/* Most threads reading one file. */
#define MAX_READERS 64

/* Reads the ranges on opt->threads threads (this one included; 0: one a
 * range), fewer when not all can start. */
static void run_threads(shared *sh)
{
    size_t want = ld_readers(sh->opt, sh->n), i, started = 0;
    pthread_t tid[MAX_READERS];
    if (want > MAX_READERS)
        want = MAX_READERS;
    for (i = 1; i < want; i++, started++)
        if (pthread_create(&tid[i - 1], NULL, pool_main, sh) != 0)
            break;
    pool_main(sh);
    for (i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
}

/* Closes worker i's reader and frees its identities. */
static void release_worker(worker *w)
{
    ct_idset_free(w->L.idset);
    w->L.idset = NULL;
    w->L.idset_redo = 0;
    ct_keyspill_free(w->L.ids);
    free(w->L.record_id);
    ct_csv_close(w->L.csv);
    w->L.ids = NULL;
    w->L.record_id = NULL;
    w->L.record_cap = 0;
    w->L.csv = NULL;
}

static void free_workers(worker *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        release_worker(&w[i]);
    free(w);
}

/* Sets worker i up as before any record is read: the header's column
 * map, info0's counts (the file's so far: header facts, no rows). */
static void init_worker(worker *w, size_t i, const file_plan *fp,
                        const ct_load_info *info0, ct_obs_fn fn, void *ctx,
                        shared *sh)
{
    w->L = fp->L0;
    w->L.info = &w->info;
    w->info = *info0;
    w->info.rows = 0;
    if (fp->hxl)
        w->info.layout = w->L.obs.layout =
            fp->L0.obs.dataset == CT_DS_ACLED ? CT_LAYOUT_ACLED_HDX
                                              : CT_LAYOUT_HDX;
    w->fn = fn;
    w->ctx = ctx;
    w->index = i;
    w->sh = sh;
    w->rc = CT_OK;
    w->cut_short = 0;
    ct_error_clear(&w->err);
    ct_error_clear(&w->skip_err);
    atomic_init(&w->done, 0);
}

/* After the threads: range i's records are right when it started where
 * range i - 1 really ended (that range read its last record to its end,
 * past its stop when the cut was inside it) and was read to its stop.
 * A range that was not is read again here, from that true start, with
 * its consumer reset: its counts, identities and lines start over, and
 * the next range is checked against where it ends now. Stops at the
 * first range that failed from a true start (its error is the load's):
 * *first gets it (n: none). Returns CT_OK, or the error of a reset or of
 * reopening (err filled). */
static int repair_ranges(const file_plan *fp, worker *w, size_t n,
                         shared *sh, const ct_load_info *info0,
                         const char *path, const ct_load_options *opt,
                         int (*reset)(void *ctx), size_t *first,
                         size_t *repaired, ct_error *err)
{
    size_t i;
    int rc;
    *first = n;
    *repaired = 0;
    atomic_store(&sh->min_failed, n); /* nothing stops a re-read */
    for (i = 0; i < n; i++) {
        if (i > 0) {
            unsigned long long at = ct_csv_offset(w[i - 1].L.csv);
            if (at != w[i].start || w[i].cut_short) {
                ct_obs_fn fn = w[i].fn;
                void *ctx = w[i].ctx;
                unsigned long long stop = w[i].stop;
                release_worker(&w[i]);
                if ((rc = reset(ctx)) != CT_OK)
                    return ct_error_set(err, rc, NULL, 0,
                                        "cannot reset a reader's "
                                        "consumer after a wrong cut");
                init_worker(&w[i], i, fp, info0, fn, ctx, sh);
                /* an empty range when the record before ran past it */
                w[i].start = at;
                w[i].stop = stop && stop < at ? at : stop;
                if ((rc = open_range(w[0].L.csv, &w[i], path, opt,
                                     info0->delimiter, err)) != CT_OK)
                    return rc;
                w[i].rc = load_body(&w[i], 0);
                ++*repaired;
            }
        }
        if (w[i].rc < 0) {
            *first = i;
            break;
        }
    }
    return CT_OK;
}

static int load_file(const char *path, const ct_load_options *opt,
                     size_t nthreads, ct_obs_fn fn, void *const *ctx,
                     int (*reset)(void *ctx), ct_load_info *info,
                     ct_error *err, int by_spill);

static int no_consumer(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)ctx;
    (void)err;
    return CT_OK;
}

/* After a load whose id sets hold a repeat (LD_RESCAN): the file is read
 * again on one thread, every id in the spill and no record handed on,
 * and that read's count of repeats and first repeat (its error, without
 * skip_bad) are the load's. A file with no repeat is read once. */
static int rescan_ids(const char *path, const ct_load_options *opt,
                      ct_load_info *info, ct_error *err)
{
    ct_load_options o = *opt;
    ct_load_info again;
    void *one[1] = {NULL};
    int rc;
    o.progress = NULL;
    o.on_bytes = NULL;
    rc = load_file(path, &o, 1, no_consumer, one, NULL, &again, err, 1);
    info->duplicates = again.duplicates;
    info->first_duplicate = again.first_duplicate;
    info->first_duplicate_of = again.first_duplicate_of;
    return rc;
}

int ct_load_file_parallel(const char *path, const ct_load_options *opt,
                          size_t nthreads, ct_obs_fn fn, void *const *ctx,
                          int (*reset)(void *ctx), ct_load_info *info,
                          ct_error *err)
{
    ct_error err_scratch;
    int rc;
    if (err == NULL)
        err = &err_scratch;
    rc = load_file(path, opt, nthreads, fn, ctx, reset, info, err, 0);
    if (rc == LD_RESCAN) {
        ct_load_info scratch;
        rc = rescan_ids(path, opt, info ? info : &scratch, err);
        if (rc == CT_OK)
            ct_error_clear(err);
    }
    return rc;
}

/* ct_load_file_parallel; by_spill: every id goes to the spill (no id
 * sets). May return LD_RESCAN. */
static int load_file(const char *path, const ct_load_options *opt,
                     size_t nthreads, ct_obs_fn fn, void *const *ctx,
                     int (*reset)(void *ctx), ct_load_info *info,
                     ct_error *err, int by_spill)
{
    ct_load_info scratch, info0;
    ct_error err_scratch; /* err may be NULL: worker errors are copied */
    file_plan fp;
    worker *w = NULL;
    shared sh;
    size_t n, i, first, repaired = 0;
    int rc;

    if (info == NULL)
        info = &scratch;
    if (err == NULL)
        err = &err_scratch;
    memset(info, 0, sizeof *info);
    memset(&sh, 0, sizeof sh);
    /* without reset a wrong cut could not be undone: one reader */
    rc = plan_file(&fp, path, opt, nthreads && reset ? nthreads : 1, info,
                   err);
    if (rc != CT_OK)
        return rc;
    fp.L0.id_bits = fp.seekable && !by_spill;
    n = fp.n;
    w = calloc(n, sizeof *w);
    if (w == NULL) {
        ct_csv_close(fp.head);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    if (n > 1 && (n = cut_ranges(&fp, w, path, info->delimiter,
                                 opt->threads)) < 2) {
        /* no usable cut: one thread */
        ct_csv_close(fp.head);
        free(w);
        return load_file(path, opt, 1, fn, ctx, NULL, info, err, by_spill);
    }
    fp.n = n;
    sh.w = w;
    sh.n = n;
    sh.opt = opt;
    sh.total = fp.total;
    atomic_init(&sh.min_failed, n);
    atomic_init(&sh.next, 0);
    atomic_flag_clear(&sh.reporting);
    info0 = *info;
    for (i = 0; i < n; i++)
        init_worker(&w[i], i, &fp, &info0, fn, ctx[i], &sh);
    if (n == 1) {
        rc = run_one(&fp, w, path, info, err);
        free(w);
        info->ranges = 1;
        if (rc == CT_OK)
            ct_error_clear(err);
        return rc;
    }
    rc = open_ranges(&fp, w, path, opt, info->delimiter, err);
    ct_csv_close(fp.head);
    fp.head = NULL;
    if (rc == CT_OK)
        run_threads(&sh);
    if (rc == CT_OK &&
        (rc = repair_ranges(&fp, w, n, &sh, &info0, path, opt, reset,
                            &first, &repaired, err)) == CT_OK) {
        if (first < n) {
            *err = w[first].err;
            if (err->line > 0)
                err->line += ld_line_base(w, first, fp.header_lines);
            rc = w[first].rc;
        }
        rc = ld_finish_load(info, w, n, fp.header_lines, rc, path,
                            fp.seekable, err);
        ld_format_first_skip(info, w, n, fp.header_lines);
    }
    info->ranges = (int)n;
    info->repaired_ranges = (int)repaired;
    free_workers(w, n);
    if (rc == CT_OK)
        ct_error_clear(err);
    return rc;
}

int ct_load_file(const char *path, const ct_load_options *opt, ct_obs_fn fn,
                 void *ctx, ct_load_info *info, ct_error *err)
{
    void *one[1];
    one[0] = ctx;
    return ct_load_file_parallel(path, opt, 1, fn, one, NULL, info, err);
}

/* Re-reading single records (ct_load_cursor). */
struct ct_load_cursor {
    ct_load_options opt;       /* a copy: the caller's may go          */
    file_plan fp;              /* the header's plan (column map in L0)  */
    loader L;                  /* the current reader and observation    */
    ct_load_info info;         /* scratch counts                        */
    const char *path;
    ct_csv *csv;               /* reader at or before the next record   */
};

/* Gaps shorter than this are read through rather than sought over. */
#define CURSOR_SKIP (1ULL << 20)

int ct_load_cursor_open(ct_load_cursor **out, const char *path,
                        const ct_load_options *opt, ct_error *err)
{
    ct_load_cursor *c = calloc(1, sizeof *c);
    ct_csv_record rec;
    ct_error e2;
    int rc;

    *out = NULL;
    if (c == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    c->opt = *opt;
    rc = plan_file(&c->fp, path, &c->opt, 1, &c->info, err);
    if (rc != CT_OK) {
        free(c);
        return rc;
    }
    c->path = path;
    c->L = c->fp.L0;
    c->L.info = &c->info;
    c->L.record_id = NULL;
    c->L.record_cap = 0;
    c->L.ids = NULL;
    /* an HXL line after the header sets the layout, as in the load */
    if (ct_csv_next(c->fp.head, &rec, &e2) == 1 &&
        ld_is_hxl(c->fp.head, &rec))
        c->info.layout = c->L.obs.layout =
            c->L.obs.dataset == CT_DS_ACLED ? CT_LAYOUT_ACLED_HDX
                                            : CT_LAYOUT_HDX;
    *out = c;
    return CT_OK;
}

static int cursor_seek(ct_load_cursor *c, unsigned long long at,
                       ct_error *err)
{
    int rc;
    ct_csv_close(c->csv);
    c->csv = NULL;
    rc = ct_csv_open_range(&c->csv, c->path, c->fp.L0.opt->display, at, 0,
                           c->info.delimiter, err);
    if (rc != CT_OK)
        return rc;
    if ((rc = ct_csv_copy_names(c->csv, c->fp.head)) != CT_OK ||
        (rc = want_columns(&c->L, c->csv)) != CT_OK)
        return ct_error_set(err, rc, NULL, 0, "out of memory");
    c->L.csv = c->csv;
    c->L.name = ct_csv_display(c->csv);
    return CT_OK;
}

int ct_load_cursor_read(ct_load_cursor *c, unsigned long long offset,
                        const ct_obs **obs, ct_error *err)
{
    ct_csv_record rec;
    int rc;

    *obs = NULL;
    if (c->csv == NULL || offset < ct_csv_offset(c->csv) ||
        offset - ct_csv_offset(c->csv) > CURSOR_SKIP)
        if ((rc = cursor_seek(c, offset, err)) != CT_OK)
            return rc;
    for (;;) {
        unsigned long long at = ct_csv_offset(c->csv);
        if (at > offset)
            break;
        rc = ct_csv_next(c->csv, &rec, err);
        if (rc == 0)
            break;
        if (at < offset) {
            if (rc < 0 && ct_csv_dead(c->csv))
                return rc;
            continue;
        }
        if (rc < 0)
            return rc;
        if ((rc = ld_convert(&c->L, &rec, err)) != CT_OK)
            return rc;
        c->L.obs.offset = at;
        *obs = &c->L.obs;
        return CT_OK;
    }
    return ct_error_set(err, CT_EPARSE, c->L.name, 0,
                        "no record starts at byte %llu (the file changed "
                        "while it was read?)", offset);
}

void ct_load_cursor_close(ct_load_cursor *c)
{
    if (c == NULL)
        return;
    ct_csv_close(c->csv);
    ct_csv_close(c->fp.head);
    free(c->L.record_id);
    free(c);
}
