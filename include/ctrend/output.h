/* SPDX-License-Identifier: MIT
 * output.h - atomic output files. Data is written to a temporary file in
 * the target's directory and renamed over the target only on commit, so an
 * error never leaves a half-written or clobbered output behind.
 * A path of "-" or NULL means stdout (written directly, nothing renamed).
 */
#ifndef CT_OUTPUT_H
#define CT_OUTPUT_H

#include <stdio.h>

#include "ctrend/error.h"

typedef struct ct_output ct_output;

/* Opens a temporary file beside path (or stdout); *out is NULL on failure. */
int ct_output_open(ct_output **out, const char *path, ct_error *err);
/* The stream to write to; borrowed, valid until commit or abort. */
FILE *ct_output_stream(ct_output *o);
/* Flushes, checks for write errors, renames onto the target and frees o.
 * On failure the temporary file is removed and the target left untouched. */
int ct_output_commit(ct_output *o, ct_error *err);
/* Removes the temporary file and frees o; abort(NULL) does nothing. */
void ct_output_abort(ct_output *o);

#endif /* CT_OUTPUT_H */
