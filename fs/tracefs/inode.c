// SPDX-License-Identifier: MIT
/*
 * tracefs: the files of the tracer, seen at /sys/kernel/tracing and
 * again at /sys/kernel/debug/tracing, where Linux mounts it. reflex has
 * no mount(2), so both are directories of the /sys tree (fs/kernfs)
 * whose files carry their own file_operations: the tracer's streaming
 * files (trace_pipe blocks and consumes, trace_pipe_raw hands out
 * pages) could not be served from a snapshot. Each file is registered
 * under both paths with the same data.
 *
 * Small files use tracefs_create_simple(): a show() rendered once at
 * open into a buffer that grows until the text fits, and a write()
 * that gets a NUL-terminated kernel copy of at most a page, which is
 * how Linux's tracefs control files behave for a single write().
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/tracefs.h>
#include <linux/fcntl.h>
#include <asm/page.h>

#define TRACEFS_RENDER_MAX	(1UL << 20)

static const char *const tracefs_mounts[] = { "kernel/tracing", "kernel/debug/tracing" };

void *tracefs_inode_data(struct inode *inode)
{
	struct kernfs_node *kn = inode->i_private;

	return kn->data;
}

static int tracefs_create(const char *path, umode_t mode, void *data,
			  const struct file_operations *fops)
{
	const struct kernfs_ops ops = { .fops = fops };
	char full[160];
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(tracefs_mounts) && !err; i++) {
		if (snprintf(full, sizeof(full), "%s/%s", tracefs_mounts[i], path) >= (int)sizeof(full))
			return -ENAMETOOLONG;
		err = kernfs_create(&sysfs_kernfs_root, full, mode, fops ? &ops : NULL, data);
	}
	return err;
}

int tracefs_create_file(const char *path, umode_t mode, void *data,
			const struct file_operations *fops)
{
	return tracefs_create(path, S_IFREG | (mode & S_IALLUGO), data, fops);
}

int tracefs_create_dir(const char *path)
{
	return tracefs_create(path, S_IFDIR | 0755, NULL, NULL);
}

struct tracefs_simple {
	int	(*show)(struct seq_file *m, void *data);
	ssize_t	(*write)(char *buf, size_t count, void *data);
	void	(*truncate)(void *data);	/* an open for writing with O_TRUNC */
	void	*data;
};

struct tracefs_snapshot {
	char	*buf;
	size_t	len;
};

static int simple_render(struct tracefs_simple *ts, struct tracefs_snapshot *snap)
{
	size_t size = PAGE_SIZE;
	struct seq_file m;
	int err;

	for (;;) {
		snap->buf = kmalloc(size, GFP_KERNEL);
		if (!snap->buf)
			return -ENOMEM;
		seq_file_init(&m, snap->buf, size);
		err = ts->show(&m, ts->data);
		if (err || !seq_has_overflowed(&m) || size >= TRACEFS_RENDER_MAX)
			break;
		kfree(snap->buf);
		size *= 2;
	}
	if (err) {
		kfree(snap->buf);
		return err;
	}
	snap->len = m.count;
	return 0;
}

static int tracefs_simple_open(struct inode *inode, struct file *file)
{
	struct tracefs_simple *ts = tracefs_inode_data(inode);
	struct tracefs_snapshot *snap;
	int err = 0;

	if ((file->f_mode & FMODE_WRITE) && !ts->write)
		return -EACCES;
	if ((file->f_mode & FMODE_READ) && !ts->show)
		return -EACCES;
	if ((file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC) && ts->truncate)
		ts->truncate(ts->data);
	snap = kzalloc(sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	if (file->f_mode & FMODE_READ)
		err = simple_render(ts, snap);
	if (err) {
		kfree(snap);
		return err;
	}
	file->private_data = snap;
	return 0;
}

static ssize_t tracefs_simple_read(struct file *file, char __user *buf, size_t count,
				   loff_t *ppos)
{
	struct tracefs_snapshot *snap = file->private_data;

	return simple_read_from_buffer(buf, count, ppos, snap->buf, snap->len);
}

/* A NUL-terminated kernel copy of at most a page less one byte. */
char *tracefs_copy_from_user(const char __user *ubuf, size_t *count)
{
	char *kbuf;

	*count = min(*count, (size_t)PAGE_SIZE - 1);
	kbuf = kmalloc(*count + 1, GFP_KERNEL);
	if (!kbuf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(kbuf, ubuf, *count)) {
		kfree(kbuf);
		return ERR_PTR(-EFAULT);
	}
	kbuf[*count] = '\0';
	return kbuf;
}

static ssize_t tracefs_simple_write(struct file *file, const char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	struct tracefs_simple *ts = tracefs_inode_data(file_inode(file));
	ssize_t ret;
	char *kbuf = tracefs_copy_from_user(ubuf, &count);

	if (IS_ERR(kbuf))
		return PTR_ERR(kbuf);
	ret = ts->write(kbuf, count, ts->data);
	kfree(kbuf);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static loff_t tracefs_simple_llseek(struct file *file, loff_t offset, int whence)
{
	struct tracefs_snapshot *snap = file->private_data;

	return generic_file_llseek_size(file, offset, whence, MAX_LFS_FILESIZE, snap->len);
}

static int tracefs_simple_release(struct inode *inode, struct file *file)
{
	struct tracefs_snapshot *snap = file->private_data;

	kfree(snap->buf);
	kfree(snap);
	return 0;
}

static const struct file_operations tracefs_simple_fops = {
	.llseek		= tracefs_simple_llseek,
	.read		= tracefs_simple_read,
	.write		= tracefs_simple_write,
	.open		= tracefs_simple_open,
	.release	= tracefs_simple_release,
};

int tracefs_create_simple(const char *path, umode_t mode, void *data,
			  int (*show)(struct seq_file *m, void *data),
			  ssize_t (*write)(char *buf, size_t count, void *data))
{
	return tracefs_create_simple_trunc(path, mode, data, show, write, NULL);
}

int tracefs_create_simple_trunc(const char *path, umode_t mode, void *data,
				int (*show)(struct seq_file *m, void *data),
				ssize_t (*write)(char *buf, size_t count, void *data),
				void (*truncate)(void *data))
{
	struct tracefs_simple *ts = kzalloc(sizeof(*ts), GFP_KERNEL);
	int err;

	if (!ts)
		return -ENOMEM;
	ts->show = show;
	ts->write = write;
	ts->truncate = truncate;
	ts->data = data;
	err = tracefs_create_file(path, mode, ts, &tracefs_simple_fops);
	if (err)
		kfree(ts);
	return err;
}
