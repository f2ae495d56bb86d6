// SPDX-License-Identifier: MIT
/*
 * SOL_SOCKET control messages, as Linux's net/core/scm.c: sendmsg()'s
 * control buffer is copied in and walked cmsghdr by cmsghdr with
 * Linux's checks (a header that claims more than the buffer holds is
 * -EINVAL, another level is skipped, an unknown type is -EINVAL), its
 * SCM_RIGHTS descriptors become referenced files that travel with the
 * message, and recvmsg() turns them back into descriptors of the
 * receiver. Files in flight that form a cycle (a socket sent over
 * itself) are not collected: Linux's unix_gc() is not here.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/scm.h>
#include <uapi/asm-generic/fcntl.h>

#define OPTMEM_MAX	20480	/* net.core.optmem_max: the largest control buffer */

void scm_fp_destroy(struct scm_fp_list *fpl)
{
	int i;

	if (!fpl)
		return;
	for (i = 0; i < fpl->count; i++)
		fput(fpl->fp[i]);
	kfree(fpl);
}

struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl)
{
	struct scm_fp_list *n = kmalloc(sizeof(*n), GFP_KERNEL);
	int i;

	if (!n)
		return NULL;
	n->count = fpl->count;
	for (i = 0; i < fpl->count; i++)
		n->fp[i] = get_file(fpl->fp[i]);
	return n;
}

static int scm_fp_copy(const struct cmsghdr *cmsg, struct scm_fp_list **fplp)
{
	const int *fdp = (const int *)((const char *)cmsg + CMSG_ALIGN(sizeof(*cmsg)));
	int num = (cmsg->cmsg_len - CMSG_ALIGN(sizeof(*cmsg))) / sizeof(int);
	struct scm_fp_list *fpl = *fplp;
	int i;

	if (num <= 0)
		return 0;
	if (num > SCM_MAX_FD)
		return -EINVAL;
	if (!fpl) {
		fpl = kmalloc(sizeof(*fpl), GFP_KERNEL);
		if (!fpl)
			return -ENOMEM;
		fpl->count = 0;
		*fplp = fpl;
	}
	if (fpl->count + num > SCM_MAX_FD)
		return -EINVAL;
	for (i = 0; i < num; i++) {
		struct file *file = fget(fdp[i]);

		if (!file)
			return -EBADF;
		fpl->fp[fpl->count++] = file;
	}
	return 0;
}

static int __scm_send(struct socket *sock, struct msghdr *msg, const char *ctl, size_t len)
{
	size_t off = 0;
	int err;

	while (off + sizeof(struct cmsghdr) <= len) {
		const struct cmsghdr *cmsg = (const struct cmsghdr *)(ctl + off);

		if (cmsg->cmsg_len < sizeof(*cmsg) || cmsg->cmsg_len > len - off)
			return -EINVAL;
		off += CMSG_ALIGN(cmsg->cmsg_len);
		if (cmsg->cmsg_level != SOL_SOCKET)
			continue;
		switch (cmsg->cmsg_type) {
		case SCM_RIGHTS:
			if (sock->ops->family != AF_UNIX)
				return -EINVAL;
			err = scm_fp_copy(cmsg, &msg->msg_fp);
			if (err)
				return err;
			break;
		case SCM_CREDENTIALS:
			if (cmsg->cmsg_len != CMSG_LEN(sizeof(struct ucred)))
				return -EINVAL;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

int scm_send(struct socket *sock, struct msghdr *msg)
{
	size_t len = msg->msg_controllen;
	char *ctl;
	int err;

	if (len < sizeof(struct cmsghdr))
		return 0;
	if (len > OPTMEM_MAX)
		return -ENOBUFS;
	ctl = kmalloc(len, GFP_KERNEL);
	if (!ctl)
		return -ENOBUFS;
	err = copy_from_user(ctl, msg->msg_control, len) ? -EFAULT : 0;
	if (!err)
		err = __scm_send(sock, msg, ctl, len);
	kfree(ctl);
	if (err)
		scm_destroy(msg);
	return err;
}

void scm_destroy(struct msghdr *msg)
{
	scm_fp_destroy(msg->msg_fp);
	msg->msg_fp = NULL;
}

int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data)
{
	struct cmsghdr __user *cm = msg->msg_control;
	struct cmsghdr cmhdr;
	size_t cmlen = CMSG_LEN(len);

	if (!cm || msg->msg_controllen < sizeof(*cm)) {
		msg->msg_flags |= MSG_CTRUNC;
		return 0;
	}
	if (msg->msg_controllen < cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	cmhdr = (struct cmsghdr){ .cmsg_level = level, .cmsg_type = type, .cmsg_len = cmlen };
	if (copy_to_user(cm, &cmhdr, sizeof(cmhdr)) ||
	    copy_to_user((char __user *)cm + CMSG_ALIGN(sizeof(cmhdr)), data,
			 cmlen - CMSG_ALIGN(sizeof(cmhdr))))
		return -EFAULT;
	cmlen = min(CMSG_SPACE(len), msg->msg_controllen);
	msg->msg_control = (char __user *)msg->msg_control + cmlen;
	msg->msg_controllen -= cmlen;
	return 0;
}

/* As Linux's: as many descriptors as fit; the rest are closed and MSG_CTRUNC says so. */
void scm_detach_fds(struct msghdr *msg, struct scm_fp_list *fpl)
{
	struct cmsghdr __user *cm = msg->msg_control;
	int __user *cmsg_data = (int __user *)((char __user *)cm + CMSG_ALIGN(sizeof(*cm)));
	unsigned int o_flags = (msg->msg_flags & MSG_CMSG_CLOEXEC) ? O_CLOEXEC : 0;
	int fdmax = 0, i, new_fd;
	struct cmsghdr cmhdr;
	size_t cmlen;

	if (cm && msg->msg_controllen > sizeof(*cm))
		fdmax = (msg->msg_controllen - CMSG_ALIGN(sizeof(*cm))) / sizeof(int);
	for (i = 0; i < fdmax && i < fpl->count; i++) {
		new_fd = get_unused_fd_flags(o_flags);
		if (new_fd < 0)
			break;
		if (put_user(new_fd, cmsg_data + i)) {
			put_unused_fd(new_fd);
			break;
		}
		fd_install(new_fd, get_file(fpl->fp[i]));
	}
	if (i > 0) {
		cmlen = CMSG_LEN(i * sizeof(int));
		cmhdr = (struct cmsghdr){ .cmsg_level = SOL_SOCKET, .cmsg_type = SCM_RIGHTS,
					  .cmsg_len = cmlen };
		if (!copy_to_user(cm, &cmhdr, sizeof(cmhdr))) {
			cmlen = min(CMSG_SPACE(i * sizeof(int)), msg->msg_controllen);
			msg->msg_control = (char __user *)msg->msg_control + cmlen;
			msg->msg_controllen -= cmlen;
		}
	}
	if (i < fpl->count)
		msg->msg_flags |= MSG_CTRUNC;
}
