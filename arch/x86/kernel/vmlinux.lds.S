/* SPDX-License-Identifier: MIT */
/*
 * The kernel image: 32-bit boot code identity-mapped at LOAD_PHYSICAL_ADDR,
 * everything else linked at __START_KERNEL_map + physical. The per-CPU
 * template is linked at 0 (as Linux's x86-64 per-CPU section) so that a
 * per-CPU variable's address is its offset from %gs.
 */
#include <asm/page.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(pvh_start_xen)

PHDRS {
	head PT_LOAD FLAGS(5);
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	percpu PT_LOAD FLAGS(6);
	data PT_LOAD FLAGS(6);
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = LOAD_PHYSICAL_ADDR;
	.head.text : { *(.head.text) } :head

	. = ALIGN(PAGE_SIZE) + __START_KERNEL_map;
	_text = .;
	.text : AT(ADDR(.text) - __START_KERNEL_map) {
		_stext = .;
		*(.text .text.*)
		. = ALIGN(16);
		__entry_text_start = .;
		*(.entry.text)
		__entry_text_end = .;
	} :text
	_etext = .;

	. = ALIGN(PAGE_SIZE);
	__start_rodata = .;
	.rodata : AT(ADDR(.rodata) - __START_KERNEL_map) {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__start___ex_table = .;
		*(__ex_table)
		__stop___ex_table = .;
		. = ALIGN(8);
		__setup_start = .;
		*(.init.setup)
		__setup_end = .;
		. = ALIGN(8);
		__start_trace_events = .;
		*(.trace_events)
		__stop_trace_events = .;
		/* The function tracer's sites, one address each (kernel/trace/ftrace.c). */
		. = ALIGN(8);
		__start_mcount_loc = .;
		KEEP(*(__mcount_loc))
		KEEP(*(__patchable_function_entries))
		__stop_mcount_loc = .;
		. = ALIGN(8);
		__kunit_suites_start = .;
		*(.kunit_test_suites)
		__kunit_suites_end = .;
		/* The built-in initramfs (usr/initramfs_data.S), before kallsyms
		 * so that it does not move between the link passes. */
		. = ALIGN(8);
		*(.init.ramfs.info)
		. = ALIGN(8);
		*(.init.ramfs)
		. = ALIGN(8);
		*(.rodata.kallsyms)
	} :rodata
	.note : AT(ADDR(.note) - __START_KERNEL_map) { *(.note.Xen) } :rodata :note
	. = ALIGN(PAGE_SIZE);
	__end_rodata = .;

	/* The per-CPU template, linked at 0, loaded after rodata. */
	__per_cpu_load = .;
	.data..percpu 0 : AT(__per_cpu_load - __START_KERNEL_map) {
		__per_cpu_start = .;
		*(.data..percpu..first)
		. = ALIGN(PAGE_SIZE);
		*(.data..percpu..page_aligned)
		*(.data..percpu)
		. = ALIGN(PAGE_SIZE);
		__per_cpu_end = .;
	} :percpu
	. = __per_cpu_load + SIZEOF(.data..percpu);

	. = ALIGN(PAGE_SIZE);
	_sdata = .;
	.data : AT(ADDR(.data) - __START_KERNEL_map) {
		*(.data..page_aligned)
		*(.data .data.*)
	} :data
	_edata = .;

	. = ALIGN(PAGE_SIZE);
	.bss : AT(ADDR(.bss) - __START_KERNEL_map) {
		__bss_start = .;
		*(.bss..page_aligned)
		*(.bss .bss.* COMMON)
		. = ALIGN(PAGE_SIZE);
		__bss_stop = .;
	} :data
	_end = .;

	/DISCARD/ : { *(.eh_frame) *(.note.GNU-stack) *(.comment) *(.note.gnu.property) }
}
