/* SPDX-License-Identifier: MIT
 * load_finish.c - after the records are read: the workers' counts merged
 * into the file's info, line numbers of parallel ranges made absolute,
 * the whole-file checks (slash-date order, duplicate identities) and the
 * first skipped record.
 */
#define _POSIX_C_SOURCE 200809L
#include "load/load_internal.h"

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
        return ct_error_set(
            err, CT_EPARSE, L->name, mdy ? t.mdy : t.dmy,
            "field %d '%s': date '%s' proves %s dates, but the ambiguous "
            "date '%s' on line %ld was read before it as %s; give "
            "--date-order %s (the order can be found first only in a "
            "file, not standard input)", fld, cname,
            mdy ? t.mdy_v : t.dmy_v, mdy ? "month-first" : "day-first",
            mdy ? t.amb4_v : t.amb2_v, mdy ? t.amb4 : t.amb2,
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

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Reads path again (one thread) to find where the first repeat of a hash
 * in dup (sorted, nd of them) is and which line it repeats. */
static void find_duplicate_lines(const loader *L0, const char *path,
                                 const uint64_t *dup, size_t nd,
                                 ct_load_info *info)
{
    loader L = *L0;
    ct_load_info scratch;
    ct_csv *csv = NULL;
    ct_csv_record rec;
    ct_error e;
    long *first = calloc(nd, sizeof *first);
    long nrec = 0;
    int rc;

    if (first == NULL)
        return;
    memset(&scratch, 0, sizeof scratch);
    L.info = &scratch;
    L.ids = NULL;
    L.n_ids = L.cap_ids = 0;
    L.record_id = NULL;
    L.record_cap = 0;
    if (ct_csv_open(&csv, path, L0->opt->display, &e) != CT_OK ||
        ct_csv_next(csv, &rec, &e) != 1) /* the header */
        goto out;
    L.csv = csv;
    while ((rc = ct_csv_next(csv, &rec, &e)) != 0) {
        const uint64_t *hit;
        uint64_t h;
        if (rc < 0) {
            if (ct_csv_dead(csv))
                break;
            continue;
        }
        if (nrec++ == 0 && ld_is_hxl(csv, &rec))
            continue;
        if (ld_convert(&L, &rec, &e) != CT_OK || L.obs.record_id[0] == '\0')
            continue;
        h = ld_fnv1a(L.obs.record_id);
        hit = bsearch(&h, dup, nd, sizeof *dup, cmp_u64);
        if (hit == NULL)
            continue;
        if (first[hit - dup] == 0) {
            first[hit - dup] = rec.line;
            continue;
        }
        info->first_duplicate = rec.line;
        info->first_duplicate_of = first[hit - dup];
        break;
    }
out:
    ct_csv_close(csv);
    free(L.record_id);
    free(first);
}

/* Records of one file with the same identity (by 64-bit hash): counted
 * in info, their first repeat found (files; not standard input); without
 * skip_bad the first repeat is an error. Each reader's hashes are sorted
 * in place and merged, so nothing is copied. */
static int check_duplicates(ct_load_info *info, worker *w, size_t n,
                            const char *path, int seekable, ct_error *err)
{
    size_t i, *pos, nd = 0, cap = 0;
    uint64_t *dup = NULL, prev = 0;
    int have_prev = 0, counted = 0;
    const loader *L = &w[0].L;

    pos = calloc(n, sizeof *pos);
    if (pos == NULL)
        return ct_error_set(err, CT_ENOMEM, L->name, 0, "out of memory");
    for (i = 0; i < n; i++)
        if (w[i].L.n_ids > 1)
            qsort(w[i].L.ids, w[i].L.n_ids, sizeof *w[i].L.ids, cmp_u64);
    for (;;) { /* n-way merge of the sorted hashes */
        size_t best = n;
        uint64_t h;
        for (i = 0; i < n; i++)
            if (pos[i] < w[i].L.n_ids &&
                (best == n || w[i].L.ids[pos[i]] < w[best].L.ids[pos[best]]))
                best = i;
        if (best == n)
            break;
        h = w[best].L.ids[pos[best]++];
        if (have_prev && h == prev) {
            info->duplicates++;
            if (!counted) {
                if (nd == cap) {
                    size_t c = cap ? cap * 2 : 64;
                    uint64_t *p = realloc(dup, c * sizeof *p);
                    if (p == NULL) {
                        free(dup);
                        free(pos);
                        return ct_error_set(err, CT_ENOMEM, L->name, 0,
                                            "out of memory");
                    }
                    dup = p;
                    cap = c;
                }
                dup[nd++] = h;
                counted = 1;
            }
        } else
            counted = 0;
        prev = h;
        have_prev = 1;
    }
    free(pos);
    if (nd && seekable)
        find_duplicate_lines(L, path, dup, nd, info);
    free(dup);
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
    finish_info(info, w, n, header_lines);
    if (rc == CT_OK)
        rc = check_dates(info, w, n, header_lines, err);
    if (rc == CT_OK)
        rc = check_duplicates(info, w, n, path, seekable, err);
    for (i = 0; i < n; i++) {
        free(w[i].L.ids);
        free(w[i].L.record_id);
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
