/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H
/* What fs/splice.c asks of pipes (fs/pipe.c). */
#include <linux/types.h>

struct file;
struct pipe_inode_info;

#define SPLICE_F_MOVE		0x01	/* a hint: move pages, not copy */
#define SPLICE_F_NONBLOCK	0x02	/* do not wait on the pipe (nor, for trace files, the buffer) */
#define SPLICE_F_MORE		0x04	/* more data follows (sockets) */
#define SPLICE_F_GIFT		0x08	/* vmsplice only */
#define SPLICE_F_ALL		(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

/* The pipe behind a pipe's or FIFO's open end, or NULL for any other file. */
struct pipe_inode_info *get_pipe_info(struct file *file);
/* write() on a pipe's end, blocking or not as @nonblock says, not as the file does. */
ssize_t pipe_write_nonblock(struct file *file, const char __user *buf, size_t count,
			    bool nonblock);
/*
 * Up to @count bytes (at most 64 KiB) from the head of the pipe copied
 * to @buf and left there, waiting for some unless @nonblock; 0 at EOF.
 * pipe_consume() then takes the first @n away, as a read would have.
 */
ssize_t pipe_peek(struct file *file, char __user *buf, size_t count, bool nonblock);
void pipe_consume(struct file *file, size_t n);
/*
 * For a file's ->splice_read() (tracefs' trace_pipe_raw): whether @n
 * bytes fit now; a wait for that room (-EPIPE and SIGPIPE once no
 * reader is left); and @n kernel bytes put in whole.
 */
bool pipe_has_room(struct pipe_inode_info *pipe, size_t n);
int pipe_wait_room(struct pipe_inode_info *pipe, size_t n, bool nonblock);
ssize_t pipe_put_kernel(struct pipe_inode_info *pipe, const void *src, size_t n, bool nonblock);
/* tee(2) between two pipes' ends (@in read, @out write): bytes copied, 0 at EOF, or -errno. */
long pipe_tee(struct file *in, struct file *out, size_t len, bool nonblock);

#endif
