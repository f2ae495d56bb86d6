// SPDX-License-Identifier: MIT
/*
 * Address to name for the kernel's text, so that oopses, stack traces and
 * %pS read as Linux's do. The table is generated at build time by
 * scripts/kallsyms from the linked kernel (see the Makefile) and lives in
 * .rodata: sorted addresses, and an offset per symbol into a string pool.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_offsets[];
extern const char kallsyms_names[];
extern char _stext[], _etext[];

static long kallsyms_find(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num - 1;

	if (!kallsyms_num || addr < kallsyms_addresses[0] ||
	    addr >= (unsigned long)_etext)
		return -1;
	while (lo < hi) {
		long mid = (lo + hi + 1) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset)
{
	long i = kallsyms_find(addr);
	unsigned long end;

	if (i < 0)
		return NULL;
	end = i + 1 < (long)kallsyms_num ? kallsyms_addresses[i + 1] :
					   (unsigned long)_etext;
	if (symbolsize)
		*symbolsize = end - kallsyms_addresses[i];
	if (offset)
		*offset = addr - kallsyms_addresses[i];
	return kallsyms_names + kallsyms_offsets[i];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	unsigned long i;

	for (i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_names + kallsyms_offsets[i], name))
			return kallsyms_addresses[i];
	return 0;
}

int sprint_symbol(char *buf, unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (!name)
		return sprintf(buf, "0x%lx", addr);
	return sprintf(buf, "%s+0x%lx/0x%lx", name, off, size);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	const char *name = kallsyms_lookup(addr, NULL, NULL);

	if (!name)
		return sprintf(buf, "0x%lx", addr);
	return sprintf(buf, "%s", name);
}
