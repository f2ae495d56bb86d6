/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

/*
 * Host stand-in for asm/percpu.h: a user process has no %gs area, so a
 * per-CPU variable is one plain global shared by every "CPU", and the
 * this_cpu_*() accessors are plain accesses. Enough for code whose tests
 * run on one CPU (host_cpu_number 0).
 */
#include <linux/types.h>
#include <linux/compiler.h>

#define DEFINE_PER_CPU(type, name)		__typeof__(type) name
#define DEFINE_PER_CPU_FIRST(type, name)	__typeof__(type) name
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name)	__aligned(4096) __typeof__(type) name
#define DECLARE_PER_CPU(type, name)		extern __typeof__(type) name

#define this_cpu_ptr(ptr)		(ptr)
#define raw_cpu_ptr(ptr)		(ptr)
#define per_cpu_ptr(ptr, cpu)		((void)(cpu), (ptr))
#define per_cpu(var, cpu)		(*per_cpu_ptr(&(var), cpu))

#define this_cpu_read(var)		(var)
#define this_cpu_write(var, val)	((var) = (val))
#define this_cpu_add(var, val)		((var) += (val))
#define this_cpu_inc(var)		this_cpu_add(var, 1)
#define this_cpu_dec(var)		this_cpu_add(var, -1)
#define __this_cpu_read			this_cpu_read
#define __this_cpu_write		this_cpu_write
#define __this_cpu_inc			this_cpu_inc

#define NR_CPUS				64

#endif
