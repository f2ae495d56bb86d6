// SPDX-License-Identifier: MIT
/*
 * Sockets as user space sees them: AF_INET datagram (UDP) sockets only,
 * through socket, bind, sendto, recvfrom, getsockname, read/write, poll
 * and close, with Linux's argument checks and error codes. A bound
 * socket is a udp_port whose receive handler (NET_RX softirq, on any
 * CPU RPS sends the frame to) queues the datagram and wakes the reader
 * blocked in recvfrom — the last step of the packet's way up.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/bottom_half.h>
#include <linux/skbuff.h>
#include <net/udp.h>
#include <net/ip.h>
#include <net/route.h>
#include <linux/in.h>
#include <uapi/linux/stat.h>
#include <uapi/asm-generic/fcntl.h>

#define AF_INET			2
#define SOCK_DGRAM		2
#define SOCK_NONBLOCK		O_NONBLOCK
#define SOCK_CLOEXEC		O_CLOEXEC
#define IPPROTO_UDP_NR		17
#define MSG_TRUNC		0x20
#define MSG_DONTWAIT		0x40
#define EAFNOSUPPORT		97
#define EPROTONOSUPPORT		93
#define ESOCKTNOSUPPORT		94
#define ENOTSOCK		88
#define EDESTADDRREQ		89
#define SOCKFS_DEV		MKDEV(0, 13)
#define UDP_RCVQ_MAX		256	/* datagrams queued before new ones are dropped */
#define EPHEMERAL_LOW		32768
#define EPHEMERAL_HIGH		60999

struct sockaddr_in {
	u16 sin_family;
	__be16 sin_port;
	__be32 sin_addr;
	u8 sin_zero[8];
};

struct dgram {
	struct dgram *next;
	struct sk_buff *skb;
	__be32 saddr;
	__be16 sport;
};

/*
 * @sk_lock (Linux's lock_sock()) orders binds: threads on two CPUs
 * binding one socket, or sending from it unbound (autobind), would
 * otherwise both find it unbound and put its udp_port on the port list
 * twice. @lock guards the receive queue, filled from softirq context on
 * any CPU.
 */
struct udp_sock {
	struct udp_port up;
	struct mutex sk_lock;
	bool bound;
	spinlock_t lock;
	struct dgram *head, *tail;
	unsigned int qlen;
	unsigned long drops;
	struct wait_queue_head wq;
};

static const struct file_operations socket_file_ops;

/*
 * NET_RX softirq, on any CPU (two NAPI instances, RPS: several at once):
 * queue it and wake the reader. A full queue drops the datagram as
 * Linux's __udp_enqueue_schedule_skb() does when the receive buffer is
 * full; udp_rcv() counts it. The limit is enforced under the queue's
 * lock, which serialises CPUs queueing at once with the reader.
 */
static int udp_sock_rcv(struct udp_port *up, struct sk_buff *skb, __be32 saddr, __be16 sport)
{
	struct udp_sock *us = container_of(up, struct udp_sock, up);
	enum skb_drop_reason reason = SKB_DROP_REASON_SOCKET_RCVBUFF;
	struct dgram *d = NULL;
	unsigned long flags;

	if (READ_ONCE(us->qlen) < UDP_RCVQ_MAX) {
		d = kmalloc(sizeof(*d), GFP_ATOMIC);
		if (!d)
			reason = SKB_DROP_REASON_NOMEM;
	}
	if (d) {
		*d = (struct dgram){ .skb = skb, .saddr = saddr, .sport = sport };
		spin_lock_irqsave(&us->lock, flags);
		/* Checked again under the lock: two CPUs may both have seen room for one. */
		if (us->qlen < UDP_RCVQ_MAX) {
			if (us->tail)
				us->tail->next = d;
			else
				us->head = d;
			us->tail = d;
			us->qlen++;
			spin_unlock_irqrestore(&us->lock, flags);
			wake_up(&us->wq);
			return 0;
		}
		spin_unlock_irqrestore(&us->lock, flags);
		kfree(d);
	}
	__atomic_fetch_add(&us->drops, 1, __ATOMIC_RELAXED);
	kfree_skb_reason(skb, reason);
	return -ENOBUFS;
}

static struct dgram *dequeue(struct udp_sock *us)
{
	struct dgram *d;
	unsigned long flags;

	spin_lock_irqsave(&us->lock, flags);
	d = us->head;
	if (d) {
		us->head = d->next;
		if (!us->head)
			us->tail = NULL;
		us->qlen--;
	}
	spin_unlock_irqrestore(&us->lock, flags);
	return d;
}

/* A user sockaddr_in, checked as Linux checks it: length, then family. */
static int move_addr_to_kernel(const struct sockaddr_in *uaddr, int ulen,
			       struct sockaddr_in *kaddr)
{
	if (ulen < (int)sizeof(*kaddr))
		return -EINVAL;
	if (copy_from_user(kaddr, uaddr, sizeof(*kaddr)))
		return -EFAULT;
	if (kaddr->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	return 0;
}

static struct udp_sock *sock_from_fd(int fd, struct file **filp, long *err)
{
	struct file *f = fget(fd);

	*err = -EBADF;
	if (!f)
		return NULL;
	if (f->f_op != &socket_file_ops) {
		fput(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*filp = f;
	return f->private_data;
}

/*
 * Linux's inet_bind() test: a socket binds to INADDR_ANY, to this host's
 * address, or to a broadcast or multicast address it would receive on.
 */
static bool inet_addr_bindable(__be32 addr)
{
	unsigned int type = inet_addr_type(addr);

	return addr == INADDR_ANY || type == RTN_LOCAL || type == RTN_BROADCAST ||
	       type == RTN_MULTICAST;
}

static int udp_bind_port(struct udp_sock *us, u16 port)
{
	/* Tasks on several CPUs bind at once: each draws its candidate atomically. */
	static unsigned int next_ephemeral;
	int tries, err;

	us->up.rcv = udp_sock_rcv;
	if (port) {
		us->up.port = port;
		err = udp_port_bind(&us->up);
	} else {
		for (err = -EADDRINUSE, tries = 0; err && tries < 1000; tries++) {
			unsigned int n = __atomic_fetch_add(&next_ephemeral, 1, __ATOMIC_RELAXED);

			us->up.port = EPHEMERAL_LOW + n % (EPHEMERAL_HIGH - EPHEMERAL_LOW + 1);
			err = udp_port_bind(&us->up);
		}
	}
	if (!err)
		us->bound = true;
	return err;
}

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	int flags = type & (SOCK_NONBLOCK | SOCK_CLOEXEC), fd;
	struct udp_sock *us;
	struct inode *inode;
	struct dentry *dentry;
	struct file *file;

	type &= ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (family != AF_INET)
		return -EAFNOSUPPORT;
	if (type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol && protocol != IPPROTO_UDP_NR)
		return -EPROTONOSUPPORT;
	us = kzalloc(sizeof(*us), GFP_KERNEL);
	inode = new_inode(SOCKFS_DEV);
	if (!us || !inode)
		goto nomem;
	spin_lock_init(&us->lock);
	mutex_init(&us->sk_lock);
	init_waitqueue_head(&us->wq);
	inode->i_mode = S_IFSOCK | 0777;
	dentry = d_alloc_anon("socket:", inode);
	if (!dentry)
		goto nomem;
	fd = get_unused_fd_flags(flags & SOCK_CLOEXEC);
	if (fd < 0) {
		kfree(us);
		return fd;
	}
	file = alloc_file(dentry, O_RDWR | (flags & SOCK_NONBLOCK), &socket_file_ops);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		kfree(us);
		return PTR_ERR(file);
	}
	file->private_data = us;
	fd_install(fd, file);
	return fd;
nomem:
	if (inode)
		iput(inode);
	kfree(us);
	return -ENOMEM;
}

SYSCALL_DEFINE3(bind, int, fd, const struct sockaddr_in *, umyaddr, int, addrlen)
{
	struct sockaddr_in sin;
	struct udp_sock *us;
	struct file *f;
	long err;

	us = sock_from_fd(fd, &f, &err);
	if (!us)
		return err;
	err = move_addr_to_kernel(umyaddr, addrlen, &sin);
	if (err)
		goto out;
	mutex_lock(&us->sk_lock);
	err = -EINVAL;
	if (us->bound)
		goto out_unlock;
	err = -EADDRNOTAVAIL;
	if (!inet_addr_bindable(sin.sin_addr))
		goto out_unlock;
	us->up.rcv_saddr = sin.sin_addr;
	err = udp_bind_port(us, ntohs(sin.sin_port));
	if (err)
		us->up.rcv_saddr = INADDR_ANY;	/* as Linux leaves a socket whose bind failed */
out_unlock:
	mutex_unlock(&us->sk_lock);
out:
	fput(f);
	return err;
}

SYSCALL_DEFINE3(getsockname, int, fd, struct sockaddr_in *, usockaddr, int *, usockaddr_len)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct udp_sock *us;
	struct file *f;
	int len;
	long err;

	us = sock_from_fd(fd, &f, &err);
	if (!us)
		return err;
	sin.sin_port = us->bound ? htons(us->up.port) : 0;
	sin.sin_addr = us->bound ? us->up.rcv_saddr : 0;
	err = -EFAULT;
	if (get_user(len, usockaddr_len))
		goto out;
	err = -EINVAL;
	if (len < 0)
		goto out;
	err = -EFAULT;
	if (copy_to_user(usockaddr, &sin, min((size_t)len, sizeof(sin))) ||
	    put_user((int)sizeof(sin), usockaddr_len))
		goto out;
	err = 0;
out:
	fput(f);
	return err;
}

SYSCALL_DEFINE6(sendto, int, fd, const void *, buff, size_t, len, unsigned int, flags,
		const struct sockaddr_in *, addr, int, addr_len)
{
	struct sockaddr_in sin;
	struct udp_sock *us;
	struct file *f;
	void *kbuf = NULL;
	long err;

	/* Linux's import_ubuf(): the buffer is checked before the socket is looked up. */
	len = min(len, (size_t)MAX_RW_COUNT);
	if (!access_ok(buff, len))
		return -EFAULT;
	us = sock_from_fd(fd, &f, &err);
	if (!us)
		return err;
	err = -EDESTADDRREQ;
	if (!addr)
		goto out;
	err = move_addr_to_kernel(addr, addr_len, &sin);
	if (err)
		goto out;
	err = -EMSGSIZE;
	if (len > UDP_MAX_PAYLOAD)
		goto out;
	err = -ENOMEM;
	kbuf = kmalloc(len ? len : 1, GFP_KERNEL);
	if (!kbuf)
		goto out;
	err = -EFAULT;
	if (copy_from_user(kbuf, buff, len))
		goto out;
	mutex_lock(&us->sk_lock);
	err = us->bound ? 0 : udp_bind_port(us, 0);
	mutex_unlock(&us->sk_lock);
	if (err)
		goto out;
	local_bh_disable();
	err = udp_sendto(us->up.port, sin.sin_addr, ntohs(sin.sin_port), kbuf, len);
	local_bh_enable();
	if (!err)
		err = len;
out:
	kfree(kbuf);
	fput(f);
	return err;
}

static long udp_recv(struct file *f, struct udp_sock *us, void *ubuf, size_t size,
		     unsigned int flags, struct sockaddr_in *uaddr, int *uaddr_len)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct dgram *d;
	long copied;
	int alen = 0;

	if (uaddr_len && get_user(alen, uaddr_len))
		return -EFAULT;
	while (!(d = dequeue(us))) {
		if ((flags & MSG_DONTWAIT) || (f->f_flags & O_NONBLOCK))
			return -EAGAIN;
		/* No SO_RCVTIMEO: Linux's sock_intr_errno() of an endless wait. */
		if (wait_event_interruptible(us->wq, READ_ONCE(us->head) || signal_pending(current)))
			return -ERESTARTSYS;
		if (signal_pending(current) && !READ_ONCE(us->head))
			return -ERESTARTSYS;
	}
	copied = min(size, (size_t)d->skb->len);
	if (copy_to_user(ubuf, d->skb->data, copied))
		copied = -EFAULT;
	else if (flags & MSG_TRUNC)
		copied = d->skb->len;
	sin.sin_port = d->sport;
	sin.sin_addr = d->saddr;
	consume_skb(d->skb);
	kfree(d);
	if (copied >= 0 && uaddr && uaddr_len) {
		if (alen < 0)
			return -EINVAL;
		if (copy_to_user(uaddr, &sin, min((size_t)alen, sizeof(sin))) ||
		    put_user((int)sizeof(sin), uaddr_len))
			return -EFAULT;
	}
	return copied;
}

SYSCALL_DEFINE6(recvfrom, int, fd, void *, ubuf, size_t, size, unsigned int, flags,
		struct sockaddr_in *, addr, int *, addr_len)
{
	struct udp_sock *us;
	struct file *f;
	long err;

	/* As sendto: a buffer outside the user half fails before any wait for a datagram. */
	size = min(size, (size_t)MAX_RW_COUNT);
	if (!access_ok(ubuf, size))
		return -EFAULT;
	us = sock_from_fd(fd, &f, &err);
	if (!us)
		return err;
	err = udp_recv(f, us, ubuf, size, flags, addr, addr ? addr_len : NULL);
	fput(f);
	return err;
}

static ssize_t sock_read(struct file *f, char *buf, size_t count, loff_t *pos)
{
	return udp_recv(f, f->private_data, buf, count, 0, NULL, NULL);
}

static ssize_t sock_write(struct file *f, const char *buf, size_t count, loff_t *pos)
{
	return -EDESTADDRREQ;	/* reflex has no connect(): a socket has no peer */
}

static __poll_t sock_poll(struct file *f, poll_table *pt)
{
	struct udp_sock *us = f->private_data;

	poll_wait(f, &us->wq, pt);
	return (READ_ONCE(us->head) ? EPOLLIN | EPOLLRDNORM : 0) | EPOLLOUT | EPOLLWRNORM;
}

static int sock_release(struct inode *inode, struct file *f)
{
	struct udp_sock *us = f->private_data;
	struct dgram *d;

	if (us->bound) {
		local_bh_disable();
		udp_port_unbind(&us->up);
		local_bh_enable();
	}
	while ((d = dequeue(us))) {
		kfree_skb(d->skb);
		kfree(d);
	}
	kfree(us);
	return 0;
}

static const struct file_operations socket_file_ops = {
	.read		= sock_read,
	.write		= sock_write,
	.poll		= sock_poll,
	.release	= sock_release,
};
