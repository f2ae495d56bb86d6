// SPDX-License-Identifier: MIT
/*
 * Leaving: through QEMU's isa-debug-exit device when it is there (tests
 * read the exit status), else by halting with interrupts off.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/io.h>
#include <asm/irqflags.h>

#define DEBUG_EXIT_PORT	0xf4

__noreturn void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		native_halt();
}

__noreturn void reflex_exit(unsigned int code)
{
	local_irq_disable();
	outl(code, DEBUG_EXIT_PORT);
	machine_halt();
}

__noreturn void machine_power_off(void)
{
	pr_emerg("reboot: Power down\n");
	reflex_exit(REFLEX_EXIT_POWEROFF);
}
