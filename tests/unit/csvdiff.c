/* SPDX-License-Identifier: MIT
 * csvdiff.c - differential comparison of the fast tokenizer and libcsv.
 */
#include "csvdiff.h"

#include <stdio.h>
#include <string.h>

#include "load/csv_internal.h"
#include "load/csv_reader.h"

/* The selective reader's columns: those below SELECTED that wanted()
 * picks, and every column from SELECTED on (as a loader's header names
 * fewer columns than a record may have). */
#define SELECTED 40
static int wanted(size_t i) { return i % 3 != 1; }

/* Compares once, the fast path using the block code of level (the best
 * for this CPU, at most AVX2, or the portable code). */
static int diff_once(const char *path, long *records, char *why, size_t n,
                     cr_level level)
{
    ct_csv *a = NULL, *b = NULL, *l = NULL;
    ct_error ea, eb, el;
    unsigned char want[SELECTED];
    long count = 0;
    int result = 0;

    if (ct_csv_open(&a, path, NULL, &ea) != CT_OK ||
        ct_csv_open(&b, path, NULL, &eb) != CT_OK ||
        ct_csv_open(&l, path, NULL, &el) != CT_OK) {
        snprintf(why, n, "cannot open %s", path);
        ct_csv_close(a);
        ct_csv_close(b);
        return 1;
    }
    ct_csv_use_libcsv(b, 1);
    cr_use_level(a, level);
    cr_use_level(l, level);
    /* l reads as the loader does: fields cut only when asked for, and
     * only in the selected columns */
    for (count = 0; count < SELECTED; count++)
        want[count] = wanted((size_t)count);
    count = 0;
    ct_csv_lazy(l, 1);
    if (ct_csv_want(l, want, SELECTED) != CT_OK) {
        snprintf(why, n, "out of memory");
        result = 1;
    }
    while (result == 0) {
        ct_csv_record ra, rb, rl;
        int ka = ct_csv_next(a, &ra, &ea), kb = ct_csv_next(b, &rb, &eb);
        int kl = ct_csv_next(l, &rl, &el);
        size_t i;
        if (kl != kb || (kl < 0 && (el.line != eb.line ||
                                    strcmp(el.msg, eb.msg) != 0))) {
            snprintf(why, n, "record %ld: selective read returned %d (%s), "
                     "libcsv %d (%s)", count + 1, kl, kl < 0 ? el.msg : "",
                     kb, kb < 0 ? eb.msg : "");
            result = 1;
            break;
        }
        if (ka != kb) {
            snprintf(why, n, "record %ld: fast returned %d (%s), libcsv %d "
                     "(%s)", count + 1, ka, ka < 0 ? ea.msg : "",
                     kb, kb < 0 ? eb.msg : "");
            result = 1;
            break;
        }
        if (ka < 0) {
            /* both failed: the same error at the same line */
            if (ea.line != eb.line || strcmp(ea.msg, eb.msg) != 0) {
                snprintf(why, n, "errors differ: fast %ld '%s', libcsv %ld "
                         "'%s'", ea.line, ea.msg, eb.line, eb.msg);
                result = 1;
            }
            if (ka == CT_EPARSE)
                continue; /* both go on with the next record */
            break;
        }
        if (ka == 0)
            break;
        count++;
        if (ra.line != rb.line || ra.n != rb.n) {
            snprintf(why, n, "record %ld: line %ld/%ld, fields %zu/%zu",
                     count, ra.line, rb.line, ra.n, rb.n);
            result = 1;
            break;
        }
        for (i = 0; i < ra.n; i++)
            if (ra.len[i] != rb.len[i] ||
                memcmp(ra.field[i], rb.field[i], ra.len[i]) != 0) {
                snprintf(why, n, "record %ld (line %ld) field %zu: fast "
                         "'%.40s' libcsv '%.40s'", count, ra.line, i + 1,
                         ra.field[i], rb.field[i]);
                result = 1;
                break;
            }
        if (result)
            break;
        if (rl.line != rb.line || rl.n != rb.n) {
            snprintf(why, n, "record %ld: selective read line %ld/%ld, "
                     "fields %zu/%zu", count, rl.line, rb.line, rl.n, rb.n);
            result = 1;
            break;
        }
        for (i = 0; i < rl.n; i++) {
            const char *f;
            if (i < SELECTED && !wanted(i))
                continue;
            f = ct_csv_get(l, &rl, i);
            if (strcmp(f, rb.field[i]) != 0) {
                snprintf(why, n, "record %ld (line %ld) field %zu: "
                         "selective '%.40s' libcsv '%.40s'", count, rl.line,
                         i + 1, f, rb.field[i]);
                result = 1;
                break;
            }
        }
    }
    if (records)
        *records = count;
    ct_csv_close(a);
    ct_csv_close(b);
    ct_csv_close(l);
    return result;
}

int ct_csvdiff_file(const char *path, long *records, char *why, size_t n)
{
    static const struct {
        cr_level level;
        const char *name;
    } levels[] = {{CR_BEST, "the best block code for this CPU"},
                  {CR_AVX2, "the AVX2 block code"},
                  {CR_PORTABLE, "the portable block code"}};
    size_t i, k;
    for (i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (diff_once(path, records, why, n, levels[i].level) != 0) {
            k = strlen(why);
            snprintf(why + k, n - k, " (%s)", levels[i].name);
            return 1;
        }
    return 0;
}
