/* SPDX-License-Identifier: MIT
 * runner.c - main() for every CUnit test executable. Usage:
 *   test_x SOURCE_DIR
 * Exits 1 when any assertion failed (CU_basic_run_tests reports only
 * framework errors, so failures are counted explicitly).
 */
#include "runner.h"

#include "ctrend/geo.h"

#include <CUnit/Basic.h>
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *source_dir = ".";
static char shared_dir[4096];
static int shared_checked;

const char *ct_test_source_dir(void) { return source_dir; }

const char *ct_test_shared_dir(void)
{
    struct stat st;
    const char *env = getenv("CTREND_SHARED_DATA");

    if (!shared_checked) {
        shared_checked = 1;
        if (env && *env)
            snprintf(shared_dir, sizeof shared_dir, "%s", env);
        else
            snprintf(shared_dir, sizeof shared_dir, "%s/../shared/data",
                     source_dir);
        if (stat(shared_dir, &st) != 0 || !S_ISDIR(st.st_mode))
            shared_dir[0] = '\0';
    }
    return shared_dir[0] ? shared_dir : NULL;
}

ct_geo *ct_test_geo;

int ct_test_geo_init(void)
{
    ct_error err;
    const char *path =
        ct_test_path(ct_test_source_dir(), "datasets/countries.csv");
    if (ct_geo_load(&ct_test_geo, path, &err) != CT_OK) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.msg);
        return -1;
    }
    return 0;
}

int ct_test_geo_clean(void)
{
    ct_geo_free(ct_test_geo);
    ct_test_geo = NULL;
    return 0;
}

const char *ct_test_path(const char *dir, const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir, rel);
    return buf;
}

int ct_test_segsearch_row(const char *line, char *fam, int *k, int *n,
                          double *grid, double *robj, double *t, double *y,
                          int max)
{
    char *p;
    int i;

    if (line[0] == '#' || strncmp(line, "family", 6) == 0)
        return 0;
    if (sscanf(line, "%15[^,],%d,%d,%lf,%lf,", fam, k, n, grid, robj) != 5 ||
        *n > max)
        return 0;
    p = (char *)line;
    for (i = 0; i < 5; i++)
        p = strchr(p, ',') + 1;
    for (i = 0; i < *n; i++) {
        t[i] = i + 1;
        y[i] = strtod(p, &p);
    }
    return 1;
}

int main(int argc, char **argv)
{
    unsigned failures;

    if (argc > 1)
        source_dir = argv[1];
    gsl_set_error_handler_off();
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    if (ct_test_register() != 0) {
        fprintf(stderr, "test registration failed: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failures = CU_get_number_of_failures();
    if (CU_get_error() != CUE_SUCCESS)
        failures++;
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
