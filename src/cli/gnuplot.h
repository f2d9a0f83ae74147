/* SPDX-License-Identifier: MIT
 * gnuplot.h - running gnuplot on the scripts in plots/, shared by
 * `ctrend plot`, `ctrend claims --plots` and `ctrend report`. The plot
 * module writes the data and labels files and the argument vector; this
 * runs it (fork and execvp, never a shell) and moves the image into
 * place only when gnuplot succeeded. Only the CLI starts programs.
 */
#ifndef CT_CLI_GNUPLOT_H
#define CT_CLI_GNUPLOT_H

#include <stddef.h>
#include <stdio.h>

#include "ctrend/plot.h"

/* Folder of the scripts: $CTREND_PLOTDIR, the source tree's plots/ (when
 * it exists) or the installed share folder. */
const char *ct_cli_gnuplot_dir(void);

/* Writes one file with fn(out, ctx, err); prints the error and returns -1
 * on failure, 0 on success. */
typedef int (*ct_cli_write_fn)(FILE *out, void *ctx, ct_error *err);
int ct_cli_write_file(const char *path, ct_cli_write_fn fn, void *ctx);

/* One chart: gnuplot draws KIND from data and labels (files that exist)
 * into out (written to a temporary file beside it, renamed on success). */
typedef struct ct_cli_gnuplot_job {
    ct_plot_kind kind;
    ct_plot_format format;
    const char *data, *labels, *out;
} ct_cli_gnuplot_job;

/* Draws one chart; gnuplot is $CTREND_GNUPLOT or `gnuplot` on PATH.
 * Prints what went wrong (gnuplot missing, its exit status and message,
 * no image) and returns CT_EXIT_DATA; CT_EXIT_OK on success. */
int ct_cli_gnuplot_draw(const ct_cli_gnuplot_job *job);

/* Draws every job, on up to `workers` processes at a time (gnuplot's PNG
 * terminal takes about half a second to start). CT_EXIT_OK when every
 * chart was drawn; else CT_EXIT_DATA (each failure printed). */
int ct_cli_gnuplot_draw_all(const ct_cli_gnuplot_job *jobs, size_t n,
                            size_t workers);

#endif /* CT_CLI_GNUPLOT_H */
