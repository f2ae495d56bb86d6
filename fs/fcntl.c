// SPDX-License-Identifier: MIT
/*
 * fcntl(): duplicating at or above a number, the close-on-exec flag,
 * the status flags F_SETFL may change (O_APPEND, O_NONBLOCK and the
 * few Linux lets through), a pipe's capacity, and the record and OFD
 * lock commands, which fs/locks.c carries out.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/resource.h>
#include <linux/fcntl.h>
#include <linux/filelock.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>


static long setfl(struct file *filp, unsigned long arg)
{
	filp->f_flags = (arg & SETFL_MASK) | (filp->f_flags & ~SETFL_MASK);
	return 0;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *filp)
{
	if ((cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && arg >= rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd(arg, filp, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd(arg, filp, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return filp->f_flags;
	case F_SETFL:
		return setfl(filp, arg);
	case F_GETLK:
	case F_OFD_GETLK:
		return fcntl_getlk(filp, cmd, (void __user *)arg);
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return fcntl_setlk(filp, cmd, (void __user *)arg);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(filp, cmd, arg);
	}
	return -EINVAL;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *filp = fget(fd);
	long err;

	if (!filp)
		return -EBADF;
	/* An O_PATH descriptor answers only the descriptor-level commands. */
	if ((filp->f_mode & FMODE_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC &&
	    cmd != F_GETFD && cmd != F_SETFD && cmd != F_GETFL)
		err = -EBADF;
	else
		err = do_fcntl(fd, cmd, arg, filp);
	fput(filp);
	return err;
}
