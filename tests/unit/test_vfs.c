// SPDX-License-Identifier: MIT
/* unit-test-sources: fs/dcache.c fs/inode.c fs/libfs.c fs/attr.c mm/filemap.c lib/xarray.c fs/file_table.c fs/file.c fs/namei.c fs/open.c fs/read_write.c fs/stat.c fs/readdir.c fs/ioctl.c fs/fcntl.c fs/d_path.c fs/char_dev.c fs/namespace.c fs/filesystems.c fs/seq_file.c fs/init.c fs/ramfs/inode.c fs/proc/root.c fs/kernfs/dir.c fs/sysfs/sysfs.c fs/pipe.c fs/select.c fs/locks.c init/initramfs.c lib/inflate.c lib/decompress_inflate.c lib/crc32.c drivers/char/mem.c drivers/tty/tty_io.c drivers/tty/n_tty.c kernel/sched/wait.c */
/*
 * The file-system half of user mode on the host: the initramfs unpacker
 * on archives built here (newc and its CRC variant, concatenated, gzip
 * from the host's gzip(1)) and on malformed ones (bad magic, every
 * truncation, names without their NUL, oversized fields, broken
 * padding), path lookup with its errno for each rule, the descriptor
 * table (lowest free slot, dup2/dup3, close-on-exec, growth to the
 * limit, fork's copy), getdents64, /proc as a directory, pipes, poll and
 * the terminal's line discipline. System calls are called through their
 * __x64_sys_ entry points with a pt_regs, as the syscall table does;
 * "user memory" is host memory, and pointers below 64 KiB fault.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fcntl.h>
#include <linux/dirent.h>
#include <linux/uio.h>
#include <linux/poll.h>
#include <linux/initrd.h>
#include <linux/tty.h>
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/sysfs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/resource.h>
#include <asm/ptrace.h>
#include <asm/setup.h>
#include <uapi/asm/stat.h>
#include "data/cpio_vectors.h"

/* --- the rest of the kernel, the host way --------------------------------- */

static long live_allocs;	/* kmalloc()ed blocks not yet freed: what a file costs */

static void *counted(void *p)
{
	live_allocs += p != NULL;
	return p;
}

void *kmalloc(size_t size, gfp_t gfp) { return counted(malloc(size ? size : 1)); }
void *kzalloc(size_t size, gfp_t gfp) { return counted(calloc(1, size ? size : 1)); }
void *kcalloc(size_t n, size_t size, gfp_t gfp) { return counted(calloc(n ? n : 1, size ? size : 1)); }
void kfree(const void *p) { live_allocs -= p != NULL; free((void *)p); }

size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

#define BAD_USER_LIMIT	0x10000UL	/* user pointers below this fault */

static bool user_bad(const void *p, unsigned long n)
{
	return (unsigned long)p < BAD_USER_LIMIT && n;
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	if (user_bad(from, n)) {
		memset(to, 0, n);
		return n;
	}
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (user_bad(to, n))
		return n;
	memcpy(to, from, n);
	return 0;
}

unsigned long clear_user(void *to, unsigned long n)
{
	if (user_bad(to, n))
		return n;
	memset(to, 0, n);
	return 0;
}

long strncpy_from_user(char *dst, const char *src, long count)
{
	long i;

	if (user_bad(src, 1))
		return -EFAULT;
	for (i = 0; i < count; i++)
		if (!(dst[i] = src[i]))
			return i;
	return count;
}

static char console_out[65536];
static size_t console_len;
static unsigned int kconsole_chars;

void console_emit(const char *s, unsigned int n)
{
	n = min(n, (unsigned int)(sizeof(console_out) - 1 - console_len));
	memcpy(console_out + console_len, s, n);
	console_len += n;
	console_out[console_len] = '\0';
}

void kconsole_receive_char(char c)
{
	kconsole_chars++;
}

/*
 * /proc's files as fs/proc/generic.c registers them (one in a
 * subdirectory); the show()s write the seq_file's buffer directly.
 */
static const char *const proc_names[] = { "version", "interrupts", "net/softnet_stat", "net/dev" };

static int fake_proc_show(struct seq_file *m, void *v)
{
	const char *name = m->private;
	size_t n;

	if (!strcmp(name, "interrupts")) {	/* big: makes the reader retry */
		for (n = 0; n < m->size && n < 10000; n++)
			m->buf[n] = 'a' + n % 26;
		m->count = n;
		return 0;
	}
	m->count = min((size_t)snprintf(m->buf, m->size, "contents of %s\n", name), m->size);
	return 0;
}

static void register_fake_proc(void)
{
	const struct kernfs_ops ops = { .seq_show = fake_proc_show };
	static bool done;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(proc_names) && !done; i++)
		assert_int_equal(kernfs_create(&proc_kernfs_root, proc_names[i], S_IFREG | 0444,
					       &ops, (void *)proc_names[i]), 0);
	done = true;
}

static bool fake_signal;
static int sent_signal;			/* the last send_sig() */
static unsigned long fake_nofile;	/* RLIMIT_NOFILE */
static unsigned long fake_fsize;	/* RLIMIT_FSIZE */

unsigned long rlimit(unsigned int limit)
{
	return limit == RLIMIT_NOFILE ? fake_nofile : limit == RLIMIT_FSIZE ? fake_fsize
									    : RLIM_INFINITY;
}

int send_sig(int sig, struct task_struct *p, int priv)
{
	sent_signal = sig;
	return 0;
}

bool signal_pending(struct task_struct *p)
{
	return fake_signal;
}

bool fatal_signal_pending(struct task_struct *p)
{
	return false;
}

/*
 * mm/filemap.c's pages come from mm/memory.c as page frames; here they
 * are counted allocations, and no file is ever mapped.
 */
void *page_cache_alloc(struct address_space *mapping, unsigned long index)
{
	return kzalloc(4096, GFP_KERNEL);
}

void page_cache_get(void *kaddr)
{
}

void page_cache_release(void *kaddr)
{
	kfree(kaddr);
}

void unmap_mapping_range(struct address_space *mapping, unsigned long first)
{
}

struct vm_area_struct;
int shmem_zero_setup(struct vm_area_struct *vma)
{
	return -ENODEV;
}

int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p)
{
	return 0;
}

/* select.c's clock and signal masks: a clock that stands still, masks nobody reads. */
s64 ktime_get(void)
{
	return 0;
}

void set_current_blocked(u64 set)
{
}

void restore_saved_sigmask(void)
{
}

/* No epoll set in these tests watches a file (fs/eventpoll.c is not linked). */
void eventpoll_release_file(struct file *file)
{
}

int try_to_wake_up(struct task_struct *p, unsigned int state, int wake_flags)
{
	return 1;
}

long schedule_timeout(long timeout)
{
	return 0;	/* nothing else runs here: every wait times out at once */
}

/* drivers/tty/tty_jobctrl.c: no sessions here, so no controlling terminal. */
struct tty_struct *get_current_tty(void) { return NULL; }
void tty_open_proc_set_tty(struct file *filp, struct tty_struct *tty, bool noctty) {}
int __tty_check_change(struct tty_struct *tty, int sig) { return 0; }
int tty_check_change(struct tty_struct *tty) { return 0; }
int kill_pgrp(int pgrp, int sig, int priv) { return -ESRCH; }
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	return -ENOIOCTLCMD;
}
/* poll()'s restart block keeps an end time in jiffies; time stands still here. */
volatile unsigned long jiffies;

struct boot_params boot_params;

/* /proc/PID (fs/proc/base.c) needs tasks: these tests have none, so /proc holds its files alone. */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry)
{
	return NULL;
}

int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	return 0;
}

/* drivers/char/mem.c's random minors and the misc devices it registers. */
u64 get_random_u64(void)
{
	return 0x0123456789abcdefULL;
}

int misc_init(void)
{
	return 0;
}

int cpu_latency_qos_init(void)
{
	return 0;
}

/* lockdep's bookkeeping (kernel/locking/lockdep.c) is not part of this test. */
__attribute__((weak)) void lock_mark_usage(raw_spinlock_t *lock, unsigned int bit)
{
}

/* --- system calls through their entry points ------------------------------- */

#define SYSCALLS(X) X(read) X(write) X(open) X(openat) X(close) X(lseek) X(newfstat) \
	X(newstat) X(newlstat) X(newfstatat) X(getdents64) X(dup) X(dup2) X(dup3) X(fcntl) \
	X(pipe2) X(poll) X(ioctl) X(chdir) X(getcwd) X(mkdir) X(unlink) X(rmdir) \
	X(symlink) X(readlink) X(readv) X(writev) X(pread64) X(umask) X(ftruncate) X(access) \
	X(pwrite64) X(preadv) X(pwritev) X(truncate)
#define DECLARE(n) long __x64_sys_##n(const struct pt_regs *regs);
SYSCALLS(DECLARE)

static long call(long (*fn)(const struct pt_regs *), long a, long b, long c, long d)
{
	struct pt_regs regs = { .di = a, .si = b, .dx = c, .r10 = d };

	return fn(&regs);
}

#define sys(name, ...) sys_n(__x64_sys_##name, ##__VA_ARGS__, 0, 0, 0, 0)
#define sys_n(fn, a, b, c, d, ...) call(fn, (long)(a), (long)(b), (long)(c), (long)(d))

/*
 * Every test starts from a new root and leaves the old tree behind: the
 * kernel never tears its root down, so there is no code to free it with.
 */
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}

/* --- fixture ------------------------------------------------------------------ */

static int fresh_root(void **state)
{
	host_log_reset();
	root_dentry = NULL;	/* a new tree per test (the old one is leaked) */
	assert_int_equal(mnt_init(), 0);
	register_fake_proc();
	current->files = alloc_files_struct();
	current->pid = 1;
	fake_signal = false;
	sent_signal = 0;
	fake_nofile = 1024;	/* Linux's defaults */
	fake_fsize = RLIM_INFINITY;
	console_len = 0;
	console_out[0] = '\0';
	return 0;
}

static int drop_files(void **state)
{
	exit_files(current);
	return 0;
}

/* An archive under construction. */
struct cpio {
	char *buf;
	size_t len;
};

static void cpio_raw(struct cpio *c, const void *p, size_t n)
{
	if (!n)
		return;
	c->buf = realloc(c->buf, c->len + n + 1);
	memcpy(c->buf + c->len, p, n);
	c->len += n;
}

static void cpio_pad(struct cpio *c)
{
	while (c->len & 3)
		cpio_raw(c, "", 1);
}

static void cpio_entry_magic(struct cpio *c, const char *magic, const char *name, unsigned int mode,
			     const void *data, size_t size, unsigned int rmaj, unsigned int rmin)
{
	char hdr[160];
	unsigned int sum = 0;
	size_t i;

	for (i = 0; i < size; i++)
		sum += ((const u8 *)data)[i];
	snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		 magic, 1, mode, 0, 0, 1, 1700000000, size, 0, 0, rmaj, rmin, strlen(name) + 1,
		 strcmp(magic, "070702") ? 0 : sum);
	cpio_raw(c, hdr, 110);
	cpio_raw(c, name, strlen(name) + 1);
	cpio_pad(c);
	cpio_raw(c, data, size);
	cpio_pad(c);
}

static void cpio_entry(struct cpio *c, const char *name, unsigned int mode, const char *data)
{
	cpio_entry_magic(c, "070701", name, mode, data, data ? strlen(data) : 0, 0, 0);
}

static void cpio_trailer(struct cpio *c)
{
	cpio_entry(c, "TRAILER!!!", 0, NULL);
}

#define assert_unpacks(buf, len) do {					\
	const char *__msg = unpack_to_rootfs(buf, len);			\
	if (__msg)							\
		fail_msg("unpacking failed: %s", __msg);		\
} while (0)

static char *read_all(const char *path)
{
	static char buf[8192];
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return NULL;
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	filp_close(f);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

static umode_t mode_of(const char *path)
{
	struct kstat st;

	if (init_stat(path, &st, AT_SYMLINK_NOFOLLOW))
		return 0;
	return st.mode;
}

/* --- the initramfs ------------------------------------------------------------- */

static void newc_archive_makes_dirs_files_links_and_nodes(void **state)
{
	struct cpio c = { 0 };
	struct kstat st;
	char link[64];

	cpio_entry(&c, ".", S_IFDIR | 0755, NULL);
	cpio_entry(&c, "bin", S_IFDIR | 0750, NULL);
	cpio_entry(&c, "bin/hello", S_IFREG | 0755, "hello world\n");
	cpio_entry(&c, "bin/sh", S_IFLNK | 0777, "hello");
	cpio_entry_magic(&c, "070701", "dev/null2", S_IFCHR | 0666, NULL, 0, 1, 3);
	cpio_trailer(&c);
	assert_unpacks(c.buf, c.len);
	assert_int_equal(mode_of("/bin"), S_IFDIR | 0750);
	assert_int_equal(mode_of("/bin/hello"), S_IFREG | 0755);
	assert_int_equal(mode_of("/bin/sh"), S_IFLNK | 0777);
	assert_string_equal(read_all("/bin/hello"), "hello world\n");
	assert_string_equal(read_all("/bin/sh"), "hello world\n");	/* through the link */
	assert_int_equal(sys(readlink, "/bin/sh", link, sizeof(link)), 5);
	assert_memory_equal(link, "hello", 5);
	assert_int_equal(init_stat("/dev/null2", &st, 0), 0);
	assert_int_equal(st.mode, S_IFCHR | 0666);
	assert_int_equal(st.rdev, MKDEV(1, 3));
	assert_int_equal(init_stat("/bin/hello", &st, 0), 0);
	assert_int_equal(st.mtime, 1700000000);
	free(c.buf);
}

static void crc_variant_checks_the_data_sum(void **state)
{
	struct cpio good = { 0 }, bad = { 0 };

	cpio_entry_magic(&good, "070702", "f", S_IFREG | 0644, "abc", 3, 0, 0);
	cpio_trailer(&good);
	assert_unpacks(good.buf, good.len);
	assert_string_equal(read_all("/f"), "abc");
	cpio_entry_magic(&bad, "070702", "g", S_IFREG | 0644, "abc", 3, 0, 0);
	bad.buf[110 - 8] ^= 1;	/* the check field's last digit */
	cpio_trailer(&bad);
	assert_string_equal(unpack_to_rootfs(bad.buf, bad.len), "bad data checksum");
	free(good.buf);
	free(bad.buf);
}

static void later_archives_override_earlier_ones(void **state)
{
	struct cpio c = { 0 };

	cpio_entry(&c, "etc", S_IFDIR | 0755, NULL);
	cpio_entry(&c, "etc/motd", S_IFREG | 0644, "first, and longer\n");
	cpio_entry(&c, "etc/thing", S_IFDIR | 0755, NULL);
	cpio_trailer(&c);
	cpio_raw(&c, "\0\0\0\0\0\0\0\0", 8);	/* padding between archives */
	cpio_entry(&c, "etc/motd", S_IFREG | 0600, "second\n");
	cpio_entry(&c, "etc/thing", S_IFREG | 0644, "now a file\n");	/* replaces the directory */
	cpio_trailer(&c);
	assert_unpacks(c.buf, c.len);
	assert_string_equal(read_all("/etc/motd"), "second\n");
	assert_int_equal(mode_of("/etc/motd"), S_IFREG | 0600);
	assert_string_equal(read_all("/etc/thing"), "now a file\n");
	free(c.buf);
}

static void gzip_archive_from_the_host_unpacks(void **state)
{
	char *big;

	assert_unpacks(cpio_gz, sizeof(cpio_gz));
	assert_string_equal(read_all("/bin/hello"), "#!/bin/sh\necho hello\n");
	assert_int_equal(mode_of("/bin/sh"), S_IFLNK | 0777);
	assert_int_equal(mode_of("/etc"), S_IFDIR | 0700);
	big = read_all("/etc/big");
	assert_non_null(big);
	assert_int_equal(strlen(big), 6000);
	assert_memory_equal(big, "00000 ", 6);
}

static void plain_then_gzip_archives_concatenate(void **state)
{
	struct cpio c = { 0 };

	cpio_entry(&c, "first", S_IFREG | 0644, "plain\n");
	cpio_trailer(&c);
	cpio_raw(&c, cpio_gz, sizeof(cpio_gz));
	assert_unpacks(c.buf, c.len);
	assert_string_equal(read_all("/first"), "plain\n");
	assert_non_null(read_all("/etc/big"));
	free(c.buf);
}

static void archive_without_trailer_is_accepted(void **state)
{
	struct cpio c = { 0 };

	cpio_entry(&c, "a", S_IFREG | 0644, "x");
	assert_unpacks(c.buf, c.len);
	assert_string_equal(read_all("/a"), "x");
	free(c.buf);
}

static void bad_magic_is_rejected(void **state)
{
	struct cpio c = { 0 };

	cpio_entry_magic(&c, "070707", "a", S_IFREG | 0644, "x", 1, 0, 0);	/* odc, not newc */
	assert_string_equal(unpack_to_rootfs(c.buf, c.len), "no cpio magic");
	assert_string_equal(unpack_to_rootfs("junk", 4), "invalid magic at start of compressed archive");
	assert_non_null(strstr(unpack_to_rootfs("\xfd" "7zXZ\0\0", 6), "not supported"));
	free(c.buf);
}

/* Each prefix in an exact-size buffer: ASan would see any read past it. */
static void every_truncation_is_rejected_or_complete(void **state)
{
	struct cpio c = { 0 };
	size_t len, ends[3];

	cpio_entry(&c, "dir", S_IFDIR | 0755, NULL);
	ends[0] = c.len;
	cpio_entry(&c, "dir/file", S_IFREG | 0644, "some data here");
	ends[1] = c.len;
	cpio_entry(&c, "dir/link", S_IFLNK | 0777, "file");
	ends[2] = c.len;
	cpio_trailer(&c);
	for (len = 1; len < c.len; len++) {
		bool whole_entries = len == ends[0] || len == ends[1] || len == ends[2];
		char *copy = malloc(len);
		const char *msg;

		memcpy(copy, c.buf, len);
		msg = unpack_to_rootfs(copy, len);
		if (whole_entries && msg)
			fail_msg("prefix of %zu bytes (whole entries) rejected: %s", len, msg);
		if (!whole_entries && !msg)
			fail_msg("prefix of %zu bytes accepted", len);
		free(copy);
	}
	free(c.buf);
}

static void truncated_gzip_archive_is_rejected(void **state)
{
	size_t len;

	for (len = 1; len < sizeof(cpio_gz); len += 61) {
		u8 *copy = malloc(len);

		memcpy(copy, cpio_gz, len);
		assert_non_null(unpack_to_rootfs(copy, len));
		free(copy);
	}
}

static void name_without_nul_is_rejected(void **state)
{
	struct cpio c = { 0 };

	cpio_entry(&c, "abc", S_IFREG | 0644, "x");
	c.buf[110 + 3] = 'd';	/* the NUL that namesize counts */
	assert_string_equal(unpack_to_rootfs(c.buf, c.len), "malformed archive: name without its NUL");
	free(c.buf);
}

static void name_with_early_nul_is_rejected(void **state)
{
	struct cpio c = { 0 };

	cpio_entry(&c, "abc", S_IFREG | 0644, "x");
	c.buf[110 + 1] = '\0';
	assert_string_equal(unpack_to_rootfs(c.buf, c.len), "malformed archive: name without its NUL");
	free(c.buf);
}

static void oversized_fields_are_rejected(void **state)
{
	struct cpio c = { 0 };
	char big[PATH_MAX + 10];

	cpio_entry(&c, "abc", S_IFREG | 0644, "x");
	memcpy(c.buf + 6 + 11 * 8, "00002000", 8);	/* namesize 8192 */
	assert_string_equal(unpack_to_rootfs(c.buf, c.len), "malformed archive: bad name size");
	memcpy(c.buf + 6 + 11 * 8, "00000000", 8);
	assert_string_equal(unpack_to_rootfs(c.buf, c.len), "malformed archive: bad name size");
	memcpy(c.buf + 6 + 11 * 8, "0000000G", 8);
	assert_string_equal(unpack_to_rootfs(c.buf, c.len),
			    "malformed archive: header field not hexadecimal");
	free(c.buf);

	memset(&c, 0, sizeof(c));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cpio_entry(&c, "l", S_IFLNK | 0777, big);
	assert_string_equal(unpack_to_rootfs(c.buf, c.len),
			    "malformed archive: symlink target too long");
	free(c.buf);
}

static void misaligned_second_archive_is_rejected(void **state)
{
	struct cpio c = { 0 };

	cpio_entry(&c, "a", S_IFREG | 0644, "x");
	cpio_trailer(&c);
	cpio_raw(&c, "\0\0", 2);
	cpio_entry(&c, "b", S_IFREG | 0644, "y");
	assert_non_null(unpack_to_rootfs(c.buf, c.len));
	free(c.buf);
}

/* --- path lookup ------------------------------------------------------------------ */

static void make_tree(void)
{
	assert_int_equal(init_mkdir("/a", 0755), 0);
	assert_int_equal(init_mkdir("/a/b", 0755), 0);
	assert_int_equal(init_mknod("/a/b/f", S_IFREG | 0644, 0), 0);
	assert_int_equal(init_symlink("b/f", "/a/rel"), 0);
	assert_int_equal(init_symlink("/a/b", "/a/abs"), 0);
	assert_int_equal(init_symlink("loop2", "/a/loop1"), 0);
	assert_int_equal(init_symlink("loop1", "/a/loop2"), 0);
	assert_int_equal(init_symlink("nowhere", "/a/dangling"), 0);
}

static long open_err(const char *path, int flags)
{
	long fd = sys(open, path, flags, 0644);

	if (fd >= 0)
		sys(close, fd);
	return fd < 0 ? fd : 0;
}

static void lookup_follows_dots_and_links(void **state)
{
	make_tree();
	assert_int_equal(open_err("/a/b/f", O_RDONLY), 0);
	assert_int_equal(open_err("/a/./b/../b/f", O_RDONLY), 0);
	assert_int_equal(open_err("/../../a/b/f", O_RDONLY), 0);	/* ".." stops at the root */
	assert_int_equal(open_err("//a///b//f", O_RDONLY), 0);
	assert_int_equal(open_err("/a/rel", O_RDONLY), 0);
	assert_int_equal(open_err("/a/abs/f", O_RDONLY), 0);
	assert_int_equal(open_err("/a/abs/", O_RDONLY), 0);	/* a link to a directory with a slash */
}

static void lookup_errors_are_linuxs(void **state)
{
	char name[300];

	make_tree();
	assert_int_equal(open_err("/a/b/f/", O_RDONLY), -ENOTDIR);
	assert_int_equal(open_err("/a/b/f/x", O_RDONLY), -ENOTDIR);
	assert_int_equal(open_err("/a/nope", O_RDONLY), -ENOENT);
	assert_int_equal(open_err("", O_RDONLY), -ENOENT);
	assert_int_equal(open_err("/a/loop1", O_RDONLY), -ELOOP);
	assert_int_equal(open_err("/a/dangling", O_RDONLY), -ENOENT);
	assert_int_equal(open_err("/a/rel", O_RDONLY | O_NOFOLLOW), -ELOOP);
	assert_int_equal(open_err("/a/b/f", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	assert_int_equal(open_err("/a/b", O_WRONLY), -EISDIR);
	assert_int_equal(open_err("/a/b", O_RDONLY | O_CREAT), -EISDIR);
	assert_int_equal(open_err("/a/b/f", O_RDONLY | O_CREAT | O_EXCL), -EEXIST);
	assert_int_equal(open_err("/a/nodir/new", O_RDONLY | O_CREAT), -ENOENT);
	assert_int_equal(sys(open, NULL, O_RDONLY, 0), -EFAULT);
	memset(name, 'x', sizeof(name));
	name[0] = '/';
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(open_err(name, O_RDONLY), -ENAMETOOLONG);
}

static void create_remove_and_their_errors(void **state)
{
	make_tree();
	assert_int_equal(sys(mkdir, "/a/b", 0755), -EEXIST);
	assert_int_equal(sys(mkdir, "/a/new/", 0755), 0);
	assert_int_equal(sys(rmdir, "/a/b"), -ENOTEMPTY);
	assert_int_equal(sys(rmdir, "/a/b/f"), -ENOTDIR);
	assert_int_equal(sys(unlink, "/a/b"), -EISDIR);
	assert_int_equal(sys(unlink, "/a/rel"), 0);	/* the link, not its target */
	assert_int_equal(open_err("/a/b/f", O_RDONLY), 0);
	assert_int_equal(sys(unlink, "/a/b/f"), 0);
	assert_int_equal(sys(unlink, "/a/b/f"), -ENOENT);
	assert_int_equal(sys(rmdir, "/a/b"), 0);
	assert_int_equal(sys(rmdir, "/proc"), -EBUSY);
	assert_int_equal(sys(symlink, "target", "/a/new/l"), 0);
	assert_int_equal(sys(symlink, "target", "/a/new/l"), -EEXIST);
}

static void relative_paths_follow_the_working_directory(void **state)
{
	char cwd[64];

	make_tree();
	assert_int_equal(sys(chdir, "/a/abs"), 0);
	assert_int_equal(sys(getcwd, cwd, sizeof(cwd)), 5);
	assert_string_equal(cwd, "/a/b");
	assert_int_equal(open_err("f", O_RDONLY), 0);
	assert_int_equal(open_err("../rel", O_RDONLY), 0);
	assert_int_equal(sys(getcwd, cwd, 3), -ERANGE);
	assert_int_equal(sys(chdir, "/a/b/f"), -ENOTDIR);
	assert_int_equal(sys(chdir, "/a"), 0);
	assert_int_equal(sys(rmdir, "b/.."), -ENOTEMPTY);
	assert_int_equal(sys(unlink, "b/f"), 0);
	assert_int_equal(sys(chdir, "b"), 0);
	assert_int_equal(sys(rmdir, "/a/b"), 0);
	assert_int_equal(sys(getcwd, cwd, sizeof(cwd)), -ENOENT);	/* removed under us */
}

static void openat_starts_at_a_directory_descriptor(void **state)
{
	struct stat st;
	long dfd, fd;

	make_tree();
	dfd = sys(open, "/a/b", O_RDONLY | O_DIRECTORY);
	assert_true(dfd >= 0);
	fd = sys(openat, dfd, "f", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(sys(newfstatat, dfd, "f", &st, 0), 0);
	assert_int_equal(st.st_mode, S_IFREG | 0644);
	assert_int_equal(sys(newfstatat, fd, "", &st, AT_EMPTY_PATH), 0);
	assert_int_equal(st.st_mode, S_IFREG | 0644);
	assert_int_equal(sys(newfstatat, fd, "x", &st, 0), -ENOTDIR);
	assert_int_equal(sys(newfstatat, AT_FDCWD, "/a/rel", &st, AT_SYMLINK_NOFOLLOW), 0);
	assert_int_equal(st.st_mode & S_IFMT, S_IFLNK);
	assert_int_equal(sys(newfstatat, 99, "f", &st, 0), -EBADF);
	assert_int_equal(sys(newfstatat, AT_FDCWD, "/a", &st, 0x8000), -EINVAL);
	sys(close, fd);
	sys(close, dfd);
}

/* --- reading, writing, seeking, stat --------------------------------------------- */

static void read_write_seek_and_stat(void **state)
{
	struct iovec iov[2];
	char buf[16] = { 0 };
	struct stat st;
	long fd;

	fd = sys(open, "/file", O_RDWR | O_CREAT | O_TRUNC, 0666);
	assert_int_equal(fd, 0);
	assert_int_equal(sys(write, fd, "hello, world", 12), 12);
	assert_int_equal(sys(lseek, fd, 0, SEEK_CUR), 12);
	assert_int_equal(sys(lseek, fd, 7, SEEK_SET), 7);
	assert_int_equal(sys(read, fd, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "world");
	assert_int_equal(sys(read, fd, buf, sizeof(buf)), 0);
	assert_int_equal(sys(lseek, fd, -1, SEEK_SET), -EINVAL);
	assert_int_equal(sys(lseek, fd, 0, 7), -EINVAL);
	assert_int_equal(sys(lseek, fd, 8192, SEEK_SET), 8192);	/* past the end: a hole */
	assert_int_equal(sys(write, fd, "!", 1), 1);
	assert_int_equal(sys(pread64, fd, buf, 4, 100), 4);
	assert_memory_equal(buf, "\0\0\0\0", 4);
	assert_int_equal(sys(newfstat, fd, &st), 0);
	assert_int_equal(st.st_size, 8193);
	assert_int_equal(st.st_mode, S_IFREG | 0644);	/* umask 022 */
	assert_int_equal(st.st_nlink, 1);
	assert_int_equal(sys(read, fd, NULL, 4), 0);	/* at the end: nothing to copy */
	assert_int_equal(sys(pread64, fd, NULL, 4, 0), -EFAULT);
	assert_int_equal(sys(write, fd, NULL, 4), -EFAULT);
	iov[0] = (struct iovec){ "ab", 2 };
	iov[1] = (struct iovec){ "cd", 2 };
	assert_int_equal(sys(writev, fd, iov, 2), 4);
	assert_int_equal(sys(ftruncate, fd, 5), 0);
	assert_int_equal(sys(lseek, fd, 0, SEEK_END), 5);
	assert_int_equal(sys(close, fd), 0);
	assert_int_equal(sys(close, fd), -EBADF);
	fd = sys(open, "/file", O_WRONLY | O_APPEND);
	assert_int_equal(sys(write, fd, "XY", 2), 2);
	assert_int_equal(sys(read, fd, buf, 1), -EBADF);
	sys(close, fd);
	assert_string_equal(read_all("/file"), "helloXY");
	assert_int_equal(sys(newstat, "/file", &st), 0);
	assert_int_equal(st.st_size, 7);
	assert_int_equal(sys(newstat, "/file", NULL), -EFAULT);
	assert_int_equal(sys(access, "/file", X_OK), -EACCES);
	assert_int_equal(sys(access, "/file", R_OK | W_OK), 0);
}

#define KERNEL_PTR	((void *)0xffff888000001000UL)	/* in the kernel half: access_ok says no */
#define GiB		(1L << 30)

/* A byte at 1 GiB costs a page and the tree nodes above it, not a table of 2^18 slots. */
static void sparse_file_costs_its_pages_and_truncate_frees_them(void **state)
{
	char buf[8] = "xxxxxxx";
	long fd, before;

	fd = sys(open, "/sparse", O_RDWR | O_CREAT, 0644);
	before = live_allocs;
	assert_int_equal(sys(pwrite64, fd, "A", 1, GiB), 1);
	assert_true(live_allocs - before <= 5);		/* the page and four nodes */
	assert_int_equal(sys(pwrite64, fd, "B", 1, 3 * GiB), 1);
	assert_true(live_allocs - before <= 10);
	assert_int_equal(sys(pread64, fd, buf, 4, GiB - 2), 4);
	assert_memory_equal(buf, "\0\0A\0", 4);	/* the hole reads as zeros */
	assert_int_equal(sys(pread64, fd, buf, 2, 2 * GiB), 2);
	assert_memory_equal(buf, "\0\0", 2);
	assert_int_equal(sys(ftruncate, fd, GiB + 1), 0);	/* keeps the page with "A" */
	assert_int_equal(sys(pread64, fd, buf, 8, GiB), 1);
	assert_int_equal(buf[0], 'A');
	assert_true(live_allocs - before <= 5);
	assert_int_equal(sys(ftruncate, fd, 0), 0);
	assert_int_equal(live_allocs, before);
	assert_int_equal(sys(ftruncate, fd, 2 * GiB), 0);	/* growing is a hole: free */
	assert_int_equal(live_allocs, before);
	sys(close, fd);
}

/* Linux's limits on a write, checked before any page is allocated. */
static void write_offsets_and_sizes_are_bounded(void **state)
{
	long fd = sys(open, "/big", O_RDWR | O_CREAT, 0644), before = live_allocs;
	struct stat st;
	char c;

	assert_int_equal(sys(pwrite64, fd, "x", 1, -1), -EINVAL);
	assert_int_equal(sys(pread64, fd, &c, 1, -1), -EINVAL);
	assert_int_equal(sys(pwrite64, fd, "x", 1, INT64_MAX), -EINVAL);	/* pos + count wraps */
	assert_int_equal(live_allocs, before);
	assert_int_equal(sys(lseek, fd, INT64_MAX, SEEK_SET), INT64_MAX);	/* s_maxbytes */
	assert_int_equal(sys(lseek, fd, 1, SEEK_CUR), -EINVAL);
	assert_int_equal(sys(lseek, fd, -1, SEEK_SET), -EINVAL);
	assert_int_equal(sys(lseek, fd, 0, SEEK_SET), 0);
	assert_int_equal(sys(ftruncate, fd, -1), -EINVAL);
	assert_int_equal(sys(truncate, "/big", -1), -EINVAL);
	assert_int_equal(sys(truncate, "/", 0), -EISDIR);
	/* Sparse: a byte at 2^62 is one page, and a write may end at LLONG_MAX. */
	assert_int_equal(sys(pwrite64, fd, "x", 1, 1L << 62), 1);
	assert_int_equal(sys(pwrite64, fd, "abcd", 4, INT64_MAX - 4), 4);
	assert_int_equal(sys(newfstat, fd, &st), 0);
	assert_int_equal(st.st_size, INT64_MAX);
	assert_int_equal(sys(lseek, fd, 0, SEEK_END), INT64_MAX);
	assert_int_equal(sys(ftruncate, fd, 0), 0);
	assert_int_equal(live_allocs, before);
	sys(close, fd);
}

/* Kernel pointers fail with -EFAULT before anything else: an empty pipe does not say -EAGAIN. */
static void kernel_pointers_fail_before_the_file_is_asked(void **state)
{
	struct iovec iov[2] = { { "ab", 2 }, { KERNEL_PTR, 1 } };
	static struct iovec many[UIO_MAXIOV + 1];
	char buf[4];
	int fds[2];
	long fd;

	assert_int_equal(sys(pipe2, fds, O_NONBLOCK), 0);
	assert_int_equal(sys(read, fds[0], buf, 1), -EAGAIN);
	assert_int_equal(sys(read, fds[0], KERNEL_PTR, 1), -EFAULT);
	assert_int_equal(sys(read, fds[0], buf, (size_t)-1), -EFAULT);	/* the range wraps */
	assert_int_equal(sys(write, fds[1], KERNEL_PTR, 1), -EFAULT);
	assert_int_equal(sys(readv, fds[0], iov, 2), -EFAULT);
	assert_int_equal(sys(writev, fds[1], iov, 2), -EFAULT);	/* nothing of "ab" sent */
	assert_int_equal(sys(read, fds[0], buf, 4), -EAGAIN);
	assert_int_equal(sys(readv, fds[0], many, UIO_MAXIOV + 1), -EINVAL);
	assert_int_equal(sys(readv, fds[0], many, UIO_MAXIOV), 0);	/* all empty */
	iov[1] = (struct iovec){ buf, (size_t)-1 };
	assert_int_equal(sys(readv, fds[0], iov, 2), -EINVAL);	/* a length below 0 */
	iov[1] = (struct iovec){ KERNEL_PTR, 1 };
	assert_int_equal(sys(readv, fds[1], iov, 2), -EFAULT);	/* the vector before the mode */
	iov[1] = (struct iovec){ "cd", 2 };
	assert_int_equal(sys(readv, fds[1], iov, 2), -EBADF);
	assert_int_equal(sys(preadv, fds[0], iov, 2, 0), -ESPIPE);

	fd = sys(open, "/v", O_RDWR | O_CREAT, 0644);
	assert_int_equal(sys(pwritev, fd, iov, 2, 10), 4);
	assert_int_equal(sys(lseek, fd, 0, SEEK_CUR), 0);	/* the position is not moved */
	iov[0] = (struct iovec){ buf, 1 };
	iov[1] = (struct iovec){ buf + 1, 3 };
	assert_int_equal(sys(preadv, fd, iov, 2, 10), 4);
	assert_memory_equal(buf, "abcd", 4);
	assert_int_equal(sys(preadv, fd, iov, 2, -1), -EINVAL);
	assert_int_equal(sys(pread64, fd, KERNEL_PTR, 1, 0), -EFAULT);
	sys(close, fd);
}

static void dev_null_zero_and_umask(void **state)
{
	char buf[4] = "abc";
	long fd;

	fd = sys(open, "/dev/zero", O_RDONLY);
	assert_int_equal(sys(read, fd, buf, 3), 3);
	assert_memory_equal(buf, "\0\0\0", 3);
	sys(close, fd);
	fd = sys(open, "/dev/null", O_RDWR);
	assert_int_equal(sys(write, fd, "x", 1), 1);
	assert_int_equal(sys(read, fd, buf, 3), 0);
	assert_int_equal(sys(ioctl, fd, TCGETS, buf), -ENOTTY);	/* isatty() says no */
	sys(close, fd);
	assert_int_equal(sys(umask, 077), 022);
	fd = sys(open, "/private", O_CREAT | O_WRONLY, 0666);
	sys(close, fd);
	assert_int_equal(mode_of("/private"), S_IFREG | 0600);
}

/* --- the descriptor table ---------------------------------------------------------- */

static void descriptors_are_lowest_free_and_dups_share_the_file(void **state)
{
	long a, b, c;

	a = sys(open, "/dev/null", O_RDONLY);
	b = sys(open, "/dev/null", O_RDONLY);
	c = sys(open, "/dev/null", O_RDONLY);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(c, 2);
	assert_int_equal(sys(close, b), 0);
	assert_int_equal(sys(dup, a), 1);
	assert_int_equal(sys(dup2, a, 10), 10);
	assert_int_equal(sys(dup2, a, a), a);
	assert_int_equal(sys(dup2, 55, 5), -EBADF);
	assert_int_equal(sys(dup3, a, a, 0), -EINVAL);
	assert_int_equal(sys(dup3, a, 11, O_CLOEXEC), 11);
	assert_int_equal(sys(fcntl, 11, F_GETFD), FD_CLOEXEC);
	assert_int_equal(sys(fcntl, 10, F_GETFD), 0);
	assert_int_equal(sys(dup3, a, 12, O_RDONLY | 0x4), -EINVAL);
	assert_int_equal(sys(fcntl, a, F_DUPFD, 20), 20);
	assert_int_equal(sys(fcntl, a, F_DUPFD_CLOEXEC, 20), 21);
	assert_int_equal(sys(fcntl, 21, F_GETFD), FD_CLOEXEC);
	assert_int_equal(sys(fcntl, a, F_DUPFD, 5000), -EINVAL);
	assert_int_equal(sys(dup, a), 3);	/* the lowest free again */
	assert_int_equal(current->files->fdt.fd[0]->f_count.counter, 7);
}

static void close_on_exec_closes_only_the_marked(void **state)
{
	long a = sys(open, "/dev/null", O_RDONLY | O_CLOEXEC);
	long b = sys(open, "/dev/null", O_RDONLY);

	assert_int_equal(sys(fcntl, b, F_SETFD, FD_CLOEXEC), 0);
	assert_int_equal(sys(fcntl, b, F_SETFD, 0), 0);
	assert_int_equal(sys(ioctl, b, FIOCLEX, 0), 0);
	assert_int_equal(sys(ioctl, b, FIONCLEX, 0), 0);
	do_close_on_exec(current->files);
	assert_int_equal(sys(fcntl, a, F_GETFD), -EBADF);
	assert_int_equal(sys(fcntl, b, F_GETFD), 0);
}

static void table_grows_to_the_limit(void **state)
{
	long fd, last = -1;

	while ((fd = sys(open, "/dev/null", O_RDONLY)) >= 0)
		last = fd;
	assert_int_equal(fd, -EMFILE);
	assert_int_equal(last, 1023);
	assert_int_equal(sys(dup2, 0, 1024), -EBADF);
	assert_int_equal(sys(close, 700), 0);
	assert_int_equal(sys(dup, 0), 700);
	assert_int_equal(sys(fcntl, 0, F_GETFL), O_RDONLY | O_LARGEFILE);
}

/* RLIMIT_NOFILE is the end of the table, whatever it is set to. */
static void nofile_limit_bounds_every_descriptor(void **state)
{
	struct pollfd p[2] = { { .fd = 0, .events = POLLIN }, { .fd = 1, .events = POLLIN } };
	long fd, last = -1;

	fake_nofile = 8;
	while ((fd = sys(open, "/dev/null", O_RDONLY)) >= 0)
		last = fd;
	assert_int_equal(fd, -EMFILE);
	assert_int_equal(last, 7);
	assert_int_equal(sys(dup2, 0, 8), -EBADF);
	assert_int_equal(sys(dup3, 0, 8, 0), -EBADF);
	assert_int_equal(sys(fcntl, 0, F_DUPFD, 8), -EINVAL);
	assert_int_equal(sys(poll, p, 9, 0), -EINVAL);	/* before the bad pointer is read */
	assert_int_equal(sys(poll, p, 2, 0), 2);
	fake_nofile = 2000;
	assert_int_equal(sys(dup2, 0, 1500), 1500);	/* the table grows past 1024 */
	assert_int_equal(sys(fcntl, 0, F_DUPFD, 1900), 1900);
}

/* Past RLIMIT_FSIZE a write is -EFBIG with SIGXFSZ; one crossing it is cut short. */
static void fsize_limit_cuts_writes_and_sends_sigxfsz(void **state)
{
	long fd = sys(open, "/limited", O_RDWR | O_CREAT, 0644);

	fake_fsize = 4096;
	assert_int_equal(sys(pwrite64, fd, "abcd", 4, 4094), 2);
	assert_int_equal(sent_signal, 0);
	assert_int_equal(sys(pwrite64, fd, "abcd", 4, 4096), -EFBIG);
	assert_int_equal(sent_signal, SIGXFSZ);
	sent_signal = 0;
	assert_int_equal(sys(ftruncate, fd, 4097), -EFBIG);
	assert_int_equal(sent_signal, SIGXFSZ);
	sent_signal = 0;
	assert_int_equal(sys(ftruncate, fd, 100), 0);	/* shrinking is always allowed */
	assert_int_equal(sys(ftruncate, fd, 4096), 0);
	assert_int_equal(sent_signal, 0);
	sys(close, fd);
}

static void fork_copy_shares_files_not_slots(void **state)
{
	struct files_struct *parent = current->files, *child;
	long fd = sys(open, "/file2", O_RDWR | O_CREAT, 0644);
	char buf[4];

	sys(open, "/dev/null", O_RDONLY | O_CLOEXEC);
	child = dup_fd(parent);
	assert_false(IS_ERR(child));
	current->files = child;
	assert_int_equal(sys(write, fd, "ab", 2), 2);	/* the shared position moves... */
	assert_int_equal(sys(fcntl, fd + 1, F_GETFD), FD_CLOEXEC);
	assert_int_equal(sys(close, fd), 0);
	current->files = parent;
	assert_int_equal(sys(write, fd, "cd", 2), 2);	/* ...for the parent too */
	assert_int_equal(sys(pread64, fd, buf, 4, 0), 4);
	assert_memory_equal(buf, "abcd", 4);
	put_files_struct(child);
}

/* --- directories and /proc ------------------------------------------------------------ */

/* Names getdents64 returns for path, joined by spaces, with each record checked. */
static char *list_dir(const char *path, unsigned int bufsize)
{
	static char names[1024];
	char buf[1024];
	long fd = sys(open, path, O_RDONLY | O_DIRECTORY), n;

	names[0] = '\0';
	assert_true(fd >= 0);
	while ((n = sys(getdents64, fd, buf, bufsize)) > 0) {
		long off = 0;

		while (off < n) {
			struct linux_dirent64 *d = (void *)(buf + off);

			assert_int_equal(d->d_reclen % 8, 0);
			assert_true(d->d_ino != 0);
			strcat(names, d->d_name);
			strcat(names, d->d_type == DT_DIR ? "/ " : " ");
			off += d->d_reclen;
		}
	}
	assert_int_equal(n, 0);
	sys(close, fd);
	return names;
}

static void getdents_lists_in_order_and_resumes(void **state)
{
	char buf[16];
	long fd;

	make_tree();
	assert_string_equal(list_dir("/a", 1024),
			    "./ ../ b/ rel abs loop1 loop2 dangling ");
	assert_string_equal(list_dir("/a", 40), "./ ../ b/ rel abs loop1 loop2 dangling ");
	fd = sys(open, "/a", O_RDONLY);
	assert_int_equal(sys(getdents64, fd, buf, sizeof(buf)), -EINVAL);	/* no room for one */
	assert_int_equal(sys(getdents64, fd, NULL, 1024), -EFAULT);
	assert_int_equal(sys(read, fd, buf, 4), -EISDIR);
	sys(close, fd);
	fd = sys(open, "/a/b/f", O_RDONLY);
	assert_int_equal(sys(getdents64, fd, buf, sizeof(buf)), -ENOTDIR);
	sys(close, fd);
}

static void proc_is_a_directory_of_rendered_files(void **state)
{
	char buf[20000];
	long fd, n, total = 0;
	struct stat st;

	assert_string_equal(list_dir("/proc", 1024), "./ ../ version interrupts net/ ");
	assert_string_equal(list_dir("/proc/net", 1024), "./ ../ softnet_stat dev ");
	assert_null(read_all("/proc/version"));	/* kernel_read() serves regular files only */
	fd = sys(open, "/proc/net/dev", O_RDONLY);
	assert_int_equal(sys(read, fd, buf, sizeof(buf)), 20);
	assert_memory_equal(buf, "contents of net/dev\n", 20);
	sys(close, fd);
	assert_int_equal(sys(newstat, "/proc/net", &st), 0);
	assert_int_equal(st.st_mode, S_IFDIR | 0555);
	fd = sys(open, "/proc/interrupts", O_RDONLY);
	while ((n = sys(read, fd, buf + total, 3000)) > 0)
		total += n;
	assert_int_equal(total, 10000);	/* rendered again with a bigger buffer */
	assert_int_equal(sys(lseek, fd, 0, SEEK_END), 10000);
	assert_int_equal(sys(write, fd, "x", 1), -EBADF);
	sys(close, fd);
	assert_int_equal(open_err("/proc/nothing", O_RDONLY), -ENOENT);
	assert_int_equal(open_err("/proc/net/version", O_RDONLY), -ENOENT);
}

/* A writable file's data: what the last write passed, and its answer. */
struct fake_attr {
	char last[8192];
	size_t last_count;
	ssize_t ret;		/* 0: return count */
	int writes;
};

static int fake_attr_seq_show(struct seq_file *m, void *v)
{
	struct fake_attr *a = m->private;

	m->count = min((size_t)snprintf(m->buf, m->size, "%s", a->last), m->size);
	return 0;
}

static ssize_t fake_attr_show(char *page, void *data)
{
	struct fake_attr *a = data;

	return snprintf(page, 4096, "%s", a->last);
}

static ssize_t fake_attr_write(const char *buf, size_t count, void *data)
{
	struct fake_attr *a = data;

	a->writes++;
	if (a->ret)
		return a->ret;
	assert_int_equal(buf[count], '\0');
	memcpy(a->last, buf, count + 1);
	a->last_count = count;
	return count;
}

static const struct kernfs_ops fake_attr_ops = {
	.seq_show = fake_attr_seq_show,
	.write = fake_attr_write,
};

static long open_fd(const char *path, int flags)
{
	long fd = sys(open, path, flags, 0);

	assert_true(fd >= 0);
	return fd;
}

/* The whole file through open() and read(), as a program reads it. */
static char *read_all_fd(const char *path)
{
	static char buf[8192];
	long fd = open_fd(path, O_RDONLY), n, total = 0;

	while ((n = sys(read, fd, buf + total, sizeof(buf) - 1 - total)) > 0)
		total += n;
	sys(close, fd);
	buf[total] = '\0';
	return buf;
}

static void proc_write_reaches_the_method_with_a_terminated_copy(void **state)
{
	static struct fake_attr a;
	static char big[6000];
	char buf[64];
	struct stat st;
	long fd;

	memset(&a, 0, sizeof(a));
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w1/knob", S_IFREG | 0644,
				       &fake_attr_ops, &a), 0);
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w1/knob", S_IFREG | 0644,
				       &fake_attr_ops, &a), -EEXIST);
	assert_int_equal(sys(newstat, "/proc/w1/knob", &st), 0);
	assert_int_equal(st.st_mode, S_IFREG | 0644);

	fd = open_fd("/proc/w1/knob", O_WRONLY);
	assert_int_equal(sys(write, fd, "f\n", 2), 2);
	assert_int_equal(a.last_count, 2);
	assert_string_equal(a.last, "f\n");
	/* At most a page less one byte reaches the method. */
	memset(big, '1', sizeof(big));
	assert_int_equal(sys(write, fd, big, sizeof(big)), 4095);
	assert_int_equal(a.last_count, 4095);
	assert_int_equal(sys(write, fd, (void *)0x100, 4), -EFAULT);
	a.ret = -EINVAL;
	assert_int_equal(sys(write, fd, "zz", 2), -EINVAL);
	assert_int_equal(a.last_count, 4095);
	a.ret = 0;
	sys(close, fd);

	assert_int_equal(sys(write, open_fd("/proc/w1/knob", O_RDWR), "abc", 3), 3);
	fd = open_fd("/proc/w1/knob", O_RDONLY);
	assert_int_equal(sys(read, fd, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "abc", 3);
	sys(close, fd);
	assert_int_equal(kernfs_remove_by_path(&proc_kernfs_root, "w1", true), 0);
}

static void proc_read_only_file_opens_for_writing_and_write_says_eio(void **state)
{
	long fd = open_fd("/proc/version", O_WRONLY);	/* root passes the mode check, as Linux */

	assert_int_equal(sys(write, fd, "1", 1), -EIO);
	sys(close, fd);
}

static void sysfs_open_checks_mode_and_methods(void **state)
{
	static struct fake_attr a;
	struct stat st;
	long fd;

	memset(&a, 0, sizeof(a));
	assert_int_equal(sysfs_create_file_rw("devices/x/rw", 0644, fake_attr_show,
					      fake_attr_write, &a), 0);
	assert_int_equal(sysfs_create_file_rw("devices/x/ro", 0444, fake_attr_show,
					      fake_attr_write, &a), 0);
	assert_int_equal(sysfs_create_file_rw("devices/x/wo", 0200, NULL, fake_attr_write, &a), 0);
	assert_int_equal(sys(newstat, "/sys/devices/x/ro", &st), 0);
	assert_int_equal(st.st_mode, S_IFREG | 0444);
	assert_int_equal(open_err("/sys/devices/x/ro", O_WRONLY), -EACCES);
	assert_int_equal(open_err("/sys/devices/x/wo", O_RDONLY), -EACCES);
	fd = open_fd("/sys/devices/x/wo", O_WRONLY);
	assert_int_equal(sys(write, fd, "5\n", 2), 2);
	sys(close, fd);
	fd = open_fd("/sys/devices/x/rw", O_RDWR);
	assert_int_equal(sys(write, fd, "77", 2), 2);
	sys(close, fd);
	assert_string_equal(read_all_fd("/sys/devices/x/ro"), "77");
	sysfs_remove_file("devices/x/rw");
	sysfs_remove_file("devices/x/ro");
	assert_string_equal(list_dir("/sys/devices/x", 1024), "./ ../ wo ");
	sysfs_remove_file("devices/x/wo");
	/* The directories that existed for the files go with the last one. */
	assert_int_equal(open_err("/sys/devices/x", O_RDONLY), -ENOENT);
	assert_int_equal(open_err("/sys/devices", O_RDONLY), -ENOENT);
}

static void proc_removed_file_keeps_its_snapshot_and_refuses_writes(void **state)
{
	static struct fake_attr a;
	char buf[64];
	struct stat st;
	long rfd, wfd;

	memset(&a, 0, sizeof(a));
	strcpy(a.last, "before");
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w2/d/knob", S_IFREG | 0644,
				       &fake_attr_ops, &a), 0);
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w2/d/empty", S_IFDIR | 0555,
				       NULL, NULL), 0);
	assert_string_equal(list_dir("/proc/w2/d", 1024), "./ ../ knob empty/ ");
	assert_string_equal(list_dir("/proc/w2/d/empty", 1024), "./ ../ ");
	rfd = open_fd("/proc/w2/d/knob", O_RDONLY);
	wfd = open_fd("/proc/w2/d/knob", O_WRONLY);
	assert_int_equal(kernfs_remove_by_path(&proc_kernfs_root, "w2/d/knob", false), 0);
	strcpy(a.last, "after");
	assert_int_equal(sys(read, rfd, buf, sizeof(buf)), 6);
	assert_memory_equal(buf, "before", 6);
	assert_int_equal(sys(write, wfd, "1", 1), -ENOENT);
	assert_int_equal(a.writes, 0);
	assert_int_equal(sys(newstat, "/proc/w2/d/knob", &st), -ENOENT);
	assert_string_equal(list_dir("/proc/w2/d", 1024), "./ ../ empty/ ");
	sys(close, rfd);
	sys(close, wfd);
	/* An explicit empty directory stays until removed; a subtree goes at once. */
	assert_int_equal(kernfs_remove_by_path(&proc_kernfs_root, "w2/d/empty", false), 0);
	assert_int_equal(sys(newstat, "/proc/w2", &st), -ENOENT);
	assert_int_equal(kernfs_remove_by_path(&proc_kernfs_root, "w2", true), -ENOENT);
}

static void proc_tree_grows_and_copies_names(void **state)
{
	static struct fake_attr a;
	char name[64], path[80];
	struct stat st;
	int i;

	for (i = 0; i < 600; i++) {
		snprintf(name, sizeof(name), "w3/%d/smp_affinity", i);
		assert_int_equal(kernfs_create(&proc_kernfs_root, name, S_IFREG | 0644,
					       &fake_attr_ops, &a), 0);
		memset(name, 'x', sizeof(name) - 1);	/* the tree kept its own copy */
	}
	assert_int_equal(sys(newstat, "/proc/w3/599/smp_affinity", &st), 0);
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w3/1/smp_affinity/x", S_IFREG | 0444,
				       &fake_attr_ops, &a), -ENOTDIR);
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w3//x", S_IFREG | 0444,
				       &fake_attr_ops, &a), -EINVAL);
	assert_int_equal(kernfs_create(&proc_kernfs_root, "w3/../x", S_IFREG | 0444,
				       &fake_attr_ops, &a), -EINVAL);
	for (i = 0; i < 600; i += 2) {
		snprintf(path, sizeof(path), "w3/%d", i);
		assert_int_equal(kernfs_remove_by_path(&proc_kernfs_root, path, true), 0);
	}
	assert_int_equal(sys(newstat, "/proc/w3/598/smp_affinity", &st), -ENOENT);
	assert_int_equal(sys(newstat, "/proc/w3/599/smp_affinity", &st), 0);
	assert_int_equal(kernfs_remove_by_path(&proc_kernfs_root, "w3", true), 0);
	assert_int_equal(sys(newstat, "/proc/w3", &st), -ENOENT);
	assert_string_equal(list_dir("/proc", 1024), "./ ../ version interrupts net/ ");
}

/* --- pipes and poll -------------------------------------------------------------------------- */

static void pipe_carries_bytes_then_end_of_file(void **state)
{
	int fds[2];
	char buf[8];

	assert_int_equal(sys(pipe2, fds, 0), 0);
	assert_int_equal(sys(write, fds[1], "ping", 4), 4);
	assert_int_equal(sys(read, fds[0], buf, sizeof(buf)), 4);
	assert_memory_equal(buf, "ping", 4);
	assert_int_equal(sys(lseek, fds[0], 0, SEEK_SET), -ESPIPE);
	assert_int_equal(sys(pread64, fds[0], buf, 1, 0), -ESPIPE);
	assert_int_equal(sys(write, fds[0], "x", 1), -EBADF);
	assert_int_equal(sys(close, fds[1]), 0);
	assert_int_equal(sys(read, fds[0], buf, sizeof(buf)), 0);
	assert_int_equal(sys(close, fds[0]), 0);
	assert_int_equal(sys(pipe2, fds, O_RDWR), -EINVAL);
	assert_int_equal(sys(pipe2, NULL, 0), -EFAULT);
	assert_int_equal(sys(fcntl, 0, F_GETFD), -EBADF);	/* nothing leaked by the failure */
}

static void pipe_without_reader_is_broken_and_nonblocking_says_again(void **state)
{
	static char big[70000];
	int fds[2];
	char buf[4];

	assert_int_equal(sys(pipe2, fds, O_NONBLOCK | O_CLOEXEC), 0);
	assert_int_equal(sys(fcntl, fds[0], F_GETFD), FD_CLOEXEC);
	assert_int_equal(sys(read, fds[0], buf, sizeof(buf)), -EAGAIN);
	assert_int_equal(sys(write, fds[1], big, sizeof(big)), 65536);	/* the capacity */
	assert_int_equal(sys(write, fds[1], "x", 1), -EAGAIN);
	assert_int_equal(sys(close, fds[0]), 0);
	assert_int_equal(sys(write, fds[1], "x", 1), -EPIPE);
	assert_int_equal(sys(close, fds[1]), 0);
}

static void poll_reports_readiness_and_times_out(void **state)
{
	struct pollfd p[3];
	int fds[2];
	char buf[1];

	assert_int_equal(sys(pipe2, fds, 0), 0);
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = fds[1], .events = POLLOUT };
	p[2] = (struct pollfd){ .fd = 77, .events = POLLIN };
	assert_int_equal(sys(poll, p, 3, 0), 2);
	assert_int_equal(p[0].revents, 0);
	assert_int_equal(p[1].revents, POLLOUT);
	assert_int_equal(p[2].revents, POLLNVAL);
	assert_int_equal(sys(poll, p, 1, 10), 0);	/* nothing to read: the timeout */
	sys(write, fds[1], "x", 1);
	assert_int_equal(sys(poll, p, 1, -1), 1);
	assert_int_equal(p[0].revents, POLLIN);
	sys(close, fds[1]);
	sys(read, fds[0], buf, 1);
	assert_int_equal(sys(poll, p, 1, 0), 1);
	assert_int_equal(p[0].revents, POLLHUP);
	sys(close, fds[0]);
	assert_int_equal(sys(poll, NULL, 1, 0), -EFAULT);
	assert_int_equal(sys(poll, p, 1025, 0), -EINVAL);	/* RLIMIT_NOFILE + 1 */
}

/* -ERESTARTSYS: the entry code makes it -EINTR, or a restart after a SA_RESTART handler. */
static void blocked_read_ends_with_erestartsys_on_a_signal(void **state)
{
	int fds[2];
	char buf[4];

	assert_int_equal(sys(pipe2, fds, 0), 0);
	fake_signal = true;
	assert_int_equal(sys(read, fds[0], buf, sizeof(buf)), -ERESTARTSYS);
	fake_signal = false;
	sys(close, fds[0]);
	sys(close, fds[1]);
}

/* --- the terminal ------------------------------------------------------------------------------- */

static void type(struct tty_struct *tty, const char *s)
{
	while (*s)
		tty_insert_flip_char(tty, *s++);
	tty_flip_buffer_push(tty);
}

static void console_lines_are_edited_and_echoed(void **state)
{
	struct tty_struct *tty = tty_attach_console_port(NULL);
	char buf[64];
	long n;

	type(tty, "x");
	assert_int_equal(kconsole_chars, 1);	/* nobody reads the tty yet: kconsole's */
	assert_int_equal(console_open_fds(), 0);
	type(tty, "x");
	assert_int_equal(kconsole_chars, 2);	/* opened, not yet read: still kconsole's */
	assert_int_equal(sys(ioctl, 0, TCGETS, buf), 0);	/* isatty(0) */
	fake_signal = true;
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), -ERESTARTSYS);	/* claims the input */
	fake_signal = false;
	type(tty, "lx\177s -l\r");
	assert_int_equal(kconsole_chars, 2);
	assert_string_equal(console_out, "lx\b \bs -l\r\n");
	n = sys(read, 0, buf, sizeof(buf));
	assert_int_equal(n, 6);
	assert_memory_equal(buf, "ls -l\n", 6);
	type(tty, "junk\025ok\n");		/* ^U kills the line */
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "ok\n", 3);
	type(tty, "two\nlines\n");
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 4);	/* one line per read */
	assert_int_equal(sys(read, 0, buf, 2), 2);
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 4);
	type(tty, "\004");			/* ^D on an empty line: end of file */
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 0);
	console_len = 0;
	assert_int_equal(sys(write, 1, "a\nb", 3), 3);
	assert_string_equal(console_out, "a\r\nb");	/* ONLCR */
	exit_files(current);
	type(tty, "y");
	assert_int_equal(kconsole_chars, 3);	/* the last reader gone: back to kconsole */
}

static void raw_mode_delivers_bytes_as_they_come(void **state)
{
	struct tty_struct *tty = tty_attach_console_port(NULL);
	struct termios t;
	struct winsize ws;
	char buf[8];

	assert_int_equal(console_open_fds(), 0);
	assert_int_equal(sys(ioctl, 0, TCGETS, &t), 0);
	assert_true(t.c_lflag & ICANON);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	assert_int_equal(sys(ioctl, 0, TCSETS, &t), 0);
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 0);	/* VMIN 0: no wait */
	console_len = 0;
	type(tty, "ab");
	assert_int_equal(console_len, 0);	/* no echo */
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 2);
	assert_int_equal(sys(ioctl, 0, TIOCGWINSZ, &ws), 0);
	assert_int_equal(ws.ws_row, 24);
	assert_int_equal(ws.ws_col, 80);
	assert_int_equal(sys(ioctl, 0, TCGETS, NULL), -EFAULT);
	assert_int_equal(sys(ioctl, 0, 0x1234, 0), -ENOTTY);
	t.c_lflag |= ICANON | ECHO;
	t.c_cc[VMIN] = 1;
	assert_int_equal(sys(ioctl, 0, TCSETS, &t), 0);
	exit_files(current);
}

/* Open the console as init does and take its input over from kconsole (a read a signal ends). */
static void claim_console(struct termios *t)
{
	char c;

	assert_int_equal(console_open_fds(), 0);
	assert_int_equal(sys(ioctl, 0, TCGETS, t), 0);
	fake_signal = true;
	assert_int_equal(sys(read, 0, &c, 1), -ERESTARTSYS);
	fake_signal = false;
}

static void set_lflag(struct termios *t, tcflag_t on, tcflag_t off)
{
	t->c_lflag = (t->c_lflag | on) & ~off;
	assert_int_equal(sys(ioctl, 0, TCSETS, t), 0);
}

/* Bytes left unread in raw mode are one line once ICANON is back (Linux's n_tty_set_termios). */
static void icanon_makes_raw_leftovers_a_line(void **state)
{
	struct tty_struct *tty = tty_attach_console_port(NULL);
	struct termios t;
	char buf[16];

	claim_console(&t);
	set_lflag(&t, 0, ICANON);
	type(tty, "ab");
	assert_int_equal(sys(read, 0, buf, 1), 1);
	set_lflag(&t, ICANON, 0);
	assert_int_equal(sys(ioctl, 0, FIONREAD, &buf[8]), 0);
	assert_int_equal(*(int *)&buf[8], 1);
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 1);	/* "b", with no line end */
	assert_int_equal(buf[0], 'b');
	type(tty, "cd\n");
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 3);	/* and nothing stale after it */
	assert_memory_equal(buf, "cd\n", 3);
	exit_files(current);
}

/* VMIN bounds a raw read from below; VMIN 0 with VTIME returns what came in time. */
static void vmin_and_vtime_decide_when_a_raw_read_returns(void **state)
{
	struct tty_struct *tty = tty_attach_console_port(NULL);
	struct termios t;
	char buf[16];

	claim_console(&t);
	t.c_cc[VMIN] = 3;
	set_lflag(&t, 0, ICANON | ECHO);
	type(tty, "xy");
	assert_int_equal(sys(read, 0, buf, 2), 2);	/* VMIN above the count: the count */
	type(tty, "zuvw");
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 4);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 5;
	assert_int_equal(sys(ioctl, 0, TCSETS, &t), 0);
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 0);	/* the 0.5 s passed empty */
	type(tty, "q");
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 1);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	set_lflag(&t, ICANON | ECHO, 0);
	exit_files(current);
}

/* VKILL without ECHOKE: the kill character is echoed, then a newline (ECHOK). */
static void vkill_echo_follows_echok_and_echoke(void **state)
{
	struct tty_struct *tty = tty_attach_console_port(NULL);
	struct termios t;
	char buf[16];

	claim_console(&t);
	set_lflag(&t, 0, ECHOKE);
	console_len = 0;
	type(tty, "ab\025");
	assert_string_equal(console_out, "ab^U\r\n");
	set_lflag(&t, ECHOKE, ECHOE);
	console_len = 0;
	type(tty, "c\177\n");		/* no ECHOE: the erase character is echoed */
	assert_string_equal(console_out, "c^?\r\n");
	set_lflag(&t, ECHOE, 0);
	assert_int_equal(sys(read, 0, buf, sizeof(buf)), 1);
	exit_files(current);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fresh_root, drop_files)
	const struct CMUnitTest tests[] = {
		T(newc_archive_makes_dirs_files_links_and_nodes),
		T(crc_variant_checks_the_data_sum),
		T(later_archives_override_earlier_ones),
		T(gzip_archive_from_the_host_unpacks),
		T(plain_then_gzip_archives_concatenate),
		T(archive_without_trailer_is_accepted),
		T(bad_magic_is_rejected),
		T(every_truncation_is_rejected_or_complete),
		T(truncated_gzip_archive_is_rejected),
		T(name_without_nul_is_rejected),
		T(name_with_early_nul_is_rejected),
		T(oversized_fields_are_rejected),
		T(misaligned_second_archive_is_rejected),
		T(lookup_follows_dots_and_links),
		T(lookup_errors_are_linuxs),
		T(create_remove_and_their_errors),
		T(relative_paths_follow_the_working_directory),
		T(openat_starts_at_a_directory_descriptor),
		T(read_write_seek_and_stat),
		T(sparse_file_costs_its_pages_and_truncate_frees_them),
		T(write_offsets_and_sizes_are_bounded),
		T(kernel_pointers_fail_before_the_file_is_asked),
		T(dev_null_zero_and_umask),
		T(descriptors_are_lowest_free_and_dups_share_the_file),
		T(close_on_exec_closes_only_the_marked),
		T(table_grows_to_the_limit),
		T(nofile_limit_bounds_every_descriptor),
		T(fsize_limit_cuts_writes_and_sends_sigxfsz),
		T(fork_copy_shares_files_not_slots),
		T(getdents_lists_in_order_and_resumes),
		T(proc_is_a_directory_of_rendered_files),
		T(proc_write_reaches_the_method_with_a_terminated_copy),
		T(proc_read_only_file_opens_for_writing_and_write_says_eio),
		T(sysfs_open_checks_mode_and_methods),
		T(proc_removed_file_keeps_its_snapshot_and_refuses_writes),
		T(proc_tree_grows_and_copies_names),
		T(pipe_carries_bytes_then_end_of_file),
		T(pipe_without_reader_is_broken_and_nonblocking_says_again),
		T(poll_reports_readiness_and_times_out),
		T(blocked_read_ends_with_erestartsys_on_a_signal),
		T(console_lines_are_edited_and_echoed),
		T(raw_mode_delivers_bytes_as_they_come),
		T(icanon_makes_raw_leftovers_a_line),
		T(vmin_and_vtime_decide_when_a_raw_read_returns),
		T(vkill_echo_follows_echok_and_echoke),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
