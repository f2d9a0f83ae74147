/* SPDX-License-Identifier: MIT
 * fit_spec.c - the options of a fit by name (ct_fit_spec_set), which
 * model uses which, and the checks of a whole spec: the vocabulary the CLI
 * and any other front end share (moved from cmd_fit.c's option parsing,
 * messages unchanged).
 */
#include "fit/fit_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int parse_size(const char *s, size_t *out, size_t min)
{
    char *end;
    unsigned long long v;
    if (*s == '-' || *s == '\0')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v < min || v > (unsigned long long)SIZE_MAX)
        return -1;
    *out = (size_t)v;
    return 0;
}

#define BAD(...) ct_error_set(err, CT_EUSAGE, NULL, 0, __VA_ARGS__)

static int set_periods(ct_fit_spec *spec, const char *v, ct_error *err)
{
    char buf[128], *comma;
    int k;
    if (strlen(v) >= sizeof buf)
        return BAD("--periods: too long: '%s'", v);
    strcpy(buf, v);
    comma = strchr(buf, ',');
    if (comma == NULL || strchr(comma + 1, ','))
        return BAD("--periods: expected two periods A,B (e.g. "
                   "1989-1993,2015-2022), got '%s'", v);
    *comma = '\0';
    for (k = 0; k < 2; k++) {
        const char *s = k ? comma + 1 : buf;
        if (ct_fit_span_parse(s, &spec->periods[k][0],
                              &spec->periods[k][1]) != 0 ||
            strlen(s) >= sizeof spec->periods_text[k])
            return BAD("--periods: cannot read period '%s' (YYYY, "
                       "YYYY-YYYY or FROM:TO)", s);
        strcpy(spec->periods_text[k], s);
    }
    return CT_OK;
}

static int set_range(ct_fit_spec *spec, int k, const char *v, ct_error *err)
{
    if (ct_fit_span_parse(v, &spec->range[k][0], &spec->range[k][1]) != 0 ||
        strlen(v) >= sizeof spec->range_text[k])
        return BAD(k ? "--end-range: expected FROM:TO (e.g. 2015:2022), "
                       "got '%s'"
                     : "--start-range: expected FROM:TO (e.g. 1989:2000), "
                       "got '%s'",
                   v);
    strcpy(spec->range_text[k], v);
    return CT_OK;
}

/* one of two words: *out = 0 for a, 1 for b; -1 for neither */
static int word2(const char *v, const char *a, const char *b, int *out)
{
    if (strcmp(v, a) == 0)
        *out = 0;
    else if (strcmp(v, b) == 0)
        *out = 1;
    else
        return -1;
    return 0;
}

int ct_fit_spec_set(ct_fit_spec *spec, const char *name, const char *v,
                    ct_error *err)
{
    int w;
    size_t z;

    if (strcmp(name, "model") == 0)
        return ct_fit_model_parse(v, &spec->model, err);
    if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
        if (ct_fit_period_parse(v, name[0] == 'f' ? &spec->from
                                                  : &spec->to) != 0)
            return BAD("--%s: expected YYYY or YYYY-MM, got '%s'", name, v);
        return CT_OK;
    }
    if (strcmp(name, "level") == 0) {
        char *end;
        double level;
        errno = 0;
        level = strtod(v, &end);
        /* a refused value leaves spec as it was */
        if (errno || *end || !(level > 0 && level < 1))
            return BAD("--level: expected a number between 0 and 1, got "
                       "'%s'", v);
        spec->level = level;
        return CT_OK;
    }
    if (strcmp(name, "hac-lag") == 0) {
        if (parse_size(v, &z, 0) != 0 || z > 100000)
            return BAD("--hac-lag: expected a lag >= 0, got '%s'", v);
        spec->hac_lag = (int)z;
        return CT_OK;
    }
    if (strcmp(name, "correction") == 0) {
        if (word2(v, "none", "hamed-rao", &w) != 0)
            return BAD("--correction: expected none or hamed-rao, got '%s'",
                       v);
        spec->correction = w ? CT_MK_HAMED_RAO : CT_MK_NONE;
        return CT_OK;
    }
    if (strcmp(name, "family") == 0) {
        if (word2(v, "gaussian", "poisson", &w) != 0)
            return BAD("--family: expected gaussian or poisson, got '%s'", v);
        spec->family = w ? CT_SEG_POISSON : CT_SEG_GAUSSIAN;
        return CT_OK;
    }
    if (strcmp(name, "breaks") == 0) {
        if (strcmp(v, "1") != 0 && strcmp(v, "2") != 0)
            return BAD("--breaks: expected 1 or 2, got '%s'", v);
        spec->breaks = v[0] - '0';
        return CT_OK;
    }
    if (strcmp(name, "periods") == 0)
        return set_periods(spec, v, err);
    if (strcmp(name, "statistic") == 0) {
        ct_error e;
        if (ct_stats_statistic_parse(v, &spec->statistic, &e) != CT_OK)
            return BAD("--statistic: %s", e.msg);
        return CT_OK;
    }
    if (strcmp(name, "seed") == 0) {
        char *end;
        unsigned long long s;
        errno = 0;
        s = strtoull(v, &end, 10);
        if (errno || *end || v[0] == '-' || v[0] == '\0')
            return BAD("--seed: expected a non-negative integer, got '%s'",
                       v);
        spec->seed = (uint64_t)s;
        return CT_OK;
    }
    if (strcmp(name, "replicates") == 0) {
        if (parse_size(v, &spec->replicates, 10) != 0 ||
            spec->replicates > 10000000)
            return BAD("--replicates: expected 10 to 10000000, got '%s'", v);
        return CT_OK;
    }
    if (strcmp(name, "block") == 0) {
        if (parse_size(v, &spec->block, 1) != 0)
            return BAD("--block: expected a length >= 1, got '%s'", v);
        return CT_OK;
    }
    if (strcmp(name, "start-range") == 0 || strcmp(name, "end-range") == 0)
        return set_range(spec, name[0] == 'e', v, err);
    if (strcmp(name, "min-n") == 0) {
        if (parse_size(v, &spec->min_n, 3) != 0)
            return BAD("--min-n: expected a number >= 3, got '%s'", v);
        return CT_OK;
    }
    if (strcmp(name, "nb-inference") == 0) {
        if (word2(v, "wald", "small-sample", &w) != 0)
            return BAD("--nb-inference: expected small-sample or wald, got "
                       "'%s'", v);
        spec->nb_small_sample = w;
        return CT_OK;
    }
    if (strcmp(name, "partial") == 0) {
        if (word2(v, "exclude", "include", &w) != 0)
            return BAD("--partial: expected exclude or include, got '%s'",
                       v);
        spec->partial_include = w;
        return CT_OK;
    }
    return BAD("unknown fit option '%s'", name);
}

/* which models use which option (the others apply to every model) */
static const struct {
    const char *name;
    unsigned models; /* bit per ct_fit_model */
} USES[] = {
    { "hac-lag", 1u << CT_FIT_OLS | 1u << CT_FIT_SCAN },
    { "correction", 1u << CT_FIT_MK | 1u << CT_FIT_SEN },
    { "family", 1u << CT_FIT_SEGMENTED },
    { "breaks", 1u << CT_FIT_SEGMENTED },
    { "periods", 1u << CT_FIT_COMPARE },
    { "statistic", 1u << CT_FIT_BOOTSTRAP | 1u << CT_FIT_SCAN },
    { "seed", 1u << CT_FIT_BOOTSTRAP },
    { "replicates", 1u << CT_FIT_BOOTSTRAP },
    { "block", 1u << CT_FIT_BOOTSTRAP },
    { "start-range", 1u << CT_FIT_SCAN },
    { "end-range", 1u << CT_FIT_SCAN },
    { "min-n", 1u << CT_FIT_SCAN },
    { "nb-inference", 1u << CT_FIT_NEGBIN },
};

int ct_fit_option_applies(const char *name, ct_fit_model m)
{
    size_t k;
    for (k = 0; k < sizeof USES / sizeof USES[0]; k++)
        if (strcmp(name, USES[k].name) == 0)
            return (USES[k].models & (1u << m)) != 0;
    return 1;
}

static int given(const char *name, const char *const *names, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

int ct_fit_spec_check(const ct_fit_spec *spec, const char *const *names,
                      size_t n_names, ct_error *err)
{
    size_t k;
    const char *st;
    if (spec->model == CT_FIT_COMPARE && !spec->periods[0][0].given)
        return BAD("compare needs --periods A,B (e.g. %s)",
                   "1989-1993,2015-2022");
    if (spec->model == CT_FIT_SCAN &&
        (!spec->range[0][0].given || !spec->range[1][0].given))
        return BAD("scan needs --start-range and --end-range (e.g. %s)",
                   "--start-range 1989:2000 --end-range 2015:2022");
    for (k = 0; k < sizeof USES / sizeof USES[0]; k++)
        if (given(USES[k].name, names, n_names) &&
            !(USES[k].models & (1u << spec->model)))
            return BAD("--%s does not apply to --model %s", USES[k].name,
                       ct_fit_model_name(spec->model));
    st = ct_stats_statistic_name(spec->statistic);
    if (spec->model == CT_FIT_BOOTSTRAP && spec->statistic != CT_STAT_OLS &&
        spec->statistic != CT_STAT_SEN &&
        spec->statistic != CT_STAT_POISSON &&
        spec->statistic != CT_STAT_NEGBIN)
        return BAD("bootstrap resamples a slope: --statistic ols, sen, "
                   "poisson or negbin, not '%s'", st ? st : "?");
    return CT_OK;
}
