/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_FSGSBASE_H
#define _ASM_X86_FSGSBASE_H

/*
 * The user's FS and GS bases. With CR4.FSGSBASE (CPUID.7.EBX bit 0,
 * unless "nofsgsbase") user space writes them itself with WRFSBASE and
 * WRGSBASE, so the live registers, not thread.fsbase/gsbase, are the
 * truth while the task runs; the switch saves them (save_fsgs). In the
 * kernel the user's GS base sits in MSR_KERNEL_GS_BASE (SWAPGS).
 */
#include <linux/types.h>
#include <asm/processor.h>

struct task_struct;

/* Read by the paranoid entries (entry_64.S), which Linux patches instead. */
extern bool x86_fsgsbase_enabled;

static inline unsigned long rdfsbase(void)
{
	unsigned long v;

	asm volatile("rdfsbase %0" : "=r"(v) : : "memory");
	return v;
}

static inline void wrfsbase(unsigned long v)
{
	asm volatile("wrfsbase %0" : : "r"(v) : "memory");
}

static inline unsigned long x86_fsbase_read_cpu(void)
{
	return x86_fsgsbase_enabled ? rdfsbase() : rdmsr(MSR_FS_BASE);
}

static inline void x86_fsbase_write_cpu(unsigned long v)
{
	if (x86_fsgsbase_enabled)
		wrfsbase(v);
	else
		wrmsr(MSR_FS_BASE, v);
}

/* The user's GS base while the kernel runs: the one SWAPGS would bring back. */
static inline unsigned long x86_gsbase_read_cpu_inactive(void)
{
	return rdmsr(MSR_KERNEL_GS_BASE);
}

static inline void x86_gsbase_write_cpu_inactive(unsigned long v)
{
	wrmsr(MSR_KERNEL_GS_BASE, v);
}

unsigned long x86_fsbase_read_task(struct task_struct *task);
unsigned long x86_gsbase_read_task(struct task_struct *task);
void x86_fsbase_write_task(struct task_struct *task, unsigned long fsbase);
void x86_gsbase_write_task(struct task_struct *task, unsigned long gsbase);
void setup_fsgsbase(void);

#endif
