// SPDX-License-Identifier: MIT
/*
 * getcwd(): the working directory's absolute path, built from the
 * dentry tree. A working directory that was removed has no path any
 * more, and the answer is -ENOENT, as on Linux.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	struct files_struct *files = current->files;
	struct dentry *cwd;
	char *page, *path;
	long len;

	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	cwd = get_cwd(files);
	path = d_unlinked(cwd) ? ERR_PTR(-ENOENT) : dentry_path(cwd, page, PATH_MAX);
	dput(cwd);
	if (IS_ERR(path)) {
		len = PTR_ERR(path);
	} else {
		len = strlen(path) + 1;
		if (len > size)
			len = -ERANGE;
		else if (copy_to_user(buf, path, len))
			len = -EFAULT;
	}
	kfree(page);
	return len;
}
