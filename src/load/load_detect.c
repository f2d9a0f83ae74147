/* SPDX-License-Identifier: MIT
 * load_detect.c - which dataset a header is (ct_load_detect), the column
 * roles, the columns each dataset requires, and the header's map of
 * roles to fields (ld_map_header).
 *
 * Every column is found by its (case-insensitive, trimmed) header name.
 * A column a dataset needs is required; every other one is optional, so
 * releases that add, drop or move columns keep loading.
 */
#include "load/load_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ld_col_name[COL_N] = {
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

/* An HXL hashtag row: every non-empty cell starts with '#'. */
int ld_is_hxl(ct_csv *csv, ct_csv_record *r)
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

int ld_map_header(loader *L, const ct_csv_record *h, ct_error *err)
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
            if (strcasecmp(names[i], ld_col_name[k]) != 0)
                continue;
            if (L->col[k] >= 0) {
                int first = L->col[k] + 1;
                free(names);
                return ct_error_set(err, CT_EPARSE, L->name, h->line,
                                    "duplicate column '%s' (fields %d and "
                                    "%zu)", ld_col_name[k], first, i + 1);
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
                                ld_col_name[*req], ct_obs_dataset_title(d));
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
