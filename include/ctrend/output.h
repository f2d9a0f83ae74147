/* SPDX-License-Identifier: MIT
 * output.h - safe output files.
 *
 * A regular file (or a name that does not exist yet) is written to a
 * temporary file in the target's directory and renamed over the target
 * only on commit, so an error never leaves a half-written or clobbered
 * output behind; the replaced file keeps its mode (and, when allowed, its
 * owner). A symbolic link is never replaced: the file it points to is
 * replaced the same way (a dangling link is refused). Anything else (a
 * device such as /dev/null, a FIFO, a socket, /dev/stdout and the other
 * /dev/fd and /proc/self/fd names) is written directly, as a shell
 * redirection would. A path of "-" or NULL means stdout.
 *
 * A target without write permission is refused, as is a directory.
 * Every error names the file and the cause ("FILE: write error: No space
 * left on device").
 *
 * Temporary files of open outputs are recorded in a process-wide table so
 * that a signal handler can remove them: ct_output_remove_temps() is
 * async-signal-safe. Open outputs from one thread only.
 */
#ifndef CT_OUTPUT_H
#define CT_OUTPUT_H

#include <stdio.h>

#include "ctrend/error.h"

typedef struct ct_output ct_output;

/* Opens the output (see above); *out is NULL on failure. */
int ct_output_open(ct_output **out, const char *path, ct_error *err);
/* The stream to write to; borrowed, valid until commit or abort. */
FILE *ct_output_stream(ct_output *o);
/* Flushes, checks for write errors, renames onto the target (atomic
 * outputs) and frees o. On failure the temporary file is removed and the
 * target left untouched. */
int ct_output_commit(ct_output *o, ct_error *err);
/* Removes the temporary file and frees o; abort(NULL) does nothing. */
void ct_output_abort(ct_output *o);
/* For a writer that failed with rc (its message in err): aborts o and,
 * when the stream had a write error, puts the output's own message in err
 * instead ("FILE: write error: CAUSE"). Returns rc. */
int ct_output_fail(ct_output *o, int rc, ct_error *err);

/* Fails with CT_EUSAGE when path (not "-" or NULL) names the same file
 * (device and inode) as one of the n inputs (NULL and "-" entries are
 * skipped): writing it would destroy an input. */
int ct_output_check_inputs(const char *path, const char *const *inputs,
                           size_t n, ct_error *err);

/* Unlinks the temporary files of every output not yet committed or
 * aborted, and removes the temporary folders recorded below with what
 * they hold (four levels deep). Async-signal-safe: for a
 * SIGINT/SIGTERM/SIGHUP handler. */
void ct_output_remove_temps(void);

/* Records a temporary folder (e.g. one that is renamed onto the target
 * when complete) for ct_output_remove_temps; path is borrowed and must
 * stay valid until ct_output_temp_dir_forget(path) (the same pointer).
 * CT_ELIMIT when 8 are recorded already. */
int ct_output_temp_dir_add(const char *path, ct_error *err);
void ct_output_temp_dir_forget(const char *path);

#endif /* CT_OUTPUT_H */
