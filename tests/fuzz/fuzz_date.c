/* SPDX-License-Identifier: MIT
 * fuzz_date.c - the date parser on arbitrary strings: no crash, and any
 * date it accepts is a real calendar day.
 */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[128];
    ct_date d;
    ct_date_order order = CT_DATE_ORDER_UNKNOWN;
    int ref;

    if (size < 2 || size > sizeof buf)
        return 0;
    ref = data[0] < 128 ? 0 : 1900 + data[0];
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    if (ct_date_parse(buf, ref, &order, &d) == 0) {
        if (d.month < 1 || d.month > 12 || d.day < 1 ||
            d.day > ct_date_days_in_month(d.year, d.month))
            abort();
    }
    return 0;
}
