// SPDX-License-Identifier: MIT
/*
 * Build-time tool: reads `nm -n` output of the linked kernel on stdin and
 * writes an assembly file with the symbols kernel/kallsyms.c searches and
 * /proc/kallsyms lists: the text symbols inside [_stext, _etext) first
 * (the only ones an address is looked up among), then the data, rodata
 * and bss symbols after _etext, each with nm's type letter. The table
 * sits in .rodata after the text, so adding it never moves a text
 * address; the data after it moves once, from the empty table to the
 * full one, which is why the Makefile links three times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sym {
	unsigned long long addr;
	char type;
	char name[128];
};

static int is_text(char type)
{
	return type == 'T' || type == 't' || type == 'W' || type == 'w';
}

/* The types Linux's /proc/kallsyms lists for data: initialised, read-only, bss, weak objects. */
static int is_data(char type)
{
	return strchr("DdRrBbVv", type) != NULL;
}

int main(void)
{
	static struct sym syms[200000];
	unsigned long long stext = 0, etext = 0;
	size_t n = 0, i, off = 0;
	char line[512];

	while (fgets(line, sizeof(line), stdin)) {
		unsigned long long addr;
		char type, name[256];

		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		if (!strcmp(name, "_stext"))
			stext = addr;
		else if (!strcmp(name, "_etext"))
			etext = addr;
		if (!is_text(type) && !is_data(type))
			continue;
		if (strlen(name) >= sizeof(syms[0].name) || n == sizeof(syms) / sizeof(syms[0]))
			continue;
		/* Local labels of the assembler are not functions. */
		if (name[0] == '.' || !strncmp(name, "__entry_text", 12))
			continue;
		syms[n].addr = addr;
		syms[n].type = type;
		strcpy(syms[n].name, name);
		n++;
	}
	if (!stext || !etext) {
		fprintf(stderr, "kallsyms: _stext/_etext not found\n");
		return 1;
	}
	printf("\t.section .rodata.kallsyms, \"a\"\n\t.balign 8\n");
	printf("\t.globl kallsyms_num, kallsyms_num_text, kallsyms_addresses, kallsyms_offsets\n");
	printf("\t.globl kallsyms_types, kallsyms_names\n");
	{
		size_t kept = 0, text = 0;

		/* nm -n sorts by address: text below _etext comes first. */
		for (i = 0; i < n; i++)
			if (is_text(syms[i].type) && syms[i].addr >= stext && syms[i].addr < etext)
				syms[kept++] = syms[i];
		text = kept;
		for (i = 0; i < n; i++)
			if (is_data(syms[i].type) && syms[i].addr >= etext)
				syms[kept++] = syms[i];
		n = kept;
		printf("kallsyms_num:\t.quad %zu\n", n);
		printf("kallsyms_num_text:\t.quad %zu\n", text);
	}
	printf("kallsyms_addresses:\n");
	for (i = 0; i < n; i++)
		printf("\t.quad 0x%llx\n", syms[i].addr);
	printf("kallsyms_offsets:\n");
	for (i = 0; i < n; i++) {
		printf("\t.long %zu\n", off);
		off += strlen(syms[i].name) + 1;
	}
	printf("kallsyms_types:\n");
	for (i = 0; i < n; i++)
		printf("\t.byte '%c'\n", syms[i].type);
	printf("kallsyms_names:\n");
	for (i = 0; i < n; i++)
		printf("\t.asciz \"%s\"\n", syms[i].name);
	return 0;
}
