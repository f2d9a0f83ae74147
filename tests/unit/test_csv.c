/* SPDX-License-Identifier: MIT
 * test_csv.c - the CSV reader (src/load/csv_reader.h): BOM, CRLF, quoted
 * line breaks and the physical line where each record starts, delimiter
 * detection, Windows-1252 transcoding, and every error it reports, each
 * on a fixture of tests/data/ (written by tests/data/make_fixtures.py).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "load/csv_reader.h"
#include "runner.h"

static char fixture_buf[4096];

static const char *fixture(const char *name)
{
    snprintf(fixture_buf, sizeof fixture_buf, "%s/tests/data/%s",
             ct_test_source_dir(), name);
    return fixture_buf;
}

/* Opens a fixture under a short display name so that messages do not
 * depend on where the tree lives. */
static ct_csv *open_fixture(const char *name)
{
    ct_csv *c = NULL;
    ct_error err;
    int rc = ct_csv_open(&c, fixture(name), name, &err);
    CU_ASSERT_EQUAL_FATAL(rc, CT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    return c;
}

/* Reads one record and checks its line and fields ("|"-joined). */
static void expect_record(ct_csv *c, long line, const char *joined)
{
    ct_csv_record rec;
    ct_error err;
    char buf[512] = "";
    size_t i, n = 0;
    int rc = ct_csv_next(c, &rec, &err);

    CU_ASSERT_EQUAL_FATAL(rc, 1);
    CU_ASSERT_EQUAL(rec.line, line);
    for (i = 0; i < rec.n; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s",
                              i ? "|" : "", rec.field[i]);
        CU_ASSERT_EQUAL(strlen(rec.field[i]), rec.len[i]);
    }
    CU_ASSERT_STRING_EQUAL(buf, joined);
    if (strcmp(buf, joined) != 0 || rec.line != line)
        fprintf(stderr, "\n  line %ld: got '%s', want line %ld '%s'\n",
                rec.line, buf, line, joined);
}

static void expect_eof(ct_csv *c)
{
    ct_csv_record rec;
    ct_error err;
    CU_ASSERT_EQUAL(ct_csv_next(c, &rec, &err), 0);
}

static void expect_error(ct_csv *c, int code, long line, const char *msg)
{
    ct_csv_record rec;
    ct_error err;
    int rc;

    ct_error_clear(&err);
    rc = ct_csv_next(c, &rec, &err);
    CU_ASSERT_EQUAL(rc, code);
    CU_ASSERT_EQUAL(err.code, code);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_STRING_EQUAL(err.msg, msg);
    if (strcmp(err.msg, msg) != 0 || err.line != line)
        fprintf(stderr, "\n  got %ld '%s', want %ld '%s'\n", err.line,
                err.msg, line, msg);
}

static void test_csv_bom_stripped(void)
{
    ct_csv *c = open_fixture("csv_bom.csv");
    expect_record(c, 1, "name|value"); /* no EF BB BF before 'name' */
    expect_record(c, 2, "alpha|1");
    expect_eof(c);
    CU_ASSERT_EQUAL(ct_csv_delimiter(c), ',');
    ct_csv_close(c);
}

static void test_csv_crlf(void)
{
    ct_csv *c = open_fixture("csv_crlf.csv");
    expect_record(c, 1, "a|b|c");
    expect_record(c, 2, "1|2|3"); /* no trailing '\r' in '3' */
    expect_record(c, 3, "4|5|6");
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_quoted_line_breaks(void)
{
    ct_csv *c = open_fixture("csv_multiline.csv");
    expect_record(c, 1, "id|text");
    expect_record(c, 2, "1|one\ntwo\nthree"); /* spans lines 2-4 */
    expect_record(c, 5, "2|say \"hi\"");      /* doubled quotes */
    expect_record(c, 7, "3|x");               /* blank line 6 skipped */
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_crlf_records_bare_lf_inside(void)
{
    ct_csv *c = open_fixture("csv_crlf_lf.csv");
    expect_record(c, 1, "id|text");
    expect_record(c, 2, "1|a\nb");
    expect_record(c, 4, "2|c");
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_semicolon(void)
{
    ct_csv *c = open_fixture("csv_semicolon.csv");
    expect_record(c, 1, "a|b|c");
    CU_ASSERT_EQUAL(ct_csv_delimiter(c), ';');
    expect_record(c, 2, "1|2,5|x;y");
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_tab(void)
{
    ct_csv *c = open_fixture("csv_tab.tsv");
    expect_record(c, 1, "a|b");
    CU_ASSERT_EQUAL(ct_csv_delimiter(c), '\t');
    expect_record(c, 2, "1|2");
    ct_csv_close(c);
}

static void test_csv_cp1252_transcoded(void)
{
    ct_csv *c = open_fixture("csv_cp1252.csv");
    expect_record(c, 1, "name|note");
    CU_ASSERT_EQUAL(ct_csv_transcoded(c), 0);
    /* 0xE9 -> U+00E9 (C3 A9); 0x80 -> U+20AC euro (E2 82 AC) */
    expect_record(c, 2, "Caf\xc3\xa9|\xe2\x82\xac 5");
    CU_ASSERT_EQUAL(ct_csv_transcoded(c), 2);
    /* valid UTF-8 is left alone (not transcoded twice) */
    expect_record(c, 3, "Caf\xc3\xa9|ok");
    CU_ASSERT_EQUAL(ct_csv_transcoded(c), 2);
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_cp1252_function(void)
{
    char out[64];
    /* 0x92 is the right single quote U+2019 (E2 80 99) */
    CU_ASSERT_EQUAL(ct_cp1252_to_utf8(out, "d\x92I", 3), 5);
    CU_ASSERT_STRING_EQUAL(out, "d\xe2\x80\x99I");
    CU_ASSERT_EQUAL(ct_cp1252_to_utf8(out, "\xf4", 1), 2);
    CU_ASSERT_STRING_EQUAL(out, "\xc3\xb4");
    /* 0x81 is undefined in Windows-1252 */
    CU_ASSERT_EQUAL(ct_cp1252_to_utf8(out, "a\x81", 2), -1);
}

static void test_csv_utf8_valid(void)
{
    CU_ASSERT_EQUAL(ct_utf8_valid("abc", 3), 1);
    CU_ASSERT_EQUAL(ct_utf8_valid("\xe2\x82\xac", 3), 1);
    CU_ASSERT_EQUAL(ct_utf8_valid("\xf0\x9f\x98\x80", 4), 1);
    CU_ASSERT_EQUAL(ct_utf8_valid("\xe9", 1), 0);          /* Latin-1 */
    CU_ASSERT_EQUAL(ct_utf8_valid("\xc0\xaf", 2), 0);      /* overlong */
    CU_ASSERT_EQUAL(ct_utf8_valid("\xed\xa0\x80", 3), 0);  /* surrogate */
    CU_ASSERT_EQUAL(ct_utf8_valid("\xe2\x82", 2), 0);      /* truncated */
}

/* A NUL in the first block (1 MiB) marks a binary file: the first read
 * fails, naming the line of the NUL. */
static void test_csv_nul_byte(void)
{
    ct_csv *c = open_fixture("csv_nul.csv");
    expect_error(c, CT_EPARSE, 3,
                 "NUL byte in the data: this is a binary file, not CSV");
    ct_csv_close(c);
}

/* Past the first block, the record holding the NUL fails at its line. */
static void test_csv_nul_byte_late(void)
{
    char path[] = "/tmp/ct_nul_XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    ct_csv *c;
    ct_error err;
    long i;
    CU_ASSERT_FATAL(fd >= 0);
    f = fdopen(fd, "w");
    fputs("a,b\n", f);
    for (i = 0; i < 400000; i++)
        fputs("1,2\n", f);
    fwrite("3,x\0y\n", 1, 6, f); /* line 400002, past 1 MiB */
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(ct_csv_open(&c, path, "late.csv", &err), CT_OK);
    for (i = 0; i <= 400001; i++) {
        ct_csv_record rec;
        int rc = ct_csv_next(c, &rec, &err);
        if (rc != 1) {
            CU_ASSERT_EQUAL(rc, CT_EPARSE);
            CU_ASSERT_EQUAL(err.line, 400002);
            CU_ASSERT_STRING_EQUAL(err.msg, "NUL byte in the data: this is "
                                            "a binary file, not CSV");
            break;
        }
    }
    CU_ASSERT_EQUAL(i, 400001); /* the header and 400000 records read */
    ct_csv_close(c);
    unlink(path);
}

static void test_csv_unterminated_quote(void)
{
    ct_csv *c = open_fixture("csv_unterminated.csv");
    expect_record(c, 1, "a|b");
    expect_record(c, 2, "1|2");
    expect_record(c, 3, "3|4");
    /* the quote opens on line 4 and runs to the end of the file */
    expect_error(c, CT_EPARSE, 4,
                 "unterminated quoted field (record starts here)");
    ct_csv_close(c);
}

static void test_csv_bad_quote_then_continue(void)
{
    ct_csv *c = open_fixture("csv_badquote.csv");
    ct_csv_record rec;
    ct_error err;

    expect_record(c, 1, "a|b");
    CU_ASSERT_EQUAL(ct_csv_next(c, &rec, &err), CT_EPARSE);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "malformed quoting"));
    /* the reader resumes at the next record (--skip-bad) */
    expect_record(c, 3, "2|3");
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_bare_cr(void)
{
    ct_csv *c = open_fixture("csv_bare_cr.csv");
    expect_record(c, 1, "a|b");
    expect_error(c, CT_EPARSE, 2,
                 "carriage return inside an unquoted field");
    expect_record(c, 3, "2|3");
    ct_csv_close(c);
}

static void test_csv_empty_file(void)
{
    ct_csv *c = open_fixture("csv_empty.csv");
    expect_eof(c);
    ct_csv_close(c);
}

static void test_csv_gzip(void)
{
    ct_csv *c = open_fixture("csv_gzip.csv.gz");
    expect_error(c, CT_EPARSE, 1,
                 "gzip-compressed data, not CSV: decompress it first "
                 "(gunzip)");
    ct_csv_close(c);
}

static void test_csv_missing_file(void)
{
    ct_csv *c = (ct_csv *)&c; /* must be set to NULL */
    ct_error err;
    int rc = ct_csv_open(&c, "no/such/file.csv", NULL, &err);
    CU_ASSERT_EQUAL(rc, CT_EIO);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_STRING_EQUAL(err.msg, "cannot open 'no/such/file.csv': "
                                    "No such file or directory");
    CU_ASSERT_EQUAL(err.line, 0);
}

static void test_csv_directory(void)
{
    ct_csv *c = NULL;
    ct_error err;
    char dir[4096];
    int rc;

    snprintf(dir, sizeof dir, "%s/tests/data", ct_test_source_dir());
    rc = ct_csv_open(&c, dir, "tests/data", &err);
    CU_ASSERT_EQUAL(rc, CT_EIO);
    CU_ASSERT_PTR_NULL(c);
    CU_ASSERT_STRING_EQUAL(err.msg, "cannot read 'tests/data': Is a "
                                    "directory");
}

/* Writes data to a fresh temporary file; returns its path (static). */
static const char *temp_file(const char *data, size_t n)
{
    static char path[64];
    int fd;
    snprintf(path, sizeof path, "/tmp/ct_test_csv_XXXXXX");
    fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_FATAL(write(fd, data, n) == (ssize_t)n);
    close(fd);
    return path;
}

/* Records that straddle the reader's 1 MiB blocks keep their contents and
 * their line numbers (the reader refills its buffer mid-record). */
static void test_csv_block_boundaries(void)
{
    size_t cap = 3u << 20, n = 0;
    char *data = malloc(cap);
    const char *path;
    ct_csv *c = NULL;
    ct_error err;
    ct_csv_record rec;
    long i, line = 1, bad = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    n += (size_t)sprintf(data + n, "id,text\n");
    for (i = 0; i < 40000; i++) {
        if (i % 997 == 0)
            n += (size_t)sprintf(data + n, "%ld,\"first %ld\nsecond\"\n", i,
                                 i);
        else
            n += (size_t)sprintf(data + n,
                                 "%ld,padding padding padding padding\n", i);
    }
    path = temp_file(data, n);
    CU_ASSERT_EQUAL_FATAL(ct_csv_open(&c, path, "big.csv", &err), CT_OK);
    CU_ASSERT_EQUAL_FATAL(ct_csv_next(c, &rec, &err), 1);
    line = 2;
    for (i = 0; i < 40000; i++) {
        char want[64];
        if (ct_csv_next(c, &rec, &err) != 1) {
            bad++;
            break;
        }
        if (i % 997 == 0)
            snprintf(want, sizeof want, "first %ld\nsecond", i);
        else
            snprintf(want, sizeof want, "padding padding padding padding");
        if (rec.line != line || rec.n != 2 || atol(rec.field[0]) != i ||
            strcmp(rec.field[1], want) != 0) {
            if (bad++ == 0)
                fprintf(stderr, "\n  record %ld: line %ld (want %ld)\n", i,
                        rec.line, line);
        }
        line += i % 997 == 0 ? 2 : 1;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(ct_csv_next(c, &rec, &err), 0);
    ct_csv_close(c);
    unlink(path);
    free(data);
}

static void test_csv_too_many_fields(void)
{
    size_t i, n = 0, cap = (CT_CSV_MAX_FIELDS + 2) * 2 + 8;
    char *data = malloc(cap);
    const char *path;
    ct_csv *c = NULL;
    ct_csv_record rec;
    ct_error err;
    int rc;

    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    n += (size_t)sprintf(data, "a,b\n");
    for (i = 0; i < CT_CSV_MAX_FIELDS + 1; i++)
        data[n++] = i ? ',' : 'x';
    data[n++] = '\n';
    path = temp_file(data, n);
    CU_ASSERT_EQUAL_FATAL(ct_csv_open(&c, path, "wide.csv", &err), CT_OK);
    CU_ASSERT_EQUAL(ct_csv_next(c, &rec, &err), 1);
    rc = ct_csv_next(c, &rec, &err);
    CU_ASSERT_EQUAL(rc, CT_ELIMIT);
    CU_ASSERT_EQUAL(err.line, 2);
    CU_ASSERT_STRING_EQUAL(err.msg,
                           "more than 4096 fields in a record (the limit)");
    ct_csv_close(c);
    unlink(path);
    free(data);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("csv", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "bom stripped", test_csv_bom_stripped) ||
        !CU_add_test(s, "crlf", test_csv_crlf) ||
        !CU_add_test(s, "quoted line breaks", test_csv_quoted_line_breaks) ||
        !CU_add_test(s, "crlf records, bare lf inside",
                     test_csv_crlf_records_bare_lf_inside) ||
        !CU_add_test(s, "semicolon", test_csv_semicolon) ||
        !CU_add_test(s, "tab", test_csv_tab) ||
        !CU_add_test(s, "cp1252 transcoded", test_csv_cp1252_transcoded) ||
        !CU_add_test(s, "cp1252 function", test_csv_cp1252_function) ||
        !CU_add_test(s, "utf8 valid", test_csv_utf8_valid) ||
        !CU_add_test(s, "nul byte", test_csv_nul_byte) ||
        !CU_add_test(s, "nul byte after the first block",
                     test_csv_nul_byte_late) ||
        !CU_add_test(s, "unterminated quote", test_csv_unterminated_quote) ||
        !CU_add_test(s, "bad quote, then continue",
                     test_csv_bad_quote_then_continue) ||
        !CU_add_test(s, "bare cr", test_csv_bare_cr) ||
        !CU_add_test(s, "empty file", test_csv_empty_file) ||
        !CU_add_test(s, "gzip", test_csv_gzip) ||
        !CU_add_test(s, "missing file", test_csv_missing_file) ||
        !CU_add_test(s, "directory", test_csv_directory) ||
        !CU_add_test(s, "block boundaries", test_csv_block_boundaries) ||
        !CU_add_test(s, "too many fields", test_csv_too_many_fields))
        return -1;
    return 0;
}
