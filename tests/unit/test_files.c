/* SPDX-License-Identifier: MIT
 * test_files.c - many files read in parallel (issue 13 point 2): the id
 * spill keeps its memory bound and finds every group of equal keys; a
 * record in several files counts once, the first file winning, on any
 * number of threads, equal to the one-thread read with a set of ids and
 * to counts made here from the generated events themselves.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/spill.h"
#include "ctrend/ctrend.h"
#include "runner.h"

/* ---- the spill ---- */

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

typedef struct spill_check {
    size_t groups, members;
    uint64_t last;
    int order_ok;
} spill_check;

static int check_group(const ct_spill_rec *g, size_t n, void *ctx)
{
    spill_check *c = ctx;
    size_t i;
    if (c->groups && g[0].key <= c->last)
        c->order_ok = 0;
    c->last = g[0].key;
    for (i = 0; i < n; i++) {
        if (g[i].key != g[0].key)
            c->order_ok = 0;
        if (i && (g[i].src < g[i - 1].src ||
                  (g[i].src == g[i - 1].src && g[i].aux <= g[i - 1].aux)))
            c->order_ok = 0;
        /* what was carried along is what was put in */
        if (g[i].tag != mix(g[i].aux) || g[i].line != (uint32_t)g[i].aux)
            c->order_ok = 0;
    }
    c->groups++;
    c->members += n;
    return 0;
}

/* 1M ids in two spills of 256 KB: record k has key mix(k / 2) when k is a
 * multiple of 1000 (a repeat: 1000 groups of 2) and mix(k) + 1 otherwise
 * (collisions with the repeats are improbable: 2^-64 each). The buffer
 * never passes its cap, the temporary file holds the runs, and every
 * group comes out once, in key order, its members in (src, aux) order. */
static void test_spill_bounded(void)
{
    const size_t N = 1000000, CAP = 256 * 1024;
    ct_spill *s[2] = {NULL, NULL};
    spill_check c;
    size_t k;

    CU_ASSERT_EQUAL_FATAL(ct_spill_alloc(&s[0], CAP), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_spill_alloc(&s[1], CAP), CT_OK);
    for (k = 0; k < N; k++) {
        ct_spill_rec r;
        r.key = k % 1000 == 0 ? mix(k / 2) : mix(k) + 1;
        /* the repeat of key mix(k/2) sits in the other spill, later */
        r.src = (uint32_t)(k % 2000 == 0 ? 0 : 1);
        r.aux = k;
        r.line = (uint32_t)k;
        r.tag = mix(k);
        r.tag2 = 0;
        if (k % 1000 == 0 && k % 2000 != 0)
            r.key = mix((k - 1000) / 2); /* repeats record k - 1000 */
        CU_ASSERT_EQUAL_FATAL(ct_spill_add(s[k % 2], &r), CT_OK);
    }
    CU_ASSERT_EQUAL(ct_spill_count(s[0]) + ct_spill_count(s[1]), N);
    CU_ASSERT(ct_spill_runs(s[0]) > 0);
    memset(&c, 0, sizeof c);
    c.order_ok = 1;
    CU_ASSERT_EQUAL(ct_spill_groups(s, 2, 2, check_group, &c), CT_OK);
    CU_ASSERT_EQUAL(c.groups, 500);  /* k = 0, 2000, 4000, ... */
    CU_ASSERT_EQUAL(c.members, 1000);
    CU_ASSERT(c.order_ok);
    CU_ASSERT(ct_spill_high_water(s[0]) <= CAP);
    CU_ASSERT(ct_spill_high_water(s[1]) <= CAP);
    /* all records, min 1 */
    ct_spill_free(s[0]);
    ct_spill_free(s[1]);
}

/* Every record once, merged from runs and the buffer: 400,000 records
 * in buffers of 2,457 are 162 runs and a buffer, which the spill merges
 * in tiers of 64 as they come (2 runs of 64 buffers and 34 buffers
 * remain: 36 runs; 162 without the tiers). */
static void test_spill_all(void)
{
    const size_t N = 400000;
    ct_spill *s = NULL;
    spill_check c;
    size_t k;
    CU_ASSERT_EQUAL_FATAL(ct_spill_alloc(&s, 256 * 1024), CT_OK);
    for (k = 0; k < N; k++) {
        ct_spill_rec r;
        r.key = mix(k);
        r.src = 0;
        r.aux = k;
        r.line = (uint32_t)k;
        r.tag = mix(k);
        r.tag2 = 0;
        CU_ASSERT_EQUAL_FATAL(ct_spill_add(s, &r), CT_OK);
    }
    CU_ASSERT(ct_spill_runs(s) < 64);
    memset(&c, 0, sizeof c);
    c.order_ok = 1;
    CU_ASSERT_EQUAL(ct_spill_groups(&s, 1, 1, check_group, &c), CT_OK);
    CU_ASSERT_EQUAL(c.groups, N);
    CU_ASSERT(c.order_ok);
    CU_ASSERT(ct_spill_high_water(s) <= 256 * 1024);
    ct_spill_free(s);
}

/* One key repeated far beyond a bucket of the final merge (which sorts
 * about 4,096 records at a time), beside unique keys that include the
 * ends of the key space, over runs of two spills, merged in one part and
 * in three: the repeated group comes whole and in order, each unique key
 * alone, every record once. */
static void spill_big_group_parts(size_t parts)
{
    const size_t N = 60000, REP = 20000; /* every third record repeats */
    ct_spill *s[2] = {NULL, NULL};
    spill_check c[3];
    void *ctx[3] = {&c[0], &c[1], &c[2]};
    size_t i, k, groups = 0, members = 0;
    int order_ok = 1;
    for (k = 0; k < 2; k++) {
        CU_ASSERT_EQUAL_FATAL(ct_spill_alloc(&s[k], 256 * 1024), CT_OK);
        for (i = 0; i < N; i++) {
            ct_spill_rec r;
            r.key = i % 3 == 0 ? mix(5) : mix(1000 + 2 * i + k);
            if (i == 1)
                r.key = k == 0 ? 0 : UINT64_MAX;
            r.src = (uint32_t)k;
            r.aux = mix(i) >> 24 << 20 | i; /* unique, unordered */
            r.line = (uint32_t)r.aux;
            r.tag = mix(r.aux);
            r.tag2 = 0;
            CU_ASSERT_EQUAL_FATAL(ct_spill_add(s[k], &r), CT_OK);
        }
        CU_ASSERT(ct_spill_runs(s[k]) >= 2);
    }
    memset(c, 0, sizeof c);
    for (i = 0; i < 3; i++)
        c[i].order_ok = 1;
    CU_ASSERT_EQUAL(parts == 1 ? ct_spill_groups(s, 2, 1, check_group, &c[0])
                               : ct_spill_groups_split(s, 2, 1, parts,
                                                       check_group, ctx),
                    CT_OK);
    for (i = 0; i < parts; i++) {
        groups += c[i].groups;
        members += c[i].members;
        order_ok &= c[i].order_ok;
    }
    CU_ASSERT_EQUAL(members, 2 * N);
    CU_ASSERT_EQUAL(groups, 2 * N - 2 * REP + 1); /* the repeats: one */
    CU_ASSERT(order_ok);
    ct_spill_free(s[0]);
    ct_spill_free(s[1]);
}

static void test_spill_big_group(void)
{
    spill_big_group_parts(1);
    spill_big_group_parts(3);
}

/* The compact records of a loader's own check: 600,000 keys in three
 * spills of 256 KB (many runs, merged in tiers), every key of the form
 * mix(k) + 1 except that each 1000th record repeats the record 777
 * places before it, in another spill when k % 3 differs. Every group
 * comes out once, in key order, its members in aux order, and the
 * buffers stay within their cap. */
static int check_key_group(const ct_spill_key *g, size_t n, void *ctx)
{
    spill_check *c = ctx;
    size_t i;
    if (c->groups && g[0].key <= c->last)
        c->order_ok = 0;
    c->last = g[0].key;
    for (i = 1; i < n; i++)
        if (g[i].key != g[0].key || g[i].aux <= g[i - 1].aux)
            c->order_ok = 0;
    /* the pair is record k - 777 then record k */
    if (n != 2 || (g[1].aux & 0xffffffffu) - (g[0].aux & 0xffffffffu) != 777)
        c->order_ok = 0;
    c->groups++;
    c->members += n;
    return 0;
}

/* The check above with the merge in `parts` parts, one check each: the
 * groups are those of one part, each in key order within its part. With
 * seal, the spills are sealed first (as a loader does when its range is
 * read): the same groups come out, and no record can be added after. */
static void keyspill_in_parts(size_t parts, int seal)
{
    const size_t N = 600000, CAP = 256 * 1024;
    ct_keyspill *s[3] = {NULL, NULL, NULL};
    spill_check c[4];
    void *ctx[4];
    size_t k, groups = 0, members = 0;
    for (k = 0; k < 3; k++)
        CU_ASSERT_EQUAL_FATAL(ct_keyspill_alloc(&s[k], CAP), CT_OK);
    for (k = 0; k < N; k++) {
        ct_spill_key r;
        size_t from = k % 1000 == 999 ? k - 777 : k;
        r.key = mix(from) + 1;
        /* aux as a loader makes it: the reader, then the line */
        r.aux = (uint64_t)(k % 3) << 32 | (uint32_t)k;
        CU_ASSERT_EQUAL_FATAL(ct_keyspill_add(s[k % 3], &r), CT_OK);
    }
    CU_ASSERT(ct_keyspill_runs(s[0]) > 0);
    CU_ASSERT_EQUAL(ct_keyspill_count(s[0]) + ct_keyspill_count(s[1]) +
                        ct_keyspill_count(s[2]), N);
    if (seal) {
        ct_spill_key r = {1, 1};
        size_t runs = ct_keyspill_runs(s[1]);
        for (k = 0; k < 3; k++)
            CU_ASSERT_EQUAL(ct_keyspill_seal(s[k]), CT_OK);
        CU_ASSERT_EQUAL(ct_keyspill_seal(s[1]), CT_OK); /* twice: nothing */
        CU_ASSERT(ct_keyspill_runs(s[1]) >= 1 &&
                  ct_keyspill_runs(s[1]) <= runs + 1);
        CU_ASSERT_EQUAL(ct_keyspill_add(s[2], &r), CT_EUSAGE);
    }
    memset(c, 0, sizeof c);
    for (k = 0; k < 4; k++) {
        c[k].order_ok = 1;
        ctx[k] = &c[k];
    }
    CU_ASSERT_EQUAL(parts == 1 ? ct_keyspill_groups(s, 3, 2, check_key_group,
                                                    &c[0])
                               : ct_keyspill_groups_split(
                                     s, 3, 2, parts, check_key_group, ctx),
                    CT_OK);
    for (k = 0; k < 4; k++) {
        CU_ASSERT(c[k].order_ok);
        groups += c[k].groups;
        members += c[k].members;
    }
    /* a part for each slice of the keys (the keys are spread evenly) */
    for (k = 0; k < parts; k++)
        CU_ASSERT(c[k].groups > 0);
    CU_ASSERT_EQUAL(groups, N / 1000);
    CU_ASSERT_EQUAL(members, 2 * (N / 1000));
    for (k = 0; k < 3; k++) {
        CU_ASSERT(ct_keyspill_high_water(s[k]) <= CAP);
        ct_keyspill_free(s[k]);
    }
}

static void test_keyspill(void)
{
    keyspill_in_parts(1, 0);
    keyspill_in_parts(2, 0);
    keyspill_in_parts(4, 0);
    keyspill_in_parts(2, 1);
    keyspill_in_parts(4, 1);
}

/* A sealed spill that never filled its buffer keeps its records in
 * memory, sorted, and writes no run: merged with one that has runs,
 * each key repeated across the two is one group of two, in aux order. */
static void test_keyspill_sealed_in_memory(void)
{
    const size_t N = 200000, M = 2000, CAP = 256 * 1024;
    ct_keyspill *s[2] = {NULL, NULL};
    spill_check c[2];
    void *ctx[2];
    size_t k;
    CU_ASSERT_EQUAL_FATAL(ct_keyspill_alloc(&s[0], CAP), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_keyspill_alloc(&s[1], CAP), CT_OK);
    for (k = 0; k < N; k++) {
        ct_spill_key r = {mix(k) + 1, (uint64_t)k};
        CU_ASSERT_EQUAL_FATAL(ct_keyspill_add(s[0], &r), CT_OK);
    }
    /* every 67th key again in the second spill, 777 lines on */
    for (k = 0; k < M; k++) {
        ct_spill_key r = {mix(67 * k) + 1,
                          (uint64_t)1 << 32 | (uint32_t)(67 * k + 777)};
        CU_ASSERT_EQUAL_FATAL(ct_keyspill_add(s[1], &r), CT_OK);
    }
    CU_ASSERT_EQUAL(ct_keyspill_seal(s[0]), CT_OK);
    CU_ASSERT_EQUAL(ct_keyspill_seal(s[1]), CT_OK);
    CU_ASSERT(ct_keyspill_runs(s[0]) > 0);
    CU_ASSERT_EQUAL(ct_keyspill_runs(s[1]), 0);
    memset(c, 0, sizeof c);
    for (k = 0; k < 2; k++) {
        c[k].order_ok = 1;
        ctx[k] = &c[k];
    }
    CU_ASSERT_EQUAL(ct_keyspill_groups_split(s, 2, 2, 2, check_key_group,
                                             ctx),
                    CT_OK);
    CU_ASSERT(c[0].order_ok && c[1].order_ok);
    /* both parts merged (the spill without runs needs no window) */
    CU_ASSERT(c[0].groups > 0 && c[1].groups > 0);
    CU_ASSERT_EQUAL(c[0].groups + c[1].groups, M);
    CU_ASSERT_EQUAL(c[0].members + c[1].members, 2 * M);
    ct_keyspill_free(s[0]);
    ct_keyspill_free(s[1]);
}

/* ---- several files ---- */

static const char HEADER[] = CT_TEST_ACLED_HEADER;

static const char *const TYPE[] = {"Battles", "Riots", "Protests",
                                   "Explosions/Remote violence"};
static const char *const ISO[] = {"706", "4", "144", "104", "566"};
static const char *const CTRY[] = {"Somalia", "Afghanistan", "Sri Lanka",
                                   "Myanmar", "Nigeria"};
#define NCTRY 5
#define NTYPE 4
#define Y0 2018
#define NY 5

/* Event k: its country, type, year and fatalities (copy > 0: a revised
 * later copy with other fatalities when revise is set). */
static int ev_country(long k) { return (int)(k % NCTRY); }
static int ev_type(long k) { return (int)((k / NCTRY) % NTYPE); }
static int ev_year(long k) { return Y0 + (int)((k / 7) % NY); }
static long ev_deaths(long k, int copy, int revise)
{
    return k % 9 + (revise && copy > 0 ? 100 * copy : 0);
}

/* How event ids are written (test_files_property): 0 "EV12" (a code
 * and a number: kept as bits), 1 "EV12x" (spilled), 2 both and "EV012"
 * (a leading zero: spilled), 3 over 600 codes ("AQZ12": the bits' table
 * is full, so the ids are read again). */
static int id_form;

static void ev_id(char *buf, size_t n, long k)
{
    long r = k % 600;
    switch (id_form == 2 ? (int)(k % 3) : id_form) {
    case 1: snprintf(buf, n, "EV%ldx", k); break;
    case 2: snprintf(buf, n, "EV0%ld", k); break;
    case 3:
        snprintf(buf, n, "A%c%c%ld", 'A' + (int)(r / 26), 'A' + (int)(r % 26),
                 k / 600);
        break;
    default: snprintf(buf, n, "EV%ld", k); break;
    }
}

static void write_event(FILE *f, long k, int copy, int revise,
                        int other_type)
{
    int c = ev_country(k);
    char id[32];
    /* every 13th note has a quoted line break, comma and doubled quote */
    const char *notes = k % 13 == 0 ? "a \"\"quoted\"\", note,\nacross lines"
                                    : "plain note";
    ev_id(id, sizeof id, k);
    fprintf(f,
            "%s,%d-%02ld-%02ld,%d,1,Political violence,%s,Armed clash,"
            "Military Forces of %s (2020-),,State forces,Rebels X,,"
            "Rebel group,State forces-Rebel group,,%s,Region,%s,A1,A2,,"
            "Place,1.0,2.0,1,Source,National,\"%s\",%ld,,1700000000\n",
            id, ev_year(k), 1 + k % 12, 1 + k % 28, ev_year(k),
            TYPE[other_type ? (ev_type(k) + 1) % NTYPE : ev_type(k)],
            CTRY[c], ISO[c], CTRY[c], notes, ev_deaths(k, copy, revise));
}

/* nf files in a temporary folder; path i in paths[i] (static). */
static char dir[64];
static char *paths[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/ct_files_XXXXXX");
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
}

static void remove_files(size_t nf)
{
    size_t i;
    for (i = 0; i < nf; i++) {
        unlink(paths[i]);
        free(paths[i]);
        paths[i] = NULL;
    }
    rmdir(dir);
}

/* Events and deaths per (year, type, country) of a run. */
typedef struct truth {
    double ev[NY][NTYPE][NCTRY], de[NY][NTYPE][NCTRY];
    long dups;
} truth;

static int series_of(size_t nf, size_t nthreads, int one_thread,
                     ct_series **out, ct_error *err)
{
    ct_series_files_options fo;
    memset(&fo, 0, sizeof fo);
    fo.so = (ct_series_options)CT_SERIES_OPTIONS_INIT;
    fo.lo = (ct_load_options)CT_LOAD_OPTIONS_INIT;
    fo.so.measure = CT_MEASURE_EVENTS;
    fo.so.extra[0] = CT_MEASURE_DEATHS;
    fo.so.n_extra = 1;
    fo.so.keys[0] = CT_KEY_EVENT_TYPE;
    fo.so.keys[1] = CT_KEY_COUNTRY;
    fo.so.n_keys = 2;
    fo.geo = ct_test_geo;
    fo.nthreads = nthreads;
    fo.one_thread_dedup = one_thread;
    return ct_series_from_files(out, (const char *const *)paths, NULL, nf,
                                &fo, NULL, NULL, err);
}

static int type_index(const char *s)
{
    int i;
    for (i = 0; i < NTYPE; i++)
        if (strcmp(s, TYPE[i]) == 0)
            return i;
    return -1;
}

static int country_index(const char *s)
{
    int i;
    for (i = 0; i < NCTRY; i++)
        if (strcmp(s, CTRY[i]) == 0)
            return i;
    return -1;
}

/* The series equals the truth cell by cell (every cell of the truth that
 * is non-zero is in it, and nothing else is non-zero). */
static int equals_truth(const ct_series *s, const truth *t)
{
    double ev = 0, de = 0, tev = 0, tde = 0;
    size_t i;
    int y, a, c;
    for (i = 0; i < s->n; i++) {
        int ti = type_index(s->key[2 * i]), ci = country_index(s->key[2 * i + 1]);
        y = s->year[i] - Y0;
        if (ti < 0 || ci < 0 || y < 0 || y >= NY)
            return 0;
        if (s->value[i] != t->ev[y][ti][ci] ||
            s->extra[0][i] != t->de[y][ti][ci])
            return 0;
        ev += s->value[i];
        de += s->extra[0][i];
    }
    for (y = 0; y < NY; y++)
        for (a = 0; a < NTYPE; a++)
            for (c = 0; c < NCTRY; c++) {
                tev += t->ev[y][a][c];
                tde += t->de[y][a][c];
            }
    return ev == tev && de == tde && s->duplicates == t->dups;
}

static int same_series(const ct_series *a, const ct_series *b)
{
    size_t i;
    if (a->n != b->n || a->duplicates != b->duplicates || a->used != b->used)
        return 0;
    for (i = 0; i < a->n; i++)
        if (a->year[i] != b->year[i] ||
            strcmp(a->key[2 * i], b->key[2 * i]) != 0 ||
            strcmp(a->key[2 * i + 1], b->key[2 * i + 1]) != 0 ||
            !(a->value[i] == b->value[i]) ||
            !(a->extra[0][i] == b->extra[0][i]))
            return 0;
    return 1;
}

static int same_conflicts(const ct_series *a, const ct_series *b)
{
    size_t i;
    double tot = 0;
    if (a->n != b->n)
        return 0;
    for (i = 0; i < a->n; i++) {
        if (a->year[i] != b->year[i] || strcmp(a->key[i], b->key[i]) != 0 ||
            !(a->value[i] == b->value[i]) ||
            !(a->extra[0][i] == b->extra[0][i]))
            return 0;
        tot += a->value[i];
    }
    return tot > 0;
}

/* Writes n events over nf files: event k goes to file home(k), and with
 * overlap to 1 or 2 more files after it (copies; revised fatalities with
 * revise). The truth counts the copy in the first file. */
static void write_files(long n, size_t nf, unsigned seed, int overlap,
                        int revise, truth *t)
{
    FILE *f[64];
    size_t i;
    long k;
    memset(t, 0, sizeof *t);
    for (i = 0; i < nf; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/f%02zu.csv", dir, i);
        paths[i] = strdup(p);
        f[i] = fopen(p, "w");
        CU_ASSERT_FATAL(f[i] != NULL);
        fputs(HEADER, f[i]);
    }
    srand(seed);
    /* files are written in order, so "first" is the lowest file index */
    for (k = 0; k < n; k++) {
        size_t home = (size_t)rand() % nf, j;
        int copies = overlap ? rand() % 3 : 0;
        size_t at[3];
        at[0] = home;
        for (j = 1; j <= (size_t)copies; j++)
            at[j] = (home + j * (1 + (size_t)rand() % 3)) % nf;
        {
            /* the distinct files ascending (a record twice in one file
             * is refused): the copy in the lowest is the one counted */
            size_t fs[3], nfs = 0, a, b;
            for (j = 0; j <= (size_t)copies; j++) {
                int dup = 0;
                for (a = 0; a < nfs; a++)
                    dup |= fs[a] == at[j];
                if (!dup)
                    fs[nfs++] = at[j];
            }
            for (a = 0; a < nfs; a++)
                for (b = a + 1; b < nfs; b++)
                    if (fs[b] < fs[a]) {
                        size_t x = fs[a];
                        fs[a] = fs[b];
                        fs[b] = x;
                    }
            for (a = 0; a < nfs; a++)
                write_event(f[fs[a]], k, (int)a, revise, 0);
            t->ev[ev_year(k) - Y0][ev_type(k)][ev_country(k)] += 1;
            t->de[ev_year(k) - Y0][ev_type(k)][ev_country(k)] +=
                (double)ev_deaths(k, 0, revise);
            t->dups += (long)nfs - 1;
        }
    }
    for (i = 0; i < nf; i++)
        fclose(f[i]);
}

/* 50 files, one export split (no event twice), and overlapping downloads
 * with and without revised fatalities: on 1, 2 and 4 threads the series
 * is the one counted from the events and the one-thread read's. */
static void test_files_fifty(void)
{
    static const int OVER[3][2] = {{0, 0}, {1, 0}, {1, 1}};
    static const size_t TH[3] = {1, 2, 4};
    int v;
    for (v = 0; v < 3; v++) {
        truth t;
        ct_series *ref = NULL;
        ct_error err;
        size_t i;
        make_dir();
        write_files(20000, 50, 7u + (unsigned)v, OVER[v][0], OVER[v][1], &t);
        CU_ASSERT_EQUAL_FATAL(series_of(50, 1, 1, &ref, &err), CT_OK);
        CU_ASSERT(equals_truth(ref, &t));
        CU_ASSERT_EQUAL(ref->duplicates, t.dups);
        if (OVER[v][0])
            CU_ASSERT(t.dups > 1000);
        for (i = 0; i < 3; i++) {
            ct_series *s = NULL;
            CU_ASSERT_EQUAL_FATAL(series_of(50, TH[i], 0, &s, &err), CT_OK);
            CU_ASSERT(equals_truth(s, &t));
            CU_ASSERT(same_series(s, ref));
            CU_ASSERT_EQUAL(s->reread, 0);
            ct_series_free(s);
        }
        ct_series_free(ref);
        remove_files(50);
    }
}

/* A later copy in another group (its event type revised) cannot be taken
 * out: the files are read again the old way, with the old answer. */
static void test_files_revised_type(void)
{
    ct_series *ref = NULL, *s = NULL;
    ct_error err;
    FILE *f;
    long k;
    make_dir();
    paths[0] = strdup(ct_test_path(dir, "a.csv"));
    paths[1] = strdup(ct_test_path(dir, "b.csv"));
    f = fopen(paths[0], "w");
    fputs(HEADER, f);
    for (k = 0; k < 100; k++)
        write_event(f, k, 0, 0, 0);
    fclose(f);
    f = fopen(paths[1], "w");
    fputs(HEADER, f);
    for (k = 50; k < 150; k++)
        write_event(f, k, 1, 1, k == 60);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(series_of(2, 1, 1, &ref, &err), CT_OK);
    CU_ASSERT_EQUAL_FATAL(series_of(2, 2, 0, &s, &err), CT_OK);
    CU_ASSERT(same_series(s, ref));
    CU_ASSERT_EQUAL(s->reread, 1);
    CU_ASSERT_EQUAL(s->duplicates, 50);
    CU_ASSERT_EQUAL(s->used, 150);
    ct_series_free(ref);
    ct_series_free(s);
    remove_files(2);
}

/* A record twice in one file is refused as by the one-thread read, with
 * its line and the line it repeats. */
static void test_files_repeat_in_file(void)
{
    ct_series *s = NULL;
    ct_error e1, e2;
    FILE *f;
    long k;
    make_dir();
    paths[0] = strdup(ct_test_path(dir, "a.csv"));
    paths[1] = strdup(ct_test_path(dir, "b.csv"));
    f = fopen(paths[1], "w");
    fputs(HEADER, f);
    for (k = 0; k < 100; k++)
        write_event(f, k, 0, 0, 0);
    write_event(f, 14, 0, 0, 0); /* repeats event 14 (line 2 + 14 + 1) */
    fclose(f);
    f = fopen(paths[0], "w");
    fputs(HEADER, f);
    for (k = 100; k < 150; k++)
        write_event(f, k, 0, 0, 0);
    fclose(f);
    CU_ASSERT_EQUAL(series_of(2, 1, 1, &s, &e1), CT_EPARSE);
    CU_ASSERT_EQUAL(series_of(2, 2, 0, &s, &e2), CT_EPARSE);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_STRING_EQUAL(e1.msg, e2.msg);
    CU_ASSERT_STRING_EQUAL(e1.path, e2.path);
    CU_ASSERT_EQUAL(e1.line, e2.line);
    /* events 0..99 take 101 lines after the header: 8 of them (13, 26,
     * ..., 91, and 0) hold a line break; event 14 starts on line
     * 2 + 14 + 2 (events 0 and 13 before it have two lines) */
    CU_ASSERT(strstr(e2.msg, "as line 18 ") != NULL);
    CU_ASSERT_EQUAL(e2.line, 110); /* 101 + 8 lines, after the header */
    remove_files(2);
}

/* Random splits and overlaps, 2-12 files, 1-4 threads, every form of
 * id: the parallel read always equals the events' own count and the
 * one-thread read. */
static void test_files_property(void)
{
    unsigned seed;
    for (seed = 1; seed <= 12; seed++) {
        truth t;
        ct_series *ref = NULL, *s = NULL;
        ct_error err;
        size_t nf = 2 + seed % 11, th = 1 + seed % 4;
        id_form = (int)(seed % 4);
        make_dir();
        write_files(3000 + 250 * (long)seed, nf, seed, seed % 3 != 0,
                    seed % 2, &t);
        CU_ASSERT_EQUAL_FATAL(series_of(nf, 1, 1, &ref, &err), CT_OK);
        CU_ASSERT_EQUAL_FATAL(series_of(nf, th, 0, &s, &err), CT_OK);
        CU_ASSERT(equals_truth(ref, &t));
        CU_ASSERT(equals_truth(s, &t));
        CU_ASSERT(same_series(s, ref));
        ct_series_free(ref);
        ct_series_free(s);
        remove_files(nf);
    }
    id_form = 0;
}

/* Record start offsets of a file (ct_obs.offset). */
typedef struct offs {
    unsigned long long *at;
    size_t n, cap;
} offs;

static int take_offset(const ct_obs *o, void *ctx, ct_error *err)
{
    offs *f = ctx;
    (void)err;
    if (f->n == f->cap) {
        size_t c = f->cap ? 2 * f->cap : 1024;
        unsigned long long *p = realloc(f->at, c * sizeof *p);
        if (p == NULL)
            return CT_ENOMEM;
        f->at = p;
        f->cap = c;
    }
    f->at[f->n++] = o->offset;
    return CT_OK;
}

/* Conflicts per year and country (distinct conflict ids per cell) and
 * deaths, GED files: what a file adds again changes nothing, in either
 * order, so a copy taken out never takes out a conflict that the first
 * copy (or another event of the conflict in the cell) still stands for. */
static int ged_series(size_t nf, size_t nthreads, ct_series **out,
                      ct_error *err)
{
    ct_series_files_options fo;
    memset(&fo, 0, sizeof fo);
    fo.so = (ct_series_options)CT_SERIES_OPTIONS_INIT;
    fo.lo = (ct_load_options)CT_LOAD_OPTIONS_INIT;
    fo.so.measure = CT_MEASURE_CONFLICTS;
    fo.so.extra[0] = CT_MEASURE_DEATHS;
    fo.so.n_extra = 1;
    fo.so.keys[0] = CT_KEY_COUNTRY;
    fo.so.n_keys = 1;
    fo.geo = ct_test_geo;
    fo.nthreads = nthreads;
    return ct_series_from_files(out, (const char *const *)paths, NULL, nf,
                                &fo, NULL, NULL, err);
}

static void test_files_conflicts(void)
{
    ct_gen_options go = CT_GEN_OPTIONS_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_series *one = NULL, *ab = NULL, *ba = NULL;
    ct_error err;
    offs o = {NULL, 0, 0};
    FILE *f, *g;
    char *buf;
    long size;
    size_t i, nb = 0;
    char *p0;

    make_dir();
    paths[0] = strdup(ct_test_path(dir, "all.csv"));
    paths[1] = strdup(ct_test_path(dir, "some.csv"));
    go.seed = 3;
    go.rows = 3000;
    go.from_year = 2000;
    go.to_year = 2010;
    f = fopen(paths[0], "w");
    CU_ASSERT_EQUAL_FATAL(ct_gen_write_ged(f, &go, &err), CT_OK);
    fclose(f);
    lo.geo = ct_test_geo;
    CU_ASSERT_EQUAL_FATAL(ct_load_file(paths[0], &lo, take_offset, &o, NULL,
                                       &err), CT_OK);
    CU_ASSERT_FATAL(o.n > 1000);
    /* some.csv: the header and every third record of all.csv, bytes as
     * they are (quoted line breaks included) */
    f = fopen(paths[0], "rb");
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    buf = malloc((size_t)size);
    CU_ASSERT_FATAL(fread(buf, 1, (size_t)size, f) == (size_t)size);
    fclose(f);
    g = fopen(paths[1], "wb");
    fwrite(buf, 1, o.at[0], g);
    for (i = 0; i < o.n; i += 3, nb++) {
        unsigned long long end = i + 1 < o.n ? o.at[i + 1]
                                             : (unsigned long long)size;
        fwrite(buf + o.at[i], 1, end - o.at[i], g);
    }
    fclose(g);
    free(buf);
    CU_ASSERT_EQUAL_FATAL(ged_series(1, 1, &one, &err), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ged_series(2, 2, &ab, &err), CT_OK);
    p0 = paths[0];
    paths[0] = paths[1];
    paths[1] = p0;
    CU_ASSERT_EQUAL_FATAL(ged_series(2, 2, &ba, &err), CT_OK);
    CU_ASSERT(same_conflicts(one, ab));
    CU_ASSERT(same_conflicts(one, ba));
    CU_ASSERT_EQUAL(ab->duplicates, (long)nb);
    CU_ASSERT_EQUAL(ba->duplicates, (long)nb);
    CU_ASSERT_EQUAL(ab->reread + ba->reread, 0);
    ct_series_free(one);
    ct_series_free(ab);
    ct_series_free(ba);
    free(o.at);
    remove_files(2);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("files", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "spill_bounded", test_spill_bounded) ||
        !CU_add_test(s, "spill_all", test_spill_all) ||
        !CU_add_test(s, "spill: a key beyond a bucket", test_spill_big_group) ||
        !CU_add_test(s, "keyspill", test_keyspill) ||
        !CU_add_test(s, "keyspill sealed in memory",
                     test_keyspill_sealed_in_memory) ||
        !CU_add_test(s, "files_fifty", test_files_fifty) ||
        !CU_add_test(s, "files_revised_type", test_files_revised_type) ||
        !CU_add_test(s, "files_property", test_files_property) ||
        !CU_add_test(s, "files_conflicts", test_files_conflicts) ||
        !CU_add_test(s, "files_repeat_in_file", test_files_repeat_in_file))
        return -1;
    return 0;
}
