/* SPDX-License-Identifier: MIT
 * idset.c - record ids as bits (idset.h).
 *
 * A set is a table of codes (open addressing, at most TABLE_CAP / 2
 * codes), each with the bitmap of its numbers in chunks of 2^CHUNK_BITS
 * bits, allocated when a number in them first comes: ids that count up
 * from 1 take a bit each and a chunk's rounding.
 */
#include "core/idset.h"

#include <stdint.h>
#include <stdlib.h>

#include "ctrend/error.h"

#define PREFIX_MAX 4                 /* letters of a code               */
#define NUM_BITS 24                  /* numbers below 2^24              */
#define CHUNK_BITS 15                /* a chunk: 2^15 numbers, 4 KiB    */
#define CHUNKS (1u << (NUM_BITS - CHUNK_BITS))
#define CHUNK_WORDS ((1u << CHUNK_BITS) / 64)
#define TABLE_BITS 10
#define TABLE_CAP (1u << TABLE_BITS)

typedef struct entry {
    uint32_t code;                   /* the code + 1; 0: a free slot    */
    uint32_t lo, hi;                 /* chunks made: in [lo, hi]        */
    uint32_t last;                   /* the chunk used last ...         */
    uint64_t *last_ch;               /* ... and its bits (NULL: none)   */
    uint64_t **chunk;                /* CHUNKS chunk pointers           */
} entry;

struct ct_idset {
    entry tab[TABLE_CAP];
    size_t used;                     /* codes in tab                    */
    size_t bytes;                    /* bytes held                      */
    int full;                        /* the cap was reached             */
};

/* Reads id[0, n) as a code (letters as base-27 digits 1-26, so that
 * codes of different lengths differ) and a number; 0 when it is not in
 * that form. */
static int parse(const char *id, size_t n, uint32_t *code, uint32_t *num)
{
    size_t i = 0;
    uint32_t c = 0, v = 0;
    while (i < n && id[i] >= 'A' && id[i] <= 'Z') {
        if (i == PREFIX_MAX)
            return 0;
        c = c * 27 + (uint32_t)(id[i] - 'A' + 1);
        i++;
    }
    if (i == n || id[i] < '0' || id[i] > '9' ||
        (id[i] == '0' && i + 1 != n))
        return 0; /* no number, or a leading zero */
    for (; i < n; i++) {
        if (id[i] < '0' || id[i] > '9')
            return 0;
        v = v * 10 + (uint32_t)(id[i] - '0');
        if (v >= 1u << NUM_BITS)
            return 0;
    }
    *code = c;
    *num = v;
    return 1;
}

int ct_idset_takes(const char *id, size_t n)
{
    uint32_t code, num;
    return parse(id, n, &code, &num);
}

static size_t slot_of(uint32_t code)
{
    return (size_t)((code * 0x9E3779B1u) >> (32 - TABLE_BITS));
}

/* The slot of code in s: its entry, or the free slot where it goes
 * (the table is never more than half full). */
static entry *slot_for(const ct_idset *s, uint32_t code)
{
    size_t k = slot_of(code);
    while (s->tab[k].code != 0 && s->tab[k].code != code + 1)
        k = (k + 1) & (TABLE_CAP - 1);
    return (entry *)&s->tab[k];
}

/* The entry of code in s, or NULL. */
static entry *find(const ct_idset *s, uint32_t code)
{
    entry *e = slot_for(s, code);
    return e->code != 0 ? e : NULL;
}

/* Takes bytes more for s; 0 when that goes past the cap. */
static int take(ct_idset *s, size_t bytes)
{
    if (s->bytes + bytes > CT_IDSET_CAP) {
        s->full = 1;
        return 0;
    }
    s->bytes += bytes;
    return 1;
}

int ct_idset_add(ct_idset **set, const char *id, size_t n, uint32_t *block)
{
    ct_idset *s = *set;
    uint32_t code, num;
    uint64_t *ch, bit;
    entry *e;

    if (!parse(id, n, &code, &num))
        return CT_ID_OTHER;
    if (s == NULL) {
        if ((s = calloc(1, sizeof *s)) == NULL)
            return CT_ENOMEM;
        s->bytes = sizeof *s;
        *set = s;
    }
    if (s->full)
        return CT_ID_FULL;
    e = slot_for(s, code);
    if (e->code == 0) {
        /* a new code; the table stays at most half full */
        if (2 * (s->used + 1) > TABLE_CAP ||
            !take(s, CHUNKS * sizeof *e->chunk))
            return s->full = 1, CT_ID_FULL;
        if ((e->chunk = calloc(CHUNKS, sizeof *e->chunk)) == NULL)
            return CT_ENOMEM;
        e->code = code + 1;
        e->lo = CHUNKS;
        e->hi = 0;
        s->used++;
    }
    if (e->last_ch != NULL && e->last == num >> CHUNK_BITS) {
        ch = e->last_ch; /* ids of a code mostly come in order */
    } else {
        ch = e->chunk[num >> CHUNK_BITS];
        if (ch == NULL) {
            if (!take(s, CHUNK_WORDS * sizeof *ch))
                return CT_ID_FULL;
            if ((ch = calloc(CHUNK_WORDS, sizeof *ch)) == NULL)
                return CT_ENOMEM;
            e->chunk[num >> CHUNK_BITS] = ch;
            if (num >> CHUNK_BITS < e->lo)
                e->lo = num >> CHUNK_BITS;
            if (num >> CHUNK_BITS > e->hi)
                e->hi = num >> CHUNK_BITS;
        }
        e->last = num >> CHUNK_BITS;
        e->last_ch = ch;
    }
    if (block != NULL)
        *block = code * CHUNKS + (num >> CHUNK_BITS);
    num &= (1u << CHUNK_BITS) - 1;
    bit = 1ULL << (num & 63);
    if (ch[num >> 6] & bit)
        return CT_ID_SEEN;
    ch[num >> 6] |= bit;
    return CT_ID_NEW;
}

/* Appends block b to *out (room *cap); 0 or CT_ENOMEM. */
static int push(uint32_t **out, size_t *n, size_t *cap, uint32_t b)
{
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        uint32_t *p = realloc(*out, nc * sizeof *p);
        if (p == NULL)
            return CT_ENOMEM;
        *out = p;
        *cap = nc;
    }
    (*out)[(*n)++] = b;
    return 0;
}

int ct_idset_shared(ct_idset *const *sets, size_t n, uint32_t **out,
                    size_t *nout, size_t *cap)
{
    size_t i, j, k, c, w;
    for (i = 0; i < n; i++) {
        if (sets[i] == NULL)
            continue;
        for (k = 0; k < TABLE_CAP; k++) {
            const entry *a = &sets[i]->tab[k];
            if (a->code == 0)
                continue;
            for (j = i + 1; j < n; j++) {
                const entry *b;
                if (sets[j] == NULL || (b = find(sets[j], a->code - 1)) == NULL)
                    continue;
                for (c = a->lo > b->lo ? a->lo : b->lo;
                     c <= a->hi && c <= b->hi; c++) {
                    const uint64_t *x = a->chunk[c], *y = b->chunk[c];
                    if (x == NULL || y == NULL)
                        continue;
                    for (w = 0; w < CHUNK_WORDS && !(x[w] & y[w]); w++)
                        ;
                    if (w < CHUNK_WORDS &&
                        push(out, nout, cap,
                             (a->code - 1) * CHUNKS + (uint32_t)c) != 0)
                        return CT_ENOMEM;
                }
            }
        }
    }
    return CT_OK;
}

int ct_idset_overlap(ct_idset *const *sets, size_t n)
{
    uint32_t *out = NULL;
    size_t k = 0, cap = 0;
    /* out of memory: say they may overlap (the caller looks again) */
    int rc = ct_idset_shared(sets, n, &out, &k, &cap);
    free(out);
    return rc != CT_OK || k > 0;
}

size_t ct_idset_bytes(const ct_idset *set) { return set ? set->bytes : 0; }

void ct_idset_free(ct_idset *set)
{
    size_t k, c;
    if (set == NULL)
        return;
    for (k = 0; k < TABLE_CAP; k++) {
        entry *e = &set->tab[k];
        if (e->code == 0)
            continue;
        for (c = e->lo; c <= e->hi; c++)
            free(e->chunk[c]);
        free(e->chunk);
    }
    free(set);
}
