/* SPDX-License-Identifier: MIT */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

/*
 * What fs/proc's files share among themselves: the inodes of /proc/PID
 * (base.c) and the show functions the per-process files are made of
 * (array.c, task_mmu.c).
 */
#include <linux/types.h>
#include <linux/fs.h>

struct seq_file;
struct task_struct;
struct pid_entry;

/*
 * i_private of every inode under /proc/PID, /proc/self and
 * /proc/thread-self. The task is named by number and looked up on each
 * use, so a file of a task that has gone finds nothing (-ESRCH), as
 * Linux's get_pid_task() does on a dead struct pid.
 */
struct proc_inode {
	int pid;			/* the task shown: the process, or a thread under task/ */
	bool thread;			/* under task/TID: per-thread values */
	int fd;				/* fd/N and fdinfo/N */
	const struct pid_entry *ent;	/* NULL for the directories made by hand */
};

static inline struct proc_inode *PROC_I(const struct inode *inode)
{
	return inode->i_private;
}

/* A show() for /proc/PID/<file>; task is referenced for the call. */
typedef int (*proc_show_t)(struct seq_file *m, struct task_struct *task, bool thread);

/* array.c */
int proc_pid_stat(struct seq_file *m, struct task_struct *task, bool thread);
int proc_pid_schedstat(struct seq_file *m, struct task_struct *task, bool thread);
int proc_pid_status(struct seq_file *m, struct task_struct *task, bool thread);
int proc_pid_statm(struct seq_file *m, struct task_struct *task, bool thread);
char task_state_char(struct task_struct *p);

/* task_mmu.c */
int proc_pid_maps(struct seq_file *m, struct task_struct *task, bool thread);
int proc_pid_smaps_rollup(struct seq_file *m, struct task_struct *task, bool thread);

/* base.c: /proc's root directory hands everything it does not hold to these. */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry);
int proc_pid_readdir(struct file *file, struct dir_context *ctx);
#define PROC_PID_FIRST_POS	0x40000000	/* readdir positions of self, thread-self, the pids */

#endif
