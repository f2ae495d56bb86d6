// SPDX-License-Identifier: MIT
/*
 * The socket layer, as Linux's net/socket.c: socket files (sockfs), the
 * families that register with sock_register(), and every socket system
 * call - socket, socketpair, bind, connect, listen, accept(4),
 * getsockname, getpeername, sendto, recvfrom, sendmsg, recvmsg,
 * sendmmsg, recvmmsg, setsockopt, getsockopt, shutdown - with Linux's
 * argument checks in Linux's order, before the family's proto_ops take
 * over. Addresses are copied in and out here (move_addr_to_kernel/user),
 * message data stays in the user's iovecs until the protocol copies it
 * (memcpy_from_msg/memcpy_to_msg), and control messages (SCM_RIGHTS) are
 * parsed and built here for the families that take them.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/jiffies.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <net/sock.h>
#include <net/scm.h>
#include <uapi/linux/stat.h>
#include <uapi/asm-generic/fcntl.h>

#define SOCKFS_DEV	MKDEV(0, 13)

static const struct net_proto_family *net_families[AF_MAX];
static const struct file_operations socket_file_ops;

int sock_register(const struct net_proto_family *ops)
{
	if (ops->family < 0 || ops->family >= AF_MAX)
		return -ENOBUFS;
	if (net_families[ops->family])
		return -EEXIST;
	net_families[ops->family] = ops;
	return 0;
}

/* --- message data ------------------------------------------------------------ */

static int msg_iter_copy(struct msghdr *msg, void *data, size_t len, bool to_user)
{
	struct msg_iter *it = &msg->msg_iter;

	if (len > it->count)
		return -EFAULT;
	while (len) {
		const struct iovec *iov = it->iov;
		size_t n = min(len, iov->iov_len - it->iov_offset);
		char __user *ubase = (char __user *)iov->iov_base + it->iov_offset;
		unsigned long left;

		left = to_user ? copy_to_user(ubase, data, n) : copy_from_user(data, ubase, n);
		if (left)
			return -EFAULT;
		data = (char *)data + n;
		len -= n;
		it->count -= n;
		it->iov_offset += n;
		if (it->iov_offset == iov->iov_len && it->nr_segs) {
			it->iov++;
			it->nr_segs--;
			it->iov_offset = 0;
		}
	}
	return 0;
}

int memcpy_from_msg(void *data, struct msghdr *msg, size_t len)
{
	return msg_iter_copy(msg, data, len, false);
}

int memcpy_to_msg(struct msghdr *msg, const void *data, size_t len)
{
	return msg_iter_copy(msg, (void *)data, len, true);
}

static void msg_iter_init(struct msghdr *msg, const struct iovec *iov, unsigned long nr,
			  size_t count)
{
	/* Empty leading segments are skipped so a copy always starts in a real one. */
	while (nr && !iov->iov_len) {
		iov++;
		nr--;
	}
	msg->msg_iter = (struct msg_iter){ .iov = iov, .nr_segs = nr, .count = count };
}

/* --- addresses --------------------------------------------------------------- */

static int move_addr_to_kernel(void __user *uaddr, int ulen, struct sockaddr_storage *kaddr)
{
	if (ulen < 0 || ulen > (int)sizeof(*kaddr))
		return -EINVAL;
	if (ulen == 0)
		return 0;
	if (copy_from_user(kaddr, uaddr, ulen))
		return -EFAULT;
	return 0;
}

/* Linux's order: the user's length read first, then the copy cut to it, then the full length. */
static int move_addr_to_user(struct sockaddr_storage *kaddr, int klen, void __user *uaddr,
			     int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len > klen)
		len = klen;
	if (len < 0)
		return -EINVAL;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen) ? -EFAULT : 0;
}

/* --- socket files ------------------------------------------------------------ */

struct socket *sock_from_file(struct file *file)
{
	return file->f_op == &socket_file_ops ? file->private_data : NULL;
}

static struct socket *sockfd_lookup(int fd, int *err)
{
	struct file *file = fget(fd);
	struct socket *sock;

	if (!file) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(file);
	if (!sock) {
		*err = -ENOTSOCK;
		fput(file);
	}
	return sock;
}

static void sockfd_put(struct socket *sock)
{
	fput(sock->file);
}

static struct socket *sock_alloc(void)
{
	return kzalloc(sizeof(struct socket), GFP_KERNEL);
}

void sock_release(struct socket *sock)
{
	if (sock->ops && sock->ops->release)
		sock->ops->release(sock);
	kfree(sock);
}

static int sock_check_args(int family, int type, int protocol)
{
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	return 0;
}

static int __sock_create(int family, int type, int protocol, struct socket **res, int kern)
{
	const struct net_proto_family *pf;
	struct socket *sock;
	int err = sock_check_args(family, type, protocol);

	if (err)
		return err;
	pf = net_families[family];
	if (!pf)
		return -EAFNOSUPPORT;
	sock = sock_alloc();
	if (!sock)
		return -ENFILE;
	sock->type = type;
	sock->state = SS_UNCONNECTED;
	err = pf->create(sock, protocol, kern);
	if (err) {
		sock->ops = NULL;
		kfree(sock);
		return err;
	}
	*res = sock;
	return 0;
}

int sock_create_lite(int family, int type, int protocol, struct socket **res)
{
	struct socket *sock = sock_alloc();

	if (!sock)
		return -ENOMEM;
	sock->type = type;
	sock->state = SS_UNCONNECTED;
	*res = sock;
	return 0;
}

/* A file for @sock; on failure @sock is released. */
static struct file *sock_alloc_file(struct socket *sock, int flags)
{
	struct inode *inode = new_inode(SOCKFS_DEV);
	struct dentry *dentry;
	struct file *file;

	if (!inode)
		goto nomem;
	inode->i_mode = S_IFSOCK | 0777;
	dentry = d_alloc_anon("socket:", inode);
	if (!dentry) {
		iput(inode);
		goto nomem;
	}
	file = alloc_file(dentry, O_RDWR | (flags & O_NONBLOCK), &socket_file_ops);
	if (IS_ERR(file)) {
		sock_release(sock);
		return file;
	}
	sock->file = file;
	file->private_data = sock;
	return file;
nomem:
	sock_release(sock);
	return ERR_PTR(-ENOMEM);
}

static int sock_map_fd(struct socket *sock, int flags)
{
	int fd = get_unused_fd_flags(flags & O_CLOEXEC);
	struct file *file;

	if (fd < 0) {
		sock_release(sock);
		return fd;
	}
	file = sock_alloc_file(sock, flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

static int sock_sendmsg(struct socket *sock, struct msghdr *msg)
{
	if (!sock->ops->sendmsg)
		return -EOPNOTSUPP;
	return sock->ops->sendmsg(sock, msg, msg->msg_iter.count);
}

static int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags)
{
	if (!sock->ops->recvmsg)
		return -EOPNOTSUPP;
	return sock->ops->recvmsg(sock, msg, msg->msg_iter.count, flags);
}

static ssize_t sock_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct socket *sock = file->private_data;
	struct iovec iov = { .iov_base = buf, .iov_len = count };
	struct msghdr msg = { 0 };

	if (!count)
		return 0;
	msg_iter_init(&msg, &iov, 1, count);
	return sock_recvmsg(sock, &msg, (file->f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0);
}

static ssize_t sock_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	struct socket *sock = file->private_data;
	struct iovec iov = { .iov_base = (void __user *)buf, .iov_len = count };
	struct msghdr msg = { 0 };

	msg_iter_init(&msg, &iov, 1, count);
	msg.msg_flags = (file->f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;
	if (sock->type == SOCK_SEQPACKET)
		msg.msg_flags |= MSG_EOR;
	return sock_sendmsg(sock, &msg);
}

static __poll_t sock_poll(struct file *file, poll_table *pt)
{
	struct socket *sock = file->private_data;

	if (!sock->ops->poll)
		return 0;
	return sock->ops->poll(file, sock, pt);
}

/* The family's ioctls first, then the interface ones every socket answers (Linux's sock_do_ioctl()). */
static long sock_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = file->private_data;
	long err = -ENOTTY;

	if (sock->ops->ioctl)
		err = sock->ops->ioctl(sock, cmd, arg);
	if (err == -ENOTTY)
		err = dev_ioctl(cmd, (void __user *)arg, sock->ops->family == AF_INET);
	return err;
}

static int sock_close(struct inode *inode, struct file *file)
{
	sock_release(file->private_data);
	return 0;
}

static const struct file_operations socket_file_ops = {
	.llseek		= no_llseek,
	.read		= sock_read,
	.write		= sock_write,
	.poll		= sock_poll,
	.unlocked_ioctl	= sock_ioctl,
	.release	= sock_close,
};

/* --- socket, socketpair ------------------------------------------------------ */

static int sock_flags_check(int *type, int *flags)
{
	*flags = *type & ~SOCK_TYPE_MASK;
	if (*flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	*type &= SOCK_TYPE_MASK;
	return 0;
}

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	struct socket *sock;
	int flags, err = sock_flags_check(&type, &flags);

	if (err)
		return err;
	err = __sock_create(family, type, protocol, &sock, 0);
	if (err)
		return err;
	return sock_map_fd(sock, flags & (O_CLOEXEC | O_NONBLOCK));
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int __user *, usockvec)
{
	struct socket *sock1, *sock2;
	struct file *f1, *f2;
	int flags, fd1, fd2, err = sock_flags_check(&type, &flags);

	if (err)
		return err;
	fd1 = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd1 < 0)
		return fd1;
	fd2 = get_unused_fd_flags(flags & O_CLOEXEC);
	if (fd2 < 0) {
		put_unused_fd(fd1);
		return fd2;
	}
	err = put_user(fd1, &usockvec[0]) || put_user(fd2, &usockvec[1]) ? -EFAULT : 0;
	if (err)
		goto out_fds;
	err = __sock_create(family, type, protocol, &sock1, 0);
	if (err)
		goto out_fds;
	err = __sock_create(family, type, protocol, &sock2, 0);
	if (err) {
		sock_release(sock1);
		goto out_fds;
	}
	err = sock1->ops->socketpair ? sock1->ops->socketpair(sock1, sock2) : -EOPNOTSUPP;
	if (err) {
		sock_release(sock2);
		sock_release(sock1);
		goto out_fds;
	}
	f1 = sock_alloc_file(sock1, flags);
	if (IS_ERR(f1)) {
		sock_release(sock2);
		err = PTR_ERR(f1);
		goto out_fds;
	}
	f2 = sock_alloc_file(sock2, flags);
	if (IS_ERR(f2)) {
		fput(f1);
		err = PTR_ERR(f2);
		goto out_fds;
	}
	fd_install(fd1, f1);
	fd_install(fd2, f2);
	return 0;
out_fds:
	put_unused_fd(fd2);
	put_unused_fd(fd1);
	return err;
}

/* --- bind, connect, listen, accept ------------------------------------------- */

SYSCALL_DEFINE3(bind, int, fd, struct sockaddr __user *, umyaddr, int, addrlen)
{
	struct sockaddr_storage address;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = move_addr_to_kernel(umyaddr, addrlen, &address);
	if (!err)
		err = sock->ops->bind ? sock->ops->bind(sock, (struct sockaddr *)&address, addrlen)
				      : -EOPNOTSUPP;
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE3(connect, int, fd, struct sockaddr __user *, uservaddr, int, addrlen)
{
	struct sockaddr_storage address;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = move_addr_to_kernel(uservaddr, addrlen, &address);
	if (!err)
		err = sock->ops->connect ?
		      sock->ops->connect(sock, (struct sockaddr *)&address, addrlen,
					 sock->file->f_flags) : -EOPNOTSUPP;
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	sockfd_put(sock);
	return err;
}

static int do_accept(struct socket *sock, struct sockaddr __user *upeer,
		     int __user *upeer_addrlen, int flags)
{
	struct sockaddr_storage address;
	struct socket *newsock;
	struct file *newfile;
	int err, len, newfd;

	if (!sock->ops->accept)
		return -EOPNOTSUPP;
	err = sock_create_lite(sock->ops->family, sock->type, 0, &newsock);
	if (err)
		return err;
	newsock->ops = sock->ops;
	newfd = get_unused_fd_flags(flags & O_CLOEXEC);
	if (newfd < 0) {
		kfree(newsock);
		return newfd;
	}
	newfile = sock_alloc_file(newsock, flags);
	if (IS_ERR(newfile)) {
		put_unused_fd(newfd);
		return PTR_ERR(newfile);
	}
	/* Until accept has given it a sock, the new socket's release has nothing to do. */
	newsock->ops = NULL;
	err = sock->ops->accept(sock, newsock, sock->file->f_flags | flags);
	newsock->ops = sock->ops;
	if (err < 0)
		goto out_fd;
	if (upeer) {
		len = newsock->ops->getname(newsock, (struct sockaddr *)&address, 2);
		if (len < 0) {
			err = -ECONNABORTED;
			goto out_fd;
		}
		err = move_addr_to_user(&address, len, upeer, upeer_addrlen);
		if (err < 0)
			goto out_fd;
	}
	fd_install(newfd, newfile);
	return newfd;
out_fd:
	fput(newfile);
	put_unused_fd(newfd);
	return err;
}

SYSCALL_DEFINE4(accept4, int, fd, struct sockaddr __user *, upeer_sockaddr,
		int __user *, upeer_addrlen, int, flags)
{
	struct socket *sock;
	int err;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = do_accept(sock, upeer_sockaddr, upeer_addrlen, flags);
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE3(accept, int, fd, struct sockaddr __user *, upeer_sockaddr,
		int __user *, upeer_addrlen)
{
	return __do_sys_accept4(fd, upeer_sockaddr, upeer_addrlen, 0);
}

static int do_getname(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len,
		      int peer)
{
	struct sockaddr_storage address;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = sock->ops->getname ? sock->ops->getname(sock, (struct sockaddr *)&address, peer)
				 : -EOPNOTSUPP;
	if (err >= 0)
		err = move_addr_to_user(&address, err, usockaddr, usockaddr_len);
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE3(getsockname, int, fd, struct sockaddr __user *, usockaddr,
		int __user *, usockaddr_len)
{
	return do_getname(fd, usockaddr, usockaddr_len, 0);
}

SYSCALL_DEFINE3(getpeername, int, fd, struct sockaddr __user *, usockaddr,
		int __user *, usockaddr_len)
{
	return do_getname(fd, usockaddr, usockaddr_len, 1);
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = sock->ops->shutdown ? sock->ops->shutdown(sock, how) : -EOPNOTSUPP;
	sockfd_put(sock);
	return err;
}

/* --- options ----------------------------------------------------------------- */

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, optname, char __user *, optval,
		int, optlen)
{
	struct socket *sock;
	int err;

	if (optlen < 0)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, level, optname, optval, optlen);
	else if (!sock->ops->setsockopt)
		err = -EOPNOTSUPP;
	else
		err = sock->ops->setsockopt(sock, level, optname, optval, optlen);
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, optname, char __user *, optval,
		int __user *, optlen)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, level, optname, optval, optlen);
	else if (!sock->ops->getsockopt)
		err = -EOPNOTSUPP;
	else
		err = sock->ops->getsockopt(sock, level, optname, optval, optlen);
	sockfd_put(sock);
	return err;
}

/* --- sendto, recvfrom -------------------------------------------------------- */

SYSCALL_DEFINE6(sendto, int, fd, void __user *, buff, size_t, len, unsigned int, flags,
		struct sockaddr __user *, addr, int, addr_len)
{
	struct sockaddr_storage address;
	struct iovec iov = { .iov_base = buff, .iov_len = len };
	struct msghdr msg = { 0 };
	struct socket *sock;
	int err;

	/* Linux's import_ubuf(): the buffer is checked before the socket is looked up. */
	iov.iov_len = min(len, (size_t)MAX_RW_COUNT);
	if (!access_ok(buff, iov.iov_len))
		return -EFAULT;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	msg_iter_init(&msg, &iov, 1, iov.iov_len);
	if (addr) {
		err = move_addr_to_kernel(addr, addr_len, &address);
		if (err < 0)
			goto out;
		msg.msg_name = &address;
		msg.msg_namelen = addr_len;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg.msg_flags = flags;
	err = sock_sendmsg(sock, &msg);
out:
	sockfd_put(sock);
	return err;
}

SYSCALL_DEFINE6(recvfrom, int, fd, void __user *, ubuf, size_t, size, unsigned int, flags,
		struct sockaddr __user *, addr, int __user *, addr_len)
{
	struct sockaddr_storage address;
	struct iovec iov = { .iov_base = ubuf, .iov_len = size };
	struct msghdr msg = { .msg_name = addr ? &address : NULL };
	struct socket *sock;
	int err, err2;

	/* As sendto: a buffer outside the user half fails before any wait for data. */
	iov.iov_len = min(size, (size_t)MAX_RW_COUNT);
	if (!access_ok(ubuf, iov.iov_len))
		return -EFAULT;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	msg_iter_init(&msg, &iov, 1, iov.iov_len);
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &msg, flags);
	if (err >= 0 && addr) {
		err2 = move_addr_to_user(&address, msg.msg_namelen, addr, addr_len);
		if (err2 < 0)
			err = err2;
	}
	sockfd_put(sock);
	return err;
}

/* --- sendmsg, recvmsg -------------------------------------------------------- */

/*
 * The user's msghdr into @kmsg, its iovecs into *@iov (to kfree), its
 * address into @addr. Linux's copy_msghdr_from_user() checks.
 */
static int copy_msghdr_from_user(struct msghdr *kmsg, struct user_msghdr __user *umsg,
				 struct sockaddr_storage *addr, struct iovec **iov,
				 void __user **uaddr)
{
	struct user_msghdr msg;
	ssize_t total;
	int err;

	if (copy_from_user(&msg, umsg, sizeof(msg)))
		return -EFAULT;
	memset(kmsg, 0, sizeof(*kmsg));
	kmsg->msg_control = msg.msg_control;
	kmsg->msg_controllen = msg.msg_controllen;
	kmsg->msg_flags = msg.msg_flags;
	if (!msg.msg_name)
		msg.msg_namelen = 0;
	if (msg.msg_namelen < 0)
		return -EINVAL;
	if (msg.msg_namelen > (int)sizeof(struct sockaddr_storage))
		msg.msg_namelen = sizeof(struct sockaddr_storage);
	kmsg->msg_namelen = msg.msg_namelen;
	if (uaddr)
		*uaddr = msg.msg_name;
	if (!uaddr && msg.msg_namelen) {
		err = move_addr_to_kernel(msg.msg_name, msg.msg_namelen, addr);
		if (err)
			return err;
		kmsg->msg_name = addr;
	} else if (uaddr) {
		kmsg->msg_name = addr;
	}
	if (msg.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	total = import_iovec(msg.msg_iov, msg.msg_iovlen, iov);
	if (total < 0)
		return total;
	msg_iter_init(kmsg, *iov, msg.msg_iovlen, total);
	return 0;
}

static int ____sys_sendmsg(struct socket *sock, struct msghdr *msg, unsigned int flags)
{
	int err;

	if (msg->msg_controllen > 0x7fffffff)	/* INT_MAX */
		return -ENOBUFS;
	if (msg->msg_controllen) {
		err = scm_send(sock, msg);
		if (err)
			return err;
	}
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	msg->msg_flags = flags;
	err = sock_sendmsg(sock, msg);
	scm_destroy(msg);
	return err;
}

static int ___sys_sendmsg(struct socket *sock, struct user_msghdr __user *umsg,
			  unsigned int flags)
{
	struct sockaddr_storage address;
	struct iovec *iov = NULL;
	struct msghdr msg;
	int err;

	err = copy_msghdr_from_user(&msg, umsg, &address, &iov, NULL);
	if (!err)
		err = ____sys_sendmsg(sock, &msg, flags);
	kfree(iov);
	return err;
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct user_msghdr __user *, msg, unsigned int, flags)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = ___sys_sendmsg(sock, msg, flags);
	sockfd_put(sock);
	return err;
}

static int ___sys_recvmsg(struct socket *sock, struct user_msghdr __user *umsg,
			  unsigned int flags)
{
	struct sockaddr_storage address;
	struct iovec *iov = NULL;
	void __user *uaddr;
	void __user *cmsg_start;
	struct msghdr msg;
	int err, len;

	err = copy_msghdr_from_user(&msg, umsg, &address, &iov, &uaddr);
	if (err)
		goto out;
	cmsg_start = msg.msg_control;
	msg.msg_flags = flags & MSG_CMSG_CLOEXEC;
	msg.msg_namelen = 0;
	if (sock->file->f_flags & O_NONBLOCK)
		flags |= MSG_DONTWAIT;
	err = sock_recvmsg(sock, &msg, flags);
	if (err < 0)
		goto out;
	len = err;
	if (uaddr) {
		err = move_addr_to_user(&address, msg.msg_namelen, uaddr, &umsg->msg_namelen);
		if (err < 0)
			goto out;
	}
	err = -EFAULT;
	if (put_user(msg.msg_flags & ~MSG_CMSG_CLOEXEC, &umsg->msg_flags) ||
	    put_user((size_t)((char __user *)msg.msg_control - (char __user *)cmsg_start),
		     &umsg->msg_controllen))
		goto out;
	err = len;
out:
	kfree(iov);
	return err;
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr __user *, msg, unsigned int, flags)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	err = ___sys_recvmsg(sock, msg, flags);
	sockfd_put(sock);
	return err;
}

/* As Linux's: what was done counts; an error only when nothing was. */
SYSCALL_DEFINE4(sendmmsg, int, fd, struct mmsghdr __user *, mmsg, unsigned int, vlen,
		unsigned int, flags)
{
	struct socket *sock;
	unsigned int i;
	int err;

	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	for (i = 0, err = 0; i < vlen; i++) {
		err = ___sys_sendmsg(sock, &mmsg[i].msg_hdr, flags);
		if (err < 0)
			break;
		if (put_user((unsigned int)err, &mmsg[i].msg_len)) {
			err = -EFAULT;
			break;
		}
		cond_resched();
	}
	sockfd_put(sock);
	return i ? (int)i : err;
}

struct __kernel_timespec {
	s64	tv_sec;
	long	tv_nsec;
};

SYSCALL_DEFINE5(recvmmsg, int, fd, struct mmsghdr __user *, mmsg, unsigned int, vlen,
		unsigned int, flags, struct __kernel_timespec __user *, timeout)
{
	struct __kernel_timespec ts;
	unsigned long end = 0;
	struct socket *sock;
	unsigned int i;
	int err;

	if (timeout) {
		if (copy_from_user(&ts, timeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
		end = jiffies + ts.tv_sec * HZ + DIV_ROUND_UP(ts.tv_nsec, 1000000000L / HZ);
	}
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	sock = sockfd_lookup(fd, &err);
	if (!sock)
		return err;
	for (i = 0, err = 0; i < vlen; i++) {
		err = ___sys_recvmsg(sock, &mmsg[i].msg_hdr, flags & ~MSG_WAITFORONE);
		if (err < 0)
			break;
		if (put_user((unsigned int)err, &mmsg[i].msg_len)) {
			err = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		/* Linux checks the timeout only after each datagram, as here. */
		if (timeout && !time_before(jiffies, end)) {
			i++;
			break;
		}
	}
	sockfd_put(sock);
	if (timeout && i) {
		long left = time_after(end, jiffies) ? (long)(end - jiffies) : 0;

		ts.tv_sec = left / HZ;
		ts.tv_nsec = (left % HZ) * (1000000000L / HZ);
		if (copy_to_user(timeout, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return i ? (int)i : err;
}
