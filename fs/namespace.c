// SPDX-License-Identifier: MIT
/*
 * The mount table: a ramfs root (rootfs), proc on /proc, sysfs on /sys,
 * /dev with the nodes of the character devices reflex has (as if
 * devtmpfs were mounted there, which Linux initramfs setups usually
 * arrange themselves), tmpfs on /dev/shm and /tmp (init_mount_tmpfs(),
 * once the initramfs is in), and whatever mount(2) adds: proc, sysfs,
 * tmpfs (size=, mode=), devtmpfs, ramfs and tracefs (the /sys tree's
 * kernel/tracing directory once more) instances, stacked as Linux
 * stacks them, taken away again by umount2(2). /proc/mounts lists them.
 *
 * There is one namespace and no vfsmount: the tree of dentries is all
 * there is (fs/dcache.c), so a mount is made in place. The mount point's
 * dentry takes the new file system's root inode, and the dentries it had
 * (the covered directory's entries) are set aside in the struct mount
 * until the umount puts them back; the mounted file system's own names
 * are made under the mount point as lookups and creations find them.
 * ".." from a mount's root is the mount point's parent, as on Linux.
 * Bind and move mounts, read-only mounts, and the enforcement of
 * nosuid/nodev/noexec are left out (mount(2) refuses the first three
 * with -EINVAL; the others are shown in /proc/mounts, not applied).
 *
 * Linux runs the driver registrations as initcalls; reflex has no
 * initcall levels, so mnt_init() calls them in order.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/statfs.h>
#include <linux/fcntl.h>
#include <linux/shmem_fs.h>
#include <uapi/linux/mount.h>

#define TTY_MAJOR	4
#define TTYAUX_MAJOR	5
#define MEM_MAJOR	1

/* The mount flags kept per mount and shown in /proc/mounts. */
#define MNT_USER_FLAGS	(MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | \
			 MS_STRICTATIME | MS_RELATIME | MS_SYNCHRONOUS | MS_DIRSYNC | MS_LAZYTIME)

struct mount {
	struct list_head mnt_list;		/* in mount order */
	struct dentry *mnt_mountpoint;		/* held; its d_inode is our root */
	struct file_system_type *mnt_type;	/* NULL: rootfs */
	struct super_block *mnt_sb;
	struct inode *mnt_root;			/* the file system's root directory */
	struct inode *mnt_covered;		/* what the mount point showed before */
	struct list_head mnt_covered_children;	/* the covered directory's dentries */
	unsigned int mnt_covered_dflags;
	unsigned long mnt_flags;		/* MS_NOSUID, ... */
	char *mnt_devname;
};

struct dentry *root_dentry;
static LIST_HEAD(mount_list);
static DEFINE_MUTEX(namespace_sem);		/* mount_list and every mount and umount */

struct dentry *ramfs_fill_root(void);
struct inode *proc_get_root_inode(void);
struct inode *sysfs_get_root_inode(void);
struct inode *tracefs_get_root_inode(void);
int chr_dev_init(void);
int tty_init(void);

static char *kstrdup_name(const char *s)
{
	size_t len = strlen(s);
	char *p = kmalloc(len + 1, GFP_KERNEL);

	if (p)
		memcpy(p, s, len + 1);
	return p;
}

static int proc_fs_mount(struct file_system_type *type, char *data, struct super_block **sb,
			 struct inode **root)
{
	*root = proc_get_root_inode();
	if (!*root)
		return -ENOMEM;
	*sb = (*root)->i_sb;
	return 0;
}

static int sysfs_mount(struct file_system_type *type, char *data, struct super_block **sb,
		       struct inode **root)
{
	*root = sysfs_get_root_inode();
	if (!*root)
		return -ENOMEM;
	*sb = (*root)->i_sb;
	return 0;
}

static void ramfs_kill_sb(struct super_block *sb)
{
	kfree(sb);
}

static int ramfs_mount(struct file_system_type *type, char *data, struct super_block **sb,
		       struct inode **root)
{
	struct super_block *new = ramfs_new_sb();

	if (!new)
		return -ENOMEM;
	new->s_type = type;
	*root = ramfs_root_inode(new, 0755);
	if (!*root) {
		kfree(new);
		return -ENOMEM;
	}
	*sb = new;
	return 0;
}

static int tracefs_mount(struct file_system_type *type, char *data, struct super_block **sb,
			 struct inode **root)
{
	*root = tracefs_get_root_inode();
	if (!*root)
		return -ENODEV;
	*sb = (*root)->i_sb;
	return 0;
}

static struct file_system_type sysfs_fs_type = { .name = "sysfs", .mount = sysfs_mount };
static struct file_system_type tracefs_fs_type = { .name = "tracefs", .mount = tracefs_mount };
static struct file_system_type proc_fs_type = { .name = "proc", .mount = proc_fs_mount };
static struct file_system_type ramfs_fs_type = {
	.name		= "ramfs",
	.mount		= ramfs_mount,
	.kill_sb	= ramfs_kill_sb,
};

/* The topmost mount on dentry, or NULL if it is no mount point. */
static struct mount *lookup_mnt(struct dentry *dentry)
{
	struct mount *mnt;

	list_for_each_entry_reverse(mnt, &mount_list, mnt_list)
		if (mnt->mnt_mountpoint == dentry)
			return mnt;
	return NULL;
}

/* The mount point's dentry shows root from now on; what it showed is kept in mnt. */
static void attach_mnt(struct mount *mnt, struct dentry *mp, struct inode *root)
{
	mnt->mnt_mountpoint = dget(mp);
	mnt->mnt_root = root;
	INIT_LIST_HEAD(&mnt->mnt_covered_children);
	spin_lock(&dcache_lock);
	mnt->mnt_covered = mp->d_inode;
	mnt->mnt_covered_dflags = mp->d_flags & DCACHE_MOUNTED;
	list_splice_init(&mp->d_subdirs, &mnt->mnt_covered_children);
	WRITE_ONCE(mp->d_inode, root);
	mp->d_flags |= DCACHE_MOUNTED;
	spin_unlock(&dcache_lock);
	list_add_tail(&mnt->mnt_list, &mount_list);
}

/* Unlink every dentry in list (a subtree's top level) and all below it. */
static void drop_dentry_list(struct list_head *list)
{
	struct dentry *child;

	for (;;) {
		spin_lock(&dcache_lock);
		child = list_empty(list) ? NULL : list_first_entry(list, struct dentry, d_child);
		if (child)
			child->d_count++;
		spin_unlock(&dcache_lock);
		if (!child)
			return;
		drop_dentry_list(&child->d_subdirs);
		d_delete(child);
		/* d_delete() unlinked it: make sure the loop moves on even if it was not linked. */
		spin_lock(&dcache_lock);
		list_del_init(&child->d_child);
		spin_unlock(&dcache_lock);
		dput(child);
	}
}

/*
 * Is anything in use below dentry: a dentry with a reference other than
 * the tree's and its children's (an open file, a working directory,
 * another mount on it)? Under dcache_lock.
 */
static bool subtree_busy(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child) {
		int expected = !!(child->d_flags & DCACHE_LINKED);
		struct dentry *grand;

		list_for_each_entry(grand, &child->d_subdirs, d_child)
			expected++;
		if (child->d_count > expected || subtree_busy(child))
			return true;
	}
	return false;
}

static void free_mnt(struct mount *mnt)
{
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

/* Take mnt away: its names go, the covered directory comes back. Under namespace_sem. */
static void umount_tree(struct mount *mnt, bool busy)
{
	struct dentry *mp = mnt->mnt_mountpoint;
	LIST_HEAD(gone);

	list_del(&mnt->mnt_list);
	spin_lock(&dcache_lock);
	list_splice_init(&mp->d_subdirs, &gone);
	list_splice_init(&mnt->mnt_covered_children, &mp->d_subdirs);
	WRITE_ONCE(mp->d_inode, mnt->mnt_covered);
	mp->d_flags = (mp->d_flags & ~DCACHE_MOUNTED) | mnt->mnt_covered_dflags;
	spin_unlock(&dcache_lock);
	drop_dentry_list(&gone);
	iput(mnt->mnt_root);
	/* Files still open on a detached instance keep using its super_block. */
	if (!busy && mnt->mnt_type && mnt->mnt_type->kill_sb)
		mnt->mnt_type->kill_sb(mnt->mnt_sb);
	dput(mp);
	free_mnt(mnt);
}

/* A new instance of type on the directory mp. Under namespace_sem. */
static int do_new_mount_at(struct dentry *mp, const char *type, const char *dev, char *data,
			   unsigned long flags)
{
	struct file_system_type *fs = get_fs_type(type);
	struct super_block *sb;
	struct inode *root;
	struct mount *mnt;
	int err;

	if (!fs)
		return -ENODEV;
	if (!S_ISDIR(mp->d_inode->i_mode))
		return -ENOTDIR;
	mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);
	if (!mnt)
		return -ENOMEM;
	mnt->mnt_devname = kstrdup_name(dev ?: "none");
	if (!mnt->mnt_devname) {
		kfree(mnt);
		return -ENOMEM;
	}
	err = fs->mount(fs, data, &sb, &root);
	if (err) {
		free_mnt(mnt);
		return err;
	}
	mnt->mnt_type = fs;
	mnt->mnt_sb = sb;
	mnt->mnt_flags = flags & MNT_USER_FLAGS;
	attach_mnt(mnt, mp, root);
	err = fs->fill_root ? fs->fill_root(mp) : 0;
	if (err)
		umount_tree(mnt, false);
	return err;
}

static int kern_mount_at(const char *path, const char *type, unsigned long flags, char *data)
{
	struct dentry *mp;
	int err = kern_path(path, LOOKUP_FOLLOW, &mp);

	if (err)
		return err;
	mutex_lock(&namespace_sem);
	err = do_new_mount_at(mp, type, type, data, flags);
	mutex_unlock(&namespace_sem);
	dput(mp);
	return err;
}

static const struct {
	const char *name;
	umode_t mode;
	unsigned int major, minor;
} dev_nodes[] = {
	{ "console", S_IFCHR | 0600, TTYAUX_MAJOR, 1 },
	{ "tty",     S_IFCHR | 0666, TTYAUX_MAJOR, 0 },
	{ "ttyS0",   S_IFCHR | 0660, TTY_MAJOR, 64 },
	{ "null",    S_IFCHR | 0666, MEM_MAJOR, 3 },
	{ "zero",    S_IFCHR | 0666, MEM_MAJOR, 5 },
};

/* reflex's device nodes in the directory dir (/dev, or a devtmpfs root). */
int populate_dev_dir(struct dentry *dir)
{
	struct inode *inode = dir->d_inode;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
		const char *name = dev_nodes[i].name;
		struct dentry *dentry = d_lookup(dir, name, strlen(name));
		int err;

		if (dentry) {
			dput(dentry);
			continue;
		}
		dentry = d_alloc(dir, name, strlen(name));
		if (!dentry)
			return -ENOMEM;
		err = inode->i_op->mknod(inode, dentry, dev_nodes[i].mode,
					 MKDEV(dev_nodes[i].major, dev_nodes[i].minor));
		dput(dentry);
		if (err)
			return err;
	}
	return 0;
}

static int populate_dev(void)
{
	struct dentry *dev;
	int err = init_mkdir("/dev", 0755);

	if (err && err != -EEXIST)
		return err;
	err = kern_path("/dev", LOOKUP_FOLLOW, &dev);
	if (err)
		return err;
	err = populate_dev_dir(dev);
	dput(dev);
	return err;
}

/* The drivers behind /dev, registered once whatever happens to the tree. */
static int chrdev_drivers_init(void)
{
	static bool done;
	int err;

	if (done)
		return 0;
	err = chr_dev_init();
	if (!err)
		err = tty_init();
	done = !err;
	return err;
}

/* rootfs's entry in the table: it covers nothing and cannot be unmounted. */
static int mount_rootfs(void)
{
	struct mount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);

	if (!mnt || !(mnt->mnt_devname = kstrdup_name("rootfs"))) {
		kfree(mnt);
		return -ENOMEM;
	}
	mnt->mnt_mountpoint = dget(root_dentry);
	mnt->mnt_root = root_dentry->d_inode;
	mnt->mnt_sb = mnt->mnt_root->i_sb;
	INIT_LIST_HEAD(&mnt->mnt_covered_children);
	list_add_tail(&mnt->mnt_list, &mount_list);
	return 0;
}

static int mount_pseudo(const char *path, const char *type)
{
	int err = init_mkdir(path, 0555);

	if (err && err != -EEXIST)
		return err;
	return kern_mount_at(path, type, MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

/* Idempotent: the first caller (populate_rootfs or a test) builds the tree. */
int mnt_init(void)
{
	int err;

	if (root_dentry)
		return 0;
	register_filesystem(&sysfs_fs_type);
	register_filesystem(&tracefs_fs_type);
	register_filesystem(&proc_fs_type);
	register_filesystem(&ramfs_fs_type);
	root_dentry = ramfs_fill_root();
	if (!root_dentry)
		return -ENOMEM;
	err = mount_rootfs();
	if (!err)
		err = mount_pseudo("/proc", "proc");
	if (!err)
		err = mount_pseudo("/sys", "sysfs");
	if (!err)
		err = chrdev_drivers_init();
	if (!err)
		err = populate_dev();
	if (err)
		pr_err("VFS: cannot set up the root file system (%d)\n", err);
	return err;
}

/*
 * tmpfs on /dev/shm (POSIX shared memory: shm_open(), sem_open()) and on
 * /tmp, as a Debian system has them, once the initramfs is unpacked:
 * whatever the archive put there is covered.
 */
int init_mount_tmpfs(void)
{
	static const char *const dirs[] = { "/dev/shm", "/tmp" };
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(dirs) && !err; i++) {
		err = init_mkdir(dirs[i], 01777);
		if (!err || err == -EEXIST)
			err = kern_mount_at(dirs[i], "tmpfs", MS_NOSUID | MS_NODEV, NULL);
	}
	if (err)
		pr_err("VFS: cannot mount tmpfs on /dev/shm and /tmp (%d)\n", err);
	return err;
}

/* A user string of at most max bytes, kmalloc'd; NULL stays NULL. */
static char *copy_mount_string(const char __user *s, long max, long *err)
{
	char *buf;
	long len;

	*err = 0;
	if (!s)
		return NULL;
	buf = kmalloc(max, GFP_KERNEL);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	len = strncpy_from_user(buf, s, max);
	if (len < 0) {
		kfree(buf);
		*err = len;
		return NULL;
	}
	/* Linux copies at most a page of data; a longer string is cut there. */
	buf[min(len, max - 1)] = '\0';
	return buf;
}

/* MS_REMOUNT: new flags and, for tmpfs, a new size. */
static int do_remount(struct dentry *mp, unsigned long flags, char *data)
{
	struct mount *mnt = lookup_mnt(mp);
	int err = 0;

	if (!mnt)
		return -EINVAL;
	if (mnt->mnt_type && mnt->mnt_type->remount)
		err = mnt->mnt_type->remount(mnt->mnt_sb, data);
	if (!err)
		mnt->mnt_flags = flags & MNT_USER_FLAGS;
	return err;
}

static int do_mount(const char *dev, struct dentry *mp, const char *type, unsigned long flags,
		    char *data)
{
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_RDONLY)
		return -EINVAL;		/* read-only mounts are not implemented */
	if (flags & MS_REMOUNT)
		return do_remount(mp, flags, data);
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL;		/* nor are bind and move mounts */
	if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return lookup_mnt(mp) ? 0 : -EINVAL;	/* one namespace: nothing propagates */
	if (!type)
		return -EINVAL;
	return do_new_mount_at(mp, type, dev, data, flags);
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name, char __user *, type,
		unsigned long, flags, void __user *, data)
{
	char *kdev, *ktype = NULL, *kdata = NULL;
	struct dentry *mp;
	long err;

	kdev = copy_mount_string(dev_name, PATH_MAX, &err);
	if (!err)
		ktype = copy_mount_string(type, PAGE_SIZE, &err);
	if (!err)
		kdata = copy_mount_string(data, PAGE_SIZE, &err);
	if (!err)
		err = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &mp);
	if (!err) {
		mutex_lock(&namespace_sem);
		err = do_mount(kdev, mp, ktype, flags, kdata);
		mutex_unlock(&namespace_sem);
		dput(mp);
	}
	kfree(kdev);
	kfree(ktype);
	kfree(kdata);
	return err;
}

static int do_umount(struct dentry *mp, int flags)
{
	struct mount *mnt = lookup_mnt(mp);
	bool busy;

	if (!mnt)
		return -EINVAL;
	if (!mnt->mnt_type)
		return -EBUSY;			/* rootfs */
	if (flags & MNT_EXPIRE)
		return -EAGAIN;			/* not idle long enough: never, here */
	spin_lock(&dcache_lock);
	busy = subtree_busy(mp);
	spin_unlock(&dcache_lock);
	if (busy && !(flags & MNT_DETACH))
		return -EBUSY;
	umount_tree(mnt, busy);
	return 0;
}

SYSCALL_DEFINE2(umount, char __user *, name, int, flags)
{
	struct dentry *mp;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, name, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &mp);
	if (err)
		return err;
	mutex_lock(&namespace_sem);
	err = do_umount(mp, flags);
	mutex_unlock(&namespace_sem);
	dput(mp);
	return err;
}

/* The flags of the mount sb is mounted by, as statfs()'s ST_* bits. */
long mount_flags_of(const struct super_block *sb)
{
	struct mount *mnt;
	long flags = 0;

	mutex_lock(&namespace_sem);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		if (mnt->mnt_sb != sb)
			continue;
		flags = (mnt->mnt_flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC));
		if (!(mnt->mnt_flags & (MS_STRICTATIME | MS_NOATIME)) && mnt->mnt_type)
			flags |= ST_RELATIME;
		break;
	}
	mutex_unlock(&namespace_sem);
	return flags;
}

/* A field of /proc/mounts: space, tab, newline and backslash as octal escapes. */
static void seq_mangle(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

static void show_mnt_opts(struct seq_file *m, struct mount *mnt)
{
	static const struct { unsigned long flag; const char *str; } opts[] = {
		{ MS_SYNCHRONOUS, ",sync" }, { MS_DIRSYNC, ",dirsync" },
		{ MS_NOSUID, ",nosuid" }, { MS_NODEV, ",nodev" }, { MS_NOEXEC, ",noexec" },
		{ MS_NOATIME, ",noatime" }, { MS_NODIRATIME, ",nodiratime" },
	};
	unsigned int i;

	seq_puts(m, "rw");
	for (i = 0; i < ARRAY_SIZE(opts); i++)
		if (mnt->mnt_flags & opts[i].flag)
			seq_puts(m, opts[i].str);
	/* relatime is Linux's default for every mount but the initial rootfs. */
	if (mnt->mnt_type && !(mnt->mnt_flags & (MS_STRICTATIME | MS_NOATIME)))
		seq_puts(m, ",relatime");
	if (mnt->mnt_type && mnt->mnt_type->show_options)
		mnt->mnt_type->show_options(m, mnt->mnt_sb);
}

/* /proc/mounts: "device mountpoint type options 0 0" per mount, in mount order. */
int mounts_proc_show(struct seq_file *m, void *v)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct mount *mnt;

	if (!buf)
		return -ENOMEM;
	mutex_lock(&namespace_sem);
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		char *path = dentry_path(mnt->mnt_mountpoint, buf, PATH_MAX);

		if (IS_ERR(path))
			continue;
		seq_mangle(m, mnt->mnt_devname);
		seq_putc(m, ' ');
		seq_mangle(m, path);
		seq_printf(m, " %s ", mnt->mnt_type ? mnt->mnt_type->name : "rootfs");
		show_mnt_opts(m, mnt);
		seq_puts(m, " 0 0\n");
	}
	mutex_unlock(&namespace_sem);
	kfree(buf);
	return 0;
}
