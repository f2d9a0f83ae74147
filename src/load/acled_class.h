/* SPDX-License-Identifier: MIT
 * acled_class.h - the ACLED class rule of acled_class.c (internal to the
 * load module: used by the ACLED row reader, and by tests/unit/test_acled.c,
 * which has src/ on its include path). Not installed.
 */
#ifndef CT_LOAD_ACLED_CLASS_H
#define CT_LOAD_ACLED_CLASS_H

#include <stddef.h>

#include "ctrend/geo.h"
#include "ctrend/obs.h"

/* The ACLED class rule (documented in README "Classes"): event type, the
 * two actors and their associates, their type codes (1-8, 0 unknown), and
 * the event's country. */
typedef struct ct_acled_actors {
    const char *event_type;   /* "Battles", ...                        */
    const char *actor1;       /* primary actor names                   */
    const char *assoc1;       /* "; "-separated associate actors       */
    const char *actor2;
    const char *assoc2;
    int inter1;               /* actor type codes 1-8, 0 unknown       */
    int inter2;
    const char *country;      /* the event's country name              */
    const char *civilian_targeting; /* "Civilian targeting" or ""      */
} ct_acled_actors;

ct_class ct_acled_classify(const ct_acled_actors *a, const ct_geo *geo);

/* ACLED actor type from a number ("2") or a label ("Rebel group",
 * "Rebel forces", ...), case-insensitive; 0 when empty or unknown. */
int ct_acled_inter_parse(const char *s);

/* The state an ACLED state-forces actor name belongs to ("Military Forces
 * of India (2014-) Special Forces" -> "India"), copied into buf; returns
 * buf, or NULL when the name is not of a state's forces. */
char *ct_acled_actor_state(const char *actor, char *buf, size_t n);

#endif /* CT_LOAD_ACLED_CLASS_H */
