/* SPDX-License-Identifier: MIT
 * series.c - streaming aggregation of observations into zero-filled
 * series (series.h). Cells are (period, group combination); group values
 * and combinations are interned, so a row costs a few hash look-ups and no
 * allocation once its cells exist.
 */
#include "series/series_internal.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctrend/date.h"

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
    free(b->conf_n);
    ct_strtab_free(b->seen);
    free(b);
}

/* The distinct subregions of the scheme in the country table, in table
 * order, as "A, B, ..." (cut at n bytes), for a message. */
static void subregion_list(const ct_geo *geo, ct_scheme scheme, char *buf,
                           size_t n)
{
    size_t k, m = ct_geo_count(geo), len = 0;
    buf[0] = '\0';
    for (k = 0; k < m && len + 1 < n; k++) {
        const char *sr = ct_geo_country_subregion(ct_geo_at(geo, k), scheme);
        size_t j;
        int seen = sr == NULL || sr[0] == '\0';
        for (j = 0; j < k && !seen; j++) {
            const char *o = ct_geo_country_subregion(ct_geo_at(geo, j), scheme);
            seen = o != NULL && strcmp(o, sr) == 0;
        }
        if (!seen)
            len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                    len ? ", " : "", sr);
    }
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
    b->est[0] = opt->estimate;
    b->nmeas = 1;
    for (i = 0; i < opt->n_extra && i < 2; i++) {
        b->est[b->nmeas] = opt->extra_estimate[i];
        b->meas[b->nmeas++] = opt->extra[i];
    }
    b->vals = ct_strtab_alloc();
    b->combos = ct_strtab_alloc();
    b->cells = ct_strtab_alloc();
    b->conf = ct_strtab_alloc();
    b->seen = ct_strtab_alloc();
    b->cfilter = calloc(opt->n_countries + 1, sizeof *b->cfilter);
    b->ngeo = ct_geo_count(opt->geo);
    b->geo0 = b->ngeo ? ct_geo_at(opt->geo, 0) : NULL;
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
            char list[1024];
            subregion_list(opt->geo, opt->scheme, list, sizeof list);
            ct_series_builder_free(b);
            return ct_error_set(err, CT_EUSAGE, NULL, 0,
                                "unknown subregion '%s' in the %s scheme "
                                "(subregions: %s)",
                                opt->subregions[i],
                                opt->scheme == CT_SCHEME_UN ? "un" : "acled",
                                list);
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
    const char *t;
    size_t i;

    if (b->checked) {
        if (d != b->dataset)
            return ct_error_set(err, CT_EDOMAIN, NULL, CT_ERROR_WHOLE_FILE,
                                "cannot add %s to a series of %s: give "
                                "files of one dataset",
                                ct_obs_dataset_title(d),
                                ct_obs_dataset_title(b->dataset));
        return CT_OK;
    }
    t = ct_obs_dataset_title(d);
    b->checked = 1;
    b->dataset = d;
    for (i = 0; i < b->nmeas; i++) {
        ct_measure m = b->meas[i];
        if (m == CT_MEASURE_CONFLICTS && (d == CT_DS_ACLED || d == CT_DS_HAPI))
            return ct_error_set(err, CT_EDOMAIN, NULL, CT_ERROR_WHOLE_FILE,
                                "%s carry no conflict identifier, so they "
                                "cannot count conflicts: use --measure "
                                "events or deaths", t);
        if (m == CT_MEASURE_DEATHS && d == CT_DS_ACD)
            return ct_error_set(err, CT_EDOMAIN, NULL, CT_ERROR_WHOLE_FILE,
                                "the %s has no death counts: use the "
                                "Battle-Related Deaths dataset for deaths",
                                t);
        if (m == CT_MEASURE_DEATHS && b->est[i] != CT_EST_BEST &&
            (d == CT_DS_ACLED || d == CT_DS_HAPI))
            return ct_error_set(err, CT_EDOMAIN, NULL, CT_ERROR_WHOLE_FILE,
                                "%s give one fatality count, not low and "
                                "high estimates: use --estimate best", t);
    }
    if (b->opt.by_month && o->prec == CT_PREC_YEAR &&
        o->unit != CT_UNIT_EVENT && o->unit != CT_UNIT_AREA_MONTH)
        return ct_error_set(err, CT_EDOMAIN, NULL, CT_ERROR_WHOLE_FILE,
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

/* Whether place c passes every place selection given: --region,
 * --subregion and --country, each only when given. A record counts only
 * where its places pass them all, under every geographic key. */
static int place_ok(const ct_series_builder *b, const ct_country *c)
{
    size_t j;
    if (!in_regions(b, c))
        return 0;
    if (b->opt.n_subregions &&
        !in_list(ct_geo_country_subregion(c, b->opt.scheme),
                 b->opt.subregions, b->opt.n_subregions))
        return 0;
    if (b->opt.n_countries == 0)
        return 1;
    for (j = 0; j < b->opt.n_countries; j++)
        if (b->cfilter[j] == c)
            return 1;
    return 0;
}

static int is_geo_key(ct_key k)
{
    return k == CT_KEY_REGION || k == CT_KEY_SUBREGION ||
           k == CT_KEY_COUNTRY;
}

/* The value of geographic key k for place c (a stable string). */
static const char *place_value(const ct_series_builder *b,
                               const ct_country *c, ct_key k)
{
    if (k == CT_KEY_REGION)
        return c->ucdp_region >= 1 && c->ucdp_region <= 5
                   ? ct_geo_region_name(c->ucdp_region)
                   : "unknown";
    if (k == CT_KEY_SUBREGION)
        return ct_geo_country_subregion(c, b->opt.scheme);
    return c->name;
}

/* The one value of a key that does not depend on places (class, event
 * type), and whether it is stable; NULL for any other key. */
static const char *plain_value(const ct_obs *o, ct_key k, int *stable)
{
    *stable = 1;
    if (k == CT_KEY_CLASS)
        return ct_obs_class_name(o->cls);
    if (k == CT_KEY_EVENT_TYPE) {
        *stable = o->event_type[0] == '\0' || o->event_type_static;
        return o->event_type[0] ? o->event_type : "unknown";
    }
    return NULL;
}

/* The values of key k for observation o after the filters; an empty set
 * means the observation is filtered out. A geographic key takes the
 * values of the places that pass the place selections (place_ok); a
 * record without known places falls back to its region column and
 * country name. */
static void values(const ct_series_builder *b, const ct_obs *o, ct_key k,
                   valset *s)
{
    const char *v;
    size_t i;
    int stable;
    s->n = 0;
    if (is_geo_key(k) && o->n_loc > 0) {
        for (i = 0; i < o->n_loc; i++)
            if (place_ok(b, o->loc[i]))
                vs_add(s, place_value(b, o->loc[i], k));
        return;
    }
    if ((v = plain_value(o, k, &stable)) != NULL) {
        vs_add2(s, v, stable);
        return;
    }
    switch (k) {
    case CT_KEY_REGION:
        for (i = 0; i < 5; i++)
            if ((o->region_mask >> i & 1u) &&
                (!b->region_filter || (b->region_filter >> i & 1u)))
                vs_add(s, ct_geo_region_name((int)i + 1));
        if (o->region_mask == 0 && !b->region_filter)
            vs_add(s, "unknown");
        break;
    case CT_KEY_SUBREGION:
        if (!b->opt.n_subregions)
            vs_add(s, "unknown");
        break;
    case CT_KEY_COUNTRY:
        if (!b->opt.n_countries)
            vs_add2(s, o->country_name[0] ? o->country_name : "unknown",
                    o->country_name[0] == '\0');
        break;
    default:
        break;
    }
}

/* The places of a record as tuples of geographic key values: tuple t
 * holds, for each grouped geographic key i, the index idx[t][i] of its
 * value in that key's value set. Distinct places with equal values (two
 * countries of one region, grouped by region) share a tuple, so a record
 * counts once in a group; of[p] is place p's tuple (NO_TUPLE: it fails
 * the selections). Non-geographic keys cross with every tuple. */
#define NO_TUPLE 255
_Static_assert(CT_OBS_MAX_LOC <= MAXV, "a tuple for every place");
typedef struct geotuples {
    size_t n;
    unsigned char idx[MAXV][CT_SERIES_MAX_KEYS];
    unsigned char of[CT_OBS_MAX_LOC];
} geotuples;

static size_t vs_index(const valset *s, const char *v)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (s->v[i] == v || strcmp(s->v[i], v) == 0)
            return i;
    return s->n;
}

/* Fills g from o's places (values vs of the keys already taken). Without
 * known places, the geographic value sets (one value each but the region
 * column's regions) are crossed. */
static void geo_tuples(const ct_series_builder *b, const ct_obs *o,
                       const valset *vs, geotuples *g)
{
    size_t nk = b->opt.n_keys, i, p, t;
    unsigned char cur[CT_SERIES_MAX_KEYS] = {0};

    g->n = 0;
    if (o->n_loc == 1 && place_ok(b, o->loc[0])) {
        /* one place (every ACLED and GED record): when each geographic
         * key kept one value, it is the place's, and the tuple is that */
        for (i = 0; i < nk && (!is_geo_key(b->opt.keys[i]) || vs[i].n == 1);
             i++)
            ;
        if (i == nk) {
            memset(g->idx[0], 0, sizeof g->idx[0]);
            g->of[0] = 0;
            g->n = 1;
            return;
        }
    }
    if (o->n_loc > 0) {
        for (p = 0; p < o->n_loc && p < CT_OBS_MAX_LOC; p++) {
            g->of[p] = NO_TUPLE;
            if (!place_ok(b, o->loc[p]))
                continue;
            for (i = 0; i < nk; i++) {
                size_t x = 0;
                if (is_geo_key(b->opt.keys[i]))
                    x = vs_index(&vs[i],
                                 place_value(b, o->loc[p], b->opt.keys[i]));
                if (x >= vs[i].n) /* not kept (a full value set) */
                    break;
                cur[i] = (unsigned char)x;
            }
            if (i < nk)
                continue;
            for (t = 0; t < g->n; t++)
                if (memcmp(g->idx[t], cur, nk) == 0)
                    break;
            if (t == g->n) /* a tuple per place at most: room */
                memcpy(g->idx[g->n++], cur, sizeof cur);
            g->of[p] = (unsigned char)t;
        }
        return;
    }
    for (;;) {
        memcpy(g->idx[g->n++], cur, sizeof cur);
        for (i = nk; i-- > 0;) {
            if (!is_geo_key(b->opt.keys[i]))
                continue;
            if (++cur[i] < vs[i].n)
                break;
            cur[i] = 0;
        }
        if (i == (size_t)-1 || g->n == MAXV)
            return;
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

/* Fibonacci hashing of h to a slot of a cache of 2^bits entries. */
static size_t cache_slot(uint64_t h, int bits)
{
    return (size_t)((h * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

long series_intern_combo(ct_series_builder *b, const long *ids,
                         ct_error *err)
{
    size_t nk = b->opt.n_keys, i, slot;
    uint64_t h = 0;
    int added;
    long c;

    for (i = 0; i < nk; i++)
        h = h * 31 + (uint64_t)ids[i];
    slot = cache_slot(h, CCACHE_BITS);
    if ((c = b->ccache[slot] - 1) >= 0) {
        for (i = 0; i < nk && b->combo_vals[(size_t)c * nk + i] == ids[i]; i++)
            ;
        if (i == nk)
            return c;
    }
    c = ct_strtab_intern(b->combos, (const char *)ids, nk * sizeof *ids,
                         &added);
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
    b->ccache[slot] = c + 1;
    return c;
}

/* Counts one more (sign 1) or one less (-1) record for conflict entry
 * id of a cell; returns the change of the cell's distinct conflicts. */
static int conf_grow(ct_series_builder *b, long id)
{
    if ((size_t)id >= b->conf_cap) {
        size_t nc = b->conf_cap ? 2 * b->conf_cap : 256;
        long *nv;
        while (nc <= (size_t)id)
            nc *= 2;
        nv = realloc(b->conf_n, nc * sizeof *nv);
        if (nv == NULL)
            return CT_ENOMEM;
        memset(nv + b->conf_cap, 0, (nc - b->conf_cap) * sizeof *nv);
        b->conf_n = nv;
        b->conf_cap = nc;
    }
    return CT_OK;
}

static int conf_count(ct_series_builder *b, long id, int sign, int *delta)
{
    *delta = 0;
    if (conf_grow(b, id) != CT_OK)
        return CT_ENOMEM;
    if (sign > 0 && b->conf_n[id]++ == 0)
        *delta = 1;
    else if (sign < 0 && b->conf_n[id] > 0 && --b->conf_n[id] == 0)
        *delta = -1;
    return CT_OK;
}

static int add_cell(ct_series_builder *b, long period, long combo,
                    const ct_obs *o, const double *v, int sign,
                    ct_error *err)
{
    long key[2];
    long cell;
    size_t m, slot = cache_slot((uint64_t)period * 31 + (uint64_t)combo,
                                KCACHE_BITS);
    int rc;

    if (b->kcache[slot].cell > 0 && b->kcache[slot].period == period &&
        b->kcache[slot].combo == combo) {
        cell = b->kcache[slot].cell - 1; /* its cells exist */
    } else {
        key[0] = period;
        key[1] = combo;
        cell = ct_strtab_intern(b->cells, (const char *)key, sizeof key,
                                NULL);
        if (cell < 0)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        if ((rc = grow_cells(b, (size_t)cell + 1, err)) != CT_OK)
            return rc;
        b->kcache[slot].period = period;
        b->kcache[slot].combo = combo;
        b->kcache[slot].cell = cell + 1;
    }
    for (m = 0; m < b->nmeas; m++) {
        if (b->meas[m] == CT_MEASURE_CONFLICTS) {
            char buf[160];
            size_t n = strlen(o->conflict_id);
            long id;
            int delta;
            if (n == 0 || n > sizeof buf - sizeof cell)
                continue;
            memcpy(buf, &cell, sizeof cell);
            memcpy(buf + sizeof cell, o->conflict_id, n);
            id = ct_strtab_intern(b->conf, buf, sizeof cell + n, NULL);
            if (id < 0 || conf_count(b, id, sign, &delta) != CT_OK)
                return ct_error_set(err, CT_ENOMEM, NULL, 0,
                                    "out of memory");
            b->cv[m][cell] += delta;
        } else {
            b->cv[m][cell] += sign * v[m];
        }
    }
    return CT_OK;
}

/* The days an observation stands for, at the precision its dataset is
 * published in: ACLED by day, GED events and HAPI aggregates by month
 * (UCDP releases GED in whole months), the other UCDP datasets by year. */
static void obs_days(ct_series_builder *b, const ct_obs *o, long *d0,
                     long *d1)
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
        *d0 = ct_date_day_number(o->year, 1, 1);
        *d1 = ct_date_day_number(o->year, 12, 31);
    } else if (prec == CT_PREC_MONTH) {
        *d0 = ct_date_day_number(o->year, o->month, 1);
        *d1 = ct_date_day_number(o->year, o->month,
                         ct_date_days_in_month(o->year, o->month));
    } else {
        /* records mostly come in date order: often the last day again */
        long ymd = ((long)o->year * 13 + o->month) * 32 + o->day;
        if (ymd != b->day_ymd) {
            b->day_ymd = ymd;
            b->day_no = ct_date_day_number(o->year, o->month, o->day);
        }
        *d0 = *d1 = b->day_no;
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
    b->cur_file = b->n_files++;
    return CT_OK;
}

int series_builder_use_file(ct_series_builder *b, size_t i, ct_error *err)
{
    int rc;
    while (b->n_files <= i)
        if ((rc = ct_series_builder_begin_file(b, err)) != CT_OK)
            return rc;
    b->cur_file = i;
    return CT_OK;
}


static size_t country_index(const ct_series_builder *b, const ct_country *c)
{
    return (size_t)(c - b->geo0);
}

/* Sets bit i of a country set, storing only when it is clear: the sets
 * of the builders of parallel readers are small blocks that may share a
 * cache line, which a store for every record would make the threads
 * pass back and forth. */
static void note_bit(unsigned char *set, size_t i)
{
    if (!HAS_BIT(set, i))
        SET_BIT(set, i);
}

/* Widens span f to take in days d0..d1 (an empty span, d0 > d1, takes
 * them as they are: day numbers go below 0 before 1970). */
static void span_widen(file_span *f, long d0, long d1)
{
    if (f->d0 > f->d1) {
        f->d0 = d0;
        f->d1 = d1;
        return;
    }
    if (d0 < f->d0)
        f->d0 = d0;
    if (d1 > f->d1)
        f->d1 = d1;
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
    f = &b->files[b->cur_file];
    obs_days(b, o, &d0, &d1);
    span_widen(f, d0, d1);
    for (i = 0; i < o->n_loc; i++)
        note_bit(f->cset, country_index(b, o->loc[i]));
    if (o->n_loc == 0)
        note_bit(f->cset, b->ngeo);
    b->seen_obs++;
    return CT_OK;
}

/* Adds the countries o stands for in the groups of its geographic tuple
 * t to set: its places of that tuple (geo_tuples), or "no known country"
 * when it has none. */
static void mark_countries(const ct_series_builder *b, unsigned char *set,
                           const ct_obs *o, const geotuples *g, size_t t)
{
    size_t i;
    int any = 0;
    for (i = 0; i < o->n_loc && i < CT_OBS_MAX_LOC; i++) {
        if (g->of[i] != t)
            continue;
        note_bit(set, country_index(b, o->loc[i]));
        any = 1;
    }
    if (!any)
        note_bit(set, b->ngeo);
}

/* Whether o passes the class filter and the filters on keys that are not
 * grouped. */
static int obs_selected(const ct_series_builder *b, const ct_obs *o)
{
    valset tmp;
    if (b->opt.class_mask && !(b->opt.class_mask >> o->cls & 1u))
        return 0;
    if (b->region_filter) {
        values(b, o, CT_KEY_REGION, &tmp);
        if (tmp.n == 0)
            return 0;
    }
    if (b->opt.n_subregions) {
        values(b, o, CT_KEY_SUBREGION, &tmp);
        if (tmp.n == 0)
            return 0;
    }
    if (b->opt.n_countries) {
        values(b, o, CT_KEY_COUNTRY, &tmp);
        if (tmp.n == 0)
            return 0;
    }
    return 1;
}

static int in_range(const ct_series_builder *b, const ct_obs *o)
{
    return !((b->opt.from && o->year < b->opt.from) ||
             (b->opt.to && o->year > b->opt.to));
}

int series_builder_passes(const ct_series_builder *b, const ct_obs *o)
{
    return in_range(b, o) && obs_selected(b, o);
}

static uint64_t shape_word(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 31);
}

static uint64_t shape_str(uint64_t h, const char *s)
{
    return shape_word(h, ct_hash_seeded(s, strlen(s), h));
}

uint64_t series_obs_shape(const ct_obs *o)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    h = shape_word(h, (uint64_t)o->year << 32 | (uint64_t)(unsigned)o->month);
    h = shape_word(h, (uint64_t)o->cls << 32 | o->region_mask);
    h = shape_word(h, (uint64_t)o->n_loc << 32 | (unsigned)o->dataset);
    for (i = 0; i < o->n_loc; i++)
        h = shape_word(h, (uint64_t)(uintptr_t)o->loc[i]);
    h = shape_str(h, o->event_type);
    return shape_str(h, o->country_name);
}

/* The value of each measure for o: v[i] for b->meas[i] (conflicts: 0,
 * counted by id in add_cell). */
static int obs_measures(const ct_series_builder *b, const ct_obs *o,
                        double *v, ct_error *err)
{
    static const char *const EST[3] = {"best", "low", "high"};
    size_t i;
    for (i = 0; i < b->nmeas; i++) {
        ct_estimate e = b->est[i];
        if (b->meas[i] != CT_MEASURE_DEATHS) {
            v[i] = b->meas[i] == CT_MEASURE_EVENTS ? o->events : 0;
            continue;
        }
        v[i] = e == CT_EST_LOW ? o->low : e == CT_EST_HIGH ? o->high : o->best;
        if (isnan(v[i]))
            return ct_error_set(err, CT_EDOMAIN, NULL, o->line,
                                "no %s death estimate in this record",
                                EST[(unsigned)e < 3 ? e : 0]);
    }
    return CT_OK;
}

/* The id of the interned group value s (a stable value goes through the
 * pointer cache). */
static long value_id_of(ct_series_builder *b, const char *s, int stable,
                        ct_error *err)
{
    size_t slot = ((size_t)(uintptr_t)s >> 3) & (PCACHE - 1), n, sslot;
    long id;
    if (stable && b->pcache[slot].p == s)
        return b->pcache[slot].id;
    n = strlen(s);
    /* a string of the record: by its length and end bytes */
    sslot = cache_slot((uint64_t)n << 16 |
                           (uint64_t)(unsigned char)s[0] << 8 |
                           (unsigned char)s[n ? n - 1 : 0],
                       SCACHE_BITS);
    if (!stable && b->scache[sslot].s != NULL &&
        b->scache[sslot].n == n && memcmp(b->scache[sslot].s, s, n) == 0)
        return b->scache[sslot].id;
    id = ct_strtab_intern(b->vals, s, n, NULL);
    if (id < 0)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory"), -1;
    if (stable) {
        b->pcache[slot].p = s;
        b->pcache[slot].id = id;
    } else {
        b->scache[sslot].s = ct_strtab_get(b->vals, id);
        b->scache[sslot].n = n;
        b->scache[sslot].id = id;
    }
    return id;
}

/* value_id_of value k of a value set. */
static long value_id(ct_series_builder *b, const valset *vs, size_t k,
                     ct_error *err)
{
    return value_id_of(b, vs->v[k], vs->stable[k], err);
}

/* Counts an observation added (sign 1, widening the periods seen) or
 * taken out again (-1). */
static void note_used(ct_series_builder *b, long period, int sign)
{
    b->used += sign;
    if (sign > 0) {
        if (b->pmin < 0 || period < b->pmin)
            b->pmin = period;
        if (period > b->pmax)
            b->pmax = period;
    }
}

/* The value of key k for an observation with one place that passes the
 * place selections, and whether it is stable: what values() gives as
 * its one value then, or NULL when it gives none (a key no dataset
 * has). */
static const char *one_place_value(const ct_series_builder *b,
                                   const ct_obs *o, ct_key k, int *stable)
{
    if (is_geo_key(k)) {
        *stable = 1;
        return place_value(b, o->loc[0], k);
    }
    return plain_value(o, k, stable);
}

/* add_values for an observation with one place that passes the place
 * selections (every ACLED and GED record but those filtered out): one
 * value a key, so one group, the place's country in its set. The same
 * cells as the general way, without value sets and tuples. */
static int add_one_place(ct_series_builder *b, const ct_obs *o, long period,
                         const double *v, int sign, ct_error *err)
{
    size_t nk = b->opt.n_keys, i, slot = 0;
    const char *val[CT_SERIES_MAX_KEYS];
    int stable[CT_SERIES_MAX_KEYS];
    long ids[CT_SERIES_MAX_KEYS], combo;
    /* the values of every key come from the place, the event type and
     * the class: with a static event type, those three give the group */
    const int memo = o->event_type_static;

    if (memo) {
        slot = cache_slot((uint64_t)(uintptr_t)o->loc[0] * 31 +
                              (uint64_t)(uintptr_t)o->event_type * 7 +
                              (uint64_t)o->cls,
                          MCACHE_BITS);
        if (b->mcache[slot].combo > 0 && b->mcache[slot].loc == o->loc[0] &&
            b->mcache[slot].type == o->event_type &&
            b->mcache[slot].cls == (int)o->cls) {
            combo = b->mcache[slot].combo - 1;
            note_used(b, period, sign);
            goto have;
        }
    }
    for (i = 0; i < nk; i++)
        if ((val[i] = one_place_value(b, o, b->opt.keys[i], &stable[i])) ==
            NULL)
            return CT_OK; /* no value: filtered out */
    for (i = 0; i < nk; i++)
        if ((ids[i] = value_id_of(b, val[i], stable[i], err)) < 0)
            return CT_ENOMEM;
    note_used(b, period, sign);
    combo = series_intern_combo(b, ids, err);
    if (combo < 0)
        return err ? err->code : CT_ENOMEM;
    if (memo) {
        b->mcache[slot].loc = o->loc[0];
        b->mcache[slot].type = o->event_type;
        b->mcache[slot].cls = (int)o->cls;
        b->mcache[slot].combo = combo + 1;
    }
have:
    /* the countries seen in a group bound its coverage (finish) */
    if (sign > 0)
        note_bit(b->combo_cset + (size_t)combo * b->cbytes,
                 country_index(b, o->loc[0]));
    return add_cell(b, period, combo, o, v, sign, err);
}

/* Adds (sign 1) or takes out again (-1) o (values v) to the cell of
 * period and every combination of its geographic tuples g with the
 * values vs[0..nk) of its other keys. */
static int add_combos(ct_series_builder *b, const ct_obs *o, long period,
                      const valset *vs, const geotuples *g, const double *v,
                      int sign, ct_error *err)
{
    size_t nk = b->opt.n_keys, i, t, idx[CT_SERIES_MAX_KEYS];
    long ids[CT_SERIES_MAX_KEYS];
    int rc;

    for (t = 0; t < g->n; t++) {
        for (i = 0; i < nk; i++)
            idx[i] = is_geo_key(b->opt.keys[i]) ? g->idx[t][i] : 0;
        for (;;) {
            long combo;
            for (i = 0; i < nk; i++)
                if ((ids[i] = value_id(b, &vs[i], idx[i], err)) < 0)
                    return CT_ENOMEM;
            combo = series_intern_combo(b, ids, err);
            if (combo < 0)
                return err ? err->code : CT_ENOMEM;
            /* the countries seen in a group bound its coverage (finish) */
            if (sign > 0)
                mark_countries(b, b->combo_cset + (size_t)combo * b->cbytes,
                               o, g, t);
            if ((rc = add_cell(b, period, combo, o, v, sign, err)) != CT_OK)
                return rc;
            for (i = nk; i-- > 0;) {
                if (is_geo_key(b->opt.keys[i]))
                    continue;
                if (++idx[i] < vs[i].n)
                    break;
                idx[i] = 0;
            }
            if (i == (size_t)-1)
                break;
        }
    }
    return CT_OK;
}

/* Adds (sign 1) or takes out again (-1) an observation that passed the
 * filters and the dedup check. */
static int add_values(ct_series_builder *b, const ct_obs *o, int sign,
                      ct_error *err)
{
    valset vs[CT_SERIES_MAX_KEYS];
    geotuples g;
    size_t nk = b->opt.n_keys, i;
    long period;
    double v[3] = {0, 0, 0};
    int rc;

    if ((rc = obs_measures(b, o, v, err)) != CT_OK)
        return rc;
    if (b->opt.by_month && o->month == 0)
        return ct_error_set(err, CT_EDOMAIN, NULL, o->line,
                            "record has no month: --by month needs dates");
    period = b->opt.by_month ? (long)o->year * 12 + (o->month - 1)
                             : (long)o->year;
    if (o->n_loc == 1 && place_ok(b, o->loc[0]))
        return add_one_place(b, o, period, v, sign, err);
    for (i = 0; i < nk; i++) {
        values(b, o, b->opt.keys[i], &vs[i]);
        if (vs[i].n == 0)
            return CT_OK;
    }
    geo_tuples(b, o, vs, &g);
    if (g.n == 0)
        return CT_OK;
    note_used(b, period, sign);
    return add_combos(b, o, period, vs, &g, v, sign, err);
}

int ct_series_builder_add(const ct_obs *o, void *ctx, ct_error *err)
{
    ct_series_builder *b = ctx;
    size_t i;
    int rc, repeat = 0;

    if ((rc = check_dataset(b, o, err)) != CT_OK)
        return rc;
    if ((rc = note_span(b, o, err)) != CT_OK)
        return rc;
    if (b->opt.dedup && o->record_id[0]) {
        /* the first copy in file order stands for the record, in range
         * and selected or not: a window or a selection must not bring a
         * later copy in (it would count the event elsewhere) */
        int added;
        if (ct_strtab_intern(b->seen, o->record_id, strlen(o->record_id),
                             &added) < 0)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        repeat = !added;
        if (repeat && series_builder_passes(b, o))
            b->duplicates++;
    }
    if (!in_range(b, o)) {
        /* out of range, but if selected its places still bound the
         * total's coverage */
        if (obs_selected(b, o))
            for (i = 0; i < o->n_loc; i++)
                if (place_ok(b, o->loc[i]))
                    note_bit(b->out_cset, country_index(b, o->loc[i]));
        return CT_OK;
    }
    if (repeat || !obs_selected(b, o))
        return CT_OK;
    return add_values(b, o, 1, err);
}

int series_builder_sub(ct_series_builder *b, const ct_obs *o, ct_error *err)
{
    if (!series_builder_passes(b, o))
        return CT_OK;
    b->duplicates++;
    return add_values(b, o, -1, err);
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
        dcombo = series_intern_combo(dst, ids, err);
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
            long scell, dcell, id, had;
            long mult = (size_t)i < src->conf_cap ? src->conf_n[i] : 0;
            memcpy(&scell, k, sizeof scell);
            dcell = map[scell];
            memcpy(buf, &dcell, sizeof dcell);
            memcpy(buf + sizeof dcell, k + sizeof scell, len - sizeof scell);
            id = ct_strtab_intern(dst->conf, buf, len, NULL);
            if (id < 0 || conf_grow(dst, id) != CT_OK)
                goto oom;
            /* the entry's records add up; it counts once while any */
            had = dst->conf_n[id];
            dst->conf_n[id] = had + mult;
            if (had == 0 && mult > 0)
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
        if (f->d0 <= f->d1)
            span_widen(d, f->d0, f->d1);
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
    if (b->conf_cap)
        memset(b->conf_n, 0, b->conf_cap * sizeof *b->conf_n);
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
    memset(b->scache, 0, sizeof b->scache);
    memset(b->ccache, 0, sizeof b->ccache);
    memset(b->kcache, 0, sizeof b->kcache);
    memset(b->mcache, 0, sizeof b->mcache);
    return CT_OK;
}

/* qsort context: C11 has no qsort_r, so the comparison reads a file-scope
 * pointer set just before sorting (one sort at a time). */
