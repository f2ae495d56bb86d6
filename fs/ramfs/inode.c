// SPDX-License-Identifier: MIT
/*
 * ramfs, the root file system: directories are their dentries (the
 * tree in fs/dcache.c is all there is), regular files keep their bytes
 * in their page cache (mm/filemap.c), symlinks keep their target, and
 * device nodes, FIFOs and sockets are inodes with a number and no data.
 * Nothing is ever written back; memory is the only limit. As in Linux,
 * the initramfs is unpacked into it and it stays the root. A file's
 * super_block says which instance it belongs to: the root's, one
 * mounted with mount -t ramfs, or a tmpfs (mm/shmem.c builds tmpfs on
 * these inodes, adding a size limit and shmem accounting).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/shmem_fs.h>
#include <asm/page.h>

#define RAMFS_DEV	MKDEV(0, 1)	/* rootfs's st_dev */

/*
 * The largest ramfs file is Linux's on 64 bits, MAX_LFS_FILESIZE: the
 * pages are sparse (mm/filemap.c), so a byte written anywhere costs one
 * page and at most nine tree nodes, never memory in proportion to the
 * offset.
 */
static int ramfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations ramfs_ops = {
	.statfs		= ramfs_statfs,
};

static struct super_block ramfs_sb = {
	.s_maxbytes	= MAX_LFS_FILESIZE,
	.s_magic	= RAMFS_MAGIC,
	.s_dev		= RAMFS_DEV,
	.s_op		= &ramfs_ops,
};

/* A new ramfs instance's super_block (mount -t ramfs), or NULL. */
struct super_block *ramfs_new_sb(void)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	*sb = ramfs_sb;
	sb->s_dev = get_anon_dev();
	return sb;
}

static const struct inode_operations ramfs_dir_inode_operations;

static ssize_t ramfs_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	ssize_t ret;

	if (*ppos < 0)
		return -EINVAL;
	ret = mapping_read(file_inode(file), *ppos, buf, count, true);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static ssize_t ramfs_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	ssize_t ret = generic_write_checks(file, ppos, &count);

	if (ret <= 0)
		return ret;
	ret = mapping_write(file_inode(file), *ppos, buf, count, true);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static const struct file_operations ramfs_file_operations = {
	.llseek	= generic_file_llseek,
	.read	= ramfs_read,
	.write	= ramfs_write,
};

/* A new inode of sb's instance; a tmpfs file's pages count as shmem. */
struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb->s_dev);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode->i_sb = sb;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_fop = &ramfs_file_operations;
		inode->i_mapping = &inode->i_data;
		mapping_init(inode->i_mapping, inode);
		if (sb->s_magic == TMPFS_MAGIC)
			inode->i_data.flags |= AS_SHMEM;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inode->i_nlink = 2;	/* "." and the parent's entry */
		break;
	case S_IFLNK:
		break;
	default:
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, mode, dev);

	if (!inode)
		return -ENOSPC;
	inode->i_mtime = dir->i_mtime;
	d_add(dentry, inode);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		dir->i_nlink++;	/* the new directory's ".." */
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	inode = ramfs_get_inode(dir->i_sb, S_IFLNK | S_IRWXUGO, 0);
	if (!inode)
		return -ENOSPC;
	inode->i_link = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return -ENOSPC;
	}
	memcpy(inode->i_link, target, len + 1);
	inode->i_size = len;
	d_add(dentry, inode);
	return 0;
}

static int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	dentry->d_inode->i_nlink--;
	d_delete(dentry);
	return 0;
}

static int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	dentry->d_inode->i_nlink = 0;
	dir->i_nlink--;
	d_delete(dentry);
	return 0;
}

/* Everything ramfs has is in the tree already: a miss is a miss. */
static struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry)
{
	return NULL;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup		= simple_lookup,
	.create		= ramfs_create,
	.mkdir		= ramfs_mkdir,
	.mknod		= ramfs_mknod,
	.symlink	= ramfs_symlink,
	.unlink		= simple_unlink,
	.rmdir		= simple_rmdir,
};

/* The root directory inode of the instance sb (a mount's). */
struct inode *ramfs_root_inode(struct super_block *sb, umode_t mode)
{
	return ramfs_get_inode(sb, S_IFDIR | (mode & S_IALLUGO), 0);
}

/* The root file system's root directory, as a dentry that is its own parent. */
struct dentry *ramfs_fill_root(void)
{
	struct inode *inode = ramfs_get_inode(&ramfs_sb, S_IFDIR | 0755, 0);
	struct dentry *root;

	if (!inode)
		return NULL;
	root = d_alloc(NULL, "/", 1);
	if (!root) {
		iput(inode);
		return NULL;
	}
	d_instantiate(root, inode);
	return root;
}
