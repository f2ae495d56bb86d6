/* SPDX-License-Identifier: MIT */
#ifndef _NET_AF_UNIX_H
#define _NET_AF_UNIX_H

/* AF_UNIX sockets (net/unix/af_unix.c): their addresses and their sock. */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <net/sock.h>

#define UNIX_PATH_MAX	108

struct sockaddr_un {
	sa_family_t	sun_family;
	char		sun_path[UNIX_PATH_MAX];
};

/* A bound name; immutable, shared by the socket and its accepted connections. */
struct unix_address {
	int			refcnt;
	int			len;	/* bytes of @name that count, family included */
	struct sockaddr_un	name;
};

/**
 * struct unix_sock - an AF_UNIX socket
 * @sk:		the shared part; its receive queue holds the datagrams or
 *		stream bytes sent to it, or (listening) the connections
 *		waiting for accept()
 * @lock:	the state below and the receive queue (unix_state_lock())
 * @iolock:	held by a reader across a whole recvmsg(), so two readers
 *		never interleave and a peeking reader's skbs stay put
 * @addr:	the bound name, NULL while unbound
 * @path:	a path name's file, referenced while bound
 * @node:	on the table of bound names
 * @peer:	the connected peer, referenced
 * @peer_wait:	senders waiting for room in this socket's queue, and
 *		connectors for room in its backlog
 * @peer_wake:	queued on the peer's @peer_wait while a poller of ours
 *		waits for room there: relays that wake-up to our sk_wq
 * @peer_wake_other: whose @peer_wait @peer_wake is on (under that lock)
 */
struct unix_sock {
	struct sock		sk;
	spinlock_t		lock;
	struct mutex		iolock;
	struct unix_address	*addr;
	struct dentry		*path;
	struct list_head	node;
	struct sock		*peer;
	struct wait_queue_head	peer_wait;
	struct wait_queue_entry	peer_wake;
	struct sock		*peer_wake_other;
};

static inline struct unix_sock *unix_sk(const struct sock *sk)
{
	return (struct unix_sock *)sk;
}

int af_unix_init(void);

#endif
