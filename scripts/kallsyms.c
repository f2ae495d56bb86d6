// SPDX-License-Identifier: MIT
/*
 * Build-time tool: reads `nm -n` output of the linked kernel on stdin and
 * writes an assembly file with the text symbols kernel/kallsyms.c searches.
 * Only symbols inside [_stext, _etext) are kept; the table sits in .rodata
 * after the text, so adding it never moves a text address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sym {
	unsigned long long addr;
	char name[128];
};

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
		if (type != 'T' && type != 't' && type != 'W' && type != 'w')
			continue;
		if (strlen(name) >= sizeof(syms[0].name) || n == sizeof(syms) / sizeof(syms[0]))
			continue;
		/* Local labels of the assembler are not functions. */
		if (name[0] == '.' || !strncmp(name, "__entry_text", 12))
			continue;
		syms[n].addr = addr;
		strcpy(syms[n].name, name);
		n++;
	}
	if (!stext || !etext) {
		fprintf(stderr, "kallsyms: _stext/_etext not found\n");
		return 1;
	}
	printf("\t.section .rodata.kallsyms, \"a\"\n\t.balign 8\n");
	printf("\t.globl kallsyms_num, kallsyms_addresses, kallsyms_offsets, kallsyms_names\n");
	{
		size_t kept = 0;

		for (i = 0; i < n; i++)
			if (syms[i].addr >= stext && syms[i].addr < etext)
				syms[kept++] = syms[i];
		n = kept;
	}
	printf("kallsyms_num:\t.quad %zu\n", n);
	printf("kallsyms_addresses:\n");
	for (i = 0; i < n; i++)
		printf("\t.quad 0x%llx\n", syms[i].addr);
	printf("kallsyms_offsets:\n");
	for (i = 0; i < n; i++) {
		printf("\t.long %zu\n", off);
		off += strlen(syms[i].name) + 1;
	}
	printf("kallsyms_names:\n");
	for (i = 0; i < n; i++)
		printf("\t.asciz \"%s\"\n", syms[i].name);
	return 0;
}
