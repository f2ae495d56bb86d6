/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

/*
 * The only ways the kernel touches memory it cannot vouch for. Every
 * access is covered by the exception table, so a bad pointer costs the
 * caller -EFAULT (or a short copy), never the kernel. User pointers are
 * checked against the user half first; with SMAP the access window is
 * opened (stac) only around the copy itself.
 */
#include <linux/types.h>

#define TASK_SIZE_MAX	0x00007ffffffff000UL	/* the top of the user half */

static inline bool access_ok(const void *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}

/* Bytes not copied; 0 on success. Faults on either side are survived. */
unsigned long __copy_nofault(void *dst, const void *src, unsigned long len);
/* 0, -EFAULT when any byte could not be read or written, -ERANGE for the user half. */
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#define get_kernel_nofault(val, ptr) \
	copy_from_kernel_nofault(&(val), (ptr), sizeof(val))

/* Bytes not copied (all of them for a pointer outside the user half). */
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long clear_user(void *to, unsigned long n);
/* The string's length (without NUL), or -EFAULT, or count if it did not fit. */
long strncpy_from_user(char *dst, const char *src, long count);

#include <asm/uaccess.h>

#define get_user(x, ptr) ({						\
	__typeof__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;		\
	__gu_err;							\
})

#define put_user(x, ptr) ({						\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})

#endif
