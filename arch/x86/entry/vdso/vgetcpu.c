// SPDX-License-Identifier: MIT
/*
 * The vDSO's getcpu(): the kernel loads each CPU's IA32_TSC_AUX with
 * (node << 12) | cpu, as Linux does, and user mode reads it back with
 * RDPID, or RDTSCP where only that exists; the data page says which.
 * A CPU with neither goes to the system call.
 */
#include "vdso.h"

static inline unsigned int vdso_read_cpunode(int mode)
{
	unsigned long aux;
	unsigned int lo, hi, tsc_aux;

	if (mode == VDSO_GETCPU_RDPID) {
		asm volatile("rdpid %0" : "=r"(aux));
		return aux;
	}
	asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(tsc_aux));
	return tsc_aux;
}

long __vdso_getcpu(unsigned int *cpu, unsigned int *node, struct getcpu_cache *unused)
{
	int mode = vvar_page.getcpu_mode;
	unsigned int p;

	if (mode == VDSO_GETCPU_SYSCALL)
		return vdso_syscall3(__NR_getcpu, (long)cpu, (long)node, (long)unused);
	p = vdso_read_cpunode(mode);
	if (cpu)
		*cpu = p & 0xfff;
	if (node)
		*node = p >> 12;
	return 0;
}

long getcpu(unsigned int *, unsigned int *, struct getcpu_cache *)
	__attribute__((weak, alias("__vdso_getcpu")));
