/* SPDX-License-Identifier: MIT
 * cmd_fit_help.c - the text of `ctrend fit --help` (and `ctrend help
 * fit`): the models, their options and costs, and the series options for
 * a FILE that is an export.
 */
#include "cli/cmd_fit.h"

#include <stdio.h>

#include "cli/cli.h"

static const char USAGE[] =
    "Usage: ctrend fit --model NAME [OPTIONS] [FILE...]\n"
    "Fits a trend model or test to series, one fit per group in order of\n"
    "first appearance. A FILE whose first field is `period` is a series in\n"
    "`ctrend series` CSV form (header period,[group keys,]value; period\n"
    "YYYY or YYYY-MM). Any other FILE is a UCDP or ACLED export, made into\n"
    "a series as `ctrend series` does, with the series options below\n"
    "(several exports add up to one series). With no FILE or '-', reads\n"
    "standard input. Slopes are per year; NA values (periods the data do\n"
    "not cover) are skipped, and so are periods covered only in part\n"
    "(`partial`) unless --partial include. A group that cannot be fitted\n"
    "gets its reason in place of a result; the others are still fitted.\n"
    "\n"
    "Models (--model):\n"
    "  ols            least-squares slope, classical and Newey-West SEs\n"
    "  poisson        Poisson log-linear trend: rate ratio, % per year\n"
    "  quasipoisson   Poisson with SEs scaled by the Pearson dispersion\n"
    "  negbin         negative binomial NB2, theta by maximum likelihood\n"
    "  mk             Mann-Kendall test, Kendall's tau and Sen's slope\n"
    "  sen            Sen's slope with its confidence interval\n"
    "  segmented      piecewise trend: breakpoints, slopes, Davies' test\n"
    "  compare        two periods: rate ratio (exact), Welch's t test\n"
    "  bootstrap      moving-block bootstrap interval of a slope\n"
    "  scan           a statistic on every (start, end) window\n"
    "\n"
    "Options:\n"
    "  --from P, --to P         periods used (YYYY or YYYY-MM); for an\n"
    "                           export, also the years of its series\n"
    "  --level L                confidence level (default 0.95)\n"
    "  --hac-lag N              Newey-West lag (default floor(4 (n/100)^(2/9)));\n"
    "                           Bartlett weights, no prewhitening, no\n"
    "                           small-sample adjustment, t(n-2) (as\n"
    "                           sandwich::NeweyWest(lag = N, prewhite = FALSE,\n"
    "                           adjust = FALSE); R's defaults differ)\n"
    "  --correction none|hamed-rao   mk, sen: variance correction (none)\n"
    "  --family gaussian|poisson     segmented: model family (gaussian)\n"
    "  --breaks 1|2             segmented: breakpoints (1)\n"
    "  --periods A,B            compare: two periods, each YYYY, YYYY-YYYY\n"
    "                           or FROM:TO (e.g. 1989-1993,2015-2022)\n"
    "  --statistic S            bootstrap, scan: ols, ols-hac, poisson,\n"
    "                           quasipoisson, negbin, sen (= mk), sen-hr\n"
    "                           (= mk-hr); default ols\n"
    "  --seed N                 bootstrap: random seed (default 1)\n"
    "  --replicates N           bootstrap: samples (default 2000)\n"
    "  --block N                bootstrap: block length (default\n"
    "                           round(n^(1/3)))\n"
    "  --start-range A:B        scan: window starts (e.g. 1989:2000)\n"
    "  --end-range C:D          scan: window ends (e.g. 2015:2022)\n"
    "  --min-n N                scan: shortest window (default 5)\n"
    "  --nb-inference small-sample|wald\n"
    "                           negbin: SE x sqrt(max(1, dispersion)) with\n"
    "                           t(n-2) (default; also used by scan), or\n"
    "                           exactly MASS::glm.nb (model SE, normal)\n"
    "  --adjust none|holm|bh    adjust the p-values of all fits (scan: all\n"
    "                           windows) for multiple testing\n"
    "  --value NAME             series CSV: value column (default 'value',\n"
    "                           else the last measure column)\n"
    "  --partial exclude|include  periods covered only in part: left out\n"
    "                           (default, with a note) or fitted\n"
    "  --format text|csv|json   output format (default text)\n"
    "  --precision N            significant digits (default: text 6,\n"
    "                           csv 10, json 15)\n"
    "  -o, --output FILE        write to FILE instead of stdout\n"
    "  -h, --help               this help\n"
    "\n";

/* (the rest of the help: C99 promises string literals of 4095 bytes) */
static const char USAGE_SERIES[] =
    "Series options (a FILE that is an export; see `ctrend series --help`):\n"
    CT_CLI_HELP_BY
    "  --measure M              conflicts (distinct conflicts active;\n"
    "                           default), events (rows) or deaths (sum)\n"
    CT_CLI_HELP_SELECT
    CT_CLI_HELP_SCHEME
    CT_CLI_HELP_LOAD
    CT_CLI_HELP_THREADS
    "\n"
    "Every number is printed with the input, group, periods, level and\n"
    "model options that produced it.\n"
    "\n"
    "Cost and limits (n periods; see the README, \"Statistics\"):\n"
    "  segmented  exact search up to 2,000 periods (gaussian, 1 break),\n"
    "             1,000 (gaussian, 2 breaks; poisson, 1 break) and 300\n"
    "             (poisson, 2 breaks): O(n) to O(n^2) fits. Beyond: gaussian\n"
    "             by prefix sums, O(1) per candidate: 1 break O(n), still\n"
    "             exact; 2 breaks a 300 x 300 grid, then coordinate\n"
    "             descent, O(n) per step; poisson a grid and golden-section\n"
    "             refinement, about 100 (1 break) or 300 (2) O(n) fits.\n"
    "             Beyond the exact range the optimum is not guaranteed\n"
    "             global. At most 100,000 periods.\n"
    "  scan       ols: O(1) per window from running sums over 2,000\n"
    "             periods; other statistics refit each window, O(m) (sen:\n"
    "             O(m^2)). At most 100,000 periods, 2,000,000 windows and,\n"
    "             refitting, 10^8 window periods (sen: 10^8 pairs/100).\n"
    "  A fit running over a second shows a progress bar on a terminal\n"
    "  (-q hides it).\n"
    "\n"
    "Exit status: 0 every group fitted; 1 a data or input/output error, no\n"
    "data for the selection, or some group not fitted (every group's\n"
    "result or reason is still written, to -o too); 2 usage error.\n";

void ct_cli_fit_help(FILE *out)
{
    fputs(USAGE, out);
    fputs(USAGE_SERIES, out);
}
