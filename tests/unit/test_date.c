/* SPDX-License-Identifier: MIT
 * test_date.c - ct_date_parse on every date format of FORMATS.md, slash
 * order, two-digit years, impossible days and the Gregorian leap rule.
 * Expected values are the calendar dates the strings name.
 */
#include <stdio.h>
#include <string.h>

#include "ctrend/date.h"
#include "runner.h"

/* Parses s and checks the result (y == 0: must fail). */
static void check(const char *s, int ref_year, ct_date_order order, int y,
                  int m, int d)
{
    ct_date out = {0, 0, 0};
    ct_date_order o = order;
    int rc = ct_date_parse(s, ref_year, &o, &out);

    if (y == 0) {
        CU_ASSERT_EQUAL(rc, -1);
        if (rc != -1)
            fprintf(stderr, "\n  '%s' parsed as %d-%d-%d, want failure\n",
                    s, out.year, out.month, out.day);
        return;
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_EQUAL(out.year, y);
    CU_ASSERT_EQUAL(out.month, m);
    CU_ASSERT_EQUAL(out.day, d);
    if (rc != 0 || out.year != y || out.month != m || out.day != d)
        fprintf(stderr, "\n  '%s': rc %d, %d-%d-%d, want %d-%d-%d\n", s, rc,
                out.year, out.month, out.day, y, m, d);
}

static void ok(const char *s, int y, int m, int d)
{
    check(s, 0, CT_DATE_ORDER_UNKNOWN, y, m, d);
}

static void bad(const char *s) { check(s, 0, CT_DATE_ORDER_UNKNOWN, 0, 0, 0); }

/* The seven formats listed in FORMATS.md "Quirks seen in real files". */
static void test_date_formats_md(void)
{
    ok("2025-04-01", 2025, 4, 1);
    ok("21 March 2020", 2020, 3, 21);
    ok("18-December-2015", 2015, 12, 18);
    ok("20/01/2016", 2016, 1, 20);
    ok("9-May-20", 2020, 5, 9);
    ok("5/29/97", 1997, 5, 29);
    ok("2019-02-16 00:00:00.000", 2019, 2, 16);
}

static void test_date_other_formats(void)
{
    ok("2019-02-16T00:00:00Z", 2019, 2, 16);
    ok("2016/01/20", 2016, 1, 20);
    ok("20.01.2016", 2016, 1, 20);       /* dotted: day first */
    ok("01 March 2020", 2020, 3, 1);     /* zero-padded day (Export Tool) */
    ok("1 Mar 2020", 2020, 3, 1);
    ok("7 Sept 2020", 2020, 9, 7);
    ok("7 SEPTEMBER 2020", 2020, 9, 7);
    ok("7-sep-2020", 2020, 9, 7);
    ok("  2025-04-01", 2025, 4, 1);      /* leading spaces */
}

static void test_date_not_dates(void)
{
    bad("");
    bad("NA");
    bad("March 21 2020");
    bad("21 Ma 2020");       /* month names need three letters */
    bad("21 Mayo 2020");
    bad("2021-02-16x");
    bad("20210216");
    bad("2021-2");
    bad("21/2021");
    bad("10000-01-01");
}

static void test_date_impossible_days(void)
{
    bad("31 February 2021");
    bad("2021-02-29");       /* 2021 is not a leap year */
    bad("1900-02-29");       /* century not divisible by 400 */
    bad("2021-04-31");
    bad("2021-13-01");
    bad("2021-00-10");
    bad("2021-01-00");
    bad("32/01/2016");
    bad("13/13/2016");
    ok("2020-02-29", 2020, 2, 29);
    ok("2000-02-29", 2000, 2, 29);
    ok("2021-12-31", 2021, 12, 31);
}

static void test_date_year_9999(void)
{
    /* the date module accepts any 4-digit year; the loader rejects years
     * outside CT_YEAR_MIN..CT_YEAR_MAX (tested in test_load.c) */
    ok("9999-12-31", 9999, 12, 31);
}

static void test_date_slash_order(void)
{
    ct_date d;
    ct_date_order o = CT_DATE_ORDER_UNKNOWN;

    /* the value settles the order and reports it */
    CU_ASSERT_EQUAL(ct_date_parse("20/01/2016", 0, &o, &d), 0);
    CU_ASSERT_EQUAL(o, CT_DATE_ORDER_DMY);
    o = CT_DATE_ORDER_UNKNOWN;
    CU_ASSERT_EQUAL(ct_date_parse("5/29/97", 0, &o, &d), 0);
    CU_ASSERT_EQUAL(o, CT_DATE_ORDER_MDY);
    /* ambiguous values follow the hint */
    check("03/04/2016", 0, CT_DATE_ORDER_DMY, 2016, 4, 3);
    check("03/04/2016", 0, CT_DATE_ORDER_MDY, 2016, 3, 4);
    /* without a hint: day-first with 4-digit years, month-first with
     * 2-digit years (date.h) */
    check("03/04/2016", 0, CT_DATE_ORDER_UNKNOWN, 2016, 4, 3);
    check("03/04/16", 0, CT_DATE_ORDER_UNKNOWN, 2016, 3, 4);
    /* an unambiguous value wins over a wrong hint */
    check("20/01/2016", 0, CT_DATE_ORDER_MDY, 2016, 1, 20);
    check("5/29/97", 0, CT_DATE_ORDER_DMY, 1997, 5, 29);
    /* a NULL order pointer is allowed */
    CU_ASSERT_EQUAL(ct_date_parse("20/01/2016", 0, NULL, &d), 0);
    CU_ASSERT_EQUAL(d.month, 1);
}

static void test_date_two_digit_years(void)
{
    /* pivot without a reference year: 00-49 -> 20yy, 50-99 -> 19yy */
    ok("9-May-49", 2049, 5, 9);
    ok("9-May-50", 1950, 5, 9);
    ok("1/31/00", 2000, 1, 31);
    /* the row's year column decides when given */
    check("9-May-20", 1920, CT_DATE_ORDER_UNKNOWN, 1920, 5, 9);
    check("9-May-20", 2020, CT_DATE_ORDER_UNKNOWN, 2020, 5, 9);
    check("5/29/97", 1997, CT_DATE_ORDER_UNKNOWN, 1997, 5, 29);
    check("1/31/99", 2000, CT_DATE_ORDER_UNKNOWN, 1999, 1, 31);
    check("1/31/01", 1999, CT_DATE_ORDER_UNKNOWN, 2001, 1, 31);
    /* a four-digit year is never changed */
    check("21 March 2020", 1950, CT_DATE_ORDER_UNKNOWN, 2020, 3, 21);
}

static void test_date_leap_and_month_length(void)
{
    CU_ASSERT_EQUAL(ct_date_is_leap(2024), 1);
    CU_ASSERT_EQUAL(ct_date_is_leap(2023), 0);
    CU_ASSERT_EQUAL(ct_date_is_leap(1900), 0);
    CU_ASSERT_EQUAL(ct_date_is_leap(2000), 1);
    CU_ASSERT_EQUAL(ct_date_days_in_month(2023, 2), 28);
    CU_ASSERT_EQUAL(ct_date_days_in_month(2024, 2), 29);
    CU_ASSERT_EQUAL(ct_date_days_in_month(2024, 4), 30);
    CU_ASSERT_EQUAL(ct_date_days_in_month(2024, 12), 31);
    CU_ASSERT_EQUAL(ct_date_days_in_month(2024, 13), 0);
    CU_ASSERT_EQUAL(ct_date_days_in_month(2024, 0), 0);
}

/* What one slash date says about the file's order (by hand). */
static void test_date_slash_kind(void)
{
    CU_ASSERT_EQUAL(ct_date_slash_kind("13/02/2021"), CT_DATE_ORDER_DMY);
    CU_ASSERT_EQUAL(ct_date_slash_kind("02/13/2021"), CT_DATE_ORDER_MDY);
    CU_ASSERT_EQUAL(ct_date_slash_kind("03/02/2021"), CT_DATE_ORDER_UNKNOWN);
    CU_ASSERT_EQUAL(ct_date_slash_kind("5/29/97"), CT_DATE_ORDER_MDY);
    CU_ASSERT_EQUAL(ct_date_slash_kind("29/5/97"), CT_DATE_ORDER_DMY);
    CU_ASSERT_EQUAL(ct_date_slash_kind("12/12/12"), CT_DATE_ORDER_UNKNOWN);
    CU_ASSERT_EQUAL(ct_date_slash_kind("13/13/2021"), -1);
    CU_ASSERT_EQUAL(ct_date_slash_kind("2021/02/13"), -1);
    CU_ASSERT_EQUAL(ct_date_slash_kind("2021-02-13"), -1);
    CU_ASSERT_EQUAL(ct_date_slash_kind("13.02.2021"), -1);
    CU_ASSERT_EQUAL(ct_date_slash_kind("03/02/202"), -1);
    CU_ASSERT_EQUAL(ct_date_slash_kind(""), -1);
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("date", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "formats of FORMATS.md", test_date_formats_md) ||
        !CU_add_test(s, "other formats", test_date_other_formats) ||
        !CU_add_test(s, "not dates", test_date_not_dates) ||
        !CU_add_test(s, "impossible days", test_date_impossible_days) ||
        !CU_add_test(s, "year 9999", test_date_year_9999) ||
        !CU_add_test(s, "slash order", test_date_slash_order) ||
        !CU_add_test(s, "slash kind", test_date_slash_kind) ||
        !CU_add_test(s, "two-digit years", test_date_two_digit_years) ||
        !CU_add_test(s, "leap years and month lengths",
                     test_date_leap_and_month_length))
        return -1;
    return 0;
}
