/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/processor-flags.h>
#include <asm/percpu.h>
#include <asm/page.h>
#include <asm/segment.h>
#include <asm/extable.h>

static inline void native_cpuid(u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	asm volatile("cpuid" : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
		     : "0"(*eax), "2"(*ecx) : "memory");
}

static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	*a = leaf;
	*c = sub;
	native_cpuid(a, b, c, d);
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

static __always_inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* rdtsc that does not run ahead of earlier instructions. */
static __always_inline u64 rdtsc_ordered(void)
{
	u32 lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

#define DEFINE_CR(n)							\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long v;						\
	asm volatile("mov %%cr" #n ", %0" : "=r"(v) : : "memory");	\
	return v;							\
}									\
static inline void write_cr##n(unsigned long v)			\
{									\
	asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void __flush_tlb_one(unsigned long addr)
{
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline void __flush_tlb_all(void)
{
	write_cr3(read_cr3());
}

/* CPU feature bits the kernel looks at (CPUID leaf, register, bit). */
#define X86_FEATURE_APIC	(1 * 32 + 9)	/* leaf 1 EDX */
#define X86_FEATURE_X2APIC	(2 * 32 + 21)	/* leaf 1 ECX */
#define X86_FEATURE_TSC_DEADLINE (2 * 32 + 24)	/* leaf 1 ECX */
#define X86_FEATURE_XSAVE	(2 * 32 + 26)	/* leaf 1 ECX */
#define X86_FEATURE_AVX		(2 * 32 + 28)	/* leaf 1 ECX */
#define X86_FEATURE_HYPERVISOR	(2 * 32 + 31)	/* leaf 1 ECX */
#define X86_FEATURE_FSGSBASE	(3 * 32 + 0)	/* leaf 7 EBX */
#define X86_FEATURE_SMEP	(3 * 32 + 7)	/* leaf 7 EBX */
#define X86_FEATURE_AVX512F	(3 * 32 + 16)	/* leaf 7 EBX */
#define X86_FEATURE_SMAP	(3 * 32 + 20)	/* leaf 7 EBX */
#define X86_FEATURE_IBT		(4 * 32 + 20)	/* leaf 7 EDX */
#define X86_FEATURE_NX		(5 * 32 + 20)	/* leaf 0x80000001 EDX */
#define X86_FEATURE_GBPAGES	(5 * 32 + 26)	/* leaf 0x80000001 EDX */
#define X86_FEATURE_RDTSCP	(5 * 32 + 27)	/* leaf 0x80000001 EDX */
#define X86_FEATURE_RDPID	(7 * 32 + 22)	/* leaf 7 ECX */
/* Word 0 unused; 6: leaf 0x80000001 ECX, 7: leaf 7 ECX, 8: leaf 0x80000007 EDX. */
#define CPUID_8000_0001_ECX	6
#define CPUID_7_ECX		7
#define CPUID_8000_0007_EDX	8
#define NCAPINTS		9

/* What CPUID says about one CPU (Linux's struct cpuinfo_x86, the fields reflex reads). */
struct cpuinfo_x86 {
	u32 x86_capability[NCAPINTS];
	char x86_vendor_id[16];
	char x86_model_id[64];
	u32 cpuid_level;
	u32 extended_cpuid_level;
	u8 x86;				/* family */
	u8 x86_model;
	u8 x86_stepping;
	u8 x86_phys_bits;
	u8 x86_virt_bits;
	u16 x86_clflush_size;
	u32 x86_cache_size;		/* KiB, the L2's from leaf 0x80000006 */
	u32 initial_apicid;		/* CPUID's, as the CPU came out of reset */
	u32 apicid;
	u32 pkg_id;
	u32 core_id;
	unsigned int cpu_index;
};

extern struct cpuinfo_x86 boot_cpu_data;
DECLARE_PER_CPU(struct cpuinfo_x86, cpu_info);
#define cpu_data(cpu)		per_cpu(cpu_info, cpu)

/*
 * A CPU's IST stacks, each above an unmapped guard page: the boot CPU's in
 * the image (cpu/common.c), the others' in the CPU entry area
 * (mm/cpu_entry_area.c). NULL until a CPU's are set up.
 */
struct exception_stacks {
	struct {
		char guard[PAGE_SIZE];
		char stack[EXCEPTION_STKSZ];
	} ist[N_EXCEPTION_STACKS];
};
DECLARE_PER_CPU(struct exception_stacks *, exception_stacks);
int percpu_setup_exception_stacks(unsigned int cpu);

void identify_cpu(struct cpuinfo_x86 *c);
/* Record the running CPU's CPUID view as cpu_data(@cpu). */
void smp_store_cpu_info(unsigned int cpu);

static inline bool boot_cpu_has(unsigned int feature)
{
	return boot_cpu_data.x86_capability[feature / 32] & (1u << (feature % 32));
}

static inline void setup_clear_cpu_cap(unsigned int feature)
{
	boot_cpu_data.x86_capability[feature / 32] &= ~(1u << (feature % 32));
}

static inline void stac(void) { asm volatile("stac" ::: "memory"); }
static inline void clac(void) { asm volatile("clac" ::: "memory"); }

/*
 * What a switched-out task keeps of its CPU state: its kernel stack
 * pointer, and the data selectors compat-mode code addresses through
 * (no entry or exit path touches DS and ES, so they are the task's).
 */
#define TS_COMPAT	0x0002	/* the system call under way came through int $0x80 */

struct thread_struct {
	unsigned long sp;
	unsigned long sp0;	/* top of the kernel stack (TSS.sp0 when running) */
	unsigned short es, ds;
	unsigned short fsindex;	/* the user's FS selector while switched out */
	unsigned short gsindex;	/* and its GS selector */
	unsigned long fsbase;	/* the user's FS base while switched out */
	unsigned long gsbase;	/* the user's GS base while switched out */
	unsigned int status;	/* TS_COMPAT: in an i386 system call (thread_info's in Linux) */

	/*
	 * Signal frames: the last user exception, for the sigcontext's
	 * trapno, err and cr2 (cr2 changes only on a page fault), as
	 * Linux keeps them (arch/x86/kernel/traps.c, mm/fault.c).
	 */
	unsigned long trap_nr;
	unsigned long error_code;
	unsigned long cr2;
	unsigned long virtual_dr6;	/* DR6 as the task's last #DB reported it */
	unsigned long debugreg[4];	/* the task's DR0-DR3 (asm/debugreg.h) */
	unsigned long debugreg7;	/* its DR7; 0: no breakpoint armed */
};

#define savesegment(seg, value) \
	asm volatile("movw %%" #seg ", %0" : "=rm"(value) : : "memory")
/*
 * A selector the user chose may no longer load (its LDT entry cleared by
 * another thread, say): then the register gets the null selector, as
 * Linux's loadsegment() does, instead of a #GP in the kernel.
 */
#define loadsegment(seg, value)						\
	asm volatile("1: movl %k0, %%" #seg "\n\t"			\
		     "jmp 3f\n"						\
		     "2: xorl %k0, %k0\n\t"					\
		     "movl %k0, %%" #seg "\n"					\
		     "3:\n"							\
		     _ASM_EXTABLE(1b, 2b)					\
		     : "+r"((unsigned int){ (unsigned short)(value) }) : : "memory")

/* The user (or syscall) register frame at the top of a task's kernel stack. */
#define task_pt_regs(task)	((struct pt_regs *)((task)->thread.sp0) - 1)

struct task_struct;
/* fork, exec and exit's segment and port state (process.c). */
void copy_thread_segments(struct task_struct *p);
void load_gs_index(unsigned int selector);
void flush_thread(void);
void exit_thread(struct task_struct *tsk);

void early_cpu_init(void);
void cpu_init(void);

#endif
