/* SPDX-License-Identifier: MIT
 * truth.c - the truth table: one row per trend piece actually in force in
 * the years written, with log_a re-anchored at the row's from_year (January
 * for ACLED) and scaled like the data files of the same options, so that
 *   E[count in a period] = exp(log_a + slope * (year - from_year
 *                                               + (month - 1) / 12)).
 */
#include "gen_private.h"

#include <math.h>
#include <string.h>

static const char TRUTH_HEADER[] =
    "layout,region,subregion,class,period,from_year,to_year,log_a,slope,"
    "theta,model\n";

static void truth_row(gw_buf *w, const char *layout, const gs_group *g,
                      int from, int to, double log_a, double slope,
                      double theta, const char *model)
{
    gw_str(w, layout);
    gw_chr(w, ',');
    gw_field(w, g->region);
    gw_chr(w, ',');
    gw_field(w, g->subregion ? g->subregion : "");
    gw_chr(w, ',');
    gw_str(w, ct_gen_class_name(g->cls));
    gw_chr(w, ',');
    gw_str(w, g->layout == CT_GEN_LAYOUT_ACLED ? "month" : "year");
    gw_chr(w, ',');
    gw_long(w, from);
    gw_chr(w, ',');
    gw_long(w, to);
    gw_chr(w, ',');
    gw_trim(w, log_a, 9);
    gw_chr(w, ',');
    gw_trim(w, slope, 9);
    gw_chr(w, ',');
    gw_trim(w, theta, 6);
    gw_chr(w, ',');
    gw_str(w, model);
    gw_chr(w, '\n');
}

/* Writes the pieces of group g in force within [lo, hi]. add is added to
 * every log_a (the log of the scale); model NULL means nb2 or poisson by
 * theta. */
static void truth_group(gw_buf *w, const gs_plan *p, const char *layout,
                        const gs_group *g, int lo, int hi, double add,
                        const char *model)
{
    size_t k;

    for (k = 0; k < g->n_piece; k++) {
        const ct_gen_cell *c = &p->sc->cells[g->piece[k]];
        int start = k == 0 ? lo : c->from_year;
        int end = k + 1 == g->n_piece
                      ? hi
                      : p->sc->cells[g->piece[k + 1]].from_year - 1;
        if (start < lo)
            start = lo;
        if (end > hi)
            end = hi;
        if (start > end)
            continue;
        truth_row(w, layout, g, start, end,
                  c->log_a + c->slope * (double)(start - c->from_year) + add,
                  c->slope, c->theta,
                  model ? model : c->theta > 0 ? "nb2" : "poisson");
    }
}

int ct_gen_write_truth(FILE *out, const ct_gen_options *opt, ct_error *err)
{
    gs_plan p;
    gw_buf w;
    double s_acd, s_acled, s_ged, acd0;
    size_t g;
    int rc;

    rc = gs_plan_init(&p, opt, err);
    if (rc != CT_OK)
        return rc;
    if ((rc = gs_scale(&p, CT_GEN_LAYOUT_ACD, &s_acd, err)) != CT_OK ||
        (rc = gs_scale(&p, CT_GEN_LAYOUT_ACLED, &s_acled, err)) != CT_OK ||
        (rc = gs_scale(&p, CT_GEN_LAYOUT_GED, &s_ged, err)) != CT_OK ||
        (rc = gw_open(&w, out, err)) != CT_OK) {
        gs_plan_free(&p);
        return rc;
    }
    acd0 = gs_acd_default_scale(&p);
    gw_str(&w, TRUTH_HEADER);
    for (g = 0; g < p.n_group; g++)
        if (p.group[g].layout == CT_GEN_LAYOUT_ACD)
            truth_group(&w, &p, "acd", &p.group[g], p.opt.from_year,
                        p.opt.to_year, log(s_acd), NULL);
    for (g = 0; g < p.n_group; g++) {
        const gs_group *gr = &p.group[g];
        int lo = p.opt.from_year > gr->coverage ? p.opt.from_year
                                                : gr->coverage;
        if (gr->layout == CT_GEN_LAYOUT_ACLED)
            truth_group(&w, &p, "acled", gr, lo, p.opt.to_year,
                        log(s_acled), NULL);
    }
    for (g = 0; g < p.n_group; g++) {
        const gs_group *gr = &p.group[g];
        if (gr->layout == CT_GEN_LAYOUT_ACD &&
            p.sc->ged_events_per_conflict[gr->cls] > 0)
            truth_group(&w, &p, "ged", gr, p.opt.from_year, p.opt.to_year,
                        log(s_ged * acd0 *
                            p.sc->ged_events_per_conflict[gr->cls]),
                        "compound");
    }
    for (g = 0; g < p.n_group; g++)
        if (p.group[g].layout == CT_GEN_LAYOUT_GED)
            truth_group(&w, &p, "ged", &p.group[g], p.opt.from_year,
                        p.opt.to_year, log(s_ged), NULL);
    rc = gw_close(&w, err);
    gs_plan_free(&p);
    return rc;
}

int ct_gen_write(FILE *out, ct_gen_layout layout, const ct_gen_options *opt,
                 ct_error *err)
{
    switch (layout) {
    case CT_GEN_LAYOUT_ACD:
        return ct_gen_write_acd(out, opt, err);
    case CT_GEN_LAYOUT_ACLED:
        return ct_gen_write_acled(out, opt, err);
    case CT_GEN_LAYOUT_GED:
        return ct_gen_write_ged(out, opt, err);
    case CT_GEN_LAYOUT_TRUTH:
        return ct_gen_write_truth(out, opt, err);
    }
    return ct_error_set(err, CT_EUSAGE, NULL, 0, "unknown layout");
}
