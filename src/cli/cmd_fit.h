/* SPDX-License-Identifier: MIT
 * cmd_fit.h - `ctrend fit`: trend models and tests on series, read in
 * `ctrend series` CSV form or built from UCDP/ACLED exports with the
 * series options.
 */
#ifndef CT_CMD_FIT_H
#define CT_CMD_FIT_H

#include <stdio.h>

/* Runs `ctrend fit` (argv[0] is "fit"); returns the exit status: 0 ok,
 * 1 data or input/output error, 2 usage error. */
int ct_cmd_fit(int argc, char **argv);

/* Writes the help of `ctrend fit` to out. */
void ct_cli_fit_help(FILE *out);

#endif /* CT_CMD_FIT_H */
