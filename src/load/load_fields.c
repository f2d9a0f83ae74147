/* SPDX-License-Identifier: MIT
 * load_fields.c - reading the fields of a record: numbers in the one
 * whole-number grammar, years, death counts, dates and their slash
 * order, location lists, regions, and the record's identity (for the
 * duplicate check). Shared by the row readers of every dataset.
 */
#include "load/load_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctrend/date.h"

int ld_is_missing_slow(const char *s)
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
                        ld_col_name[c], what, shown);
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
int ld_parse_long(const char *s, long *out)
{
    const char *end;
    long v = 0;
    int nd;
    /* the common case first: 1-9 digits and nothing else */
    for (nd = 0; nd < 9 && s[nd] >= '0' && s[nd] <= '9'; nd++)
        v = v * 10 + (s[nd] - '0');
    if (nd > 0 && s[nd] == '\0') {
        *out = v;
        return 0;
    }
    if (scan_whole(s, out, &end) != 0)
        return -1;
    while (*end == ' ')
        end++;
    return *end == '\0' ? 0 : -1;
}

int ld_get_int(const loader *L, const ct_csv_record *r, enum col c,
                   long lo, long hi, long *out, ct_error *err)
{
    return ld_int_value(L, r, c, ld_get(L, r, c), lo, hi, out, err);
}

/* ld_get_int on the value s of column c, already read. */
int ld_int_value(const loader *L, const ct_csv_record *r, enum col c,
                 const char *s, long lo, long hi, long *out, ct_error *err)
{
    char what[96];
    if (ld_is_missing(s))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d '%s': missing value", L->col[c] + 1,
                            ld_col_name[c]);
    if (ld_parse_long(s, out) != 0 || *out < lo || *out > hi) {
        snprintf(what, sizeof what, "expected an integer from %ld to %ld",
                 lo, hi);
        return field_error(L, r, c, what, s, err);
    }
    return CT_OK;
}

/* Deaths: a non-negative integer, or NaN when missing/absent. */
int ld_get_deaths(const loader *L, const ct_csv_record *r, enum col c,
                      double *out, ct_error *err)
{
    const char *s = ld_get(L, r, c);
    long v;
    if (L->col[c] < 0 || ld_is_missing(s)) {
        *out = (double)NAN;
        return CT_OK;
    }
    if (ld_parse_long(s, &v) != 0 || v < 0)
        return field_error(L, r, c, "expected a non-negative integer", s,
                           err);
    if (v > CT_DEATHS_MAX)
        return field_error(L, r, c, "expected a non-negative integer up "
                           "to 100000000", s, err);
    *out = (double)v;
    return CT_OK;
}

int ld_get_year(loader *L, const ct_csv_record *r, ct_error *err)
{
    long y;
    int rc = ld_get_int(L, r, COL_YEAR, CT_YEAR_MIN, CT_YEAR_MAX, &y, err);
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
void ld_keep_value(char *dst, size_t n, const char *s)
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
                    L->col[c] + 1, ld_col_name[c], s, order_name(kind),
                    L->order_line, L->order_value, order_name(L->order));
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "field %d '%s': date '%.40s' is not a "
                                "valid %s date (--date-order %s)",
                                L->col[c] + 1, ld_col_name[c], s,
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
            ld_keep_value(t->amb4_v, sizeof t->amb4_v, s);
        } else if (!four && t->amb2 == 0) {
            t->amb2 = r->line;
            ld_keep_value(t->amb2_v, sizeof t->amb2_v, s);
        }
    } else if (kind == CT_DATE_ORDER_DMY && t->dmy == 0) {
        t->dmy = r->line;
        ld_keep_value(t->dmy_v, sizeof t->dmy_v, s);
    } else if (kind == CT_DATE_ORDER_MDY && t->mdy == 0) {
        t->mdy = r->line;
        ld_keep_value(t->mdy_v, sizeof t->mdy_v, s);
    }
    return CT_OK;
}

/* The common date form "YYYY-MM-DD", exactly (nothing before or after):
 * 0 and *out as ct_date_parse gives it; 1 for anything else, an
 * impossible day included (then ct_date_parse decides, and words the
 * error). */
#define DIGIT(ch) ((unsigned)((ch) - '0') <= 9u)

static int iso_date(const char *s, ct_date *out)
{
    int y, m, d;
    if (!(DIGIT(s[0]) && DIGIT(s[1]) && DIGIT(s[2]) && DIGIT(s[3]) &&
          s[4] == '-' && DIGIT(s[5]) && DIGIT(s[6]) && s[7] == '-' &&
          DIGIT(s[8]) && DIGIT(s[9]) && s[10] == '\0'))
        return 1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
        (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > ct_date_days_in_month(y, m))
        return 1;
    out->year = y;
    out->month = m;
    out->day = d;
    return 0;
}

int ld_iso_date(const char *s, ct_date *out) { return iso_date(s, out); }

int ld_get_date(loader *L, const ct_csv_record *r, enum col c,
                    ct_error *err)
{
    const char *s = ld_get(L, r, c);
    const char *ys = ld_get(L, r, COL_YEAR); /* "" without the column */
    ct_date d;
    long y = 0;
    int rc0, iso = iso_date(s, &d) == 0;

    /* (s begins with four digits, so ys is never read past its end) */
    if (iso && ys[0] == s[0] && ys[1] == s[1] && ys[2] == s[2] &&
        ys[3] == s[3] && ys[4] == '\0' && d.year >= CT_YEAR_MIN &&
        d.year <= CT_YEAR_MAX) {
        y = d.year; /* the year field is the date's year, as written */
    } else if (!ld_is_missing(ys)) {
        int rc = ld_int_value(L, r, COL_YEAR, ys, CT_YEAR_MIN, CT_YEAR_MAX,
                              &y, err);
        if (rc != CT_OK)
            return rc;
    }
    if (iso)
        ; /* the common form: no slash, no two-digit year */
    else if (ld_is_missing(s)) {
        if (y == 0)
            return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                "field %d '%s': missing date",
                                L->col[c] + 1, ld_col_name[c]);
        L->obs.year = (int)y;
        L->obs.month = L->obs.day = 0;
        L->obs.prec = CT_PREC_YEAR;
        return CT_OK;
    } else {
        /* the order is the file's, never learnt from this row (one
         * reader: an ambiguous date takes the order a proof before it
         * gave) */
        int kind = ct_date_slash_kind(s);
        ct_date_order order = L->order;
        if (order == CT_DATE_ORDER_UNKNOWN && kind == CT_DATE_ORDER_UNKNOWN &&
            L->learn) /* the first proof read (both: refused at the end) */
            order = L->dt.dmy && (!L->dt.mdy || L->dt.dmy < L->dt.mdy)
                        ? CT_DATE_ORDER_DMY
                    : L->dt.mdy ? CT_DATE_ORDER_MDY
                                : CT_DATE_ORDER_UNKNOWN;
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
                                ld_col_name[c], s, y, L->col[COL_YEAR] + 1);
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
void ld_span_add(ct_load_info *info, int y, int m, int d)
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
int ld_check_estimates(const loader *L, const ct_csv_record *r,
                           enum col lo, enum col best, enum col hi,
                           ct_error *err)
{
    const ct_obs *o = &L->obs;
    ct_load_info *info = L->info;
    char msg[160];
    if (!isnan(o->low) && !isnan(o->best) && o->low > o->best)
        snprintf(msg, sizeof msg, "'%s' %.0f is above '%s' %.0f",
                 ld_col_name[lo], o->low, ld_col_name[best], o->best);
    else if (!isnan(o->high) && !isnan(o->best) && o->high < o->best)
        snprintf(msg, sizeof msg, "'%s' %.0f is below '%s' %.0f",
                 ld_col_name[hi], o->high, ld_col_name[best], o->best);
    else if (!isnan(o->low) && !isnan(o->high) && o->low > o->high)
        snprintf(msg, sizeof msg, "'%s' %.0f is above '%s' %.0f",
                 ld_col_name[lo], o->low, ld_col_name[hi], o->high);
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
void ld_missing_deaths(loader *L, const ct_csv_record *r)
{
    L->obs.best = 0;
    if (L->info->missing_deaths++ == 0)
        L->info->first_missing_deaths = r->line;
}

void ld_add_loc(loader *L, const ct_country *c)
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
        L->too_many_loc = 1; /* ld_convert() reports it */
}

void ld_unresolved(loader *L, const char *what)
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
int ld_get_gwno_list(loader *L, const ct_csv_record *r, enum col c,
                         ct_error *err)
{
    const char *s = ld_get(L, r, c), *p = s;
    if (ld_is_missing(s))
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
                ld_unresolved(L, b);
            }
            ld_add_loc(L, k);
            if (L->too_many_loc)
                return ct_error_set(err, CT_EPARSE, L->name, r->line,
                                    "field %d '%s': more than %d location "
                                    "countries (the limit)", L->col[c] + 1,
                                    ld_col_name[c], CT_OBS_MAX_LOC);
        }
        if (*end == '\0')
            break;
        p = end + 1;
    }
    return CT_OK;
}

/* A UCDP region list ("1, 3") or a region name ("Asia"). */
int ld_get_regions(loader *L, const ct_csv_record *r, ct_error *err)
{
    const char *s = ld_get(L, r, COL_REGION), *p = s;
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

void ld_regions_from_locations(loader *L)
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
int ld_set_id(loader *L, const char *const *parts, size_t n, int year)
{
    size_t i, need = 32, at = 0;
    L->obs.record_id = "";
    if (n == 1 && year == 0) { /* one key column: the id as written */
        if (!ld_is_missing(parts[0]))
            L->obs.record_id = parts[0];
        return CT_OK;
    }
    for (i = 0; i < n; i++) {
        if (ld_is_missing(parts[i]))
            return CT_OK;
        need += strlen(parts[i]) + 24;
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

int ld_set_id2(loader *L, const char *a, const char *b, int year)
{
    const char *parts[2];
    parts[0] = a;
    parts[1] = b;
    return ld_set_id(L, parts, b ? 2 : 1, year);
}
