// SPDX-License-Identifier: MIT
/*
 * Interrupt context and the work deferred out of it: the per-CPU preempt
 * count and pending-softirq word, irq_enter()/irq_exit(), the ten
 * softirqs (raised by handlers, run by handle_softirqs() on the way out of
 * the outermost interrupt, with Linux's restart and time limits),
 * local_bh_disable()/local_bh_enable(), and tasklets, which are two of the
 * softirqs (HI and TASKLET).
 *
 * ksoftirqd is only borrowed: when handle_softirqs() gives up, or a
 * softirq is raised outside interrupt context, this file calls
 * ksoftirqd_wake(); the scheduler provides the thread, overrides that weak
 * hook, and calls run_ksoftirqd_once() from the thread's loop (see
 * linux/interrupt.h). Without it, handed-over softirqs stay pending until
 * the next irq_exit() or local_bh_enable().
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/hardirq.h>
#include <linux/interrupt.h>
#include <linux/kernel_stat.h>
#include <linux/sched/clock.h>
#include <linux/vtime.h>
#include <linux/spinlock.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <asm/irq_stack.h>
#include <trace/events/irq.h>

/*
 * Linux x86 keeps the count in its per-CPU hot data; here it is a plain
 * per-CPU int. The boot CPU's copy is the template, so the initial value
 * holds from the first instruction.
 */
DEFINE_PER_CPU(int, __preempt_count) = INIT_PREEMPT_COUNT;

#ifdef GENERIC_SOFTIRQ_PENDING_WORD
DEFINE_PER_CPU(u32, __softirq_pending);
#endif

DEFINE_PER_CPU(struct task_struct *, ksoftirqd);
DEFINE_PER_CPU(unsigned int, softirq_deferred);

static void tasklet_action(void);
static void tasklet_hi_action(void);

/*
 * The tasklet softirqs are opened statically: Linux opens them from
 * softirq_init() in start_kernel(), and they must work as early here.
 */
static struct softirq_action softirq_vec[NR_SOFTIRQS] = {
	[HI_SOFTIRQ]		= { tasklet_hi_action },
	[TASKLET_SOFTIRQ]	= { tasklet_action },
};

const char * const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL",
	"TASKLET", "SCHED", "HRTIMER", "RCU"
};

/* Linux 6.6's tasklet events are not among reflex's yet. */
static inline void trace_tasklet_entry(struct tasklet_struct *t, void *func) { }
static inline void trace_tasklet_exit(struct tasklet_struct *t, void *func) { }

/*
 * Linux bounds one handle_softirqs() call by jiffies (2 ms is a single
 * jiffy at HZ=250, so the real bound is "until the next tick"). reflex
 * measures the 2 ms with local_clock() instead: nanoseconds from the TSC,
 * exact under -icount, and not dependent on the tick having been taken.
 */
#define MAX_SOFTIRQ_TIME	(2 * 1000 * 1000ULL)
#define MAX_SOFTIRQ_RESTART	10

/* --- raising and handing over --------------------------------------------- */

/* Wake this CPU's ksoftirqd; before it exists the work stays pending. */
void ksoftirqd_wake(unsigned int cpu)
{
	struct task_struct *tsk = per_cpu(ksoftirqd, cpu);

	if (tsk && task_state(tsk) != TASK_RUNNING)
		wake_up_process(tsk);
}

/*
 * Interrupts are off, so this CPU cannot change under us. The count is
 * kept here rather than in ksoftirqd_wake() so that it survives the
 * scheduler overriding the hook.
 */
static void wakeup_softirqd(void)
{
	this_cpu_inc(softirq_deferred);
	ksoftirqd_wake(smp_processor_id());
}

void __raise_softirq_irqoff(unsigned int nr)
{
	trace_softirq_raise(nr);
	or_softirq_pending(1U << nr);
}

/*
 * In interrupt context (or with bottom halves off) the softirq runs on the
 * way out, so marking it is enough. In a task nothing is on the way out:
 * ksoftirqd is asked to run it soon.
 */
void raise_softirq_irqoff(unsigned int nr)
{
	__raise_softirq_irqoff(nr);
	if (!in_interrupt())
		wakeup_softirqd();
}

void raise_softirq(unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr].action = action;
}

/* --- running them ----------------------------------------------------------- */

static inline void softirq_handle_begin(void)
{
	__local_bh_disable_ip(0, SOFTIRQ_OFFSET);
	account_softirq_enter(current);
}

/* Interrupts are off: nothing can run softirqs between the drop and the return. */
static inline void __local_bh_enable(unsigned int cnt)
{
	__preempt_count_sub(cnt);
}

static inline void softirq_handle_end(void)
{
	account_softirq_exit(current);
	__local_bh_enable(SOFTIRQ_OFFSET);
	WARN_ON_ONCE(in_interrupt());
}

/*
 * An action that returns with the preempt count changed (a lock or a
 * local_bh_disable() left held) would poison everything after it; say so
 * and put the count back.
 */
static __always_inline void softirq_run_action(unsigned int nr)
{
	struct softirq_action *h = &softirq_vec[nr];
	int prev_count = preempt_count();

	kstat_incr_softirqs_this_cpu(nr);
	if (unlikely(!h->action)) {
		pr_warn_once("softirq: %s raised but never opened\n", softirq_to_name[nr]);
		return;
	}
	trace_softirq_entry(nr);
	h->action();
	trace_softirq_exit(nr);
	if (unlikely(prev_count != preempt_count())) {
		pr_err("softirq %u %s %pS: preempt count %08x on entry, %08x on exit\n",
		       nr, softirq_to_name[nr], h->action, prev_count, preempt_count());
		__preempt_count_add(prev_count - preempt_count());
	}
}

/*
 * Runs the softirqs pending on this CPU, lowest number first, with
 * interrupts enabled and SOFTIRQ_OFFSET in the preempt count. Handlers
 * may raise more (an interrupt arriving meanwhile, or an action raising
 * itself); those are picked up by another pass, for at most
 * MAX_SOFTIRQ_RESTART passes and MAX_SOFTIRQ_TIME, after which ksoftirqd
 * gets the rest so that tasks are not starved. Called and returns with
 * interrupts off. @ksirqd: called by ksoftirqd, not on an interrupt's exit
 * (Linux reports an RCU quiescent state then; reflex has no RCU).
 * @allowed: the softirqs this call may run; the others stay pending for
 * ksoftirqd (see softirqs_to_run_now()).
 */
static noinline __noclone void handle_softirqs(bool ksirqd, u32 allowed)
{
	u64 end = local_clock() + MAX_SOFTIRQ_TIME;
	int max_restart = MAX_SOFTIRQ_RESTART;
	u32 pending = local_softirq_pending() & allowed;

	softirq_handle_begin();
restart:
	/* Cleared before interrupts come back on, so a new raise is never lost. */
	set_softirq_pending(local_softirq_pending() & ~allowed);
	local_irq_enable();
	while (pending) {
		unsigned int nr = __builtin_ctz(pending);

		pending &= pending - 1;
		softirq_run_action(nr);
	}
	local_irq_disable();

	pending = local_softirq_pending() & allowed;
	if (pending) {
		/* A task wants the CPU: let ksoftirqd compete for it instead. */
		if (local_clock() < end && !need_resched() && --max_restart)
			goto restart;
		wakeup_softirqd();
	}
	softirq_handle_end();
}

static u32 softirqs_to_run_now(void);

/* From do_softirq(), on the IRQ stack. */
void __do_softirq(void)
{
	handle_softirqs(false, softirqs_to_run_now());
}

/*
 * Once ksoftirqd is runnable, an interrupt's exit and local_bh_enable()
 * leave the pending softirqs to it, so that the scheduler shares the CPU
 * between them and the tasks (Linux 6.1's ksoftirqd_running(), the
 * kernel reflex is measured against; 6.5 dropped the rule). Without it
 * a flood's NET_RX, deferred to ksoftirqd, ran again at the first
 * local_bh_enable() of every task that got the CPU, for as long as its
 * time slice.
 *
 * Linux runs HI and TASKLET at once all the same. reflex also runs the
 * timer, scheduler and RCU softirqs at once (the rule holds back only
 * the device-work ones): it has no RT throttling, so a real-time task
 * spinning on the CPU would keep a runnable ksoftirqd, and with it every
 * timer of that CPU, waiting forever; Linux lets ksoftirqd in after
 * 950 ms of every second. Those run alone: the held-back ones stay
 * pending for ksoftirqd. (Linux runs all that is pending once HI or
 * TASKLET is; the timer's softirq, raised on every tick, would then
 * hand a flood's NET_RX to whichever task the tick interrupted, on its
 * time, for up to 2 ms a tick.)
 */
#define SOFTIRQ_NOW_MASK	(~((1U << NET_TX_SOFTIRQ) | (1U << NET_RX_SOFTIRQ) | \
				   (1U << BLOCK_SOFTIRQ) | (1U << IRQ_POLL_SOFTIRQ)))

/* The softirqs an interrupt's exit or local_bh_enable() may run now. */
static u32 softirqs_to_run_now(void)
{
	struct task_struct *tsk = __this_cpu_read(ksoftirqd);

	if (tsk && READ_ONCE(tsk->__state) == TASK_RUNNING)
		return SOFTIRQ_NOW_MASK;
	return ~0U;
}

/*
 * Linux's invoke_softirq() calls __do_softirq(), which the compiler turns
 * into a jump to handle_softirqs(); calling it directly gives the same
 * trace. irq_exit() runs on the IRQ stack, or on the task stack of an
 * interrupt from user mode, which is empty then: either way there is room,
 * so no stack switch here. Under "threadirqs" the hard IRQ stays short
 * and ksoftirqd runs its softirqs instead, as in Linux (early in boot,
 * before spawn_ksoftirqd(), they run here as usual).
 */
static __always_inline void invoke_softirq(void)
{
	u32 allowed = softirqs_to_run_now();

	if (!(local_softirq_pending() & allowed))
		return;
	if (force_irqthreads() && __this_cpu_read(ksoftirqd)) {
		wakeup_softirqd();
		return;
	}
	handle_softirqs(false, allowed);
}

void do_softirq(void)
{
	unsigned long flags;

	if (in_interrupt())
		return;
	local_irq_save(flags);
	if (local_softirq_pending() & softirqs_to_run_now())
		do_softirq_own_stack();
	local_irq_restore(flags);
}

/* --- interrupt entry and exit ---------------------------------------------- */

void irq_enter_rcu(void)
{
	__irq_enter_raw();
	account_hardirq_enter(current);
}

/* Called by the arch entry code before the interrupt's handler runs. */
void irq_enter(void)
{
	irq_enter_rcu();
}

/*
 * Leaves hard-interrupt context. Softirqs run only when this was the
 * outermost interrupt and no softirq was already being served or held
 * off with local_bh_disable(): in_interrupt() covers all three. With
 * nothing pending this is a subtraction and two tests.
 */
noinline void __irq_exit_rcu(void)
{
	WARN_ON_ONCE(!irqs_disabled());
	account_hardirq_exit(current);
	preempt_count_sub(HARDIRQ_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		invoke_softirq();
}

void irq_exit(void)
{
	__irq_exit_rcu();
}

/* --- bottom-half disabling -------------------------------------------------- */

void _local_bh_enable(void)
{
	WARN_ON_ONCE(in_hardirq());
	__local_bh_enable(SOFTIRQ_DISABLE_OFFSET);
}

/*
 * The outermost enable runs what was raised while bottom halves were off.
 * Preemption stays off (one count kept back) until they have run, so the
 * task cannot move away with softirqs half done.
 */
void __local_bh_enable_ip(unsigned long ip, unsigned int cnt)
{
	WARN_ON_ONCE(in_hardirq() || irqs_disabled());
	__preempt_count_sub(cnt - 1);
	if (unlikely(!in_interrupt() && local_softirq_pending()))
		do_softirq();
	preempt_enable();
}

/* --- ksoftirqd's side ------------------------------------------------------- */

int ksoftirqd_should_run(unsigned int cpu)
{
	return local_softirq_pending();
}

/*
 * One turn of ksoftirqd/@cpu's loop, on @cpu: the same processing as on
 * an interrupt's exit, limits included, in the thread's own context. If
 * the limits hit again the thread is simply woken again.
 */
void run_ksoftirqd_once(unsigned int cpu)
{
	WARN_ON_ONCE(cpu != smp_processor_id());
	local_irq_disable();
	if (local_softirq_pending())
		handle_softirqs(true, ~0U);
	local_irq_enable();
}

/* --- tasklets --------------------------------------------------------------- */

/* A FIFO of scheduled tasklets; @tail is the last one (NULL when empty). */
struct tasklet_head {
	struct tasklet_struct *head;
	struct tasklet_struct *tail;
};

static DEFINE_PER_CPU(struct tasklet_head, tasklet_vec);
static DEFINE_PER_CPU(struct tasklet_head, tasklet_hi_vec);

/* Interrupts off: the list is this CPU's and its interrupts also queue. */
static void tasklet_enqueue(struct tasklet_head *head, struct tasklet_struct *t)
{
	t->next = NULL;
	if (head->head)
		head->tail->next = t;
	else
		head->head = t;
	head->tail = t;
}

static void __tasklet_schedule_common(struct tasklet_struct *t,
				      struct tasklet_head *headp, unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	tasklet_enqueue(this_cpu_ptr(headp), t);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

void __tasklet_schedule(struct tasklet_struct *t)
{
	__tasklet_schedule_common(t, &tasklet_vec, TASKLET_SOFTIRQ);
}

void __tasklet_hi_schedule(struct tasklet_struct *t)
{
	__tasklet_schedule_common(t, &tasklet_hi_vec, HI_SOFTIRQ);
}

static bool tasklet_clear_sched(struct tasklet_struct *t)
{
	if (test_and_clear_bit(TASKLET_STATE_SCHED, &t->state))
		return true;
	WARN_ONCE(1, "tasklet %pS on the list without TASKLET_STATE_SCHED\n",
		  t->use_callback ? (void *)t->callback : (void *)t->func);
	return false;
}

static void tasklet_call(struct tasklet_struct *t)
{
	if (t->use_callback) {
		trace_tasklet_entry(t, t->callback);
		t->callback(t);
		trace_tasklet_exit(t, t->callback);
	} else {
		trace_tasklet_entry(t, t->func);
		t->func(t->data);
		trace_tasklet_exit(t, t->func);
	}
}

/*
 * SCHED is cleared before the call, so a tasklet scheduled while it runs
 * is queued again and runs once more. One that cannot run now (disabled,
 * or running on another CPU) goes back on the list and keeps its softirq
 * raised, as Linux's does.
 */
static void tasklet_action_common(struct tasklet_head *tl_head, unsigned int nr)
{
	struct tasklet_struct *list;

	local_irq_disable();
	list = tl_head->head;
	tl_head->head = tl_head->tail = NULL;
	local_irq_enable();

	while (list) {
		struct tasklet_struct *t = list;

		list = list->next;
		if (tasklet_trylock(t)) {
			bool runnable = !atomic_read(&t->count);

			if (runnable && tasklet_clear_sched(t))
				tasklet_call(t);
			tasklet_unlock(t);
			if (runnable)
				continue;
		}
		local_irq_disable();
		tasklet_enqueue(tl_head, t);
		__raise_softirq_irqoff(nr);
		local_irq_enable();
	}
}

static void tasklet_action(void)
{
	tasklet_action_common(this_cpu_ptr(&tasklet_vec), TASKLET_SOFTIRQ);
}

static void tasklet_hi_action(void)
{
	tasklet_action_common(this_cpu_ptr(&tasklet_hi_vec), HI_SOFTIRQ);
}

void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
	*t = (struct tasklet_struct){ .callback = callback, .use_callback = true };
}

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
	*t = (struct tasklet_struct){ .func = func, .data = data };
}

void tasklet_unlock(struct tasklet_struct *t)
{
	smp_mb__before_atomic();
	clear_bit(TASKLET_STATE_RUN, &t->state);
}

/*
 * Linux sleeps on the bit; until there are wait queues both waits spin.
 * On one CPU a task can never see RUN set (softirqs finish before the
 * task resumes), so only another CPU's run is ever waited for.
 */
void tasklet_unlock_spin_wait(struct tasklet_struct *t)
{
	while (test_bit(TASKLET_STATE_RUN, &t->state))
		cpu_relax();
}

void tasklet_unlock_wait(struct tasklet_struct *t)
{
	tasklet_unlock_spin_wait(t);
}

/*
 * Takes SCHED for itself, so nobody can queue @t meanwhile. While @t is
 * queued, its softirq has to run it first: the next irq_exit() (the tick
 * at the latest) or ksoftirqd does that, so this must not be called with
 * interrupts or bottom halves off, nor from @t.
 */
void tasklet_kill(struct tasklet_struct *t)
{
	if (in_interrupt())
		pr_notice("Attempt to kill tasklet from interrupt\n");
	while (test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		while (test_bit(TASKLET_STATE_SCHED, &t->state))
			cpu_relax();
	tasklet_unlock_wait(t);
	tasklet_clear_sched(t);
}

/* ksoftirqd/N: softirqs handed over by handle_softirqs(), in a thread. */
static int run_ksoftirqd(void *data)
{
	unsigned int cpu = (unsigned long)data;

	while (!kthread_should_stop()) {
		/* The state first: a park request's wake-up after this is not lost. */
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_park()) {
			__set_current_state(TASK_RUNNING);
			kthread_parkme();	/* its CPU is going down */
			continue;
		}
		if (!ksoftirqd_should_run(cpu)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		run_ksoftirqd_once(cpu);
		cond_resched();
	}
	return 0;
}

/* ksoftirqd/@cpu, bound to it; called once @cpu is online (cpuhp_online()). */
int spawn_ksoftirqd_cpu(unsigned int cpu)
{
	struct task_struct *tsk;

	if (per_cpu(ksoftirqd, cpu))
		return 0;
	tsk = kthread_create(run_ksoftirqd, (void *)(unsigned long)cpu, "ksoftirqd/%u", cpu);
	if (IS_ERR(tsk))
		return PTR_ERR(tsk);
	kthread_bind(tsk, cpu);
	per_cpu(ksoftirqd, cpu) = tsk;
	wake_up_process(tsk);
	return 0;
}

/* --- CPU hotplug ----------------------------------------------------------- */

/* ksoftirqd/@cpu sleeps while @cpu is down and comes back bound to it. */
int smpboot_park_threads(unsigned int cpu)
{
	struct task_struct *tsk = per_cpu(ksoftirqd, cpu);

	if (tsk)
		kthread_park(tsk);
	return 0;
}

int smpboot_unpark_threads(unsigned int cpu)
{
	struct task_struct *tsk = per_cpu(ksoftirqd, cpu);

	if (tsk)
		kthread_unpark(tsk);
	return 0;
}

/* Append @from's tasklets to this CPU's @to (interrupts off). */
static bool tasklet_splice(struct tasklet_head *to, struct tasklet_head *from)
{
	if (!from->head)
		return false;
	if (to->head)
		to->tail->next = from->head;
	else
		to->head = from->head;
	to->tail = from->tail;
	from->head = from->tail = NULL;
	return true;
}

/**
 * takeover_tasklets - run a dead CPU's deferred work here
 * @cpu: the dead CPU
 *
 * On the controlling CPU: @cpu's scheduled tasklets join this CPU's
 * lists, and the softirqs still pending on @cpu are raised here, so
 * that nothing raised there before it went down is lost (the handlers
 * look at this CPU's state: timers, hrtimers and NAPI have been moved
 * here already).
 */
int takeover_tasklets(unsigned int cpu)
{
	u32 pending;

	local_irq_disable();
	if (tasklet_splice(this_cpu_ptr(&tasklet_vec), per_cpu_ptr(&tasklet_vec, cpu)))
		__raise_softirq_irqoff(TASKLET_SOFTIRQ);
	if (tasklet_splice(this_cpu_ptr(&tasklet_hi_vec), per_cpu_ptr(&tasklet_hi_vec, cpu)))
		__raise_softirq_irqoff(HI_SOFTIRQ);
	/* @cpu is dead: nobody else touches its word now. */
	pending = per_cpu(local_softirq_pending_ref, cpu);
	per_cpu(local_softirq_pending_ref, cpu) = 0;
	if (pending)
		or_softirq_pending(pending);
	if (local_softirq_pending())
		wakeup_softirqd();
	local_irq_enable();
	return 0;
}

/*
 * From kernel_init(): the per-CPU threads of every CPU online so far
 * (ksoftirqd/N among them); later CPUs get theirs from cpuhp_online().
 */
int spawn_ksoftirqd(void)
{
	cpuhp_threads_init();
	return 0;
}
