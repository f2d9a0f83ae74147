/* SPDX-License-Identifier: MIT
 * ged.c - synthetic UCDP GED events in the native GED CSV layout.
 *
 * State-based events (type_of_violence 1) come from the ACD simulation of
 * the same seed and years at the ACD default scale: every active conflict
 * has Poisson(k * scale) events in each ACD cell it occupies (a link
 * conflict occupies two), k per class from the scenario, so that
 * conflict_new_id joins to the ACD file's conflict_id and
 * E[events of a cell in a year] = k * scale * E[N_cell(year)].
 * Non-state (2) and one-sided (3) events per GED cell and year are
 * NB2(mu * scale, theta), each assigned to one of five dyads of the cell.
 * Rows stream year by year; only the ACD conflicts are held in memory.
 */
#include "gen_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char GED_HEADER[] =
    "id,relid,year,active_year,code_status,type_of_violence,"
    "conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
    "dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,"
    "source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,"
    "geom_wkt,priogrid_gid,country,country_id,region,event_clarity,"
    "date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
    "deaths_unknown,best,high,low,gwnoa,gwnob\n";

#define DYADS_PER_CELL 5
#define NONSTATE_FIRST_ID 10001
#define ONESIDED_FIRST_ID 20001
#define DYAD_OFFSET 40000
#define P_HEADLINE_BREAK 0.002

typedef struct gg_dyad {
    int conflict_id;
    size_t ci;         /* country of the dyad                         */
    char a[96];        /* side A                                      */
    int a_id;
    char b[96];        /* side B ("Civilians" for one-sided)          */
    int b_id;
    int gov;           /* side A is a government                      */
} gg_dyad;

/* What one event needs besides its place and date. */
typedef struct gg_ev {
    int type;                /* type_of_violence 1-3                  */
    int conflict_id;
    const char *conflict_name;
    const char *dyad_name;
    int a_id, b_id;
    const char *a, *b;
    int gwnoa, gwnob;        /* 0: empty                              */
    int active_year;
} gg_ev;

typedef struct gg_ctx {
    const gs_plan *p;
    ct_rng *r;
    gw_buf *w;
    gv_country_places *places;
    long next_id;
} gg_ctx;

static const char *const OUTLET[] = {
    "Synthetic Wire", "Regional Observer", "Morning Ledger",
    "Frontier Dispatch", "Capital Courier", "Valley Post"};

/* Headlines as (before, after) the place name. */
static const char *const HEADLINE[][2] = {
    {"Clashes reported near ", ""}, {"Several killed in attack on ", ""},
    {"Army claims gains around ", ""}, {"Residents flee fighting in ", ""},
    {"Gunmen strike ", ", officials say"},
    {"Curfew imposed in ", " after violence"}};

static const char *const ORIGINAL[] = {
    "military spokesman", "police official", "local residents",
    "hospital source", "group statement", "local official", ""};

static int pick_cum(ct_rng *r, const double *cum, int n)
{
    double u = ct_rng_uniform(r);
    int k = 0;
    while (k < n - 1 && u >= cum[k])
        k++;
    return k + 1;
}

/* The id, relid, year, conflict, dyad and side columns. */
static void write_ids(gg_ctx *x, const gg_ev *ev, const ct_gen_country *c,
                      int year)
{
    gw_buf *w = x->w;

    gw_long(w, x->next_id++); /* id */
    gw_chr(w, ',');
    gw_str(w, c->iso3); /* relid */
    gw_chr(w, '-');
    gw_long(w, year);
    gw_chr(w, '-');
    gw_long(w, ev->type);
    gw_chr(w, '-');
    gw_long(w, ev->conflict_id + DYAD_OFFSET);
    gw_chr(w, '-');
    gw_long(w, x->next_id % 1000);
    gw_chr(w, ',');
    gw_long(w, year);
    gw_chr(w, ',');
    gw_long(w, ev->active_year);
    gw_str(w, ",Clear,");
    gw_long(w, ev->type);
    gw_chr(w, ',');
    gw_long(w, ev->conflict_id);
    gw_chr(w, ',');
    gw_long(w, ev->conflict_id);
    gw_chr(w, ',');
    gw_field(w, ev->conflict_name);
    gw_chr(w, ',');
    gw_long(w, ev->conflict_id + DYAD_OFFSET);
    gw_chr(w, ',');
    gw_long(w, ev->conflict_id + DYAD_OFFSET);
    gw_chr(w, ',');
    gw_field(w, ev->dyad_name);
    gw_chr(w, ',');
    gw_long(w, ev->a_id);
    gw_chr(w, ',');
    gw_long(w, ev->a_id);
    gw_chr(w, ',');
    gw_field(w, ev->a);
    gw_chr(w, ',');
    gw_long(w, ev->b_id);
    gw_chr(w, ',');
    gw_long(w, ev->b_id);
    gw_chr(w, ',');
    gw_field(w, ev->b);
    gw_chr(w, ',');
}

/* The source columns: count, source article, office, date, headline. */
static void write_sources(gg_ctx *x, const gv_place_t *loc, int year,
                          int doy2)
{
    ct_rng *r = x->r;
    gw_buf *w = x->w;
    char buf[256], head[128];
    int nsrc, m, d;

    nsrc = ct_rng_uniform(r) < 0.4 ? -1 : 1 + (int)ct_rng_uniform_int(r, 4);
    {
        size_t h = ct_rng_uniform_int(r, sizeof HEADLINE / sizeof HEADLINE[0]);
        snprintf(head, sizeof head, "%s%s%s", HEADLINE[h][0], loc->name,
                 HEADLINE[h][1]);
    }
    if (ct_rng_uniform(r) < P_HEADLINE_BREAK) {
        char *sp = strchr(head, ' ');
        if (sp != NULL)
            *sp = '\n';
    }
    gd_from_doy(year, doy2, &m, &d);
    {
        const char *outlet = GV_PICK(r, OUTLET);
        snprintf(buf, sizeof buf, "%s,%04d-%02d-%02d,\"%s\"", outlet, year, m,
                 d, head);
        gw_long(w, nsrc);
        gw_chr(w, ',');
        gw_field(w, buf);
        gw_chr(w, ',');
        if (nsrc > 0) {
            gw_field(w, outlet);
            gw_chr(w, ',');
            gw_date(w, year, m, d);
            gw_chr(w, ',');
            gw_field(w, head);
        } else {
            gw_str(w, ",,");
        }
    }
    gw_chr(w, ',');
}

/* Where: source original, precision, names, admin areas, coordinates,
 * PRIO-GRID cell, country and region. */
static void write_place(gg_ctx *x, const ct_gen_country *c,
                        const gv_country_places *pl, const gv_place_t *loc,
                        int a1, int a2, int where_prec)
{
    ct_rng *r = x->r;
    gw_buf *w = x->w;
    char buf[256];

    gw_field(w, GV_PICK(r, ORIGINAL));
    gw_chr(w, ',');
    gw_long(w, where_prec);
    gw_chr(w, ',');
    if (where_prec <= 2)
        snprintf(buf, sizeof buf, "%s town", loc->name);
    else if (where_prec == 3)
        snprintf(buf, sizeof buf, "%s district", pl->adm2[a1][a2]);
    else if (where_prec <= 5)
        snprintf(buf, sizeof buf, "%s province", pl->adm1[a1]);
    else
        snprintf(buf, sizeof buf, "%s", c->ucdp_name);
    gw_field(w, buf);
    gw_chr(w, ',');
    if (ct_rng_uniform(r) < 0.3)
        snprintf(buf, sizeof buf, "%s, %s district", loc->name,
                 pl->adm2[a1][a2]);
    else
        snprintf(buf, sizeof buf, "%s", loc->name);
    gw_field(w, buf);
    gw_chr(w, ',');
    snprintf(buf, sizeof buf, "%s province", pl->adm1[a1]);
    gw_field(w, where_prec >= 6 ? "" : buf);
    gw_chr(w, ',');
    snprintf(buf, sizeof buf, "%s district", pl->adm2[a1][a2]);
    gw_field(w, where_prec >= 4 ? "" : buf);
    gw_chr(w, ',');
    gw_fixed(w, loc->lat, 6);
    gw_chr(w, ',');
    gw_fixed(w, loc->lon, 6);
    gw_str(w, ",POINT (");
    gw_trim(w, loc->lon, 6);
    gw_chr(w, ' ');
    gw_trim(w, loc->lat, 6);
    gw_str(w, "),");
    /* PRIO-GRID: 0.5 degree cells numbered row by row from (-90, -180) */
    gw_long(w, (long)floor((loc->lat + 90.0) / 0.5) * 720 +
                   (long)floor((loc->lon + 180.0) / 0.5) + 1);
    gw_chr(w, ',');
    gw_field(w, c->ucdp_name);
    gw_chr(w, ',');
    gw_long(w, c->gwno);
    gw_chr(w, ',');
    gw_field(w, gs_region_name(c->ucdp_region));
    gw_chr(w, ',');
}

static void emit(gg_ctx *x, const gg_ev *ev, size_t ci, int year)
{
    static const double DATE_CUM[5] = {0.65, 0.80, 0.90, 0.95, 1.0};
    static const double WHERE_CUM[7] = {0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0};
    const ct_gen_country *c = &x->p->sc->countries[ci];
    const gv_country_places *pl = &x->places[ci];
    ct_rng *r = x->r;
    gw_buf *w = x->w;
    int a1 = (int)ct_rng_uniform_int(r, GV_ADM1);
    int a2 = (int)ct_rng_uniform_int(r, GV_ADM2);
    const gv_place_t *loc = &pl->loc[a1][a2][ct_rng_uniform_int(r, GV_LOCS)];
    int ndays = gd_days_in_year(year);
    int doy = (int)ct_rng_uniform_int(r, (unsigned long)ndays), doy2;
    int date_prec = pick_cum(r, DATE_CUM, 5);
    int where_prec = pick_cum(r, WHERE_CUM, 7);
    int m, d;
    long da = 0, db = 0, dc = 0, du = 0, best, low, high;

    doy2 = date_prec == 1 ? doy
                          : doy + (int)ct_rng_uniform_int(
                                      r, (unsigned long)(date_prec * 7));
    if (doy2 >= ndays)
        doy2 = ndays - 1;
    if (ev->type == 3) {
        dc = 1 + (long)ct_rng_negbin(r, 1.5, 0.5);
    } else {
        da = (long)ct_rng_negbin(r, ev->type == 1 ? 1.2 : 1.5, 0.5);
        db = (long)ct_rng_negbin(r, ev->type == 1 ? 2.0 : 1.5, 0.5);
        dc = ev->type == 1 ? (long)ct_rng_poisson(r, 0.4) : 0;
        du = (long)ct_rng_poisson(r, 0.2);
    }
    best = da + db + dc + du;
    low = best - (long)ct_rng_binomial(r, 0.2, (unsigned int)best);
    high = best + (long)ct_rng_poisson(r, 0.3 * (double)best);

    write_ids(x, ev, c, year);
    write_sources(x, loc, year, doy2);
    write_place(x, c, pl, loc, a1, a2, where_prec);
    gw_long(w, ct_rng_uniform(r) < 0.9 ? 1 : 2);
    gw_chr(w, ',');
    gw_long(w, date_prec);
    gw_chr(w, ',');
    gd_from_doy(year, doy, &m, &d);
    gw_date(w, year, m, d);
    gw_str(w, " 00:00:00.000,");
    gd_from_doy(year, doy2, &m, &d);
    gw_date(w, year, m, d);
    gw_str(w, " 00:00:00.000,");
    gw_long(w, da);
    gw_chr(w, ',');
    gw_long(w, db);
    gw_chr(w, ',');
    gw_long(w, dc);
    gw_chr(w, ',');
    gw_long(w, du);
    gw_chr(w, ',');
    gw_long(w, best);
    gw_chr(w, ',');
    gw_long(w, high);
    gw_chr(w, ',');
    gw_long(w, low);
    gw_chr(w, ',');
    if (ev->gwnoa > 0)
        gw_long(w, ev->gwnoa);
    gw_chr(w, ',');
    if (ev->gwnob > 0)
        gw_long(w, ev->gwnob);
    gw_chr(w, '\n');
}

/* Names of an ACD conflict as GED writes them. */
static void conflict_names(const ct_gen_scenario *sc, const ga_conflict *c,
                           char *cname, size_t cn, char *dname, size_t dn,
                           char *side_b, size_t bn)
{
    const char *a = sc->countries[c->loc[0]].ucdp_name;
    if (c->type == 2) {
        const char *b = sc->countries[c->loc[1]].ucdp_name;
        snprintf(cname, cn, "%s - %s", a, b);
        snprintf(side_b, bn, "Government of %s", b);
    } else {
        if (c->incompat == 2)
            snprintf(cname, cn, "%s: Government", a);
        else
            snprintf(cname, cn, "%s: %s", a, c->territory);
        snprintf(side_b, bn, "%s", c->side_b);
    }
    snprintf(dname, dn, "Government of %s - %s", a, side_b);
}

static void state_based(gg_ctx *x, const ga_sim *s, const ga_year *y,
                        double scale)
{
    const ct_gen_scenario *sc = x->p->sc;
    const ga_conflict *c = &s->c[y->conflict];
    ct_gen_class cls = c->type == 2   ? CT_GEN_CLASS_INTERSTATE
                       : c->type == 3 ? CT_GEN_CLASS_INTRASTATE
                                      : CT_GEN_CLASS_INTERNATIONALIZED;
    double k = sc->ged_events_per_conflict[cls] * scale;
    char cname[160], dname[200], side_a[96], side_b[96];
    gg_ev ev;
    unsigned int n, i;
    int cell;

    conflict_names(sc, c, cname, sizeof cname, dname, sizeof dname, side_b,
                   sizeof side_b);
    snprintf(side_a, sizeof side_a, "Government of %s",
             sc->countries[c->loc[0]].ucdp_name);
    ev.type = 1;
    ev.conflict_id = c->id;
    ev.conflict_name = cname;
    ev.dyad_name = dname;
    ev.a = side_a;
    ev.b = side_b;
    ev.a_id = ga_gov_id(c->loc[0]);
    ev.b_id = c->side_b_id;
    ev.gwnoa = sc->countries[c->loc[0]].gwno;
    ev.gwnob = c->type == 2 ? sc->countries[c->loc[1]].gwno : 0;
    ev.active_year = 1;
    /* one Poisson(k) batch per cell the conflict occupies */
    for (cell = 0; cell < (c->link >= 0 ? 2 : 1); cell++) {
        n = ct_rng_poisson(x->r, k);
        for (i = 0; i < n; i++) {
            size_t ci;
            if (c->link >= 0)
                ci = c->loc[cell];
            else if (c->n_loc == 2)
                ci = c->loc[ct_rng_uniform_int(x->r, 2)];
            else
                ci = c->loc[0];
            emit(x, &ev, ci, y->year);
        }
    }
}

static void build_dyads(const gs_plan *p, gg_dyad *dy, ct_rng *r)
{
    size_t g, k, j = 0;
    int ns = NONSTATE_FIRST_ID, os = ONESIDED_FIRST_ID, actor = 5000;

    for (g = 0; g < p->n_group; g++) {
        const gs_group *gr = &p->group[g];
        if (gr->layout != CT_GEN_LAYOUT_GED)
            continue;
        for (k = 0; k < DYADS_PER_CELL; k++, j++) {
            gg_dyad *d = &dy[j];
            d->ci = gr->country[ct_rng_uniform_int(r, gr->n_country)];
            if (gr->cls == CT_GEN_CLASS_NONSTATE) {
                d->conflict_id = ns;
                ns += 1 + (int)ct_rng_uniform_int(r, 3);
                gv_rebel(r, d->a, sizeof d->a);
                if (ct_rng_uniform(r) < 0.5)
                    gv_militia(r, d->b, sizeof d->b);
                else
                    gv_rebel(r, d->b, sizeof d->b);
                if (strcmp(d->a, d->b) == 0) {
                    size_t n = strlen(d->b);
                    if (n + sizeof " Wing" <= sizeof d->b)
                        memcpy(d->b + n, " Wing", sizeof " Wing");
                }
                d->a_id = actor++;
                d->b_id = actor++;
            } else {
                d->conflict_id = os;
                os += 1 + (int)ct_rng_uniform_int(r, 3);
                d->gov = ct_rng_uniform(r) < 0.3;
                if (d->gov) {
                    snprintf(d->a, sizeof d->a, "Government of %s",
                             p->sc->countries[d->ci].ucdp_name);
                    d->a_id = ga_gov_id(d->ci);
                } else {
                    gv_rebel(r, d->a, sizeof d->a);
                    d->a_id = actor++;
                }
                snprintf(d->b, sizeof d->b, "Civilians");
                d->b_id = 1;
            }
        }
    }
}

int ct_gen_write_ged(FILE *out, const ct_gen_options *opt, ct_error *err)
{
    gs_plan p;
    ga_sim s;
    gw_buf w;
    gg_ctx x;
    gg_dyad *dy = NULL;
    ct_rng *r = NULL, *rn = NULL;
    double scale;
    size_t g, yi = 0, n_ged = 0, j;
    int rc, year, sim_ok = 0;

    memset(&x, 0, sizeof x);
    rc = gs_plan_init(&p, opt, err);
    if (rc != CT_OK)
        return rc;
    rc = gs_scale(&p, CT_GEN_LAYOUT_GED, &scale, err);
    if (rc == CT_OK)
        rc = ga_simulate(&s, &p, gs_acd_default_scale(&p), err);
    if (rc != CT_OK)
        goto out_plan;
    sim_ok = 1;
    if ((rc = ct_rng_alloc(&r, gs_subseed(p.opt.seed, 3), err)) != CT_OK ||
        (rc = ct_rng_alloc(&rn, gs_subseed(p.opt.seed, 30), err)) != CT_OK)
        goto out;
    for (g = 0; g < p.n_group; g++)
        if (p.group[g].layout == CT_GEN_LAYOUT_GED)
            n_ged++;
    dy = calloc(n_ged * DYADS_PER_CELL + 1, sizeof *dy);
    x.places = gv_places_build(p.sc, rn);
    if (dy == NULL || x.places == NULL) {
        rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
        goto out;
    }
    build_dyads(&p, dy, rn);
    x.p = &p;
    x.r = r;
    x.w = &w;
    x.next_id = 100001;
    if ((rc = gw_open(&w, out, err)) != CT_OK)
        goto out;
    gw_str(&w, GED_HEADER);
    for (year = p.opt.from_year; year <= p.opt.to_year; year++) {
        for (; yi < s.n_y && s.y[yi].year == year; yi++)
            state_based(&x, &s, &s.y[yi], scale);
        for (g = 0, j = 0; g < p.n_group; g++) {
            const gs_group *gr = &p.group[g];
            unsigned int n, i;
            if (gr->layout != CT_GEN_LAYOUT_GED)
                continue;
            n = ct_rng_negbin(r, gs_mean(&p, gr, year, 0) * scale,
                              gs_theta(&p, gr, year));
            for (i = 0; i < n; i++) {
                const gg_dyad *d =
                    &dy[j * DYADS_PER_CELL +
                        ct_rng_uniform_int(r, DYADS_PER_CELL)];
                char cname[200];
                gg_ev ev;
                snprintf(cname, sizeof cname, "%s - %s", d->a, d->b);
                ev.type = gr->cls == CT_GEN_CLASS_NONSTATE ? 2 : 3;
                ev.conflict_id = d->conflict_id;
                ev.conflict_name = cname;
                ev.dyad_name = cname;
                ev.a = d->a;
                ev.b = d->b;
                ev.a_id = d->a_id;
                ev.b_id = d->b_id;
                ev.gwnoa = d->gov ? p.sc->countries[d->ci].gwno : 0;
                ev.gwnob = 0;
                ev.active_year = ct_rng_uniform(r) < 0.9;
                emit(&x, &ev, d->ci, year);
            }
            j++;
        }
    }
    rc = gw_close(&w, err);
out:
    free(dy);
    free(x.places);
    ct_rng_free(r);
    ct_rng_free(rn);
    if (sim_ok)
        ga_free(&s);
out_plan:
    gs_plan_free(&p);
    return rc;
}
