// SPDX-License-Identifier: MIT
/*
 * Inodes: allocation, the last put (which frees a file's pages, its
 * symlink target, what its file system hung on it, and the inode),
 * inode numbers, device nodes and the permission check. reflex runs
 * everything as root, so permission is Linux's answer for uid 0:
 * reading and writing are always allowed, executing needs an execute
 * bit somewhere (and a directory to search).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/slab.h>
#include <linux/filelock.h>
#include <asm/page.h>

struct inode *new_inode(dev_t sb_dev)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	atomic_set(&inode->i_count, 1);
	spin_lock_init(&inode->i_lock);
	inode->i_nlink = 1;
	inode->i_dev = sb_dev;
	inode->i_ino = get_next_ino();
	return inode;
}

void iput(struct inode *inode)
{
	if (!atomic_dec_and_test(&inode->i_count))
		return;
	if (inode->i_mapping) {
		mapping_truncate(inode, 0);
		xa_destroy(&inode->i_data.i_pages);
	}
	if (inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	locks_free_lock_context(inode);
	kfree(inode->i_link);
	kfree(inode);
}

/*
 * An st_dev for a new instance of a file system with no device (a
 * tmpfs or ramfs mount), as Linux's get_anon_bdev(): major 0, minors
 * from 32 up (the lower ones are the built-in instances').
 */
dev_t get_anon_dev(void)
{
	static atomic_t last_minor = ATOMIC_INIT(31);

	return MKDEV(0, atomic_inc_return(&last_minor));
}

/* Unique within a boot; 0 is never handed out (some tools skip d_ino 0). */
unsigned long get_next_ino(void)
{
	static atomic_t last_ino;

	return (unsigned int)atomic_inc_return(&last_ino);
}

static int no_open(struct inode *inode, struct file *file)
{
	return -ENXIO;
}

/* FIFOs, sockets and block devices have no driver here: opening them fails. */
static const struct file_operations no_open_fops = {
	.open = no_open,
};

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	if (S_ISCHR(mode))
		inode->i_fop = &def_chr_fops;
	else
		inode->i_fop = &no_open_fops;
}

int inode_permission(struct inode *inode, int mask)
{
	if ((mask & MAY_EXEC) && !(inode->i_mode & S_IXUGO))
		return -EACCES;
	return 0;
}

void generic_fillattr(struct inode *inode, struct kstat *stat)
{
	stat->dev = inode->i_dev;
	stat->ino = inode->i_ino;
	stat->mode = inode->i_mode;
	stat->nlink = inode->i_nlink;
	stat->uid = inode->i_uid;
	stat->gid = inode->i_gid;
	stat->rdev = inode->i_rdev;
	stat->size = inode->i_size;
	stat->atime = stat->mtime = stat->ctime = inode->i_mtime;
	stat->blksize = PAGE_SIZE;
	stat->blocks = (inode->i_size + 511) >> 9;
}
