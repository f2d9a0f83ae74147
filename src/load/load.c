/* SPDX-License-Identifier: MIT
 * load.c - detecting the dataset from the header and turning each record
 * of any UCDP or ACLED layout into a ct_obs (load.h).
 *
 * Every column is found by its (case-insensitive, trimmed) header name.
 * A column a dataset needs is required; every other one is optional, so
 * releases that add, drop or move columns keep loading.
 */
#define _POSIX_C_SOURCE 200809L
#include "ctrend/load.h"

#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctrend/date.h"
#include "load/csv_reader.h"

/* Column roles. */
enum col {
    COL_CONFLICT_ID, COL_DYAD_ID, COL_ACTOR_ID, COL_YEAR, COL_TYPE,
    COL_REGION, COL_GWNO_LOC, COL_GWNO_LOCATION, COL_GWNO_BATTLE,
    COL_LOCATION, COL_VERSION, COL_BD_BEST, COL_BD_LOW, COL_BD_HIGH,
    COL_BEST_EST, COL_LOW_EST, COL_HIGH_EST,
    /* GED */
    COL_ID, COL_TOV, COL_CONFLICT_NEW_ID, COL_DATE_START, COL_COUNTRY,
    COL_COUNTRY_ID, COL_BEST, COL_LOW, COL_HIGH,
    /* ACLED */
    COL_EVENT_ID_CNTY, COL_EVENT_DATE, COL_EVENT_TYPE, COL_ACTOR1,
    COL_ASSOC1, COL_INTER1, COL_ACTOR2, COL_ASSOC2, COL_INTER2, COL_ISO,
    COL_ISO3, COL_GWNO, COL_FATALITIES, COL_CIV_TARGETING,
    COL_ALLY1, COL_ALLY2,
    /* HDX HAPI */
    COL_LOCATION_CODE, COL_ADMIN_LEVEL, COL_ADMIN1_CODE, COL_ADMIN2_CODE,
    COL_EVENTS, COL_PERIOD_START,
    COL_N
};

static const char *const COL_NAME[COL_N] = {
    "conflict_id", "dyad_id", "actor_id", "year", "type_of_conflict",
    "region", "gwno_loc", "gwno_location", "gwno_battle",
    "location", "version", "bd_best", "bd_low", "bd_high",
    "best_fatality_estimate", "low_fatality_estimate",
    "high_fatality_estimate",
    "id", "type_of_violence", "conflict_new_id", "date_start", "country",
    "country_id", "best", "low", "high",
    "event_id_cnty", "event_date", "event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "iso",
    "iso3", "gwno", "fatalities", "civilian_targeting",
    "ally_actor_1", "ally_actor_2",
    "location_code", "admin_level", "admin1_code", "admin2_code",
    "events", "reference_period_start"};

/* Required columns per dataset, ended by COL_N. */
static const enum col REQ_ACD[] = {COL_CONFLICT_ID, COL_YEAR, COL_TYPE,
                                   COL_N};
static const enum col REQ_BRD[] = {COL_CONFLICT_ID, COL_DYAD_ID, COL_YEAR,
                                   COL_BD_BEST, COL_N};
static const enum col REQ_NS[] = {COL_CONFLICT_ID, COL_YEAR, COL_BEST_EST,
                                  COL_N};
static const enum col REQ_OS[] = {COL_CONFLICT_ID, COL_YEAR, COL_BEST_EST,
                                  COL_N};
static const enum col REQ_GED[] = {COL_ID, COL_YEAR, COL_TOV, COL_BEST,
                                   COL_N};
static const enum col REQ_ACLED[] = {COL_EVENT_ID_CNTY, COL_EVENT_TYPE,
                                     COL_FATALITIES, COL_N};
static const enum col REQ_HAPI[] = {COL_LOCATION_CODE, COL_EVENT_TYPE,
                                    COL_EVENTS, COL_FATALITIES,
                                    COL_PERIOD_START, COL_N};

static const enum col *required(ct_dataset d)
{
    switch (d) {
    case CT_DS_ACD: return REQ_ACD;
    case CT_DS_BRD: return REQ_BRD;
    case CT_DS_NONSTATE: return REQ_NS;
    case CT_DS_ONESIDED: return REQ_OS;
    case CT_DS_GED: return REQ_GED;
    case CT_DS_ACLED: return REQ_ACLED;
    case CT_DS_HAPI: return REQ_HAPI;
    default: return NULL;
    }
}

static int has(const char *const *names, size_t n, const char *want)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcasecmp(names[i], want) == 0)
            return 1;
    return 0;
}

ct_dataset ct_load_detect(const char *const *h, size_t n, ct_layout *layout)
{
    *layout = CT_LAYOUT_NATIVE;
    if (has(h, n, "event_id_cnty")) {
        if (has(h, n, "data_id"))
            *layout = CT_LAYOUT_ACLED_EXPORT;
        else if (!has(h, n, "region") && has(h, n, "gwno"))
            *layout = CT_LAYOUT_ACLED_LEGACY;
        else
            *layout = CT_LAYOUT_ACLED_CURRENT;
        return CT_DS_ACLED;
    }
    /* each dataset by a column only it has, so that a file missing one
     * of its required columns is told which */
    if (has(h, n, "type_of_violence"))
        return CT_DS_GED;
    if (has(h, n, "bd_best") || has(h, n, "bd_low") || has(h, n, "bd_high"))
        return CT_DS_BRD;
    if (has(h, n, "conflict_id") &&
        (has(h, n, "type_of_conflict") || has(h, n, "intensity_level")))
        return CT_DS_ACD;
    if (has(h, n, "best_fatality_estimate")) {
        if (has(h, n, "is_government_actor") || has(h, n, "actor_id") ||
            has(h, n, "actor_name"))
            return CT_DS_ONESIDED;
        return CT_DS_NONSTATE;
    }
    if (has(h, n, "location_code") && has(h, n, "events") &&
        has(h, n, "reference_period_start"))
        return CT_DS_HAPI;
    return CT_DS_AUTO;
}

/* Loader state for one file. */
typedef struct loader {
    const ct_load_options *opt;
    ct_load_info *info;
    ct_csv *csv;
    const char *name;        /* display name                         */
    int col[COL_N];          /* field index per role, -1 when absent */
    ct_date_order order;     /* slash-date order learnt from values  */
    ct_obs obs;
    char record_id[128];
    char version[64];
    size_t header_n;         /* fields in the header                 */
    int too_many_loc;        /* the record named > CT_OBS_MAX_LOC    */
    size_t min_fields;       /* last named header field + 1          */
} loader;

static const char *get(const loader *L, const ct_csv_record *r, enum col c)
{
    int i = L->col[c];
    if (i < 0 || (size_t)i >= r->n)
        return "";
    /* the reader is lazy: only the columns used are ever terminated */
    return ct_csv_get(L->csv, (ct_csv_record *)r, (size_t)i);
}

/* A missing value: empty, or R's NA written out. */
static int is_missing(const char *s)
{
    while (*s == ' ')
        s++;
    if (*s != 'N')
        return *s == '\0';
    return strcmp(s, "NA") == 0 || strcmp(s, "NaN") == 0 ||
           strcmp(s, "NULL") == 0;
}

static int field_error(const loader *L, const ct_csv_record *r, enum col c,
                       const char *what, const char *val, ct_error *err)
{
    char shown[61];
    size_t n = strlen(val);
    if (n >= sizeof shown) {
        /* cut at a character boundary, never inside a UTF-8 sequence */
        n = sizeof shown - 1;
        while (n > 0 && ((unsigned char)val[n] & 0xc0) == 0x80)
            n--;
    }
    memcpy(shown, val, n);
    shown[n] = '\0';
    return ct_error_set(err, CT_EPARSE, L->name, r->line,
                        "field %d '%s': %s, got '%s'", L->col[c] + 1,
                        COL_NAME[c], what, shown);
}

/* Parses a whole-number field; "12.0" (spreadsheet re-save) accepted. */
static int parse_long(const char *s, long *out)
{
    char *end;
    double d;
    long v;
    while (*s == ' ')
        s++;
    v = strtol(s, &end, 10);
    if (end == s)
        return -1;
    if (*end == '.') {
        d = strtod(s, &end);
        if (d != floor(d))
            return -1;
        v = (long)d;
    }
    while (*end == ' ')
        end++;
    if (*end != '\0')
        return -1;
    *out = v;
    return 0;
}

static int get_int(const loader *L, const ct_csv_record *r, enum col c,
                   long lo, long hi, long *out, ct_error *err)
{
    const char *s = get(L, r, c);
    char what[96];
    if (is_missing(s))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d '%s': missing value", L->col[c] + 1,
                            COL_NAME[c]);
    if (parse_long(s, out) != 0 || *out < lo || *out > hi) {
        snprintf(what, sizeof what, "expected an integer from %ld to %ld",
                 lo, hi);
        return field_error(L, r, c, what, s, err);
    }
    return CT_OK;
}

/* Deaths: a non-negative integer, or NaN when missing/absent. */
static int get_deaths(const loader *L, const ct_csv_record *r, enum col c,
                      double *out, ct_error *err)
{
    const char *s = get(L, r, c);
    long v;
    if (L->col[c] < 0 || is_missing(s)) {
        *out = (double)NAN;
        return CT_OK;
    }
    if (parse_long(s, &v) != 0 || v < 0)
        return field_error(L, r, c, "expected a non-negative integer", s,
                           err);
    if (v > CT_DEATHS_MAX)
        return field_error(L, r, c, "expected a non-negative integer up "
                           "to 100000000", s, err);
    *out = (double)v;
    return CT_OK;
}

static int get_year(loader *L, const ct_csv_record *r, ct_error *err)
{
    long y;
    int rc = get_int(L, r, COL_YEAR, CT_YEAR_MIN, CT_YEAR_MAX, &y, err);
    if (rc != CT_OK)
        return rc;
    L->obs.year = (int)y;
    L->obs.month = L->obs.day = 0;
    L->obs.prec = CT_PREC_YEAR;
    return CT_OK;
}

/* Sets the date from a date column; the year column (when present) must
 * agree with it. */
static int get_date(loader *L, const ct_csv_record *r, enum col c,
                    ct_error *err)
{
    const char *s = get(L, r, c);
    ct_date d;
    long y = 0;

    if (L->col[COL_YEAR] >= 0 && !is_missing(get(L, r, COL_YEAR))) {
        int rc = get_int(L, r, COL_YEAR, CT_YEAR_MIN, CT_YEAR_MAX, &y, err);
        if (rc != CT_OK)
            return rc;
    }
    if (is_missing(s)) {
        if (y == 0)
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "field %d '%s': missing date",
                                L->col[c] + 1, COL_NAME[c]);
        L->obs.year = (int)y;
        L->obs.month = L->obs.day = 0;
        L->obs.prec = CT_PREC_YEAR;
        return CT_OK;
    }
    if (ct_date_parse(s, (int)y, &L->order, &d) != 0)
        return field_error(L, r, c, "not a valid date", s, err);
    if (d.year < CT_YEAR_MIN || d.year > CT_YEAR_MAX)
        return field_error(L, r, c, "year out of range 1900-2100", s, err);
    if (y != 0 && d.year != y) {
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d '%s': date '%s' is not in year %ld",
                            L->col[c] + 1, COL_NAME[c], s, y);
    }
    L->obs.year = d.year;
    L->obs.month = d.month;
    L->obs.day = d.day;
    L->obs.prec = CT_PREC_DAY;
    return CT_OK;
}

static void add_loc(loader *L, const ct_country *c)
{
    size_t i;
    if (c == NULL)
        return;
    for (i = 0; i < L->obs.n_loc; i++)
        if (L->obs.loc[i] == c)
            return;
    if (L->obs.n_loc < CT_OBS_MAX_LOC)
        L->obs.loc[L->obs.n_loc++] = c;
    else
        L->too_many_loc = 1; /* convert() reports it */
}

static void unresolved(loader *L, const char *what)
{
    L->info->unresolved++;
    if (L->info->first_unresolved[0] == '\0')
        snprintf(L->info->first_unresolved,
                 sizeof L->info->first_unresolved, "%s", what);
}

/* A list of GW numbers ("750, 770" or "750;770"). */
static int get_gwno_list(loader *L, const ct_csv_record *r, enum col c,
                         ct_error *err)
{
    const char *s = get(L, r, c), *p = s;
    while (*p) {
        char *end;
        long v;
        while (*p == ' ' || *p == ',' || *p == ';')
            p++;
        if (*p == '\0' || strncmp(p, "NA", 2) == 0)
            break;
        v = strtol(p, &end, 10);
        if (end == p || v < 0 || v > 999)
            return field_error(L, r, c, "expected a list of GW numbers", s,
                               err);
        {
            const ct_country *k = ct_geo_by_gwno(L->opt->geo, (int)v);
            if (k == NULL) {
                char b[16];
                snprintf(b, sizeof b, "gwno %ld", v);
                unresolved(L, b);
            }
            add_loc(L, k);
            if (L->too_many_loc)
                return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                    "field %d '%s': more than %d location "
                                    "countries (the limit)", L->col[c] + 1,
                                    COL_NAME[c], CT_OBS_MAX_LOC);
        }
        p = end;
        if (*p == '.') /* "750.0" from a spreadsheet */
            while (*p == '.' || *p == '0')
                p++;
    }
    return CT_OK;
}

/* A UCDP region list ("1, 3") or a region name ("Asia"). */
static int get_regions(loader *L, const ct_csv_record *r, ct_error *err)
{
    const char *s = get(L, r, COL_REGION), *p = s;
    while (*p) {
        char *end;
        long v;
        while (*p == ' ' || *p == ',' || *p == ';')
            p++;
        if (*p == '\0')
            break;
        if (isalpha((unsigned char)*p)) {
            int reg = ct_region_parse(p);
            if (reg == 0 && strcmp(p, "NA") != 0)
                return field_error(L, r, COL_REGION,
                                   "expected a UCDP region", s, err);
            if (reg)
                L->obs.region_mask |= 1u << (reg - 1);
            break;
        }
        v = strtol(p, &end, 10);
        if (end == p || v < 1 || v > 5)
            return field_error(L, r, COL_REGION,
                               "expected UCDP region codes 1-5", s, err);
        L->obs.region_mask |= 1u << (v - 1);
        p = end;
    }
    return CT_OK;
}

static void regions_from_locations(loader *L)
{
    size_t i;
    for (i = 0; i < L->obs.n_loc; i++)
        if (L->obs.loc[i]->ucdp_region)
            L->obs.region_mask |= 1u << (L->obs.loc[i]->ucdp_region - 1);
}

static void set_id(loader *L, const char *a, const char *b, int year)
{
    if (year)
        snprintf(L->record_id, sizeof L->record_id, "%s:%s:%d", a, b, year);
    else
        snprintf(L->record_id, sizeof L->record_id, "%s:%s", a, b);
    L->obs.record_id = L->record_id;
}

static int row_ucdp(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    int rc;
    long t;

    if ((rc = get_year(L, r, err)) != CT_OK)
        return rc;
    o->conflict_id = get(L, r, COL_CONFLICT_ID);
    if (is_missing(o->conflict_id))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d 'conflict_id': missing value",
                            L->col[COL_CONFLICT_ID] + 1);
    if ((rc = get_regions(L, r, err)) != CT_OK)
        return rc;
    switch (o->dataset) {
    case CT_DS_ACD:
    case CT_DS_BRD:
        if ((rc = get_int(L, r, COL_TYPE, 1, 4, &t, err)) != CT_OK)
            return rc;
        o->cls = (ct_class)(CT_CLASS_EXTRASYSTEMIC + (t - 1));
        rc = get_gwno_list(L, r, L->col[COL_GWNO_LOC] >= 0 ? COL_GWNO_LOC
                                                           : COL_GWNO_BATTLE,
                           err);
        if (o->dataset == CT_DS_ACD) {
            set_id(L, "acd", o->conflict_id, o->year);
        } else {
            set_id(L, get(L, r, COL_DYAD_ID), "brd", o->year);
            if (rc == CT_OK)
                rc = get_deaths(L, r, COL_BD_BEST, &o->best, err);
            if (rc == CT_OK)
                rc = get_deaths(L, r, COL_BD_LOW, &o->low, err);
            if (rc == CT_OK)
                rc = get_deaths(L, r, COL_BD_HIGH, &o->high, err);
        }
        break;
    default: /* non-state and one-sided */
        o->cls = o->dataset == CT_DS_NONSTATE ? CT_CLASS_NONSTATE
                                              : CT_CLASS_ONESIDED;
        rc = get_gwno_list(L, r, COL_GWNO_LOCATION, err);
        if (L->col[COL_DYAD_ID] >= 0)
            set_id(L, get(L, r, COL_DYAD_ID), "dyad", o->year);
        else
            set_id(L, o->conflict_id, get(L, r, COL_ACTOR_ID), o->year);
        if (rc == CT_OK)
            rc = get_deaths(L, r, COL_BEST_EST, &o->best, err);
        if (rc == CT_OK)
            rc = get_deaths(L, r, COL_LOW_EST, &o->low, err);
        if (rc == CT_OK)
            rc = get_deaths(L, r, COL_HIGH_EST, &o->high, err);
        break;
    }
    if (rc != CT_OK)
        return rc;
    if (o->n_loc == 0 && L->col[COL_LOCATION] >= 0) {
        /* no GW numbers: fall back to the location name(s) */
        const ct_country *c = ct_geo_by_name(L->opt->geo,
                                             get(L, r, COL_LOCATION));
        add_loc(L, c);
    }
    if (o->region_mask == 0)
        regions_from_locations(L);
    o->country_name = get(L, r, COL_LOCATION);
    return CT_OK;
}

static int row_ged(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    long t, gw;
    int rc;
    const char *cid;

    if (L->col[COL_DATE_START] >= 0)
        rc = get_date(L, r, COL_DATE_START, err);
    else
        rc = get_year(L, r, err);
    if (rc != CT_OK)
        return rc;
    if ((rc = get_int(L, r, COL_TOV, 1, 3, &t, err)) != CT_OK)
        return rc;
    o->cls = t == 1 ? CT_CLASS_STATEBASED
                    : t == 2 ? CT_CLASS_NONSTATE : CT_CLASS_ONESIDED;
    o->event_type = t == 1 ? "state-based" : t == 2 ? "non-state"
                                                    : "one-sided";
    cid = get(L, r, COL_CONFLICT_NEW_ID);
    o->conflict_id = is_missing(cid) ? "" : cid;
    if (t == 1 && L->opt->join != NULL)
        o->cls = ct_typemap_get(L->opt->join, o->conflict_id, o->year);
    o->record_id = get(L, r, COL_ID);
    o->country_name = get(L, r, COL_COUNTRY);
    if (L->col[COL_COUNTRY_ID] >= 0 &&
        !is_missing(get(L, r, COL_COUNTRY_ID))) {
        if ((rc = get_int(L, r, COL_COUNTRY_ID, 0, 999, &gw, err)) != CT_OK)
            return rc;
        if (ct_geo_by_gwno(L->opt->geo, (int)gw) == NULL) {
            char b[16];
            snprintf(b, sizeof b, "gwno %ld", gw);
            unresolved(L, b);
        }
        add_loc(L, ct_geo_by_gwno(L->opt->geo, (int)gw));
    } else if (!is_missing(o->country_name)) {
        const ct_country *c = ct_geo_by_name(L->opt->geo, o->country_name);
        if (c == NULL)
            unresolved(L, o->country_name);
        add_loc(L, c);
    }
    if ((rc = get_regions(L, r, err)) != CT_OK)
        return rc;
    if (o->region_mask == 0)
        regions_from_locations(L);
    if ((rc = get_deaths(L, r, COL_BEST, &o->best, err)) != CT_OK ||
        (rc = get_deaths(L, r, COL_LOW, &o->low, err)) != CT_OK ||
        (rc = get_deaths(L, r, COL_HIGH, &o->high, err)) != CT_OK)
        return rc;
    if (isnan(o->best))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d 'best': missing value",
                            L->col[COL_BEST] + 1);
    return CT_OK;
}

static int row_acled(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    ct_acled_actors a;
    const ct_country *c = NULL;
    const char *s;
    int rc;
    long v;

    rc = L->col[COL_EVENT_DATE] >= 0 ? get_date(L, r, COL_EVENT_DATE, err)
                                     : get_year(L, r, err);
    if (rc != CT_OK)
        return rc;
    o->record_id = get(L, r, COL_EVENT_ID_CNTY);
    o->event_type = get(L, r, COL_EVENT_TYPE);
    o->country_name = get(L, r, COL_COUNTRY);
    if (is_missing(o->event_type))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d 'event_type': missing value",
                            L->col[COL_EVENT_TYPE] + 1);
    /* the country: ISO3, ISO numeric, GW number (legacy), then name */
    s = get(L, r, COL_ISO3);
    if (!is_missing(s))
        c = ct_geo_by_iso3(L->opt->geo, s);
    s = get(L, r, COL_ISO);
    if (c == NULL && !is_missing(s) && parse_long(s, &v) == 0 && v > 0)
        c = ct_geo_by_iso_num(L->opt->geo, (int)v);
    s = get(L, r, COL_GWNO);
    if (c == NULL && !is_missing(s) && parse_long(s, &v) == 0)
        c = ct_geo_by_gwno(L->opt->geo, (int)v);
    if (c == NULL && !is_missing(o->country_name))
        c = ct_geo_by_name(L->opt->geo, o->country_name);
    if (c == NULL)
        unresolved(L, o->country_name);
    add_loc(L, c);
    regions_from_locations(L);
    if ((rc = get_deaths(L, r, COL_FATALITIES, &o->best, err)) != CT_OK)
        return rc;
    if (isnan(o->best))
        o->best = 0; /* ACLED leaves no fatality count empty; be lenient */
    if (L->opt->no_class) {
        o->cls = CT_CLASS_UNCLASSIFIED;
        return CT_OK;
    }
    memset(&a, 0, sizeof a);
    a.event_type = o->event_type;
    a.actor1 = get(L, r, COL_ACTOR1);
    a.actor2 = get(L, r, COL_ACTOR2);
    a.assoc1 = get(L, r, L->col[COL_ASSOC1] >= 0 ? COL_ASSOC1 : COL_ALLY1);
    a.assoc2 = get(L, r, L->col[COL_ASSOC2] >= 0 ? COL_ASSOC2 : COL_ALLY2);
    a.inter1 = ct_acled_inter_parse(get(L, r, COL_INTER1));
    a.inter2 = ct_acled_inter_parse(get(L, r, COL_INTER2));
    a.country = c ? c->name : o->country_name;
    a.civilian_targeting = get(L, r, COL_CIV_TARGETING);
    o->cls = ct_acled_classify(&a, L->opt->geo);
    return CT_OK;
}

static int row_hapi(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    const char *iso3 = get(L, r, COL_LOCATION_CODE);
    const ct_country *c;
    long ev;
    int rc;

    if ((rc = get_date(L, r, COL_PERIOD_START, err)) != CT_OK)
        return rc;
    o->day = 0;
    o->prec = CT_PREC_MONTH;
    o->event_type = get(L, r, COL_EVENT_TYPE);
    if (strcasecmp(o->event_type, "demonstration") == 0)
        o->cls = CT_CLASS_OTHER;
    else if (strcasecmp(o->event_type, "civilian_targeting") == 0)
        o->cls = CT_CLASS_ONESIDED;
    else
        o->cls = CT_CLASS_UNCLASSIFIED;
    c = ct_geo_by_iso3(L->opt->geo, iso3);
    if (c == NULL)
        unresolved(L, iso3);
    add_loc(L, c);
    regions_from_locations(L);
    if ((rc = get_int(L, r, COL_EVENTS, 0, 100000000L, &ev, err)) != CT_OK)
        return rc;
    o->events = (double)ev;
    if ((rc = get_deaths(L, r, COL_FATALITIES, &o->best, err)) != CT_OK)
        return rc;
    if (isnan(o->best))
        o->best = 0;
    snprintf(L->record_id, sizeof L->record_id, "%s|%s|%s|%s|%04d-%02d",
             iso3, get(L, r, COL_ADMIN1_CODE), get(L, r, COL_ADMIN2_CODE),
             o->event_type, o->year, o->month);
    o->record_id = L->record_id;
    return CT_OK;
}

/* An HXL hashtag row: every non-empty cell starts with '#'. */
static int is_hxl(ct_csv *csv, ct_csv_record *r)
{
    size_t i, tags = 0;
    for (i = 0; i < r->n; i++) {
        const char *s = ct_csv_get(csv, r, i);
        while (*s == ' ')
            s++;
        if (*s == '\0')
            continue;
        if (*s != '#')
            return 0;
        tags++;
    }
    return tags > 0;
}

static ct_unit unit_of(ct_dataset d)
{
    switch (d) {
    case CT_DS_ACD: return CT_UNIT_CONFLICT_YEAR;
    case CT_DS_BRD:
    case CT_DS_NONSTATE: return CT_UNIT_DYAD_YEAR;
    case CT_DS_ONESIDED: return CT_UNIT_ACTOR_YEAR;
    case CT_DS_HAPI: return CT_UNIT_AREA_MONTH;
    default: return CT_UNIT_EVENT;
    }
}

static int map_header(loader *L, const ct_csv_record *h, ct_error *err)
{
    size_t i, k;
    const enum col *req;
    const char **names;
    ct_layout layout;
    ct_dataset d;

    names = malloc((h->n ? h->n : 1) * sizeof *names);
    if (names == NULL)
        return ct_error_set(err, CT_ENOMEM, L->name, h->line, "out of memory");
    for (i = 0; i < h->n; i++) {
        char *s = h->field[i];
        size_t n = h->len[i];
        while (*s == ' ')
            s++, n--;
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
            s[--n] = '\0';
        names[i] = s;
    }
    if (ct_csv_set_names(L->csv, names, h->n) != CT_OK) {
        free(names);
        return ct_error_set(err, CT_ENOMEM, L->name, h->line,
                            "out of memory");
    }
    L->header_n = h->n;
    L->min_fields = 0;
    for (i = 0; i < h->n; i++)
        if (names[i][0] != '\0')
            L->min_fields = i + 1;
    for (i = 0; i < h->n; i++)
        if (strstr(names[i], "\xEF\xBB\xBF") != NULL) {
            /* an invisible character: say what it is (two BOMs, or
             * files concatenated with their BOMs) */
            ct_error_set(err, CT_EPARSE, L->name, h->line,
                         "header field %lu %s a byte order mark (U+FEFF, "
                         "bytes EF BB BF): remove it", (unsigned long)i + 1,
                         strncmp(names[i], "\xEF\xBB\xBF", 3) == 0
                             ? "starts with" : "contains");
            free(names);
            return CT_EPARSE;
        }
    d = ct_load_detect(names, h->n, &layout);
    if (L->opt->dataset != CT_DS_AUTO) {
        if (d != L->opt->dataset)
            layout = L->opt->dataset == CT_DS_ACLED ? CT_LAYOUT_ACLED_CURRENT
                                                    : CT_LAYOUT_NATIVE;
        d = L->opt->dataset;
    }
    L->info->dataset = d;
    L->info->layout = layout;
    L->info->unit = unit_of(d);
    if (d == CT_DS_AUTO) {
        ct_error_set(err, CT_EPARSE, L->name, h->line,
                     "not a UCDP or ACLED export: the header has none of "
                     "the columns that identify one (first column "
                     "'%.40s'); use --dataset to name it",
                     h->n ? names[0] : "");
        free(names);
        return CT_EPARSE;
    }
    for (k = 0; k < COL_N; k++) {
        L->col[k] = -1;
        for (i = 0; i < h->n; i++) {
            if (strcasecmp(names[i], COL_NAME[k]) != 0)
                continue;
            if (L->col[k] >= 0) {
                int first = L->col[k] + 1;
                free(names);
                return ct_error_set(err, CT_EPARSE, L->name, h->line,
                                    "duplicate column '%s' (fields %d and "
                                    "%zu)", COL_NAME[k], first, i + 1);
            }
            L->col[k] = (int)i;
        }
    }
    free(names);
    /* ACD/BRD name their region list column 'region'; GED too (a name).
     * Non-State/One-Sided use gwno_location; the legacy ACLED layout has
     * GWNO. HAPI's 'location_code' is an ISO3 code. */
    for (req = required(d); *req != COL_N; req++)
        if (L->col[*req] < 0)
            return ct_error_set(err, CT_EPARSE, L->name, h->line,
                                "missing required column '%s' for %s",
                                COL_NAME[*req], ct_dataset_title(d));
    if (d == CT_DS_ACLED && L->col[COL_EVENT_DATE] < 0 &&
        L->col[COL_YEAR] < 0)
        return ct_error_set(err, CT_EPARSE, L->name, h->line,
                            "missing required column 'event_date' for %s",
                            ct_dataset_title(d));
    L->obs.dataset = d;
    L->obs.layout = layout;
    L->obs.unit = unit_of(d);
    return CT_OK;
}

static int convert(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    size_t i;
    int rc;

    /* a record must reach the header's last named column; extra fields
     * must be empty (a half-written download ends in a short record) */
    if (r->n < L->min_fields)
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "record has %zu field%s, the header %zu: "
                            "truncated or broken record",
                            r->n, r->n == 1 ? "" : "s", L->header_n);
    for (i = L->header_n; i < r->n; i++)
        if (r->len[i] != 0)
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "record has %zu fields, the header only "
                                "%zu", r->n, L->header_n);

    o->month = o->day = 0;
    o->conflict_id = "";
    o->record_id = "";
    o->n_loc = 0;
    o->region_mask = 0;
    o->event_type = "";
    o->country_name = "";
    o->best = o->low = o->high = (double)NAN;
    o->events = 1;
    o->line = r->line;
    o->cls = CT_CLASS_UNCLASSIFIED;
    if (L->col[COL_VERSION] >= 0 && L->version[0] == '\0') {
        snprintf(L->version, sizeof L->version, "%s",
                 get(L, r, COL_VERSION));
        snprintf(L->info->version, sizeof L->info->version, "%s",
                 L->version);
    }
    o->version = L->version;
    L->too_many_loc = 0;
    switch (o->dataset) {
    case CT_DS_GED: rc = row_ged(L, r, err); break;
    case CT_DS_ACLED: rc = row_acled(L, r, err); break;
    case CT_DS_HAPI: rc = row_hapi(L, r, err); break;
    default: rc = row_ucdp(L, r, err); break;
    }
    if (rc == CT_OK && L->too_many_loc)
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "more than %d location countries in one "
                            "record (the limit)", CT_OBS_MAX_LOC);
    return rc;
}

/* One reader of a file or of a range of it. */
typedef struct worker {
    loader L;                 /* column map and current observation  */
    ct_load_info info;        /* this worker's counts                */
    ct_error err;             /* its error, when rc < 0              */
    ct_error skip_err;        /* its first skipped record            */
    int rc;                   /* CT_OK or the error it stopped with  */
    ct_obs_fn fn;             /* where observations go               */
    void *ctx;
    size_t index;             /* 0 .. n-1, in file order             */
    unsigned long long start, stop; /* byte range                    */
    _Atomic unsigned long long done; /* bytes read, for progress     */
    struct shared *sh;        /* what all workers of a file share    */
    pthread_t tid;
} worker;

typedef struct shared {
    _Atomic size_t min_failed;  /* lowest worker index that failed    */
    worker *w;                  /* all workers                        */
    size_t n;
    const ct_load_options *opt;
    unsigned long long total;   /* input size                         */
    unsigned long long next_report; /* next progress call (worker 0)  */
} shared;

#define PROGRESS_STEP (16ULL * 1024 * 1024)

static void report_progress(worker *w)
{
    shared *sh = w->sh;
    unsigned long long sum = 0;
    size_t i;

    atomic_store(&w->done, ct_csv_offset(w->L.csv) - w->start);
    if (w->index != 0 || sh->opt->progress == NULL)
        return;
    for (i = 0; i < sh->n; i++)
        sum += atomic_load(&sh->w[i].done);
    if (sum >= sh->next_report) {
        sh->opt->progress(sum + sh->w[0].start, sh->total,
                          sh->opt->progress_ctx);
        sh->next_report = sum + PROGRESS_STEP;
    }
}

/* Reads records until the worker's range ends; first_hxl: the first
 * record may be the HXL hashtag line of an HDX file. */
/* Tells a body reader which columns the loader uses, so that only those
 * are cut from each record. */
static int want_columns(loader *L, ct_csv *csv)
{
    unsigned char *want;
    size_t k;
    int rc;
    if (L->header_n == 0)
        return CT_OK;
    want = calloc(L->header_n, 1);
    if (want == NULL)
        return CT_ENOMEM;
    for (k = 0; k < COL_N; k++)
        if (L->col[k] >= 0)
            want[L->col[k]] = 1;
    ct_csv_lazy(csv, 1);
    rc = ct_csv_want(csv, want, L->header_n);
    free(want);
    return rc;
}

static int load_body(worker *w, int first_hxl)
{
    loader *L = &w->L;
    ct_load_info *info = &w->info;
    ct_csv_record rec;
    long nrec = 0, since = 0;
    int rc;

    for (;;) {
        if (atomic_load(&w->sh->min_failed) < w->index)
            return CT_OK; /* an earlier range failed: its error wins */
        rc = ct_csv_next(L->csv, &rec, &w->err);
        if (rc == 0)
            break;
        if (++since == 4096) {
            since = 0;
            report_progress(w);
        }
        if (rc == 1 && first_hxl && nrec++ == 0 && is_hxl(L->csv, &rec)) {
            if (info->layout == CT_LAYOUT_ACLED_EXPORT ||
                info->layout == CT_LAYOUT_ACLED_CURRENT)
                info->layout = CT_LAYOUT_ACLED_HDX;
            else
                info->layout = CT_LAYOUT_HDX;
            L->obs.layout = info->layout;
            continue;
        }
        if (rc == 1)
            rc = convert(L, &rec, &w->err);
        if (rc == CT_EPARSE && L->opt->skip_bad && !ct_csv_dead(L->csv)) {
            if (info->skipped++ == 0)
                w->skip_err = w->err;
            continue;
        }
        if (rc < 0)
            return rc;
        info->rows++;
        info->per_class[L->obs.cls]++;
        if (info->year_min == 0 || L->obs.year < info->year_min)
            info->year_min = L->obs.year;
        if (L->obs.year > info->year_max)
            info->year_max = L->obs.year;
        if ((rc = w->fn(&L->obs, w->ctx, &w->err)) != CT_OK) {
            /* a consumer's error names the file and record */
            if (w->err.path[0] == '\0')
                snprintf(w->err.path, sizeof w->err.path, "%s", L->name);
            if (w->err.line == 0)
                w->err.line = L->obs.line;
            else if (w->err.line == CT_ERROR_WHOLE_FILE)
                w->err.line = 0; /* about the file, not this record */
            return rc;
        }
    }
    report_progress(w);
    return CT_OK;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    w->rc = load_body(w, 0);
    if (w->rc < 0) {
        size_t cur = atomic_load(&w->sh->min_failed);
        while (w->index < cur &&
               !atomic_compare_exchange_weak(&w->sh->min_failed, &cur,
                                             w->index))
            ;
    }
    return NULL;
}

/* Adds a worker's counts into the file's info. */
static void merge_info(ct_load_info *to, const ct_load_info *from)
{
    int k;
    to->rows += from->rows;
    to->skipped += from->skipped;
    to->unresolved += from->unresolved;
    if (to->first_unresolved[0] == '\0')
        memcpy(to->first_unresolved, from->first_unresolved,
               sizeof to->first_unresolved);
    for (k = 0; k < CT_CLASS_COUNT; k++)
        to->per_class[k] += from->per_class[k];
    if (from->year_min && (to->year_min == 0 || from->year_min < to->year_min))
        to->year_min = from->year_min;
    if (from->year_max > to->year_max)
        to->year_max = from->year_max;
    if (to->version[0] == '\0')
        memcpy(to->version, from->version, sizeof to->version);
}

/* Opens path, reads the header (and HXL line) into L. On success *csv is
 * positioned after the header; *body and *lines tell where the data
 * records start; *peeked is 1 when the record after the header was read
 * and is data (only possible for non-seekable input, which keeps csv). */
static int load_header(loader *L, const char *path, ct_csv **csv,
                       ct_load_info *info, ct_error *err)
{
    ct_csv_record rec;
    int rc;

    rc = ct_csv_open(csv, path, L->opt->display, err);
    if (rc != CT_OK)
        return rc;
    L->csv = *csv;
    L->name = ct_csv_display(*csv);
    rc = ct_csv_next(*csv, &rec, err);
    if (rc == 0)
        return ct_error_set(err, CT_EPARSE, L->name, 1,
                            "empty file: no header line");
    if (rc < 0)
        return rc;
    info->delimiter = ct_csv_delimiter(*csv);
    return map_header(L, &rec, err);
}

static void finish_info(ct_load_info *info, worker *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        merge_info(info, &w[i].info);
        info->transcoded += ct_csv_transcoded(w[i].L.csv);
    }
}

/* Line offset of worker k: the lines before its range. */
static long line_base(worker *w, size_t k, long header_lines)
{
    long base = header_lines;
    size_t i;
    for (i = 0; i < k; i++)
        base += ct_csv_lines(w[i].L.csv);
    return base;
}

static void format_first_skip(ct_load_info *info, worker *w, size_t n,
                              long header_lines)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (w[i].info.skipped) {
            ct_error e = w[i].skip_err;
            if (e.line > 0)
                e.line += line_base(w, i, header_lines);
            if (e.line > 0)
                snprintf(info->first_skip, sizeof info->first_skip,
                         "%s:%ld: %s", e.path, e.line, e.msg);
            else
                snprintf(info->first_skip, sizeof info->first_skip,
                         "%s: %s", e.path, e.msg);
            return;
        }
}

/* Finds the first record start after offset `at`: the byte after the
 * next LF. Returns 0 when none is found within 4 MiB. */
static unsigned long long next_line(int fd, unsigned long long at)
{
    char buf[65536];
    unsigned long long pos = at;
    while (pos - at < (4ULL << 20)) {
        ssize_t r = pread(fd, buf, sizeof buf, (off_t)pos);
        char *nl;
        if (r <= 0)
            return 0;
        nl = memchr(buf, '\n', (size_t)r);
        if (nl)
            return pos + (unsigned long long)(nl - buf) + 1;
        pos += (unsigned long long)r;
    }
    return 0;
}

int ct_load_file_parallel(const char *path, const ct_load_options *opt,
                          size_t nthreads, ct_obs_fn fn, void *const *ctx,
                          int (*reset)(void *ctx), ct_load_info *info,
                          ct_error *err)
{
    ct_load_info scratch;
    ct_csv *head = NULL;
    worker *w = NULL;
    shared sh;
    loader L0;
    unsigned long long body, total = 0, done = 0;
    long header_lines;
    size_t n = nthreads ? nthreads : 1, i, started = 0;
    int rc, seekable, fd = -1, hxl = 0;

    if (info == NULL)
        info = &scratch;
    memset(info, 0, sizeof *info);
    memset(&L0, 0, sizeof L0);
    memset(&sh, 0, sizeof sh);
    L0.opt = opt;
    L0.info = info;
    if (opt->geo == NULL)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "no country table given to the loader");
    rc = load_header(&L0, path, &head, info, err);
    if (rc != CT_OK) {
        if (head)
            info->transcoded = ct_csv_transcoded(head);
        ct_csv_close(head);
        return rc;
    }
    ct_csv_progress(head, &done, &total);
    seekable = path != NULL && strcmp(path, "-") != 0 && total > 0;
    if (!seekable || total < CT_LOAD_PARALLEL_MIN)
        n = 1;
    body = ct_csv_offset(head);
    header_lines = ct_csv_lines(head);
    if (n > 1) {
        /* the HXL line, if any, belongs to the header */
        ct_csv_record rec;
        ct_error e2;
        if (ct_csv_next(head, &rec, &e2) == 1 && is_hxl(head, &rec)) {
            hxl = 1;
            body = ct_csv_offset(head);
            header_lines = ct_csv_lines(head);
        }
    }
    w = calloc(n, sizeof *w);
    if (w == NULL) {
        ct_csv_close(head);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    sh.w = w;
    sh.n = n;
    sh.opt = opt;
    sh.total = total;
    atomic_init(&sh.min_failed, n);
    for (i = 0; i < n; i++) {
        w[i].L = L0;
        w[i].L.info = &w[i].info;
        w[i].info = *info;
        w[i].info.rows = 0;
        if (hxl)
            w[i].info.layout = w[i].L.obs.layout =
                L0.obs.dataset == CT_DS_ACLED ? CT_LAYOUT_ACLED_HDX
                                              : CT_LAYOUT_HDX;
        w[i].fn = fn;
        w[i].ctx = ctx[n > 1 ? i : 0];
        w[i].index = i;
        w[i].sh = &sh;
        atomic_init(&w[i].done, 0);
    }
    if (n == 1) {
        /* one reader: go on with the header's reader */
        w[0].L.csv = head;
        if (want_columns(&w[0].L, head) != CT_OK) {
            ct_csv_close(head);
            free(w);
            return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        }
        w[0].start = body;
        rc = load_body(&w[0], 1);
        w[0].rc = rc;
        if (rc < 0)
            *err = w[0].err;
        finish_info(info, w, 1);
        info->layout = w[0].info.layout;
        format_first_skip(info, w, 1, 0);
        ct_csv_close(head);
        free(w);
        if (rc == CT_OK && err)
            ct_error_clear(err);
        return rc;
    }
    /* cut the body into n ranges at guessed record boundaries */
    fd = open(path, O_RDONLY);
    w[0].start = body;
    for (i = 1; i < n; i++) {
        unsigned long long at = body + (total - body) / n * i;
        w[i].start = fd >= 0 ? next_line(fd, at) : 0;
        if (w[i].start <= w[i - 1].start || w[i].start >= total)
            break;
    }
    if (fd >= 0)
        close(fd);
    if (i < n) {
        /* no usable cut: one thread */
        ct_csv_close(head);
        free(w);
        return ct_load_file(path, opt, fn, ctx[0], info, err);
    }
    rc = CT_OK;
    for (i = 0; i < n; i++) {
        w[i].stop = i + 1 < n ? w[i + 1].start : 0;
        rc = ct_csv_open_range(&w[i].L.csv, path, opt->display, w[i].start,
                               w[i].stop, info->delimiter, err);
        if (rc != CT_OK)
            break;
        if ((rc = ct_csv_copy_names(w[i].L.csv, head)) != CT_OK) {
            ct_error_set(err, rc, NULL, 0, "out of memory");
            break;
        }
        w[i].L.name = ct_csv_display(w[i].L.csv);
        if ((rc = want_columns(&w[i].L, w[i].L.csv)) != CT_OK) {
            ct_error_set(err, rc, NULL, 0, "out of memory");
            break;
        }
    }
    ct_csv_close(head);
    head = NULL;
    if (rc == CT_OK) {
        for (i = 1; i < n; i++) {
            if (pthread_create(&w[i].tid, NULL, worker_main, &w[i]) != 0)
                break;
            started = i;
        }
        if (started + 1 < n) /* could not start them all: stop the rest */
            atomic_store(&sh.min_failed, 0);
        worker_main(&w[0]);
        for (i = 1; i <= started; i++)
            pthread_join(w[i].tid, NULL);
        if (started + 1 < n && w[0].rc == CT_OK) {
            rc = ct_error_set(err, CT_ENOMEM, NULL, 0,
                              "cannot start threads");
            goto out;
        }
        /* every guessed cut before the first failure must have been a
         * record boundary; if one was not, the ranges after it read
         * garbage (their errors too) and the file is read again */
        {
            size_t first = n, j;
            int bad = 0;
            for (i = 0; i < n; i++)
                if (w[i].rc < 0) {
                    first = i;
                    break;
                }
            for (j = 0; j + 1 < n && j < first; j++)
                bad |= ct_csv_crossed(w[j].L.csv) ||
                       ct_csv_offset(w[j].L.csv) < w[j].stop;
            if (bad) {
                for (i = 0; i < n; i++) {
                    ct_csv_close(w[i].L.csv);
                    w[i].L.csv = NULL;
                    if (reset && (rc = reset(ctx[i])) != CT_OK)
                        break;
                }
                free(w);
                if (rc != CT_OK)
                    return ct_error_set(err, rc, NULL, 0,
                                        "cannot reset after a failed "
                                        "parallel read");
                return ct_load_file(path, opt, fn, ctx[0], info, err);
            }
            if (first < n) {
                *err = w[first].err;
                if (err->line > 0)
                    err->line += line_base(w, first, header_lines);
                rc = w[first].rc;
            }
        }
        finish_info(info, w, n);
        format_first_skip(info, w, n, header_lines);
    }
out:
    for (i = 0; i < n; i++)
        ct_csv_close(w[i].L.csv);
    free(w);
    if (rc == CT_OK && err)
        ct_error_clear(err);
    return rc;
}

int ct_load_file(const char *path, const ct_load_options *opt, ct_obs_fn fn,
                 void *ctx, ct_load_info *info, ct_error *err)
{
    void *one[1];
    one[0] = ctx;
    return ct_load_file_parallel(path, opt, 1, fn, one, NULL, info, err);
}
