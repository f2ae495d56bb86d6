// SPDX-License-Identifier: MIT
/*
 * /proc/PID/maps names what is mapped, as Linux does: a file mapping
 * shows its offset, the file's device (major:minor) and inode and its
 * path, " (deleted)" once the file is unlinked; a memfd shows as
 * "/memfd:NAME (deleted)" (and so does its /proc/self/fd link),
 * MAP_SHARED anonymous memory as "/dev/zero (deleted)", anonymous memory
 * with offset 0, device 00:00 and inode 0; [stack], [heap] and [vdso]
 * are named; a dynamically linked glibc program (data/hello_dyn) sees
 * the libc ld.so mapped listed by its path with the inode stat() gives.
 * The same binary passes on Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "ktap.h"

static const char *self;

struct map {
	unsigned long start, end;
	char perms[5];
	unsigned long long offset;
	unsigned int major, minor;
	unsigned long inode;
	char name[256];
};

/* One line of maps (the text up to its newline) into @m; the name may be empty. */
static bool parse_map(const char *text, struct map *m)
{
	char line[512];
	int pos = 0;

	snprintf(line, sizeof(line), "%.*s", (int)strcspn(text, "\n"), text);
	memset(m, 0, sizeof(*m));
	if (sscanf(line, "%lx-%lx %4s %llx %x:%x %lu %n", &m->start, &m->end, m->perms,
		   &m->offset, &m->major, &m->minor, &m->inode, &pos) < 7)
		return false;
	snprintf(m->name, sizeof(m->name), "%s", line + pos);
	return true;
}

static char *read_all(const char *path)
{
	static char buf[65536];
	int fd = open(path, O_RDONLY), n, got = 0;

	if (fd < 0)
		return NULL;
	while (got < (int)sizeof(buf) - 1 && (n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return buf;
}

/* The line of @text whose range holds @addr (or, @addr 0, that names @name). */
static bool find_map(const char *text, unsigned long addr, const char *name, struct map *m)
{
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (!parse_map(l, m))
			continue;
		if (addr ? (m->start <= addr && addr < m->end) : !strcmp(m->name, name))
			return true;
	}
	return false;
}

static bool find_self(void *addr, struct map *m)
{
	char *text = read_all("/proc/self/maps");

	return text && find_map(text, (unsigned long)addr, NULL, m);
}

static void file_mapping_shows_offset_device_inode_and_path(void)
{
	const char *path = "/tmp/maps-test-file";
	char page[4096] = { 'x' };
	struct stat st;
	struct map m;
	char *p;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (!EXPECT(fd >= 0, "open %s: %d", path, errno))
		return;
	for (int i = 0; i < 3; i++)
		EXPECT(write(fd, page, sizeof(page)) == sizeof(page), "write: %d", errno);
	EXPECT(fstat(fd, &st) == 0, "fstat");
	p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 4096);
	if (!EXPECT(p != MAP_FAILED, "mmap: %d", errno))
		goto out;
	if (EXPECT(find_self(p, &m), "no line for %p", p)) {
		EXPECT(m.start == (unsigned long)p && m.end == (unsigned long)p + 8192 &&
		       !strcmp(m.perms, "r--p") && m.offset == 4096, "%lx-%lx %s %llx", m.start,
		       m.end, m.perms, m.offset);
		EXPECT(m.major == major(st.st_dev) && m.minor == minor(st.st_dev) &&
		       m.inode == st.st_ino, "%02x:%02x %lu, stat says %02x:%02x %lu", m.major,
		       m.minor, m.inode, major(st.st_dev), minor(st.st_dev), (unsigned long)st.st_ino);
		EXPECT(!strcmp(m.name, path), "name \"%s\"", m.name);
	}
	EXPECT(unlink(path) == 0, "unlink");
	if (EXPECT(find_self(p, &m), "no line for %p after unlink", p))
		EXPECT(!strcmp(m.name, "/tmp/maps-test-file (deleted)"), "name \"%s\"", m.name);
	munmap(p, 8192);
out:
	close(fd);
	unlink(path);
}

static void memfd_mapping_is_named_memfd_deleted(void)
{
	char link[64], target[256] = "";
	struct stat st;
	struct map m;
	int fd = syscall(SYS_memfd_create, "maps-test", 0), n;
	char *p;

	if (!EXPECT(fd >= 0, "memfd_create: %d", errno))
		return;
	EXPECT(ftruncate(fd, 8192) == 0 && fstat(fd, &st) == 0, "ftruncate: %d", errno);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (EXPECT(p != MAP_FAILED, "mmap: %d", errno) &&
	    EXPECT(find_self(p, &m), "no line for %p", p)) {
		EXPECT(!strcmp(m.perms, "rw-s") && m.offset == 0 && m.inode == st.st_ino &&
		       m.major == major(st.st_dev) && m.minor == minor(st.st_dev),
		       "%s %llx %02x:%02x %lu, inode %lu", m.perms, m.offset, m.major, m.minor,
		       m.inode, (unsigned long)st.st_ino);
		EXPECT(!strcmp(m.name, "/memfd:maps-test (deleted)"), "name \"%s\"", m.name);
		munmap(p, 8192);
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	EXPECT(!strcmp(target, "/memfd:maps-test (deleted)"), "fd link \"%s\"", target);
	close(fd);
}

static void shared_anonymous_is_dev_zero_deleted(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *q = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct map m;

	if (!EXPECT(p != MAP_FAILED && q != MAP_FAILED, "mmap: %d", errno))
		return;
	if (EXPECT(find_self(p, &m), "no line for %p", p))
		EXPECT(!strcmp(m.perms, "rw-s") && m.offset == 0 && m.inode != 0 &&
		       !strcmp(m.name, "/dev/zero (deleted)"), "%s %llx %lu \"%s\"", m.perms,
		       m.offset, m.inode, m.name);
	if (EXPECT(find_self(q, &m), "no line for %p", q))
		EXPECT(!strcmp(m.perms, "r--p") && m.offset == 0 && m.major == 0 && m.minor == 0 &&
		       m.inode == 0 && !m.name[0], "anonymous: %s %llx %02x:%02x %lu \"%s\"",
		       m.perms, m.offset, m.major, m.minor, m.inode, m.name);
	munmap(p, 4096);
	munmap(q, 4096);
}

static void stack_heap_and_vdso_are_named(void)
{
	/* brk itself: musl's sbrk() refuses to grow the heap. */
	char *brk0 = (char *)syscall(SYS_brk, 0), *text;
	int local = 0;
	struct map m;

	if (!EXPECT((char *)syscall(SYS_brk, brk0 + 8192) == brk0 + 8192, "brk: %d", errno))
		return;
	brk0[0] = 1;
	if (EXPECT(find_self(brk0, &m), "no line for the heap at %p", brk0))
		EXPECT(!strcmp(m.name, "[heap]") && !strcmp(m.perms, "rw-p"), "\"%s\" %s", m.name,
		       m.perms);
	if (EXPECT(find_self(&local, &m), "no line for the stack at %p", (void *)&local))
		EXPECT(!strcmp(m.name, "[stack]"), "\"%s\"", m.name);
	text = read_all("/proc/self/maps");
	EXPECT(text && find_map(text, 0, "[vdso]", &m) && !strcmp(m.perms, "r-xp"),
	       "[vdso] r-xp: %s", m.perms);
	syscall(SYS_brk, brk0);
}

/* The glibc program beside this one prints its own maps. */
static void dynamic_program_maps_libc_by_path(void)
{
	char path[256], *argv[] = { path, "maps", NULL };
	static char out[32768];
	const char *slash = strrchr(self, '/');
	int pipefd[2], status = -1, n, got = 0;
	bool libc_text = false;
	struct map m;
	pid_t pid;

	snprintf(path, sizeof(path), "%.*sdata/hello_dyn", slash ? (int)(slash - self + 1) : 0,
		 self);
	if (access(path, X_OK)) {
		ktap_skip("no data/hello_dyn: the host's compiler does not link against glibc");
		return;
	}
	if (!EXPECT(pipe(pipefd) == 0, "pipe"))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execv(path, argv);
		_exit(127);
	}
	close(pipefd[1]);
	while (got < (int)sizeof(out) - 1 && (n = read(pipefd[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += n;
	out[got] = '\0';
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", status);
	for (const char *l = out; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		struct stat st;

		if (!parse_map(l, &m) || !strstr(m.name, "/libc.so.6"))
			continue;
		if (!EXPECT(m.name[0] == '/' && stat(m.name, &st) == 0, "stat %s: %d", m.name, errno))
			continue;
		EXPECT(m.inode == st.st_ino && m.major == major(st.st_dev) &&
		       m.minor == minor(st.st_dev) && !(m.offset & 4095), "%s: %llx %02x:%02x %lu",
		       m.name, m.offset, m.major, m.minor, m.inode);
		libc_text |= !strcmp(m.perms, "r-xp");
	}
	EXPECT(libc_text, "no r-xp line for libc.so.6 in:\n%.1500s", out);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(file_mapping_shows_offset_device_inode_and_path),
	KTAP_CASE(memfd_mapping_is_named_memfd_deleted),
	KTAP_CASE(shared_anonymous_is_dev_zero_deleted),
	KTAP_CASE(stack_heap_and_vdso_are_named),
	KTAP_CASE(dynamic_program_maps_libc_by_path),
};

int main(int argc, char **argv)
{
	self = argv[0];
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
