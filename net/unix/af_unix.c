// SPDX-License-Identifier: MIT
/*
 * AF_UNIX sockets, with Linux's semantics (net/unix/af_unix.c): stream,
 * datagram and seqpacket sockets; names in the file system (bind makes
 * a socket inode, -EADDRINUSE when the name exists) or abstract
 * (sun_path[0] == 0), autobind to "\0XXXXX"; socketpair; connect,
 * listen with a backlog and accept; the send buffer that makes writers
 * wait (every skb is charged to its sender until the reader frees it)
 * and, for datagrams to a socket not connected back, the receiver's
 * queue limit (net.unix.max_dgram_qlen, 10); EPIPE and SIGPIPE once the
 * peer is gone, ECONNRESET when it closed with data unread; poll's
 * POLLIN/POLLOUT/POLLHUP/POLLRDHUP; SCM_RIGHTS descriptors with the data.
 *
 * Locking: a socket's unix_sock.lock guards its state, peer and receive
 * queue; a sender takes the receiver's lock to queue. Where two are held
 * the connecting socket's comes first, then the listener's (a listener
 * never connects, so the order cannot invert). A connection is complete
 * when connect() returns: the server's end (the "embryo") waits in the
 * listener's queue for accept().
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/dcache.h>
#include <linux/namei.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/net.h>
#include <net/sock.h>
#include <net/scm.h>
#include <net/af_unix.h>
#include <uapi/linux/stat.h>
#include <uapi/asm-generic/fcntl.h>
#include <uapi/asm-generic/ioctls.h>

#define UNIX_MAX_DGRAM_QLEN	10	/* net.unix.max_dgram_qlen */
#define UNIX_STREAM_CHUNK	32768	/* the most one stream skb carries */
#define SUN_PATH_OFFSET		offsetof(struct sockaddr_un, sun_path)

/* What rides in skb->cb: the files sent with the data, a stream skb's read bytes, a new connection. */
struct unix_skb_parms {
	struct scm_fp_list	*fp;
	unsigned int		consumed;
	struct sock		*embryo;
};
#define UNIXCB(skb)	(*(struct unix_skb_parms *)&((skb)->cb))

static int unix_dgram_peer_wake_relay(struct wait_queue_entry *q, unsigned mode, int flags,
				      void *key);
static void unix_dgram_peer_wake_disconnect(struct sock *sk, struct sock *other);

static const struct proto_ops unix_stream_ops, unix_dgram_ops, unix_seqpacket_ops;

static LIST_HEAD(unix_bound);		/* every bound socket, by name */
static DEFINE_MUTEX(unix_table_lock);

#define unix_state_lock(sk)	spin_lock(&unix_sk(sk)->lock)
#define unix_state_unlock(sk)	spin_unlock(&unix_sk(sk)->lock)

static void unix_addr_put(struct unix_address *addr)
{
	if (addr && __atomic_sub_fetch(&addr->refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(addr);
}

static struct unix_address *unix_addr_get(struct unix_address *addr)
{
	if (addr)
		__atomic_fetch_add(&addr->refcnt, 1, __ATOMIC_RELAXED);
	return addr;
}

static void unix_sock_destruct(struct sock *sk)
{
	unix_addr_put(unix_sk(sk)->addr);
}

static struct sock *unix_create1(struct socket *sock, int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return NULL;
	sock_init_data(sock, &u->sk);
	u->sk.sk_family = AF_UNIX;
	u->sk.sk_type = type;
	u->sk.sk_max_ack_backlog = UNIX_MAX_DGRAM_QLEN;
	u->sk.sk_destruct = unix_sock_destruct;
	spin_lock_init(&u->lock);
	mutex_init(&u->iolock);
	INIT_LIST_HEAD(&u->node);
	init_waitqueue_head(&u->peer_wait);
	u->peer_wake.func = unix_dgram_peer_wake_relay;
	INIT_LIST_HEAD(&u->peer_wake.entry);
	return &u->sk;
}

static struct sock *unix_peer_get(struct sock *sk)
{
	struct sock *peer;

	unix_state_lock(sk);
	peer = unix_sk(sk)->peer;
	if (peer)
		sock_hold(peer);
	unix_state_unlock(sk);
	return peer;
}

/* The data an skb carries beyond what a stream reader already took. */
static unsigned int unix_skb_len(const struct sk_buff *skb)
{
	return skb->len - UNIXCB(skb).consumed;
}

static void unix_destruct_scm(struct sk_buff *skb)
{
	scm_fp_destroy(UNIXCB(skb).fp);
	UNIXCB(skb).fp = NULL;
	sock_wfree(skb);
}

/* --- names ------------------------------------------------------------------- */

/* Linux's unix_validate_addr(). */
static int unix_validate_addr(const struct sockaddr_un *sunaddr, int addr_len)
{
	if (addr_len <= (int)SUN_PATH_OFFSET || addr_len > (int)sizeof(*sunaddr))
		return -EINVAL;
	if (sunaddr->sun_family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/*
 * Terminates a path name where the address ends: @sunaddr sits in the
 * socket layer's sockaddr_storage, which has room past any valid length.
 */
static void unix_mkname_bsd(struct sockaddr_un *sunaddr, int addr_len)
{
	((char *)sunaddr)[addr_len] = 0;
}

static bool unix_name_equal(const struct unix_address *a, const struct sockaddr_un *name,
			    int len)
{
	return a->len == len && !memcmp(&a->name, name, len);
}

/*
 * The socket bound to an abstract name of @type (Linux hashes abstract
 * names with the type: each type has its own), or to a path's inode;
 * held. Under unix_table_lock.
 */
static struct sock *unix_find_bound(const struct sockaddr_un *name, int len, int type,
				    struct inode *inode)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, node) {
		if (inode ? (u->path && u->path->d_inode == inode)
			  : (!u->path && u->sk.sk_type == type &&
			     unix_name_equal(u->addr, name, len))) {
			sock_hold(&u->sk);
			return &u->sk;
		}
	}
	return NULL;
}

static struct sock *unix_find_bsd(struct sockaddr_un *sunaddr, int addr_len, int *err)
{
	struct dentry *dentry;
	struct inode *inode;
	struct sock *sk;

	unix_mkname_bsd(sunaddr, addr_len);
	*err = kern_path(sunaddr->sun_path, LOOKUP_FOLLOW, &dentry);
	if (*err)
		return NULL;
	inode = dentry->d_inode;
	*err = inode_permission(inode, MAY_WRITE);
	if (*err)
		goto out;
	*err = -ECONNREFUSED;
	if (!S_ISSOCK(inode->i_mode))
		goto out;
	mutex_lock(&unix_table_lock);
	sk = unix_find_bound(NULL, 0, 0, inode);
	mutex_unlock(&unix_table_lock);
	dput(dentry);
	return sk;
out:
	dput(dentry);
	return NULL;
}

/* The socket a name leads to, held, of @type; NULL with *@err. */
static struct sock *unix_find_other(struct sockaddr_un *sunaddr, int addr_len, int type,
				    int *err)
{
	struct sock *sk;

	if (sunaddr->sun_path[0]) {
		sk = unix_find_bsd(sunaddr, addr_len, err);
		if (!sk && !*err)
			*err = -ECONNREFUSED;
	} else {
		mutex_lock(&unix_table_lock);
		sk = unix_find_bound(sunaddr, addr_len, type, NULL);
		mutex_unlock(&unix_table_lock);
		*err = -ECONNREFUSED;
	}
	if (sk && sk->sk_type != type) {
		sock_put(sk);
		*err = -EPROTOTYPE;
		return NULL;
	}
	return sk;
}

static struct unix_address *unix_create_addr(const struct sockaddr_un *sunaddr, int len)
{
	struct unix_address *addr = kzalloc(sizeof(*addr), GFP_KERNEL);

	if (!addr)
		return NULL;
	addr->refcnt = 1;
	addr->len = len;
	memcpy(&addr->name, sunaddr, len);
	return addr;
}

/* Under unix_table_lock: publish @addr (and @path) as @sk's name. */
static void unix_bind_locked(struct sock *sk, struct unix_address *addr, struct dentry *path)
{
	struct unix_sock *u = unix_sk(sk);

	u->path = path;
	__atomic_store_n(&u->addr, addr, __ATOMIC_RELEASE);
	list_add_tail(&u->node, &unix_bound);
}

static int unix_autobind(struct sock *sk)
{
	static unsigned int ordernum;
	struct sockaddr_un name = { .sun_family = AF_UNIX };
	struct unix_address *addr;
	struct sock *other;
	int tries, err = 0;

	mutex_lock(&unix_table_lock);
	if (unix_sk(sk)->addr)
		goto out;
	for (tries = 0; tries <= 0xfffff; tries++) {
		snprintf(name.sun_path + 1, 6, "%05x", ordernum++ & 0xfffff);
		other = unix_find_bound(&name, SUN_PATH_OFFSET + 6, sk->sk_type, NULL);
		if (!other)
			break;
		sock_put(other);
	}
	err = -ENOSPC;
	if (tries > 0xfffff)
		goto out;
	err = -ENOMEM;
	addr = unix_create_addr(&name, SUN_PATH_OFFSET + 6);
	if (!addr)
		goto out;
	unix_bind_locked(sk, addr, NULL);
	err = 0;
out:
	mutex_unlock(&unix_table_lock);
	return err;
}

static int unix_bind_bsd(struct sock *sk, struct sockaddr_un *sunaddr, int addr_len)
{
	struct unix_address *addr;
	struct dentry *dentry;
	int err, len;

	unix_mkname_bsd(sunaddr, addr_len);
	len = strlen(sunaddr->sun_path) + SUN_PATH_OFFSET + 1;
	addr = unix_create_addr(sunaddr, len);
	if (!addr)
		return -ENOMEM;
	/*
	 * As Linux: the name is made first (so an existing one is
	 * -EADDRINUSE even for a bound socket), then taken back if the
	 * socket turns out to be bound already. The mode is the socket
	 * inode's, less the umask (do_mknodat applies it).
	 */
	err = do_mknodat(AT_FDCWD, sunaddr->sun_path, S_IFSOCK | 0777, 0);
	if (err == -EEXIST)
		err = -EADDRINUSE;
	if (err) {
		unix_addr_put(addr);
		return err;
	}
	mutex_lock(&unix_table_lock);
	err = -EINVAL;
	if (unix_sk(sk)->addr) {
		do_unlinkat(AT_FDCWD, sunaddr->sun_path);
		goto out;
	}
	err = kern_path(sunaddr->sun_path, 0, &dentry);
	if (err)
		goto out;
	unix_bind_locked(sk, addr, dentry);
	mutex_unlock(&unix_table_lock);
	return 0;
out:
	mutex_unlock(&unix_table_lock);
	unix_addr_put(addr);
	return err;
}

static int unix_bind_abstract(struct sock *sk, struct sockaddr_un *sunaddr, int addr_len)
{
	struct unix_address *addr = unix_create_addr(sunaddr, addr_len);
	struct sock *other;
	int err;

	if (!addr)
		return -ENOMEM;
	mutex_lock(&unix_table_lock);
	err = -EINVAL;
	if (unix_sk(sk)->addr)
		goto out;
	other = unix_find_bound(sunaddr, addr_len, sk->sk_type, NULL);
	err = -EADDRINUSE;
	if (other) {
		sock_put(other);
		goto out;
	}
	unix_bind_locked(sk, addr, NULL);
	mutex_unlock(&unix_table_lock);
	return 0;
out:
	mutex_unlock(&unix_table_lock);
	unix_addr_put(addr);
	return err;
}

static int unix_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	int err;

	if (addr_len == SUN_PATH_OFFSET && sunaddr->sun_family == AF_UNIX)
		return unix_autobind(sock->sk);
	err = unix_validate_addr(sunaddr, addr_len);
	if (err)
		return err;
	if (sunaddr->sun_path[0])
		return unix_bind_bsd(sock->sk, sunaddr, addr_len);
	return unix_bind_abstract(sock->sk, sunaddr, addr_len);
}

static void unix_unbind(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	if (!u->addr)
		return;
	mutex_lock(&unix_table_lock);
	list_del_init(&u->node);
	mutex_unlock(&unix_table_lock);
	if (u->path)
		dput(u->path);
	u->path = NULL;
}

/* The address of @sk into @uaddr; its length (just the family when unbound). */
static int unix_copy_name(struct sock *sk, struct sockaddr *uaddr)
{
	struct unix_address *addr = __atomic_load_n(&unix_sk(sk)->addr, __ATOMIC_ACQUIRE);
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;

	if (!addr) {
		sunaddr->sun_family = AF_UNIX;
		sunaddr->sun_path[0] = 0;
		return SUN_PATH_OFFSET;
	}
	memcpy(sunaddr, &addr->name, addr->len);
	return addr->len;
}

static int unix_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sock *sk = sock->sk;
	int len;

	if (!peer)
		return unix_copy_name(sk, uaddr);
	sk = unix_peer_get(sk);
	if (!sk)
		return -ENOTCONN;
	len = unix_copy_name(sk, uaddr);
	sock_put(sk);
	return len;
}

/* The sender's name into a received message (none when it is unbound). */
static void unix_copy_addr(struct msghdr *msg, struct sock *sk)
{
	struct unix_address *addr = sk ? __atomic_load_n(&unix_sk(sk)->addr, __ATOMIC_ACQUIRE)
				       : NULL;

	if (!msg->msg_name || !addr)
		return;
	msg->msg_namelen = addr->len;
	memcpy(msg->msg_name, &addr->name, addr->len);
}

/* --- release, listen, connect, accept, socketpair, shutdown ------------------ */

static void unix_release_sock(struct sock *sk, bool embrion);

/* Frees what was queued to @sk; a listener's queue holds connections never accepted. */
static void unix_purge_queue(struct sock *sk, bool listener)
{
	struct sk_buff *skb;

	for (;;) {
		unix_state_lock(sk);
		skb = __skb_dequeue(&sk->sk_receive_queue);
		unix_state_unlock(sk);
		if (!skb)
			break;
		if (listener && UNIXCB(skb).embryo)
			unix_release_sock(UNIXCB(skb).embryo, true);
		consume_skb(skb);
	}
}

/*
 * The end of a socket (or of a connection never accepted, @embrion): its
 * peer sees the hang-up - both directions shut down, and ECONNRESET if
 * data sent to us was never read.
 */
static void unix_release_sock(struct sock *sk, bool embrion)
{
	struct unix_sock *u = unix_sk(sk);
	struct sock *skpair;
	bool listener, unread;

	unix_state_lock(sk);
	sock_orphan(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	skpair = u->peer;
	u->peer = NULL;
	listener = sk->sk_state == TCP_LISTEN;
	WRITE_ONCE(sk->sk_state, TCP_CLOSE);
	unread = !skb_queue_empty(&sk->sk_receive_queue);
	unix_state_unlock(sk);
	sk_wake(sk);
	wake_up_all(&u->peer_wait);
	if (skpair) {
		unix_dgram_peer_wake_disconnect(sk, skpair);
		if (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET) {
			unix_state_lock(skpair);
			if (unread || embrion)
				WRITE_ONCE(skpair->sk_err, ECONNRESET);
			WRITE_ONCE(skpair->sk_shutdown, SHUTDOWN_MASK);
			unix_state_unlock(skpair);
			sk_wake(skpair);
			wake_up_all(&unix_sk(skpair)->peer_wait);
		}
		sock_put(skpair);
	}
	unix_unbind(sk);
	unix_purge_queue(sk, listener);
	sock_put(sk);
}

static int unix_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	unix_release_sock(sk, false);
	sock->sk = NULL;
	return 0;
}

static int unix_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err = -EOPNOTSUPP;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return err;
	if (!unix_sk(sk)->addr)
		return -EINVAL;
	unix_state_lock(sk);
	err = -EINVAL;
	if (sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN)
		goto out;
	sk->sk_max_ack_backlog = backlog;
	WRITE_ONCE(sk->sk_state, TCP_LISTEN);
	sk_init_peercred(sk);
	err = 0;
out:
	unix_state_unlock(sk);
	wake_up_all(&unix_sk(sk)->peer_wait);	/* a larger backlog lets connectors in */
	return err;
}

/* Linux's unix_recvq_full(): a queue holding more than the backlog takes no more. */
static bool unix_recvq_full(const struct sock *sk)
{
	return skb_queue_len_lockless(&sk->sk_receive_queue) > READ_ONCE(sk->sk_max_ack_backlog);
}

static bool unix_listener_gone_or_room(struct sock *other)
{
	return sock_flag(other, SOCK_DEAD) || READ_ONCE(other->sk_state) != TCP_LISTEN ||
	       !unix_recvq_full(other);
}

/* Under both locks: @sk and the new @newsk become each other's peers. */
static void unix_stream_join(struct sock *sk, struct sock *newsk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk), *newu = unix_sk(newsk), *otheru = unix_sk(other);

	newsk->sk_type = sk->sk_type;
	newsk->sk_state = TCP_ESTABLISHED;
	newsk->sk_rcvbuf = other->sk_rcvbuf;
	newsk->sk_sndbuf = other->sk_sndbuf;
	sk_init_peercred(newsk);	/* the accepted end's peer is the connecting task */
	newu->addr = unix_addr_get(otheru->addr);
	sock_hold(sk);
	newu->peer = sk;
	sk->sk_peer_cred = other->sk_peer_cred;	/* ours is the listener's */
	sk->sk_peer_cred_set = true;
	sock_hold(newsk);
	u->peer = newsk;
	WRITE_ONCE(sk->sk_state, TCP_ESTABLISHED);
	sk->sk_socket->state = SS_CONNECTED;
}

static int unix_connect_check_state(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_CLOSE:
		return 0;
	case TCP_ESTABLISHED:
		return -EISCONN;
	default:
		return -EINVAL;
	}
}

static int unix_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len,
			       int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)uaddr;
	struct sock *sk = sock->sk, *newsk, *other;
	long timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	struct sk_buff *skb;
	int err;

	err = unix_validate_addr(sunaddr, addr_len);
	if (err)
		return err;
	if (sock_flag(sk, SOCK_PASSCRED) && !unix_sk(sk)->addr) {
		err = unix_autobind(sk);
		if (err)
			return err;
	}
	newsk = unix_create1(NULL, sk->sk_type);
	skb = alloc_skb(1, GFP_KERNEL);
	err = -ENOMEM;
	if (!newsk || !skb)
		goto out_free;
restart:
	other = unix_find_other(sunaddr, addr_len, sk->sk_type, &err);
	if (!other)
		goto out_free;
	unix_state_lock(sk);
	err = unix_connect_check_state(sk);
	if (err)
		goto out_unlock_sk;
	unix_state_lock(other);
	err = -ECONNREFUSED;
	if (sock_flag(other, SOCK_DEAD) || other->sk_state != TCP_LISTEN)
		goto out_unlock;
	if (unix_recvq_full(other)) {
		unix_state_unlock(other);
		unix_state_unlock(sk);
		err = sk_wait_event(&unix_sk(other)->peer_wait, &timeo,
				    unix_listener_gone_or_room(other));
		sock_put(other);
		if (err)
			goto out_free;
		goto restart;
	}
	unix_stream_join(sk, newsk, other);
	UNIXCB(skb).embryo = newsk;
	__skb_queue_tail(&other->sk_receive_queue, skb);
	unix_state_unlock(other);
	unix_state_unlock(sk);
	sk_wake(other);
	sock_put(other);
	return 0;
out_unlock:
	unix_state_unlock(other);
out_unlock_sk:
	unix_state_unlock(sk);
	sock_put(other);
out_free:
	kfree_skb(skb);
	if (newsk)
		sock_put(newsk);
	return err;
}

static bool unix_accept_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) || READ_ONCE(sk->sk_state) != TCP_LISTEN;
}

static int unix_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk = sock->sk, *newsk;
	long timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);
	struct sk_buff *skb;
	int err;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	for (;;) {
		unix_state_lock(sk);
		if (sk->sk_state != TCP_LISTEN) {
			unix_state_unlock(sk);
			return -EINVAL;
		}
		skb = __skb_dequeue(&sk->sk_receive_queue);
		unix_state_unlock(sk);
		if (skb)
			break;
		err = sk_wait_event(&sk->sk_wq, &timeo, unix_accept_ready(sk));
		if (err)
			return err;
	}
	wake_up_all(&unix_sk(sk)->peer_wait);	/* room in the backlog */
	newsk = UNIXCB(skb).embryo;
	consume_skb(skb);
	unix_state_lock(newsk);
	newsk->sk_socket = newsock;
	newsock->sk = newsk;
	newsock->type = newsk->sk_type;
	newsock->state = SS_CONNECTED;
	unix_state_unlock(newsk);
	return 0;
}

static int unix_socketpair(struct socket *socka, struct socket *sockb)
{
	struct sock *ska = socka->sk, *skb = sockb->sk;

	sock_hold(ska);
	sock_hold(skb);
	unix_sk(ska)->peer = skb;
	unix_sk(skb)->peer = ska;
	sk_init_peercred(ska);
	sk_init_peercred(skb);
	ska->sk_state = TCP_ESTABLISHED;
	skb->sk_state = TCP_ESTABLISHED;
	socka->state = SS_CONNECTED;
	sockb->state = SS_CONNECTED;
	return 0;
}

static int unix_dgram_connect(struct socket *sock, struct sockaddr *addr, int alen, int flags)
{
	struct sockaddr_un *sunaddr = (struct sockaddr_un *)addr;
	struct sock *sk = sock->sk, *other = NULL, *old;
	int err;

	if (alen < (int)sizeof(addr->sa_family))
		return -EINVAL;
	if (addr->sa_family != AF_UNSPEC) {
		err = unix_validate_addr(sunaddr, alen);
		if (err)
			return err;
		if (sock_flag(sk, SOCK_PASSCRED) && !unix_sk(sk)->addr) {
			err = unix_autobind(sk);
			if (err)
				return err;
		}
		other = unix_find_other(sunaddr, alen, sock->type, &err);
		if (!other)
			return err;
		/* Linux's unix_may_send(): a socket connected elsewhere takes nothing from us. */
		unix_state_lock(other);
		old = unix_sk(other)->peer;
		unix_state_unlock(other);
		if (old && old != sk) {
			sock_put(other);
			return -EPERM;
		}
	}
	unix_state_lock(sk);
	old = unix_sk(sk)->peer;
	unix_sk(sk)->peer = other;
	WRITE_ONCE(sk->sk_state, other ? TCP_ESTABLISHED : TCP_CLOSE);
	if (old)
		unix_dgram_peer_wake_disconnect(sk, old);
	unix_state_unlock(sk);
	if (old)
		sock_put(old);
	sk_wake(sk);
	return 0;
}

static int unix_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk, *other;
	int mode, peer_mode = 0;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	mode = how + 1;	/* SHUT_RD -> RCV_SHUTDOWN, SHUT_WR -> SEND_SHUTDOWN */
	unix_state_lock(sk);
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | mode);
	other = unix_sk(sk)->peer;
	if (other)
		sock_hold(other);
	unix_state_unlock(sk);
	sk_wake(sk);
	if (other && (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET)) {
		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		unix_state_lock(other);
		WRITE_ONCE(other->sk_shutdown, other->sk_shutdown | peer_mode);
		unix_state_unlock(other);
		sk_wake(other);
		wake_up_all(&unix_sk(other)->peer_wait);
	}
	if (other)
		sock_put(other);
	return 0;
}

/* --- poll, ioctl ------------------------------------------------------------- */

/* Linux's unix_writable(): at most a quarter of the send buffer in flight. */
static bool unix_writable(const struct sock *sk)
{
	return READ_ONCE(sk->sk_state) != TCP_LISTEN &&
	       (sk_wmem_alloc_get(sk) << 2) <= READ_ONCE(sk->sk_sndbuf);
}

static __poll_t unix_poll_common(struct sock *sk)
{
	unsigned char shutdown = READ_ONCE(sk->sk_shutdown);
	__poll_t mask = 0;

	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	if (shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (skb_queue_len_lockless(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if ((sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET) &&
	    READ_ONCE(sk->sk_state) == TCP_CLOSE)
		mask |= EPOLLHUP;
	return mask;
}

static __poll_t unix_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask;

	poll_wait(file, &sk->sk_wq, wait);
	mask = unix_poll_common(sk);
	if (unix_writable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

/*
 * The peer's reader made room: wake our pollers, once (Linux's
 * unix_dgram_peer_wake_relay()). Runs under the peer's peer_wait lock.
 */
static int unix_dgram_peer_wake_relay(struct wait_queue_entry *q, unsigned mode, int flags,
				      void *key)
{
	struct unix_sock *u = container_of(q, struct unix_sock, peer_wake);

	list_del_init(&q->entry);
	u->peer_wake_other = NULL;
	sk_wake(&u->sk);
	return 0;
}

static void unix_dgram_peer_wake_connect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk);
	struct wait_queue_head *wq = &unix_sk(other)->peer_wait;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (!u->peer_wake_other) {
		u->peer_wake_other = other;
		list_add_tail(&u->peer_wake.entry, &wq->head);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* Before the reference to @other goes: nothing of ours may stay on its queue. */
static void unix_dgram_peer_wake_disconnect(struct sock *sk, struct sock *other)
{
	struct unix_sock *u = unix_sk(sk);
	struct wait_queue_head *wq = &unix_sk(other)->peer_wait;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (u->peer_wake_other == other) {
		list_del_init(&u->peer_wake.entry);
		u->peer_wake_other = NULL;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

/*
 * As unix_poll(), and a datagram socket connected to one that is not
 * connected back is not writable while that one's queue is full; the
 * poller is then woken through the relay above when its reader drains it.
 */
static __poll_t unix_dgram_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk, *other;
	__poll_t mask;
	bool writable;

	poll_wait(file, &sk->sk_wq, wait);
	mask = unix_poll_common(sk);
	writable = unix_writable(sk);
	if (writable) {
		other = unix_peer_get(sk);
		if (other) {
			if (READ_ONCE(unix_sk(other)->peer) != sk && unix_recvq_full(other)) {
				/* Under our lock: connect() cannot swap the peer meanwhile. */
				unix_state_lock(sk);
				if (unix_sk(sk)->peer == other)
					unix_dgram_peer_wake_connect(sk, other);
				unix_state_unlock(sk);
				/* Checked again: the reader may have drained it meanwhile. */
				writable = !unix_recvq_full(other);
			}
			sock_put(other);
		}
	}
	if (writable)
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

static long unix_inq_len(struct sock *sk)
{
	struct sk_buff *skb;
	long amount = 0;

	if (READ_ONCE(sk->sk_state) == TCP_LISTEN)
		return -EINVAL;
	unix_state_lock(sk);
	if (sk->sk_type == SOCK_STREAM || sk->sk_type == SOCK_SEQPACKET) {
		for (skb = sk->sk_receive_queue.next;
		     skb != (struct sk_buff *)&sk->sk_receive_queue; skb = skb->next)
			amount += unix_skb_len(skb);
	} else if (!skb_queue_empty(&sk->sk_receive_queue)) {
		amount = sk->sk_receive_queue.next->len;
	}
	unix_state_unlock(sk);
	return amount;
}

static int unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	long amount;

	switch (cmd) {
	case TIOCOUTQ:	/* SIOCOUTQ */
		amount = sk_wmem_alloc_get(sock->sk);
		return put_user((int)amount, (int __user *)arg) ? -EFAULT : 0;
	case FIONREAD:	/* SIOCINQ */
		amount = unix_inq_len(sock->sk);
		if (amount < 0)
			return amount;
		return put_user((int)amount, (int __user *)arg) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

/* --- datagrams and seqpackets ------------------------------------------------ */

/* Whether a sender blocked on @other's full queue may try again. */
static bool unix_dgram_may_retry(struct sock *other)
{
	return !unix_recvq_full(other) || sock_flag(other, SOCK_DEAD) ||
	       (READ_ONCE(other->sk_shutdown) & RCV_SHUTDOWN);
}

/* The socket this datagram goes to, held: the address given, else the peer. */
static struct sock *unix_dgram_dest(struct socket *sock, struct msghdr *msg, int *err)
{
	struct sock *sk = sock->sk, *other;

	if (msg->msg_namelen) {
		*err = unix_validate_addr(msg->msg_name, msg->msg_namelen);
		if (*err)
			return NULL;
		return unix_find_other(msg->msg_name, msg->msg_namelen, sk->sk_type, err);
	}
	other = unix_peer_get(sk);
	if (!other)
		*err = -ENOTCONN;
	return other;
}

/*
 * Queues @skb to @other, or says why not: 0, -EAGAIN (full, the caller
 * waits), or the error. Linux's checks in unix_dgram_sendmsg().
 */
static int unix_dgram_queue(struct sock *sk, struct sock *other, struct sk_buff *skb)
{
	struct sock *other_peer;
	int err = 0;

	unix_state_lock(other);
	other_peer = unix_sk(other)->peer;
	if (other_peer && other_peer != sk)
		err = -EPERM;
	else if (sock_flag(other, SOCK_DEAD))
		err = sk->sk_type == SOCK_SEQPACKET ? -EPIPE : -ECONNREFUSED;
	else if (other->sk_shutdown & RCV_SHUTDOWN)
		err = -EPIPE;
	else if (other != sk && other_peer != sk && unix_recvq_full(other))
		err = -EAGAIN;
	else
		__skb_queue_tail(&other->sk_receive_queue, skb);
	unix_state_unlock(other);
	if (!err)
		sk_wake(other);
	return err;
}

/* A connected datagram socket whose peer died is disconnected, as Linux does on the send that finds it. */
static void unix_dgram_disconnect_dead(struct sock *sk, struct sock *other)
{
	unix_state_lock(sk);
	if (unix_sk(sk)->peer != other) {
		unix_state_unlock(sk);
		return;
	}
	unix_sk(sk)->peer = NULL;
	WRITE_ONCE(sk->sk_state, TCP_CLOSE);
	unix_dgram_peer_wake_disconnect(sk, other);
	unix_state_unlock(sk);
	sock_put(other);
}

static int unix_dgram_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk, *other;
	bool noblock = msg->msg_flags & MSG_DONTWAIT;
	long timeo = sock_sndtimeo(sk, noblock);
	struct sk_buff *skb;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	other = unix_dgram_dest(sock, msg, &err);
	if (!other)
		return err;
	if (sock_flag(sk, SOCK_PASSCRED) && !unix_sk(sk)->addr) {
		err = unix_autobind(sk);
		if (err)
			goto out;
	}
	err = -EMSGSIZE;
	if (len > (size_t)READ_ONCE(sk->sk_sndbuf) - 32)
		goto out;
	skb = sock_alloc_send_skb(sk, len ? len : 1, noblock, &err);
	if (!skb)
		goto out;
	err = memcpy_from_msg(skb_put(skb, len), msg, len);
	if (err)
		goto out_free;
	if (msg->msg_fp) {
		UNIXCB(skb).fp = scm_fp_dup(msg->msg_fp);
		skb->destructor = unix_destruct_scm;
	}
	while ((err = unix_dgram_queue(sk, other, skb)) == -EAGAIN) {
		err = sk_wait_event(&unix_sk(other)->peer_wait, &timeo,
				    unix_dgram_may_retry(other));
		if (err)
			goto out_free;
	}
	if (err == -ECONNREFUSED)
		unix_dgram_disconnect_dead(sk, other);
	if (err)
		goto out_free;
	sock_put(other);
	return len;
out_free:
	kfree_skb(skb);
out:
	sock_put(other);
	return err;
}

static int unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	if (READ_ONCE(sock->sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	msg->msg_namelen = 0;	/* the address, if any, is ignored: Linux's rule */
	return unix_dgram_sendmsg(sock, msg, len);
}

/* Files sent with @skb into the reader's descriptors; a peek gets its own copies. */
static void unix_detach_fds(struct msghdr *msg, struct sk_buff *skb, bool peek)
{
	struct scm_fp_list *fpl = UNIXCB(skb).fp;

	if (!fpl)
		return;
	if (peek) {
		fpl = scm_fp_dup(fpl);
		if (!fpl)
			return;
	} else {
		UNIXCB(skb).fp = NULL;
	}
	scm_detach_fds(msg, fpl);
	scm_fp_destroy(fpl);
}

static bool unix_rcv_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) || READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN);
}

/* The next datagram (taken off the queue unless peeking), or NULL with *@err (0: end of file). */
static struct sk_buff *unix_dgram_next(struct sock *sk, bool peek, long *timeo, int *err)
{
	struct sk_buff *skb;

	for (;;) {
		unix_state_lock(sk);
		skb = peek ? (skb_queue_empty(&sk->sk_receive_queue) ? NULL :
			      sk->sk_receive_queue.next)
			   : __skb_dequeue(&sk->sk_receive_queue);
		unix_state_unlock(sk);
		if (skb)
			return skb;
		*err = sock_error(sk);
		if (*err)
			return NULL;
		*err = 0;
		if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)
			return NULL;
		*err = sk_wait_event(&sk->sk_wq, timeo, unix_rcv_ready(sk));
		if (*err)
			return NULL;
	}
}

static int unix_dgram_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	bool peek = flags & MSG_PEEK;
	struct sk_buff *skb;
	int err, copied;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (mutex_lock_interruptible(&u->iolock))
		return -ERESTARTSYS;
	skb = unix_dgram_next(sk, peek, &timeo, &err);
	if (!skb)
		goto out;
	if (!peek)
		wake_up_all(&u->peer_wait);	/* room for a sender waiting on our queue */
	unix_copy_addr(msg, skb->sk);
	copied = min(size, (size_t)skb->len);
	if (copied < (int)skb->len)
		msg->msg_flags |= MSG_TRUNC;
	err = memcpy_to_msg(msg, skb->data, copied);
	if (!err) {
		unix_detach_fds(msg, skb, peek);
		err = (flags & MSG_TRUNC) ? (int)skb->len : copied;
	}
	if (!peek)
		consume_skb(skb);
out:
	mutex_unlock(&u->iolock);
	return err;
}

static int unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
				  int flags)
{
	if (READ_ONCE(sock->sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, msg, size, flags);
}

/* --- streams ----------------------------------------------------------------- */

/* Queues one stream skb to @other: 0, or -EPIPE when it reads no more. */
static int unix_stream_queue(struct sock *other, struct sk_buff *skb)
{
	unix_state_lock(other);
	if (sock_flag(other, SOCK_DEAD) || (other->sk_shutdown & RCV_SHUTDOWN)) {
		unix_state_unlock(other);
		return -EPIPE;
	}
	__skb_queue_tail(&other->sk_receive_queue, skb);
	unix_state_unlock(other);
	sk_wake(other);
	return 0;
}

static int unix_stream_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk, *other;
	bool noblock = msg->msg_flags & MSG_DONTWAIT;
	struct sk_buff *skb;
	size_t sent = 0, size;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->msg_namelen)
		return READ_ONCE(sk->sk_state) == TCP_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
	other = unix_peer_get(sk);
	if (!other)
		return -ENOTCONN;
	err = -EPIPE;
	if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
		goto pipe_err;
	while (sent < len) {
		/* Half the buffer at most, so two skbs can be in flight at once. */
		size = min(len - sent, (size_t)(READ_ONCE(sk->sk_sndbuf) >> 1) - 64);
		size = min(size, (size_t)UNIX_STREAM_CHUNK);
		skb = sock_alloc_send_skb(sk, size, noblock, &err);
		if (!skb)
			goto out_err;
		err = memcpy_from_msg(skb_put(skb, size), msg, size);
		if (err) {
			kfree_skb(skb);
			goto out_err;
		}
		if (msg->msg_fp && !sent) {
			UNIXCB(skb).fp = scm_fp_dup(msg->msg_fp);
			skb->destructor = unix_destruct_scm;
		}
		err = unix_stream_queue(other, skb);
		if (err) {
			kfree_skb(skb);
			goto pipe_err;
		}
		sent += size;
	}
	sock_put(other);
	return sent;
pipe_err:
	if (!sent && !(msg->msg_flags & MSG_NOSIGNAL))
		sk_send_sigpipe();
	err = -EPIPE;
out_err:
	sock_put(other);
	return sent ? (int)sent : err;
}

/* The skb after @prev in @sk's queue (the first when @prev is NULL), or NULL. */
static struct sk_buff *unix_stream_next(struct sock *sk, struct sk_buff *prev)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;

	unix_state_lock(sk);
	skb = prev ? prev->next : q->next;
	if (skb == (struct sk_buff *)q)
		skb = NULL;
	unix_state_unlock(sk);
	return skb;
}

/* Waits for data after @last (peeking) or at the head: 0 or -errno. */
static int unix_stream_data_wait(struct sock *sk, struct sk_buff *last, long *timeo)
{
	return sk_wait_event(&sk->sk_wq, timeo,
			     unix_stream_next(sk, last) || READ_ONCE(sk->sk_err) ||
			     (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN));
}

/* Takes @chunk bytes of @skb as read; frees it once it is all read. */
static void unix_stream_consume(struct sock *sk, struct sk_buff *skb, unsigned int chunk)
{
	UNIXCB(skb).consumed += chunk;
	if (unix_skb_len(skb))
		return;
	unix_state_lock(sk);
	skb->prev->next = skb->next;
	skb->next->prev = skb->prev;
	skb->next = skb->prev = NULL;
	sk->sk_receive_queue.qlen--;
	unix_state_unlock(sk);
	consume_skb(skb);
}

static int unix_stream_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct unix_sock *u = unix_sk(sk);
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	bool peek = flags & MSG_PEEK;
	size_t target = (flags & MSG_WAITALL) ? size : 1, copied = 0;
	struct sk_buff *skb, *last = NULL;
	unsigned int skip = 0, chunk;
	bool had_fds;
	int err = 0;

	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (mutex_lock_interruptible(&u->iolock))
		return -ERESTARTSYS;
	while (copied < size) {
		skb = unix_stream_next(sk, peek ? last : NULL);
		if (!skb) {
			if (copied >= target)
				break;
			err = sock_error(sk);
			if (err || (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN))
				break;
			err = unix_stream_data_wait(sk, peek ? last : NULL, &timeo);
			if (err)
				break;
			continue;
		}
		/* Files start a read of their own: data before them is returned first. */
		if (copied && UNIXCB(skb).fp)
			break;
		if (!copied)
			unix_copy_addr(msg, skb->sk);
		chunk = min(unix_skb_len(skb) - skip, (unsigned int)(size - copied));
		if (memcpy_to_msg(msg, skb->data + UNIXCB(skb).consumed + skip, chunk)) {
			if (!copied)
				err = -EFAULT;
			break;
		}
		copied += chunk;
		had_fds = UNIXCB(skb).fp;
		unix_detach_fds(msg, skb, peek);
		if (peek) {
			skip += chunk;
			if (skip == unix_skb_len(skb)) {
				last = skb;
				skip = 0;
			}
		} else {
			unix_stream_consume(sk, skb, chunk);
		}
		if (had_fds)
			break;
	}
	mutex_unlock(&u->iolock);
	return copied ? (int)copied : err;
}

/* --- the families' tables ---------------------------------------------------- */

static const struct proto_ops unix_stream_ops = {
	.family		= AF_UNIX,
	.release	= unix_release,
	.bind		= unix_bind,
	.connect	= unix_stream_connect,
	.socketpair	= unix_socketpair,
	.accept		= unix_accept,
	.getname	= unix_getname,
	.poll		= unix_poll,
	.ioctl		= unix_ioctl,
	.listen		= unix_listen,
	.shutdown	= unix_shutdown,
	.sendmsg	= unix_stream_sendmsg,
	.recvmsg	= unix_stream_recvmsg,
};

static const struct proto_ops unix_dgram_ops = {
	.family		= AF_UNIX,
	.release	= unix_release,
	.bind		= unix_bind,
	.connect	= unix_dgram_connect,
	.socketpair	= unix_socketpair,
	.getname	= unix_getname,
	.poll		= unix_dgram_poll,
	.ioctl		= unix_ioctl,
	.shutdown	= unix_shutdown,
	.sendmsg	= unix_dgram_sendmsg,
	.recvmsg	= unix_dgram_recvmsg,
};

static const struct proto_ops unix_seqpacket_ops = {
	.family		= AF_UNIX,
	.release	= unix_release,
	.bind		= unix_bind,
	.connect	= unix_stream_connect,
	.socketpair	= unix_socketpair,
	.accept		= unix_accept,
	.getname	= unix_getname,
	.poll		= unix_dgram_poll,
	.ioctl		= unix_ioctl,
	.listen		= unix_listen,
	.shutdown	= unix_shutdown,
	.sendmsg	= unix_seqpacket_sendmsg,
	.recvmsg	= unix_seqpacket_recvmsg,
};

static int unix_create(struct socket *sock, int protocol, int kern)
{
	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
		sock->ops = &unix_stream_ops;
		break;
	case SOCK_RAW:
		/* Linux's BSD compatibility: a raw unix socket is a datagram one. */
		sock->type = SOCK_DGRAM;
		/* fall through */
	case SOCK_DGRAM:
		sock->ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		sock->ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	return unix_create1(sock, sock->type) ? 0 : -ENOMEM;
}

static const struct net_proto_family unix_family_ops = {
	.family	= PF_UNIX,
	.create	= unix_create,
};

int af_unix_init(void)
{
	return sock_register(&unix_family_ops);
}
