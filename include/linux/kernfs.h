/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KERNFS_H
#define _LINUX_KERNFS_H

/*
 * The tree of generated files that /proc and /sys are made of
 * (fs/kernfs/dir.c). Linux builds sysfs on kernfs and /proc on its own
 * proc_dir_entry tree; reflex has one tree for both, with Linux's
 * lifetime rules: a node is referenced by the tree and by every inode
 * that names it (kernfs_get/kernfs_put), and a show() or write() runs
 * under an active reference (kernfs_get_active) that removal waits
 * for, so a file's data stays valid while a call is inside it and is
 * never touched after removal returns.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/stat.h>

struct seq_file;
struct file_operations;

/* What reading and writing a file call; each gets the node's data. */
struct kernfs_ops {
	/* /proc: print into m; m->private is the data. */
	int (*seq_show)(struct seq_file *m, void *v);
	/* /sys: fill one page, return its length or -errno. */
	ssize_t (*show)(char *page, void *data);
	/* A NUL-terminated kernel copy of what was written; count or -errno. */
	ssize_t (*write)(const char *buf, size_t count, void *data);
	/* Or the file's own operations (tracefs' streaming files); data through kn. */
	const struct file_operations *fops;
};

struct kernfs_node {
	struct kernfs_node	*parent;	/* referenced; NULL for a root */
	struct list_head	sibling;	/* in parent->children */
	struct list_head	children;	/* directories only */
	umode_t			mode;		/* S_IFDIR or S_IFREG and the permission bits */
	unsigned int		flags;
	unsigned long		ino;
	atomic_t		count;		/* the tree's reference, inodes', walkers' */
	atomic_t		active;		/* show()/write() calls in progress */
	struct kernfs_ops	ops;
	void			*data;
	char			name[];
};

#define KERNFS_IMPLICIT	0x1	/* a directory that exists for the files under it */
#define KERNFS_REMOVED	0x2	/* unlinked: no new calls, lookups fail */

/* One tree: /proc or /sys. mnt is the directory of / it is seen at. */
struct kernfs_root {
	struct kernfs_node	*kn;	/* the top directory, made on first use */
	const char		*mnt;
};

extern struct kernfs_root proc_kernfs_root, sysfs_kernfs_root;

int kernfs_create(struct kernfs_root *root, const char *path, umode_t mode,
		  const struct kernfs_ops *ops, void *data);
int kernfs_remove_by_path(struct kernfs_root *root, const char *path, bool recursive);
struct kernfs_node *kernfs_root_node(struct kernfs_root *root);
struct kernfs_node *kernfs_find_and_get(struct kernfs_root *root, const char *path);
struct kernfs_node *kernfs_find_child(struct kernfs_node *dir, const char *name, size_t len);
struct kernfs_node *kernfs_child_at(struct kernfs_node *dir, loff_t index, char *name,
				    size_t size);
void kernfs_get(struct kernfs_node *kn);
void kernfs_put(struct kernfs_node *kn);
bool kernfs_get_active(struct kernfs_node *kn);
void kernfs_put_active(struct kernfs_node *kn);
ssize_t kernfs_render(struct kernfs_node *kn, char *buf, size_t size);
ssize_t kernfs_write(struct kernfs_node *kn, const char *buf, size_t count);
ssize_t kernfs_read_path(struct kernfs_root *root, const char *path, char *buf, size_t size);
void kernfs_for_each_file(struct kernfs_root *root,
			  void (*fn)(const char *path, void *arg), void *arg);

/* fs/proc/root.c: forget the cached names under /<mnt>/<path>. */
void kernfs_drop_dentries(const struct kernfs_root *root, const char *path);

static inline bool kernfs_is_dir(const struct kernfs_node *kn)
{
	return (kn->mode & S_IFMT) == S_IFDIR;
}

#endif
