// SPDX-License-Identifier: MIT
/*
 * The interrupt descriptor table, built from tables: one line per gate.
 * Exceptions are interrupt gates (IF cleared on entry) so a handler
 * starts with interrupts off and decides itself when to enable them;
 * NMI, #DB, #MC and #DF run on their own IST stacks. Once every gate is
 * in place, idt_protect() makes the table read-only, so a stray write
 * cannot redirect the CPU's entry points.
 */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/idtentry.h>
#include <asm/segment.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/irq_vectors.h>

struct idt_data {
	unsigned int vector;
	unsigned int ist;	/* IST slot + 1, 0 for the current stack */
	unsigned int dpl;
	const void *addr;
};

#define G(_vector, _addr, _ist, _dpl) \
	{ .vector = _vector, .addr = _addr, .ist = _ist, .dpl = _dpl }
/* Interrupt gate, kernel only. */
#define INTG(vector, addr)	G(vector, addr, 0, 0)
/* Interrupt gate user space may raise itself (int3, into). */
#define SYSG(vector, addr)	G(vector, addr, 0, 3)
/* Interrupt gate on an IST stack. */
#define ISTG(vector, addr, ist)	G(vector, addr, (ist) + 1, 0)

struct gate_struct idt_table[256] __aligned(PAGE_SIZE) __section(".bss..page_aligned");

static struct desc_ptr idt_descr = {
	.size = sizeof(idt_table) - 1,
	.address = (unsigned long)idt_table,
};

void entry_INT80_compat(void);

static const struct idt_data def_idts[] = {
	INTG(X86_TRAP_DE,	asm_exc_divide_error),
	ISTG(X86_TRAP_DB,	asm_exc_debug, IST_INDEX_DB),
	ISTG(X86_TRAP_NMI,	asm_exc_nmi, IST_INDEX_NMI),
	SYSG(X86_TRAP_BP,	asm_exc_int3),
	SYSG(X86_TRAP_OF,	asm_exc_overflow),
	INTG(X86_TRAP_BR,	asm_exc_bounds),
	INTG(X86_TRAP_UD,	asm_exc_invalid_op),
	INTG(X86_TRAP_NM,	asm_exc_device_not_available),
	ISTG(X86_TRAP_DF,	asm_exc_double_fault, IST_INDEX_DF),
	INTG(X86_TRAP_OLD_MF,	asm_exc_coproc_segment_overrun),
	INTG(X86_TRAP_TS,	asm_exc_invalid_tss),
	INTG(X86_TRAP_NP,	asm_exc_segment_not_present),
	INTG(X86_TRAP_SS,	asm_exc_stack_segment),
	INTG(X86_TRAP_GP,	asm_exc_general_protection),
	INTG(X86_TRAP_PF,	asm_exc_page_fault),
	INTG(X86_TRAP_SPURIOUS,	asm_exc_spurious_interrupt_bug),
	INTG(X86_TRAP_MF,	asm_exc_coprocessor_error),
	INTG(X86_TRAP_AC,	asm_exc_alignment_check),
	ISTG(X86_TRAP_MC,	asm_exc_machine_check, IST_INDEX_MCE),
	INTG(X86_TRAP_XF,	asm_exc_simd_coprocessor_error),
	INTG(X86_TRAP_VE,	asm_exc_virtualization_exception),
	INTG(X86_TRAP_CP,	asm_exc_control_protection),
	INTG(22,		asm_exc_reserved_22),
	INTG(23,		asm_exc_reserved_23),
	INTG(24,		asm_exc_reserved_24),
	INTG(25,		asm_exc_reserved_25),
	INTG(26,		asm_exc_reserved_26),
	INTG(27,		asm_exc_reserved_27),
	INTG(X86_TRAP_HV,	asm_exc_hv_injection),
	INTG(X86_TRAP_VC,	asm_exc_vmm_communication),
	INTG(X86_TRAP_SX,	asm_exc_security),
	INTG(31,		asm_exc_reserved_31),
	SYSG(IA32_SYSCALL_VECTOR, entry_INT80_compat),
};

/* The system vectors with handlers of their own. */
static const struct idt_data apic_idts[] = {
	INTG(LOCAL_TIMER_VECTOR,		asm_sysvec_apic_timer_interrupt),
	INTG(RESCHEDULE_VECTOR,			asm_sysvec_reschedule_ipi),
	INTG(CALL_FUNCTION_VECTOR,		asm_sysvec_call_function),
	INTG(CALL_FUNCTION_SINGLE_VECTOR,	asm_sysvec_call_function_single),
	INTG(IRQ_WORK_VECTOR,			asm_sysvec_irq_work),
	INTG(ERROR_APIC_VECTOR,			asm_sysvec_error_interrupt),
	INTG(SPURIOUS_APIC_VECTOR,		asm_sysvec_spurious_apic_interrupt),
};

extern char irq_entries_start[], spurious_entries_start[];
#define IDT_ALIGN	16

static void idt_init_gate(struct gate_struct *gate, const struct idt_data *d)
{
	unsigned long addr = (unsigned long)d->addr;

	*gate = (struct gate_struct) {
		.offset_low	= addr & 0xffff,
		.segment	= __KERNEL_CS,
		.ist		= d->ist,
		.type		= GATE_INTERRUPT,
		.dpl		= d->dpl,
		.p		= 1,
		.offset_middle	= (addr >> 16) & 0xffff,
		.offset_high	= addr >> 32,
	};
}

static void idt_setup_from_table(const struct idt_data *t, int size)
{
	for (; size > 0; t++, size--)
		idt_init_gate(&idt_table[t->vector], t);
}

void idt_install_gate(unsigned int vector, const void *addr, unsigned int ist,
		      unsigned int dpl)
{
	struct idt_data d = G(vector, addr, ist, dpl);

	idt_init_gate(&idt_table[vector], &d);
}

/* Every exception gets its gate before anything can fault. */
void idt_setup_traps(void)
{
	BUILD_BUG_ON(sizeof(struct gate_struct) != 16);
	idt_setup_from_table(def_idts, ARRAY_SIZE(def_idts));
	load_idt(&idt_descr);
}

/*
 * Device vectors get irq_entries_start's stubs (0x80 stays free for the
 * int $0x80 system call); system vectors get their own entries, and any
 * system vector without one a stub that reports it as spurious.
 */
void idt_setup_apic_and_irq_gates(void)
{
	unsigned int i;

	for (i = FIRST_EXTERNAL_VECTOR; i < FIRST_SYSTEM_VECTOR; i++) {
		if (i == IA32_SYSCALL_VECTOR)
			continue;
		idt_install_gate(i, irq_entries_start + IDT_ALIGN * (i - FIRST_EXTERNAL_VECTOR), 0, 0);
	}
	for (i = FIRST_SYSTEM_VECTOR; i < NR_VECTORS; i++)
		idt_install_gate(i, spurious_entries_start + IDT_ALIGN * (i - FIRST_SYSTEM_VECTOR), 0, 0);
	idt_setup_from_table(apic_idts, ARRAY_SIZE(apic_idts));
}

/* An application processor takes the boot CPU's (by then read-only) table. */
void load_current_idt(void)
{
	load_idt(&idt_descr);
}

void idt_protect(void)
{
	unsigned int i, present = 0;

	for (i = 0; i < 256; i++)
		present += idt_table[i].p;
	set_memory_ro((unsigned long)idt_table, sizeof(idt_table) / PAGE_SIZE);
	pr_info("IDT: %u gates, table at %p mapped read-only\n", present, idt_table);
}
