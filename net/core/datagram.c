// SPDX-License-Identifier: MIT
/*
 * The receive queue of a datagram socket (raw and ping sockets): softirq
 * code on any CPU queues under the queue's lock and wakes readers; a
 * reader takes one datagram whole, or looks at it with MSG_PEEK. The
 * queue is bounded by a count, as reflex's UDP queue is, rather than by
 * SO_RCVBUF bytes. A peek hands the reader a copy made under the lock:
 * another thread may take the queued datagram and free it while the
 * peeker still copies to user space.
 */
#include <linux/kernel.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/uaccess.h>
#include <net/sock.h>
#include <net/raw.h>
#include <uapi/asm-generic/ioctls.h>

int sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (q->qlen >= SK_DGRAM_QLEN) {
		spin_unlock_irqrestore(&q->lock, flags);
		kfree_skb_reason(skb, SKB_DROP_REASON_SOCKET_RCVBUFF);
		return -ENOBUFS;
	}
	__skb_queue_tail(q, skb);
	spin_unlock_irqrestore(&q->lock, flags);
	sk_wake(sk);
	return 0;
}

/* Under the queue's lock: the data and the control block (the sender), nothing else. */
static struct sk_buff *skb_copy_datagram(const struct sk_buff *skb)
{
	struct sk_buff *copy = alloc_skb(skb->len, GFP_ATOMIC);

	if (!copy)
		return NULL;
	skb_put_data(copy, skb->data, skb->len);
	memcpy(copy->cb, skb->cb, sizeof(copy->cb));
	return copy;
}

static bool datagram_ready(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) || READ_ONCE(sk->sk_err);
}

struct sk_buff *skb_recv_datagram(struct sock *sk, unsigned int flags, int *err)
{
	long timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;
	unsigned long irqflags;

	*err = 0;
	for (;;) {
		spin_lock_irqsave(&q->lock, irqflags);
		if (!(flags & MSG_PEEK))
			skb = __skb_dequeue(q);
		else if (skb_queue_empty(q))
			skb = NULL;
		else if (!(skb = skb_copy_datagram(q->next)))
			*err = -ENOMEM;
		spin_unlock_irqrestore(&q->lock, irqflags);
		if (skb || *err)
			return skb;
		*err = sock_error(sk);
		if (*err || (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN))
			return NULL;
		*err = sk_wait_event(&sk->sk_wq, &timeo, datagram_ready(sk));
		if (*err)
			return NULL;
	}
}

/* What skb_recv_datagram() returned: taken off the queue, or a peek's copy. */
void skb_free_datagram(struct sk_buff *skb, unsigned int flags)
{
	consume_skb(skb);
}

__poll_t datagram_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct sock *sk = sock->sk;
	unsigned char shutdown = READ_ONCE(sk->sk_shutdown);
	__poll_t mask = 0;

	poll_wait(file, &sk->sk_wq, wait);
	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (shutdown == SHUTDOWN_MASK)
		mask |= EPOLLHUP;
	if (!skb_queue_empty(&sk->sk_receive_queue))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (sock_writeable(sk))
		mask |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	return mask;
}

int datagram_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sk_buff_head *q = &sock->sk->sk_receive_queue;
	unsigned long flags;
	int amount = 0;

	switch (cmd) {
	case FIONREAD:
		spin_lock_irqsave(&q->lock, flags);
		if (!skb_queue_empty(q))
			amount = q->next->len;
		spin_unlock_irqrestore(&q->lock, flags);
		return put_user(amount, (int __user *)arg) ? -EFAULT : 0;
	case TIOCOUTQ:
		return put_user(0, (int __user *)arg) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}
