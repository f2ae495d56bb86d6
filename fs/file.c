// SPDX-License-Identifier: MIT
/*
 * Descriptor tables: the lowest free number for every new descriptor
 * below the process's RLIMIT_NOFILE, close-on-exec bits, growth from 64
 * slots by doubling, copying for fork, dropping on exit and exec, and
 * the dup family of system calls.
 *
 * A task without a table (a kernel thread) has no descriptors: its
 * lookups fail with -EBADF and its allocations with -EMFILE, until
 * alloc_files_struct() gives it one (console_on_rootfs() does for init).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/filelock.h>
#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/bitops.h>
#include <linux/resource.h>

#define BITS_PER_LONG_FD	64
#define FD_WORDS(n)		(((n) + BITS_PER_LONG_FD - 1) / BITS_PER_LONG_FD)

static bool fd_test(const unsigned long *map, unsigned int fd)
{
	return map[fd / BITS_PER_LONG_FD] & (1UL << (fd % BITS_PER_LONG_FD));
}

static void fd_set_bit(unsigned long *map, unsigned int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG_FD);

	if (on)
		map[fd / BITS_PER_LONG_FD] |= bit;
	else
		map[fd / BITS_PER_LONG_FD] &= ~bit;
}

struct files_struct *alloc_files_struct(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	atomic_set(&files->count, 1);
	spin_lock_init(&files->file_lock);
	files->fdt.max_fds = NR_OPEN_DEFAULT;
	files->fdt.fd = files->fd_array;
	files->fdt.open_fds = files->open_fds_init;
	files->fdt.close_on_exec = files->close_on_exec_init;
	files->umask = 0022;
	return files;
}

static void free_fdtable_arrays(struct files_struct *files)
{
	if (files->fdt.fd != files->fd_array) {
		kfree(files->fdt.fd);
		kfree(files->fdt.open_fds);
		kfree(files->fdt.close_on_exec);
	}
}

/*
 * Double the table (under file_lock) so that fd fits; -EMFILE past
 * fs.nr_open. A table larger than the largest block the page allocator
 * has (half a million slots) is -ENOMEM, as a failed allocation is in
 * Linux, not a warning.
 */
static int expand_files(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = &files->fdt;
	unsigned int nr = fdt->max_fds;
	struct file **fda;
	unsigned long *open, *cloexec;

	if (fd < nr)
		return 0;
	if (fd >= NR_OPEN_SYSCTL)
		return -EMFILE;
	while (nr <= fd)
		nr *= 2;
	fda = kcalloc(nr, sizeof(*fda), GFP_KERNEL | __GFP_NOWARN);
	open = kcalloc(FD_WORDS(nr), sizeof(long), GFP_KERNEL | __GFP_NOWARN);
	cloexec = kcalloc(FD_WORDS(nr), sizeof(long), GFP_KERNEL | __GFP_NOWARN);
	if (!fda || !open || !cloexec) {
		kfree(fda);
		kfree(open);
		kfree(cloexec);
		return -ENOMEM;
	}
	memcpy(fda, fdt->fd, fdt->max_fds * sizeof(*fda));
	memcpy(open, fdt->open_fds, FD_WORDS(fdt->max_fds) * sizeof(long));
	memcpy(cloexec, fdt->close_on_exec, FD_WORDS(fdt->max_fds) * sizeof(long));
	free_fdtable_arrays(files);
	fdt->fd = fda;
	fdt->open_fds = open;
	fdt->close_on_exec = cloexec;
	fdt->max_fds = nr;
	return 0;
}

/* Reserve the lowest free descriptor in [start, end); under file_lock. */
static int __alloc_fd(struct files_struct *files, unsigned int start, unsigned long end,
		      unsigned int flags)
{
	unsigned int fd = max(start, files->next_fd);
	int err;

	while (fd < files->fdt.max_fds && fd_test(files->fdt.open_fds, fd))
		fd++;
	if (fd >= end)
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	fd_set_bit(files->fdt.open_fds, fd, true);
	fd_set_bit(files->fdt.close_on_exec, fd, flags & O_CLOEXEC);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	return fd;
}

static int alloc_fd(unsigned int start, unsigned long end, unsigned int flags)
{
	struct files_struct *files = current->files;
	int fd;

	if (!files)
		return -EMFILE;
	spin_lock(&files->file_lock);
	fd = __alloc_fd(files, start, end, flags);
	spin_unlock(&files->file_lock);
	return fd;
}

int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, rlimit(RLIMIT_NOFILE), flags);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	fd_set_bit(files->fdt.open_fds, fd, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void put_unused_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	__put_unused_fd(files, fd);
	spin_unlock(&files->file_lock);
}

/* Publish file at a reserved fd; the table takes over the caller's reference. */
void fd_install(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	WARN_ON(files->fdt.fd[fd]);
	files->fdt.fd[fd] = file;
	spin_unlock(&files->file_lock);
}

/* The file at fd with a reference for the caller, or NULL. */
struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *file = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds && (file = files->fdt.fd[fd]))
		get_file(file);
	spin_unlock(&files->file_lock);
	return file;
}

/* Take the file out of slot fd (under file_lock); the caller drops it. */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *file;

	if (fd >= files->fdt.max_fds || !(file = files->fdt.fd[fd]))
		return NULL;
	files->fdt.fd[fd] = NULL;
	fd_set_bit(files->fdt.close_on_exec, fd, false);
	__put_unused_fd(files, fd);
	return file;
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *file;

	if (!files)
		return -EBADF;
	spin_lock(&files->file_lock);
	file = pick_file(files, fd);
	spin_unlock(&files->file_lock);
	if (!file)
		return -EBADF;
	return filp_close(file);
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	bool res;

	spin_lock(&files->file_lock);
	res = fd < files->fdt.max_fds && fd_test(files->fdt.close_on_exec, fd);
	spin_unlock(&files->file_lock);
	return res;
}

void set_close_on_exec(unsigned int fd, int flag)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	if (fd < files->fdt.max_fds)
		fd_set_bit(files->fdt.close_on_exec, fd, flag);
	spin_unlock(&files->file_lock);
}

/*
 * Put file at fd (which may be in use: the old file is closed), as
 * dup2 does. A slot that is reserved but not yet installed belongs to
 * an open in progress elsewhere: -EBUSY, as Linux answers.
 */
static int do_dup2(struct files_struct *files, struct file *file, unsigned int fd,
		   unsigned int flags)
{
	struct file *old;
	int err;

	spin_lock(&files->file_lock);
	err = expand_files(files, fd);
	if (err)
		goto out;
	old = files->fdt.fd[fd];
	if (!old && fd_test(files->fdt.open_fds, fd)) {
		err = -EBUSY;
		goto out;
	}
	files->fdt.fd[fd] = get_file(file);
	fd_set_bit(files->fdt.open_fds, fd, true);
	fd_set_bit(files->fdt.close_on_exec, fd, flags & O_CLOEXEC);
	spin_unlock(&files->file_lock);
	if (old)
		filp_close(old);
	return fd;
out:
	spin_unlock(&files->file_lock);
	return err;
}

int replace_fd(unsigned int fd, struct file *file, unsigned int flags)
{
	if (!current->files)
		return -EBADF;
	return do_dup2(current->files, file, fd, flags);
}

/* A new descriptor >= from for file (which gains a reference). */
int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	unsigned long nofile = rlimit(RLIMIT_NOFILE);
	int fd;

	if (from >= nofile)
		return -EINVAL;
	fd = alloc_fd(from, nofile, flags);
	if (fd >= 0)
		fd_install(fd, get_file(file));
	return fd;
}

/* A copy of oldf for a forked process: the same files, one more reference each. */
struct files_struct *dup_fd(struct files_struct *oldf)
{
	struct files_struct *newf = alloc_files_struct();
	unsigned int fd;
	int err = 0;

	if (!newf)
		return ERR_PTR(-ENOMEM);
	if (!oldf)
		return newf;
	spin_lock(&oldf->file_lock);
	err = expand_files(newf, oldf->fdt.max_fds - 1);
	for (fd = 0; !err && fd < oldf->fdt.max_fds; fd++) {
		struct file *f = oldf->fdt.fd[fd];

		/* Reserved-but-empty slots stay free in the copy, as in Linux. */
		if (!f)
			continue;
		newf->fdt.fd[fd] = get_file(f);
		fd_set_bit(newf->fdt.open_fds, fd, true);
		fd_set_bit(newf->fdt.close_on_exec, fd, fd_test(oldf->fdt.close_on_exec, fd));
	}
	newf->umask = oldf->umask;
	newf->cwd = oldf->cwd ? dget(oldf->cwd) : NULL;
	spin_unlock(&oldf->file_lock);
	if (err) {
		put_files_struct(newf);
		return ERR_PTR(err);
	}
	return newf;
}

static void close_files(struct files_struct *files)
{
	unsigned int fd;

	for (fd = 0; fd < files->fdt.max_fds; fd++) {
		struct file *f = files->fdt.fd[fd];

		if (f) {
			files->fdt.fd[fd] = NULL;
			/* The exiting task's files pointer is already gone: name the owner. */
			locks_remove_posix(f, files);
			filp_close(f);
		}
	}
}

void put_files_struct(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	close_files(files);
	if (files->cwd)
		dput(files->cwd);
	free_fdtable_arrays(files);
	kfree(files);
}

void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	task_lock(tsk);		/* /proc/PID/fd takes its reference under it */
	tsk->files = NULL;
	task_unlock(tsk);
	put_files_struct(files);
}

/* execve: close every descriptor marked close-on-exec. */
void do_close_on_exec(struct files_struct *files)
{
	unsigned int fd;

	if (!files)
		return;
	spin_lock(&files->file_lock);
	for (fd = 0; fd < files->fdt.max_fds; fd++) {
		struct file *file;

		if (!fd_test(files->fdt.close_on_exec, fd))
			continue;
		file = pick_file(files, fd);
		if (!file)
			continue;
		/* filp_close() may sleep in a driver's release: drop the lock around it. */
		spin_unlock(&files->file_lock);
		filp_close(file);
		spin_lock(&files->file_lock);
	}
	spin_unlock(&files->file_lock);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

static int ksys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *file;
	int ret;

	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	ret = replace_fd(newfd, file, flags);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return ksys_dup3(oldfd, newfd, flags);
}

/* dup2 to itself only checks that oldfd is open. */
SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	struct file *file;

	if (oldfd != newfd)
		return ksys_dup3(oldfd, newfd, 0);
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	fput(file);
	return newfd;
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *file = fget(fildes);
	int ret;

	if (!file)
		return -EBADF;
	ret = f_dupfd(0, file, 0);
	fput(file);
	return ret;
}
