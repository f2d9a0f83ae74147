/* SPDX-License-Identifier: MIT
 * geo.h - the country reference table (datasets/countries.csv): GW number,
 * ISO codes, names and aliases, UCDP region, ACLED region and UN M49
 * subregion of every country, and the two subregion schemes.
 * Subregions are assigned per country through the table, never by ranges
 * of GW numbers (Myanmar, 775, is Southeast Asia).
 */
#ifndef CT_GEO_H
#define CT_GEO_H

#include <stddef.h>

#include "ctrend/error.h"

typedef struct ct_country {
    int gwno;                 /* Gleditsch-Ward number, -1 when none    */
    char iso3[4];             /* ISO 3166-1 alpha-3, "" when none       */
    int iso_num;              /* ISO 3166-1 numeric, -1 when none       */
    const char *name;         /* common English name                    */
    int ucdp_region;          /* 1 Europe, 2 Middle East, 3 Asia,
                                 4 Africa, 5 Americas; 0 unknown        */
    const char *acled_region; /* ACLED region name                      */
    const char *un_region;    /* UN M49 region                          */
    const char *un_subregion; /* UN M49 (intermediate) subregion        */
    int acled_start;          /* first year ACLED covers its region, 0
                                 when unknown (ct_geo_acled_coverage_start) */
} ct_country;

/* Subregion schemes: ACLED's regions (default, so that UCDP and ACLED
 * series line up) or UN M49 subregions. */
typedef enum ct_scheme { CT_SCHEME_ACLED = 0, CT_SCHEME_UN } ct_scheme;

typedef struct ct_geo ct_geo; /* opaque; immutable once loaded */

/* Loads the table from path; *out is NULL on failure. */
int ct_geo_load(ct_geo **out, const char *path, ct_error *err);
void ct_geo_free(ct_geo *g);

size_t ct_geo_count(const ct_geo *g);
const ct_country *ct_geo_at(const ct_geo *g, size_t i);
/* Look-ups return a borrowed row or NULL. Names match case-insensitively,
 * ignoring surrounding spaces, against the name and every alias. */
const ct_country *ct_geo_by_gwno(const ct_geo *g, int gwno);
const ct_country *ct_geo_by_iso3(const ct_geo *g, const char *iso3);
const ct_country *ct_geo_by_iso_num(const ct_geo *g, int iso_num);
const ct_country *ct_geo_by_name(const ct_geo *g, const char *name);

/* The country's subregion under a scheme (never NULL; "" if unknown). */
const char *ct_geo_country_subregion(const ct_country *c, ct_scheme s);

/* First year of ACLED coverage for an ACLED region name (ACLED's
 * published coverage: Africa 1997, South and Southeast Asia 2010, Middle
 * East 2015, Caucasus and Central Asia 2017, East Asia, Europe and the
 * Americas 2018, Oceania 2021; older names such as "Southern Asia" too).
 * 0 when the name is unknown. */
int ct_geo_acled_coverage_start(const char *acled_region);

/* "Europe", "Middle East", "Asia", "Africa", "Americas" for 1..5;
 * NULL otherwise. */
const char *ct_geo_region_name(int ucdp_region);
/* Inverse of ct_geo_region_name (case-insensitive, also "Asia and Oceania");
 * 0 when unknown. */
int ct_geo_region_parse(const char *name);

#endif /* CT_GEO_H */
