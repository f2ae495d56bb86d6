/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

/*
 * Per-CPU variables, as Linux's x86-64: the template section is linked at
 * address 0, so a variable's "address" is its offset inside any CPU's
 * copy, and %gs holds the base of this CPU's copy. Never dereference a
 * per-CPU variable directly; use this_cpu_*() or per_cpu_ptr().
 */
#include <linux/types.h>
#include <linux/compiler.h>

#define DEFINE_PER_CPU(type, name) \
	__section(".data..percpu") __typeof__(type) name
#define DEFINE_PER_CPU_FIRST(type, name) \
	__section(".data..percpu..first") __typeof__(type) name
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name) \
	__section(".data..percpu..page_aligned") __aligned(4096) __typeof__(type) name
#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name

/* The base of this CPU's area, at offset 0 of every copy. */
DECLARE_PER_CPU(unsigned long, this_cpu_off);
extern unsigned long __per_cpu_offset[];

#define __percpu_arg(x)		"%%gs:%c" #x

#define __this_cpu_off()	({					\
	unsigned long __off;						\
	asm("movq %%gs:%c1, %0" : "=r"(__off) : "i"(&this_cpu_off));	\
	__off;								\
})

#define this_cpu_ptr(ptr)	((__typeof__(ptr))((unsigned long)(ptr) + __this_cpu_off()))
#define raw_cpu_ptr(ptr)	this_cpu_ptr(ptr)
#define per_cpu_ptr(ptr, cpu)	((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))

/* One %gs-relative instruction for scalars: safe against migration. */
#define this_cpu_read(var) ({						\
	__typeof__(var) __v;						\
	asm volatile("mov %%gs:%c1, %0" : "=r"(__v) : "i"(&(var)) : "memory"); \
	__v;								\
})
#define this_cpu_write(var, val) do {					\
	__typeof__(var) __v = (val);					\
	asm volatile("mov %0, %%gs:%c1" : : "r"(__v), "i"(&(var)) : "memory"); \
} while (0)
#define this_cpu_add(var, val) do {					\
	__typeof__(var) __v = (val);					\
	asm volatile("add %0, %%gs:%c1" : : "r"(__v), "i"(&(var)) : "memory", "cc"); \
} while (0)
#define this_cpu_inc(var)	this_cpu_add(var, 1)
#define this_cpu_dec(var)	this_cpu_add(var, -1)
#define __this_cpu_read		this_cpu_read
#define __this_cpu_write	this_cpu_write
#define __this_cpu_inc		this_cpu_inc

#define NR_CPUS			64

#endif
