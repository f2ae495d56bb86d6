// SPDX-License-Identifier: MIT
/*
 * The architecture-independent half of NMI backtraces, as Linux's
 * lib/nmi_backtrace.c: the mask of CPUs still to answer, the bounded
 * wait for it to empty, and what each CPU prints from its NMI handler.
 * The arch half (arch/x86/kernel/apic/hw_nmi.c) sends the NMIs.
 *
 * Only one backtrace runs at a time; a second caller returns at once.
 * The CPUs print one after another under backtrace_print_lock, so their
 * reports do not interleave; a CPU that cannot get it in time prints
 * anyway, since a wedged holder must not silence the rest.
 */
#include <linux/kernel.h>
#include <linux/nmi.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/kdebug.h>

static struct cpumask backtrace_mask;		/* CPUs yet to print */
static unsigned long backtrace_flag;		/* a backtrace is running */
static arch_spinlock_t backtrace_print_lock = __ARCH_SPIN_LOCK_UNLOCKED;
unsigned int nmi_backtrace_unserialized;	/* reports printed without the lock */

/* NMI handlers clear their bits while the caller reads the mask: atomically. */
static bool backtrace_mask_test_and_clear(unsigned int cpu)
{
	unsigned long bit = 1UL << (cpu % BITS_PER_LONG);
	unsigned long *word = &cpumask_bits(&backtrace_mask)[cpu / BITS_PER_LONG];

	return __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST) & bit;
}

static bool backtrace_mask_empty(void)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (READ_ONCE(cpumask_bits(&backtrace_mask)[i]))
			return false;
	return true;
}

/* Spin until @cond (evaluated once per round: it may take a lock) or @ms of the TSC pass. */
#define spin_until_tsc(cond, ms) ({					\
	u64 __end = rdtsc() + (u64)tsc_khz * (ms);			\
	bool __ok;							\
									\
	while (!(__ok = (cond)) && rdtsc() < __end)			\
		cpu_relax();						\
	__ok;								\
})

bool nmi_trigger_cpumask_backtrace(const struct cpumask *mask, int exclude_cpu,
				   void (*raise)(const struct cpumask *mask))
{
	struct cpumask targets;
	bool done;

	if (__atomic_exchange_n(&backtrace_flag, 1, __ATOMIC_ACQUIRE))
		return false;
	cpumask_and(&targets, mask, cpu_online_mask);
	if (exclude_cpu >= 0)
		cpumask_clear_cpu(exclude_cpu, &targets);
	cpumask_copy(&backtrace_mask, &targets);
	smp_mb();	/* the mask is in place before any NMI can look at it */

	if (!cpumask_empty(&targets)) {
		char list[64];

		cpumap_print_list(list, sizeof(list), &targets);
		pr_info("Sending NMI from CPU %d to CPUs %s", raw_smp_processor_id(), list);
		raise(&targets);
	}
	done = spin_until_tsc(backtrace_mask_empty(), NMI_BACKTRACE_TIMEOUT_MS);
	if (!done)
		pr_warn("NMI backtrace: some CPUs did not answer\n");
	cpumask_clear(&backtrace_mask);
	__atomic_store_n(&backtrace_flag, 0, __ATOMIC_RELEASE);
	return done;
}

bool nmi_cpu_backtrace(struct pt_regs *regs)
{
	int cpu = raw_smp_processor_id();
	bool locked;

	if (!cpumask_test_cpu(cpu, &backtrace_mask))
		return false;
	locked = spin_until_tsc(arch_spin_trylock(&backtrace_print_lock),
				NMI_BACKTRACE_TIMEOUT_MS / 2);
	if (!locked)
		__atomic_fetch_add(&nmi_backtrace_unserialized, 1, __ATOMIC_RELAXED);
	pr_err("NMI backtrace for cpu %d\n", cpu);
	if (regs)
		show_regs(regs);
	dump_stack();
	if (locked)
		arch_spin_unlock(&backtrace_print_lock);
	/* Last: the caller may return (and print) once every bit is clear. */
	backtrace_mask_test_and_clear(cpu);
	return true;
}
