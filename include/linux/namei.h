/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_NAMEI_H
#define _LINUX_NAMEI_H

/* Path lookup (fs/namei.c). */
#include <linux/types.h>

struct dentry;
struct file;
struct files_struct;

#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the result must be a directory */
#define LOOKUP_EMPTY		0x4000	/* "" names the starting directory (AT_EMPTY_PATH) */
/* openat2's RESOLVE_* restrictions, for every step of the walk (Linux's values) */
#define LOOKUP_NO_SYMLINKS	0x010000	/* any symlink: -ELOOP */
#define LOOKUP_NO_MAGICLINKS	0x020000	/* reflex has no magic links: nothing to refuse */
#define LOOKUP_NO_XDEV		0x040000	/* leaving the file system: -EXDEV */
#define LOOKUP_BENEATH		0x080000	/* "/" or ".." above the start: -EXDEV */
#define LOOKUP_IN_ROOT		0x100000	/* the start is "/" for the walk */
#define LOOKUP_IS_SCOPED	(LOOKUP_BENEATH | LOOKUP_IN_ROOT)
#define LOOKUP_RESOLVE_MASK	(LOOKUP_NO_SYMLINKS | LOOKUP_NO_MAGICLINKS | LOOKUP_NO_XDEV | \
				 LOOKUP_IS_SCOPED)

/* A kernel copy of a user path (kmalloc'd, PATH_MAX), or ERR_PTR. */
char *getname(const char __user *filename);
void putname(char *name);

/* The dentry name leads to from dfd (AT_FDCWD or a directory descriptor), referenced. */
int filename_lookup(int dfd, const char *name, unsigned int flags, struct dentry **res);
int kern_path(const char *name, unsigned int flags, struct dentry **res);
/* filename_lookup() of a user-space path. */
int user_path_at(int dfd, const char __user *filename, unsigned int flags, struct dentry **res);
struct dentry *get_cwd(struct files_struct *files);
struct file *do_filp_open(int dfd, struct dentry *base, const char *name, int flags, umode_t mode);
/* openat2: do_filp_open() from dfd with LOOKUP_NO_SYMLINKS ... LOOKUP_IN_ROOT. */
struct file *do_file_open_resolve(int dfd, const char *name, int flags, umode_t mode,
				  unsigned int resolve);

int do_mkdirat(int dfd, const char *name, umode_t mode);
int do_mknodat(int dfd, const char *name, umode_t mode, dev_t dev);
int do_symlinkat(const char *target, int newdfd, const char *newname);
int do_unlinkat(int dfd, const char *name);
int do_rmdir(int dfd, const char *name);

#endif
