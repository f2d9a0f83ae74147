/* SPDX-License-Identifier: MIT
 * test_series_csv.c - the series-CSV reader (ct_series_read_csv and
 * ct_series_read_csv_path, through the libcsv adapter): key values that
 * need RFC 4180 quoting written by ct_report_series and read back exactly,
 * and the reader's limits and line numbers. The expected CSV text, lines
 * and messages are spelled out by hand from RFC 4180 and series.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/report.h"
#include "ctrend/series.h"
#include "runner.h"

/* Keys that a splitter at commas and line ends gets wrong: a comma, a
 * doubled quote and a line break; blanks at both ends (a tab last) and
 * non-ASCII text; a CRLF inside the field. */
static const char *const KEY[3] = {"Congo, \"DR\"\nKinshasa",
                                   " C\xC3\xB4te d\xE2\x80\x99Ivoire\t",
                                   "a\r\nb"};
/* The second key: empty, or the text NA (a string, not a missing value). */
static const char *const KEY2[2] = {"", "NA"};

/* Six rows, years 2000 and 2001 of the three groups; row 4 has no value. */
static ct_series *quoted_series(void)
{
    ct_series *s = NULL;
    size_t i;

    CU_ASSERT_EQUAL_FATAL(ct_series_alloc(&s, 6, 2, 0, NULL), CT_OK);
    s->keys[0] = CT_KEY_COUNTRY;
    s->keys[1] = CT_KEY_EVENT_TYPE;
    for (i = 0; i < 6; i++) {
        s->year[i] = 2000 + (int)(i / 3);
        s->value[i] = i == 4 ? (double)NAN : 0.5 * (double)i + 0.25;
        s->key[2 * i] = ct_series_intern(s, KEY[i % 3]);
        s->key[2 * i + 1] = ct_series_intern(s, KEY2[i % 3 != 0]);
    }
    return s;
}

/* RFC 4180: a field with a comma, quote, CR or LF, or (for libcsv, which
 * drops them) blanks at an end, in quotes with quotes doubled. */
static const char QUOTED_CSV[] =
    "period,country,event_type,value\n"
    "2000,\"Congo, \"\"DR\"\"\nKinshasa\",,0.25\n"
    "2000,\" C\xC3\xB4te d\xE2\x80\x99Ivoire\t\",NA,0.75\n"
    "2000,\"a\r\nb\",NA,1.25\n"
    "2001,\"Congo, \"\"DR\"\"\nKinshasa\",,1.75\n"
    "2001,\" C\xC3\xB4te d\xE2\x80\x99Ivoire\t\",NA,NA\n"
    "2001,\"a\r\nb\",NA,2.75\n";

static void check_same(const ct_series *s, const ct_series *r)
{
    size_t i, j;

    CU_ASSERT_EQUAL_FATAL(r->n, 6);
    CU_ASSERT_EQUAL_FATAL(r->n_keys, 2);
    CU_ASSERT_STRING_EQUAL(ct_series_key_label(r, 0), "country");
    CU_ASSERT_STRING_EQUAL(ct_series_key_label(r, 1), "event_type");
    for (i = 0; i < 6; i++) {
        CU_ASSERT_EQUAL(r->year[i], s->year[i]);
        CU_ASSERT_EQUAL(r->month[i], 0);
        if (isnan(s->value[i])) {
            CU_ASSERT(isnan(r->value[i]));
        } else {
            CU_ASSERT_EQUAL(r->value[i], s->value[i]); /* exact */
        }
        for (j = 0; j < 2; j++)
            CU_ASSERT_STRING_EQUAL(r->key[2 * i + j], s->key[2 * i + j]);
    }
}

static void test_quoted_keys_round_trip(void)
{
    ct_series *s = quoted_series(), *r = NULL;
    char buf[1024], path[4096];
    const char *dir = getenv("TMPDIR");
    ct_error err;
    size_t n;
    FILE *f = tmpfile();
    int fd;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL_FATAL(ct_report_series(f, s, NULL, &err), CT_OK);
    rewind(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    CU_ASSERT_STRING_EQUAL(buf, QUOTED_CSV);
    /* by stream */
    rewind(f);
    CU_ASSERT_EQUAL_FATAL(ct_series_read_csv(&r, f, "q.csv", NULL, NULL),
                          CT_OK);
    check_same(s, r);
    ct_series_free(r);
    fclose(f);
    /* by path, the CLI's way */
    snprintf(path, sizeof path, "%s/ct-series-csv.XXXXXX",
             dir && *dir ? dir : "/tmp");
    fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, QUOTED_CSV, sizeof QUOTED_CSV - 1),
                    (ssize_t)(sizeof QUOTED_CSV - 1));
    close(fd);
    r = NULL;
    CU_ASSERT_EQUAL(ct_series_read_csv_path(&r, path, NULL, NULL, &err),
                    CT_OK);
    if (r != NULL)
        check_same(s, r);
    ct_series_free(r);
    unlink(path);
    CU_ASSERT_EQUAL(ct_series_read_csv_path(&r, path, NULL, NULL, &err),
                    CT_EIO);
    CU_ASSERT_PTR_NULL(r);
    ct_series_free(s);
}

/* Reads text (n bytes) as a stream; returns the code, err filled. */
static int read_text(const char *text, size_t n, ct_error *err)
{
    ct_series *s = NULL;
    FILE *f = tmpfile();
    int rc;

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    if (n > 0) {
        CU_ASSERT_EQUAL_FATAL(fwrite(text, 1, n, f), n);
    }
    rewind(f);
    ct_error_clear(err);
    rc = ct_series_read_csv(&s, f, "t.csv", NULL, err);
    fclose(f);
    if (rc != CT_OK) {
        CU_ASSERT_PTR_NULL(s);
    }
    ct_series_free(s);
    return rc;
}

static void expect(const char *text, size_t n, int code, long line,
                   const char *msg)
{
    ct_error err;

    CU_ASSERT_EQUAL(read_text(text, n, &err), code);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
}

#define EXPECT(text, code, line, msg)                                      \
    expect(text, sizeof text - 1, code, line, msg)

/* Messages name the physical line where the bad record starts, with
 * records that span lines before it. */
static void test_lines_after_multiline_records(void)
{
    EXPECT("period,k,value\n2000,\"a\nb\",1\n\n2001,\"a\nb\",x\n",
           CT_EPARSE, 5, "field 3 'value': expected a number, got 'x'");
    EXPECT("period,k,value\n1990,\"a\n\",1\n1990,\"a\n\",2\n", CT_EPARSE,
           4, "period 1990 repeats for group 'k=a\n' (after 1990 on line 2)");
    EXPECT("period,k,value\n2000,\"a\nb\n", CT_EPARSE, 2,
           "unterminated quoted field (record starts here)");
}

/* The header: comma-separated only (a ';' or tab file is not read as a
 * series), on line 1, at most CT_SERIES_CSV_MAX_COLS columns. */
static void test_header(void)
{
    char cols[512];
    int i, k;

    EXPECT("", CT_EPARSE, 0, "empty input: expected a `ctrend series` header");
    EXPECT("\xEF\xBB\xBF", CT_EPARSE, 1,
           "expected a `ctrend series` header 'period,[keys,]value', got ''");
    EXPECT("\nperiod,value\n2000,1\n", CT_EPARSE, 1,
           "expected a `ctrend series` header 'period,[keys,]value', got ''");
    EXPECT("period;value\r\n2000;1\r\n", CT_EPARSE, 1,
           "expected a `ctrend series` header 'period,[keys,]value', got "
           "'period;value'");
    EXPECT("period\tvalue\n2000\t1\n", CT_EPARSE, 1,
           "expected a `ctrend series` header 'period,[keys,]value', got "
           "'period\tvalue'");
    k = snprintf(cols, sizeof cols, "period");
    for (i = 0; i < CT_SERIES_CSV_MAX_COLS; i++)
        k += snprintf(cols + k, sizeof cols - (size_t)k, ",c%d", i);
    snprintf(cols + k, sizeof cols - (size_t)k, "\n");
    expect(cols, strlen(cols), CT_ELIMIT, 1,
           "33 columns in the header: more than 32 (the limit)");
}

/* A physical line over CT_SERIES_CSV_MAX_LINE bytes is refused at its
 * line, with LF, CRLF and old Mac (CR) line ends, before anything after
 * it and after anything before it. */
static void test_line_limit(void)
{
    static const char *const END[3] = {"\n", "\r\n", "\r"};
    const size_t big = CT_SERIES_CSV_MAX_LINE + 1;
    char *text = malloc(big + 256);
    ct_error err;
    int e;

    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (e = 0; e < 3; e++) {
        const char *nl = END[e];
        size_t n = 0, p, cut;
        n += (size_t)sprintf(text + n, "period,k,value%s2000,a,1%s2001,",
                             nl, nl);
        memset(text + n, 'x', big - 7); /* "2001," + x... + ",2" */
        n += big - 7;
        n += (size_t)sprintf(text + n, ",2%s2002,a,3%s", nl, nl);
        CU_ASSERT_EQUAL(read_text(text, n, &err), CT_ELIMIT);
        CU_ASSERT_EQUAL(err.line, 3);
        CU_ASSERT_STRING_EQUAL(err.msg,
                               "line longer than 1048576 bytes (the limit)");
        /* at the limit it is read (one group of 2 rows, one of 1); the
         * CR of a CRLF counts, as it did in the line reader before */
        cut = e == 1 ? 2 : 1;
        p = 27 + 2 * strlen(nl); /* the first x */
        memmove(text + p, text + p + cut, n - p - cut);
        CU_ASSERT_EQUAL(read_text(text, n - cut, &err), CT_OK);
        /* an error on an earlier line comes first */
        memcpy(text + 14 + strlen(nl), "20x0", 4);
        memmove(text + p + 1, text + p, n - cut - p); /* one x more */
        CU_ASSERT_EQUAL(read_text(text, n - cut + 1, &err), CT_EPARSE);
        CU_ASSERT_EQUAL(err.line, 2);
    }
    free(text);
}

/* A NUL byte: a binary file, at its line. */
static void test_nul(void)
{
    EXPECT("period,value\n2000,1\n2001,\0\n", CT_EPARSE, 3,
           "NUL byte in the data: this is a binary file, not CSV");
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("series_csv", NULL, NULL);
    if (s == NULL ||
        !CU_add_test(s, "quoted keys round trip",
                     test_quoted_keys_round_trip) ||
        !CU_add_test(s, "lines after multi-line records",
                     test_lines_after_multiline_records) ||
        !CU_add_test(s, "header", test_header) ||
        !CU_add_test(s, "line limit", test_line_limit) ||
        !CU_add_test(s, "nul", test_nul))
        return -1;
    return 0;
}
