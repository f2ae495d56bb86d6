/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_DCACHE_H
#define _LINUX_DCACHE_H

/*
 * Dentries: the names of the tree. Each one names an inode (or nothing,
 * while a lookup or a create is in progress) inside its parent.
 *
 * Reference rules, all counts under dcache_lock:
 *  - a dentry linked into its parent's d_subdirs holds one reference on
 *    itself (the tree's), so a cached name stays while it exists;
 *  - every child holds a reference on its parent;
 *  - open files, working directories and lookups in progress hold one
 *    each. Unlinking drops the tree's; the last dput() frees the dentry,
 *    puts its inode and then its parent.
 * The tree's shape and d_count are guarded by dcache_lock, a spinlock:
 * no one sleeps or touches user memory while holding it.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct inode;
struct dentry;

/*
 * What a file system may say about its cached names. d_revalidate()
 * returns 1 if the name still stands for its inode, 0 if it must be
 * dropped and looked up again (/proc/PID of a task that has gone, or
 * whose files changed).
 */
struct dentry_operations {
	int (*d_revalidate)(struct dentry *dentry);
};

struct dentry {
	struct dentry		*d_parent;	/* itself for the root and for anonymous dentries */
	struct inode		*d_inode;	/* NULL: negative */
	struct list_head	d_child;	/* in the parent's d_subdirs */
	struct list_head	d_subdirs;
	int			d_count;
	unsigned int		d_flags;
	const struct dentry_operations *d_op;	/* NULL: cached names never go stale */
	char			d_name[];	/* NUL-terminated, at most NAME_MAX bytes */
};

#define DCACHE_LINKED	0x1	/* in its parent's d_subdirs (the tree holds a reference) */
#define DCACHE_MOUNTED	0x2	/* another file system's root sits here (/proc): not removable */

extern spinlock_t dcache_lock;

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
struct dentry *d_alloc_anon(const char *name, struct inode *inode);
void d_instantiate(struct dentry *dentry, struct inode *inode);
void d_add(struct dentry *dentry, struct inode *inode);
struct dentry *d_add_unique(struct dentry *dentry, struct inode *inode);
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
void d_delete(struct dentry *dentry);
void d_invalidate(struct dentry *dentry);
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
bool d_unlinked(struct dentry *dentry);
bool simple_empty(struct dentry *dentry);
char *dentry_path(struct dentry *dentry, char *buf, int buflen);

static inline bool IS_ROOT(const struct dentry *dentry)
{
	return dentry == dentry->d_parent;
}

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

#endif
