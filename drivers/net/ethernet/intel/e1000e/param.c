// SPDX-License-Identifier: MIT
/*
 * The driver's options on the kernel command line:
 *
 *   e1000e.IntMode=0|1|2	Linux's: legacy INTx, MSI, MSI-X (the default).
 *				A mode that cannot be had falls back as Linux
 *				falls back: MSI-X -> MSI -> INTx.
 *   e1000e.queues=1|2		receive/transmit queue pairs (default 2). 1 is
 *				Linux's layout: three MSI-X vectors, rx-0, tx-0
 *				and "other". 2 adds RSS over two receive queues
 *				and a second transmit queue: five vectors.
 *				Without MSI-X there is one queue whatever this says.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include "e1000.h"

unsigned int e1000e_int_mode = E1000E_INT_MODE_MSIX;
unsigned int e1000e_queues = E1000E_MAX_QUEUES;

static int __init e1000e_int_mode_setup(char *arg)
{
	unsigned long v;

	if (kstrtoul(arg, 10, &v) || v > E1000E_INT_MODE_MSIX) {
		pr_warn("e1000e: IntMode=%s invalid (0 INTx, 1 MSI, 2 MSI-X), using MSI-X\n", arg);
		return 0;
	}
	e1000e_int_mode = v;
	return 0;
}
__setup("e1000e.IntMode=", e1000e_int_mode_setup);

static int __init e1000e_queues_setup(char *arg)
{
	unsigned long v;

	if (kstrtoul(arg, 10, &v) || v < 1 || v > E1000E_MAX_QUEUES) {
		pr_warn("e1000e: queues=%s invalid (1 or 2), using %u\n", arg, e1000e_queues);
		return 0;
	}
	e1000e_queues = v;
	return 0;
}
__setup("e1000e.queues=", e1000e_queues_setup);
