// SPDX-License-Identifier: MIT
/*
 * Fault fixups: when a marked kernel instruction faults (a #PF or #GP on
 * an address the caller could not vouch for), execution resumes at its
 * fixup instead of ending in an oops. The table is small and searched
 * linearly; it is built by the linker from every _ASM_EXTABLE().
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <asm/extable.h>
#include <asm/ptrace.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

static unsigned long ex_insn_addr(const struct exception_table_entry *e)
{
	return (unsigned long)&e->insn + e->insn;
}

static unsigned long ex_fixup_addr(const struct exception_table_entry *e)
{
	return (unsigned long)&e->fixup + e->fixup;
}

const struct exception_table_entry *search_exception_tables(unsigned long ip)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (ex_insn_addr(e) == ip)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs, int trapnr, unsigned long error_code,
		     unsigned long fault_addr)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return false;
	if (e->type == EX_TYPE_EFAULT_AX)
		regs->ax = -EFAULT;
	regs->ip = ex_fixup_addr(e);
	return true;
}

/*
 * Copy that survives a bad source or destination: returns the number of
 * bytes NOT copied, like Linux's copy_*_user family. Quadwords for the
 * bulk, bytes for the tail, as memcpy() (8 times fewer iterations, which
 * is what -icount counts). A string instruction that faults leaves its
 * remaining count in %rcx: a fault among the quadwords goes on byte by
 * byte from the quadword that faulted, so the count stays exact to the
 * byte, and a fault among the bytes ends the copy.
 */
unsigned long __copy_nofault(void *dst, const void *src, unsigned long len)
{
	unsigned long quads = len / 8, tail = len % 8;

	asm volatile(_ASM_QUADS_THEN_BYTES("rep movsq", "rep movsb")
		     : "+D"(dst), "+S"(src), "+c"(quads) : [tail] "r"(tail) : "memory");
	return quads;
}

/*
 * The kernel half only (Linux's copy_from_kernel_nofault_allowed): a
 * user address is refused before it is touched, since a supervisor
 * access there outside a uaccess is an oops under SMAP, fixup or not.
 */
static bool kernel_nofault_allowed(const void *addr)
{
	return (unsigned long)addr >= TASK_SIZE_MAX;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	if (!kernel_nofault_allowed(src))
		return -ERANGE;
	return __copy_nofault(dst, src, size) ? -EFAULT : 0;
}

long copy_to_kernel_nofault(void *dst, const void *src, size_t size)
{
	if (!kernel_nofault_allowed(dst))
		return -ERANGE;
	return __copy_nofault(dst, src, size) ? -EFAULT : 0;
}
