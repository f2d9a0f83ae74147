/* SPDX-License-Identifier: MIT
 * series.c - streaming aggregation of observations into zero-filled
 * series (series.h). Cells are (period, group combination); group values
 * and combinations are interned, so a row costs a few hash look-ups and no
 * allocation once its cells exist.
 */
#include "ctrend/series.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strtab.h"
#include "ctrend/date.h"

#define PCACHE 256 /* entries of the value-id cache (a power of two) */

typedef struct series_impl {
    ct_series pub;       /* what callers see (first member)           */
    ct_strtab *vals;     /* owned storage of key strings               */
    const char *key_label[CT_SERIES_MAX_KEYS]; /* key column names of a
                            series read from CSV (in vals), else NULL  */
} series_impl;

/* What one input file covers: the days from its first to its last date
 * (at the dataset's precision) and the countries it holds. */
typedef struct file_span {
    long d0, d1;          /* days since 1970-01-01; d0 > d1: no data    */
    unsigned char *cset;  /* bit per country of the table, then one for
                             records located in no known country       */
} file_span;

struct ct_series_builder {
    ct_series_options opt;
    file_span *files;           /* the input files, in order           */
    size_t n_files, files_cap;  /* files begun; current is n_files - 1 */
    size_t ngeo;                /* countries in the table              */
    size_t cbytes;              /* bytes of a country set              */
    unsigned char *combo_cset;  /* combo id -> countries seen in it    */
    unsigned char *out_cset;    /* countries of out-of-range rows (they
                                   bound the ungrouped total)         */
    long seen_obs;              /* observations added                  */
    unsigned region_filter;     /* bit mask; 0 = none                  */
    const ct_country **cfilter; /* resolved country filter             */
    ct_strtab *vals;            /* group value strings -> id           */
    ct_strtab *combos;          /* packed value ids -> combo id        */
    long *combo_vals;           /* combo id -> n_keys value ids        */
    size_t combo_cap;
    ct_strtab *cells;           /* (period, combo) -> cell id          */
    double *cv[3];              /* per measure: cell id -> value       */
    ct_measure meas[3];         /* the measures, primary first         */
    size_t nmeas;
    size_t cell_cap;
    ct_strtab *conf;            /* (cell, conflict id) seen            */
    ct_strtab *seen;            /* record ids seen (dedup)             */
    ct_dataset dataset;         /* first dataset added                 */
    long pmin, pmax;            /* observed period range               */
    long used, duplicates;
    int checked;                /* dataset/measure checked             */
    struct {
        const char *p;          /* a stable value string               */
        long id;                /* its id in vals                      */
    } pcache[PCACHE];           /* saves hashing names seen before     */
};

static const char *const KEY[CT_KEY_COUNT] = {"class", "region", "subregion",
                                              "country", "event_type"};

const char *ct_series_key_name(ct_key k)
{
    return (unsigned)k < CT_KEY_COUNT ? KEY[k] : "unknown";
}

ct_key ct_series_key_parse(const char *s)
{
    size_t i;
    for (i = 0; i < CT_KEY_COUNT; i++)
        if (strcasecmp(s, KEY[i]) == 0)
            return (ct_key)i;
    if (strcasecmp(s, "event-type") == 0 || strcasecmp(s, "type") == 0)
        return CT_KEY_EVENT_TYPE;
    return CT_KEY_COUNT;
}

const char *ct_series_measure_name(ct_measure m)
{
    static const char *const M[] = {"conflicts", "events", "deaths"};
    return (unsigned)m < 3 ? M[m] : "unknown";
}

void ct_series_builder_free(ct_series_builder *b)
{
    if (b == NULL)
        return;
    free(b->cfilter);
    ct_strtab_free(b->vals);
    ct_strtab_free(b->combos);
    free(b->combo_vals);
    free(b->combo_cset);
    free(b->out_cset);
    {
        size_t f;
        for (f = 0; f < b->n_files; f++)
            free(b->files[f].cset);
        free(b->files);
    }
    ct_strtab_free(b->cells);
    free(b->cv[0]);
    free(b->cv[1]);
    free(b->cv[2]);
    ct_strtab_free(b->conf);
    ct_strtab_free(b->seen);
    free(b);
}

int ct_series_builder_alloc(ct_series_builder **out,
                            const ct_series_options *opt, ct_error *err)
{
    ct_series_builder *b;
    size_t i;

    *out = NULL;
    if (opt->geo == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "no country table");
    if (opt->n_keys > CT_SERIES_MAX_KEYS)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "too many group keys");
    for (i = 0; i < opt->n_keys; i++) {
        size_t j;
        if ((unsigned)opt->keys[i] >= CT_KEY_COUNT)
            return ct_error_set(err, CT_EUSAGE, NULL, 0, "bad group key");
        for (j = 0; j < i; j++)
            if (opt->keys[j] == opt->keys[i])
                return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                    "group key '%s' given twice",
                                    KEY[opt->keys[i]]);
    }
    if (opt->from && opt->to && opt->from > opt->to)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "--from %d is after --to %d", opt->from, opt->to);
    b = calloc(1, sizeof *b);
    if (b == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    b->opt = *opt;
    b->pmin = -1;
    b->meas[0] = opt->measure;
    b->nmeas = 1;
    for (i = 0; i < opt->n_extra && i < 2; i++)
        b->meas[b->nmeas++] = opt->extra[i];
    b->vals = ct_strtab_alloc();
    b->combos = ct_strtab_alloc();
    b->cells = ct_strtab_alloc();
    b->conf = ct_strtab_alloc();
    b->seen = ct_strtab_alloc();
    b->cfilter = calloc(opt->n_countries + 1, sizeof *b->cfilter);
    b->ngeo = ct_geo_count(opt->geo);
    b->cbytes = (b->ngeo + 1 + 7) / 8;
    b->out_cset = calloc(b->cbytes, 1);
    if (!b->vals || !b->combos || !b->cells || !b->conf || !b->seen ||
        !b->cfilter || !b->out_cset) {
        ct_series_builder_free(b);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < opt->n_regions; i++) {
        int r = ct_geo_region_parse(opt->regions[i]);
        if (r == 0 && strlen(opt->regions[i]) == 1 &&
            opt->regions[i][0] >= '1' && opt->regions[i][0] <= '5')
            r = opt->regions[i][0] - '0';
        if (r == 0) {
            ct_series_builder_free(b);
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "unknown region '%s' (regions: Europe, "
                                "Middle East, Asia, Africa, Americas)",
                                opt->regions[i]);
        }
        b->region_filter |= 1u << (r - 1);
    }
    for (i = 0; i < opt->n_subregions; i++) {
        size_t k, n = ct_geo_count(opt->geo);
        int found = 0;
        for (k = 0; k < n && !found; k++)
            found = strcasecmp(ct_geo_country_subregion(ct_geo_at(opt->geo, k),
                                                    opt->scheme),
                               opt->subregions[i]) == 0;
        if (!found) {
            ct_series_builder_free(b);
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "unknown subregion '%s' in the %s scheme",
                                opt->subregions[i],
                                opt->scheme == CT_SCHEME_UN ? "un" : "acled");
        }
    }
    for (i = 0; i < opt->n_countries; i++) {
        const char *s = opt->countries[i];
        const ct_country *c = ct_geo_by_name(opt->geo, s);
        char *end;
        long gw = strtol(s, &end, 10);
        if (c == NULL && end != s && *end == '\0')
            c = ct_geo_by_gwno(opt->geo, (int)gw);
        if (c == NULL) {
            ct_series_builder_free(b);
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "unknown country '%s' (give a name, ISO3 "
                                "code or GW number)", s);
        }
        b->cfilter[i] = c;
    }
    *out = b;
    return CT_OK;
}

/* Checks, once, that the dataset can give what was asked. */
static int check_dataset(ct_series_builder *b, const ct_obs *o,
                         ct_error *err)
{
    ct_dataset d = o->dataset;
    const char *t = ct_obs_dataset_title(d);
    size_t i;

    if (b->checked) {
        if (d != b->dataset)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "cannot add %s to a series of %s: give "
                                "files of one dataset", t,
                                ct_obs_dataset_title(b->dataset));
        return CT_OK;
    }
    b->checked = 1;
    b->dataset = d;
    for (i = 0; i < b->nmeas; i++) {
        ct_measure m = b->meas[i];
        if (m == CT_MEASURE_CONFLICTS && (d == CT_DS_ACLED || d == CT_DS_HAPI))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s carry no conflict identifier, so they "
                                "cannot count conflicts: use --measure "
                                "events or deaths", t);
        if (m == CT_MEASURE_DEATHS && d == CT_DS_ACD)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "the %s has no death counts: use the "
                                "Battle-Related Deaths dataset for deaths",
                                t);
        if (m == CT_MEASURE_DEATHS && b->opt.estimate != CT_EST_BEST &&
            (d == CT_DS_ACLED || d == CT_DS_HAPI))
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "%s give one fatality count, not low and "
                                "high estimates: use --estimate best", t);
    }
    if (b->opt.by_month && o->prec == CT_PREC_YEAR &&
        o->unit != CT_UNIT_EVENT && o->unit != CT_UNIT_AREA_MONTH)
        return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                            "the %s is yearly: --by month needs dated "
                            "events (GED or ACLED)", t);
    return CT_OK;
}

#define MAXV 64 /* most values of one key for one observation */

typedef struct valset {
    size_t n;
    const char *v[MAXV];
    unsigned char stable[MAXV]; /* v lives as long as the builder (class
                                   and region names, the country table),
                                   so its address identifies it          */
} valset;

static void vs_add2(valset *s, const char *v, int stable)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (s->v[i] == v || strcmp(s->v[i], v) == 0)
            return;
    if (s->n < MAXV) {
        s->stable[s->n] = (unsigned char)stable;
        s->v[s->n++] = v;
    }
}

#define vs_add(s, v) vs_add2((s), (v), 1)

static int in_list(const char *v, const char *const *list, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcasecmp(v, list[i]) == 0)
            return 1;
    return 0;
}

/* With a region filter, a location in a country of another region adds
 * no subregion or country value (a conflict in "Europe, Asia" selected
 * with --region Asia shows only its Asian places). */
static int in_regions(const ct_series_builder *b, const ct_country *c)
{
    return !b->region_filter || c->ucdp_region == 0 ||
           (b->region_filter >> (c->ucdp_region - 1) & 1u);
}

/* The values of key k for observation o after the filters; an empty set
 * means the observation is filtered out. */
static void values(const ct_series_builder *b, const ct_obs *o, ct_key k,
                   valset *s)
{
    size_t i;
    s->n = 0;
    switch (k) {
    case CT_KEY_CLASS:
        vs_add(s, ct_obs_class_name(o->cls));
        break;
    case CT_KEY_REGION:
        for (i = 0; i < 5; i++)
            if ((o->region_mask >> i & 1u) &&
                (!b->region_filter || (b->region_filter >> i & 1u)))
                vs_add(s, ct_geo_region_name((int)i + 1));
        if (o->region_mask == 0 && !b->region_filter)
            vs_add(s, "unknown");
        break;
    case CT_KEY_SUBREGION:
        for (i = 0; i < o->n_loc; i++) {
            const char *v = ct_geo_country_subregion(o->loc[i], b->opt.scheme);
            if (!in_regions(b, o->loc[i]))
                continue;
            if (!b->opt.n_subregions ||
                in_list(v, b->opt.subregions, b->opt.n_subregions))
                vs_add(s, v);
        }
        if (o->n_loc == 0 && !b->opt.n_subregions)
            vs_add(s, "unknown");
        break;
    case CT_KEY_COUNTRY:
        for (i = 0; i < o->n_loc; i++) {
            size_t j;
            int ok = b->opt.n_countries == 0 && in_regions(b, o->loc[i]);
            for (j = 0; j < b->opt.n_countries && !ok; j++)
                ok = b->cfilter[j] == o->loc[i];
            if (ok)
                vs_add(s, o->loc[i]->name);
        }
        if (o->n_loc == 0 && !b->opt.n_countries)
            vs_add2(s, o->country_name[0] ? o->country_name : "unknown",
                    o->country_name[0] == '\0');
        break;
    case CT_KEY_EVENT_TYPE:
        vs_add2(s, o->event_type[0] ? o->event_type : "unknown",
                o->event_type[0] == '\0');
        break;
    default:
        break;
    }
}

static int grow_cells(ct_series_builder *b, size_t need, ct_error *err)
{
    size_t nc = b->cell_cap ? b->cell_cap : 256, m;
    if (need <= b->cell_cap)
        return CT_OK;
    if (need > CT_SERIES_MAX_CELLS)
        return ct_error_set(err, CT_ELIMIT, NULL, 0,
                            "more than %lu cells (periods x groups): narrow "
                            "the selection or group by fewer keys",
                            CT_SERIES_MAX_CELLS);
    while (nc < need)
        nc *= 2;
    for (m = 0; m < b->nmeas; m++) {
        double *nv = realloc(b->cv[m], nc * sizeof *nv);
        if (nv == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        memset(nv + b->cell_cap, 0, (nc - b->cell_cap) * sizeof *nv);
        b->cv[m] = nv;
    }
    b->cell_cap = nc;
    return CT_OK;
}

static long intern_combo(ct_series_builder *b, const long *ids, ct_error *err)
{
    size_t nk = b->opt.n_keys;
    int added;
    long c = ct_strtab_intern(b->combos, (const char *)ids,
                              nk * sizeof *ids, &added);
    if (c < 0)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory"), -1;
    if (added) {
        if ((size_t)c >= b->combo_cap) {
            size_t ncap = b->combo_cap ? 2 * b->combo_cap : 64;
            long *nv = realloc(b->combo_vals, ncap * (nk ? nk : 1) *
                                                  sizeof *nv);
            unsigned char *ncs;
            if (nv == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0,
                                    "out of memory"), -1;
            b->combo_vals = nv;
            ncs = realloc(b->combo_cset, ncap * b->cbytes);
            if (ncs == NULL)
                return ct_error_set(err, CT_ENOMEM, NULL, 0,
                                    "out of memory"), -1;
            b->combo_cset = ncs;
            b->combo_cap = ncap;
        }
        memset(b->combo_cset + (size_t)c * b->cbytes, 0, b->cbytes);
        if (nk)
            memcpy(b->combo_vals + (size_t)c * nk, ids, nk * sizeof *ids);
    }
    return c;
}

static int add_cell(ct_series_builder *b, long period, long combo,
                    const ct_obs *o, const double *v, ct_error *err)
{
    long key[2];
    long cell;
    size_t m;
    int rc;

    key[0] = period;
    key[1] = combo;
    cell = ct_strtab_intern(b->cells, (const char *)key, sizeof key, NULL);
    if (cell < 0)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    if ((rc = grow_cells(b, (size_t)cell + 1, err)) != CT_OK)
        return rc;
    for (m = 0; m < b->nmeas; m++) {
        if (b->meas[m] == CT_MEASURE_CONFLICTS) {
            char buf[160];
            size_t n = strlen(o->conflict_id);
            int added;
            if (n == 0 || n > sizeof buf - sizeof cell)
                continue;
            memcpy(buf, &cell, sizeof cell);
            memcpy(buf + sizeof cell, o->conflict_id, n);
            if (ct_strtab_intern(b->conf, buf, sizeof cell + n, &added) < 0)
                return ct_error_set(err, CT_ENOMEM, NULL, 0,
                                    "out of memory");
            if (added)
                b->cv[m][cell] += 1;
        } else {
            b->cv[m][cell] += v[m];
        }
    }
    return CT_OK;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-
 * days algorithm of H. Hinnant, "chrono-compatible low-level date
 * algorithms", run backwards). */
static long day_number(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The days an observation stands for, at the precision its dataset is
 * published in: ACLED by day, GED events and HAPI aggregates by month
 * (UCDP releases GED in whole months), the other UCDP datasets by year. */
static void obs_days(const ct_obs *o, long *d0, long *d1)
{
    int prec = o->prec;
    if (o->dataset != CT_DS_ACLED && prec > CT_PREC_MONTH)
        prec = CT_PREC_MONTH;
    if (o->dataset != CT_DS_ACLED && o->dataset != CT_DS_GED &&
        o->dataset != CT_DS_HAPI)
        prec = CT_PREC_YEAR;
    if (o->month < 1 || o->month > 12)
        prec = CT_PREC_YEAR;
    else if (prec == CT_PREC_DAY && (o->day < 1 || o->day > 31))
        prec = CT_PREC_MONTH;
    if (prec == CT_PREC_YEAR) {
        *d0 = day_number(o->year, 1, 1);
        *d1 = day_number(o->year, 12, 31);
    } else if (prec == CT_PREC_MONTH) {
        *d0 = day_number(o->year, o->month, 1);
        *d1 = day_number(o->year, o->month,
                         ct_date_days_in_month(o->year, o->month));
    } else {
        *d0 = *d1 = day_number(o->year, o->month, o->day);
    }
}

int ct_series_builder_begin_file(ct_series_builder *b, ct_error *err)
{
    file_span *f;
    if (b->n_files == b->files_cap) {
        size_t nc = b->files_cap ? 2 * b->files_cap : 4;
        file_span *nf = realloc(b->files, nc * sizeof *nf);
        if (nf == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        b->files = nf;
        b->files_cap = nc;
    }
    f = &b->files[b->n_files];
    f->d0 = 1;
    f->d1 = 0;
    f->cset = calloc(b->cbytes, 1);
    if (f->cset == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    b->n_files++;
    return CT_OK;
}

#define SET_BIT(set, i) ((set)[(i) >> 3] |= (unsigned char)(1u << ((i) & 7)))
#define HAS_BIT(set, i) ((set)[(i) >> 3] >> ((i) & 7) & 1u)

static size_t country_index(const ct_series_builder *b, const ct_country *c)
{
    return (size_t)(c - ct_geo_at(b->opt.geo, 0));
}

/* Widens the current file's span by o and adds its countries. */
static int note_span(ct_series_builder *b, const ct_obs *o, ct_error *err)
{
    file_span *f;
    long d0, d1;
    size_t i;
    int rc;

    if (b->n_files == 0 && (rc = ct_series_builder_begin_file(b, err)) != CT_OK)
        return rc;
    f = &b->files[b->n_files - 1];
    obs_days(o, &d0, &d1);
    if (f->d0 > f->d1) {
        f->d0 = d0;
        f->d1 = d1;
    } else {
        if (d0 < f->d0)
            f->d0 = d0;
        if (d1 > f->d1)
            f->d1 = d1;
    }
    for (i = 0; i < o->n_loc; i++)
        SET_BIT(f->cset, country_index(b, o->loc[i]));
    if (o->n_loc == 0)
        SET_BIT(f->cset, b->ngeo);
    b->seen_obs++;
    return CT_OK;
}

/* Adds the countries o stands for in a group to set: its locations in the
 * selected regions, or only the one named country when the group is a
 * country (country, NULL otherwise); "no known country" when none. */
static void mark_countries(const ct_series_builder *b, unsigned char *set,
                           const ct_obs *o, const char *country)
{
    size_t i;
    int any = 0;
    for (i = 0; i < o->n_loc; i++) {
        if (country ? o->loc[i]->name != country : !in_regions(b, o->loc[i]))
            continue;
        SET_BIT(set, country_index(b, o->loc[i]));
        any = 1;
    }
    if (!any)
        SET_BIT(set, b->ngeo);
}

int ct_series_builder_add(const ct_obs *o, void *ctx, ct_error *err)
{
    ct_series_builder *b = ctx;
    valset vs[CT_SERIES_MAX_KEYS], tmp;
    size_t nk = b->opt.n_keys, i, idx[CT_SERIES_MAX_KEYS];
    long period, ids[CT_SERIES_MAX_KEYS];
    double v[3] = {0, 0, 0};
    int rc, ckey = -1;

    if ((rc = check_dataset(b, o, err)) != CT_OK)
        return rc;
    if ((rc = note_span(b, o, err)) != CT_OK)
        return rc;
    if ((b->opt.from && o->year < b->opt.from) ||
        (b->opt.to && o->year > b->opt.to)) {
        /* out of range, but its coverage still bounds the total */
        for (i = 0; i < o->n_loc; i++)
            SET_BIT(b->out_cset, country_index(b, o->loc[i]));
        return CT_OK;
    }
    if (b->opt.class_mask && !(b->opt.class_mask >> o->cls & 1u))
        return CT_OK;
    /* filters on keys that are not grouped */
    if (b->region_filter) {
        values(b, o, CT_KEY_REGION, &tmp);
        if (tmp.n == 0)
            return CT_OK;
    }
    if (b->opt.n_subregions) {
        values(b, o, CT_KEY_SUBREGION, &tmp);
        if (tmp.n == 0)
            return CT_OK;
    }
    if (b->opt.n_countries) {
        values(b, o, CT_KEY_COUNTRY, &tmp);
        if (tmp.n == 0)
            return CT_OK;
    }
    if (b->opt.dedup && o->record_id[0]) {
        int added;
        if (ct_strtab_intern(b->seen, o->record_id, strlen(o->record_id),
                             &added) < 0)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        if (!added) {
            b->duplicates++;
            return CT_OK;
        }
    }
    for (i = 0; i < b->nmeas; i++) {
        if (b->meas[i] == CT_MEASURE_EVENTS) {
            v[i] = o->events;
        } else if (b->meas[i] == CT_MEASURE_DEATHS) {
            v[i] = b->opt.estimate == CT_EST_LOW ? o->low
                   : b->opt.estimate == CT_EST_HIGH ? o->high : o->best;
            if (isnan(v[i]))
                return ct_error_set(err, CT_EDOMAIN, NULL, o->line,
                                    "no %s death estimate in this record",
                                    b->opt.estimate == CT_EST_LOW ? "low"
                                    : b->opt.estimate == CT_EST_HIGH
                                        ? "high"
                                        : "best");
        } else {
            v[i] = 0;
        }
    }
    if (b->opt.by_month && o->month == 0)
        return ct_error_set(err, CT_EDOMAIN, NULL, o->line,
                            "record has no month: --by month needs dates");
    period = b->opt.by_month ? (long)o->year * 12 + (o->month - 1)
                             : (long)o->year;
    for (i = 0; i < nk; i++) {
        values(b, o, b->opt.keys[i], &vs[i]);
        if (vs[i].n == 0)
            return CT_OK;
        idx[i] = 0;
    }
    for (i = 0; i < nk; i++)
        if (b->opt.keys[i] == CT_KEY_COUNTRY)
            ckey = (int)i;
    b->used++;
    if (b->pmin < 0 || period < b->pmin)
        b->pmin = period;
    if (period > b->pmax)
        b->pmax = period;
    /* every combination of the observation's group values */
    for (;;) {
        long combo;
        for (i = 0; i < nk; i++) {
            const char *s = vs[i].v[idx[i]];
            size_t slot = ((size_t)(uintptr_t)s >> 3) & (PCACHE - 1);
            if (vs[i].stable[idx[i]] && b->pcache[slot].p == s) {
                ids[i] = b->pcache[slot].id;
                continue;
            }
            ids[i] = ct_strtab_intern(b->vals, s, strlen(s), NULL);
            if (ids[i] < 0)
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            if (vs[i].stable[idx[i]]) {
                b->pcache[slot].p = s;
                b->pcache[slot].id = ids[i];
            }
        }
        combo = intern_combo(b, ids, err);
        if (combo < 0)
            return err ? err->code : CT_ENOMEM;
        /* the countries seen in a group bound its coverage (finish) */
        mark_countries(b, b->combo_cset + (size_t)combo * b->cbytes, o,
                       ckey < 0 ? NULL
                       : vs[ckey].stable[idx[ckey]] ? vs[ckey].v[idx[ckey]]
                                                    : "");
        if ((rc = add_cell(b, period, combo, o, v, err)) != CT_OK)
            return rc;
        for (i = nk; i-- > 0;) {
            if (++idx[i] < vs[i].n)
                break;
            idx[i] = 0;
        }
        if (i == (size_t)-1 || nk == 0)
            break;
    }
    return CT_OK;
}

int ct_series_builder_merge(ct_series_builder *dst,
                            const ct_series_builder *src, ct_error *err)
{
    size_t nk = src->opt.n_keys, ncell = ct_strtab_count(src->cells), i, j;
    long *map = NULL, ids[CT_SERIES_MAX_KEYS];
    int rc;

    if (src->checked) {
        if (dst->checked && dst->dataset != src->dataset)
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "cannot merge series of different datasets");
        dst->checked = 1;
        dst->dataset = src->dataset;
    }
    map = malloc((ncell ? ncell : 1) * sizeof *map);
    if (map == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    for (i = 0; i < ncell; i++) {
        long key[2], period, combo, dkey[2], dcombo, cell;
        /* strtab strings are packed, so a key may sit at any address */
        memcpy(key, ct_strtab_get(src->cells, (long)i), sizeof key);
        period = key[0];
        combo = key[1];
        for (j = 0; j < nk; j++) {
            long v = src->combo_vals[(size_t)combo * nk + j];
            const char *str = ct_strtab_get(src->vals, v);
            ids[j] = ct_strtab_intern(dst->vals, str,
                                      ct_strtab_len(src->vals, v), NULL);
            if (ids[j] < 0)
                goto oom;
        }
        dcombo = intern_combo(dst, ids, err);
        if (dcombo < 0) {
            free(map);
            return err ? err->code : CT_ENOMEM;
        }
        for (j = 0; j < dst->cbytes; j++)
            dst->combo_cset[(size_t)dcombo * dst->cbytes + j] |=
                src->combo_cset[(size_t)combo * src->cbytes + j];
        dkey[0] = period;
        dkey[1] = dcombo;
        cell = ct_strtab_intern(dst->cells, (const char *)dkey, sizeof dkey,
                                NULL);
        if (cell < 0)
            goto oom;
        if ((rc = grow_cells(dst, (size_t)cell + 1, err)) != CT_OK) {
            free(map);
            return rc;
        }
        map[i] = cell;
        for (j = 0; j < dst->nmeas; j++)
            if (dst->meas[j] != CT_MEASURE_CONFLICTS)
                dst->cv[j][cell] += src->cv[j][i];
    }
    for (j = 0; j < dst->nmeas; j++) {
        size_t nconf;
        if (dst->meas[j] != CT_MEASURE_CONFLICTS)
            continue;
        nconf = ct_strtab_count(src->conf);
        for (i = 0; i < nconf; i++) {
            const char *k = ct_strtab_get(src->conf, (long)i);
            size_t len = ct_strtab_len(src->conf, (long)i);
            char buf[160];
            long scell, dcell;
            int added;
            memcpy(&scell, k, sizeof scell);
            dcell = map[scell];
            memcpy(buf, &dcell, sizeof dcell);
            memcpy(buf + sizeof dcell, k + sizeof scell, len - sizeof scell);
            if (ct_strtab_intern(dst->conf, buf, len, &added) < 0)
                goto oom;
            if (added)
                dst->cv[j][dcell] += 1;
        }
    }
    if (src->pmin >= 0 && (dst->pmin < 0 || src->pmin < dst->pmin))
        dst->pmin = src->pmin;
    if (src->pmax > dst->pmax)
        dst->pmax = src->pmax;
    for (i = 0; i < src->n_files; i++) {
        file_span *d;
        const file_span *f = &src->files[i];
        while (dst->n_files <= i)
            if ((rc = ct_series_builder_begin_file(dst, err)) != CT_OK) {
                free(map);
                return rc;
            }
        d = &dst->files[i];
        if (f->d0 <= f->d1) {
            if (d->d0 > d->d1 || f->d0 < d->d0)
                d->d0 = f->d0;
            if (d->d0 > d->d1 || f->d1 > d->d1)
                d->d1 = f->d1;
        }
        for (j = 0; j < dst->cbytes; j++)
            d->cset[j] |= f->cset[j];
    }
    for (j = 0; j < dst->cbytes; j++)
        dst->out_cset[j] |= src->out_cset[j];
    dst->seen_obs += src->seen_obs;
    dst->used += src->used;
    dst->duplicates += src->duplicates;
    free(map);
    return CT_OK;
oom:
    free(map);
    return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
}

int ct_series_builder_reset(void *ctx)
{
    ct_series_builder *b = ctx;
    ct_strtab *t[5];
    size_t i;

    t[0] = ct_strtab_alloc();
    t[1] = ct_strtab_alloc();
    t[2] = ct_strtab_alloc();
    t[3] = ct_strtab_alloc();
    t[4] = ct_strtab_alloc();
    for (i = 0; i < 5; i++)
        if (t[i] == NULL) {
            for (i = 0; i < 5; i++)
                ct_strtab_free(t[i]);
            return CT_ENOMEM;
        }
    ct_strtab_free(b->vals);
    ct_strtab_free(b->combos);
    ct_strtab_free(b->cells);
    ct_strtab_free(b->conf);
    ct_strtab_free(b->seen);
    b->vals = t[0];
    b->combos = t[1];
    b->cells = t[2];
    b->conf = t[3];
    b->seen = t[4];
    for (i = 0; b->cell_cap && i < b->nmeas; i++)
        memset(b->cv[i], 0, b->cell_cap * sizeof *b->cv[i]);
    b->pmin = -1;
    b->pmax = 0;
    b->used = b->duplicates = 0;
    b->checked = 0;
    b->seen_obs = 0;
    memset(b->out_cset, 0, b->cbytes);
    /* the files stay begun (merging goes by file index); their spans go */
    for (i = 0; i < b->n_files; i++) {
        b->files[i].d0 = 1;
        b->files[i].d1 = 0;
        memset(b->files[i].cset, 0, b->cbytes);
    }
    memset(b->pcache, 0, sizeof b->pcache);
    return CT_OK;
}

/* qsort context: C11 has no qsort_r, so the comparison reads a file-scope
 * pointer set just before sorting (one sort at a time). */
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

/* Coverage of a period by a span: 0 none, 1 part, 2 all of it. */
static unsigned char span_cov(long d0, long d1, long ps, long pe)
{
    if (d0 > d1 || d1 < ps || d0 > pe)
        return 0;
    return d0 <= ps && d1 >= pe ? 2 : 1;
}

/* First and last day of period p. */
static void period_days(long p, int by_month, long *ps, long *pe)
{
    if (by_month) {
        int y = (int)(p / 12), m = (int)(p % 12) + 1;
        *ps = day_number(y, m, 1);
        *pe = day_number(y, m, ct_date_days_in_month(y, m));
    } else {
        *ps = day_number((int)p, 1, 1);
        *pe = day_number((int)p, 12, 31);
    }
}

/* Period of day d (inverse of day_number via a year search: spans are
 * few, so this runs a handful of times). */
static long day_period(long d, int by_month)
{
    int y = (int)(d / 365.2425) + 1970, m;
    while (day_number(y, 1, 1) > d)
        y--;
    while (day_number(y + 1, 1, 1) <= d)
        y++;
    if (!by_month)
        return y;
    for (m = 12; m > 1 && day_number(y, m, 1) > d; m--)
        ;
    return (long)y * 12 + (m - 1);
}

/* cov[c * nper + k]: coverage of period p0 + k for country c (c = ngeo:
 * records in no known country), the best over the files holding it,
 * from the ACLED start of its region under CT_COVERAGE_ACLED. */
static unsigned char *country_coverage(const ct_series_builder *b, long p0,
                                       size_t nper)
{
    size_t nc = b->ngeo + 1, c, k, f;
    unsigned char *cov = calloc(nc * (nper ? nper : 1), 1);
    int acled = b->opt.coverage == CT_COVERAGE_ACLED &&
                (b->dataset == CT_DS_ACLED || b->dataset == CT_DS_HAPI);

    if (cov == NULL)
        return NULL;
    for (k = 0; k < nper; k++) {
        long ps, pe;
        period_days(p0 + (long)k, b->opt.by_month, &ps, &pe);
        for (f = 0; f < b->n_files; f++) {
            const file_span *fs = &b->files[f];
            unsigned char v = span_cov(fs->d0, fs->d1, ps, pe);
            if (v == 0)
                continue;
            for (c = 0; c < nc; c++)
                if (HAS_BIT(fs->cset, c) && cov[c * nper + k] < v)
                    cov[c * nper + k] = v;
        }
        if (acled) {
            int year = b->opt.by_month ? (int)((p0 + (long)k) / 12)
                                       : (int)(p0 + (long)k);
            for (c = 0; c < b->ngeo; c++)
                if (year < ct_geo_at(b->opt.geo, c)->acled_start)
                    cov[c * nper + k] = 0;
        }
    }
    return cov;
}

int ct_series_builder_finish(ct_series_builder *b, ct_series **out,
                             ct_error *err)
{
    size_t nk = b->opt.n_keys, ncombo = ct_strtab_count(b->combos), i, j;
    long p0, p1, p, *order = NULL, dmin = 0, dmax = -1;
    series_impl *im;
    ct_series *s;
    size_t row = 0, nper, n, f, c;
    unsigned char *ccov = NULL, *gcov = NULL, *all = NULL;
    int any_partial = 0;

    *out = NULL;
    /* the data's range: every file's span, whatever the selection */
    for (f = 0; f < b->n_files; f++) {
        if (b->files[f].d0 > b->files[f].d1)
            continue;
        if (dmin > dmax || b->files[f].d0 < dmin)
            dmin = b->files[f].d0;
        if (b->files[f].d1 > dmax)
            dmax = b->files[f].d1;
    }
    if (b->opt.by_month) {
        p0 = b->opt.from ? (long)b->opt.from * 12 : 0;
        p1 = b->opt.to ? (long)b->opt.to * 12 + 11 : 0;
    } else {
        p0 = b->opt.from;
        p1 = b->opt.to;
    }
    if (dmin <= dmax) {
        if (!b->opt.from)
            p0 = day_period(dmin, b->opt.by_month);
        if (!b->opt.to)
            p1 = day_period(dmax, b->opt.by_month);
    } else if (!(b->opt.from && b->opt.to)) {
        p0 = 0, p1 = -1; /* no data and no range: no rows */
    }
    if (nk == 0 && ncombo == 0) {
        long none = 0;
        if (intern_combo(b, &none, err) < 0)
            return err ? err->code : CT_ENOMEM;
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
    /* gcov[combo * nper + k]: the worst coverage of the countries seen
     * in the group (a group with no country seen: the best of all
     * files, so a selection that matched nothing is covered where the
     * data are) */
    if (b->opt.coverage != CT_COVERAGE_NONE) {
        ccov = country_coverage(b, p0, nper);
        gcov = malloc((n ? n : 1) * sizeof *gcov);
        all = calloc(nper ? nper : 1, 1);
        if (ccov == NULL || gcov == NULL || all == NULL) {
            free(ccov);
            free(gcov);
            free(all);
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        }
        for (j = 0; j < nper; j++) {
            long ps, pe;
            period_days(p0 + (long)j, b->opt.by_month, &ps, &pe);
            for (f = 0; f < b->n_files; f++) {
                unsigned char v = span_cov(b->files[f].d0, b->files[f].d1,
                                           ps, pe);
                if (v > all[j])
                    all[j] = v;
            }
        }
        for (i = 0; i < ncombo; i++) {
            const unsigned char *set = b->combo_cset + i * b->cbytes;
            unsigned char *g = gcov + i * nper;
            int seen = 0;
            memset(g, 2, nper);
            for (c = 0; c <= b->ngeo; c++) {
                if (!HAS_BIT(set, c))
                    continue;
                seen = 1;
                for (j = 0; j < nper; j++)
                    if (ccov[c * nper + j] < g[j])
                        g[j] = ccov[c * nper + j];
            }
            if (!seen)
                memcpy(g, all, nper);
            for (j = 0; j < nper; j++)
                if (g[j] == 1)
                    any_partial = 1;
        }
        free(ccov);
        free(all);
    }
    im = calloc(1, sizeof *im);
    if (im == NULL) {
        free(gcov);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    s = &im->pub;
    s->n = n;
    s->n_keys = nk;
    memcpy(s->keys, b->opt.keys, sizeof s->keys);
    s->by_month = b->opt.by_month;
    s->dataset = b->dataset;
    s->used = b->used;
    s->duplicates = b->duplicates;
    s->seen = b->seen_obs;
    s->year = malloc((n ? n : 1) * sizeof *s->year);
    s->month = malloc((n ? n : 1) * sizeof *s->month);
    s->key = malloc((n * nk > 0 ? n * nk : 1) * sizeof *s->key);
    s->value = malloc((n ? n : 1) * sizeof *s->value);
    if (any_partial)
        s->partial = calloc(n ? n : 1, 1);
    s->n_extra = b->nmeas - 1;
    for (j = 0; j < b->nmeas; j++)
        s->measures[j] = b->meas[j];
    for (j = 0; j + 1 < b->nmeas; j++)
        s->extra[j] = malloc((n ? n : 1) * sizeof *s->extra[j]);
    order = malloc(ncombo * sizeof *order);
    if (!s->year || !s->month || !s->key || !s->value || !order ||
        (any_partial && !s->partial) ||
        (s->n_extra > 0 && !s->extra[0]) || (s->n_extra > 1 && !s->extra[1])) {
        free(order);
        free(gcov);
        ct_series_free(s);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < ncombo; i++)
        order[i] = (long)i;
    sort_b = b;
    qsort(order, ncombo, sizeof *order, cmp_combo);
    sort_b = NULL;
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
    free(order);
    free(gcov);
    /* the key strings now belong to the series */
    im->vals = b->vals;
    b->vals = NULL;
    *out = s;
    return CT_OK;
}

static int put_field(FILE *out, const char *s, char sep)
{
    if (strchr(s, sep) || strchr(s, '"') || strchr(s, '\n')) {
        if (sep == '\t') /* TSV has no quoting: replace the troublemakers */
            for (; *s; s++)
                putc(*s == '\t' || *s == '\n' ? ' ' : *s, out);
        else {
            putc('"', out);
            for (; *s; s++) {
                if (*s == '"')
                    putc('"', out);
                putc(*s, out);
            }
            putc('"', out);
        }
        return 0;
    }
    return fputs(s, out) < 0 ? -1 : 0;
}

static void put_value(FILE *out, double v)
{
    if (isnan(v))
        fputs("NA", out);
    else if (v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else
        fprintf(out, "%.15g", v);
}

int ct_series_write_delim(const ct_series *s, FILE *out, char sep,
                          ct_error *err)
{
    size_t i, j;

    fputs("period", out);
    for (j = 0; j < s->n_keys; j++)
        fprintf(out, "%c%s", sep, ct_series_key_name(s->keys[j]));
    if (s->n_extra == 0)
        fprintf(out, "%cvalue", sep);
    else
        for (j = 0; j <= s->n_extra; j++)
            fprintf(out, "%c%s", sep, ct_series_measure_name(s->measures[j]));
    if (s->partial)
        fprintf(out, "%cpartial", sep);
    putc('\n', out);
    for (i = 0; i < s->n; i++) {
        if (s->by_month)
            fprintf(out, "%04d-%02d", s->year[i], s->month[i]);
        else
            fprintf(out, "%04d", s->year[i]);
        for (j = 0; j < s->n_keys; j++) {
            putc(sep, out);
            put_field(out, s->key[i * s->n_keys + j], sep);
        }
        putc(sep, out);
        put_value(out, s->value[i]);
        for (j = 0; j < s->n_extra; j++) {
            putc(sep, out);
            put_value(out, s->extra[j][i]);
        }
        if (s->partial)
            fprintf(out, "%c%d", sep, s->partial[i] ? 1 : 0);
        putc('\n', out);
    }
    if (ferror(out))
        return ct_error_set(err, CT_EIO, NULL, 0, "write error");
    return CT_OK;
}

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

int ct_series_read_csv(ct_series **out, FILE *in, const char *name,
                       const char *value_col, ct_error *err)
{
    csv_in r;
    csv_acc a;
    ct_series *s = NULL;
    char *f[CT_SERIES_CSV_MAX_COLS], *hdr[CT_SERIES_CSV_MAX_COLS];
    char *header = NULL;
    int keys[CT_SERIES_CSV_MAX_COLS];
    size_t nkeys = 0, i;
    long nh = 0, nf;
    int vcol = -1, pcol = -1, rc = CT_OK, got;

    *out = NULL;
    memset(&r, 0, sizeof r);
    memset(&a, 0, sizeof a);
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

    /* the header */
    got = csv_in_line(&r);
    if (got < 0) {
        rc = got;
        goto done;
    }
    if (got == 0) {
        rc = ct_error_set(err, CT_EPARSE, name, 0,
                          "empty input: expected a `ctrend series` header");
        goto done;
    }
    if ((unsigned char)r.line[0] == 0xEF && (unsigned char)r.line[1] == 0xBB &&
        (unsigned char)r.line[2] == 0xBF) /* a spreadsheet's UTF-8 BOM */
        memmove(r.line, r.line + 3, strlen(r.line + 3) + 1);
    header = malloc(strlen(r.line) + 1);
    if (header == NULL) {
        rc = ct_error_set(err, CT_ENOMEM, name, r.lineno, "out of memory");
        goto done;
    }
    strcpy(header, r.line);
    nh = split_fields(header, hdr, CT_SERIES_CSV_MAX_COLS);
    if (nh < 2 || strcmp(hdr[0], "period") != 0) {
        rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                          "expected a `ctrend series` header "
                          "'period,[keys,]value', got '%.200s'", r.line);
        goto done;
    }
    if (nh > CT_SERIES_CSV_MAX_COLS) {
        rc = ct_error_set(err, CT_ELIMIT, name, r.lineno,
                          "%ld columns in the header: more than %d (the "
                          "limit)", nh, CT_SERIES_CSV_MAX_COLS);
        goto done;
    }
    for (i = 1; i < (size_t)nh; i++)
        if (value_col ? strcmp(hdr[i], value_col) == 0
                      : strcmp(hdr[i], "value") == 0)
            vcol = (int)i;
    if (vcol < 0 && value_col) {
        rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                          "no column '%s' in the header", value_col);
        goto done;
    }
    for (i = (size_t)nh - 1; vcol < 0 && i >= 1; i--)
        if (is_measure_col(hdr[i]))
            vcol = (int)i;
    if (vcol < 0) /* the last column, passing over a `partial` flag */
        vcol = (int)nh - 1 - (nh > 2 && strcmp(hdr[nh - 1], "partial") == 0);
    for (i = 1; i < (size_t)nh; i++)
        if (strcmp(hdr[i], "partial") == 0 && (int)i != vcol)
            pcol = (int)i;
    for (i = 1; i < (size_t)nh; i++)
        if ((int)i != vcol && (int)i != pcol && !is_measure_col(hdr[i]))
            keys[nkeys++] = (int)i;
    if (nkeys > CT_SERIES_MAX_KEYS) {
        rc = ct_error_set(err, CT_ELIMIT, name, r.lineno,
                          "%zu group key columns: more than %d (the limit)",
                          nkeys, CT_SERIES_MAX_KEYS);
        goto done;
    }
    s->n_keys = nkeys;
    for (i = 0; i < nkeys; i++) {
        const char *h = hdr[keys[i]];
        long id = ct_strtab_intern(a.im->vals, h, strlen(h), NULL);
        if (id < 0) {
            rc = ct_error_set(err, CT_ENOMEM, name, r.lineno,
                              "out of memory");
            goto done;
        }
        a.im->key_label[i] = ct_strtab_get(a.im->vals, id);
        s->keys[i] = ct_series_key_parse(h);
    }
    a.want_partial = pcol >= 0;
    if (strcmp(hdr[vcol], "conflicts") == 0)
        s->measures[0] = CT_MEASURE_CONFLICTS;
    else if (strcmp(hdr[vcol], "events") == 0)
        s->measures[0] = CT_MEASURE_EVENTS;
    else if (strcmp(hdr[vcol], "deaths") == 0)
        s->measures[0] = CT_MEASURE_DEATHS;

    /* the rows */
    while ((got = csv_in_line(&r)) == 1) {
        long ids[CT_SERIES_MAX_KEYS], t, g;
        int year, month;
        double v;
        char *end;

        if (r.line[0] == '\0')
            continue;
        nf = split_fields(r.line, f, CT_SERIES_CSV_MAX_COLS);
        if (nf < 0) {
            rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                              "unterminated quoted field");
            goto done;
        }
        if (nf != nh) {
            rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                              "expected %ld fields as in the header, got %ld",
                              nh, nf);
            goto done;
        }
        if (parse_period(f[0], &year, &month) != 0) {
            rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                              "field 1 'period': expected YYYY or YYYY-MM, "
                              "got '%.100s'", f[0]);
            goto done;
        }
        if (s->n == 0) {
            s->by_month = month != 0;
        } else if (s->by_month != (month != 0)) {
            rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                              "field 1 'period': '%s' mixes %s with the %s "
                              "periods above", f[0],
                              month ? "a month" : "a year",
                              s->by_month ? "monthly" : "annual");
            goto done;
        }
        t = month ? (long)year * 12 + (month - 1) : (long)year;
        if (strcmp(f[vcol], "NA") == 0 || f[vcol][0] == '\0') {
            v = (double)NAN;
        } else {
            errno = 0;
            v = strtod(f[vcol], &end);
            /* decimal only: strtod also reads hex ("0x10" is 16) */
            if (errno || *end || !isfinite(v) || strpbrk(f[vcol], "xX")) {
                rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                                  "field %d '%s': expected a number, got "
                                  "'%.100s'", vcol + 1, hdr[vcol], f[vcol]);
                goto done;
            }
        }
        for (i = 0; i < nkeys; i++) {
            const char *k = f[keys[i]];
            ids[i] = ct_strtab_intern(a.im->vals, k, strlen(k), NULL);
            if (ids[i] < 0)
                goto oom;
        }
        g = acc_group(&a, ids, nkeys);
        if (g < 0)
            goto oom;
        /* rows without a value carry nothing to order */
        if (!isnan(v)) {
            if (a.last_t[g] >= 0 && !(t > a.last_t[g])) {
                char label[256], prev[32];
                group_label(label, sizeof label, hdr, keys, nkeys, f);
                period_text(prev, sizeof prev, a.last_t[g], s->by_month);
                rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                                  "period %s %s for group '%s' (after %s on "
                                  "line %ld)", f[0],
                                  t == a.last_t[g] ? "repeats"
                                                   : "is out of order",
                                  label, prev, a.last_line[g]);
                goto done;
            }
            a.last_t[g] = t;
            a.last_line[g] = r.lineno;
        }
        if (s->n == CT_SERIES_CSV_MAX_ROWS) {
            rc = ct_error_set(err, CT_ELIMIT, name, r.lineno,
                              "more than %lu rows (the limit)",
                              (unsigned long)CT_SERIES_CSV_MAX_ROWS);
            goto done;
        }
        if (s->n == a.cap && acc_grow_rows(&a, nkeys) != 0)
            goto oom;
        s->year[s->n] = year;
        s->month[s->n] = month;
        s->value[s->n] = v;
        if (pcol >= 0) {
            if (strcmp(f[pcol], "0") != 0 && strcmp(f[pcol], "1") != 0) {
                rc = ct_error_set(err, CT_EPARSE, name, r.lineno,
                                  "field %d 'partial': expected 0 or 1, got "
                                  "'%.100s'", pcol + 1, f[pcol]);
                goto done;
            }
            s->partial[s->n] = f[pcol][0] == '1';
        }
        for (i = 0; i < nkeys; i++)
            s->key[s->n * nkeys + i] = ct_strtab_get(a.im->vals, ids[i]);
        s->n++;
    }
    if (got < 0) {
        rc = got;
        goto done;
    }
    s->used = (long)s->n;
    if (a.cap == 0 && acc_grow_rows(&a, nkeys) != 0) /* no rows: empty arrays */
        goto oom;
    if (s->partial) { /* keep the flags only when some row is partial */
        size_t k;
        for (k = 0; k < s->n && !s->partial[k]; k++)
            ;
        if (k == s->n) {
            free(s->partial);
            s->partial = NULL;
        }
    }
    goto done;
oom:
    rc = ct_error_set(err, CT_ENOMEM, name, r.lineno, "out of memory");
done:
    free(header);
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
