/* SPDX-License-Identifier: MIT
 * spill.c - bounded-memory external sort of small records (spill.h): a
 * buffer sorted by a counting pass on the key's top bits, runs in an
 * unlinked temporary file, merged by a heap when they grow many and at
 * the end a bucket of keys at a time. The buffer's two halves (records
 * and sort scratch) also serve as the read buffers of the merges, so a
 * spill never holds more than its cap. The code of the sort is written
 * once (spill_tmpl.h) and made here for ct_spill_rec and ct_spill_key.
 */
#define _POSIX_C_SOURCE 200809L
#include "core/spill.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/error.h"

/* Runs are merged in tiers: FANOUT runs of one tier at the end of the
 * list become one run of the next tier, so a record is rewritten once a
 * tier (log base FANOUT of the runs) and the list, sorted by tier, holds
 * at most FANOUT - 1 runs a tier; at MAX_RUNS (past two full tiers,
 * FANOUT^2 buffers: 100 million 40-byte records at a 2 MB cap) all are
 * merged into one. MAX_RUNS is also the most heads one spill's merge
 * reads. The final merge costs little more with more heads (it gathers
 * buckets of keys, no heap), so FANOUT is high: 64 runs of 2.5 million
 * records, one file per country, are never rewritten (16: once). */
#define FANOUT 64
#define MAX_RUNS 128

typedef struct run {
    unsigned long long off; /* byte offset in the temporary file      */
    size_t n;               /* records                                */
    int tier;               /* 0: a buffer; t + 1: FANOUT runs of t   */
} run;

/* Most parts of a split merge (ct_spill_groups_split). */
#define SPILL_MAX_PARTS 16
/* Records of merge window a sealed spill keeps for each of its runs,
 * shared by the parts of the merge. */
#define SEAL_WINDOW 2048

/* The sort's one counting pass: on the top MSD_BITS of the key, with
 * HIST_N counters. */
#define MSD_BITS 13
#define HIST_N (((size_t)1 << MSD_BITS) + 1)

/* The final merge sorts buckets of about GATHER_TARGET records in
 * memory, by a counting pass on GATHER_BITS of the key (GATHER_FINE
 * counters). */
#define GATHER_TARGET 4096
#define GATHER_BITS 12
#define GATHER_FINE ((size_t)1 << GATHER_BITS)

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

static int open_tmp(int *fd)
{
    const char *dir = spill_dir();
    char path[4096];
    last_errno = ENAMETOOLONG;
    if ((size_t)snprintf(path, sizeof path, "%s/ctrend-ids-XXXXXX", dir) >=
        sizeof path)
        return CT_EIO;
    *fd = mkstemp(path);
    if (*fd < 0) {
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


/* ---- the two record types ---- */

static inline int full_less(const ct_spill_rec *a, const ct_spill_rec *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    if (a->src != b->src)
        return a->src < b->src;
    return a->aux < b->aux;
}

#define SP_REC ct_spill_rec
#define SP_T ct_spill
#define SP(x) ct_spill_##x
#define SPI(x) full_##x
#define SP_LESS full_less
#include "core/spill_tmpl.h"

static inline int key_less(const ct_spill_key *a, const ct_spill_key *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    return a->aux < b->aux;
}

#define SP_REC ct_spill_key
#define SP_T ct_keyspill
#define SP(x) ct_keyspill_##x
#define SPI(x) key_##x
#define SP_LESS key_less
#include "core/spill_tmpl.h"
