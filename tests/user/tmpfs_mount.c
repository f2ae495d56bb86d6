// SPDX-License-Identifier: MIT
/*
 * The mount table as Linux shows and changes it: /proc/mounts lines
 * ("device mountpoint type options 0 0", tmpfs on /dev/shm),
 * /proc/filesystems ("nodev\ttmpfs"), statfs()'s f_type for proc, sysfs
 * and tmpfs; then mount(2) of a tmpfs with size= and mode= (its statfs
 * blocks, its root's mode, -ENOSPC past the size, its /proc/mounts
 * line, a remount to a new size), a proc instance elsewhere, the covered
 * directory coming back at umount, -EBUSY while a file on it is open,
 * and the errors: -ENODEV for an unknown type, -ENOENT for a missing
 * target, -EINVAL for a bad option and for umount of a non-mount point.
 *
 * On Linux the mounting cases need root and run in a private mount
 * namespace (unshare(CLONE_NEWNS)), so the host's table is untouched;
 * without root they are skipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>

#include "ktap.h"
#include "sys.h"

#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0
#define SYSFS_MAGIC		0x62656572

static char dir[64], buf[16384];

/* The whole of a /proc file into buf. */
static long read_file(const char *name)
{
	int fd = open(name, O_RDONLY);
	long n, len = 0;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

/* The /proc/mounts line whose mount point is mp, in line, or 0 if none. */
static int mounts_line(const char *mp, char *line, size_t size)
{
	char *p, *end;

	if (read_file("/proc/mounts") <= 0)
		return 0;
	for (p = buf; *p; p = end + 1) {
		char dev[256], point[256];

		end = strchr(p, '\n');
		if (!end)
			break;
		if (sscanf(p, "%255s %255s", dev, point) == 2 && !strcmp(point, mp)) {
			size_t n = end - p < (long)size - 1 ? (size_t)(end - p) : size - 1;

			memcpy(line, p, n);
			line[n] = 0;
		}
	}
	return line[0] != 0;
}

static void proc_mounts_has_dev_shm(void)
{
	char line[512] = "", dev[64], point[64], type[64], opts[256];
	int a = -1, b = -1;

	if (!EXPECT(mounts_line("/dev/shm", line, sizeof(line)), "a /dev/shm line"))
		return;
	EXPECT(sscanf(line, "%63s %63s %63s %255s %d %d", dev, point, type, opts, &a, &b) == 6,
	       "six fields: %s", line);
	EXPECT(!strcmp(type, "tmpfs"), "tmpfs: %s", type);
	EXPECT(!strncmp(opts, "rw", 2), "rw first: %s", opts);
	EXPECT(a == 0 && b == 0, "0 0 at the end");
	line[0] = 0;
	EXPECT(mounts_line("/proc", line, sizeof(line)) && strstr(line, " proc "),
	       "proc on /proc: %s", line);
}

static void proc_filesystems_lists_types(void)
{
	EXPECT(read_file("/proc/filesystems") > 0, "read");
	EXPECT(strstr(buf, "nodev\ttmpfs\n") != NULL, "tmpfs");
	EXPECT(strstr(buf, "nodev\tproc\n") != NULL, "proc");
	EXPECT(strstr(buf, "nodev\tsysfs\n") != NULL, "sysfs");
	EXPECT(strstr(buf, "nodev\tramfs\n") != NULL, "ramfs");
}

static void statfs_magic_numbers(void)
{
	struct statfs st;
	int fd;

	EXPECT(statfs("/proc", &st) == 0 && st.f_type == PROC_SUPER_MAGIC, "/proc: %lx",
	       (long)st.f_type);
	EXPECT(statfs("/sys", &st) == 0 && st.f_type == SYSFS_MAGIC, "/sys: %lx", (long)st.f_type);
	EXPECT(statfs("/dev/shm", &st) == 0 && st.f_type == TMPFS_MAGIC, "/dev/shm: %lx",
	       (long)st.f_type);
	EXPECT(st.f_bsize == 4096 && st.f_namelen == 255, "bsize %ld namelen %ld",
	       (long)st.f_bsize, (long)st.f_namelen);
	fd = open("/proc/version", O_RDONLY);
	EXPECT(fstatfs(fd, &st) == 0 && st.f_type == PROC_SUPER_MAGIC, "fstatfs");
	close(fd);
	EXPECT(statfs("/nonexistent", &st) == -1 && errno == ENOENT, "ENOENT");
	EXPECT(sys2(SYS_statfs, "/proc", (void *)8) == -EFAULT, "EFAULT");
	EXPECT(sys2(SYS_fstatfs, 999, &st) == -EBADF, "EBADF");
}

/* Mounting needs root; on Linux, in a mount namespace of our own. */
static int may_mount(void)
{
	if (geteuid() != 0) {
		ktap_skip("mount(2) needs root on Linux");
		return 0;
	}
	/* reflex has one namespace and no unshare(CLONE_NEWNS): tests there own it. */
	if (unshare(CLONE_NEWNS) == 0)
		mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	snprintf(dir, sizeof(dir), "/tmp/tmpfs_mount.%d", (int)getpid());
	return mkdir(dir, 0755) == 0 || errno == EEXIST;
}

/* Each mounting case runs in a child, so its namespace (on Linux) goes with it. */
static void in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (!may_mount())
			_exit(ktap_skip_reason ? 77 : 1);
		fn();
		rmdir(dir);
		_exit(ktap_case_failed);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		ktap_skip("mount(2) needs root on Linux");
	else
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

static void do_tmpfs_size_and_mode(void)
{
	char name[128], line[512] = "", page[4096];
	struct statfs st;
	struct stat sb;
	long total = 0, n;
	int fd;

	snprintf(name, sizeof(name), "%s/covered", dir);
	fd = open(name, O_CREAT | O_WRONLY, 0600);
	close(fd);
	EXPECT(mount("tmpfs", dir, "tmpfs", MS_NOSUID, "size=64k,mode=0700") == 0,
	       "mount: %s", strerror(errno));
	EXPECT(access(name, F_OK) == -1 && errno == ENOENT, "the covered file is hidden");
	EXPECT(statfs(dir, &st) == 0 && st.f_type == TMPFS_MAGIC, "TMPFS_MAGIC");
	EXPECT(st.f_blocks == 16 && st.f_bfree == 16, "64k is 16 blocks: %ld %ld",
	       (long)st.f_blocks, (long)st.f_bfree);
	EXPECT(st.f_flags & ST_NOSUID, "ST_NOSUID in f_flags: %lx", (long)st.f_flags);
	EXPECT(stat(dir, &sb) == 0 && (sb.st_mode & 07777) == 0700, "mode=0700: %o",
	       sb.st_mode & 07777);
	EXPECT(mounts_line(dir, line, sizeof(line)), "in /proc/mounts");
	EXPECT(!strncmp(line, "tmpfs ", 6) && strstr(line, " tmpfs rw,nosuid") &&
	       strstr(line, ",size=64k") && strstr(line, ",mode=700") && strstr(line, " 0 0"),
	       "the line: %s", line);
	snprintf(name, sizeof(name), "%s/big", dir);
	fd = open(name, O_CREAT | O_WRONLY, 0600);
	memset(page, 'b', sizeof(page));
	while ((n = write(fd, page, sizeof(page))) > 0)
		total += n;
	EXPECT(n == -1 && errno == ENOSPC, "full: ENOSPC (%ld, %s)", n, strerror(errno));
	EXPECT(total == 65536, "64k fit: %ld", total);
	EXPECT(statfs(dir, &st) == 0 && st.f_bfree == 0, "no blocks free: %ld", (long)st.f_bfree);
	EXPECT(umount(dir) == -1 && errno == EBUSY, "busy while open: %s", strerror(errno));
	EXPECT(mount(NULL, dir, NULL, MS_REMOUNT, "size=128k") == 0, "remount: %s",
	       strerror(errno));
	EXPECT(statfs(dir, &st) == 0 && st.f_blocks == 32, "128k: %ld", (long)st.f_blocks);
	EXPECT(write(fd, page, sizeof(page)) == sizeof(page), "room again");
	close(fd);
	EXPECT(umount(dir) == 0, "umount: %s", strerror(errno));
	snprintf(name, sizeof(name), "%s/covered", dir);
	EXPECT(access(name, F_OK) == 0, "the covered file is back");
	unlink(name);
	line[0] = 0;
	EXPECT(!mounts_line(dir, line, sizeof(line)), "gone from /proc/mounts: %s", line);
}

static void tmpfs_size_and_mode(void)
{
	in_child(do_tmpfs_size_and_mode);
}

static void do_proc_instance(void)
{
	char name[128];
	struct statfs st;
	long n;
	int fd;

	EXPECT(mount("proc", dir, "proc", 0, NULL) == 0, "mount proc: %s", strerror(errno));
	EXPECT(statfs(dir, &st) == 0 && st.f_type == PROC_SUPER_MAGIC, "PROC_SUPER_MAGIC");
	snprintf(name, sizeof(name), "%s/version", dir);
	fd = open(name, O_RDONLY);
	EXPECT(fd >= 0, "open %s: %s", name, strerror(errno));
	n = read(fd, name, 64);
	EXPECT(n > 0 && read_file("/proc/version") > 0 && !memcmp(buf, name, n),
	       "its version is /proc/version (%ld bytes)", n);
	close(fd);
	EXPECT(umount2(dir, 0) == 0, "umount: %s", strerror(errno));
	EXPECT(statfs(dir, &st) == 0 && st.f_type != PROC_SUPER_MAGIC, "gone");
}

static void proc_instance(void)
{
	in_child(do_proc_instance);
}

static void do_mount_errors(void)
{
	EXPECT(mount("x", dir, "nosuchfs", 0, NULL) == -1 && errno == ENODEV, "ENODEV: %s",
	       strerror(errno));
	EXPECT(mount("x", "/nonexistent/dir", "tmpfs", 0, NULL) == -1 && errno == ENOENT,
	       "ENOENT: %s", strerror(errno));
	EXPECT(mount("x", dir, "tmpfs", 0, "bogus=1") == -1 && errno == EINVAL, "EINVAL: %s",
	       strerror(errno));
	EXPECT(umount(dir) == -1 && errno == EINVAL, "not a mount point: %s", strerror(errno));
	EXPECT(umount2(dir, 0x100) == -1 && errno == EINVAL, "unknown umount2 flag");
	EXPECT(sys5(SYS_mount, "x", (void *)8, "tmpfs", 0, NULL) == -EFAULT, "EFAULT");
	EXPECT(mount("x", dir, "tmpfs", 0, "size=8k") == 0, "stacking: the first");
	EXPECT(mount("y", dir, "tmpfs", 0, "size=16k") == 0, "stacking: the second");
	{
		struct statfs st;

		EXPECT(statfs(dir, &st) == 0 && st.f_blocks == 4, "the top one shows: %ld",
		       (long)st.f_blocks);
		EXPECT(umount(dir) == 0 && statfs(dir, &st) == 0 && st.f_blocks == 2,
		       "then the one below: %ld", (long)st.f_blocks);
	}
	EXPECT(umount(dir) == 0, "and it goes too");
}

static void mount_errors(void)
{
	in_child(do_mount_errors);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(proc_mounts_has_dev_shm),
	KTAP_CASE(proc_filesystems_lists_types),
	KTAP_CASE(statfs_magic_numbers),
	KTAP_CASE(tmpfs_size_and_mode),
	KTAP_CASE(proc_instance),
	KTAP_CASE(mount_errors),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
