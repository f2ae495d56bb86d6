// SPDX-License-Identifier: MIT
/*
 * The vDSO's getcpu(): each CPU holds (node << 12) | cpu in IA32_TSC_AUX
 * and in the limit of its GDT's CPUNODE segment, as on Linux. User mode
 * reads it back with RDPID where the CPU has it, else with LSL, which
 * every CPU has; the data page says which.
 */
#include <asm/segment.h>
#include "vdso.h"

static inline unsigned int vdso_read_cpunode(int mode)
{
	unsigned long aux;
	unsigned int p;

	if (mode == VDSO_GETCPU_RDPID) {
		asm volatile("rdpid %0" : "=r"(aux));
		return aux;
	}
	asm volatile("lsl %1, %0" : "=r"(p) : "r"(__CPUNODE_SEG));
	return p;
}

long __vdso_getcpu(unsigned int *cpu, unsigned int *node, struct getcpu_cache *unused)
{
	int mode = vvar_page.getcpu_mode;
	unsigned int p;

	if (mode == VDSO_GETCPU_SYSCALL)
		return vdso_syscall3(__NR_getcpu, (long)cpu, (long)node, (long)unused);
	p = vdso_read_cpunode(mode);
	if (cpu)
		*cpu = p & VDSO_CPUNODE_MASK;
	if (node)
		*node = p >> VDSO_CPUNODE_BITS;
	return 0;
}

long getcpu(unsigned int *, unsigned int *, struct getcpu_cache *)
	__attribute__((weak, alias("__vdso_getcpu")));
