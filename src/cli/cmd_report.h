/* SPDX-License-Identifier: MIT
 * cmd_report.h - `ctrend report`: a complete report folder (Markdown,
 * HTML, JSON, CSV tables, charts, manifest) from the claims check and the
 * regional trends.
 */
#ifndef CT_CMD_REPORT_H
#define CT_CMD_REPORT_H

/* Runs `ctrend report` (argv[0] is "report"); returns the exit status. */
int ct_cmd_report(int argc, char **argv);

#endif /* CT_CMD_REPORT_H */
