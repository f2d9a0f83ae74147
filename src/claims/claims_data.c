/* SPDX-License-Identifier: MIT
 * claims_data.c - one source of a claims check, read once into a compact
 * panel (one record per conflict-year or dyad-year; ACLED and GED events
 * merged into cells of year x class x location) from which every series of
 * every specification is cut. Also the SHA-256 of each input (nettle).
 */
#include <math.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims/claims_internal.h"
#include "ctrend/load.h"

static const char *const CITE_ACD =
    "Gleditsch, Wallensteen, Eriksson, Sollenberg & Strand (2002), Armed "
    "conflict 1946-2001: a new dataset, Journal of Peace Research 39(5); "
    "Davies, Pettersson & Oberg (2023), Organized violence 1989-2022, and "
    "the return of conflict between states, Journal of Peace Research 60(4)";
static const char *const CITE_BRD =
    "Davies, Pettersson & Oberg (2023), Organized violence 1989-2022, and "
    "the return of conflict between states, Journal of Peace Research 60(4)";
static const char *const CITE_GED =
    "Sundberg & Melander (2013), Introducing the UCDP Georeferenced Event "
    "Dataset, Journal of Peace Research 50(4)";
static const char *const CITE_ACLED =
    "Raleigh, Linke, Hegre & Karlsen (2010), Introducing ACLED: an armed "
    "conflict location and event dataset, Journal of Peace Research 47(5)";

/* lowercase hex of a finished digest */
static void sha256_hex(struct sha256_ctx *ctx, char hex[65])
{
    uint8_t dig[SHA256_DIGEST_SIZE];
    size_t i;
    sha256_digest(ctx, SHA256_DIGEST_SIZE, dig);
    for (i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", dig[i]);
}

/* ct_load_options.on_bytes: the input digested as the load reads it, so
 * that each input is read once */
static void sha256_bytes(const void *p, size_t n, void *ctx)
{
    sha256_update(ctx, n, p);
}

int ct_claims_sha256_file(char hex[65], const char *path, ct_error *err)
{
    struct sha256_ctx ctx;
    unsigned char buf[65536];
    size_t got;
    FILE *f = fopen(path, "rb");

    if (f == NULL)
        return ct_error_set(err, CT_EIO, path, 0, "cannot open for hashing");
    sha256_init(&ctx);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        sha256_update(&ctx, got, buf);
    if (ferror(f)) {
        fclose(f);
        return ct_error_set(err, CT_EIO, path, 0, "read error while hashing");
    }
    fclose(f);
    sha256_hex(&ctx, hex);
    return CT_OK;
}

static int push(ct_claims_data *d, const cl_rec *r)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 1024;
        cl_rec *p = realloc(d->rec, cap * sizeof *p);
        if (p == NULL)
            return CT_ENOMEM;
        d->rec = p;
        d->cap = cap;
    }
    d->rec[d->n++] = *r;
    return CT_OK;
}

static int rec_key_cmp(const void *pa, const void *pb)
{
    const cl_rec *a = pa, *b = pb;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    if (a->region_mask != b->region_mask) return a->region_mask < b->region_mask ? -1 : 1;
    if (a->sub[0] != b->sub[0]) return a->sub[0] < b->sub[0] ? -1 : 1;
    if (a->sub[1] != b->sub[1]) return a->sub[1] < b->sub[1] ? -1 : 1;
    if (a->cov != b->cov) return a->cov < b->cov ? -1 : 1;
    if (a->conflict != b->conflict) return a->conflict < b->conflict ? -1 : 1;
    return 0;
}

/* Event sources: merge records with the same key, so memory follows the
 * number of distinct cells, not rows. */
static void compact(ct_claims_data *d)
{
    size_t i, k = 0;
    qsort(d->rec, d->n, sizeof *d->rec, rec_key_cmp);
    for (i = 0; i < d->n; i++) {
        if (k > 0 && rec_key_cmp(&d->rec[k - 1], &d->rec[i]) == 0) {
            d->rec[k - 1].events += d->rec[i].events;
            d->rec[k - 1].deaths += d->rec[i].deaths;
        } else {
            d->rec[k++] = d->rec[i];
        }
    }
    d->n = k;
    d->compact_at = 2 * k + 65536;
}

int cl_subregion_index(ct_claims_data *d, int scheme, const char *name)
{
    size_t i;
    if (name == NULL || *name == '\0')
        return -1;
    for (i = 0; i < d->n_sub[scheme]; i++)
        if (strcmp(d->sub_name[scheme][i], name) == 0)
            return (int)i;
    if (d->n_sub[scheme] >= 64)
        return -1;
    d->sub_name[scheme][d->n_sub[scheme]] = name; /* borrowed from geo */
    return (int)d->n_sub[scheme]++;
}

int cl_subregion_find(const ct_claims_data *d, int scheme, const char *name)
{
    size_t i;
    for (i = 0; i < d->n_sub[scheme]; i++)
        if (strcmp(d->sub_name[scheme][i], name) == 0)
            return (int)i;
    return -1;
}

static int add_obs(const ct_obs *o, void *ctx, ct_error *err)
{
    ct_claims_data *d = ctx;
    cl_rec r;
    size_t i;
    char *end;
    long id;

    memset(&r, 0, sizeof r);
    d->merge = o->dataset == CT_DS_ACLED || o->dataset == CT_DS_GED ||
               o->dataset == CT_DS_HAPI;
    r.year = o->year;
    r.cls = (unsigned char)o->cls;
    r.region_mask = (unsigned char)o->region_mask;
    r.conflict = -1;
    if (o->conflict_id && *o->conflict_id) {
        id = strtol(o->conflict_id, &end, 10);
        if (*end == '\0' && id >= 0 && id < 2147483647L)
            r.conflict = (int)id;
    }
    for (i = 0; i < o->n_loc; i++) {
        const ct_country *c = o->loc[i];
        int s;
        if ((o->dataset == CT_DS_ACLED || o->dataset == CT_DS_HAPI) &&
            c->acled_start > r.cov)
            r.cov = (short)c->acled_start;
        if (c->ucdp_region >= 1 && c->ucdp_region <= 5)
            r.region_mask |= (unsigned char)(1u << (c->ucdp_region - 1));
        if ((s = cl_subregion_index(d, 0, ct_geo_country_subregion(c, CT_SCHEME_ACLED))) >= 0)
            r.sub[0] |= 1ull << s;
        if ((s = cl_subregion_index(d, 1, ct_geo_country_subregion(c, CT_SCHEME_UN))) >= 0)
            r.sub[1] |= 1ull << s;
    }
    r.deaths = isnan(o->best) ? 0 : o->best;
    r.events = o->events;
    if (o->prec != CT_PREC_YEAR) {
        int ym = o->year * 12 + o->month;
        if (ym > d->last_ym)
            d->last_ym = ym;
    }
    if (isfinite(o->best))
        d->has_deaths = 1;
    if (push(d, &r) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    if (d->merge && d->n >= d->compact_at)
        compact(d);
    return CT_OK;
}

static void version_from_name(char *out, size_t n, const char *path)
{
    /* "UcdpPrioConflict_v24_1_resaved.csv" -> "24.1 (from the file name)" */
    const char *base = strrchr(path, '/'), *v;
    int a, b;
    base = base ? base + 1 : path;
    for (v = base; (v = strstr(v, "_v")) != NULL; v++)
        if (sscanf(v, "_v%d_%d", &a, &b) == 2) {
            snprintf(out, n, "%d.%d (from the file name)", a, b);
            return;
        }
    out[0] = '\0';
}

/* add_obs, after handing o to a tap */
typedef struct tapped {
    ct_claims_data *d;
    ct_obs_fn tap;
    void *ctx;
} tapped;

static int add_obs_tapped(const ct_obs *o, void *ctx, ct_error *err)
{
    tapped *t = ctx;
    int rc = t->tap(o, t->ctx, err);
    return rc != CT_OK ? rc : add_obs(o, t->d, err);
}

/* Reads file i of a source into d, hashing its bytes (and handing each
 * record of the first file to tp->tap when set); checks that it is of the
 * source's dataset and widens (or, for several event files, narrows) the
 * span. */
static int load_one(ct_claims_data *d, size_t i, const char *path,
                    const char *display, const ct_geo *geo, tapped *tp,
                    ct_error *err)
{
    ct_claims_source_info *si = &d->info;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    ct_load_info info;
    struct sha256_ctx sha;
    int rc;

    sha256_init(&sha);
    lo.geo = geo;
    lo.display = display;
    lo.on_bytes = sha256_bytes;
    lo.bytes_ctx = &sha;
    rc = i == 0 && tp->tap
             ? ct_load_file(path, &lo, add_obs_tapped, tp, &info, err)
             : ct_load_file(path, &lo, add_obs, d, &info, err);
    if (rc != CT_OK)
        return rc;
    if (i == 0)
        d->dataset = info.dataset;
    else if (info.dataset != d->dataset)
        return ct_error_set(err, CT_EUSAGE, path, 0,
                            "is %s, but the source's first file is %s",
                            ct_obs_dataset_name(info.dataset),
                            ct_obs_dataset_name(d->dataset));
    if (d->merge)
        compact(d);
    if (d->merge && i > 0) {
        /* several event files (countries or regions) make one series
         * only over the years every file covers */
        if (info.year_min > si->year_min)
            si->year_min = info.year_min;
        if (info.year_max < si->year_max)
            si->year_max = info.year_max;
    } else {
        if (i == 0 || info.year_min < si->year_min)
            si->year_min = info.year_min;
        if (info.year_max > si->year_max)
            si->year_max = info.year_max;
    }
    si->rows += info.rows;
    snprintf(si->files[i], sizeof si->files[i], "%s",
             display ? display : path);
    sha256_hex(&sha, si->sha256[i]);
    if (i == 0) {
        if (info.version[0])
            snprintf(si->version, sizeof si->version, "%s", info.version);
        else
            version_from_name(si->version, sizeof si->version, path);
    }
    return CT_OK;
}

/* The source's kind, label and citation from its dataset; CT_EUSAGE for a
 * dataset claims do not use. */
static int set_identity(ct_claims_data *d, const char *path, ct_error *err)
{
    ct_claims_source_info *si = &d->info;
    const char *abbr = NULL;

    snprintf(si->dataset, sizeof si->dataset, "%s",
             ct_obs_dataset_title(d->dataset));
    switch (d->dataset) {
    case CT_DS_ACD:
        snprintf(si->kind, sizeof si->kind, "ucdp");
        si->citation = CITE_ACD;
        abbr = "ACD";
        break;
    case CT_DS_BRD:
        snprintf(si->kind, sizeof si->kind, "brd");
        si->citation = CITE_BRD;
        abbr = "BRD";
        break;
    case CT_DS_GED:
        snprintf(si->kind, sizeof si->kind, "ged");
        si->citation = CITE_GED;
        abbr = "GED";
        break;
    case CT_DS_ACLED:
    case CT_DS_HAPI:
        snprintf(si->kind, sizeof si->kind, "acled");
        si->citation = CITE_ACLED;
        snprintf(si->label, sizeof si->label, "ACLED");
        return CT_OK;
    default:
        return ct_error_set(err, CT_EUSAGE, path, 0,
                            "is %s: claims use UCDP ACD, BRD, GED or ACLED "
                            "files", ct_obs_dataset_name(d->dataset));
    }
    snprintf(si->label, sizeof si->label, "UCDP %s %.*s", abbr,
             si->version[0] ? (int)strcspn(si->version, " ") : 1,
             si->version[0] ? si->version : "?");
    return CT_OK;
}

/* Coverage notes: an event source whose last month is not December has a
 * partial last year, left out rather than counted as a fall; several event
 * files keep only the years all of them cover. */
static void set_notes(ct_claims_data *d, size_t n)
{
    ct_claims_source_info *si = &d->info;

    if (d->last_ym > 0 && d->last_ym % 12 != 0 && d->last_ym / 12 == si->year_max &&
        d->merge) {
        snprintf(si->note, sizeof si->note,
                 "%d is partial (data end in month %d) and is left out",
                 si->year_max, d->last_ym % 12 == 0 ? 12 : d->last_ym % 12);
        si->year_max--;
    }
    if (d->merge && n > 1 && si->year_min > si->year_max)
        snprintf(si->note + strlen(si->note), sizeof si->note - strlen(si->note),
                 "%sseveral event files that share no year: they cannot "
                 "make one series", si->note[0] ? "; " : "");
    else if (d->merge && n > 1)
        snprintf(si->note + strlen(si->note), sizeof si->note - strlen(si->note),
                 "%sseveral event files: only the years all of them cover "
                 "(%d-%d) are used", si->note[0] ? "; " : "", si->year_min,
                 si->year_max);
}

int ct_claims_data_load(ct_claims_data **out, const char *const *paths,
                        const char *const *display, size_t n,
                        const ct_geo *geo, ct_error *err)
{
    return ct_claims_data_load_tap(out, paths, display, n, geo, NULL, NULL,
                                   err);
}

int ct_claims_data_load_tap(ct_claims_data **out, const char *const *paths,
                            const char *const *display, size_t n,
                            const ct_geo *geo, ct_obs_fn tap, void *tap_ctx,
                            ct_error *err)
{
    tapped tp;
    ct_claims_data *d;
    size_t i;
    int rc = CT_OK;

    *out = NULL;
    if (n == 0 || n > 8)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "a source takes 1 to 8 files, got %zu", n);
    if ((d = calloc(1, sizeof *d)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    d->geo = geo;
    d->compact_at = 65536;
    tp.d = d;
    tp.tap = tap;
    tp.ctx = tap_ctx;
    for (i = 0; i < n && rc == CT_OK; i++)
        rc = load_one(d, i, paths[i], display ? display[i] : NULL, geo, &tp,
                      err);
    if (rc == CT_OK)
        rc = set_identity(d, paths[0], err);
    if (rc != CT_OK) {
        ct_claims_data_free(d);
        return rc;
    }
    d->info.n_files = n;
    set_notes(d, n);
    *out = d;
    return CT_OK;
}

int ct_claims_data_from_counts(ct_claims_data **out, const char *label,
                               int year0, const double *y, size_t n,
                               ct_error *err)
{
    ct_claims_data *d;
    size_t i;
    long k, id = 0;

    *out = NULL;
    if ((d = calloc(1, sizeof *d)) == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    d->dataset = CT_DS_ACD;
    for (i = 0; i < n; i++) {
        if (!(y[i] >= 0) || y[i] > 1e6 || y[i] != floor(y[i])) {
            ct_claims_data_free(d);
            return ct_error_set(err, CT_EDOMAIN, NULL, 0,
                                "counts must be whole numbers >= 0");
        }
        for (k = 0; k < (long)y[i]; k++) {
            cl_rec r;
            memset(&r, 0, sizeof r);
            r.year = year0 + (int)i;
            r.cls = CT_CLASS_INTRASTATE;
            r.conflict = (int)id++;
            r.events = 1;
            if (push(d, &r) != CT_OK) {
                ct_claims_data_free(d);
                return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
            }
        }
    }
    d->info.year_min = year0;
    d->info.year_max = year0 + (int)n - 1;
    d->info.citation = "synthetic series";
    snprintf(d->info.kind, sizeof d->info.kind, "ucdp");
    snprintf(d->info.dataset, sizeof d->info.dataset, "in-memory counts");
    snprintf(d->info.label, sizeof d->info.label, "%s", label ? label : "counts");
    *out = d;
    return CT_OK;
}

void ct_claims_data_free(ct_claims_data *d)
{
    if (d == NULL)
        return;
    free(d->rec);
    free(d);
}

/* ---------------------------------------------------------- cutting --- */

static int match(const cl_rec *r, const cl_select *s)
{
    if (s->mask && !(s->mask >> r->cls & 1u))
        return 0;
    if (s->region && !(r->region_mask >> (s->region - 1) & 1u))
        return 0;
    if (s->n_sub) {
        uint64_t m = 0;
        size_t i;
        for (i = 0; i < s->n_sub; i++)
            m |= 1ull << s->sub[i];
        if (!(r->sub[s->scheme] & m))
            return 0;
    }
    if (s->n_regions) {
        unsigned m = 0;
        size_t i;
        for (i = 0; i < s->n_regions; i++)
            m |= 1u << (s->regions[i] - 1);
        if (!(r->region_mask & m))
            return 0;
    }
    return 1;
}

static int pair_cmp(const void *pa, const void *pb)
{
    const int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return a < b ? -1 : a > b;
}

int cl_cut(const ct_claims_data *d, const cl_select *s, int from, int to,
           double *out, int *cov, ct_error *err)
{
    size_t i, np = 0;
    int64_t *pairs = NULL;
    int span = to - from + 1;

    *cov = 0;
    for (i = 0; i < (size_t)span; i++)
        out[i] = 0;
    if (s->measure == CT_MEASURE_CONFLICTS) {
        if ((pairs = malloc((d->n + 1) * sizeof *pairs)) == NULL)
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < d->n; i++) {
        const cl_rec *r = &d->rec[i];
        if (!match(r, s))
            continue;
        if (r->cov > *cov)
            *cov = r->cov;
        if (r->year < from || r->year > to)
            continue;
        switch (s->measure) {
        case CT_MEASURE_CONFLICTS:
            if (r->conflict >= 0)
                pairs[np++] = (int64_t)r->year << 32 | (uint32_t)r->conflict;
            break;
        case CT_MEASURE_EVENTS:
            out[r->year - from] += r->events;
            break;
        case CT_MEASURE_DEATHS:
            out[r->year - from] += r->deaths;
            break;
        }
    }
    if (pairs != NULL) {
        qsort(pairs, np, sizeof *pairs, pair_cmp);
        for (i = 0; i < np; i++)
            if (i == 0 || pairs[i] != pairs[i - 1])
                out[(int)(pairs[i] >> 32) - from] += 1;
        free(pairs);
    }
    return CT_OK;
}

double cl_distinct(const ct_claims_data *d, const cl_select *s, int from,
                   int to)
{
    size_t i, np = 0, k = 0;
    int *ids = malloc((d->n + 1) * sizeof *ids);
    if (ids == NULL)
        return NAN;
    for (i = 0; i < d->n; i++) {
        const cl_rec *r = &d->rec[i];
        if (r->year >= from && r->year <= to && r->conflict >= 0 && match(r, s))
            ids[np++] = r->conflict;
    }
    qsort(ids, np, sizeof *ids, cl_int_cmp);
    for (i = 0; i < np; i++)
        if (i == 0 || ids[i] != ids[i - 1])
            k++;
    free(ids);
    return (double)k;
}

int cl_int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

int ct_claims_data_series(const ct_claims_data *d, ct_measure m,
                          unsigned mask, int region, int from, int to,
                          double *out, ct_error *err)
{
    cl_select s;
    int cov, y, rc;
    memset(&s, 0, sizeof s);
    s.measure = m;
    s.mask = mask;
    s.region = region;
    if (to < from)
        return ct_error_set(err, CT_EUSAGE, NULL, 0, "to before from");
    if ((rc = cl_cut(d, &s, from, to, out, &cov, err)) != CT_OK)
        return rc;
    for (y = from; y <= to; y++)
        if (y < d->info.year_min || y > d->info.year_max)
            out[y - from] = NAN;
    return CT_OK;
}

void cl_copy(char *dst, size_t n, const char *src)
{
    size_t k = strlen(src);
    if (n == 0)
        return;
    if (k >= n)
        k = n - 1;
    memcpy(dst, src, k);
    dst[k] = '\0';
}
