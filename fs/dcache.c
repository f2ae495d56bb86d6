// SPDX-License-Identifier: MIT
/*
 * The dentry tree: allocation, lookup of a child by name, linking and
 * unlinking, and reference counting (the rules are in linux/dcache.h).
 * Unlike Linux there is no hash table and no negative-dentry cache: a
 * directory's children are a list, which is enough for an initramfs,
 * and a failed lookup leaves nothing behind. Inodes are created and
 * destroyed by the file systems; this file only hands them over.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/slab.h>

DEFINE_SPINLOCK(dcache_lock);

static struct dentry *__d_alloc(const char *name, size_t len)
{
	struct dentry *dentry = kmalloc(sizeof(*dentry) + len + 1, GFP_KERNEL);

	if (!dentry)
		return NULL;
	dentry->d_parent = dentry;
	dentry->d_inode = NULL;
	INIT_LIST_HEAD(&dentry->d_child);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	dentry->d_count = 1;
	dentry->d_flags = 0;
	dentry->d_op = NULL;
	memcpy(dentry->d_name, name, len);
	dentry->d_name[len] = '\0';
	return dentry;
}

/* A negative dentry for name under parent, not yet linked; the caller holds it. */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *dentry = __d_alloc(name, len);

	if (dentry && parent)
		dentry->d_parent = dget(parent);
	return dentry;
}

/* A dentry outside the tree (pipes): its own parent, never found by lookup. */
struct dentry *d_alloc_anon(const char *name, struct inode *inode)
{
	struct dentry *dentry = __d_alloc(name, strlen(name));

	if (dentry)
		dentry->d_inode = inode;
	return dentry;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

static struct dentry *__d_lookup(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *child;

	list_for_each_entry(child, &parent->d_subdirs, d_child) {
		if (!strncmp(child->d_name, name, len) && child->d_name[len] == '\0')
			return child;
	}
	return NULL;
}

/* Give the dentry its inode and link it under its parent, where lookups find it. */
void d_add(struct dentry *dentry, struct inode *inode)
{
	spin_lock(&dcache_lock);
	dentry->d_inode = inode;
	if (!IS_ROOT(dentry) && !(dentry->d_flags & DCACHE_LINKED)) {
		list_add_tail(&dentry->d_child, &dentry->d_parent->d_subdirs);
		dentry->d_flags |= DCACHE_LINKED;
		dentry->d_count++;
	}
	spin_unlock(&dcache_lock);
}


/*
 * d_add() for lookups that run without the namespace lock (/proc): if
 * another lookup linked the same name first, that dentry is returned
 * referenced and this one stays unlinked for the caller to drop; else NULL.
 */
struct dentry *d_add_unique(struct dentry *dentry, struct inode *inode)
{
	struct dentry *other;

	spin_lock(&dcache_lock);
	dentry->d_inode = inode;
	other = __d_lookup(dentry->d_parent, dentry->d_name, strlen(dentry->d_name));
	if (other) {
		other->d_count++;
	} else {
		list_add_tail(&dentry->d_child, &dentry->d_parent->d_subdirs);
		dentry->d_flags |= DCACHE_LINKED;
		dentry->d_count++;
	}
	spin_unlock(&dcache_lock);
	return other;
}

/* The child called name (len bytes, not NUL-terminated), referenced, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *child;

	spin_lock(&dcache_lock);
	child = __d_lookup(parent, name, len);
	if (child)
		child->d_count++;
	spin_unlock(&dcache_lock);
	return child;
}

struct dentry *dget(struct dentry *dentry)
{
	spin_lock(&dcache_lock);
	dentry->d_count++;
	spin_unlock(&dcache_lock);
	return dentry;
}

/*
 * Drop a reference. The last one frees the dentry, puts its inode and
 * then continues with the parent, which the dentry held.
 */
void dput(struct dentry *dentry)
{
	while (dentry) {
		struct dentry *parent;
		struct inode *inode;

		spin_lock(&dcache_lock);
		if (--dentry->d_count > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		WARN_ON(dentry->d_flags & DCACHE_LINKED);
		spin_unlock(&dcache_lock);

		parent = IS_ROOT(dentry) ? NULL : dentry->d_parent;
		inode = dentry->d_inode;
		kfree(dentry);
		if (inode)
			iput(inode);
		dentry = parent;
	}
}

/* Take the name out of the tree: no new lookups find it; holders keep it alive. */
void d_delete(struct dentry *dentry)
{
	bool linked;

	spin_lock(&dcache_lock);
	linked = dentry->d_flags & DCACHE_LINKED;
	if (linked) {
		list_del_init(&dentry->d_child);
		dentry->d_flags &= ~DCACHE_LINKED;
	}
	spin_unlock(&dcache_lock);
	if (linked)
		dput(dentry);
}

/*
 * Take dentry and every cached name under it out of the tree (a /proc
 * directory whose task is gone). Open files keep theirs.
 */
void d_invalidate(struct dentry *dentry)
{
	struct dentry *child;

	for (;;) {
		spin_lock(&dcache_lock);
		child = list_empty(&dentry->d_subdirs) ? NULL :
			list_first_entry(&dentry->d_subdirs, struct dentry, d_child);
		if (child)
			child->d_count++;
		spin_unlock(&dcache_lock);
		if (!child)
			break;
		d_invalidate(child);
		dput(child);
	}
	d_delete(dentry);
}

bool d_unlinked(struct dentry *dentry)
{
	return !IS_ROOT(dentry) && !(READ_ONCE(dentry->d_flags) & DCACHE_LINKED);
}

bool simple_empty(struct dentry *dentry)
{
	bool empty;

	spin_lock(&dcache_lock);
	empty = list_empty(&dentry->d_subdirs);
	spin_unlock(&dcache_lock);
	return empty;
}

/*
 * The absolute path of dentry, built backwards from the end of buf.
 * Returns a pointer into buf, or ERR_PTR(-ENAMETOOLONG).
 */
char *dentry_path(struct dentry *dentry, char *buf, int buflen)
{
	char *end = buf + buflen;
	char *p = end - 1;

	if (buflen < 2)
		return ERR_PTR(-ENAMETOOLONG);
	*p = '\0';
	spin_lock(&dcache_lock);
	for (; !IS_ROOT(dentry); dentry = dentry->d_parent) {
		size_t len = strlen(dentry->d_name);

		if (p - buf < (long)len + 1) {
			spin_unlock(&dcache_lock);
			return ERR_PTR(-ENAMETOOLONG);
		}
		p -= len;
		memcpy(p, dentry->d_name, len);
		*--p = '/';
	}
	spin_unlock(&dcache_lock);
	if (*p == '\0')
		*--p = '/';
	return p;
}
