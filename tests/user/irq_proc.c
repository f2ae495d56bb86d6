// SPDX-License-Identifier: MIT
/*
 * /proc/irq as Linux has it: a directory per interrupt line with
 * smp_affinity and smp_affinity_list (0644), effective_affinity,
 * effective_affinity_list, affinity_hint, node and spurious (0444) in
 * Linux's formats, a directory per named action (the e1000's "eth0"),
 * and /proc/irq/default_smp_affinity. Writes move a line and read back;
 * bad text, a CPU past nr_cpu_ids and a mask without an online CPU are
 * refused with Linux's errors and leave the file as it was; a read-only
 * file opens for writing (root) and refuses the write with EIO. The
 * lines used: the timer (0), the RTC (8, which nothing in user space
 * has requested, so moving it disturbs no one) and the e1000's. The same
 * binary runs on Linux.
 *
 * IRQ_DEFAULT_AFFINITY=<hex> in the environment (a kernel command-line
 * word, passed on by test-init) is what default_smp_affinity must start
 * as, for boots with irqaffinity=; otherwise every possible CPU.
 */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include "ktap.h"
#include "sys.h"

#define MOVABLE_IRQ	8

static uint64_t online;		/* the online CPUs */
static uint64_t possible;
static int nr_cpu_ids;		/* one past the last possible CPU */
static int e1000_irq = -1;

static const char *const irq_files[] = {
	"smp_affinity", "smp_affinity_list", "effective_affinity",
	"effective_affinity_list", "affinity_hint", "node", "spurious",
};

static bool list_malformed;	/* set by parse_list() */

/* "0-3,5\n" into a mask; 0 with list_malformed set for anything else. */
static uint64_t parse_list(const char *s)
{
	uint64_t mask = 0;

	list_malformed = false;
	if (*s == '\n' || !*s)
		return 0;
	for (;;) {
		char *end;
		unsigned long a, b;

		if (*s < '0' || *s > '9')
			break;
		a = b = strtoul(s, &end, 10);
		if (*end == '-')
			b = strtoul(end + 1, &end, 10);
		if (b < a || b > 63)
			break;
		for (; a <= b; a++)
			mask |= 1ULL << a;
		if (*end == '\n' && !end[1])
			return mask;
		if (*end != ',')
			break;
		s = end + 1;
	}
	list_malformed = true;
	return 0;
}

/* The file's text, or "" (errno-like negative length in *len). */
static const char *read_text(const char *path, long *len)
{
	static char buf[4096];
	int fd = open(path, O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -errno;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	if (len)
		*len = n;
	return buf;
}

static const char *irq_file(int irq, const char *file)
{
	static char path[96];

	snprintf(path, sizeof(path), "/proc/irq/%d/%s", irq, file);
	return path;
}

/* write(2)'s answer: the count or -errno. */
static long write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	long n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/*
 * %*pb over nr_cpu_ids bits (at most 64 here): 32-bit words from the
 * top, comma-separated, the first as wide as the bits it holds.
 */
static void hex_mask(char *buf, size_t size, uint64_t mask)
{
	int words = (nr_cpu_ids + 31) / 32, top = nr_cpu_ids - (words - 1) * 32, w, len;
	unsigned long long first = mask >> ((words - 1) * 32);

	if (top < 32)
		first &= (1ULL << top) - 1;
	len = snprintf(buf, size, "%0*llx", (top + 3) / 4, first);
	for (w = words - 2; w >= 0; w--)
		len += snprintf(buf + len, size - len, ",%08llx",
				(unsigned long long)(mask >> (w * 32)) & 0xffffffffULL);
	snprintf(buf + len, size - len, "\n");
}

static void find_lines(void)
{
	char *line, *text = strdup(read_text("/proc/interrupts", NULL));

	for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line);

		if (n > 5 && !strcmp(line + n - 5, " eth0"))
			e1000_irq = atoi(line);
		if (n > 6 && strstr(line, " eth0,"))
			e1000_irq = atoi(line);
	}
	free(text);
	online = parse_list(read_text("/sys/devices/system/cpu/online", NULL));
	possible = parse_list(read_text("/sys/devices/system/cpu/possible", NULL));
	nr_cpu_ids = possible ? 64 - __builtin_clzll(possible) : 1;
}

static void proc_irq_lists_lines_and_default_affinity(void)
{
	DIR *d = opendir("/proc/irq");
	bool saw_default = false, saw_0 = false, saw_8 = false, saw_e1000 = false;
	struct dirent *e;

	if (!EXPECT(d != NULL, "errno %d", errno))
		return;
	while ((e = readdir(d)) != NULL) {
		saw_default |= !strcmp(e->d_name, "default_smp_affinity") && e->d_type == DT_REG;
		saw_0 |= !strcmp(e->d_name, "0") && e->d_type == DT_DIR;
		saw_8 |= !strcmp(e->d_name, "8") && e->d_type == DT_DIR;
		saw_e1000 |= e1000_irq >= 0 && atoi(e->d_name) == e1000_irq && e->d_type == DT_DIR;
	}
	closedir(d);
	EXPECT(saw_default, "no default_smp_affinity");
	EXPECT(saw_0 && saw_8, "timer %d, rtc %d", saw_0, saw_8);
	EXPECT(e1000_irq >= 0 && saw_e1000, "e1000 irq %d", e1000_irq);
}

static void each_line_has_linux_files_and_modes(void)
{
	int irqs[] = { 0, MOVABLE_IRQ, e1000_irq };
	unsigned int i, f;
	struct stat st;

	for (i = 0; i < sizeof(irqs) / sizeof(irqs[0]); i++) {
		for (f = 0; f < sizeof(irq_files) / sizeof(irq_files[0]); f++) {
			mode_t want = S_IFREG | (f < 2 ? 0644 : 0444);

			if (!EXPECT(stat(irq_file(irqs[i], irq_files[f]), &st) == 0,
				    "%s: errno %d", irq_file(irqs[i], irq_files[f]), errno))
				continue;
			EXPECT(st.st_mode == want, "%s: mode %o", irq_file(irqs[i], irq_files[f]),
			       st.st_mode);
		}
	}
	EXPECT(stat("/proc/irq/default_smp_affinity", &st) == 0 && st.st_mode == (S_IFREG | 0644),
	       "default_smp_affinity mode %o", st.st_mode);
}

static void formats_are_linux(void)
{
	int irqs[] = { 0, MOVABLE_IRQ, e1000_irq };
	unsigned int i;

	for (i = 0; i < sizeof(irqs) / sizeof(irqs[0]); i++) {
		int irq = irqs[i];
		char want[64], text[256];
		uint64_t aff, eff;
		unsigned int a, b, c;

		aff = parse_list(read_text(irq_file(irq, "smp_affinity_list"), NULL));
		EXPECT(!list_malformed && aff && !(aff & ~possible), "irq %d affinity %llx", irq,
		       (unsigned long long)aff);
		hex_mask(want, sizeof(want), aff);
		EXPECT(!strcmp(read_text(irq_file(irq, "smp_affinity"), NULL), want),
		       "irq %d smp_affinity '%s', want '%s'", irq,
		       read_text(irq_file(irq, "smp_affinity"), NULL), want);
		/* The vector is on one online CPU of the mask. */
		eff = parse_list(read_text(irq_file(irq, "effective_affinity_list"), NULL));
		EXPECT(!list_malformed && __builtin_popcountll(eff) == 1 && (eff & online) &&
		       (eff & aff), "irq %d effective %llx", irq, (unsigned long long)eff);
		hex_mask(want, sizeof(want), eff);
		EXPECT(!strcmp(read_text(irq_file(irq, "effective_affinity"), NULL), want),
		       "irq %d effective_affinity '%s'", irq,
		       read_text(irq_file(irq, "effective_affinity"), NULL));
		hex_mask(want, sizeof(want), 0);
		EXPECT(!strcmp(read_text(irq_file(irq, "affinity_hint"), NULL), want),
		       "irq %d affinity_hint", irq);
		EXPECT(!strcmp(read_text(irq_file(irq, "node"), NULL), "0\n"), "irq %d node", irq);
		snprintf(text, sizeof(text), "%s", read_text(irq_file(irq, "spurious"), NULL));
		EXPECT(sscanf(text, "count %u\nunhandled %u\nlast_unhandled %u ms\n", &a, &b, &c) == 3 &&
		       text[strlen(text) - 1] == '\n' && !strncmp(text, "count ", 6),
		       "irq %d spurious '%s'", irq, text);
	}
}

static void action_has_a_directory(void)
{
	char path[64];
	struct stat st;

	if (e1000_irq < 0) {
		EXPECT(0, "no e1000 line in /proc/interrupts");
		return;
	}
	snprintf(path, sizeof(path), "/proc/irq/%d/eth0", e1000_irq);
	EXPECT(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "%s: errno %d", path, errno);
	EXPECT(stat("/proc/irq/8/rtc0", &st) == -1 && errno == ENOENT, "rtc0 without an action");
}

/* Write text to a file of the movable line; its answer, and the file's text after. */
static long write_affinity(const char *file, const char *text, char *after, size_t size)
{
	long r = write_text(irq_file(MOVABLE_IRQ, file), text);

	snprintf(after, size, "%s", read_text(irq_file(MOVABLE_IRQ, "smp_affinity"), NULL));
	return r;
}

static void written_masks_read_back(void)
{
	char before[64], after[64], want[64], list[32];
	uint64_t first = online & -online, eff;

	snprintf(before, sizeof(before), "%s", read_text(irq_file(MOVABLE_IRQ, "smp_affinity"), NULL));
	/* The lowest online CPU, as a hex mask. */
	hex_mask(want, sizeof(want), first);
	EXPECT(write_affinity("smp_affinity", want, after, sizeof(after)) == (long)strlen(want),
	       "write '%s'", want);
	EXPECT(!strcmp(after, want), "read back '%s', wrote '%s'", after, want);
	eff = parse_list(read_text(irq_file(MOVABLE_IRQ, "effective_affinity_list"), NULL));
	EXPECT(eff == first, "effective %llx", (unsigned long long)eff);
	/* Every online CPU, as a list. */
	snprintf(list, sizeof(list), "0-%d\n", nr_cpu_ids - 1);
	if (online == possible) {
		hex_mask(want, sizeof(want), online);
		EXPECT(write_affinity("smp_affinity_list", list, after, sizeof(after)) ==
		       (long)strlen(list), "write list '%s'", list);
		EXPECT(!strcmp(after, want), "read back '%s', want '%s'", after, want);
		eff = parse_list(read_text(irq_file(MOVABLE_IRQ, "effective_affinity_list"), NULL));
		EXPECT(__builtin_popcountll(eff) == 1 && (eff & online), "effective %llx",
		       (unsigned long long)eff);
	}
	write_text(irq_file(MOVABLE_IRQ, "smp_affinity"), before);
}

/* What a shell's "echo 1 > smp_affinity" does: O_CREAT and O_TRUNC on the existing file. */
static void shell_redirection_writes(void)
{
	const char *path = irq_file(MOVABLE_IRQ, "smp_affinity_list");
	char before[64], want[32];
	int fd;

	snprintf(before, sizeof(before), "%s", read_text(path, NULL));
	snprintf(want, sizeof(want), "%d\n", __builtin_ctzll(online));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (!EXPECT(fd >= 0, "open errno %d", errno))
		return;
	EXPECT(write(fd, want, strlen(want)) == (long)strlen(want), "errno %d", errno);
	close(fd);
	EXPECT(!strcmp(read_text(path, NULL), want), "read back '%s'", read_text(path, NULL));
	write_text(path, before);
	EXPECT(!strcmp(read_text(path, NULL), before), "restored '%s'", read_text(path, NULL));
}

static void refused_writes_leave_the_file(void)
{
	char before[64], after[64], text[64];
	struct { const char *file; const char *text; long err; } bad[] = {
		{ "smp_affinity", "xyz\n", -EINVAL },
		{ "smp_affinity", "0\n", -EINVAL },		/* no CPU at all */
		{ "smp_affinity", "1 2 3 4 5 6 7 8 9\n", -EOVERFLOW }, /* more words than CPUs */
		{ "smp_affinity", "100000000\n", -EOVERFLOW },	/* a 33-bit word */
		{ "smp_affinity_list", "3-1\n", -EINVAL },
		{ "smp_affinity_list", "a\n", -EINVAL },
		{ "smp_affinity_list", "\n", -EINVAL },
	};
	unsigned int i;
	uint64_t offline = possible & ~online;

	snprintf(before, sizeof(before), "%s", read_text(irq_file(MOVABLE_IRQ, "smp_affinity"), NULL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long r = write_affinity(bad[i].file, bad[i].text, after, sizeof(after));

		EXPECT(r == bad[i].err, "%s '%s': %ld, want %ld", bad[i].file, bad[i].text, r,
		       bad[i].err);
		EXPECT(!strcmp(after, before), "changed to '%s'", after);
	}
	/* The first CPU past nr_cpu_ids: Linux's parsers say EOVERFLOW (hex), ERANGE (list). */
	if (nr_cpu_ids < 64) {
		snprintf(text, sizeof(text), "%llx\n", 1ULL << nr_cpu_ids);
		EXPECT(write_affinity("smp_affinity", text, after, sizeof(after)) == -EOVERFLOW,
		       "'%s'", text);
		EXPECT(!strcmp(after, before), "changed to '%s'", after);
		snprintf(text, sizeof(text), "%d\n", nr_cpu_ids);
		EXPECT(write_affinity("smp_affinity_list", text, after, sizeof(after)) == -ERANGE,
		       "'%s'", text);
		EXPECT(!strcmp(after, before), "changed to '%s'", after);
	}
	/* A possible CPU that is not online. */
	if (offline) {
		snprintf(text, sizeof(text), "%d\n", __builtin_ctzll(offline));
		EXPECT(write_affinity("smp_affinity_list", text, after, sizeof(after)) == -EINVAL,
		       "offline CPU %s", text);
		EXPECT(!strcmp(after, before), "changed to '%s'", after);
	}
}

static void read_only_files_refuse_writes(void)
{
	unsigned int f;

	for (f = 2; f < sizeof(irq_files) / sizeof(irq_files[0]); f++) {
		const char *path = irq_file(MOVABLE_IRQ, irq_files[f]);
		int fd = open(path, O_WRONLY);

		/* Root passes the mode check; the file has no write method. */
		if (!EXPECT(fd >= 0, "%s: open errno %d", path, errno))
			continue;
		EXPECT(write(fd, "1\n", 2) == -1 && errno == EIO, "%s: errno %d", path, errno);
		close(fd);
	}
}

static void default_smp_affinity_round_trip(void)
{
	const char *path = "/proc/irq/default_smp_affinity";
	char before[64], want[64];

	const char *expected = getenv("IRQ_DEFAULT_AFFINITY");

	snprintf(before, sizeof(before), "%s", read_text(path, NULL));
	if (expected)
		snprintf(want, sizeof(want), "%s\n", expected);
	else
		hex_mask(want, sizeof(want), possible);
	EXPECT(!strcmp(before, want), "default '%s', want '%s'", before, want);
	hex_mask(want, sizeof(want), online & -online);
	EXPECT(write_text(path, want) == (long)strlen(want), "write '%s'", want);
	EXPECT(!strcmp(read_text(path, NULL), want), "read back '%s'", read_text(path, NULL));
	EXPECT(write_text(path, "0\n") == -EINVAL, "empty mask");
	EXPECT(write_text(path, "q\n") == -EINVAL, "bad text");
	EXPECT(!strcmp(read_text(path, NULL), want), "changed to '%s'", read_text(path, NULL));
	EXPECT(write_text(path, before) == (long)strlen(before), "restore '%s'", before);
	EXPECT(!strcmp(read_text(path, NULL), before), "restored '%s'", read_text(path, NULL));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(proc_irq_lists_lines_and_default_affinity),
	KTAP_CASE(each_line_has_linux_files_and_modes),
	KTAP_CASE(formats_are_linux),
	KTAP_CASE(action_has_a_directory),
	KTAP_CASE(written_masks_read_back),
	KTAP_CASE(shell_redirection_writes),
	KTAP_CASE(refused_writes_leave_the_file),
	KTAP_CASE(read_only_files_refuse_writes),
	KTAP_CASE(default_smp_affinity_round_trip),
};

int main(int argc, char **argv)
{
	find_lines();
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
