// SPDX-License-Identifier: MIT
/*
 * churn: keep moving things between CPUs while something else runs, for
 * the migration and hotplug tests under a network flood
 * (tests/scenario/net.py). Two modes:
 *
 *	churn irq IRQ COUNT	write /proc/irq/IRQ/smp_affinity_list COUNT
 *				times, to each online CPU in turn
 *	churn cpu COUNT		take each CPU that has an online file
 *				offline and back online, COUNT cycles in all
 *
 * Every write must succeed. At the end it prints one line,
 *
 *	churn: irq 11: 10000 moves, 0 failed
 *	churn: cpu: 1000 cycles, 0 failed
 *
 * and exits 0 when nothing failed, 1 otherwise (the first failure is
 * also printed with its errno). The same program runs on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_CPUS	64

static long failed;

static void fail(const char *what, const char *path, int err)
{
	if (!failed++)
		dprintf(2, "churn: %s %s: %s\n", what, path, strerror(err));
}

/* Write text to path in one write(); 0 or the errno. */
static int write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	close(fd);
	return err;
}

/* Parse a CPU list ("0-3,5\n") into cpus[]; how many. */
static int parse_list(const char *s, int *cpus)
{
	int n = 0;

	while (*s && *s != '\n') {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (end == s)
			break;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (; a <= b && n < MAX_CPUS; a++)
			cpus[n++] = (int)a;
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

static int online_cpus(int *cpus)
{
	char buf[256];
	int fd = open("/sys/devices/system/cpu/online", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return parse_list(buf, cpus);
}

static int churn_irq(const char *irq, long count)
{
	int cpus[MAX_CPUS], n = online_cpus(cpus), err;
	char path[64], text[16];
	long i;

	if (!n) {
		dprintf(2, "churn: cannot read the online CPUs\n");
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/irq/%s/smp_affinity_list", irq);
	for (i = 0; i < count; i++) {
		snprintf(text, sizeof(text), "%d\n", cpus[i % n]);
		err = write_file(path, text);
		if (err)
			fail("write", path, err);
	}
	printf("churn: irq %s: %ld moves, %ld failed\n", irq, count, failed);
	return failed != 0;
}

static int churn_cpu(long count)
{
	int cpus[MAX_CPUS], n = 0, cpu, err;
	char path[64];
	long i;

	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
		if (access(path, F_OK) == 0)
			cpus[n++] = cpu;
	}
	if (!n) {
		dprintf(2, "churn: no CPU can go offline\n");
		return 1;
	}
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpus[i % n]);
		err = write_file(path, "0\n");
		if (err)
			fail("offline", path, err);
		err = write_file(path, "1\n");
		if (err)
			fail("online", path, err);
	}
	printf("churn: cpu: %ld cycles, %ld failed\n", count, failed);
	return failed != 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "irq"))
		return churn_irq(argv[2], strtol(argv[3], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "cpu"))
		return churn_cpu(strtol(argv[2], NULL, 0));
	dprintf(2, "usage: churn irq IRQ COUNT | churn cpu COUNT\n");
	return 2;
}
