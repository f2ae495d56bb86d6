// SPDX-License-Identifier: MIT
/*
 * The smaller calls a Linux program expects, against Linux's documented
 * behaviour: mremap (shrink, grow in place, move with contents and
 * copy-on-write state, MREMAP_FIXED, MREMAP_DONTUNMAP, and its errors),
 * process_vm_readv/writev (another process's memory, partial transfers,
 * errors), sysinfo, times, getrusage and wait4's rusage, personality, sched_setattr/getattr
 * (the size rules of a growing struct), sched_rr_get_interval, getcpu,
 * and getrandom's flags. Every bad pointer is -EFAULT.
 *
 * Children that must stay alive while the parent looks at them wait on
 * a pipe; nothing here sleeps to synchronise or times anything.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>

#include "ktap.h"
#include "sys.h"

#define KERNEL_ADDR	((void *)0xffffffff80000000UL)	/* kernel text: never the caller's */
#define PG		4096L

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP	4
#endif
#define GRND_NONBLOCK	1
#define GRND_RANDOM	2
#define GRND_INSECURE	4

static char *map(long len)
{
	long p = sys6(SYS_mmap, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p < 0 ? NULL : (char *)p;
}

/* process_vm_readv/writev with Linux's argument order. */
static long pvm(long nr, long pid, const void *lvec, long liovcnt, const void *rvec,
		long riovcnt, long flags)
{
	return sys6(nr, pid, (long)lvec, liovcnt, (long)rvec, riovcnt, flags);
}

static int wait_status(long pid)
{
	int status = -1;

	sys4(SYS_wait4, pid, &status, 0, NULL);
	return status;
}

/* --- mremap -------------------------------------------------------------------- */

static void mremap_shrinks_in_place(void)
{
	char *a = map(4 * PG);
	long r;

	if (!EXPECT(a, "mmap"))
		return;
	a[0] = 'x';
	EXPECT((r = sys4(SYS_mremap, a, 4 * PG, 2 * PG, 0)) == (long)a, "shrink: %ld", r);
	EXPECT(a[0] == 'x', "contents kept");
	EXPECT((r = sys4(SYS_mremap, a + 2 * PG, PG, PG, 0)) == -EFAULT,
	       "the cut tail is unmapped: %ld", r);
	sys2(SYS_munmap, a, 2 * PG);
}

static void mremap_grows_in_place_when_the_addresses_above_are_free(void)
{
	char *a = map(8 * PG);
	long r;

	if (!EXPECT(a, "mmap"))
		return;
	sys2(SYS_munmap, a + 4 * PG, 4 * PG);
	memset(a, 'g', 4 * PG);
	EXPECT((r = sys4(SYS_mremap, a, 4 * PG, 8 * PG, 0)) == (long)a, "grow: %ld", r);
	EXPECT(a[4 * PG - 1] == 'g' && a[4 * PG] == 0 && a[8 * PG - 1] == 0,
	       "old bytes kept, new ones zero");
	sys2(SYS_munmap, a, 8 * PG);
}

static void mremap_cannot_grow_into_a_mapping_without_maymove(void)
{
	char *a = map(2 * PG);
	long r;

	if (!EXPECT(a, "mmap"))
		return;
	EXPECT((r = sys4(SYS_mremap, a, PG, 2 * PG, 0)) == -ENOMEM, "grow: %ld", r);
	sys2(SYS_munmap, a, 2 * PG);
}

static void mremap_maymove_moves_the_pages_and_unmaps_the_old_range(void)
{
	char *a = map(2 * PG), *b;
	long r;

	if (!EXPECT(a, "mmap"))
		return;
	memset(a, 'm', PG);
	r = sys4(SYS_mremap, a, PG, 3 * PG, MREMAP_MAYMOVE);
	if (!EXPECT(r > 0 && r != (long)a, "move: %ld", r))
		return;
	b = (char *)r;
	EXPECT(b[0] == 'm' && b[PG - 1] == 'm' && b[PG] == 0, "contents moved, growth zero");
	EXPECT((r = sys4(SYS_mremap, a, PG, PG, 0)) == -EFAULT, "old range unmapped: %ld", r);
	EXPECT(a[PG] == 0, "the page after the old range is untouched");
	sys2(SYS_munmap, a + PG, PG);
	sys2(SYS_munmap, b, 3 * PG);
}

/*
 * The moved page is still shared copy-on-write with the parent: the
 * child's write after the move must not reach the parent's copy.
 */
static void mremap_move_keeps_copy_on_write_sharing(void)
{
	char *a = map(PG);
	long pid;
	int status;

	if (!EXPECT(a, "mmap"))
		return;
	memset(a, 'p', PG);
	pid = fork();
	if (pid == 0) {
		long r = sys4(SYS_mremap, a, PG, 2 * PG, MREMAP_MAYMOVE);
		char *b = (char *)r;

		if (r < 0 || b[0] != 'p')
			_exit(1);
		b[0] = 'c';
		_exit(b[0] == 'c' && b[1] == 'p' ? 0 : 2);
	}
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	EXPECT(a[0] == 'p', "the parent's page changed: %c", a[0]);
	sys2(SYS_munmap, a, PG);
}

static void mremap_fixed_replaces_what_was_at_the_target(void)
{
	char *a = map(PG), *b = map(PG);
	long r;

	if (!EXPECT(a && b, "mmap"))
		return;
	a[0] = 'a';
	b[0] = 'b';
	r = sys5(SYS_mremap, a, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b);
	EXPECT(r == (long)b, "mremap fixed: %ld", r);
	EXPECT(b[0] == 'a', "target holds the moved page: %c", b[0]);
	EXPECT((r = sys4(SYS_mremap, a, PG, PG, 0)) == -EFAULT, "old range unmapped: %ld", r);
	sys2(SYS_munmap, b, PG);
}

static void mremap_dontunmap_leaves_the_old_range_mapped_and_empty(void)
{
	char *a = map(PG), *b;
	long r;

	if (!EXPECT(a, "mmap"))
		return;
	a[0] = 'd';
	r = sys5(SYS_mremap, a, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	if (!EXPECT(r > 0, "mremap dontunmap: %ld", r))
		return;
	b = (char *)r;
	EXPECT(b[0] == 'd', "new range holds the page");
	EXPECT(a[0] == 0, "old range reads zero: %d", a[0]);
	sys2(SYS_munmap, a, PG);
	sys2(SYS_munmap, b, PG);
}

static void mremap_errors(void)
{
	char *a = map(3 * PG), *b = map(PG);
	long r;

	if (!EXPECT(a && b, "mmap"))
		return;
	sys2(SYS_munmap, a + PG, PG);	/* a: one page, a hole, one page */
	EXPECT((r = sys4(SYS_mremap, a, PG, PG, 8)) == -EINVAL, "unknown flag: %ld", r);
	EXPECT((r = sys5(SYS_mremap, a, PG, PG, MREMAP_FIXED, b)) == -EINVAL,
	       "FIXED without MAYMOVE: %ld", r);
	EXPECT((r = sys5(SYS_mremap, a, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0)) == -EINVAL,
	       "DONTUNMAP with another length: %ld", r);
	EXPECT((r = sys5(SYS_mremap, a, PG, PG, MREMAP_DONTUNMAP, 0)) == -EINVAL,
	       "DONTUNMAP without MAYMOVE: %ld", r);
	EXPECT((r = sys4(SYS_mremap, a + 1, PG, PG, 0)) == -EINVAL, "unaligned: %ld", r);
	EXPECT((r = sys4(SYS_mremap, a, PG, 0, MREMAP_MAYMOVE)) == -EINVAL, "new_len 0: %ld", r);
	EXPECT((r = sys4(SYS_mremap, a, 0, PG, MREMAP_MAYMOVE)) == -EINVAL,
	       "old_len 0 on a private mapping: %ld", r);
	EXPECT((r = sys4(SYS_mremap, a + PG, PG, 2 * PG, MREMAP_MAYMOVE)) == -EFAULT,
	       "unmapped: %ld", r);
	EXPECT((r = sys4(SYS_mremap, a, 2 * PG, 3 * PG, MREMAP_MAYMOVE)) == -EFAULT,
	       "old range past its mapping: %ld", r);
	EXPECT((r = sys5(SYS_mremap, a, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, a - PG)) == -EINVAL,
	       "FIXED target overlapping the source: %ld", r);
	EXPECT((r = sys5(SYS_mremap, a, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, b + 1)) == -EINVAL,
	       "FIXED target unaligned: %ld", r);
	EXPECT((r = sys4(SYS_mremap, KERNEL_ADDR, PG, 2 * PG, MREMAP_MAYMOVE)) == -EFAULT,
	       "kernel address: %ld", r);
	EXPECT(a[0] == 0 && b[0] == 0, "both mappings survive");
	sys2(SYS_munmap, a, 3 * PG);
	sys2(SYS_munmap, b, PG);
}

/* --- process_vm_readv / process_vm_writev ----------------------------------------- */

static char shared_buf[64] = "parent";

/*
 * A child whose shared_buf says "child", alive until the parent writes
 * to the pipe; it exits 0 if shared_buf then says "written".
 */
static long spawn_target(int *go)
{
	int up[2], down[2];
	long pid;
	char c;

	if (pipe(up) || pipe(down))
		return -1;
	pid = fork();
	if (pid == 0) {
		strcpy(shared_buf, "child");
		if (write(up[1], "r", 1) != 1 || read(down[0], &c, 1) != 1)
			_exit(3);
		_exit(strcmp(shared_buf, "written") ? 1 : 0);
	}
	close(up[1]);
	close(down[0]);
	if (pid > 0 && read(up[0], &c, 1) != 1)
		pid = -1;
	close(up[0]);
	*go = down[1];
	return pid;
}

static void process_vm_reads_and_writes_another_process(void)
{
	char got[64] = "";
	struct iovec l = { got, sizeof(got) }, r = { shared_buf, sizeof(shared_buf) };
	struct iovec w = { "written", 8 };
	long pid, n;
	int go, status;

	pid = spawn_target(&go);
	if (!EXPECT(pid > 0, "fork"))
		return;
	n = pvm(SYS_process_vm_readv, pid, &l, 1, &r, 1, 0);
	EXPECT(n == sizeof(got), "readv: %ld", n);
	EXPECT(!strcmp(got, "child"), "read \"%s\"", got);
	EXPECT(!strcmp(shared_buf, "parent"), "own copy untouched");
	r.iov_len = 8;
	n = pvm(SYS_process_vm_writev, pid, &w, 1, &r, 1, 0);
	EXPECT(n == 8, "writev: %ld", n);
	if (write(go, "g", 1) != 1)
		ktap_diag("cannot release the child");
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child saw the write: %#x", status);
	EXPECT(!strcmp(shared_buf, "parent"), "the copy-on-write page of the parent kept");
	close(go);
}

static void process_vm_scatters_across_iovecs(void)
{
	char src[] = "abcdefgh", d1[3] = "", d2[5] = "";
	struct iovec l[2] = { { d1, 3 }, { d2, 5 } };
	struct iovec r[3] = { { src, 2 }, { src + 2, 0 }, { src + 2, 6 } };
	long n = pvm(SYS_process_vm_readv, getpid(), l, 2, r, 3, 0);

	EXPECT(n == 8, "readv: %ld", n);
	EXPECT(!memcmp(d1, "abc", 3) && !memcmp(d2, "defgh", 5), "scattered in order");
}

static void process_vm_transfers_up_to_an_unmapped_remote_page(void)
{
	char *a = map(2 * PG), *buf = map(2 * PG);
	struct iovec l = { buf, 2 * PG }, r = { a, 2 * PG };
	struct iovec r2[2] = { { a, 16 }, { a + PG, 16 } };
	long n;

	if (!EXPECT(a && buf, "mmap"))
		return;
	memset(a, 'u', PG);
	sys2(SYS_munmap, a + PG, PG);
	n = pvm(SYS_process_vm_readv, getpid(), &l, 1, &r, 1, 0);
	EXPECT(n == PG, "read across into a hole: %ld", n);
	EXPECT(buf[PG - 1] == 'u' && buf[PG] == 0, "the first page arrived");
	n = pvm(SYS_process_vm_readv, getpid(), &l, 1, r2, 2, 0);
	EXPECT(n == 16, "second remote iovec unmapped: %ld", n);
	r.iov_base = a + PG;
	n = pvm(SYS_process_vm_readv, getpid(), &l, 1, &r, 1, 0);
	EXPECT(n == -EFAULT, "nothing mapped: %ld", n);
	n = pvm(SYS_process_vm_writev, getpid(), &l, 1, &r, 1, 0);
	EXPECT(n == -EFAULT, "write, nothing mapped: %ld", n);
	sys2(SYS_munmap, a, PG);
	sys2(SYS_munmap, buf, 2 * PG);
}

static void process_vm_errors(void)
{
	static struct iovec many[1025];
	char buf[8];
	struct iovec l = { buf, 8 }, r = { buf, 8 }, kl = { KERNEL_ADDR, 8 }, z = { buf, 0 };
	long n, dead = fork();

	if (dead == 0)
		_exit(0);
	wait_status(dead);
	EXPECT((n = pvm(SYS_process_vm_readv, getpid(), &l, 1, &r, 1, 1)) == -EINVAL,
	       "flags: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, dead, &l, 1, &r, 1, 0)) == -ESRCH,
	       "reaped pid: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, getpid(), many, 1025, &r, 1, 0)) == -EINVAL,
	       "1025 local iovecs: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, getpid(), &l, 1, many, 1025, 0)) == -EINVAL,
	       "1025 remote iovecs: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, getpid(), KERNEL_ADDR, 1, &r, 1, 0)) == -EFAULT,
	       "local iovec array in the kernel: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, getpid(), &l, 1, KERNEL_ADDR, 1, 0)) == -EFAULT,
	       "remote iovec array in the kernel: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, getpid(), &kl, 1, &r, 1, 0)) == -EFAULT,
	       "local buffer in the kernel: %ld", n);
	EXPECT((n = pvm(SYS_process_vm_readv, dead, &z, 1, &r, 1, 0)) == 0,
	       "nothing to transfer, even from no process: %ld", n);
}

/* --- sysinfo, times, getrusage -------------------------------------------------- */

static void sysinfo_reports_memory_uptime_and_tasks(void)
{
	struct sysinfo si;
	long r;

	memset(&si, 0xff, sizeof(si));
	if (!EXPECT((r = sys1(SYS_sysinfo, &si)) == 0, "sysinfo: %ld", r))
		return;
	EXPECT(si.uptime > 0, "uptime %ld", si.uptime);
	EXPECT(si.mem_unit >= 1, "mem_unit %u", si.mem_unit);
	EXPECT(si.totalram > 0 && si.freeram <= si.totalram, "ram %lu free %lu",
	       si.totalram, si.freeram);
	EXPECT(si.freeswap <= si.totalswap, "swap");
	EXPECT(si.procs >= 1, "procs %u", si.procs);
	EXPECT((r = sys1(SYS_sysinfo, KERNEL_ADDR)) == -EFAULT, "kernel pointer: %ld", r);
}

/* Burn CPU until times() charges at least ticks clock ticks to this process. */
static void spin_ticks(long ticks)
{
	struct tms t;

	do
		sys1(SYS_times, &t);
	while (t.tms_utime + t.tms_stime < ticks);
}

static void times_counts_own_time_and_waited_children(void)
{
	struct tms before, after;
	long pid, r;

	spin_ticks(2);
	EXPECT(sys1(SYS_times, &before) > 0, "times: clock ticks since some point in the past");
	EXPECT(before.tms_utime + before.tms_stime >= 2, "own ticks %ld",
	       (long)(before.tms_utime + before.tms_stime));
	pid = fork();
	if (pid == 0) {
		spin_ticks(5);
		_exit(0);
	}
	wait_status(pid);
	sys1(SYS_times, &after);
	EXPECT(after.tms_cutime + after.tms_cstime >= before.tms_cutime + before.tms_cstime + 5,
	       "children's ticks %ld -> %ld", (long)(before.tms_cutime + before.tms_cstime),
	       (long)(after.tms_cutime + after.tms_cstime));
	EXPECT(sys1(SYS_times, NULL) != -EFAULT, "times(NULL)");
	EXPECT((r = sys1(SYS_times, KERNEL_ADDR)) == -EFAULT, "kernel pointer: %ld", r);
}

static long tv_us(struct timeval tv)
{
	return tv.tv_sec * 1000000 + tv.tv_usec;
}

/* A child that touches 64 pages and burns 5 ticks of CPU. */
static long busy_child(void)
{
	long pid = fork();
	int i;

	if (pid == 0) {
		char *b = map(64 * PG);

		for (i = 0; b && i < 64; i++)
			b[i * PG] = 1;
		spin_ticks(5);
		_exit(0);
	}
	return pid;
}

static void getrusage_counts_faults_switches_and_children(void)
{
	struct rusage self, self2, thread, kids, kids2;
	struct timespec ms = { 0, 1000000 };
	char *a = map(16 * PG);
	long r;
	int i;

	if (!EXPECT(a, "mmap"))
		return;
	sys2(SYS_getrusage, RUSAGE_SELF, &self);
	sys2(SYS_getrusage, RUSAGE_CHILDREN, &kids);
	for (i = 0; i < 16; i++)
		a[i * PG] = 1;
	/*
	 * A sleep whose timer fires before the sleeper reaches schedule()
	 * never switches (Linux alike), which a slow host can arrange for
	 * one sleep, not for fifty in a row.
	 */
	for (i = 0; i < 50; i++) {
		sys2(SYS_nanosleep, &ms, NULL);
		sys2(SYS_getrusage, RUSAGE_SELF, &self2);
		if (self2.ru_nvcsw > self.ru_nvcsw)
			break;
	}
	EXPECT(self2.ru_minflt >= self.ru_minflt + 16, "minflt %ld -> %ld",
	       self.ru_minflt, self2.ru_minflt);
	EXPECT(self2.ru_nvcsw > self.ru_nvcsw, "a sleep is a voluntary switch");
	EXPECT(self2.ru_maxrss >= 64, "maxrss %ld KiB", self2.ru_maxrss);
	EXPECT(sys2(SYS_getrusage, RUSAGE_THREAD, &thread) == 0, "RUSAGE_THREAD");
	wait_status(busy_child());
	sys2(SYS_getrusage, RUSAGE_CHILDREN, &kids2);
	EXPECT(tv_us(kids2.ru_utime) + tv_us(kids2.ru_stime) >=
	       tv_us(kids.ru_utime) + tv_us(kids.ru_stime) + 40000,
	       "children's time %ld -> %ld us", tv_us(kids.ru_utime) + tv_us(kids.ru_stime),
	       tv_us(kids2.ru_utime) + tv_us(kids2.ru_stime));
	EXPECT(kids2.ru_maxrss >= 256, "children's maxrss %ld KiB", kids2.ru_maxrss);
	EXPECT((r = sys2(SYS_getrusage, 2, &self)) == -EINVAL, "who 2: %ld", r);
	EXPECT((r = sys2(SYS_getrusage, -2, &self)) == -EINVAL, "who -2: %ld", r);
	EXPECT((r = sys2(SYS_getrusage, RUSAGE_SELF, KERNEL_ADDR)) == -EFAULT, "kernel pointer: %ld", r);
	sys2(SYS_munmap, a, 16 * PG);
}

static void wait4_reports_the_reaped_childs_rusage(void)
{
	struct rusage ru;
	long pid = busy_child(), r;
	int status;

	memset(&ru, 0, sizeof(ru));
	EXPECT((r = sys4(SYS_wait4, pid, &status, 0, &ru)) == pid, "wait4: %ld", r);
	EXPECT(tv_us(ru.ru_utime) + tv_us(ru.ru_stime) >= 40000, "time %ld us",
	       tv_us(ru.ru_utime) + tv_us(ru.ru_stime));
	EXPECT(ru.ru_minflt >= 64, "minflt %ld", ru.ru_minflt);
	EXPECT(ru.ru_maxrss >= 256, "maxrss %ld KiB", ru.ru_maxrss);
	pid = fork();
	if (pid == 0)
		_exit(0);
	EXPECT((r = sys4(SYS_wait4, pid, &status, 0, KERNEL_ADDR)) == -EFAULT,
	       "kernel rusage pointer: %ld", r);
	EXPECT((r = sys4(SYS_wait4, pid, &status, WNOHANG, NULL)) == -ECHILD,
	       "the child was reaped all the same: %ld", r);
}

/* --- personality ------------------------------------------------------------------ */

#define PER_QUERY		0xffffffffUL
#define ADDR_NO_RANDOMIZE	0x0040000

static void personality_is_stored_and_inherited(void)
{
	long old = sys1(SYS_personality, PER_QUERY), r, pid;
	int status;

	EXPECT((old & 0xff) == 0, "PER_LINUX: %#lx", old);
	EXPECT((r = sys1(SYS_personality, old | ADDR_NO_RANDOMIZE)) == old, "set: %#lx", r);
	EXPECT((r = sys1(SYS_personality, PER_QUERY)) == (old | ADDR_NO_RANDOMIZE), "query: %#lx", r);
	pid = fork();
	if (pid == 0)
		_exit(sys1(SYS_personality, PER_QUERY) == (old | ADDR_NO_RANDOMIZE) ? 0 : 1);
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "inherited: %#x", status);
	sys1(SYS_personality, old);
}

/* --- sched_setattr / sched_getattr / sched_rr_get_interval ------------------------- */

struct sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
	uint32_t sched_util_min, sched_util_max;
};

static void sched_getattr_writes_what_fits_and_says_so(void)
{
	char buf[128];
	struct sched_attr *a = (struct sched_attr *)buf;
	long r;

	memset(buf, 0xaa, sizeof(buf));
	EXPECT((r = sys4(SYS_sched_getattr, 0, a, 48, 0)) == 0, "usize 48: %ld", r);
	EXPECT(a->size == 48 && (unsigned char)buf[48] == 0xaa, "size %u, nothing past 48", a->size);
	EXPECT(a->sched_policy == SCHED_OTHER, "policy %u", a->sched_policy);
	EXPECT((r = sys4(SYS_sched_getattr, 0, a, sizeof(buf), 0)) == 0, "usize 128: %ld", r);
	EXPECT(a->size == sizeof(struct sched_attr), "size %u", a->size);
	EXPECT((r = sys4(SYS_sched_getattr, 0, a, 47, 0)) == -EINVAL, "usize 47: %ld", r);
	EXPECT((r = sys4(SYS_sched_getattr, 0, a, 4097, 0)) == -EINVAL, "usize 4097: %ld", r);
	EXPECT((r = sys4(SYS_sched_getattr, 0, a, 48, 1)) == -EINVAL, "flags: %ld", r);
	EXPECT((r = sys4(SYS_sched_getattr, 0, NULL, 48, 0)) == -EINVAL, "NULL: %ld", r);
	EXPECT((r = sys4(SYS_sched_getattr, -1, a, 48, 0)) == -EINVAL, "pid -1: %ld", r);
	EXPECT((r = sys4(SYS_sched_getattr, 0, KERNEL_ADDR, 48, 0)) == -EFAULT, "kernel: %ld", r);
}

/* In a child: the nice value and policy it sets are its own. */
static int setattr_rules(void)
{
	char buf[80];
	struct sched_attr *a = (struct sched_attr *)buf;

	memset(buf, 0, sizeof(buf));
	a->sched_nice = 5;		/* size 0: the first version's 48 bytes */
	if (sys3(SYS_sched_setattr, 0, a, 0))
		return 1;
	if (sys4(SYS_sched_getattr, 0, a, 56, 0) || a->sched_nice != 5)
		return 2;
	memset(buf, 0, sizeof(buf));
	a->size = 47;
	if (sys3(SYS_sched_setattr, 0, a, 0) != -E2BIG || a->size != 56)
		return 3;
	a->size = 80;
	buf[79] = 1;
	if (sys3(SYS_sched_setattr, 0, a, 0) != -E2BIG || a->size != 56)
		return 4;
	a->size = 80;
	buf[79] = 0;
	if (sys3(SYS_sched_setattr, 0, a, 0))
		return 5;
	a->sched_flags = 0x80;
	if (sys3(SYS_sched_setattr, 0, a, 0) != -EINVAL)
		return 6;
	a->sched_flags = 0;
	a->sched_policy = SCHED_FIFO;
	a->sched_priority = 0;
	if (sys3(SYS_sched_setattr, 0, a, 0) != -EINVAL)
		return 7;
	a->sched_priority = 10;
	if (sys3(SYS_sched_setattr, 0, a, 0))
		return 8;
	if (sys4(SYS_sched_getattr, 0, a, 56, 0) || a->sched_policy != SCHED_FIFO ||
	    a->sched_priority != 10)
		return 9;
	a->sched_policy = 99;
	if (sys3(SYS_sched_setattr, 0, a, 0) != -EINVAL)
		return 10;
	if (sys3(SYS_sched_setattr, 0, a, 1) != -EINVAL || sys3(SYS_sched_setattr, 0, NULL, 0) != -EINVAL)
		return 11;
	if (sys3(SYS_sched_setattr, 0, KERNEL_ADDR, 0) != -EFAULT)
		return 12;
	return 0;
}

static void sched_setattr_follows_the_size_rules(void)
{
	long pid;
	int status;

	if (sys0(SYS_geteuid) != 0) {
		ktap_skip("SCHED_FIFO needs root");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(setattr_rules());
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "failed check %d (status %#x)", WEXITSTATUS(status), status);
}

static long rr_interval_ns(int policy)
{
	struct sched_param sp;
	struct timespec ts = { -1, -1 };

	memset(&sp, 0, sizeof(sp));
	sp.sched_priority = policy == SCHED_OTHER ? 0 : 1;

	if (sys3(SYS_sched_setscheduler, 0, policy, &sp))
		return -1;
	if (sys2(SYS_sched_rr_get_interval, 0, &ts))
		return -2;
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* The child's exit code: 0, or the failed check. */
static int rr_interval_rules(void)
{
	struct timespec ts;

	if (rr_interval_ns(SCHED_RR) != 100000000)
		return 1;
	if (rr_interval_ns(SCHED_FIFO) != 0)
		return 2;
	if (rr_interval_ns(SCHED_OTHER) < 0)	/* Linux 6.6+ says 0, older ones a slice */
		return 3;
	if (sys2(SYS_sched_rr_get_interval, -1, &ts) != -EINVAL)
		return 4;
	if (sys2(SYS_sched_rr_get_interval, 0, KERNEL_ADDR) != -EFAULT)
		return 5;
	return 0;
}

static void sched_rr_get_interval_is_rr_quantum_or_zero_for_fifo(void)
{
	long pid;
	int status;

	if (sys0(SYS_geteuid) != 0) {
		ktap_skip("real-time policies need root");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(rr_interval_rules());
	status = wait_status(pid);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "failed check %d (status %#x)", WEXITSTATUS(status), status);
}

static void getcpu_stores_both_even_past_a_bad_pointer(void)
{
	unsigned int cpu = ~0u, node = ~0u;
	long r;

	EXPECT((r = sys3(SYS_getcpu, &cpu, &node, NULL)) == 0, "getcpu: %ld", r);
	EXPECT(cpu < 4096 && node < 1024, "cpu %u node %u", cpu, node);
	node = ~0u;
	EXPECT((r = sys3(SYS_getcpu, KERNEL_ADDR, &node, NULL)) == -EFAULT, "bad cpu pointer: %ld", r);
	EXPECT(node != ~0u, "the node was stored all the same");
	EXPECT((r = sys3(SYS_getcpu, NULL, NULL, NULL)) == 0, "both NULL: %ld", r);
}

/* --- getrandom ----------------------------------------------------------------------- */

static void getrandom_takes_its_three_flags(void)
{
	static const unsigned int ok[] = { 0, GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE,
					   GRND_NONBLOCK | GRND_RANDOM, GRND_NONBLOCK | GRND_INSECURE };
	char buf[16];
	unsigned int i;
	long r;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		EXPECT((r = sys3(SYS_getrandom, buf, 16, ok[i])) == 16, "flags %#x: %ld", ok[i], r);
	EXPECT((r = sys3(SYS_getrandom, buf, 16, 8)) == -EINVAL, "flag 8: %ld", r);
	EXPECT((r = sys3(SYS_getrandom, buf, 16, GRND_RANDOM | GRND_INSECURE)) == -EINVAL,
	       "RANDOM with INSECURE: %ld", r);
	EXPECT((r = sys3(SYS_getrandom, buf, 0, 0)) == 0, "count 0: %ld", r);
}

static void getrandom_fills_up_to_a_fault(void)
{
	char *a = map(2 * PG);
	long r;

	if (!EXPECT(a, "mmap"))
		return;
	sys2(SYS_munmap, a + PG, PG);
	EXPECT((r = sys3(SYS_getrandom, KERNEL_ADDR, 8, 0)) == -EFAULT, "kernel: %ld", r);
	EXPECT((r = sys3(SYS_getrandom, a + PG, 8, 0)) == -EFAULT, "unmapped: %ld", r);
	r = sys3(SYS_getrandom, a + PG - 8, 16, 0);
	EXPECT(r > 0 && r <= 8, "across into a hole: %ld", r);
	sys2(SYS_munmap, a, PG);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(mremap_shrinks_in_place),
	KTAP_CASE(mremap_grows_in_place_when_the_addresses_above_are_free),
	KTAP_CASE(mremap_cannot_grow_into_a_mapping_without_maymove),
	KTAP_CASE(mremap_maymove_moves_the_pages_and_unmaps_the_old_range),
	KTAP_CASE(mremap_move_keeps_copy_on_write_sharing),
	KTAP_CASE(mremap_fixed_replaces_what_was_at_the_target),
	KTAP_CASE(mremap_dontunmap_leaves_the_old_range_mapped_and_empty),
	KTAP_CASE(mremap_errors),
	KTAP_CASE(process_vm_reads_and_writes_another_process),
	KTAP_CASE(process_vm_scatters_across_iovecs),
	KTAP_CASE(process_vm_transfers_up_to_an_unmapped_remote_page),
	KTAP_CASE(process_vm_errors),
	KTAP_CASE(sysinfo_reports_memory_uptime_and_tasks),
	KTAP_CASE(times_counts_own_time_and_waited_children),
	KTAP_CASE(getrusage_counts_faults_switches_and_children),
	KTAP_CASE(wait4_reports_the_reaped_childs_rusage),
	KTAP_CASE(personality_is_stored_and_inherited),
	KTAP_CASE(sched_getattr_writes_what_fits_and_says_so),
	KTAP_CASE(sched_setattr_follows_the_size_rules),
	KTAP_CASE(sched_rr_get_interval_is_rr_quantum_or_zero_for_fifo),
	KTAP_CASE(getcpu_stores_both_even_past_a_bad_pointer),
	KTAP_CASE(getrandom_takes_its_three_flags),
	KTAP_CASE(getrandom_fills_up_to_a_fault),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
