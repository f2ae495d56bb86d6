// SPDX-License-Identifier: MIT
/*
 * sched_setaffinity(2), sched_getaffinity(2) and getcpu(2) as Linux has
 * them: getaffinity returns the bytes it wrote (the mask in whole longs
 * covering the possible CPUs)
 * and refuses a length too short for nr_cpu_ids or not a multiple of a
 * long; setaffinity takes a short mask as zero-filled, refuses a mask
 * with no online CPU; both say EFAULT for a bad pointer and ESRCH for a
 * missing pid. A process pinned to a CPU runs there (getcpu), a child
 * inherits the mask, and pinning another process moves it. The raw
 * system calls are used (libc wrappers change the return value). The
 * same binary runs on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap.h"
#include "sys.h"

#define NR_setaffinity	203
#define NR_getaffinity	204
#define NR_getcpu	309
#define NO_SUCH_PID	0x3ffffff0

static uint64_t online;		/* the online CPUs, from /sys */
static int nr_online;
static long mask_bytes;		/* Linux's cpumask_size(): whole longs for nr_cpu_ids */

static long getaff(long pid, long len, void *mask)
{
	return sys3(NR_getaffinity, pid, len, mask);
}

static long setaff(long pid, long len, const void *mask)
{
	return sys3(NR_setaffinity, pid, len, mask);
}

static long getcpu_now(void)
{
	unsigned int cpu = ~0U, node = ~0U;
	long r = sys3(NR_getcpu, &cpu, &node, 0);

	return r ? r : (long)cpu;
}

static void allow_all(void)
{
	uint64_t all = ~0ULL;

	setaff(0, sizeof(all), &all);
}

/* "0-3,5\n" into a mask. */
static uint64_t parse_cpu_list(const char *s)
{
	uint64_t mask = 0;

	while (*s >= '0' && *s <= '9') {
		char *end;
		unsigned long a = strtoul(s, &end, 10), b = a;

		if (*end == '-')
			b = strtoul(end + 1, &end, 10);
		for (; a <= b && a < 64; a++)
			mask |= 1ULL << a;
		if (*end != ',')
			break;
		s = end + 1;
	}
	return mask;
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
}

/* The highest CPU number in a list such as "0-255\n". */
static long last_in_list(const char *s)
{
	const char *p = s + strlen(s);

	while (p > s && (p[-1] < '0' || p[-1] > '9'))
		p--;
	while (p > s && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return strtol(p, NULL, 10);
}

static void read_online(void)
{
	char buf[256];

	read_file("/sys/devices/system/cpu/online", buf, sizeof(buf));
	online = buf[0] ? parse_cpu_list(buf) : 1;
	nr_online = __builtin_popcountll(online);
	read_file("/sys/devices/system/cpu/possible", buf, sizeof(buf));
	mask_bytes = (last_in_list(buf) / 64 + 1) * 8;
}

static void getaffinity_returns_bytes_written_and_the_online_mask(void)
{
	uint64_t mask[65];
	long r;

	memset(mask, 0xa5, sizeof(mask));
	r = getaff(0, sizeof(mask), mask);
	/* Linux: min(len, cpumask_size()), whose size follows NR_CPUS (64 on reflex). */
	EXPECT(r >= mask_bytes && r % 8 == 0 && r <= (long)sizeof(mask),
	       "returned %ld, possible CPUs need %ld", r, mask_bytes);
	EXPECT(mask[0] == online, "mask %#llx, online %#llx",
	       (unsigned long long)mask[0], (unsigned long long)online);
	if (r > 0 && r < (long)sizeof(mask))
		EXPECT(mask[r / 8] == 0xa5a5a5a5a5a5a5a5ULL, "wrote past what it returned");
	r = getaff(getpid(), mask_bytes, mask);
	EXPECT(r == mask_bytes, "own pid, exact size: returned %ld", r);
}

static void getaffinity_refuses_short_or_unaligned_lengths(void)
{
	uint64_t mask[2];
	long r;

	r = getaff(0, 0, mask);
	EXPECT(r == -EINVAL, "len 0: %ld", r);
	r = getaff(0, 7, mask);
	EXPECT(r == -EINVAL, "len 7: %ld", r);
	r = getaff(0, 12, mask);
	EXPECT(r == -EINVAL, "len 12: %ld", r);
}

static void bad_pointers_and_pids_fail_cleanly(void)
{
	uint64_t mask = 1;
	long r;

	r = getaff(0, 8, (void *)8);
	EXPECT(r == -EFAULT, "getaffinity to a bad pointer: %ld", r);
	r = setaff(0, 8, (void *)8);
	EXPECT(r == -EFAULT, "setaffinity from a bad pointer: %ld", r);
	r = getaff(NO_SUCH_PID, 8, &mask);
	EXPECT(r == -ESRCH, "getaffinity of no such pid: %ld", r);
	r = setaff(NO_SUCH_PID, 8, &mask);
	EXPECT(r == -ESRCH, "setaffinity of no such pid: %ld", r);
	r = sys3(NR_getcpu, (void *)8, 0, 0);
	EXPECT(r == -EFAULT, "getcpu to a bad pointer: %ld", r);
	r = sys3(NR_getcpu, 0, 0, 0);
	EXPECT(r == 0, "getcpu with nowhere to write: %ld", r);
}

static void setaffinity_refuses_a_mask_without_an_online_cpu(void)
{
	uint64_t mask = 0, got[64] = { 0 };
	long r;

	r = setaff(0, sizeof(mask), &mask);
	EXPECT(r == -EINVAL, "empty mask: %ld", r);
	mask = 1ULL << 63;
	if (!(online & mask)) {
		r = setaff(0, sizeof(mask), &mask);
		EXPECT(r == -EINVAL, "offline CPU 63 only: %ld", r);
	}
	getaff(0, sizeof(got), got);
	EXPECT(got[0] == online, "the mask changed anyway: %#llx", (unsigned long long)got[0]);
}

/* A one-byte mask: the rest counts as zero. */
static void setaffinity_takes_a_short_mask_as_zero_filled(void)
{
	unsigned char one = 1;
	uint64_t got[64] = { 0 };
	long r;

	r = setaff(0, 1, &one);
	EXPECT(r == 0, "one-byte mask: %ld", r);
	getaff(0, sizeof(got), got);
	EXPECT(got[0] == 1, "mask now %#llx", (unsigned long long)got[0]);
	allow_all();
}

/* Pinned to each online CPU in turn: getcpu says that CPU, every time. */
static void a_pinned_process_runs_on_its_cpu(void)
{
	int cpu, i;

	for (cpu = 0; cpu < 64; cpu++) {
		uint64_t mask = 1ULL << cpu;
		int wrong = 0;
		long r;

		if (!(online & mask))
			continue;
		r = setaff(0, sizeof(mask), &mask);
		EXPECT(r == 0, "pin to CPU %d: %ld", cpu, r);
		for (i = 0; i < 1000; i++)
			wrong += getcpu_now() != cpu;
		EXPECT(!wrong, "pinned to CPU %d, getcpu said otherwise %d times (last %ld)",
		       cpu, wrong, getcpu_now());
	}
	allow_all();
}

static int last_online_cpu(void)
{
	return 63 - __builtin_clzll(online);
}

static void a_child_inherits_the_mask(void)
{
	uint64_t mask = 1ULL << last_online_cpu();
	int status = -1;
	pid_t pid;

	setaff(0, sizeof(mask), &mask);
	pid = fork();
	if (pid == 0) {
		uint64_t got[64] = { 0 };

		getaff(0, sizeof(got), got);
		_exit(got[0] == mask && getcpu_now() == last_online_cpu() ? 0 : 1);
	}
	allow_all();
	EXPECT(pid > 0, "fork: errno %d", errno);
	if (pid > 0)
		waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

/* The parent pins a child that waits on a pipe; woken, the child reports its CPU. */
static void pinning_another_process_moves_it(void)
{
	int target = last_online_cpu(), p[2], status = -1;
	uint64_t mask = 1ULL << target, got[64] = { 0 };
	pid_t pid;
	char c = 'x';

	if (nr_online < 2) {
		ktap_skip("needs 2 online CPUs");
		return;
	}
	if (!EXPECT(pipe(p) == 0, "pipe: errno %d", errno))
		return;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(200);
		_exit(getcpu_now());
	}
	close(p[0]);
	EXPECT(setaff(pid, sizeof(mask), &mask) == 0, "pin the child");
	EXPECT(getaff(pid, mask_bytes, got) == mask_bytes && got[0] == mask, "child's mask %#llx",
	       (unsigned long long)got[0]);
	EXPECT(write(p[1], &c, 1) == 1, "write");
	close(p[1]);
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == target,
	       "child ran on %d, pinned to %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
	       target);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(getaffinity_returns_bytes_written_and_the_online_mask),
	KTAP_CASE(getaffinity_refuses_short_or_unaligned_lengths),
	KTAP_CASE(bad_pointers_and_pids_fail_cleanly),
	KTAP_CASE(setaffinity_refuses_a_mask_without_an_online_cpu),
	KTAP_CASE(setaffinity_takes_a_short_mask_as_zero_filled),
	KTAP_CASE(a_pinned_process_runs_on_its_cpu),
	KTAP_CASE(a_child_inherits_the_mask),
	KTAP_CASE(pinning_another_process_moves_it),
};

int main(int argc, char **argv)
{
	read_online();
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
