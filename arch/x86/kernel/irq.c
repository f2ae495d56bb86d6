// SPDX-License-Identifier: MIT
/*
 * Device interrupts from vector to descriptor. asm_common_interrupt (one
 * of irq_entries_start's stubs jumped there with the vector) calls
 * common_interrupt(), whose body (DEFINE_IDTENTRY_IRQ: on the IRQ stack,
 * inside irq_enter/irq_exit) looks the vector up in this CPU's vector_irq
 * and runs the descriptor's flow handler. A vector nobody owns is acked,
 * counted (ERR) and reported at a bounded rate, and the kernel carries on.
 * Also the arch rows of /proc/interrupts, and fixup_irqs(), which
 * empties a dying CPU's vector table.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <linux/cpu.h>
#include <asm/irq.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/idtentry.h>
#include <asm/smp.h>
#include <asm/tsc.h>

DEFINE_PER_CPU(vector_irq_t, vector_irq);
DEFINE_PER_CPU(struct pt_regs *, irq_regs);

/* A flow handler with nobody to call (handle_bad_irq). */
void ack_bad_irq(unsigned int irq)
{
	pr_crit_ratelimited("unexpected IRQ trap at vector %02x\n", irq);
	irq_err_count++;
	apic_eoi();
}

/*
 * The vector's descriptor runs its flow handler. A vector nobody owns is
 * acked and counted; a late arrival on a vector just freed is forgotten.
 */
DEFINE_IDTENTRY_IRQ(common_interrupt)
{
	struct irq_desc *desc = vector_irq_read(vector);

	if (likely(desc && desc != VECTOR_SHUTDOWN && desc != VECTOR_RETRIGGERED)) {
		generic_handle_irq_desc(desc);
		return;
	}
	apic_eoi();
	if (desc == VECTOR_UNUSED) {
		irq_err_count++;
		pr_emerg_ratelimited("%s: %d.%u No irq handler for vector\n",
				     __func__, smp_processor_id(), vector);
	} else {
		this_cpu_ptr(&vector_irq)[0][vector] = VECTOR_UNUSED;
	}
}

/* A system vector with no handler of its own (see spurious_entries_start). */
DEFINE_IDTENTRY_IRQ(spurious_interrupt)
{
	inc_irq_stat(irq_spurious_count);
	if (apic_vector_in_service(vector))
		apic_eoi();
	pr_info_once("spurious APIC interrupt through vector %02x on CPU#%d, should never happen.\n",
		     vector, smp_processor_id());
}

#define irq_stats(cpu)	per_cpu_ptr(&irq_stat, cpu)

static void show_row(struct seq_file *p, int prec, const char *label,
		     size_t offset, const char *what)
{
	int cpu;

	seq_printf(p, "%*s: ", prec, label);
	for_each_online_cpu(cpu)
		seq_printf(p, "%10u ", *(unsigned int *)((char *)irq_stats(cpu) + offset));
	seq_printf(p, "  %s\n", what);
}

int arch_show_interrupts(struct seq_file *p, int prec)
{
	show_row(p, prec, "NMI", offsetof(irq_cpustat_t, __nmi_count), "Non-maskable interrupts");
	show_row(p, prec, "LOC", offsetof(irq_cpustat_t, apic_timer_irqs), "Local timer interrupts");
	show_row(p, prec, "SPU", offsetof(irq_cpustat_t, irq_spurious_count), "Spurious interrupts");
	show_row(p, prec, "PMI", offsetof(irq_cpustat_t, apic_perf_irqs), "Performance monitoring interrupts");
	show_row(p, prec, "IWI", offsetof(irq_cpustat_t, apic_irq_work_irqs), "IRQ work interrupts");
	show_row(p, prec, "RES", offsetof(irq_cpustat_t, irq_resched_count), "Rescheduling interrupts");
	show_row(p, prec, "CAL", offsetof(irq_cpustat_t, irq_call_count), "Function call interrupts");
	seq_printf(p, "%*s: %10u\n", prec, "ERR", irq_err_count);
	seq_printf(p, "%*s: %10u\n", prec, "MIS", irq_mis_count);
	return 0;
}

/* The system-vector interrupts @cpu took, for /proc/stat's "intr" total. */
u64 arch_irq_stat_cpu(unsigned int cpu)
{
	const irq_cpustat_t *s = irq_stats(cpu);

	return (u64)s->__nmi_count + s->apic_timer_irqs + s->irq_spurious_count +
	       s->apic_perf_irqs + s->apic_irq_work_irqs + s->irq_resched_count +
	       s->irq_call_count;
}

/* Interrupts counted on no CPU: APIC errors and misrouted ones. */
u64 arch_irq_stat(void)
{
	return irq_err_count;
}

/* --- CPU hotplug ------------------------------------------------------------- */

/* The dying CPU's device vectors before the move: what its IRR may still hold. */
static struct irq_desc *fixup_vectors[NR_VECTORS];

static bool vector_is_device(struct irq_desc *desc)
{
	return desc != VECTOR_UNUSED && desc != VECTOR_SHUTDOWN && desc != VECTOR_RETRIGGERED;
}

/*
 * Replay @vector's interrupt on the line's new CPU: the chip closest to
 * the line that can retrigger does (for a vector, a self-IPI on the
 * CPU that owns it now).
 */
static bool fixup_retrigger(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	int ret = 0;

	raw_spin_lock(&desc->lock);
	if (d->chip && d->chip->irq_retrigger)
		ret = d->chip->irq_retrigger(d);
	else
		ret = irq_chip_retrigger_hierarchy(d);
	raw_spin_unlock(&desc->lock);
	return ret > 0;
}

/**
 * fixup_irqs - move every device interrupt off the dying CPU
 *
 * On the dying CPU, interrupts off, after it left cpu_online_mask
 * (native_cpu_disable()). The generic code points each line at another
 * CPU (irq_migrate_all_off_this_cpu()). An interrupt that was already
 * on its way here may then sit in this local APIC's IRR, where it would
 * be lost with the CPU: after a moment for in-flight messages to land,
 * each device vector still requested here is retriggered on the line's
 * new CPU (Linux's loop over vector_irq). Then this CPU's table holds
 * no device any more; a retriggered vector is marked so that its late
 * delivery here is dropped quietly.
 */
void fixup_irqs(void)
{
	vector_irq_t *table = this_cpu_ptr(&vector_irq);
	unsigned int vector;

	for (vector = FIRST_EXTERNAL_VECTOR; vector < FIRST_SYSTEM_VECTOR; vector++)
		fixup_vectors[vector] = (*table)[vector];
	irq_migrate_all_off_this_cpu();
	udelay(1000);
	for (vector = FIRST_EXTERNAL_VECTOR; vector < FIRST_SYSTEM_VECTOR; vector++) {
		struct irq_desc *desc = fixup_vectors[vector];

		fixup_vectors[vector] = NULL;
		if (!vector_is_device(desc)) {
			(*table)[vector] = VECTOR_UNUSED;
			continue;
		}
		if (apic_read_irr(vector) && fixup_retrigger(desc))
			(*table)[vector] = VECTOR_RETRIGGERED;
		else
			(*table)[vector] = VECTOR_UNUSED;
	}
}

/* Device vectors this CPU's table still names (0 for a CPU that is down). */
unsigned int vector_irq_device_count(unsigned int cpu)
{
	unsigned int vector, n = 0;

	for (vector = FIRST_EXTERNAL_VECTOR; vector < FIRST_SYSTEM_VECTOR; vector++)
		if (vector_is_device(per_cpu(vector_irq, cpu)[vector]))
			n++;
	return n;
}
