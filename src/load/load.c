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
#include <stdint.h>
#include <unistd.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctrend/date.h"
#include "load/acled_class.h"
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
    COL_EVENTS, COL_PERIOD_START, COL_PROV_ADMIN1, COL_PROV_ADMIN2,
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
    "events", "reference_period_start", "provider_admin1_name",
    "provider_admin2_name"};

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

/* Slash dates met while the order was not decided beforehand (standard
 * input): the first ambiguous one read with each default, and the first
 * proof of each order. Lines are of this reader's range. */
typedef struct date_track {
    long amb4, amb2;         /* ambiguous, 4-digit (read day-first) and
                                2-digit year (read month-first)       */
    long dmy, mdy;           /* first proof of each order             */
    char amb4_v[32], amb2_v[32], dmy_v[32], mdy_v[32]; /* the values  */
} date_track;

/* Loader state for one file. */
typedef struct loader {
    const ct_load_options *opt;
    ct_load_info *info;
    ct_csv *csv;
    const char *name;        /* display name                         */
    int col[COL_N];          /* field index per role, -1 when absent */
    enum col date_col;       /* the date column (COL_N: none)        */
    ct_date_order order;     /* slash-date order decided for the file
                                (UNKNOWN: not decided)               */
    long order_line;         /* absolute line that proved it, or 0   */
    char order_value[32];    /* that date                            */
    date_track dt;           /* when not decided beforehand          */
    const char *id_desc;     /* the key columns, for messages        */
    ct_obs obs;
    char *record_id;         /* identity of the record (grown)       */
    size_t record_cap;
    uint64_t *ids;           /* FNV-1a hashes of the identities read
                                (the duplicate check: 8 bytes a row)  */
    size_t n_ids, cap_ids;
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

/* The one grammar of whole numbers in exports (counts, years, ids, GW
 * codes): spaces, an optional '-', 1-18 decimal digits, optionally '.'
 * and zeros only (a spreadsheet's "12.0"), spaces. Refused: exponents
 * ("1e3", "1.5e3"), hex, '+', fractions ("0.99999999999999999", which
 * strtod would round to 1) and anything beyond 18 digits (so no value
 * can overflow a long). *end gets the first byte after the number and
 * its trailing zeros (before spaces) when end is not NULL. */
static int scan_whole(const char *s, long *out, const char **end)
{
    const char *p = s;
    long v = 0;
    int neg = 0, nd = 0;
    while (*p == ' ')
        p++;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    while (*p >= '0' && *p <= '9') {
        if (++nd > 18)
            return -1;
        v = v * 10 + (*p++ - '0');
    }
    if (nd == 0)
        return -1;
    if (*p == '.') {
        p++;
        if (*p != '0')
            return -1;
        while (*p == '0')
            p++;
    }
    *out = neg ? -v : v;
    if (end)
        *end = p;
    return 0;
}

/* A whole field in the grammar of scan_whole. */
static int parse_long(const char *s, long *out)
{
    const char *end;
    if (scan_whole(s, out, &end) != 0)
        return -1;
    while (*end == ' ')
        end++;
    return *end == '\0' ? 0 : -1;
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
/* Copies a date for a message. */
static void keep_value(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%.*s", (int)(n - 1), s);
}

static const char *order_name(int o)
{
    return o == CT_DATE_ORDER_MDY ? "month-first" : "day-first";
}

/* Checks a slash date (kind from ct_date_slash_kind) against the file's
 * order, or, when none was decided beforehand, records what it says for
 * the check at the end of the load (check_dates). */
static int slash_date(loader *L, const ct_csv_record *r, enum col c,
                      const char *s, int kind, ct_error *err)
{
    date_track *t = &L->dt;
    if (L->order != CT_DATE_ORDER_UNKNOWN) {
        if (kind == CT_DATE_ORDER_UNKNOWN)
            L->info->ambiguous_dates++;
        else if (kind != (int)L->order) {
            if (L->order_line > 0)
                return ct_error_set(
                    err, CT_EPARSE, L->name, r->line,
                    "field %d '%s': date '%.40s' is %s, but line %ld "
                    "('%s') proves %s dates: the file uses both orders "
                    "(give --date-order dmy or mdy)",
                    L->col[c] + 1, COL_NAME[c], s, order_name(kind),
                    L->order_line, L->order_value, order_name(L->order));
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "field %d '%s': date '%.40s' is not a "
                                "valid %s date (--date-order %s)",
                                L->col[c] + 1, COL_NAME[c], s,
                                order_name(L->order),
                                L->order == CT_DATE_ORDER_MDY ? "mdy"
                                                              : "dmy");
        }
        return CT_OK;
    }
    if (kind == CT_DATE_ORDER_UNKNOWN) {
        const char *p = strrchr(s, '/');
        int four = p && isdigit((unsigned char)p[1]) &&
                   isdigit((unsigned char)p[2]) &&
                   isdigit((unsigned char)p[3]);
        L->info->ambiguous_dates++;
        if (four && t->amb4 == 0) {
            t->amb4 = r->line;
            keep_value(t->amb4_v, sizeof t->amb4_v, s);
        } else if (!four && t->amb2 == 0) {
            t->amb2 = r->line;
            keep_value(t->amb2_v, sizeof t->amb2_v, s);
        }
    } else if (kind == CT_DATE_ORDER_DMY && t->dmy == 0) {
        t->dmy = r->line;
        keep_value(t->dmy_v, sizeof t->dmy_v, s);
    } else if (kind == CT_DATE_ORDER_MDY && t->mdy == 0) {
        t->mdy = r->line;
        keep_value(t->mdy_v, sizeof t->mdy_v, s);
    }
    return CT_OK;
}

static int get_date(loader *L, const ct_csv_record *r, enum col c,
                    ct_error *err)
{
    const char *s = get(L, r, c);
    ct_date d;
    long y = 0;
    int rc0;

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
    {
        /* the order is the file's, never learnt from this row */
        ct_date_order order = L->order;
        int kind = ct_date_slash_kind(s);
        if (kind >= 0 && (rc0 = slash_date(L, r, c, s, kind, err)) != CT_OK)
            return rc0;
        if (ct_date_parse(s, (int)y, &order, &d) != 0)
            return field_error(L, r, c, "not a valid date", s, err);
    }
    if (d.year < CT_YEAR_MIN || d.year > CT_YEAR_MAX)
        return field_error(L, r, c, "year out of range 1900-2100", s, err);
    if (y != 0 && d.year != y) {
        if (L->opt->strict)
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "field %d '%s': date '%s' is not in year %ld "
                                "(field %d 'year'; --strict)", L->col[c] + 1,
                                COL_NAME[c], s, y, L->col[COL_YEAR] + 1);
        /* a slip in the export: the event date wins, reported */
        if (L->info->year_mismatch++ == 0) {
            L->info->first_year_mismatch = r->line;
            snprintf(L->info->year_mismatch_text,
                     sizeof L->info->year_mismatch_text,
                     "date '%.40s', year %ld", s, y);
        }
    }
    L->obs.year = d.year;
    L->obs.month = d.month;
    L->obs.day = d.day;
    L->obs.prec = CT_PREC_DAY;
    return CT_OK;
}

static int date_cmp(const int a[3], int y, int m, int d)
{
    if (a[0] != y)
        return a[0] < y ? -1 : 1;
    if (a[1] != m)
        return a[1] < m ? -1 : 1;
    return a[2] < d ? -1 : a[2] > d;
}

/* Widens the covered span (day-precision dates) by (y, m, d). */
static void span_add(ct_load_info *info, int y, int m, int d)
{
    if (info->first_date[0] == 0 || date_cmp(info->first_date, y, m, d) > 0) {
        info->first_date[0] = y;
        info->first_date[1] = m;
        info->first_date[2] = d;
    }
    if (info->last_date[0] == 0 || date_cmp(info->last_date, y, m, d) < 0) {
        info->last_date[0] = y;
        info->last_date[1] = m;
        info->last_date[2] = d;
    }
}

/* low <= best <= high, for the estimates a record gives. Real UCDP
 * releases break it in a few rows (GED `high` below `best`, BRD `bd_low`
 * above `bd_best` by one or two), so a break is counted and the first one
 * described in info (a warning), not refused; with strict it is an
 * error. */
static int check_estimates(const loader *L, const ct_csv_record *r,
                           enum col lo, enum col best, enum col hi,
                           ct_error *err)
{
    const ct_obs *o = &L->obs;
    ct_load_info *info = L->info;
    char msg[160];
    if (!isnan(o->low) && !isnan(o->best) && o->low > o->best)
        snprintf(msg, sizeof msg, "'%s' %.0f is above '%s' %.0f",
                 COL_NAME[lo], o->low, COL_NAME[best], o->best);
    else if (!isnan(o->high) && !isnan(o->best) && o->high < o->best)
        snprintf(msg, sizeof msg, "'%s' %.0f is below '%s' %.0f",
                 COL_NAME[hi], o->high, COL_NAME[best], o->best);
    else if (!isnan(o->low) && !isnan(o->high) && o->low > o->high)
        snprintf(msg, sizeof msg, "'%s' %.0f is above '%s' %.0f",
                 COL_NAME[lo], o->low, COL_NAME[hi], o->high);
    else
        return CT_OK;
    if (L->opt->strict)
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "death estimates out of order: %s (--strict)",
                            msg);
    if (info->bad_estimates++ == 0) {
        info->first_bad_estimates = r->line;
        snprintf(info->bad_estimates_text, sizeof info->bad_estimates_text,
                 "%s", msg);
    }
    return CT_OK;
}

/* An ACLED or HAPI row with no fatality count: counted as 0 deaths (the
 * event happened; its toll is unknown) and reported in info. */
static void missing_deaths(loader *L, const ct_csv_record *r)
{
    L->obs.best = 0;
    if (L->info->missing_deaths++ == 0)
        L->info->first_missing_deaths = r->line;
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

/* A list of GW numbers ("750, 770", "750;770", "750.0"), or a missing
 * value (empty, NA) for the whole field. Each item is a whole number
 * (scan_whole); items are separated by ',' or ';' and spaces; "750.700"
 * or "NA, 770" are refused, not read as two countries or one. */
static int get_gwno_list(loader *L, const ct_csv_record *r, enum col c,
                         ct_error *err)
{
    const char *s = get(L, r, c), *p = s;
    if (is_missing(s))
        return CT_OK;
    for (;;) {
        const char *end;
        long v;
        while (*p == ' ')
            p++;
        if (scan_whole(p, &v, &end) != 0 || v < 0 || v > 999)
            return field_error(L, r, c, "expected a list of GW numbers", s,
                               err);
        while (*end == ' ')
            end++;
        if (*end != '\0' && *end != ',' && *end != ';')
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
        if (*end == '\0')
            break;
        p = end + 1;
    }
    return CT_OK;
}

/* A UCDP region list ("1, 3") or a region name ("Asia"). */
static int get_regions(loader *L, const ct_csv_record *r, ct_error *err)
{
    const char *s = get(L, r, COL_REGION), *p = s;
    while (*p) {
        const char *end;
        long v;
        while (*p == ' ' || *p == ',' || *p == ';')
            p++;
        if (*p == '\0')
            break;
        if (isalpha((unsigned char)*p)) {
            int reg = ct_geo_region_parse(p);
            if (reg == 0 && strcmp(p, "NA") != 0)
                return field_error(L, r, COL_REGION,
                                   "expected a UCDP region", s, err);
            if (reg)
                L->obs.region_mask |= 1u << (reg - 1);
            break;
        }
        if (scan_whole(p, &v, &end) != 0 || v < 1 || v > 5 ||
            (*end && !strchr(" ,;", *end)))
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

/* Sets the record's identity from the dataset's key columns (parts,
 * n of them; NULL ends them early) and the year (0: none): every part
 * whole, each prefixed by its length so that no two different keys give
 * one string. A missing part (empty, NA) leaves the identity empty: such
 * a record equals no other. Returns CT_OK or CT_ENOMEM. */
static int set_id(loader *L, const char *const *parts, size_t n, int year)
{
    size_t i, need = 32, at = 0;
    L->obs.record_id = "";
    for (i = 0; i < n; i++) {
        if (is_missing(parts[i]))
            return CT_OK;
        need += strlen(parts[i]) + 24;
    }
    if (n == 1 && year == 0) { /* one key column: the id as written */
        L->obs.record_id = parts[0];
        return CT_OK;
    }
    if (need > L->record_cap) {
        char *p = realloc(L->record_id, need);
        if (p == NULL)
            return CT_ENOMEM;
        L->record_id = p;
        L->record_cap = need;
    }
    for (i = 0; i < n; i++) {
        size_t len = strlen(parts[i]);
        at += (size_t)snprintf(L->record_id + at, need - at, "%zu:", len);
        memcpy(L->record_id + at, parts[i], len);
        at += len;
        L->record_id[at++] = '|';
    }
    snprintf(L->record_id + at, need - at, "%d", year);
    L->obs.record_id = L->record_id;
    return CT_OK;
}

static int set_id2(loader *L, const char *a, const char *b, int year)
{
    const char *parts[2];
    parts[0] = a;
    parts[1] = b;
    return set_id(L, parts, b ? 2 : 1, year);
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
            if (rc == CT_OK)
                rc = set_id2(L, o->conflict_id, NULL, o->year);
        } else {
            if (rc == CT_OK)
                rc = set_id2(L, get(L, r, COL_DYAD_ID), NULL, o->year);
            if (rc == CT_OK)
                rc = get_deaths(L, r, COL_BD_BEST, &o->best, err);
            if (rc == CT_OK)
                rc = get_deaths(L, r, COL_BD_LOW, &o->low, err);
            if (rc == CT_OK)
                rc = get_deaths(L, r, COL_BD_HIGH, &o->high, err);
            if (rc == CT_OK)
                rc = check_estimates(L, r, COL_BD_LOW, COL_BD_BEST,
                                     COL_BD_HIGH, err);
        }
        break;
    default: /* non-state and one-sided */
        o->cls = o->dataset == CT_DS_NONSTATE ? CT_CLASS_NONSTATE
                                              : CT_CLASS_ONESIDED;
        rc = get_gwno_list(L, r, COL_GWNO_LOCATION, err);
        if (rc == CT_OK)
            rc = L->col[COL_DYAD_ID] >= 0
                     ? set_id2(L, get(L, r, COL_DYAD_ID), NULL, o->year)
                     : set_id2(L, o->conflict_id, get(L, r, COL_ACTOR_ID),
                               o->year);
        if (rc == CT_OK)
            rc = get_deaths(L, r, COL_BEST_EST, &o->best, err);
        if (rc == CT_OK)
            rc = get_deaths(L, r, COL_LOW_EST, &o->low, err);
        if (rc == CT_OK)
            rc = get_deaths(L, r, COL_HIGH_EST, &o->high, err);
        if (rc == CT_OK)
            rc = check_estimates(L, r, COL_LOW_EST, COL_BEST_EST,
                                 COL_HIGH_EST, err);
        break;
    }
    if (rc == CT_ENOMEM)
        return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                            "out of memory");
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
    if (set_id2(L, get(L, r, COL_ID), NULL, 0) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                            "out of memory");
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
        (rc = get_deaths(L, r, COL_HIGH, &o->high, err)) != CT_OK ||
        (rc = check_estimates(L, r, COL_LOW, COL_BEST, COL_HIGH, err)) !=
            CT_OK)
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
    if (set_id2(L, get(L, r, COL_EVENT_ID_CNTY), NULL, 0) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                            "out of memory");
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
        missing_deaths(L, r);
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
        missing_deaths(L, r);
    {
        /* a row is an admin area of the provider (ACLED), a month and
         * an event type: HDX's admin codes alone are not unique (empty
         * for unmatched areas, one code for two areas after a p-code
         * mismatch), so the provider's names are part of the key. Empty
         * codes and names are values here, not missing ids. */
        static const enum col AREA[] = {COL_PROV_ADMIN1, COL_PROV_ADMIN2,
                                        COL_ADMIN1_CODE, COL_ADMIN2_CODE};
        char period[16];
        const char *parts[7];
        size_t k;
        snprintf(period, sizeof period, "%04d-%02d", o->year, o->month);
        parts[0] = iso3;
        for (k = 0; k < 4; k++) {
            const char *v = get(L, r, AREA[k]);
            parts[1 + k] = *v ? v : "-";
        }
        parts[5] = o->event_type;
        parts[6] = period;
        if (set_id(L, parts, 7, 0) != CT_OK)
            return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                                "out of memory");
    }
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
                                COL_NAME[*req], ct_obs_dataset_title(d));
    if (d == CT_DS_ACLED && L->col[COL_EVENT_DATE] < 0 &&
        L->col[COL_YEAR] < 0)
        return ct_error_set(err, CT_EPARSE, L->name, h->line,
                            "missing required column 'event_date' for %s",
                            ct_obs_dataset_title(d));
    L->obs.dataset = d;
    L->obs.layout = layout;
    L->obs.unit = unit_of(d);
    L->date_col = COL_N;
    if (d == CT_DS_ACLED && L->col[COL_EVENT_DATE] >= 0)
        L->date_col = COL_EVENT_DATE;
    else if (d == CT_DS_GED && L->col[COL_DATE_START] >= 0)
        L->date_col = COL_DATE_START;
    else if (d == CT_DS_HAPI)
        L->date_col = COL_PERIOD_START;
    switch (d) {
    case CT_DS_ACD: L->id_desc = "conflict_id and year"; break;
    case CT_DS_BRD: L->id_desc = "dyad_id and year"; break;
    case CT_DS_NONSTATE:
    case CT_DS_ONESIDED:
        L->id_desc = L->col[COL_DYAD_ID] >= 0 ? "dyad_id and year"
                                              : "conflict_id, actor_id and "
                                                "year";
        break;
    case CT_DS_GED: L->id_desc = "id"; break;
    case CT_DS_ACLED: L->id_desc = "event_id_cnty"; break;
    default:
        L->id_desc = "location, admin area (provider names and codes), "
                     "event type and month";
        break;
    }
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

/* 64-bit FNV-1a. */
static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

/* Records the identity of the current record for the duplicate check
 * at the end of the load (check_duplicates): its 64-bit hash, 8 bytes a
 * record (where a repeat is is found by reading the file again, only
 * when there is one). */
static int remember_id(loader *L)
{
    if (L->n_ids == L->cap_ids) {
        size_t cap = L->cap_ids ? L->cap_ids + L->cap_ids / 2 : 4096;
        uint64_t *p = realloc(L->ids, cap * sizeof *p);
        if (p == NULL)
            return CT_ENOMEM;
        L->ids = p;
        L->cap_ids = cap;
    }
    L->ids[L->n_ids++] = fnv1a(L->obs.record_id);
    return CT_OK;
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
        if (L->obs.record_id[0] && remember_id(L) != CT_OK)
            return ct_error_set(&w->err, CT_ENOMEM, L->name, L->obs.line,
                                "out of memory");
        if (L->obs.prec == CT_PREC_DAY)
            span_add(info, L->obs.year, L->obs.month, L->obs.day);
        else if (L->obs.prec == CT_PREC_MONTH) {
            span_add(info, L->obs.year, L->obs.month, 1);
            span_add(info, L->obs.year, L->obs.month,
                     ct_date_days_in_month(L->obs.year, L->obs.month));
        }
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
    if (from->first_date[0]) {
        span_add(to, from->first_date[0], from->first_date[1],
                 from->first_date[2]);
        span_add(to, from->last_date[0], from->last_date[1],
                 from->last_date[2]);
    }
    to->ambiguous_dates += from->ambiguous_dates;
    if (from->year_mismatch && to->year_mismatch == 0) {
        to->first_year_mismatch = from->first_year_mismatch;
        memcpy(to->year_mismatch_text, from->year_mismatch_text,
               sizeof to->year_mismatch_text);
    }
    to->year_mismatch += from->year_mismatch;
    if (from->bad_estimates && to->bad_estimates == 0) {
        to->first_bad_estimates = from->first_bad_estimates;
        memcpy(to->bad_estimates_text, from->bad_estimates_text,
               sizeof to->bad_estimates_text);
    }
    to->bad_estimates += from->bad_estimates;
    if (from->missing_deaths && to->missing_deaths == 0)
        to->first_missing_deaths = from->first_missing_deaths;
    to->missing_deaths += from->missing_deaths;
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

/* Line offset of worker k: the lines before its range. */
static long line_base(worker *w, size_t k, long header_lines)
{
    long base = header_lines;
    size_t i;
    for (i = 0; i < k; i++)
        base += ct_csv_lines(w[i].L.csv);
    return base;
}

/* Lines of worker i are relative to its range when the file was read in
 * parts (parallel: header_lines > 0 given), absolute otherwise. */
static long base_of(worker *w, size_t i, size_t n, long header_lines)
{
    return n > 1 ? line_base(w, i, header_lines) : 0;
}

static void finish_info(ct_load_info *info, worker *w, size_t n,
                        long header_lines)
{
    size_t i;
    for (i = 0; i < n; i++) {
        long base = base_of(w, i, n, header_lines);
        if (w[i].info.year_mismatch)
            w[i].info.first_year_mismatch += base;
        if (w[i].info.missing_deaths)
            w[i].info.first_missing_deaths += base;
        if (w[i].info.bad_estimates)
            w[i].info.first_bad_estimates += base;
        merge_info(info, &w[i].info);
        info->transcoded += ct_csv_transcoded(w[i].L.csv);
    }
}

/* The slash dates of a load whose order was not decided beforehand
 * (standard input, or a file whose first date is not a slash date): an
 * ambiguous date read with the default before a date proving the other
 * order, or proofs of both orders, fail the load. */
static int check_dates(ct_load_info *info, worker *w, size_t n,
                       long header_lines, ct_error *err)
{
    date_track t;
    const loader *L = &w[0].L;
    size_t i;
    int fld = L->date_col < COL_N ? L->col[L->date_col] + 1 : 0;
    const char *cname = L->date_col < COL_N ? COL_NAME[L->date_col] : "";

    if (L->order != CT_DATE_ORDER_UNKNOWN) {
        if (info->date_order_from == CT_ORDER_NONE && info->ambiguous_dates)
            info->date_order_from = CT_ORDER_DEFAULT;
        return CT_OK;
    }
    memset(&t, 0, sizeof t);
    for (i = 0; i < n; i++) {
        const date_track *u = &w[i].L.dt;
        long base = base_of(w, i, n, header_lines);
#define TAKE(f)                                                              \
        if (t.f == 0 && u->f) {                                              \
            t.f = u->f + base;                                               \
            memcpy(t.f##_v, u->f##_v, sizeof t.f##_v);                       \
        }
        TAKE(amb4) TAKE(amb2) TAKE(dmy) TAKE(mdy)
#undef TAKE
    }
    if (t.dmy && t.mdy) {
        int mdy_last = t.mdy > t.dmy;
        return ct_error_set(
            err, CT_EPARSE, L->name, mdy_last ? t.mdy : t.dmy,
            "field %d '%s': date '%s' is %s, but line %ld ('%s') proves "
            "%s dates: the file uses both orders (give --date-order dmy or "
            "mdy)", fld, cname, mdy_last ? t.mdy_v : t.dmy_v,
            mdy_last ? "month-first" : "day-first",
            mdy_last ? t.dmy : t.mdy, mdy_last ? t.dmy_v : t.mdy_v,
            mdy_last ? "day-first" : "month-first");
    }
    if ((t.mdy && t.amb4) || (t.dmy && t.amb2)) {
        int mdy = t.mdy != 0;
        return ct_error_set(
            err, CT_EPARSE, L->name, mdy ? t.mdy : t.dmy,
            "field %d '%s': date '%s' proves %s dates, but the ambiguous "
            "date '%s' on line %ld was read before it as %s; give "
            "--date-order %s (the order can be found first only in a "
            "file, not standard input)", fld, cname,
            mdy ? t.mdy_v : t.dmy_v, mdy ? "month-first" : "day-first",
            mdy ? t.amb4_v : t.amb2_v, mdy ? t.amb4 : t.amb2,
            mdy ? "day-first" : "month-first", mdy ? "mdy" : "dmy");
    }
    if (t.dmy || t.mdy) {
        info->date_order = t.dmy ? CT_DATE_ORDER_DMY : CT_DATE_ORDER_MDY;
        info->date_order_from = CT_ORDER_PROOF;
        info->date_order_line = t.dmy ? t.dmy : t.mdy;
        memcpy(info->date_order_value, t.dmy ? t.dmy_v : t.mdy_v,
               sizeof info->date_order_value);
    } else if (t.amb4 || t.amb2) {
        info->date_order = t.amb4 ? CT_DATE_ORDER_DMY : CT_DATE_ORDER_MDY;
        info->date_order_from = CT_ORDER_DEFAULT;
    }
    return CT_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Reads path again (one thread) to find where the first repeat of a hash
 * in dup (sorted, nd of them) is and which line it repeats. */
static void find_duplicate_lines(const loader *L0, const char *path,
                                 const uint64_t *dup, size_t nd,
                                 ct_load_info *info)
{
    loader L = *L0;
    ct_load_info scratch;
    ct_csv *csv = NULL;
    ct_csv_record rec;
    ct_error e;
    long *first = calloc(nd, sizeof *first);
    long nrec = 0;
    int rc;

    if (first == NULL)
        return;
    memset(&scratch, 0, sizeof scratch);
    L.info = &scratch;
    L.ids = NULL;
    L.n_ids = L.cap_ids = 0;
    L.record_id = NULL;
    L.record_cap = 0;
    if (ct_csv_open(&csv, path, L0->opt->display, &e) != CT_OK ||
        ct_csv_next(csv, &rec, &e) != 1) /* the header */
        goto out;
    L.csv = csv;
    while ((rc = ct_csv_next(csv, &rec, &e)) != 0) {
        const uint64_t *hit;
        uint64_t h;
        if (rc < 0) {
            if (ct_csv_dead(csv))
                break;
            continue;
        }
        if (nrec++ == 0 && is_hxl(csv, &rec))
            continue;
        if (convert(&L, &rec, &e) != CT_OK || L.obs.record_id[0] == '\0')
            continue;
        h = fnv1a(L.obs.record_id);
        hit = bsearch(&h, dup, nd, sizeof *dup, cmp_u64);
        if (hit == NULL)
            continue;
        if (first[hit - dup] == 0) {
            first[hit - dup] = rec.line;
            continue;
        }
        info->first_duplicate = rec.line;
        info->first_duplicate_of = first[hit - dup];
        break;
    }
out:
    ct_csv_close(csv);
    free(L.record_id);
    free(first);
}

/* Records of one file with the same identity (by 64-bit hash): counted
 * in info, their first repeat found (files; not standard input); without
 * skip_bad the first repeat is an error. Each reader's hashes are sorted
 * in place and merged, so nothing is copied. */
static int check_duplicates(ct_load_info *info, worker *w, size_t n,
                            const char *path, int seekable, ct_error *err)
{
    size_t i, *pos, nd = 0, cap = 0;
    uint64_t *dup = NULL, prev = 0;
    int have_prev = 0, counted = 0;
    const loader *L = &w[0].L;

    pos = calloc(n, sizeof *pos);
    if (pos == NULL)
        return ct_error_set(err, CT_ENOMEM, L->name, 0, "out of memory");
    for (i = 0; i < n; i++)
        if (w[i].L.n_ids > 1)
            qsort(w[i].L.ids, w[i].L.n_ids, sizeof *w[i].L.ids, cmp_u64);
    for (;;) { /* n-way merge of the sorted hashes */
        size_t best = n;
        uint64_t h;
        for (i = 0; i < n; i++)
            if (pos[i] < w[i].L.n_ids &&
                (best == n || w[i].L.ids[pos[i]] < w[best].L.ids[pos[best]]))
                best = i;
        if (best == n)
            break;
        h = w[best].L.ids[pos[best]++];
        if (have_prev && h == prev) {
            info->duplicates++;
            if (!counted) {
                if (nd == cap) {
                    size_t c = cap ? cap * 2 : 64;
                    uint64_t *p = realloc(dup, c * sizeof *p);
                    if (p == NULL) {
                        free(dup);
                        free(pos);
                        return ct_error_set(err, CT_ENOMEM, L->name, 0,
                                            "out of memory");
                    }
                    dup = p;
                    cap = c;
                }
                dup[nd++] = h;
                counted = 1;
            }
        } else
            counted = 0;
        prev = h;
        have_prev = 1;
    }
    free(pos);
    if (nd && seekable)
        find_duplicate_lines(L, path, dup, nd, info);
    free(dup);
    /* ACD rows count distinct conflict ids: a repeated conflict-year
     * changes no number, so it is only reported */
    if (info->duplicates && !L->opt->skip_bad &&
        L->obs.dataset != CT_DS_ACD) {
        if (info->first_duplicate > 0)
            return ct_error_set(err, CT_EPARSE, L->name,
                                info->first_duplicate,
                                "duplicate record: the same %s as line %ld "
                                "(%ld duplicate%s in the file)", L->id_desc,
                                info->first_duplicate_of, info->duplicates,
                                info->duplicates == 1 ? "" : "s");
        return ct_error_set(err, CT_EPARSE, L->name, 0,
                            "%ld duplicate record%s: records with the same "
                            "%s", info->duplicates,
                            info->duplicates == 1 ? "" : "s", L->id_desc);
    }
    return CT_OK;
}

/* Everything a load learns only at its end: counts, the checks of
 * slash dates and duplicates. rc is the load's status so far. */
static int finish_load(ct_load_info *info, worker *w, size_t n,
                       long header_lines, int rc, const char *path,
                       int seekable, ct_error *err)
{
    size_t i;
    finish_info(info, w, n, header_lines);
    if (rc == CT_OK)
        rc = check_dates(info, w, n, header_lines, err);
    if (rc == CT_OK)
        rc = check_duplicates(info, w, n, path, seekable, err);
    for (i = 0; i < n; i++) {
        free(w[i].L.ids);
        free(w[i].L.record_id);
        w[i].L.ids = NULL;
        w[i].L.record_id = NULL;
    }
    return rc;
}

/* Decides the slash-date order of a seekable file before it is read:
 * reads only the date column from the first record on (after the header
 * at body, header_lines lines) until a date proves an order. Stops at
 * once when the first date is not a slash date (then nothing is decided
 * here and check_dates watches the load). */
static int decide_order(loader *L, const char *path, unsigned long long body,
                        long header_lines, char delim, ct_error *err)
{
    ct_csv *csv = NULL;
    ct_csv_record rec;
    ct_error e2;
    unsigned char *want;
    size_t col = (size_t)L->col[L->date_col];
    int rc, first = 1;

    want = calloc(col + 1, 1);
    if (want == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    want[col] = 1;
    rc = ct_csv_open_range(&csv, path, L->opt->display, body, 0, delim, err);
    if (rc == CT_OK) {
        ct_csv_lazy(csv, 1);
        rc = ct_csv_want(csv, want, col + 1);
    }
    free(want);
    if (rc != CT_OK) {
        ct_csv_close(csv);
        return rc == CT_ENOMEM
                   ? ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory")
                   : rc;
    }
    for (;;) {
        const char *s;
        int kind;
        rc = ct_csv_next(csv, &rec, &e2);
        if (rc == 0 || (rc < 0 && ct_csv_dead(csv)))
            break; /* the load reports any error */
        if (rc < 0 || col >= rec.n)
            continue;
        s = ct_csv_get(csv, &rec, col);
        if (is_missing(s) || (first && s[0] == '#'))
            continue; /* an HXL hashtag line */
        kind = ct_date_slash_kind(s);
        if (first && kind < 0)
            break;
        first = 0;
        if (kind == CT_DATE_ORDER_DMY || kind == CT_DATE_ORDER_MDY) {
            L->order = (ct_date_order)kind;
            L->order_line = rec.line + header_lines;
            keep_value(L->order_value, sizeof L->order_value, s);
            L->info->date_order = L->order;
            L->info->date_order_from = CT_ORDER_PROOF;
            L->info->date_order_line = L->order_line;
            memcpy(L->info->date_order_value, L->order_value,
                   sizeof L->info->date_order_value);
            break;
        }
    }
    ct_csv_close(csv);
    return CT_OK;
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
    ct_error err_scratch; /* err may be NULL: worker errors are copied */
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
    if (err == NULL)
        err = &err_scratch;
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
    if (!seekable || total < (opt->parallel_min ? opt->parallel_min
                                                : CT_LOAD_PARALLEL_MIN))
        n = 1;
    body = ct_csv_offset(head);
    header_lines = ct_csv_lines(head);
    /* the slash-date order: given, or decided before any row counts */
    L0.order = opt->date_order;
    if (L0.date_col < COL_N && opt->date_order != CT_DATE_ORDER_UNKNOWN) {
        info->date_order = opt->date_order;
        info->date_order_from = CT_ORDER_OPTION;
    } else if (L0.date_col < COL_N && seekable) {
        rc = decide_order(&L0, path, body, header_lines, info->delimiter,
                          err);
        if (rc != CT_OK) {
            ct_csv_close(head);
            return rc;
        }
    }
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
        rc = finish_load(info, w, 1, 0, rc, path, seekable, err);
        info->layout = w[0].info.layout;
        format_first_skip(info, w, 1, 0);
        ct_csv_close(head);
        free(w);
        if (rc == CT_OK)
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
                    free(w[i].L.ids);
                    free(w[i].L.record_id);
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
        rc = finish_load(info, w, n, header_lines, rc, path, seekable, err);
        format_first_skip(info, w, n, header_lines);
    }
out:
    for (i = 0; i < n; i++) {
        free(w[i].L.ids);
        free(w[i].L.record_id);
        ct_csv_close(w[i].L.csv);
    }
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
