/* SPDX-License-Identifier: MIT
 * load_finish.c - after the records are read: the workers' counts merged
 * into the file's info, line numbers of parallel ranges made absolute,
 * the whole-file checks (slash-date order, duplicate identities) and the
 * first skipped record.
 */
#define _POSIX_C_SOURCE 200809L
#include "load/load_internal.h"

#include "core/spill.h"
#include "core/idset.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Adds a worker's counts into the file's info. */
static void merge_info(ct_load_info *to, const ct_load_info *from)
{
    int k;
    to->rows += from->rows;
    to->skipped += from->skipped;
    to->unresolved += from->unresolved;
    if (to->first_unresolved[0] == '\0')
        memcpy(to->first_unresolved, from->first_unresolved,
               sizeof to->first_unresolved);
    for (k = 0; k < CT_CLASS_COUNT; k++)
        to->per_class[k] += from->per_class[k];
    if (from->year_min && (to->year_min == 0 || from->year_min < to->year_min))
        to->year_min = from->year_min;
    if (from->year_max > to->year_max)
        to->year_max = from->year_max;
    if (to->version[0] == '\0')
        memcpy(to->version, from->version, sizeof to->version);
    if (from->first_date[0]) {
        ld_span_add(to, from->first_date[0], from->first_date[1],
                 from->first_date[2]);
        ld_span_add(to, from->last_date[0], from->last_date[1],
                 from->last_date[2]);
    }
    to->ambiguous_dates += from->ambiguous_dates;
    if (from->year_mismatch && to->year_mismatch == 0) {
        to->first_year_mismatch = from->first_year_mismatch;
        memcpy(to->year_mismatch_text, from->year_mismatch_text,
               sizeof to->year_mismatch_text);
    }
    to->year_mismatch += from->year_mismatch;
    if (from->bad_estimates && to->bad_estimates == 0) {
        to->first_bad_estimates = from->first_bad_estimates;
        memcpy(to->bad_estimates_text, from->bad_estimates_text,
               sizeof to->bad_estimates_text);
    }
    to->bad_estimates += from->bad_estimates;
    if (from->missing_deaths && to->missing_deaths == 0)
        to->first_missing_deaths = from->first_missing_deaths;
    to->missing_deaths += from->missing_deaths;
}

/* Line offset of worker k: the lines before its range. */
long ld_line_base(worker *w, size_t k, long header_lines)
{
    long base = header_lines;
    size_t i;
    for (i = 0; i < k; i++)
        base += ct_csv_lines(w[i].L.csv);
    return base;
}

/* Lines of worker i are relative to its range when the file was read in
 * parts (parallel: header_lines > 0 given), absolute otherwise. */
static long base_of(worker *w, size_t i, size_t n, long header_lines)
{
    return n > 1 ? ld_line_base(w, i, header_lines) : 0;
}

static void finish_info(ct_load_info *info, worker *w, size_t n,
                        long header_lines)
{
    size_t i;
    for (i = 0; i < n; i++) {
        long base = base_of(w, i, n, header_lines);
        if (w[i].info.year_mismatch)
            w[i].info.first_year_mismatch += base;
        if (w[i].info.missing_deaths)
            w[i].info.first_missing_deaths += base;
        if (w[i].info.bad_estimates)
            w[i].info.first_bad_estimates += base;
        merge_info(info, &w[i].info);
        info->transcoded += ct_csv_transcoded(w[i].L.csv);
    }
}

/* The slash dates of a load whose order was not decided beforehand
 * (standard input, or a file whose first date is not a slash date): an
 * ambiguous date read with the default before a date proving the other
 * order, or proofs of both orders, fail the load. */
static int check_dates(ct_load_info *info, worker *w, size_t n,
                       long header_lines, ct_error *err)
{
    date_track t;
    const loader *L = &w[0].L;
    size_t i;
    int fld = L->date_col < COL_N ? L->col[L->date_col] + 1 : 0;
    const char *cname = L->date_col < COL_N ? ld_col_name[L->date_col] : "";

    if (L->order != CT_DATE_ORDER_UNKNOWN) {
        if (info->date_order_from == CT_ORDER_NONE && info->ambiguous_dates)
            info->date_order_from = CT_ORDER_DEFAULT;
        return CT_OK;
    }
    memset(&t, 0, sizeof t);
    for (i = 0; i < n; i++) {
        const date_track *u = &w[i].L.dt;
        long base = base_of(w, i, n, header_lines);
#define TAKE(f)                                                              \
        if (t.f == 0 && u->f) {                                              \
            t.f = u->f + base;                                               \
            memcpy(t.f##_v, u->f##_v, sizeof t.f##_v);                       \
        }
        TAKE(amb4) TAKE(amb2) TAKE(dmy) TAKE(mdy)
#undef TAKE
    }
    if (t.dmy && t.mdy) {
        int mdy_last = t.mdy > t.dmy;
        return ct_error_set(
            err, CT_EPARSE, L->name, mdy_last ? t.mdy : t.dmy,
            "field %d '%s': date '%s' is %s, but line %ld ('%s') proves "
            "%s dates: the file uses both orders (give --date-order dmy or "
            "mdy)", fld, cname, mdy_last ? t.mdy_v : t.dmy_v,
            mdy_last ? "month-first" : "day-first",
            mdy_last ? t.dmy : t.mdy, mdy_last ? t.dmy_v : t.mdy_v,
            mdy_last ? "day-first" : "month-first");
    }
    if ((t.mdy && t.amb4) || (t.dmy && t.amb2)) {
        int mdy = t.mdy != 0;
        long proof = mdy ? t.mdy : t.dmy, amb = mdy ? t.amb4 : t.amb2;
        /* one reader read the dates after a proof in its order */
        if (!(L->learn && amb > proof))
            return ct_error_set(
                err, CT_EPARSE, L->name, proof,
                "field %d '%s': date '%s' proves %s dates, but the ambiguous "
                "date '%s' on line %ld was read %s as %s, the default; give "
                "--date-order %s (the order is found before reading only in "
                "a file, from its first slash dates)", fld, cname,
                mdy ? t.mdy_v : t.dmy_v, mdy ? "month-first" : "day-first",
                mdy ? t.amb4_v : t.amb2_v, amb,
                amb < proof ? "before it" : "by a reader that had not seen it",
                mdy ? "day-first" : "month-first", mdy ? "mdy" : "dmy");
    }
    if (t.dmy || t.mdy) {
        info->date_order = t.dmy ? CT_DATE_ORDER_DMY : CT_DATE_ORDER_MDY;
        info->date_order_from = CT_ORDER_PROOF;
        info->date_order_line = t.dmy ? t.dmy : t.mdy;
        memcpy(info->date_order_value, t.dmy ? t.dmy_v : t.mdy_v,
               sizeof info->date_order_value);
    } else if (t.amb4 || t.amb2) {
        info->date_order = t.amb4 ? CT_DATE_ORDER_DMY : CT_DATE_ORDER_MDY;
        info->date_order_from = CT_ORDER_DEFAULT;
    }
    return CT_OK;
}

/* Most parts the duplicate check merges at once. */
#define DUP_PARTS 8

/* What the merge of the readers' id spills finds. */
typedef struct dup_scan {
    worker *w;
    size_t n;
    long header_lines;
    long duplicates;         /* records that repeat an earlier one    */
    long first, first_of;    /* absolute lines of the first repeat in
                                file order and of what it repeats     */
    uint64_t aux;            /* the first repeat's place (reader, line) */
} dup_scan;

/* Absolute line of a place in the id spill (see remember_id). */
static long line_of(const dup_scan *d, uint64_t aux)
{
    return (long)(aux & 0xffffffffu) +
           base_of(d->w, (size_t)(aux >> 32), d->n, d->header_lines);
}

/* One group of equal hashes (in file order: reader, then line): all but
 * the first are repeats; the earliest second member is the first repeat
 * of the file. */
static int dup_group(const ct_spill_key *g, size_t gn, void *ctx)
{
    dup_scan *d = ctx;
    d->duplicates += (long)(gn - 1);
    if (d->first == 0 || g[1].aux < d->aux) {
        d->aux = g[1].aux;
        d->first = line_of(d, g[1].aux);
        d->first_of = line_of(d, g[0].aux);
    }
    return 0;
}

/* Records of one file with the same identity (by 64-bit hash): counted
 * in info, their first repeat found (files; not standard input); without
 * skip_bad the first repeat is an error. The readers' spills are merged
 * (core/spill.h), so memory does not grow with the rows. Returns
 * LD_RESCAN when the readers' id sets (idset.h) hold a repeat: only the
 * spill names its lines. */
static int check_duplicates(ct_load_info *info, worker *w, size_t n,
                            long header_lines, int seekable, ct_error *err)
{
    struct ct_keyspill *sp[64] = {NULL}, **s = sp;
    struct ct_idset *sb[64] = {NULL}, **sets = sb;
    const loader *L = &w[0].L;
    /* merged in as many parts as threads read the file (slices of the
     * hash space, so a group is never cut), each part its own scan */
    dup_scan d[DUP_PARTS];
    void *ctx[DUP_PARTS];
    size_t i, parts = ld_readers(L->opt, n);
    int rc;

    if (parts > DUP_PARTS)
        parts = DUP_PARTS;
    /* the ids kept as bits: a repeat within a reader, a set that was
     * full or two readers' sets that share an id send the file to be
     * read again with every id in the spill (only that names lines) */
    for (i = 0; i < n; i++)
        if (w[i].L.idset_redo)
            return LD_RESCAN;
    if (n > 64 && (sets = malloc(n * sizeof *sets)) == NULL)
        return ct_error_set(err, CT_ENOMEM, L->name, 0, "out of memory");
    for (i = 0; i < n; i++)
        sets[i] = w[i].L.idset;
    rc = ct_idset_overlap(sets, n);
    if (sets != sb)
        free(sets);
    if (rc)
        return LD_RESCAN;
    for (i = 0; i < DUP_PARTS; i++) {
        d[i] = (dup_scan){.w = w, .n = n, .header_lines = header_lines};
        ctx[i] = &d[i];
    }
    if (n > 64 && (s = malloc(n * sizeof *s)) == NULL)
        return ct_error_set(err, CT_ENOMEM, L->name, 0, "out of memory");
    for (i = 0; i < n; i++)
        s[i] = w[i].L.ids;
    rc = ct_keyspill_groups_split(s, n, 2, parts, dup_group, ctx);
    if (s != sp)
        free(s);
    if (rc != CT_OK)
        return ct_spill_error(err, rc, L->name, 0, 1);
    for (i = 1; i < DUP_PARTS; i++) {
        d[0].duplicates += d[i].duplicates;
        if (d[i].first && (d[0].first == 0 || d[i].aux < d[0].aux)) {
            d[0].aux = d[i].aux;
            d[0].first = d[i].first;
            d[0].first_of = d[i].first_of;
        }
    }
    info->duplicates += d[0].duplicates;
    if (info->duplicates && seekable) {
        info->first_duplicate = d[0].first;
        info->first_duplicate_of = d[0].first_of;
    }
    /* ACD rows count distinct conflict ids: a repeated conflict-year
     * changes no number, so it is only reported */
    if (info->duplicates && !L->opt->skip_bad &&
        L->obs.dataset != CT_DS_ACD) {
        if (info->first_duplicate > 0)
            return ct_error_set(err, CT_EPARSE, L->name,
                                info->first_duplicate,
                                "duplicate record: the same %s as line %ld "
                                "(%ld duplicate%s in the file)", L->id_desc,
                                info->first_duplicate_of, info->duplicates,
                                info->duplicates == 1 ? "" : "s");
        return ct_error_set(err, CT_EPARSE, L->name, 0,
                            "%ld duplicate record%s: records with the same "
                            "%s", info->duplicates,
                            info->duplicates == 1 ? "" : "s", L->id_desc);
    }
    return CT_OK;
}

/* Everything a load learns only at its end: counts, the checks of
 * slash dates and duplicates. rc is the load's status so far. */
int ld_finish_load(ct_load_info *info, worker *w, size_t n,
                       long header_lines, int rc, const char *path,
                       int seekable, ct_error *err)
{
    size_t i;
    (void)path;
    finish_info(info, w, n, header_lines);
    if (rc == CT_OK)
        rc = check_dates(info, w, n, header_lines, err);
    if (rc == CT_OK)
        rc = check_duplicates(info, w, n, header_lines, seekable, err);
    for (i = 0; i < n; i++) {
        ct_keyspill_free(w[i].L.ids);
        ct_idset_free(w[i].L.idset);
        free(w[i].L.record_id);
        w[i].L.idset = NULL;
        w[i].L.ids = NULL;
        w[i].L.record_id = NULL;
    }
    return rc;
}

void ld_format_first_skip(ct_load_info *info, worker *w, size_t n,
                              long header_lines)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (w[i].info.skipped) {
            ct_error e = w[i].skip_err;
            if (e.line > 0)
                e.line += ld_line_base(w, i, header_lines);
            if (e.line > 0)
                snprintf(info->first_skip, sizeof info->first_skip,
                         "%s:%ld: %s", e.path, e.line, e.msg);
            else
                snprintf(info->first_skip, sizeof info->first_skip,
                         "%s: %s", e.path, e.msg);
            return;
        }
}
