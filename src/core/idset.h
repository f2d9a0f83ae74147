/* SPDX-License-Identifier: MIT
 * idset.h - internal: record ids kept as one bit each, for the duplicate
 * checks (a loader's of one file, the pipeline's across files; prefix
 * ct_idset).
 *
 * Most ids of the exports are a short code and a serial number: ACLED's
 * event_id_cnty ("NER123"), GED's id ("412953"). Such an id is kept as a
 * bit at its number in a bitmap of its code, so a reader's ids take
 * about a bit each instead of a record in the id spill (core/spill.h),
 * and no sort or merge is needed when no id repeats. An id in that form
 * is read as one exactly: capital letters A-Z (none to four), then a
 * number below 2^24 written without leading zeros, and nothing else; the
 * map from such strings to (code, number) is one to one, so two ids are
 * the same string exactly when they are the same bit. Every other id
 * goes to the spill as before (ct_idset_add says which); the two never
 * share an id, so together they find every repeat.
 *
 * A set only tells that some id repeats (within a set, or between two
 * sets); where the copies are is found by reading the input again with
 * every id in the spill (load.c, pipeline.c). A set that would take more
 * than CT_IDSET_CAP bytes stops taking ids and says so: the input is
 * then checked again the same way.
 */
#ifndef CT_IDSET_H
#define CT_IDSET_H

#include <stddef.h>
#include <stdint.h>

/* Most bytes one reader's set takes (bitmaps and tables). */
#define CT_IDSET_CAP (4u * 1024u * 1024u)

/* What ct_idset_add found. */
enum {
    CT_ID_NEW = 0,   /* the id was not in the set: it is now         */
    CT_ID_SEEN = 1,  /* the id was in the set already                */
    CT_ID_OTHER = 2, /* not a code and a number: not kept here       */
    CT_ID_FULL = 3   /* the set is at its cap: not kept              */
};

typedef struct ct_idset ct_idset;

/* 1 when id[0, n) is in the form a set keeps (a code and a number). */
int ct_idset_takes(const char *id, size_t n);
/* Adds id[0, n) to *set (allocated on the first id; NULL is an empty
 * set). Returns one of CT_ID_*, or CT_ENOMEM.
 * For CT_ID_NEW and CT_ID_SEEN, *block (when not NULL) gets the id's
 * block: its code and a range of 32,768 numbers, one integer. */
int ct_idset_add(ct_idset **set, const char *id, size_t n, uint32_t *block);
/* 1 when two of sets[0, n) (NULL entries are empty) hold the same id,
 * or when memory ran out finding out (the caller then looks again). */
int ct_idset_overlap(ct_idset *const *sets, size_t n);
/* Appends to (*out)[0, *nout) (grown with realloc; *cap its room) the
 * blocks in which two of sets[0, n) share an id (a block once per pair
 * of sets that share it). Returns CT_OK or CT_ENOMEM. */
int ct_idset_shared(ct_idset *const *sets, size_t n, uint32_t **out,
                    size_t *nout, size_t *cap);
/* Bytes *set holds (0 for NULL). */
size_t ct_idset_bytes(const ct_idset *set);
/* Frees set; NULL does nothing. */
void ct_idset_free(ct_idset *set);

#endif /* CT_IDSET_H */
