/* SPDX-License-Identifier: MIT
 * csvw.c - the generators' buffered CSV row writer, calendar helpers and
 * sub-stream seeds (gen_private.h). Rows are built in one buffer and
 * written with fwrite in large blocks: no stdio formatting per field and
 * no allocation per row, so millions of rows stream at disk speed.
 */
#include "gen_private.h"

#include "ctrend/date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GW_CAP (1u << 18) /* bytes gathered before each fwrite */

int gw_open(gw_buf *w, FILE *out, ct_error *err)
{
    w->out = out;
    w->len = 0;
    w->cap = GW_CAP;
    w->failed = 0;
    w->buf = malloc(w->cap);
    if (w->buf == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    return CT_OK;
}

static void gw_flush(gw_buf *w)
{
    if (w->len > 0 && !w->failed &&
        fwrite(w->buf, 1, w->len, w->out) != w->len)
        w->failed = 1;
    w->len = 0;
}

int gw_close(gw_buf *w, ct_error *err)
{
    int failed;

    gw_flush(w);
    free(w->buf);
    w->buf = NULL;
    failed = w->failed || ferror(w->out);
    if (failed)
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}

void gw_put(gw_buf *w, const char *s, size_t n)
{
    if (w->len + n > w->cap)
        gw_flush(w);
    if (n > w->cap) {
        if (!w->failed && fwrite(s, 1, n, w->out) != n)
            w->failed = 1;
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

void gw_str(gw_buf *w, const char *s) { gw_put(w, s, strlen(s)); }

void gw_chr(gw_buf *w, char c)
{
    if (w->len + 1 > w->cap)
        gw_flush(w);
    w->buf[w->len++] = c;
}

void gw_long(gw_buf *w, long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (v < 0)
        tmp[--i] = '-';
    gw_put(w, tmp + i, sizeof tmp - i);
}

static const double POW10[10] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                 1e9};

/* Writes |v| rounded to decimals (0-9) places at the end of tmp[0, size);
 * returns where the digits start. */
static size_t fixed_digits(char *tmp, size_t size, double v, int *decimals)
{
    size_t i = size;
    unsigned long long u;
    int k;

    if (*decimals < 0)
        *decimals = 0;
    if (*decimals > 9)
        *decimals = 9;
    u = (unsigned long long)llround(fabs(v) * POW10[*decimals]);
    for (k = 0; k < *decimals; k++) {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    }
    if (*decimals > 0)
        tmp[--i] = '.';
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    return i;
}

void gw_fixed(gw_buf *w, double v, int decimals)
{
    char tmp[48];
    size_t i = fixed_digits(tmp, sizeof tmp, v, &decimals);

    if (v < 0 && strspn(tmp + i, "0.") != sizeof tmp - i)
        tmp[--i] = '-';
    gw_put(w, tmp + i, sizeof tmp - i);
}

void gw_trim(gw_buf *w, double v, int decimals)
{
    char tmp[48];
    size_t i = fixed_digits(tmp, sizeof tmp, v, &decimals), end = sizeof tmp;

    if (decimals > 0) {
        while (tmp[end - 1] == '0')
            end--;
        if (tmp[end - 1] == '.')
            end--;
    }
    if (v < 0 && !(end - i == 1 && tmp[i] == '0'))
        tmp[--i] = '-';
    gw_put(w, tmp + i, end - i);
}

void gw_quoted(gw_buf *w, const char *s)
{
    gw_chr(w, '"');
    for (;;) {
        size_t n = strcspn(s, "\"");
        gw_put(w, s, n);
        s += n;
        if (*s == '\0')
            break;
        gw_put(w, "\"\"", 2);
        s++;
    }
    gw_chr(w, '"');
}

void gw_field(gw_buf *w, const char *s)
{
    if (s[strcspn(s, ",\"\r\n")] != '\0')
        gw_quoted(w, s);
    else
        gw_str(w, s);
}

void gw_fields(gw_buf *w, const char *const *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        gw_field(w, v[i]);
        gw_chr(w, ',');
    }
}

void gw_longs(gw_buf *w, const long *v, size_t n, int quoted)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (quoted)
            gw_chr(w, '"');
        gw_long(w, v[i]);
        if (quoted)
            gw_chr(w, '"');
        gw_chr(w, ',');
    }
}

void gw_date(gw_buf *w, int y, int m, int d)
{
    char tmp[10];
    tmp[0] = (char)('0' + y / 1000 % 10);
    tmp[1] = (char)('0' + y / 100 % 10);
    tmp[2] = (char)('0' + y / 10 % 10);
    tmp[3] = (char)('0' + y % 10);
    tmp[4] = '-';
    tmp[5] = (char)('0' + m / 10);
    tmp[6] = (char)('0' + m % 10);
    tmp[7] = '-';
    tmp[8] = (char)('0' + d / 10);
    tmp[9] = (char)('0' + d % 10);
    gw_put(w, tmp, sizeof tmp);
}

/* ---- calendar ----------------------------------------------------------- */
const char *const gd_month_name[13] = {
    "",        "January",  "February", "March",  "April",
    "May",     "June",     "July",     "August", "September",
    "October", "November", "December"};

int gd_days_in_year(int y) { return ct_date_is_leap(y) ? 366 : 365; }

void gd_from_doy(int y, int doy, int *m, int *d)
{
    int mm = 1;
    while (mm < 12 && doy >= ct_date_days_in_month(y, mm)) {
        doy -= ct_date_days_in_month(y, mm);
        mm++;
    }
    *m = mm;
    *d = doy + 1;
}

/* ---- seeds -------------------------------------------------------------- */
uint64_t gs_subseed(uint64_t seed, uint64_t tag)
{
    uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (tag + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
