// SPDX-License-Identifier: MIT
/*
 * ioctl(): the commands every descriptor understands (close-on-exec,
 * non-blocking mode, FIONREAD on regular files) are handled here; the
 * rest go to the file's unlocked_ioctl, and a file without one answers
 * -ENOTTY ("inappropriate ioctl for device"), which is what isatty()
 * learns from TCGETS on anything but a terminal.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fcntl.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <uapi/asm-generic/ioctls.h>

static long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!file->f_op || !file->f_op->unlocked_ioctl)
		return -ENOTTY;
	return file->f_op->unlocked_ioctl(file, cmd, arg);
}

static long ioctl_fionbio(struct file *file, int __user *argp)
{
	int on;

	if (get_user(on, argp))
		return -EFAULT;
	if (on)
		file->f_flags |= O_NONBLOCK;
	else
		file->f_flags &= ~O_NONBLOCK;
	return 0;
}

static long do_vfs_ioctl(struct file *file, unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct inode *inode = file_inode(file);

	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, 1);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, 0);
		return 0;
	case FIONBIO:
		return ioctl_fionbio(file, (int __user *)arg);
	case FIOASYNC:
		return 0;	/* accepted; no SIGIO is ever sent */
	case FIONREAD:
		if (!S_ISREG(inode->i_mode))
			break;
		return put_user((int)max(inode->i_size - file->f_pos, 0L), (int __user *)arg);
	}
	return vfs_ioctl(file, cmd, arg);
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = (f->f_mode & FMODE_PATH) ? -EBADF : do_vfs_ioctl(f, fd, cmd, arg);
	fput(f);
	return err;
}
