// SPDX-License-Identifier: MIT
/* unit-test-sources: kernel/irq/irqdesc.c kernel/irq/chip.c kernel/irq/handle.c kernel/irq/manage.c kernel/irq/migration.c kernel/irq/resend.c kernel/irq/spurious.c kernel/irq/irqdomain.c kernel/irq/dummychip.c kernel/irq/proc.c kernel/softirq.c kernel/sched/cputime.c kernel/cpu.c fs/seq_file.c lib/bitmap-str.c */
/*
 * IRQ domains as x86 stacks them — an "IO-APIC" domain of 24 pins on a
 * "VECTOR" tree domain — with fake chips: per-level irq_data, hwirq
 * versus Linux IRQ number, activation order, reverse lookup, the legacy
 * ISA numbers; and /proc/interrupts, byte for byte in Linux's format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>

#include "irq_harness.h"
#include <linux/irqdomain.h>
#include <linux/seq_file.h>
#include "../../kernel/irq/internals.h"

static void vec_eoi(struct irq_data *d)		{ fake_log("vector_eoi"); }
static void vec_mask(struct irq_data *d)	{ fake_log("vector_mask"); }
static void vec_unmask(struct irq_data *d)	{ fake_log("vector_unmask"); }

static int vec_set_affinity(struct irq_data *d, const struct cpumask *dest, bool force)
{
	fake_log("vector_affinity");
	return IRQ_SET_MASK_OK;
}

static struct irq_chip vector_chip = {
	.name			= "APIC",
	.irq_mask		= vec_mask,
	.irq_unmask		= vec_unmask,
	.irq_eoi		= vec_eoi,
	.irq_set_affinity	= vec_set_affinity,
};

/* The IO-APIC forwards EOI and affinity to the vector level below it. */
static struct irq_chip ioapic_chip = {
	.name			= "IO-APIC",
	.irq_mask		= fake_mask,
	.irq_unmask		= fake_unmask,
	.irq_eoi		= irq_chip_eoi_parent,
	.irq_set_affinity	= irq_chip_set_affinity_parent,
};

static int vector_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	unsigned int i;

	/* As x86: the vector domain's hwirq is the Linux IRQ number. */
	for (i = 0; i < nr; i++)
		irq_domain_set_hwirq_and_chip(d, virq + i, virq + i, &vector_chip, NULL);
	return 0;
}

static int vector_activate(struct irq_domain *d, struct irq_data *irqd, bool reserve)
{
	fake_log("activate:VECTOR");
	return 0;
}

static void vector_deactivate(struct irq_domain *d, struct irq_data *irqd)
{
	fake_log("deactivate:VECTOR");
}

static const struct irq_domain_ops vector_ops = {
	.alloc		= vector_alloc,
	.free		= irq_domain_free_irqs_common,
	.activate	= vector_activate,
	.deactivate	= vector_deactivate,
};

/* @arg is the pin (GSI) to map. */
static int ioapic_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr, void *arg)
{
	unsigned long pin = *(unsigned long *)arg;
	int ret;

	ret = irq_domain_alloc_irqs_parent(d, virq, nr, arg);
	if (ret)
		return ret;
	irq_domain_set_info(d, virq, pin, &ioapic_chip, NULL, handle_fasteoi_irq,
			    NULL, "fasteoi");
	return 0;
}

static int ioapic_activate(struct irq_domain *d, struct irq_data *irqd, bool reserve)
{
	fake_log("activate:IO-APIC");
	return 0;
}

static void ioapic_deactivate(struct irq_domain *d, struct irq_data *irqd)
{
	fake_log("deactivate:IO-APIC");
}

static const struct irq_domain_ops ioapic_ops = {
	.alloc		= ioapic_alloc,
	.free		= irq_domain_free_irqs_top,
	.activate	= ioapic_activate,
	.deactivate	= ioapic_deactivate,
};

static struct irq_domain *vector_domain, *ioapic_domain;
static unsigned int calls;

static irqreturn_t count_handler(int irq, void *dev)
{
	calls++;
	return IRQ_HANDLED;
}

static int group_setup(void **state)
{
	early_irq_init();
	vector_domain = irq_domain_create_tree(irq_domain_alloc_named_fwnode("VECTOR"),
					       &vector_ops, NULL);
	ioapic_domain = irq_domain_create_hierarchy(vector_domain, 0, 24,
			irq_domain_alloc_named_id_fwnode("IO-APIC", 0), &ioapic_ops, NULL);
	return !vector_domain || !ioapic_domain;
}

static int setup(void **state)
{
	host_log_reset();
	fake_chip_take();
	calls = 0;
	return 0;
}

static int alloc_pin(int irq_base, unsigned long pin, bool realloc)
{
	return __irq_domain_alloc_irqs(ioapic_domain, irq_base, 1, NUMA_NO_NODE, &pin,
				       realloc, NULL);
}

static void domain_hierarchy_alloc_sets_parent_data(void **state)
{
	struct irq_data *top, *parent;
	int virq = alloc_pin(-1, 9, false);

	assert_true(virq >= NR_IRQS_LEGACY);
	assert_string_equal(ioapic_domain->name, "IO-APIC-0");
	top = irq_get_irq_data(virq);
	assert_ptr_equal(top->domain, ioapic_domain);
	assert_ptr_equal(top->chip, &ioapic_chip);
	assert_int_equal(top->hwirq, 9);		/* the pin, not the IRQ number */
	parent = top->parent_data;
	assert_non_null(parent);
	assert_ptr_equal(parent, irq_domain_get_irq_data(vector_domain, virq));
	assert_ptr_equal(parent->domain, vector_domain);
	assert_ptr_equal(parent->chip, &vector_chip);
	assert_int_equal(parent->hwirq, virq);
	assert_int_equal(parent->irq, virq);
	assert_ptr_equal(parent->common, top->common);	/* one state for all levels */
	assert_null(parent->parent_data);
	assert_int_equal(ioapic_domain->mapcount, 1);
	assert_int_equal(vector_domain->mapcount, 1);
	assert_string_equal(irq_to_desc(virq)->name, "fasteoi");

	/* Starting the line activates bottom-up; EOI travels down the hierarchy. */
	assert_int_equal(request_irq(virq, count_handler, 0, "dev", &calls), 0);
	assert_string_equal(fake_chip_take(),
			    "activate:VECTOR activate:IO-APIC unmask vector_affinity ");
	fire(virq);
	assert_int_equal(calls, 1);
	assert_string_equal(fake_chip_take(), "vector_eoi ");
	free_irq(virq, &calls);
	assert_string_equal(fake_chip_take(), "mask deactivate:IO-APIC deactivate:VECTOR ");

	irq_domain_free_irqs(virq, 1);
	assert_null(irq_get_irq_data(virq)->parent_data);
	assert_null(irq_get_irq_data(virq)->domain);
	assert_int_equal(ioapic_domain->mapcount, 0);
	assert_int_equal(vector_domain->mapcount, 0);
}

static void irq_find_mapping_returns_virq(void **state)
{
	int a = alloc_pin(-1, 11, false);
	int b = alloc_pin(-1, 20, false);

	assert_true(a > 0 && b > 0 && a != b);
	assert_int_equal(irq_find_mapping(ioapic_domain, 11), a);
	assert_int_equal(irq_find_mapping(ioapic_domain, 20), b);
	assert_int_equal(irq_find_mapping(ioapic_domain, 12), 0);
	assert_int_equal(irq_find_mapping(ioapic_domain, 100), 0);	/* beyond the domain */
	/* The tree domain has no linear map: found by scanning. */
	assert_int_equal(irq_find_mapping(vector_domain, b), b);
	irq_domain_free_irqs(a, 1);
	assert_int_equal(irq_find_mapping(ioapic_domain, 11), 0);
	assert_int_equal(irq_find_mapping(ioapic_domain, 20), b);
	irq_domain_free_irqs(b, 1);
}

static void legacy_irqs_keep_their_isa_numbers(void **state)
{
	int dyn;

	/* 0-15 are preallocated: asking for one anew is refused ... */
	assert_int_equal(alloc_pin(4, 4, false), -EEXIST);
	assert_int_equal(irq_alloc_descs(3, 3, 1, NUMA_NO_NODE), -EEXIST);
	/* ... and the IO-APIC maps GSI n onto IRQ n with realloc. */
	assert_int_equal(alloc_pin(4, 4, true), 4);
	assert_int_equal(irq_find_mapping(ioapic_domain, 4), 4);
	assert_int_equal(irq_get_irq_data(4)->parent_data->hwirq, 4);

	dyn = irq_alloc_descs(-1, 0, 1, NUMA_NO_NODE);
	assert_true(dyn >= NR_IRQS_LEGACY);
	irq_free_descs(dyn, 1);
	irq_domain_free_irqs(4, 1);
}

static char proc_buf[8192];

static const char *render_proc_interrupts(void)
{
	struct seq_file m;
	loff_t pos;

	seq_file_init(&m, proc_buf, sizeof(proc_buf));
	for (pos = 0; pos <= nr_irqs; pos++)
		show_interrupts(&m, &pos);
	assert_false(seq_has_overflowed(&m));
	return proc_buf;
}

static unsigned int eth0, snd;

static irqreturn_t nop_handler(int irq, void *dev)
{
	return IRQ_HANDLED;
}

static void proc_interrupts_format(void **state)
{
	int plain = irq_alloc_descs(40, 40, 1, NUMA_NO_NODE);
	int mapped = alloc_pin(41, 2, false);

	assert_int_equal(plain, 40);
	assert_int_equal(mapped, 41);
	irq_set_chip_and_handler_name(plain, &fake_chip, handle_edge_irq, "edge");
	assert_int_equal(request_irq(plain, nop_handler, IRQF_SHARED, "eth0", &eth0), 0);
	assert_int_equal(request_irq(plain, nop_handler, IRQF_SHARED, "snd", &snd), 0);
	assert_int_equal(request_irq(mapped, nop_handler, 0, "timer", &calls), 0);
	fire_n(plain, 3);
	fire_n(mapped, 46);

	assert_string_equal(render_proc_interrupts(),
		"           CPU0       \n"
		" 40:          3      fake    -edge      eth0, snd\n"
		" 41:         46   IO-APIC   2-fasteoi   timer\n");

	free_irq(plain, &eth0);
	free_irq(plain, &snd);
	free_irq(mapped, &calls);
	assert_string_equal(render_proc_interrupts(), "           CPU0       \n");
	irq_free_descs(plain, 1);
	irq_domain_free_irqs(mapped, 1);
}

static void irq_set_affinity_goes_to_the_vector_level(void **state)
{
	int virq = alloc_pin(-1, 5, false);
	struct cpumask two = { { 0x3 } };

	struct irq_data *d = irq_get_irq_data(virq);
	struct irq_desc *desc = irq_to_desc(virq);

	assert_int_equal(request_irq(virq, count_handler, 0, "dev", &calls), 0);
	/* A line movable from any context moves at once. */
	irqd_set_move_pcntxt(d);
	fake_chip_take();
	assert_int_equal(irq_set_affinity(virq, cpumask_of(0)), 0);
	assert_string_equal(fake_chip_take(), "vector_affinity ");
	assert_true(cpumask_equal(irq_data_get_affinity_mask(d), cpumask_of(0)));
	assert_true(irqd_affinity_was_set(d));
	/* A mask with no online CPU is refused: only CPU 0 is up. */
	assert_int_equal(irq_set_affinity(virq, cpumask_of(1)), -EINVAL);
	assert_int_equal(irq_set_affinity(virq, &two), 0);
	fake_chip_take();

	/* Any other line only records the wish; its next interrupt moves it. */
	irqd_clr_move_pcntxt(d);
	assert_int_equal(irq_set_affinity(virq, cpumask_of(0)), 0);
	assert_string_equal(fake_chip_take(), "");
	assert_true(irqd_is_setaffinity_pending(d));
	assert_true(cpumask_equal(desc->pending_mask, cpumask_of(0)));
	raw_spin_lock(&desc->lock);
	irq_move_masked_irq(d);
	raw_spin_unlock(&desc->lock);
	assert_string_equal(fake_chip_take(), "vector_affinity ");
	assert_false(irqd_is_setaffinity_pending(d));
	assert_true(cpumask_equal(irq_data_get_affinity_mask(d), cpumask_of(0)));
	free_irq(virq, &calls);
	irq_domain_free_irqs(virq, 1);
}

#define T(fn)	cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(domain_hierarchy_alloc_sets_parent_data),
		T(irq_find_mapping_returns_virq),
		T(legacy_irqs_keep_their_isa_numbers),
		T(proc_interrupts_format),
		T(irq_set_affinity_goes_to_the_vector_level),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
