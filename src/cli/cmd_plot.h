/* SPDX-License-Identifier: MIT
 * cmd_plot.h - `ctrend plot KIND`: charts drawn by gnuplot from data files
 * the plot module writes.
 */
#ifndef CT_CMD_PLOT_H
#define CT_CMD_PLOT_H

/* Runs `ctrend plot` (argv[0] is "plot"); returns the exit status: 0 ok,
 * 1 data, input/output or gnuplot error, 2 usage error. */
int ct_cmd_plot(int argc, char **argv);

#endif /* CT_CMD_PLOT_H */
