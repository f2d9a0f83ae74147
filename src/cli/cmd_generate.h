/* SPDX-License-Identifier: MIT
 * cmd_generate.h - `ctrend generate`: writes a seeded synthetic export
 * (UCDP ACD, ACLED, UCDP GED) or its truth table.
 */
#ifndef CT_CMD_GENERATE_H
#define CT_CMD_GENERATE_H

/* argv[0] is the subcommand name ("generate"). Returns the exit status:
 * 0 success, 1 error, 2 usage error. */
int ct_cmd_generate(int argc, char **argv);

#endif /* CT_CMD_GENERATE_H */
