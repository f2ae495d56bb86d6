/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

/*
 * The driver's side of the generic IRQ layer: request_irq()/free_irq(),
 * enable_irq()/disable_irq() with nesting, synchronize_irq(), affinity,
 * and the IRQF_* flags a driver passes. Also the per-CPU word of pending
 * softirqs that irq_exit() consults.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/irqreturn.h>
#include <linux/irqnr.h>
#include <linux/hardirq.h>
#include <linux/cpumask.h>
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
 * @thread_fn:	threaded handler (irq threads are not implemented yet)
 * @irq:	the Linux IRQ number
 * @flags:	IRQF_* as requested
 * @thread_mask: this action's bit in desc->threads_oneshot
 * @name:	device name, as /proc/interrupts shows it
 */
struct irqaction {
	irq_handler_t		handler;
	void			*dev_id;
	struct irqaction	*next;
	irq_handler_t		thread_fn;
	unsigned int		irq;
	unsigned int		flags;
	unsigned long		thread_mask;
	const char		*name;
};

/* A spread of vectors for multi-queue devices (managed affinity). */
struct irq_affinity_desc {
	struct cpumask	mask;
	unsigned int	is_managed : 1;
};

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

/* "noirqdebug" on the command line: no spurious-interrupt detection. */
extern bool noirqdebug;

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
#define set_softirq_pending(x)		(this_cpu_write(local_softirq_pending_ref, (x)))

/* /proc/interrupts rows the arch adds after the IRQ lines (weak default: none). */
struct seq_file;
int arch_show_interrupts(struct seq_file *p, int prec);
int show_interrupts(struct seq_file *p, void *v);

#endif
