// SPDX-License-Identifier: MIT
/*
 * KUnit suite "vfs": the file system as the kernel itself uses it. A
 * newc archive built here and a gzip-compressed one made by the host's
 * gzip(1) unpack into a scratch directory (/kunit-vfs, the suite's
 * working directory, so the real root is not touched); malformed ones
 * are refused; files open, read, seek and close; directories and /proc
 * list through iterate_dir(); /dev's nodes reach their drivers; the
 * descriptor table allocates, duplicates, copies and closes on exec;
 * a pipe's ends poll as Linux's do. The system calls themselves are
 * exercised with user memory by the programs in tests/user/.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fcntl.h>
#include <linux/initrd.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <kunit/test.h>
/* cpio_gz[]: a newc archive compressed by the host's gzip(1), shared with the host tests. */
#include "../tests/unit/data/cpio_vectors.h"

#define SCRATCH	"/kunit-vfs"

struct cpio {
	char *buf;
	size_t len, cap;
};

static void cpio_raw(struct cpio *c, const void *p, size_t n)
{
	if (c->len + n > c->cap)
		return;		/* the test's buffer is sized for its archive */
	memcpy(c->buf + c->len, p, n);
	c->len += n;
}

static void cpio_entry(struct cpio *c, const char *name, unsigned int mode, const char *data)
{
	size_t size = data ? strlen(data) : 0;
	char hdr[120];

	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1, mode, 0, 0, 1, 0, (unsigned int)size, 0, 0, 0, 0,
		 (unsigned int)strlen(name) + 1, 0);
	cpio_raw(c, hdr, 110);
	cpio_raw(c, name, strlen(name) + 1);
	cpio_raw(c, "\0\0\0", (4 - (c->len & 3)) & 3);
	cpio_raw(c, data, size);
	cpio_raw(c, "\0\0\0", (4 - (c->len & 3)) & 3);
}

static char *read_file(const char *path, char *buf, size_t size)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return NULL;
	n = kernel_read(f, buf, size - 1, &pos);
	filp_close(f);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

static umode_t mode_of(const char *path)
{
	struct kstat st;

	return init_stat(path, &st, AT_SYMLINK_NOFOLLOW) ? 0 : st.mode;
}

static void initramfs_unpacks_newc_entries(struct kunit *test)
{
	struct cpio c = { .cap = 1024 };
	char buf[64];

	c.buf = kmalloc(c.cap, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c.buf);
	cpio_entry(&c, "plain", S_IFDIR | 0750, NULL);
	cpio_entry(&c, "plain/file", S_IFREG | 0644, "from a newc archive\n");
	cpio_entry(&c, "plain/link", S_IFLNK | 0777, "file");
	cpio_entry(&c, "TRAILER!!!", 0, NULL);
	KUNIT_EXPECT_NULL(test, unpack_to_rootfs(c.buf, c.len));
	KUNIT_EXPECT_EQ(test, mode_of(SCRATCH "/plain"), S_IFDIR | 0750);
	KUNIT_EXPECT_EQ(test, mode_of(SCRATCH "/plain/link"), S_IFLNK | 0777);
	KUNIT_ASSERT_NOT_NULL(test, read_file("plain/link", buf, sizeof(buf)));
	KUNIT_EXPECT_STREQ(test, buf, "from a newc archive\n");
	kfree(c.buf);
}

static void initramfs_unpacks_a_gzip_archive(struct kunit *test)
{
	char *buf = kmalloc(8192, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_NULL(test, unpack_to_rootfs(cpio_gz, sizeof(cpio_gz)));
	KUNIT_EXPECT_NOT_NULL(test, read_file(SCRATCH "/bin/hello", buf, 8192));
	KUNIT_EXPECT_STREQ(test, buf, "#!/bin/sh\necho hello\n");
	KUNIT_EXPECT_NOT_NULL(test, read_file("etc/big", buf, 8192));
	KUNIT_EXPECT_EQ(test, strlen(buf), 6000);
	kfree(buf);
}

static void initramfs_refuses_malformed_archives(struct kunit *test)
{
	char bad[112];

	memset(bad, '0', sizeof(bad));
	memcpy(bad, "070707", 6);
	KUNIT_EXPECT_STREQ(test, unpack_to_rootfs(bad, sizeof(bad)), "no cpio magic");
	memcpy(bad, "070701", 6);
	KUNIT_EXPECT_STREQ(test, unpack_to_rootfs(bad, 60), "truncated archive");
	KUNIT_EXPECT_NOT_NULL(test, unpack_to_rootfs(cpio_gz, 100));
	KUNIT_EXPECT_STREQ(test, unpack_to_rootfs("BZh91AY", 7),
			   "compression method not supported (only gzip)");
}

static void file_writes_reads_and_seeks(struct kunit *test)
{
	struct file *f = filp_open("notes", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[16] = { 0 };
	loff_t pos = 0;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, kernel_write(f, "0123456789", 10, &pos), 10);
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, -4, SEEK_END), 6);
	pos = f->f_pos;
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 4);
	KUNIT_EXPECT_STREQ(test, buf, "6789");
	KUNIT_EXPECT_EQ(test, kernel_read(f, buf, sizeof(buf), &pos), 0);
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, -20, SEEK_CUR), -EINVAL);
	filp_close(f);
	f = filp_open("notes", O_RDONLY | O_CREAT | O_EXCL, 0644);
	KUNIT_EXPECT_EQ(test, PTR_ERR(f), -EEXIST);
	f = filp_open("notes/x", O_RDONLY, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(f), -ENOTDIR);
	f = filp_open("missing", O_RDONLY, 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(f), -ENOENT);
	KUNIT_EXPECT_EQ(test, init_unlink("notes"), 0);
	KUNIT_EXPECT_EQ(test, mode_of(SCRATCH "/notes"), 0);
}

struct name_list {
	struct dir_context ctx;
	char names[256];
};

static bool collect_name(struct dir_context *ctx, const char *name, int len, loff_t off,
			 u64 ino, unsigned int type)
{
	struct name_list *l = container_of(ctx, struct name_list, ctx);
	size_t used = strlen(l->names);

	snprintf(l->names + used, sizeof(l->names) - used, "%.*s%s ", len, name,
		 type == DT_DIR ? "/" : "");
	return true;
}

static char *list_dir(const char *path, struct name_list *l)
{
	struct file *dir = filp_open(path, O_RDONLY | O_DIRECTORY, 0);

	l->ctx.actor = collect_name;
	l->names[0] = '\0';
	if (IS_ERR(dir))
		return NULL;
	iterate_dir(dir, &l->ctx);
	filp_close(dir);
	return l->names;
}

static void getdents_lists_a_directory(struct kunit *test)
{
	struct name_list *l = kzalloc(sizeof(*l), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_EXPECT_EQ(test, init_mkdir("listed", 0755), 0);
	KUNIT_EXPECT_EQ(test, init_mkdir("listed/sub", 0755), 0);
	KUNIT_EXPECT_EQ(test, init_mknod("listed/file", S_IFREG | 0644, 0), 0);
	KUNIT_EXPECT_EQ(test, init_symlink("file", "listed/link"), 0);
	KUNIT_ASSERT_NOT_NULL(test, list_dir("listed", l));
	KUNIT_EXPECT_STREQ(test, l->names, "./ ../ sub/ file link ");
	kfree(l);
}

static void proc_is_a_directory_of_its_files(struct kunit *test)
{
	struct name_list *l = kzalloc(sizeof(*l), GFP_KERNEL);
	struct file *f;

	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_ASSERT_NOT_NULL(test, list_dir("/proc", l));
	KUNIT_EXPECT_NOT_NULL(test, strstr(l->names, " interrupts "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(l->names, " version "));
	f = filp_open("/proc/version", O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, vfs_llseek(f, 0, SEEK_END), proc_read("version", l->names, 256));
	filp_close(f);
	f = filp_open("/proc/interrupts", O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_GT(test, vfs_llseek(f, 0, SEEK_END), 100);
	filp_close(f);
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open("/proc/nothing", O_RDONLY, 0)), -ENOENT);
	kfree(l);
}

static void dev_nodes_reach_their_drivers(struct kunit *test)
{
	static const char *const nodes[] = { "/dev/null", "/dev/zero", "/dev/console", "/dev/ttyS0" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		struct file *f = filp_open(nodes[i], O_WRONLY, 0);

		KUNIT_ASSERT_FALSE(test, IS_ERR(f));
		KUNIT_EXPECT_TRUE(test, f->f_op != &def_chr_fops);	/* the driver's own */
		KUNIT_EXPECT_EQ(test, vfs_poll(f, NULL) & EPOLLOUT, EPOLLOUT);
		filp_close(f);
	}
	/* /dev/tty is the controlling terminal, which a kernel thread has none of. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open("/dev/tty", O_WRONLY, 0)), -ENXIO);
	KUNIT_EXPECT_EQ(test, init_mknod("nodev", S_IFCHR | 0600, MKDEV(200, 0)), 0);
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open("nodev", O_RDONLY, 0)), -ENXIO);
}

static void fd_table_allocates_dups_and_closes_on_exec(struct kunit *test)
{
	struct files_struct *mine = current->files, *copy;
	struct file *f = filp_open("/dev/null", O_RDONLY, 0);
	int a, b, c;

	current->files = alloc_files_struct();
	KUNIT_ASSERT_NOT_NULL(test, current->files);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	a = get_unused_fd_flags(0);
	KUNIT_EXPECT_EQ(test, a, 0);
	fd_install(a, f);
	b = f_dupfd(0, f, O_CLOEXEC);
	KUNIT_EXPECT_EQ(test, b, 1);
	c = replace_fd(7, f, 0);
	KUNIT_EXPECT_EQ(test, c, 7);
	KUNIT_EXPECT_EQ(test, get_unused_fd_flags(0), 2);
	put_unused_fd(2);
	KUNIT_EXPECT_TRUE(test, get_close_on_exec(b));
	copy = dup_fd(current->files);
	KUNIT_ASSERT_FALSE(test, IS_ERR(copy));
	KUNIT_EXPECT_EQ(test, atomic_read(&f->f_count), 6);	/* three slots in each table */
	do_close_on_exec(current->files);
	KUNIT_EXPECT_NULL(test, fget(b));
	KUNIT_EXPECT_EQ(test, close_fd(7), 0);
	KUNIT_EXPECT_EQ(test, close_fd(7), -EBADF);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->f_count), 4);
	put_files_struct(copy);
	KUNIT_EXPECT_EQ(test, atomic_read(&f->f_count), 1);
	exit_files(current);
	current->files = mine;
}

static void pipe_ends_poll_like_linuxs(struct kunit *test)
{
	struct file *ends[2];

	KUNIT_ASSERT_EQ(test, create_pipe_files(ends, 0), 0);
	KUNIT_EXPECT_EQ(test, vfs_poll(ends[0], NULL), 0);
	KUNIT_EXPECT_EQ(test, vfs_poll(ends[1], NULL), EPOLLOUT | EPOLLWRNORM);
	KUNIT_EXPECT_EQ(test, S_ISFIFO(file_inode(ends[0])->i_mode), true);
	fput(ends[1]);
	KUNIT_EXPECT_EQ(test, vfs_poll(ends[0], NULL), EPOLLHUP);
	fput(ends[0]);
}

/* Work in a scratch directory with a descriptor table of the suite's own. */
static int vfs_suite_init(struct kunit_suite *suite)
{
	struct dentry *scratch;
	int err = mnt_init();

	if (err)
		return err;
	if (!current->files && !(current->files = alloc_files_struct()))
		return -ENOMEM;
	err = init_mkdir(SCRATCH, 0755);
	if (err && err != -EEXIST)
		return err;
	err = kern_path(SCRATCH, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &scratch);
	if (err)
		return err;
	if (current->files->cwd)
		dput(current->files->cwd);
	current->files->cwd = scratch;
	return 0;
}

static struct kunit_case vfs_test_cases[] = {
	KUNIT_CASE(initramfs_unpacks_newc_entries),
	KUNIT_CASE(initramfs_unpacks_a_gzip_archive),
	KUNIT_CASE(initramfs_refuses_malformed_archives),
	KUNIT_CASE(file_writes_reads_and_seeks),
	KUNIT_CASE(getdents_lists_a_directory),
	KUNIT_CASE(proc_is_a_directory_of_its_files),
	KUNIT_CASE(dev_nodes_reach_their_drivers),
	KUNIT_CASE(fd_table_allocates_dups_and_closes_on_exec),
	KUNIT_CASE(pipe_ends_poll_like_linuxs),
	{}
};

static struct kunit_suite vfs_test_suite = {
	.name = "vfs",
	.suite_init = vfs_suite_init,
	.test_cases = vfs_test_cases,
};
kunit_test_suite(vfs_test_suite);
