/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __noreturn	__attribute__((noreturn))
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))
#define __maybe_unused	__attribute__((unused))
#define __always_inline	inline __attribute__((always_inline))
#define noinline	__attribute__((noinline))
/* Keep a function whole and under its own name in stack traces (no .constprop clones). */
#if defined(__clang__)
#define __noclone
#else
#define __noclone	__attribute__((__noclone__))
#endif
/* Called from assembly: the compiler must keep it under its name. */
#if __has_attribute(__externally_visible__)
#define __visible	__attribute__((__externally_visible__))
#else
#define __visible
#endif
/*
 * Not traced by the function tracer: no entry nop, no site (a function
 * the tracer itself runs, or one that runs where a call into it is not
 * safe). Which attribute depends on how the sites were made.
 */
#if defined(CC_USING_PATCHABLE_FUNCTION_ENTRY)
#define notrace		__attribute__((patchable_function_entry(0, 0)))
#else
#define notrace		__attribute__((no_instrument_function))
#endif
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __weak		__attribute__((weak))
#define __must_check	__attribute__((warn_unused_result))
/* Marks a pointer into user space: only the uaccess.h helpers may follow it. */
#define __user

#define barrier()	__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c)	_Static_assert(!(c), #c)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define ALIGN(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define BIT(n)		(1UL << (n))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_UP_ULL(n, d)	DIV_ROUND_UP((unsigned long long)(n), (unsigned long long)(d))

#endif
