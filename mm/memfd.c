// SPDX-License-Identifier: MIT
/*
 * memfd_create(): an anonymous file, an unlinked tmpfs file (mm/shmem.c)
 * named "memfd:NAME", open for reading and writing, whose pages can be
 * mapped shared, passed on by fd inheritance, and grown with ftruncate.
 * File seals (MFD_ALLOW_SEALING's F_ADD_SEALS) are not implemented: the
 * flag is accepted, the fcntl commands are not there. MFD_HUGETLB is
 * refused (-EINVAL): there are no huge pages.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/shmem_fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_HUGETLB		0x0004U

#define MFD_NAME_PREFIX		"memfd:"
#define MFD_NAME_PREFIX_LEN	(sizeof(MFD_NAME_PREFIX) - 1)
#define MFD_NAME_MAX_LEN	(NAME_MAX - MFD_NAME_PREFIX_LEN)

/* "memfd:" and the user's name, at most MFD_NAME_MAX_LEN bytes of it (else -EINVAL). */
static char *memfd_name(const char __user *uname)
{
	char *name = kmalloc(MFD_NAME_PREFIX_LEN + MFD_NAME_MAX_LEN + 2, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	memcpy(name, MFD_NAME_PREFIX, MFD_NAME_PREFIX_LEN);
	len = strncpy_from_user(name + MFD_NAME_PREFIX_LEN, uname, MFD_NAME_MAX_LEN + 1);
	if (len < 0 || len > (long)MFD_NAME_MAX_LEN) {
		kfree(name);
		return ERR_PTR(len < 0 ? len : -EINVAL);
	}
	return name;
}

SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int, flags)
{
	struct file *file;
	char *name;
	int fd;

	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;
	name = memfd_name(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(flags & MFD_CLOEXEC ? O_CLOEXEC : 0);
	if (fd < 0)
		goto out;
	file = shmem_file_setup(name, 0, O_LARGEFILE);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		fd = PTR_ERR(file);
		goto out;
	}
	fd_install(fd, file);
out:
	kfree(name);
	return fd;
}
