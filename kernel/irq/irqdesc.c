// SPDX-License-Identifier: MIT
/*
 * Interrupt descriptors: one struct irq_desc per Linux IRQ number, in a
 * static array of NR_IRQS (Linux's !SPARSE_IRQ layout; no radix tree),
 * and a bitmap of the numbers handed out. early_irq_init() gives the 16
 * ISA lines their own numbers; everything else comes from
 * irq_alloc_descs(), usually through an irq domain. Also the entry from
 * arch code into the generic layer: generic_handle_irq(), and the
 * affinity new lines start with (irq_default_affinity, irqaffinity=).
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <linux/init.h>
#include <linux/string.h>
#include "internals.h"

#define BITS_PER_WORD	(8 * sizeof(unsigned long))

int nr_irqs = NR_IRQS;
static struct irq_desc irq_desc[NR_IRQS];
static unsigned long allocated_irqs[NR_IRQS / BITS_PER_WORD];
static DEFINE_RAW_SPINLOCK(sparse_irq_lock);
static bool irq_descs_ready;
static bool legacy_irqs_reserved;

struct cpumask irq_default_affinity;

/*
 * irqaffinity=<cpu list>: kept until early_irq_init(), when nr_cpu_ids is
 * known and the list can be checked against it as Linux does.
 */
static char irq_affinity_arg[64];

static int __init irq_affinity_setup(char *str)
{
	strscpy(irq_affinity_arg, str, sizeof(irq_affinity_arg));
	return 0;
}
__setup("irqaffinity=", irq_affinity_setup);

/*
 * Every CPU, or the irqaffinity= list; the boot CPU is always added, so
 * a mistyped list cannot leave new interrupts nowhere to go.
 */
static void init_irq_default_affinity(void)
{
	unsigned int cpu;

	if (irq_affinity_arg[0]) {
		if (cpulist_parse(irq_affinity_arg, &irq_default_affinity))
			pr_warn("irqaffinity=%s: not a CPU list of this machine\n",
				irq_affinity_arg);
		cpumask_set_cpu(smp_processor_id(), &irq_default_affinity);
	}
	if (cpumask_empty(&irq_default_affinity))
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			cpumask_set_cpu(cpu, &irq_default_affinity);
}

static bool irq_allocated(unsigned int irq)
{
	return (allocated_irqs[irq / BITS_PER_WORD] >> (irq % BITS_PER_WORD)) & 1;
}

static void irq_mark_allocated(unsigned int irq, bool set)
{
	unsigned long bit = 1UL << (irq % BITS_PER_WORD);

	if (set)
		allocated_irqs[irq / BITS_PER_WORD] |= bit;
	else
		allocated_irqs[irq / BITS_PER_WORD] &= ~bit;
}

/*
 * Everything but the lock goes back to the state of a line nobody set up:
 * no chip, handle_bad_irq, disabled and masked with depth 1, counters zero.
 */
static void desc_set_defaults(unsigned int irq, struct irq_desc *desc,
			      const struct cpumask *affinity)
{
	raw_spinlock_t lock = desc->lock;

	memset(desc, 0, sizeof(*desc));
	desc->lock = lock;
	init_waitqueue_head(&desc->wait_for_threads);
	desc->irq_data.irq = irq;
	desc->irq_data.common = &desc->irq_common_data;
	desc->irq_data.chip = &no_irq_chip;
	irq_settings_clr_and_set(desc, ~0u, IRQ_DEFAULT_INIT_FLAGS);
	irqd_set(&desc->irq_data, IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED);
	desc->handle_irq = handle_bad_irq;
	desc->depth = 1;
	cpumask_copy(desc->irq_common_data.affinity, affinity ? affinity : &irq_default_affinity);
}

/* x86's override keeps dynamic numbers above the GSI range. */
__weak unsigned int arch_dynirq_lower_bound(unsigned int from)
{
	return from;
}

__weak int arch_probe_nr_irqs(void)
{
	return NR_IRQS_LEGACY;
}

__weak int arch_early_irq_init(void)
{
	return 0;
}

static void irq_descs_init_once(void)
{
	unsigned int i;

	if (irq_descs_ready)
		return;
	init_irq_default_affinity();
	for (i = 0; i < NR_IRQS; i++) {
		raw_spin_lock_init(&irq_desc[i].lock);
		desc_set_defaults(i, &irq_desc[i], NULL);
	}
	irq_descs_ready = true;
}

/*
 * Preallocates the legacy lines, so that ISA IRQ n is Linux IRQ n: the
 * IO-APIC domain later maps GSI n onto them with realloc = true.
 */
int early_irq_init(void)
{
	int i, initcnt;

	if (legacy_irqs_reserved)
		return 0;
	legacy_irqs_reserved = true;
	irq_descs_init_once();
	initcnt = min(arch_probe_nr_irqs(), nr_irqs);
	pr_info("NR_IRQS: %d, nr_irqs: %d, preallocated irqs: %d\n",
		NR_IRQS, nr_irqs, initcnt);
	for (i = 0; i < initcnt; i++)
		irq_mark_allocated(i, true);
	return arch_early_irq_init();
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	if (irq >= (unsigned int)nr_irqs || !irq_descs_ready)
		return NULL;
	return &irq_desc[irq];
}

struct irq_data *irq_get_irq_data(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? &desc->irq_data : NULL;
}

/* The first allocated IRQ at or after @offset; nr_irqs when none. */
unsigned int irq_get_next_irq(unsigned int offset)
{
	unsigned int irq;

	for (irq = offset; irq < (unsigned int)nr_irqs; irq++)
		if (irq_allocated(irq))
			return irq;
	return nr_irqs;
}

/* The first run of @cnt free numbers at or after @from; -ENOSPC if none. */
static int irq_find_free_area(unsigned int from, unsigned int cnt)
{
	unsigned int start, n;

	for (start = from; start + cnt <= (unsigned int)nr_irqs; start += n + 1) {
		for (n = 0; n < cnt && !irq_allocated(start + n); n++)
			;
		if (n == cnt)
			return start;
	}
	return -ENOSPC;
}

static void alloc_descs(unsigned int start, unsigned int cnt,
			const struct irq_affinity_desc *affinity)
{
	unsigned int i;

	for (i = 0; i < cnt; i++) {
		struct irq_desc *desc = &irq_desc[start + i];

		desc_set_defaults(start + i, desc, affinity ? &affinity[i].mask : NULL);
		/*
		 * A spread vector (irq_create_affinity_masks()) is managed and
		 * starts shut down: it gets a real vector when it is started
		 * on a CPU of its mask.
		 */
		if (affinity && affinity[i].is_managed)
			irqd_set(&desc->irq_data, IRQD_AFFINITY_MANAGED | IRQD_MANAGED_SHUTDOWN);
		if (affinity)
			irqd_set(&desc->irq_data, IRQD_AFFINITY_SET);
		irq_mark_allocated(start + i, true);
	}
}

/**
 * __irq_alloc_descs - hand out @cnt consecutive Linux IRQ numbers
 * @irq:	the exact first number wanted, or -1 for any
 * @from:	with @irq == -1, the lowest acceptable number
 * @cnt:	how many
 * @node:	preferred memory node (unused: one node)
 * @owner:	owning module (unused)
 * @affinity:	optional per-IRQ initial affinity
 *
 * Returns the first number, -EEXIST when @irq is taken, -ENOSPC when no
 * run of @cnt is free, -EINVAL for a nonsensical request.
 */
int __irq_alloc_descs(int irq, unsigned int from, unsigned int cnt, int node,
		      struct module *owner, const struct irq_affinity_desc *affinity)
{
	unsigned long flags;
	int start;

	if (!cnt)
		return -EINVAL;
	if (irq >= 0) {
		if (from > (unsigned int)irq)
			return -EINVAL;
		from = irq;
	} else {
		from = arch_dynirq_lower_bound(from);
	}

	irq_descs_init_once();
	raw_spin_lock_irqsave(&sparse_irq_lock, flags);
	start = irq_find_free_area(from, cnt);
	if (irq >= 0 && start != irq)
		start = -EEXIST;
	if (start >= 0)
		alloc_descs(start, cnt, affinity);
	raw_spin_unlock_irqrestore(&sparse_irq_lock, flags);
	return start;
}

/* The caller has freed every action; the descriptors return to their defaults. */
void irq_free_descs(unsigned int from, unsigned int cnt)
{
	unsigned long flags;
	unsigned int i;

	if (from >= (unsigned int)nr_irqs || from + cnt > (unsigned int)nr_irqs)
		return;
	/* Before the lock: removal waits for readers of the files. */
	for (i = 0; i < cnt; i++)
		unregister_irq_proc(from + i, &irq_desc[from + i]);
	raw_spin_lock_irqsave(&sparse_irq_lock, flags);
	for (i = 0; i < cnt; i++) {
		WARN_ON(irq_desc[from + i].action);
		desc_set_defaults(from + i, &irq_desc[from + i], NULL);
		irq_mark_allocated(from + i, false);
	}
	raw_spin_unlock_irqrestore(&sparse_irq_lock, flags);
}

struct irq_desc *irq_get_desc_lock(unsigned int irq, unsigned long *flags)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (desc)
		raw_spin_lock_irqsave(&desc->lock, *flags);
	return desc;
}

void irq_put_desc_unlock(struct irq_desc *desc, unsigned long flags)
{
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

/* Runs @desc's flow handler; -EPERM when the line insists on hard-IRQ context. */
int handle_irq_desc(struct irq_desc *desc)
{
	if (!desc)
		return -EINVAL;
	if (WARN_ON_ONCE(!in_hardirq() &&
			 irqd_is_handle_enforce_irqctx(&desc->irq_data)))
		return -EPERM;
	generic_handle_irq_desc(desc);
	return 0;
}

/**
 * generic_handle_irq - run the flow handler of Linux IRQ @irq
 *
 * For arch code and demultiplexing chips, with interrupts disabled.
 * Returns 0, or -EINVAL when @irq has no descriptor.
 */
int generic_handle_irq(unsigned int irq)
{
	return handle_irq_desc(irq_to_desc(irq));
}

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc && cpu >= 0 && cpu < NR_CPUS ? READ_ONCE(desc->kstat_irqs[cpu]) : 0;
}

/* The sum over CPUs, as /proc/stat shows it. */
unsigned int kstat_irqs_usr(unsigned int irq)
{
	unsigned int sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += kstat_irqs_cpu(irq, cpu);
	return sum;
}

void irq_modify_status(unsigned int irq, unsigned long clr, unsigned long set)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return;
	irq_settings_clr_and_set(desc, clr, set);
	irqd_clear(&desc->irq_data, IRQD_NO_BALANCING | IRQD_PER_CPU |
		   IRQD_TRIGGER_MASK | IRQD_LEVEL);
	if (irq_settings_has(desc, IRQ_NO_BALANCING))
		irqd_set(&desc->irq_data, IRQD_NO_BALANCING);
	if (irq_settings_is_per_cpu(desc))
		irqd_set(&desc->irq_data, IRQD_PER_CPU);
	if (irq_settings_is_level(desc))
		irqd_set(&desc->irq_data, IRQD_LEVEL);
	irqd_set(&desc->irq_data, irq_settings_get_trigger_mask(desc));
	irq_put_desc_unlock(desc, flags);
}

/* What handle_bad_irq() prints about a line nobody was ready for. */
void print_irq_desc(unsigned int irq, struct irq_desc *desc)
{
	struct irqaction *action;

	pr_crit("irq %u, desc: %p, depth: %u, count: %u, unhandled: %u\n",
		irq, desc, desc->depth, desc->irq_count, desc->irqs_unhandled);
	pr_crit("->handle_irq():  %p, %pS\n", desc->handle_irq, desc->handle_irq);
	pr_crit("->irq_data.chip(): %p, %s\n", desc->irq_data.chip,
		desc->irq_data.chip && desc->irq_data.chip->name ?
		desc->irq_data.chip->name : "none");
	for_each_action_of_desc(desc, action)
		pr_crit("->action(): %p, %pS\n", action, action->handler);
}
