/* SPDX-License-Identifier: MIT
 * test_parallel.c - the parallel loader gives what one thread gives: the
 * same series on a large file with quoted line breaks, the same answer
 * when a guessed cut falls inside a quoted field (the range after it is
 * read again from its true start), and the same first error with its
 * true line number.
 * Files are written here, above CT_LOAD_PARALLEL_MIN so that they split.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/ctrend.h"
#include "runner.h"
#include "dateorder_prop.h"
#include "cuts_prop.h"


static const char HEADER[] = CT_TEST_ACLED_HEADER;

/* Writes one event; k makes the values vary. */
static void event(FILE *f, long k, const char *notes)
{
    static const char *const TYPE[] = {"Battles", "Riots", "Protests",
                                       "Explosions/Remote violence"};
    static const char *const ISO[] = {"706", "4", "144", "104"};
    static const char *const CTRY[] = {"Somalia", "Afghanistan",
                                       "Sri Lanka", "Myanmar"};
    int c = (int)(k % 4);
    fprintf(f,
            "EV%ld,%d-%02ld-%02ld,%d,1,Political violence,%s,Armed clash,"
            "Military Forces of %s (2020-),,State forces,Rebels X,,"
            "Rebel group,State forces-Rebel group,,%s,Region,%s,A1,A2,,"
            "Place,1.0,2.0,1,Source,National,\"%s\",%ld,,1700000000\n",
            k, 2018 + (int)(k % 5), 1 + k % 12, 1 + k % 28,
            2018 + (int)(k % 5), TYPE[k % 4], CTRY[c], ISO[c], CTRY[c],
            notes, k % 7);
}

/* A temporary file path (static buffer). */
static const char *tmp_path(void)
{
    static char path[] = "/tmp/ct_parallel_XXXXXX";
    int fd;
    strcpy(path, "/tmp/ct_parallel_XXXXXX");
    fd = mkstemp(path);
    if (fd >= 0)
        close(fd);
    return path;
}

/* Events per year and event type in nthreads ranges, read by threads
 * threads (0: one a range). */
static int series_on(const char *path, size_t nthreads, size_t threads,
                     ct_series **out, ct_error *err)
{
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_series_builder *b[4] = {NULL, NULL, NULL, NULL};
    size_t i;
    int rc;

    so.geo = lo.geo = ct_test_geo;
    so.measure = CT_MEASURE_EVENTS;
    so.extra[0] = CT_MEASURE_DEATHS;
    so.n_extra = 1;
    so.keys[0] = CT_KEY_EVENT_TYPE;
    so.keys[1] = CT_KEY_SUBREGION;
    so.n_keys = 2;
    lo.no_class = 1;
    lo.threads = threads;
    for (i = 0; i < nthreads; i++)
        if (ct_series_builder_alloc(&b[i], &so, err) != CT_OK)
            return -1;
    rc = ct_load_file_parallel(path, &lo, nthreads, ct_series_builder_add,
                               (void **)b, ct_series_builder_reset, NULL,
                               err);
    for (i = 1; rc == CT_OK && i < nthreads; i++)
        rc = ct_series_builder_merge(b[0], b[i], err);
    if (rc == CT_OK)
        rc = ct_series_builder_finish(b[0], out, err);
    for (i = 0; i < nthreads; i++)
        ct_series_builder_free(b[i]);
    return rc;
}

static int series(const char *path, size_t nthreads, ct_series **out,
                  ct_error *err)
{
    return series_on(path, nthreads, 0, out, err);
}

/* One reader against two ranges on two threads, and four ranges on two
 * threads and on one (each thread taking the next free range). */
static void same_series(const char *path)
{
    static const size_t ranges[] = {2, 4, 4}, threads[] = {0, 2, 1};
    size_t k;
    for (k = 0; k < 3; k++) {
        ct_series *a = NULL, *b = NULL;
        ct_error err;
        size_t i;
        CU_ASSERT_EQUAL_FATAL(series(path, 1, &a, &err), CT_OK);
        CU_ASSERT_EQUAL_FATAL(
            series_on(path, ranges[k], threads[k], &b, &err), CT_OK);
        CU_ASSERT_EQUAL_FATAL(a->n, b->n);
        CU_ASSERT(a->n > 0);
        for (i = 0; i < a->n; i++) {
            CU_ASSERT_EQUAL(a->year[i], b->year[i]);
            CU_ASSERT_STRING_EQUAL(a->key[2 * i], b->key[2 * i]);
            CU_ASSERT_DOUBLE_EQUAL(a->value[i], b->value[i], 0.0);
            CU_ASSERT_DOUBLE_EQUAL(a->extra[0][i], b->extra[0][i], 0.0);
        }
        ct_series_free(a);
        ct_series_free(b);
    }
}

/* 40 MB of events, some notes with line breaks and doubled quotes. */
static void test_parallel_equals_serial(void)
{
    const char *path = tmp_path();
    FILE *f = fopen(path, "w");
    long k;
    CU_ASSERT_FATAL(f != NULL);
    fputs(HEADER, f);
    for (k = 0; ftell(f) < 40L * 1024 * 1024; k++)
        event(f, k, k % 333 == 0 ? "line one,\nline \"\"two\"\", end"
                                 : "plain notes, with a comma");
    fclose(f);
    same_series(path);
    unlink(path);
}

/* The midpoint lands inside a 7 MB quoted field made of lines of two
 * fields: no line end within the 4 MiB window passes the check, the cut
 * stays at the first, the first thread reads past it, and the second
 * range is read again from where the first ended. */
static void test_parallel_bad_guess(void)
{
    const char *path = tmp_path();
    FILE *f = fopen(path, "w");
    char *big;
    size_t n = 7u * 1024 * 1024, i;
    long k;
    CU_ASSERT_FATAL(f != NULL);
    big = malloc(n + 1);
    CU_ASSERT_FATAL(big != NULL);
    for (i = 0; i < n; i++)
        big[i] = (i % 40 == 39) ? '\n' : (i % 40 == 10 ? ',' : 'x');
    big[n] = '\0';
    fputs(HEADER, f);
    for (k = 0; ftell(f) < 17L * 1024 * 1024; k++)
        event(f, k, "notes");
    event(f, k++, big);
    for (; ftell(f) < 41L * 1024 * 1024; k++)
        event(f, k, "notes");
    fclose(f);
    free(big);
    same_series(path);
    unlink(path);
}

/* A bad record in the second half: the error and its line are those of a
 * one-thread read. */
static void test_parallel_error_line(void)
{
    const char *path = tmp_path();
    FILE *f = fopen(path, "w");
    ct_series *s = NULL;
    ct_error e1, e2;
    long k, line = 1, bad_line = 0;
    CU_ASSERT_FATAL(f != NULL);
    fputs(HEADER, f);
    for (k = 0; ftell(f) < 40L * 1024 * 1024; k++) {
        if (bad_line == 0 && ftell(f) > 30L * 1024 * 1024) {
            fputs("BAD1,2020-01-01,2020,1,x,Battles,y,a,,1,b,,2,12,,706,"
                  "R,Somalia,,,,,1,2,1,s,n,notes,-5,,1\n", f);
            bad_line = ++line;
            continue;
        }
        event(f, k, k % 500 == 0 ? "two\nlines" : "one line");
        line += k % 500 == 0 ? 2 : 1;
    }
    fclose(f);
    CU_ASSERT_NOT_EQUAL(series(path, 1, &s, &e1), CT_OK);
    CU_ASSERT_NOT_EQUAL(series(path, 2, &s, &e2), CT_OK);
    CU_ASSERT_EQUAL(e1.line, bad_line);
    CU_ASSERT_EQUAL(e2.line, bad_line);
    CU_ASSERT_STRING_EQUAL(e1.msg, e2.msg);
    unlink(path);
}

/* ---- issue 8: the slash-date order does not depend on threads ---------- */

/* Month-first dates ("MM/DD/2021", days 1-12: every one ambiguous) with
 * the one date that proves the order (day 15) at a quarter of the file,
 * so that the first thread's range ends before it. The writer counts the
 * true months; 1, 2 and 4 threads must give exactly that, byte for byte
 * the same CSV. */
static void test_parallel_date_order_late(void)
{
    const char *path = tmp_path();
    FILE *f = fopen(path, "w");
    long k, n, per_month[12] = {0};
    char *csv[3] = {NULL, NULL, NULL}, want[1024];
    size_t t, at = 0;
    static const size_t THREADS[3] = {1, 2, 4};
    ct_error err;
    int m;

    CU_ASSERT_FATAL(f != NULL);
    fputs(HEADER, f);
    n = 40L * 1024 * 1024 / 240; /* about 40 MB */
    for (k = 0; k < n; k++) {
        int month = 1 + (int)(k % 12), day = 1 + (int)((k / 12) % 12);
        if (k == n / 4)
            day = 15; /* the proof */
        fprintf(f,
                "EV%ld,%02d/%02d/2021,2021,1,Political violence,Battles,"
                "Armed clash,Military Forces of Somalia (2022-),,State "
                "forces,Rebels X,,Rebel group,,,706,Eastern Africa,Somalia,"
                "A1,A2,,Place,1.0,2.0,1,Source,National,plain notes,%ld,,"
                "1700000000\n", k, month, day, k % 3);
        per_month[month - 1]++;
    }
    fclose(f);
    /* the file's span ends on 12/12/2021 (no December date is later),
     * so December is a partial month (README "Counting") */
    at += (size_t)snprintf(want, sizeof want, "period,value,partial\n");
    for (m = 0; m < 12; m++)
        at += (size_t)snprintf(want + at, sizeof want - at,
                               "2021-%02d,%ld,%d\n", m + 1, per_month[m],
                               m == 11);
    for (t = 0; t < 3; t++) {
        int rc = prop_month_csv(ct_test_geo, path, THREADS[t], &csv[t], &err);
        CU_ASSERT_EQUAL(rc, CT_OK);
        if (rc != CT_OK)
            fprintf(stderr, "\n  %zu threads: %s\n", THREADS[t], err.msg);
        else
            CU_ASSERT_STRING_EQUAL(csv[t], want);
    }
    for (t = 0; t < 3; t++)
        free(csv[t]);
    unlink(path);
}

/* The same on a small file split on every byte count (parallel_min 1):
 * proofs of both orders are refused with the same error, at the same
 * line, on any thread count. */
static void test_parallel_date_order_both(void)
{
    const char *path = tmp_path();
    FILE *f = fopen(path, "w");
    ct_error e1, e4;
    char *c1 = NULL, *c4 = NULL;
    long k;
    CU_ASSERT_FATAL(f != NULL);
    fputs(HEADER, f);
    for (k = 0; k < 400; k++)
        fprintf(f, "EV%ld,%s,2021,1,Political violence,Battles,Armed clash,"
                "Military Forces of Somalia (2022-),,State forces,Rebels X,,"
                "Rebel group,,,706,Eastern Africa,Somalia,A1,A2,,Place,1.0,"
                "2.0,1,Source,National,plain notes,1,,1700000000\n", k,
                k == 100 ? "13/02/2021" : k == 300 ? "02/13/2021"
                                                   : "03/02/2021");
    fclose(f);
    CU_ASSERT_EQUAL(prop_month_csv(ct_test_geo, path, 1, &c1, &e1), CT_EPARSE);
    CU_ASSERT_EQUAL(prop_month_csv(ct_test_geo, path, 4, &c4, &e4), CT_EPARSE);
    CU_ASSERT_EQUAL(e1.line, 302); /* header, then row k on line k + 2 */
    CU_ASSERT_EQUAL(e4.line, 302);
    CU_ASSERT_STRING_EQUAL(e1.msg, e4.msg);
    free(c1);
    free(c4);
    unlink(path);
}

/* The fuzz property (dateorder_prop.h) on 300 seeded random files: any
 * mix of ambiguous dates, proofs and non-dates, and quoted line breaks
 * that may sit where a range is cut. */
static void test_parallel_date_order_property(void)
{
    const char *path = tmp_path();
    uint8_t data[3 * 80];
    uint32_t x = 12345;
    int k, bad = 0;
    size_t i, n;
    for (k = 0; k < 300; k++) {
        n = 3 * (1 + (size_t)k % 80);
        for (i = 0; i < n; i++) {
            x = x * 1664525u + 1013904223u; /* Numerical Recipes LCG */
            data[i] = (uint8_t)(x >> 24);
            if (k % 3 == 0 && i % 3 != 2)
                data[i] &= 0x7f; /* mostly ambiguous: days 1-12 */
        }
        CU_ASSERT_EQUAL_FATAL(prop_write(path, data, n), 0);
        if (prop_check(ct_test_geo, path) != 0)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    unlink(path);
}

/* ---- issue 13: cuts inside quoted line breaks, repaired per range ----- */

#define CUT_FAKE "fake,FK,2021-06-15,2021,Battles,706,Somalia,9\n"

/* Writes k events (k a multiple of 12), all of one length, the note
 * first: a quoted note of "x", a line break, `fakes` lines that are
 * well-formed events of June (CUT_FAKE) and "end". Every guess body +
 * (total - body) / n * i (n = 2, 3, 4) is then the start of an event,
 * whose first line break is inside its note. Event `bad` (-1: none) has
 * death count -5. Counts the events and deaths per month (2021) into ev
 * and de. */
static void cut_file(const char *path, long k, int fakes, long bad,
                     long ev[12], long de[12])
{
    FILE *f = fopen(path, "w");
    long j;
    int m;
    CU_ASSERT_FATAL(f != NULL);
    memset(ev, 0, 12 * sizeof *ev);
    memset(de, 0, 12 * sizeof *de);
    fputs("notes,event_id_cnty,event_date,year,event_type,iso,country,"
          "fatalities\n", f);
    for (j = 0; j < k; j++) {
        int month = 1 + (int)(j % 12), day = 1 + (int)((j / 12) % 28);
        int deaths = (int)(j % 13);
        if (j == k - 1)
            day = 31; /* the span ends on 2021-12-31: no partial month */
        fputs("\"x\n", f);
        for (m = 0; m < fakes; m++)
            fputs(CUT_FAKE, f);
        if (j == bad)
            fprintf(f, "end\",EV%06ld,2021-%02d-%02d,2021,Battles,706,"
                    "Somalia,-5\n", j, month, day);
        else {
            fprintf(f, "end\",EV%06ld,2021-%02d-%02d,2021,Battles,706,"
                    "Somalia,%02d\n", j, month, day, deaths);
            ev[month - 1]++;
            de[month - 1] += deaths;
        }
    }
    CU_ASSERT_FATAL(fclose(f) == 0);
}

/* 1 when, for n = 2, 3, 4, the first line break after every guessed cut
 * of the file at path is inside quotes (the premise of the tests). */
static int cuts_all_inside(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *b;
    unsigned char *inq;
    long total, body = -1, i;
    int q = 0, ok = 1;
    size_t n, c;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (total = ftell(f)) <= 0)
        return 0;
    rewind(f);
    b = malloc((size_t)total);
    inq = malloc((size_t)total);
    if (b == NULL || inq == NULL ||
        fread(b, 1, (size_t)total, f) != (size_t)total)
        abort();
    fclose(f);
    for (i = 0; i < total; i++) {
        if (b[i] == '"')
            q = !q;
        inq[i] = (unsigned char)q;
        if (body < 0 && b[i] == '\n')
            body = i + 1;
    }
    for (n = 2; n <= 4; n++)
        for (c = 1; c < n; c++) {
            long at = body + (total - body) / (long)n * (long)c;
            while (at < total && b[at] != '\n')
                at++;
            ok &= at < total && inq[at];
        }
    free(b);
    free(inq);
    return ok;
}

/* The expected series CSV of cut_file's counts. */
static void cut_want(char *want, size_t size, const long ev[12],
                     const long de[12])
{
    size_t at;
    int m;
    at = (size_t)snprintf(want, size, "period,events,deaths\n");
    for (m = 0; m < 12; m++)
        at += (size_t)snprintf(want + at, size - at, "2021-%02d,%ld,%ld\n",
                               m + 1, ev[m], de[m]);
}

/* Every guessed cut falls inside a quoted note. With one record-like line
 * in each note, the check before the read moves every cut to a true
 * record start; with ten, it is fooled and each range after the first is
 * read again from where the one before ended. Either way 1-4 threads
 * give the counts the writer made, on as many ranges as threads. */
static void test_parallel_cuts_inside_quotes(void)
{
    static const int FAKES[2] = {1, 10};
    const char *path = tmp_path();
    long ev[12], de[12], k = 1200;
    char want[1024];
    int v;
    size_t t;
    for (v = 0; v < 2; v++) {
        cut_file(path, k, FAKES[v], -1, ev, de);
        CU_ASSERT_FATAL(cuts_all_inside(path));
        cut_want(want, sizeof want, ev, de);
        for (t = 1; t <= 4; t++) {
            cuts_result r;
            cuts_run(ct_test_geo, path, t, 0, 0, &r);
            CU_ASSERT_EQUAL(r.rc, CT_OK);
            if (r.rc != CT_OK) {
                fprintf(stderr, "\n  %zu threads: %s\n", t, r.err.msg);
                continue;
            }
            CU_ASSERT_STRING_EQUAL(r.csv, want);
            CU_ASSERT_EQUAL(r.info.rows, k);
            CU_ASSERT_EQUAL(r.info.skipped, 0);
            CU_ASSERT_EQUAL(r.info.ranges, (int)t);
            CU_ASSERT_EQUAL(r.info.repaired_ranges,
                            FAKES[v] >= 8 ? (int)t - 1 : 0);
            free(r.csv);
        }
    }
    unlink(path);
}

/* A bad record in the last range, after ranges that were read again:
 * the error names its true line on 1-4 threads, and with skip_bad the
 * same record is the one skipped. */
static void test_parallel_cuts_error_line(void)
{
    const char *path = tmp_path();
    long ev[12], de[12], k = 1200, bad = 1200 * 7 / 8 + 3;
    long line = 2 + bad * 12; /* header, then 12 lines an event */
    char want[1024], where[64];
    size_t t;
    cut_file(path, k, 10, bad, ev, de);
    CU_ASSERT_FATAL(cuts_all_inside(path));
    cut_want(want, sizeof want, ev, de);
    snprintf(where, sizeof where, ":%ld: ", line);
    for (t = 1; t <= 4; t++) {
        cuts_result r, s;
        cuts_run(ct_test_geo, path, t, 0, 0, &r);
        CU_ASSERT_EQUAL(r.rc, CT_EPARSE);
        CU_ASSERT_EQUAL(r.err.line, line);
        cuts_run(ct_test_geo, path, t, 0, 1, &s);
        CU_ASSERT_EQUAL_FATAL(s.rc, CT_OK);
        CU_ASSERT_STRING_EQUAL(s.csv, want);
        CU_ASSERT_EQUAL(s.info.rows, k - 1);
        CU_ASSERT_EQUAL(s.info.skipped, 1);
        CU_ASSERT_PTR_NOT_NULL(strstr(s.info.first_skip, where));
        CU_ASSERT_EQUAL(s.info.ranges, (int)t);
        CU_ASSERT_EQUAL(s.info.repaired_ranges, (int)t - 1);
        if (t > 1) {
            cuts_result one;
            cuts_run(ct_test_geo, path, 1, 0, 0, &one);
            CU_ASSERT_STRING_EQUAL(r.err.msg, one.err.msg);
        }
        free(s.csv);
    }
    unlink(path);
}

/* The fuzz property (cuts_prop.h) on 200 seeded random files with random
 * quoted line breaks, record-like lines and thread counts. */
static void test_parallel_cuts_property(void)
{
    const char *path = tmp_path();
    uint8_t data[4 * 150];
    uint32_t x = 20261130;
    int k, bad = 0;
    size_t i, n;
    for (k = 0; k < 200; k++) {
        x = x * 1664525u + 1013904223u; /* Numerical Recipes LCG */
        n = 4 * (1 + (size_t)(x >> 8) % 150);
        for (i = 0; i < n; i++) {
            x = x * 1664525u + 1013904223u;
            data[i] = (uint8_t)(x >> 24);
        }
        CU_ASSERT_EQUAL_FATAL(cuts_write(path, data, n), 0);
        x = x * 1664525u + 1013904223u;
        if (cuts_check(ct_test_geo, path, 2 + (x >> 24) % 3) != 0)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    unlink(path);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("parallel", ct_test_geo_init, ct_test_geo_clean);
    if (s == NULL ||
        !CU_add_test(s, "two threads give one thread's series",
                     test_parallel_equals_serial) ||
        !CU_add_test(s, "a cut inside a quoted field is redone",
                     test_parallel_bad_guess) ||
        !CU_add_test(s, "first error and its line", test_parallel_error_line) ||
        !CU_add_test(s, "slash-date order proved late, 1/2/4 threads",
                     test_parallel_date_order_late) ||
        !CU_add_test(s, "slash-date order proved both ways, 1/4 threads",
                     test_parallel_date_order_both) ||
        !CU_add_test(s, "slash-date order property, 300 files",
                     test_parallel_date_order_property) ||
        !CU_add_test(s, "every cut inside a quoted line break, 1-4 threads",
                     test_parallel_cuts_inside_quotes) ||
        !CU_add_test(s, "an error after repaired ranges, 1-4 threads",
                     test_parallel_cuts_error_line) ||
        !CU_add_test(s, "cuts property, 200 files",
                     test_parallel_cuts_property))
        return -1;
    return 0;
}
