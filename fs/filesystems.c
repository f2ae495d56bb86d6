// SPDX-License-Identifier: MIT
/*
 * The kinds of file system mount(2) knows, by name, in the order they
 * were registered: what /proc/filesystems lists ("nodev" before the
 * ones that need no device, which is all of reflex's).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

static struct file_system_type *file_systems;
static DEFINE_SPINLOCK(file_systems_lock);

/* -EBUSY if a file system of that name is registered already. */
int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;
	int err = 0;

	spin_lock(&file_systems_lock);
	for (p = &file_systems; *p && !err; p = &(*p)->next)
		if (*p == fs || !strcmp((*p)->name, fs->name))
			err = -EBUSY;
	if (!err) {
		fs->next = NULL;
		*p = fs;
	}
	spin_unlock(&file_systems_lock);
	return err;
}

/* Registered types are never unregistered: the pointer stays good. */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	for (fs = file_systems; fs && strcmp(fs->name, name); fs = fs->next)
		;
	spin_unlock(&file_systems_lock);
	return fs;
}

int filesystems_proc_show(struct seq_file *m, void *v)
{
	struct file_system_type *fs;

	spin_lock(&file_systems_lock);
	for (fs = file_systems; fs; fs = fs->next)
		seq_printf(m, "%s\t%s\n", fs->fs_flags & FS_REQUIRES_DEV ? "" : "nodev", fs->name);
	spin_unlock(&file_systems_lock);
	return 0;
}
