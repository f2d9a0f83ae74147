/* SPDX-License-Identifier: MIT
 * series_read.c - a series read back from `ctrend series` CSV
 * (ct_series_read_csv) and the names of its key columns.
 */
#include "series/series_internal.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------ reading series CSV --- */

const char *ct_series_key_label(const ct_series *s, size_t j)
{
    const series_impl *im = (const series_impl *)s;
    if (j >= s->n_keys || j >= CT_SERIES_MAX_KEYS)
        return "unknown";
    return im->key_label[j] ? im->key_label[j] : ct_series_key_name(s->keys[j]);
}

/* State of one ct_series_read_csv call. */
typedef struct csv_in {
    FILE *in;
    const char *name;       /* path in messages, may be NULL           */
    ct_error *err;
    char *line;             /* the current line, NUL-terminated        */
    size_t cap;             /* bytes allocated for line                */
    long lineno;            /* physical line of `line`                 */
} csv_in;

/* Reads the next physical line without its line end (and without the CRs
 * before it). Returns 1, 0 at the end of the input, or a CT_E* code. */
static int csv_in_line(csv_in *r)
{
    size_t n = 0;
    int c;

    r->lineno++;
    while ((c = getc(r->in)) != EOF && c != '\n') {
        if (c == '\0')
            return ct_error_set(r->err, CT_EPARSE, r->name, r->lineno,
                                "NUL byte in the data: this is a binary "
                                "file, not CSV");
        if (n == CT_SERIES_CSV_MAX_LINE)
            return ct_error_set(r->err, CT_ELIMIT, r->name, r->lineno,
                                "line longer than %lu bytes (the limit)",
                                CT_SERIES_CSV_MAX_LINE);
        if (n + 1 >= r->cap) {
            size_t nc = r->cap ? 2 * r->cap : 256;
            char *nl = realloc(r->line, nc);
            if (nl == NULL)
                return ct_error_set(r->err, CT_ENOMEM, r->name, r->lineno,
                                    "out of memory");
            r->line = nl;
            r->cap = nc;
        }
        r->line[n++] = (char)c;
    }
    if (ferror(r->in))
        return ct_error_set(r->err, CT_EIO, r->name, 0, "read error: %s",
                            strerror(errno));
    if (c == EOF && n == 0) {
        r->lineno--;
        return 0;
    }
    if (r->line == NULL) { /* an empty line before anything was read */
        r->line = malloc(256);
        if (r->line == NULL)
            return ct_error_set(r->err, CT_ENOMEM, r->name, r->lineno,
                                "out of memory");
        r->cap = 256;
    }
    while (n > 0 && r->line[n - 1] == '\r')
        n--;
    r->line[n] = '\0';
    return 1;
}

/* Splits a line in place into fields: RFC 4180 double quotes ("" inside
 * them is a quote; text after the closing quote is kept). Stores the first
 * max fields in f and returns how many there are, or -1 when a quote is
 * left open. */
static long split_fields(char *s, char **f, size_t max)
{
    size_t k = 0;
    char *w = s;

    for (;;) {
        char *start = w;
        if (*s == '"') {
            s++;
            for (;;) {
                if (*s == '\0')
                    return -1;
                if (*s == '"') {
                    if (s[1] == '"') {
                        *w++ = '"';
                        s += 2;
                        continue;
                    }
                    s++;
                    break;
                }
                *w++ = *s++;
            }
        }
        while (*s && *s != ',')
            *w++ = *s++;
        if (k < max)
            f[k] = start;
        k++;
        if (*s == '\0') {
            *w = '\0';
            return (long)k;
        }
        *w++ = '\0';
        s++;
    }
}

static int digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* YYYY (month 0) or YYYY-MM, years 1000-9999; returns 0 on success. */
static int parse_period(const char *s, int *year, int *month)
{
    size_t len = strlen(s);
    if ((len != 4 && len != 7) || !digits(s, 4))
        return -1;
    *year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
            (s[3] - '0');
    *month = 0;
    if (*year < 1000)
        return -1;
    if (len == 7) {
        if (s[4] != '-' || !digits(s + 5, 2))
            return -1;
        *month = (s[5] - '0') * 10 + (s[6] - '0');
        if (*month < 1 || *month > 12)
            return -1;
    }
    return 0;
}

static int is_measure_col(const char *name)
{
    return strcmp(name, "value") == 0 || strcmp(name, "conflicts") == 0 ||
           strcmp(name, "events") == 0 || strcmp(name, "deaths") == 0;
}

/* The group label of a row for messages: "key=value;..." or "(all)". */
static void group_label(char *buf, size_t n, char *const *hdr,
                        const int *keys, size_t nkeys, char *const *f)
{
    size_t i, used = 0;
    buf[0] = '\0';
    if (nkeys == 0)
        snprintf(buf, n, "(all)");
    for (i = 0; i < nkeys && used < n; i++) {
        int w = snprintf(buf + used, n - used, "%s%s=%s", i ? ";" : "",
                         hdr[keys[i]], f[keys[i]]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void period_text(char *buf, size_t n, long t, int by_month)
{
    if (by_month)
        snprintf(buf, n, "%04ld-%02ld", t / 12, t % 12 + 1);
    else
        snprintf(buf, n, "%ld", t);
}

/* Rows, groups and their last period, grown as the file is read. */
typedef struct csv_acc {
    series_impl *im;
    size_t cap;             /* rows allocated                          */
    ct_strtab *groups;      /* packed key value ids -> group id        */
    long *last_t;           /* group -> last period with a value, or -1 */
    long *last_line;        /* group -> its line                       */
    int want_partial;       /* the header has a `partial` column       */
    size_t gcap;
    unsigned char named[CT_SERIES_MAX_KEYS]; /* key column holds a name  */
} csv_acc;

static int acc_grow_rows(csv_acc *a, size_t nk)
{
    ct_series *s = &a->im->pub;
    size_t nc = a->cap ? 2 * a->cap : 64;
    int *ny, *nm;
    double *nv;
    const char **nkey;

    if (nc > CT_SERIES_CSV_MAX_ROWS)
        nc = CT_SERIES_CSV_MAX_ROWS;
    ny = realloc(s->year, nc * sizeof *ny);
    if (ny == NULL)
        return -1;
    s->year = ny;
    nm = realloc(s->month, nc * sizeof *nm);
    if (nm == NULL)
        return -1;
    s->month = nm;
    nv = realloc(s->value, nc * sizeof *nv);
    if (nv == NULL)
        return -1;
    s->value = nv;
    nkey = realloc(s->key, (nk ? nc * nk : 1) * sizeof *nkey);
    if (nkey == NULL)
        return -1;
    s->key = nkey;
    if (a->want_partial) {
        unsigned char *np = realloc(s->partial, nc);
        if (np == NULL)
            return -1;
        s->partial = np;
    }
    a->cap = nc;
    return 0;
}

static long acc_group(csv_acc *a, const long *ids, size_t nk)
{
    int added;
    long g = ct_strtab_intern(a->groups, nk ? (const char *)ids : "",
                              nk * sizeof *ids, &added);
    if (g < 0)
        return -1;
    if (added) {
        if ((size_t)g >= a->gcap) {
            size_t nc = a->gcap ? 2 * a->gcap : 16;
            long *nt = realloc(a->last_t, nc * sizeof *nt), *nl;
            if (nt == NULL)
                return -1;
            a->last_t = nt;
            nl = realloc(a->last_line, nc * sizeof *nl);
            if (nl == NULL)
                return -1;
            a->last_line = nl;
            a->gcap = nc;
        }
        a->last_t[g] = -1;
        a->last_line[g] = 0;
    }
    return g;
}

/* The header of a series CSV: its columns and what each one is. */
typedef struct csv_head {
    char *text;                            /* the line, split in place */
    char *hdr[CT_SERIES_CSV_MAX_COLS];     /* column names             */
    long nh;                               /* columns                  */
    int vcol, pcol;                        /* value and `partial` (-1)  */
    int guessed;                           /* value: the last column   */
    int keys[CT_SERIES_CSV_MAX_COLS];      /* key columns              */
    size_t nkeys;
} csv_head;

/* Reads the header line: the value column (value_col when given), the
 * `partial` flag, the key columns and their labels. */
static int read_header(csv_in *r, csv_acc *a, csv_head *h,
                       const char *value_col)
{
    const char *name = r->name;
    ct_error *err = r->err;
    ct_series *s = &a->im->pub;
    char **hdr = h->hdr;
    long nh;
    size_t i;
    int got = csv_in_line(r);

    h->vcol = h->pcol = -1;
    if (got < 0)
        return got;
    if (got == 0)
        return ct_error_set(err, CT_EPARSE, name, 0,
                            "empty input: expected a `ctrend series` header");
    if ((unsigned char)r->line[0] == 0xEF &&
        (unsigned char)r->line[1] == 0xBB &&
        (unsigned char)r->line[2] == 0xBF) /* a spreadsheet's UTF-8 BOM */
        memmove(r->line, r->line + 3, strlen(r->line + 3) + 1);
    h->text = malloc(strlen(r->line) + 1);
    if (h->text == NULL)
        return ct_error_set(err, CT_ENOMEM, name, r->lineno,
                            "out of memory");
    strcpy(h->text, r->line);
    nh = h->nh = split_fields(h->text, hdr, CT_SERIES_CSV_MAX_COLS);
    if (nh < 2 || strcmp(hdr[0], "period") != 0)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "expected a `ctrend series` header "
                            "'period,[keys,]value', got '%.200s'", r->line);
    if (nh > CT_SERIES_CSV_MAX_COLS)
        return ct_error_set(err, CT_ELIMIT, name, r->lineno,
                            "%ld columns in the header: more than %d (the "
                            "limit)", nh, CT_SERIES_CSV_MAX_COLS);
    for (i = 1; i < (size_t)nh; i++)
        if (value_col ? strcmp(hdr[i], value_col) == 0
                      : strcmp(hdr[i], "value") == 0)
            h->vcol = (int)i;
    if (h->vcol < 0 && value_col)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "no column '%s' in the header", value_col);
    for (i = (size_t)nh - 1; h->vcol < 0 && i >= 1; i--)
        if (is_measure_col(hdr[i]))
            h->vcol = (int)i;
    if (h->vcol < 0) { /* the last column, passing over a `partial` flag */
        h->vcol =
            (int)nh - 1 - (nh > 2 && strcmp(hdr[nh - 1], "partial") == 0);
        h->guessed = 1;
    }
    for (i = 1; i < (size_t)nh; i++)
        if (strcmp(hdr[i], "partial") == 0 && (int)i != h->vcol)
            h->pcol = (int)i;
    for (i = 1; i < (size_t)nh; i++)
        if ((int)i != h->vcol && (int)i != h->pcol && !is_measure_col(hdr[i]))
            h->keys[h->nkeys++] = (int)i;
    if (h->nkeys > CT_SERIES_MAX_KEYS)
        return ct_error_set(err, CT_ELIMIT, name, r->lineno,
                            "%zu group key columns: more than %d (the limit)",
                            h->nkeys, CT_SERIES_MAX_KEYS);
    s->n_keys = h->nkeys;
    for (i = 0; i < h->nkeys; i++) {
        const char *k = hdr[h->keys[i]];
        long id = ct_strtab_intern(a->im->vals, k, strlen(k), NULL);
        if (id < 0)
            return ct_error_set(err, CT_ENOMEM, name, r->lineno,
                                "out of memory");
        a->im->key_label[i] = ct_strtab_get(a->im->vals, id);
        s->keys[i] = ct_series_key_parse(k);
    }
    a->want_partial = h->pcol >= 0;
    if (strcmp(hdr[h->vcol], "conflicts") == 0)
        s->measures[0] = CT_MEASURE_CONFLICTS;
    else if (strcmp(hdr[h->vcol], "events") == 0)
        s->measures[0] = CT_MEASURE_EVENTS;
    else if (strcmp(hdr[h->vcol], "deaths") == 0)
        s->measures[0] = CT_MEASURE_DEATHS;
    return CT_OK;
}

/* The value field: a number, or NA or empty for NaN; -1 when neither. */
static int parse_value(const char *f, double *v)
{
    char *end;
    if (strcmp(f, "NA") == 0 || f[0] == '\0') {
        *v = (double)NAN;
        return 0;
    }
    errno = 0;
    *v = strtod(f, &end);
    /* decimal only: strtod also reads hex ("0x10" is 16) */
    if (errno || *end || !isfinite(*v) || strpbrk(f, "xX"))
        return -1;
    return 0;
}

/* Checks that period t of group g follows the group's last one (rows
 * without a value carry nothing to order) and records it. */
static int check_order(csv_in *r, csv_acc *a, const csv_head *h,
                       char *const *f, long g, long t, double v)
{
    if (isnan(v))
        return CT_OK;
    if (a->last_t[g] >= 0 && !(t > a->last_t[g])) {
        char label[256], prev[32];
        group_label(label, sizeof label, h->hdr, h->keys, h->nkeys, f);
        period_text(prev, sizeof prev, a->last_t[g], a->im->pub.by_month);
        return ct_error_set(r->err, CT_EPARSE, r->name, r->lineno,
                            "period %s %s for group '%s' (after %s on "
                            "line %ld)", f[0],
                            t == a->last_t[g] ? "repeats"
                                              : "is out of order",
                            label, prev, a->last_line[g]);
    }
    a->last_t[g] = t;
    a->last_line[g] = r->lineno;
    return CT_OK;
}

/* Reads the row in r->line (not blank) into the series. */
static int read_row(csv_in *r, csv_acc *a, const csv_head *h)
{
    const char *name = r->name;
    ct_error *err = r->err;
    ct_series *s = &a->im->pub;
    char *f[CT_SERIES_CSV_MAX_COLS];
    long ids[CT_SERIES_MAX_KEYS], t, g, nf;
    int year, month, vcol = h->vcol, pcol = h->pcol, rc;
    size_t nkeys = h->nkeys, i;
    double v;

    nf = split_fields(r->line, f, CT_SERIES_CSV_MAX_COLS);
    if (nf < 0)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "unterminated quoted field");
    if (nf != h->nh)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "expected %ld fields as in the header, got %ld",
                            h->nh, nf);
    if (parse_period(f[0], &year, &month) != 0)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "field 1 'period': expected YYYY or YYYY-MM, "
                            "got '%.100s'", f[0]);
    if (s->n == 0) {
        s->by_month = month != 0;
    } else if (s->by_month != (month != 0)) {
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "field 1 'period': '%s' mixes %s with the %s "
                            "periods above", f[0],
                            month ? "a month" : "a year",
                            s->by_month ? "monthly" : "annual");
    }
    t = month ? (long)year * 12 + (month - 1) : (long)year;
    if (parse_value(f[vcol], &v) != 0)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "field %d '%s': expected a number, got "
                            "'%.100s'", vcol + 1, h->hdr[vcol], f[vcol]);
    for (i = 0; i < nkeys; i++) {
        const char *k = f[h->keys[i]];
        double x;
        if (!a->named[i] && k[0] != '\0' && strcmp(k, "NA") != 0 &&
            parse_value(k, &x) != 0)
            a->named[i] = 1;
        ids[i] = ct_strtab_intern(a->im->vals, k, strlen(k), NULL);
        if (ids[i] < 0)
            return ct_error_set(err, CT_ENOMEM, name, r->lineno,
                                "out of memory");
    }
    g = acc_group(a, ids, nkeys);
    if (g < 0)
        return ct_error_set(err, CT_ENOMEM, name, r->lineno, "out of memory");
    if ((rc = check_order(r, a, h, f, g, t, v)) != CT_OK)
        return rc;
    if (s->n == CT_SERIES_CSV_MAX_ROWS)
        return ct_error_set(err, CT_ELIMIT, name, r->lineno,
                            "more than %lu rows (the limit)",
                            (unsigned long)CT_SERIES_CSV_MAX_ROWS);
    if (s->n == a->cap && acc_grow_rows(a, nkeys) != 0)
        return ct_error_set(err, CT_ENOMEM, name, r->lineno, "out of memory");
    s->year[s->n] = year;
    s->month[s->n] = month;
    s->value[s->n] = v;
    if (pcol >= 0) {
        if (strcmp(f[pcol], "0") != 0 && strcmp(f[pcol], "1") != 0)
            return ct_error_set(err, CT_EPARSE, name, r->lineno,
                                "field %d 'partial': expected 0 or 1, got "
                                "'%.100s'", pcol + 1, f[pcol]);
        s->partial[s->n] = f[pcol][0] == '1';
    }
    for (i = 0; i < nkeys; i++)
        s->key[s->n * nkeys + i] = ct_strtab_get(a->im->vals, ids[i]);
    s->n++;
    return CT_OK;
}

/* A table whose value column was guessed (no `value` or measure column)
 * and one of whose key columns holds only numbers is most likely wide (a
 * column per group, as `series --layout wide` writes): read as long, its
 * other groups' counts would become group names. Refused, for the whole
 * file, naming the column. */
static int check_wide(csv_in *r, const csv_acc *a, const csv_head *h)
{
    size_t i;
    if (!h->guessed || a->im->pub.n == 0)
        return CT_OK;
    for (i = 0; i < h->nkeys; i++)
        if (!a->named[i])
            return ct_error_set(
                r->err, CT_EPARSE, r->name, 1,
                "column '%s' holds only numbers, so it is not a group key: "
                "this looks like a wide table (a column per group); give "
                "the long layout (period,[keys,]value) or name the value "
                "column with --value",
                h->hdr[h->keys[i]]);
    return CT_OK;
}

int ct_series_read_csv(ct_series **out, FILE *in, const char *name,
                       const char *value_col, ct_error *err)
{
    csv_in r;
    csv_acc a;
    csv_head h;
    ct_series *s = NULL;
    int rc = CT_OK, got;

    *out = NULL;
    memset(&r, 0, sizeof r);
    memset(&a, 0, sizeof a);
    memset(&h, 0, sizeof h);
    r.in = in;
    r.name = name;
    r.err = err;
    a.im = calloc(1, sizeof *a.im);
    a.groups = ct_strtab_alloc();
    if (a.im == NULL || a.groups == NULL ||
        (a.im->vals = ct_strtab_alloc()) == NULL) {
        rc = ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
        goto done;
    }
    s = &a.im->pub;
    s->dataset = CT_DS_AUTO;
    s->measures[0] = CT_MEASURE_CONFLICTS;
    if ((rc = read_header(&r, &a, &h, value_col)) != CT_OK)
        goto done;
    while ((got = csv_in_line(&r)) == 1)
        if (r.line[0] != '\0' && (rc = read_row(&r, &a, &h)) != CT_OK)
            goto done;
    if (got < 0) {
        rc = got;
        goto done;
    }
    if ((rc = check_wide(&r, &a, &h)) != CT_OK)
        goto done;
    s->used = (long)s->n;
    if (a.cap == 0 && acc_grow_rows(&a, h.nkeys) != 0) { /* empty arrays */
        rc = ct_error_set(err, CT_ENOMEM, name, r.lineno, "out of memory");
        goto done;
    }
    if (s->partial) { /* keep the flags only when some row is partial */
        size_t k;
        for (k = 0; k < s->n && !s->partial[k]; k++)
            ;
        if (k == s->n) {
            free(s->partial);
            s->partial = NULL;
        }
    }
done:
    free(h.text);
    free(r.line);
    free(a.last_t);
    free(a.last_line);
    ct_strtab_free(a.groups);
    if (rc != CT_OK) {
        if (a.im)
            ct_series_free(&a.im->pub);
        return rc;
    }
    *out = &a.im->pub;
    return CT_OK;
}
