/* SPDX-License-Identifier: MIT
 * cmd_claims.h - `ctrend claims`: checks the statements of a claims file
 * against UCDP and ACLED exports, with verdicts, effects, a specification
 * curve and plain-language readings.
 */
#ifndef CT_CMD_CLAIMS_H
#define CT_CMD_CLAIMS_H

/* Runs `ctrend claims` (argv[0] is "claims"); returns the exit status. */
int ct_cmd_claims(int argc, char **argv);

#include <stddef.h>

#include "ctrend/claims.h"
#include "ctrend/plot.h"

/* One chart of a claims check: files DIR/STEM.csv (the specification
 * file) and DIR/STEM.FORMAT for each format drawn. */
typedef struct ct_cli_claims_chart {
    size_t claim, scope, source;
    int windows;             /* 0: specification curve; 1: window heatmap */
    size_t rows;             /* specifications drawn                      */
    char stem[160];          /* "C1-all-data-ucdp1-specification"         */
} ct_cli_claims_chart;

/* Writes the specification file of every cell (claim x scope x source)
 * into dir (which exists) and draws its specification curve, and its
 * window heatmap where the claim has windows, in each of the n_formats
 * formats with gnuplot (several at a time). *charts (free) receives the
 * charts made, *n their count. Prints what went wrong and returns the
 * exit status. */
int ct_cli_claims_charts(const ct_claims_result *r, const char *dir,
                         const ct_plot_format *formats, size_t n_formats,
                         ct_cli_claims_chart **charts, size_t *n);

#endif /* CT_CMD_CLAIMS_H */
