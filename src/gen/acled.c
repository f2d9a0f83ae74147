/* SPDX-License-Identifier: MIT
 * acled.c - synthetic ACLED events in the current 31-column layout.
 *
 * For every month in range and every ACLED cell whose region is covered,
 * n ~ NB2(mu * scale, theta) events are drawn, then spread over the days
 * of the month by sequential binomial splits, so rows come out in date
 * order without buffering: memory stays constant for any --rows.
 * Each event is built to carry its cell's class under ctrend's ACLED rule
 * (FORMATS.md "Classes"): interstate = forces of two states; intrastate =
 * home state forces against an armed group; internationalized = the same
 * with a foreign state's forces as actor or associate; nonstate = armed
 * groups on both sides; onesided = violence against civilians; none =
 * protests, riots and strategic developments.
 */
#include "gen_private.h"

#include "ctrend/date.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char ACLED_HEADER[] =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
    "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,"
    "fatalities,tags,timestamp\n";

/* ACLED actor type codes and their text labels (2024- exports). */
enum { I_NONE, I_STATE, I_REBEL, I_POLMIL, I_IDMIL, I_RIOT, I_PROT, I_CIV,
       I_EXT };
static const char *const INTER[] = {
    "",          "State forces", "Rebel group", "Political militia",
    "Identity militia", "Rioters", "Protesters", "Civilians",
    "External/Other forces"};

#define P_LINE_BREAK 0.003 /* share of notes with a line break inside */
#define NOTE_MIN 80
#define NOTE_MAX 400

typedef struct ac_groups {
    char rebel[3][72];  /* rebel groups                            */
    char pmil[2][72];   /* political militias                      */
    char imil[3][96];   /* identity militias, "(Country)" included */
} ac_groups;

typedef struct ac_ctx {
    const gs_plan *p;
    ct_rng *r;
    gw_buf *w;
    gv_country_places *places;
    ac_groups *groups;
    long *counter;      /* events so far per country (event_id_cnty) */
} ac_ctx;

typedef struct ac_event {
    const char *disorder, *etype, *sub;
    char actor1[128], assoc1[256], actor2[128], assoc2[256];
    int inter1, inter2;
    int civ;            /* civilian targeting                 */
    long fat;
    const char *tags;
    char note_a[128];   /* how the notes name actor 1 / 2     */
    char note_b[128];
} ac_event;

/* ---- small string helpers ------------------------------------------------ */
typedef struct nbuf {
    char s[1024];
    size_t n;
} nbuf;

static void nb_printf(nbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void nb_printf(nbuf *b, const char *fmt, ...)
{
    va_list ap;
    int k;
    if (b->n + 1 >= sizeof b->s)
        return;
    va_start(ap, fmt);
    k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        b->n += (size_t)k < sizeof b->s - b->n ? (size_t)k
                                               : sizeof b->s - b->n - 1;
}

static void tenure(const ct_gen_country *c, int year, char *buf, size_t n)
{
    int step = 4 + c->gwno % 4, s = c->tenure_from;
    if (year >= s) {
        snprintf(buf, n, "(%d-)", s);
        return;
    }
    while (s - step > year)
        s -= step;
    snprintf(buf, n, "(%d-%d)", s - step, s);
}

static const char *const UNIT[] = {" Border Guard", " Rapid Response Unit",
                                   " Special Forces", " Gendarmerie"};

/* "Military Forces of India (2014-)", sometimes "Police Forces of ..." or
 * with a unit after the tenure. */
static void state_forces(ac_ctx *x, size_t ci, int year, int allow_police,
                         char *buf, size_t n, char *note, size_t nn)
{
    const ct_gen_country *c = &x->p->sc->countries[ci];
    char t[32];
    double u = ct_rng_uniform(x->r);
    int police = allow_police && u < 0.2;

    tenure(c, year, t, sizeof t);
    if (!police && u > 0.92)
        snprintf(buf, n, "Military Forces of %s %s%s", c->acled_name, t,
                 GV_PICK(x->r, UNIT));
    else
        snprintf(buf, n, "%s Forces of %s %s", police ? "Police" : "Military",
                 c->acled_name, t);
    snprintf(note, nn, "%s %s", c->acled_name,
             police ? "police" : "military forces");
}

/* An armed group of country ci: rebel, political or identity militia. */
static int armed_group(ac_ctx *x, size_t ci, char *buf, size_t n)
{
    const ac_groups *g = &x->groups[ci];
    double u = ct_rng_uniform(x->r);
    if (u < 0.6) {
        snprintf(buf, n, "%s", g->rebel[ct_rng_uniform_int(x->r, 3)]);
        return I_REBEL;
    }
    if (u < 0.8) {
        snprintf(buf, n, "%s", g->pmil[ct_rng_uniform_int(x->r, 2)]);
        return I_POLMIL;
    }
    snprintf(buf, n, "%s", g->imil[ct_rng_uniform_int(x->r, 3)]);
    return I_IDMIL;
}

static size_t foreign_country(ac_ctx *x, size_t home)
{
    size_t n = x->p->sc->n_countries, f;
    do
        f = ct_rng_uniform_int(x->r, n);
    while (f == home);
    return f;
}

static void interaction(int a, int b, char *buf, size_t n)
{
    if (b == I_NONE)
        snprintf(buf, n, "%s only", INTER[a]);
    else if (a <= b)
        snprintf(buf, n, "%s-%s", INTER[a], INTER[b]);
    else
        snprintf(buf, n, "%s-%s", INTER[b], INTER[a]);
}

static long draw_fat(ac_ctx *x, double mean)
{
    return (long)ct_rng_negbin(x->r, mean, 0.5);
}

/* ---- notes --------------------------------------------------------------- */
/* Extra sentences: about fighting, about demonstrations, and neutral
 * ones (strategic developments, and to reach the minimum length). */
static const char *const FILLER_FIGHT[] = {
    "Residents said the situation remained tense, and several families "
    "left the area.",
    "A local official described the incident as \"deliberate\", according "
    "to one report.",
    "The group later said in a statement that it had acted \"in "
    "self-defence\".",
    "Reports differ on the number of casualties, and the figures could not "
    "be confirmed.",
    "Shops, schools and markets in the area stayed closed for the rest of "
    "the day.",
    "Witnesses mentioned \"heavy gunfire\" lasting into the evening.",
    "Property was damaged, including houses, a clinic and two vehicles.",
    "Tensions in the area had risen since clashes the previous week.",
    "Travel on the main road was suspended for several hours."};

static const char *const FILLER_DEMO[] = {
    "Participants carried banners and chanted slogans, according to local "
    "sources.",
    "Organisers said the action would continue \"until demands are met\".",
    "Traffic in the town centre was disrupted for several hours.",
    "Local media described the turnout as \"significant\", though no "
    "figures were given.",
    "The crowd dispersed in the afternoon, and no arrests were reported."};

static const char *const FILLER_NEUTRAL[] = {
    "It is unclear whether the report is linked to earlier events.",
    "Local sources gave no further details, and the report could not be "
    "verified.",
    "Details remain limited.", "Sources differ.", "No further details."};

static const char *const DEMAND[] = {
    "higher wages", "the release of detained activists",
    "a reliable water supply", "lower fuel prices", "an end to power cuts",
    "land rights", "better roads, schools and clinics",
    "the reopening of a local market"};

static const char *const ISSUE[] = {
    "a disputed local election", "the death of a trader in custody",
    "fuel shortages", "a land dispute", "rising bread prices"};

static void date_phrase(nbuf *b, int prec, int y, int m, int d)
{
    if (prec == 1)
        nb_printf(b, "On %d %s %d, ", d, gd_month_name[m], y);
    else if (prec == 2)
        nb_printf(b, "Around %d %s %d (week of), ", d, gd_month_name[m], y);
    else
        nb_printf(b, "In %s %d (month of), ", gd_month_name[m], y);
}

static void fatal_sentence(ac_ctx *x, nbuf *b, long fat)
{
    if (fat == 0)
        nb_printf(b, "No fatalities were reported.");
    else if (fat == 1)
        nb_printf(b, "One person was reportedly killed.");
    else if (ct_rng_uniform(x->r) < 0.5)
        nb_printf(b, "%ld people were reportedly killed.", fat);
    else
        nb_printf(b, "Reports put the death toll at %ld, including "
                     "fighters.", fat);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Makes sure the note has a second sentence, pads it with sentences of the
 * event's kind towards a random length in [80, 400] and, with probability
 * P_LINE_BREAK, turns the space after the first sentence into a line
 * break (real exports carry such notes). */
static void finish_note(ac_ctx *x, nbuf *b, size_t first_break,
                        const char *const *fill, size_t n_fill)
{
    size_t target = NOTE_MIN + ct_rng_uniform_int(x->r, NOTE_MAX - NOTE_MIN + 1);
    int tries;

    if (b->n == first_break) { /* a second sentence, short if need be */
        const char *f = fill[ct_rng_uniform_int(x->r, n_fill)];
        if (b->n + 1 + strlen(f) > NOTE_MAX)
            f = FILLER_NEUTRAL[COUNT(FILLER_NEUTRAL) - 1];
        nb_printf(b, " %s", f);
    }
    for (tries = 0; tries < 4 && b->n < target; tries++) {
        const char *f = fill[ct_rng_uniform_int(x->r, n_fill)];
        if (b->n + 1 + strlen(f) <= target)
            nb_printf(b, " %s", f);
    }
    while (b->n < NOTE_MIN)
        nb_printf(b, " %s",
                  FILLER_NEUTRAL[2 + ct_rng_uniform_int(x->r, 3)]);
    if (b->n > NOTE_MAX) { /* cannot happen with our names; keep the bound */
        b->n = NOTE_MAX - 3;
        memcpy(b->s + b->n, "...", 4);
        b->n += 3;
    }
    if (ct_rng_uniform(x->r) < P_LINE_BREAK && b->s[first_break] == ' ')
        b->s[first_break] = '\n';
}

/* ---- the event ------------------------------------------------------------ */
static const char *const OCCUPATION[] = {
    "Students", "Teachers", "Farmers", "Traders", "Health Workers",
    "Transport Workers", "Retirees", "Fishers"};

static const char *const OUTLET[] = {
    "Synthetic Wire", "Regional Observer", "Morning Ledger",
    "Frontier Dispatch", "Capital Courier", "Field Monitor Network",
    "Radio Horizon", "Valley Post"};

static const char *const SCALE[] = {
    "National", "Subnational", "Regional", "International",
    "Local partner-National", "Subnational-National",
    "National-International", "Other"};

static int pick_prec(ac_ctx *x, double p1, double p2)
{
    double u = ct_rng_uniform(x->r);
    return u < p1 ? 1 : u < p1 + p2 ? 2 : 3;
}

/* Where and when an event happens, drawn before its kind. */
typedef struct ac_where {
    size_t ci, opp;            /* the country, and the other (interstate) */
    const ct_gen_country *c;
    const gv_place_t *loc;
    const char *adm1, *adm2;
    int y;
} ac_where;

/* the forces of two states: a clash or shelling across the border */
static void ev_interstate(ac_ctx *x, const ac_where *p, ac_event *e,
                          nbuf *note)
{
    ct_rng *r = x->r;
    size_t ci = p->ci;
    size_t opp = p->opp;
    int y = p->y;
    const gv_place_t *loc = p->loc;
    const char *adm1 = p->adm1, *adm2 = p->adm2;
    int shell = ct_rng_uniform(r) < 0.4;
    state_forces(x, ci, y, 0, e->actor1, sizeof e->actor1, e->note_a,
                 sizeof e->note_a);
    state_forces(x, opp, y, 0, e->actor2, sizeof e->actor2, e->note_b,
                 sizeof e->note_b);
    e->inter1 = I_STATE;
    e->inter2 = ct_rng_uniform(r) < 0.5 ? I_STATE : I_EXT;
    e->fat = draw_fat(x, 3.0);
    if (shell) {
        e->etype = "Explosions/Remote violence";
        e->sub = ct_rng_uniform(r) < 0.7 ? "Shelling/artillery/missile attack"
                                        : "Air/drone strike";
        nb_printf(note, "%s shelled positions held by %s across the "
                        "border near %s (%s, %s).",
                  e->note_b, e->note_a, loc->name, adm2, adm1);
    } else {
        e->etype = "Battles";
        e->sub = "Armed clash";
        nb_printf(note, "%s clashed with %s along the border near %s "
                        "(%s, %s).",
                  e->note_a, e->note_b, loc->name, adm2, adm1);
    }
}

/* a state (with foreign forces as actor or associate when
 * internationalized) against an armed group: battles, IEDs, strikes */
static void ev_intrastate(ac_ctx *x, const ac_where *p, ac_event *e,
                          int cls, nbuf *note)
{
    ct_rng *r = x->r;
    size_t ci = p->ci;
    int y = p->y;
    const gv_place_t *loc = p->loc;
    const char *adm1 = p->adm1, *adm2 = p->adm2;
    char grp[128], home[128], home_note[128];
    int gi = armed_group(x, ci, grp, sizeof grp);
    int foreign_actor = 0;
    double u = ct_rng_uniform(r);

    state_forces(x, ci, y, 1, home, sizeof home, home_note,
                 sizeof home_note);
    if (cls == CT_GEN_CLASS_INTERNATIONALIZED) {
        size_t f = foreign_country(x, ci);
        char fn[128], fnote[128];
        state_forces(x, f, y, 0, fn, sizeof fn, fnote, sizeof fnote);
        if (ct_rng_uniform(r) < 0.6) { /* foreign forces as associate */
            snprintf(e->assoc1, sizeof e->assoc1, "%s", fn);
        } else { /* foreign forces as the actor, home as associate */
            foreign_actor = 1;
            snprintf(e->assoc1, sizeof e->assoc1, "%s",
                     ct_rng_uniform(r) < 0.5 ? home : "");
            snprintf(home, sizeof home, "%s", fn);
            snprintf(home_note, sizeof home_note, "%s", fnote);
        }
    }
    e->fat = draw_fat(x, cls == CT_GEN_CLASS_INTRASTATE ? 2.5 : 3.5);
    if (u < 0.65) {
        e->etype = "Battles";
        u = ct_rng_uniform(r);
        e->sub = u < 0.9 ? "Armed clash"
                : u < 0.95 ? "Government regains territory"
                           : "Non-state actor overtakes territory";
        snprintf(e->actor1, sizeof e->actor1, "%s", home);
        e->inter1 = foreign_actor ? I_EXT : I_STATE;
        snprintf(e->actor2, sizeof e->actor2, "%s", grp);
        e->inter2 = gi;
        if (strcmp(e->sub, "Armed clash") == 0)
            nb_printf(note, "%s clashed with %s in %s (%s, %s).",
                      home_note, grp, loc->name, adm2, adm1);
        else if (e->sub[0] == 'G')
            nb_printf(note, "%s retook %s (%s, %s) from %s.", home_note,
                      loc->name, adm2, adm1, grp);
        else
            nb_printf(note, "%s took control of %s (%s, %s) after %s "
                            "withdrew.",
                      grp, loc->name, adm2, adm1, home_note);
    } else if (u < 0.85) {
        e->etype = "Explosions/Remote violence";
        e->sub = "Remote explosive/landmine/IED";
        snprintf(e->actor1, sizeof e->actor1, "%s", grp);
        e->inter1 = gi;
        snprintf(e->actor2, sizeof e->actor2, "%s", home);
        e->inter2 = foreign_actor ? I_EXT : I_STATE;
        /* the associate belongs to the state side, now actor 2 */
        snprintf(e->assoc2, sizeof e->assoc2, "%s", e->assoc1);
        e->assoc1[0] = '\0';
        nb_printf(note, "%s detonated an improvised explosive device "
                        "targeting %s near %s (%s, %s).",
                  grp, home_note, loc->name, adm2, adm1);
    } else {
        e->etype = "Explosions/Remote violence";
        e->sub = ct_rng_uniform(r) < 0.6 ? "Air/drone strike"
                                        : "Shelling/artillery/missile attack";
        snprintf(e->actor1, sizeof e->actor1, "%s", home);
        e->inter1 = foreign_actor ? I_EXT : I_STATE;
        snprintf(e->actor2, sizeof e->actor2, "%s", grp);
        e->inter2 = gi;
        nb_printf(note, "%s carried out %s on positions of %s near %s "
                        "(%s, %s).",
                  home_note,
                  e->sub[0] == 'A' ? "an air strike" : "artillery strikes",
                  grp, loc->name, adm2, adm1);
    }
}

/* two armed groups of the country */
static void ev_nonstate(ac_ctx *x, const ac_where *p, ac_event *e,
                        nbuf *note)
{
    ct_rng *r = x->r;
    size_t ci = p->ci;
    const gv_place_t *loc = p->loc;
    const char *adm1 = p->adm1, *adm2 = p->adm2;
    char g2[128];
    int i2;
    e->inter1 = armed_group(x, ci, e->actor1, sizeof e->actor1);
    do
        i2 = armed_group(x, ci, g2, sizeof g2);
    while (strcmp(g2, e->actor1) == 0);
    snprintf(e->actor2, sizeof e->actor2, "%s", g2);
    e->inter2 = i2;
    e->fat = draw_fat(x, 2.0);
    if (ct_rng_uniform(r) < 0.85) {
        e->etype = "Battles";
        e->sub = "Armed clash";
        nb_printf(note, "%s clashed with %s in %s (%s, %s).", e->actor1,
                  e->actor2, loc->name, adm2, adm1);
    } else {
        e->etype = "Explosions/Remote violence";
        e->sub = "Remote explosive/landmine/IED";
        nb_printf(note, "%s planted an explosive device that hit members "
                        "of %s near %s (%s, %s).",
                  e->actor1, e->actor2, loc->name, adm2, adm1);
    }
}

/* state forces or an armed group against civilians */
static void ev_onesided(ac_ctx *x, const ac_where *p, ac_event *e,
                        nbuf *note)
{
    ct_rng *r = x->r;
    size_t ci = p->ci;
    int y = p->y;
    const gv_place_t *loc = p->loc;
    const char *adm1 = p->adm1, *adm2 = p->adm2;
    const ct_gen_country *c = p->c;
    double u = ct_rng_uniform(r);
    char who[128];
    if (u < 0.25) {
        state_forces(x, ci, y, 1, e->actor1, sizeof e->actor1, who,
                     sizeof who);
        e->inter1 = I_STATE;
    } else {
        e->inter1 = armed_group(x, ci, e->actor1, sizeof e->actor1);
        snprintf(who, sizeof who, "%s", e->actor1);
    }
    snprintf(e->actor2, sizeof e->actor2, "Civilians (%s)", c->acled_name);
    e->inter2 = I_CIV;
    if (ct_rng_uniform(r) < 0.2)
        snprintf(e->assoc2, sizeof e->assoc2, "%s (%s)",
                 GV_PICK(r, OCCUPATION), c->acled_name);
    e->civ = 1;
    e->etype = "Violence against civilians";
    u = ct_rng_uniform(r);
    if (u < 0.7) {
        e->sub = "Attack";
        e->fat = 1 + draw_fat(x, 0.8);
        nb_printf(note, "%s attacked civilians in %s (%s, %s).", who,
                  loc->name, adm2, adm1);
    } else if (u < 0.9) {
        e->sub = "Abduction/forced disappearance";
        nb_printf(note, "%s abducted %d civilians from %s (%s, %s).",
                  who, 1 + (int)ct_rng_uniform_int(r, 6), loc->name, adm2,
                  adm1);
    } else {
        e->sub = "Sexual violence";
        nb_printf(note, "%s assaulted a woman in %s (%s, %s).", who,
                  loc->name, adm2, adm1);
    }
}

/* no armed conflict: protests, riots, strategic developments */
static void ev_none(ac_ctx *x, const ac_where *p, ac_event *e,
                    nbuf *note)
{
    ct_rng *r = x->r;
    size_t ci = p->ci;
    int y = p->y;
    const gv_place_t *loc = p->loc;
    const char *adm1 = p->adm1, *adm2 = p->adm2;
    const ct_gen_country *c = p->c;
    double u = ct_rng_uniform(r);
    if (u < 0.70) {
        e->disorder = "Demonstrations";
        e->etype = "Protests";
        snprintf(e->actor1, sizeof e->actor1, "Protesters (%s)",
                 c->acled_name);
        e->inter1 = I_PROT;
        if (ct_rng_uniform(r) < 0.4)
            snprintf(e->assoc1, sizeof e->assoc1, "%s (%s)",
                     GV_PICK(r, OCCUPATION), c->acled_name);
        u = ct_rng_uniform(r);
        e->tags = u < 0.6   ? "crowd size=no report"
                 : u < 0.8 ? "crowd size=dozens"
                           : "crowd size=around 200";
        if (ct_rng_uniform(r) < 0.85) {
            e->sub = "Peaceful protest";
            nb_printf(note, "Protesters gathered in %s (%s) to demand %s.",
                      loc->name, adm1, GV_PICK(r, DEMAND));
        } else {
            char dummy[128];
            e->sub = "Protest with intervention";
            state_forces(x, ci, y, 1, e->actor2, sizeof e->actor2, dummy,
                         sizeof dummy);
            e->inter2 = I_STATE;
            nb_printf(note, "Protesters gathered in %s (%s) to demand %s. "
                            "Police dispersed the crowd, and several "
                            "people were briefly detained.",
                      loc->name, adm1, GV_PICK(r, DEMAND));
        }
    } else if (u < 0.85) {
        e->disorder = "Demonstrations";
        e->etype = "Riots";
        e->sub = "Violent demonstration";
        snprintf(e->actor1, sizeof e->actor1, "Rioters (%s)", c->acled_name);
        e->inter1 = I_RIOT;
        e->fat = ct_rng_uniform(r) < 0.03 ? 1 : 0;
        nb_printf(note, "Rioters blocked roads and burned tyres in %s "
                        "(%s) over %s.",
                  loc->name, adm1, GV_PICK(r, ISSUE));
    } else {
        e->disorder = "Strategic developments";
        e->etype = "Strategic developments";
        u = ct_rng_uniform(r);
        if (u < 0.25) {
            char who[128];
            e->sub = "Disrupted weapons use";
            state_forces(x, ci, y, 1, e->actor1, sizeof e->actor1, who,
                         sizeof who);
            e->inter1 = I_STATE;
            nb_printf(note, "%s defused an explosive device found near "
                            "%s (%s, %s).",
                      who, loc->name, adm2, adm1);
        } else {
            e->inter1 = armed_group(x, ci, e->actor1, sizeof e->actor1);
            if (u < 0.75) {
                e->sub = "Change to group/activity";
                nb_printf(note, "%s announced a change of leadership in "
                                "%s.",
                          e->actor1, adm1);
            } else {
                e->sub = "Headquarters or base established";
                nb_printf(note, "%s set up a base near %s (%s, %s).",
                          e->actor1, loc->name, adm2, adm1);
            }
        }
    }
}

/* Draws the event's place, then its kind by class. */
static void draw_where(ac_ctx *x, const gs_group *g, int y, ac_where *p)
{
    const ct_gen_scenario *sc = x->p->sc;
    ct_rng *r = x->r;
    int a1, a2, lk;

    p->opp = 0;
    p->y = y;
    if (g->cls == CT_GEN_CLASS_INTERSTATE) {
        size_t a, b;
        if (ct_rng_uniform(r) < 0.8) {
            a = 0;
            b = 1;
        } else {
            a = ct_rng_uniform_int(r, g->n_country);
            b = ct_rng_uniform_int(r, g->n_country - 1);
            if (b >= a)
                b++;
        }
        if (ct_rng_uniform(r) < 0.5) {
            size_t t = a;
            a = b;
            b = t;
        }
        p->ci = g->country[a];
        p->opp = g->country[b];
    } else {
        p->ci = g->country[ct_rng_uniform_int(r, g->n_country)];
    }
    p->c = &sc->countries[p->ci];
    a1 = (int)ct_rng_uniform_int(r, GV_ADM1);
    a2 = (int)ct_rng_uniform_int(r, GV_ADM2);
    lk = (int)ct_rng_uniform_int(r, GV_LOCS);
    p->loc = &x->places[p->ci].loc[a1][a2][lk];
    p->adm1 = x->places[p->ci].adm1[a1];
    p->adm2 = x->places[p->ci].adm2[a1][a2];
}

/* The note's fatality sentence and filler, by the event's kind. */
static void end_note(ac_ctx *x, int cls, const ac_event *e, nbuf *note)
{
    size_t first_break = note->n;
    if (cls != CT_GEN_CLASS_NONE) {
        nb_printf(note, " ");
        fatal_sentence(x, note, e->fat);
    } else if (e->fat > 0)
        nb_printf(note, " One person was reportedly killed.");
    if (cls != CT_GEN_CLASS_NONE)
        finish_note(x, note, first_break, FILLER_FIGHT, COUNT(FILLER_FIGHT));
    else if (strcmp(e->disorder, "Demonstrations") == 0)
        finish_note(x, note, first_break, FILLER_DEMO, COUNT(FILLER_DEMO));
    else
        finish_note(x, note, first_break, FILLER_NEUTRAL,
                    COUNT(FILLER_NEUTRAL));
}

/* Writes the event as one row of the current ACLED layout. */
static void write_row(ac_ctx *x, const ac_where *p, const ac_event *e,
                      int tprec, int gprec, const nbuf *note, int m, int d)
{
    const ct_gen_country *c = p->c;
    const gv_place_t *loc = p->loc;
    const char *adm1 = p->adm1, *adm2 = p->adm2;
    size_t ci = p->ci;
    int y = p->y;
    ct_rng *r = x->r;
    gw_buf *w = x->w;
    char buf[128];

    x->counter[ci]++;
    gw_str(w, c->iso3);
    gw_long(w, x->counter[ci]);
    gw_chr(w, ',');
    gw_date(w, y, m, d);
    gw_chr(w, ',');
    gw_long(w, y);
    gw_chr(w, ',');
    gw_long(w, tprec);
    gw_chr(w, ',');
    {
        const char *v[] = {e->disorder, e->etype, e->sub, e->actor1,
                           e->assoc1};
        gw_fields(w, v, sizeof v / sizeof v[0]);
    }
    gw_str(w, INTER[e->inter1]);
    gw_chr(w, ',');
    {
        const char *v[] = {e->actor2, e->assoc2};
        gw_fields(w, v, sizeof v / sizeof v[0]);
    }
    gw_str(w, INTER[e->inter2]);
    gw_chr(w, ',');
    interaction(e->inter1, e->inter2, buf, sizeof buf);
    gw_str(w, buf);
    gw_chr(w, ',');
    gw_str(w, e->civ ? "Civilian targeting" : "");
    gw_chr(w, ',');
    gw_long(w, c->iso_num);
    gw_chr(w, ',');
    {
        const char *v[] = {c->acled_region, c->acled_name, adm1, adm2};
        gw_fields(w, v, sizeof v / sizeof v[0]);
    }
    if (ct_rng_uniform(r) < 0.15) {
        gv_place(r, buf, 16);
        gw_field(w, buf);
    }
    gw_chr(w, ',');
    gw_field(w, loc->name);
    gw_chr(w, ',');
    gw_fixed(w, loc->lat, 4);
    gw_chr(w, ',');
    gw_fixed(w, loc->lon, 4);
    gw_chr(w, ',');
    gw_long(w, gprec);
    gw_chr(w, ',');
    {
        int k, n = ct_rng_uniform(r) < 0.6 ? 1 : ct_rng_uniform(r) < 0.75 ? 2 : 3;
        size_t first = ct_rng_uniform_int(r, sizeof OUTLET / sizeof OUTLET[0]);
        for (k = 0; k < n; k++) {
            if (k > 0)
                gw_str(w, "; ");
            gw_str(w, OUTLET[(first + (size_t)k * 3) %
                             (sizeof OUTLET / sizeof OUTLET[0])]);
        }
    }
    gw_chr(w, ',');
    gw_field(w, GV_PICK(r, SCALE));
    gw_chr(w, ',');
    gw_field(w, note->s);
    gw_chr(w, ',');
    gw_long(w, e->fat);
    gw_chr(w, ',');
    gw_field(w, e->tags);
    gw_chr(w, ',');
    gw_long(w, ct_date_day_number(y, m, d) * 86400L +
                   (3 + (long)ct_rng_uniform_int(r, 60)) * 86400L +
                   (long)ct_rng_uniform_int(r, 86400));
    gw_chr(w, '\n');
}

static void emit(ac_ctx *x, const gs_group *g, int y, int m, int d)
{
    ac_where p;
    ac_event e;
    nbuf note;
    int tprec, gprec;

    memset(&e, 0, sizeof e);
    note.n = 0;
    note.s[0] = '\0';
    draw_where(x, g, y, &p);
    tprec = pick_prec(x, 0.85, 0.12);
    gprec = pick_prec(x, 0.70, 0.25);
    e.disorder = "Political violence";
    e.tags = "";
    date_phrase(&note, tprec, y, m, d);
    switch (g->cls) {
    case CT_GEN_CLASS_INTERSTATE: ev_interstate(x, &p, &e, &note); break;
    case CT_GEN_CLASS_INTRASTATE:
    case CT_GEN_CLASS_INTERNATIONALIZED:
        ev_intrastate(x, &p, &e, g->cls, &note);
        break;
    case CT_GEN_CLASS_NONSTATE: ev_nonstate(x, &p, &e, &note); break;
    case CT_GEN_CLASS_ONESIDED: ev_onesided(x, &p, &e, &note); break;
    default: ev_none(x, &p, &e, &note); break;
    }
    end_note(x, g->cls, &e, &note);
    write_row(x, &p, &e, tprec, gprec, &note, m, d);
}

static void build_groups(const ct_gen_scenario *sc, ac_groups *g, ct_rng *r)
{
    static const char *const KIND[] = {"Ethnic Militia", "Clan Militia",
                                       "Communal Militia"};
    size_t ci;
    int k;

    for (ci = 0; ci < sc->n_countries; ci++) {
        for (k = 0; k < 3; k++)
            gv_rebel(r, g[ci].rebel[k], sizeof g[ci].rebel[k]);
        for (k = 0; k < 2; k++)
            gv_militia(r, g[ci].pmil[k], sizeof g[ci].pmil[k]);
        for (k = 0; k < 3; k++) {
            char people[16];
            gv_people(r, people, sizeof people);
            snprintf(g[ci].imil[k], sizeof g[ci].imil[k], "%s %s (%s)", people,
                     KIND[k], sc->countries[ci].acled_name);
        }
        /* distinct names keep nonstate events two-sided */
        if (strcmp(g[ci].rebel[1], g[ci].rebel[0]) == 0) {
            size_t n = strlen(g[ci].rebel[1]);
            if (n + sizeof " Wing" <= sizeof g[ci].rebel[1])
                memcpy(g[ci].rebel[1] + n, " Wing", sizeof " Wing");
            else
                g[ci].rebel[1][0] ^= 0x20; /* flip the case of the initial */
        }
    }
}

int ct_gen_write_acled(FILE *out, const ct_gen_options *opt, ct_error *err)
{
    gs_plan p;
    gw_buf w;
    ac_ctx x;
    ct_rng *r = NULL, *rn = NULL;
    unsigned long *rem = NULL;
    double scale;
    int rc, y, m;
    size_t g;

    memset(&x, 0, sizeof x);
    rc = gs_plan_init(&p, opt, err);
    if (rc != CT_OK)
        return rc;
    rc = gs_scale(&p, CT_GEN_LAYOUT_ACLED, &scale, err);
    if (rc == CT_OK)
        rc = ct_rng_alloc(&r, gs_subseed(p.opt.seed, 2), err);
    if (rc == CT_OK)
        rc = ct_rng_alloc(&rn, gs_subseed(p.opt.seed, 20), err);
    if (rc != CT_OK)
        goto out_plan;
    x.p = &p;
    x.r = r;
    x.w = &w;
    x.places = gv_places_build(p.sc, rn);
    x.groups = calloc(p.sc->n_countries + 1, sizeof *x.groups);
    x.counter = calloc(p.sc->n_countries + 1, sizeof *x.counter);
    rem = calloc(p.n_group + 1, sizeof *rem);
    if (x.places == NULL || x.groups == NULL || x.counter == NULL ||
        rem == NULL) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto out;
    }
    build_groups(p.sc, x.groups, rn);
    rc = gw_open(&w, out, err);
    if (rc != CT_OK)
        goto out;
    gw_str(&w, ACLED_HEADER);
    for (y = p.opt.from_year; y <= p.opt.to_year; y++) {
        for (m = 1; m <= 12; m++) {
            int days = ct_date_days_in_month(y, m), d;
            for (g = 0; g < p.n_group; g++) {
                const gs_group *gr = &p.group[g];
                rem[g] = 0;
                if (gr->layout == CT_GEN_LAYOUT_ACLED && y >= gr->coverage)
                    rem[g] = ct_rng_negbin(r, gs_mean(&p, gr, y, m) * scale,
                                           gs_theta(&p, gr, y));
            }
            for (d = 1; d <= days; d++) {
                for (g = 0; g < p.n_group; g++) {
                    unsigned int k;
                    if (rem[g] == 0)
                        continue;
                    k = d == days ? (unsigned int)rem[g]
                                  : ct_rng_binomial(r, 1.0 / (days - d + 1),
                                                    (unsigned int)rem[g]);
                    rem[g] -= k;
                    while (k-- > 0)
                        emit(&x, &p.group[g], y, m, d);
                }
            }
        }
    }
    rc = gw_close(&w, err);
out:
    free(rem);
    free(x.places);
    free(x.groups);
    free(x.counter);
out_plan:
    ct_rng_free(r);
    ct_rng_free(rn);
    gs_plan_free(&p);
    return rc;
}
