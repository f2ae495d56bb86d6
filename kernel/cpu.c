// SPDX-License-Identifier: MIT
/*
 * The CPU masks every subsystem reads (possible, present, online),
 * nr_cpu_ids, the constant single-CPU masks behind cpumask_of(), and the
 * command-line words that cap them: nr_cpus= (how many may ever exist),
 * maxcpus= (how many are brought up at boot), nosmp (maxcpus=0). Linux
 * parses the last three in kernel/smp.c; the x86 topology code
 * (arch/x86/kernel/cpu/topology.c) applies them. Only the boot CPU is
 * set in any mask until the MADT has been read.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <asm/smp.h>

struct cpumask __cpu_online_mask = { { 1UL } };
struct cpumask __cpu_possible_mask = { { 1UL } };
struct cpumask __cpu_present_mask = { { 1UL } };
unsigned int nr_cpu_ids = NR_CPUS;

/* CPUs smp_init() may bring up; nosmp and maxcpus= lower it. */
unsigned int setup_max_cpus = NR_CPUS;

BUILD_BUG_ON(NR_CPUS != BITS_PER_LONG);

#define SINGLE(c)	{ { 1UL << (c) } }
#define SINGLE8(c)	SINGLE(c), SINGLE(c + 1), SINGLE(c + 2), SINGLE(c + 3), \
			SINGLE(c + 4), SINGLE(c + 5), SINGLE(c + 6), SINGLE(c + 7)

const struct cpumask cpu_single_masks[NR_CPUS] = {
	SINGLE8(0), SINGLE8(8), SINGLE8(16), SINGLE8(24),
	SINGLE8(32), SINGLE8(40), SINGLE8(48), SINGLE8(56),
};

/* Atomic: an AP marks itself online while other CPUs read and write the masks. */
static void assign_cpu(unsigned int cpu, struct cpumask *mask, bool val)
{
	unsigned long *word = __cpumask_word(cpu, mask), bit = 1UL << (cpu % BITS_PER_LONG);

	if (val)
		__atomic_fetch_or(word, bit, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
}

void set_cpu_online(unsigned int cpu, bool online)
{
	assign_cpu(cpu, &__cpu_online_mask, online);
}

void set_cpu_possible(unsigned int cpu, bool possible)
{
	assign_cpu(cpu, &__cpu_possible_mask, possible);
}

void set_cpu_present(unsigned int cpu, bool present)
{
	assign_cpu(cpu, &__cpu_present_mask, present);
}

void reset_cpu_possible_mask(void)
{
	cpumask_clear(&__cpu_possible_mask);
}

void set_nr_cpu_ids(unsigned int nr)
{
	nr_cpu_ids = nr;
}

static int __init parse_nr_cpus(char *arg)
{
	unsigned long n;

	if (kstrtoul(arg, 0, &n))
		return -EINVAL;
	if (n > 0 && n < nr_cpu_ids)
		set_nr_cpu_ids(n);
	return 0;
}
__setup("nr_cpus=", parse_nr_cpus);

static int __init parse_maxcpus(char *arg)
{
	unsigned long n;

	if (kstrtoul(arg, 0, &n))
		return -EINVAL;
	setup_max_cpus = min(n, (unsigned long)NR_CPUS);
	return 0;
}
__setup("maxcpus=", parse_maxcpus);

static int __init parse_nosmp(char *arg)
{
	setup_max_cpus = 0;
	return 0;
}
__setup("nosmp", parse_nosmp);

/**
 * cpu_up - bring a present CPU online
 * @cpu: its logical number
 *
 * Return: 0, -EINVAL for a CPU that is not present, -EBUSY for one that
 * is online already, or the architecture's error.
 */
int cpu_up(unsigned int cpu)
{
	if (cpu >= nr_cpu_ids || !cpu_present(cpu))
		return -EINVAL;
	if (cpu_online(cpu))
		return -EBUSY;
	return __cpu_up(cpu);
}

/* smp_init()'s loop: every present CPU, until @setup_max_cpus run (maxcpus=). */
void bringup_nonboot_cpus(unsigned int setup_max_cpus)
{
	unsigned int cpu;

	for_each_present_cpu(cpu) {
		if (num_online_cpus() >= setup_max_cpus)
			break;
		if (!cpu_online(cpu))
			cpu_up(cpu);
	}
}

/* The end of the run of set bits that starts at @cpu. */
static unsigned int cpumask_run_end(unsigned int cpu, const struct cpumask *mask)
{
	while (cpu + 1 < nr_cpu_ids && cpumask_test_cpu(cpu + 1, mask))
		cpu++;
	return cpu;
}

/* snprintf() that never reports more than it wrote, so lengths can be summed. */
static int list_put(char *buf, size_t size, const char *fmt, unsigned int a, unsigned int b)
{
	int n;

	if (!size)
		return 0;
	n = snprintf(buf, size, fmt, a, b);
	return n < (int)size ? n : (int)size - 1;
}

int cpumap_print_list(char *buf, size_t size, const struct cpumask *mask)
{
	unsigned int cpu, last;
	int len = 0;

	for (cpu = cpumask_first(mask); cpu < nr_cpu_ids; cpu = cpumask_next(last, mask)) {
		last = cpumask_run_end(cpu, mask);
		if (len)
			len += list_put(buf + len, size - len, ",", 0, 0);
		len += list_put(buf + len, size - len, last == cpu ? "%u" : "%u-%u", cpu, last);
	}
	len += list_put(buf + len, size - len, "\n", 0, 0);
	return len;
}
