/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

/*
 * Values written to QEMU's isa-debug-exit device (iobase 0xf4); QEMU then
 * exits with status (value << 1) | 1. Without the device the write is
 * ignored and the CPU halts.
 */
#define REFLEX_EXIT_POWEROFF	0x00	/* status 1 */
#define REFLEX_EXIT_PASS	0x10	/* status 33: every test passed */
#define REFLEX_EXIT_FAIL	0x11	/* status 35: a test failed */
#define REFLEX_EXIT_PANIC	0x12	/* status 37: the kernel panicked */

__noreturn void machine_power_off(void);
__noreturn void machine_emergency_restart(void);
/* Write @code to isa-debug-exit; returns when QEMU has no such device. */
void reflex_debug_exit(unsigned int code);
__noreturn void machine_halt(void);
__noreturn void reflex_exit(unsigned int code);

#endif
