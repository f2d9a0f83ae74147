/* SPDX-License-Identifier: MIT
 * consumer.c - a small program built against the INSTALLED library (by
 * tests/install/check.sh, through pkg-config and through find_package):
 * it loads the installed country table and looks up Myanmar by GW number.
 */
#include <ctrend/ctrend.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    ct_geo *g;
    ct_error err;
    const ct_country *c;

    if (argc < 2 || ct_geo_load(&g, argv[1], &err) != CT_OK)
        return 1;
    c = ct_geo_by_gwno(g, 775);
    printf("ctrend %s: %s %s\n", ct_version(), c ? c->iso3 : "?",
           c ? ct_geo_country_subregion(c, CT_SCHEME_ACLED) : "?");
    ct_geo_free(g);
    return c && strcmp(c->iso3, "MMR") == 0 ? 0 : 1;
}
