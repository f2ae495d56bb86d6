// SPDX-License-Identifier: MIT
/* unit-test-sources: kernel/irq/matrix.c */
/*
 * The vector allocator with x86's layout: 256 vectors, device vectors in
 * [0x20, 0xeb), int $0x80 a system vector. Pins which CPU and which
 * vector an allocation gets, that the counts agree with the maps, and
 * that every misuse is a WARN rather than a silent collision.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq_matrix.h>

#define FIRST_EXTERNAL_VECTOR	0x20
#define FIRST_SYSTEM_VECTOR	0xeb
#define IA32_SYSCALL_VECTOR	0x80
#define ISA_IRQ_VECTOR(irq)	(0x30 + (irq))
#define NR_DEVICE_VECTORS	(FIRST_SYSTEM_VECTOR - FIRST_EXTERNAL_VECTOR)

/*
 * The matrix is the only kmalloc() user here: the host's heap will do.
 * (Declared by hand: <stdlib.h> drags in a loff_t that clashes with the
 * kernel's.)
 */
void *calloc(size_t n, size_t size);
void free(void *p);

void *kzalloc(size_t size, gfp_t gfp)
{
	return calloc(1, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

static struct irq_matrix *m;

/* x86's boot order: system vectors, then CPUs online. */
static struct irq_matrix *x86_matrix(unsigned int nr_cpus)
{
	struct irq_matrix *mx = irq_alloc_matrix(IRQ_MATRIX_BITS, FIRST_EXTERNAL_VECTOR,
						 FIRST_SYSTEM_VECTOR);
	unsigned int cpu;

	assert_non_null(mx);
	irq_matrix_assign_system(mx, IA32_SYSCALL_VECTOR, false);
	for (cpu = 0; cpu < nr_cpus; cpu++)
		irq_matrix_online(mx, cpu);
	return mx;
}

static int setup(void **state)
{
	host_log_reset();
	host_cpu_number = 0;
	m = NULL;
	return 0;
}

static int teardown(void **state)
{
	kfree(m);
	return 0;
}

static unsigned long cpus(unsigned int first, unsigned int last)
{
	return ((2UL << last) - 1) & ~((1UL << first) - 1);
}

static void system_vectors_never_allocated(void **state)
{
	unsigned long mask = cpus(0, 0);
	unsigned int cpu, n = 0;
	int v;

	m = x86_matrix(2);
	assert_int_equal(irq_matrix_available(m, false), 2 * (NR_DEVICE_VECTORS - 1));
	while ((v = irq_matrix_alloc(m, mask, false, &cpu)) >= 0) {
		assert_int_not_equal(v, IA32_SYSCALL_VECTOR);
		assert_in_range(v, FIRST_EXTERNAL_VECTOR, FIRST_SYSTEM_VECTOR - 1);
		assert_int_equal(cpu, 0);
		n++;
	}
	assert_int_equal(v, -ENOSPC);
	assert_int_equal(n, NR_DEVICE_VECTORS - 1);
	assert_int_equal(host_warn_count, 0);
}

static void alloc_spreads_across_cpus(void **state)
{
	unsigned long mask = cpus(0, 3);
	unsigned int cpu, i;
	int v;

	m = x86_matrix(4);
	for (i = 0; i < 8; i++) {
		v = irq_matrix_alloc(m, mask, false, &cpu);
		/* Most free vectors wins, lowest CPU on a tie: round robin here. */
		assert_int_equal(cpu, i % 4);
		/* Lowest free vector on the chosen CPU. */
		assert_int_equal(v, FIRST_EXTERNAL_VECTOR + i / 4);
	}
	/* After a free, the CPU that got the vector back is the emptiest. */
	mask = cpus(1, 2);
	host_cpu_number = 1;
	irq_matrix_free(m, 1, FIRST_EXTERNAL_VECTOR, false);
	v = irq_matrix_alloc(m, mask, false, &cpu);
	assert_int_equal(cpu, 1);
	assert_int_equal(v, FIRST_EXTERNAL_VECTOR);
	assert_int_equal(irq_matrix_allocated(m), 2);
}

static void exhaustion_returns_enospc(void **state)
{
	unsigned long mask = cpus(1, 1);
	unsigned int cpu, i;

	m = x86_matrix(2);
	for (i = 0; i < NR_DEVICE_VECTORS - 1; i++)
		assert_true(irq_matrix_alloc(m, mask, false, &cpu) >= 0);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), -ENOSPC);
	/* CPU 0 is untouched and still serves a mask that allows it. */
	mask = cpus(0, 1);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), FIRST_EXTERNAL_VECTOR);
	assert_int_equal(cpu, 0);
	mask = 0;
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), -EINVAL);
	assert_int_equal(host_warn_count, 0);
}

static void free_then_reuse(void **state)
{
	unsigned long mask = cpus(0, 0);
	unsigned int cpu;
	int a, b, c;

	m = x86_matrix(1);
	a = irq_matrix_alloc(m, mask, false, &cpu);
	b = irq_matrix_alloc(m, mask, false, &cpu);
	c = irq_matrix_alloc(m, mask, false, &cpu);
	assert_int_equal(b, a + 1);
	assert_int_equal(c, a + 2);
	irq_matrix_free(m, 0, b, false);
	assert_int_equal(irq_matrix_available(m, false), NR_DEVICE_VECTORS - 1 - 2);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), b);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), c + 1);
	assert_int_equal(irq_matrix_allocated(m), 4);
}

static void assign_fixed_vector(void **state)
{
	unsigned long mask = cpus(0, 0);
	unsigned int cpu, irq;
	int v;

	m = x86_matrix(2);
	for (irq = 0; irq < 16; irq++)
		irq_matrix_assign(m, ISA_IRQ_VECTOR(irq));
	assert_int_equal(irq_matrix_allocated(m), 16);
	assert_int_equal(irq_matrix_available(m, false), 2 * (NR_DEVICE_VECTORS - 1) - 16);
	/* Allocation steps around the fixed block. */
	for (v = FIRST_EXTERNAL_VECTOR; v < ISA_IRQ_VECTOR(0); v++)
		assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), v);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), ISA_IRQ_VECTOR(16));

	/* Taken, system, or out of range: refused loudly, counts unchanged. */
	irq_matrix_assign(m, ISA_IRQ_VECTOR(4));
	irq_matrix_assign(m, IA32_SYSCALL_VECTOR);
	irq_matrix_assign(m, FIRST_SYSTEM_VECTOR);
	assert_int_equal(host_warn_count, 3);
	assert_int_equal(irq_matrix_allocated(m), 16 + 16 + 1);
}

static void double_free_warns(void **state)
{
	unsigned long mask = cpus(0, 0);
	unsigned int cpu, avail;
	int v;

	m = x86_matrix(1);
	v = irq_matrix_alloc(m, mask, false, &cpu);
	irq_matrix_free(m, cpu, v, false);
	avail = irq_matrix_available(m, false);
	assert_int_equal(host_warn_count, 0);
	irq_matrix_free(m, cpu, v, false);
	assert_int_equal(host_warn_count, 1);
	assert_int_equal(irq_matrix_available(m, false), avail);
	assert_int_equal(irq_matrix_allocated(m), 0);
	/* A system vector is never "freed" into the allocatable pool either. */
	irq_matrix_free(m, cpu, IA32_SYSCALL_VECTOR, false);
	assert_int_equal(host_warn_count, 2);
	assert_int_equal(irq_matrix_available(m, false), avail);
}

static void offline_cpu_not_chosen(void **state)
{
	unsigned long mask = cpus(0, 1);
	unsigned int cpu, i;
	int v;

	m = x86_matrix(2);
	irq_matrix_offline(m, 1);
	assert_int_equal(irq_matrix_available(m, false), NR_DEVICE_VECTORS - 1);
	for (i = 0; i < 4; i++) {
		assert_true(irq_matrix_alloc(m, mask, false, &cpu) >= 0);
		assert_int_equal(cpu, 0);
	}
	mask = cpus(1, 1);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), -ENOSPC);
	/* Back online, and emptier, it is the best choice again. */
	irq_matrix_online(m, 1);
	mask = cpus(0, 1);
	v = irq_matrix_alloc(m, mask, false, &cpu);
	assert_int_equal(cpu, 1);
	assert_int_equal(v, FIRST_EXTERNAL_VECTOR);
	/* With CPU 0 going down, only CPU 1's vectors remain. */
	assert_int_equal(irq_matrix_available(m, true), NR_DEVICE_VECTORS - 1 - 1);
	irq_matrix_offline(m, 1);
	irq_matrix_offline(m, 1);
	assert_int_equal(host_warn_count, 1);
}

static void reserved_accounting(void **state)
{
	unsigned long mask = cpus(0, 0);
	unsigned int cpu, i;

	m = irq_alloc_matrix(IRQ_MATRIX_BITS, 0x20, 0x24);
	irq_matrix_online(m, 0);
	for (i = 0; i < 3; i++)
		irq_matrix_reserve(m);
	assert_int_equal(irq_matrix_reserved(m), 3);
	assert_false(host_log_contains("exceeds"));
	assert_true(irq_matrix_alloc(m, mask, true, &cpu) >= 0);
	assert_int_equal(irq_matrix_reserved(m), 2);
	assert_true(irq_matrix_alloc(m, mask, false, &cpu) >= 0);
	assert_int_equal(irq_matrix_reserved(m), 2);
	assert_int_equal(irq_matrix_available(m, false), 2);
	/* Two promised, two free: a third promise cannot be kept. */
	irq_matrix_reserve(m);
	assert_true(host_log_contains("Interrupt reservation exceeds available resources"));
	assert_int_equal(irq_matrix_reserved(m), 3);
	irq_matrix_remove_reserved(m);
	irq_matrix_remove_reserved(m);
	irq_matrix_remove_reserved(m);
	assert_int_equal(irq_matrix_reserved(m), 0);
	irq_matrix_remove_reserved(m);
	assert_int_equal(host_warn_count, 1);
	assert_int_equal(irq_matrix_reserved(m), 0);
}

static void system_bit_replaces_boot_allocation(void **state)
{
	unsigned long mask = cpus(0, 0);
	unsigned int cpu;

	m = x86_matrix(1);
	irq_matrix_assign(m, ISA_IRQ_VECTOR(2));
	irq_matrix_assign_system(m, ISA_IRQ_VECTOR(2), true);
	assert_int_equal(irq_matrix_allocated(m), 0);
	assert_int_equal(irq_matrix_available(m, false), NR_DEVICE_VECTORS - 1 - 1);
	/* Without replace, a system bit after CPUs are online is refused. */
	irq_matrix_assign_system(m, 0x90, false);
	assert_int_equal(host_warn_count, 1);
	assert_int_equal(irq_matrix_alloc(m, mask, false, &cpu), FIRST_EXTERNAL_VECTOR);
}

/*
 * Managed lines: one vector reserved on each CPU of the mask (gone from
 * the free count, never handed to an unmanaged line), taken on the CPU
 * with the fewest managed vectors in use, given back to the reservation,
 * and the reservation dropped at the end.
 */
static void managed_reserve_alloc_free_remove(void **state)
{
	unsigned long all = cpus(0, 3);
	unsigned int cpu, avail, c0, c1;
	int v0, v1, u;

	m = x86_matrix(4);
	avail = irq_matrix_available(m, false);
	assert_int_equal(irq_matrix_reserve_managed(m, all), 0);
	assert_int_equal(irq_matrix_reserve_managed(m, all), 0);
	assert_int_equal(irq_matrix_available(m, false), avail - 8);
	/* The reserved bits are the lowest; an unmanaged allocation skips them. */
	u = irq_matrix_alloc(m, cpus(0, 0), false, &cpu);
	assert_int_equal(u, FIRST_EXTERNAL_VECTOR + 2);

	v0 = irq_matrix_alloc_managed(m, all, &c0);
	v1 = irq_matrix_alloc_managed(m, all, &c1);
	/* Fewest managed vectors in use wins, lowest CPU on a tie. */
	assert_int_equal(c0, 0);
	assert_int_equal(c1, 1);
	assert_int_equal(v0, FIRST_EXTERNAL_VECTOR);
	assert_int_equal(v1, FIRST_EXTERNAL_VECTOR);
	/* Taken from the reservation: the free count does not move. */
	assert_int_equal(irq_matrix_available(m, false), avail - 8 - 1);
	/* Only online CPUs; an empty mask is refused. */
	irq_matrix_offline(m, 2);
	irq_matrix_offline(m, 3);
	irq_matrix_offline(m, 0);
	assert_int_equal(irq_matrix_alloc_managed(m, cpus(2, 3), &cpu), -ENOSPC);
	assert_int_equal(irq_matrix_alloc_managed(m, 0, &cpu), -EINVAL);
	irq_matrix_online(m, 0);
	irq_matrix_online(m, 2);
	irq_matrix_online(m, 3);

	irq_matrix_free(m, c0, v0, true);
	irq_matrix_free(m, c1, v1, true);
	assert_int_equal(irq_matrix_available(m, false), avail - 8 - 1);
	/* Freed as the wrong kind: warned, nothing changes. */
	v0 = irq_matrix_alloc_managed(m, cpus(0, 0), &c0);
	irq_matrix_free(m, c0, v0, false);
	assert_int_equal(host_warn_count, 1);
	irq_matrix_free(m, c0, v0, true);
	irq_matrix_remove_managed(m, all);
	irq_matrix_remove_managed(m, all);
	irq_matrix_free(m, cpu, u, false);
	assert_int_equal(irq_matrix_available(m, false), avail);
	assert_int_equal(irq_matrix_allocated(m), 0);
	assert_int_equal(host_warn_count, 1);
}

/* A CPU without room for one more reservation: nothing is reserved anywhere. */
static void managed_reserve_is_all_or_nothing(void **state)
{
	unsigned int cpu, avail;

	m = x86_matrix(2);
	while (irq_matrix_alloc(m, cpus(1, 1), false, &cpu) >= 0)
		;
	avail = irq_matrix_available(m, false);
	assert_int_equal(irq_matrix_reserve_managed(m, cpus(0, 1)), -ENOSPC);
	assert_int_equal(irq_matrix_available(m, false), avail);
	assert_int_equal(irq_matrix_reserve_managed(m, cpus(0, 0)), 0);
	assert_int_equal(irq_matrix_available(m, false), avail - 1);
	assert_int_equal(host_warn_count, 0);
}

static void debug_show_lists_vectors(void **state)
{
	unsigned long mask = cpus(0, 1);
	unsigned int cpu;
	char buf[1024], tiny[16];
	int n;

	m = x86_matrix(2);
	irq_matrix_assign(m, ISA_IRQ_VECTOR(0));
	irq_matrix_assign(m, ISA_IRQ_VECTOR(1));
	irq_matrix_alloc(m, mask, false, &cpu);
	n = irq_matrix_debug_show(m, buf, sizeof(buf));
	assert_int_equal(n, strlen(buf));
	assert_non_null(strstr(buf, "System: 1: 128\n"));
	assert_non_null(strstr(buf, "Total allocated:       3\n"));
	assert_non_null(strstr(buf, "     0   200     0     0     2  48-49\n"));
	assert_non_null(strstr(buf, "     1   201     0     0     1  32\n"));
	n = irq_matrix_debug_show(m, tiny, sizeof(tiny));
	assert_int_equal(n, sizeof(tiny) - 1);
	assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(system_vectors_never_allocated, setup, teardown),
		cmocka_unit_test_setup_teardown(alloc_spreads_across_cpus, setup, teardown),
		cmocka_unit_test_setup_teardown(exhaustion_returns_enospc, setup, teardown),
		cmocka_unit_test_setup_teardown(free_then_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(assign_fixed_vector, setup, teardown),
		cmocka_unit_test_setup_teardown(double_free_warns, setup, teardown),
		cmocka_unit_test_setup_teardown(offline_cpu_not_chosen, setup, teardown),
		cmocka_unit_test_setup_teardown(reserved_accounting, setup, teardown),
		cmocka_unit_test_setup_teardown(system_bit_replaces_boot_allocation, setup, teardown),
		cmocka_unit_test_setup_teardown(managed_reserve_alloc_free_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(managed_reserve_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(debug_show_lists_vectors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
