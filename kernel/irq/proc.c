// SPDX-License-Identifier: MIT
/*
 * /proc/irq and /proc/interrupts, as Linux's kernel/irq/proc.c.
 *
 * /proc/irq/N/ is made for every line with a chip at boot
 * (init_irq_proc()) and for any line when it gets its first action
 * (register_irq_proc()), and goes when the descriptor is freed. Its
 * files: smp_affinity and smp_affinity_list (0644: the requested mask
 * as %*pb and %*pbl; writing moves the line), effective_affinity and
 * effective_affinity_list (the CPU the vector is on), affinity_hint,
 * node and spurious. Each action with a name of its own gets an empty
 * directory /proc/irq/N/<name>/ while it is installed.
 * /proc/irq/default_smp_affinity is irq_default_affinity.
 *
 * The files' data is the IRQ number; irq_to_desc() of it is valid as
 * long as the file is, since unregister_irq_proc() removes the files
 * (waiting for reads and writes in progress) before the descriptor is
 * reset.
 *
 * /proc/interrupts: one row per Linux IRQ with an action, then the
 * arch's own rows (NMI, LOC, SPU, ERR ... on x86) from
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
#include <linux/proc_fs.h>
#include <linux/timer.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/irqnr.h>
#include "internals.h"

/* --- /proc/irq ---------------------------------------------------------------- */

#define IRQ_PROC_PATH_MAX	160

static bool irq_proc_ready;	/* /proc/irq exists */
static DEFINE_MUTEX(register_lock);

enum { AFFINITY, AFFINITY_LIST, EFFECTIVE, EFFECTIVE_LIST };

static int show_irq_affinity(int type, struct seq_file *m)
{
	struct irq_desc *desc = irq_to_desc((long)m->private);
	struct cpumask mask;
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	/* A move waiting for the line's next interrupt shows as done, as in Linux. */
	if ((type == AFFINITY || type == AFFINITY_LIST) &&
	    irqd_is_setaffinity_pending(&desc->irq_data))
		cpumask_copy(&mask, desc->pending_mask);
	else if (type == AFFINITY || type == AFFINITY_LIST)
		cpumask_copy(&mask, irq_data_get_affinity_mask(&desc->irq_data));
	else
		cpumask_copy(&mask, irq_data_get_effective_affinity_mask(&desc->irq_data));
	raw_spin_unlock_irqrestore(&desc->lock, flags);

	if (type == AFFINITY_LIST || type == EFFECTIVE_LIST)
		seq_printf(m, "%*pbl\n", cpumask_pr_args(&mask));
	else
		seq_printf(m, "%*pb\n", cpumask_pr_args(&mask));
	return 0;
}

static int irq_affinity_proc_show(struct seq_file *m, void *v)
{
	return show_irq_affinity(AFFINITY, m);
}

static int irq_affinity_list_proc_show(struct seq_file *m, void *v)
{
	return show_irq_affinity(AFFINITY_LIST, m);
}

static int irq_effective_aff_proc_show(struct seq_file *m, void *v)
{
	return show_irq_affinity(EFFECTIVE, m);
}

static int irq_effective_aff_list_proc_show(struct seq_file *m, void *v)
{
	return show_irq_affinity(EFFECTIVE_LIST, m);
}

/* No driver gives hints here: the empty mask, as Linux shows one. */
static int irq_affinity_hint_proc_show(struct seq_file *m, void *v)
{
	struct cpumask none;

	cpumask_clear(&none);
	seq_printf(m, "%*pb\n", cpumask_pr_args(&none));
	return 0;
}

/* One memory node. */
static int irq_node_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", 0);
	return 0;
}

static int irq_spurious_proc_show(struct seq_file *m, void *v)
{
	struct irq_desc *desc = irq_to_desc((long)m->private);

	seq_printf(m, "count %u\n" "unhandled %u\n" "last_unhandled %u ms\n",
		   desc->irq_count, desc->irqs_unhandled,
		   jiffies_to_msecs(desc->last_unhandled));
	return 0;
}

/*
 * A write to smp_affinity (hex) or smp_affinity_list. Refused without a
 * change: a line the user may not move (-EIO), text that does not parse
 * (the parser's error), a mask without an online CPU (-EINVAL: x86 has
 * no automatic choice for an empty mask); otherwise the chip's answer.
 */
static ssize_t write_irq_affinity(int type, const char *buf, size_t count, void *data)
{
	unsigned int irq = (long)data;
	struct cpumask new_value;
	int err;

	if (!irq_can_set_affinity_usr(irq))
		return -EIO;
	err = type == AFFINITY_LIST ? cpulist_parse(buf, &new_value)
				    : cpumask_parse(buf, &new_value);
	if (err)
		return err;
	if (!cpumask_intersects(&new_value, cpu_online_mask))
		return -EINVAL;
	err = irq_set_affinity(irq, &new_value);
	return err ? err : (ssize_t)count;
}

static ssize_t irq_affinity_proc_write(const char *buf, size_t count, void *data)
{
	return write_irq_affinity(AFFINITY, buf, count, data);
}

static ssize_t irq_affinity_list_proc_write(const char *buf, size_t count, void *data)
{
	return write_irq_affinity(AFFINITY_LIST, buf, count, data);
}

static int default_affinity_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%*pb\n", cpumask_pr_args(&irq_default_affinity));
	return 0;
}

/* At least one online CPU must be in it, as for a line. */
static ssize_t default_affinity_write(const char *buf, size_t count, void *data)
{
	struct cpumask new_value;
	int err = cpumask_parse(buf, &new_value);

	if (err)
		return err;
	if (!cpumask_intersects(&new_value, cpu_online_mask))
		return -EINVAL;
	cpumask_copy(&irq_default_affinity, &new_value);
	return count;
}

static const struct irq_proc_file {
	const char *name;
	umode_t mode;
	int (*show)(struct seq_file *m, void *v);
	ssize_t (*write)(const char *buf, size_t count, void *data);
} irq_proc_files[] = {
	{ "smp_affinity",		0644, irq_affinity_proc_show, irq_affinity_proc_write },
	{ "affinity_hint",		0444, irq_affinity_hint_proc_show },
	{ "smp_affinity_list",		0644, irq_affinity_list_proc_show,
					      irq_affinity_list_proc_write },
	{ "node",			0444, irq_node_proc_show },
	{ "effective_affinity",		0444, irq_effective_aff_proc_show },
	{ "effective_affinity_list",	0444, irq_effective_aff_list_proc_show },
	{ "spurious",			0444, irq_spurious_proc_show },
};

void register_irq_proc(unsigned int irq, struct irq_desc *desc)
{
	void *irqp = (void *)(unsigned long)irq;
	char path[IRQ_PROC_PATH_MAX];
	unsigned int i;
	char *dir;

	if (!irq_proc_ready || desc->irq_data.chip == &no_irq_chip)
		return;
	/* Two requests of one line may race here; the first makes the directory. */
	mutex_lock(&register_lock);
	if (desc->dir)
		goto out;
	dir = kmalloc(16, GFP_KERNEL);
	if (!dir)
		goto out;
	snprintf(dir, 16, "irq/%u", irq);
	if (proc_mkdir(dir)) {
		kfree(dir);
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(irq_proc_files); i++) {
		const struct irq_proc_file *f = &irq_proc_files[i];

		snprintf(path, sizeof(path), "%s/%s", dir, f->name);
		proc_create_single_data(path, f->mode, f->show, f->write, irqp);
	}
	desc->dir = dir;
out:
	mutex_unlock(&register_lock);
}

void unregister_irq_proc(unsigned int irq, struct irq_desc *desc)
{
	mutex_lock(&register_lock);
	if (desc->dir) {
		remove_proc_subtree(desc->dir);
		kfree(desc->dir);
		desc->dir = NULL;
	}
	mutex_unlock(&register_lock);
}

/* Is no other action of the line called the same? */
static bool name_unique(unsigned int irq, struct irqaction *new_action)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action;
	unsigned long flags;
	bool unique = true;

	raw_spin_lock_irqsave(&desc->lock, flags);
	for_each_action_of_desc(desc, action) {
		if (action != new_action && action->name &&
		    !strcmp(new_action->name, action->name))
			unique = false;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return unique;
}

/* /proc/irq/N/<name>/: an empty directory that says who is on the line. */
void register_handler_proc(unsigned int irq, struct irqaction *action)
{
	struct irq_desc *desc = irq_to_desc(irq);
	char path[IRQ_PROC_PATH_MAX];
	size_t len;

	if (!desc->dir || action->dir || !action->name || !name_unique(irq, action))
		return;
	len = snprintf(path, sizeof(path), "%s/%s", desc->dir, action->name);
	if (len >= sizeof(path) || strchr(action->name, '/'))
		return;
	action->dir = kmalloc(len + 1, GFP_KERNEL);
	if (!action->dir)
		return;
	memcpy(action->dir, path, len + 1);
	if (proc_mkdir(action->dir)) {
		kfree(action->dir);
		action->dir = NULL;
	}
}

void unregister_handler_proc(unsigned int irq, struct irqaction *action)
{
	if (!action->dir)
		return;
	remove_proc_entry(action->dir);
	kfree(action->dir);
	action->dir = NULL;
}

void init_irq_proc(void)
{
	unsigned int irq;

	if (proc_mkdir("irq"))
		return;
	proc_create_single_data("irq/default_smp_affinity", 0644, default_affinity_show,
				default_affinity_write, NULL);
	irq_proc_ready = true;
	for_each_active_irq(irq)
		register_irq_proc(irq, irq_to_desc(irq));
}

/* --- /proc/interrupts ------------------------------------------------------ */

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
