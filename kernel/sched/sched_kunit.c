// SPDX-License-Identifier: MIT
/*
 * KUnit suite "sched": kernel threads start, run and are stopped; wait
 * queues and completions hand wake-ups between them; a SCHED_FIFO task
 * woken from an interrupt preempts a busy normal task on the interrupt's
 * return (full preemption) and at preempt_enable(); RR tasks of equal
 * priority share the CPU; msleep() sleeps at least as long as asked; a
 * normal task that overran its slice where it could not be preempted
 * pays the overrun back in turns; hard-IRQ and softirq time is kept out
 * of the interrupted task's run time and goes, exactly, into
 * /proc/stat's buckets (IRQ time accounting; with "tsc=noirqtime" the
 * task pays for it). The tests of one CPU's behaviour pin their tasks
 * to the runner's CPU.
 *
 * SMP (skipped, saying so, with one CPU online): a wake-up of a task
 * bound to another CPU runs it there and counts a RES IPI there; N
 * CPU-bound threads on N CPUs all run at once; set_cpus_allowed_ptr()
 * moves a running task; wake-ups ping-ponged around tasks on every CPU
 * are never lost; an RT wake-up goes to the CPU running the least
 * important work and preempts it; rt_mutex priority inheritance boosts
 * an owner running or queued on another CPU; the overload counts that
 * let an idling CPU skip its pull walks match the rqs.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include <linux/irq_work.h>
#include <linux/workqueue.h>
#include <linux/kallsyms.h>
#include <asm/kdebug.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/hardirq.h>
#include <asm/smp.h>
#include <linux/rtmutex.h>
#include <linux/interrupt.h>
#include <linux/kernel_stat.h>
#include <linux/sched/clock.h>
#include "sched.h"

/* Keep the runner on @cpu (NULL: anywhere again) so that "this CPU" stays one. */
static void pin_current(int cpu)
{
	set_cpus_allowed_ptr(current, cpu < 0 ? cpu_possible_mask : cpumask_of(cpu));
}

/* A CPU other than @cpu, online; -1 if there is none. */
static int other_online_cpu(int cpu)
{
	unsigned int c;

	for_each_online_cpu(c)
		if ((int)c != cpu)
			return c;
	return -1;
}

static int return_data(void *data)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return (long)data;
}

static void kthread_runs_and_stops_with_its_value(struct kunit *test)
{
	struct task_struct *k = kthread_run(return_data, (void *)42L, "ktest/%d", 0);

	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_STREQ(test, k->comm, "ktest/0");
	msleep(5);
	KUNIT_EXPECT_EQ(test, kthread_stop(k), 42);
}

static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static volatile int wq_flag, wq_seen;

static int waiter(void *unused)
{
	wait_event(test_wq, READ_ONCE(wq_flag));
	wq_seen = 1;
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void wait_queue_wakes_the_waiter(struct kunit *test)
{
	struct task_struct *k;

	wq_flag = wq_seen = 0;
	k = kthread_run(waiter, NULL, "waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(task_state(k) == TASK_UNINTERRUPTIBLE));
	KUNIT_EXPECT_EQ(test, wq_seen, 0);	/* still asleep: the condition is false */
	WRITE_ONCE(wq_flag, 1);
	wake_up(&test_wq);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(wq_seen) == 1));
	kthread_stop(k);
}

static int completer(void *data)
{
	complete(data);
	return 0;
}

static void completion_is_delivered(struct kunit *test)
{
	DECLARE_COMPLETION(done);
	struct task_struct *k = kthread_run(completer, &done, "completer");

	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&done, msecs_to_jiffies(KUNIT_HANG_MS)), 0);
	kthread_stop(k);
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&done, 2), 0);	/* times out */
}

static volatile int fifo_ran;

static int fifo_sleeper(void *unused)
{
	msleep(10);		/* woken by TIMER_SOFTIRQ, inside an interrupt's exit */
	WRITE_ONCE(fifo_ran, 1);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void set_fifo(struct task_struct *p, int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	sched_setscheduler_nocheck(p, SCHED_FIFO, &sp);
}

/* We never call schedule(): only interrupt-return preemption lets it run. */
static void fifo_wakeup_preempts_busy_task_on_irq_return(struct kunit *test)
{
	struct task_struct *k;
	int cpu = raw_smp_processor_id();
	u64 end;

	fifo_ran = 0;
	pin_current(cpu);
	k = kthread_create(fifo_sleeper, NULL, "fifo50");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	kthread_bind(k, cpu);		/* it must take our CPU, not an idle one */
	set_fifo(k, 50);
	wake_up_process(k);
	end = rdtsc() + (u64)tsc_khz * KUNIT_HANG_MS;
	while (!READ_ONCE(fifo_ran) && rdtsc() < end)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, fifo_ran, 1);
	kthread_stop(k);
	pin_current(-1);
}

static int mark_ran(void *unused)
{
	WRITE_ONCE(fifo_ran, 1);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void preempt_enable_switches_to_a_woken_rt_task(struct kunit *test)
{
	struct task_struct *k;
	int seen_while_disabled;

	fifo_ran = 0;
	k = kthread_create(mark_ran, NULL, "fifo60");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	set_fifo(k, 60);
	preempt_disable();
	kthread_bind(k, smp_processor_id());	/* not to an idle CPU */
	wake_up_process(k);
	seen_while_disabled = READ_ONCE(fifo_ran);
	preempt_enable();		/* the switch happens here */
	KUNIT_EXPECT_EQ(test, seen_while_disabled, 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(fifo_ran), 1);
	kthread_stop(k);
}

static volatile unsigned long rr_count[2];

static int rr_spinner(void *data)
{
	long i = (long)data;

	while (!kthread_should_stop())
		rr_count[i]++;
	return 0;
}

static void rr_tasks_of_equal_priority_share_the_cpu(struct kunit *test)
{
	struct sched_param sp = { .sched_priority = 10 };
	struct task_struct *k[2];
	int i;

	int cpu = raw_smp_processor_id();

	rr_count[0] = rr_count[1] = 0;
	pin_current(cpu);
	for (i = 0; i < 2; i++) {
		k[i] = kthread_create(rr_spinner, (void *)(long)i, "rr/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(k[i]));
		kthread_bind(k[i], cpu);	/* one CPU to share */
		sched_setscheduler_nocheck(k[i], SCHED_RR, &sp);
	}
	/* We run above them until we sleep. */
	set_fifo(current, 20);
	wake_up_process(k[0]);
	wake_up_process(k[1]);
	/* rr/1 runs only once rr/0's 100 ms slice has run out. */
	kunit_wait_until(rr_count[0] && rr_count[1]);
	for (i = 0; i < 2; i++)
		kthread_stop(k[i]);
	sp.sched_priority = 0;
	sched_setscheduler_nocheck(current, SCHED_NORMAL, &sp);
	pin_current(-1);
	KUNIT_EXPECT_GT(test, rr_count[0], 0);
	KUNIT_EXPECT_GT(test, rr_count[1], 0);
}

/* At least as long: how much longer a loaded host makes it is not reflex's. */
/*
 * msleep()'s promise is in its own clock: at least the jiffies asked for.
 * (Measured with the TSC instead, the test would compare two calibrations
 * against the PIT, which a loaded host can skew apart by more than a tick.)
 */
static void msleep_sleeps_as_long_as_asked(struct kunit *test)
{
	unsigned long t0 = jiffies;

	msleep(20);
	KUNIT_EXPECT_GE(test, jiffies - t0, msecs_to_jiffies(20));
}

static void proc_tasks_lists_init_and_idle(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", "swapper/0"));
	KUNIT_EXPECT_TRUE(test, proc_contains("tasks", "    1 init"));
}

/*
 * An interrupt landing in a kworker just switched in: the IRQ is made
 * pending with interrupts off (a self-IPI for irq_work), the kworker is
 * woken and we sleep, so the first instruction with interrupts on is the
 * kworker's, in finish_task_switch(). The handler records that stack.
 */
static struct task_struct *trace_waiter;
static unsigned long trace_entries[24];
static unsigned int trace_len;
static volatile bool trace_taken;

static void capture_kworker_trace(struct irq_work *w)
{
	char line[256];
	size_t n = 0;
	unsigned int i;

	if (strncmp(current->comm, "kworker", 7) || trace_taken)
		return;
	trace_len = stack_trace_save(trace_entries, ARRAY_SIZE(trace_entries), 0);
	for (i = 0; i < trace_len && n < sizeof(line); i++)
		n += snprintf(line + n, sizeof(line) - n, "%s%ps", i ? " <- " : "",
			      (void *)trace_entries[i]);
	pr_info("sched: IRQ in %s: %s\n", current->comm, line);
	trace_taken = true;
}

static void wake_the_waiter(struct work_struct *w)
{
	wake_up_process(trace_waiter);
}

static bool trace_has_chain(const char *const *names, int n)
{
	unsigned int i;
	int next = 0;
	char sym[KSYM_SYMBOL_LEN];

	for (i = 0; i < trace_len && next < n; i++) {
		sprint_symbol_no_offset(sym, trace_entries[i]);
		if (!strcmp(sym, names[next]))
			next++;
		else if (next)
			return false;	/* the chain must be unbroken */
	}
	return next == n;
}

static void irq_in_kworker_shows_its_schedule_chain(struct kunit *test)
{
	static const char *const chain[] = {
		"finish_task_switch", "__schedule", "schedule", "worker_thread",
		"kthread", "ret_from_fork", "ret_from_fork_asm",
	};
	struct irq_work iw;
	struct work_struct w;
	int attempt;

	trace_taken = false;
	trace_waiter = current;
	INIT_WORK(&w, wake_the_waiter);
	init_irq_work(&iw, capture_kworker_trace);
	for (attempt = 0; attempt < 10 && !trace_taken; attempt++) {
		local_irq_disable();
		schedule_work(&w);
		irq_work_queue(&iw);
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
		local_irq_enable();
		flush_work(&w);
		irq_work_sync(&iw);
	}
	KUNIT_ASSERT_TRUE(test, trace_taken);
	KUNIT_EXPECT_TRUE(test, trace_has_chain(chain, ARRAY_SIZE(chain)));
}

/*
 * /proc/tasks: every online CPU has its bound threads, and the PSR
 * column says the CPU each is bound to.
 */
static int proc_tasks_psr(const char *buf, const char *comm)
{
	char needle[TASK_COMM_LEN + 2];
	const char *line, *p;
	int field;

	snprintf(needle, sizeof(needle), " %s ", comm);
	line = strstr(buf, needle);
	if (!line)
		return -1;
	/* PID COMM POLICY RTPRIO PRI S PSR: PSR is the seventh field. */
	while (line > buf && line[-1] != '\n')
		line--;
	for (p = line, field = 0; *p && *p != '\n'; field++) {
		while (*p == ' ')
			p++;
		if (field == 6) {
			int v = 0;

			while (*p >= '0' && *p <= '9')
				v = v * 10 + *p++ - '0';
			return v;
		}
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	return -1;
}

static void proc_tasks_shows_per_cpu_threads_on_their_cpu(struct kunit *test)
{
	static const char *const fmt[] = { "ksoftirqd/%u", "migration/%u", "kworker/%u:0",
					   "kworker/%u:0H" };
	const size_t size = 16384;
	char *buf = kmalloc(size, GFP_KERNEL), comm[TASK_COMM_LEN];
	unsigned int cpu, i;
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = proc_read("tasks", buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	KUNIT_EXPECT_TRUE(test, strstr(buf, " PSR ") != NULL);
	for_each_online_cpu(cpu)
		for (i = 0; i < ARRAY_SIZE(fmt); i++) {
			snprintf(comm, sizeof(comm), fmt[i], cpu);
			KUNIT_EXPECT_EQ(test, proc_tasks_psr(buf, comm), (int)cpu);
		}
	kfree(buf);
}

/* --- SMP --------------------------------------------------------------------- */

#define NEED_CPUS(test, n) do {							\
	if (num_online_cpus() < (n))						\
		kunit_skip(test, "needs " #n " online CPUs, one is online");	\
} while (0)

static unsigned int resched_count(int cpu)
{
	return READ_ONCE(per_cpu(irq_stat, cpu).irq_resched_count);
}

static volatile int bound_go, bound_cpu, bound_done;

/* Each time it is woken with bound_go set: where it runs. */
static int bound_sleeper(void *unused)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		if (READ_ONCE(bound_go)) {
			__set_current_state(TASK_RUNNING);
			WRITE_ONCE(bound_go, 0);
			WRITE_ONCE(bound_cpu, smp_processor_id());
			WRITE_ONCE(bound_done, 1);
			continue;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void wakeup_of_bound_task_runs_on_its_cpu_with_a_res_ipi(struct kunit *test)
{
	struct task_struct *k;
	unsigned int res0;
	int me, target;

	NEED_CPUS(test, 2);
	me = raw_smp_processor_id();
	pin_current(me);
	target = other_online_cpu(me);
	bound_go = bound_done = 0;
	bound_cpu = -1;
	k = kthread_create(bound_sleeper, NULL, "bound/%d", target);
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	kthread_bind(k, target);
	wake_up_process(k);
	/* Asleep and off its CPU: the next wake-up is a real one. */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(task_state(k) == TASK_INTERRUPTIBLE &&
						 !READ_ONCE(k->on_cpu)));
	/*
	 * Let the target CPU settle into its idle loop (nothing else is bound
	 * there by us), with no reschedule already asked of it (a balancing
	 * kick from a busy CPU): a wake-up then needs no IPI, as on Linux.
	 */
	kunit_wait_until(!READ_ONCE(cpu_rq(target)->nr_running) &&
			 READ_ONCE(cpu_rq(target)->curr) == cpu_rq(target)->idle &&
			 !test_tsk_need_resched(cpu_rq(target)->idle));
	res0 = resched_count(target);
	WRITE_ONCE(bound_go, 1);
	wake_up_process(k);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(bound_done)));
	KUNIT_EXPECT_EQ(test, bound_cpu, target);
	KUNIT_EXPECT_EQ(test, task_cpu(k), target);
	KUNIT_EXPECT_GT(test, resched_count(target), res0);
	kthread_stop(k);
	pin_current(-1);
}

/*
 * Each spinner counts; it sets its flag once it has seen every other
 * counter move while it itself stayed on its CPU (its switch count did
 * not change): they then ran at the same time, each on a CPU of its own.
 */
static volatile unsigned long spin_count[NR_CPUS];
static volatile unsigned long spin_cpus[NR_CPUS];
static volatile int spin_concurrent[NR_CPUS];
static int spin_n;

static unsigned long switches(struct task_struct *p)
{
	return READ_ONCE(p->nvcsw) + READ_ONCE(p->nivcsw);
}

static int concurrent_spinner(void *data)
{
	long me = (long)data;
	unsigned long snap[NR_CPUS], sw = ~0UL;
	int i, moved;

	while (!kthread_should_stop()) {
		spin_count[me]++;
		spin_cpus[me] |= 1UL << raw_smp_processor_id();
		if (switches(current) != sw) {
			sw = switches(current);
			for (i = 0; i < spin_n; i++)
				snap[i] = spin_count[i];
			continue;
		}
		for (i = 0, moved = 0; i < spin_n; i++)
			moved += i == me || spin_count[i] != snap[i];
		if (moved == spin_n)
			WRITE_ONCE(spin_concurrent[me], 1);
		cpu_relax();
	}
	return 0;
}

static bool all_concurrent(void)
{
	int i;

	for (i = 0; i < spin_n; i++)
		if (!READ_ONCE(spin_concurrent[i]))
			return false;
	return true;
}

static void n_cpu_bound_threads_on_n_cpus_each_get_a_cpu(struct kunit *test)
{
	struct task_struct *k[NR_CPUS];
	int i;

	NEED_CPUS(test, 2);
	spin_n = num_online_cpus();
	for (i = 0; i < spin_n; i++) {
		spin_count[i] = spin_cpus[i] = 0;
		spin_concurrent[i] = 0;
	}
	/*
	 * All start on this CPU; once they may run anywhere, only the load
	 * balancing can spread them (the wider mask moves nobody).
	 */
	for (i = 0; i < spin_n; i++) {
		k[i] = kthread_create(concurrent_spinner, (void *)(long)i, "spin/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(k[i]));
		set_cpus_allowed_ptr(k[i], cpumask_of(raw_smp_processor_id()));
	}
	for (i = 0; i < spin_n; i++)
		wake_up_process(k[i]);
	for (i = 0; i < spin_n; i++)
		set_cpus_allowed_ptr(k[i], cpu_possible_mask);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(all_concurrent()));
	for (i = 0; i < spin_n; i++)
		kthread_stop(k[i]);
	for (i = 0; i < spin_n; i++) {
		KUNIT_EXPECT_GT(test, spin_count[i], 0);
		KUNIT_EXPECT_TRUE(test, spin_concurrent[i]);
		if (!spin_concurrent[i])
			pr_info("sched: spin/%d ran on CPUs %#lx, count %lu\n", i,
				spin_cpus[i], spin_count[i]);
	}
}

static volatile int where_cpu;

static int report_cpu_spinner(void *unused)
{
	while (!kthread_should_stop()) {
		WRITE_ONCE(where_cpu, raw_smp_processor_id());
		cpu_relax();
	}
	return 0;
}

static void set_cpus_allowed_ptr_moves_a_running_task(struct kunit *test)
{
	struct task_struct *k;
	int from, to;

	NEED_CPUS(test, 2);
	where_cpu = -1;
	k = kthread_create(report_cpu_spinner, NULL, "mover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	wake_up_process(k);
	KUNIT_ASSERT_TRUE(test, kunit_wait_until(READ_ONCE(where_cpu) >= 0 && READ_ONCE(k->on_cpu)));
	from = task_cpu(k);
	to = other_online_cpu(from);
	KUNIT_EXPECT_EQ(test, set_cpus_allowed_ptr(k, cpumask_of(to)), 0);
	/* It is moved before the call returns; then it reports the new CPU. */
	KUNIT_EXPECT_EQ(test, task_cpu(k), to);
	WRITE_ONCE(where_cpu, -1);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(where_cpu) == to));
	KUNIT_EXPECT_EQ(test, where_cpu, to);
	/* An empty or offline-only mask is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, set_cpus_allowed_ptr(k, cpumask_of(NR_CPUS - 1)),
			cpu_online(NR_CPUS - 1) ? 0 : -EINVAL);
	kthread_stop(k);
}

/*
 * A token goes round a ring of tasks, one bound to each CPU (at least
 * two tasks): whoever holds it counts, passes it on and wakes the next.
 * A lost wake-up stops the ring; the totals must come out exact.
 */
#define PING_ROUNDS	300

static int ring_n;
static volatile int ring_token;
static volatile unsigned int ring_count[NR_CPUS];
static struct task_struct *ring_task[NR_CPUS];
static unsigned long ring_wrong_cpu;

static int ring_member(void *data)
{
	long me = (long)data;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(ring_token) == me) {
			__set_current_state(TASK_RUNNING);
			if (ring_count[me] == PING_ROUNDS)
				break;
			ring_count[me]++;
			if (!cpumask_test_cpu(raw_smp_processor_id(), &current->cpus_mask))
				__atomic_fetch_add(&ring_wrong_cpu, 1, __ATOMIC_RELAXED);
			WRITE_ONCE(ring_token, (me + 1) % ring_n);
			wake_up_process(ring_task[(me + 1) % ring_n]);
			continue;
		}
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	/* Pass it once more so the others can see their last round. */
	WRITE_ONCE(ring_token, (me + 1) % ring_n);
	wake_up_process(ring_task[(me + 1) % ring_n]);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static bool ring_done(void)
{
	int i;

	for (i = 0; i < ring_n; i++)
		if (READ_ONCE(ring_count[i]) != PING_ROUNDS)
			return false;
	return true;
}

static void ping_pong_wakeups_across_cpus_are_never_lost(struct kunit *test)
{
	unsigned int cpus[NR_CPUS], c, total = 0;
	int i, n = 0;

	for_each_online_cpu(c)
		cpus[n++] = c;
	ring_n = n < 2 ? 2 : n;
	ring_token = -1;
	ring_wrong_cpu = 0;
	for (i = 0; i < ring_n; i++) {
		ring_count[i] = 0;
		ring_task[i] = kthread_create(ring_member, (void *)(long)i, "ping/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(ring_task[i]));
		kthread_bind(ring_task[i], cpus[i % n]);
	}
	for (i = 0; i < ring_n; i++)
		wake_up_process(ring_task[i]);
	WRITE_ONCE(ring_token, 0);
	wake_up_process(ring_task[0]);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(ring_done()));
	for (i = 0; i < ring_n; i++) {
		kthread_stop(ring_task[i]);
		total += ring_count[i];
	}
	KUNIT_EXPECT_EQ(test, total, ring_n * PING_ROUNDS);
	KUNIT_EXPECT_EQ(test, ring_wrong_cpu, 0);
}

/*
 * The runner holds its CPU at FIFO 40; every other CPU but one runs a
 * FIFO 20 spinner bound to it, the last a normal one. A FIFO 30 task
 * that may run anywhere is woken: it must go to the normal spinner's
 * CPU, the one with the least important work, and run there at once
 * (the spinner never leaves: it is preempted).
 */
static volatile int rt_woken_cpu;

static int rt_reporter(void *unused)
{
	WRITE_ONCE(rt_woken_cpu, raw_smp_processor_id());
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int busy_spinner(void *unused)
{
	while (!kthread_should_stop())
		cpu_relax();
	return 0;
}

static void rt_wakeup_preempts_the_cpu_running_the_lowest_priority(struct kunit *test)
{
	struct task_struct *spinners[NR_CPUS], *rt;
	struct sched_param sp = { .sched_priority = 0 };
	unsigned int c;
	int me, low = -1, n = 0, i;

	NEED_CPUS(test, 2);
	me = raw_smp_processor_id();
	pin_current(me);
	set_fifo(current, 40);
	for_each_online_cpu(c) {
		struct task_struct *k;

		if ((int)c == me)
			continue;
		k = kthread_create(busy_spinner, NULL, "busy/%u", c);
		KUNIT_ASSERT_FALSE(test, IS_ERR(k));
		kthread_bind(k, c);
		if (low < 0)
			low = c;	/* stays SCHED_NORMAL */
		else
			set_fifo(k, 20);
		spinners[n++] = k;
		wake_up_process(k);
	}
	/* Every spinner on its CPU. */
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE(test, kunit_spin_until(READ_ONCE(spinners[i]->on_cpu), KUNIT_HANG_MS));
	rt_woken_cpu = -1;
	rt = kthread_create(rt_reporter, NULL, "rt30");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rt));
	set_fifo(rt, 30);
	wake_up_process(rt);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(READ_ONCE(rt_woken_cpu) >= 0, KUNIT_HANG_MS));
	KUNIT_EXPECT_EQ(test, rt_woken_cpu, low);
	sched_setscheduler_nocheck(current, SCHED_NORMAL, &sp);
	pin_current(-1);
	kthread_stop(rt);
	for (i = 0; i < n; i++)
		kthread_stop(spinners[i]);
}

/*
 * Priority inheritance across CPUs. L (FIFO 10, bound to another CPU)
 * holds an rt_mutex; we (FIFO 80) block on it. Running, L sees its own
 * priority rise to 80. Queued behind a FIFO 50 spinner bound to its CPU,
 * L is requeued at 80 on its own rq and that CPU is made to reschedule,
 * so L runs, lets go, and we get the lock while the spinner still spins
 * (it gives up on its own only after KUNIT_HANG_MS, so a missing boost
 * fails the case instead of hanging it).
 */
static DEFINE_RT_MUTEX(pi_lock_test);
static volatile int pi_has, pi_release, pi_prio_seen, pi_spin_stop, pi_spin_done;
static volatile bool pi_wait_for_boost;

static int pi_owner(void *unused)
{
	int normal = current->normal_prio;
	u64 end;

	rt_mutex_lock(&pi_lock_test);
	WRITE_ONCE(pi_has, 1);
	end = rdtsc() + (u64)tsc_khz * KUNIT_HANG_MS;
	if (pi_wait_for_boost) {
		while (READ_ONCE(current->prio) == normal && rdtsc() < end)
			cpu_relax();
	} else {
		while (!READ_ONCE(pi_release) && rdtsc() < end)
			cpu_relax();
	}
	WRITE_ONCE(pi_prio_seen, current->prio);
	rt_mutex_unlock(&pi_lock_test);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int pi_spinner(void *unused)
{
	u64 end = rdtsc() + (u64)tsc_khz * KUNIT_HANG_MS;

	while (!READ_ONCE(pi_spin_stop) && rdtsc() < end)
		cpu_relax();
	WRITE_ONCE(pi_spin_done, 1);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static struct task_struct *start_bound(struct kunit *test, int (*fn)(void *), const char *name,
				       int cpu, int fifo)
{
	struct task_struct *k = kthread_create(fn, NULL, "%s", name);

	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	kthread_bind(k, cpu);
	set_fifo(k, fifo);
	wake_up_process(k);
	return k;
}

static void rtmutex_boosts_an_owner_on_another_cpu(struct kunit *test)
{
	struct sched_param sp = { .sched_priority = 0 };
	struct task_struct *l, *spin;
	int me, other;

	NEED_CPUS(test, 2);
	me = raw_smp_processor_id();
	pin_current(me);
	other = other_online_cpu(me);
	set_fifo(current, 80);

	/* Running: L spins until it sees the boost. */
	pi_has = pi_release = pi_prio_seen = 0;
	pi_wait_for_boost = true;
	l = start_bound(test, pi_owner, "pi-run", other, 10);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(READ_ONCE(pi_has), KUNIT_HANG_MS));
	rt_mutex_lock(&pi_lock_test);
	rt_mutex_unlock(&pi_lock_test);
	KUNIT_EXPECT_EQ(test, pi_prio_seen, MAX_RT_PRIO - 1 - 80);
	KUNIT_EXPECT_EQ(test, l->prio, l->normal_prio);	/* given back */
	kthread_stop(l);

	/* Queued: L waits behind the spinner until the boost puts it first. */
	pi_has = pi_release = pi_prio_seen = pi_spin_stop = pi_spin_done = 0;
	pi_wait_for_boost = false;
	l = start_bound(test, pi_owner, "pi-queued", other, 10);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(READ_ONCE(pi_has), KUNIT_HANG_MS));
	spin = start_bound(test, pi_spinner, "pi-spin50", other, 50);
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(READ_ONCE(spin->on_cpu), KUNIT_HANG_MS));
	WRITE_ONCE(pi_release, 1);	/* L lets go as soon as it runs again */
	rt_mutex_lock(&pi_lock_test);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(pi_spin_done));	/* L ran before the spinner gave up */
	rt_mutex_unlock(&pi_lock_test);
	KUNIT_EXPECT_EQ(test, pi_prio_seen, MAX_RT_PRIO - 1 - 80);
	WRITE_ONCE(pi_spin_stop, 1);
	sched_setscheduler_nocheck(current, SCHED_NORMAL, &sp);
	pin_current(-1);
	kthread_stop(spin);
	kthread_stop(l);
}

/*
 * sched_overload_count and rt_overload_count, which let a CPU skip the
 * pull walks, against the rqs themselves: every rq locked (in CPU
 * order), so that no count moves while they are compared.
 */
static void expect_overload_counts_exact(struct kunit *test, int *all, int *rt)
{
	unsigned long flags;
	unsigned int c;

	*all = *rt = 0;
	local_irq_save(flags);
	for_each_online_cpu(c)
		raw_spin_lock(&cpu_rq(c)->lock);
	for_each_online_cpu(c) {
		*all += cpu_rq(c)->nr_running >= 2;
		*rt += cpu_rq(c)->rt.rt_nr_running >= 2;
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&sched_overload_count), *all);
	KUNIT_EXPECT_EQ(test, atomic_read(&rt_overload_count), *rt);
	for_each_online_cpu(c)
		raw_spin_unlock(&cpu_rq(c)->lock);
	local_irq_restore(flags);
}

/*
 * Two FIFO 20 spinners bound to another CPU: the first runs (FIFO does
 * not yield), the second waits behind it, so that rq counts in both
 * overload counts until they are stopped.
 */
static void overload_counts_follow_tasks_queued_behind_the_running_one(struct kunit *test)
{
	struct task_struct *k[2];
	int me, other, all, rt, i;

	NEED_CPUS(test, 2);
	me = raw_smp_processor_id();
	pin_current(me);
	other = other_online_cpu(me);
	for (i = 0; i < 2; i++) {
		k[i] = kthread_create(busy_spinner, NULL, "spin%d/%d", i, other);
		KUNIT_ASSERT_FALSE(test, IS_ERR(k[i]));
		kthread_bind(k[i], other);
		set_fifo(k[i], 20);
		wake_up_process(k[i]);
	}
	KUNIT_EXPECT_TRUE(test, kunit_spin_until(READ_ONCE(cpu_rq(other)->rt.rt_nr_running) >= 2,
						 KUNIT_HANG_MS));
	expect_overload_counts_exact(test, &all, &rt);
	KUNIT_EXPECT_GE(test, all, 1);
	KUNIT_EXPECT_GE(test, rt, 1);
	for (i = 0; i < 2; i++)
		kthread_stop(k[i]);
	expect_overload_counts_exact(test, &all, &rt);
	pin_current(-1);
}

/* --- the fair share of run time ------------------------------------------------ */

#define SLICE_NS	((u64)NORMAL_TIMESLICE * (NSEC_PER_SEC / HZ))

static void spin_ns(u64 ns)
{
	u64 end = sched_clock() + ns;

	while (sched_clock() < end)
		cpu_relax();
}

static struct task_struct *debt_other;
static u64 debt_other_ran;
static DECLARE_COMPLETION(debt_done);

/*
 * Runs six slices without a preemption point, as the ticks count its run
 * time, until a tick has asked for a switch (the time is not taken from
 * sched_clock(): a host that stops the vCPU for the whole spin would end
 * it before any tick came), then measures how much the other task runs
 * before this one gets the CPU back.
 */
static int debt_overrunner(void *unused)
{
	u64 start, give_up, before;

	preempt_disable();
	start = READ_ONCE(current->sum_exec_runtime);
	give_up = sched_clock() + 200 * SLICE_NS;
	while ((READ_ONCE(current->sum_exec_runtime) - start < 6 * SLICE_NS || !need_resched()) &&
	       sched_clock() < give_up)
		cpu_relax();
	before = READ_ONCE(debt_other->sum_exec_runtime);
	preempt_enable();
	debt_other_ran = READ_ONCE(debt_other->sum_exec_runtime) - before;
	complete(&debt_done);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/*
 * Round-robin alone would give the other task one slice (up to two with
 * the tick's rounding) and then the overrunner its next turn; paying the
 * five slices back, the other task runs about five turns first.
 */
static void overrun_slice_is_paid_back_in_turns(struct kunit *test)
{
	int cpu = raw_smp_processor_id();
	struct task_struct *a;

	pin_current(cpu);
	reinit_completion(&debt_done);
	debt_other = kthread_create(busy_spinner, NULL, "debt/spin");
	KUNIT_ASSERT_FALSE(test, IS_ERR(debt_other));
	a = kthread_create(debt_overrunner, NULL, "debt/overrun");
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	kthread_bind(debt_other, cpu);
	kthread_bind(a, cpu);
	wake_up_process(debt_other);
	wake_up_process(a);
	wait_for_completion(&debt_done);
	kthread_stop(a);
	kthread_stop(debt_other);
	pin_current(-1);
	KUNIT_EXPECT_GE(test, debt_other_ran, 3 * SLICE_NS);
}

/* --- IRQ time ---------------------------------------------------------------- */

#define IRQTIME_SPIN_NS	(10 * NSEC_PER_MSEC)

static volatile bool irqtime_hard_done;
static struct task_struct *irqtime_tasklet_ran_in;

static void irqtime_hard_fn(struct irq_work *w)
{
	spin_ns(IRQTIME_SPIN_NS);
	irqtime_hard_done = true;
}

static void irqtime_tasklet_fn(struct tasklet_struct *t)
{
	irqtime_tasklet_ran_in = current;
	spin_ns(IRQTIME_SPIN_NS);
}

static DEFINE_IRQ_WORK(irqtime_work, irqtime_hard_fn);
static DECLARE_TASKLET(irqtime_tasklet, irqtime_tasklet_fn);

/* Our run time, brought up to date by a pass through the scheduler. */
static u64 own_runtime(void)
{
	schedule();
	return READ_ONCE(current->sum_exec_runtime);
}

/*
 * A hard interrupt (a self-IPI's irq_work) and a softirq (a tasklet run
 * by our local_bh_enable()) each spin 10 ms in our context. With IRQ
 * time their 20 ms are not in our run time and are in /proc/stat's
 * hard-IRQ and softirq buckets; without it we pay for them.
 */
static void irq_time_is_not_the_interrupted_tasks(struct kunit *test)
{
	int cpu = raw_smp_processor_id();
	struct kernel_cpustat *kc = &kcpustat_cpu(cpu);
	u64 clk0, clk1, run0, run1, hard0, soft0;

	pin_current(cpu);
	clk0 = sched_clock();
	run0 = own_runtime();
	hard0 = READ_ONCE(kc->cpustat[CPUTIME_IRQ]);
	soft0 = READ_ONCE(kc->cpustat[CPUTIME_SOFTIRQ]);
	irqtime_hard_done = false;
	irq_work_queue(&irqtime_work);
	while (!irqtime_hard_done)
		cpu_relax();
	local_bh_disable();
	tasklet_schedule(&irqtime_tasklet);
	local_bh_enable();
	run1 = own_runtime();
	clk1 = sched_clock();
	pin_current(-1);
	KUNIT_EXPECT_PTR_EQ(test, irqtime_tasklet_ran_in, current);
	if (sched_clock_irqtime) {
		KUNIT_EXPECT_LE(test, run1 - run0 + 2 * IRQTIME_SPIN_NS, clk1 - clk0);
		u64 hard = READ_ONCE(kc->cpustat[CPUTIME_IRQ]) - hard0;
		u64 soft = READ_ONCE(kc->cpustat[CPUTIME_SOFTIRQ]) - soft0;

		/* Interrupts nested in the tasklet's spin are hard-IRQ time. */
		KUNIT_EXPECT_GE(test, hard, IRQTIME_SPIN_NS);
		KUNIT_EXPECT_GT(test, soft, 0);
		KUNIT_EXPECT_GE(test, hard + soft, 2 * IRQTIME_SPIN_NS);
	} else {
		KUNIT_EXPECT_GE(test, run1 - run0, 2 * IRQTIME_SPIN_NS);
	}
}

static struct kunit_case sched_test_cases[] = {
	KUNIT_CASE(irq_in_kworker_shows_its_schedule_chain),
	KUNIT_CASE(kthread_runs_and_stops_with_its_value),
	KUNIT_CASE(wait_queue_wakes_the_waiter),
	KUNIT_CASE(completion_is_delivered),
	KUNIT_CASE(fifo_wakeup_preempts_busy_task_on_irq_return),
	KUNIT_CASE(preempt_enable_switches_to_a_woken_rt_task),
	KUNIT_CASE(rr_tasks_of_equal_priority_share_the_cpu),
	KUNIT_CASE(msleep_sleeps_as_long_as_asked),
	KUNIT_CASE(overrun_slice_is_paid_back_in_turns),
	KUNIT_CASE(irq_time_is_not_the_interrupted_tasks),
	KUNIT_CASE(proc_tasks_lists_init_and_idle),
	KUNIT_CASE(proc_tasks_shows_per_cpu_threads_on_their_cpu),
	KUNIT_CASE(wakeup_of_bound_task_runs_on_its_cpu_with_a_res_ipi),
	KUNIT_CASE(n_cpu_bound_threads_on_n_cpus_each_get_a_cpu),
	KUNIT_CASE(set_cpus_allowed_ptr_moves_a_running_task),
	KUNIT_CASE(ping_pong_wakeups_across_cpus_are_never_lost),
	KUNIT_CASE(rt_wakeup_preempts_the_cpu_running_the_lowest_priority),
	KUNIT_CASE(rtmutex_boosts_an_owner_on_another_cpu),
	KUNIT_CASE(overload_counts_follow_tasks_queued_behind_the_running_one),
	{}
};

static struct kunit_suite sched_test_suite = {
	.name = "sched",
	.test_cases = sched_test_cases,
};
kunit_test_suite(sched_test_suite);
