/* SPDX-License-Identifier: MIT
 * spill_tmpl.h - the body of a bounded-memory external sort (spill.h),
 * written once for the two record types; included only by spill.c, once
 * per type, with:
 *   SP_REC      the record type (a uint64_t key first)
 *   SP_T        the spill type (struct SP_T is defined here)
 *   SP(x)       the public names (ct_spill_x, ct_keyspill_x)
 *   SPI(x)      the file's own names for this type
 *   SP_LESS     a function of two const SP_REC * giving 1 when the first
 *               sorts before the second (key first)
 * and spill.c's shared helpers (run, open_tmp, write_all, read_all,
 * last_errno, HIST_N, MSD_BITS, FANOUT, MAX_RUNS, SPILL_MAX_PARTS,
 * SEAL_WINDOW)
 * defined before. The parameters are undefined at the end, ready for the
 * next type.
 */

struct SP_T {
    SP_REC *buf;            /* records not yet written (n of them)    */
    size_t *cnt;            /* sort histogram (HIST_N counters)       */
    SP_REC *tmp;            /* sort scratch, same size; after seal,
                               only the merge's windows (tmp_n)       */
    size_t cap_n;           /* records per buffer                     */
    size_t tmp_n;           /* records in tmp                         */
    int sealed;             /* seal called: buf sorted, no more adds  */
    size_t n;
    size_t count;           /* records added in all                   */
    size_t high;            /* bytes held at most                     */
    int fd;                 /* temporary file, -1 until needed        */
    unsigned long long end; /* bytes written to it                    */
    run runs[MAX_RUNS + 1];
    size_t n_runs;
};

int SP(alloc)(SP_T **out, size_t cap)
{
    SP_T *s;
    *out = NULL;
    if (cap == 0)
        cap = CT_SPILL_DEFAULT_CAP;
    if (cap < 256 * 1024)
        cap = 256 * 1024; /* the histogram and some records */
    s = calloc(1, sizeof *s);
    if (s == NULL)
        return CT_ENOMEM;
    /* the histogram (64 KiB) comes out of the cap */
    s->cap_n = (cap - HIST_N * sizeof *s->cnt) / 2 / sizeof(SP_REC);
    s->buf = malloc(s->cap_n * sizeof *s->buf);
    s->tmp = malloc(s->cap_n * sizeof *s->tmp);
    s->cnt = malloc(HIST_N * sizeof *s->cnt);
    s->fd = -1;
    if (s->buf == NULL || s->tmp == NULL || s->cnt == NULL) {
        SP(free)(s);
        return CT_ENOMEM;
    }
    s->tmp_n = s->cap_n;
    s->high = 2 * s->cap_n * sizeof *s->buf + HIST_N * sizeof *s->cnt;
    *out = s;
    return CT_OK;
}

void SP(free)(SP_T *s)
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

size_t SP(count)(const SP_T *s) { return s->count; }
size_t SP(high_water)(const SP_T *s) { return s->high; }
size_t SP(runs)(const SP_T *s) { return s->n_runs; }

static int SPI(rec_cmp)(const void *a, const void *b)
{
    return SP_LESS(a, b) ? -1 : SP_LESS(b, a) ? 1 : 0;
}

/* Sorts a[0..n) by SP_LESS: insertion sort on the small buckets
 * the keys' top bits leave, qsort on any large one (many equal keys). */
static void SPI(sort_bucket)(SP_REC *a, size_t n)
{
    size_t i, j;
    if (n > 32) {
        qsort(a, n, sizeof *a, SPI(rec_cmp));
        return;
    }
    for (i = 1; i < n; i++)
        if (SP_LESS(&a[i], &a[i - 1])) {
            SP_REC r = a[i];
            for (j = i; j > 0 && SP_LESS(&r, &a[j - 1]); j--)
                a[j] = a[j - 1];
            a[j] = r;
        }
}

/* Sorts buf[0..n) by SP_LESS: one counting pass on the top
 * MSD_BITS of the key (the keys are digests, so the buckets are small),
 * then each bucket on its own. One read and one scattered write of the
 * records, where an LSD radix sort on 64 bits takes six of each. */
static void SPI(sort_buf)(SP_T *s)
{
    static const size_t B = (size_t)1 << MSD_BITS;
    size_t n = s->n, i, sum = 0, *cnt = s->cnt;
    SP_REC *a = s->buf, *b = s->tmp;

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
        SPI(sort_bucket)(b + from, cnt[i] - from);
    }
    memcpy(a, b, n * sizeof *a);
}

/* A source of sorted records for a merge: a run in the file (read
 * through a window of win records) or a sorted array in memory. */
typedef struct SPI(head) {
    const SP_T *s;      /* whose file                              */
    unsigned long long off; /* file offset of the next unread record   */
    size_t left;            /* records not yet read into the window    */
    SP_REC *win;      /* window                                  */
    size_t win_n, pos, got; /* capacity, next, records in the window   */
} SPI(head);

static int SPI(head_fill)(SPI(head) *h)
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
static int SPI(head_live)(const SPI(head) *h) { return h->pos < h->got; }

static int SPI(head_next)(SPI(head) *h)
{
    h->pos++;
    if (h->pos == h->got && h->left > 0)
        return SPI(head_fill)(h);
    return CT_OK;
}

static const SP_REC *SPI(head_cur)(const SPI(head) *h) { return &h->win[h->pos]; }

/* A head in the heap, with the key of its current record (most
 * comparisons end at the keys, without reaching the records). */
typedef struct SPI(heap_ent) {
    uint64_t key;
    size_t ix;              /* index of the head                       */
} SPI(heap_ent);

/* Binary min-heap of heads. */
typedef struct SPI(heap) {
    SPI(head) *h;
    SPI(heap_ent) *e;
    size_t n;
} SPI(heap);

static int SPI(ent_less)(const SPI(heap) *p, const SPI(heap_ent) *a, const SPI(heap_ent) *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    return SP_LESS(SPI(head_cur)(&p->h[a->ix]), SPI(head_cur)(&p->h[b->ix]));
}

static void SPI(heap_down)(SPI(heap) *p, size_t i)
{
    SPI(heap_ent) t = p->e[i];
    for (;;) {
        size_t l = 2 * i + 1, m;
        if (l >= p->n)
            break;
        /* the smaller child, then whether it goes above the entry
         * (written once, where it stops) */
        m = l + (l + 1 < p->n && SPI(ent_less)(p, &p->e[l + 1], &p->e[l]));
        if (!SPI(ent_less)(p, &p->e[m], &t))
            break;
        p->e[i] = p->e[m];
        i = m;
    }
    p->e[i] = t;
}

/* Adds head i (live) before heap_build. */
static void SPI(heap_add)(SPI(heap) *p, size_t i)
{
    p->e[p->n].key = SPI(head_cur)(&p->h[i])->key;
    p->e[p->n++].ix = i;
}

static void SPI(heap_build)(SPI(heap) *p)
{
    size_t i = p->n / 2;
    while (i-- > 0)
        SPI(heap_down)(p, i);
}

/* Takes the smallest current record into *out; 0 when all are done. */
static int SPI(heap_pop)(SPI(heap) *p, SP_REC *out, int *rc)
{
    SPI(head) *h;
    *rc = CT_OK;
    if (p->n == 0)
        return 0;
    h = &p->h[p->e[0].ix];
    *out = *SPI(head_cur)(h);
    if ((*rc = SPI(head_next)(h)) != CT_OK)
        return 0;
    if (!SPI(head_live)(h))
        p->e[0] = p->e[--p->n];
    else
        p->e[0].key = SPI(head_cur)(h)->key;
    SPI(heap_down)(p, 0);
    return 1;
}

/* Merges runs[first..n_runs) of s into one new run at the end of the
 * file, using buf for the heads' windows and tmp for the output: s->n
 * must be 0. */
static int SPI(compact)(SP_T *s, size_t first)
{
    SPI(head) h[MAX_RUNS + 1];
    size_t m = s->n_runs - first;
    SPI(heap_ent) e[MAX_RUNS + 1];
    size_t i, per = s->cap_n / m, out_n = 0;
    unsigned long long start = s->end;
    size_t total = 0;
    SPI(heap) p;
    SP_REC r;
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
        if ((rc = SPI(head_fill)(&h[i])) != CT_OK)
            return rc;
        if (SPI(head_live)(&h[i]))
            SPI(heap_add)(&p, i);
    }
    SPI(heap_build)(&p);
    while (SPI(heap_pop)(&p, &r, &rc)) {
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
static int SPI(flush)(SP_T *s)
{
    int rc;
    if (s->n == 0)
        return CT_OK;
    if (s->fd < 0 && (rc = open_tmp(&s->fd)) != CT_OK)
        return rc;
    SPI(sort_buf)(s);
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
        if ((rc = SPI(compact)(s, first)) != CT_OK)
            return rc;
    }
    if (s->n_runs >= MAX_RUNS) /* 8 full tiers: everything into one */
        return SPI(compact)(s, 0);
    return CT_OK;
}

int SP(add)(SP_T *s, const SP_REC *r)
{
    int rc;
    if (s->sealed)
        return CT_EUSAGE; /* a caller's mistake, not the data's */
    if (s->n == s->cap_n && (rc = SPI(flush)(s)) != CT_OK)
        return rc;
    s->buf[s->n++] = *r;
    s->count++;
    return CT_OK;
}

int SP(seal)(SP_T *s)
{
    int rc;
    if (s == NULL || s->sealed)
        return CT_OK;
    s->sealed = 1;
    if (s->n_runs > 0) {
        /* the rest joins the runs in the file; what stays is a window
         * for each run in each part of the merge */
        SP_REC *t;
        size_t win;
        if ((rc = SPI(flush)(s)) != CT_OK)
            return rc;
        win = (s->n_runs + 1) * SEAL_WINDOW;
        free(s->buf);
        s->buf = NULL;
        if (win < s->tmp_n && (t = realloc(s->tmp, win * sizeof *t)) != NULL) {
            s->tmp = t;
            s->tmp_n = win;
        }
    } else {
        /* all in memory: sorted now, kept at its size */
        SP_REC *b;
        SPI(sort_buf)(s);
        free(s->tmp);
        s->tmp = NULL;
        s->tmp_n = 0;
        if (s->n > 0 && (b = realloc(s->buf, s->n * sizeof *b)) != NULL)
            s->buf = b;
    }
    free(s->cnt);
    s->cnt = NULL;
    return CT_OK;
}

/* Index of the first record of run k of t whose key is >= lo (a binary
 * search reading one key at a time); *at gets it. */
static int SPI(run_from)(const SP_T *t, size_t k, uint64_t lo, size_t *at)
{
    size_t a = 0, b = t->runs[k].n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        uint64_t key;
        int rc = read_all(t->fd, &key, sizeof key,
                          t->runs[k].off + m * sizeof(SP_REC));
        if (rc != CT_OK)
            return rc;
        if (key < lo)
            a = m + 1;
        else
            b = m;
    }
    *at = a;
    return CT_OK;
}

/* One part of a merge: the keys in [lo, hi] of the spills s[0..n) (their
 * buffers sorted), read through part `part` of `parts` of each spill's
 * scratch. */
typedef struct SPI(part) {
    SP_T *const *s;
    size_t n, min, part, parts;
    uint64_t lo, hi;
    SP(group_fn) fn;
    void *ctx;
    int rc;
    int err;                /* its thread's last_errno after a failure */
} SPI(part);

/* A bucket of the merge: records gathered from every head, sorted in
 * memory (g: the records, t: scratch, cnt: the fine histogram). */
typedef struct SPI(bucket) {
    SP_REC *g, *t;
    size_t n, cap;
    size_t cnt[GATHER_FINE + 1];
} SPI(bucket);

/* Makes room for k more records in the bucket; CT_ENOMEM when out of
 * memory. */
static int SPI(bucket_room)(SPI(bucket) *u, size_t k)
{
    SP_REC *ng, *nt;
    size_t c = u->cap ? u->cap : GATHER_TARGET * 2;
    if (u->n + k <= u->cap)
        return CT_OK;
    while (c < u->n + k)
        c *= 2;
    if ((ng = realloc(u->g, c * sizeof *ng)) == NULL)
        return CT_ENOMEM;
    u->g = ng;
    if ((nt = realloc(u->t, c * sizeof *nt)) == NULL)
        return CT_ENOMEM;
    u->t = nt;
    u->cap = c;
    return CT_OK;
}

/* Moves the records of head h with keys <= top into the bucket, reading
 * on through its window. */
static int SPI(bucket_take)(SPI(bucket) *u, SPI(head) *h, uint64_t top)
{
    int rc;
    while (SPI(head_live)(h)) {
        size_t e = h->pos;
        while (e < h->got && h->win[e].key <= top)
            e++;
        if (e > h->pos) {
            if ((rc = SPI(bucket_room)(u, e - h->pos)) != CT_OK)
                return rc;
            memcpy(u->g + u->n, h->win + h->pos, (e - h->pos) * sizeof *u->g);
            u->n += e - h->pos;
        }
        h->pos = e;
        if (e < h->got)
            break; /* a key past top: the next bucket's */
        if (h->left == 0)
            break; /* the head is done */
        if ((rc = SPI(head_fill)(h)) != CT_OK)
            return rc;
    }
    return CT_OK;
}

/* Sorts the bucket's records by SP_LESS: a counting pass on the GATHER
 * bits of the key below bit `shift` (the bucket's keys agree above it),
 * then each fine bucket on its own (the keys are digests, so they hold
 * a record or two). */
static void SPI(bucket_sort)(SPI(bucket) *u, unsigned shift)
{
    const unsigned fb = shift < GATHER_BITS ? shift : GATHER_BITS;
    const unsigned low = shift - fb;
    const uint64_t mask = ((uint64_t)1 << fb) - 1;
    size_t i, sum = 0, *cnt = u->cnt;
    SP_REC *x = u->g;
    if (u->n <= 32 || fb == 0) {
        SPI(sort_bucket)(x, u->n);
        return;
    }
    memset(cnt, 0, ((size_t)1 << fb) * sizeof *cnt + sizeof *cnt);
    for (i = 0; i < u->n; i++)
        cnt[((x[i].key >> low) & mask) + 1]++;
    for (i = 1; i <= mask + 1; i++) {
        sum += cnt[i];
        cnt[i] = sum;
    }
    for (i = 0; i < u->n; i++)
        u->t[cnt[(x[i].key >> low) & mask]++] = x[i];
    for (i = 0; i <= mask; i++) {
        size_t from = i ? cnt[i - 1] : 0;
        if (cnt[i] - from > 1)
            SPI(sort_bucket)(u->t + from, cnt[i] - from);
    }
    u->g = u->t;
    u->t = x;
}

/* The merge of one part: the records of every head, a bucket of keys
 * at a time. The buckets are slices of the key space sized so that one
 * holds about GATHER_TARGET records; each is gathered from the heads
 * (a run of keys each, the heads being sorted), sorted in memory and
 * scanned for equal keys. Every record is moved about four times, in
 * order, where a heap of heads takes a comparison a level, which the CPU
 * cannot predict. */
static int SPI(merge_part)(SPI(part) *a)
{
    SPI(head) *h = NULL;
    SPI(bucket) *u = NULL;
    size_t nh = 0, i, k, total = 0;
    unsigned shift;
    uint64_t width, per_bucket;
    int rc = CT_OK;

    for (i = 0; i < a->n; i++)
        if (a->s[i])
            nh += a->s[i]->n_runs + 1;
    h = calloc(nh ? nh : 1, sizeof *h);
    u = calloc(1, sizeof *u);
    if (h == NULL || u == NULL) {
        rc = CT_ENOMEM;
        goto out;
    }
    nh = 0;
    for (i = 0; i < a->n; i++) {
        SP_T *t = a->s[i];
        size_t per, from, lo_i, hi_i;
        if (t == NULL)
            continue;
        /* the runs read through windows in tmp, a share for each part */
        per = t->n_runs ? t->tmp_n / (t->n_runs * a->parts) : 0;
        for (k = 0; k < t->n_runs; k++) {
            from = 0;
            if (a->lo > 0 && (rc = SPI(run_from)(t, k, a->lo, &from)))
                goto out;
            h[nh].s = t;
            h[nh].off = t->runs[k].off + from * sizeof(SP_REC);
            h[nh].left = t->runs[k].n - from;
            h[nh].win = t->tmp + (k * a->parts + a->part) * per;
            h[nh].win_n = per;
            total += h[nh].left;
            if ((rc = SPI(head_fill)(&h[nh])) != CT_OK)
                goto out;
            if (SPI(head_live)(&h[nh]))
                nh++;
        }
        /* the buffer, sorted, from its first key >= lo */
        lo_i = 0;
        hi_i = t->n;
        while (lo_i < hi_i) {
            size_t m = lo_i + (hi_i - lo_i) / 2;
            if (t->buf[m].key < a->lo)
                lo_i = m + 1;
            else
                hi_i = m;
        }
        if (lo_i < t->n) {
            h[nh].s = t;
            h[nh].win = t->buf;
            h[nh].win_n = h[nh].got = t->n;
            h[nh].left = 0;
            h[nh].pos = lo_i;
            total += t->n - lo_i;
            nh++;
        }
    }
    /* buckets of 2^shift keys, about GATHER_TARGET records each (the
     * part's records, those past hi too, spread over its keys) */
    width = a->hi - a->lo;
    per_bucket = total / GATHER_TARGET + 1;
    width /= per_bucket;
    for (shift = 0; shift < 63 && ((uint64_t)2 << shift) <= width; shift++)
        ;
    for (;;) {
        uint64_t least = UINT64_MAX, top;
        int any = 0;
        size_t j, e;
        for (j = 0; j < nh; j++)
            if (SPI(head_live)(&h[j])) {
                const uint64_t key = SPI(head_cur)(&h[j])->key;
                if (key < least)
                    least = key;
                any = 1;
            }
        if (!any || least > a->hi)
            break; /* done, or the rest is the next part's */
        top = least | (((uint64_t)1 << shift) - 1);
        if (top > a->hi)
            top = a->hi;
        u->n = 0;
        for (j = 0; j < nh; j++)
            if ((rc = SPI(bucket_take)(u, &h[j], top)) != CT_OK)
                goto out;
        SPI(bucket_sort)(u, shift);
        for (j = 0; j < u->n; j = e) {
            for (e = j + 1; e < u->n && u->g[e].key == u->g[j].key; e++)
                ;
            if (e - j >= a->min && (rc = a->fn(u->g + j, e - j, a->ctx)) != 0)
                goto out;
        }
    }
out:
    if (u != NULL) {
        free(u->g);
        free(u->t);
    }
    free(u);
    free(h);
    return rc;
}

static void *SPI(part_main)(void *arg)
{
    SPI(part) *a = arg;
    a->rc = SPI(merge_part)(a);
    a->err = last_errno;
    return NULL;
}

int SP(groups_split)(SP_T *const *s, size_t n, size_t min, size_t parts,
                     SP(group_fn) fn, void *const *ctx)
{
    SPI(part) a[SPILL_MAX_PARTS];
    pthread_t tid[SPILL_MAX_PARTS];
    size_t i, started = 1;
    int rc = CT_OK;

    if (min == 0)
        min = 1;
    if (parts == 0)
        parts = 1;
    if (parts > SPILL_MAX_PARTS)
        parts = SPILL_MAX_PARTS;
    for (i = 0; i < n; i++) {
        if (s[i] == NULL)
            continue;
        if (s[i]->n && !s[i]->sealed)
            SPI(sort_buf)(s[i]);
        /* a window of at least one record a run and part (a sealed
         * spill without runs reads from its buffer alone) */
        while (parts > 1 && s[i]->n_runs > 0 &&
               s[i]->tmp_n < (s[i]->n_runs + 1) * parts)
            parts--;
    }
    for (i = 0; i < parts; i++) {
        a[i].s = s;
        a[i].n = n;
        a[i].min = min;
        a[i].part = i;
        a[i].parts = parts;
        /* equal slices of the key space: a group is never cut */
        a[i].lo = i == 0 ? 0 : (UINT64_MAX / parts) * i + 1;
        a[i].hi = i + 1 == parts ? UINT64_MAX : (UINT64_MAX / parts) * (i + 1);
        a[i].fn = fn;
        a[i].ctx = ctx[i];
        a[i].rc = CT_OK;
    }
    for (i = 1; i < parts; i++, started++)
        if (pthread_create(&tid[i], NULL, SPI(part_main), &a[i]) != 0)
            break;
    /* parts that could not get a thread run here, after part 0 */
    for (i = 0; i < parts; i++)
        if (i == 0 || i >= started)
            SPI(part_main)(&a[i]);
    for (i = 1; i < started; i++)
        pthread_join(tid[i], NULL);
    for (i = 0; i < parts && rc == CT_OK; i++)
        if ((rc = a[i].rc) != CT_OK)
            last_errno = a[i].err; /* for ct_spill_error, on this thread */
    return rc;
}

int SP(groups)(SP_T *const *s, size_t n, size_t min,
                    SP(group_fn) fn, void *ctx)
{
    void *one[1];
    one[0] = ctx;
    return SP(groups_split)(s, n, min, 1, fn, one);
}

#undef SP_REC
#undef SP_T
#undef SP
#undef SPI
#undef SP_LESS
