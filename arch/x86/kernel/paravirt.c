// SPDX-License-Identifier: MIT
/*
 * What reflex does differently when it runs as a guest. Only the
 * spinlocks, so far: under a hypervisor they are taken test-and-set
 * style (virt_spin_lock() in include/linux/spinlock.h says why), as
 * Linux's native_pv_lock_init() decides from the CPUID hypervisor bit.
 * reflex has no paravirtual spinlocks (KVM's halt-and-kick), which is
 * what Linux prefers where the host offers them.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/processor.h>
#include <asm/setup.h>

bool virt_spin_lock_enabled;

void native_pv_lock_init(void)
{
	if (boot_cpu_has(X86_FEATURE_HYPERVISOR))
		WRITE_ONCE(virt_spin_lock_enabled, true);
}
