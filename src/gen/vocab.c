/* SPDX-License-Identifier: MIT
 * vocab.c - the invented vocabulary of the synthetic exports: place,
 * group and people names built from made-up syllables and word lists.
 * Nothing here comes from a real export; only country names and codes
 * (public reference facts, scenario.c) are real.
 */
#include "gen_private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const SYL[] = {
    "ka", "lo", "ren", "mi", "do", "sa", "vel", "ta", "ru", "ni",
    "bo", "zan", "ke", "mar", "li", "ga", "tor", "ve", "shi", "pa",
    "nu", "dra", "ol", "ba", "ri", "sen", "hu", "ko", "ya", "min",
    "qe", "fa", "dun", "el", "wo", "tsi", "gor", "ai", "pem", "lu"};

static const char *const ADJ[] = {
    "Northern", "Eastern", "Southern", "Western", "Free", "United",
    "Popular", "Revolutionary", "Democratic", "National", "Patriotic",
    "Sovereign", "New", "Greater", "Independent", "Federal"};

static const char *const CORE[] = {
    "Liberation", "Resistance", "Unity", "Dawn", "Homeland", "Renewal",
    "Salvation", "Justice", "Freedom", "Solidarity", "Defence", "Rising"};

static const char *const ORG[] = {
    "Front", "Army", "Movement", "Alliance", "Brigades", "Council",
    "Coalition", "Forces", "Union", "Legion"};

static const char *const GOAL[] = {
    "Liberation", "Restoration", "Defence", "Self-Rule", "Salvation",
    "Independence"};

static const char *const MIL[] = {
    "Defence Militia", "Youth Brigade", "Vigilance Committee",
    "Self-Defence Group", "Guard Militia", "Volunteer Corps"};

/* Appends src to buf (size n, holding len bytes); returns the new len. */
static size_t cat(char *buf, size_t n, size_t len, const char *src)
{
    size_t k = strlen(src);
    if (len + k >= n)
        k = len + 1 < n ? n - 1 - len : 0;
    memcpy(buf + len, src, k);
    buf[len + k] = '\0';
    return len + k;
}

const char *gv_pick(ct_rng *r, const char *const *list, size_t n)
{
    return list[ct_rng_uniform_int(r, n)];
}

void gv_place(ct_rng *r, char *buf, size_t n)
{
    size_t len = 0, k, parts = 2 + ct_rng_uniform_int(r, 2);

    if (n == 0)
        return;
    buf[0] = '\0';
    for (k = 0; k < parts; k++)
        len = cat(buf, n, len, GV_PICK(r, SYL));
    if (len > 0)
        buf[0] = (char)toupper((unsigned char)buf[0]);
}

void gv_people(ct_rng *r, char *buf, size_t n)
{
    static const char *const END[] = {"i", "an", "ese", "ari", "u"};
    size_t len;

    gv_place(r, buf, n > 12 ? 12 : n);
    len = strlen(buf);
    cat(buf, n, len, GV_PICK(r, END));
}

void gv_rebel(ct_rng *r, char *buf, size_t n)
{
    char place[16];
    size_t len = 0;
    double u = ct_rng_uniform(r);

    buf[0] = '\0';
    gv_place(r, place, sizeof place);
    if (u < 0.40) { /* "Karvendo Liberation Front" */
        len = cat(buf, n, len, place);
        len = cat(buf, n, len, " ");
        len = cat(buf, n, len, GV_PICK(r, CORE));
        len = cat(buf, n, len, " ");
        cat(buf, n, len, GV_PICK(r, ORG));
    } else if (u < 0.75) { /* "Popular Resistance Army" */
        len = cat(buf, n, len, GV_PICK(r, ADJ));
        len = cat(buf, n, len, " ");
        len = cat(buf, n, len, GV_PICK(r, CORE));
        len = cat(buf, n, len, " ");
        cat(buf, n, len, GV_PICK(r, ORG));
    } else if (u < 0.94) { /* "Movement for the Liberation of Karvendo" */
        len = cat(buf, n, len, GV_PICK(r, ORG));
        len = cat(buf, n, len, " for the ");
        len = cat(buf, n, len, GV_PICK(r, GOAL));
        len = cat(buf, n, len, " of ");
        cat(buf, n, len, place);
    } else { /* a comma inside a name: "Unity, Justice and Dawn Movement" */
        const char *a = GV_PICK(r, CORE), *b = GV_PICK(r, CORE);
        len = cat(buf, n, len, a);
        len = cat(buf, n, len, ", ");
        len = cat(buf, n, len, b);
        len = cat(buf, n, len, " and ");
        len = cat(buf, n, len, place);
        len = cat(buf, n, len, " ");
        cat(buf, n, len, GV_PICK(r, ORG));
    }
}

void gv_militia(ct_rng *r, char *buf, size_t n)
{
    char place[16];
    size_t len = 0;

    buf[0] = '\0';
    gv_place(r, place, sizeof place);
    len = cat(buf, n, len, place);
    len = cat(buf, n, len, " ");
    cat(buf, n, len, GV_PICK(r, MIL));
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

gv_country_places *gv_places_build(const ct_gen_scenario *sc, ct_rng *r)
{
    gv_country_places *p;
    size_t ci;
    int a, b, k;

    p = calloc(sc->n_countries ? sc->n_countries : 1, sizeof *p);
    if (p == NULL)
        return NULL;
    for (ci = 0; ci < sc->n_countries; ci++) {
        const ct_gen_country *c = &sc->countries[ci];
        gv_country_places *cp = &p[ci];
        for (a = 0; a < GV_ADM1; a++) {
            double lat1 = c->lat + (ct_rng_uniform(r) - 0.5) * 4.0;
            double lon1 = c->lon + (ct_rng_uniform(r) - 0.5) * 4.0;
            gv_place(r, cp->adm1[a], GV_NAME);
            for (b = 0; b < GV_ADM2; b++) {
                double lat2 = lat1 + (ct_rng_uniform(r) - 0.5) * 1.2;
                double lon2 = lon1 + (ct_rng_uniform(r) - 0.5) * 1.2;
                gv_place(r, cp->adm2[a][b], GV_NAME);
                for (k = 0; k < GV_LOCS; k++) {
                    gv_place_t *l = &cp->loc[a][b][k];
                    gv_place(r, l->name, GV_NAME);
                    l->lat = clampd(lat2 + (ct_rng_uniform(r) - 0.5) * 0.4,
                                    -89.0, 89.0);
                    l->lon = clampd(lon2 + (ct_rng_uniform(r) - 0.5) * 0.4,
                                    -179.9, 179.9);
                }
            }
        }
    }
    return p;
}
