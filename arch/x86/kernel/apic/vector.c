// SPDX-License-Identifier: MIT
/*
 * The x86 vector domain: the root of every interrupt hierarchy (IOAPIC
 * and PCI-MSI domains are its children). Its job is to give each Linux
 * IRQ a (CPU, vector) pair out of the vector matrix and to record it in
 * that CPU's vector_irq[], so that common_interrupt() finds the
 * descriptor. Its chip is the local APIC itself: ack is the APIC EOI,
 * retrigger a self-IPI of the vector, affinity a move to another CPU's
 * vector. The ISA IRQs keep their boot vectors ISA_IRQ_VECTOR(irq).
 *
 * All vector bookkeeping happens under vector_lock.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/irq_matrix.h>
#include <linux/cpumask.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/irq.h>
#include <asm/smp.h>

struct apic_chip_data {
	struct irq_cfg hw_irq_cfg;
	unsigned int vector;
	unsigned int cpu;
	unsigned int irq;
	bool is_legacy;
};

struct irq_domain *x86_vector_domain;
static struct irq_matrix *vector_matrix;
static DEFINE_RAW_SPINLOCK(vector_lock);

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

static void apic_update_vector_locked(struct apic_chip_data *apicd,
				      struct irq_desc *desc, unsigned int vector,
				      unsigned int cpu)
{
	lockdep_assert_held(&vector_lock);
	if (apicd->vector)
		per_cpu(vector_irq, apicd->cpu)[apicd->vector] = VECTOR_SHUTDOWN;
	apicd->vector = vector;
	apicd->cpu = cpu;
	apicd->hw_irq_cfg.vector = vector;
	apicd->hw_irq_cfg.dest_apicid = x86_cpu_to_apicid[cpu];
	per_cpu(vector_irq, cpu)[vector] = desc;
	irq_data_update_effective_affinity(&desc->irq_data, cpumask_of(cpu));
}

static int assign_vector_locked(struct irq_data *irqd, unsigned long cpumask)
{
	struct apic_chip_data *apicd = irqd->chip_data;
	unsigned int cpu;
	int vector;

	lockdep_assert_held(&vector_lock);
	vector = irq_matrix_alloc(vector_matrix, cpumask, false, &cpu);
	if (vector < 0)
		return vector;
	if (apicd->vector)
		irq_matrix_free(vector_matrix, apicd->cpu, apicd->vector, false);
	apic_update_vector_locked(apicd, irq_to_desc(irqd->irq), vector, cpu);
	return 0;
}

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

		if (!apicd) {
			err = -ENOMEM;
			break;
		}
		apicd->irq = virq + i;
		irqd->chip = &lapic_controller;
		irqd->chip_data = apicd;
		irqd->hwirq = virq + i;

		raw_spin_lock_irqsave(&vector_lock, flags);
		if (info && (info->flags & X86_IRQ_ALLOC_LEGACY) && virq + i < NR_IRQS_LEGACY) {
			apicd->is_legacy = true;
			irq_matrix_assign(vector_matrix, ISA_IRQ_VECTOR(virq + i));
			apic_update_vector_locked(apicd, irq_to_desc(virq + i),
						  ISA_IRQ_VECTOR(virq + i), 0);
		} else {
			err = assign_vector_locked(irqd, cpumask_bits(cpu_online_mask)[0]);
		}
		raw_spin_unlock_irqrestore(&vector_lock, flags);
		if (err) {
			pr_err("vector: no vector free for IRQ %u (%d)\n", virq + i, err);
			irqd->chip_data = NULL;
			kfree(apicd);
		}
	}
	if (err && i > 1)
		domain->ops->free(domain, virq, i - 1);
	return err;
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
		per_cpu(vector_irq, apicd->cpu)[apicd->vector] = VECTOR_SHUTDOWN;
		irq_matrix_free(vector_matrix, apicd->cpu, apicd->vector, false);
		raw_spin_unlock_irqrestore(&vector_lock, flags);
		irq_domain_reset_irq_data(irqd);
		kfree(apicd);
	}
}

static const struct irq_domain_ops x86_vector_domain_ops = {
	.alloc	= x86_vector_alloc_irqs,
	.free	= x86_vector_free_irqs,
};

/* Edge interrupts: the flow handler's ack is the local APIC's EOI. */
static void apic_ack_edge(struct irq_data *irqd)
{
	apic_eoi();
}

/* Replay a pending edge: make the CPU see the vector again. */
static int apic_retrigger_irq(struct irq_data *irqd)
{
	struct apic_chip_data *apicd = apic_chip_data(irqd);

	send_IPI(apicd->cpu, apicd->vector);
	return 1;
}

static int apic_set_affinity(struct irq_data *irqd, const struct cpumask *dest, bool force)
{
	unsigned long flags;
	int err;

	if (irqd->chip_data && apic_chip_data(irqd)->is_legacy && cpumask_test_cpu(0, dest))
		return IRQ_SET_MASK_OK;
	raw_spin_lock_irqsave(&vector_lock, flags);
	err = assign_vector_locked(irqd, cpumask_bits(dest)[0] & cpumask_bits(cpu_online_mask)[0]);
	raw_spin_unlock_irqrestore(&vector_lock, flags);
	return err ? err : IRQ_SET_MASK_OK;
}

struct irq_chip lapic_controller = {
	.name			= "APIC",
	.irq_ack		= apic_ack_edge,
	.irq_set_affinity	= apic_set_affinity,
	.irq_retrigger		= apic_retrigger_irq,
};

/* The vectors with entry points of their own never go to devices. */
void lapic_assign_system_vectors(void)
{
	unsigned int vector;

	irq_matrix_assign_system(vector_matrix, IA32_SYSCALL_VECTOR, false);
	for (vector = FIRST_SYSTEM_VECTOR; vector < NR_VECTORS; vector++)
		irq_matrix_assign_system(vector_matrix, vector, false);
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
