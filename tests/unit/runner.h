/* SPDX-License-Identifier: MIT
 * runner.h - shared CUnit runner: each test_<module>.c defines
 * ct_test_register() (adding its suites) and links with runner.c.
 * Tests that need ../shared/data find it through ct_test_shared_dir().
 */
#ifndef CT_TEST_RUNNER_H
#define CT_TEST_RUNNER_H

#include <CUnit/CUnit.h>

/* Adds the module's suites to the registry; returns 0 on success. */
int ct_test_register(void);

/* The repository's source directory (argv[1] of the test executable). */
const char *ct_test_source_dir(void);

/* The shared data folder (../shared/data beside the repository, or
 * $CTREND_SHARED_DATA), or NULL when it is absent: tests skip then. */
const char *ct_test_shared_dir(void);

/* The project's country table (datasets/countries.csv), loaded by
 * ct_test_geo_init and freed by ct_test_geo_clean: pass those two as a
 * suite's init and clean functions. */
extern struct ct_geo *ct_test_geo;
int ct_test_geo_init(void);
int ct_test_geo_clean(void);

/* The header of an ACLED export in today's layout (31 columns), for
 * tests that write ACLED files. */
#define CT_TEST_ACLED_HEADER                                                 \
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type," \
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2," \
    "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3," \
    "location,latitude,longitude,geo_precision,source,source_scale,notes,"   \
    "fatalities,tags,timestamp\n"

/* Joins dir and rel into a static buffer (one at a time). */
const char *ct_test_path(const char *dir, const char *rel);

/* One row of tests/reference/stats/segsearch.csv: family (up to 15
 * characters), breaks k, length n, the grid and R objectives, and the n
 * values into y (t receives 1..n). 0 (fam .. y unspecified) for a comment,
 * the header, or a row that does not parse or has n > max. */
int ct_test_segsearch_row(const char *line, char *fam, int *k, int *n,
                          double *grid, double *robj, double *t, double *y,
                          int max);

#endif
