/* SPDX-License-Identifier: MIT
 * date.h - parsing the date formats found in UCDP and ACLED exports:
 *   2025-04-01, 2019-02-16 00:00:00.000, 2019-02-16T00:00:00Z,
 *   21 March 2020, 18-December-2015, 9-May-20, 20/01/2016, 5/29/97,
 *   2016/01/20, 20.01.2016.
 * Slash dates are day-first when the first number exceeds 12 or the
 * second does not, month-first when the second exceeds 12; when both are
 * 12 or less the caller's hint decides (see ct_date_order).
 * Two-digit years are resolved with the caller's reference year (the
 * row's `year` column) when there is one, else by a pivot: yy <= 49 is
 * 20yy, otherwise 19yy.
 */
#ifndef CT_DATE_H
#define CT_DATE_H

typedef enum ct_date_order {
    CT_DATE_ORDER_UNKNOWN = 0, /* decide from the value; ambiguous slash
                                  dates are then day-first with 4-digit
                                  years and month-first with 2-digit
                                  years (spreadsheet habits)          */
    CT_DATE_ORDER_DMY,
    CT_DATE_ORDER_MDY
} ct_date_order;

typedef struct ct_date {
    int year;  /* 4-digit year          */
    int month; /* 1-12                  */
    int day;   /* 1-31, checked against the month and leap years */
} ct_date;

/* Parses s. ref_year is the row's year (0 when none), used for two-digit
 * years. *order is read as a hint and, when the value itself settles a
 * slash date's order, updated. Returns 0 on success, -1 if s is not a
 * date in a known format or names an impossible day. */
int ct_date_parse(const char *s, int ref_year, ct_date_order *order,
                  ct_date *out);

/* What a slash date ("20/01/2016", "5/29/97") says about the file's
 * day/month order: CT_DATE_ORDER_DMY when its first number exceeds 12 and
 * the second does not, CT_DATE_ORDER_MDY for the reverse, and
 * CT_DATE_ORDER_UNKNOWN when both are 1-12 (ambiguous). Returns -1 when s
 * is not a slash date with numbers of 1-2 digits (then the order does
 * not matter for it). Cheap: for scanning a whole date column. */
int ct_date_slash_kind(const char *s);

/* 1 for a leap year in the Gregorian calendar. */
int ct_date_is_leap(int year);
/* Days in month (1-12) of year. */
int ct_date_days_in_month(int year, int month);
/* Days since 1970-01-01 of a proleptic Gregorian date (negative before;
 * month 1-12, day as given, not checked). */
long ct_date_day_number(int year, int month, int day);

#endif /* CT_DATE_H */
