/* SPDX-License-Identifier: MIT
 * acled_class.c - deriving a UCDP-style conflict class for an ACLED event
 * from its event type, actor types and actor names (README "Classes").
 *
 * ACLED has no conflict class; UCDP's definitions are about who fights:
 * states against states (interstate), a state against organised armed
 * groups (intrastate; internationalized when another state's forces take
 * part), organised groups against each other (non-state), and armed actors
 * against unarmed civilians (one-sided). An actor counts as a state's
 * forces when its type is 1 (State forces) or 8 (External/Other forces)
 * and its name resolves to a country of the table through ACLED's naming
 * ("Military Forces of India (2014-) Special Forces"), or, when it names
 * none ("NATO", "Unidentified Military Forces"), when an associate actor
 * on its side is a state's forces. Forces of entities outside the table
 * (Somaliland, say) are armed groups for this rule.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load/acled_class.h"

char *ct_acled_actor_state(const char *actor, char *buf, size_t n)
{
    static const char *const PREFIX[] = {"Military Forces of ",
                                         "Police Forces of ",
                                         "Government of "};
    size_t i, len;
    const char *p = NULL;

    if (actor == NULL || n == 0)
        return NULL;
    while (*actor == ' ')
        actor++;
    for (i = 0; i < sizeof PREFIX / sizeof PREFIX[0]; i++) {
        size_t k = strlen(PREFIX[i]);
        if (strncasecmp(actor, PREFIX[i], k) == 0) {
            p = actor + k;
            break;
        }
    }
    if (p == NULL)
        return NULL;
    if (strncasecmp(p, "the ", 4) == 0)
        p += 4;
    len = strcspn(p, "(;");
    while (len > 0 && p[len - 1] == ' ')
        len--;
    if (len == 0 || len >= n)
        return NULL;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return buf;
}

int ct_acled_inter_parse(const char *s)
{
    static const struct {
        const char *label;
        int code;
    } L[] = {
        {"state forces", 1},       {"rebel group", 2},
        {"rebel groups", 2},       {"rebel forces", 2},
        {"political militia", 3},  {"political militias", 3},
        {"militia groups", 3},     {"identity militia", 4},
        {"identity militias", 4},  {"communal/identity groups", 4},
        {"communal militia", 4},   {"ethnic militia", 4},
        {"rioters", 5},            {"protesters", 6},
        {"civilians", 7},          {"external/other forces", 8},
        {"foreign/others", 8},     {"other forces", 8},
        {"other", 8},
    };
    size_t i, n;
    char *end;
    long v;

    while (*s == ' ')
        s++;
    if (*s == '\0')
        return 0;
    v = strtol(s, &end, 10);
    if (end != s) {
        while (*end == ' ' || *end == '.' || *end == '0')
            end++; /* "2.0" from a spreadsheet */
        return (*end == '\0' && v >= 0 && v <= 8) ? (int)v : 0;
    }
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    for (i = 0; i < sizeof L / sizeof L[0]; i++)
        if (strlen(L[i].label) == n && strncasecmp(s, L[i].label, n) == 0)
            return L[i].code;
    return 0;
}

/* The country of a state-forces actor, or NULL. */
static const ct_country *state_of(const char *name, const ct_geo *geo)
{
    char buf[128];
    if (ct_acled_actor_state(name, buf, sizeof buf) == NULL)
        return NULL;
    return ct_geo_by_name(geo, buf);
}

/* 1 when any state named in the "; "-list differs from home. */
static int names_foreign_state(const char *list, const ct_country *home,
                               const ct_geo *geo)
{
    char one[256];
    while (list && *list) {
        size_t len = strcspn(list, ";");
        const ct_country *c;
        if (len < sizeof one) {
            memcpy(one, list, len);
            one[len] = '\0';
            c = state_of(one, geo);
            if (c != NULL && c != home)
                return 1;
        }
        list += len;
        while (*list == ';' || *list == ' ')
            list++;
    }
    return 0;
}

enum kind { K_NONE, K_STATE, K_ARMED, K_GROUP, K_CIVILIANS, K_CROWD };

/* The first state's forces named in the "; "-list, or NULL. */
static const ct_country *first_state(const char *list, const ct_geo *geo)
{
    char one[256];
    while (list && *list) {
        size_t len = strcspn(list, ";");
        const ct_country *c = NULL;
        if (len < sizeof one) {
            memcpy(one, list, len);
            one[len] = '\0';
            c = state_of(one, geo);
        }
        if (c != NULL)
            return c;
        list += len;
        while (*list == ';' || *list == ' ')
            list++;
    }
    return NULL;
}

/* A side's kind. Forces (type 1 or 8) that name no state ("NATO: ...",
 * "Unidentified Military Forces") take the state of the first associate
 * on their side that is a state's forces. */
static enum kind kind_of(int inter, const char *name, const char *assoc,
                         const ct_geo *geo, const ct_country **state)
{
    *state = NULL;
    if (name == NULL || *name == '\0')
        return K_NONE;
    switch (inter) {
    case 1:
    case 8:
        *state = state_of(name, geo);
        if (*state == NULL)
            *state = first_state(assoc, geo);
        return *state ? K_STATE : K_ARMED;
    case 2:
    case 3:
    case 4:
        return K_GROUP;
    case 5:
    case 6:
        return K_CROWD;
    case 7:
        return K_CIVILIANS;
    default:
        return K_NONE;
    }
}

static int has_prefix(const char *s, const char *p)
{
    return strncasecmp(s, p, strlen(p)) == 0;
}

ct_class ct_acled_classify(const ct_acled_actors *a, const ct_geo *geo)
{
    const char *et = a->event_type ? a->event_type : "";
    const ct_country *home, *s1, *s2;
    enum kind k1, k2;
    int battle, remote, vac, foreign;

    while (*et == ' ')
        et++;
    battle = has_prefix(et, "battle");
    remote = has_prefix(et, "explosions") || has_prefix(et, "remote");
    vac = has_prefix(et, "violence against civilians");
    if (!battle && !remote && !vac)
        return CT_CLASS_OTHER; /* protests, riots, strategic developments */

    k1 = kind_of(a->inter1, a->actor1, a->assoc1, geo, &s1);
    k2 = kind_of(a->inter2, a->actor2, a->assoc2, geo, &s2);
    if (vac)
        return (k1 == K_STATE || k1 == K_ARMED || k1 == K_GROUP)
                   ? CT_CLASS_ONESIDED
                   : CT_CLASS_OTHER;
    if (k2 == K_CIVILIANS || k1 == K_CIVILIANS)
        return (k1 == K_CIVILIANS ? k2 : k1) == K_CROWD ||
                       (k1 == K_CIVILIANS && k2 == K_CIVILIANS)
                   ? CT_CLASS_OTHER
                   : CT_CLASS_ONESIDED;
    if (k1 == K_STATE && k2 == K_STATE && s1 != s2)
        return CT_CLASS_INTERSTATE;

    home = a->country ? ct_geo_by_name(geo, a->country) : NULL;
    foreign = names_foreign_state(a->actor1, home, geo) ||
              names_foreign_state(a->assoc1, home, geo) ||
              names_foreign_state(a->actor2, home, geo) ||
              names_foreign_state(a->assoc2, home, geo);
    if (k1 == K_STATE && k2 == K_STATE) /* one state's forces clashing */
        return foreign ? CT_CLASS_INTERNATIONALIZED : CT_CLASS_INTRASTATE;
    if ((k1 == K_STATE && (k2 == K_GROUP || k2 == K_ARMED)) ||
        (k2 == K_STATE && (k1 == K_GROUP || k1 == K_ARMED)))
        return foreign ? CT_CLASS_INTERNATIONALIZED : CT_CLASS_INTRASTATE;
    if (k1 == K_GROUP && k2 == K_GROUP)
        return CT_CLASS_NONSTATE;
    return CT_CLASS_UNCLASSIFIED;
}
