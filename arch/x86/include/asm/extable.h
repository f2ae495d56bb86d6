/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_EXTABLE_H
#define _ASM_X86_EXTABLE_H

/*
 * The exception table: instructions allowed to fault, each with where to
 * resume. Offsets are relative to the entry, as Linux's, so the table is
 * position-independent and half the size of absolute pointers.
 */
#define EX_TYPE_DEFAULT		1	/* resume at the fixup */
#define EX_TYPE_EFAULT_AX	2	/* resume at the fixup with %rax = -EFAULT */

#ifdef __ASSEMBLY__
#define _ASM_EXTABLE_TYPE(from, to, type)		\
	.pushsection __ex_table, "a";			\
	.balign 4;					\
	.long (from) - .;				\
	.long (to) - .;					\
	.long type;					\
	.popsection
#else
#define _ASM_EXTABLE_TYPE(from, to, type)		\
	" .pushsection __ex_table, \"a\"\n"		\
	" .balign 4\n"					\
	" .long (" #from ") - .\n"			\
	" .long (" #to ") - .\n"			\
	" .long " __stringify(type) "\n"		\
	" .popsection\n"

#include <linux/stringify.h>

struct exception_table_entry {
	int insn, fixup, type;
};

struct pt_regs;
/* True when regs->ip is covered by the table; regs are then redirected. */
const struct exception_table_entry *search_exception_tables(unsigned long ip);
bool fixup_exception(struct pt_regs *regs, int trapnr, unsigned long error_code,
		     unsigned long fault_addr);
#endif

#define _ASM_EXTABLE(from, to)	_ASM_EXTABLE_TYPE(from, to, EX_TYPE_DEFAULT)

#ifndef __ASSEMBLY__
/*
 * A string instruction over quadwords, then the same over the tail's
 * bytes (%[tail], an input operand; the quadword count in %rcx). A fault
 * among the quadwords goes on byte by byte from the one that faulted; a
 * fault among the bytes ends it. %rcx is left with the bytes not done.
 */
#define _ASM_QUADS_THEN_BYTES(quads_insn, bytes_insn)			\
	"1:	" quads_insn "\n"						\
	"	movq %[tail], %%rcx\n"						\
	"2:	" bytes_insn "\n"						\
	"	jmp 4f\n"							\
	"3:	leaq (%[tail], %%rcx, 8), %%rcx\n"				\
	"	jmp 2b\n"							\
	"4:\n"								\
	_ASM_EXTABLE(1b, 3b)						\
	_ASM_EXTABLE(2b, 4b)
#endif

#endif
