// SPDX-License-Identifier: MIT
/*
 * smp_init(), which starts the other CPUs at boot (arch/x86/kernel/
 * smpboot.c does the starting), and cross-CPU function calls, as
 * Linux's kernel/smp.c. Every CPU has a
 * lock-free queue of calls (call_single_queue, an llist of
 * call_single_data_t); a caller pushes a csd onto the target's queue and,
 * when the queue was empty, sends the IPI that makes the target flush it
 * (arch/x86/kernel/smp.c owns the vectors). A queue that was not empty
 * already has an IPI on the way, which will find the new entry too.
 *
 * A csd is locked (CSD_FLAG_LOCK) from queueing until its function has
 * run, so it is never on a queue twice; callers that wait spin on that
 * flag. smp_call_function_many() uses the caller's per-CPU cfd, one csd
 * per target, and one IPI for the whole mask. Only online CPUs are
 * targeted; the calling CPU runs its own call directly with interrupts
 * off, the way the IPI handler would.
 */
#define pr_fmt(fmt) "smp: " fmt

#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/errno.h>
#include <linux/llist.h>
#include <linux/cpu.h>
#include <linux/preempt.h>
#include <linux/hardirq.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/kdebug.h>
#include <asm/percpu.h>
#include <trace/events/ipi.h>

/* The per-CPU state smp_call_function_many() sends from. */
struct call_function_data {
	call_single_data_t	csd[NR_CPUS];	/* one per target */
	struct cpumask		cpumask;	/* targets of the current call */
	struct cpumask		cpumask_ipi;	/* those whose queue was empty */
};

static DEFINE_PER_CPU(struct llist_head, call_single_queue);
static DEFINE_PER_CPU(struct call_function_data, cfd_data);
/* smp_call_function_single()'s csd when the caller does not wait. */
static DEFINE_PER_CPU(call_single_data_t, csd_data);

#define SCF_WAIT	0x1	/* wait until every target has run the function */
#define SCF_RUN_LOCAL	0x2	/* the caller's CPU is a target too */

/* --- the csd lock --------------------------------------------------------- */

static void csd_lock_wait(call_single_data_t *csd)
{
	smp_cond_load_acquire(&csd->flags, !(VAL & CSD_FLAG_LOCK));
}

/* Waits for an earlier use of @csd to finish, then takes it. */
static void csd_lock(call_single_data_t *csd)
{
	csd_lock_wait(csd);
	csd->flags |= CSD_FLAG_LOCK;
	smp_wmb();	/* the lock is seen before func and info are rewritten */
}

/* Everything the function wrote is visible before the waiter sees this. */
static void csd_unlock(call_single_data_t *csd)
{
	smp_store_release(&csd->flags, 0);
}

/*
 * Linux's check: a CPU that spins for another CPU's answer with
 * interrupts off cannot answer that CPU's call in turn, and the two wait
 * for each other forever. A CPU not yet online cannot be called, so it
 * may. Every such call is counted; the first one warns.
 */
unsigned int smp_call_irqs_disabled_calls;

static void smp_call_check_irqs(void)
{
	if (!cpu_online(smp_processor_id()) || !irqs_disabled() || oops_in_progress)
		return;
	__atomic_fetch_add(&smp_call_irqs_disabled_calls, 1, __ATOMIC_RELAXED);
	WARN_ON_ONCE(1);
}

static void run_local(smp_call_func_t func, void *info)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

/* --- queueing --------------------------------------------------------------- */

static void __smp_call_single_queue(int cpu, struct llist_node *node)
{
	if (llist_add(node, &per_cpu(call_single_queue, cpu))) {
		trace_ipi_send_cpu(cpu, (unsigned long)__builtin_return_address(0),
				   container_of(node, call_single_data_t, llist)->func);
		arch_send_call_function_single_ipi(cpu);
	}
}

/* @csd is locked; preemption is off. */
static int generic_exec_single(int cpu, call_single_data_t *csd)
{
	if (cpu == smp_processor_id()) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		csd_unlock(csd);
		run_local(func, info);
		return 0;
	}
	if ((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		csd_unlock(csd);
		return -ENXIO;
	}
	__smp_call_single_queue(cpu, &csd->llist);
	return 0;
}

/*
 * Runs every call queued for this CPU, oldest first; interrupts are off.
 * A call nobody waits for is unlocked before its function runs, so the
 * function may queue the same csd again; a waited-for one only after,
 * so the waiter sees everything the function did.
 */
static void flush_smp_call_function_queue(void)
{
	struct llist_node *entry;
	call_single_data_t *csd, *next;

	entry = llist_del_all(this_cpu_ptr(&call_single_queue));
	entry = llist_reverse_order(entry);
	llist_for_each_entry_safe(csd, next, entry, llist) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		if (csd->flags & CSD_TYPE_SYNC) {
			func(info);
			csd_unlock(csd);
		} else {
			csd_unlock(csd);
			func(info);
		}
	}
}

/*
 * On a CPU going down, interrupts off, once it has left cpu_online_mask:
 * no new call can be queued for it now, and the ones already queued run
 * here, so that nobody waits for a dead CPU.
 */
int smpcfd_dying_cpu(unsigned int cpu)
{
	flush_smp_call_function_queue();
	return 0;
}

void generic_smp_call_function_single_interrupt(void)
{
	flush_smp_call_function_queue();
}

/* --- the API ------------------------------------------------------------------ */

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	call_single_data_t csd_stack = { .flags = CSD_FLAG_LOCK | CSD_TYPE_SYNC };
	call_single_data_t *csd;
	int err;

	preempt_disable();
	smp_call_check_irqs();
	if (wait) {
		csd = &csd_stack;
	} else {
		csd = this_cpu_ptr(&csd_data);
		csd_lock(csd);
	}
	csd->func = func;
	csd->info = info;
	err = generic_exec_single(cpu, csd);
	if (wait)
		csd_lock_wait(csd);
	preempt_enable();
	return err;
}

int smp_call_function_single_async(int cpu, call_single_data_t *csd)
{
	int err;

	preempt_disable();
	if (csd->flags & CSD_FLAG_LOCK) {
		err = -EBUSY;
	} else {
		csd->flags = CSD_FLAG_LOCK;
		smp_wmb();
		err = generic_exec_single(cpu, csd);
	}
	preempt_enable();
	return err;
}

/* Queues @func on every CPU of @cfd->cpumask; returns the CPUs to wake. */
static void cfd_queue(struct call_function_data *cfd, smp_call_func_t func,
		      void *info, unsigned int scf_flags)
{
	unsigned int cpu;

	cpumask_clear(&cfd->cpumask_ipi);
	for_each_cpu(cpu, &cfd->cpumask) {
		call_single_data_t *csd = &cfd->csd[cpu];

		csd_lock(csd);
		if (scf_flags & SCF_WAIT)
			csd->flags |= CSD_TYPE_SYNC;
		csd->func = func;
		csd->info = info;
		if (llist_add(&csd->llist, &per_cpu(call_single_queue, cpu)))
			cpumask_set_cpu(cpu, &cfd->cpumask_ipi);
	}
}

static void smp_call_function_many_cond(const struct cpumask *mask, smp_call_func_t func,
					void *info, unsigned int scf_flags)
{
	int this_cpu = smp_processor_id();
	struct call_function_data *cfd = this_cpu_ptr(&cfd_data);
	unsigned int cpu, nr_ipi;

	smp_call_check_irqs();
	cpumask_and(&cfd->cpumask, mask, cpu_online_mask);
	cpumask_clear_cpu(this_cpu, &cfd->cpumask);
	cfd_queue(cfd, func, info, scf_flags);

	nr_ipi = cpumask_weight(&cfd->cpumask_ipi);
	if (nr_ipi)
		trace_ipi_send_cpumask(&cfd->cpumask_ipi, (unsigned long)__builtin_return_address(0),
				       func);
	if (nr_ipi == 1)
		arch_send_call_function_single_ipi(cpumask_first(&cfd->cpumask_ipi));
	else if (nr_ipi)
		arch_send_call_function_ipi_mask(&cfd->cpumask_ipi);

	if ((scf_flags & SCF_RUN_LOCAL) && cpumask_test_cpu(this_cpu, mask))
		run_local(func, info);

	if (scf_flags & SCF_WAIT)
		for_each_cpu(cpu, &cfd->cpumask)
			csd_lock_wait(&cfd->csd[cpu]);
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func,
			    void *info, bool wait)
{
	preempt_disable();
	smp_call_function_many_cond(mask, func, info, wait ? SCF_WAIT : 0);
	preempt_enable();
}

void smp_call_function(smp_call_func_t func, void *info, int wait)
{
	smp_call_function_many(cpu_online_mask, func, info, wait);
}

void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
		      void *info, bool wait)
{
	preempt_disable();
	smp_call_function_many_cond(mask, func, info,
				    SCF_RUN_LOCAL | (wait ? SCF_WAIT : 0));
	preempt_enable();
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	on_each_cpu_mask(cpu_online_mask, func, info, wait);
}

/**
 * smp_init - bring up the CPUs the firmware listed, under maxcpus=/nosmp
 *
 * Called once from kernel_init(); a CPU that does not come up is reported
 * and left offline.
 */
void smp_init(void)
{
	unsigned int num_cpus;

	smp_prepare_cpus(setup_max_cpus);
	pr_info("Bringing up secondary CPUs ...\n");
	bringup_nonboot_cpus(setup_max_cpus);
	num_cpus = num_online_cpus();
	pr_info("Brought up %d node%s, %d CPU%s\n", 1, "", num_cpus, num_cpus > 1 ? "s" : "");
	smp_cpus_done(setup_max_cpus);
}
