/* SPDX-License-Identifier: MIT
 * strtab.c - string interning (strtab.h).
 */
#include "core/strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_BYTES (64u * 1024u)

typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

struct ct_strtab {
    long *slot;          /* hash slots: id or -1                 */
    size_t nslot;        /* power of two                         */
    const char **str;    /* id -> string                         */
    size_t *len;         /* id -> length                         */
    unsigned long long *hash; /* id -> hash                      */
    size_t n, cap;       /* ids used / allocated                 */
    block *blocks;       /* string storage                       */
};

/* Eight bytes at a time: multiply-xorshift mixing (the finaliser of
 * MurmurHash3's 64-bit variant) over little words; fast for the short
 * keys interned here and well spread for open addressing. Each word's
 * step is a bijection of the state, so two keys of one length that
 * differ in one word never collide; the seed starts the state. */
unsigned long long ct_hash_seeded(const void *p, size_t n,
                                  unsigned long long seed)
{
    const unsigned char *b = p;
    unsigned long long h =
        0x9e3779b97f4a7c15ULL ^ seed ^ (n * 0xff51afd7ed558ccdULL);
    size_t i = 0;
    while (i + 8 <= n) {
        unsigned long long w;
        memcpy(&w, b + i, 8);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 29;
        i += 8;
    }
    if (i < n) {
        /* the last 1-7 bytes as one little-endian word, read with
         * fixed-size loads (a call to memcpy costs more than the key) */
        unsigned long long w;
        if (n >= 8) {
            memcpy(&w, b + n - 8, 8); /* overlaps the words before */
            w >>= 8 * (8 - (n - i));
        } else if (n >= 4) {
            uint32_t lo, hi;
            memcpy(&lo, b, 4);
            memcpy(&hi, b + n - 4, 4); /* overlaps lo by 8 - n bytes */
            w = lo | (unsigned long long)hi << (8 * (n - 4));
        } else {
            w = b[0] | (unsigned long long)b[n / 2] << (8 * (n / 2)) |
                (unsigned long long)b[n - 1] << (8 * (n - 1));
        }
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

unsigned long long ct_hash_bytes(const void *p, size_t n)
{
    return ct_hash_seeded(p, n, 0);
}

ct_strtab *ct_strtab_alloc(void)
{
    ct_strtab *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->nslot = 64;
    t->slot = malloc(t->nslot * sizeof *t->slot);
    if (t->slot == NULL) {
        free(t);
        return NULL;
    }
    memset(t->slot, 0xff, t->nslot * sizeof *t->slot);
    return t;
}

void ct_strtab_free(ct_strtab *t)
{
    block *b, *nb;
    if (t == NULL)
        return;
    for (b = t->blocks; b; b = nb) {
        nb = b->next;
        free(b);
    }
    free(t->slot);
    free(t->str);
    free(t->len);
    free(t->hash);
    free(t);
}

static long lookup(const ct_strtab *t, const char *s, size_t n,
                   unsigned long long h, size_t *pos)
{
    size_t m = t->nslot - 1, i = (size_t)h & m;
    for (;;) {
        long id = t->slot[i];
        if (id < 0) {
            *pos = i;
            return -1;
        }
        if (t->hash[id] == h && t->len[id] == n &&
            memcmp(t->str[id], s, n) == 0) {
            *pos = i;
            return id;
        }
        i = (i + 1) & m;
    }
}

static int grow_slots(ct_strtab *t)
{
    size_t ns = t->nslot * 2, i;
    long *slot = malloc(ns * sizeof *slot);
    if (slot == NULL)
        return -1;
    memset(slot, 0xff, ns * sizeof *slot);
    for (i = 0; i < t->n; i++) {
        size_t j = (size_t)t->hash[i] & (ns - 1);
        while (slot[j] >= 0)
            j = (j + 1) & (ns - 1);
        slot[j] = (long)i;
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = ns;
    return 0;
}

static char *store(ct_strtab *t, const char *s, size_t n)
{
    block *b = t->blocks;
    char *p;
    if (b == NULL || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > BLOCK_BYTES ? n + 1 : BLOCK_BYTES;
        b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = t->blocks;
        t->blocks = b;
    }
    p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

long ct_strtab_intern(ct_strtab *t, const char *s, size_t n, int *added)
{
    unsigned long long h = ct_hash_bytes(s, n);
    size_t pos;
    long id = lookup(t, s, n, h, &pos);
    char *p;

    if (added)
        *added = 0;
    if (id >= 0)
        return id;
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 64;
        const char **ns = realloc(t->str, nc * sizeof *ns);
        size_t *nl;
        unsigned long long *nh;
        if (ns == NULL)
            return -1;
        t->str = ns;
        nl = realloc(t->len, nc * sizeof *nl);
        if (nl == NULL)
            return -1;
        t->len = nl;
        nh = realloc(t->hash, nc * sizeof *nh);
        if (nh == NULL)
            return -1;
        t->hash = nh;
        t->cap = nc;
    }
    p = store(t, s, n);
    if (p == NULL)
        return -1;
    id = (long)t->n++;
    t->str[id] = p;
    t->len[id] = n;
    t->hash[id] = h;
    t->slot[pos] = id;
    if (2 * t->n > t->nslot && grow_slots(t) != 0) {
        /* table still consistent (load <= 1/2 before this insert) */
        t->n--;
        t->slot[pos] = -1;
        return -1;
    }
    if (added)
        *added = 1;
    return id;
}

long ct_strtab_find(const ct_strtab *t, const char *s, size_t n)
{
    size_t pos;
    return lookup(t, s, n, ct_hash_bytes(s, n), &pos);
}

const char *ct_strtab_get(const ct_strtab *t, long id)
{
    return (id >= 0 && (size_t)id < t->n) ? t->str[id] : NULL;
}

size_t ct_strtab_count(const ct_strtab *t) { return t->n; }

size_t ct_strtab_len(const ct_strtab *t, long id)
{
    return (id >= 0 && (size_t)id < t->n) ? t->len[id] : 0;
}
