/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>

/* Bytes not copied; 0 on success. Faults on either side are survived. */
unsigned long __copy_nofault(void *dst, const void *src, unsigned long len);
/* 0, or -EFAULT when any byte could not be read or written. */
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);
long copy_to_kernel_nofault(void *dst, const void *src, size_t size);

#define get_kernel_nofault(val, ptr) \
	copy_from_kernel_nofault(&(val), (ptr), sizeof(val))

#endif
