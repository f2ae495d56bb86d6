/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_NET_H
#define _LINUX_NET_H

/*
 * The socket layer's objects (net/socket.c), with Linux's names: a
 * struct socket is what a socket file's private data is, the system
 * calls' side; its struct sock (net/sock.h) is the protocol's side; the
 * family's proto_ops are the calls between the two. A family registers a
 * net_proto_family whose ->create fills a new socket's ops and sock.
 */
#include <linux/types.h>
#include <linux/socket.h>
#include <linux/wait.h>
#include <linux/fs.h>

struct file;
struct sock;
struct socket;
struct poll_table_struct;

typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
} socket_state;

/**
 * struct socket - the system calls' side of a socket
 * @state:	SS_*
 * @type:	SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET
 * @file:	the file whose private data it is (not referenced)
 * @sk:		the protocol's side
 * @ops:	the family's calls
 */
struct socket {
	socket_state		state;
	short			type;
	struct file		*file;
	struct sock		*sk;
	const struct proto_ops	*ops;
};

/*
 * A family's calls. A NULL entry is Linux's sock_no_*: -EOPNOTSUPP.
 * @flags of recvmsg/sendmsg are MSG_*; a blocking call waits unless
 * MSG_DONTWAIT or the file's O_NONBLOCK (passed in as MSG_DONTWAIT).
 */
struct proto_ops {
	int		family;
	int		(*release)(struct socket *sock);
	int		(*bind)(struct socket *sock, struct sockaddr *addr, int addr_len);
	int		(*connect)(struct socket *sock, struct sockaddr *addr, int addr_len,
				   int flags);
	int		(*socketpair)(struct socket *a, struct socket *b);
	int		(*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* The address into @addr; its length, or -errno. @peer: the peer's. */
	int		(*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	__poll_t	(*poll)(struct file *file, struct socket *sock,
				struct poll_table_struct *wait);
	int		(*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int		(*listen)(struct socket *sock, int backlog);
	int		(*shutdown)(struct socket *sock, int how);
	/* Levels other than SOL_SOCKET (net/core/sock.c handles that one). */
	int		(*setsockopt)(struct socket *sock, int level, int optname,
				      const void __user *optval, unsigned int optlen);
	int		(*getsockopt)(struct socket *sock, int level, int optname,
				      void __user *optval, int __user *optlen);
	int		(*sendmsg)(struct socket *sock, struct msghdr *m, size_t total_len);
	int		(*recvmsg)(struct socket *sock, struct msghdr *m, size_t total_len,
				   int flags);
};

struct net_proto_family {
	int	family;
	int	(*create)(struct socket *sock, int protocol, int kern);
};

int sock_register(const struct net_proto_family *ops);
/* A socket of @family without a file (for a listener's new connections). */
int sock_create_lite(int family, int type, int protocol, struct socket **res);
void sock_release(struct socket *sock);
/* The socket of an open file, or NULL (not a socket). */
struct socket *sock_from_file(struct file *file);

/* Copy between the kernel and the message's user iovecs; 0 or -EFAULT. */
int memcpy_from_msg(void *data, struct msghdr *msg, size_t len);
int memcpy_to_msg(struct msghdr *msg, const void *data, size_t len);

#endif
