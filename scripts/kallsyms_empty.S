/* SPDX-License-Identifier: MIT */
/* The first link pass's empty symbol table (see scripts/kallsyms.c). */
	.section .rodata.kallsyms, "a"
	.balign 8
	.globl kallsyms_num, kallsyms_num_text, kallsyms_addresses, kallsyms_offsets
	.globl kallsyms_types, kallsyms_names
kallsyms_num:		.quad 0
kallsyms_num_text:	.quad 0
kallsyms_addresses:
kallsyms_offsets:
kallsyms_types:
kallsyms_names:		.byte 0
