/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_FUTEX_H
#define _ASM_X86_FUTEX_H

/*
 * The one atomic access the futex code makes to a user word: a locked
 * cmpxchg, covered by the exception table (arch/x86/lib/usercopy_64.c).
 * 0 with the value found in *uval (equal to @oldval when @newval was
 * stored), or -EFAULT.
 */
#include <linux/types.h>
#include <linux/compiler.h>

int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval, u32 newval);

#endif
