// SPDX-License-Identifier: MIT
/*
 * Anonymous files: a new inode and dentry per file, named
 * "anon_inode:[name]" as Linux's readlink of /proc/PID/fd shows it. The
 * caller's private data rides on file->private_data; its ->release
 * frees it. Linux shares one inode among all of them; reflex gives each
 * its own, which only changes st_ino.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/anon_inodes.h>

#define ANON_INODE_DEV	MKDEV(0, 14)

static struct dentry *anon_inode_dentry(const char *name)
{
	char label[64];
	struct inode *inode = new_inode(ANON_INODE_DEV);
	struct dentry *dentry;

	if (!inode)
		return NULL;
	inode->i_mode = S_IRUSR | S_IWUSR;
	snprintf(label, sizeof(label), "anon_inode:%s", name);
	dentry = d_alloc_anon(label, inode);
	if (!dentry)
		iput(inode);
	return dentry;
}

/* flags: O_ACCMODE, O_NONBLOCK (kept in f_flags); O_CLOEXEC is the fd's. */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags)
{
	struct dentry *dentry = anon_inode_dentry(name);
	struct file *file;

	if (!dentry)
		return ERR_PTR(-ENOMEM);
	file = alloc_file(dentry, flags & (O_ACCMODE | O_NONBLOCK), fops);
	dput(dentry);
	if (IS_ERR(file))
		return file;
	file->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD);
	file->private_data = priv;
	return file;
}

/* A descriptor for a new anonymous file; on failure priv is the caller's to free. */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, int flags)
{
	int fd = get_unused_fd_flags(flags);
	struct file *file;

	if (fd < 0)
		return fd;
	file = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}
