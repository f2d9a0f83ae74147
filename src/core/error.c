/* SPDX-License-Identifier: MIT
 * error.c - filling and formatting ct_error records.
 */
#include "ctrend/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ct_error_clear(ct_error *err)
{
    if (err == NULL)
        return;
    err->code = 0;
    err->line = 0;
    err->path[0] = '\0';
    err->msg[0] = '\0';
}

int ct_error_set(ct_error *err, int code, const char *path, long line,
                 const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return code;
    err->code = code;
    err->line = line;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

const char *ct_strerror(int code)
{
    switch (code) {
    case CT_OK: return "success";
    case CT_EIO: return "input/output error";
    case CT_EPARSE: return "malformed input";
    case CT_EDOMAIN: return "cannot compute on this input";
    case CT_ENOMEM: return "out of memory";
    case CT_EUSAGE: return "invalid argument";
    case CT_ELIMIT: return "resource limit exceeded";
    default: return "unknown error";
    }
}

char *ct_error_format(const ct_error *err, const char *prog, char *buf,
                      size_t n)
{
    const char *msg;

    if (err == NULL) { /* no error recorded: say so, as for CT_OK */
        snprintf(buf, n, "%s: %s", prog, ct_strerror(CT_OK));
        return buf;
    }
    msg = err->msg[0] ? err->msg : ct_strerror(err->code);
    if (err->path[0] && err->line > 0)
        snprintf(buf, n, "%s: %s:%ld: %s", prog, err->path, err->line, msg);
    else if (err->path[0])
        snprintf(buf, n, "%s: %s: %s", prog, err->path, msg);
    else
        snprintf(buf, n, "%s: %s", prog, msg);
    return buf;
}
