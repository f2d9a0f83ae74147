/* SPDX-License-Identifier: MIT
 * main.c - the ctrend command: dispatches subcommands.
 */
#include <stdio.h>
int main(void) { puts("ctrend " CT_VERSION); return 0; }
