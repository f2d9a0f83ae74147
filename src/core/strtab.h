/* SPDX-License-Identifier: MIT
 * strtab.h - internal string interning: each distinct string is stored
 * once and gets a dense id (0, 1, 2, ...) in order of first insertion.
 * Open addressing with FNV-1a hashes; strings live in big blocks, so no
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

/* FNV-1a hash of n bytes. */
unsigned long long ct_hash_bytes(const void *p, size_t n);

#endif
