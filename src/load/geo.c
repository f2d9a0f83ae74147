/* SPDX-License-Identifier: MIT
 * geo.c - the country reference table (geo.h), read from
 * datasets/countries.csv with the project's CSV reader; columns are found
 * by header name.
 */
#include "ctrend/geo.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/strtab.h"
#include "load/csv_reader.h"

#define MAX_CODE 1000 /* GW and ISO numeric codes are below this */

struct ct_geo {
    ct_country *c;       /* rows                                 */
    size_t n, cap;
    ct_strtab *strings;  /* storage for names and region strings */
    ct_strtab *names;    /* normalised name/alias -> key id      */
    long *name_row;      /* key id -> row                        */
    size_t name_cap;
    int by_gwno[MAX_CODE];    /* row + 1, 0 when none             */
    int by_iso_num[MAX_CODE]; /* row + 1, 0 when none             */
};

static const char *const REGIONS[5] = {"Europe", "Middle East", "Asia",
                                       "Africa", "Americas"};

const char *ct_geo_region_name(int r)
{
    return r >= 1 && r <= 5 ? REGIONS[r - 1] : NULL;
}

int ct_geo_region_parse(const char *name)
{
    int i;
    while (*name == ' ')
        name++;
    for (i = 0; i < 5; i++)
        if (strcasecmp(name, REGIONS[i]) == 0)
            return i + 1;
    if (strcasecmp(name, "Asia and Oceania") == 0 ||
        strcasecmp(name, "Asia & Oceania") == 0)
        return 3;
    if (strcasecmp(name, "America") == 0)
        return 5;
    return 0;
}

/* Lowercases ASCII, trims spaces, maps the typographic apostrophe to '. */
static size_t normalise(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (*u == ' ' || *u == '\t')
        u++;
    while (*u && n + 1 < cap) {
        if (u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x99) {
            out[n++] = '\'';
            u += 3;
            continue;
        }
        out[n++] = (char)tolower(*u);
        u++;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
    return n;
}

static int add_name(ct_geo *g, const char *name, long row)
{
    char key[256];
    size_t n = normalise(name, key, sizeof key);
    int added;
    long id;
    if (n == 0)
        return 0;
    id = ct_strtab_intern(g->names, key, n, &added);
    if (id < 0)
        return -1;
    if (!added)
        return 0; /* the first row keeps an ambiguous alias */
    if ((size_t)id >= g->name_cap) {
        size_t nc = g->name_cap ? 2 * g->name_cap : 256;
        long *nr = realloc(g->name_row, nc * sizeof *nr);
        if (nr == NULL)
            return -1;
        g->name_row = nr;
        g->name_cap = nc;
    }
    g->name_row[id] = row;
    return 0;
}

static const char *keep(ct_geo *g, const char *s)
{
    long id = ct_strtab_intern(g->strings, s, strlen(s), NULL);
    return id < 0 ? NULL : ct_strtab_get(g->strings, id);
}

static int parse_code(const char *s, int *out)
{
    char *end;
    long v;
    while (*s == ' ')
        s++;
    if (*s == '\0') {
        *out = -1;
        return 0;
    }
    v = strtol(s, &end, 10);
    while (*end == ' ')
        end++;
    if (*end != '\0' || v < 0 || v >= MAX_CODE)
        return -1;
    *out = (int)v;
    return 0;
}

enum { C_GWNO, C_ISO3, C_ISONUM, C_NAME, C_UCDP, C_ACLED, C_UNREG, C_UNSUB,
       C_ALIASES, C_N };
static const char *const COLS[C_N] = {"gwno", "iso3", "iso_num", "name",
    "ucdp_region", "acled_region", "un_region", "un_subregion", "aliases"};

/* The column of each of COLS in the header record (aliases may be
 * missing: -1). */
static int find_columns(const ct_csv_record *rec, int *col, const char *path,
                        ct_error *err)
{
    size_t k;
    int i;
    for (i = 0; i < C_N; i++) {
        col[i] = -1;
        for (k = 0; k < rec->n; k++)
            if (strcmp(rec->field[k], COLS[i]) == 0)
                col[i] = (int)k;
        if (col[i] < 0 && i != C_ALIASES)
            return ct_error_set(err, CT_EPARSE, path, 1,
                                "missing required column '%s'", COLS[i]);
    }
    return CT_OK;
}

/* Adds the names of a ';'-separated alias list for country idx. */
static int add_aliases(ct_geo *g, const char *a, long idx)
{
    char one[256];
    while (*a) {
        size_t len = strcspn(a, ";");
        if (len < sizeof one) {
            memcpy(one, a, len);
            one[len] = '\0';
            if (add_name(g, one, idx) != 0)
                return CT_ENOMEM;
        }
        a += len;
        if (*a == ';')
            a++;
    }
    return CT_OK;
}

/* Reads the fields f of one row (line) into the next country of g. */
static int add_country(ct_geo *g, const char *const *f, long line,
                       const char *path, ct_error *err)
{
    ct_country *c;
    int reg = 0;

    if (g->n == g->cap) {
        size_t nc = g->cap ? 2 * g->cap : 256;
        ct_country *nr = realloc(g->c, nc * sizeof *nr);
        if (nr == NULL)
            return ct_error_set(err, CT_ENOMEM, path, line, "out of memory");
        g->c = nr;
        g->cap = nc;
    }
    c = &g->c[g->n];
    memset(c, 0, sizeof *c);
    if (parse_code(f[C_GWNO], &c->gwno) != 0 ||
        parse_code(f[C_ISONUM], &c->iso_num) != 0)
        return ct_error_set(err, CT_EPARSE, path, line, "bad gwno or iso_num");
    if (f[C_UCDP][0] && (parse_code(f[C_UCDP], &reg) != 0 || reg < 1 ||
                         reg > 5))
        return ct_error_set(err, CT_EPARSE, path, line,
                            "ucdp_region must be 1-5, got '%s'", f[C_UCDP]);
    c->ucdp_region = reg;
    if (strlen(f[C_ISO3]) > 3)
        return ct_error_set(err, CT_EPARSE, path, line,
                            "iso3 '%s' is longer than 3 letters", f[C_ISO3]);
    strcpy(c->iso3, f[C_ISO3]);
    c->name = keep(g, f[C_NAME]);
    c->acled_region = keep(g, f[C_ACLED]);
    c->un_region = keep(g, f[C_UNREG]);
    c->un_subregion = keep(g, f[C_UNSUB]);
    if (!c->name || !c->acled_region || !c->un_region || !c->un_subregion ||
        add_name(g, f[C_NAME], (long)g->n) != 0 ||
        add_aliases(g, f[C_ALIASES], (long)g->n) != CT_OK)
        return ct_error_set(err, CT_ENOMEM, path, line, "out of memory");
    c->acled_start = ct_geo_acled_coverage_start(c->acled_region);
    if (c->iso3[0])
        add_name(g, c->iso3, (long)g->n);
    if (c->gwno >= 0 && g->by_gwno[c->gwno] == 0)
        g->by_gwno[c->gwno] = (int)g->n + 1;
    if (c->iso_num >= 0 && g->by_iso_num[c->iso_num] == 0)
        g->by_iso_num[c->iso_num] = (int)g->n + 1;
    g->n++;
    return CT_OK;
}

int ct_geo_load(ct_geo **out, const char *path, ct_error *err)
{
    ct_csv *csv = NULL;
    ct_csv_record rec;
    ct_geo *g;
    int col[C_N], rc, i;

    *out = NULL;
    g = calloc(1, sizeof *g);
    if (g == NULL || (g->strings = ct_strtab_alloc()) == NULL ||
        (g->names = ct_strtab_alloc()) == NULL) {
        ct_geo_free(g);
        return ct_error_set(err, CT_ENOMEM, path, 0, "out of memory");
    }
    rc = ct_csv_open(&csv, path, NULL, err);
    if (rc != CT_OK)
        goto fail;
    rc = ct_csv_next(csv, &rec, err);
    if (rc <= 0) {
        if (rc == 0)
            rc = ct_error_set(err, CT_EPARSE, path, 1, "empty country table");
        goto fail;
    }
    if ((rc = find_columns(&rec, col, path, err)) != CT_OK)
        goto fail;
    while ((rc = ct_csv_next(csv, &rec, err)) == 1) {
        const char *f[C_N];
        for (i = 0; i < C_N; i++)
            f[i] = (col[i] >= 0 && (size_t)col[i] < rec.n) ? rec.field[col[i]]
                                                           : "";
        if ((rc = add_country(g, f, rec.line, path, err)) != CT_OK)
            goto fail;
    }
    if (rc < 0)
        goto fail;
    ct_csv_close(csv);
    *out = g;
    return CT_OK;
fail:
    ct_csv_close(csv);
    ct_geo_free(g);
    return rc < 0 ? rc : CT_EPARSE;
}

void ct_geo_free(ct_geo *g)
{
    if (g == NULL)
        return;
    ct_strtab_free(g->strings);
    ct_strtab_free(g->names);
    free(g->name_row);
    free(g->c);
    free(g);
}

size_t ct_geo_count(const ct_geo *g) { return g->n; }
const ct_country *ct_geo_at(const ct_geo *g, size_t i)
{
    return i < g->n ? &g->c[i] : NULL;
}

const ct_country *ct_geo_by_gwno(const ct_geo *g, int gwno)
{
    return (gwno >= 0 && gwno < MAX_CODE && g->by_gwno[gwno])
               ? &g->c[g->by_gwno[gwno] - 1]
               : NULL;
}

const ct_country *ct_geo_by_iso_num(const ct_geo *g, int iso)
{
    return (iso >= 0 && iso < MAX_CODE && g->by_iso_num[iso])
               ? &g->c[g->by_iso_num[iso] - 1]
               : NULL;
}

const ct_country *ct_geo_by_iso3(const ct_geo *g, const char *iso3)
{
    const ct_country *c;
    size_t i;
    if (iso3 == NULL || strlen(iso3) != 3)
        return NULL;
    /* every ISO3 code is also a key of the name index (called per ACLED
     * row); scan only if an earlier row holds the code as an alias */
    c = ct_geo_by_name(g, iso3);
    if (c != NULL && strcasecmp(c->iso3, iso3) == 0)
        return c;
    for (i = 0; i < g->n; i++)
        if (strcasecmp(g->c[i].iso3, iso3) == 0)
            return &g->c[i];
    return NULL;
}

const ct_country *ct_geo_by_name(const ct_geo *g, const char *name)
{
    char key[256];
    size_t n = normalise(name, key, sizeof key);
    long id;
    if (n == 0)
        return NULL;
    id = ct_strtab_find(g->names, key, n);
    return id < 0 ? NULL : &g->c[g->name_row[id]];
}

const char *ct_geo_country_subregion(const ct_country *c, ct_scheme s)
{
    const char *r = s == CT_SCHEME_UN ? c->un_subregion : c->acled_region;
    return r ? r : "";
}

int ct_geo_acled_coverage_start(const char *r)
{
    static const struct {
        const char *region;
        int start;
    } C[] = {
        {"Western Africa", 1997}, {"Middle Africa", 1997},
        {"Eastern Africa", 1997}, {"Southern Africa", 1997},
        {"Northern Africa", 1997}, {"South Asia", 2010},
        {"Southern Asia", 2010}, {"Southeast Asia", 2010},
        {"South-Eastern Asia", 2010}, {"Middle East", 2015},
        {"Caucasus and Central Asia", 2017}, {"East Asia", 2018},
        {"Europe", 2018}, {"North America", 2018},
        {"Central America", 2018}, {"South America", 2018},
        {"Caribbean", 2018}, {"Oceania", 2021}, {"Antarctica", 2021},
    };
    size_t i;
    for (i = 0; i < sizeof C / sizeof C[0]; i++)
        if (strcasecmp(r, C[i].region) == 0)
            return C[i].start;
    return 0;
}
