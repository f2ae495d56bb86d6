// SPDX-License-Identifier: MIT
/*
 * The x86 vector domain: the root of every interrupt hierarchy (IOAPIC
 * and PCI-MSI domains are its children). Its job is to give each Linux
 * IRQ a (CPU, vector) pair out of the vector matrix and to record it in
 * that CPU's vector_irq[], so that common_interrupt() finds the
 * descriptor. Its chip is the local APIC itself: ack is the APIC EOI,
 * retrigger an IPI of the vector to its CPU, affinity a move to another
 * CPU's vector.
 *
 * Moving a line, as Linux 6.6+:
 *
 *   apic_set_affinity()            new vector allocated on the new CPU and
 *                                  installed in its vector_irq; the old one
 *                                  stays installed and allocated
 *                                  (prev_vector/prev_cpu, move_in_progress)
 *   the child rewrites the         IOAPIC entry or MSI message
 *   hardware
 *   first interrupt on the new     irq_complete_move() from the ack:
 *   CPU                            the old vector is queued on the old
 *                                  CPU's vector_cleanup list and that
 *                                  CPU's cleanup timer is armed
 *   timer on the old CPU           __vector_cleanup(): the vector is given
 *                                  back once the old CPU's IRR no longer
 *                                  holds it (else retried a jiffy later)
 *
 * Until the old vector is given back, an interrupt that was already on
 * its way to the old CPU still finds the descriptor there and is handled.
 * A second move while one is in flight gets -EBUSY; the core keeps it
 * pending and retries at the next interrupt (kernel/irq/migration.c).
 *
 * The ISA IRQs start on their boot vectors ISA_IRQ_VECTOR(irq) on CPU 0
 * when the IOAPIC takes them over; from then on they are ordinary lines
 * and move like any other. Only the 8259 PIC (noapic) pins them there.
 *
 * Managed lines (a driver's spread over CPUs, kernel/irq/affinity.c)
 * reserve one vector on each CPU of their mask when allocated and take a
 * real one only when activated; inactive, they point at
 * MANAGED_IRQ_SHUTDOWN_VECTOR.
 *
 * All vector bookkeeping happens under vector_lock.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/irq_matrix.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/msi.h>
#include <linux/seq_file.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/i8259.h>
#include <asm/irq.h>
#include <asm/smp.h>
#include <trace/events/irq_vectors.h>


/**
 * struct apic_chip_data - the vector domain's state for one line
 * @hw_irq_cfg:	where the hardware is told to deliver (CPU's APIC ID, vector)
 * @vector, @cpu: the current vector and CPU
 * @prev_vector, @prev_cpu: the vector a move left behind, until freed
 * @clist:	on the old CPU's vector_cleanup list while the old vector waits
 * @node:	on all_lines, for lapic_online()
 * @move_in_progress: moved, no interrupt on the new vector yet
 * @is_managed:	a managed line (reserved vectors on each CPU of its mask)
 */
struct apic_chip_data {
	struct irq_cfg		hw_irq_cfg;
	unsigned int		vector;
	unsigned int		prev_vector;
	unsigned int		cpu;
	unsigned int		prev_cpu;
	unsigned int		irq;
	struct list_head	clist;
	struct list_head	node;
	unsigned int		move_in_progress : 1;
	unsigned int		is_managed : 1;
	unsigned int		is_legacy : 1;
};

/* Per CPU: the old vectors of finished moves, and the timer that frees them there. */
struct vector_cleanup {
	struct list_head	head;
	struct timer_list	timer;
	bool			initialized;
};

struct irq_domain *x86_vector_domain;
static struct irq_matrix *vector_matrix;
static DEFINE_RAW_SPINLOCK(vector_lock);
static DEFINE_PER_CPU(struct vector_cleanup, vector_cleanup);
static LIST_HEAD(all_lines);

void lock_vector_lock(void)
{
	raw_spin_lock(&vector_lock);
}

void unlock_vector_lock(void)
{
	raw_spin_unlock(&vector_lock);
}

static struct apic_chip_data *apic_chip_data(struct irq_data *irqd)
{
	while (irqd && irqd->domain != x86_vector_domain)
		irqd = irqd->parent_data;
	return irqd ? irqd->chip_data : NULL;
}

struct irq_cfg *irqd_cfg(struct irq_data *irqd)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);

	return apicd ? &apicd->hw_irq_cfg : NULL;
}

struct irq_cfg *irq_cfg(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? irqd_cfg(&desc->irq_data) : NULL;
}

static unsigned long mask_word(const struct cpumask *m)
{
	return cpumask_bits(m)[0];
}

/* What the hardware is told: the CPU's physical APIC ID and the vector. */
static void apic_update_irq_cfg(struct irq_data *irqd, unsigned int vector, unsigned int cpu)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);

	lockdep_assert_held(&vector_lock);
	apicd->hw_irq_cfg.vector = vector;
	apicd->hw_irq_cfg.dest_apicid = x86_cpu_to_apicid[cpu];
	irq_data_update_effective_affinity(irqd, cpumask_of(cpu));
	trace_vector_config(irqd->irq, vector, cpu, apicd->hw_irq_cfg.dest_apicid);
}

/*
 * Point the line at @newvec on @newcpu. The old vector, when there is one
 * on an online CPU, is kept (allocated, installed) for the cleanup after
 * the first interrupt on the new one; on an offline CPU it can go at once.
 */
static void apic_update_vector(struct irq_data *irqd, unsigned int newvec, unsigned int newcpu)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	struct irq_desc *desc = irq_data_to_desc(irqd);
	bool managed = irqd_affinity_is_managed(irqd);

	lockdep_assert_held(&vector_lock);
	trace_vector_update(irqd->irq, newvec, newcpu, apicd->vector, apicd->cpu);

	apicd->prev_vector = 0;
	if (apicd->vector && apicd->vector != MANAGED_IRQ_SHUTDOWN_VECTOR) {
		if (cpu_online(apicd->cpu)) {
			apicd->move_in_progress = true;
			apicd->prev_vector = apicd->vector;
			apicd->prev_cpu = apicd->cpu;
			WARN_ON_ONCE(apicd->cpu == newcpu);
		} else {
			irq_matrix_free(vector_matrix, apicd->cpu, apicd->vector, managed);
			per_cpu(vector_irq, apicd->cpu)[apicd->vector] = VECTOR_UNUSED;
		}
	}
	apicd->vector = newvec;
	apicd->cpu = newcpu;
	/* The matrix just handed this vector out: nobody may own it here. */
	WARN_ON_ONCE(per_cpu(vector_irq, newcpu)[newvec] != VECTOR_UNUSED &&
		     per_cpu(vector_irq, newcpu)[newvec] != VECTOR_SHUTDOWN &&
		     per_cpu(vector_irq, newcpu)[newvec] != VECTOR_RETRIGGERED);
	per_cpu(vector_irq, newcpu)[newvec] = desc;
}

/* Inactive managed lines point at a vector whose arrival is only counted. */
static void vector_assign_managed_shutdown(struct irq_data *irqd)
{
	unsigned int cpu = cpumask_first(cpu_online_mask);

	apic_update_irq_cfg(irqd, MANAGED_IRQ_SHUTDOWN_VECTOR, cpu);
}

static int reserve_managed_vector(struct irq_data *irqd)
{
	const struct cpumask *affmsk = irq_data_get_affinity_mask(irqd);
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	int ret;

	lockdep_assert_held(&vector_lock);
	apicd->is_managed = true;
	ret = irq_matrix_reserve_managed(vector_matrix, mask_word(affmsk));
	trace_vector_reserve_managed(irqd->irq, ret);
	if (!ret)
		vector_assign_managed_shutdown(irqd);
	return ret;
}

/* A vector on one of the CPUs of @dest (online CPUs only), unless the current one is there. */
static int assign_vector_locked(struct irq_data *irqd, const struct cpumask *dest)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	unsigned int cpu = apicd->cpu;
	int vector = apicd->vector;

	lockdep_assert_held(&vector_lock);
	/* Already on one of the wanted CPUs: nothing to move. */
	if (vector && cpu_online(cpu) && cpumask_test_cpu(cpu, dest))
		return 0;
	/*
	 * The previous move is unfinished (no interrupt on its new vector
	 * yet, or its old vector not yet freed): a new vector now would
	 * strand one of the two. The caller retries later.
	 */
	if (apicd->move_in_progress || !list_empty(&apicd->clist))
		return -EBUSY;
	vector = irq_matrix_alloc(vector_matrix, mask_word(dest), false, &cpu);
	trace_vector_alloc(irqd->irq, vector, false, vector);
	if (vector < 0)
		return vector;
	apic_update_vector(irqd, vector, cpu);
	apic_update_irq_cfg(irqd, vector, cpu);
	return 0;
}

static int assign_vector_online(struct irq_data *irqd, const struct cpumask *dest)
{
	struct cpumask searchmask;

	cpumask_and(&searchmask, dest, cpu_online_mask);
	return assign_vector_locked(irqd, &searchmask);
}

/* The line's own mask first, then any online CPU. */
static int assign_irq_vector_any_locked(struct irq_data *irqd)
{
	if (!assign_vector_online(irqd, irq_data_get_affinity_mask(irqd)))
		return 0;
	return assign_vector_locked(irqd, cpu_online_mask);
}

static int assign_managed_vector(struct irq_data *irqd, const struct cpumask *dest)
{
	const struct cpumask *affmsk = irq_data_get_affinity_mask(irqd);
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	struct cpumask searchmask;
	unsigned int cpu;
	int vector;

	cpumask_and(&searchmask, dest, affmsk);
	cpumask_and(&searchmask, &searchmask, cpu_online_mask);
	if (apicd->vector && apicd->vector != MANAGED_IRQ_SHUTDOWN_VECTOR &&
	    cpumask_test_cpu(apicd->cpu, &searchmask))
		return 0;
	if (apicd->move_in_progress || !list_empty(&apicd->clist))
		return -EBUSY;
	vector = irq_matrix_alloc_managed(vector_matrix, mask_word(&searchmask), &cpu);
	trace_vector_alloc_managed(irqd->irq, vector, vector);
	if (vector < 0)
		return vector;
	apic_update_vector(irqd, vector, cpu);
	apic_update_irq_cfg(irqd, vector, cpu);
	return 0;
}

/* Give back the line's vector(s), a move's leftover included. */
static void clear_irq_vector(struct irq_data *irqd)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	bool managed = irqd_affinity_is_managed(irqd);
	unsigned int vector = apicd->vector;

	lockdep_assert_held(&vector_lock);
	if (!vector || vector == MANAGED_IRQ_SHUTDOWN_VECTOR) {
		apicd->vector = 0;
		return;
	}
	trace_vector_clear(irqd->irq, vector, apicd->cpu, apicd->prev_vector, apicd->prev_cpu);
	per_cpu(vector_irq, apicd->cpu)[vector] = VECTOR_SHUTDOWN;
	irq_matrix_free(vector_matrix, apicd->cpu, vector, managed);
	apicd->vector = 0;

	vector = apicd->prev_vector;
	if (!vector)
		return;
	per_cpu(vector_irq, apicd->prev_cpu)[vector] = VECTOR_SHUTDOWN;
	irq_matrix_free(vector_matrix, apicd->prev_cpu, vector, managed);
	apicd->prev_vector = 0;
	apicd->move_in_progress = 0;
	list_del_init(&apicd->clist);
}

static void vector_free_reserved_and_managed(struct irq_data *irqd)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);

	trace_vector_teardown(irqd->irq, apicd->is_managed, false);
	if (apicd->is_managed)
		irq_matrix_remove_managed(vector_matrix,
					  mask_word(irq_data_get_affinity_mask(irqd)));
}

static void x86_vector_free_irqs(struct irq_domain *domain, unsigned int virq,
				 unsigned int nr_irqs)
{
	unsigned long flags;
	unsigned int i;

	for (i = 0; i < nr_irqs; i++) {
		struct irq_data *irqd = irq_domain_get_irq_data(domain, virq + i);
		struct apic_chip_data *apicd = irqd ? irqd->chip_data : NULL;

		if (!apicd)
			continue;
		raw_spin_lock_irqsave(&vector_lock, flags);
		clear_irq_vector(irqd);
		vector_free_reserved_and_managed(irqd);
		list_del(&apicd->node);
		irq_domain_reset_irq_data(irqd);
		raw_spin_unlock_irqrestore(&vector_lock, flags);
		kfree(apicd);
	}
}

/*
 * Every line gets its vector here: an ISA IRQ taken over by the IOAPIC
 * its boot vector on CPU 0 (where the PIC delivered it), a managed line
 * its reservations, any other line a vector on its affinity's CPUs.
 */
static int x86_vector_alloc_irqs(struct irq_domain *domain, unsigned int virq,
				 unsigned int nr_irqs, void *arg)
{
	struct irq_alloc_info *info = arg;
	unsigned long flags;
	unsigned int i;
	int err = 0;

	for (i = 0; i < nr_irqs && !err; i++) {
		struct irq_data *irqd = irq_domain_get_irq_data(domain, virq + i);
		struct apic_chip_data *apicd = kzalloc(sizeof(*apicd), GFP_KERNEL);
		bool legacy = info && (info->flags & X86_IRQ_ALLOC_LEGACY) &&
			      virq + i < NR_IRQS_LEGACY;

		if (!apicd) {
			err = -ENOMEM;
			break;
		}
		apicd->irq = virq + i;
		INIT_LIST_HEAD(&apicd->clist);
		irqd->chip = &lapic_controller;
		irqd->chip_data = apicd;
		irqd->hwirq = virq + i;
		irqd_set_single_target(irqd);
		irqd_set_handle_enforce_irqctx(irqd);
		/* Before activation an affinity is only recorded (a shut-down managed line). */
		irqd_set_affinity_on_activate(irqd);

		raw_spin_lock_irqsave(&vector_lock, flags);
		list_add_tail(&apicd->node, &all_lines);
		if (legacy) {
			apicd->is_legacy = true;
			irq_matrix_assign(vector_matrix, ISA_IRQ_VECTOR(virq + i));
			apic_update_vector(irqd, ISA_IRQ_VECTOR(virq + i), 0);
			apic_update_irq_cfg(irqd, ISA_IRQ_VECTOR(virq + i), 0);
		} else if (irqd_affinity_is_managed(irqd)) {
			err = reserve_managed_vector(irqd);
		} else {
			err = assign_irq_vector_any_locked(irqd);
		}
		if (err)
			list_del(&apicd->node);
		raw_spin_unlock_irqrestore(&vector_lock, flags);
		trace_vector_setup(virq + i, legacy, err);
		if (err) {
			pr_err("vector: no vector free for IRQ %u (%d)\n", virq + i, err);
			irqd->chip_data = NULL;
			kfree(apicd);
		}
	}
	if (err && i > 1)
		x86_vector_free_irqs(domain, virq, i - 1);
	return err;
}

/* Managed lines take their real vector when activated, on a CPU of their mask. */
static int x86_vector_activate(struct irq_domain *dom, struct irq_data *irqd, bool reserve)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	struct cpumask searchmask;
	unsigned long flags;
	int ret = 0;

	trace_vector_activate(irqd->irq, apicd->is_managed, false, reserve);
	if (!apicd->is_managed)
		return 0;
	raw_spin_lock_irqsave(&vector_lock, flags);
	if (reserve || irqd_is_managed_and_shutdown(irqd)) {
		vector_assign_managed_shutdown(irqd);
	} else {
		cpumask_and(&searchmask, irq_data_get_affinity_mask(irqd), cpu_online_mask);
		if (WARN_ON_ONCE(cpumask_empty(&searchmask))) {
			pr_err("Managed startup for irq %u, but no CPU\n", irqd->irq);
			ret = -EINVAL;
		} else {
			ret = assign_managed_vector(irqd, &searchmask);
			if (WARN_ON_ONCE(ret < 0))
				pr_err("Managed startup irq %u, no vector available\n", irqd->irq);
		}
	}
	raw_spin_unlock_irqrestore(&vector_lock, flags);
	return ret;
}

static void x86_vector_deactivate(struct irq_domain *dom, struct irq_data *irqd)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	unsigned long flags;

	trace_vector_deactivate(irqd->irq, apicd->is_managed, false, false);
	if (!apicd->is_managed)
		return;
	raw_spin_lock_irqsave(&vector_lock, flags);
	clear_irq_vector(irqd);
	vector_assign_managed_shutdown(irqd);
	raw_spin_unlock_irqrestore(&vector_lock, flags);
}

/* The vector domain's own part of its debugfs file: the matrix, as Linux. */
static void x86_vector_debug_show(struct seq_file *m, struct irq_domain *d,
				  struct irq_data *irqd, int ind)
{
	unsigned long flags;
	int n;

	if (irqd || d != x86_vector_domain || m->count + 1 >= m->size)
		return;
	raw_spin_lock_irqsave(&vector_lock, flags);
	n = irq_matrix_debug_show(vector_matrix, m->buf + m->count, m->size - m->count);
	raw_spin_unlock_irqrestore(&vector_lock, flags);
	m->count += n;
}

static const struct irq_domain_ops x86_vector_domain_ops = {
	.alloc		= x86_vector_alloc_irqs,
	.free		= x86_vector_free_irqs,
	.activate	= x86_vector_activate,
	.deactivate	= x86_vector_deactivate,
	.debug_show	= x86_vector_debug_show,
};

/* --- completing a move ------------------------------------------------------- */

static void free_moved_vector(struct apic_chip_data *apicd)
{
	unsigned int vector = apicd->prev_vector;
	unsigned int cpu = apicd->prev_cpu;
	bool managed = apicd->is_managed;

	lockdep_assert_held(&vector_lock);
	trace_vector_free_moved(apicd->irq, cpu, vector, managed);
	irq_matrix_free(vector_matrix, cpu, vector, managed);
	per_cpu(vector_irq, cpu)[vector] = VECTOR_UNUSED;
	list_del_init(&apicd->clist);
	apicd->prev_vector = 0;
	apicd->move_in_progress = 0;
}

/*
 * On the CPU that owns @cl: free every queued old vector this local APIC
 * is not still holding in IRR. One that is pending would be delivered
 * after we freed it (to "No irq handler"), so it is kept and the timer
 * rearmed to let the CPU take it first. @check_irr is false when the CPU
 * is going offline: its pending interrupts were already sent on.
 */
static void __vector_cleanup(struct vector_cleanup *cl, bool check_irr)
{
	struct apic_chip_data *apicd, *tmp;
	bool rearm = false;

	lockdep_assert_held(&vector_lock);
	list_for_each_entry_safe(apicd, tmp, &cl->head, clist) {
		unsigned int vector = apicd->prev_vector;

		if (check_irr && apic_read_irr(vector)) {
			pr_warn_once("Moved interrupt pending in old target APIC %u\n", apicd->irq);
			rearm = true;
			continue;
		}
		free_moved_vector(apicd);
	}
	/* Under vector_lock, so __vector_schedule_cleanup()'s timer_pending() test is exact. */
	if (rearm)
		mod_timer(&cl->timer, jiffies + 1);
}

static void vector_cleanup_callback(struct timer_list *tmr)
{
	struct vector_cleanup *cl = container_of(tmr, struct vector_cleanup, timer);

	raw_spin_lock_irq(&vector_lock);
	__vector_cleanup(cl, true);
	raw_spin_unlock_irq(&vector_lock);
}

/* The new vector has been seen: queue the old one on its CPU and arm that CPU's timer. */
static void __vector_schedule_cleanup(struct apic_chip_data *apicd)
{
	unsigned int cpu = apicd->prev_cpu;

	raw_spin_lock(&vector_lock);
	apicd->move_in_progress = 0;
	if (cpu_online(cpu)) {
		struct vector_cleanup *cl = per_cpu_ptr(&vector_cleanup, cpu);

		list_add(&apicd->clist, &cl->head);
		/*
		 * Not pending: either never armed, or its callback is
		 * waiting for vector_lock on that CPU and will see this
		 * entry; arming it again then only costs an empty run.
		 */
		if (!timer_pending(&cl->timer)) {
			cl->timer.expires = jiffies + 1;
			add_timer_on(&cl->timer, cpu);
		}
	} else {
		pr_warn("IRQ %u schedule cleanup for offline CPU %u\n", apicd->irq, cpu);
		free_moved_vector(apicd);
	}
	raw_spin_unlock(&vector_lock);
}

void vector_schedule_cleanup(struct irq_cfg *cfg)
{
	struct apic_chip_data *apicd = container_of(cfg, struct apic_chip_data, hw_irq_cfg);

	if (apicd->move_in_progress)
		__vector_schedule_cleanup(apicd);
}

/*
 * From the ack of an interrupt: if it came in on the new CPU the move is
 * complete (one line never has two vectors on one CPU, so the CPU says it
 * all) and the old vector can go.
 */
void irq_complete_move(struct irq_cfg *cfg)
{
	struct apic_chip_data *apicd = container_of(cfg, struct apic_chip_data, hw_irq_cfg);

	if (likely(!apicd->move_in_progress))
		return;
	if (apicd->cpu == smp_processor_id())
		__vector_schedule_cleanup(apicd);
}

/*
 * For CPU hotplug (fixup_irqs(), with the CPUs stopped): a line about to be
 * moved off a dying CPU must not carry an unfinished move, or the vector
 * level would answer -EBUSY; its old vector is freed now. Without an
 * interrupt seen on the new vector yet, one raised on the old vector in
 * that window could be lost: it is reported.
 */
void irq_force_complete_move(struct irq_desc *desc)
{
	struct irq_data *irqd = irq_domain_get_irq_data(x86_vector_domain, irq_desc_get_irq(desc));
	struct apic_chip_data *apicd;
	unsigned long flags;

	if (!irqd)
		return;
	raw_spin_lock_irqsave(&vector_lock, flags);
	apicd = apic_chip_data(irqd);
	if (apicd && apicd->prev_vector) {
		if (apicd->move_in_progress)
			pr_warn("IRQ fixup: irq %d move in progress, old vector %d\n",
				irqd->irq, apicd->prev_vector);
		free_moved_vector(apicd);
	}
	raw_spin_unlock_irqrestore(&vector_lock, flags);
}

/* --- the local APIC as the chip of the vector level --------------------------- */

/* Ack of a line: a pending move is done here (masked), then the EOI. */
void apic_ack_irq(struct irq_data *irqd)
{
	irq_move_irq(irqd);
	apic_eoi();
}

/* Edge lines: also complete a move whose first interrupt this is. */
void apic_ack_edge(struct irq_data *irqd)
{
	irq_complete_move(irqd_cfg(irqd));
	apic_ack_irq(irqd);
}

/* Replay a pending edge: the vector sent to the line's CPU. */
static int apic_retrigger_irq(struct irq_data *irqd)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);
	unsigned long flags;

	raw_spin_lock_irqsave(&vector_lock, flags);
	send_IPI(apicd->cpu, apicd->vector);
	raw_spin_unlock_irqrestore(&vector_lock, flags);
	return 1;
}

static int apic_set_affinity(struct irq_data *irqd, const struct cpumask *dest, bool force)
{
	struct cpumask searchmask;
	int err;

	if (WARN_ON_ONCE(!irqd_is_activated(irqd) && irqd_affinity_is_managed(irqd)))
		return -EIO;
	raw_spin_lock(&vector_lock);
	cpumask_and(&searchmask, dest, cpu_online_mask);
	if (irqd_affinity_is_managed(irqd))
		err = assign_managed_vector(irqd, &searchmask);
	else
		err = assign_vector_locked(irqd, &searchmask);
	raw_spin_unlock(&vector_lock);
	return err ? err : IRQ_SET_MASK_OK;
}

struct irq_chip lapic_controller = {
	.name			= "APIC",
	.irq_ack		= apic_ack_edge,
	.irq_set_affinity	= apic_set_affinity,
	.irq_retrigger		= apic_retrigger_irq,
};

/* --- CPUs coming and going ---------------------------------------------------- */

static void vector_cleanup_init(unsigned int cpu)
{
	struct vector_cleanup *cl = per_cpu_ptr(&vector_cleanup, cpu);

	if (cl->initialized)
		return;
	INIT_LIST_HEAD(&cl->head);
	timer_setup(&cl->timer, vector_cleanup_callback, TIMER_PINNED);
	cl->initialized = true;
}

/*
 * On a CPU coming online, before it is marked online: its vectors join
 * the matrix, and its vector_irq[] is rebuilt from the lines that target
 * it (none, normally: nothing is moved to an offline CPU). With the 8259
 * in use, CPU 0 keeps the ISA vectors the PIC delivers.
 */
void lapic_online(void)
{
	unsigned int cpu = smp_processor_id(), vector;
	struct apic_chip_data *apicd;
	unsigned long flags;

	raw_spin_lock_irqsave(&vector_lock, flags);
	vector_cleanup_init(cpu);
	irq_matrix_online(vector_matrix, cpu);
	for (vector = FIRST_EXTERNAL_VECTOR; vector < FIRST_SYSTEM_VECTOR; vector++) {
		if (i8259A_in_use && cpu == 0 && vector >= ISA_IRQ_VECTOR(0) &&
		    vector < ISA_IRQ_VECTOR(NR_IRQS_LEGACY))
			continue;
		this_cpu_ptr(&vector_irq)[0][vector] = VECTOR_UNUSED;
	}
	list_for_each_entry(apicd, &all_lines, node) {
		struct irq_desc *desc = irq_to_desc(apicd->irq);

		if (apicd->vector && apicd->vector != MANAGED_IRQ_SHUTDOWN_VECTOR &&
		    apicd->cpu == cpu)
			this_cpu_ptr(&vector_irq)[0][apicd->vector] = desc;
		if (apicd->prev_vector && apicd->prev_cpu == cpu)
			this_cpu_ptr(&vector_irq)[0][apicd->prev_vector] = desc;
	}
	raw_spin_unlock_irqrestore(&vector_lock, flags);
}

/*
 * On a CPU going offline, after its lines were moved away (fixup_irqs):
 * the old vectors still queued here are freed without the IRR check,
 * and its vectors leave the matrix.
 */
void lapic_offline(void)
{
	struct vector_cleanup *cl = this_cpu_ptr(&vector_cleanup);
	unsigned long flags;

	raw_spin_lock_irqsave(&vector_lock, flags);
	if (cl->initialized) {
		__vector_cleanup(cl, false);
		del_timer(&cl->timer);
		WARN_ON_ONCE(!list_empty(&cl->head));
	}
	irq_matrix_offline(vector_matrix, smp_processor_id());
	raw_spin_unlock_irqrestore(&vector_lock, flags);
}

/* The vectors with entry points of their own never go to devices. */
void lapic_assign_system_vectors(void)
{
	unsigned int vector;

	irq_matrix_assign_system(vector_matrix, IA32_SYSCALL_VECTOR, false);
	for (vector = FIRST_SYSTEM_VECTOR; vector < NR_VECTORS; vector++)
		irq_matrix_assign_system(vector_matrix, vector, false);
	vector_cleanup_init(smp_processor_id());
	irq_matrix_online(vector_matrix, smp_processor_id());
}

unsigned int vector_matrix_allocated(void)
{
	return irq_matrix_allocated(vector_matrix);
}

unsigned int vector_matrix_available(void)
{
	return irq_matrix_available(vector_matrix, false);
}

/* For tests and debugging: the line's vector level, read under vector_lock. */
int vector_irq_state(unsigned int irq, struct vector_irq_state *st)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct apic_chip_data *apicd;
	unsigned long flags;

	if (!desc)
		return -EINVAL;
	raw_spin_lock_irqsave(&vector_lock, flags);
	apicd = apic_chip_data(&desc->irq_data);
	if (apicd) {
		st->vector = apicd->vector;
		st->cpu = apicd->cpu;
		st->prev_vector = apicd->prev_vector;
		st->prev_cpu = apicd->prev_cpu;
		st->move_in_progress = apicd->move_in_progress;
		st->cleanup_queued = !list_empty(&apicd->clist);
		st->is_managed = apicd->is_managed;
	}
	raw_spin_unlock_irqrestore(&vector_lock, flags);
	return apicd ? 0 : -ENODEV;
}

int arch_early_irq_init(void)
{
	vector_matrix = irq_alloc_matrix(NR_VECTORS, FIRST_EXTERNAL_VECTOR,
					 FIRST_SYSTEM_VECTOR);
	if (!vector_matrix)
		panic("vector: cannot allocate the vector matrix");
	x86_vector_domain = irq_domain_create_tree(irq_domain_alloc_named_fwnode("VECTOR"),
						   &x86_vector_domain_ops, NULL);
	if (!x86_vector_domain)
		panic("vector: cannot create the vector domain");
	lapic_assign_system_vectors();
	return 0;
}
