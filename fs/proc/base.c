// SPDX-License-Identifier: MIT
/*
 * /proc/PID: a directory per process (and /proc/PID/task/TID per
 * thread) made on lookup, not registered: the names under it come from
 * a table (Linux's tgid_base_stuff and tid_base_stuff), the numbers in
 * /proc from the task list, task/ from the thread group, fd/ and
 * fdinfo/ from the file table. /proc/self and /proc/thread-self are
 * links made afresh on every lookup.
 *
 * A cached name of a task that has gone fails d_revalidate() and is
 * dropped, so the lookup fails with -ENOENT; links are revalidated
 * every time (their targets change). A file of a task that has gone,
 * still open, reads -ESRCH. Files render when read from offset 0 (a
 * reader that seeks back to 0 sees fresh text) and serve later offsets
 * from that text, as Linux's seq_file does.
 *
 * Left to others: the files' text (array.c, task_mmu.c), /proc's root
 * (root.c), which hands lookups and readdir past its own files here.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/namei.h>
#include <linux/bitops.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm_types.h>
#include <linux/ptrace.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/shmem_fs.h>
#include <linux/uaccess.h>
#include "internal.h"

#define PROC_RENDER_MAX		(4UL << 20)	/* the largest text rendered */

struct pid_entry {
	const char *name;
	umode_t mode;
	const struct inode_operations *iop;	/* directories */
	const struct file_operations *fop;
	proc_show_t show;			/* regular files */
	int (*get_link)(struct task_struct *task, char *buf, size_t size);
	ssize_t (*write)(struct task_struct *task, const char *buf, size_t count);
};

static void proc_pid_evict_inode(struct inode *inode)
{
	kfree(inode->i_private);
}

static const struct super_operations proc_pid_sops = {
	.evict_inode	= proc_pid_evict_inode,
};

static struct super_block proc_pid_sb = {
	.s_maxbytes	= MAX_LFS_FILESIZE,
	.s_op		= &proc_pid_sops,
};

static struct task_struct *proc_get_task(const struct inode *inode)
{
	return find_get_task_by_vpid(PROC_I(inode)->pid);
}

static bool proc_task_alive(int pid)
{
	struct task_struct *task = find_get_task_by_vpid(pid);

	if (task)
		put_task_struct(task);
	return task != NULL;
}

/* Links and the fd/ entries change under their names: look them up every time. */
static int pid_revalidate(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);

	if (!inode || S_ISLNK(inode->i_mode) || PROC_I(inode)->fd >= 0)
		return 0;
	return proc_task_alive(PROC_I(inode)->pid);
}

static const struct dentry_operations pid_dentry_operations = {
	.d_revalidate	= pid_revalidate,
};

static struct inode *proc_pid_make_inode(struct inode *dir, umode_t mode, int pid, bool thread)
{
	struct proc_inode *pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	struct inode *inode;

	if (!pi)
		return NULL;
	inode = new_inode(dir->i_dev);
	if (!inode) {
		kfree(pi);
		return NULL;
	}
	pi->pid = pid;
	pi->thread = thread;
	pi->fd = -1;
	inode->i_sb = &proc_pid_sb;
	inode->i_ino = get_next_ino();
	inode->i_private = pi;
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	return inode;
}

static struct dentry *proc_splice(struct dentry *dentry, struct inode *inode)
{
	if (!inode)
		return ERR_PTR(-ENOMEM);
	dentry->d_op = &pid_dentry_operations;
	d_instantiate(dentry, inode);
	return NULL;
}

/* Parse a decimal name as Linux's name_to_int(): no sign, no leading zero; -1 if not one. */
static int name_to_int(const char *name)
{
	unsigned int n = 0;

	if (!*name || (name[0] == '0' && name[1]))
		return -1;
	for (; *name; name++) {
		if (*name < '0' || *name > '9' || n > (0x7fffffff - 9) / 10)
			return -1;
		n = n * 10 + (*name - '0');
	}
	return n;
}

/* ---- regular files: rendered by a show() ---- */

struct proc_pid_file {
	char *buf;
	size_t len;
};

static int proc_pid_render(struct file *file, struct proc_pid_file *pf)
{
	struct inode *inode = file_inode(file);
	const struct pid_entry *ent = PROC_I(inode)->ent;
	struct task_struct *task = proc_get_task(inode);
	size_t size = 4096;
	int err = 0;

	if (!task)
		return -ESRCH;
	kfree(pf->buf);
	for (;;) {
		struct seq_file m = { .private = PROC_I(inode) };

		pf->buf = kmalloc(size, GFP_KERNEL);
		if (!pf->buf) {
			err = -ENOMEM;
			break;
		}
		seq_file_init(&m, pf->buf, size);
		m.private = PROC_I(inode);
		err = ent->show(&m, task, PROC_I(inode)->thread);
		pf->len = m.count;
		if (err || !seq_has_overflowed(&m) || size >= PROC_RENDER_MAX)
			break;
		kfree(pf->buf);
		size *= 2;
	}
	put_task_struct(task);
	if (err) {
		kfree(pf->buf);
		pf->buf = NULL;
		pf->len = 0;
	}
	return err;
}

static int proc_pid_open(struct inode *inode, struct file *file)
{
	struct task_struct *task = proc_get_task(inode);

	if (!task)
		return -ESRCH;
	put_task_struct(task);
	file->private_data = kzalloc(sizeof(struct proc_pid_file), GFP_KERNEL);
	return file->private_data ? 0 : -ENOMEM;
}

static ssize_t proc_pid_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct proc_pid_file *pf = file->private_data;

	if (*ppos == 0 || !pf->buf) {
		int err = proc_pid_render(file, pf);

		if (err)
			return err;
	}
	return simple_read_from_buffer(buf, count, ppos, pf->buf, pf->len);
}

static ssize_t proc_pid_write(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos)
{
	const struct pid_entry *ent = PROC_I(file_inode(file))->ent;
	struct task_struct *task;
	char kbuf[64];
	ssize_t ret;

	if (!ent->write)
		return -EINVAL;
	if (copy_from_user(kbuf, buf, min(count, sizeof(kbuf) - 1)))
		return -EFAULT;
	kbuf[min(count, sizeof(kbuf) - 1)] = '\0';
	task = proc_get_task(file_inode(file));
	if (!task)
		return -ESRCH;
	ret = ent->write(task, kbuf, count);
	put_task_struct(task);
	return ret;
}

static int proc_pid_release(struct inode *inode, struct file *file)
{
	struct proc_pid_file *pf = file->private_data;

	kfree(pf->buf);
	kfree(pf);
	return 0;
}

static const struct file_operations proc_pid_file_ops = {
	.llseek		= default_llseek,
	.read		= proc_pid_read,
	.write		= proc_pid_write,
	.open		= proc_pid_open,
	.release	= proc_pid_release,
};

/* ---- cmdline, environ, comm ---- */

/* Copy [start, end) of task's memory into m, as far as it can be read. */
static void seq_task_memory(struct seq_file *m, struct task_struct *task,
			    unsigned long start, unsigned long end)
{
	char *page = kmalloc(PAGE_SIZE, GFP_KERNEL);

	if (!page)
		return;
	while (start < end && !seq_has_overflowed(m)) {
		size_t n = min(end - start, PAGE_SIZE - (start & ~PAGE_MASK));

		if (access_process_vm(task, start, page, n, false))
			break;
		seq_write(m, page, n);
		start += n;
	}
	kfree(page);
}

/*
 * argv as the process left it. Linux also follows a program that
 * rewrote its arguments past arg_end into the environment (setproctitle)
 * when the last byte is not NUL; reflex shows [arg_start, arg_end).
 */
static int proc_pid_cmdline(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);

	if (!mm)
		return 0;
	seq_task_memory(m, task, mm->arg_start, mm->arg_end);
	mmput(mm);
	return 0;
}

static int proc_pid_environ(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);

	if (!mm)
		return 0;
	seq_task_memory(m, task, mm->env_start, mm->env_end);
	mmput(mm);
	return 0;
}

static int proc_pid_comm(struct seq_file *m, struct task_struct *task, bool thread)
{
	char comm[TASK_COMM_LEN];

	task_lock(task);
	memcpy(comm, task->comm, sizeof(comm));
	task_unlock(task);
	comm[TASK_COMM_LEN - 1] = '\0';
	seq_printf(m, "%s\n", comm);
	return 0;
}

/* Linux lets a thread rename only threads of its own process. */
static ssize_t proc_pid_comm_write(struct task_struct *task, const char *buf, size_t count)
{
	size_t len = strnlen(buf, count);

	if (task->tgid != current->tgid)
		return -EINVAL;
	if (len && buf[len - 1] == '\n')
		len--;
	task_lock(task);
	memset(task->comm, 0, sizeof(task->comm));
	memcpy(task->comm, buf, min(len, sizeof(task->comm) - 1));
	task_unlock(task);
	return count;
}

/* ---- links: exe, cwd, root, fd/N ---- */

/*
 * The name an open file goes by: its path, or "pipe:[ino]" for one with
 * none; an unlinked shmem object without a path (a memfd) is
 * "/memfd:NAME (deleted)", as Linux's d_path() names it.
 */
static int file_link_name(struct file *file, char *buf, size_t size)
{
	struct dentry *dentry = file->f_dentry;
	char *path;

	if (IS_ROOT(dentry) && dentry != root_dentry) {
		size_t len = strlen(dentry->d_name);

		if (shmem_file(file))
			snprintf(buf, size, "%s%s (deleted)", dentry->d_name[0] == '/' ? "" : "/",
				 dentry->d_name);
		else if (len && dentry->d_name[len - 1] == ':')
			snprintf(buf, size, "%s[%lu]", dentry->d_name, file_inode(file)->i_ino);
		else
			snprintf(buf, size, "%s", dentry->d_name);
		return 0;
	}
	path = dentry_path(dentry, buf, size - 10);
	if (IS_ERR(path))
		return PTR_ERR(path);
	memmove(buf, path, strlen(path) + 1);
	if (d_unlinked(dentry))
		memcpy(buf + strlen(buf), " (deleted)", 11);
	return 0;
}

static struct files_struct *get_task_files(struct task_struct *task)
{
	struct files_struct *files;

	task_lock(task);
	files = task->files;
	if (files)
		atomic_inc(&files->count);
	task_unlock(task);
	return files;
}

/* The file at fd in task's table, referenced, or NULL. */
static struct file *task_fget(struct task_struct *task, int fd)
{
	struct files_struct *files = get_task_files(task);
	struct file *file = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->file_lock);
	if ((unsigned int)fd < files->fdt.max_fds && (file = files->fdt.fd[fd]))
		get_file(file);
	spin_unlock(&files->file_lock);
	put_files_struct(files);
	return file;
}

static int proc_exe_link(struct task_struct *task, char *buf, size_t size)
{
	struct mm_struct *mm = get_task_mm(task);
	int err = -ENOENT;

	if (!mm)
		return -ENOENT;
	if (mm->exe_path) {
		strscpy(buf, mm->exe_path, size);
		err = 0;
	}
	mmput(mm);
	return err;
}

static int proc_cwd_link(struct task_struct *task, char *buf, size_t size)
{
	struct files_struct *files = get_task_files(task);
	struct dentry *cwd;
	char *path;

	if (!files)
		return -ENOENT;
	cwd = get_cwd(files);
	put_files_struct(files);
	path = dentry_path(cwd, buf, size);
	if (!IS_ERR(path))
		memmove(buf, path, strlen(path) + 1);
	dput(cwd);
	return IS_ERR(path) ? PTR_ERR(path) : 0;
}

static int proc_root_link(struct task_struct *task, char *buf, size_t size)
{
	strscpy(buf, "/", size);
	return 0;
}

static struct dentry *proc_make_link(struct inode *dir, struct dentry *dentry, int pid,
				     bool thread, const char *target)
{
	struct inode *inode = proc_pid_make_inode(dir, S_IFLNK | 0777, pid, thread);

	if (inode) {
		inode->i_link = kstrdup(target, GFP_KERNEL);
		inode->i_size = strlen(target);
		if (!inode->i_link) {
			iput(inode);
			inode = NULL;
		}
	}
	return proc_splice(dentry, inode);
}

/* ---- the entry tables ---- */

static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;
static const struct inode_operations proc_fd_inode_operations;
static const struct file_operations proc_fd_operations;
static const struct inode_operations proc_fdinfo_inode_operations;
static const struct file_operations proc_fdinfo_operations;

#define DIR(NAME, IOP, FOP)	{ .name = NAME, .mode = S_IFDIR | 0555, .iop = IOP, .fop = FOP }
#define REG(NAME, MODE, SHOW)	{ .name = NAME, .mode = S_IFREG | (MODE), .show = SHOW }
#define LNK(NAME, GET)		{ .name = NAME, .mode = S_IFLNK | 0777, .get_link = GET }

static const struct pid_entry tgid_base_stuff[] = {
	DIR("task", &proc_task_inode_operations, &proc_task_operations),
	DIR("fd", &proc_fd_inode_operations, &proc_fd_operations),
	DIR("fdinfo", &proc_fdinfo_inode_operations, &proc_fdinfo_operations),
	REG("environ", 0400, proc_pid_environ),
	REG("status", 0444, proc_pid_status),
	REG("cmdline", 0444, proc_pid_cmdline),
	{ .name = "comm", .mode = S_IFREG | 0644, .show = proc_pid_comm,
	  .write = proc_pid_comm_write },
	REG("stat", 0444, proc_pid_stat),
	REG("statm", 0444, proc_pid_statm),
	REG("schedstat", 0444, proc_pid_schedstat),
	REG("maps", 0444, proc_pid_maps),
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup),
	LNK("cwd", proc_cwd_link),
	LNK("root", proc_root_link),
	LNK("exe", proc_exe_link),
};

/* A thread's directory: the same files but task/, with the thread's own values. */
static const struct pid_entry tid_base_stuff[] = {
	DIR("fd", &proc_fd_inode_operations, &proc_fd_operations),
	DIR("fdinfo", &proc_fdinfo_inode_operations, &proc_fdinfo_operations),
	REG("environ", 0400, proc_pid_environ),
	REG("status", 0444, proc_pid_status),
	REG("cmdline", 0444, proc_pid_cmdline),
	{ .name = "comm", .mode = S_IFREG | 0644, .show = proc_pid_comm,
	  .write = proc_pid_comm_write },
	REG("stat", 0444, proc_pid_stat),
	REG("statm", 0444, proc_pid_statm),
	REG("schedstat", 0444, proc_pid_schedstat),
	REG("maps", 0444, proc_pid_maps),
	REG("smaps_rollup", 0444, proc_pid_smaps_rollup),
	LNK("cwd", proc_cwd_link),
	LNK("root", proc_root_link),
	LNK("exe", proc_exe_link),
};

static struct dentry *proc_pident_instantiate(struct inode *dir, struct dentry *dentry,
					      const struct pid_entry *p)
{
	const struct proc_inode *parent = PROC_I(dir);
	struct inode *inode;

	if (S_ISLNK(p->mode)) {
		struct task_struct *task = proc_get_task(dir);
		char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
		struct dentry *res;
		int err = task ? (buf ? p->get_link(task, buf, PATH_MAX) : -ENOMEM) : -ENOENT;

		res = err ? ERR_PTR(err) :
			proc_make_link(dir, dentry, parent->pid, parent->thread, buf);
		if (task)
			put_task_struct(task);
		kfree(buf);
		return res == ERR_PTR(-ENOENT) ? NULL : res;
	}
	inode = proc_pid_make_inode(dir, p->mode, parent->pid, parent->thread);
	if (inode) {
		PROC_I(inode)->ent = p;
		inode->i_op = p->iop;
		inode->i_fop = S_ISDIR(p->mode) ? p->fop : &proc_pid_file_ops;
	}
	return proc_splice(dentry, inode);
}

static struct dentry *proc_pident_lookup(struct inode *dir, struct dentry *dentry,
					 const struct pid_entry *ents, unsigned int nents)
{
	unsigned int i;

	if (!proc_task_alive(PROC_I(dir)->pid))
		return NULL;
	for (i = 0; i < nents; i++)
		if (!strcmp(dentry->d_name, ents[i].name))
			return proc_pident_instantiate(dir, dentry, &ents[i]);
	return NULL;
}

static int proc_emit_dots(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, d_inode(dentry)->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, d_inode(dentry->d_parent)->i_ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	return 1;
}

static int proc_pident_readdir(struct file *file, struct dir_context *ctx,
			       const struct pid_entry *ents, unsigned int nents)
{
	if (!proc_task_alive(PROC_I(file_inode(file))->pid))
		return -ENOENT;
	if (!proc_emit_dots(file, ctx))
		return 0;
	for (; ctx->pos - 2 < nents; ctx->pos++) {
		const struct pid_entry *p = &ents[ctx->pos - 2];

		if (!dir_emit(ctx, p->name, strlen(p->name), 0x10000 + ctx->pos,
			      fs_umode_to_dtype(p->mode)))
			break;
	}
	return 0;
}

static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_pident_lookup(dir, dentry, tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
}

static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_pident_readdir(file, ctx, tgid_base_stuff, ARRAY_SIZE(tgid_base_stuff));
}

static struct dentry *proc_tid_base_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_pident_lookup(dir, dentry, tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
}

static int proc_tid_base_readdir(struct file *file, struct dir_context *ctx)
{
	return proc_pident_readdir(file, ctx, tid_base_stuff, ARRAY_SIZE(tid_base_stuff));
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_tgid_base_readdir,
};

static const struct inode_operations proc_tid_base_inode_operations = {
	.lookup = proc_tid_base_lookup,
};

static const struct file_operations proc_tid_base_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_tid_base_readdir,
};

static struct dentry *proc_pid_dir(struct inode *dir, struct dentry *dentry, int pid,
				   bool thread)
{
	struct inode *inode = proc_pid_make_inode(dir, S_IFDIR | 0555, pid, thread);

	if (inode) {
		inode->i_op = thread ? &proc_tid_base_inode_operations :
				       &proc_tgid_base_inode_operations;
		inode->i_fop = thread ? &proc_tid_base_operations : &proc_tgid_base_operations;
	}
	return proc_splice(dentry, inode);
}

/* ---- task/ ---- */

/* The thread tid if it belongs to process tgid. */
static bool thread_of(int tgid, int tid)
{
	struct task_struct *task = find_get_task_by_vpid(tid);
	bool ok = task && task->tgid == tgid;

	if (task)
		put_task_struct(task);
	return ok;
}

static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *dentry)
{
	int tid = name_to_int(dentry->d_name);

	if (tid <= 0 || !thread_of(PROC_I(dir)->pid, tid))
		return NULL;
	return proc_pid_dir(dir, dentry, tid, true);
}

/*
 * The smallest id above after in the set the filter takes from the task
 * list, or 0: readdir resumes by id, so tasks coming and going between
 * calls never make it repeat or skip a survivor.
 */
static int next_task_id(int after, int tgid)
{
	struct task_struct *p;
	unsigned long flags;
	int best = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		int id = tgid ? p->pid : p->tgid;

		if (tgid ? p->tgid != tgid : !thread_group_leader(p))
			continue;
		if (p->exit_state == EXIT_DEAD)	/* reaped, or a thread gone */
			continue;
		if (id > after && (!best || id < best))
			best = id;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* ids from ctx->pos - base on; ctx->pos = base + id names the next id to emit. */
static int proc_emit_ids(struct dir_context *ctx, loff_t base, int tgid)
{
	char name[16];
	int id;

	for (id = next_task_id(ctx->pos - base - 1, tgid); id; id = next_task_id(id, tgid)) {
		int len = snprintf(name, sizeof(name), "%d", id);

		ctx->pos = base + id;
		if (!dir_emit(ctx, name, len, 0x20000000 + id, DT_DIR))
			return 0;
	}
	ctx->pos = base + 0x7fffffff;
	return 0;
}

static int proc_task_readdir(struct file *file, struct dir_context *ctx)
{
	int tgid = PROC_I(file_inode(file))->pid;

	if (!proc_task_alive(tgid))
		return -ENOENT;
	if (!proc_emit_dots(file, ctx))
		return 0;
	return proc_emit_ids(ctx, 2, tgid);
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup = proc_task_lookup,
};

static const struct file_operations proc_task_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_task_readdir,
};

/* ---- fd/ and fdinfo/ ---- */

static int proc_fd_info(struct seq_file *m, struct task_struct *task, bool thread)
{
	const struct proc_inode *pi = m->private;
	struct file *file = task_fget(task, pi->fd);
	bool cloexec = false;
	struct files_struct *files;

	if (!file)
		return -ENOENT;
	files = get_task_files(task);
	if (files) {
		spin_lock(&files->file_lock);
		cloexec = (unsigned int)pi->fd < files->fdt.max_fds &&
			  test_bit(pi->fd, files->fdt.close_on_exec);
		spin_unlock(&files->file_lock);
		put_files_struct(files);
	}
	seq_printf(m, "pos:\t%lli\nflags:\t0%o\nmnt_id:\t%i\nino:\t%lu\n",
		   (long long)file->f_pos, file->f_flags | (cloexec ? O_CLOEXEC : 0), 0,
		   file_inode(file)->i_ino);
	fput(file);
	return 0;
}

static const struct pid_entry proc_fdinfo_entry = REG("", 0444, proc_fd_info);

static struct dentry *proc_fd_instantiate(struct inode *dir, struct dentry *dentry, bool info)
{
	int fd = name_to_int(dentry->d_name);
	struct task_struct *task = proc_get_task(dir);
	struct file *file = task && fd >= 0 ? task_fget(task, fd) : NULL;
	struct dentry *res = NULL;

	if (task)
		put_task_struct(task);
	if (!file)
		return NULL;
	if (info) {
		struct inode *inode = proc_pid_make_inode(dir, S_IFREG | 0444, PROC_I(dir)->pid,
							  PROC_I(dir)->thread);
		if (inode) {
			PROC_I(inode)->ent = &proc_fdinfo_entry;
			PROC_I(inode)->fd = fd;
			inode->i_fop = &proc_pid_file_ops;
		}
		res = proc_splice(dentry, inode);
	} else {
		char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
		int err = buf ? file_link_name(file, buf, PATH_MAX) : -ENOMEM;

		res = err ? ERR_PTR(err) :
			proc_make_link(dir, dentry, PROC_I(dir)->pid, PROC_I(dir)->thread, buf);
		if (!err && d_inode(dentry))
			PROC_I(d_inode(dentry))->fd = fd;
		kfree(buf);
	}
	fput(file);
	return res;
}

static struct dentry *proc_fd_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_fd_instantiate(dir, dentry, false);
}

static struct dentry *proc_fdinfo_lookup(struct inode *dir, struct dentry *dentry)
{
	return proc_fd_instantiate(dir, dentry, true);
}

/* The first open fd at or above from in task's table, or -1. */
static int next_open_fd(struct task_struct *task, int from)
{
	struct files_struct *files = get_task_files(task);
	int fd = -1;

	if (!files)
		return -1;
	spin_lock(&files->file_lock);
	for (; (unsigned int)from < files->fdt.max_fds; from++) {
		if (files->fdt.fd[from]) {
			fd = from;
			break;
		}
	}
	spin_unlock(&files->file_lock);
	put_files_struct(files);
	return fd;
}

static int proc_readfd_common(struct file *file, struct dir_context *ctx, bool info)
{
	struct task_struct *task = proc_get_task(file_inode(file));
	char name[16];
	int fd;

	if (!task)
		return -ENOENT;
	if (!proc_emit_dots(file, ctx))
		goto out;
	for (fd = next_open_fd(task, ctx->pos - 2); fd >= 0; fd = next_open_fd(task, fd + 1)) {
		int len = snprintf(name, sizeof(name), "%d", fd);

		ctx->pos = fd + 2;
		if (!dir_emit(ctx, name, len, 0x30000000 + fd, info ? DT_REG : DT_LNK))
			goto out;
		ctx->pos = fd + 3;
	}
	ctx->pos = 0x7fffffff;
out:
	put_task_struct(task);
	return 0;
}

static int proc_readfd(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, false);
}

static int proc_readfdinfo(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, true);
}

static const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_fd_lookup,
};

static const struct file_operations proc_fd_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_readfd,
};

static const struct inode_operations proc_fdinfo_inode_operations = {
	.lookup = proc_fdinfo_lookup,
};

static const struct file_operations proc_fdinfo_operations = {
	.llseek		= default_llseek,
	.read		= generic_read_dir,
	.iterate_shared	= proc_readfdinfo,
};

/* ---- /proc itself: self, thread-self, the pids ---- */

struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *dentry)
{
	char target[40];
	int pid;

	if (!strcmp(dentry->d_name, "self")) {
		snprintf(target, sizeof(target), "%d", current->tgid);
		return proc_make_link(dir, dentry, current->tgid, false, target);
	}
	if (!strcmp(dentry->d_name, "thread-self")) {
		snprintf(target, sizeof(target), "%d/task/%d", current->tgid, current->pid);
		return proc_make_link(dir, dentry, current->pid, true, target);
	}
	pid = name_to_int(dentry->d_name);
	if (pid <= 0 || !proc_task_alive(pid))
		return NULL;
	return proc_pid_dir(dir, dentry, pid, false);
}

/* /proc's readdir past its own files: self, thread-self, then each process. */
int proc_pid_readdir(struct file *file, struct dir_context *ctx)
{
	const loff_t base = PROC_PID_FIRST_POS;

	if (ctx->pos == base) {
		if (!dir_emit(ctx, "self", 4, 0x1fffffff, DT_LNK))
			return 0;
		ctx->pos++;
	}
	if (ctx->pos == base + 1) {
		if (!dir_emit(ctx, "thread-self", 11, 0x1ffffffe, DT_LNK))
			return 0;
		ctx->pos++;
	}
	return proc_emit_ids(ctx, base + 2, 0);
}
