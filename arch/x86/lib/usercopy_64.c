// SPDX-License-Identifier: MIT
/*
 * Copies between the kernel and user space. The fast part is rep movsq
 * then rep movsb (or stosq, stosb), covered by the exception table, so a
 * fault leaves the remaining count in %rcx; SMAP's window (stac/clac) is
 * open only for those instructions. The futex word's locked cmpxchg (asm/futex.h)
 * lives here for the same window.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/futex.h>

bool uaccess_smap;

void uaccess_init(void)
{
	uaccess_smap = read_cr4() & X86_CR4_SMAP;
}

static unsigned long raw_copy(void *to, const void *from, unsigned long n)
{
	__uaccess_begin();
	n = __copy_nofault(to, from, n);
	user_access_end();
	return n;
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = raw_copy(to, from, n);
	if (left)
		memset((char *)to + (n - left), 0, left);	/* no stale kernel bytes */
	return left;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_copy(to, from, n);
}

/* As __copy_nofault(): quadwords, then bytes; exact to the byte on a fault. */
unsigned long clear_user(void *to, unsigned long n)
{
	unsigned long quads = n / 8, tail = n % 8;

	if (!access_ok(to, n))
		return n;
	__uaccess_begin();
	asm volatile(_ASM_QUADS_THEN_BYTES("rep stosq", "rep stosb")
		     : "+D"(to), "+c"(quads) : "a"(0), [tail] "r"(tail) : "memory");
	user_access_end();
	return quads;
}

long strncpy_from_user(char *dst, const char *src, long count)
{
	long i;

	for (i = 0; i < count; i++) {
		char c;

		if (!access_ok(src + i, 1) || raw_copy(&c, src + i, 1))
			return -EFAULT;
		dst[i] = c;
		if (!c)
			return i;
	}
	return count;
}

int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr, u32 oldval, u32 newval)
{
	int err = -EFAULT;

	if (!access_ok(uaddr, sizeof(*uaddr)))
		return -EFAULT;
	__uaccess_begin();
	/* A fault resumes at 2, past the store of 0: err stays -EFAULT. */
	asm volatile("1: lock cmpxchgl %[new], %[mem]\n"
		     "   movl $0, %[err]\n"
		     "2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : [err] "+r"(err), "+a"(oldval), [mem] "+m"(*uaddr)
		     : [new] "r"(newval)
		     : "memory");
	user_access_end();
	*uval = oldval;
	return err;
}
