/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SOCKET_H
#define _LINUX_SOCKET_H

/*
 * The socket ABI user space sees (Linux's linux/socket.h and the uapi
 * headers it draws on): address families, message flags, the msghdr and
 * cmsghdr layouts of sendmsg/recvmsg, and the SOL_SOCKET options.
 */
#include <linux/types.h>
#include <uapi/linux/uio.h>

typedef unsigned short sa_family_t;

struct sockaddr {
	sa_family_t	sa_family;
	char		sa_data[14];
};

/* The largest address any family takes (Linux's __kernel_sockaddr_storage). */
#define _K_SS_MAXSIZE	128
struct sockaddr_storage {
	sa_family_t	ss_family;
	char		__data[_K_SS_MAXSIZE - sizeof(unsigned short)];
} __aligned(8);

/* The user's msghdr, as sendmsg/recvmsg pass it (Linux's struct user_msghdr). */
struct user_msghdr {
	void __user		*msg_name;
	int			msg_namelen;
	struct iovec __user	*msg_iov;
	size_t			msg_iovlen;
	void __user		*msg_control;
	size_t			msg_controllen;
	unsigned int		msg_flags;
};

struct mmsghdr {
	struct user_msghdr	msg_hdr;
	unsigned int		msg_len;
};

struct cmsghdr {
	size_t	cmsg_len;
	int	cmsg_level;
	int	cmsg_type;
};

#define CMSG_ALIGN(len)		(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_LEN(len)		(CMSG_ALIGN(sizeof(struct cmsghdr)) + (len))
#define CMSG_SPACE(len)		(CMSG_ALIGN(sizeof(struct cmsghdr)) + CMSG_ALIGN(len))

/*
 * Where the next byte of a message's data is in the user's iovecs (a
 * small Linux iov_iter over ITER_IOVEC): every segment already passed
 * access_ok() in import_iovec(), so a copy can still fault (-EFAULT) but
 * never reaches the kernel's half.
 */
struct msg_iter {
	const struct iovec	*iov;
	unsigned long		nr_segs;
	size_t			iov_offset;	/* into iov[0] */
	size_t			count;		/* bytes left */
};

struct scm_fp_list;

/*
 * The kernel's view of one message (Linux's struct msghdr): the address
 * in kernel memory, the data still in the user's iovecs, the control
 * buffer the user's.
 */
struct msghdr {
	void			*msg_name;	/* kernel copy; NULL when none */
	int			msg_namelen;
	struct msg_iter		msg_iter;
	void __user		*msg_control;
	size_t			msg_controllen;	/* room left in msg_control */
	unsigned int		msg_flags;	/* recvmsg: MSG_TRUNC, MSG_CTRUNC out */
	struct scm_fp_list	*msg_fp;	/* sendmsg: SCM_RIGHTS files */
};

struct ucred {
	u32	pid;
	u32	uid;
	u32	gid;
};

struct linger {
	int	l_onoff;
	int	l_linger;	/* seconds */
};

/* Address families (Linux's values). */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_MAX		46
#define PF_UNIX		AF_UNIX

/* Socket types, and the flags socket() and accept4() take with them. */
#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_MAX	11
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	02000000
#define SOCK_NONBLOCK	04000

/* Message flags. */
#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTROUTE	0x4
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_WAITFORONE	0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

/* Levels and SOL_SOCKET options (asm-generic/socket.h). */
#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_NO_CHECK	11
#define SO_PRIORITY	12
#define SO_LINGER	13
#define SO_BSDCOMPAT	14
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO	20	/* SO_RCVTIMEO_OLD: a struct timeval of longs */
#define SO_SNDTIMEO	21
#define SO_ACCEPTCONN	30
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39

/* Control messages at SOL_SOCKET. */
#define SCM_RIGHTS	0x01
#define SCM_CREDENTIALS	0x02

#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

/* listen()'s backlog is capped here (net.core.somaxconn). */
#define SOMAXCONN	4096

#endif
