/* SPDX-License-Identifier: MIT */
#ifndef _ASM_GENERIC_SECTIONS_H
#define _ASM_GENERIC_SECTIONS_H

/*
 * Boundaries of the kernel image's sections, defined by the linker script.
 * They are declared as arrays so that their addresses, not their contents,
 * are what C sees; subtracting two gives a section's size.
 */
extern char _text[], _etext[];			/* .text */
extern char __start_rodata[], __end_rodata[];	/* .rodata */
extern char _sdata[], _edata[];			/* .data */
extern char __bss_start[], __bss_stop[];	/* .bss */
extern char _end[];				/* first byte past the image */

#endif
