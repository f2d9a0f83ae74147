/* SPDX-License-Identifier: MIT
 * cmd_series.c - `ctrend series`: zero-filled series from export files.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char USAGE[] =
    "Usage: ctrend series [OPTIONS] [FILE...]\n"
    "Zero-filled series of conflicts, events or deaths from UCDP or ACLED\n"
    "exports. Several FILEs of one dataset add up; records with the same id\n"
    "are counted once (and reported). With no FILE, reads standard input.\n"
    "\n"
    "  --by year|month          period (default year)\n"
    "  --measure M[,M...]       conflicts (distinct conflicts active;\n"
    "                           default), events (rows) or deaths (sum);\n"
    "                           several give one column each, one pass\n"
    "  --estimate best|low|high death estimate (default best)\n"
    "  --group KEY[,KEY...]     keys: class, region, subregion, country,\n"
    "                           event_type\n"
    "  --class LIST             keep these classes: extrasystemic,\n"
    "                           interstate, intrastate, internationalized,\n"
    "                           nonstate, onesided, statebased,\n"
    "                           unclassified, other; 'intra' means\n"
    "                           intrastate,internationalized\n"
    "  --region LIST            UCDP regions: Europe, Middle East, Asia,\n"
    "                           Africa, Americas (or codes 1-5)\n"
    "  --subregion LIST         subregions of the chosen --scheme\n"
    "  --country LIST           country names, ISO3 codes or GW numbers\n"
    "  --from YEAR, --to YEAR   period range (default: the data's)\n"
    "  --scheme acled|un        subregion scheme (default acled)\n"
    "  --format csv|tsv|json    output format (default csv)\n"
    "  --dataset NAME           force the dataset: acd, brd, nonstate,\n"
    "                           onesided, ged, acled, hapi\n"
    "  --skip-bad               skip bad records (and report how many)\n"
    "  --join FILE              UCDP/PRIO ACD or BRD file giving GED\n"
    "                           state-based events their class (by\n"
    "                           conflict id and year); without it they\n"
    "                           are `statebased`\n"
    "  --countries FILE         country table (default: the installed one)\n"
    "  -o, --output FILE        write to FILE (atomically) instead of stdout\n"
    "  --threads N              threads for reading a large file (default:\n"
    "                           the CPUs, at most 8; CTREND_THREADS too)\n"
    "  -q, --quiet              no progress bar\n"
    "  -h, --help               this help\n"
    "\n"
    "Output: period,<keys in the order given>,value; rows sorted by period\n"
    "then keys; every period in range times every group combination that\n"
    "occurs in the selection. A conflict located in several regions counts\n"
    "once in each and once in an ungrouped total.\n"
    "\n"
    "Exit status: 0 success, 1 data or input/output error, 2 usage error.\n";

enum { OPT_BY = 256, OPT_MEASURE, OPT_ESTIMATE, OPT_GROUP, OPT_CLASS,
       OPT_REGION, OPT_SUBREGION, OPT_COUNTRY, OPT_FROM, OPT_TO, OPT_SCHEME,
       OPT_FORMAT, OPT_DATASET, OPT_SKIP_BAD, OPT_COUNTRIES, OPT_JOIN,
       OPT_THREADS };

static const struct option LONG[] = {
    {"by", required_argument, NULL, OPT_BY},
    {"measure", required_argument, NULL, OPT_MEASURE},
    {"estimate", required_argument, NULL, OPT_ESTIMATE},
    {"group", required_argument, NULL, OPT_GROUP},
    {"class", required_argument, NULL, OPT_CLASS},
    {"region", required_argument, NULL, OPT_REGION},
    {"subregion", required_argument, NULL, OPT_SUBREGION},
    {"country", required_argument, NULL, OPT_COUNTRY},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"scheme", required_argument, NULL, OPT_SCHEME},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"dataset", required_argument, NULL, OPT_DATASET},
    {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
    {"countries", required_argument, NULL, OPT_COUNTRIES},
    {"join", required_argument, NULL, OPT_JOIN},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"quiet", no_argument, NULL, 'q'},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

#define MAX_LIST 256

static int write_json(const ct_series *s, const ct_series_options *o,
                      FILE *out)
{
    json_t *root = json_object(), *rows = json_array(), *keys = json_array();
    size_t i, j;
    int rc;
    char period[16];

    for (j = 0; j < s->n_keys; j++)
        json_array_append_new(keys, json_string(ct_key_name(s->keys[j])));
    json_object_set_new(root, "dataset",
                        json_string(ct_dataset_name(s->dataset)));
    json_object_set_new(root, "measure",
                        json_string(ct_measure_name(o->measure)));
    json_object_set_new(root, "by",
                        json_string(s->by_month ? "month" : "year"));
    json_object_set_new(root, "keys", keys);
    for (i = 0; i < s->n; i++) {
        json_t *r = json_object();
        if (s->by_month)
            snprintf(period, sizeof period, "%04d-%02d", s->year[i],
                     s->month[i]);
        else
            snprintf(period, sizeof period, "%04d", s->year[i]);
        json_object_set_new(r, "period", json_string(period));
        for (j = 0; j < s->n_keys; j++)
            json_object_set_new(r, ct_key_name(s->keys[j]),
                                json_string(s->key[i * s->n_keys + j]));
        for (j = 0; j <= s->n_extra; j++) {
            double v = j == 0 ? s->value[i] : s->extra[j - 1][i];
            const char *name = s->n_extra == 0
                                   ? "value"
                                   : ct_measure_name(s->measures[j]);
            if (isnan(v))
                json_object_set_new(r, name, json_null());
            else if (v == floor(v) && fabs(v) < 9e15)
                json_object_set_new(r, name, json_integer((json_int_t)v));
            else
                json_object_set_new(r, name, json_real(v));
        }
        json_array_append_new(rows, r);
    }
    json_object_set_new(root, "rows", rows);
    rc = json_dumpf(root, out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(root);
    return rc;
}

int ct_cmd_series(int argc, char **argv)
{
    ct_series_options so = CT_SERIES_OPTIONS_INIT;
    ct_load_options lo = CT_LOAD_OPTIONS_INIT;
    char *regions[MAX_LIST], *subregions[MAX_LIST], *countries[MAX_LIST];
    char *items[MAX_LIST];
    const char *format = "csv", *outpath = NULL, *geo_path = NULL;
    const char *join_path = NULL;
    ct_typemap *join = NULL;
    ct_series_builder *b = NULL, *tb[64];
    size_t nthreads = 0, t;
    int quiet = 0;
    ct_series *s = NULL;
    ct_output *out = NULL;
    ct_geo *geo = NULL;
    ct_error err;
    int c, n, i, rc = CT_EXIT_DATA, nfiles;
    char *stdin_only[] = {(char *)"-"};
    char **files;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:hq", LONG, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(USAGE, stdout);
            return CT_EXIT_OK;
        case 'o':
            outpath = optarg;
            break;
        case OPT_BY:
            if (strcmp(optarg, "year") == 0)
                so.by_month = 0;
            else if (strcmp(optarg, "month") == 0)
                so.by_month = 1;
            else
                return ct_cli_usage_error("series", "--by must be year or "
                                          "month, not '%s'", optarg);
            break;
        case OPT_MEASURE:
            n = ct_cli_split(optarg, items, 3);
            if (n <= 0)
                return ct_cli_usage_error("series", "--measure takes one to "
                                          "three of conflicts, events, "
                                          "deaths");
            so.n_extra = 0;
            for (i = 0; i < n; i++) {
                ct_measure m;
                int k;
                if (strcmp(items[i], "conflicts") == 0)
                    m = CT_MEASURE_CONFLICTS;
                else if (strcmp(items[i], "events") == 0)
                    m = CT_MEASURE_EVENTS;
                else if (strcmp(items[i], "deaths") == 0)
                    m = CT_MEASURE_DEATHS;
                else
                    return ct_cli_usage_error("series", "--measure must be "
                                              "conflicts, events or deaths, "
                                              "not '%s'", items[i]);
                for (k = 0; k < i; k++)
                    if ((k == 0 ? so.measure : so.extra[k - 1]) == m)
                        return ct_cli_usage_error("series", "measure '%s' "
                                                  "given twice", items[i]);
                if (i == 0)
                    so.measure = m;
                else
                    so.extra[so.n_extra++] = m;
            }
            break;
        case OPT_ESTIMATE:
            if (strcmp(optarg, "best") == 0)
                so.estimate = CT_EST_BEST;
            else if (strcmp(optarg, "low") == 0)
                so.estimate = CT_EST_LOW;
            else if (strcmp(optarg, "high") == 0)
                so.estimate = CT_EST_HIGH;
            else
                return ct_cli_usage_error("series", "--estimate must be "
                                          "best, low or high, not '%s'",
                                          optarg);
            break;
        case OPT_GROUP:
            n = ct_cli_split(optarg, items, CT_SERIES_MAX_KEYS);
            if (n < 0)
                return ct_cli_usage_error("series", "at most %d group keys",
                                          CT_SERIES_MAX_KEYS);
            so.n_keys = 0;
            for (i = 0; i < n; i++) {
                ct_key k = ct_key_parse(items[i]);
                if (k == CT_KEY_COUNT)
                    return ct_cli_usage_error(
                        "series", "unknown group key '%s' (keys: class, "
                        "region, subregion, country, event_type)", items[i]);
                so.keys[so.n_keys++] = k;
            }
            break;
        case OPT_CLASS:
            n = ct_cli_split(optarg, items, MAX_LIST);
            for (i = 0; i < n; i++) {
                ct_class k;
                if (strcmp(items[i], "intra") == 0) {
                    so.class_mask |= 1u << CT_CLASS_INTRASTATE |
                                     1u << CT_CLASS_INTERNATIONALIZED;
                    continue;
                }
                k = ct_class_parse(items[i]);
                if (k == CT_CLASS_COUNT)
                    return ct_cli_usage_error("series", "unknown class '%s'",
                                              items[i]);
                so.class_mask |= 1u << k;
            }
            break;
        case OPT_REGION:
            n = ct_cli_split(optarg, regions, MAX_LIST);
            if (n < 0)
                return ct_cli_usage_error("series", "too many regions");
            so.regions = (const char *const *)regions;
            so.n_regions = (size_t)n;
            break;
        case OPT_SUBREGION:
            n = ct_cli_split(optarg, subregions, MAX_LIST);
            if (n < 0)
                return ct_cli_usage_error("series", "too many subregions");
            so.subregions = (const char *const *)subregions;
            so.n_subregions = (size_t)n;
            break;
        case OPT_COUNTRY:
            n = ct_cli_split(optarg, countries, MAX_LIST);
            if (n < 0)
                return ct_cli_usage_error("series", "too many countries");
            so.countries = (const char *const *)countries;
            so.n_countries = (size_t)n;
            break;
        case OPT_FROM:
            if (ct_cli_year(optarg, &so.from))
                return ct_cli_usage_error("series", "--from needs a year "
                                          "1900-2100, not '%s'", optarg);
            break;
        case OPT_TO:
            if (ct_cli_year(optarg, &so.to))
                return ct_cli_usage_error("series", "--to needs a year "
                                          "1900-2100, not '%s'", optarg);
            break;
        case OPT_SCHEME:
            if (strcmp(optarg, "acled") == 0)
                so.scheme = CT_SCHEME_ACLED;
            else if (strcmp(optarg, "un") == 0)
                so.scheme = CT_SCHEME_UN;
            else
                return ct_cli_usage_error("series", "--scheme must be acled "
                                          "or un, not '%s'", optarg);
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") && strcmp(optarg, "tsv") &&
                strcmp(optarg, "json"))
                return ct_cli_usage_error("series", "--format must be csv, "
                                          "tsv or json, not '%s'", optarg);
            format = optarg;
            break;
        case OPT_DATASET:
            lo.dataset = ct_dataset_parse(optarg);
            if (lo.dataset == CT_DS_AUTO)
                return ct_cli_usage_error("series", "unknown dataset '%s'",
                                          optarg);
            break;
        case OPT_SKIP_BAD:
            lo.skip_bad = 1;
            break;
        case OPT_COUNTRIES:
            geo_path = optarg;
            break;
        case OPT_JOIN:
            join_path = optarg;
            break;
        case OPT_THREADS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (end == optarg || *end || v < 1 || v > 64)
                return ct_cli_usage_error("series", "--threads needs a "
                                          "number 1-64, not '%s'", optarg);
            nthreads = (size_t)v;
            break;
        }
        case 'q':
            quiet = 1;
            break;
        case ':':
            return ct_cli_usage_error("series", "option '%s' needs a value",
                                      argv[optind - 1]);
        default:
            return ct_cli_usage_error("series", "unknown option '%s'",
                                      argv[optind - 1]);
        }
    }
    files = argv + optind;
    nfiles = argc - optind;
    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    if ((geo = ct_cli_load_geo(geo_path)) == NULL)
        return CT_EXIT_DATA;
    so.geo = geo;
    lo.geo = geo;
    so.dedup = nfiles > 1;
    if (join_path != NULL) {
        ct_load_options jo = lo;
        jo.dataset = CT_DS_AUTO;
        if (ct_typemap_load(&join, join_path, &jo, &err) != CT_OK) {
            ct_cli_report(&err);
            ct_geo_free(geo);
            return err.code == CT_EUSAGE ? CT_EXIT_USAGE : CT_EXIT_DATA;
        }
        lo.join = join;
    }
    if (ct_series_builder_alloc(&b, &so, &err) != CT_OK) {
        ct_geo_free(geo);
        if (err.code == CT_EUSAGE)
            return ct_cli_usage_error("series", "%s", err.msg);
        ct_cli_report(&err);
        return CT_EXIT_DATA;
    }
    /* classes cost time on ACLED; derive them only when used */
    lo.no_class = so.class_mask == 0;
    for (i = 0; i < (int)so.n_keys; i++)
        if (so.keys[i] == CT_KEY_CLASS)
            lo.no_class = 0;
    /* one builder per thread, merged after each file; dedup needs one
     * set of ids, so it reads on one thread */
    if (nthreads == 0)
        nthreads = ct_cli_threads();
    if (so.dedup)
        nthreads = 1;
    tb[0] = b;
    for (t = 1; t < nthreads; t++)
        if (ct_series_builder_alloc(&tb[t], &so, &err) != CT_OK) {
            ct_cli_report(&err);
            nthreads = t;
            goto done;
        }
    for (i = 0; i < nfiles; i++) {
        ct_load_info info;
        ct_cli_progress prog;
        int lrc;
        ct_cli_progress_init(&prog, files[i], quiet);
        lo.progress = ct_cli_progress_cb;
        lo.progress_ctx = &prog;
        lrc = ct_load_file_parallel(files[i], &lo, nthreads,
                                    ct_series_builder_add, (void **)tb,
                                    ct_series_builder_reset, &info, &err);
        ct_cli_progress_end(&prog);
        for (t = 1; lrc == CT_OK && t < nthreads; t++) {
            lrc = ct_series_builder_merge(b, tb[t], &err);
            if (lrc == CT_OK)
                lrc = ct_series_builder_reset(tb[t]);
        }
        if (lrc != CT_OK) {
            ct_cli_report(&err);
            goto done;
        }
        if (info.skipped)
            ct_cli_msg("%s: skipped %ld bad record%s (first: %s)",
                       strcmp(files[i], "-") ? files[i] : "<stdin>",
                       info.skipped, info.skipped == 1 ? "" : "s",
                       info.first_skip);
    }
    if (ct_series_builder_finish(b, &s, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (s->duplicates)
        ct_cli_msg("%ld duplicate record%s (same id in several files) "
                   "counted once", s->duplicates,
                   s->duplicates == 1 ? "" : "s");
    if (ct_output_open(&out, outpath, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        if (write_json(s, &so, ct_output_stream(out)) != 0) {
            ct_output_abort(out);
            ct_cli_msg("cannot write JSON output");
            goto done;
        }
    } else if (ct_series_write_delim(s, ct_output_stream(out),
                                     format[0] == 't' ? '\t' : ',',
                                     &err) != CT_OK) {
        ct_output_abort(out);
        ct_cli_report(&err);
        goto done;
    }
    if (ct_output_commit(out, &err) != CT_OK) {
        ct_cli_report(&err);
        goto done;
    }
    rc = CT_EXIT_OK;
done:
    ct_series_free(s);
    for (t = 1; t < nthreads; t++)
        ct_series_builder_free(tb[t]);
    ct_series_builder_free(b);
    ct_typemap_free(join);
    ct_geo_free(geo);
    return rc;
}
