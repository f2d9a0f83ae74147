/* SPDX-License-Identifier: MIT
 * load_ucdp.c - a record of a UCDP dataset (ACD, BRD, Non-State,
 * One-Sided; GED events) as a ct_obs.
 */
#include "load/load_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int ld_row_ucdp(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    int rc;
    long t;

    if ((rc = ld_get_year(L, r, err)) != CT_OK)
        return rc;
    o->conflict_id = ld_get(L, r, COL_CONFLICT_ID);
    if (ld_is_missing(o->conflict_id))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d 'conflict_id': missing value",
                            L->col[COL_CONFLICT_ID] + 1);
    if ((rc = ld_get_regions(L, r, err)) != CT_OK)
        return rc;
    switch (o->dataset) {
    case CT_DS_ACD:
    case CT_DS_BRD:
        if ((rc = ld_get_int(L, r, COL_TYPE, 1, 4, &t, err)) != CT_OK)
            return rc;
        o->cls = (ct_class)(CT_CLASS_EXTRASYSTEMIC + (t - 1));
        rc = ld_get_gwno_list(L, r, L->col[COL_GWNO_LOC] >= 0 ? COL_GWNO_LOC
                                                           : COL_GWNO_BATTLE,
                           err);
        if (o->dataset == CT_DS_ACD) {
            if (rc == CT_OK)
                rc = ld_set_id2(L, o->conflict_id, NULL, o->year);
        } else {
            if (rc == CT_OK)
                rc = ld_set_id2(L, ld_get(L, r, COL_DYAD_ID), NULL, o->year);
            if (rc == CT_OK)
                rc = ld_get_deaths(L, r, COL_BD_BEST, &o->best, err);
            if (rc == CT_OK)
                rc = ld_get_deaths(L, r, COL_BD_LOW, &o->low, err);
            if (rc == CT_OK)
                rc = ld_get_deaths(L, r, COL_BD_HIGH, &o->high, err);
            if (rc == CT_OK)
                rc = ld_check_estimates(L, r, COL_BD_LOW, COL_BD_BEST,
                                     COL_BD_HIGH, err);
        }
        break;
    default: /* non-state and one-sided */
        o->cls = o->dataset == CT_DS_NONSTATE ? CT_CLASS_NONSTATE
                                              : CT_CLASS_ONESIDED;
        rc = ld_get_gwno_list(L, r, COL_GWNO_LOCATION, err);
        if (rc == CT_OK)
            rc = L->col[COL_DYAD_ID] >= 0
                     ? ld_set_id2(L, ld_get(L, r, COL_DYAD_ID), NULL, o->year)
                     : ld_set_id2(L, o->conflict_id, ld_get(L, r, COL_ACTOR_ID),
                               o->year);
        if (rc == CT_OK)
            rc = ld_get_deaths(L, r, COL_BEST_EST, &o->best, err);
        if (rc == CT_OK)
            rc = ld_get_deaths(L, r, COL_LOW_EST, &o->low, err);
        if (rc == CT_OK)
            rc = ld_get_deaths(L, r, COL_HIGH_EST, &o->high, err);
        if (rc == CT_OK)
            rc = ld_check_estimates(L, r, COL_LOW_EST, COL_BEST_EST,
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
                                             ld_get(L, r, COL_LOCATION));
        ld_add_loc(L, c);
    }
    if (o->region_mask == 0)
        ld_regions_from_locations(L);
    o->country_name = ld_get(L, r, COL_LOCATION);
    return CT_OK;
}

int ld_row_ged(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    long t, gw;
    int rc;
    const char *cid;

    if (L->col[COL_DATE_START] >= 0)
        rc = ld_get_date(L, r, COL_DATE_START, err);
    else
        rc = ld_get_year(L, r, err);
    if (rc != CT_OK)
        return rc;
    if ((rc = ld_get_int(L, r, COL_TOV, 1, 3, &t, err)) != CT_OK)
        return rc;
    o->cls = t == 1 ? CT_CLASS_STATEBASED
                    : t == 2 ? CT_CLASS_NONSTATE : CT_CLASS_ONESIDED;
    o->event_type = t == 1 ? "state-based" : t == 2 ? "non-state"
                                                    : "one-sided";
    cid = ld_get(L, r, COL_CONFLICT_NEW_ID);
    o->conflict_id = ld_is_missing(cid) ? "" : cid;
    if (t == 1 && L->opt->join != NULL)
        o->cls = ct_typemap_get(L->opt->join, o->conflict_id, o->year);
    if (ld_set_id2(L, ld_get(L, r, COL_ID), NULL, 0) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                            "out of memory");
    o->country_name = ld_get(L, r, COL_COUNTRY);
    if (L->col[COL_COUNTRY_ID] >= 0 &&
        !ld_is_missing(ld_get(L, r, COL_COUNTRY_ID))) {
        if ((rc = ld_get_int(L, r, COL_COUNTRY_ID, 0, 999, &gw, err)) != CT_OK)
            return rc;
        if (ct_geo_by_gwno(L->opt->geo, (int)gw) == NULL) {
            char b[16];
            snprintf(b, sizeof b, "gwno %ld", gw);
            ld_unresolved(L, b);
        }
        ld_add_loc(L, ct_geo_by_gwno(L->opt->geo, (int)gw));
    } else if (!ld_is_missing(o->country_name)) {
        const ct_country *c = ct_geo_by_name(L->opt->geo, o->country_name);
        if (c == NULL)
            ld_unresolved(L, o->country_name);
        ld_add_loc(L, c);
    }
    if ((rc = ld_get_regions(L, r, err)) != CT_OK)
        return rc;
    if (o->region_mask == 0)
        ld_regions_from_locations(L);
    if ((rc = ld_get_deaths(L, r, COL_BEST, &o->best, err)) != CT_OK ||
        (rc = ld_get_deaths(L, r, COL_LOW, &o->low, err)) != CT_OK ||
        (rc = ld_get_deaths(L, r, COL_HIGH, &o->high, err)) != CT_OK ||
        (rc = ld_check_estimates(L, r, COL_LOW, COL_BEST, COL_HIGH, err)) !=
            CT_OK)
        return rc;
    if (isnan(o->best))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d 'best': missing value",
                            L->col[COL_BEST] + 1);
    return CT_OK;
}
