// SPDX-License-Identifier: MIT
/*
 * openat2: struct open_how's size rules (-EINVAL below version 0,
 * -E2BIG past a page or with non-zero bytes the kernel does not know),
 * the strict flag, mode and resolve checks, RESOLVE_CACHED refusing to
 * create (-EAGAIN), and the walk restrictions: RESOLVE_NO_SYMLINKS
 * (-ELOOP for any symlink), RESOLVE_BENEATH (-EXDEV for "/" or ".."
 * above the start) and RESOLVE_IN_ROOT (the start is the walk's "/").
 * The tree is made under /tmp.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "ktap.h"
#include "sys.h"

struct how {
	uint64_t flags, mode, resolve;
};

#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20

static char top[64];

static long openat2(int dfd, const char *name, uint64_t flags, uint64_t mode, uint64_t resolve)
{
	struct how h = { flags, mode, resolve };

	return sys4(SYS_openat2, dfd, name, &h, sizeof(h));
}

/* top/dir/file, top/dir/abs -> /, top/dir/up -> ../dir/file, top/dir/rel -> file */
static int make_tree(void)
{
	char p[128];
	int fd;

	snprintf(top, sizeof(top), "/tmp/openat2.%d", getpid());
	mkdir(top, 0755);
	snprintf(p, sizeof(p), "%s/dir", top);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/dir/file", top);
	fd = open(p, O_CREAT | O_WRONLY, 0644);
	close(fd);
	snprintf(p, sizeof(p), "%s/dir/abs", top);
	symlink("/", p);
	snprintf(p, sizeof(p), "%s/dir/up", top);
	symlink("../dir/file", p);
	snprintf(p, sizeof(p), "%s/dir/rel", top);
	symlink("file", p);
	snprintf(p, sizeof(p), "%s/dir", top);
	return open(p, O_RDONLY | O_DIRECTORY);
}

static void remove_tree(void)
{
	static const char *const names[] = { "dir/file", "dir/abs", "dir/up", "dir/rel", "dir", "" };
	char p[128];
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, names[i]);
		if (unlink(p))
			rmdir(p);
	}
}

static void openat2_size_rules(void)
{
	struct { struct how h; uint64_t extra; } big = { { O_RDONLY, 0, 0 }, 0 };
	long fd;

	EXPECT(sys4(SYS_openat2, AT_FDCWD, "/", &big, 16) == -EINVAL, "smaller than version 0");
	EXPECT(sys4(SYS_openat2, AT_FDCWD, "/", &big, 4097) == -E2BIG, "larger than a page");
	fd = sys4(SYS_openat2, AT_FDCWD, "/", &big, sizeof(big));
	EXPECT(fd >= 0, "a larger struct with zeros: %ld", fd);
	close(fd);
	big.extra = 1;
	EXPECT(sys4(SYS_openat2, AT_FDCWD, "/", &big, sizeof(big)) == -E2BIG, "unknown non-zero");
	EXPECT(sys4(SYS_openat2, AT_FDCWD, "/", (void *)0xffffffff80000000UL, 24) == -EFAULT,
	       "bad pointer");
}

static void openat2_checks_flags_mode_and_resolve(void)
{
	EXPECT(openat2(AT_FDCWD, "/", O_RDONLY | (1ULL << 40), 0, 0) == -EINVAL, "unknown flag");
	EXPECT(openat2(AT_FDCWD, "/", O_RDONLY, 0644, 0) == -EINVAL, "mode without O_CREAT");
	EXPECT(openat2(AT_FDCWD, "/tmp/x", O_CREAT | O_WRONLY, 010000, 0) == -EINVAL,
	       "file type bits in mode");
	EXPECT(openat2(AT_FDCWD, "/", O_RDONLY, 0, 0x40) == -EINVAL, "unknown resolve bit");
	EXPECT(openat2(AT_FDCWD, "/", O_RDONLY, 0, RESOLVE_BENEATH | RESOLVE_IN_ROOT) == -EINVAL,
	       "BENEATH with IN_ROOT");
	EXPECT(openat2(AT_FDCWD, "/", O_PATH | O_RDWR, 0, 0) == -EINVAL, "O_PATH with O_RDWR");
	EXPECT(openat2(AT_FDCWD, "/tmp/y", O_CREAT | O_WRONLY, 0600, RESOLVE_CACHED) == -EAGAIN,
	       "RESOLVE_CACHED with O_CREAT");
}

static void openat2_resolve_restricts_the_walk(void)
{
	int dir = make_tree();
	long fd;

	EXPECT(dir >= 0, "tree");
	fd = openat2(dir, "file", O_RDONLY, 0, RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS);
	EXPECT(fd >= 0, "a plain name is fine: %ld", fd);
	close(fd);
	EXPECT(openat2(dir, "rel", O_RDONLY, 0, RESOLVE_NO_SYMLINKS) == -ELOOP, "NO_SYMLINKS");
	fd = openat2(dir, "rel", O_RDONLY, 0, RESOLVE_BENEATH);
	EXPECT(fd >= 0, "a link inside is fine beneath: %ld", fd);
	close(fd);
	EXPECT(openat2(dir, "../dir/file", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV, "'..' above");
	EXPECT(openat2(dir, "/etc", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV, "absolute name");
	EXPECT(openat2(dir, "abs", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV, "absolute link");
	EXPECT(openat2(dir, "up", O_RDONLY, 0, RESOLVE_BENEATH) == -EXDEV, "link through '..'");
	fd = openat2(dir, "/file", O_RDONLY, 0, RESOLVE_IN_ROOT);
	EXPECT(fd >= 0, "IN_ROOT: / is the directory: %ld", fd);
	close(fd);
	fd = openat2(dir, "../../file", O_RDONLY, 0, RESOLVE_IN_ROOT);
	EXPECT(fd >= 0, "IN_ROOT: '..' stops at it: %ld", fd);
	close(fd);
	fd = openat2(dir, "abs/file", O_RDONLY, 0, RESOLVE_IN_ROOT);
	EXPECT(fd >= 0, "IN_ROOT: an absolute link lands in it: %ld", fd);
	close(fd);
	close(dir);
	remove_tree();
}

static const struct ktap_case cases[] = {
	KTAP_CASE(openat2_size_rules),
	KTAP_CASE(openat2_checks_flags_mode_and_resolve),
	KTAP_CASE(openat2_resolve_restricts_the_walk),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
