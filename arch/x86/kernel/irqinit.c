// SPDX-License-Identifier: MIT
/*
 * init_IRQ(): the x86 half of interrupt setup, after the generic layer's
 * early_irq_init() made the vector domain and the ISA descriptors. Every
 * possible CPU gets its IRQ stack (a CPU brought up later asks again),
 * every IDT gate is installed (device stubs, system vectors), then the local
 * APIC and either the IOAPICs (symmetric I/O mode) or, without an IOAPIC
 * or with noapic, the 8259 PIC in virtual-wire mode.
 */
#include <linux/kernel.h>
#include <asm/irq.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/i8259.h>
#include <asm/hw_irq.h>
#include <asm/irq_stack.h>
#include <linux/cpumask.h>

void apic_intr_mode_init(void)
{
	init_bsp_APIC();
	if (disable_apic) {
		pr_info("APIC: no local APIC; ISA interrupts through the 8259 PIC\n");
		legacy_pic_init();
		return;
	}
	if (!io_apic_present()) {
		pr_info("APIC: %s, ISA interrupts through the 8259 PIC (virtual wire)\n",
			skip_ioapic_setup ? "noapic" : "no IOAPIC in the MADT");
		apic_write(APIC_LVT0, APIC_DM_EXTINT);
		legacy_pic_init();
		return;
	}
	pr_info("APIC: Switch to symmetric I/O mode setup\n");
	setup_IO_APIC();
}

void init_IRQ(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (irq_init_percpu_irqstack(cpu))
			panic("init_IRQ: no memory for CPU %u's IRQ stack", cpu);
	idt_setup_apic_and_irq_gates();
	apic_intr_mode_init();
}
