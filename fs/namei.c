// SPDX-License-Identifier: MIT
/*
 * Path lookup and the calls that create or remove names: walking a path
 * component by component from the root or a starting directory, with
 * ".", "..", trailing slashes and symbolic links (at most 40 followed in
 * one lookup, nested at most 8 deep, else -ELOOP), then open with its
 * O_CREAT/O_EXCL/O_TRUNC/O_DIRECTORY/O_NOFOLLOW rules, mkdir, mknod,
 * symlink, unlink and rmdir with Linux's errno for each case.
 *
 * Changes to the tree are serialized by one namespace_lock (Linux: the
 * parent directory's i_rwsem); lookups run without it, and a file
 * system that makes dentries on lookup (/proc) links them with
 * d_add_unique() so racing lookups agree. A mount point is a dentry of
 * the tree showing the mounted file system's root inode, marked so it
 * cannot be removed (fs/namespace.c): lookups simply walk through it.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fcntl.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define MAX_NESTED_LINKS	8

static DEFINE_SPINLOCK(namespace_lock);

struct nameidata {
	int total_links;	/* symlinks followed in this lookup */
	int depth;		/* symlinks being followed right now */
	unsigned int resolve;	/* LOOKUP_NO_SYMLINKS ... LOOKUP_IN_ROOT (openat2) */
	struct dentry *root;	/* "/" and the top for ".." when scoped (BENEATH, IN_ROOT) */
};

static void nd_init(struct nameidata *nd, struct dentry *base, unsigned int flags)
{
	memset(nd, 0, sizeof(*nd));
	nd->resolve = flags & LOOKUP_RESOLVE_MASK;
	if (flags & LOOKUP_IS_SCOPED)
		nd->root = base;
}

char *getname(const char __user *filename)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0 || len >= PATH_MAX) {
		kfree(name);
		return ERR_PTR(len < 0 ? len : -ENAMETOOLONG);
	}
	return name;
}

void putname(char *name)
{
	kfree(name);
}

static bool is_dir(struct dentry *dentry)
{
	return S_ISDIR(dentry->d_inode->i_mode);
}

/* The child called name in dir, from the tree or from the file system, referenced. */
static struct dentry *lookup_one(struct dentry *dir, const char *name, size_t len)
{
	struct inode *inode = dir->d_inode;
	struct dentry *dentry, *old, *res;

	dentry = d_lookup(dir, name, len);
	if (dentry && dentry->d_op && dentry->d_op->d_revalidate &&
	    !dentry->d_op->d_revalidate(dentry)) {
		d_invalidate(dentry);
		dput(dentry);
		dentry = NULL;
	}
	if (dentry)
		return dentry;
	if (!inode->i_op || !inode->i_op->lookup)
		return ERR_PTR(-ENOENT);
	dentry = d_alloc(dir, name, len);
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	res = inode->i_op->lookup(inode, dentry);
	if (IS_ERR(res) || !dentry->d_inode) {
		dput(dentry);
		return IS_ERR(res) ? res : ERR_PTR(-ENOENT);
	}
	old = d_add_unique(dentry, dentry->d_inode);
	if (old) {
		dput(dentry);
		return old;
	}
	return dentry;
}

/*
 * One step from dir (a directory); "." and ".." never leave the tree's
 * root, nor a scoped lookup's: RESOLVE_IN_ROOT stays there as at "/",
 * RESOLVE_BENEATH fails -EXDEV.
 */
static struct dentry *walk_component(struct nameidata *nd, struct dentry *dir,
				     const char *name, size_t len)
{
	if (!is_dir(dir))
		return ERR_PTR(-ENOTDIR);
	if (inode_permission(dir->d_inode, MAY_EXEC))
		return ERR_PTR(-EACCES);
	if (len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (len == 1 && name[0] == '.')
		return dget(dir);
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (dir == nd->root)
			return (nd->resolve & LOOKUP_BENEATH) ? ERR_PTR(-EXDEV) : dget(dir);
		return dget(dir->d_parent);
	}
	return lookup_one(dir, name, len);
}

static struct dentry *path_walk(struct nameidata *nd, struct dentry *start,
				const char *path, unsigned int flags);

/* Resolve link (found in dir) to what it points at, relative to dir. */
static struct dentry *follow_link(struct nameidata *nd, struct dentry *dir, struct dentry *link)
{
	const char *target = link->d_inode->i_link;
	struct dentry *res;

	if (++nd->total_links > MAXSYMLINKS || nd->depth >= MAX_NESTED_LINKS ||
	    (nd->resolve & LOOKUP_NO_SYMLINKS))
		return ERR_PTR(-ELOOP);
	if (!target || !*target)
		return ERR_PTR(-ENOENT);
	nd->depth++;
	res = path_walk(nd, dir, target, LOOKUP_FOLLOW);
	nd->depth--;
	return res;
}

/* Length of the component at path, and whether nothing but slashes follows it. */
static size_t component(const char *path, bool *last, bool *trailing_slash)
{
	size_t len = 0;
	const char *rest;

	while (path[len] && path[len] != '/')
		len++;
	for (rest = path + len; *rest == '/'; rest++)
		;
	*last = !*rest;
	*trailing_slash = *last && path[len] == '/';
	return len;
}

/*
 * Walk path from start (or from the root if it is absolute) and return
 * the referenced dentry it names. A symlink in the middle is always
 * followed; in the last component only with LOOKUP_FOLLOW or a trailing
 * slash.
 */
static struct dentry *path_walk(struct nameidata *nd, struct dentry *start,
				const char *path, unsigned int flags)
{
	struct dentry *cur;

	if (*path == '/' && (nd->resolve & LOOKUP_BENEATH))
		return ERR_PTR(-EXDEV);
	cur = dget(*path == '/' ? (nd->root ?: root_dentry) : start);
	for (;;) {
		struct dentry *next;
		bool last, slash;
		size_t len;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		len = component(path, &last, &slash);
		next = walk_component(nd, cur, path, len);
		path += len;
		/* RESOLVE_NO_XDEV: another file system is another mount. */
		if (!IS_ERR(next) && (nd->resolve & LOOKUP_NO_XDEV) &&
		    next->d_inode->i_dev != cur->d_inode->i_dev) {
			dput(next);
			next = ERR_PTR(-EXDEV);
		}
		if (!IS_ERR(next) && S_ISLNK(next->d_inode->i_mode) &&
		    (!last || slash || (flags & LOOKUP_FOLLOW))) {
			struct dentry *target = follow_link(nd, cur, next);

			dput(next);
			next = target;
		}
		dput(cur);
		if (IS_ERR(next))
			return next;
		cur = next;
		if (slash && !is_dir(cur))
			goto notdir;
	}
	if ((flags & LOOKUP_DIRECTORY) && !is_dir(cur))
		goto notdir;
	return cur;
notdir:
	dput(cur);
	return ERR_PTR(-ENOTDIR);
}

/* The working directory, referenced; under file_lock so a chdir cannot free it meanwhile. */
struct dentry *get_cwd(struct files_struct *files)
{
	struct dentry *cwd;

	if (!files)
		return dget(root_dentry);
	spin_lock(&files->file_lock);
	cwd = dget(files->cwd ? files->cwd : root_dentry);
	spin_unlock(&files->file_lock);
	return cwd;
}

/*
 * Where a relative name starts: the working directory or dfd's
 * directory, referenced. A scoped lookup (LOOKUP_IS_SCOPED) starts there
 * even for an absolute name: that directory is its root.
 */
static struct dentry *start_dentry(int dfd, const char *name, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct dentry *dentry;
	struct file *file;

	if (*name == '/' && !(flags & LOOKUP_IS_SCOPED))
		return dget(root_dentry);
	if (dfd == AT_FDCWD)
		return get_cwd(files);
	file = fget(dfd);
	if (!file)
		return ERR_PTR(-EBADF);
	dentry = dget(file->f_dentry);
	fput(file);
	if (!dentry->d_inode || !is_dir(dentry)) {
		dput(dentry);
		return ERR_PTR(-ENOTDIR);
	}
	return dentry;
}

static struct dentry *lookup_from(struct dentry *base, const char *name, unsigned int flags)
{
	struct nameidata nd;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return ERR_PTR(-ENOENT);
	nd_init(&nd, base, flags);
	return path_walk(&nd, base, name, flags);
}

int filename_lookup(int dfd, const char *name, unsigned int flags, struct dentry **res)
{
	struct dentry *base, *dentry;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (!*name && dfd != AT_FDCWD) {
		/* AT_EMPTY_PATH: dfd itself, which need not be a directory. */
		struct file *file = fget(dfd);

		if (!file)
			return -EBADF;
		*res = dget(file->f_dentry);
		fput(file);
		return 0;
	}
	base = start_dentry(dfd, name, flags);
	if (IS_ERR(base))
		return PTR_ERR(base);
	dentry = lookup_from(base, name, flags);
	dput(base);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	*res = dentry;
	return 0;
}

int kern_path(const char *name, unsigned int flags, struct dentry **res)
{
	return filename_lookup(AT_FDCWD, name, flags, res);
}

int user_path_at(int dfd, const char __user *filename, unsigned int flags, struct dentry **res)
{
	char *name = getname(filename);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = filename_lookup(dfd, name, flags, res);
	putname(name);
	return err;
}

/*
 * The parent directory of name's last component and that component. last
 * points into name; *last_len excludes trailing slashes, which set
 * *trailing. The root itself has an empty last component.
 */
static struct dentry *parent_lookup(struct dentry *base, const char *name, const char **last,
				    size_t *last_len, bool *trailing, unsigned int resolve)
{
	size_t len = strlen(name), start;
	struct nameidata nd;
	char *prefix;
	struct dentry *parent;

	if (!len)
		return ERR_PTR(-ENOENT);
	*trailing = false;
	while (len > 1 && name[len - 1] == '/') {
		len--;
		*trailing = true;
	}
	for (start = len; start && name[start - 1] != '/'; start--)
		;
	*last = name + start;
	*last_len = len - start;
	if (*last_len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	if (!start)
		return dget(base);
	prefix = kmalloc(start + 1, GFP_KERNEL);
	if (!prefix)
		return ERR_PTR(-ENOMEM);
	memcpy(prefix, name, start);
	prefix[start] = '\0';
	nd_init(&nd, base, resolve);
	parent = path_walk(&nd, base, prefix, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	kfree(prefix);
	return parent;
}

static bool is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.') || !len;
}

/*
 * The state a create or remove works on: the parent, the last
 * component, and (if it exists) the child, all referenced.
 */
struct create_ctx {
	struct dentry *parent;
	struct dentry *child;		/* NULL if the name is free */
	const char *last;
	size_t last_len;
	bool trailing;
	struct dentry *start;		/* where the lookup began: a scoped lookup's root */
	unsigned int resolve;
};

static int create_ctx_begin(int dfd, struct dentry *base, const char *name, struct create_ctx *c,
			    unsigned int resolve)
{
	struct dentry *start = base ? dget(base) : start_dentry(dfd, name, resolve);

	memset(c, 0, sizeof(*c));
	if (IS_ERR(start))
		return PTR_ERR(start);
	c->start = start;
	c->resolve = resolve;
	c->parent = parent_lookup(start, name, &c->last, &c->last_len, &c->trailing, resolve);
	if (IS_ERR(c->parent)) {
		int err = PTR_ERR(c->parent);

		c->parent = NULL;
		return err;
	}
	return 0;
}

/* Under namespace_lock: find the last component in the parent (ENOENT is not an error here). */
static int create_ctx_lookup(struct create_ctx *c)
{
	struct dentry *child;

	if (is_dot_or_dotdot(c->last, c->last_len))
		return 0;
	child = lookup_one(c->parent, c->last, c->last_len);
	if (IS_ERR(child))
		return PTR_ERR(child) == -ENOENT ? 0 : PTR_ERR(child);
	c->child = child;
	return 0;
}

static void create_ctx_end(struct create_ctx *c)
{
	if (c->start)
		dput(c->start);
	if (c->child)
		dput(c->child);
	if (c->parent)
		dput(c->parent);
}

/* A negative dentry for c->last, to hand to the parent's create-like operation. */
static struct dentry *create_ctx_new(struct create_ctx *c)
{
	struct dentry *dentry = d_alloc(c->parent, c->last, c->last_len);

	return dentry ? dentry : ERR_PTR(-ENOMEM);
}

/*
 * Make the name with make(), the parent's operation; under namespace_lock.
 * On success the new dentry is returned referenced.
 */
static struct dentry *create_locked(struct create_ctx *c, int (*make)(struct inode *dir,
				    struct dentry *dentry, void *arg), void *arg)
{
	struct dentry *dentry;
	int err;

	if (c->child)
		return ERR_PTR(-EEXIST);
	if (is_dot_or_dotdot(c->last, c->last_len))
		return ERR_PTR(-EEXIST);
	if (!is_dir(c->parent))
		return ERR_PTR(-ENOTDIR);
	dentry = create_ctx_new(c);
	if (IS_ERR(dentry))
		return dentry;
	err = make(c->parent->d_inode, dentry, arg);
	if (err) {
		dput(dentry);
		return ERR_PTR(err);
	}
	return dentry;
}

static umode_t apply_umask(umode_t mode)
{
	struct files_struct *files = current->files;

	return mode & ~(files ? files->umask : 0022);
}

static int make_reg(struct inode *dir, struct dentry *dentry, void *arg)
{
	if (!dir->i_op->create)
		return -EPERM;
	return dir->i_op->create(dir, dentry, *(umode_t *)arg);
}

static int make_dir(struct inode *dir, struct dentry *dentry, void *arg)
{
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, *(umode_t *)arg);
}

struct mknod_args {
	umode_t mode;
	dev_t dev;
};

static int make_node(struct inode *dir, struct dentry *dentry, void *arg)
{
	struct mknod_args *a = arg;

	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, a->mode, a->dev);
}

static int make_symlink(struct inode *dir, struct dentry *dentry, void *arg)
{
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, arg);
}

static int do_create(int dfd, const char *name, int (*make)(struct inode *, struct dentry *, void *),
		     void *arg, bool dir_ok_with_slash)
{
	struct create_ctx c;
	struct dentry *dentry;
	int err = create_ctx_begin(dfd, NULL, name, &c, 0);

	if (!err && c.trailing && !dir_ok_with_slash)
		err = -ENOENT;	/* "name/" can only ever be a directory */
	if (err)
		goto out;
	spin_lock(&namespace_lock);
	err = create_ctx_lookup(&c);
	if (!err) {
		dentry = create_locked(&c, make, arg);
		err = IS_ERR(dentry) ? PTR_ERR(dentry) : 0;
		if (!err)
			dput(dentry);
	}
	spin_unlock(&namespace_lock);
out:
	create_ctx_end(&c);
	return err;
}

int do_mkdirat(int dfd, const char *name, umode_t mode)
{
	mode = apply_umask(mode & (S_IALLUGO)) | S_IFDIR;
	return do_create(dfd, name, make_dir, &mode, true);
}

int do_mknodat(int dfd, const char *name, umode_t mode, dev_t dev)
{
	struct mknod_args a = { .dev = dev };

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	a.mode = (mode & S_IFMT) | apply_umask(mode & S_IALLUGO);
	if (S_ISREG(mode))
		return do_create(dfd, name, make_reg, &a.mode, false);
	return do_create(dfd, name, make_node, &a, false);
}

int do_symlinkat(const char *target, int newdfd, const char *newname)
{
	if (!*target)
		return -ENOENT;
	return do_create(newdfd, newname, make_symlink, (void *)target, false);
}

static int do_remove(int dfd, const char *name, bool dir)
{
	struct create_ctx c;
	struct inode *pdir;
	int err = create_ctx_begin(dfd, NULL, name, &c, 0);

	if (err)
		goto out;
	if (is_dot_or_dotdot(c.last, c.last_len)) {
		/* rmdir("."): EINVAL, rmdir(".."): ENOTEMPTY, unlink of either: EISDIR. */
		err = !dir ? -EISDIR : (c.last_len == 1 ? -EINVAL : -ENOTEMPTY);
		if (!c.last_len)
			err = -EBUSY;	/* the root */
		goto out;
	}
	spin_lock(&namespace_lock);
	err = create_ctx_lookup(&c);
	pdir = c.parent->d_inode;
	if (!err && !c.child)
		err = -ENOENT;
	else if (!err && c.child->d_flags & DCACHE_MOUNTED)
		err = -EBUSY;
	else if (!err && dir != is_dir(c.child))
		err = dir ? -ENOTDIR : -EISDIR;
	else if (!err && !dir && c.trailing)
		err = -ENOTDIR;
	else if (!err && dir && !simple_empty(c.child))
		err = -ENOTEMPTY;
	else if (!err)
		err = dir ? (pdir->i_op->rmdir ? pdir->i_op->rmdir(pdir, c.child) : -EPERM)
			  : (pdir->i_op->unlink ? pdir->i_op->unlink(pdir, c.child) : -EPERM);
	spin_unlock(&namespace_lock);
out:
	create_ctx_end(&c);
	return err;
}

int do_unlinkat(int dfd, const char *name)
{
	return do_remove(dfd, name, false);
}

int do_rmdir(int dfd, const char *name)
{
	return do_remove(dfd, name, true);
}

/* The checks between finding the inode and opening it (Linux's may_open). */
static int may_open(struct dentry *dentry, int flags)
{
	struct inode *inode = dentry->d_inode;
	int acc = flags & O_ACCMODE;

	if (S_ISLNK(inode->i_mode) && !(flags & O_PATH))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && !(flags & O_PATH) &&
	    (acc == O_WRONLY || acc == O_RDWR || (flags & O_CREAT)))
		return -EISDIR;
	return 0;
}

/* O_CREAT: the existing file (following a final symlink unless O_NOFOLLOW) or a new one. */
static struct dentry *open_create(int dfd, struct dentry *base, const char *name, int flags,
				  umode_t mode, bool *created, unsigned int resolve)
{
	struct nameidata nd;
	struct dentry *dentry;
	struct create_ctx c;
	int err = create_ctx_begin(dfd, base, name, &c, resolve);

	if (!err && (c.trailing || is_dot_or_dotdot(c.last, c.last_len)))
		err = -EISDIR;
	if (err) {
		create_ctx_end(&c);
		return ERR_PTR(err);
	}
	spin_lock(&namespace_lock);
	err = create_ctx_lookup(&c);
	if (err) {
		dentry = ERR_PTR(err);
	} else if (c.child) {
		dentry = (flags & O_EXCL) ? ERR_PTR(-EEXIST) : dget(c.child);
	} else {
		mode = S_IFREG | apply_umask(mode & S_IALLUGO);
		dentry = create_locked(&c, make_reg, &mode);
		*created = !IS_ERR(dentry);
	}
	spin_unlock(&namespace_lock);
	if (!IS_ERR(dentry) && !*created && S_ISLNK(dentry->d_inode->i_mode) &&
	    !(flags & O_NOFOLLOW)) {
		struct dentry *target;

		nd_init(&nd, c.start, resolve);
		target = follow_link(&nd, c.parent, dentry);

		dput(dentry);
		dentry = target;
	}
	create_ctx_end(&c);
	return dentry;
}

static struct dentry *open_lookup(int dfd, struct dentry *base, const char *name,
				  unsigned int flags)
{
	struct dentry *dentry;
	int err;

	if (base)
		return lookup_from(base, name, flags);
	err = filename_lookup(dfd, name, flags, &dentry);
	return err ? ERR_PTR(err) : dentry;
}

/* O_PATH files: a place to start *at() lookups from, fstat and close; no I/O. */
static const struct file_operations path_only_fops;

/* Open the inode at dentry: the file takes its own reference to dentry. */
static struct file *vfs_open(struct dentry *dentry, int flags)
{
	struct inode *inode = dentry->d_inode;
	struct file *file;
	int err;

	if (flags & O_PATH)
		return alloc_file(dentry, flags & (O_PATH | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW),
				  &path_only_fops);
	/* open() still sees O_TRUNC (tracefs' trace empties the buffer on it), as Linux's. */
	file = alloc_file(dentry, flags & ~(O_CREAT | O_EXCL | O_NOCTTY), inode->i_fop);
	if (IS_ERR(file))
		return file;
	if (file->f_op && file->f_op->open) {
		err = file->f_op->open(inode, file);
		if (err) {
			file->f_op = NULL;	/* never opened: no release */
			fput(file);
			return ERR_PTR(err);
		}
	}
	file->f_flags &= ~O_TRUNC;
	return file;
}

/*
 * The open itself; resolve: openat2's LOOKUP_NO_SYMLINKS ... LOOKUP_IN_ROOT
 * for every step of the walk, the created file's too.
 */
static struct file *do_open(int dfd, struct dentry *base, const char *name, int flags,
			    umode_t mode, unsigned int resolve)
{
	bool created = false;
	struct dentry *dentry;
	struct file *file;
	int err;

	if (flags & __O_TMPFILE)
		return ERR_PTR(-EOPNOTSUPP);
	if (flags & O_PATH)
		flags &= O_PATH | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW;
	if (flags & O_CREAT)
		dentry = open_create(dfd, base, name, flags, mode, &created, resolve);
	else
		dentry = open_lookup(dfd, base, name,
				     resolve | ((flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW));
	if (IS_ERR(dentry))
		return (struct file *)dentry;
	err = may_open(dentry, flags);
	if (!err && (flags & O_TRUNC) && !created && S_ISREG(dentry->d_inode->i_mode) &&
	    (flags & O_ACCMODE) != O_RDONLY && dentry->d_inode->i_mapping)
		err = mapping_truncate(dentry->d_inode, 0);
	file = err ? ERR_PTR(err) : vfs_open(dentry, flags);
	dput(dentry);
	return file;
}

struct file *do_filp_open(int dfd, struct dentry *base, const char *name, int flags, umode_t mode)
{
	return do_open(dfd, base, name, flags, mode, 0);
}

struct file *do_file_open_resolve(int dfd, const char *name, int flags, umode_t mode,
				  unsigned int resolve)
{
	return do_open(dfd, NULL, name, flags, mode, resolve & LOOKUP_RESOLVE_MASK);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	char *name = getname(pathname);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mkdirat(dfd, name, mode);
	putname(name);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return __do_sys_mkdirat(AT_FDCWD, pathname, mode);
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	char *name = getname(filename);
	int err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_mknodat(dfd, name, mode, new_decode_dev(dev));
	putname(name);
	return err;
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return __do_sys_mknodat(AT_FDCWD, filename, mode, dev);
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd, const char __user *, newname)
{
	char *target = getname(oldname), *name;
	int err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname(newname);
	err = IS_ERR(name) ? PTR_ERR(name) : do_symlinkat(target, newdfd, name);
	if (!IS_ERR(name))
		putname(name);
	putname(target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return __do_sys_symlinkat(oldname, AT_FDCWD, newname);
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	char *name;
	int err;

	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	name = getname(pathname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = (flag & AT_REMOVEDIR) ? do_rmdir(dfd, name) : do_unlinkat(dfd, name);
	putname(name);
	return err;
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return __do_sys_unlinkat(AT_FDCWD, pathname, 0);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return __do_sys_unlinkat(AT_FDCWD, pathname, AT_REMOVEDIR);
}
