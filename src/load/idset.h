/* SPDX-License-Identifier: MIT
 * idset.h - the record ids one reader has seen, one bit an id, for the
 * duplicate check of a file (not installed; prefix ld_idset).
 *
 * Most ids of the exports are a short code and a serial number: ACLED's
 * event_id_cnty ("NER123"), GED's id ("412953"). Such an id is kept as a
 * bit at its number in a bitmap of its code, so a reader's ids take
 * about a bit each instead of a 16-byte record in the id spill, and no
 * sort or merge is needed when no id repeats. An id in that form is
 * read as one exactly: capital letters A-Z (none to four), then a number
 * below 2^24 written without leading zeros, and nothing else; the map
 * from such strings to (code, number) is one to one, so two ids are the
 * same string exactly when they are the same bit. Every other id goes to
 * the spill as before (ld_idset_add says which); the two never share an
 * id, so together they find every repeat.
 *
 * A set only tells that some id repeats (within a reader, or between
 * two readers' sets); which lines repeat which is found by reading the
 * file again with the spill (load.c). A set that would take more than
 * LD_IDSET_CAP bytes stops taking ids and says so: the file is then
 * checked again the same way.
 */
#ifndef CT_LD_IDSET_H
#define CT_LD_IDSET_H

#include <stddef.h>

/* Most bytes one reader's set takes (bitmaps and tables). */
#define LD_IDSET_CAP (4u * 1024u * 1024u)

/* What ld_idset_add found. */
enum {
    LD_ID_NEW = 0,   /* the id was not in the set: it is now         */
    LD_ID_SEEN = 1,  /* the id was in the set already                */
    LD_ID_OTHER = 2, /* not a code and a number: not kept here       */
    LD_ID_FULL = 3   /* the set is at its cap: not kept              */
};

typedef struct ld_idset ld_idset;

/* Adds id[0, n) to *set (allocated on the first id; NULL is an empty
 * set). Returns one of LD_ID_*, or CT_ENOMEM. */
int ld_idset_add(ld_idset **set, const char *id, size_t n);
/* 1 when two of sets[0, n) (NULL entries are empty) hold the same id. */
int ld_idset_overlap(ld_idset *const *sets, size_t n);
/* Bytes *set holds (0 for NULL). */
size_t ld_idset_bytes(const ld_idset *set);
/* Frees set; NULL does nothing. */
void ld_idset_free(ld_idset *set);

#endif /* CT_LD_IDSET_H */
