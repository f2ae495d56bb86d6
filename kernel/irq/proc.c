// SPDX-License-Identifier: MIT
/*
 * /proc/interrupts in Linux's exact format, one row per Linux IRQ with an
 * action, then the arch's own rows (NMI, LOC, SPU, ERR ... on x86) from
 * arch_show_interrupts(). show_interrupts() is called for positions
 * 0 .. nr_irqs inclusive, as Linux's seq_file iterator does: position 0
 * also prints the header, position nr_irqs the arch rows. The /proc file
 * that drives it belongs to fs/proc.
 *
 *              CPU0       CPU1
 *     0:         46          0   IO-APIC   2-edge      timer
 *    11:        315          0   IO-APIC  11-fasteoi   eth0, uhci_hcd
 *
 * prec, the width of the IRQ column, grows with nr_irqs (3 up to 999).
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include "internals.h"

__weak int arch_show_interrupts(struct seq_file *p, int prec)
{
	return 0;
}

static int irq_proc_prec(void)
{
	int prec, j;

	for (prec = 3, j = 1000; prec < 10 && j <= nr_irqs; ++prec)
		j *= 10;
	return prec;
}

static void irq_proc_header(struct seq_file *p, int prec)
{
	int cpu;

	seq_printf(p, "%*s", prec + 8, "");
	for_each_online_cpu(cpu)
		seq_printf(p, "CPU%-8d", cpu);
	seq_putc(p, '\n');
}

static void irq_proc_chip(struct seq_file *p, struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (!chip)
		seq_printf(p, " %8s", "None");
	else if (chip->irq_print_chip)
		chip->irq_print_chip(&desc->irq_data, p);
	else
		seq_printf(p, " %8s", chip->name ? chip->name : "-");
}

static void irq_proc_row(struct seq_file *p, struct irq_desc *desc, int i, int prec)
{
	struct irqaction *action;
	int cpu;

	seq_printf(p, "%*d: ", prec, i);
	for_each_online_cpu(cpu)
		seq_printf(p, "%10u ", desc->kstat_irqs[cpu]);
	irq_proc_chip(p, desc);
	/* hwirq is the top domain's number; a line without a domain has none. */
	if (desc->irq_data.domain)
		seq_printf(p, " %*lu", prec, desc->irq_data.hwirq);
	else
		seq_printf(p, " %*s", prec, "");
	if (desc->name)
		seq_printf(p, "-%-8s", desc->name);

	action = desc->action;
	if (action) {
		seq_printf(p, "  %s", action->name);
		while ((action = action->next) != NULL)
			seq_printf(p, ", %s", action->name);
	}
	seq_putc(p, '\n');
}

/* @v points at the position, a loff_t, as the seq_file iterator passes it. */
int show_interrupts(struct seq_file *p, void *v)
{
	static int prec;
	int i = *(loff_t *)v;
	struct irq_desc *desc;
	unsigned long flags;

	if (i > nr_irqs)
		return 0;
	if (i == nr_irqs)
		return arch_show_interrupts(p, prec);

	if (i == 0) {
		prec = irq_proc_prec();
		irq_proc_header(p, prec);
	}

	desc = irq_to_desc(i);
	if (!desc || irq_settings_is_hidden(desc))
		return 0;

	raw_spin_lock_irqsave(&desc->lock, flags);
	if (desc->action)
		irq_proc_row(p, desc, i, prec);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return 0;
}
