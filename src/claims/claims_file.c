/* SPDX-License-Identifier: MIT
 * claims_file.c - reads a claims file (JSON through Jansson) into
 * ct_claims. Strings stay owned by the parsed document, which the
 * ct_claims keeps until ct_claims_free.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ctrend/claims.h"

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static int bad(ct_error *err, const char *path, const char *id,
               const char *what)
{
    return ct_error_set(err, CT_EUSAGE, path, 0, "claim %s: %s",
                        id ? id : "?", what);
}

static const char *str_or(json_t *o, const char *key, const char *dflt)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : dflt;
}

static int int_or(json_t *o, const char *key, int dflt)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int)json_integer_value(v) : dflt;
}

/* Parses a class set: names of ct_class, or "intra". */
static int class_set(json_t *arr, unsigned *mask)
{
    size_t i;
    json_t *v;
    *mask = 0;
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return -1;
    json_array_foreach(arr, i, v) {
        const char *s = json_string_value(v);
        ct_class c;
        if (s == NULL)
            return -1;
        if (strcmp(s, "intra") == 0) {
            *mask |= 1u << CT_CLASS_INTRASTATE | 1u << CT_CLASS_INTERNATIONALIZED;
            continue;
        }
        if ((c = ct_obs_class_parse(s)) == CT_CLASS_COUNT)
            return -1;
        *mask |= 1u << c;
    }
    return 0;
}

static int names(json_t *arr, const char **out, size_t *n)
{
    size_t i;
    json_t *v;
    *n = 0;
    if (arr == NULL)
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) > CT_CLAIM_MAX_LIST)
        return -1;
    json_array_foreach(arr, i, v) {
        if (!json_is_string(v))
            return -1;
        out[(*n)++] = json_string_value(v);
    }
    return 0;
}

/* The claim's windows: 'since' (trend start years), 'recent' (last k
 * years) and 'periods' (the two periods of a compare claim). */
static int read_windows(ct_claim *c, json_t *o, const char *path,
                        ct_error *err)
{
    json_t *v, *w;
    size_t i;

    c->min_years = 10;
    if ((v = json_object_get(o, "since")) != NULL) {
        c->from_primary = int_or(v, "from_primary", 0);
        c->from_min = int_or(v, "from_min", c->from_primary);
        c->from_max = int_or(v, "from_max", c->from_primary);
        c->min_years = int_or(v, "min_years", 10);
        if (c->from_primary < 1900 || c->from_min > c->from_primary ||
            c->from_max < c->from_primary || c->min_years < 4)
            return bad(err, path, c->id, "'since' needs from_min <= from_primary <= from_max and min_years >= 4");
    }
    if ((v = json_object_get(o, "recent")) != NULL) {
        json_t *ys = json_object_get(v, "years");
        if (!json_is_array(ys) || json_array_size(ys) == 0 ||
            json_array_size(ys) > CT_CLAIM_MAX_LIST)
            return bad(err, path, c->id, "'recent.years' must list window lengths");
        json_array_foreach(ys, i, w) {
            if (!json_is_integer(w) || json_integer_value(w) < 4)
                return bad(err, path, c->id, "'recent.years' must be integers >= 4");
            c->recent[i] = (int)json_integer_value(w);
        }
        c->n_recent = json_array_size(ys);
        c->recent_primary = int_or(v, "primary", c->recent[0]);
    }
    if ((v = json_object_get(o, "periods")) != NULL) {
        json_t *a = json_object_get(v, "a"), *b = json_object_get(v, "b");
        if (json_array_size(a) != 2 || json_array_size(b) != 2)
            return bad(err, path, c->id, "'periods' needs a: [from, to] and b: [from, to]");
        for (i = 0; i < 2; i++) {
            c->period_a[i] = (int)json_integer_value(json_array_get(a, i));
            c->period_b[i] = (int)json_integer_value(json_array_get(b, i));
        }
        if (c->period_a[0] > c->period_a[1] || c->period_b[0] > c->period_b[1] ||
            c->period_a[1] - c->period_a[0] < 1 || c->period_b[1] - c->period_b[0] < 1)
            return bad(err, path, c->id, "each period needs at least 2 years, from <= to");
    }
    return CT_OK;
}

/* The claim's groups: key, schemes, named groups and reference groups. */
static int read_groups(ct_claim *c, json_t *o, const char *path,
                       ct_error *err)
{
    const char *s;
    json_t *v;
    size_t i;

    c->n_schemes = 1;
    c->schemes[0] = CT_SCHEME_ACLED;
    if ((v = json_object_get(o, "groups")) != NULL) {
        json_t *sch = json_object_get(v, "schemes"), *nm = json_object_get(v, "named");
        s = str_or(v, "key", "subregion");
        c->group_key = strcmp(s, "region") == 0 ? CT_KEY_REGION : CT_KEY_SUBREGION;
        if (json_is_array(sch) && json_array_size(sch) > 0) {
            c->n_schemes = json_array_size(sch) > 2 ? 2 : json_array_size(sch);
            for (i = 0; i < c->n_schemes; i++) {
                const char *x = json_string_value(json_array_get(sch, i));
                if (x && strcmp(x, "un") == 0) c->schemes[i] = CT_SCHEME_UN;
                else if (x && strcmp(x, "acled") == 0) c->schemes[i] = CT_SCHEME_ACLED;
                else return bad(err, path, c->id, "'groups.schemes' must be acled or un");
            }
        }
        for (i = 0; i < c->n_schemes; i++) {
            const char *key = c->schemes[i] == CT_SCHEME_UN ? "un" : "acled";
            if (names(json_object_get(nm, key), c->named[i], &c->n_named[i]) != 0 ||
                c->n_named[i] == 0)
                return bad(err, path, c->id, "'groups.named' needs a list of names per scheme");
        }
        if (names(json_object_get(v, "reference"), c->reference, &c->n_reference) != 0)
            return bad(err, path, c->id, "'groups.reference' must be a list of names");
    }
    return CT_OK;
}

static int read_claim(ct_claim *c, json_t *o, const char *path,
                      ct_error *err)
{
    const char *s;
    json_t *v, *w;
    size_t i;
    int rc;

    memset(c, 0, sizeof *c);
    c->id = str_or(o, "id", NULL);
    if (c->id == NULL)
        return bad(err, path, NULL, "missing string field 'id'");
    c->quote = str_or(o, "quote", "");
    c->paraphrase = str_or(o, "paraphrase", c->quote);
    c->attribution = str_or(o, "attribution", "");
    c->source_note = str_or(o, "source_note", "");
    c->source_to = int_or(o, "source_to", 0);
    s = str_or(o, "kind", "");
    if (strcmp(s, "trend") == 0) c->kind = CT_CLAIM_TREND;
    else if (strcmp(s, "compare") == 0) c->kind = CT_CLAIM_COMPARE;
    else if (strcmp(s, "only") == 0) c->kind = CT_CLAIM_ONLY;
    else if (strcmp(s, "also") == 0) c->kind = CT_CLAIM_ALSO;
    else return bad(err, path, c->id, "'kind' must be trend, compare, only or also");
    s = str_or(o, "direction", "");
    if (strcmp(s, "increase") == 0 || strcmp(s, "more") == 0) c->direction = 1;
    else if (strcmp(s, "decrease") == 0 || strcmp(s, "fewer") == 0) c->direction = -1;
    else return bad(err, path, c->id, "'direction' must be increase, decrease, more or fewer");

    v = json_object_get(o, "measures");
    if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > 3)
        return bad(err, path, c->id, "'measures' must list 1 to 3 of conflicts, events, deaths");
    json_array_foreach(v, i, w) {
        const char *m = json_string_value(w);
        if (m && strcmp(m, "conflicts") == 0) c->measures[i] = CT_MEASURE_CONFLICTS;
        else if (m && strcmp(m, "events") == 0) c->measures[i] = CT_MEASURE_EVENTS;
        else if (m && strcmp(m, "deaths") == 0) c->measures[i] = CT_MEASURE_DEATHS;
        else return bad(err, path, c->id, "unknown measure in 'measures'");
    }
    c->n_measures = json_array_size(v);

    v = json_object_get(o, "classes");
    if (!json_is_array(v) || json_array_size(v) == 0 ||
        json_array_size(v) > CT_CLAIM_MAX_LIST)
        return bad(err, path, c->id, "'classes' must be a list of class lists");
    json_array_foreach(v, i, w)
        if (class_set(w, &c->class_sets[i]) != 0)
            return bad(err, path, c->id, "unknown class in 'classes'");
    c->n_class_sets = json_array_size(v);

    s = str_or(o, "region", NULL);
    if (s != NULL && (c->region = ct_geo_region_parse(s)) == 0)
        return bad(err, path, c->id, "unknown 'region'");

    if ((rc = read_windows(c, o, path, err)) != CT_OK ||
        (rc = read_groups(c, o, path, err)) != CT_OK)
        return rc;
    switch (c->kind) {
    case CT_CLAIM_TREND:
        if (c->from_primary == 0 && c->n_recent == 0)
            return bad(err, path, c->id, "a trend claim needs 'since' or 'recent'");
        break;
    case CT_CLAIM_COMPARE:
        if (c->period_a[0] == 0)
            return bad(err, path, c->id, "a compare claim needs 'periods'");
        break;
    case CT_CLAIM_ONLY:
    case CT_CLAIM_ALSO:
        if (c->n_named[0] == 0)
            return bad(err, path, c->id, "an only/also claim needs 'groups'");
        if (c->from_primary == 0 && c->n_recent == 0)
            return bad(err, path, c->id, "an only/also claim needs 'since' or 'recent'");
        break;
    }
    return CT_OK;
}

int ct_claims_load(ct_claims **out, const char *path, ct_error *err)
{
    json_error_t je;
    json_t *doc, *arr, *v;
    ct_claims *c;
    size_t i;
    int rc;

    *out = NULL;
    doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (doc == NULL) {
        if (je.line <= 0 || strstr(je.text, "unable to open") != NULL)
            return ct_error_set(err, CT_EIO, path, 0, "%s", je.text);
        return ct_error_set(err, CT_EPARSE, path, je.line, "%s", je.text);
    }
    if (!json_is_object(doc) ||
        strcmp(str_or(doc, "format", ""), "ctrend-claims") != 0) {
        json_decref(doc);
        return ct_error_set(err, CT_EUSAGE, path, 0,
                            "not a claims file (needs \"format\": \"ctrend-claims\")");
    }
    if (int_or(doc, "version", 0) != CT_CLAIMS_FILE_VERSION) {
        json_decref(doc);
        return ct_error_set(err, CT_EUSAGE, path, 0,
                            "claims file version %d is not supported (this ctrend reads %d)",
                            int_or(doc, "version", 0), CT_CLAIMS_FILE_VERSION);
    }
    arr = json_object_get(doc, "claims");
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > 64) {
        json_decref(doc);
        return ct_error_set(err, CT_EUSAGE, path, 0,
                            "'claims' must be a list of 1 to 64 claims");
    }
    if ((c = calloc(1, sizeof *c)) == NULL ||
        (c->claim = calloc(json_array_size(arr), sizeof *c->claim)) == NULL ||
        (c->path = dup_str(path)) == NULL) {
        if (c) free(c->claim);
        free(c);
        json_decref(doc);
        return ct_error_set(err, CT_ENOMEM, path, 0, "out of memory");
    }
    c->json = doc;
    c->title = (char *)str_or(doc, "title", "");
    c->citation = (char *)str_or(doc, "citation", "");
    json_array_foreach(arr, i, v) {
        size_t j;
        if (!json_is_object(v)) {
            rc = ct_error_set(err, CT_EUSAGE, path, 0, "claim %zu is not an object", i + 1);
            ct_claims_free(c);
            return rc;
        }
        if ((rc = read_claim(&c->claim[i], v, path, err)) != CT_OK) {
            ct_claims_free(c);
            return rc;
        }
        for (j = 0; j < i; j++)
            if (strcmp(c->claim[j].id, c->claim[i].id) == 0) {
                rc = bad(err, path, c->claim[i].id, "duplicate id");
                ct_claims_free(c);
                return rc;
            }
        c->n++;
    }
    *out = c;
    return CT_OK;
}

void ct_claims_free(ct_claims *c)
{
    if (c == NULL)
        return;
    json_decref((json_t *)c->json);
    free(c->path);
    free(c->claim);
    free(c);
}

const char *ct_claims_verdict_name(ct_verdict v)
{
    static const char *const n[] = {"supported", "contradicted",
                                    "not supported", "mixed", "not testable"};
    return (unsigned)v < 5 ? n[v] : "?";
}

const char *ct_claims_kind_name(ct_claim_kind k)
{
    static const char *const n[] = {"trend", "compare", "only", "also"};
    return (unsigned)k < 4 ? n[k] : "?";
}

int ct_claims_set_display(ct_claims *c, const char *name, ct_error *err)
{
    char *p = dup_str(name);
    if (p == NULL)
        return ct_error_set(err, CT_ENOMEM, NULL, 0, "out of memory");
    free(c->path);
    c->path = p;
    return CT_OK;
}
