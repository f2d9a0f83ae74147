/* SPDX-License-Identifier: MIT
 * load_hapi.c - a record of the HDX HAPI ACLED aggregates (an admin area,
 * a month and an event type) as a ct_obs.
 */
#include "load/load_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int ld_row_hapi(loader *L, const ct_csv_record *r, ct_error *err)
{
    ct_obs *o = &L->obs;
    const char *iso3 = ld_get(L, r, COL_LOCATION_CODE);
    const ct_country *c;
    long ev;
    int rc;

    if ((rc = ld_get_date(L, r, COL_PERIOD_START, err)) != CT_OK)
        return rc;
    o->day = 0;
    o->prec = CT_PREC_MONTH;
    o->event_type = ld_get(L, r, COL_EVENT_TYPE);
    o->event_type_static = 0;
    if (strcasecmp(o->event_type, "demonstration") == 0)
        o->cls = CT_CLASS_OTHER;
    else if (strcasecmp(o->event_type, "civilian_targeting") == 0)
        o->cls = CT_CLASS_ONESIDED;
    else
        o->cls = CT_CLASS_UNCLASSIFIED;
    c = ct_geo_by_iso3(L->opt->geo, iso3);
    if (c == NULL)
        ld_unresolved(L, iso3);
    ld_add_loc(L, c);
    ld_regions_from_locations(L);
    if ((rc = ld_get_int(L, r, COL_EVENTS, 0, 100000000L, &ev, err)) != CT_OK)
        return rc;
    o->events = (double)ev;
    if ((rc = ld_get_deaths(L, r, COL_FATALITIES, &o->best, err)) != CT_OK)
        return rc;
    if (isnan(o->best))
        ld_missing_deaths(L, r);
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
            const char *v = ld_get(L, r, AREA[k]);
            parts[1 + k] = *v ? v : "-";
        }
        parts[5] = o->event_type;
        parts[6] = period;
        if (ld_set_id(L, parts, 7, 0) != CT_OK)
            return ct_error_set(err, CT_ENOMEM, L->name, r->line,
                                "out of memory");
    }
    return CT_OK;
}
