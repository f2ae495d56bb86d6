// SPDX-License-Identifier: MIT
/*
 * File and shared mappings as Linux has them: a MAP_SHARED mapping of a
 * file is the file (a write through it is what read() returns, and what
 * another mapping and a forked child see); a MAP_PRIVATE one shows the
 * file's bytes until it writes, then its own copy; a page past the end
 * of the file is SIGBUS (BUS_ADRERR), also after a truncation shrinks a
 * mapped file; MAP_SHARED anonymous memory, /dev/zero and memfd files
 * stay shared across fork. Then the calls around mappings: msync's and
 * mlock's checks, madvise(MADV_DONTNEED) on anonymous and file memory,
 * MAP_POPULATE and mincore, MAP_FIXED_NOREPLACE's -EEXIST, and the
 * -EACCES of a writable shared mapping of a read-only open.
 *
 * Files live in /tmp (tmpfs on reflex; whatever /tmp is on the host).
 * A child reports through its exit status; where the parent must wait
 * for a child's step it reads a pipe, never a clock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#define FUTEX_WAKE	1

#include "ktap.h"
#include "sys.h"
#include "fault.h"

#define PG	4096L

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE	0x100000
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT		1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT		4
#endif

static char path[64];

static void *map(void *addr, long len, long prot, long flags, long fd, long off)
{
	return (void *)sys6(SYS_mmap, (long)addr, len, prot, flags, fd, off);
}

static int is_err(void *p)
{
	return (unsigned long)p >= -4095UL;
}

/* A new file at path in /tmp of len bytes of c, open read-write. */
static int make_named_file(long len, char c)
{
	char buf[PG];
	int fd;

	snprintf(path, sizeof(path), "/tmp/shared_mmap.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	memset(buf, c, sizeof(buf));
	for (long done = 0; done < len; done += PG)
		if (write(fd, buf, len - done < PG ? len - done : PG) < 0)
			return -1;
	return fd;
}

/* The same, already unlinked. */
static int make_file(long len, char c)
{
	int fd = make_named_file(len, c);

	unlink(path);
	return fd;
}

/*
 * Two pipes between parent and child, each side closing the ends it does
 * not use: a child that dies early gives the parent EOF, not a hang.
 */
struct talk {
	int up[2];	/* child to parent */
	int down[2];	/* parent to child */
};

static int talk_open(struct talk *t)
{
	return pipe(t->up) || pipe(t->down) ? -1 : 0;
}

static void talk_child(struct talk *t)
{
	close(t->up[0]);
	close(t->down[1]);
}

static void talk_parent(struct talk *t)
{
	close(t->up[1]);
	close(t->down[0]);
}

static void talk_close(struct talk *t)
{
	close(t->up[0]);
	close(t->down[1]);
}

static int wait_child(pid_t pid)
{
	int status = -1;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void shared_file_write_is_read(void)
{
	int fd = make_file(2 * PG, 'a');
	char *p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), c = 0;
	char *q = map(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);

	if (!EXPECT(fd >= 0 && !is_err(p) && !is_err(q), "setup"))
		return;
	p[PG + 7] = 'X';
	EXPECT(pread(fd, &c, 1, PG + 7) == 1 && c == 'X', "read() sees the mapping's write: %c", c);
	EXPECT(q[PG + 7] == 'X', "a second mapping sees it");
	EXPECT(pwrite(fd, "Y", 1, 3) == 1, "pwrite");
	EXPECT(p[3] == 'Y' && q[3] == 'Y', "the mappings see write()");
	munmap(p, 2 * PG);
	munmap(q, 2 * PG);
	close(fd);
}

static void shared_file_survives_fork(void)
{
	int fd = make_file(PG, 'a');
	char *p = map(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), c = 0;
	struct talk t;
	pid_t pid;

	if (!EXPECT(fd >= 0 && !is_err(p) && talk_open(&t) == 0, "setup"))
		return;
	pid = fork();
	if (pid == 0) {
		talk_child(&t);
		p[10] = 'C';
		if (write(t.up[1], "x", 1) != 1 || read(t.down[0], &c, 1) != 1)
			_exit(3);
		_exit(p[11] == 'P' ? 0 : 1);
	}
	talk_parent(&t);
	EXPECT(read(t.up[0], &c, 1) == 1, "the child's word");
	EXPECT(p[10] == 'C', "the parent sees the child's write");
	p[11] = 'P';
	EXPECT(write(t.down[1], "y", 1) == 1, "word to the child");
	EXPECT(wait_child(pid) == 0, "the child sees the parent's write");
	EXPECT(pread(fd, &c, 1, 10) == 1 && c == 'C', "and so does the file");
	talk_close(&t);
	munmap(p, PG);
	close(fd);
}

static void private_file_reads_cache_until_written(void)
{
	int fd = make_file(2 * PG, 'a');
	char *p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), c = 0;

	if (!EXPECT(fd >= 0 && !is_err(p), "setup"))
		return;
	EXPECT(p[0] == 'a' && p[PG] == 'a', "the file's bytes");
	/* An untouched page of a private mapping is the page cache's: write() shows. */
	EXPECT(pwrite(fd, "W", 1, PG + 1) == 1, "pwrite");
	EXPECT(p[PG + 1] == 'W', "the private mapping reads the file's new byte: %c", p[PG + 1]);
	p[0] = 'M';
	EXPECT(pread(fd, &c, 1, 0) == 1 && c == 'a', "the private write stays private: %c", c);
	EXPECT(pwrite(fd, "Z", 1, 2) == 1, "pwrite");
	EXPECT(p[2] == 'a' && p[0] == 'M', "a written page is a copy: %c", p[2]);
	munmap(p, 2 * PG);
	close(fd);
}

static void read_byte(void *p)
{
	(void)*(volatile char *)p;
}

static void write_byte(void *p)
{
	*(volatile char *)p = 1;
}

/* The signal an access to *p raises, 0 if none (fault_caught: its code and address). */
static int touch(volatile char *p, int write)
{
	return fault_probe(write ? write_byte : read_byte, (void *)p);
}

static void sigbus_past_eof(void)
{
	int fd = make_file(100, 'a');
	char *p = map(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);

	if (!EXPECT(fd >= 0 && !is_err(p), "setup"))
		return;
	EXPECT(p[99] == 'a' && p[100] == 0 && p[PG - 1] == 0, "the last page's tail reads zeros");
	EXPECT(touch(p + PG, 0) == SIGBUS, "a page past the end: %d", fault_caught.signo);
	EXPECT(fault_caught.code == BUS_ADRERR && fault_caught.addr == p + PG, "BUS_ADRERR at the address");
	munmap(p, 2 * PG);
	close(fd);
}

static void truncate_gives_sigbus(void)
{
	int fd = make_file(3 * PG, 'a');
	char *p = map(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *q = map(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

	if (!EXPECT(fd >= 0 && !is_err(p) && !is_err(q), "setup"))
		return;
	EXPECT(p[2 * PG] == 'a' && q[2 * PG] == 'a', "all three pages");
	q[2 * PG + 1] = 'q';	/* a private copy goes too */
	EXPECT(ftruncate(fd, PG) == 0, "ftruncate");
	EXPECT(p[PG - 1] == 'a', "the page before the end stays");
	EXPECT(touch(p + 2 * PG, 0) == SIGBUS, "shared: SIGBUS after the cut: %d", fault_caught.signo);
	EXPECT(touch(q + PG, 0) == SIGBUS, "private: SIGBUS after the cut: %d", fault_caught.signo);
	EXPECT(touch(q + 2 * PG, 0) == SIGBUS, "private copy: SIGBUS after the cut: %d",
	       fault_caught.signo);
	EXPECT(ftruncate(fd, 3 * PG) == 0, "grow again");
	EXPECT(p[2 * PG] == 0 && q[2 * PG + 1] == 0, "the regrown pages read zeros");
	munmap(p, 3 * PG);
	munmap(q, 3 * PG);
	close(fd);
}

/* A MAP_SHARED region from flags (anonymous or /dev/zero) is shared with a child. */
static void expect_shared_across_fork(char *p, const char *what)
{
	struct talk t;
	char c;
	pid_t pid;

	if (!EXPECT(!is_err(p) && talk_open(&t) == 0, "%s: setup", what))
		return;
	p[0] = 'p';
	pid = fork();
	if (pid == 0) {
		talk_child(&t);
		if (p[0] != 'p')
			_exit(1);
		p[PG] = 'c';
		if (write(t.up[1], "x", 1) != 1 || read(t.down[0], &c, 1) != 1)
			_exit(3);
		_exit(p[1] == 'P' ? 0 : 2);
	}
	talk_parent(&t);
	EXPECT(read(t.up[0], &c, 1) == 1, "%s: the child's word", what);
	EXPECT(p[PG] == 'c', "%s: the child's write, in a page it touched first", what);
	p[1] = 'P';
	EXPECT(write(t.down[1], "y", 1) == 1, "%s: word", what);
	EXPECT(wait_child(pid) == 0, "%s: the child saw the parent's write", what);
	talk_close(&t);
	munmap(p, 2 * PG);
}

static void shared_anonymous_survives_fork(void)
{
	expect_shared_across_fork(map(NULL, 2 * PG, PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0), "MAP_ANONYMOUS");
}

static void dev_zero_shared_survives_fork(void)
{
	int fd = open("/dev/zero", O_RDWR);
	char *p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	EXPECT(!is_err(p) && p[5] == 0, "/dev/zero maps zeros");
	expect_shared_across_fork(p, "/dev/zero");
	close(fd);
}

static void memfd_is_shared_file(void)
{
	char name[300];
	int fd = sys2(SYS_memfd_create, "reflex", 1 /* MFD_CLOEXEC */);
	char *p;

	if (!EXPECT(fd >= 0, "memfd_create: %d", fd))
		return;
	EXPECT(ftruncate(fd, 2 * PG) == 0, "ftruncate");
	p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	EXPECT(!is_err(p), "mmap");
	EXPECT(sys3(SYS_fcntl, fd, F_GETFD, 0) == FD_CLOEXEC, "MFD_CLOEXEC");
	EXPECT(pwrite(fd, "m", 1, 8) == 1 && p[8] == 'm', "write() shows in the mapping");
	expect_shared_across_fork(p, "memfd");
	memset(name, 'n', sizeof(name));
	name[250] = 0;
	EXPECT(sys2(SYS_memfd_create, name, 0) == -EINVAL, "a name past 249 bytes");
	name[249] = 0;
	fd = sys2(SYS_memfd_create, name, 0);
	EXPECT(fd >= 0, "249 bytes: %d", fd);
	close(fd);
	EXPECT(sys2(SYS_memfd_create, "x", 0x100) == -EINVAL, "an unknown flag");
	EXPECT(sys2(SYS_memfd_create, (void *)8, 0) == -EFAULT, "a bad name pointer");
}

static void fixed_noreplace_is_eexist(void)
{
	char *p = map(NULL, 3 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(!is_err(p), "setup"))
		return;
	EXPECT(munmap(p + 2 * PG, PG) == 0, "a hole");
	EXPECT(map(p + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		   -1, 0) == (void *)-EEXIST, "over a mapping: -EEXIST");
	EXPECT(map(p + PG, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		   -1, 0) == (void *)-EEXIST, "partly over one: -EEXIST");
	EXPECT(map(p + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		   -1, 0) == p + 2 * PG, "into the hole: there");
	munmap(p, 3 * PG);
}

static void readonly_open_shared_write_is_eacces(void)
{
	int wfd = make_named_file(PG, 'a'), fd = open(path, O_RDONLY);
	char *p;

	unlink(path);
	if (!EXPECT(fd >= 0 && wfd >= 0, "setup"))
		return;
	EXPECT(map(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == (void *)-EACCES,
	       "MAP_SHARED PROT_WRITE of O_RDONLY: -EACCES");
	p = map(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	EXPECT(!is_err(p), "MAP_SHARED PROT_READ");
	EXPECT(sys3(SYS_mprotect, p, PG, PROT_READ | PROT_WRITE) == -EACCES,
	       "mprotect() adding PROT_WRITE: -EACCES");
	munmap(p, PG);
	p = map(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	EXPECT(!is_err(p) && sys3(SYS_mprotect, p, PG, PROT_READ | PROT_WRITE) == 0,
	       "a private mapping may become writable");
	p[0] = 'w';
	munmap(p, PG);
	EXPECT(map(NULL, PG, PROT_READ, MAP_SHARED, wfd, 0) != (void *)-EACCES, "O_RDWR is fine");
	close(fd);
	close(wfd);
}

static void msync_checks(void)
{
	int fd = make_file(2 * PG, 'a');
	char *p = map(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (!EXPECT(!is_err(p), "setup"))
		return;
	p[0] = 's';
	EXPECT(sys3(SYS_msync, p, 2 * PG, MS_SYNC) == 0, "MS_SYNC");
	EXPECT(sys3(SYS_msync, p, 2 * PG, MS_ASYNC | MS_INVALIDATE) == 0, "MS_ASYNC|MS_INVALIDATE");
	EXPECT(sys3(SYS_msync, p, 0, MS_SYNC) == 0, "an empty range");
	EXPECT(sys3(SYS_msync, p, PG, MS_SYNC | MS_ASYNC) == -EINVAL, "both: -EINVAL");
	EXPECT(sys3(SYS_msync, p, PG, 8) == -EINVAL, "an unknown flag: -EINVAL");
	EXPECT(sys3(SYS_msync, p + 1, PG, MS_SYNC) == -EINVAL, "unaligned: -EINVAL");
	munmap(p + PG, PG);
	EXPECT(sys3(SYS_msync, p, 2 * PG, MS_SYNC) == -ENOMEM, "an unmapped page: -ENOMEM");
	munmap(p, PG);
	close(fd);
}

static void mlock_populates_and_checks(void)
{
	char *p = map(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[4];

	if (!EXPECT(!is_err(p), "setup"))
		return;
	EXPECT(sys3(SYS_mincore, p, 4 * PG, vec) == 0 && !vec[0] && !vec[3], "untouched");
	EXPECT(sys2(SYS_mlock, p + 1, 2 * PG) == 0, "mlock of an unaligned start");
	EXPECT(sys3(SYS_mincore, p, 4 * PG, vec) == 0, "mincore");
	EXPECT(vec[0] & 1 && vec[1] & 1 && vec[2] & 1 && !(vec[3] & 1),
	       "the locked pages are in: %d %d %d %d", vec[0], vec[1], vec[2], vec[3]);
	EXPECT(sys2(SYS_munlock, p, 4 * PG) == 0, "munlock");
	EXPECT(sys3(SYS_mlock2, p, PG, 2) == -EINVAL, "mlock2 with an unknown flag");
	EXPECT(sys3(SYS_mlock2, p + 3 * PG, PG, MLOCK_ONFAULT) == 0, "MLOCK_ONFAULT");
	EXPECT(sys3(SYS_mincore, p + 3 * PG, PG, vec) == 0 && !vec[0], "on fault: not yet in");
	munmap(p + 3 * PG, PG);
	EXPECT(sys2(SYS_mlock, p, 4 * PG) == -ENOMEM, "a range with a hole: -ENOMEM");
	EXPECT(sys1(SYS_mlockall, 0) == -EINVAL, "mlockall(0)");
	EXPECT(sys1(SYS_mlockall, MCL_ONFAULT) == -EINVAL, "mlockall(MCL_ONFAULT) alone");
	EXPECT(sys1(SYS_mlockall, MCL_CURRENT | MCL_FUTURE) == 0, "mlockall");
	EXPECT(sys0(SYS_munlockall) == 0, "munlockall");
	munmap(p, 3 * PG);
}

static void madvise_dontneed_refills(void)
{
	int fd = make_file(PG, 'f');
	char *a = map(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *pr = map(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *sh = map(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (!EXPECT(!is_err(a) && !is_err(pr) && !is_err(sh), "setup"))
		return;
	a[0] = 'x';
	pr[0] = 'x';
	sh[1] = 's';
	EXPECT(sys3(SYS_madvise, a, PG, MADV_DONTNEED) == 0, "anonymous");
	EXPECT(a[0] == 0, "anonymous memory reads zeros after: %d", a[0]);
	EXPECT(sys3(SYS_madvise, pr, PG, MADV_DONTNEED) == 0, "private file");
	EXPECT(pr[0] == 'f' && pr[1] == 's', "a private file mapping reads the file again");
	EXPECT(sys3(SYS_madvise, sh, PG, MADV_DONTNEED) == 0, "shared file");
	EXPECT(sh[1] == 's', "a shared mapping's writes are the file's");
	EXPECT(sys3(SYS_madvise, a, PG, MADV_WILLNEED) == 0, "MADV_WILLNEED");
	EXPECT(sys3(SYS_madvise, pr, PG, MADV_FREE) == -EINVAL, "MADV_FREE on a file");
	EXPECT(sys3(SYS_madvise, a, PG, 999) == -EINVAL, "unknown advice");
	EXPECT(sys3(SYS_madvise, a + 1, PG, MADV_DONTNEED) == -EINVAL, "unaligned");
	munmap(a, PG);
	EXPECT(sys3(SYS_madvise, a, PG, MADV_DONTNEED) == -ENOMEM, "unmapped: -ENOMEM");
	munmap(pr, PG);
	munmap(sh, PG);
	close(fd);
}

static void populate_and_mincore(void)
{
	char *p = map(NULL, 8 * PG, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	unsigned char vec[8] = { 0 };
	int i, in = 0;

	if (!EXPECT(!is_err(p), "setup"))
		return;
	EXPECT(sys3(SYS_mincore, p, 8 * PG, vec) == 0, "mincore");
	for (i = 0; i < 8; i++)
		in += vec[i] & 1;
	EXPECT(in == 8, "MAP_POPULATE: all 8 pages in, %d", in);
	EXPECT(sys3(SYS_mincore, p + 1, PG, vec) == -EINVAL, "unaligned");
	EXPECT(sys3(SYS_mincore, p, PG, (void *)8) == -EFAULT, "a bad vector");
	munmap(p, 8 * PG);
	EXPECT(sys3(SYS_mincore, p, PG, vec) == -ENOMEM, "unmapped");
	p = map(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK |
		MAP_NORESERVE, -1, 0);
	EXPECT(!is_err(p), "MAP_STACK | MAP_NORESERVE accepted");
	munmap(p, PG);
}

/* A shared futex in a MAP_SHARED page nobody touched yet: woken, not -EFAULT. */
static void shared_futex_on_untouched_page(void)
{
	int *p = map(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (!EXPECT(!is_err(p), "setup"))
		return;
	EXPECT(sys3(SYS_futex, p, FUTEX_WAKE, 1) == 0, "FUTEX_WAKE finds nobody");
	munmap(p, PG);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(shared_file_write_is_read),
	KTAP_CASE(shared_file_survives_fork),
	KTAP_CASE(private_file_reads_cache_until_written),
	KTAP_CASE(sigbus_past_eof),
	KTAP_CASE(truncate_gives_sigbus),
	KTAP_CASE(shared_anonymous_survives_fork),
	KTAP_CASE(dev_zero_shared_survives_fork),
	KTAP_CASE(memfd_is_shared_file),
	KTAP_CASE(fixed_noreplace_is_eexist),
	KTAP_CASE(readonly_open_shared_write_is_eacces),
	KTAP_CASE(msync_checks),
	KTAP_CASE(mlock_populates_and_checks),
	KTAP_CASE(madvise_dontneed_refills),
	KTAP_CASE(populate_and_mincore),
	KTAP_CASE(shared_futex_on_untouched_page),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
