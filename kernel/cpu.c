// SPDX-License-Identifier: MIT
/*
 * The CPU masks every subsystem reads: which CPUs exist and which are
 * online, and the constant single-CPU masks behind cpumask_of(). Only the
 * boot CPU is online (and possible) until SMP bring-up sets more.
 */
#include <linux/cpumask.h>

struct cpumask __cpu_online_mask = { { 1UL } };
struct cpumask __cpu_possible_mask = { { 1UL } };

BUILD_BUG_ON(NR_CPUS != BITS_PER_LONG);

#define SINGLE(c)	{ { 1UL << (c) } }
#define SINGLE8(c)	SINGLE(c), SINGLE(c + 1), SINGLE(c + 2), SINGLE(c + 3), \
			SINGLE(c + 4), SINGLE(c + 5), SINGLE(c + 6), SINGLE(c + 7)

const struct cpumask cpu_single_masks[NR_CPUS] = {
	SINGLE8(0), SINGLE8(8), SINGLE8(16), SINGLE8(24),
	SINGLE8(32), SINGLE8(40), SINGLE8(48), SINGLE8(56),
};

void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

void set_cpu_possible(unsigned int cpu, bool possible)
{
	if (possible)
		cpumask_set_cpu(cpu, &__cpu_possible_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_possible_mask);
}
