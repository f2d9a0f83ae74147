/* SPDX-License-Identifier: MIT
 * load_acled.c - a record of an ACLED export (any layout) as a ct_obs,
 * its class from the ACLED class rule (acled_class.c).
 */
#include "load/load_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load/acled_class.h"

/* s as the static copy of its event type when it is one of ACLED's
 * exactly (*is set to 1), else s itself (*is 0): a consumer can then
 * know a type by its address. The six types begin with six letters. */
static const char *static_type(const char *s, int *is)
{
    const char *t;
    switch (s[0]) {
    case 'B': t = "Battles"; break;
    case 'E': t = "Explosions/Remote violence"; break;
    case 'P': t = "Protests"; break;
    case 'R': t = "Riots"; break;
    case 'S': t = "Strategic developments"; break;
    case 'V': t = "Violence against civilians"; break;
    default: t = NULL; break;
    }
    *is = t != NULL && strcmp(s, t) == 0;
    return *is ? t : s;
}

int ld_row_acled(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    ct_acled_actors a;
    const ct_country *c = NULL;
    const char *s;
    int rc;
    long v;

    rc = L->col[COL_EVENT_DATE] >= 0 ? ld_get_date(L, r, COL_EVENT_DATE, err)
                                     : ld_get_year(L, r, err);
    if (rc != CT_OK)
        return rc;
    if (ld_set_id2(L, ld_get(L, r, COL_EVENT_ID_CNTY), NULL, 0) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                            "out of memory");
    o->event_type = static_type(ld_get(L, r, COL_EVENT_TYPE),
                                &o->event_type_static);
    o->country_name = ld_get(L, r, COL_COUNTRY);
    if (ld_is_missing(o->event_type))
        return ct_error_set(err, CT_EPARSE, L->name, r->line,
                            "field %d 'event_type': missing value",
                            L->col[COL_EVENT_TYPE] + 1);
    /* the country: ISO3, ISO numeric, GW number (legacy), then name */
    s = ld_get(L, r, COL_ISO3);
    if (!ld_is_missing(s))
        c = ct_geo_by_iso3(L->opt->geo, s);
    s = ld_get(L, r, COL_ISO);
    if (c == NULL && !ld_is_missing(s) && ld_parse_long(s, &v) == 0 && v > 0)
        c = ct_geo_by_iso_num(L->opt->geo, (int)v);
    s = ld_get(L, r, COL_GWNO);
    if (c == NULL && !ld_is_missing(s) && ld_parse_long(s, &v) == 0)
        c = ct_geo_by_gwno(L->opt->geo, (int)v);
    if (c == NULL && !ld_is_missing(o->country_name))
        c = ct_geo_by_name(L->opt->geo, o->country_name);
    if (c == NULL)
        ld_unresolved(L, o->country_name);
    ld_add_loc(L, c);
    ld_regions_from_locations(L);
    if ((rc = ld_get_deaths(L, r, COL_FATALITIES, &o->best, err)) != CT_OK)
        return rc;
    if (isnan(o->best))
        ld_missing_deaths(L, r);
    if (L->opt->no_class) {
        o->cls = CT_CLASS_UNCLASSIFIED;
        return CT_OK;
    }
    memset(&a, 0, sizeof a);
    a.event_type = o->event_type;
    a.actor1 = ld_get(L, r, COL_ACTOR1);
    a.actor2 = ld_get(L, r, COL_ACTOR2);
    a.assoc1 = ld_get(L, r, L->col[COL_ASSOC1] >= 0 ? COL_ASSOC1 : COL_ALLY1);
    a.assoc2 = ld_get(L, r, L->col[COL_ASSOC2] >= 0 ? COL_ASSOC2 : COL_ALLY2);
    a.inter1 = ct_acled_inter_parse(ld_get(L, r, COL_INTER1));
    a.inter2 = ct_acled_inter_parse(ld_get(L, r, COL_INTER2));
    a.country = c ? c->name : o->country_name;
    a.civilian_targeting = ld_get(L, r, COL_CIV_TARGETING);
    o->cls = ct_acled_classify(&a, L->opt->geo);
    return CT_OK;
}
