// SPDX-License-Identifier: MIT
/*
 * Address to name for the kernel's text, so that oopses, stack traces and
 * %pS read as Linux's do, and /proc/kallsyms. The table is generated at
 * build time by scripts/kallsyms from the linked kernel (see the
 * Makefile) and lives in .rodata: sorted addresses, nm's type letter,
 * and an offset per symbol into a string pool. The text symbols come
 * first and are the only ones an address is looked up among; the data,
 * rodata and bss symbols follow, for /proc/kallsyms and by-name lookups.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

extern const unsigned long kallsyms_num, kallsyms_num_text;
extern const char kallsyms_types[];
extern const unsigned long kallsyms_addresses[];
extern const unsigned int kallsyms_offsets[];
extern const char kallsyms_names[];
extern char _stext[], _etext[];

static long kallsyms_find(unsigned long addr)
{
	long lo = 0, hi = (long)kallsyms_num_text - 1;

	if (!kallsyms_num_text || addr < kallsyms_addresses[0] ||
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
	end = i + 1 < (long)kallsyms_num_text ? kallsyms_addresses[i + 1] :
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

/*
 * /proc/kallsyms as Linux prints it: "ffffffff81000000 T _stext", in
 * address order, text then data. Every reader sees the addresses, as on
 * Linux with kptr_restrict 0 and perf_event_paranoid at most 1 (or as
 * root, CAP_SYSLOG, under the defaults): reflex has no KASLR to hide.
 */
static int kallsyms_show(struct seq_file *m, void *v)
{
	unsigned long i;

	for (i = 0; i < kallsyms_num; i++)
		seq_printf(m, "%016lx %c %s\n", kallsyms_addresses[i], kallsyms_types[i],
			   kallsyms_names + kallsyms_offsets[i]);
	return 0;
}

void proc_kallsyms_init(void)
{
	proc_create_single("kallsyms", kallsyms_show);
}
