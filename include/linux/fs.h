/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

/*
 * The virtual file system's objects, with Linux's names and roles:
 *
 *   inode   a file's identity and metadata; its operations say how to
 *           look names up in it (directories) and which file_operations
 *           an open file of it gets
 *   dentry  a name in the tree (linux/dcache.h); reflex's file systems
 *           (ramfs, tmpfs, /proc, /sys) live in the dentry tree itself,
 *           a mount being a dentry that shows another root (fs/namespace.c)
 *   file    one open of an inode: position, flags, operations
 *
 * file_operations read and write take user pointers and copy with
 * copy_to_user()/copy_from_user(), as Linux's ->read/->write do (there
 * is no ->read_iter). The kernel reads files through kernel_read(),
 * which serves regular files from their pages (inode->i_mapping): what
 * the ELF loader and the initramfs need, and what Linux's kernel_read()
 * also limits itself to (files with page-cache-style reads).
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/atomic/atomic-long.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/stat.h>
#include <linux/kdev_t.h>
#include <linux/xarray.h>
#include <uapi/linux/fs.h>

struct inode;
struct file;
struct dentry;
struct dir_context;
struct poll_table_struct;
struct pipe_inode_info;
struct kstat;
struct file_lock_context;
struct vm_area_struct;

typedef unsigned int __poll_t;
typedef unsigned int fmode_t;

#define PATH_MAX	4096	/* bytes in a path, NUL included */
#define NAME_MAX	255	/* bytes in one component */
#define MAXSYMLINKS	40	/* links followed in one lookup (ELOOP beyond) */

/* file->f_mode: what this open may do. */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4	/* the position means something */
#define FMODE_PREAD	0x8	/* pread/pwrite allowed */
#define FMODE_PATH	0x4000	/* O_PATH: a handle, no I/O */

/* inode_permission() masks */
#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4

/* d_type values of getdents64: the S_IFMT bits shifted down. */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

static inline unsigned char fs_umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

/* The largest file size any file system could have: the largest loff_t. */
#define MAX_LFS_FILESIZE	((loff_t)INT64_MAX)

/*
 * A regular file's bytes: its page cache, pages in an xarray indexed by
 * page number, none for a hole (reads as zeros). The in-memory file
 * systems have nothing behind the cache, so, as for Linux's ramfs and
 * tmpfs, the pages are the file (mm/filemap.c). Each page is a real
 * page frame (struct page, ->mapping pointing back here) that user
 * mappings map directly; i_mmap lists the VMAs that map the file.
 */
struct address_space {
	struct xarray	i_pages;
	unsigned long	nrpages;	/* pages in i_pages */
	struct inode	*host;
	unsigned long	flags;		/* AS_* */
	spinlock_t	i_mmap_lock;	/* i_mmap */
	struct list_head i_mmap;	/* vm_area_struct.shared of every mapping */
};

#define AS_SHMEM	0x1	/* tmpfs/shmem: its mapped pages count as MM_SHMEMPAGES */

static inline bool mapping_shmem(const struct address_space *m)
{
	return m->flags & AS_SHMEM;
}

struct super_block;
struct kstatfs;

/*
 * A mounted file system, as far as its files need one: the limit
 * generic_write_checks() and generic_file_llseek() apply. Set for the
 * inodes that have pages (i_mapping); NULL for the others.
 */
struct super_operations {
	/* The last iput(): release what the file system hung on the inode. */
	void (*evict_inode)(struct inode *inode);
	int (*statfs)(struct super_block *sb, struct kstatfs *buf);
};

struct file_system_type;

struct super_block {
	loff_t		s_maxbytes;	/* the largest file size */
	const struct super_operations *s_op;	/* NULL: nothing to release */
	unsigned long	s_magic;	/* statfs()'s f_type */
	dev_t		s_dev;		/* its files' st_dev */
	struct file_system_type *s_type;
	/* Pages the file system's files may hold (tmpfs size=); 0: no limit. */
	unsigned long	s_max_pages;
	atomic_long_t	s_nr_pages;
	void		*s_fs_info;
};

struct inode_operations {
	/* Fill dentry (negative on entry) or leave it negative; an error as ERR_PTR. */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
};

struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read)(struct file *file, char __user *buf, size_t count, loff_t *pos);
	ssize_t (*write)(struct file *file, const char __user *buf, size_t count, loff_t *pos);
	/* Directories: emit entries from ctx->pos on (see struct dir_context). */
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	/* The ready events now; registers on wait queues through poll_wait(). */
	__poll_t (*poll)(struct file *file, struct poll_table_struct *pt);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*open)(struct inode *inode, struct file *file);
	/* The last reference to the open file is gone. */
	int (*release)(struct inode *inode, struct file *file);
	/* mmap() of a file that has no pages (/dev/zero): set the VMA up. */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);
	/* splice() from this file into a pipe (fs/splice.c). */
	ssize_t (*splice_read)(struct file *in, loff_t *ppos, struct pipe_inode_info *pipe,
			       size_t len, unsigned int flags);
};

struct inode {
	umode_t			i_mode;
	unsigned int		i_nlink;
	unsigned int		i_uid, i_gid;
	dev_t			i_rdev;		/* device nodes */
	dev_t			i_dev;		/* the file system's device (st_dev) */
	unsigned long		i_ino;
	loff_t			i_size;
	s64			i_mtime;	/* seconds; also reported as atime and ctime */
	atomic_t		i_count;	/* dentries and other holders */
	spinlock_t		i_lock;		/* i_size and the pages */
	const struct inode_operations	*i_op;
	const struct file_operations	*i_fop;
	struct address_space	*i_mapping;	/* NULL unless the bytes are pages */
	struct address_space	i_data;
	char			*i_link;	/* symlink target (kmalloc'd) */
	struct pipe_inode_info	*i_pipe;
	void			*i_private;	/* the file system's */
	struct super_block	*i_sb;		/* see struct super_block */
	struct file_lock_context *i_flctx;	/* flock and record locks (fs/locks.c) */
};

struct file {
	atomic_t		f_count;
	unsigned int		f_flags;	/* O_* as opened (F_SETFL changes some) */
	fmode_t			f_mode;
	loff_t			f_pos;
	struct dentry		*f_dentry;	/* holds a reference */
	struct inode		*f_inode;	/* f_dentry's inode, cached */
	const struct file_operations *f_op;
	void			*private_data;	/* the driver's */
	struct list_head	f_ep;		/* epoll items watching it (fs/eventpoll.c) */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/*
 * A directory walk: iterate_shared() calls actor for each entry at or
 * after pos, advancing pos past each one it emits, and stops when the
 * actor returns false (the caller's buffer is full).
 */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t offset, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type);
}

/* fs/inode.c */
struct inode *new_inode(dev_t sb_dev);
dev_t get_anon_dev(void);
void iput(struct inode *inode);
unsigned long get_next_ino(void);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
int inode_permission(struct inode *inode, int mask);
void generic_fillattr(struct inode *inode, struct kstat *stat);

/* fs/file_table.c */
struct file *alloc_file(struct dentry *dentry, unsigned int flags,
			const struct file_operations *fop);
static inline struct file *get_file(struct file *f)
{
	atomic_inc(&f->f_count);
	return f;
}
void fput(struct file *file);

/* fs/open.c */
struct file *filp_open(const char *filename, int flags, umode_t mode);
struct file *file_open_root(struct dentry *base, const char *filename, int flags, umode_t mode);
int filp_close(struct file *filp);
long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode);

/* fs/read_write.c */
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos);
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);

/* fs/readdir.c */
int iterate_dir(struct file *file, struct dir_context *ctx);

/* fs/stat.c */
int vfs_getattr(struct dentry *dentry, struct kstat *stat);

/* fs/libfs.c: helpers file systems share */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
int dcache_readdir(struct file *file, struct dir_context *ctx);
ssize_t generic_read_dir(struct file *file, char __user *buf, size_t count, loff_t *pos);
extern const struct file_operations simple_dir_operations;

/* mm/filemap.c: the page cache of regular files in memory */
ssize_t mapping_read(struct inode *inode, loff_t pos, void *buf, size_t count, bool user);
ssize_t mapping_write(struct inode *inode, loff_t pos, const void *buf, size_t count, bool user);
int mapping_truncate(struct inode *inode, loff_t size);
void mapping_init(struct address_space *m, struct inode *host);
void *filemap_fault_page(struct inode *inode, unsigned long pgoff);
int generic_write_check_limits(struct file *file, loff_t pos, size_t *count);
ssize_t generic_write_checks(struct file *file, loff_t *pos, size_t *count);

/* fs/attr.c */
int inode_newsize_ok(const struct inode *inode, loff_t offset);

/* fs/char_dev.c */
int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops);
extern const struct file_operations def_chr_fops;

/* fs/pipe.c */
int create_pipe_files(struct file **res, int flags);
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned long arg);

/*
 * A kind of file system mount(2) can make an instance of (fs/filesystems.c
 * keeps the list /proc/filesystems shows).
 */
struct seq_file;
struct file_system_type {
	const char *name;
	int fs_flags;		/* FS_REQUIRES_DEV: a device, not "nodev" */
	/*
	 * A new instance from mount(2)'s data (NUL-terminated, may be
	 * NULL): its super_block and root directory inode, or an errno.
	 */
	int (*mount)(struct file_system_type *type, char *data, struct super_block **sb,
		     struct inode **root);
	/* MS_REMOUNT with new data. */
	int (*remount)(struct super_block *sb, char *data);
	/* After the root is in place: fill it (devtmpfs's nodes). */
	int (*fill_root)(struct dentry *root);
	/* The instance's options for /proc/mounts, each as ",opt". */
	void (*show_options)(struct seq_file *m, struct super_block *sb);
	/* The last of the instance is gone (umount): free what mount made. */
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
};

#define FS_REQUIRES_DEV	1

/* fs/filesystems.c */
int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
int filesystems_proc_show(struct seq_file *m, void *v);

/* fs/namespace.c: the mount table (rootfs, /proc, /sys, /dev, the tmpfs mounts) */
int mnt_init(void);
int init_mount_tmpfs(void);
int mounts_proc_show(struct seq_file *m, void *v);
int populate_dev_dir(struct dentry *dir);
long mount_flags_of(const struct super_block *sb);
extern struct dentry *root_dentry;

/* fs/init.c: path-based helpers for kernel code (the initramfs) */
int init_mkdir(const char *pathname, umode_t mode);
int init_mknod(const char *pathname, umode_t mode, dev_t dev);
int init_symlink(const char *oldname, const char *newname);
int init_unlink(const char *pathname);
int init_rmdir(const char *pathname);
int init_chmod(const char *pathname, umode_t mode);
int init_chown(const char *pathname, unsigned int user, unsigned int group);
int init_utime(const char *pathname, s64 mtime);
int init_stat(const char *pathname, struct kstat *stat, int flags);

#endif
