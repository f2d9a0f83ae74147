/* SPDX-License-Identifier: MIT
 * series_finish.c - turning a builder into a series: the coverage of each
 * group and period (series.h "coverage"), the order of the groups, the
 * zero-filled rows; and the series' own allocation and release.
 */
#include "series/series_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/date.h"

static const ct_series_builder *sort_b;

static int cmp_combo(const void *pa, const void *pb)
{
    long a = *(const long *)pa, c = *(const long *)pb;
    size_t nk = sort_b->opt.n_keys, i;
    for (i = 0; i < nk; i++) {
        int r = strcmp(ct_strtab_get(sort_b->vals,
                                     sort_b->combo_vals[(size_t)a * nk + i]),
                       ct_strtab_get(sort_b->vals,
                                     sort_b->combo_vals[(size_t)c * nk + i]));
        if (r)
            return r;
    }
    return 0;
}

void ct_series_free(ct_series *s)
{
    series_impl *im = (series_impl *)s;
    if (s == NULL)
        return;
    free(s->year);
    free(s->month);
    free(s->key);
    free(s->value);
    free(s->extra[0]);
    free(s->extra[1]);
    free(s->partial);
    ct_strtab_free(im->vals);
    free(im);
}

/* First and last day of period p. */
static void period_days(long p, int by_month, long *ps, long *pe)
{
    if (by_month) {
        int y = (int)(p / 12), m = (int)(p % 12) + 1;
        *ps = ct_date_day_number(y, m, 1);
        *pe = ct_date_day_number(y, m, ct_date_days_in_month(y, m));
    } else {
        *ps = ct_date_day_number((int)p, 1, 1);
        *pe = ct_date_day_number((int)p, 12, 31);
    }
}

/* Period of day d (inverse of day_number via a year search: spans are
 * few, so this runs a handful of times). */
static long day_period(long d, int by_month)
{
    int y = (int)(d / 365.2425) + 1970, m;
    while (ct_date_day_number(y, 1, 1) > d)
        y--;
    while (ct_date_day_number(y + 1, 1, 1) <= d)
        y++;
    if (!by_month)
        return y;
    for (m = 12; m > 1 && ct_date_day_number(y, m, 1) > d; m--)
        ;
    return (long)y * 12 + (m - 1);
}

/* Allocates the hidden series and its row arrays (n rows, n_keys keys,
 * n_extra extra measures, a partial flag per row when partial); the
 * string table is left to the caller. NULL when out of memory. */
static series_impl *series_new(size_t n, size_t n_keys, size_t n_extra,
                               int partial)
{
    series_impl *im = calloc(1, sizeof *im);
    ct_series *s;
    size_t j, n1 = n ? n : 1;
    if (im == NULL)
        return NULL;
    s = &im->pub;
    s->n = n;
    s->n_keys = n_keys;
    s->n_extra = n_extra;
    s->year = malloc(n1 * sizeof *s->year);
    s->month = malloc(n1 * sizeof *s->month);
    s->key = malloc((n * n_keys > 0 ? n * n_keys : 1) * sizeof *s->key);
    s->value = malloc(n1 * sizeof *s->value);
    if (partial)
        s->partial = calloc(n1, 1);
    for (j = 0; j < n_extra; j++)
        s->extra[j] = malloc(n1 * sizeof *s->extra[j]);
    if (!s->year || !s->month || !s->key || !s->value ||
        (partial && !s->partial) || (n_extra > 0 && !s->extra[0]) ||
        (n_extra > 1 && !s->extra[1])) {
        ct_series_free(s);
        return NULL;
    }
    return im;
}

int ct_series_alloc(ct_series **out, size_t n, size_t n_keys,
                    size_t n_extra, ct_error *err)
{
    series_impl *im;
    ct_series *s;
    size_t i, j;

    *out = NULL;
    if (n_keys > CT_SERIES_MAX_KEYS || n_extra > 2)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "a series has at most %d keys and 2 extra "
                            "measures", CT_SERIES_MAX_KEYS);
    if (n > CT_SERIES_MAX_CELLS)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "more than %lu rows", CT_SERIES_MAX_CELLS);
    im = series_new(n, n_keys, n_extra, 0);
    if (im == NULL || (im->vals = ct_strtab_alloc()) == NULL) {
        ct_series_free(im ? &im->pub : NULL);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    s = &im->pub;
    for (j = 0; j < CT_SERIES_MAX_KEYS; j++)
        s->keys[j] = CT_KEY_COUNT;
    s->measures[0] = s->measures[1] = s->measures[2] = CT_MEASURE_CONFLICTS;
    s->dataset = CT_DS_AUTO;
    for (i = 0; i < n; i++) {
        s->year[i] = s->month[i] = 0;
        s->value[i] = (double)NAN;
        for (j = 0; j < n_extra; j++)
            s->extra[j][i] = (double)NAN;
        for (j = 0; j < n_keys; j++)
            s->key[i * n_keys + j] = "";
    }
    *out = s;
    return CT_OK;
}

const char *ct_series_intern(ct_series *s, const char *str)
{
    series_impl *im = (series_impl *)s;
    long id = ct_strtab_intern(im->vals, str, strlen(str), NULL);
    return id < 0 ? NULL : ct_strtab_get(im->vals, id);
}

/* The period range of the series (years or months since year 0): from
 * the options, else the data's (every file's span); p1 < p0 when there
 * are no rows. */
static void period_range(const ct_series_builder *b, long *p0, long *p1)
{
    long dmin = 0, dmax = -1; /* day numbers: negative before 1970 */
    int seen = 0;
    size_t f;
    for (f = 0; f < b->n_files; f++) {
        if (b->files[f].d0 > b->files[f].d1)
            continue;
        if (!seen || b->files[f].d0 < dmin)
            dmin = b->files[f].d0;
        if (!seen || b->files[f].d1 > dmax)
            dmax = b->files[f].d1;
        seen = 1;
    }
    if (b->opt.by_month) {
        *p0 = b->opt.from ? (long)b->opt.from * 12 : 0;
        *p1 = b->opt.to ? (long)b->opt.to * 12 + 11 : 0;
    } else {
        *p0 = b->opt.from;
        *p1 = b->opt.to;
    }
    if (seen) {
        if (!b->opt.from)
            *p0 = day_period(dmin, b->opt.by_month);
        if (!b->opt.to)
            *p1 = day_period(dmax, b->opt.by_month);
    } else if (!(b->opt.from && b->opt.to)) {
        *p0 = 0, *p1 = -1; /* no data and no range: no rows */
    }
}

/* A run of covered days, first to last (day numbers). */
typedef struct day_span {
    long d0, d1;
} day_span;

static int cmp_day_span(const void *pa, const void *pb)
{
    const day_span *a = pa, *b = pb;
    return a->d0 < b->d0 ? -1 : a->d0 > b->d0 ? 1 : 0;
}

/* Sorts v[0..n) and merges the spans that overlap or touch (the next
 * starts on the day after one ends) in place; the number left. */
static size_t spans_merge(day_span *v, size_t n)
{
    size_t i, m = 0;
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_day_span);
    for (i = 1; i < n; i++) {
        if (v[i].d0 <= v[m].d1 + 1) {
            if (v[i].d1 > v[m].d1)
                v[m].d1 = v[i].d1;
        } else {
            v[++m] = v[i];
        }
    }
    return m + 1;
}

/* out = a & b (sorted, disjoint lists); the number of spans in out, at
 * most na + nb (each ends where a span of a or b ends). */
static size_t spans_intersect(const day_span *a, size_t na,
                              const day_span *b, size_t nb, day_span *out)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        long lo = a[i].d0 > b[j].d0 ? a[i].d0 : b[j].d0;
        long hi = a[i].d1 < b[j].d1 ? a[i].d1 : b[j].d1;
        if (lo <= hi) {
            out[n].d0 = lo;
            out[n].d1 = hi;
            n++;
        }
        if (a[i].d1 < b[j].d1)
            i++;
        else
            j++;
    }
    return n;
}

/* The covered days of each country (c = ngeo: records in no known
 * country): the union of the spans of the files holding it, from the
 * ACLED start of its region under CT_COVERAGE_ACLED. Country c's spans
 * are (*spans)[off[c] .. off[c + 1]), sorted and disjoint; off has
 * ngeo + 2 entries. The spans array has room for one span per file and
 * country holding it (a bound on any intersection of them). 0, or -1
 * when out of memory. */
static int country_spans(const ct_series_builder *b, day_span **spans,
                         size_t **off, size_t *cap)
{
    size_t nc = b->ngeo + 1, c, f, total = 0;
    size_t *o = calloc(nc + 1, sizeof *o);
    day_span *v;
    int acled = b->opt.coverage == CT_COVERAGE_ACLED &&
                (b->dataset == CT_DS_ACLED || b->dataset == CT_DS_HAPI);

    if (o == NULL)
        return -1;
    for (f = 0; f < b->n_files; f++)
        if (b->files[f].d0 <= b->files[f].d1)
            for (c = 0; c < nc; c++)
                total += HAS_BIT(b->files[f].cset, c);
    v = malloc((total ? total : 1) * sizeof *v);
    if (v == NULL) {
        free(o);
        return -1;
    }
    for (c = 0; c < nc; c++) {
        long start = 0;
        size_t n = 0;
        int clip = acled && c < b->ngeo &&
                   ct_geo_at(b->opt.geo, c)->acled_start > 0;
        if (clip)
            start = ct_date_day_number(ct_geo_at(b->opt.geo, c)->acled_start,
                                       1, 1);
        for (f = 0; f < b->n_files; f++) {
            const file_span *fs = &b->files[f];
            day_span sp;
            if (fs->d0 > fs->d1 || !HAS_BIT(fs->cset, c))
                continue;
            sp.d0 = clip && fs->d0 < start ? start : fs->d0;
            sp.d1 = fs->d1;
            if (sp.d0 <= sp.d1)
                v[o[c] + n++] = sp;
        }
        o[c + 1] = o[c] + spans_merge(v + o[c], n);
    }
    *spans = v;
    *off = o;
    *cap = total;
    return 0;
}

/* Coverage of period [ps, pe] by the sorted, disjoint spans v[*i..n)
 * (0 none, 1 part, 2 all of it); advances *i past the spans that end
 * before ps (periods come in increasing order). */
static unsigned char period_cov(const day_span *v, size_t n, size_t *i,
                                long ps, long pe)
{
    long days = 0;
    size_t k;
    while (*i < n && v[*i].d1 < ps)
        (*i)++;
    for (k = *i; k < n && v[k].d0 <= pe; k++) {
        long lo = v[k].d0 > ps ? v[k].d0 : ps;
        long hi = v[k].d1 < pe ? v[k].d1 : pe;
        days += hi - lo + 1;
    }
    return days == 0 ? 0 : days == pe - ps + 1 ? 2 : 1;
}

/* gcov[combo * nper + k]: the coverage of period p0 + k by the days
 * every country seen in the group covers (the intersection of their
 * spans; a group with no country seen: the union of all files, so a
 * selection that matched nothing is covered where the data are). Sets
 * *any_partial when some period is covered in part. NULL when out of
 * memory. */
static unsigned char *group_coverage(const ct_series_builder *b, long p0,
                                     size_t nper, size_t ncombo,
                                     int *any_partial)
{
    day_span *cs = NULL, *all, *buf[2];
    size_t *off = NULL, cap = 0, nall = 0, i, j, c, f;
    unsigned char *gcov = malloc(nper > 0 && ncombo > 0 ? nper * ncombo : 1);
    long *pd = malloc((nper ? nper : 1) * 2 * sizeof *pd);

    all = malloc((b->n_files ? b->n_files : 1) * sizeof *all);
    buf[0] = buf[1] = NULL;
    if (gcov == NULL || pd == NULL || all == NULL ||
        country_spans(b, &cs, &off, &cap) < 0 ||
        (buf[0] = malloc((cap ? cap : 1) * sizeof *buf[0])) == NULL ||
        (buf[1] = malloc((cap ? cap : 1) * sizeof *buf[1])) == NULL) {
        free(gcov);
        gcov = NULL;
        goto done;
    }
    for (j = 0; j < nper; j++)
        period_days(p0 + (long)j, b->opt.by_month, &pd[2 * j], &pd[2 * j + 1]);
    for (f = 0; f < b->n_files; f++)
        if (b->files[f].d0 <= b->files[f].d1) {
            all[nall].d0 = b->files[f].d0;
            all[nall++].d1 = b->files[f].d1;
        }
    nall = spans_merge(all, nall);
    for (i = 0; i < ncombo; i++) {
        const unsigned char *set = b->combo_cset + i * b->cbytes;
        unsigned char *g = gcov + i * nper;
        const day_span *cur = all;
        size_t ncur = nall, k = 0;
        int seen = 0, x = 0;
        for (c = 0; c <= b->ngeo; c++) {
            const day_span *cc = cs + off[c];
            size_t nc = off[c + 1] - off[c];
            if (!HAS_BIT(set, c))
                continue;
            if (!seen) {
                if (nc > 0)
                    memcpy(buf[x], cc, nc * sizeof *cc);
                ncur = nc;
            } else {
                ncur = spans_intersect(buf[x], ncur, cc, nc, buf[1 - x]);
                x = 1 - x;
            }
            cur = buf[x];
            seen = 1;
        }
        for (j = 0; j < nper; j++) {
            g[j] = period_cov(cur, ncur, &k, pd[2 * j], pd[2 * j + 1]);
            if (g[j] == 1)
                *any_partial = 1;
        }
    }
done:
    free(cs);
    free(off);
    free(all);
    free(buf[0]);
    free(buf[1]);
    free(pd);
    return gcov;
}

/* Fills the rows of s: periods p0..p1, groups in the given order, values
 * from the cells, NaN where gcov (may be NULL) says not covered. */
static void fill_rows(const ct_series_builder *b, ct_series *s,
                      const long *order, size_t ncombo,
                      const unsigned char *gcov, long p0, long p1)
{
    size_t nk = b->opt.n_keys, nper = (size_t)(p1 - p0 + 1), row = 0, i, j;
    long p;
    for (p = p0; p <= p1; p++) {
        for (i = 0; i < ncombo; i++) {
            long key[2], cell;
            unsigned char cv = gcov ? gcov[(size_t)order[i] * nper +
                                           (size_t)(p - p0)]
                                    : 2;
            key[0] = p;
            key[1] = order[i];
            cell = ct_strtab_find(b->cells, (const char *)key, sizeof key);
            s->year[row] = b->opt.by_month ? (int)(p / 12) : (int)p;
            s->month[row] = b->opt.by_month ? (int)(p % 12) + 1 : 0;
            for (j = 0; j < b->nmeas; j++) {
                double *dst = j == 0 ? s->value : s->extra[j - 1];
                dst[row] = cell >= 0 ? b->cv[j][cell] : 0.0;
                if (cv == 0)
                    dst[row] = (double)NAN; /* not covered: unknown */
            }
            if (s->partial)
                s->partial[row] = cv == 1;
            for (j = 0; j < nk; j++)
                s->key[row * nk + j] = ct_strtab_get(
                    b->vals, b->combo_vals[(size_t)order[i] * nk + j]);
            row++;
        }
    }
}

int ct_series_builder_finish(ct_series_builder *b, ct_series **out,
                             ct_error *err)
{
    size_t nk = b->opt.n_keys, ncombo = ct_strtab_count(b->combos), i, j;
    long p0, p1, *order = NULL;
    series_impl *im;
    ct_series *s;
    size_t nper, n;
    unsigned char *gcov = NULL;
    int any_partial = 0;

    *out = NULL;
    period_range(b, &p0, &p1);
    if (nk == 0 && ncombo == 0) {
        long none = 0;
        if (series_intern_combo(b, &none, err) < 0)
            return CT_ENOMEM;
        ncombo = 1;
    }
    if (nk == 0) /* the total's countries include out-of-range rows' */
        for (j = 0; j < b->cbytes; j++)
            b->combo_cset[j] |= b->out_cset[j];
    nper = p1 >= p0 ? (size_t)(p1 - p0 + 1) : 0;
    n = nper * ncombo;
    if (n > CT_SERIES_MAX_CELLS)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "more than %lu rows: narrow the selection",
                            CT_SERIES_MAX_CELLS);
    if (b->opt.coverage != CT_COVERAGE_NONE &&
        (gcov = group_coverage(b, p0, nper, ncombo, &any_partial)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    im = series_new(n, nk, b->nmeas - 1, any_partial);
    order = malloc((ncombo ? ncombo : 1) * sizeof *order);
    if (im == NULL || order == NULL) {
        free(order);
        free(gcov);
        ct_series_free(im ? &im->pub : NULL);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    s = &im->pub;
    memcpy(s->keys, b->opt.keys, sizeof s->keys);
    s->by_month = b->opt.by_month;
    s->dataset = b->dataset;
    s->used = b->used;
    s->duplicates = b->duplicates;
    s->seen = b->seen_obs;
    for (j = 0; j < b->nmeas; j++)
        s->measures[j] = b->meas[j];
    for (i = 0; i < ncombo; i++)
        order[i] = (long)i;
    sort_b = b;
    qsort(order, ncombo, sizeof *order, cmp_combo);
    sort_b = NULL;
    fill_rows(b, s, order, ncombo, gcov, p0, p1);
    free(order);
    free(gcov);
    /* the key strings now belong to the series */
    im->vals = b->vals;
    b->vals = NULL;
    *out = s;
    return CT_OK;
}
