/* SPDX-License-Identifier: MIT
 * date.c - the date formats of UCDP and ACLED exports (date.h).
 * Hand-parsed rather than strptime(3): strptime's %b depends on the
 * locale and it cannot express "day-first unless the value says
 * otherwise", which spreadsheet re-saves need.
 */
#include "ctrend/date.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const MONTHS[12] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};

int ct_date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ct_date_days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && ct_date_is_leap(y) ? 29 : d[m - 1];
}

/* The days_from_civil algorithm of H. Hinnant, "chrono-compatible
 * low-level date algorithms" (public domain). */
long ct_date_day_number(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Reads 1..maxd digits; returns the count read (0 if none). */
static int digits(const char **p, int maxd, int *val)
{
    int n = 0, v = 0;
    while (n < maxd && isdigit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *val = v;
    return n;
}

static int month_name(const char **p)
{
    char w[16];
    size_t n = 0;
    int i;
    while (isalpha((unsigned char)**p) && n < sizeof w - 1)
        w[n++] = (char)tolower((unsigned char)*(*p)++);
    w[n] = '\0';
    if (isalpha((unsigned char)**p) || n < 3)
        return 0;
    for (i = 0; i < 12; i++)
        if (strncmp(MONTHS[i], w, n) == 0 &&
            (n == 3 || n == strlen(MONTHS[i]) ||
             (i == 8 && n == 4))) /* "Sept" */
            return i + 1;
    return 0;
}

static int expand_year(int yy, int ndig, int ref_year)
{
    if (ndig == 4)
        return yy;
    if (ref_year > 0) {
        int c = ref_year - ref_year % 100 + yy;
        if (c > ref_year + 50)
            c -= 100;
        else if (c < ref_year - 50)
            c += 100;
        return c;
    }
    return yy <= 49 ? 2000 + yy : 1900 + yy;
}

/* Accepts what may follow a date: nothing, or a time part. */
static int tail_ok(const char *p)
{
    if (*p == '\0')
        return 1;
    if (*p != ' ' && *p != 'T')
        return 0;
    p++;
    while (*p && (isdigit((unsigned char)*p) || strchr(":.+-Z ", *p)))
        p++;
    return *p == '\0';
}

static int finish(int y, int m, int d, ct_date *out)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
        d > ct_date_days_in_month(y, m))
        return -1;
    out->year = y;
    out->month = m;
    out->day = d;
    return 0;
}

int ct_date_parse(const char *s, int ref_year, ct_date_order *order,
                  ct_date *out)
{
    const char *p = s;
    int a, b, c, na, nb, nc, m;
    char sep;

    while (*p == ' ')
        p++;
    na = digits(&p, 4, &a);
    if (na == 0)
        return -1;
    sep = *p;
    if (na == 4 && (sep == '-' || sep == '/')) { /* Y-M-D, Y/M/D */
        p++;
        if (digits(&p, 2, &b) == 0 || *p++ != sep || digits(&p, 2, &c) == 0)
            return -1;
        if (!tail_ok(p))
            return -1;
        return finish(a, b, c, out);
    }
    if (na > 2)
        return -1;
    if (sep == ' ' || sep == '-') { /* 21 March 2020, 18-December-2015 */
        p++;
        if (isalpha((unsigned char)*p)) {
            m = month_name(&p);
            if (m == 0 || *p != sep)
                return -1;
            p++;
            nc = digits(&p, 4, &c);
            if ((nc != 4 && nc != 2) || !tail_ok(p))
                return -1;
            return finish(expand_year(c, nc, ref_year), m, a, out);
        }
        return -1;
    }
    if (sep == '/' || sep == '.') { /* 20/01/2016, 5/29/97, 20.01.2016 */
        p++;
        nb = digits(&p, 2, &b);
        if (nb == 0 || *p++ != sep)
            return -1;
        nc = digits(&p, 4, &c);
        if ((nc != 4 && nc != 2) || !tail_ok(p))
            return -1;
        c = expand_year(c, nc, ref_year);
        if (sep == '.')
            return finish(c, b, a, out); /* dotted dates are day-first */
        if (a > 12 && b <= 12) {
            if (order) *order = CT_DATE_ORDER_DMY;
            return finish(c, b, a, out);
        }
        if (b > 12 && a <= 12) {
            if (order) *order = CT_DATE_ORDER_MDY;
            return finish(c, a, b, out);
        }
        if (order && *order == CT_DATE_ORDER_MDY)
            return finish(c, a, b, out);
        if (order && *order == CT_DATE_ORDER_DMY)
            return finish(c, b, a, out);
        return nc == 4 ? finish(c, b, a, out) : finish(c, a, b, out);
    }
    return -1;
}

int ct_date_slash_kind(const char *s)
{
    const char *p = s;
    int a, b, na, nb, nc, c;
    while (*p == ' ')
        p++;
    na = digits(&p, 3, &a);
    if (na == 0 || na > 2 || *p != '/')
        return -1;
    p++;
    nb = digits(&p, 3, &b);
    if (nb == 0 || nb > 2 || *p != '/')
        return -1;
    p++;
    nc = digits(&p, 4, &c);
    if (nc != 2 && nc != 4)
        return -1;
    if (a > 12 && b <= 12)
        return CT_DATE_ORDER_DMY;
    if (b > 12 && a <= 12)
        return CT_DATE_ORDER_MDY;
    if (a <= 12 && b <= 12)
        return CT_DATE_ORDER_UNKNOWN;
    return -1; /* both over 12: not a date in either order */
}
