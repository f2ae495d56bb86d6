// SPDX-License-Identifier: MIT
/*
 * A dynamically linked glibc program (built with the host's compiler,
 * not musl): the dynamic loader maps the C library with private file
 * mappings, and glibc finds the vDSO through AT_SYSINFO_EHDR and calls
 * its clock_gettime(). The vdso test runs it and checks what it prints
 * and its exit status (3: the program got as far as the end). With the
 * argument "maps" it prints its /proc/self/maps instead (the maps test
 * looks for libc there).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	int vdso = getauxval(AT_SYSINFO_EHDR) != 0;

	if (argc > 1 && !strcmp(argv[1], "maps")) {
		FILE *f = fopen("/proc/self/maps", "r");
		char line[512];

		while (f && fgets(line, sizeof(line), f))
			fputs(line, stdout);
		return f ? 3 : 4;
	}
	if (clock_gettime(CLOCK_MONOTONIC, &a) || clock_gettime(CLOCK_MONOTONIC, &b))
		return 1;
	if (b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec))
		return 2;
	printf("hello_dyn: %s vdso=%d argc=%d\n", argc > 1 ? argv[1] : "-", vdso, argc);
	return 3;
}
