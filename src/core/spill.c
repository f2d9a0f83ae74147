/* SPDX-License-Identifier: MIT
 * spill.c - bounded-memory external sort of ct_spill_rec (spill.h): a
 * buffer sorted by a counting pass on the key's top bits, runs in an unlinked
 * temporary file, a heap merge. The buffer's two halves (records and
 * sort scratch) also serve as the read buffers of the merges, so a
 * spill never holds more than its cap.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/spill.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/error.h"

/* Runs are merged in tiers: FANOUT runs of one tier at the end of the
 * list become one run of the next tier, so a record is rewritten once a
 * tier (log base FANOUT of the runs) and the list, sorted by tier, holds
 * at most FANOUT - 1 runs a tier: MAX_RUNS covers 8 tiers, FANOUT^8
 * buffers. MAX_RUNS is also the most heads one spill's merge reads. */
#define FANOUT 16
#define MAX_RUNS 128

typedef struct run {
    unsigned long long off; /* byte offset in the temporary file      */
    size_t n;               /* records                                */
    int tier;               /* 0: a buffer; t + 1: FANOUT runs of t   */
} run;

/* the histogram: RADIX_PASSES * 2^RADIX_BITS counters, of which the
 * sort uses 2^MSD_BITS + 1 */
#define RADIX_BITS 11
#define RADIX_PASSES 6
#define MSD_BITS 13

struct ct_spill {
    ct_spill_rec *buf;      /* records not yet written (n of them)    */
    size_t (*cnt)[(size_t)1 << RADIX_BITS]; /* sort histogram          */
    ct_spill_rec *tmp;      /* sort scratch, same size                */
    size_t cap_n;           /* records per buffer                     */
    size_t n;
    size_t count;           /* records added in all                   */
    size_t high;            /* bytes held at most                     */
    int fd;                 /* temporary file, -1 until needed        */
    unsigned long long end; /* bytes written to it                    */
    run runs[MAX_RUNS + 1];
    size_t n_runs;
};

static int rec_less(const ct_spill_rec *a, const ct_spill_rec *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    if (a->src != b->src)
        return a->src < b->src;
    return a->aux < b->aux;
}

int ct_spill_alloc(ct_spill **out, size_t cap)
{
    ct_spill *s;
    *out = NULL;
    if (cap == 0)
        cap = CT_SPILL_DEFAULT_CAP;
    if (cap < 256 * 1024)
        cap = 256 * 1024; /* the histograms and some records */
    s = calloc(1, sizeof *s);
    if (s == NULL)
        return CT_ENOMEM;
    /* the histograms (96 KB) come out of the cap */
    s->cap_n = (cap - RADIX_PASSES * sizeof *s->cnt) / 2 /
               sizeof(ct_spill_rec);
    s->buf = malloc(s->cap_n * sizeof *s->buf);
    s->tmp = malloc(s->cap_n * sizeof *s->tmp);
    s->cnt = malloc(RADIX_PASSES * sizeof *s->cnt);
    s->fd = -1;
    if (s->buf == NULL || s->tmp == NULL || s->cnt == NULL) {
        ct_spill_free(s);
        return CT_ENOMEM;
    }
    s->high = 2 * s->cap_n * sizeof *s->buf + RADIX_PASSES * sizeof *s->cnt;
    *out = s;
    return CT_OK;
}

void ct_spill_free(ct_spill *s)
{
    if (s == NULL)
        return;
    free(s->buf);
    free(s->tmp);
    free(s->cnt);
    if (s->fd >= 0)
        close(s->fd);
    free(s);
}

size_t ct_spill_count(const ct_spill *s) { return s->count; }
size_t ct_spill_high_water(const ct_spill *s) { return s->high; }
size_t ct_spill_runs(const ct_spill *s) { return s->n_runs; }

static int rec_cmp(const void *a, const void *b)
{
    return rec_less(a, b) ? -1 : rec_less(b, a) ? 1 : 0;
}

/* Sorts a[0..n) by (key, src, aux): insertion sort on the small buckets
 * the keys' top bits leave, qsort on any large one (many equal keys). */
static void sort_bucket(ct_spill_rec *a, size_t n)
{
    size_t i, j;
    if (n > 32) {
        qsort(a, n, sizeof *a, rec_cmp);
        return;
    }
    for (i = 1; i < n; i++)
        if (rec_less(&a[i], &a[i - 1])) {
            ct_spill_rec r = a[i];
            for (j = i; j > 0 && rec_less(&r, &a[j - 1]); j--)
                a[j] = a[j - 1];
            a[j] = r;
        }
}

/* Sorts buf[0..n) by (key, src, aux): one counting pass on the top
 * MSD_BITS of the key (the keys are digests, so the buckets are small),
 * then each bucket on its own. One read and one scattered write of the
 * records, where an LSD radix sort on 64 bits takes six of each. */
static void sort_buf(ct_spill *s)
{
    static const size_t B = (size_t)1 << MSD_BITS;
    size_t n = s->n, i, sum = 0, *cnt = &s->cnt[0][0];
    ct_spill_rec *a = s->buf, *b = s->tmp;

    memset(cnt, 0, (B + 1) * sizeof *cnt);
    for (i = 0; i < n; i++)
        cnt[(a[i].key >> (64 - MSD_BITS)) + 1]++;
    for (i = 1; i <= B; i++) {
        sum += cnt[i];
        cnt[i] = sum; /* cnt[k]: where bucket k starts */
    }
    for (i = 0; i < n; i++)
        b[cnt[a[i].key >> (64 - MSD_BITS)]++] = a[i];
    /* now cnt[k] is where bucket k ends */
    for (i = 0; i < B; i++) {
        size_t from = i ? cnt[i - 1] : 0;
        sort_bucket(b + from, cnt[i] - from);
    }
    memcpy(a, b, n * sizeof *a);
}

/* errno of the last failure on a temporary file, per thread (0: a short
 * read or write) */
static _Thread_local int last_errno;

/* The folder of the temporary files. */
static const char *spill_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir == NULL || dir[0] == '\0' ? "/tmp" : dir;
}

int ct_spill_error(ct_error *err, int rc, const char *path, long line,
                   int reading)
{
    if (rc != CT_EIO)
        return ct_error_set(err, rc, path, line, "out of memory");
    return ct_error_set(err, rc, path, line,
                        "cannot %s the record ids %s a temporary file in %s "
                        "(TMPDIR): %s", reading ? "read" : "write",
                        reading ? "back from" : "to", spill_dir(),
                        last_errno ? strerror(last_errno)
                                   : "short read or write");
}

static int open_tmp(ct_spill *s)
{
    const char *dir = spill_dir();
    char path[4096];
    last_errno = ENAMETOOLONG;
    if ((size_t)snprintf(path, sizeof path, "%s/ctrend-ids-XXXXXX", dir) >=
        sizeof path)
        return CT_EIO;
    s->fd = mkstemp(path);
    if (s->fd < 0) {
        last_errno = errno;
        return CT_EIO;
    }
    unlink(path); /* gone when closed, even after a crash */
    return CT_OK;
}

static int write_all(int fd, const void *p, size_t n, unsigned long long off)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = pwrite(fd, c, n, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            last_errno = w < 0 ? errno : 0;
            return CT_EIO;
        }
        c += w;
        n -= (size_t)w;
        off += (unsigned long long)w;
    }
    return CT_OK;
}

static int read_all(int fd, void *p, size_t n, unsigned long long off)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = pread(fd, c, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            last_errno = r < 0 ? errno : 0;
            return CT_EIO;
        }
        c += r;
        n -= (size_t)r;
        off += (unsigned long long)r;
    }
    return CT_OK;
}

/* A source of sorted records for a merge: a run in the file (read
 * through a window of win records) or a sorted array in memory. */
typedef struct head {
    const ct_spill *s;      /* whose file                              */
    unsigned long long off; /* file offset of the next unread record   */
    size_t left;            /* records not yet read into the window    */
    ct_spill_rec *win;      /* window                                  */
    size_t win_n, pos, got; /* capacity, next, records in the window   */
} head;

static int head_fill(head *h)
{
    size_t k = h->left < h->win_n ? h->left : h->win_n;
    int rc = read_all(h->s->fd, h->win, k * sizeof *h->win, h->off);
    if (rc != CT_OK)
        return rc;
    h->off += k * sizeof *h->win;
    h->left -= k;
    h->got = k;
    h->pos = 0;
    return CT_OK;
}

/* 1 while h has a current record. */
static int head_live(const head *h) { return h->pos < h->got; }

static int head_next(head *h)
{
    h->pos++;
    if (h->pos == h->got && h->left > 0)
        return head_fill(h);
    return CT_OK;
}

static const ct_spill_rec *head_cur(const head *h) { return &h->win[h->pos]; }

/* A head in the heap, with the key of its current record (most
 * comparisons end at the keys, without reaching the records). */
typedef struct heap_ent {
    uint64_t key;
    size_t ix;              /* index of the head                       */
} heap_ent;

/* Binary min-heap of heads. */
typedef struct heap {
    head *h;
    heap_ent *e;
    size_t n;
} heap;

static int ent_less(const heap *p, const heap_ent *a, const heap_ent *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    return rec_less(head_cur(&p->h[a->ix]), head_cur(&p->h[b->ix]));
}

static void heap_down(heap *p, size_t i)
{
    heap_ent t = p->e[i];
    for (;;) {
        size_t l = 2 * i + 1, m;
        if (l >= p->n)
            break;
        /* the smaller child, then whether it goes above the entry
         * (written once, where it stops) */
        m = l + (l + 1 < p->n && ent_less(p, &p->e[l + 1], &p->e[l]));
        if (!ent_less(p, &p->e[m], &t))
            break;
        p->e[i] = p->e[m];
        i = m;
    }
    p->e[i] = t;
}

/* Adds head i (live) before heap_build. */
static void heap_add(heap *p, size_t i)
{
    p->e[p->n].key = head_cur(&p->h[i])->key;
    p->e[p->n++].ix = i;
}

static void heap_build(heap *p)
{
    size_t i = p->n / 2;
    while (i-- > 0)
        heap_down(p, i);
}

/* Takes the smallest current record into *out; 0 when all are done. */
static int heap_pop(heap *p, ct_spill_rec *out, int *rc)
{
    head *h;
    *rc = CT_OK;
    if (p->n == 0)
        return 0;
    h = &p->h[p->e[0].ix];
    *out = *head_cur(h);
    if ((*rc = head_next(h)) != CT_OK)
        return 0;
    if (!head_live(h))
        p->e[0] = p->e[--p->n];
    else
        p->e[0].key = head_cur(h)->key;
    heap_down(p, 0);
    return 1;
}

/* Merges runs[first..n_runs) of s into one new run at the end of the
 * file, using buf for the heads' windows and tmp for the output: s->n
 * must be 0. */
static int compact(ct_spill *s, size_t first)
{
    head h[MAX_RUNS + 1];
    size_t m = s->n_runs - first;
    heap_ent e[MAX_RUNS + 1];
    size_t i, per = s->cap_n / m, out_n = 0;
    unsigned long long start = s->end;
    size_t total = 0;
    heap p;
    ct_spill_rec r;
    int rc = CT_OK;

    if (per == 0)
        per = 1; /* not reached: cap_n > 1000 > MAX_RUNS */
    p.h = h;
    p.e = e;
    p.n = 0;
    for (i = 0; i < m; i++) {
        h[i].s = s;
        h[i].off = s->runs[first + i].off;
        h[i].left = s->runs[first + i].n;
        h[i].win = s->buf + i * per;
        h[i].win_n = per;
        total += s->runs[first + i].n;
        if ((rc = head_fill(&h[i])) != CT_OK)
            return rc;
        if (head_live(&h[i]))
            heap_add(&p, i);
    }
    heap_build(&p);
    while (heap_pop(&p, &r, &rc)) {
        s->tmp[out_n++] = r;
        if (out_n == s->cap_n) {
            if ((rc = write_all(s->fd, s->tmp, out_n * sizeof r, s->end)))
                return rc;
            s->end += out_n * sizeof r;
            out_n = 0;
        }
    }
    if (rc != CT_OK)
        return rc;
    if (out_n) {
        if ((rc = write_all(s->fd, s->tmp, out_n * sizeof r, s->end)))
            return rc;
        s->end += out_n * sizeof r;
    }
    s->runs[first].off = start;
    s->runs[first].n = total;
    s->runs[first].tier++;
    s->n_runs = first + 1;
    return CT_OK;
}

/* Sorts the buffer and writes it as a run. */
static int flush(ct_spill *s)
{
    int rc;
    if (s->n == 0)
        return CT_OK;
    if (s->fd < 0 && (rc = open_tmp(s)) != CT_OK)
        return rc;
    sort_buf(s);
    if ((rc = write_all(s->fd, s->buf, s->n * sizeof *s->buf, s->end)))
        return rc;
    s->runs[s->n_runs].off = s->end;
    s->runs[s->n_runs].n = s->n;
    s->runs[s->n_runs].tier = 0;
    s->n_runs++;
    s->end += s->n * sizeof *s->buf;
    s->n = 0;
    /* FANOUT runs of one tier at the end: one run of the next */
    while (s->n_runs >= FANOUT) {
        size_t first = s->n_runs - FANOUT, i;
        int tier = s->runs[first].tier;
        for (i = first + 1; i < s->n_runs; i++)
            if (s->runs[i].tier != tier)
                break;
        if (i < s->n_runs)
            break;
        if ((rc = compact(s, first)) != CT_OK)
            return rc;
    }
    if (s->n_runs >= MAX_RUNS) /* 8 full tiers: everything into one */
        return compact(s, 0);
    return CT_OK;
}

int ct_spill_add(ct_spill *s, const ct_spill_rec *r)
{
    int rc;
    if (s->n == s->cap_n && (rc = flush(s)) != CT_OK)
        return rc;
    s->buf[s->n++] = *r;
    s->count++;
    return CT_OK;
}

int ct_spill_groups(ct_spill *const *s, size_t n, size_t min,
                    ct_spill_group_fn fn, void *ctx)
{
    head *h = NULL;
    heap_ent *e = NULL;
    size_t nh = 0, i, k, gn = 0, gcap = 0;
    ct_spill_rec *g = NULL, r;
    heap p;
    int rc = CT_OK;

    if (min == 0)
        min = 1;
    for (i = 0; i < n; i++)
        if (s[i])
            nh += s[i]->n_runs + 1;
    h = calloc(nh ? nh : 1, sizeof *h);
    e = calloc(nh ? nh : 1, sizeof *e);
    if (h == NULL || e == NULL) {
        rc = CT_ENOMEM;
        goto out;
    }
    p.h = h;
    p.e = e;
    p.n = 0;
    nh = 0;
    for (i = 0; i < n; i++) {
        ct_spill *t = s[i];
        size_t per;
        if (t == NULL)
            continue;
        /* the tail stays in buf; the runs read through windows in tmp */
        if (t->n)
            sort_buf(t);
        per = t->n_runs ? t->cap_n / t->n_runs : 0;
        for (k = 0; k < t->n_runs; k++, nh++) {
            h[nh].s = t;
            h[nh].off = t->runs[k].off;
            h[nh].left = t->runs[k].n;
            h[nh].win = t->tmp + k * per;
            h[nh].win_n = per;
            if ((rc = head_fill(&h[nh])) != CT_OK)
                goto out;
            if (head_live(&h[nh]))
                heap_add(&p, nh);
        }
        h[nh].s = t;
        h[nh].win = t->buf;
        h[nh].win_n = h[nh].got = t->n;
        h[nh].left = 0;
        h[nh].pos = 0;
        if (t->n)
            heap_add(&p, nh);
        nh++;
        t->n = 0;
    }
    heap_build(&p);
    for (;;) {
        int more = heap_pop(&p, &r, &rc);
        if (rc != CT_OK)
            goto out;
        if (gn > 0 && (!more || r.key != g[0].key)) {
            if (gn >= min && (rc = fn(g, gn, ctx)) != 0)
                goto out;
            gn = 0;
        }
        if (!more)
            break;
        if (gn == gcap) {
            size_t c = gcap ? 2 * gcap : 16;
            ct_spill_rec *ng = realloc(g, c * sizeof *ng);
            if (ng == NULL) {
                rc = CT_ENOMEM;
                goto out;
            }
            g = ng;
            gcap = c;
        }
        g[gn++] = r;
    }
out:
    free(g);
    free(h);
    free(e);
    return rc;
}
