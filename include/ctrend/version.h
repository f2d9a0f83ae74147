/* SPDX-License-Identifier: MIT
 * version.h - the library's version (core).
 */
#ifndef CT_VERSION_H
#define CT_VERSION_H

/* The library's version, "MAJOR.MINOR.PATCH". */
const char *ct_version(void);

#endif /* CT_VERSION_H */
