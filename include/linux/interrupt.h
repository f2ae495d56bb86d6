/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

/*
 * The driver's side of the generic IRQ layer: request_irq()/free_irq(),
 * enable_irq()/disable_irq() with nesting, synchronize_irq(), affinity,
 * and the IRQF_* flags a driver passes. Also the bottom halves that
 * kernel/softirq.c runs: the ten softirqs, their per-CPU pending word,
 * the ksoftirqd hand-over, and tasklets.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/irqreturn.h>
#include <linux/irqnr.h>
#include <linux/hardirq.h>
#include <linux/cpumask.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bottom_half.h>
#include <asm/percpu.h>

/* The line's trigger, when the driver knows it; the chip is told on first request. */
#define IRQF_TRIGGER_NONE	0x00000000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002
#define IRQF_TRIGGER_HIGH	0x00000004
#define IRQF_TRIGGER_LOW	0x00000008
#define IRQF_TRIGGER_MASK	(IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | \
				 IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_TRIGGER_PROBE	0x00000010

#define IRQF_SHARED		0x00000080	/* other devices may share the line */
#define IRQF_PROBE_SHARED	0x00000100	/* caller expects a sharing mismatch */
#define __IRQF_TIMER		0x00000200
#define IRQF_PERCPU		0x00000400	/* one line per CPU (local timer) */
#define IRQF_NOBALANCING	0x00000800	/* keep out of affinity balancing */
#define IRQF_IRQPOLL		0x00001000
#define IRQF_ONESHOT		0x00002000	/* stay masked until the thread ran */
#define IRQF_NO_SUSPEND		0x00004000
#define IRQF_FORCE_RESUME	0x00008000
#define IRQF_NO_THREAD		0x00010000	/* never force-threaded */
#define IRQF_EARLY_RESUME	0x00020000
#define IRQF_COND_SUSPEND	0x00040000
#define IRQF_NO_AUTOEN		0x00080000	/* leave disabled until enable_irq() */
#define IRQF_NO_DEBUG		0x00100000	/* no spurious detection */
#define IRQF_COND_ONESHOT	0x00200000
#define IRQF_TIMER		(__IRQF_TIMER | IRQF_NO_SUSPEND | IRQF_NO_THREAD)

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

/**
 * struct irqaction - one device's handler on a line
 * @handler:	hard-interrupt handler; says IRQ_NONE/IRQ_HANDLED/IRQ_WAKE_THREAD
 * @dev_id:	cookie handed back to @handler, and what free_irq() matches on
 * @next:	the next action on a shared line
 * @thread_fn:	threaded handler, run by @thread when @handler says IRQ_WAKE_THREAD
 * @thread:	the "irq/N-name" thread (SCHED_FIFO 50), NULL for a hard-only action
 * @secondary:	under threadirqs, the thread for @thread_fn of an action that had
 *		both handlers (its primary handler then runs in @thread)
 * @irq:	the Linux IRQ number
 * @flags:	IRQF_* as requested (forced threading adds IRQF_ONESHOT)
 * @thread_flags: IRQTF_* (kernel/irq/internals.h)
 * @thread_mask: this action's bit in desc->threads_oneshot
 * @name:	device name, as /proc/interrupts shows it
 */
struct irqaction {
	irq_handler_t		handler;
	void			*dev_id;
	struct irqaction	*next;
	irq_handler_t		thread_fn;
	struct task_struct	*thread;
	struct irqaction	*secondary;
	unsigned int		irq;
	unsigned int		flags;
	unsigned long		thread_flags;
	unsigned long		thread_mask;
	const char		*name;
	char			*dir;		/* "irq/N/name": its /proc directory, or NULL */
};

/* A spread of vectors for multi-queue devices (managed affinity). */
struct irq_affinity_desc {
	struct cpumask	mask;
	unsigned int	is_managed : 1;
};

#define IRQ_AFFINITY_MAX_SETS	4

/**
 * struct irq_affinity - how a driver wants its vectors spread (Linux's)
 * @pre_vectors:	vectors at the start that are not spread (admin, link)
 * @post_vectors:	vectors at the end that are not spread
 * @nr_sets:		groups of spread vectors, each spread over all CPUs
 * @set_size:		vectors in each group
 * @calc_sets:		sizes the groups for the number of vectors granted;
 *			without it, one group of every spread vector
 * @priv:		for @calc_sets
 */
struct irq_affinity {
	unsigned int	pre_vectors;
	unsigned int	post_vectors;
	unsigned int	nr_sets;
	unsigned int	set_size[IRQ_AFFINITY_MAX_SETS];
	void		(*calc_sets)(struct irq_affinity *affd, unsigned int nvecs);
	void		*priv;
};

/* kernel/irq/affinity.c. The masks are kfree()d by the caller. */
struct irq_affinity_desc *irq_create_affinity_masks(unsigned int nvec, struct irq_affinity *affd);
unsigned int irq_calc_affinity_vectors(unsigned int minvec, unsigned int maxvec,
				       const struct irq_affinity *affd);
/* lib/group_cpus.c: @numgrps masks covering the possible CPUs, present ones first. */
struct cpumask *group_cpus_evenly(unsigned int numgrps, unsigned int *nummasks);

int __must_check request_threaded_irq(unsigned int irq, irq_handler_t handler,
				      irq_handler_t thread_fn, unsigned long flags,
				      const char *name, void *dev);

static inline int __must_check request_irq(unsigned int irq, irq_handler_t handler,
					   unsigned long flags, const char *name, void *dev)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev);
}

/* Returns the name the action was requested with, NULL when none matched. */
const void *free_irq(unsigned int irq, void *dev_id);

void disable_irq_nosync(unsigned int irq);
void disable_irq(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);
bool synchronize_hardirq(unsigned int irq);

int irq_set_affinity(unsigned int irq, const struct cpumask *cpumask);
int irq_force_affinity(unsigned int irq, const struct cpumask *cpumask);
bool irq_can_set_affinity(unsigned int irq);
/* As above, and not managed by the kernel: what /proc/irq/N/smp_affinity may change. */
bool irq_can_set_affinity_usr(unsigned int irq);

/*
 * Where a line goes when it is first started and no one chose (kernel/irq/
 * irqdesc.c): every CPU, or irqaffinity= (always with the boot CPU), or
 * what /proc/irq/default_smp_affinity was last given.
 */
extern struct cpumask irq_default_affinity;

/* kernel/irq/proc.c: /proc/irq and a directory per line, made at boot. */
void init_irq_proc(void);

/* "noirqdebug" on the command line: no spurious-interrupt detection. */
extern bool noirqdebug;

/*
 * "threadirqs" on the command line: handlers that allow it run in their
 * irq thread (kernel/irq/manage.c), and softirqs raised by hard IRQs run
 * in ksoftirqd. A static key in Linux; a plain flag here.
 */
extern bool force_irqthreads_key;
#define force_irqthreads()	READ_ONCE(force_irqthreads_key)

/*
 * Softirqs raised on this CPU and not yet run. An arch that keeps the word
 * elsewhere (Linux x86 has it in its per-CPU irq_stat) defines
 * local_softirq_pending_ref before including this file.
 */
#ifndef local_softirq_pending_ref
DECLARE_PER_CPU(u32, __softirq_pending);
#define local_softirq_pending_ref	__softirq_pending
#define GENERIC_SOFTIRQ_PENDING_WORD	1	/* kernel/softirq.c defines it */
#endif
#define local_softirq_pending()		(this_cpu_read(local_softirq_pending_ref))
#define set_softirq_pending(x)		this_cpu_write(local_softirq_pending_ref, (x))
/* Callers have interrupts off, so the read-modify-write cannot be torn. */
#define or_softirq_pending(x)		set_softirq_pending(local_softirq_pending() | (x))

/*
 * The softirqs, in Linux's order, which is also the order one pass of
 * handle_softirqs() runs them in. Adding one is a kernel-wide decision:
 * /proc/softirqs and the tracepoints print these names.
 */
enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	IRQ_POLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};

extern const char * const softirq_to_name[NR_SOFTIRQS];

struct softirq_action {
	void (*action)(void);
};

void open_softirq(int nr, void (*action)(void));
/* Marks @nr pending; interrupts must be off. Runs at the next irq_exit() or local_bh_enable(). */
void __raise_softirq_irqoff(unsigned int nr);
/* The same, and outside interrupt context also wakes ksoftirqd to run it soon. */
void raise_softirq_irqoff(unsigned int nr);
void raise_softirq(unsigned int nr);
/* Runs pending softirqs now, unless in interrupt context or with bottom halves off. */
void do_softirq(void);
void __do_softirq(void);

/*
 * ksoftirqd/N, the per-CPU thread that takes over softirqs which would
 * otherwise monopolise the CPU. The scheduler creates the threads and
 * owns their loop; kernel/softirq.c decides when one is needed:
 *
 *   ksoftirqd_wake(cpu)       called (interrupts off, on @cpu) whenever
 *                             softirqs are handed over; weak, a no-op by
 *                             default: they then stay pending and run on
 *                             the next irq_exit() or local_bh_enable().
 *                             The scheduler's version wakes per_cpu(ksoftirqd, cpu).
 *   ksoftirqd_should_run(cpu) the thread's "anything to do?" test.
 *   run_ksoftirqd_once(cpu)   the thread's loop body: runs what is pending,
 *                             with Linux's limits, in the thread's context;
 *                             the loop calls cond_resched() after it.
 *
 * softirq_deferred counts the hand-overs per CPU, thread or no thread.
 */
struct task_struct;
DECLARE_PER_CPU(struct task_struct *, ksoftirqd);
DECLARE_PER_CPU(unsigned int, softirq_deferred);
void ksoftirqd_wake(unsigned int cpu);
int ksoftirqd_should_run(unsigned int cpu);
void run_ksoftirqd_once(unsigned int cpu);

/*
 * Tasklets: a function run once in softirq context (HI_SOFTIRQ or
 * TASKLET_SOFTIRQ) on the CPU that scheduled it, never on two CPUs at
 * once. Scheduling an already scheduled tasklet does nothing; scheduling
 * one while it runs makes it run again afterwards. A disabled tasklet
 * stays queued until it is enabled.
 *
 * @state:	TASKLET_STATE_SCHED (queued) and TASKLET_STATE_RUN (running)
 * @count:	disable depth; runs only at 0
 * @use_callback: @callback (gets the tasklet) rather than @func (gets @data)
 */
struct tasklet_struct {
	struct tasklet_struct	*next;
	unsigned long		state;
	atomic_t		count;
	bool			use_callback;
	union {
		void		(*func)(unsigned long data);
		void		(*callback)(struct tasklet_struct *t);
	};
	unsigned long		data;
};

enum {
	TASKLET_STATE_SCHED,
	TASKLET_STATE_RUN,
};

#define DECLARE_TASKLET(name, _callback)				\
	struct tasklet_struct name = {					\
		.count = ATOMIC_INIT(0),				\
		.callback = _callback,					\
		.use_callback = true,					\
	}

#define DECLARE_TASKLET_DISABLED(name, _callback)			\
	struct tasklet_struct name = {					\
		.count = ATOMIC_INIT(1),				\
		.callback = _callback,					\
		.use_callback = true,					\
	}

#define DECLARE_TASKLET_OLD(name, _func)				\
	struct tasklet_struct name = {					\
		.count = ATOMIC_INIT(0),				\
		.func = _func,						\
	}

/* The structure a callback tasklet is embedded in. */
#define from_tasklet(var, callback_tasklet, tasklet_fieldname)		\
	container_of(callback_tasklet, __typeof__(*var), tasklet_fieldname)

void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *));
void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
void __tasklet_schedule(struct tasklet_struct *t);
void __tasklet_hi_schedule(struct tasklet_struct *t);
/* Waits until @t is neither queued nor running, and leaves it so. Not from @t itself. */
void tasklet_kill(struct tasklet_struct *t);
void tasklet_unlock(struct tasklet_struct *t);
void tasklet_unlock_wait(struct tasklet_struct *t);
void tasklet_unlock_spin_wait(struct tasklet_struct *t);

static inline bool tasklet_trylock(struct tasklet_struct *t)
{
	return !test_and_set_bit(TASKLET_STATE_RUN, &t->state);
}

static inline void tasklet_schedule(struct tasklet_struct *t)
{
	if (!test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		__tasklet_schedule(t);
}

static inline void tasklet_hi_schedule(struct tasklet_struct *t)
{
	if (!test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		__tasklet_hi_schedule(t);
}

static inline void tasklet_disable_nosync(struct tasklet_struct *t)
{
	atomic_inc(&t->count);
	smp_mb__after_atomic();
}

/* Also waits for a run in progress on another CPU to finish. */
static inline void tasklet_disable(struct tasklet_struct *t)
{
	tasklet_disable_nosync(t);
	tasklet_unlock_wait(t);
	smp_mb();
}

static inline void tasklet_disable_in_atomic(struct tasklet_struct *t)
{
	tasklet_disable_nosync(t);
	tasklet_unlock_spin_wait(t);
	smp_mb();
}

/* A tasklet scheduled while disabled is still queued and runs on its next pass. */
static inline void tasklet_enable(struct tasklet_struct *t)
{
	smp_mb__before_atomic();
	atomic_dec(&t->count);
}

/* /proc/interrupts rows the arch adds after the IRQ lines (weak default: none). */
struct seq_file;
int arch_show_interrupts(struct seq_file *p, int prec);
int show_interrupts(struct seq_file *p, void *v);

int spawn_ksoftirqd(void);
#endif
