/* SPDX-License-Identifier: MIT
 * test_report.c - the report module: the escaping function of each format
 * (expected strings derived by hand from CommonMark 0.30 section 2.4
 * "Backslash escapes", HTML 5 character references and RFC 4180), the
 * period and number formatters, and the three writers on a small
 * document.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrend/report.h"
#include "runner.h"

typedef int (*esc_fn)(FILE *, const char *);

static char *capture_md(const char *s, int at_start)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_report_md_text(f, s, at_start), CT_OK);
    fclose(f);
    return buf;
}

static char *capture(esc_fn fn, const char *s)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(fn(f, s), CT_OK);
    fclose(f);
    return buf;
}

#define CHECK_MD(in, start, want)                                            \
    do {                                                                     \
        char *got_ = capture_md(in, start);                                  \
        CU_ASSERT_STRING_EQUAL(got_, want);                                  \
        free(got_);                                                          \
    } while (0)
#define CHECK(fn, in, want)                                                  \
    do {                                                                     \
        char *got_ = capture(fn, in);                                        \
        CU_ASSERT_STRING_EQUAL(got_, want);                                  \
        free(got_);                                                          \
    } while (0)

static void test_md_escape(void)
{
    CHECK_MD("Southern Asia", 0, "Southern Asia");
    CHECK_MD("<script>alert(1)</script>", 0, "\\<script\\>alert(1)\\</script\\>");
    CHECK_MD("A & B | C", 0, "A \\& B \\| C");
    CHECK_MD("`rm -rf`", 0, "\\`rm -rf\\`");
    CHECK_MD("line\nbreak\r\ttab", 0, "line break  tab");
    CHECK_MD("*a* _b_ [c](d) #e !f ~g \\h", 0,
             "\\*a\\* \\_b\\_ \\[c\\](d) \\#e \\!f \\~g \\\\h");
    /* block starts: list markers, ordered lists, setext underlines */
    CHECK_MD("- not a list", 1, "\\- not a list");
    CHECK_MD("+ x", 1, "\\+ x");
    CHECK_MD("= x", 1, "\\= x");
    CHECK_MD("1993. a year", 1, "1993\\. a year");
    CHECK_MD("2) b", 1, "2\\) b");
    CHECK_MD("1993. a year", 0, "1993. a year");
    CHECK_MD("Côte d'Ivoire", 0, "Côte d'Ivoire"); /* UTF-8 passes */
    CHECK_MD("", 1, "");
}

static void test_html_escape(void)
{
    CHECK(ct_report_html_text, "<script>alert('x')</script>",
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK(ct_report_html_text, "A & B \"C\"", "A &amp; B &quot;C&quot;");
    CHECK(ct_report_html_text, "a\nb\tc\x7f", "a b\tc ");
    CHECK(ct_report_html_text, "`|` Côte", "`|` Côte");
}

static void test_csv_field(void)
{
    CHECK(ct_report_csv_field, "plain", "plain");
    CHECK(ct_report_csv_field, "a,b", "\"a,b\"");
    CHECK(ct_report_csv_field, "say \"hi\"", "\"say \"\"hi\"\"\"");
    CHECK(ct_report_csv_field, "two\nlines", "\"two\nlines\"");
    CHECK(ct_report_csv_field, "cr\rx", "\"cr\rx\"");
    CHECK(ct_report_csv_field, " lead", "\" lead\"");
    CHECK(ct_report_csv_field, "tab\t", "\"tab\t\"");
    CHECK(ct_report_csv_field, "\tlead", "\"\tlead\"");
    CHECK(ct_report_csv_field, "in\tside", "in\tside");
    CHECK(ct_report_csv_field, "", "");
    CHECK(ct_report_csv_field, "<script>|`&", "<script>|`&");
}

static void test_period_number(void)
{
    char b[32];
    CU_ASSERT_EQUAL(ct_report_period(b, sizeof b, 1993, 0), 4);
    CU_ASSERT_STRING_EQUAL(b, "1993");
    CU_ASSERT_EQUAL(ct_report_period(b, sizeof b, 2022, 3), 7);
    CU_ASSERT_STRING_EQUAL(b, "2022-03");
    ct_report_period(b, sizeof b, 2022, 12);
    CU_ASSERT_STRING_EQUAL(b, "2022-12");
    ct_report_number(b, sizeof b, 1.5, 2);
    CU_ASSERT_STRING_EQUAL(b, "1.50");
    ct_report_number(b, sizeof b, -0.001, 2);
    CU_ASSERT_STRING_EQUAL(b, "0.00");
    ct_report_number(b, sizeof b, -2.345, 1);
    CU_ASSERT_STRING_EQUAL(b, "-2.3");
    ct_report_number(b, sizeof b, NAN, 2);
    CU_ASSERT_STRING_EQUAL(b, "NA");
    ct_report_number(b, sizeof b, INFINITY, 2);
    CU_ASSERT_STRING_EQUAL(b, "NA");
    ct_report_number(b, sizeof b, 1946, 0);
    CU_ASSERT_STRING_EQUAL(b, "1946");
}

/* A small document holding hostile names. */
static ct_report *small_doc(void)
{
    ct_report *r = NULL;
    ct_report_table *t;
    ct_error err;
    static const char *const items[2] = {"one", "<b>two</b>"};

    CU_ASSERT_EQUAL_FATAL(ct_report_alloc(&r, "T & <i>", &err), CT_OK);
    ct_report_heading(r, 2, "Section");
    ct_report_paragraph(r, "Region <script>x</script> | `y`");
    ct_report_quote(r, "said \"so\"");
    ct_report_list(r, items, 2);
    t = ct_report_table_add(r, "t1", "Rates", 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    ct_report_table_column(t, 0, "group", NULL, CT_REPORT_LEFT);
    ct_report_table_column(t, 1, "rate", "%/yr", CT_REPORT_RIGHT);
    ct_report_table_column(t, 2, "n", NULL, CT_REPORT_RIGHT);
    ct_report_table_row(t);
    ct_report_table_text(t, 0, "a|b");
    ct_report_table_number(t, 1, 1.5, 2);
    ct_report_table_number(t, 2, 12, 0);
    ct_report_table_row(t); /* left NA */
    ct_report_table_text(t, 0, "x,\"y\"\nz");
    ct_report_table_number(t, 2, NAN, 0);
    ct_report_pre(r, "a  b\n```\nc");
    return r;
}

static char *write_with(int (*fn)(const ct_report *, FILE *, ct_error *),
                        const ct_report *r)
{
    char *buf = NULL;
    size_t n = 0;
    ct_error err;
    FILE *f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(fn(r, f, &err), CT_OK);
    fclose(f);
    return buf;
}

static void test_write_md(void)
{
    ct_report *r = small_doc();
    char *md = write_with(ct_report_write_md, r);
    const char *want =
        "# T \\& \\<i\\>\n\n"
        "## Section\n\n"
        "Region \\<script\\>x\\</script\\> \\| \\`y\\`\n\n"
        "> said \"so\"\n\n"
        "- one\n- \\<b\\>two\\</b\\>\n\n"
        "**Rates**\n\n"
        "| group | rate (%/yr) | n |\n"
        "|---|---:|---:|\n"
        "| a\\|b | 1.50 | 12 |\n"
        "| x,\"y\" z | NA | NA |\n\n"
        "````text\na  b\n```\nc\n````\n\n";
    CU_ASSERT_STRING_EQUAL(md, want);
    free(md);
    ct_report_free(r);
}

static void test_write_html(void)
{
    ct_report *r = small_doc();
    char *h = write_with(ct_report_write_html, r);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<title>T &amp; &lt;i&gt;</title>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<p>Region &lt;script&gt;x&lt;/script&gt; | `y`</p>"));
    CU_ASSERT_PTR_NULL(strstr(h, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<th scope=\"col\" class=\"num\">rate <span class=\"unit\">(%/yr)</span></th>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<td>a|b</td><td class=\"num\">1.50</td><td class=\"num\">12</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<td>x,&quot;y&quot; z</td><td class=\"num na\">NA</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<pre>a  b\n```\nc</pre>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "Content-Security-Policy"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<li>&lt;b&gt;two&lt;/b&gt;</li>"));
    free(h);
    ct_report_free(r);
}

static void test_write_csv(void)
{
    ct_report *r = small_doc();
    const ct_report_table *t;
    char *buf = NULL;
    size_t n = 0;
    ct_error err;
    FILE *f;

    CU_ASSERT_EQUAL(ct_report_table_count(r), 1);
    t = ct_report_table_at(r, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(ct_report_table_name(t), "t1");
    CU_ASSERT_EQUAL(ct_report_table_rows(t), 2);
    f = open_memstream(&buf, &n);
    CU_ASSERT_EQUAL(ct_report_write_table_csv(t, f, &err), CT_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf, "group,rate (%/yr),n\n"
                                "a|b,1.5,12\n"
                                "\"x,\"\"y\"\"\nz\",NA,NA\n");
    free(buf);
    ct_report_free(r);
}

/* ct_report_set_precision: significant digits in every writer, whole
 * numbers in full (2/3 to 3 digits is 0.667; 1946 stays 1946). */
static void test_precision(void)
{
    ct_report *r = NULL;
    ct_report_table *t;
    char *md, *h, *csv = NULL;
    size_t n = 0;
    ct_error err;
    FILE *f;

    CU_ASSERT_EQUAL_FATAL(ct_report_alloc(&r, "p", &err), CT_OK);
    t = ct_report_table_add(r, "t", "c", 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    ct_report_table_column(t, 0, "x", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 1, "year", NULL, CT_REPORT_RIGHT);
    ct_report_table_column(t, 2, "p", NULL, CT_REPORT_RIGHT);
    ct_report_table_row(t);
    ct_report_table_number(t, 0, 2.0 / 3.0, 2);
    ct_report_table_number(t, 1, 1946, 0);
    ct_report_table_number(t, 2, 0.000123456, 4);
    CU_ASSERT_EQUAL(ct_report_set_precision(r, 18), CT_EUSAGE);
    CU_ASSERT_EQUAL(ct_report_set_precision(r, -1), CT_EUSAGE);
    /* the default: the cells' decimals, CSV 10 digits */
    md = write_with(ct_report_write_md, r);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 0.67 | 1946 | 0.0001 |\n"));
    free(md);
    CU_ASSERT_EQUAL(ct_report_set_precision(r, 3), CT_OK);
    md = write_with(ct_report_write_md, r);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 0.667 | 1946 | 0.000123 |\n"));
    free(md);
    h = write_with(ct_report_write_html, r);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<td class=\"num\">0.667</td><td class=\"num\">1946</td><td class=\"num\">0.000123</td>"));
    free(h);
    f = open_memstream(&csv, &n);
    CU_ASSERT_EQUAL(ct_report_write_table_csv(t, f, &err), CT_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(csv, "x,year,p\n0.667,1946,0.000123\n");
    free(csv);
    CU_ASSERT_EQUAL(ct_report_set_precision(r, 0), CT_OK);
    f = open_memstream(&csv, &n);
    CU_ASSERT_EQUAL(ct_report_write_table_csv(t, f, &err), CT_OK);
    fclose(f);
    CU_ASSERT_STRING_EQUAL(csv, "x,year,p\n0.6666666667,1946,0.000123456\n");
    free(csv);
    ct_report_free(r);
}

static void test_image(void)
{
    /* an SVG is inlined as a data: URI (base64 of "<svg/>" is PHN2Zy8+) */
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[512], *h;
    ct_report *r = NULL;
    ct_error err;
    FILE *f;

    snprintf(path, sizeof path, "%s/ct-test-report-%ld.svg", dir, (long)getpid());
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("<svg/>", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(ct_report_alloc(&r, "x", &err), CT_OK);
    ct_report_image(r, "a \"chart\"", "charts/a b.png", path, "cap");
    h = write_with(ct_report_write_html, r);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<img alt=\"a &quot;chart&quot;\" src=\"data:image/svg+xml;base64,PHN2Zy8+\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "<figcaption>cap</figcaption>"));
    free(h);
    h = write_with(ct_report_write_md, r);
    CU_ASSERT_PTR_NOT_NULL(strstr(h, "![a \"chart\"](<charts/a%20b.png>)"));
    free(h);
    remove(path);
    /* a missing SVG is an error naming the file */
    ct_report_free(r);
    CU_ASSERT_EQUAL_FATAL(ct_report_alloc(&r, "x", &err), CT_OK);
    ct_report_image(r, "a", "a.png", path, NULL);
    f = open_memstream(&h, &(size_t){0});
    CU_ASSERT_EQUAL(ct_report_write_html(r, f, &err), CT_EIO);
    fclose(f);
    free(h);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.path, "ct-test-report"));
    ct_report_free(r);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("report", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "Markdown escaping", test_md_escape) ||
        !CU_add_test(s, "HTML escaping", test_html_escape) ||
        !CU_add_test(s, "CSV field", test_csv_field) ||
        !CU_add_test(s, "period and number", test_period_number) ||
        !CU_add_test(s, "Markdown writer", test_write_md) ||
        !CU_add_test(s, "HTML writer", test_write_html) ||
        !CU_add_test(s, "CSV writer", test_write_csv) ||
        !CU_add_test(s, "images", test_image) ||
        !CU_add_test(s, "precision", test_precision))
        return -1;
    return 0;
}
