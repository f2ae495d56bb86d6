/* SPDX-License-Identifier: MIT */
/*
 * The vDSO's layout: one read-only, executable PT_LOAD from offset 0
 * (ELF header and program headers included, as the image is mapped
 * whole), the dynamic sections programs' loaders parse, then the text.
 * The data page sits one page below the image; vvar_page names it, so
 * the code reaches it RIP-relative with no relocation. The exported
 * names carry the LINUX_2.6 version, as Linux's vDSO does.
 */
#include <asm/page.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)

VERSION {
	LINUX_2.6 {
	global:
		clock_gettime;
		__vdso_clock_gettime;
		gettimeofday;
		__vdso_gettimeofday;
		getcpu;
		__vdso_getcpu;
		time;
		__vdso_time;
		clock_getres;
		__vdso_clock_getres;
	local: *;
	};
}

PHDRS {
	text PT_LOAD FILEHDR PHDRS FLAGS(5);	/* R + X */
	dynamic PT_DYNAMIC FLAGS(4);
	note PT_NOTE FLAGS(4);
}

SECTIONS {
	vvar_page = -PAGE_SIZE;

	. = SIZEOF_HEADERS;
	.hash		: { *(.hash) }			:text
	.gnu.hash	: { *(.gnu.hash) }
	.dynsym		: { *(.dynsym) }
	.dynstr		: { *(.dynstr) }
	.gnu.version	: { *(.gnu.version) }
	.gnu.version_d	: { *(.gnu.version_d) }
	.gnu.version_r	: { *(.gnu.version_r) }
	.dynamic	: { *(.dynamic) }		:text :dynamic
	.rodata		: { *(.rodata*) }		:text
	.note		: { *(.note.*) }		:text :note
	. = ALIGN(16);
	.text		: { *(.text*) }			:text

	/DISCARD/ : {
		*(.data*) *(.bss*) *(.eh_frame*) *(.comment)
	}
}
