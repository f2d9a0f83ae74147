/* SPDX-License-Identifier: MIT
 * spill.h - internal bounded-memory external sort of small fixed records
 * (the "id spill" of the duplicate checks). Records go into a buffer of a
 * fixed size; a full buffer is sorted and written as a run to an unlinked
 * temporary file in $TMPDIR (or /tmp), created only when the first buffer
 * fills. At the end the runs of one or several spills are merged and the
 * groups of records with equal keys are handed to a callback. Memory is
 * the buffer plus a small read buffer per merged run, whatever the number
 * of records; when a spill holds too many runs they are first merged into
 * fewer, longer runs.
 *
 * Two record types: ct_spill_rec (40 bytes, for the merge of several
 * files' ids, which carries two more hashes) and ct_spill_key (16 bytes,
 * for a loader's own check of one file: a key and a position), each with
 * the same functions (ct_spill_* and ct_keyspill_*).
 */
#ifndef CT_SPILL_H
#define CT_SPILL_H

#include <stddef.h>
#include <stdint.h>

/* One record: sorted by key, then src, then aux. */
typedef struct ct_spill_rec {
    uint64_t key;   /* the sort key (a 64-bit digest)                  */
    uint64_t aux;   /* a byte offset                                   */
    uint32_t src;   /* a file or reader index                          */
    uint32_t line;  /* a line, carried along (not sorted on)           */
    uint64_t tag;   /* anything else, carried along                    */
    uint64_t tag2;  /* the same                                        */
} ct_spill_rec;

typedef struct ct_spill ct_spill;

struct ct_error;

/* The error of a spill call that returned rc, for the record at path:line
 * (line 0: none): CT_EIO says the temporary file could not be written
 * (reading 0) or read back (reading 1), naming its folder ($TMPDIR, or
 * /tmp) and the cause saved when it failed; any other rc is out of
 * memory. Call it right after the failure, on the thread that got it.
 * Returns rc. */
int ct_spill_error(struct ct_error *err, int rc, const char *path,
                   long line, int reading);

/* Default buffer size in bytes (sorting scratch included). */
#define CT_SPILL_DEFAULT_CAP (4u * 1024u * 1024u)

/* A spill whose sort buffer and its scratch take at most cap bytes
 * (0: CT_SPILL_DEFAULT_CAP; at least 256 KB). *out NULL on failure;
 * returns CT_OK or CT_ENOMEM. */
int ct_spill_alloc(ct_spill **out, size_t cap);
/* Frees s and closes its temporary file; NULL does nothing. */
void ct_spill_free(ct_spill *s);
/* Adds a record; CT_OK, CT_ENOMEM or CT_EIO (the temporary file could
 * not be written). Not thread-safe: one spill per thread. */
int ct_spill_add(ct_spill *s, const ct_spill_rec *r);
/* Says that no more records come: the buffer is sorted, and written as
 * one more run when s already has runs in its file (then only a small
 * window for the merge stays in memory) or else kept, at its size; the
 * sort's scratch is freed. A spill that is done but merged later holds
 * little memory that way. Adding after it returns CT_EUSAGE; NULL does
 * nothing. Returns CT_OK or CT_EIO (the run could not be written). */
int ct_spill_seal(ct_spill *s);
/* Records added. */
size_t ct_spill_count(const ct_spill *s);
/* Most bytes of memory s held at once (buffer, scratch and merge
 * buffers), for tests of the bound. */
size_t ct_spill_high_water(const ct_spill *s);
/* Runs written to the temporary file so far. */
size_t ct_spill_runs(const ct_spill *s);

/* Called once per group of at least min records with equal keys, in
 * key order; g[0..n) sorted by (src, aux), borrowed until the call
 * returns. A non-zero return stops the merge and is returned. */
typedef int (*ct_spill_group_fn)(const ct_spill_rec *g, size_t n,
                                 void *ctx);

/* Merges every record of the spills s[0..n) (NULL entries are skipped)
 * and calls fn for the groups of at least min (>= 1) equal keys. The
 * spills are consumed: afterwards they can only be freed. Returns CT_OK,
 * CT_ENOMEM, CT_EIO or fn's non-zero value. The records are sorted in
 * memory a bucket of keys at a time, about 4,096 records (64-160 KB);
 * that memory grows only when one key repeats more often. */
int ct_spill_groups(ct_spill *const *s, size_t n, size_t min,
                    ct_spill_group_fn fn, void *ctx);
/* The same in parts merged on threads at once (this one included): part
 * i takes the i-th of `parts` equal slices of the key space and calls fn
 * with ctx[i], so fn sees each group once, in key order within a part,
 * the parts at the same time. Fewer parts (the first ones) are used when
 * the spills' scratch cannot give every run a window in each, and at most
 * 16. The memory is the same as for one part. Returns the first part's
 * error (in part order) or CT_OK. */
int ct_spill_groups_split(ct_spill *const *s, size_t n, size_t min,
                          size_t parts, ct_spill_group_fn fn,
                          void *const *ctx);

/* The compact record: sorted by key, then aux. */
typedef struct ct_spill_key {
    uint64_t key;   /* the sort key (a 64-bit digest)                  */
    uint64_t aux;   /* where the record is (the loader's: its reader
                       in the high 32 bits, its line in the low 32)     */
} ct_spill_key;

typedef struct ct_keyspill ct_keyspill;

typedef int (*ct_keyspill_group_fn)(const ct_spill_key *g, size_t n,
                                    void *ctx);

/* As the ct_spill_ functions, for ct_spill_key records (g[0..n) sorted
 * by aux). */
int ct_keyspill_alloc(ct_keyspill **out, size_t cap);
void ct_keyspill_free(ct_keyspill *s);
int ct_keyspill_add(ct_keyspill *s, const ct_spill_key *r);
int ct_keyspill_seal(ct_keyspill *s);
size_t ct_keyspill_count(const ct_keyspill *s);
size_t ct_keyspill_high_water(const ct_keyspill *s);
size_t ct_keyspill_runs(const ct_keyspill *s);
int ct_keyspill_groups(ct_keyspill *const *s, size_t n, size_t min,
                       ct_keyspill_group_fn fn, void *ctx);
int ct_keyspill_groups_split(ct_keyspill *const *s, size_t n, size_t min,
                             size_t parts, ct_keyspill_group_fn fn,
                             void *const *ctx);

#endif /* CT_SPILL_H */
