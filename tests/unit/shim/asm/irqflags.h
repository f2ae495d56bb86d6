/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

/*
 * Host stand-in for the kernel's asm/irqflags.h: a user process may not
 * execute cli/sti, and a unit test has no interrupts to keep out. A fake
 * flags word tracks the state so that code asserting irqs_disabled()
 * still sees what the kernel would.
 */
#define X86_EFLAGS_IF	0x200UL

extern unsigned long host_irq_flags;

#define arch_local_save_flags()		(host_irq_flags)
#define arch_irqs_disabled_flags(f)	(!((f) & X86_EFLAGS_IF))

#define local_irq_disable()	(host_irq_flags &= ~X86_EFLAGS_IF)
#define local_irq_enable()	(host_irq_flags |= X86_EFLAGS_IF)
#define local_save_flags(f)	((f) = host_irq_flags)
#define local_irq_save(f)	do { (f) = host_irq_flags; local_irq_disable(); } while (0)
#define local_irq_restore(f)	do { if (!arch_irqs_disabled_flags(f)) local_irq_enable(); } while (0)
#define irqs_disabled()		arch_irqs_disabled_flags(host_irq_flags)
#define irqs_disabled_flags(f)	arch_irqs_disabled_flags(f)
#define safe_halt()		local_irq_enable()

#endif
