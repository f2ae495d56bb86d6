// SPDX-License-Identifier: MIT
/*
 * The CPU masks every subsystem reads (possible, present, online),
 * nr_cpu_ids, the constant single-CPU masks behind cpumask_of(), and the
 * command-line words that cap them: nr_cpus= (how many may ever exist),
 * maxcpus= (how many are brought up at boot), nosmp (maxcpus=0). Linux
 * parses the last three in kernel/smp.c; the x86 topology code
 * (arch/x86/kernel/cpu/topology.c) applies them. Only the boot CPU is
 * set in any mask until the MADT has been read.
 *
 * Also CPU hotplug: taking a CPU down and bringing it back, as a fixed
 * sequence of Linux's state-machine steps, with Linux's callback names
 * (see _cpu_down() and _cpu_up()).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/cpu.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/stop_machine.h>
#include <linux/kthread.h>
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

/* --- the hotplug locks ------------------------------------------------------ */

/*
 * cpu_add_remove_lock serialises whole up/down operations (Linux's
 * cpu_maps_update_begin()). cpu_hotplug_lock is Linux's per-CPU rwsem
 * reduced to a reader count and a writer flag: readers may sleep and
 * nest; the writer (the hotplug operation) waits until none is inside
 * and keeps new ones out.
 */
static DEFINE_MUTEX(cpu_add_remove_lock);
static DECLARE_WAIT_QUEUE_HEAD(cpu_hotplug_wq);
static atomic_t cpu_hotplug_readers = ATOMIC_INIT(0);
static int cpu_hotplug_writer;
static struct task_struct *cpu_hotplug_owner;

void cpu_maps_update_begin(void)
{
	mutex_lock(&cpu_add_remove_lock);
}

void cpu_maps_update_done(void)
{
	mutex_unlock(&cpu_add_remove_lock);
}

/*
 * Reader and writer each announce themselves, then look at the other
 * (sequentially consistent): at least one of them sees the other and
 * backs off, so a reader never runs alongside the writer.
 */
void cpus_read_lock(void)
{
	if (READ_ONCE(cpu_hotplug_owner) == current)
		return;		/* the hotplug operation's own callbacks */
	for (;;) {
		wait_event(cpu_hotplug_wq, !__atomic_load_n(&cpu_hotplug_writer, __ATOMIC_SEQ_CST));
		atomic_inc(&cpu_hotplug_readers);
		if (!__atomic_load_n(&cpu_hotplug_writer, __ATOMIC_SEQ_CST))
			return;
		atomic_dec(&cpu_hotplug_readers);
		wake_up_all(&cpu_hotplug_wq);
	}
}

void cpus_read_unlock(void)
{
	if (READ_ONCE(cpu_hotplug_owner) == current)
		return;
	if (atomic_dec_and_test(&cpu_hotplug_readers))
		wake_up_all(&cpu_hotplug_wq);
}

/* With cpu_add_remove_lock held, so there is one writer. */
void cpus_write_lock(void)
{
	__atomic_store_n(&cpu_hotplug_writer, 1, __ATOMIC_SEQ_CST);
	wait_event(cpu_hotplug_wq, atomic_read(&cpu_hotplug_readers) == 0);
	WRITE_ONCE(cpu_hotplug_owner, current);
}

void cpus_write_unlock(void)
{
	WRITE_ONCE(cpu_hotplug_owner, NULL);
	__atomic_store_n(&cpu_hotplug_writer, 0, __ATOMIC_SEQ_CST);
	wake_up_all(&cpu_hotplug_wq);
}

static DEFINE_PER_CPU(unsigned int, cpuhp_cycle_count);

unsigned int cpuhp_cycles(unsigned int cpu)
{
	return READ_ONCE(per_cpu(cpuhp_cycle_count, cpu));
}

/* --- going down ------------------------------------------------------------- */

/*
 * The dying CPU's part, in its stopper inside stop_machine(): interrupts
 * are off on every CPU. Linux's CPUHP_TEARDOWN_CPU and the AP "dying"
 * states after it: out of the online mask and off its interrupts
 * (__cpu_disable()), its tick handed over and stopped, its pending
 * function calls run, its stopper told to park.
 */
static int take_cpu_down(void *arg)
{
	unsigned int cpu = smp_processor_id();
	int err;

	err = __cpu_disable();
	if (err)
		return err;
	tick_cpu_dying(cpu);
	smpcfd_dying_cpu(cpu);
	stop_machine_park(cpu);
	return 0;
}

/* Undo the steps before takedown_cpu() when it fails; the CPU stays up. */
static void cpuhp_rollback_down(unsigned int cpu)
{
	smpboot_unpark_threads(cpu);
	workqueue_online_cpu(cpu);
	sched_cpu_activate(cpu);
}

/*
 * Linux's takedown_cpu(): stop the CPU, wait until its idle task has
 * played dead (cpuhp_bp_sync_dead()), then forget its tick devices.
 */
static int takedown_cpu(unsigned int cpu)
{
	int err;

	err = stop_machine_cpuslocked(take_cpu_down, NULL, cpumask_of(cpu));
	if (err)
		return err;
	err = __cpu_die(cpu);
	if (err)
		return err;
	tick_cleanup_dead_cpu(cpu);
	return 0;
}

/*
 * What the dead CPU leaves behind moves to the controlling CPU: Linux's
 * teardown callbacks of the states below CPUHP_BRINGUP_CPU, in the
 * order the state machine runs them (highest state first).
 */
static void cpuhp_dead_callbacks(unsigned int cpu)
{
	sched_cpu_dying(cpu);
	hrtimers_dead_cpu(cpu);
	timers_dead_cpu(cpu);
	dev_cpu_dead(cpu);
	takeover_tasklets(cpu);
	workqueue_dead_cpu(cpu);
}

/* With both hotplug locks held. */
static int _cpu_down(unsigned int cpu)
{
	int err;

	err = sched_cpu_deactivate(cpu);			/* CPUHP_AP_ACTIVE */
	if (err)
		return err;
	workqueue_offline_cpu(cpu);				/* CPUHP_AP_WORKQUEUE_ONLINE */
	smpboot_park_threads(cpu);				/* CPUHP_AP_SMPBOOT_THREADS */
	err = takedown_cpu(cpu);				/* CPUHP_TEARDOWN_CPU */
	if (err == -ETIMEDOUT)
		return err;	/* it did not die: leave its state alone */
	if (err) {
		cpuhp_rollback_down(cpu);
		return err;
	}
	cpuhp_dead_callbacks(cpu);
	per_cpu(cpuhp_cycle_count, cpu)++;
	return 0;
}

/*
 * The boot CPU is never taken down. Linux removed that on x86 in 6.5:
 * CPU 0 has duties no other CPU can take over on every machine (some
 * firmware and power-management paths, suspend, the legacy interrupts
 * wired to it), and taking it down never worked reliably; it has no
 * online file, and remove_cpu(0) fails with -EBUSY.
 */
static bool cpu_is_hotpluggable(unsigned int cpu)
{
	return cpu != 0 && cpu < nr_cpu_ids && cpu_present(cpu);
}

int cpu_device_down(unsigned int cpu)
{
	int err = 0;

	if (cpu >= nr_cpu_ids || !cpu_present(cpu))
		return -EINVAL;
	if (!cpu_is_hotpluggable(cpu))
		return -EBUSY;
	cpu_maps_update_begin();
	if (!cpu_online(cpu))
		goto out;
	if (num_online_cpus() == 1) {
		err = -EBUSY;
		goto out;
	}
	cpus_write_lock();
	err = _cpu_down(cpu);
	cpus_write_unlock();
out:
	cpu_maps_update_done();
	return err;
}

int remove_cpu(unsigned int cpu)
{
	return cpu_device_down(cpu);
}

/* --- coming up -------------------------------------------------------------- */

/*
 * Start @cpu and run the bring-up steps in the reverse order of the
 * teardown. At boot (from cpu_up()) the per-CPU threads do not exist
 * yet and cpuhp_online() does nothing until kernel_init() makes them;
 * on a return they are unparked.
 */
static int _cpu_up(unsigned int cpu)
{
	int err;

	timers_prepare_cpu(cpu);				/* CPUHP_TIMERS_PREPARE */
	hrtimers_prepare_cpu(cpu);				/* CPUHP_HRTIMERS_PREPARE */
	err = __cpu_up(cpu);					/* CPUHP_BRINGUP_CPU */
	if (err)
		return err;
	stop_machine_unpark(cpu);				/* CPUHP_AP_ONLINE_IDLE */
	smpboot_unpark_threads(cpu);				/* CPUHP_AP_SMPBOOT_THREADS */
	irq_affinity_online_cpu(cpu);				/* CPUHP_AP_IRQ_AFFINITY_ONLINE */
	cpuhp_online(cpu);					/* CPUHP_AP_WORKQUEUE_ONLINE */
	sched_cpu_activate(cpu);				/* CPUHP_AP_ACTIVE */
	return 0;
}

int cpu_device_up(unsigned int cpu)
{
	int err = 0;

	if (cpu >= nr_cpu_ids || !cpu_present(cpu))
		return -EINVAL;
	cpu_maps_update_begin();
	if (!cpu_online(cpu)) {
		cpus_write_lock();
		err = _cpu_up(cpu);
		cpus_write_unlock();
	}
	cpu_maps_update_done();
	return err;
}

int add_cpu(unsigned int cpu)
{
	return cpu_device_up(cpu);
}

/**
 * cpu_up - bring a present CPU online for the first time (boot)
 * @cpu: its logical number
 *
 * Once it runs, its per-CPU threads (migration/N, ksoftirqd/N, the
 * kworker/N pools) are made here, in the caller's task context: Linux's
 * CPU-online callbacks, run by cpuhp_online(). Later returns of a CPU
 * that was taken down go through add_cpu().
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
	return _cpu_up(cpu);
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
