/* SPDX-License-Identifier: MIT
 * ctrend.h - umbrella header of the ctrend library: loading UCDP and ACLED
 * exports, building conflict series and fitting trends.
 *
 * Ownership, once for every module:
 *  1. What ct_x_alloc(), ct_x_load() or ct_x_open() creates, the caller
 *     frees with the matching ct_x_free()/close(); freeing NULL does nothing.
 *  2. A constructor that can fail returns int (CT_OK or a negative CT_E*
 *     code) and delivers the object through its first parameter; on
 *     failure *out is NULL and nothing leaks.
 *  3. A pointer returned by a getter, or found inside a struct handed to a
 *     callback, is borrowed: valid until its parent is freed or modified,
 *     or the callback returns.
 *  4. Inputs are const wherever they can be; results go into caller-owned
 *     structs. Errors go into a caller-supplied ct_error (may be NULL).
 *  5. The library never prints, never exits, never calls setlocale and
 *     never starts programs; only the CLI does.
 */
#ifndef CT_CTREND_H
#define CT_CTREND_H

#include "ctrend/claims.h"
#include "ctrend/date.h"
#include "ctrend/error.h"
#include "ctrend/fit.h"
#include "ctrend/gen.h"
#include "ctrend/geo.h"
#include "ctrend/load.h"
#include "ctrend/obs.h"
#include "ctrend/output.h"
#include "ctrend/plot.h"
#include "ctrend/report.h"
#include "ctrend/series.h"
#include "ctrend/rng.h"
#include "ctrend/stats.h"
#include "ctrend/version.h"

#endif
