/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H

/*
 * Open-coded user access, for paths that read or write a structure field
 * by field (the signal frame): one user_access_begin() checks the whole
 * range and opens SMAP's window, then each unsafe_get_user() or
 * unsafe_put_user() is a single mov covered by the exception table,
 * jumping to the caller's label when the fault cannot be resolved; the
 * label, like the normal path, ends with user_access_end(). A fault that
 * demand paging or COW resolves is retried in place (fault.c), as for
 * copy_to_user().
 */
#include <asm/extable.h>
#include <asm/processor.h>

/* CR4.SMAP is on: stac/clac exist and guard every user access. */
extern bool uaccess_smap;

static __always_inline void __uaccess_begin(void)
{
	if (uaccess_smap)
		stac();
}

static __always_inline void user_access_end(void)
{
	if (uaccess_smap)
		clac();
}

/* False, with nothing opened, for a range outside the user half. */
static __always_inline bool user_access_begin(const void *ptr, unsigned long len)
{
	if (!access_ok(ptr, len))
		return false;
	__uaccess_begin();
	return true;
}

/* The operand size follows the register the value is put in. */
#define unsafe_put_user(x, ptr, label)					\
	asm goto("1: mov %0, %1\n"					\
		 _ASM_EXTABLE(1b, %l2)					\
		 : : "r"((__typeof__(*(ptr)))(x)), "m"(*(ptr)) : : label)

/* @x is of @ptr's size: the value is read into a variable of @x's type. */
#define unsafe_get_user(x, ptr, label) do {				\
	__typeof__(x) __gu_val;						\
	_Static_assert(sizeof(x) == sizeof(*(ptr)), "unsafe_get_user size"); \
	asm goto("1: mov %1, %0\n"					\
		 _ASM_EXTABLE(1b, %l2)					\
		 : "=r"(__gu_val) : "m"(*(ptr)) : : label);		\
	(x) = __gu_val;							\
} while (0)

#endif
