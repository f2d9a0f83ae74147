/* SPDX-License-Identifier: MIT
 * report_folder.h - what the parts of `ctrend report` share: the folder
 * being written (a temporary folder and the files in it) and the
 * regional trends section.
 */
#ifndef CT_CLI_REPORT_FOLDER_H
#define CT_CLI_REPORT_FOLDER_H

#include <stddef.h>

#include "ctrend/claims.h"
#include "ctrend/geo.h"
#include "ctrend/report.h"

#define MAX_FILES 512

/* What a run writes: the temporary folder and every file in it. */
typedef struct ct_cli_rep {
    char tmp[4096];                 /* the temporary folder              */
    char *files[MAX_FILES];         /* relative paths written            */
    size_t n_files;
    const ct_claims_result *res;
    ct_report *doc;
    const char *geo_path;
    const char *acd;                /* the export of the regional charts */
    const char *acd_label;
    int precision;                  /* --precision, 0: the defaults      */
    const char *claims_path;        /* the claims file read (its display
                                       name in res may differ)           */
    struct ct_cli_regional_tap *tap; /* the regional series, built while
                                       the claims check reads the ACD    */
} ct_cli_rep;

/* The regional series' reader of the ACD (a ct_cli_claims_inputs tap):
 * geo points to where the claims' country table will be. The first
 * source that is an ACD is taken (its first file); tap_end ends it. */
typedef struct ct_cli_regional_tap ct_cli_regional_tap;
ct_cli_regional_tap *ct_cli_regional_tap_alloc(ct_geo *const *geo);
int ct_cli_regional_tap_obs(const ct_obs *o, void *ctx, ct_error *err);
void ct_cli_regional_tap_end(void *ctx);
void ct_cli_regional_tap_free(ct_cli_regional_tap *t);

/* Records a file written (path relative to the folder); -1 (printed)
 * when there are too many. */
int ct_cli_rep_add_file(ct_cli_rep *R, const char *rel);
/* The full path of rel inside the temporary folder. */
void ct_cli_rep_path(char *buf, size_t n, const ct_cli_rep *R, const char *rel);
/* "Poisson", "quasi-Poisson", "negative binomial". */
const char *ct_cli_model_name(ct_glm_family f);

/* The regional trends section: intra-state conflicts by Asian subregion
 * and conflicts by class from R->acd (read through R->tap) (charts drawn with gnuplot, tables
 * added to R->doc); a paragraph saying why when there is no ACD. Returns
 * the exit status (errors printed). */
int ct_cli_report_regional(ct_cli_rep *R);

#endif /* CT_CLI_REPORT_FOLDER_H */
