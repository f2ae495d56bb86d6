// SPDX-License-Identifier: MIT
/*
 * The driver interface of the generic IRQ layer: installing and removing
 * actions (request_threaded_irq(), free_irq()) with Linux's sharing rules,
 * enable_irq()/disable_irq() with a nesting depth, synchronize_irq(),
 * affinity, and the irq threads.
 *
 * An action with a thread_fn gets a kernel thread "irq/N-name" at
 * SCHED_FIFO 50; its hard handler answers IRQ_WAKE_THREAD to have
 * thread_fn run there (handle.c wakes it). With IRQF_ONESHOT the flow
 * handler leaves a level or fasteoi line masked after the hard handler
 * and irq_finalize_oneshot() unmasks it once every such thread on the
 * line has finished, so a level line does not fire again before the
 * thread has quietened the device. "threadirqs" forces the same onto
 * handlers that do not forbid it (irq_setup_forced_threading()).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include "internals.h"

bool force_irqthreads_key;

static int __init setup_forced_irqthreads(char *arg)
{
	force_irqthreads_key = true;
	return 0;
}
__setup("threadirqs", setup_forced_irqthreads);

/* --- enable / disable ------------------------------------------------------ */

void __disable_irq(struct irq_desc *desc)
{
	if (!desc->depth++)
		irq_disable(desc);
}

/*
 * Undoes one __disable_irq(). The last one starts the line rather than
 * just enabling it: a line requested with IRQF_NO_AUTOEN was never
 * started. irq_startup() also replays an edge that came in meanwhile.
 */
void __enable_irq(struct irq_desc *desc)
{
	switch (desc->depth) {
	case 0:
		WARN(1, "Unbalanced enable for IRQ %u\n", irq_desc_get_irq(desc));
		break;
	case 1:
		if (desc->istate & IRQS_SUSPENDED) {
			WARN(1, "Unbalanced enable for IRQ %u\n", irq_desc_get_irq(desc));
			break;
		}
		irq_settings_set_noprobe(desc);
		irq_startup(desc, IRQ_RESEND, IRQ_START_FORCE);
		break;
	default:
		desc->depth--;
	}
}

static int __disable_irq_nosync(unsigned int irq)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	__disable_irq(desc);
	irq_put_desc_unlock(desc, flags);
	return 0;
}

/**
 * disable_irq_nosync - disable a line without waiting for its handlers
 *
 * Disables nest: every call needs its enable_irq(). Safe from the line's
 * own handler, unlike disable_irq().
 */
void disable_irq_nosync(unsigned int irq)
{
	__disable_irq_nosync(irq);
}

/**
 * disable_irq - disable a line and wait until its handlers are done
 *
 * Calling this from the line's own handler deadlocks; use
 * disable_irq_nosync() there.
 */
void disable_irq(unsigned int irq)
{
	if (!__disable_irq_nosync(irq))
		synchronize_irq(irq);
}

/* Undoes one disable_irq(); an edge that arrived meanwhile is replayed. */
void enable_irq(unsigned int irq)
{
	struct irq_desc *desc;
	unsigned long flags;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return;
	if (!WARN(!desc->irq_data.chip, "enable_irq before setup/request_irq: irq %u\n", irq))
		__enable_irq(desc);
	irq_put_desc_unlock(desc, flags);
	resend_irqs();
}

/* --- synchronisation ------------------------------------------------------- */

static void __synchronize_hardirq(struct irq_desc *desc)
{
	unsigned long flags;
	bool inprogress;

	do {
		while (irqd_irq_inprogress(&desc->irq_data))
			cpu_relax();
		/* The unlocked test can be stale; decide under the lock. */
		raw_spin_lock_irqsave(&desc->lock, flags);
		inprogress = irqd_irq_inprogress(&desc->irq_data);
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	} while (inprogress);
}

/*
 * Waits until no CPU runs @irq's hard handlers. Returns false when irq
 * threads they woke are still active (synchronize_irq() waits for those).
 * Safe from atomic context, unlike synchronize_irq().
 */
bool synchronize_hardirq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return true;
	__synchronize_hardirq(desc);
	return !atomic_read(&desc->threads_active);
}

/*
 * Waits for the handlers of @irq to finish on every CPU, threaded ones
 * included: a thread woken by a hard handler that has finished is
 * already counted in threads_active. Sleeps; calling it from that line's
 * handler or thread, or with desc->lock held, deadlocks.
 */
void synchronize_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return;
	__synchronize_hardirq(desc);
	wait_event(desc->wait_for_threads, !atomic_read(&desc->threads_active));
}

/* --- affinity -------------------------------------------------------------- */

/* Asks the chip to route the line to @mask and records it; desc->lock held. */
/* The line moved: its threads follow at their next wake-up (irq_thread_check_affinity()). */
static void irq_set_thread_affinity(struct irq_desc *desc)
{
	struct irqaction *action;

	for_each_action_of_desc(desc, action) {
		if (action->thread)
			set_bit(IRQTF_AFFINITY, &action->thread_flags);
		if (action->secondary && action->secondary->thread)
			set_bit(IRQTF_AFFINITY, &action->secondary->thread_flags);
	}
}

int irq_do_set_affinity(struct irq_data *data, const struct cpumask *mask, bool force)
{
	struct irq_desc *desc = irq_data_to_desc(data);
	struct irq_chip *chip = data->chip;
	int ret;

	if (!chip || !chip->irq_set_affinity)
		return -EINVAL;
	if (!force && !cpumask_intersects(mask, cpu_online_mask))
		return -EINVAL;

	ret = chip->irq_set_affinity(data, mask, force);
	switch (ret) {
	case IRQ_SET_MASK_OK:
	case IRQ_SET_MASK_OK_DONE:
		cpumask_copy(desc->irq_common_data.affinity, mask);
		/* fall through */
	case IRQ_SET_MASK_OK_NOCOPY:
		irq_set_thread_affinity(desc);
		ret = 0;
	}
	return ret;
}

/* Keep @dest for the line's next interrupt (kernel/irq/migration.c). */
static int irq_set_affinity_pending(struct irq_data *data, const struct cpumask *dest)
{
	struct irq_desc *desc = irq_data_to_desc(data);

	irqd_set_move_pending(data);
	cpumask_copy(desc->pending_mask, dest);
	return 0;
}

/*
 * A move the vector level cannot do yet (-EBUSY: the previous one is not
 * cleaned up) is not an error to the caller: it is kept pending and
 * retried at the next interrupt.
 */
static int irq_try_set_affinity(struct irq_data *data, const struct cpumask *dest, bool force)
{
	int ret = irq_do_set_affinity(data, dest, force);

	if (ret == -EBUSY && !force)
		ret = irq_set_affinity_pending(data, dest);
	return ret;
}

/*
 * desc->lock held. A line that is not activated only records the mask
 * when its chip applies affinity at activation; a line that can move
 * from here moves now; the others (IOAPIC, MSI without mask bits) move
 * at their next interrupt.
 */
int irq_set_affinity_locked(struct irq_data *data, const struct cpumask *mask, bool force)
{
	struct irq_chip *chip = data->chip;

	if (!chip || !chip->irq_set_affinity)
		return -EINVAL;
	if (!force && !cpumask_intersects(mask, cpu_online_mask))
		return -EINVAL;
	if (irqd_affinity_on_activate(data) && !irqd_is_activated(data)) {
		irq_data_update_affinity(data, mask);
		return 0;
	}
	if (irqd_can_move_in_process_context(data) && !irqd_is_setaffinity_pending(data))
		return irq_try_set_affinity(data, mask, force);
	return irq_set_affinity_pending(data, mask);
}

static int __irq_set_affinity(unsigned int irq, const struct cpumask *mask, bool force)
{
	struct irq_desc *desc;
	unsigned long flags;
	int ret;

	desc = irq_get_desc_lock(irq, &flags);
	if (!desc)
		return -EINVAL;
	ret = irq_set_affinity_locked(&desc->irq_data, mask, force);
	if (!ret)
		irqd_set(&desc->irq_data, IRQD_AFFINITY_SET);
	irq_put_desc_unlock(desc, flags);
	return ret;
}

/*
 * Routes @irq to the CPUs of @cpumask (at least one of them online). For
 * a line that moves at its next interrupt, 0 means the move is recorded.
 */
int irq_set_affinity(unsigned int irq, const struct cpumask *cpumask)
{
	return __irq_set_affinity(irq, cpumask, false);
}

/* As irq_set_affinity(), for CPU bring-up: the CPUs need not be online yet. */
int irq_force_affinity(unsigned int irq, const struct cpumask *cpumask)
{
	return __irq_set_affinity(irq, cpumask, true);
}

/* Not per-CPU, not NO_BALANCING, and the chip can move it. */
static bool __irq_can_set_affinity(struct irq_desc *desc)
{
	return desc && irqd_can_balance(&desc->irq_data) &&
	       desc->irq_data.chip && desc->irq_data.chip->irq_set_affinity;
}

bool irq_can_set_affinity(unsigned int irq)
{
	return __irq_can_set_affinity(irq_to_desc(irq));
}

/**
 * irq_setup_affinity - point a line being started at its CPUs
 *
 * A managed line, or one whose affinity was set (IRQD_AFFINITY_SET: by
 * the user or a driver), keeps its mask if a CPU of it is online;
 * otherwise the line gets irq_default_affinity. Either way only online
 * CPUs are passed on, and every online CPU when none of the mask is.
 * desc->lock held. Returns the chip's answer, 0 for a line that cannot
 * be moved.
 */
int irq_setup_affinity(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	const struct cpumask *set = &irq_default_affinity;
	struct cpumask mask;

	if (!__irq_can_set_affinity(desc))
		return 0;
	if (irqd_affinity_is_managed(d) || irqd_affinity_was_set(d)) {
		if (cpumask_intersects(irq_data_get_affinity_mask(d), cpu_online_mask))
			set = irq_data_get_affinity_mask(d);
		else
			irqd_clear(d, IRQD_AFFINITY_SET);
	}
	if (!cpumask_and(&mask, cpu_online_mask, set))
		cpumask_copy(&mask, cpu_online_mask);
	return irq_do_set_affinity(d, &mask, false);
}

/*
 * May user space (/proc/irq/N/smp_affinity) move @irq? Not a managed
 * line: its spread belongs to the driver (a write gets -EIO, as Linux).
 */
bool irq_can_set_affinity_usr(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return irq_can_set_affinity(irq) && !irqd_affinity_is_managed(&desc->irq_data);
}

/* --- irq threads ------------------------------------------------------------ */

/* The hard handler of a request with only a thread_fn. */
static irqreturn_t irq_default_primary_handler(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

/* The secondary action of a forced-threaded line is only ever woken, never called. */
static irqreturn_t irq_forced_secondary_handler(int irq, void *dev_id)
{
	WARN(1, "Primary handler called for secondary irq %d\n", irq);
	return IRQ_NONE;
}

/*
 * Sleeps until the hard handler asks for a run (0) or the thread is to
 * stop (-1). A run asked for before the stop still happens, so a woken
 * thread always balances its threads_active and threads_oneshot. The
 * state is set before RUNTHREAD is tested, so a wake-up in between is
 * not lost.
 */
static int irq_wait_for_interrupt(struct irqaction *action)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (test_and_clear_bit(IRQTF_RUNTHREAD, &action->thread_flags)) {
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			return -1;
		}
		schedule();
	}
}

/*
 * The thread of a ONESHOT action is done: drop its bit, and unmask the
 * line when no other thread on it is still due. Two races to lose:
 *
 *   CPU0 (hard IRQ, INPROGRESS)        CPU1 (this thread)
 *                                      finalize: unmask
 *   (line fires again on CPU2, which
 *    sees INPROGRESS, masks, leaves)
 *   ... masked for good
 *
 * so we wait for INPROGRESS to clear; and if the hard handler woke us
 * again meanwhile (RUNTHREAD set), the line stays masked for that run.
 */
static void irq_finalize_oneshot(struct irq_desc *desc, struct irqaction *action)
{
	unsigned long flags;

	if (!(desc->istate & IRQS_ONESHOT) || action->handler == irq_forced_secondary_handler)
		return;
	for (;;) {
		raw_spin_lock_irqsave(&desc->lock, flags);
		if (!irqd_irq_inprogress(&desc->irq_data))
			break;
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		cpu_relax();
	}
	if (!test_bit(IRQTF_RUNTHREAD, &action->thread_flags)) {
		desc->threads_oneshot &= ~action->thread_mask;
		if (!desc->threads_oneshot && !irqd_irq_disabled(&desc->irq_data) &&
		    irqd_irq_masked(&desc->irq_data))
			unmask_threaded_irq(desc);
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

static irqreturn_t irq_thread_fn(struct irq_desc *desc, struct irqaction *action)
{
	irqreturn_t ret = action->thread_fn(action->irq, action->dev_id);

	if (ret == IRQ_HANDLED)
		atomic_inc(&desc->threads_handled);
	irq_finalize_oneshot(desc, action);
	return ret;
}

/*
 * A handler written for hard-IRQ context, forced into a thread: it gets
 * the context it was written for — bottom halves off and, as on a
 * non-PREEMPT_RT Linux, interrupts off — so its locking stays right.
 */
static irqreturn_t irq_forced_thread_fn(struct irq_desc *desc, struct irqaction *action)
{
	irqreturn_t ret;

	local_bh_disable();
	local_irq_disable();
	ret = irq_thread_fn(desc, action);
	local_irq_enable();
	local_bh_enable();
	return ret;
}

static void wake_threads_waitq(struct irq_desc *desc)
{
	if (atomic_dec_and_test(&desc->threads_active))
		wake_up(&desc->wait_for_threads);
}

/* A forced primary answered IRQ_WAKE_THREAD: the driver's own thread_fn runs next. */
static void irq_wake_secondary(struct irq_desc *desc, struct irqaction *action)
{
	struct irqaction *secondary = action->secondary;
	unsigned long flags;

	if (WARN_ON_ONCE(!secondary))
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	__irq_wake_thread(desc, secondary);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

/* irq/N-name: one run of thread_fn per wake-up by the hard handler. */
/*
 * Linux's irq_thread_check_affinity(): the thread runs where the line's
 * interrupts arrive (its effective affinity, else the requested one), so
 * that the hard handler's data is still in that CPU's cache. The thread
 * moves itself, from its own loop, when the line has moved.
 */
static void irq_thread_check_affinity(struct irq_desc *desc, struct irqaction *action)
{
	struct cpumask mask;
	unsigned long flags;

	if (!test_and_clear_bit(IRQTF_AFFINITY, &action->thread_flags))
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	cpumask_copy(&mask, irq_data_get_effective_affinity_mask(&desc->irq_data));
	if (cpumask_empty(&mask))
		cpumask_copy(&mask, desc->irq_common_data.affinity);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (cpumask_intersects(&mask, cpu_online_mask))
		set_cpus_allowed_ptr(current, &mask);
}

static int irq_thread(void *data)
{
	struct irqaction *action = data;
	struct irq_desc *desc = irq_to_desc(action->irq);
	irqreturn_t (*handler_fn)(struct irq_desc *desc, struct irqaction *action);

	if (test_bit(IRQTF_FORCED_THREAD, &action->thread_flags))
		handler_fn = irq_forced_thread_fn;
	else
		handler_fn = irq_thread_fn;

	irq_thread_check_affinity(desc, action);
	while (!irq_wait_for_interrupt(action)) {
		irqreturn_t ret;

		irq_thread_check_affinity(desc, action);
		ret = handler_fn(desc, action);

		if (ret == IRQ_WAKE_THREAD)
			irq_wake_secondary(desc, action);
		wake_threads_waitq(desc);
	}
	return 0;
}

/* Linux's names: "irq/8-rtc0", and "irq/8-s-rtc0" for a secondary. */
static int setup_irq_thread(struct irqaction *new, unsigned int irq, bool secondary)
{
	struct task_struct *t;

	if (secondary)
		t = kthread_create(irq_thread, new, "irq/%u-s-%s", irq, new->name);
	else
		t = kthread_create(irq_thread, new, "irq/%u-%s", irq, new->name);
	if (IS_ERR(t))
		return PTR_ERR(t);
	sched_set_fifo(t);
	new->thread = t;
	set_bit(IRQTF_AFFINITY, &new->thread_flags);
	/* Into irq_wait_for_interrupt(), so that the first wake-up finds it there. */
	wake_up_process(t);
	return 0;
}

static void stop_irq_threads(struct irqaction *action)
{
	if (action->thread) {
		kthread_stop(action->thread);
		action->thread = NULL;
	}
	if (action->secondary && action->secondary->thread) {
		kthread_stop(action->secondary->thread);
		action->secondary->thread = NULL;
	}
}

/*
 * Under "threadirqs", move the handler into a thread: it becomes the
 * thread_fn behind irq_default_primary_handler, and the line ONESHOT
 * (the hard handler no longer quietens the device, so a level line must
 * stay masked until the thread has). Not for IRQF_NO_THREAD (timers),
 * per-CPU lines, or actions that already are ONESHOT threads. A driver's
 * own thread_fn moves to a second thread, woken when the forced primary
 * answers IRQ_WAKE_THREAD.
 */
static int irq_setup_forced_threading(struct irqaction *new)
{
	if (!force_irqthreads())
		return 0;
	if (new->flags & (IRQF_NO_THREAD | IRQF_PERCPU | IRQF_ONESHOT))
		return 0;
	if (new->handler == irq_default_primary_handler)
		return 0;

	new->flags |= IRQF_ONESHOT;
	if (new->thread_fn) {
		struct irqaction *secondary = kzalloc(sizeof(*secondary), GFP_KERNEL);

		if (!secondary)
			return -ENOMEM;
		secondary->handler = irq_forced_secondary_handler;
		secondary->thread_fn = new->thread_fn;
		secondary->dev_id = new->dev_id;
		secondary->irq = new->irq;
		secondary->name = new->name;
		new->secondary = secondary;
	}
	set_bit(IRQTF_FORCED_THREAD, &new->thread_flags);
	new->thread_fn = new->handler;
	new->handler = irq_default_primary_handler;
	return 0;
}

/*
 * Threads are created before desc->lock is taken (creating one may
 * sleep) and stopped again if the action cannot be installed.
 */
static int irq_setup_threads(struct irq_desc *desc, struct irqaction *new)
{
	unsigned int irq = irq_desc_get_irq(desc);
	int ret;

	if (irq_settings_can_thread(desc)) {
		ret = irq_setup_forced_threading(new);
		if (ret)
			return ret;
	}
	if (!new->thread_fn)
		return 0;
	ret = setup_irq_thread(new, irq, false);
	if (!ret && new->secondary)
		ret = setup_irq_thread(new->secondary, irq, true);
	if (ret) {
		stop_irq_threads(new);
		kfree(new->secondary);
		new->secondary = NULL;
	}
	return ret;
}

/*
 * A handler=NULL request must be ONESHOT unless the chip needs no
 * masking: otherwise a level line would fire again at once, before the
 * thread has run. Checked before any thread is created.
 */
static int irq_check_default_primary(struct irq_desc *desc, struct irqaction *new)
{
	if (new->handler != irq_default_primary_handler || (new->flags & IRQF_ONESHOT) ||
	    (desc->irq_data.chip->flags & IRQCHIP_ONESHOT_SAFE))
		return 0;
	pr_err("Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %u)\n",
	       new->name, new->irq);
	return -EINVAL;
}

/*
 * Each ONESHOT action on a line gets its own bit in threads_oneshot; the
 * line is unmasked when all are clear. -EBUSY when the bits run out.
 */
static int irq_assign_thread_mask(struct irq_desc *desc, struct irqaction *new)
{
	unsigned long used = 0;
	struct irqaction *old;

	if (!(new->flags & IRQF_ONESHOT))
		return 0;
	for_each_action_of_desc(desc, old)
		used |= old->thread_mask;
	if (used == ~0UL)
		return -EBUSY;
	new->thread_mask = 1UL << __builtin_ctzl(~used);
	return 0;
}

/* --- installing and removing actions --------------------------------------- */

/*
 * A line can be shared only when both actions ask for it and agree on the
 * trigger type (a level line cannot be half edge), on ONESHOT and on
 * per-CPU-ness. When the line has no type yet, the newcomer's becomes it.
 */
static bool irq_can_share(struct irq_desc *desc, struct irqaction *old,
			  struct irqaction *new)
{
	unsigned int oldtype;

	if (irqd_trigger_type_was_set(&desc->irq_data)) {
		oldtype = irqd_get_trigger_type(&desc->irq_data);
	} else {
		oldtype = new->flags & IRQF_TRIGGER_MASK;
		irqd_set_trigger_type(&desc->irq_data, oldtype);
	}

	if (!(old->flags & new->flags & IRQF_SHARED) ||
	    oldtype != (new->flags & IRQF_TRIGGER_MASK))
		return false;
	if ((old->flags & IRQF_ONESHOT) && (new->flags & IRQF_COND_ONESHOT))
		new->flags |= IRQF_ONESHOT;
	else if ((old->flags ^ new->flags) & IRQF_ONESHOT)
		return false;
	return (old->flags & IRQF_PERCPU) == (new->flags & IRQF_PERCPU);
}

/* The first action on a line: set its type and mode, then start it. */
static int irq_setup_first_action(struct irq_desc *desc, struct irqaction *new)
{
	int ret;

	if (new->flags & IRQF_TRIGGER_MASK) {
		ret = __irq_set_trigger(desc, new->flags & IRQF_TRIGGER_MASK);
		if (ret)
			return ret;
	}
	/* The line must have a path to a CPU even if it is not started yet. */
	ret = irq_activate(desc);
	if (ret)
		return ret;

	desc->istate &= ~(IRQS_AUTODETECT | IRQS_SPURIOUS_DISABLED |
			  IRQS_ONESHOT | IRQS_WAITING);
	irqd_clear(&desc->irq_data, IRQD_IRQ_INPROGRESS);

	if (new->flags & IRQF_PERCPU) {
		irqd_set(&desc->irq_data, IRQD_PER_CPU);
		irq_settings_set_per_cpu(desc);
		if (new->flags & IRQF_NO_DEBUG)
			irq_settings_set_no_debug(desc);
	}
	if (noirqdebug)
		irq_settings_set_no_debug(desc);
	if (new->flags & IRQF_ONESHOT)
		desc->istate |= IRQS_ONESHOT;
	if (new->flags & IRQF_NOBALANCING) {
		irq_settings_set_no_balancing(desc);
		irqd_set(&desc->irq_data, IRQD_NO_BALANCING);
	}

	if (!(new->flags & IRQF_NO_AUTOEN) && irq_settings_can_autoenable(desc)) {
		irq_startup(desc, IRQ_RESEND, IRQ_START_COND);
	} else {
		/* A sharer could never see the line enabled. */
		WARN_ON_ONCE(new->flags & IRQF_SHARED);
		desc->depth = 1;
	}
	return 0;
}

static int __setup_irq(unsigned int irq, struct irq_desc *desc, struct irqaction *new)
{
	struct irqaction *old, **old_ptr;
	unsigned long flags;
	bool shared = false;
	int ret = 0;

	if (desc->irq_data.chip == &no_irq_chip)
		return -ENOSYS;
	new->irq = irq;
	ret = irq_check_default_primary(desc, new);
	if (ret)
		return ret;
	ret = irq_setup_threads(desc, new);
	if (ret)
		return ret;
	if ((desc->irq_data.chip->flags & IRQCHIP_ONESHOT_SAFE))
		new->flags &= ~IRQF_ONESHOT;

	raw_spin_lock_irqsave(&desc->lock, flags);
	old_ptr = &desc->action;
	old = *old_ptr;
	if (old) {
		if (!irq_can_share(desc, old, new))
			goto mismatch;
		while (*old_ptr)
			old_ptr = &(*old_ptr)->next;
		shared = true;
	}
	ret = irq_assign_thread_mask(desc, new);
	if (ret)
		goto out_unlock;
	if (!shared) {
		ret = irq_setup_first_action(desc, new);
		if (ret)
			goto out_unlock;
	}

	*old_ptr = new;
	/* A new handler gets a fresh chance with the spurious detector. */
	desc->irq_count = 0;
	desc->irqs_unhandled = 0;
	if (shared && (desc->istate & IRQS_SPURIOUS_DISABLED)) {
		desc->istate &= ~IRQS_SPURIOUS_DISABLED;
		__enable_irq(desc);
	}
	goto out_unlock;

mismatch:
	if (!(new->flags & IRQF_PROBE_SHARED))
		pr_err("Flags mismatch irq %u. %08x (%s) vs. %08x (%s)\n",
		       irq, new->flags, new->name, old->flags, old->name);
	ret = -EBUSY;
out_unlock:
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	resend_irqs();
	if (ret) {
		stop_irq_threads(new);
		kfree(new->secondary);
		new->secondary = NULL;
		return ret;
	}
	register_irq_proc(irq, desc);
	register_handler_proc(irq, new);
	return 0;
}

/* Linux's rules for flag combinations that can never work. */
static bool irq_flags_invalid(unsigned long flags, void *dev_id)
{
	if (flags & IRQF_SHARED)
		return !dev_id || (flags & IRQF_NO_AUTOEN);
	return flags & IRQF_COND_SUSPEND;
}

/**
 * request_threaded_irq - install a handler on a line
 * @irq:	Linux IRQ number (not a vector, not a GSI)
 * @handler:	hard-IRQ handler; NULL: irq_default_primary_handler, which only
 *		wakes the thread (then IRQF_ONESHOT is required)
 * @thread_fn:	threaded handler, run in "irq/N-name" when @handler answers
 *		IRQ_WAKE_THREAD; NULL for a hard-IRQ-only action
 * @flags:	IRQF_*
 * @name:	device name for /proc/interrupts; the pointer is kept
 * @dev:	cookie for @handler and for free_irq(); required when shared
 *
 * The first action on a line sets its trigger type and starts it.
 * Returns 0; -EINVAL for a bad request or an unknown line; -ENOSYS for a
 * line without a chip; -EBUSY when the line is taken and cannot be
 * shared (or has no ONESHOT bit left); -ENOMEM, or the thread's error.
 */
int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev)
{
	struct irqaction *action;
	struct irq_desc *desc;
	int ret;

	if (irq == IRQ_NOTCONNECTED)
		return -ENOTCONN;
	if (irq_flags_invalid(flags, dev))
		return -EINVAL;
	desc = irq_to_desc(irq);
	if (!desc)
		return -EINVAL;
	if (!irq_settings_can_request(desc) ||
	    WARN_ON(irq_settings_is_per_cpu_devid(desc)))
		return -EINVAL;
	if (!handler) {
		if (!thread_fn)
			return -EINVAL;
		handler = irq_default_primary_handler;
	}

	action = kzalloc(sizeof(*action), GFP_KERNEL);
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->thread_fn = thread_fn;
	action->flags = flags;
	action->name = name;
	action->dev_id = dev;

	ret = __setup_irq(irq, desc, action);
	if (ret)
		kfree(action);
	return ret;
}

/*
 * Unlinks the action of @dev_id; the last one to go shuts the line down.
 * Returns the action, still allocated, or NULL when there was none.
 */
static struct irqaction *__free_irq(struct irq_desc *desc, void *dev_id)
{
	unsigned int irq = irq_desc_get_irq(desc);
	struct irqaction *action, **action_ptr;
	unsigned long flags;

	raw_spin_lock_irqsave(&desc->lock, flags);
	for (action_ptr = &desc->action; (action = *action_ptr); action_ptr = &action->next)
		if (action->dev_id == dev_id)
			break;
	if (!action) {
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		WARN(1, "Trying to free already-free IRQ %u\n", irq);
		return NULL;
	}
	*action_ptr = action->next;
	if (!desc->action)
		irq_shutdown(desc);
	raw_spin_unlock_irqrestore(&desc->lock, flags);

	/* Another CPU may still be inside this very handler. */
	synchronize_hardirq(irq);
	/* Unlinked, so not woken again; a run already asked for still happens. */
	stop_irq_threads(action);

	if (!desc->action) {
		raw_spin_lock_irqsave(&desc->lock, flags);
		irq_domain_deactivate_irq(&desc->irq_data);
		raw_spin_unlock_irqrestore(&desc->lock, flags);
	}
	return action;
}

/**
 * free_irq - remove the handler installed with @dev_id
 *
 * Waits until the handler is no longer running anywhere and stops its
 * irq thread(s); may sleep. Returns the name it was requested with (drivers that allocated it free it), or
 * NULL with a warning when @dev_id has no action on @irq.
 */
const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action;
	const char *devname;

	if (!desc || WARN_ON(irq_settings_is_per_cpu_devid(desc)))
		return NULL;
	action = __free_irq(desc, dev_id);
	if (!action)
		return NULL;
	devname = action->name;
	unregister_handler_proc(irq, action);
	kfree(action->secondary);
	kfree(action);
	return devname;
}
