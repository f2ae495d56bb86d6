/* SPDX-License-Identifier: MIT */
/*
 * What splice (fs/splice.c) and a file's ->splice_read() need of a pipe
 * (fs/pipe.c): the ring is opaque, bytes go in and out through kernel
 * buffers.
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/types.h>

struct file;
struct pipe_inode_info;

#define SPLICE_F_MOVE		0x01	/* a hint: move pages, not copy */
#define SPLICE_F_NONBLOCK	0x02	/* do not wait on the pipe (nor, for trace files, the buffer) */
#define SPLICE_F_MORE		0x04	/* more data follows (sockets) */
#define SPLICE_F_GIFT		0x08	/* vmsplice only */
#define SPLICE_F_ALL		(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

struct pipe_inode_info *get_pipe_info(struct file *file);
ssize_t pipe_put_kernel(struct pipe_inode_info *pipe, const void *src, size_t n, bool nonblock);
int pipe_wait_room(struct pipe_inode_info *pipe, size_t n, bool nonblock);
bool pipe_has_room(struct pipe_inode_info *pipe, size_t n);
ssize_t pipe_peek_kernel(struct pipe_inode_info *pipe, void *dst, size_t n, bool nonblock);
void pipe_consume(struct pipe_inode_info *pipe, size_t n);

#endif
