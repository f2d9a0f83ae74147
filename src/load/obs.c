/* SPDX-License-Identifier: MIT
 * obs.c - names of datasets, layouts, units and classes (obs.h).
 */
#include "ctrend/obs.h"

#include <string.h>
#include <strings.h>

static const char *const DS[CT_DS_COUNT] = {
    "auto", "acd", "brd", "nonstate", "onesided", "ged", "acled", "hapi"};
static const char *const DS_TITLE[CT_DS_COUNT] = {
    "unknown dataset",
    "UCDP/PRIO Armed Conflict Dataset",
    "UCDP Battle-Related Deaths Dataset",
    "UCDP Non-State Conflict Dataset",
    "UCDP One-Sided Violence Dataset",
    "UCDP Georeferenced Event Dataset",
    "ACLED events",
    "HDX HAPI conflict events (ACLED aggregates)"};
static const char *const LAYOUT[CT_LAYOUT_COUNT] = {
    "native", "hdx", "acled-current", "acled-export", "acled-legacy",
    "acled-hdx"};
static const char *const UNIT[CT_UNIT_COUNT] = {
    "conflict-year", "dyad-year", "actor-year", "event", "area-month"};
static const char *const CLASS[CT_CLASS_COUNT] = {
    "extrasystemic", "interstate", "intrastate", "internationalized",
    "nonstate", "onesided", "statebased", "unclassified", "other"};

const char *ct_obs_dataset_name(ct_dataset d)
{
    return (unsigned)d < CT_DS_COUNT ? DS[d] : "unknown";
}

const char *ct_obs_dataset_title(ct_dataset d)
{
    return (unsigned)d < CT_DS_COUNT ? DS_TITLE[d] : "unknown dataset";
}

ct_dataset ct_obs_dataset_parse(const char *name)
{
    static const struct {
        const char *alias;
        ct_dataset d;
    } A[] = {{"ucdp-acd", CT_DS_ACD}, {"ucdpprio", CT_DS_ACD},
             {"battledeaths", CT_DS_BRD}, {"ucdp-brd", CT_DS_BRD},
             {"non-state", CT_DS_NONSTATE}, {"one-sided", CT_DS_ONESIDED},
             {"ucdp-ged", CT_DS_GED}, {"hdx-hapi", CT_DS_HAPI}};
    size_t i;
    for (i = 1; i < CT_DS_COUNT; i++)
        if (strcasecmp(name, DS[i]) == 0)
            return (ct_dataset)i;
    for (i = 0; i < sizeof A / sizeof A[0]; i++)
        if (strcasecmp(name, A[i].alias) == 0)
            return A[i].d;
    return CT_DS_AUTO;
}

const char *ct_obs_layout_name(ct_layout l)
{
    return (unsigned)l < CT_LAYOUT_COUNT ? LAYOUT[l] : "unknown";
}

const char *ct_obs_unit_name(ct_unit u)
{
    return (unsigned)u < CT_UNIT_COUNT ? UNIT[u] : "unknown";
}

const char *ct_obs_class_name(ct_class c)
{
    return (unsigned)c < CT_CLASS_COUNT ? CLASS[c] : "unknown";
}

ct_class ct_obs_class_parse(const char *name)
{
    size_t i;
    for (i = 0; i < CT_CLASS_COUNT; i++)
        if (strcasecmp(name, CLASS[i]) == 0)
            return (ct_class)i;
    if (strcasecmp(name, "internationalised") == 0 ||
        strcasecmp(name, "internationalized intrastate") == 0 ||
        strcasecmp(name, "internationalized-intrastate") == 0)
        return CT_CLASS_INTERNATIONALIZED;
    if (strcasecmp(name, "non-state") == 0)
        return CT_CLASS_NONSTATE;
    if (strcasecmp(name, "one-sided") == 0)
        return CT_CLASS_ONESIDED;
    if (strcasecmp(name, "state-based") == 0)
        return CT_CLASS_STATEBASED;
    return CT_CLASS_COUNT;
}

