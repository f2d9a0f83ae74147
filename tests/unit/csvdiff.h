/* SPDX-License-Identifier: MIT
 * csvdiff.h - reads one input with the fast tokenizer and with libcsv and
 * compares every record (return code, line, field count, field bytes);
 * a third reader reads it as the loader does (fields cut on demand, in
 * selected columns only) and must give libcsv's fields too. All of it
 * runs three times: with the block code picked for this CPU (AVX-512
 * field ends where the CPU has them), with at most AVX2, and with the
 * portable code.
 * Shared by the differential unit test and the differential fuzz target.
 */
#ifndef CT_TEST_CSVDIFF_H
#define CT_TEST_CSVDIFF_H

#include <stddef.h>

/* Returns 0 when both engines give the same records and errors; else 1,
 * with a description of the first difference in why (n bytes). records
 * (may be NULL) gets the number of records compared. */
int ct_csvdiff_file(const char *path, long *records, char *why, size_t n);

#endif
