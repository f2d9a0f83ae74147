/* SPDX-License-Identifier: MIT
 * counts.c - one synthetic count series with a log-linear trend (gen.h).
 */
#include "ctrend/gen.h"

#include <math.h>

int ct_gen_counts(double *y, size_t n, const ct_gen_counts_spec *spec,
                  ct_rng *r, ct_error *err)
{
    size_t i;

    if (!isfinite(spec->log_a) || !isfinite(spec->slope) || spec->theta < 0)
        return ct_error_set(err, CT_EUSAGE, NULL, 0,
                            "count series needs finite log_a and slope and "
                            "theta >= 0");
    for (i = 0; i < n; i++) {
        double mu = exp(spec->log_a + spec->slope * (double)i);
        y[i] = (double)ct_rng_negbin(r, mu, spec->theta);
    }
    return CT_OK;
}
