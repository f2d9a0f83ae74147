/* SPDX-License-Identifier: MIT
 * example_fit.c - the library without the CLI: an export in, a series out
 * (ct_series_from_files), a trend fitted to every group (ct_fit_series),
 * a Markdown table out (ct_report_fit_markdown).
 *
 *   example_fit COUNTRIES_CSV EXPORT [MODEL [GROUP_KEY]]
 *
 * MODEL defaults to poisson, GROUP_KEY to class. Notes from the loader go
 * to stderr. Exit status 0 when every group was fitted.
 */
#include <stdio.h>

#include <ctrend/fit.h>
#include <ctrend/report.h>
#include <ctrend/series.h>

static void note(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "example_fit: %s\n", msg);
}

int main(int argc, char **argv)
{
    ct_series_files_options fo = {
        .so = CT_SERIES_OPTIONS_INIT,
        .lo = CT_LOAD_OPTIONS_INIT,
        .geo_path = argc > 1 ? argv[1] : NULL,
        .nthreads = 1,
    };
    ct_series_files_hooks hooks = { .note = note };
    ct_fit_spec spec = CT_FIT_SPEC_INIT;
    ct_fit_set set = CT_FIT_SET_INIT;
    ct_series *s = NULL;
    ct_error err;
    const char *path;
    int rc;

    if (argc < 3) {
        fputs("usage: example_fit COUNTRIES_CSV EXPORT [MODEL [GROUP_KEY]]\n",
              stderr);
        return 2;
    }
    path = argv[2];
    fo.so.keys[0] = ct_series_key_parse(argc > 4 ? argv[4] : "class");
    fo.so.n_keys = 1;
    if (ct_fit_model_parse(argc > 3 ? argv[3] : "poisson", &spec.model,
                           &err) != CT_OK ||
        ct_series_from_files(&s, &path, NULL, 1, &fo, &hooks, NULL, &err) !=
            CT_OK ||
        ct_fit_series(&set, s, &spec, path, &err) != CT_OK ||
        ct_report_fit_markdown(stdout, &set, 4, &err) != CT_OK) {
        fprintf(stderr, "example_fit: %s%s%s\n", err.path,
                err.path[0] ? ": " : "", err.msg);
        ct_series_free(s);
        ct_fit_set_free(&set);
        return 1;
    }
    rc = ct_fit_set_failed(&set) ? 1 : 0;
    ct_series_free(s);
    ct_fit_set_free(&set);
    return rc;
}
