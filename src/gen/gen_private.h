/* SPDX-License-Identifier: MIT
 * gen_private.h - shared internals of the gen module (not installed):
 * the row writer, calendar helpers, scenario look-ups, the invented
 * vocabulary and the ACD conflict simulation that GED reuses.
 */
#ifndef CT_GEN_PRIVATE_H
#define CT_GEN_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ctrend/gen.h"

/* ---- buffered row writer (csvw.c): one malloc per file, none per row -- */
typedef struct gw_buf {
    FILE *out;    /* destination (borrowed)                          */
    char *buf;    /* pending bytes                                   */
    size_t len;   /* bytes pending                                   */
    size_t cap;   /* size of buf                                     */
    int failed;   /* 1 after a short write                           */
} gw_buf;

int gw_open(gw_buf *w, FILE *out, ct_error *err);
/* Flushes what is pending and frees the buffer; returns CT_OK or CT_EIO. */
int gw_close(gw_buf *w, ct_error *err);
void gw_put(gw_buf *w, const char *s, size_t n);
void gw_str(gw_buf *w, const char *s);
void gw_chr(gw_buf *w, char c);
void gw_long(gw_buf *w, long v);
/* v with exactly `decimals` digits after the point (0-9). */
void gw_fixed(gw_buf *w, double v, int decimals);
/* v with up to `decimals` digits, trailing zeros dropped ("120.9822"). */
void gw_trim(gw_buf *w, double v, int decimals);
/* s always inside double quotes, quotes doubled (ACD style). */
void gw_quoted(gw_buf *w, const char *s);
/* s quoted only when it holds a comma, quote, CR or LF (RFC 4180). */
void gw_field(gw_buf *w, const char *s);
/* YYYY-MM-DD */
void gw_date(gw_buf *w, int y, int m, int d);
/* The n strings, each as gw_field followed by a comma. */
void gw_fields(gw_buf *w, const char *const *v, size_t n);
/* The n numbers, each as gw_long (inside double quotes when quoted != 0)
 * followed by a comma. */
void gw_longs(gw_buf *w, const long *v, size_t n, int quoted);

/* ---- calendar (csvw.c) ------------------------------------------------ */
int gd_days_in_year(int y);
/* Month and day of day-of-year doy (0-based). */
void gd_from_doy(int y, int doy, int *m, int *d);
extern const char *const gd_month_name[13]; /* [1] = "January" */

/* ---- seeds ------------------------------------------------------------ */
/* A sub-stream seed: splitmix64 of seed and a tag, so the layouts and
 * their parts draw from independent streams. */
uint64_t gs_subseed(uint64_t seed, uint64_t tag);

/* ---- scenario (scenario.c) -------------------------------------------- */
/* A group is one trend key (layout, region, subregion, class) and its
 * pieces, sorted by from_year. */
typedef struct gs_group {
    ct_gen_layout layout;
    const char *region;
    const char *subregion;  /* NULL: whole region                       */
    ct_gen_class cls;
    size_t piece[16];       /* indexes into scenario cells              */
    size_t n_piece;
    int coverage;           /* ACLED: first covered year, else -9999     */
    size_t *country;        /* countries of the group (scenario indexes) */
    size_t n_country;
} gs_group;

typedef struct gs_plan {
    const ct_gen_scenario *sc;
    ct_gen_options opt;     /* resolved copy (scenario never NULL)      */
    gs_group *group;        /* owned                                     */
    size_t n_group;
    size_t *country_mem;    /* owned storage behind group[].country      */
} gs_plan;

/* Checks opt (NULL: defaults) and builds the groups. */
int gs_plan_init(gs_plan *p, const ct_gen_options *opt, ct_error *err);
void gs_plan_free(gs_plan *p);
/* Mean of group g at scale 1 in (year, month); month 0 = the yearly mean
 * for yearly layouts. ACLED months before coverage give 0. */
double gs_mean(const gs_plan *p, const gs_group *g, int year, int month);
/* Theta of the piece in force in year. */
double gs_theta(const gs_plan *p, const gs_group *g, int year);
/* Index of the piece in force in year. */
size_t gs_piece_at(const gs_plan *p, const gs_group *g, int year);
/* Expected rows at scale 1 over the plan's years. */
double gs_total(const gs_plan *p, ct_gen_layout layout);
/* Scale factor of layout for the plan (see ct_gen_scale). */
int gs_scale(const gs_plan *p, ct_gen_layout layout, double *out,
             ct_error *err);
/* ACD scale that GED conflicts are simulated at (ACD default rows). */
double gs_acd_default_scale(const gs_plan *p);
/* Group index of (layout, class) containing country ci; -1 if none. */
long gs_group_of(const gs_plan *p, ct_gen_layout layout, ct_gen_class cls,
                 size_t ci);
/* Scenario index of the country with gwno; -1 if none. */
long gs_country_by_gwno(const ct_gen_scenario *sc, int gwno);
const char *gs_region_name(int ucdp_region);

/* ---- invented vocabulary (vocab.c) ------------------------------------ */
/* Each writes a NUL-terminated name of at most n-1 bytes into buf. */
void gv_place(ct_rng *r, char *buf, size_t n);      /* "Karvendo"        */
void gv_rebel(ct_rng *r, char *buf, size_t n);      /* "... Front"       */
void gv_militia(ct_rng *r, char *buf, size_t n);    /* political militia */
void gv_people(ct_rng *r, char *buf, size_t n);     /* ethnic group name */
/* Invented administrative units and places of every country: admin1,
 * admin2 within it, locations within that, with coordinates near the
 * country's centroid. Built once per file; no allocation per row. */
#define GV_ADM1 6
#define GV_ADM2 3
#define GV_LOCS 4
#define GV_NAME 24
typedef struct gv_place_t {
    char name[GV_NAME];
    double lat, lon;
} gv_place_t;
typedef struct gv_country_places {
    char adm1[GV_ADM1][GV_NAME];
    char adm2[GV_ADM1][GV_ADM2][GV_NAME];
    gv_place_t loc[GV_ADM1][GV_ADM2][GV_LOCS];
} gv_country_places;
/* Allocates and fills one entry per scenario country; NULL on failure. */
gv_country_places *gv_places_build(const ct_gen_scenario *sc, ct_rng *r);

/* Picks one of n strings. */
const char *gv_pick(ct_rng *r, const char *const *list, size_t n);
#define GV_PICK(r, list) gv_pick((r), (list), sizeof(list) / sizeof((list)[0]))

/* ---- ACD conflict simulation (acd.c), shared with ged.c --------------- */
typedef struct ga_conflict {
    int id;               /* conflict_id                                 */
    int type;             /* type_of_conflict 2, 3 or 4                  */
    long group;           /* ACD group (primary cell)                    */
    long group2;          /* second cell of a link conflict, else -1     */
    long link;            /* link index, or -1                           */
    size_t loc[2];        /* location countries (scenario indexes)       */
    int n_loc;            /* 1 or 2                                      */
    size_t sup[2];        /* foreign supporters (internationalized)      */
    int n_sup;
    int sup_side_b;       /* 1: supporters are on side B                 */
    int incompat;         /* 1 territory, 2 government, 3 both           */
    char territory[40];   /* "" when incompat == 2                       */
    char side_b[72];      /* rebel name, or "" for interstate            */
    int side_b_id;        /* actor id of side B                          */
    int start_ymd;        /* yyyymmdd of the first activity              */
    int start_prec;       /* 1-6                                         */
    int last_year;        /* last active year so far (0: never)          */
    int active;           /* active in the year being simulated          */
} ga_conflict;

typedef struct ga_year {
    size_t conflict;      /* index into conflicts                        */
    int year;
    int intensity;        /* 1 or 2                                      */
    int ep_start_ymd;     /* start of the episode (start_date2)          */
    int ep_prec;          /* start_prec2                                 */
    int end_doy;          /* day of year drawn for ep_end_date           */
} ga_year;

typedef struct ga_sim {
    ga_conflict *c;  size_t n_c, cap_c;
    ga_year *y;      size_t n_y, cap_y;  /* in year order               */
} ga_sim;

/* Runs the conflict simulation of the plan's ACD cells at scale. */
int ga_simulate(ga_sim *s, const gs_plan *p, double scale, ct_error *err);
void ga_free(ga_sim *s);
/* Actor id of a country's government (side_a_id). */
int ga_gov_id(size_t ci);

#endif /* CT_GEN_PRIVATE_H */
