/* SPDX-License-Identifier: MIT
 * cmd_claims.h - `ctrend claims`: checks the statements of a claims file
 * against UCDP and ACLED exports, with verdicts, effects, a specification
 * curve and plain-language readings.
 */
#ifndef CT_CMD_CLAIMS_H
#define CT_CMD_CLAIMS_H

/* Runs `ctrend claims` (argv[0] is "claims"); returns the exit status. */
int ct_cmd_claims(int argc, char **argv);

#endif /* CT_CMD_CLAIMS_H */
