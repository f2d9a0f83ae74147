/* SPDX-License-Identifier: MIT
 * error.h - the error record every ctrend function fills on failure.
 * A caller passes a ct_error (or NULL); on failure the callee fills it and
 * returns a negative CT_E* code. The library never prints and never exits:
 * the CLI formats the record as "ctrend: FILE:LINE: message".
 */
#ifndef CT_ERROR_H
#define CT_ERROR_H

#include <stddef.h>

/* Return codes. CT_OK is 0; every failure is negative. */
enum {
    CT_OK = 0,
    CT_EIO = -1,     /* cannot open, read or write a file             */
    CT_EPARSE = -2,  /* malformed input: bad CSV, bad value, bad date */
    CT_EDOMAIN = -3, /* valid input the computation cannot use        */
    CT_ENOMEM = -4,  /* allocation failed                             */
    CT_EUSAGE = -5,  /* bad argument or option value                  */
    CT_ELIMIT = -6   /* a documented resource limit was exceeded      */
};

/* Room for any path the kernel opens (PATH_MAX is 4096 on Linux) and a
 * message that quotes one: neither is ever cut in practice. */
#define CT_ERROR_PATH_MAX 4096
#define CT_ERROR_MSG_MAX 4608

typedef struct ct_error {
    int code;                      /* the CT_E* code returned                */
    char path[CT_ERROR_PATH_MAX];  /* input file, "" when not about a file   */
    long line;                     /* physical line where the record starts,
                                      0 when not about a line                */
    char msg[CT_ERROR_MSG_MAX];    /* lowercase sentence, no final period    */
} ct_error;

/* The line a callback of a reader (ct_obs_fn) gives for an error about
 * the whole input, not the record it was handed: the reader names the
 * file alone (line 0) instead of the record's line. */
#define CT_ERROR_WHOLE_FILE (-1L)

/* Clears err (no-op when err is NULL). */
void ct_error_clear(ct_error *err);

/* Fills err (when not NULL) with code, path (may be NULL), line and a
 * printf-style message; returns code so that callers can write
 * `return ct_error_set(err, CT_EPARSE, path, line, "...", ...);`. */
int ct_error_set(ct_error *err, int code, const char *path, long line,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Short English name of a CT_E* code ("parse error", ...). Never NULL. */
const char *ct_strerror(int code);

/* Writes "PROG: PATH:LINE: MSG\n" (parts omitted when empty or 0) into buf
 * of size n, truncating safely; returns buf. err NULL (nothing recorded)
 * writes "PROG: success". */
char *ct_error_format(const ct_error *err, const char *prog, char *buf,
                      size_t n);

#endif /* CT_ERROR_H */
