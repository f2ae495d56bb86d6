/* SPDX-License-Identifier: MIT */
#ifndef _NET_SCM_H
#define _NET_SCM_H

/*
 * Control messages at SOL_SOCKET (net/core/scm.c): SCM_RIGHTS parsed
 * from sendmsg()'s control buffer into a list of referenced files, and
 * built into recvmsg()'s as new descriptors; SCM_CREDENTIALS is
 * accepted and not passed on.
 */
#include <linux/types.h>
#include <linux/socket.h>

struct file;
struct socket;

#define SCM_MAX_FD	253	/* files one message carries (Linux's) */

struct scm_fp_list {
	short		count;
	struct file	*fp[SCM_MAX_FD];
};

/* Parses @msg's control buffer (user memory) into @msg->msg_fp; 0 or -errno. */
int scm_send(struct socket *sock, struct msghdr *msg);
/* Drops what scm_send() took. */
void scm_destroy(struct msghdr *msg);
/* A copy of @fpl with every file referenced again, or NULL. */
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl);
void scm_fp_destroy(struct scm_fp_list *fpl);
/* Installs @fpl's files as descriptors in @msg's control buffer (SCM_RIGHTS). */
void scm_detach_fds(struct msghdr *msg, struct scm_fp_list *fpl);
/* One control message into @msg's buffer; MSG_CTRUNC when it does not fit. 0 or -EFAULT. */
int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data);

#endif
