/* SPDX-License-Identifier: MIT
 * test_idset.c - the record ids kept as bits (src/core/idset.h) and the
 * duplicate check built on them: the form of id they take, repeats
 * within a set and between sets against a plain list of strings, the
 * cap; and loads whose repeats are found through the sets (within a
 * reader, between readers, past a set's cap) giving the lines, counts
 * and errors the id spill gives, which the ids not in that form still
 * go to.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/ctrend.h"
#include "core/idset.h"
#include "runner.h"

/* ---- the sets ----------------------------------------------------------- */

/* The form, told apart independently of idset.c: up to four capitals,
 * then digits, no leading zero, below 2^24. */
static int in_form(const char *s)
{
    size_t a = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    size_t d = strspn(s + a, "0123456789");
    if (a > 4 || d == 0 || s[a + d] != '\0' || (s[a] == '0' && d > 1))
        return 0;
    return d < 9 && strtol(s + a, NULL, 10) < (1L << 24);
}

static void test_idset_form(void)
{
    static const struct {
        const char *id;
        int in;
    } C[] = {{"NER1", 1},        {"A0", 1},          {"0", 1},
             {"412953", 1},      {"ABCD16777215", 1}, {"ABCDE1", 0},
             {"NER01", 0},       {"00", 0},          {"ner1", 0},
             {"NER", 0},         {"", 0},            {"NER1a", 0},
             {"1A", 0},          {"16777216", 0},    {"NER 1", 0},
             {"99999999999", 0}, {"N-1", 0},         {"NER1.0", 0}};
    size_t i;
    for (i = 0; i < sizeof C / sizeof C[0]; i++) {
        ct_idset *s = NULL;
        int k = ct_idset_add(&s, C[i].id, strlen(C[i].id), NULL);
        CU_ASSERT_EQUAL(in_form(C[i].id), C[i].in);
        CU_ASSERT_EQUAL(k, C[i].in ? CT_ID_NEW : CT_ID_OTHER);
        if (C[i].in)
            CU_ASSERT_EQUAL(ct_idset_add(&s, C[i].id, strlen(C[i].id), NULL),
                            CT_ID_SEEN);
        ct_idset_free(s);
    }
}

/* Codes of different lengths and numbers in different chunks never meet:
 * "A1", "AA1", "AAA1", "AAAA1", "Z1", "1" are six ids. */
static void test_idset_distinct(void)
{
    static const char *const ID[] = {"A1",  "AA1", "AAA1", "AAAA1", "Z1",
                                     "1",   "A32769", "A32768", "ZZZZ1",
                                     "AZ1", "ZA1"};
    ct_idset *s = NULL;
    size_t i;
    for (i = 0; i < sizeof ID / sizeof ID[0]; i++)
        CU_ASSERT_EQUAL(ct_idset_add(&s, ID[i], strlen(ID[i]), NULL), CT_ID_NEW);
    for (i = 0; i < sizeof ID / sizeof ID[0]; i++)
        CU_ASSERT_EQUAL(ct_idset_add(&s, ID[i], strlen(ID[i]), NULL), CT_ID_SEEN);
    ct_idset_free(s);
}

/* A random id over a small alphabet, so that forms and repeats are
 * common. */
static void random_id(unsigned *x, char *buf)
{
    static const char AL[] = "ABZ0129a-";
    size_t n, i;
    *x = *x * 1664525u + 1013904223u;
    n = 1 + (*x >> 24) % 6;
    for (i = 0; i < n; i++) {
        *x = *x * 1664525u + 1013904223u;
        buf[i] = AL[(*x >> 24) % (sizeof AL - 1)];
    }
    buf[n] = '\0';
}

/* 20,000 random ids in three sets against plain lists: each add says
 * what the list says (new, seen, not in the form), and two sets overlap
 * exactly when their lists of ids in the form share one. */
static void test_idset_random(void)
{
    enum { N = 20000, SETS = 3 };
    static char seen[SETS][N][8];
    size_t nseen[SETS] = {0, 0, 0}, i, j, k, m;
    ct_idset *s[SETS] = {NULL, NULL, NULL};
    unsigned x = 12345;
    long bad = 0;
    for (i = 0; i < N; i++) {
        char id[8];
        int got, want = CT_ID_OTHER;
        size_t t = i % SETS;
        random_id(&x, id);
        if (in_form(id)) {
            want = CT_ID_NEW;
            for (j = 0; j < nseen[t]; j++)
                if (strcmp(seen[t][j], id) == 0)
                    want = CT_ID_SEEN;
            if (want == CT_ID_NEW)
                strcpy(seen[t][nseen[t]++], id);
        }
        got = ct_idset_add(&s[t], id, strlen(id), NULL);
        if (got != want)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(nseen[0] > 100);
    for (i = 0; i < SETS; i++)
        for (k = i + 1; k < SETS; k++) {
            ct_idset *pair[2];
            int share = 0;
            pair[0] = s[i];
            pair[1] = s[k];
            for (j = 0; j < nseen[i] && !share; j++)
                for (m = 0; m < nseen[k]; m++)
                    if (strcmp(seen[i][j], seen[k][m]) == 0)
                        share = 1;
            CU_ASSERT_EQUAL(ct_idset_overlap(pair, 2), share);
        }
    for (i = 0; i < SETS; i++)
        ct_idset_free(s[i]);
}

/* Disjoint sets do not overlap, whatever shares their codes; one common
 * id among many makes them overlap; NULL sets are empty. */
static void test_idset_overlap(void)
{
    ct_idset *s[3] = {NULL, NULL, NULL};
    char id[32];
    long i;
    for (i = 1; i <= 50000; i++) {
        snprintf(id, sizeof id, "NER%ld", i);
        CU_ASSERT_EQUAL_FATAL(ct_idset_add(&s[i % 2], id, strlen(id), NULL),
                              CT_ID_NEW);
    }
    CU_ASSERT_EQUAL(ct_idset_overlap(s, 3), 0);
    CU_ASSERT_EQUAL(ct_idset_add(&s[2], "NER77", 5, NULL), CT_ID_NEW);
    CU_ASSERT_EQUAL(ct_idset_overlap(s, 3), 1);
    CU_ASSERT_EQUAL(ct_idset_overlap(s + 1, 1), 0);
    /* about a bit an id: 50,000 ids in two sets, well under 100 KB */
    CU_ASSERT(ct_idset_bytes(s[0]) + ct_idset_bytes(s[1]) < 100000);
    for (i = 0; i < 3; i++)
        ct_idset_free(s[i]);
}

/* The blocks two sets share are those of their common ids, each given
 * by ct_idset_add: NER40000 in both (a block of NER beyond the first
 * 32,768 numbers), NER7 and SOM5 in one only. */
static void test_idset_shared(void)
{
    ct_idset *s[3] = {NULL, NULL, NULL};
    uint32_t *out = NULL, b40000 = 0, b7 = 0, b;
    size_t n = 0, cap = 0;
    char id[32];
    long i;
    for (i = 1; i <= 40000; i++) {
        snprintf(id, sizeof id, "NER%ld", i);
        CU_ASSERT_EQUAL(ct_idset_add(&s[0], id, strlen(id), &b), CT_ID_NEW);
        if (i == 7)
            b7 = b;
        if (i == 40000)
            b40000 = b;
    }
    CU_ASSERT_NOT_EQUAL(b7, b40000);
    CU_ASSERT_EQUAL(ct_idset_add(&s[1], "SOM5", 4, &b), CT_ID_NEW);
    CU_ASSERT_EQUAL(ct_idset_add(&s[1], "NER40001x", 9, &b), CT_ID_OTHER);
    CU_ASSERT_EQUAL(ct_idset_shared(s, 3, &out, &n, &cap), CT_OK);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(ct_idset_add(&s[2], "NER40000", 8, &b), CT_ID_NEW);
    CU_ASSERT_EQUAL(b, b40000);
    CU_ASSERT_EQUAL(ct_idset_add(&s[2], "NER40000", 8, &b), CT_ID_SEEN);
    CU_ASSERT_EQUAL(b, b40000);
    CU_ASSERT_EQUAL(ct_idset_shared(s, 3, &out, &n, &cap), CT_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_EQUAL(out[0], b40000);
    free(out);
    for (i = 0; i < 3; i++)
        ct_idset_free(s[i]);
}

/* A set at its cap says so and stays full: about 510 codes with a chunk
 * each (8 KB a code) fill its 4 MB, as do about 1,020 chunks of a few
 * codes. */
static void test_idset_cap(void)
{
    ct_idset *s = NULL;
    char id[32];
    long i, full = -1;
    for (i = 0; i < 27L * 27 * 27 && full < 0; i++) {
        snprintf(id, sizeof id, "%c%c%c1", 'A' + (int)(i / 676),
                 'A' + (int)(i / 26 % 26), 'A' + (int)(i % 26));
        if (ct_idset_add(&s, id, strlen(id), NULL) == CT_ID_FULL)
            full = i;
    }
    CU_ASSERT(full >= 500 && full <= 512);
    CU_ASSERT(ct_idset_bytes(s) <= CT_IDSET_CAP);
    CU_ASSERT_EQUAL(ct_idset_add(&s, "AAA1", 4, NULL), CT_ID_FULL);
    CU_ASSERT_EQUAL(ct_idset_add(&s, "AAA1x", 5, NULL), CT_ID_OTHER);
    ct_idset_free(s);
    s = NULL;
    full = -1;
    for (i = 0; i < 100000 && full < 0; i++) {
        /* a new 4 KB chunk each time */
        snprintf(id, sizeof id, "%c%ld", 'A' + (int)(i / 512),
                 (i % 512) << 15);
        if (ct_idset_add(&s, id, strlen(id), NULL) == CT_ID_FULL)
            full = i;
    }
    CU_ASSERT(full > 900 && full < 1100); /* 4 MB of 4 KB chunks */
    CU_ASSERT(ct_idset_bytes(s) <= CT_IDSET_CAP);
    ct_idset_free(s);
}

/* ---- loads -------------------------------------------------------------- */

static const char HEADER[] = CT_TEST_ACLED_HEADER;

/* One event with id `id`; k makes the values vary. */
static void event(FILE *f, const char *id, long k)
{
    fprintf(f,
            "%s,%d-%02ld-%02ld,%d,1,Political violence,Battles,Armed clash,"
            "Military Forces of Somalia (2012-),,State forces,Rebels X,,"
            "Rebel group,State forces-Rebel group,,706,Eastern Africa,"
            "Somalia,A1,A2,,Place,1.0,2.0,1,Source,National,\"a note, long "
            "enough to make the file large without many rows of it\",%ld,,"
            "1700000000\n",
            id, 2018 + (int)(k % 5), 1 + k % 12, 1 + k % 28,
            2018 + (int)(k % 5), k % 7);
}

static int counter(const ct_obs *o, void *ctx, ct_error *err)
{
    (void)o;
    (void)err;
    ++*(long *)ctx;
    return CT_OK;
}

static int reset_count(void *ctx)
{
    *(long *)ctx = 0;
    return CT_OK;
}

/* Loads path on `ranges` ranges (1: one reader) with skip_bad; the
 * records handed on in *rows. */
static int load_ranges(const char *path, size_t ranges, int skip_bad,
                       long *rows, ct_load_info *info, ct_error *err)
{
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    long n[4] = {0, 0, 0, 0};
    void *ctx[4];
    size_t i;
    int rc;
    lo.geo = ct_test_geo;
    lo.skip_bad = skip_bad;
    lo.no_class = 1;
    lo.parallel_min = 1;
    for (i = 0; i < 4; i++)
        ctx[i] = &n[i];
    rc = ct_load_file_parallel(path, &lo, ranges, counter, ctx, reset_count,
                               info, err);
    *rows = n[0] + n[1] + n[2] + n[3];
    return rc;
}

/* What a file holds: its lines written, and where the repeats are. */
typedef struct written {
    long rows, dups, first, first_of;
} written;

/* Writes rows events whose ids come from idf(k, buf); the events at
 * rows - 1 - j for j < dups repeat the id of event j (so the first
 * repeat in file order repeats event dups - 1). */
static written write_ids(const char *path, long rows, long dups,
                         void (*idf)(long k, char *buf))
{
    written w = {rows, dups, 0, 0};
    FILE *f = fopen(path, "w");
    long k;
    char id[64];
    CU_ASSERT_FATAL(f != NULL);
    fputs(HEADER, f);
    for (k = 0; k < rows; k++) {
        long src = k >= rows - dups ? rows - 1 - k : k;
        idf(src, id);
        event(f, id, k);
    }
    fclose(f);
    if (dups) {
        w.first = rows - dups + 2; /* header is line 1 */
        w.first_of = dups - 1 + 2;
    }
    return w;
}

static void id_code(long k, char *buf) { sprintf(buf, "SOM%ld", k + 1); }
static void id_other(long k, char *buf) { sprintf(buf, "SOM-%ld", k + 1); }
static void id_mixed(long k, char *buf)
{
    if (k % 3 == 0)
        sprintf(buf, "SOM%ld", k + 1);
    else if (k % 3 == 1)
        sprintf(buf, "SOM%ldx", k + 1);
    else
        sprintf(buf, "SOM0%ld", k + 1); /* a leading zero: its own id */
}
/* 600 codes: past a set's cap */
static void id_codes(long k, char *buf)
{
    long r = k % 600;
    sprintf(buf, "%c%c%c%ld", 'A' + (int)(r / 676), 'A' + (int)(r / 26 % 26),
            'A' + (int)(r % 26), k / 600 + 1);
}

/* Every kind of id, with and without repeats, on 1, 2 and 4 ranges:
 * without skip_bad the first repeat is an error naming both lines; with
 * it, every record is handed on and the repeats are counted. */
static void test_idset_loads(void)
{
    static void (*const IDF[])(long, char *) = {id_code, id_other, id_mixed,
                                                id_codes};
    static const long DUPS[] = {0, 1, 3};
    static const size_t RANGES[] = {1, 2, 4};
    char path[] = "/tmp/ct_idset_XXXXXX";
    int fd = mkstemp(path);
    size_t f, d, r;
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    for (f = 0; f < sizeof IDF / sizeof IDF[0]; f++)
        for (d = 0; d < sizeof DUPS / sizeof DUPS[0]; d++) {
            written w = write_ids(path, 6000, DUPS[d], IDF[f]);
            for (r = 0; r < sizeof RANGES / sizeof RANGES[0]; r++) {
                ct_load_info info;
                ct_error err;
                long rows = 0;
                char want[200];
                int rc = load_ranges(path, RANGES[r], 0, &rows, &info, &err);
                if (w.dups == 0) {
                    CU_ASSERT_EQUAL(rc, CT_OK);
                    CU_ASSERT_EQUAL(rows, w.rows);
                    CU_ASSERT_EQUAL(info.duplicates, 0);
                } else {
                    snprintf(want, sizeof want,
                             "duplicate record: the same event_id_cnty as "
                             "line %ld (%ld duplicate%s in the file)",
                             w.first_of, w.dups, w.dups == 1 ? "" : "s");
                    CU_ASSERT_EQUAL(rc, CT_EPARSE);
                    CU_ASSERT_EQUAL(err.line, w.first);
                    CU_ASSERT_STRING_EQUAL(err.msg, want);
                }
                rc = load_ranges(path, RANGES[r], 1, &rows, &info, &err);
                CU_ASSERT_EQUAL(rc, CT_OK);
                CU_ASSERT_EQUAL(rows, w.rows);
                CU_ASSERT_EQUAL(info.duplicates, w.dups);
                CU_ASSERT_EQUAL(info.first_duplicate, w.first);
                CU_ASSERT_EQUAL(info.first_duplicate_of, w.first_of);
            }
        }
    unlink(path);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("idset", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL || !CU_add_test(s, "the form of id kept", test_idset_form) ||
        !CU_add_test(s, "codes and chunks do not meet", test_idset_distinct) ||
        !CU_add_test(s, "20,000 random ids against lists",
                     test_idset_random) ||
        !CU_add_test(s, "overlap between sets", test_idset_overlap) ||
        !CU_add_test(s, "the blocks two sets share", test_idset_shared) ||
        !CU_add_test(s, "a set at its cap", test_idset_cap) ||
        !CU_add_test(s, "repeats through the sets: lines, counts, errors",
                     test_idset_loads))
        return -1;
    return 0;
}
