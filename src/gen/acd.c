/* SPDX-License-Identifier: MIT
 * acd.c - the conflict simulation behind the synthetic UCDP/PRIO Armed
 * Conflict Dataset, and its writer (v23.1 columns, every field quoted).
 *
 * Each year, every ACD cell draws N ~ NB2(mu, theta) and has exactly N
 * distinct active conflicts: first a link conflict if its two cells both
 * have a free slot (it continues if it was active last year, else it
 * starts with probability p_start), then the cell's conflicts active last
 * year (a uniformly random subset of them when there are more than the
 * free slots), then, for each slot still free, a dormant conflict of the
 * cell resumes with probability 0.3 (if there is one), else a new conflict
 * starts. A conflict keeps its id, location, sides and type for good.
 */
#include "gen_private.h"

#include "ctrend/date.h"

#include <stdlib.h>
#include <string.h>

#define P_RESUME 0.3
#define FIRST_CONFLICT_ID 200
#define FIRST_ACTOR_ID 1000

int ga_gov_id(size_t ci) { return 100 + (int)ci; }

void ga_free(ga_sim *s)
{
    free(s->c);
    free(s->y);
    memset(s, 0, sizeof *s);
}

static int ymd(int y, int doy)
{
    int m, d;
    gd_from_doy(y, doy, &m, &d);
    return y * 10000 + m * 100 + d;
}

static int random_prec(ct_rng *r)
{
    static const double CUM[6] = {0.55, 0.65, 0.75, 0.85, 0.95, 1.0};
    double u = ct_rng_uniform(r);
    int k = 0;
    while (k < 5 && u >= CUM[k])
        k++;
    return k + 1;
}

static int type_of(ct_gen_class cls)
{
    return cls == CT_GEN_CLASS_INTERSTATE ? 2
           : cls == CT_GEN_CLASS_INTRASTATE ? 3
                                            : 4;
}

typedef struct sim_state {
    ga_sim *s;
    const gs_plan *p;
    ct_rng *r;
    int next_id;
    int next_actor;
} sim_state;

/* Per-conflict current episode, kept beside the sim arrays. */
typedef struct episode {
    int start_ymd;
    int prec;
} episode;

static int grow(void **mem, size_t *cap, size_t need, size_t size)
{
    void *m;
    size_t n;
    if (need <= *cap)
        return 0;
    n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    m = realloc(*mem, n * size);
    if (m == NULL)
        return -1;
    *mem = m;
    *cap = n;
    return 0;
}

/* Creates a conflict of group g (or of link l when l >= 0) starting in
 * year; returns its index or -1 when out of memory. */
static long new_conflict(sim_state *st, long g, long l, int year)
{
    const ct_gen_scenario *sc = st->p->sc;
    const gs_group *gr = &st->p->group[g];
    ct_rng *r = st->r;
    ga_conflict *c;
    ga_sim *s = st->s;

    if (grow((void **)&s->c, &s->cap_c, s->n_c + 1, sizeof *s->c) != 0)
        return -1;
    c = &s->c[s->n_c];
    memset(c, 0, sizeof *c);
    c->id = st->next_id;
    st->next_id += 1 + (int)ct_rng_uniform_int(r, 4);
    c->group = g;
    c->group2 = -1;
    c->link = l;
    c->type = type_of(gr->cls);
    if (l >= 0) {
        const ct_gen_link *lk = &sc->links[l];
        c->loc[0] = (size_t)gs_country_by_gwno(sc, lk->gwno_a);
        c->loc[1] = (size_t)gs_country_by_gwno(sc, lk->gwno_b);
        c->n_loc = 2;
        c->group2 = gs_group_of(st->p, CT_GEN_LAYOUT_ACD, lk->cls, c->loc[1]);
    } else if (gr->cls == CT_GEN_CLASS_INTERSTATE) {
        /* usually the cell's first two countries (its rivals), else any
         * two of its countries */
        if (ct_rng_uniform(r) < 0.8) {
            c->loc[0] = gr->country[0];
            c->loc[1] = gr->country[1];
        } else {
            size_t a = ct_rng_uniform_int(r, gr->n_country);
            size_t b = ct_rng_uniform_int(r, gr->n_country - 1);
            if (b >= a)
                b++;
            c->loc[0] = gr->country[a];
            c->loc[1] = gr->country[b];
        }
        c->n_loc = 2;
    } else {
        c->loc[0] = gr->country[ct_rng_uniform_int(r, gr->n_country)];
        c->n_loc = 1;
    }
    if (c->type == 4) {
        int k;
        c->n_sup = ct_rng_uniform(r) < 0.25 ? 2 : 1;
        for (k = 0; k < c->n_sup; k++) {
            size_t f;
            do
                f = ct_rng_uniform_int(r, sc->n_countries);
            while (f == c->loc[0] || (k == 1 && f == c->sup[0]));
            c->sup[k] = f;
        }
        c->sup_side_b = ct_rng_uniform(r) < 0.15;
    }
    {
        double u = ct_rng_uniform(r);
        if (c->type == 2)
            c->incompat = u < 0.6 ? 1 : 2;
        else
            c->incompat = u < 0.5 ? 1 : u < 0.95 ? 2 : 3;
    }
    if (c->incompat != 2)
        gv_place(r, c->territory, sizeof c->territory);
    if (c->type == 2) {
        c->side_b_id = ga_gov_id(c->loc[1]);
    } else {
        gv_rebel(r, c->side_b, sizeof c->side_b);
        c->side_b_id = st->next_actor;
        st->next_actor += 1 + (int)ct_rng_uniform_int(r, 3);
    }
    c->start_ymd = ymd(year, (int)ct_rng_uniform_int(
                                 r, (unsigned long)gd_days_in_year(year)));
    c->start_prec = random_prec(r);
    return (long)s->n_c++;
}

/* Marks conflict ci active in year; new_episode when it was not active the
 * year before. */
static int activate(sim_state *st, episode **ep, size_t *ep_cap, size_t ci,
                    int year, int new_episode)
{
    ga_sim *s = st->s;
    ga_conflict *c = &s->c[ci];
    ga_year *y;
    int doy0 = 0;
    ct_rng *r = st->r;

    if (grow((void **)&s->y, &s->cap_y, s->n_y + 1, sizeof *s->y) != 0 ||
        grow((void **)ep, ep_cap, s->n_c, sizeof **ep) != 0)
        return -1;
    if (new_episode) {
        if (c->last_year == 0) { /* first episode starts with the conflict */
            (*ep)[ci].start_ymd = c->start_ymd;
            (*ep)[ci].prec = c->start_prec;
        } else {
            (*ep)[ci].start_ymd =
                ymd(year, (int)ct_rng_uniform_int(
                              r, (unsigned long)gd_days_in_year(year)));
            (*ep)[ci].prec = random_prec(r);
        }
    }
    y = &s->y[s->n_y++];
    y->conflict = ci;
    y->year = year;
    y->intensity =
        ct_rng_uniform(r) < (c->type == 3 ? 0.2 : c->type == 4 ? 0.35 : 0.3)
            ? 2
            : 1;
    y->ep_start_ymd = (*ep)[ci].start_ymd;
    y->ep_prec = (*ep)[ci].prec;
    if (y->ep_start_ymd / 10000 == year) {
        int m = y->ep_start_ymd / 100 % 100, d = y->ep_start_ymd % 100, k;
        for (k = 1; k < m; k++)
            doy0 += ct_date_days_in_month(year, k);
        doy0 += d - 1;
    }
    y->end_doy = doy0 + (int)ct_rng_uniform_int(
                            r, (unsigned long)(gd_days_in_year(year) - doy0));
    c->last_year = year;
    c->active = 1;
    return 0;
}

/* Fills the slots free in ACD cell g this year: its conflicts active
 * last year (a random subset when there are more), then for each slot
 * left a dormant conflict resumes (P_RESUME) or a new one starts.
 * -1 when out of memory. */
static int fill_group(sim_state *st, size_t g, long slots, int year,
                      size_t **scratch_p, size_t *scratch_cap, episode **ep,
                      size_t *ep_cap)
{
    ga_sim *s = st->s;
    ct_rng *r = st->r;
    size_t n_cont = 0, k, i;
    size_t *scratch;

    if (grow((void **)scratch_p, scratch_cap, s->n_c + 1,
             sizeof **scratch_p) != 0)
        return -1;
    scratch = *scratch_p;
    for (i = 0; i < s->n_c; i++)
        if (s->c[i].group == (long)g && s->c[i].link < 0 &&
            s->c[i].last_year == year - 1)
            scratch[n_cont++] = i;
    if ((long)n_cont > slots) { /* partial Fisher-Yates */
        for (k = 0; k < (size_t)slots; k++) {
            size_t j = k + ct_rng_uniform_int(r, n_cont - k);
            size_t t = scratch[k];
            scratch[k] = scratch[j];
            scratch[j] = t;
        }
        n_cont = (size_t)slots;
    }
    for (k = 0; k < n_cont; k++)
        if (activate(st, ep, ep_cap, scratch[k], year, 0) != 0)
            return -1;
    slots -= (long)n_cont;
    while (slots-- > 0) {
        size_t n_dorm = 0;
        long ci = -1;
        for (i = 0; i < s->n_c; i++)
            if (s->c[i].group == (long)g && s->c[i].link < 0 &&
                !s->c[i].active && s->c[i].last_year > 0 &&
                s->c[i].last_year < year - 1)
                scratch[n_dorm++] = i;
        if (n_dorm > 0 && ct_rng_uniform(r) < P_RESUME)
            ci = (long)scratch[ct_rng_uniform_int(r, n_dorm)];
        else if ((ci = new_conflict(st, (long)g, -1, year)) < 0)
            return -1;
        if (grow((void **)scratch_p, scratch_cap, s->n_c + 1,
                 sizeof **scratch_p) != 0)
            return -1;
        scratch = *scratch_p;
        if (activate(st, ep, ep_cap, (size_t)ci, year, 1) != 0)
            return -1;
    }
    return 0;
}

int ga_simulate(ga_sim *s, const gs_plan *p, double scale, ct_error *err)
{
    const ct_gen_scenario *sc = p->sc;
    sim_state st;
    ct_rng *r = NULL;
    long *cap = NULL, *link_conf = NULL, *lg = NULL;
    size_t *scratch = NULL, scratch_cap = 0;
    episode *ep = NULL;
    size_t ep_cap = 0, g, l, i;
    int rc, year;

    memset(s, 0, sizeof *s);
    rc = ct_rng_alloc(&r, gs_subseed(p->opt.seed, 1), err);
    if (rc != CT_OK)
        return rc;
    cap = calloc(p->n_group + 1, sizeof *cap);
    link_conf = calloc(sc->n_links + 1, sizeof *link_conf);
    lg = calloc(2 * sc->n_links + 1, sizeof *lg);
    if (cap == NULL || link_conf == NULL || lg == NULL)
        goto nomem;
    for (l = 0; l < sc->n_links; l++) {
        long ca = gs_country_by_gwno(sc, sc->links[l].gwno_a);
        long cb = gs_country_by_gwno(sc, sc->links[l].gwno_b);
        link_conf[l] = -1;
        lg[2 * l] = ca < 0 ? -1
                           : gs_group_of(p, CT_GEN_LAYOUT_ACD,
                                         sc->links[l].cls, (size_t)ca);
        lg[2 * l + 1] = cb < 0 ? -1
                               : gs_group_of(p, CT_GEN_LAYOUT_ACD,
                                             sc->links[l].cls, (size_t)cb);
        if (lg[2 * l] < 0 || lg[2 * l + 1] < 0 || lg[2 * l] == lg[2 * l + 1]) {
            rc = ct_error_set(err, CT_EUSAGE, NULL, 0,
                              "scenario link %zu: its countries must lie in "
                              "two different acd cells of its class", l);
            goto out;
        }
    }
    st.s = s;
    st.p = p;
    st.r = r;
    st.next_id = FIRST_CONFLICT_ID;
    st.next_actor = FIRST_ACTOR_ID;

    for (year = p->opt.from_year; year <= p->opt.to_year; year++) {
        for (i = 0; i < s->n_c; i++)
            s->c[i].active = 0;
        for (g = 0; g < p->n_group; g++) {
            const gs_group *gr = &p->group[g];
            cap[g] = 0;
            if (gr->layout == CT_GEN_LAYOUT_ACD)
                cap[g] = (long)ct_rng_negbin(r, gs_mean(p, gr, year, 0) * scale,
                                             gs_theta(p, gr, year));
        }
        for (l = 0; l < sc->n_links; l++) {
            long a = lg[2 * l], b = lg[2 * l + 1], ci = link_conf[l];
            int prev = ci >= 0 && s->c[ci].last_year == year - 1;
            if (cap[a] < 1 || cap[b] < 1)
                continue;
            if (!prev && !(ct_rng_uniform(r) < sc->links[l].p_start))
                continue;
            if (ci < 0) {
                ci = link_conf[l] = new_conflict(&st, a, (long)l, year);
                if (ci < 0)
                    goto nomem;
            }
            if (activate(&st, &ep, &ep_cap, (size_t)ci, year, !prev) != 0)
                goto nomem;
            cap[a]--;
            cap[b]--;
        }
        for (g = 0; g < p->n_group; g++) {
            long slots = cap[g];
            if (p->group[g].layout != CT_GEN_LAYOUT_ACD || slots <= 0)
                continue;
            if (fill_group(&st, g, slots, year, &scratch, &scratch_cap, &ep,
                           &ep_cap) != 0)
                goto nomem;
        }
    }
    rc = CT_OK;
    goto out;
nomem:
    rc = ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
out:
    if (rc != CT_OK)
        ga_free(s);
    free(ep);
    free(scratch);
    free(cap);
    free(link_conf);
    free(lg);
    ct_rng_free(r);
    return rc;
}

/* ---- writer ------------------------------------------------------------- */
static const char ACD_HEADER[] =
    "\"conflict_id\",\"location\",\"side_a\",\"side_a_id\",\"side_a_2nd\","
    "\"side_b\",\"side_b_id\",\"side_b_2nd\",\"incompatibility\","
    "\"territory_name\",\"year\",\"intensity_level\",\"cumulative_intensity\","
    "\"type_of_conflict\",\"start_date\",\"start_prec\",\"start_date2\","
    "\"start_prec2\",\"ep_end\",\"ep_end_date\",\"ep_end_prec\",\"gwno_a\","
    "\"gwno_a_2nd\",\"gwno_b\",\"gwno_b_2nd\",\"gwno_loc\",\"region\","
    "\"version\"\n";

#define ACD_VERSION "23.1-synthetic"

typedef struct rec_key {
    int id;      /* conflict_id */
    int year;
    size_t rec;  /* index into ga_sim.y */
} rec_key;

static int cmp_key(const void *a, const void *b)
{
    const rec_key *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return (x->year > y->year) - (x->year < y->year);
}

/* Small fixed-size string builder for joined lists. */
typedef struct sbuf {
    char s[256];
    size_t n;
} sbuf;

static void sb_add(sbuf *b, const char *t)
{
    size_t k = strlen(t);
    if (b->n + k >= sizeof b->s)
        k = sizeof b->s - 1 - b->n;
    memcpy(b->s + b->n, t, k);
    b->n += k;
    b->s[b->n] = '\0';
}

static void sb_int(sbuf *b, int v)
{
    char t[16];
    snprintf(t, sizeof t, "%d", v);
    sb_add(b, t);
}

static void q_int(gw_buf *w, long v)
{
    gw_chr(w, '"');
    gw_long(w, v);
    gw_chr(w, '"');
}

static void q_date(gw_buf *w, int packed)
{
    gw_chr(w, '"');
    gw_date(w, packed / 10000, packed / 100 % 100, packed % 100);
    gw_chr(w, '"');
}

/* The columns location, side_a, side_a_id, side_a_2nd, side_b,
 * side_b_id, side_b_2nd of conflict c, each followed by a comma. */
static void write_acd_sides(gw_buf *w, const ct_gen_scenario *sc,
                            const ga_conflict *c)
{
    const ct_gen_country *a = &sc->countries[c->loc[0]];
    sbuf b;
    int k;

    memset(&b, 0, sizeof b);
    for (k = 0; k < c->n_loc; k++) {
        if (k > 0)
            sb_add(&b, ", ");
        sb_add(&b, sc->countries[c->loc[k]].ucdp_name);
    }
    gw_quoted(w, b.s);
    gw_chr(w, ',');
    memset(&b, 0, sizeof b);
    sb_add(&b, "Government of ");
    sb_add(&b, a->ucdp_name);
    gw_quoted(w, b.s);
    gw_chr(w, ',');
    q_int(w, ga_gov_id(c->loc[0]));
    gw_chr(w, ',');
    memset(&b, 0, sizeof b);
    for (k = 0; k < c->n_sup; k++) {
        if (k > 0)
            sb_add(&b, ", ");
        sb_add(&b, "Government of ");
        sb_add(&b, sc->countries[c->sup[k]].ucdp_name);
    }
    gw_quoted(w, c->sup_side_b ? "" : b.s);
    gw_chr(w, ',');
    if (c->type == 2) {
        sbuf bb;
        memset(&bb, 0, sizeof bb);
        sb_add(&bb, "Government of ");
        sb_add(&bb, sc->countries[c->loc[1]].ucdp_name);
        gw_quoted(w, bb.s);
    } else {
        gw_quoted(w, c->side_b);
    }
    gw_chr(w, ',');
    q_int(w, c->side_b_id);
    gw_chr(w, ',');
    gw_quoted(w, c->sup_side_b ? b.s : "");
    gw_chr(w, ',');
}

/* The columns gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd, gwno_loc and
 * region of conflict c, each followed by a comma. */
static void write_acd_gwnos(gw_buf *w, const ct_gen_scenario *sc,
                            const ga_conflict *c)
{
    sbuf b;
    int k;

    q_int(w, sc->countries[c->loc[0]].gwno);
    gw_chr(w, ',');
    memset(&b, 0, sizeof b);
    for (k = 0; k < c->n_sup; k++) {
        if (k > 0)
            sb_add(&b, ", ");
        sb_int(&b, sc->countries[c->sup[k]].gwno);
    }
    gw_quoted(w, c->sup_side_b ? "" : b.s);
    gw_chr(w, ',');
    if (c->type == 2)
        q_int(w, sc->countries[c->loc[1]].gwno);
    else
        gw_quoted(w, "");
    gw_chr(w, ',');
    gw_quoted(w, c->sup_side_b ? b.s : "");
    gw_chr(w, ',');
    memset(&b, 0, sizeof b);
    for (k = 0; k < c->n_loc; k++) {
        if (k > 0)
            sb_add(&b, ", ");
        sb_int(&b, sc->countries[c->loc[k]].gwno);
    }
    gw_quoted(w, b.s);
    gw_chr(w, ',');
    memset(&b, 0, sizeof b);
    for (k = 0; k < c->n_loc; k++) {
        int reg = sc->countries[c->loc[k]].ucdp_region, j, dup = 0;
        for (j = 0; j < k; j++)
            dup |= sc->countries[c->loc[j]].ucdp_region == reg;
        if (dup)
            continue;
        if (b.n > 0)
            sb_add(&b, ", ");
        sb_int(&b, reg);
    }
    gw_quoted(w, b.s);
    gw_chr(w, ',');
}

static void write_acd_row(gw_buf *w, const gs_plan *p, const ga_sim *s,
                          const ga_year *y, int ep_end, int cum)
{
    const ga_conflict *c = &s->c[y->conflict];

    q_int(w, c->id);
    gw_chr(w, ',');
    write_acd_sides(w, p->sc, c);
    q_int(w, c->incompat);
    gw_chr(w, ',');
    gw_quoted(w, c->territory);
    gw_chr(w, ',');
    {
        const long a[] = {y->year, y->intensity, cum, c->type};
        gw_longs(w, a, sizeof a / sizeof a[0], 1);
    }
    q_date(w, c->start_ymd);
    gw_chr(w, ',');
    q_int(w, c->start_prec);
    gw_chr(w, ',');
    q_date(w, y->ep_start_ymd);
    gw_chr(w, ',');
    {
        const long a[] = {y->ep_prec, ep_end};
        gw_longs(w, a, sizeof a / sizeof a[0], 1);
    }
    if (ep_end) {
        int m, d;
        gd_from_doy(y->year, y->end_doy, &m, &d);
        q_date(w, y->year * 10000 + m * 100 + d);
    } else {
        gw_quoted(w, "");
    }
    gw_chr(w, ',');
    gw_quoted(w, ""); /* ep_end_prec: empty throughout v23.1 */
    gw_chr(w, ',');
    write_acd_gwnos(w, p->sc, c);
    gw_quoted(w, ACD_VERSION);
    gw_chr(w, '\n');
}

int ct_gen_write_acd(FILE *out, const ct_gen_options *opt, ct_error *err)
{
    gs_plan p;
    ga_sim s;
    gw_buf w;
    rec_key *keys = NULL;
    size_t i;
    double scale;
    int rc;

    rc = gs_plan_init(&p, opt, err);
    if (rc != CT_OK)
        return rc;
    rc = gs_scale(&p, CT_GEN_LAYOUT_ACD, &scale, err);
    if (rc == CT_OK)
        rc = ga_simulate(&s, &p, scale, err);
    if (rc != CT_OK) {
        gs_plan_free(&p);
        return rc;
    }
    keys = malloc((s.n_y + 1) * sizeof *keys);
    if (keys == NULL) {
        ga_free(&s);
        gs_plan_free(&p);
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    }
    for (i = 0; i < s.n_y; i++) {
        keys[i].id = s.c[s.y[i].conflict].id;
        keys[i].year = s.y[i].year;
        keys[i].rec = i;
    }
    qsort(keys, s.n_y, sizeof *keys, cmp_key);
    rc = gw_open(&w, out, err);
    if (rc == CT_OK) {
        int cum = 0;
        gw_str(&w, ACD_HEADER);
        for (i = 0; i < s.n_y; i++) {
            const ga_year *y = &s.y[keys[i].rec];
            const ga_year *next = i + 1 < s.n_y ? &s.y[keys[i + 1].rec] : NULL;
            int cont = next != NULL && next->conflict == y->conflict &&
                       next->year == y->year + 1;
            int ep_end = !cont && y->year < p.opt.to_year;
            if (i == 0 || s.y[keys[i - 1].rec].conflict != y->conflict)
                cum = 0;
            /* cumulative_intensity: 1 once the conflict has had a year of
             * intensity 2 (our stand-in for 1,000 deaths overall) */
            if (y->intensity == 2)
                cum = 1;
            write_acd_row(&w, &p, &s, y, ep_end, cum);
        }
        rc = gw_close(&w, err);
    }
    free(keys);
    ga_free(&s);
    gs_plan_free(&p);
    return rc;
}
