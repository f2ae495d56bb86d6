// SPDX-License-Identifier: MIT
/*
 * The first C code: head_64.S calls x86_64_start_kernel() in long mode on
 * the boot stack, with the early page tables. Before anything can fault,
 * GS must point at the per-CPU area and the exception gates must be live
 * (on a valid GDT and TSS with IST stacks); then start_kernel() takes over.
 */
#include <linux/kernel.h>
#include <asm/setup.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/tsc.h>

void setup_boot_percpu(void);
void start_kernel(void);

void x86_64_start_kernel(u32 protocol, u32 info_phys)
{
	tsc_early_init();
	setup_boot_percpu();
	early_cpu_init();
	cpu_init();
	idt_setup_traps();
	start_kernel();
}
