/* SPDX-License-Identifier: MIT
 * version.c - the library's version string (set by the build).
 */
#include "ctrend/version.h"

const char *ct_version(void) { return CT_LIB_VERSION; }
