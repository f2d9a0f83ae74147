/* SPDX-License-Identifier: MIT
 * pipeline.c - ct_series_from_files: export files in, one series out
 * (moved from the CLI's ct_cli_series_build, which now only prints what
 * this reports).
 *
 * Several files are read in parallel, one file per thread at a time, each
 * thread into its own builder (read_pool). A record id met in several
 * files must count once, the first file in command-line order winning:
 * each thread keeps the ids of a code and a number (ACLED's, GED's) as
 * bits (core/idset.h) and writes (hash of the id, file, offset, filter
 * outcome) of its other records to a bounded-memory spill
 * (core/spill.h). When a bit came twice, in one thread or in two, the
 * files that touched its block of ids (a code and 32,768 numbers) are
 * read again on the threads, the ids kept as bits now spilled too
 * (read_ids_again): an overlapping download costs a second read of the
 * two files it overlaps, and inputs without a repeat are read once.
 * Then the spills are merged (ids equal by two independent 64-bit
 * hashes), and the later copies of every id are read again by offset,
 * their ids compared exactly with the kept copy's (read again too), and
 * taken out of the merged builder (correct_duplicates). Where a copy falls (its
 * series_obs_shape) is compared then too, for the copies only.
 * When that cannot give today's one-thread answer exactly (a later copy
 * that passes the filters but falls into other periods or groups than the
 * copy kept, or any error), the files are read again the old way: on one
 * thread with the builder's own set of ids.
 */
#define _POSIX_C_SOURCE 200809L
#include "series/series_internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/idset.h"
#include "core/spill.h"
#include "core/strtab.h"
#include "ctrend/geo.h"
#include "ctrend/load.h"

/* Most threads, and most ranges of one file (one builder each). */
#define MAX_THREADS 64
/* Ranges of a large file per thread. */
#define RANGES_PER_THREAD 4

static void note(const ct_series_files_hooks *h, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void note(const ct_series_files_hooks *h, const char *fmt, ...)
{
    char buf[CT_ERROR_PATH_MAX + CT_ERROR_MSG_MAX + 600];
    va_list ap;
    if (h == NULL || h->note == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    h->note(h->ctx, buf);
}

/* Warnings about what a load found (issue 8); an error when the file
 * cannot be counted (duplicates within it). */
static int load_notes(const char *name, const ct_load_info *info,
                      const ct_series_options *so,
                      const ct_series_files_hooks *h, ct_error *err)
{
    size_t k;
    int deaths = so->measure == CT_MEASURE_DEATHS;
    for (k = 0; k < so->n_extra; k++)
        deaths |= so->extra[k] == CT_MEASURE_DEATHS;
    if (info->duplicates && info->dataset != CT_DS_ACD)
        return ct_error_set(err, CT_EDOMAIN, name, info->first_duplicate,
                            "duplicate record: the same identity as line "
                            "%ld (%ld duplicate%s in the file)",
                            info->first_duplicate_of, info->duplicates,
                            info->duplicates == 1 ? "" : "s");
    if (info->year_mismatch)
        note(h, "%s:%ld: warning: %ld row%s whose year disagrees with the "
                "date, counted by the date (first: %s; --strict to "
                "refuse)", name, info->first_year_mismatch,
             info->year_mismatch, info->year_mismatch == 1 ? "" : "s",
             info->year_mismatch_text);
    if (deaths && info->missing_deaths)
        note(h, "%s:%ld: warning: %ld row%s with no death count, counted "
                "as 0 deaths", name, info->first_missing_deaths,
             info->missing_deaths, info->missing_deaths == 1 ? "" : "s");
    if (deaths && info->bad_estimates)
        note(h, "%s:%ld: warning: %ld row%s with death estimates out of "
                "order, read as given (first: %s; --strict to refuse)",
             name, info->first_bad_estimates, info->bad_estimates,
             info->bad_estimates == 1 ? "" : "s", info->bad_estimates_text);
    return CT_OK;
}

/* reads file i into the builders tb[0..nranges) and merges them into
 * tb[0] */
static int load_one(const char *path, const char *name, ct_load_options *lo,
                    ct_series_builder **tb, size_t nranges,
                    const ct_series_options *so,
                    const ct_series_files_hooks *h, char *version,
                    size_t version_n, ct_error *err)
{
    const char *shown = name ? name : strcmp(path, "-") != 0 ? path
                                                             : "<stdin>";
    ct_load_info info;
    size_t t;
    int rc;

    if (h && h->file_begin)
        h->file_begin(h->ctx, name ? name : path);
    lo->display = name;
    lo->progress = h ? h->progress : NULL;
    lo->progress_ctx = h ? h->ctx : NULL;
    for (t = 0; t < nranges; t++)
        if ((rc = ct_series_builder_begin_file(tb[t], err)) != CT_OK) {
            if (h && h->file_end)
                h->file_end(h->ctx);
            return rc;
        }
    rc = ct_load_file_parallel(path, lo, nranges, ct_series_builder_add,
                               (void **)tb, ct_series_builder_reset, &info,
                               err);
    if (h && h->file_end)
        h->file_end(h->ctx);
    for (t = 1; rc == CT_OK && t < nranges; t++) {
        rc = ct_series_builder_merge(tb[0], tb[t], err);
        if (rc == CT_OK)
            rc = ct_series_builder_reset(tb[t]);
    }
    if (rc != CT_OK)
        return rc;
    if (version != NULL)
        snprintf(version, version_n, "%s", info.version);
    if ((rc = load_notes(shown, &info, so, h, err)) != CT_OK)
        return rc;
    if (info.skipped)
        note(h, "%s: skipped %ld bad record%s (first: %s)", shown,
             info.skipped, info.skipped == 1 ? "" : "s", info.first_skip);
    return CT_OK;
}

/* Parallel read of several files (see the file comment). */

/* The two hashes of a record id (ct_spill_rec.key and tag: 128 bits of
 * identity), from two seeds. */
#define ID_SEED_KEY 0x243f6a8885a308d3ULL
#define ID_SEED_TAG 0x13198a2e03707344ULL

static uint64_t id_hash2(const char *s, size_t n, uint64_t *key)
{
    *key = ct_hash_seeded(s, n, ID_SEED_KEY);
    return ct_hash_seeded(s, n, ID_SEED_TAG);
}

/* Sets of blocks of ids (ct_idset_add) are string tables of their four
 * bytes: the blocks a file touched, and those in which an id came
 * twice. Adds block b to *set (made on the first): 1 when it is new, 0
 * when it was there, CT_ENOMEM. */
static int block_add(ct_strtab **set, uint32_t b)
{
    int added;
    if ((*set == NULL && (*set = ct_strtab_alloc()) == NULL) ||
        ct_strtab_intern(*set, (const char *)&b, sizeof b, &added) < 0)
        return CT_ENOMEM;
    return added;
}

/* A block of ids a file touched. */
typedef struct touch {
    uint32_t file, block;
} touch;

/* What one thread reads into. */
typedef struct track {
    ct_series_builder *b;   /* its builder                          */
    ct_spill *sp;           /* ids of its records not kept in ids   */
    ct_idset *ids;          /* ids of a code and a number, a bit each
                               (core/idset.h)                       */
    ct_strtab *twice;       /* blocks where an id of ids came twice */
    int full;               /* ids was full: read every file again  */
    ct_strtab *cur;         /* blocks the file being read touched   */
    uint32_t last;          /* the block of the record before + 1   */
    touch *touch;           /* blocks each file touched             */
    size_t ntouch, tcap;
    int ids_only;           /* the read again: the ids ids takes go
                               to sp2, nothing to the builder       */
    ct_spill *sp2;          /* those ids                            */
    uint32_t file;          /* file being read                      */
} track;

/* Notes that the file being read touched block b. */
static int touched(track *t, uint32_t b)
{
    int k;
    t->last = b + 1;
    if ((k = block_add(&t->cur, b)) <= 0)
        return k;
    if (t->ntouch == t->tcap) {
        size_t nc = t->tcap ? 2 * t->tcap : 64;
        touch *p = realloc(t->touch, nc * sizeof *p);
        if (p == NULL)
            return CT_ENOMEM;
        t->touch = p;
        t->tcap = nc;
    }
    t->touch[t->ntouch].file = t->file;
    t->touch[t->ntouch++].block = b;
    return CT_OK;
}

/* ct_obs_fn: notes the record's id (a bit in t->ids, or a record in the
 * spill), then adds it; on the read again, spills the ids the first
 * read kept as bits, and adds nothing. */
static int add_tracked(const ct_obs *o, void *ctx, ct_error *err)
{
    track *t = ctx;
    if (o->record_id[0]) {
        const size_t n = strlen(o->record_id);
        ct_spill *to = t->sp;
        ct_spill_rec r;
        int rc;
        if (t->ids_only) {
            if (!ct_idset_takes(o->record_id, n))
                return CT_OK; /* in sp from the first read */
            to = t->sp2;
        } else {
            uint32_t b;
            int k = ct_idset_add(&t->ids, o->record_id, n, &b);
            if (k == CT_ID_FULL)
                t->full = 1;
            else if (k >= 0 && k != CT_ID_OTHER &&
                     ((k == CT_ID_SEEN && block_add(&t->twice, b) < 0) ||
                      (b + 1 != t->last && touched(t, b) < 0)))
                k = CT_ENOMEM;
            if (k < 0)
                return ct_error_set(err, CT_ENOMEM, NULL, 0,
                                    "out of memory");
            if (k != CT_ID_OTHER)
                return ct_series_builder_add(o, t->b, err);
        }
        r.tag = id_hash2(o->record_id, n, &r.key);
        r.src = t->file;
        r.aux = o->offset;
        r.line = (uint32_t)series_builder_passes(t->b, o);
        r.tag2 = 0; /* where it falls is compared when copies are read
                       again (remove_group), not hashed for every record */
        if ((rc = ct_spill_add(to, &r)) != CT_OK)
            return ct_spill_error(err, rc, NULL, 0, 0);
    }
    return t->ids_only ? CT_OK : ct_series_builder_add(o, t->b, err);
}

typedef struct pool pool;

/* Progress of one file, summed over all files for the hooks. */
typedef struct file_prog {
    pool *p;
    unsigned long long done;    /* bytes of the file read so far       */
    unsigned long long size;    /* its size                            */
} file_prog;

struct pool {
    const char *const *paths;
    const char *const *names;
    size_t n;
    const ct_load_options *lo;
    const ct_series_files_hooks *h;
    size_t *order;              /* files by size, largest first        */
    _Atomic size_t next;        /* next entry of order to read         */
    _Atomic int failed;         /* a file failed: stop taking files    */
    ct_load_info *info;         /* per file                            */
    file_prog *fp;              /* per file                            */
    pthread_mutex_t mu;         /* hooks->progress                     */
    unsigned long long done, total;
    track tr[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
};

static void pool_progress(unsigned long long done, unsigned long long total,
                          void *ctx)
{
    file_prog *f = ctx;
    pool *p = f->p;
    (void)total;
    pthread_mutex_lock(&p->mu);
    p->done += done - f->done;
    f->done = done;
    p->h->progress(p->done, p->total, p->h->ctx);
    pthread_mutex_unlock(&p->mu);
}

typedef struct pool_arg {
    pool *p;
    size_t t;                   /* thread index                        */
} pool_arg;

/* One thread: reads files from the pool until none is left. */
static void *pool_main(void *arg)
{
    pool_arg *a = arg;
    pool *p = a->p;
    track *t = &p->tr[a->t];
    for (;;) {
        size_t k = atomic_fetch_add(&p->next, 1), i;
        ct_load_options lo;
        ct_load_info again;
        ct_error err;
        void *ctx[1];
        int rc = CT_OK;
        if (k >= p->n || atomic_load(&p->failed))
            break;
        i = p->order[k];
        lo = *p->lo;
        lo.no_dup_check = 1; /* found from the spill (dedup_group) */
        lo.display = p->names ? p->names[i] : NULL;
        lo.progress = p->h && p->h->progress && !t->ids_only ? pool_progress
                                                             : NULL;
        lo.progress_ctx = &p->fp[i];
        t->file = (uint32_t)i;
        ctx[0] = t;
        ct_strtab_free(t->cur);
        t->cur = NULL;
        t->last = 0;
        if (!t->ids_only)
            rc = series_builder_use_file(t->b, i, &err);
        if (rc == CT_OK)
            rc = ct_load_file_parallel(p->paths[i], &lo, 1, add_tracked, ctx,
                                       NULL,
                                       t->ids_only ? &again : &p->info[i],
                                       &err);
        if (rc != CT_OK)
            atomic_store(&p->failed, 1);
        else if (lo.progress != NULL) /* the loader reports in steps */
            pool_progress(p->fp[i].size, p->fp[i].size, &p->fp[i]);
    }
    return NULL;
}

typedef struct sized {
    unsigned long long size;
    size_t i;
} sized;

static int by_size_desc(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* Later copies found by the merge of the spills (correct_duplicates). */
typedef struct dedup {
    ct_dataset dataset;         /* of the files                        */
    ct_spill *rm;               /* copies to take out, by file, offset */
    int redo;                   /* 1: cannot be done by taking out     */
    long removed;
} dedup;

/* One group of equal id hashes, in file order: of the members with the
 * same second hash, the first stands for the record (counted if it
 * passes the filters) and every later one that passes is taken out,
 * provided the first passes too and falls where it does (else the whole
 * read is redone the old way). */
static int dedup_group(const ct_spill_rec *g, size_t n, void *ctx)
{
    dedup *d = ctx;
    size_t i, k;
    /* a record twice in one file: the loader's error (the files were
     * read without its check; the old way gives it), except in the ACD,
     * where the later copy is taken out like any other */
    for (i = 1; i < n; i++)
        for (k = 0; k < i; k++)
            if (g[k].src == g[i].src && g[k].tag == g[i].tag &&
                d->dataset != CT_DS_ACD) {
                d->redo = 1;
                return 1;
            }
    for (i = 0; i < n; i++) {
        ct_spill_rec r;
        int rc;
        for (k = 0; k < i; k++)
            if (g[k].tag == g[i].tag)
                break;
        if (k == i)
            continue; /* the first copy: it stands for the record */
        if (!g[i].line)
            continue; /* a later copy filtered out: counted nowhere */
        if (!g[k].line) {
            /* the first copy is out of the window or the selection:
             * taking the later one out cannot undo what adding it made
             * (groups, coverage; a copy that falls elsewhere than the
             * first is found when both are read again) */
            d->redo = 1;
            return 1;
        }
        /* by where the copy is; with where the kept one is, whose id is
         * compared with the copy's when both are read again */
        r.key = ((uint64_t)g[i].src << 40) | (g[i].aux & ((1ULL << 40) - 1));
        r.src = g[i].src;
        r.aux = g[i].aux;
        r.line = g[k].src;
        r.tag = g[k].aux;
        r.tag2 = g[i].tag;
        if ((rc = ct_spill_add(d->rm, &r)) != CT_OK)
            return rc;
        d->removed++;
    }
    return 0;
}

/* Takes the later copies out of b, reading them again file by file. */
typedef struct remover {
    ct_series_builder *b;
    const char *const *paths, *const *names;
    const ct_load_options *lo;
    ct_load_cursor *cur[2];     /* on the copies' file, the kept ones'  */
    uint32_t file[2];
    ct_error err;
} remover;

/* Record offset of file with cursor k (opened or moved to the file). */
static int read_at(remover *rm, int k, uint32_t file,
                   unsigned long long offset, const ct_obs **o)
{
    int rc;
    if (rm->cur[k] == NULL || rm->file[k] != file) {
        ct_load_options lo = *rm->lo;
        ct_load_cursor_close(rm->cur[k]);
        rm->cur[k] = NULL;
        lo.display = rm->names ? rm->names[file] : NULL;
        lo.progress = NULL;
        rm->file[k] = file;
        if ((rc = ct_load_cursor_open(&rm->cur[k], rm->paths[file], &lo,
                                      &rm->err)) != CT_OK)
            return rc;
    }
    return ct_load_cursor_read(rm->cur[k], offset, o, &rm->err);
}

static int remove_group(const ct_spill_rec *g, size_t n, void *ctx)
{
    remover *rm = ctx;
    size_t i;
    for (i = 0; i < n; i++) {
        const ct_obs *o, *kept;
        uint64_t f;
        int rc;
        if ((rc = read_at(rm, 1, g[i].line, g[i].tag, &kept)) != CT_OK ||
            (rc = read_at(rm, 0, g[i].src, g[i].aux, &o)) != CT_OK)
            return rc;
        /* the same record as in the read (else the file changed), and
         * exactly the id of the copy kept (else the two hashes of two
         * different ids agreed: the old way tells them apart) */
        if (id_hash2(o->record_id, strlen(o->record_id), &f) != g[i].tag2 ||
            strcmp(o->record_id, kept->record_id) != 0)
            return CT_EPARSE;
        /* a copy that falls elsewhere than the kept one (its revised
         * date, place or type): taking it out cannot undo what adding it
         * made (periods, groups, coverage); the old way counts it */
        if (series_obs_shape(o) != series_obs_shape(kept))
            return CT_EDOMAIN;
        if ((rc = series_builder_sub(rm->b, o, &rm->err)) != CT_OK)
            return rc;
    }
    return 0;
}

/* Finds the records of several files whose id an earlier file (or an
 * earlier record) already counted and takes them out of b, from the
 * spills sp[0, nsp). *redo is set when the old way must be taken. The
 * merge of the ids runs in nt parts at once (slices of the hash space),
 * each finding its own copies. */
static int correct_duplicates(ct_series_builder *b, ct_spill **sp,
                              size_t nsp, size_t nt,
                              const char *const *paths,
                              const char *const *names,
                              const ct_load_options *lo, int *redo)
{
    dedup d[MAX_THREADS];
    void *ctx[MAX_THREADS];
    ct_spill *rms[MAX_THREADS];
    remover rm;
    size_t i, removed = 0;
    int rc = CT_OK;

    *redo = 0;
    memset(d, 0, nt * sizeof *d);
    for (i = 0; i < nt; i++) {
        d[i].dataset = b->dataset;
        ctx[i] = &d[i];
        if (rc == CT_OK)
            rc = ct_spill_alloc(&d[i].rm, CT_SPILL_DEFAULT_CAP / 2 / nt);
    }
    if (rc == CT_OK)
        rc = ct_spill_groups_split(sp, nsp, 2, nt, dedup_group, ctx);
    for (i = 0; i < nt; i++) {
        *redo |= d[i].redo;
        removed += (size_t)d[i].removed;
        rms[i] = d[i].rm;
    }
    if (*redo || rc != CT_OK) {
        for (i = 0; i < nt; i++)
            ct_spill_free(d[i].rm);
        *redo = 1;
        return CT_OK;
    }
    rm = (remover){.b = b, .paths = paths, .names = names, .lo = lo};
    if (removed)
        rc = ct_spill_groups(rms, nt, 1, remove_group, &rm);
    ct_load_cursor_close(rm.cur[0]);
    ct_load_cursor_close(rm.cur[1]);
    for (i = 0; i < nt; i++)
        ct_spill_free(d[i].rm);
    if (rc != CT_OK)
        *redo = 1;
    return CT_OK;
}

/* Notes and errors of the files read by the pool, in file order, as the
 * one-thread read gives them. */
static int pool_notes(pool *p, const ct_series_options *so, ct_error *err)
{
    size_t i;
    int rc;
    for (i = 0; i < p->n; i++) /* the error comes before any note */
        if (p->info[i].duplicates && p->info[i].dataset != CT_DS_ACD)
            return CT_EDOMAIN;
    for (i = 0; i < p->n; i++) {
        const char *shown = p->names && p->names[i] ? p->names[i]
                                                    : p->paths[i];
        const ct_load_info *info = &p->info[i];
        if ((rc = load_notes(shown, info, so, p->h, err)) != CT_OK)
            return rc;
        if (info->skipped)
            note(p->h, "%s: skipped %ld bad record%s (first: %s)", shown,
                 info->skipped, info->skipped == 1 ? "" : "s",
                 info->first_skip);
    }
    return CT_OK;
}

/* Runs pool_main on nthreads threads (this one included) until every
 * file is read or one fails; returns 1 when one failed. */
static int run_pool(pool *p, pool_arg *args, size_t nthreads)
{
    size_t t, started = 0;
    for (t = 1; t < nthreads; t++, started++)
        if (pthread_create(&p->tid[t], NULL, pool_main, &args[t]) != 0) {
            atomic_store(&p->failed, 1);
            break;
        }
    pool_main(&args[0]);
    for (t = 1; t <= started; t++)
        pthread_join(p->tid[t], NULL);
    return atomic_load(&p->failed) != 0;
}

/* Marks (mark[i] = 1) the files that hold a copy of an id the threads
 * kept as bits and met more than once (within a thread, or in two
 * threads' sets): the files that touched a block where that happened;
 * every file when a set was full. Returns the number marked, or
 * CT_ENOMEM. */
static long files_to_read_again(const pool *p, size_t nthreads,
                                unsigned char *mark)
{
    ct_idset *sets[MAX_THREADS];
    ct_strtab *c = NULL;
    uint32_t *shared = NULL, b;
    size_t t, i, ns = 0, cap = 0;
    long n = 0, k;
    int rc = CT_OK;
    for (t = 0; t < nthreads; t++) {
        const ct_strtab *tw = p->tr[t].twice;
        if (p->tr[t].full) {
            memset(mark, 1, p->n);
            return (long)p->n;
        }
        sets[t] = p->tr[t].ids;
        for (k = 0; rc == CT_OK && tw && (size_t)k < ct_strtab_count(tw);
             k++) {
            memcpy(&b, ct_strtab_get(tw, k), sizeof b);
            if (block_add(&c, b) < 0)
                rc = CT_ENOMEM;
        }
    }
    if (rc == CT_OK)
        rc = ct_idset_shared(sets, nthreads, &shared, &ns, &cap);
    for (i = 0; rc == CT_OK && i < ns; i++)
        if (block_add(&c, shared[i]) < 0)
            rc = CT_ENOMEM;
    for (t = 0; rc == CT_OK && c && t < nthreads; t++)
        for (i = 0; i < p->tr[t].ntouch; i++) {
            const touch *x = &p->tr[t].touch[i];
            if (!mark[x->file] &&
                ct_strtab_find(c, (const char *)&x->block,
                               sizeof x->block) >= 0) {
                mark[x->file] = 1;
                n++;
            }
        }
    free(shared);
    ct_strtab_free(c);
    return rc == CT_OK ? n : CT_ENOMEM;
}

/* Reads the marked files again on the threads (largest first), spilling
 * (to each thread's sp2) the ids the first read kept as bits, with where
 * they are, and adding nothing: then every copy of every id that came
 * more than once is in a spill. */
static int read_ids_again(pool *p, size_t nthreads, const unsigned char *mark)
{
    pool_arg args[MAX_THREADS];
    size_t t, i, k = 0, n = p->n;
    int failed;
    for (t = 0; t < nthreads; t++) {
        if (ct_spill_alloc(&p->tr[t].sp2, CT_SPILL_DEFAULT_CAP / 2) != CT_OK)
            return CT_ENOMEM;
        p->tr[t].ids_only = 1;
        args[t].p = p;
        args[t].t = t;
    }
    /* the marked files first, in the same order; only they are read */
    for (i = 0; i < n; i++)
        if (mark[p->order[i]])
            p->order[k++] = p->order[i];
    p->n = k;
    atomic_store(&p->next, 0);
    failed = run_pool(p, args, nthreads);
    p->n = n;
    return failed ? CT_EIO : CT_OK;
}

/* Reads n regular files on nthreads threads into tb0 (allocated with
 * dedup off; the other threads' builders are made here). *redo 0: done;
 * 1: the result cannot be had this way (an error in any file, or a later
 * copy that cannot be taken out): the caller reads the files the old
 * way, which gives the exact answer or error. */
static void read_pool(ct_series_builder *tb0, const char *const *paths,
                      const char *const *names, size_t n, size_t nthreads,
                      const ct_load_options *lo, const ct_series_options *so,
                      const ct_series_files_hooks *h, char *version,
                      size_t version_n, int *redo)
{
    pool *p;
    pool_arg args[MAX_THREADS];
    sized *size = NULL;
    ct_spill *sp[2 * MAX_THREADS];
    ct_error err;
    size_t t, i, nsp;
    unsigned char *mark = NULL;
    long again;
    int failed;
    char label[64];

    *redo = 1;
    if (nthreads > n)
        nthreads = n;
    p = calloc(1, sizeof *p);
    if (p == NULL)
        return;
    p->paths = paths;
    p->names = names;
    p->n = n;
    p->lo = lo;
    p->h = h;
    p->order = malloc(n * sizeof *p->order);
    p->info = calloc(n, sizeof *p->info);
    p->fp = calloc(n, sizeof *p->fp);
    size = calloc(n, sizeof *size);
    pthread_mutex_init(&p->mu, NULL);
    atomic_init(&p->next, 0);
    atomic_init(&p->failed, 0);
    memset(sp, 0, sizeof sp);
    if (!p->order || !p->info || !p->fp || !size)
        goto out;
    for (i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
            goto out; /* the old way says what is wrong */
        size[i].size = (unsigned long long)st.st_size;
        size[i].i = i;
        p->fp[i].size = size[i].size;
        p->total += size[i].size;
        p->fp[i].p = p;
    }
    /* largest first, so that the last files to finish are small ones */
    qsort(size, n, sizeof *size, by_size_desc);
    for (i = 0; i < n; i++)
        p->order[i] = size[i].i;
    for (t = 0; t < nthreads; t++) {
        p->tr[t].b = tb0;
        if (t > 0 && ct_series_builder_alloc(&p->tr[t].b, so, &err) != CT_OK)
            goto out;
        if (ct_spill_alloc(&p->tr[t].sp, CT_SPILL_DEFAULT_CAP / 2) != CT_OK)
            goto out;
        sp[t] = p->tr[t].sp;
        args[t].p = p;
        args[t].t = t;
    }
    snprintf(label, sizeof label, "%zu files", n);
    if (h && h->file_begin)
        h->file_begin(h->ctx, label);
    failed = run_pool(p, args, nthreads);
    if (h && h->file_end)
        h->file_end(h->ctx);
    if (failed)
        goto out;
    for (t = 1; t < nthreads; t++)
        if (ct_series_builder_merge(tb0, p->tr[t].b, &err) != CT_OK)
            goto out;
    /* the ids kept as bits: when one came twice (or a set was full), the
     * files are read again for where those ids are */
    nsp = nthreads;
    if ((mark = calloc(n, 1)) == NULL ||
        (again = files_to_read_again(p, nthreads, mark)) < 0)
        goto out;
    if (again > 0) {
        if (read_ids_again(p, nthreads, mark) != CT_OK)
            goto out;
        for (t = 0; t < nthreads; t++)
            sp[nsp++] = p->tr[t].sp2;
    }
    if (correct_duplicates(tb0, sp, nsp, nthreads, paths, names, lo,
                           redo) != CT_OK ||
        *redo) {
        *redo = 1;
        goto out;
    }
    /* notes, and the errors found after a file was read, in file order */
    if (pool_notes(p, so, &err) != CT_OK) {
        *redo = 1;
        goto out;
    }
    if (version != NULL)
        snprintf(version, version_n, "%s", p->info[0].version);
    *redo = 0;
out:
    for (t = 0; t < MAX_THREADS; t++) {
        if (t > 0 && p->tr[t].b)
            ct_series_builder_free(p->tr[t].b);
        ct_spill_free(p->tr[t].sp);
        ct_spill_free(p->tr[t].sp2);
        ct_idset_free(p->tr[t].ids);
        ct_strtab_free(p->tr[t].twice);
        ct_strtab_free(p->tr[t].cur);
        free(p->tr[t].touch);
    }
    free(mark);
    pthread_mutex_destroy(&p->mu);
    free(p->order);
    free(p->info);
    free(p->fp);
    free(size);
    free(p);
}

int ct_series_from_files(ct_series **out, const char *const *paths,
                         const char *const *names, size_t n,
                         const ct_series_files_options *opts,
                         const ct_series_files_hooks *hooks,
                         ct_series_stage *stage, ct_error *err)
{
    ct_series_options so = opts->so;
    ct_load_options lo = opts->lo;
    ct_typemap *join = NULL;
    ct_series_builder *tb[MAX_THREADS];
    size_t nthreads = opts->nthreads ? opts->nthreads : 1, made = 1, t, i;
    size_t nranges;
    ct_geo *own_geo = NULL;
    const ct_geo *geo = opts->geo;
    ct_series_stage st = CT_SERIES_STAGE_GEO;
    char version[64] = "";
    int rc, reread = 0;

    *out = NULL;
    tb[0] = NULL;
    if (geo == NULL) {
        if (opts->geo_path == NULL) {
            rc = ct_error_set(err, CT_EUSAGE, NULL, 0,
                              "no country table given");
            goto done;
        }
        if ((rc = ct_geo_load(&own_geo, opts->geo_path, err)) != CT_OK)
            goto done;
        geo = own_geo;
    }
    so.geo = geo;
    lo.geo = geo;
    so.dedup = n > 1;
    st = CT_SERIES_STAGE_JOIN;
    if (opts->join_path != NULL) {
        ct_load_options jo = lo;
        jo.dataset = CT_DS_AUTO;
        if ((rc = ct_typemap_load(&join, opts->join_path, &jo, err)) != CT_OK)
            goto done;
        lo.join = join;
    }
    st = CT_SERIES_STAGE_SELECT;
    if ((rc = ct_series_builder_alloc(&tb[0], &so, err)) != CT_OK)
        goto done;
    st = CT_SERIES_STAGE_LOAD;
    /* classes cost time on ACLED; derive them only when used */
    lo.no_class = so.class_mask == 0;
    for (i = 0; i < so.n_keys; i++)
        if (so.keys[i] == CT_KEY_CLASS)
            lo.no_class = 0;
    if (nthreads > MAX_THREADS)
        nthreads = MAX_THREADS;
    if (so.dedup) {
        /* several files: in parallel, duplicates taken out afterwards */
        int redo = 1;
        for (i = 0; i < n && strcmp(paths[i], "-") != 0; i++)
            ;
        if (opts->one_thread_dedup || lo.on_bytes != NULL)
            i = 0; /* on_bytes wants one file after the other */
        if (i == n) {
            ct_series_builder_free(tb[0]);
            tb[0] = NULL;
            so.dedup = 0;
            rc = ct_series_builder_alloc(&tb[0], &so, err);
            if (rc == CT_OK)
                read_pool(tb[0], paths, names, n, nthreads, &lo, &so, hooks,
                          version, sizeof version, &redo);
            so.dedup = 1;
            if (rc != CT_OK)
                goto done;
            if (!redo)
                goto finish;
            reread = 1;
            ct_series_builder_free(tb[0]);
            tb[0] = NULL;
            if ((rc = ct_series_builder_alloc(&tb[0], &so, err)) != CT_OK)
                goto done;
        }
        /* the old way: one set of ids, so one thread */
        nthreads = 1;
    }
    /* a file in four ranges a thread, taken by the threads as they come
     * free (a slower core reads fewer); one builder a range, merged
     * after each file */
    lo.threads = nthreads;
    nranges = nthreads > 1 ? RANGES_PER_THREAD * nthreads : 1;
    if (nranges > MAX_THREADS)
        nranges = MAX_THREADS;
    for (t = 1; t < nranges; t++, made++)
        if ((rc = ct_series_builder_alloc(&tb[t], &so, err)) != CT_OK)
            goto done;
    for (i = 0; i < n; i++) {
        /* the version the first file states names the series' release */
        rc = load_one(paths[i], names ? names[i] : NULL, &lo, tb, nranges,
                      &so, hooks, i == 0 ? version : NULL, sizeof version,
                      err);
        if (rc != CT_OK)
            goto done;
    }
finish:
    if ((rc = ct_series_builder_finish(tb[0], out, err)) != CT_OK)
        goto done;
    snprintf((*out)->version, sizeof (*out)->version, "%s", version);
    (*out)->reread = reread;
    if ((*out)->duplicates)
        note(hooks, "%ld duplicate record%s (same id in several files) "
                    "counted once", (*out)->duplicates,
             (*out)->duplicates == 1 ? "" : "s");
done:
    for (t = 1; t < made; t++)
        ct_series_builder_free(tb[t]);
    ct_series_builder_free(tb[0]);
    ct_typemap_free(join);
    ct_geo_free(own_geo);
    if (stage)
        *stage = st;
    return rc;
}
