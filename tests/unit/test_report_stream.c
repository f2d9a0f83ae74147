/* SPDX-License-Identifier: MIT
 * test_report_stream.c - the streamed series writers (ct_report_series)
 * and the shared field writers:
 *  - ct_report_csv_field and ct_report_json_string against Python's csv
 *    and json modules (tests/reference/report/quoting.tsv, made by
 *    make_quoting.py beside it) and RFC 4180 / RFC 8259 examples;
 *  - the JSON of a series against Jansson's json_dumpf of the same
 *    object built as a tree (what `series --format json` wrote before it
 *    was streamed), on series with every shape: keys, measures, NA,
 *    fractions, negative and large numbers, partial rows, escapes;
 *  - CSV, TSV and Markdown of a small series written out by hand;
 *  - memory: in a child process, writing a 2-million-row series in each
 *    format raises the peak resident set (getrusage) by no more than a
 *    few megabytes, and every format's peak is within 2x of CSV's. No
 *    timing anywhere.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctrend/report.h"
#include "runner.h"

/* ------------------------------------------------------------ helpers --- */

static int unhex(const char *h, size_t len, char *out)
{
    size_t i;
    for (i = 0; i < len; i += 2) {
        unsigned v;
        if (sscanf(h + i, "%2x", &v) != 1)
            return -1;
        *out++ = (char)v;
    }
    *out = '\0';
    return 0;
}

typedef int (*field_fn)(FILE *, const char *);

static char *capture(field_fn fn, const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(fn(f, s), CT_OK);
    fclose(f);
    return buf;
}

static char *series_wide(const ct_series *s, ct_report_format fmt, int prec,
                         int wide)
{
    ct_report_series_options o = CT_REPORT_SERIES_OPTIONS_INIT;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    o.format = fmt;
    o.precision = prec;
    o.wide = wide;
    CU_ASSERT_EQUAL(ct_report_series(f, s, &o, NULL), CT_OK);
    fclose(f);
    return buf;
}

static char *series_text(const ct_series *s, ct_report_format fmt, int prec)
{
    return series_wide(s, fmt, prec, 0);
}

/* ------------------------------------------- fields against Python --- */

static void test_fields_python(void)
{
    const char *path = ct_test_path(ct_test_source_dir(),
                                    "tests/reference/report/quoting.tsv");
    FILE *f = fopen(path, "r");
    char line[4096], in[1024], csv[1024], js[1024];
    int n = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    while (fgets(line, sizeof line, f)) {
        char *t1, *t2, *nl;
        char *got;
        if (line[0] == '#')
            continue;
        if ((nl = strchr(line, '\n')) != NULL)
            *nl = '\0';
        t1 = strchr(line, '\t');
        CU_ASSERT_PTR_NOT_NULL_FATAL(t1);
        t2 = strchr(t1 + 1, '\t');
        CU_ASSERT_PTR_NOT_NULL_FATAL(t2);
        CU_ASSERT_EQUAL_FATAL(unhex(line, (size_t)(t1 - line), in), 0);
        CU_ASSERT_EQUAL_FATAL(unhex(t1 + 1, (size_t)(t2 - t1 - 1), csv), 0);
        CU_ASSERT_EQUAL_FATAL(unhex(t2 + 1, strlen(t2 + 1), js), 0);
        got = capture(ct_report_csv_field, in);
        if (strcmp(got, csv) != 0)
            fprintf(stderr, "\ncsv of line %d: got [%s] want [%s]\n", n + 2,
                    got, csv);
        CU_ASSERT_STRING_EQUAL(got, csv);
        free(got);
        got = capture(ct_report_json_string, in);
        if (strcmp(got, js) != 0)
            fprintf(stderr, "\njson of line %d: got [%s] want [%s]\n", n + 2,
                    got, js);
        CU_ASSERT_STRING_EQUAL(got, js);
        free(got);
        n++;
    }
    fclose(f);
    CU_ASSERT(n >= 39); /* every line of make_quoting.py's INPUTS */
}

#define CHECK(fn, in, want)                                                  \
    do {                                                                     \
        char *got_ = capture(fn, in);                                        \
        CU_ASSERT_STRING_EQUAL(got_, want);                                  \
        free(got_);                                                          \
    } while (0)

static void test_fields_rfc(void)
{
    /* RFC 4180 section 2, rules 5-7 */
    CHECK(ct_report_csv_field, "aaa", "aaa");
    CHECK(ct_report_csv_field, "b\r\nbb", "\"b\r\nbb\"");
    CHECK(ct_report_csv_field, "b\"bb", "\"b\"\"bb\"");
    CHECK(ct_report_csv_field, NULL, "");
    /* RFC 8259 section 7: quotation mark, reverse solidus and U+0000 to
     * U+001F must be escaped; the rest may be written as is */
    CHECK(ct_report_json_string, "\"\\/", "\"\\\"\\\\/\"");
    CHECK(ct_report_json_string, "\x01\x1f", "\"\\u0001\\u001F\"");
    CHECK(ct_report_json_string, "\xf0\x9d\x84\x9e", "\"\xf0\x9d\x84\x9e\"");
    CHECK(ct_report_json_string, NULL, "\"\"");
    /* TSV (IANA text/tab-separated-values): no tab or line break in a
     * field, and no quoting */
    CHECK(ct_report_tsv_field, "a\tb\r\nc", "a b  c");
    CHECK(ct_report_tsv_field, "say \"hi\", ok", "say \"hi\", ok");
}

/* ------------------------------------------------- series fixtures --- */

static const char *const NAMES[] = {
    "Afghanistan", "C\xc3\xb4te d'Ivoire", "a,b \"q\"", "tab\there",
    "line\nbreak", "back\\slash", "\x01" "ctl", "|pipe|"};

/* A series of n_periods x n_groups rows with n_keys keys and n_extra
 * extra measures; values cover NA, zero, negatives, fractions and large
 * numbers. */
static ct_series *fixture(size_t n_periods, size_t n_groups, size_t n_keys,
                          size_t n_extra, int by_month, int partial)
{
    ct_series *s = NULL;
    size_t n = n_periods * n_groups, i, j;
    static const double V[] = {0, 1, 7, -3, 0.5, 1.0 / 3, 1e15, 12345678901.0,
                               -0.25, 2.5e-7, 9.5e15, 123.456};

    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&s, n, n_keys, n_extra, NULL),
                          CT_OK);
    s->by_month = by_month;
    s->dataset = CT_DS_ACLED;
    s->measures[0] = CT_MEASURE_EVENTS;
    s->measures[1] = CT_MEASURE_DEATHS;
    s->measures[2] = CT_MEASURE_CONFLICTS;
    for (j = 0; j < n_keys; j++)
        s->keys[j] = j == 0 ? CT_KEY_COUNTRY : CT_KEY_EVENT_TYPE;
    if (partial)
        s->partial = calloc(n ? n : 1, 1);
    for (i = 0; i < n; i++) {
        size_t p = i / n_groups, g = i % n_groups;
        s->year[i] = by_month ? 1997 + (int)(p / 12) : 1989 + (int)p;
        s->month[i] = by_month ? (int)(p % 12) + 1 : 0;
        for (j = 0; j < n_keys; j++)
            s->key[i * n_keys + j] = ct_series_intern(
                s, NAMES[(g + 3 * j) % (sizeof NAMES / sizeof NAMES[0])]);
        s->value[i] = i % 5 == 4 ? (double)NAN : V[i % 12];
        for (j = 0; j < n_extra; j++)
            s->extra[j][i] = i % 7 == 6 ? (double)NAN : V[(i + j + 5) % 12];
        if (partial)
            s->partial[i] = i % 4 == 1;
    }
    return s;
}

/* The same object built as a Jansson tree and dumped as the series
 * command did before (JSON_INDENT(1) | JSON_PRESERVE_ORDER). */
static char *jansson_dump(const ct_series *s)
{
    json_t *root = json_object(), *rows = json_array(), *keys = json_array();
    size_t i, j;
    char period[16], *out;

    for (j = 0; j < s->n_keys; j++)
        json_array_append_new(keys, json_string(ct_series_key_name(s->keys[j])));
    json_object_set_new(root, "dataset",
                        json_string(ct_obs_dataset_name(s->dataset)));
    json_object_set_new(root, "measure",
                        json_string(ct_series_measure_name(s->measures[0])));
    json_object_set_new(root, "by", json_string(s->by_month ? "month" : "year"));
    json_object_set_new(root, "keys", keys);
    for (i = 0; i < s->n; i++) {
        json_t *r = json_object();
        if (s->by_month)
            snprintf(period, sizeof period, "%04d-%02d", s->year[i], s->month[i]);
        else
            snprintf(period, sizeof period, "%04d", s->year[i]);
        json_object_set_new(r, "period", json_string(period));
        for (j = 0; j < s->n_keys; j++)
            json_object_set_new(r, ct_series_key_name(s->keys[j]),
                                json_string(s->key[i * s->n_keys + j]));
        for (j = 0; j <= s->n_extra; j++) {
            double v = j == 0 ? s->value[i] : s->extra[j - 1][i];
            const char *name = s->n_extra == 0
                                   ? "value"
                                   : ct_series_measure_name(s->measures[j]);
            if (isnan(v))
                json_object_set_new(r, name, json_null());
            else if (v == floor(v) && fabs(v) < 9e15)
                json_object_set_new(r, name, json_integer((json_int_t)v));
            else
                json_object_set_new(r, name, json_real(v));
        }
        if (s->partial && s->partial[i])
            json_object_set_new(r, "partial", json_true());
        json_array_append_new(rows, r);
    }
    json_object_set_new(root, "rows", rows);
    out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    return out;
}

static void test_json_jansson(void)
{
    size_t k, e, m, p;

    for (k = 0; k <= 2; k++)
        for (e = 0; e <= 2; e++)
            for (m = 0; m <= 1; m++)
                for (p = 0; p <= 1; p++) {
                    size_t periods = (k + e + m + p) % 3 == 0 ? 0 : 9;
                    ct_series *s = fixture(periods, 1 + 3 * k, k, e, (int)m,
                                           (int)p);
                    char *want = jansson_dump(s), *got;
                    size_t len;
                    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
                    got = series_text(s, CT_REPORT_FORMAT_JSON, 0);
                    len = strlen(want); /* json_dumps ends without "\n" */
                    CU_ASSERT_EQUAL(strlen(got), len + 1);
                    CU_ASSERT(strncmp(got, want, len) == 0);
                    CU_ASSERT_EQUAL(got[len], '\n');
                    if (strncmp(got, want, len) != 0)
                        fprintf(stderr, "\nkeys %zu extra %zu month %zu "
                                "partial %zu differ from Jansson\n", k, e, m, p);
                    free(want);
                    free(got);
                    ct_series_free(s);
                }
}

/* ----------------------------------------- CSV, TSV, Markdown by hand --- */

static ct_series *small(void)
{
    ct_series *s = NULL;

    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&s, 2, 1, 1, NULL), CT_OK);
    s->by_month = 1;
    s->measures[0] = CT_MEASURE_EVENTS;
    s->measures[1] = CT_MEASURE_DEATHS;
    s->keys[0] = CT_KEY_COUNTRY;
    s->partial = calloc(2, 1);
    s->partial[1] = 1;
    s->year[0] = s->year[1] = 2020;
    s->month[0] = 1;
    s->month[1] = 12;
    s->key[0] = "A|b, \"c\"";
    s->key[1] = " x\ty ";
    s->value[0] = 3;
    s->value[1] = 2.0 / 3;
    s->extra[0][0] = (double)NAN;
    s->extra[0][1] = -1e15;
    return s;
}

static void test_delim_markdown(void)
{
    ct_series *s = small();
    char *got;

    got = series_text(s, CT_REPORT_FORMAT_CSV, 0);
    CU_ASSERT_STRING_EQUAL(got,
        "period,country,events,deaths,partial\n"
        "2020-01,\"A|b, \"\"c\"\"\",3,NA,0\n"
        "2020-12,\" x\ty \",0.666666666666667,-1e+15,1\n");
    free(got);
    got = series_text(s, CT_REPORT_FORMAT_CSV, 3);
    CU_ASSERT_STRING_EQUAL(got,
        "period,country,events,deaths,partial\n"
        "2020-01,\"A|b, \"\"c\"\"\",3,NA,0\n"
        "2020-12,\" x\ty \",0.667,-1e+15,1\n");
    free(got);
    got = series_text(s, CT_REPORT_FORMAT_TSV, 0);
    CU_ASSERT_STRING_EQUAL(got,
        "period\tcountry\tevents\tdeaths\tpartial\n"
        "2020-01\tA|b, \"c\"\t3\tNA\t0\n"
        "2020-12\t x y \t0.666666666666667\t-1e+15\t1\n");
    free(got);
    got = series_text(s, CT_REPORT_FORMAT_MARKDOWN, 4);
    CU_ASSERT_STRING_EQUAL(got,
        "| period | country | events | deaths | partial |\n"
        "|---|---|---:|---:|---|\n"
        "| 2020-01 | A\\|b, \"c\" | 3 | NA | no |\n"
        "| 2020-12 |  x y  | 0.6667 | -1e+15 | yes |\n");
    free(got);
    got = series_text(s, CT_REPORT_FORMAT_JSON, 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"events\": 0.6667,\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"deaths\": -1000000000000000,\n"));
    free(got);
    CU_ASSERT_EQUAL(ct_report_series(stdout, s,
                                     &(ct_report_series_options){
                                         .precision = 18},
                                     NULL), CT_EUSAGE);
    ct_series_free(s);
}

static void test_wide(void)
{
    ct_series *s = NULL;
    static const char *const G[] = {"A", "B, c"};
    size_t i;
    char *got;

    /* 2 periods x 2 groups, two measures, one partial cell */
    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&s, 4, 1, 1, NULL), CT_OK);
    s->keys[0] = CT_KEY_COUNTRY;
    s->measures[0] = CT_MEASURE_EVENTS;
    s->measures[1] = CT_MEASURE_DEATHS;
    s->partial = calloc(4, 1);
    for (i = 0; i < 4; i++) {
        s->year[i] = 2000 + (int)(i / 2);
        s->key[i] = G[i % 2];
        s->value[i] = (double)i;
        s->extra[0][i] = i == 1 ? (double)NAN : 10.0 * (double)i;
    }
    s->partial[3] = 1;
    got = series_wide(s, CT_REPORT_FORMAT_CSV, 0, 1);
    CU_ASSERT_STRING_EQUAL(got,
        "period,events_A,deaths_A,partial_A,\"events_B, c\",\"deaths_B, c\","
        "\"partial_B, c\"\n"
        "2000,0,0,0,1,NA,0\n"
        "2001,2,20,0,3,30,1\n");
    free(got);
    got = series_wide(s, CT_REPORT_FORMAT_MARKDOWN, 0, 1);
    CU_ASSERT_STRING_EQUAL(got,
        "| period | events\\_A | deaths\\_A | partial\\_A | events\\_B, c "
        "| deaths\\_B, c | partial\\_B, c |\n"
        "|---|---:|---:|---|---:|---:|---|\n"
        "| 2000 | 0 | 0 | no | 1 | NA | no |\n"
        "| 2001 | 2 | 20 | no | 3 | 30 | yes |\n");
    free(got);
    got = series_wide(s, CT_REPORT_FORMAT_JSON, 0, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(got,
        " \"layout\": \"wide\",\n \"columns\": [\n  \"period\",\n"
        "  \"events_A\",\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(got,
        "  {\n   \"period\": \"2001\",\n   \"events_A\": 2,\n"
        "   \"deaths_A\": 20,\n   \"partial_A\": false,\n"
        "   \"events_B, c\": 3,\n   \"deaths_B, c\": 30,\n"
        "   \"partial_B, c\": true\n  }\n ]\n}\n"));
    free(got);
    /* not a grid: a group missing from the second period */
    s->key[3] = "C";
    CU_ASSERT_EQUAL(ct_report_series(stdout, s,
                                     &(ct_report_series_options){.wide = 1},
                                     NULL), CT_EDOMAIN);
    ct_series_free(s);
}

/* ------------------------------------------------------------ memory --- */

#define BIG_PERIODS 2000
#define BIG_GROUPS 1000 /* 2,000,000 rows */

/* In a child: builds the big series, then writes it to /dev/null in fmt;
 * kb[0] the peak resident set after building, kb[1] after writing. */
static int peak_kb(ct_report_format fmt, int wide, long kb[2])
{
    int fd[2], status;
    pid_t pid;

    if (pipe(fd) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        struct rusage ru;
        long r[2] = {-1, -1};
        ct_series *s = NULL;
        char name[32];
        const char *kc[BIG_GROUPS / 10], *kt[10];
        size_t i, n = (size_t)BIG_PERIODS * BIG_GROUPS;
        FILE *out;

        close(fd[0]);
        if (ct_series_alloc(&s, n, 2, 1, NULL) == CT_OK) {
            s->by_month = 1;
            s->keys[0] = CT_KEY_COUNTRY;
            s->keys[1] = CT_KEY_EVENT_TYPE;
            s->measures[0] = CT_MEASURE_EVENTS;
            s->measures[1] = CT_MEASURE_DEATHS;
            s->partial = calloc(n, 1);
            for (i = 0; i < BIG_GROUPS / 10; i++) {
                snprintf(name, sizeof name, "country %zu", i);
                kc[i] = ct_series_intern(s, name);
            }
            for (i = 0; i < 10; i++) {
                snprintf(name, sizeof name, "type \"%zu\"", i);
                kt[i] = ct_series_intern(s, name);
            }
            for (i = 0; i < n; i++) {
                size_t p = i / BIG_GROUPS, g = i % BIG_GROUPS;
                s->year[i] = 1900 + (int)(p / 12);
                s->month[i] = (int)(p % 12) + 1;
                s->key[2 * i] = kc[g / 10];
                s->key[2 * i + 1] = kt[g % 10];
                s->value[i] = i % 9 == 0 ? (double)NAN : (double)(i % 1000);
                s->extra[0][i] = i % 3 ? (double)(i % 77) : 0.5 * (double)i;
                if (s->partial)
                    s->partial[i] = i % 100 == 0;
            }
            getrusage(RUSAGE_SELF, &ru);
            r[0] = ru.ru_maxrss;
            out = fopen("/dev/null", "w");
            if (out && ct_report_series(out, s,
                                        &(ct_report_series_options){
                                            .format = fmt, .wide = wide},
                                        NULL) == CT_OK &&
                fclose(out) == 0) {
                getrusage(RUSAGE_SELF, &ru);
                r[1] = ru.ru_maxrss;
            }
            ct_series_free(s);
        }
        if (write(fd[1], r, sizeof r) != (ssize_t)sizeof r)
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    if (read(fd[0], kb, 2 * sizeof *kb) != (ssize_t)(2 * sizeof *kb))
        kb[0] = kb[1] = -1;
    close(fd[0]);
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 && kb[1] > 0 ? 0 : -1;
}

static void test_memory(void)
{
    static const ct_report_format F[] = {
        CT_REPORT_FORMAT_CSV, CT_REPORT_FORMAT_TSV, CT_REPORT_FORMAT_JSON,
        CT_REPORT_FORMAT_MARKDOWN, CT_REPORT_FORMAT_JSON,
        CT_REPORT_FORMAT_MARKDOWN};
    static const char *const NAME[] = {"csv", "tsv", "json", "markdown",
                                       "json wide", "markdown wide"};
    long kb[6][2];
    size_t k;

    for (k = 0; k < 6; k++) {
        CU_ASSERT_EQUAL_FATAL(peak_kb(F[k], k >= 4, kb[k]), 0);
        fprintf(stderr, "\n  %s: %ld KB after building, %ld KB after "
                "writing 2,000,000 rows", NAME[k], kb[k][0], kb[k][1]);
        /* the series alone holds 2e6 x (2 ints, 2 key pointers, 2 doubles,
         * a flag) = about 80 MB; a tree would add about 1.3 GB */
        CU_ASSERT(kb[k][1] - kb[k][0] < 16 * 1024);
        CU_ASSERT(kb[k][1] <= 2 * kb[0][1]);
    }
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("report_stream", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "fields against Python csv/json", test_fields_python) ||
        !CU_add_test(s, "fields: RFC 4180 and 8259 examples", test_fields_rfc) ||
        !CU_add_test(s, "series JSON equals Jansson's tree", test_json_jansson) ||
        !CU_add_test(s, "series CSV, TSV, Markdown", test_delim_markdown) ||
        !CU_add_test(s, "series wide", test_wide) ||
        !CU_add_test(s, "memory of every format", test_memory))
        return -1;
    return 0;
}
