/* SPDX-License-Identifier: MIT
 * test_gen.c - the synthetic export generator (gen.h): determinism, the
 * real layouts' headers, quoting, agreement of recovered means with the
 * truth table, GED joining to ACD, and the committed default files.
 * The files are parsed here with a small independent RFC 4180 reader and
 * classified with FORMATS.md's rules, so the checks do not rely on the
 * generator's own bookkeeping.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/gen.h"
#include "runner.h"

/* ---- helpers ------------------------------------------------------------ */

/* Writes layout for opt into memory; returns a NUL-terminated buffer. */
static char *gen_mem(ct_gen_layout layout, const ct_gen_options *opt,
                     size_t *len)
{
    FILE *f = tmpfile();
    ct_error err;
    char *buf = NULL;
    long n;

    *len = 0;
    if (f == NULL)
        return NULL;
    if (ct_gen_write(f, layout, opt, &err) != CT_OK) {
        fprintf(stderr, "generate: %s\n", err.msg);
        fclose(f);
        return NULL;
    }
    n = ftell(f);
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
            *len = (size_t)n;
        }
    }
    fclose(f);
    return buf;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    *len = 0;
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL) {
        fclose(f);
        return NULL;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    *len = (size_t)n;
    fclose(f);
    return buf;
}

/* First line of a file (header only), without BOM and line end. */
static int first_line(const char *path, char *out, size_t n)
{
    FILE *f = fopen(path, "rb");
    char *s;
    size_t k;

    if (f == NULL)
        return -1;
    s = fgets(out, (int)n, f);
    fclose(f);
    if (s == NULL)
        return -1;
    if ((unsigned char)out[0] == 0xEF && (unsigned char)out[1] == 0xBB &&
        (unsigned char)out[2] == 0xBF)
        memmove(out, out + 3, strlen(out + 3) + 1);
    k = strcspn(out, "\r\n");
    out[k] = '\0';
    return 0;
}

/* A minimal RFC 4180 record reader over a buffer. */
#define TF_MAX 64
typedef struct trec {
    char *buf;          /* unescaped fields, NUL-separated */
    size_t cap;
    int n;              /* fields                          */
    char *f[TF_MAX];
    int quoted[TF_MAX]; /* field was inside quotes         */
} trec;

/* Reads one record at *pp; 1 when read, 0 at the end, -1 when malformed. */
static int trec_next(const char **pp, const char *end, trec *r)
{
    const char *p = *pp;
    size_t len = 0;

    if (p >= end)
        return 0;
    if (r->cap < (size_t)(end - p) + TF_MAX) {
        size_t cap = (size_t)(end - p) + TF_MAX;
        char *b = realloc(r->buf, cap);
        if (b == NULL)
            return -1;
        r->buf = b;
        r->cap = cap;
    }
    r->n = 0;
    for (;;) {
        if (r->n == TF_MAX)
            return -1;
        r->f[r->n] = r->buf + len;
        r->quoted[r->n] = 0;
        if (p < end && *p == '"') {
            r->quoted[r->n] = 1;
            p++;
            for (;;) {
                if (p >= end)
                    return -1;
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') {
                        r->buf[len++] = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                r->buf[len++] = *p++;
            }
        } else {
            while (p < end && *p != ',' && *p != '\n' && *p != '\r') {
                if (*p == '"')
                    return -1;
                r->buf[len++] = *p++;
            }
        }
        r->buf[len++] = '\0';
        r->n++;
        if (p < end && *p == ',') {
            p++;
            continue;
        }
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++;
        else if (p < end)
            return -1;
        break;
    }
    *pp = p;
    return 1;
}

static int col(const trec *h, const char *name)
{
    int i;
    for (i = 0; i < h->n; i++)
        if (strcmp(h->f[i], name) == 0)
            return i;
    return -1;
}

static const char ACD_HEADER[] =
    "\"conflict_id\",\"location\",\"side_a\",\"side_a_id\",\"side_a_2nd\","
    "\"side_b\",\"side_b_id\",\"side_b_2nd\",\"incompatibility\","
    "\"territory_name\",\"year\",\"intensity_level\",\"cumulative_intensity\","
    "\"type_of_conflict\",\"start_date\",\"start_prec\",\"start_date2\","
    "\"start_prec2\",\"ep_end\",\"ep_end_date\",\"ep_end_prec\",\"gwno_a\","
    "\"gwno_a_2nd\",\"gwno_b\",\"gwno_b_2nd\",\"gwno_loc\",\"region\","
    "\"version\"";
/* FORMATS.md, "current (2023-)" */
static const char ACLED_HEADER[] =
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
    "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,"
    "fatalities,tags,timestamp";
/* native GED CSV: the HDX copies add iso3 after country */
static const char GED_HEADER[] =
    "id,relid,year,active_year,code_status,type_of_violence,"
    "conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,"
    "dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,"
    "source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,"
    "geom_wkt,priogrid_gid,country,country_id,region,event_clarity,"
    "date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
    "deaths_unknown,best,high,low,gwnoa,gwnob";
static const char TRUTH_HEADER[] =
    "layout,region,subregion,class,period,from_year,to_year,log_a,slope,"
    "theta,model";

static int starts_with_line(const char *buf, const char *line)
{
    size_t n = strlen(line);
    return strncmp(buf, line, n) == 0 && buf[n] == '\n';
}

/* The scenario country of a GW number or an ACLED country name. */
static const ct_gen_country *country_gwno(int gwno)
{
    const ct_gen_scenario *sc = ct_gen_default_scenario();
    size_t i;
    for (i = 0; i < sc->n_countries; i++)
        if (sc->countries[i].gwno == gwno)
            return &sc->countries[i];
    return NULL;
}

static const ct_gen_country *country_acled(const char *name, size_t n)
{
    const ct_gen_scenario *sc = ct_gen_default_scenario();
    size_t i;
    for (i = 0; i < sc->n_countries; i++)
        if (strlen(sc->countries[i].acled_name) == n &&
            strncmp(sc->countries[i].acled_name, name, n) == 0)
            return &sc->countries[i];
    return NULL;
}

static const char *const REGION[] = {"", "Europe", "Middle East", "Asia",
                                     "Africa", "Americas"};

/* NB2 size of the piece of a cell key in force in year (0: Poisson). */
static double theta_of(ct_gen_layout layout, const char *region,
                       const char *subregion, ct_gen_class cls, int year)
{
    const ct_gen_scenario *sc = ct_gen_default_scenario();
    const ct_gen_cell *best = NULL, *first = NULL;
    size_t i;
    for (i = 0; i < sc->n_cells; i++) {
        const ct_gen_cell *c = &sc->cells[i];
        if (c->layout != layout || c->cls != cls ||
            strcmp(c->region, region) != 0 ||
            (c->subregion == NULL) != (subregion == NULL) ||
            (subregion && strcmp(subregion, c->subregion) != 0))
            continue;
        if (first == NULL || c->from_year < first->from_year)
            first = c;
        if (c->from_year <= year &&
            (best == NULL || c->from_year > best->from_year))
            best = c;
    }
    if (best == NULL)
        best = first;
    return best ? best->theta : 0;
}

/* ---- tests -------------------------------------------------------------- */

static void test_gen_names(void)
{
    CU_ASSERT_EQUAL(ct_gen_layout_parse("acd"), CT_GEN_LAYOUT_ACD);
    CU_ASSERT_EQUAL(ct_gen_layout_parse("acled"), CT_GEN_LAYOUT_ACLED);
    CU_ASSERT_EQUAL(ct_gen_layout_parse("ged"), CT_GEN_LAYOUT_GED);
    CU_ASSERT_EQUAL(ct_gen_layout_parse("truth"), CT_GEN_LAYOUT_TRUTH);
    CU_ASSERT_EQUAL(ct_gen_layout_parse("ACD"), 0);
    CU_ASSERT_EQUAL(ct_gen_layout_parse(NULL), 0);
    CU_ASSERT_STRING_EQUAL(ct_gen_layout_name(CT_GEN_LAYOUT_GED), "ged");
    CU_ASSERT_PTR_NULL(ct_gen_layout_name((ct_gen_layout)9));
    CU_ASSERT_STRING_EQUAL(ct_gen_class_name(CT_GEN_CLASS_INTERNATIONALIZED),
                           "internationalized");
    CU_ASSERT_STRING_EQUAL(ct_gen_class_name(CT_GEN_CLASS_NONE), "none");
    CU_ASSERT_PTR_NULL(ct_gen_class_name(CT_GEN_CLASS_COUNT));
}

static void test_gen_determinism(void)
{
    static const ct_gen_layout L[] = {CT_GEN_LAYOUT_ACD, CT_GEN_LAYOUT_ACLED,
                                      CT_GEN_LAYOUT_GED};
    size_t i;

    for (i = 0; i < sizeof L / sizeof L[0]; i++) {
        ct_gen_options o = CT_GEN_OPTIONS_INIT;
        size_t n1, n2, n3;
        char *a, *b, *c;
        o.seed = 7;
        a = gen_mem(L[i], &o, &n1);
        b = gen_mem(L[i], &o, &n2);
        o.seed = 8;
        c = gen_mem(L[i], &o, &n3);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        CU_ASSERT_EQUAL(n1, n2);
        CU_ASSERT(n1 == n2 && memcmp(a, b, n1) == 0);
        CU_ASSERT(n1 != n3 || memcmp(a, c, n1) != 0);
        free(a);
        free(b);
        free(c);
    }
}

static void test_gen_headers(void)
{
    ct_gen_options o = CT_GEN_OPTIONS_INIT;
    const char *shared = ct_test_shared_dir();
    char line[4096];
    size_t n;
    char *s;

    o.from_year = 2018;
    o.to_year = 2019;
    s = gen_mem(CT_GEN_LAYOUT_ACD, &o, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(starts_with_line(s, ACD_HEADER));
    free(s);
    s = gen_mem(CT_GEN_LAYOUT_ACLED, &o, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(starts_with_line(s, ACLED_HEADER));
    free(s);
    s = gen_mem(CT_GEN_LAYOUT_GED, &o, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(starts_with_line(s, GED_HEADER));
    free(s);
    s = gen_mem(CT_GEN_LAYOUT_TRUTH, &o, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(starts_with_line(s, TRUTH_HEADER));
    free(s);

    /* the real files' header lines (only the headers are read) */
    if (shared == NULL)
        return;
    if (first_line(ct_test_path(shared, "ucdp/UcdpPrioConflict_v23_1.csv"),
                   line, sizeof line) == 0)
        CU_ASSERT_STRING_EQUAL(line, ACD_HEADER);
    if (first_line(ct_test_path(shared, "acled/acled_somalia_2025-04_to_"
                                        "2026-03_current-format.csv"),
                   line, sizeof line) == 0)
        CU_ASSERT_STRING_EQUAL(line, ACLED_HEADER);
    if (first_line(ct_test_path(shared, "ucdp/ged_hdx/conflict_data_phl.csv"),
                   line, sizeof line) == 0) {
        char *iso3 = strstr(line, ",iso3,");
        CU_ASSERT_PTR_NOT_NULL_FATAL(iso3);
        memmove(iso3, iso3 + 5, strlen(iso3 + 5) + 1); /* drop ",iso3" */
        CU_ASSERT_STRING_EQUAL(line, GED_HEADER);
    }
}

static void test_gen_acd_quoting(void)
{
    ct_gen_options o = CT_GEN_OPTIONS_INIT;
    trec r = {0};
    size_t n;
    char *s = gen_mem(CT_GEN_LAYOUT_ACD, &o, &n);
    const char *p, *end;
    int rc, i, rows = 0, multi = 0, two_regions = 0, types[5] = {0};
    int c_type, c_loc, c_reg, c_sd, c_ver;

    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    p = s;
    end = s + n;
    CU_ASSERT_EQUAL_FATAL(trec_next(&p, end, &r), 1);
    CU_ASSERT_EQUAL(r.n, 28);
    c_type = col(&r, "type_of_conflict");
    c_loc = col(&r, "gwno_loc");
    c_reg = col(&r, "region");
    c_sd = col(&r, "start_date");
    c_ver = col(&r, "version");
    while ((rc = trec_next(&p, end, &r)) == 1) {
        int t;
        rows++;
        CU_ASSERT_EQUAL(r.n, 28);
        for (i = 0; i < r.n; i++)
            if (!r.quoted[i]) {
                CU_FAIL("acd field not quoted");
                break;
            }
        t = atoi(r.f[c_type]);
        CU_ASSERT(t >= 1 && t <= 4);
        if (t >= 1 && t <= 4)
            types[t]++;
        multi += strchr(r.f[c_loc], ',') != NULL;
        two_regions += strchr(r.f[c_reg], ',') != NULL;
        CU_ASSERT(strlen(r.f[c_sd]) == 10 && r.f[c_sd][4] == '-' &&
                  r.f[c_sd][7] == '-');
        CU_ASSERT_STRING_EQUAL(r.f[c_ver], "23.1-synthetic");
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT(rows > 500);
    CU_ASSERT(types[2] > 0 && types[3] > 0 && types[4] > 0);
    CU_ASSERT(multi > 0);       /* "750, 770" and the like */
    CU_ASSERT(two_regions > 0); /* "3, 1" */
    free(r.buf);
    free(s);
}

/* ---- ACLED: classes by FORMATS.md's rule -------------------------------- */

/* Country of a state-forces actor name ("Military Forces of X (2014-)
 * Unit"), or NULL. */
static const ct_gen_country *state_of(const char *actor)
{
    static const char *const PRE[] = {"Military Forces of ",
                                      "Police Forces of "};
    size_t i;
    for (i = 0; i < 2; i++) {
        size_t k = strlen(PRE[i]);
        if (strncmp(actor, PRE[i], k) == 0) {
            const char *q = actor + k, *par = strchr(q, '(');
            if (par == NULL || par == q)
                return NULL;
            return country_acled(q, (size_t)(par - 1 - q));
        }
    }
    return NULL;
}

static int is_state_type(const char *inter)
{
    return strcmp(inter, "State forces") == 0 ||
           strcmp(inter, "External/Other forces") == 0;
}

static ct_gen_class acled_class(const trec *r, const int *c)
{
    const char *et = r->f[c[0]];
    const ct_gen_country *home, *s1, *s2, *sa1, *sa2;

    if (strcmp(et, "Violence against civilians") == 0)
        return CT_GEN_CLASS_ONESIDED;
    if (strcmp(et, "Battles") != 0 &&
        strcmp(et, "Explosions/Remote violence") != 0)
        return CT_GEN_CLASS_NONE;
    home = country_acled(r->f[c[7]], strlen(r->f[c[7]]));
    s1 = is_state_type(r->f[c[3]]) ? state_of(r->f[c[1]]) : NULL;
    s2 = is_state_type(r->f[c[6]]) ? state_of(r->f[c[4]]) : NULL;
    sa1 = state_of(r->f[c[2]]);
    sa2 = state_of(r->f[c[5]]);
    if (s1 && s2 && s1 != s2)
        return CT_GEN_CLASS_INTERSTATE;
    if ((s1 && s1 != home) || (s2 && s2 != home) || (sa1 && sa1 != home) ||
        (sa2 && sa2 != home))
        return CT_GEN_CLASS_INTERNATIONALIZED;
    if (s1 || s2)
        return CT_GEN_CLASS_INTRASTATE;
    return CT_GEN_CLASS_NONSTATE;
}

static void test_gen_acled_quoting(void)
{
    ct_gen_options o = CT_GEN_OPTIONS_INIT;
    const ct_gen_scenario *sc = ct_gen_default_scenario();
    trec r = {0};
    size_t n, k;
    char *s;
    const char *p, *end;
    int rc, i, rows = 0, breaks = 0, dq = 0, c_notes, c_date, c_year,
               c_region, c_iso, c_country;

    o.rows = 20000;
    s = gen_mem(CT_GEN_LAYOUT_ACLED, &o, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    p = s;
    end = s + n;
    CU_ASSERT_EQUAL_FATAL(trec_next(&p, end, &r), 1);
    CU_ASSERT_EQUAL(r.n, 31);
    c_notes = col(&r, "notes");
    c_date = col(&r, "event_date");
    c_year = col(&r, "year");
    c_region = col(&r, "region");
    c_iso = col(&r, "iso");
    c_country = col(&r, "country");
    while ((rc = trec_next(&p, end, &r)) == 1) {
        const ct_gen_country *cty;
        size_t len;
        int y;
        rows++;
        CU_ASSERT_EQUAL_FATAL(r.n, 31);
        for (i = 0; i < r.n; i++) {
            int needs = r.f[i][strcspn(r.f[i], ",\"\r\n")] != '\0';
            if (needs != r.quoted[i]) {
                CU_FAIL("acled field quoted without need, or not quoted");
                break;
            }
        }
        len = strlen(r.f[c_notes]);
        CU_ASSERT(len >= 80 && len <= 400);
        breaks += strchr(r.f[c_notes], '\n') != NULL;
        dq += strchr(r.f[c_notes], '"') != NULL;
        y = atoi(r.f[c_year]);
        CU_ASSERT(strlen(r.f[c_date]) == 10 && atoi(r.f[c_date]) == y &&
                  r.f[c_date][4] == '-' && r.f[c_date][7] == '-');
        cty = country_acled(r.f[c_country], strlen(r.f[c_country]));
        CU_ASSERT_PTR_NOT_NULL_FATAL(cty);
        CU_ASSERT_EQUAL(atoi(r.f[c_iso]), cty->iso_num);
        CU_ASSERT_STRING_EQUAL(r.f[c_region], cty->acled_region);
        /* ACLED coverage: nothing before the region's first year */
        for (k = 0; k < sc->n_coverage; k++)
            if (strcmp(sc->coverage[k].acled_region, r.f[c_region]) == 0)
                CU_ASSERT(y >= sc->coverage[k].first_year);
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT(rows > 18000 && rows < 22000);
    CU_ASSERT(dq > rows / 10);
    /* 0.3% of notes hold a line break: 60 expected, sd about 8 */
    CU_ASSERT(breaks >= 25 && breaks <= 110);
    free(r.buf);
    free(s);
}

/* Accumulates observed counts over seeds for cell-years and compares the
 * mean with the truth: each |z| < 5 and the mean of z^2 near 1. */
typedef struct acc {
    double obs;  /* sum over seeds */
    double mu;   /* expected per seed */
    double var;  /* variance per seed */
} acc;

static void check_acc(const acc *a, size_t n, int seeds, const char *what)
{
    double z2 = 0, zmax = 0;
    size_t i, used = 0;
    for (i = 0; i < n; i++) {
        double z;
        if (a[i].mu <= 0) {
            CU_ASSERT_EQUAL(a[i].obs, 0);
            continue;
        }
        z = (a[i].obs / seeds - a[i].mu) / sqrt(a[i].var / seeds);
        z2 += z * z;
        if (fabs(z) > zmax)
            zmax = fabs(z);
        used++;
    }
    CU_ASSERT(used > 0);
    if (used == 0)
        return;
    z2 /= (double)used;
    /* With hundreds of cell-years, max |z| of 5 (and a z^2 mean of 0.6 to
     * 1.5) would be exceeded by chance with probability well under 1e-3. */
    if (getenv("CT_TEST_VERBOSE") || !(zmax < 5 && z2 > 0.6 && z2 < 1.5))
        fprintf(stderr, "%s: max |z| %.2f, mean z^2 %.3f over %zu\n", what,
                zmax, z2, used);
    CU_ASSERT(zmax < 5);
    CU_ASSERT(z2 > 0.6 && z2 < 1.5);
}

/* ACD cells of the default scenario: (region, subregion) x class. */
static const char *const ACD_AREA[][2] = {
    {"Europe", NULL},         {"Middle East", NULL},
    {"Asia", "South Asia"},   {"Asia", "Southeast Asia"},
    {"Asia", "East Asia"},    {"Asia", "Caucasus and Central Asia"},
    {"Africa", NULL},         {"Americas", NULL}};
#define N_AREA 8
#define N_YEARS 35 /* 1989-2023 */

static int area_of(const ct_gen_country *c)
{
    int a;
    for (a = 0; a < N_AREA; a++)
        if (strcmp(REGION[c->ucdp_region], ACD_AREA[a][0]) == 0 &&
            (ACD_AREA[a][1] == NULL ||
             strcmp(ACD_AREA[a][1], c->acled_region) == 0))
            return a;
    return -1;
}

static void test_gen_acd_means(void)
{
    enum { SEEDS = 200 };
    static acc a[N_AREA][3][N_YEARS];
    trec r = {0};
    int seed, ar, k, y;

    memset(a, 0, sizeof a);
    for (seed = 1; seed <= SEEDS; seed++) {
        ct_gen_options o = CT_GEN_OPTIONS_INIT;
        size_t n;
        char *s;
        const char *p, *end;
        int c_type, c_loc, c_year;

        o.seed = (uint64_t)seed * 7919u;
        s = gen_mem(CT_GEN_LAYOUT_ACD, &o, &n);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        p = s;
        end = s + n;
        trec_next(&p, end, &r);
        c_type = col(&r, "type_of_conflict");
        c_loc = col(&r, "gwno_loc");
        c_year = col(&r, "year");
        while (trec_next(&p, end, &r) == 1) {
            int t = atoi(r.f[c_type]), yi = atoi(r.f[c_year]) - 1989;
            int seen[N_AREA] = {0};
            const char *q = r.f[c_loc];
            /* a conflict-year counts once in every cell gwno_loc touches */
            while (*q) {
                const ct_gen_country *c = country_gwno(atoi(q));
                CU_ASSERT_PTR_NOT_NULL_FATAL(c);
                ar = area_of(c);
                CU_ASSERT_FATAL(ar >= 0 && t >= 2 && t <= 4 && yi >= 0 &&
                                yi < N_YEARS);
                if (!seen[ar]++)
                    a[ar][t - 2][yi].obs += 1;
                q += strcspn(q, ",");
                q += strspn(q, ", ");
            }
        }
        free(s);
    }
    for (ar = 0; ar < N_AREA; ar++)
        for (k = 0; k < 3; k++)
            for (y = 0; y < N_YEARS; y++) {
                static const ct_gen_class CLS[3] = {
                    CT_GEN_CLASS_INTERSTATE, CT_GEN_CLASS_INTRASTATE,
                    CT_GEN_CLASS_INTERNATIONALIZED};
                double mu, th;
                CU_ASSERT_EQUAL(ct_gen_expected(NULL, CT_GEN_LAYOUT_ACD,
                                                ACD_AREA[ar][0],
                                                ACD_AREA[ar][1], CLS[k],
                                                1989 + y, 0, &mu, NULL),
                                CT_OK);
                th = theta_of(CT_GEN_LAYOUT_ACD, ACD_AREA[ar][0],
                              ACD_AREA[ar][1], CLS[k], 1989 + y);
                a[ar][k][y].mu = mu;
                a[ar][k][y].var = mu + (th > 0 ? mu * mu / th : 0);
            }
    check_acc(&a[0][0][0], N_AREA * 3 * N_YEARS, SEEDS, "acd");
    free(r.buf);
}

/* ACLED regions of the default scenario. */
static const char *const ACLED_REGION[] = {
    "Western Africa", "Middle Africa",   "Eastern Africa",
    "Northern Africa", "Southern Africa", "South Asia",
    "Southeast Asia", "East Asia",       "Caucasus and Central Asia",
    "Middle East",    "Europe",          "South America",
    "Central America", "Caribbean",      "North America"};
#define N_AREG 15

static void test_gen_acled_means(void)
{
    enum { SEEDS = 12, Y0 = 1997, NY = 27 };
    static acc a[N_AREG][CT_GEN_CLASS_COUNT][NY];
    trec r = {0};
    int seed, g, k, y;

    memset(a, 0, sizeof a);
    for (seed = 1; seed <= SEEDS; seed++) {
        ct_gen_options o = CT_GEN_OPTIONS_INIT;
        size_t n;
        char *s;
        const char *p, *end;
        int c[8], c_region, c_year;

        o.seed = (uint64_t)seed;
        o.rows = 40000;
        s = gen_mem(CT_GEN_LAYOUT_ACLED, &o, &n);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        p = s;
        end = s + n;
        trec_next(&p, end, &r);
        c[0] = col(&r, "event_type");
        c[1] = col(&r, "actor1");
        c[2] = col(&r, "assoc_actor_1");
        c[3] = col(&r, "inter1");
        c[4] = col(&r, "actor2");
        c[5] = col(&r, "assoc_actor_2");
        c[6] = col(&r, "inter2");
        c[7] = col(&r, "country");
        c_region = col(&r, "region");
        c_year = col(&r, "year");
        while (trec_next(&p, end, &r) == 1) {
            int yi = atoi(r.f[c_year]) - Y0;
            for (g = 0; g < N_AREG; g++)
                if (strcmp(ACLED_REGION[g], r.f[c_region]) == 0)
                    break;
            CU_ASSERT_FATAL(g < N_AREG && yi >= 0 && yi < NY);
            a[g][acled_class(&r, c)][yi].obs += 1;
        }
        free(s);
    }
    for (g = 0; g < N_AREG; g++)
        for (k = CT_GEN_CLASS_INTERSTATE; k < CT_GEN_CLASS_COUNT; k++)
            for (y = 0; y < NY; y++) {
                ct_gen_options o = CT_GEN_OPTIONS_INIT;
                double th = theta_of(CT_GEN_LAYOUT_ACLED, ACLED_REGION[g],
                                     NULL, (ct_gen_class)k, Y0 + y);
                double mu = 0, var;
                o.rows = 40000;
                CU_ASSERT_EQUAL(ct_gen_expected(&o, CT_GEN_LAYOUT_ACLED,
                                                ACLED_REGION[g], NULL,
                                                (ct_gen_class)k, Y0 + y, 0,
                                                &mu, NULL),
                                CT_OK);
                /* a year sums 12 independent NB2 months of nearly equal
                 * means m: variance sum(m + m^2/theta), which is
                 * mu + mu^2/(12 theta) to within 2% of the second term for
                 * slopes up to 0.4 a year */
                var = mu + (th > 0 ? mu * mu / (12 * th) : 0);
                a[g][k][y].mu = mu;
                a[g][k][y].var = var;
            }
    check_acc(&a[0][0][0], N_AREG * CT_GEN_CLASS_COUNT * NY, SEEDS,
              "acled");
    free(r.buf);
}

static void test_gen_ged_join(void)
{
    ct_gen_options o = CT_GEN_OPTIONS_INIT;
    trec r = {0};
    size_t na, ng, n_ids = 0, cap = 0, i;
    char *acd, *ged;
    const char *p, *end;
    long *ids = NULL; /* conflict_id * 10000 + year of every ACD row */
    int rows = 0, joined = 0, state = 0, c_id, c_year, c_type, c_cid,
        c_date, c_region, c_country;
    double expect;

    o.seed = 11;
    acd = gen_mem(CT_GEN_LAYOUT_ACD, &o, &na);
    ged = gen_mem(CT_GEN_LAYOUT_GED, &o, &ng);
    CU_ASSERT_PTR_NOT_NULL_FATAL(acd);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ged);
    p = acd;
    end = acd + na;
    trec_next(&p, end, &r);
    c_id = col(&r, "conflict_id");
    c_year = col(&r, "year");
    while (trec_next(&p, end, &r) == 1) {
        if (n_ids == cap) {
            long *t;
            cap = cap ? 2 * cap : 1024;
            t = realloc(ids, cap * sizeof *ids);
            CU_ASSERT_PTR_NOT_NULL_FATAL(t);
            ids = t;
        }
        ids[n_ids++] = atol(r.f[c_id]) * 10000 + atol(r.f[c_year]);
    }
    p = ged;
    end = ged + ng;
    trec_next(&p, end, &r);
    CU_ASSERT_EQUAL(r.n, 49);
    c_type = col(&r, "type_of_violence");
    c_cid = col(&r, "conflict_new_id");
    c_year = col(&r, "year");
    c_date = col(&r, "date_start");
    c_region = col(&r, "region");
    c_country = col(&r, "country_id");
    while (trec_next(&p, end, &r) == 1) {
        const ct_gen_country *c = country_gwno(atoi(r.f[c_country]));
        rows++;
        CU_ASSERT_EQUAL_FATAL(r.n, 49);
        CU_ASSERT(strlen(r.f[c_date]) == 23 &&
                  strcmp(r.f[c_date] + 10, " 00:00:00.000") == 0);
        CU_ASSERT_PTR_NOT_NULL_FATAL(c);
        CU_ASSERT_STRING_EQUAL(r.f[c_region], REGION[c->ucdp_region]);
        if (atoi(r.f[c_type]) == 1) {
            long key = atol(r.f[c_cid]) * 10000 + atol(r.f[c_year]);
            state++;
            for (i = 0; i < n_ids; i++)
                if (ids[i] == key) {
                    joined++;
                    break;
                }
        }
    }
    CU_ASSERT(state > 0);
    CU_ASSERT_EQUAL(joined, state); /* every state-based event joins */
    /* 20000 rows expected by default; NB noise is a few percent */
    CU_ASSERT(rows > 17000 && rows < 23000);
    CU_ASSERT_EQUAL(ct_gen_expected(&o, CT_GEN_LAYOUT_GED, "Africa", NULL,
                                    CT_GEN_CLASS_INTRASTATE, 2000, 0, &expect,
                                    NULL),
                    CT_OK);
    CU_ASSERT(expect > 0);
    free(ids);
    free(r.buf);
    free(acd);
    free(ged);
}

/* Truth rows reproduce ct_gen_expected, and --rows scales the total. */
static void test_gen_truth(void)
{
    ct_gen_options o = CT_GEN_OPTIONS_INIT;
    trec r = {0};
    size_t n;
    char *s;
    const char *p, *end;
    double total = 0, e;
    int rows = 0, y, m;

    o.rows = 123456;
    s = gen_mem(CT_GEN_LAYOUT_TRUTH, &o, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    p = s;
    end = s + n;
    trec_next(&p, end, &r);
    CU_ASSERT_EQUAL(r.n, 11);
    while (trec_next(&p, end, &r) == 1) {
        ct_gen_layout L = ct_gen_layout_parse(r.f[0]);
        ct_gen_class k = CT_GEN_CLASS_COUNT;
        int from = atoi(r.f[5]), to = atoi(r.f[6]), i;
        double la = atof(r.f[7]), sl = atof(r.f[8]);
        const char *sub = r.f[2][0] ? r.f[2] : NULL;
        for (i = 0; i < CT_GEN_CLASS_COUNT; i++)
            if (strcmp(ct_gen_class_name((ct_gen_class)i), r.f[3]) == 0)
                k = (ct_gen_class)i;
        CU_ASSERT_FATAL(L != 0 && k != CT_GEN_CLASS_COUNT && from <= to);
        rows++;
        for (y = from; y <= to; y++) {
            int months = L == CT_GEN_LAYOUT_ACLED ? 12 : 1;
            for (m = 1; m <= months; m++) {
                double t = (y - from) + (months == 12 ? (m - 1) / 12.0 : 0);
                double want = exp(la + sl * t);
                if (L == CT_GEN_LAYOUT_ACLED)
                    total += want;
                /* spot checks: first, middle and last year; first and
                 * last month */
                if ((y != from && y != to && y != (from + to) / 2) ||
                    (m != 1 && m != 12))
                    continue;
                CU_ASSERT_EQUAL(ct_gen_expected(&o, L, r.f[1], sub, k, y,
                                                months == 12 ? m : 0, &e,
                                                NULL),
                                CT_OK);
                /* truth prints 9 decimals of log_a: relative 1e-8 */
                CU_ASSERT_DOUBLE_EQUAL(e / want, 1.0, 1e-7);
            }
        }
    }
    CU_ASSERT(rows > 100);
    CU_ASSERT_DOUBLE_EQUAL(total / 123456.0, 1.0, 1e-6);
    free(r.buf);
    free(s);
}

static void test_gen_bad_options(void)
{
    ct_gen_options o = CT_GEN_OPTIONS_INIT;
    ct_error err;
    double scale;
    FILE *f = tmpfile();

    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    o.from_year = 2000;
    o.to_year = 1999;
    CU_ASSERT_EQUAL(ct_gen_write_acd(f, &o, &err), CT_EUSAGE);
    o.from_year = 1989;
    o.to_year = 1995;
    o.rows = 1000; /* ACLED covers nothing before 1997 */
    CU_ASSERT_EQUAL(ct_gen_write_acled(f, &o, &err), CT_EDOMAIN);
    o.rows = 0;
    CU_ASSERT_EQUAL(ct_gen_write_acled(f, &o, &err), CT_OK);
    CU_ASSERT_EQUAL(ct_gen_scale(&o, CT_GEN_LAYOUT_ACD, &scale, &err), CT_OK);
    CU_ASSERT_DOUBLE_EQUAL(scale, 1.0, 0);
    CU_ASSERT_EQUAL(ct_gen_expected(&o, CT_GEN_LAYOUT_ACD, "Asia", NULL,
                                    CT_GEN_CLASS_INTRASTATE, 1990, 3, &scale,
                                    &err),
                    CT_EUSAGE);
    fclose(f);
}

/* The committed defaults equal what `ctrend generate` writes now. */
static void test_gen_committed(void)
{
    static const struct {
        ct_gen_layout layout;
        const char *file;
    } F[] = {{CT_GEN_LAYOUT_ACD, "datasets/synthetic/acd_synthetic.csv"},
             {CT_GEN_LAYOUT_ACLED, "datasets/synthetic/acled_synthetic.csv"},
             {CT_GEN_LAYOUT_TRUTH, "datasets/synthetic/truth.csv"}};
    size_t i;

    for (i = 0; i < sizeof F / sizeof F[0]; i++) {
        size_t n1, n2;
        char *want = gen_mem(F[i].layout, NULL, &n1);
        char *have =
            read_file(ct_test_path(ct_test_source_dir(), F[i].file), &n2);
        CU_ASSERT_PTR_NOT_NULL(want);
        if (have == NULL)
            fprintf(stderr, "missing %s\n", F[i].file);
        CU_ASSERT_PTR_NOT_NULL(have);
        if (want && have) {
            if (n1 != n2 || memcmp(want, have, n1) != 0)
                fprintf(stderr, "%s differs from the generator's output; "
                                "regenerate it (datasets/synthetic/README.md)\n",
                        F[i].file);
            CU_ASSERT(n1 == n2 && memcmp(want, have, n1) == 0);
        }
        free(want);
        free(have);
    }
}

int ct_test_register(void)
{
    CU_pSuite s = CU_add_suite("gen", NULL, NULL);
    if (s == NULL)
        return -1;
    if (!CU_add_test(s, "names", test_gen_names) ||
        !CU_add_test(s, "determinism", test_gen_determinism) ||
        !CU_add_test(s, "headers", test_gen_headers) ||
        !CU_add_test(s, "acd_quoting", test_gen_acd_quoting) ||
        !CU_add_test(s, "acled_quoting", test_gen_acled_quoting) ||
        !CU_add_test(s, "acd_means", test_gen_acd_means) ||
        !CU_add_test(s, "acled_means", test_gen_acled_means) ||
        !CU_add_test(s, "ged_join", test_gen_ged_join) ||
        !CU_add_test(s, "truth", test_gen_truth) ||
        !CU_add_test(s, "bad_options", test_gen_bad_options) ||
        !CU_add_test(s, "committed", test_gen_committed))
        return -1;
    return 0;
}
