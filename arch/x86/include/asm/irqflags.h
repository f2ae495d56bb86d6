/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#define X86_EFLAGS_IF	0x200UL	/* interrupt enable flag */

#ifndef __ASSEMBLY__

static __always_inline unsigned long native_save_fl(void)
{
	unsigned long flags;

	asm volatile("pushf; pop %0" : "=rm"(flags) : : "memory");
	return flags;
}

static __always_inline void native_irq_disable(void) { asm volatile("cli" ::: "memory"); }
static __always_inline void native_irq_enable(void) { asm volatile("sti" ::: "memory"); }
/* sti's one-instruction shadow makes "sti; hlt" free of a lost-wakeup window. */
static __always_inline void native_safe_halt(void) { asm volatile("sti; hlt" ::: "memory"); }
static __always_inline void native_halt(void) { asm volatile("hlt" ::: "memory"); }

#define arch_local_save_flags()		native_save_fl()
#define arch_irqs_disabled_flags(f)	(!((f) & X86_EFLAGS_IF))

#define local_irq_disable()	native_irq_disable()
#define local_irq_enable()	native_irq_enable()
#define local_save_flags(f)	((f) = native_save_fl())
#define local_irq_save(f)	do { (f) = native_save_fl(); native_irq_disable(); } while (0)
#define local_irq_restore(f)	do { if (!arch_irqs_disabled_flags(f)) native_irq_enable(); } while (0)
#define irqs_disabled()		arch_irqs_disabled_flags(native_save_fl())
#define irqs_disabled_flags(f)	arch_irqs_disabled_flags(f)
#define safe_halt()		native_safe_halt()

#endif
#endif
