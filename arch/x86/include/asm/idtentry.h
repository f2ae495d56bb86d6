/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IDTENTRY_H
#define _ASM_X86_IDTENTRY_H

/*
 * The one list of exception entry points. Included from C it declares the
 * assembly stub asm_<func> and the C handler <func>; included from
 * entry_64.S (after the idtentry macros are defined) each line emits the
 * stub. The two can therefore not drift apart.
 *
 *   DECLARE_IDTENTRY            no error code      func(regs)
 *   DECLARE_IDTENTRY_ERRORCODE  CPU pushes one     func(regs, error_code)
 *   DECLARE_IDTENTRY_IST        on an IST stack, GS state unknown (#MC)
 *   DECLARE_IDTENTRY_DEBUG      #DB: IST from kernel mode, the task stack from user mode
 *   DECLARE_IDTENTRY_DF         the same, with an error code (#DF)
 *   DECLARE_IDTENTRY_NMI        NMI: the stub is written out in entry_64.S,
 *                               which must survive NMIs nesting
 *   DECLARE_IDTENTRY_RESERVED   a vector the SDM reserves: exc_reserved(regs, vector)
 */
#include <asm/trapnr.h>
#include <asm/irq_vectors.h>

#ifndef __ASSEMBLY__
#include <asm/ptrace.h>

#define DECLARE_IDTENTRY(vector, func)					\
	void asm_##func(void);						\
	void func(struct pt_regs *regs)
#define DECLARE_IDTENTRY_ERRORCODE(vector, func)			\
	void asm_##func(void);						\
	void func(struct pt_regs *regs, unsigned long error_code)
#define DECLARE_IDTENTRY_IST(vector, func)	DECLARE_IDTENTRY(vector, func)
#define DECLARE_IDTENTRY_DEBUG(vector, func)	DECLARE_IDTENTRY(vector, func)
#define DECLARE_IDTENTRY_DF(vector, func)	DECLARE_IDTENTRY_ERRORCODE(vector, func)
#define DECLARE_IDTENTRY_NMI(vector, func)	DECLARE_IDTENTRY(vector, func)
#define DECLARE_IDTENTRY_RESERVED(vector)				\
	void asm_exc_reserved_##vector(void)
/* A device interrupt: the stub in irq_entries_start pushed the vector. */
#define DECLARE_IDTENTRY_IRQ(vector, func)				\
	void asm_##func(void);						\
	void func(struct pt_regs *regs, unsigned long error_code)
/* A system vector with its own entry (timer, IPIs, APIC error, spurious). */
#define DECLARE_IDTENTRY_SYSVEC(vector, func)				\
	void asm_##func(void);						\
	void func(struct pt_regs *regs)

void exc_reserved(struct pt_regs *regs, unsigned long vector);

/*
 * The body of a device interrupt or a system vector runs inside
 * irq_enter/irq_exit on this CPU's IRQ stack (asm/irq_stack.h), with the
 * interrupted registers published through get_irq_regs(); the wrapper
 * around it is where an interrupt returning to the kernel may preempt.
 *
 * DEFINE_IDTENTRY_IRQ: the stub pushed the vector where an error code
 * would be; the body gets it back as @vector.
 */
#define DEFINE_IDTENTRY_IRQ(func)					\
static void __##func(struct pt_regs *regs, u32 vector);			\
void func(struct pt_regs *regs, unsigned long error_code)		\
{									\
	irqentry_state_t state = irqentry_enter(regs);			\
	struct pt_regs *old_regs = set_irq_regs(regs);			\
	u32 vector = (u8)error_code;					\
									\
	run_irq_on_irqstack_cond(__##func, regs, vector);		\
	set_irq_regs(old_regs);						\
	irqentry_exit(regs, state);					\
}									\
static noinline __noclone void __##func(struct pt_regs *regs, u32 vector)

#define DEFINE_IDTENTRY_SYSVEC(func)					\
static void __##func(struct pt_regs *regs);				\
void func(struct pt_regs *regs)						\
{									\
	irqentry_state_t state = irqentry_enter(regs);			\
	struct pt_regs *old_regs = set_irq_regs(regs);			\
									\
	run_sysvec_on_irqstack_cond(__##func, regs);			\
	set_irq_regs(old_regs);						\
	irqentry_exit(regs, state);					\
}									\
static noinline __noclone void __##func(struct pt_regs *regs)

#include <linux/hardirq.h>
#include <linux/entry-common.h>
#include <asm/irq_regs.h>
#include <asm/irq_stack.h>

#else /* __ASSEMBLY__ */

#define DECLARE_IDTENTRY(vector, func)					\
	idtentry vector asm_##func func has_error_code=0 paranoid=0
#define DECLARE_IDTENTRY_ERRORCODE(vector, func)			\
	idtentry vector asm_##func func has_error_code=1 paranoid=0
#define DECLARE_IDTENTRY_IST(vector, func)				\
	idtentry vector asm_##func func has_error_code=0 paranoid=1
#define DECLARE_IDTENTRY_DF(vector, func)				\
	idtentry vector asm_##func func has_error_code=1 paranoid=1
#define DECLARE_IDTENTRY_DEBUG(vector, func)				\
	idtentry_db vector asm_##func func
#define DECLARE_IDTENTRY_NMI(vector, func)
#define DECLARE_IDTENTRY_RESERVED(vector)				\
	idtentry_reserved vector
#define DECLARE_IDTENTRY_IRQ(vector, func)				\
	idtentry vector asm_##func func has_error_code=1 paranoid=0
#define DECLARE_IDTENTRY_SYSVEC(vector, func)				\
	idtentry vector asm_##func func has_error_code=0 paranoid=0

#endif

DECLARE_IDTENTRY(X86_TRAP_DE, exc_divide_error);
DECLARE_IDTENTRY_DEBUG(X86_TRAP_DB, exc_debug);
DECLARE_IDTENTRY_NMI(X86_TRAP_NMI, exc_nmi);
DECLARE_IDTENTRY(X86_TRAP_BP, exc_int3);
DECLARE_IDTENTRY(X86_TRAP_OF, exc_overflow);
DECLARE_IDTENTRY(X86_TRAP_BR, exc_bounds);
DECLARE_IDTENTRY(X86_TRAP_UD, exc_invalid_op);
DECLARE_IDTENTRY(X86_TRAP_NM, exc_device_not_available);
DECLARE_IDTENTRY_DF(X86_TRAP_DF, exc_double_fault);
DECLARE_IDTENTRY(X86_TRAP_OLD_MF, exc_coproc_segment_overrun);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_TS, exc_invalid_tss);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_NP, exc_segment_not_present);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_SS, exc_stack_segment);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_GP, exc_general_protection);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_PF, exc_page_fault);
DECLARE_IDTENTRY(X86_TRAP_SPURIOUS, exc_spurious_interrupt_bug);
DECLARE_IDTENTRY(X86_TRAP_MF, exc_coprocessor_error);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_AC, exc_alignment_check);
DECLARE_IDTENTRY_IST(X86_TRAP_MC, exc_machine_check);
DECLARE_IDTENTRY(X86_TRAP_XF, exc_simd_coprocessor_error);
DECLARE_IDTENTRY(X86_TRAP_VE, exc_virtualization_exception);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_CP, exc_control_protection);
DECLARE_IDTENTRY_RESERVED(22);
DECLARE_IDTENTRY_RESERVED(23);
DECLARE_IDTENTRY_RESERVED(24);
DECLARE_IDTENTRY_RESERVED(25);
DECLARE_IDTENTRY_RESERVED(26);
DECLARE_IDTENTRY_RESERVED(27);
DECLARE_IDTENTRY(X86_TRAP_HV, exc_hv_injection);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_VC, exc_vmm_communication);
DECLARE_IDTENTRY_ERRORCODE(X86_TRAP_SX, exc_security);
DECLARE_IDTENTRY_RESERVED(31);

/* Device interrupts and the system vectors (Linux's irq_vectors.h order). */
DECLARE_IDTENTRY_IRQ(0, common_interrupt);
DECLARE_IDTENTRY_IRQ(0, spurious_interrupt);
DECLARE_IDTENTRY_SYSVEC(LOCAL_TIMER_VECTOR, sysvec_apic_timer_interrupt);
DECLARE_IDTENTRY_SYSVEC(ERROR_APIC_VECTOR, sysvec_error_interrupt);
DECLARE_IDTENTRY_SYSVEC(SPURIOUS_APIC_VECTOR, sysvec_spurious_apic_interrupt);
DECLARE_IDTENTRY_SYSVEC(IRQ_WORK_VECTOR, sysvec_irq_work);
DECLARE_IDTENTRY_SYSVEC(RESCHEDULE_VECTOR, sysvec_reschedule_ipi);
DECLARE_IDTENTRY_SYSVEC(CALL_FUNCTION_VECTOR, sysvec_call_function);
DECLARE_IDTENTRY_SYSVEC(CALL_FUNCTION_SINGLE_VECTOR, sysvec_call_function_single);

#endif
