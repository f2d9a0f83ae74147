/* SPDX-License-Identifier: MIT
 * strtab.h - internal string interning: each distinct string is stored
 * once and gets a dense id (0, 1, 2, ...) in order of first insertion.
 * Open addressing with ct_hash_bytes; strings live in big blocks, so no
 * per-string allocation.
 */
#ifndef CT_STRTAB_H
#define CT_STRTAB_H

#include <stddef.h>

typedef struct ct_strtab ct_strtab;

ct_strtab *ct_strtab_alloc(void);
void ct_strtab_free(ct_strtab *t);
/* Returns the id of s (n bytes), inserting it if new; -1 on OOM.
 * *added (may be NULL) is set to 1 when s was new. */
long ct_strtab_intern(ct_strtab *t, const char *s, size_t n, int *added);
/* Returns the id of s or -1 when absent. */
long ct_strtab_find(const ct_strtab *t, const char *s, size_t n);
/* The string of an id (borrowed, NUL-terminated, stable until free). */
const char *ct_strtab_get(const ct_strtab *t, long id);
size_t ct_strtab_count(const ct_strtab *t);
/* The byte length of an id's string. */
size_t ct_strtab_len(const ct_strtab *t, long id);

/* A 64-bit hash of n bytes, eight at a time (not for adversaries). */
unsigned long long ct_hash_bytes(const void *p, size_t n);
/* The same hash started from seed: two seeds give two hashes of a key
 * that do not agree by construction (two ids equal under both are the
 * same id but for a chance of about 2^-128). */
unsigned long long ct_hash_seeded(const void *p, size_t n,
                                  unsigned long long seed);

#endif
