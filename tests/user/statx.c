// SPDX-License-Identifier: MIT
/*
 * statx: the basic fields agree with fstat's for a directory, a regular
 * file and a pipe (through AT_EMPTY_PATH), the mask says which fields
 * are filled (the basic set at least), and the errors Linux gives for reserved mask bits, both sync
 * flags at once, unknown flags, a missing name and bad pointers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ktap.h"
#include "sys.h"

#ifndef STATX_BASIC_STATS
#define STATX_BASIC_STATS	0x7ffU
#define STATX_BTIME		0x800U
#define STATX_ALL		0xfffU
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000
struct statx_timestamp {
	long long tv_sec;
	unsigned int tv_nsec;
	int __reserved;
};
struct statx {
	unsigned int stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, __spare0;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	unsigned long long __spare2[14];
};
#endif

static void expect_same(const struct statx *sx, const struct stat *st, const char *what)
{
	EXPECT((sx->stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, "%s: mask %#x", what,
	       sx->stx_mask);
	EXPECT(sx->stx_ino == st->st_ino && sx->stx_mode == st->st_mode &&
	       sx->stx_nlink == st->st_nlink && sx->stx_size == (unsigned long long)st->st_size,
	       "%s: ino/mode/nlink/size", what);
	EXPECT(sx->stx_uid == st->st_uid && sx->stx_gid == st->st_gid, "%s: owner", what);
	EXPECT(makedev(sx->stx_dev_major, sx->stx_dev_minor) == st->st_dev, "%s: dev", what);
	EXPECT(sx->stx_mtime.tv_sec == st->st_mtime, "%s: mtime", what);
}

static void statx_agrees_with_fstat(void)
{
	char path[64];
	struct statx sx;
	struct stat st;
	int fd, p[2];

	EXPECT(sys5(SYS_statx, AT_FDCWD, "/", 0, STATX_ALL, &sx) == 0, "statx /");
	EXPECT(stat("/", &st) == 0, "stat /");
	expect_same(&sx, &st, "/");
	EXPECT(S_ISDIR(sx.stx_mode), "a directory");

	snprintf(path, sizeof(path), "/tmp/statx.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT, 0640);
	EXPECT(write(fd, "hello", 5) == 5, "write");
	EXPECT(sys5(SYS_statx, AT_FDCWD, path, 0, STATX_BASIC_STATS, &sx) == 0, "statx file");
	EXPECT(fstat(fd, &st) == 0, "fstat");
	expect_same(&sx, &st, "file");
	EXPECT(sx.stx_size == 5 && (sx.stx_mode & 07777) == 0640, "size and mode");
	close(fd);
	unlink(path);

	EXPECT(pipe(p) == 0, "pipe");
	EXPECT(sys5(SYS_statx, p[0], "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) == 0, "empty path");
	EXPECT(fstat(p[0], &st) == 0, "fstat pipe");
	EXPECT(S_ISFIFO(sx.stx_mode) && sx.stx_ino == st.st_ino, "the pipe itself");
	close(p[0]);
	close(p[1]);
}

static void statx_errors_are_linux_s(void)
{
	struct statx sx;

	EXPECT(sys5(SYS_statx, AT_FDCWD, "/", 0, 0x80000000U, &sx) == -EINVAL, "reserved mask bit");
	EXPECT(sys5(SYS_statx, AT_FDCWD, "/", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC,
		    STATX_BASIC_STATS, &sx) == -EINVAL, "both sync types");
	EXPECT(sys5(SYS_statx, AT_FDCWD, "/", AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &sx) == 0,
	       "one sync type is fine");
	EXPECT(sys5(SYS_statx, AT_FDCWD, "/", 1, STATX_BASIC_STATS, &sx) == -EINVAL, "unknown flag");
	EXPECT(sys5(SYS_statx, AT_FDCWD, "/no/such/file", 0, STATX_BASIC_STATS, &sx) == -ENOENT,
	       "missing");
	EXPECT(sys5(SYS_statx, AT_FDCWD, "", 0, STATX_BASIC_STATS, &sx) == -ENOENT, "empty name");
	EXPECT(sys5(SYS_statx, AT_FDCWD, "/", 0, STATX_BASIC_STATS, 0xffffffff80000000UL) == -EFAULT,
	       "buffer");
	EXPECT(sys5(SYS_statx, 1000, "x", 0, STATX_BASIC_STATS, &sx) == -EBADF, "closed dirfd");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(statx_agrees_with_fstat),
	KTAP_CASE(statx_errors_are_linux_s),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
