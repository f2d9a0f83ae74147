/* SPDX-License-Identifier: MIT
 * series_read.c - a series read back from `ctrend series` CSV
 * (ct_series_read_csv, ct_series_read_csv_path) through the libcsv
 * adapter (load/csv_reader.h), and the names of its key columns.
 */
#include "series/series_internal.h"
#include "load/csv_reader.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------ reading series CSV --- */

const char *ct_series_key_label(const ct_series *s, size_t j)
{
    const series_impl *im = (const series_impl *)s;
    if (j >= s->n_keys || j >= CT_SERIES_MAX_KEYS)
        return "unknown";
    return im->key_label[j] ? im->key_label[j] : ct_series_key_name(s->keys[j]);
}

/* bytes of line 1 kept as written, for the header's message */
#define FIRST_LINE_KEEP 1024

/* State of one ct_series_read_csv call: the libcsv adapter, and what the
 * bytes it reads show that its records do not (line 1 as written, the
 * length of every physical line). */
typedef struct csv_in {
    ct_csv *c;
    ct_csv_record rec;      /* the current record (the adapter's)      */
    const char *name;       /* path in messages, may be NULL           */
    ct_error *err;          /* the caller's, may be NULL               */
    ct_error scratch;       /* the adapter's errors when err is NULL   */
    long lineno;            /* physical line where `rec` starts        */
    unsigned long long bytes; /* bytes read so far                      */
    long phys;              /* physical line of the next byte read     */
    size_t linelen;         /* bytes of that line read so far          */
    long long_line;         /* first line over the limit, or 0         */
    int ends;               /* line ends: 0 not known yet, 1 LF (a CR is
                               a byte of the line), 2 CR, LF or CRLF
                               (an old Mac file, as the adapter reads) */
    int cr_last;            /* the last byte read was a CR (ends 0, 2)  */
    char first[FIRST_LINE_KEEP + 1]; /* line 1, as far as kept          */
    size_t nfirst;
    int first_done;         /* line 1 has ended                        */
} csv_in;

/* One physical line ends. */
static void line_end(csv_in *r)
{
    r->phys++;
    r->linelen = 0;
    r->first_done = 1;
}

/* n bytes of the current line (no line end among them): kept while on
 * line 1, measured against the limit. */
static void line_bytes(csv_in *r, const char *p, size_t n)
{
    if (!r->first_done && r->nfirst < FIRST_LINE_KEEP) {
        size_t k = FIRST_LINE_KEEP - r->nfirst < n ? FIRST_LINE_KEEP - r->nfirst
                                                   : n;
        memcpy(r->first + r->nfirst, p, k);
        r->nfirst += k;
    }
    r->linelen += n;
    if (r->linelen > CT_SERIES_CSV_MAX_LINE && r->long_line == 0)
        r->long_line = r->phys;
}

/* One byte while the line ends are not known or are an old Mac file's. */
static void watch_byte(csv_in *r, char ch)
{
    if (r->ends == 0 && r->cr_last) { /* the byte after line 1's first CR */
        r->ends = ch == '\n' ? 1 : 2;
        r->cr_last = r->ends == 2;
        if (r->ends == 1)
            line_bytes(r, "\r", 1);
        else
            line_end(r);
    }
    if (r->ends == 2) {
        if (ch == '\r' || (ch == '\n' && !r->cr_last))
            line_end(r);
        else if (ch != '\n')
            line_bytes(r, &ch, 1);
        r->cr_last = ch == '\r';
    } else if (ch == '\n') {
        r->ends = 1;
        line_end(r);
    } else if (ch == '\r' && r->ends == 0) {
        r->cr_last = 1;
    } else {
        line_bytes(r, &ch, 1);
    }
}

/* The adapter's byte hook: keeps line 1 and measures every physical line
 * as the line reader before it did (its bytes without the LF, CRs
 * included), except that the line ends of an old Mac file (decided, as
 * the adapter does, by the first line end: a CR not before LF) are CR,
 * LF and CRLF. */
static void watch_bytes(const void *p, size_t n, void *ctx)
{
    csv_in *r = ctx;
    const char *s = p, *e = s + n;

    r->bytes += n;
    while (s < e && r->ends != 1)
        watch_byte(r, *s++);
    while (s < e) {
        const char *nl = memchr(s, '\n', (size_t)(e - s));
        line_bytes(r, s, (size_t)((nl ? nl : e) - s));
        if (nl == NULL)
            break;
        line_end(r);
        s = nl + 1;
    }
}

/* Reads the next record into r->rec. Returns 1, 0 at the end of the
 * input, or a CT_E* code. A line over CT_SERIES_CSV_MAX_LINE is reported
 * once the reading has reached it, before anything on or after it. */
static int next_record(csv_in *r)
{
    ct_error *e = r->err ? r->err : &r->scratch;
    int rc = ct_csv_next(r->c, &r->rec, e);
    long last = ct_csv_lines(r->c);

    if (rc == 1 && r->rec.line > last)
        last = r->rec.line; /* the last line has no line end */
    if (r->long_line &&
        (rc == 0 || (rc == 1 && r->long_line <= last) ||
         (rc < 0 && (e->line <= 0 || r->long_line <= e->line))))
        return ct_error_set(r->err, CT_ELIMIT, r->name, r->long_line,
                            "line longer than %lu bytes (the limit)",
                            CT_SERIES_CSV_MAX_LINE);
    if (rc == 1)
        r->lineno = r->rec.line;
    return rc;
}

/* Line 1 as written (without a BOM and the CRs before its line end),
 * for the header's message. */
static const char *first_line(csv_in *r)
{
    char *p = r->first;
    size_t n = r->nfirst;

    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    while (r->first_done && n > 0 && p[n - 1] == '\r')
        n--;
    p[n] = '\0';
    return p;
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

/* A copy of the fields of rec in one block (returned, NULL when out of
 * memory), the first max of them pointed to by f. */
static char *copy_fields(const ct_csv_record *rec, char **f, size_t max)
{
    size_t i, bytes = 1;
    char *block, *p;

    for (i = 0; i < rec->n; i++)
        bytes += rec->len[i] + 1;
    if ((p = block = malloc(bytes)) == NULL)
        return NULL;
    for (i = 0; i < rec->n; i++) {
        memcpy(p, rec->field[i], rec->len[i] + 1);
        if (i < max)
            f[i] = p;
        p += rec->len[i] + 1;
    }
    return block;
}

/* The header of a series CSV: its columns and what each one is. */
typedef struct csv_head {
    char *text;                            /* the names (one block)    */
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
    int got = next_record(r);

    h->vcol = h->pcol = -1;
    if (got < 0)
        return got;
    if (got == 0 && r->bytes == 0)
        return ct_error_set(err, CT_EPARSE, name, 0,
                            "empty input: expected a `ctrend series` header");
    /* line 1 blank (the adapter passes over blank lines) or not a header */
    if (got == 0 || r->lineno != 1 || (nh = h->nh = (long)r->rec.n) < 2 ||
        strcmp(r->rec.field[0], "period") != 0)
        return ct_error_set(err, CT_EPARSE, name, 1,
                            "expected a `ctrend series` header "
                            "'period,[keys,]value', got '%.200s'",
                            first_line(r));
    if ((h->text = copy_fields(&r->rec, hdr, CT_SERIES_CSV_MAX_COLS)) ==
        NULL)
        return ct_error_set(err, CT_ENOMEM, name, r->lineno,
                            "out of memory");
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
    if (ct_csv_set_names(r->c, (const char *const *)hdr, (size_t)nh) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, name, r->lineno,
                            "out of memory");
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

/* Reads the record in r->rec (a data row) into the series. */
static int read_row(csv_in *r, csv_acc *a, const csv_head *h)
{
    const char *name = r->name;
    ct_error *err = r->err;
    ct_series *s = &a->im->pub;
    char *const *f = r->rec.field;
    long ids[CT_SERIES_MAX_KEYS], t, g;
    int year, month, vcol = h->vcol, pcol = h->pcol, rc;
    size_t nkeys = h->nkeys, i;
    double v;

    if ((long)r->rec.n != h->nh)
        return ct_error_set(err, CT_EPARSE, name, r->lineno,
                            "expected %ld fields as in the header, got %ld",
                            h->nh, (long)r->rec.n);
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

/* Reads the series CSV that c reads (taken: closed here). */
static int read_csv(ct_series **out, ct_csv *c, const char *name,
                    const char *value_col, ct_error *err)
{
    csv_in *r;
    csv_acc a;
    csv_head h;
    ct_series *s = NULL;
    int rc = CT_OK, got;

    *out = NULL;
    memset(&a, 0, sizeof a);
    memset(&h, 0, sizeof h);
    r = calloc(1, sizeof *r);
    a.im = calloc(1, sizeof *a.im);
    a.groups = ct_strtab_alloc();
    if (r == NULL || a.im == NULL || a.groups == NULL ||
        (a.im->vals = ct_strtab_alloc()) == NULL) {
        rc = ct_error_set(err, CT_ENOMEM, name, 0, "out of memory");
        goto done;
    }
    r->c = c;
    r->name = name;
    r->err = err;
    r->phys = 1;
    ct_csv_set_delimiter(c, ',');
    ct_csv_on_bytes(c, watch_bytes, r);
    s = &a.im->pub;
    s->dataset = CT_DS_AUTO;
    s->measures[0] = CT_MEASURE_CONFLICTS;
    if ((rc = read_header(r, &a, &h, value_col)) != CT_OK)
        goto done;
    while ((got = next_record(r)) == 1)
        if ((rc = read_row(r, &a, &h)) != CT_OK)
            goto done;
    if (got < 0) {
        rc = got;
        goto done;
    }
    if ((rc = check_wide(r, &a, &h)) != CT_OK)
        goto done;
    s->used = (long)s->n;
    if (a.cap == 0 && acc_grow_rows(&a, h.nkeys) != 0) { /* empty arrays */
        rc = ct_error_set(err, CT_ENOMEM, name, r->lineno, "out of memory");
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
    ct_csv_close(c);
    free(h.text);
    free(r);
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

int ct_series_read_csv(ct_series **out, FILE *in, const char *name,
                       const char *value_col, ct_error *err)
{
    ct_csv *c;
    int rc = ct_csv_open_stream(&c, in, name ? name : "", err);

    if (rc != CT_OK) {
        *out = NULL;
        return rc;
    }
    return read_csv(out, c, name, value_col, err);
}

int ct_series_read_csv_path(ct_series **out, const char *path,
                            const char *name, const char *value_col,
                            ct_error *err)
{
    ct_csv *c;
    int rc;

    if (name == NULL)
        name = path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
    rc = ct_csv_open(&c, path, name, err);

    if (rc != CT_OK) {
        *out = NULL;
        return rc;
    }
    return read_csv(out, c, name, value_col, err);
}
