// SPDX-License-Identifier: MIT
/*
 * Leaving: through QEMU's isa-debug-exit device when it is there (tests
 * read the exit status), else by halting with interrupts off; or by
 * resetting the machine (machine_emergency_restart(), after a panic with
 * panic=N), which under QEMU's -no-reboot ends QEMU.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/acpi.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/desc.h>
#include <asm/tsc.h>

#define DEBUG_EXIT_PORT	0xf4

#define KBD_STATUS_PORT	0x64	/* i8042 status (read) and command (write) */
#define KBD_STAT_IBF	0x02	/* input buffer full: not ready for a command */
#define KBD_CMD_RESET	0xfe	/* pulse output line 0: the CPU's reset */

__noreturn void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		native_halt();
}

void reflex_debug_exit(unsigned int code)
{
	outl(code, DEBUG_EXIT_PORT);
}

__noreturn void reflex_exit(unsigned int code)
{
	local_irq_disable();
	reflex_debug_exit(code);
	machine_halt();
}

/* Wait, bounded, until the keyboard controller takes a command. */
static void kb_wait(void)
{
	int i;

	for (i = 0; i < 0x10000; i++) {
		if (!(inb(KBD_STATUS_PORT) & KBD_STAT_IBF))
			break;
		udelay(2);
	}
}

/* No IDT: the next exception cannot be delivered and shuts the CPU down. */
static __noreturn void triple_fault(void)
{
	static const struct desc_ptr no_idt;

	load_idt(&no_idt);
	asm volatile("int3");
	machine_halt();
}

/*
 * Linux's native_machine_emergency_restart() order: the ACPI reset
 * register, the keyboard controller's reset line (ten tries), and, when
 * neither has taken the machine down, a triple fault.
 */
__noreturn void machine_emergency_restart(void)
{
	int i;

	local_irq_disable();
	acpi_reboot();
	for (i = 0; i < 10; i++) {
		kb_wait();
		udelay(50);
		outb(KBD_CMD_RESET, KBD_STATUS_PORT);
		udelay(50);
	}
	triple_fault();
}

__noreturn void machine_power_off(void)
{
	pr_emerg("reboot: Power down\n");
	reflex_exit(REFLEX_EXIT_POWEROFF);
}
