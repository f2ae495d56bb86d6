// SPDX-License-Identifier: MIT
/*
 * tmpfs, and the shmem objects Linux builds on it: MAP_SHARED anonymous
 * memory, memfd_create() (mm/memfd.c) and SysV shared memory (ipc/shm.c)
 * are unlinked files of an internal tmpfs instance, so every process that
 * maps one maps the same page-cache pages, and fork()'s children with it.
 *
 * A tmpfs file is a ramfs file (fs/ramfs/inode.c makes the inodes, the
 * pages are mm/filemap.c's) on a super_block of its own that adds what
 * tmpfs has and ramfs lacks: a size limit (size=, by default half of
 * memory as on Linux; a write or a fault past it is -ENOSPC / SIGBUS),
 * the root directory's mode=, uid= and gid=, statfs() with the blocks
 * used, and shmem accounting of mapped pages (MM_SHMEMPAGES). Nothing
 * is swapped: a tmpfs page is RAM until the file loses it. devtmpfs is
 * a tmpfs instance that starts with reflex's device nodes in it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/fcntl.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/shmem_fs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include "internal.h"

struct shmem_sb_info {
	umode_t mode;			/* the root directory's */
	unsigned int uid, gid;
	bool size_given;		/* size= differs from the default: /proc/mounts shows it */
};

static int shmem_statfs(struct super_block *sb, struct kstatfs *buf)
{
	long used = atomic_long_read(&sb->s_nr_pages);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	if (sb->s_max_pages) {
		buf->f_blocks = sb->s_max_pages;
		buf->f_bfree = buf->f_bavail = sb->s_max_pages - min((unsigned long)used,
								     sb->s_max_pages);
	}
	return 0;
}

static const struct super_operations shmem_ops = {
	.statfs	= shmem_statfs,
};

/* Linux's default size=: half of RAM. */
static unsigned long shmem_default_max_pages(void)
{
	return totalram_pages() / 2;
}

static struct super_block *shmem_new_sb(umode_t mode)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	struct shmem_sb_info *info = kzalloc(sizeof(*info), GFP_KERNEL);

	if (!sb || !info) {
		kfree(sb);
		kfree(info);
		return NULL;
	}
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_dev = get_anon_dev();
	sb->s_op = &shmem_ops;
	sb->s_max_pages = shmem_default_max_pages();
	sb->s_fs_info = info;
	info->mode = mode;
	return sb;
}

/* size=N[kmgtpe] in bytes (rounded up to pages) or N% of RAM, into pages. */
static int shmem_parse_size(const char *val, unsigned long *pages)
{
	static const char units[] = "kmgtpe";	/* each 10 bits more */
	char num[24], *end;
	size_t len = strlen(val);
	unsigned long n, shift = 0;
	const char *unit;
	char suffix;

	if (!len || len >= sizeof(num))
		return -EINVAL;
	memcpy(num, val, len + 1);
	end = num + len - 1;
	suffix = *end;
	unit = suffix >= 'A' ? strchr(units, suffix | 0x20) : NULL;
	if (unit)
		shift = 10 * (unit - units + 1);
	if (unit || suffix == '%')
		*end = '\0';
	if (kstrtoul(num, 10, &n))
		return -EINVAL;
	if (suffix == '%') {
		*pages = totalram_pages() * n / 100;
		return 0;
	}
	if (shift && n > (~0UL >> shift))
		return -EINVAL;
	n <<= shift;
	*pages = n / PAGE_SIZE + !!(n % PAGE_SIZE);
	return 0;
}

/* One option of tmpfs's data; remount may change the size only. */
static int shmem_parse_one(struct super_block *sb, char *opt, bool remount)
{
	struct shmem_sb_info *info = sb->s_fs_info;
	char *val = strchr(opt, '=');
	unsigned long n;

	if (val)
		*val++ = '\0';
	if (!strcmp(opt, "size") || !strcmp(opt, "nr_blocks")) {
		if (!val)
			return -EINVAL;
		if (!strcmp(opt, "size") ? shmem_parse_size(val, &n) : kstrtoul(val, 0, &n))
			return -EINVAL;
		/* Linux: size=0 is no limit; a remount below what is used fails. */
		if (remount && n && n < (unsigned long)atomic_long_read(&sb->s_nr_pages))
			return -EINVAL;
		sb->s_max_pages = n;
		info->size_given = true;
		return 0;
	}
	if (!strcmp(opt, "nr_inodes") || !strcmp(opt, "huge") || !strcmp(opt, "mpol") ||
	    !strcmp(opt, "inode64") || !strcmp(opt, "inode32"))
		return 0;	/* no inode limit, huge pages or NUMA policy to apply */
	if (remount)
		return !strcmp(opt, "mode") || !strcmp(opt, "uid") || !strcmp(opt, "gid") ? 0 : -EINVAL;
	if (!val || kstrtoul(val, !strcmp(opt, "mode") ? 8 : 10, &n))
		return -EINVAL;
	if (!strcmp(opt, "mode"))
		info->mode = n & S_IALLUGO;
	else if (!strcmp(opt, "uid"))
		info->uid = n;
	else if (!strcmp(opt, "gid"))
		info->gid = n;
	else
		return -EINVAL;
	return 0;
}

static int shmem_parse_options(struct super_block *sb, char *data, bool remount)
{
	char *opt = data, *comma;
	int err;

	for (; opt; opt = comma) {
		comma = strchr(opt, ',');
		if (comma)
			*comma++ = '\0';
		if (!*opt)
			continue;
		err = shmem_parse_one(sb, opt, remount);
		if (err)
			return err;
	}
	return 0;
}

static void shmem_kill_sb(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	kfree(sb);
}

static int shmem_mount_mode(struct file_system_type *type, char *data,
			    struct super_block **sbp, struct inode **root, umode_t mode)
{
	struct super_block *sb = shmem_new_sb(mode);
	struct shmem_sb_info *info;
	struct inode *inode;
	int err;

	if (!sb)
		return -ENOMEM;
	sb->s_type = type;
	info = sb->s_fs_info;
	err = shmem_parse_options(sb, data, false);
	inode = err ? NULL : ramfs_root_inode(sb, info->mode);
	if (!inode) {
		shmem_kill_sb(sb);
		return err ?: -ENOMEM;
	}
	inode->i_uid = info->uid;
	inode->i_gid = info->gid;
	*sbp = sb;
	*root = inode;
	return 0;
}

static int shmem_mount(struct file_system_type *type, char *data, struct super_block **sb,
		       struct inode **root)
{
	return shmem_mount_mode(type, data, sb, root, S_IRWXUGO | S_ISVTX);
}

static int shmem_remount(struct super_block *sb, char *data)
{
	return shmem_parse_options(sb, data, true);
}

/* Linux's shmem_show_options(): what differs from the defaults. */
static void shmem_show_options(struct seq_file *m, struct super_block *sb)
{
	struct shmem_sb_info *info = sb->s_fs_info;

	if (info->size_given)
		seq_printf(m, ",size=%luk", sb->s_max_pages << (PAGE_SHIFT - 10));
	if (info->mode != (S_IRWXUGO | S_ISVTX))
		seq_printf(m, ",mode=%03o", info->mode);
	if (info->uid)
		seq_printf(m, ",uid=%u", info->uid);
	if (info->gid)
		seq_printf(m, ",gid=%u", info->gid);
}

static struct file_system_type shmem_fs_type = {
	.name		= "tmpfs",
	.mount		= shmem_mount,
	.remount	= shmem_remount,
	.show_options	= shmem_show_options,
	.kill_sb	= shmem_kill_sb,
};

static int devtmpfs_mount(struct file_system_type *type, char *data, struct super_block **sb,
			  struct inode **root)
{
	return shmem_mount_mode(type, data, sb, root, 0755);
}

static struct file_system_type dev_fs_type = {
	.name		= "devtmpfs",
	.mount		= devtmpfs_mount,
	.remount	= shmem_remount,
	.fill_root	= populate_dev_dir,
	.show_options	= shmem_show_options,
	.kill_sb	= shmem_kill_sb,
};

/* The instance the unlinked objects live in (Linux's shm_mnt): no limit. */
static struct super_block shm_sb = {
	.s_maxbytes	= MAX_LFS_FILESIZE,
	.s_magic	= TMPFS_MAGIC,
	.s_op		= &shmem_ops,
	.s_type		= &shmem_fs_type,
};

/* Pipes and anonymous inodes have no superblock: they are not shmem. */
bool shmem_file(struct file *file)
{
	struct super_block *sb = file_inode(file)->i_sb;

	return sb && sb->s_magic == TMPFS_MAGIC;
}

/**
 * shmem_file_setup - an unlinked tmpfs file
 * @name: its name, for /proc/PID/maps and fd links ("memfd:x", "SYSV00001234")
 * @size: its size in bytes: a hole, pages come on first touch
 * @flags: further open flags (O_CLOEXEC is the caller's business)
 *
 * Return: the file, open for reading and writing, or ERR_PTR.
 */
struct file *shmem_file_setup(const char *name, loff_t size, unsigned int flags)
{
	struct inode *inode;
	struct dentry *dentry;
	struct file *file;

	if (size < 0 || size > MAX_LFS_FILESIZE)
		return ERR_PTR(-EINVAL);
	inode = ramfs_get_inode(&shm_sb, S_IFREG | S_IRWXUGO, 0);
	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->i_size = size;
	inode->i_nlink = 0;
	dentry = d_alloc_anon(name, inode);
	if (!dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	file = alloc_file(dentry, O_RDWR | flags, inode->i_fop);
	dput(dentry);
	return file;
}

/* MAP_SHARED anonymous memory: a shmem object the size of the VMA, as Linux names it. */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup("/dev/zero", vma->vm_end - vma->vm_start, 0);

	if (IS_ERR(file))
		return PTR_ERR(file);
	vma_set_file(vma, file, 0);
	fput(file);
	return 0;
}

void shmem_init(void)
{
	shm_sb.s_dev = get_anon_dev();
	register_filesystem(&shmem_fs_type);
	register_filesystem(&dev_fs_type);
}
