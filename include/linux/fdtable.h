/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

/*
 * A process's open files: the descriptor table (with its close-on-exec
 * bits), and, because reflex has no separate CLONE_FS, the working
 * directory and umask that Linux keeps in struct fs_struct. Tasks
 * sharing one (CLONE_FILES) share all three; fork gets a copy (dup_fd).
 * file_lock guards the table; it is a spinlock, so files are closed
 * (fput) only after it is dropped.
 */
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>

struct file;
struct dentry;
struct task_struct;

#define NR_OPEN_DEFAULT	64	/* slots a new table starts with */
/* Linux's fs.nr_open default: no table grows past it, whatever RLIMIT_NOFILE says. */
#define NR_OPEN_SYSCTL	(1024 * 1024)

struct fdtable {
	unsigned int max_fds;
	struct file **fd;		/* NULL: free, or reserved while being opened */
	unsigned long *open_fds;	/* allocated (installed or reserved) */
	unsigned long *close_on_exec;
};

struct files_struct {
	atomic_t count;			/* tasks sharing it */
	spinlock_t file_lock;
	struct fdtable fdt;
	unsigned int next_fd;		/* no free slot below this one */
	struct dentry *cwd;		/* Linux: fs_struct->pwd */
	umode_t umask;			/* Linux: fs_struct->umask */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long open_fds_init[NR_OPEN_DEFAULT / 64];
	unsigned long close_on_exec_init[NR_OPEN_DEFAULT / 64];
};

struct files_struct *alloc_files_struct(void);
struct files_struct *dup_fd(struct files_struct *oldf);
void put_files_struct(struct files_struct *files);
void exit_files(struct task_struct *tsk);
void do_close_on_exec(struct files_struct *files);

static inline void get_files_struct(struct files_struct *files)
{
	atomic_inc(&files->count);
}

#endif
