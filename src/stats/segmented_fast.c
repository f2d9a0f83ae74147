/* SPDX-License-Identifier: MIT */
#include "stats/segmented_internal.h"
int ct_si_seg_search_fast(struct seg *s, double *psi, ct_error *err)
{
    return ct_si_seg_search(s, psi, err);
}
