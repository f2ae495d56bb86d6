/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

#define KSYM_NAME_LEN		128
#define KSYM_SYMBOL_LEN		(KSYM_NAME_LEN + 40)

/* The name of the text symbol containing addr, its start and size; NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);
/* "name+0xoff/0xsize", or the raw address when no symbol covers it. */
int sprint_symbol(char *buf, unsigned long addr);
int sprint_symbol_no_offset(char *buf, unsigned long addr);

#endif
