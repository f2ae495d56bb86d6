// SPDX-License-Identifier: MIT
/*
 * TCP over the loopback device, as on Linux: a listener and its accept
 * queue, blocking and non-blocking connect (EINPROGRESS, then SO_ERROR),
 * ECONNREFUSED from a port nobody listens on, echo, many connections at
 * once, a transfer of several megabytes checked byte for byte, shutdown's
 * three forms and the FIN each sends, MSG_PEEK/MSG_WAITALL/MSG_DONTWAIT,
 * EPIPE with SIGPIPE (and without, under MSG_NOSIGNAL), RST on a close
 * with unread data, poll and epoll readiness, SO_RCVTIMEO, the
 * IPPROTO_TCP options, SIOCINQ/SIOCOUTQ, a socket shared across fork(),
 * bad pointers, and /proc/net/tcp. Every case passes on Linux too.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "ktap.h"

#ifndef SIOCINQ
#define SIOCINQ		FIONREAD
#endif
#ifndef SIOCOUTQ
#define SIOCOUTQ	TIOCOUTQ
#endif

static void *volatile bad_ptr = (void *)8;	/* never mapped; volatile: the compiler cannot know */
#define BAD_PTR		bad_ptr

static struct sockaddr_in lo_addr(unsigned short port)
{
	return (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(port),
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
}

/* A listener on 127.0.0.1, on a port of the kernel's choosing (in *sin). */
static int listener(struct sockaddr_in *sin, int backlog)
{
	socklen_t len = sizeof(*sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	*sin = lo_addr(0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)sin, sizeof(*sin)) < 0 || listen(fd, backlog) < 0 ||
	    getsockname(fd, (struct sockaddr *)sin, &len) < 0) {
		ktap_diag("listener: %s", strerror(errno));
		return -1;
	}
	return fd;
}

static int connect_to(const struct sockaddr_in *sin)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (const struct sockaddr *)sin, sizeof(*sin)) < 0) {
		ktap_diag("connect: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* A connected pair over lo: *c the connecter's end, *a the accepted one. */
static int tcp_pair(int *c, int *a)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 4);

	*c = *a = -1;
	if (l < 0)
		return -1;
	*c = connect_to(&sin);
	if (*c >= 0)
		*a = accept(l, NULL, NULL);
	close(l);
	return *c >= 0 && *a >= 0 ? 0 : -1;
}

static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n <= 0)
			return n < 0 ? n : (ssize_t)got;
		got += n;
	}
	return got;
}

static ssize_t write_full(int fd, const void *buf, size_t len)
{
	size_t put = 0;

	while (put < len) {
		ssize_t n = write(fd, (const char *)buf + put, len - put);

		if (n <= 0)
			return -1;
		put += n;
	}
	return put;
}

static void echo_over_loopback(void)
{
	struct sockaddr_in sin, peer, self, apeer;
	socklen_t plen = sizeof(peer), slen = sizeof(self), alen = sizeof(apeer);
	int l = listener(&sin, 1), c, a;
	char buf[64] = { 0 };

	if (!EXPECT(l >= 0, "listener"))
		return;
	c = connect_to(&sin);
	a = accept(l, (struct sockaddr *)&apeer, &alen);
	if (!EXPECT(c >= 0 && a >= 0, "connect %d accept %d: %d", c, a, errno))
		goto out;
	EXPECT(getpeername(c, (struct sockaddr *)&peer, &plen) == 0 &&
	       peer.sin_port == sin.sin_port && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	       "connecter's peer is the listener's address");
	EXPECT(getsockname(c, (struct sockaddr *)&self, &slen) == 0 && ntohs(self.sin_port) >= 1024 &&
	       self.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "ephemeral port %u", ntohs(self.sin_port));
	EXPECT(alen == sizeof(apeer) && apeer.sin_port == self.sin_port &&
	       apeer.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "accept returns the connecter's address");
	EXPECT(write(c, "hello, tcp", 10) == 10, "write: %d", errno);
	EXPECT(read_full(a, buf, 10) == 10 && !memcmp(buf, "hello, tcp", 10), "read: %s", buf);
	EXPECT(send(a, buf, 10, 0) == 10, "echo back");
	memset(buf, 0, sizeof(buf));
	EXPECT(recv(c, buf, 10, MSG_WAITALL) == 10 && !memcmp(buf, "hello, tcp", 10),
	       "echo: %s", buf);
out:
	close(a);
	close(c);
	close(l);
}

static void many_connections_at_once(void)
{
	enum { N = 32 };
	struct sockaddr_in sin;
	int l = listener(&sin, N), c[N], a[N], i, ok = 0;

	if (!EXPECT(l >= 0, "listener"))
		return;
	for (i = 0; i < N; i++)
		c[i] = connect_to(&sin);
	for (i = 0; i < N; i++)
		a[i] = accept(l, NULL, NULL);
	for (i = 0; i < N; i++) {
		unsigned int v = i * 7919, w = 0;

		if (c[i] >= 0 && write(c[i], &v, sizeof(v)) == sizeof(v))
			ok++;
		(void)w;
	}
	EXPECT(ok == N, "%d of %d connected and wrote", ok, N);
	/* Each accepted socket holds the value of the one connection it belongs to. */
	ok = 0;
	for (i = 0; i < N; i++) {
		unsigned int v;

		if (a[i] >= 0 && read_full(a[i], &v, sizeof(v)) == sizeof(v) && v % 7919 == 0 &&
		    v / 7919 < N)
			ok++;
	}
	EXPECT(ok == N, "%d of %d accepted and read", ok, N);
	for (i = 0; i < N; i++) {
		close(c[i]);
		close(a[i]);
	}
	close(l);
}

static unsigned int fnv1a(unsigned int h, const unsigned char *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/* A child writes 8 MiB of a pattern; the parent checks its length and checksum. */
static void large_transfer_is_intact(void)
{
	enum { TOTAL = 8 << 20, CHUNK = 65536 + 123 };
	static unsigned char buf[CHUNK];
	unsigned int want = 2166136261u, got = 2166136261u;
	size_t total = 0, i;
	int c, a, st;
	pid_t pid;

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	for (i = 0; i < TOTAL; i += sizeof(buf)) {
		size_t j, n = TOTAL - i < sizeof(buf) ? TOTAL - i : sizeof(buf);

		for (j = 0; j < n; j++)
			buf[j] = (unsigned char)((i + j) * 31 + ((i + j) >> 13));
		want = fnv1a(want, buf, n);
	}
	pid = fork();
	if (pid == 0) {
		close(a);
		for (i = 0; i < TOTAL; i += sizeof(buf)) {
			size_t j, n = TOTAL - i < sizeof(buf) ? TOTAL - i : sizeof(buf);

			for (j = 0; j < n; j++)
				buf[j] = (unsigned char)((i + j) * 31 + ((i + j) >> 13));
			if (write_full(c, buf, n) < 0)
				_exit(1);
		}
		_exit(close(c) ? 2 : 0);
	}
	close(c);
	for (;;) {
		ssize_t n = read(a, buf, sizeof(buf));

		if (n <= 0) {
			EXPECT(n == 0, "read: %d", errno);
			break;
		}
		got = fnv1a(got, buf, n);
		total += n;
	}
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "writer status %#x", st);
	EXPECT(total == TOTAL, "%zu bytes of %d", total, TOTAL);
	EXPECT(got == want, "checksum %#x, sent %#x", got, want);
	close(a);
}

/*
 * A reader that does not read: the writer fills the peer's window and its
 * own send buffer, then gets EAGAIN and no POLLOUT; once the reader drains
 * everything, the writer may go on, and every byte arrives in order.
 */
static void full_window_blocks_the_writer(void)
{
	static unsigned char buf[4096];
	struct sockaddr_in sin;
	int l = listener(&sin, 1), c, a, n, small = 4096;
	size_t put = 0, got = 0, i;
	struct pollfd p;
	unsigned char expect = 0;
	bool order = true;

	/* A small receive buffer, inherited by the accepted socket: the window shuts soon. */
	if (!EXPECT(l >= 0 && setsockopt(l, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)) == 0,
		    "listener"))
		return;
	c = connect_to(&sin);
	a = accept(l, NULL, NULL);
	close(l);
	if (!EXPECT(c >= 0 && a >= 0, "connected"))
		return;
	fcntl(c, F_SETFL, O_NONBLOCK);
	for (;;) {
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (unsigned char)(put + i);
		n = write(c, buf, sizeof(buf));
		if (n < 0)
			break;
		put += n;
		if (put > (64 << 20))
			break;
	}
	EXPECT(n < 0 && errno == EAGAIN, "EAGAIN once full: %d %d", n, errno);
	EXPECT(put > 0 && put < (32 << 20), "%zu bytes taken before EAGAIN", put);
	p = (struct pollfd){ .fd = c, .events = POLLOUT };
	EXPECT(poll(&p, 1, 0) == 0, "no POLLOUT while full: %#x", p.revents);
	while (got < put) {
		n = read(a, buf, sizeof(buf));
		if (!EXPECT(n > 0, "read: %d %d", n, errno))
			break;
		for (i = 0; i < (size_t)n; i++)
			order &= buf[i] == expect++;
		got += n;
	}
	EXPECT(got == put && order, "%zu of %zu bytes back, in order: %d", got, put, order);
	p = (struct pollfd){ .fd = c, .events = POLLOUT };
	EXPECT(poll(&p, 1, 10000) == 1 && (p.revents & POLLOUT), "POLLOUT once drained: %#x", p.revents);
	EXPECT(write(c, "more", 4) == 4, "the writer goes on");
	close(c);
	close(a);
}

static void nonblocking_connect_then_so_error(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 1), c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), a;
	int err = -1, r;
	socklen_t elen = sizeof(err);
	struct pollfd p = { .fd = c, .events = POLLOUT };

	if (!EXPECT(l >= 0 && c >= 0, "sockets"))
		return;
	r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	EXPECT(r == 0 || errno == EINPROGRESS, "connect: %d %d", r, errno);
	EXPECT(poll(&p, 1, 10000) == 1 && (p.revents & POLLOUT) && !(p.revents & POLLERR),
	       "writable once connected: %#x", p.revents);
	EXPECT(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 && err == 0, "SO_ERROR %d", err);
	/* As Linux: the next connect() completes the socket's own state, the one after is EISCONN. */
	r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	EXPECT(r == 0, "connect after completion: %d %d", r, errno);
	r = connect(c, (struct sockaddr *)&sin, sizeof(sin));
	EXPECT(r < 0 && errno == EISCONN, "connected again: %d %d", r, errno);
	a = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	EXPECT(a >= 0 && (fcntl(a, F_GETFL) & O_NONBLOCK) && (fcntl(a, F_GETFD) & FD_CLOEXEC),
	       "accept4 flags");
	close(a);
	close(c);
	close(l);
}

static void connect_to_closed_port_is_refused(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 1), c, err = 0;
	socklen_t elen = sizeof(err);
	struct pollfd p;

	if (!EXPECT(l >= 0, "listener"))
		return;
	close(l);	/* the port is now nobody's */
	c = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT(connect(c, (struct sockaddr *)&sin, sizeof(sin)) < 0 && errno == ECONNREFUSED,
	       "blocking: %d", errno);
	close(c);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	EXPECT(connect(c, (struct sockaddr *)&sin, sizeof(sin)) < 0 &&
	       (errno == EINPROGRESS || errno == ECONNREFUSED), "nonblocking: %d", errno);
	p = (struct pollfd){ .fd = c, .events = POLLOUT };
	EXPECT(poll(&p, 1, 10000) == 1 && (p.revents & POLLERR), "POLLERR: %#x", p.revents);
	EXPECT(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &elen) == 0 && err == ECONNREFUSED,
	       "SO_ERROR %d", err);
	close(c);
}

/* backlog 1 takes two connections (Linux's "more than backlog" rule); a third waits. */
static void accept_queue_holds_backlog_plus_one(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 1), c[3], i, a;
	struct pollfd p;

	if (!EXPECT(l >= 0, "listener"))
		return;
	for (i = 0; i < 3; i++) {
		c[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(c[i], (struct sockaddr *)&sin, sizeof(sin));
		p = (struct pollfd){ .fd = c[i], .events = POLLOUT };
		if (i < 2)
			EXPECT(poll(&p, 1, 10000) == 1 && p.revents == POLLOUT,
			       "connection %d established: %#x", i, p.revents);
	}
	/* The third SYN was dropped: the queue is full. */
	p = (struct pollfd){ .fd = c[2], .events = POLLOUT };
	EXPECT(poll(&p, 1, 300) == 0, "third not connected while the queue is full: %#x", p.revents);
	p = (struct pollfd){ .fd = l, .events = POLLIN };
	EXPECT(poll(&p, 1, 0) == 1 && (p.revents & POLLIN), "listener readable");
	a = accept(l, NULL, NULL);
	EXPECT(a >= 0, "accept");
	close(a);
	/* Room again: the retransmitted SYN gets in. */
	p = (struct pollfd){ .fd = c[2], .events = POLLOUT };
	EXPECT(poll(&p, 1, 20000) == 1 && p.revents == POLLOUT, "third connects: %#x", p.revents);
	for (i = 0; i < 2; i++) {
		a = accept(l, NULL, NULL);
		EXPECT(a >= 0, "accept %d", i);
		close(a);
	}
	fcntl(l, F_SETFL, O_NONBLOCK);
	EXPECT(accept(l, NULL, NULL) < 0 && errno == EAGAIN, "empty queue: EAGAIN (%d)", errno);
	for (i = 0; i < 3; i++)
		close(c[i]);
	close(l);
}

static void shutdown_sends_fin_and_keeps_the_other_way(void)
{
	int c, a;
	char buf[16];
	struct pollfd p;

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	EXPECT(write(c, "last", 4) == 4, "write");
	EXPECT(shutdown(c, SHUT_WR) == 0, "SHUT_WR");
	EXPECT(read_full(a, buf, 4) == 4 && read(a, buf, sizeof(buf)) == 0, "data then EOF");
	p = (struct pollfd){ .fd = a, .events = POLLIN | POLLRDHUP };
	EXPECT(poll(&p, 1, 0) == 1 && (p.revents & (POLLIN | POLLRDHUP)) == (POLLIN | POLLRDHUP),
	       "POLLRDHUP: %#x", p.revents);
	EXPECT(write(a, "back", 4) == 4, "the other way still open");
	EXPECT(read_full(c, buf, 4) == 4 && !memcmp(buf, "back", 4), "read after SHUT_WR");
	EXPECT(send(c, "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE, "write after SHUT_WR: %d", errno);
	EXPECT(shutdown(a, SHUT_RDWR) == 0, "SHUT_RDWR");
	EXPECT(read(c, buf, sizeof(buf)) == 0, "EOF at the connecter");
	p = (struct pollfd){ .fd = c, .events = POLLIN };
	EXPECT(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "both shut: POLLHUP %#x", p.revents);
	EXPECT(shutdown(c, 7) < 0 && errno == EINVAL, "bad how: EINVAL");
	close(c);
	close(a);
	c = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT(shutdown(c, SHUT_RDWR) < 0 && errno == ENOTCONN, "unconnected: ENOTCONN %d", errno);
	close(c);
}

static void shut_rd_reads_eof(void)
{
	int c, a;
	char buf[8];

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	EXPECT(shutdown(a, SHUT_RD) == 0, "SHUT_RD");
	EXPECT(read(a, buf, sizeof(buf)) == 0, "read returns 0 at once");
	close(c);
	close(a);
}

static void peek_waitall_dontwait(void)
{
	int c, a, n;
	char buf[32] = { 0 };
	pid_t pid;

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	EXPECT(recv(a, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN, "nothing: EAGAIN");
	EXPECT(write(c, "abcdef", 6) == 6, "write");
	EXPECT(recv(a, buf, 3, MSG_PEEK | MSG_WAITALL) >= 1 && buf[0] == 'a', "peek");
	n = recv(a, buf, sizeof(buf), MSG_PEEK);
	EXPECT(n >= 1 && !memcmp(buf, "abcdef", n), "peek again sees the same: %d", n);
	EXPECT(ioctl(a, SIOCINQ, &n) == 0 && n == 6, "SIOCINQ %d", n);
	EXPECT(recv(a, buf, 2, 0) == 2 && !memcmp(buf, "ab", 2), "read 2");
	EXPECT(recv(a, buf, sizeof(buf), 0) == 4 && !memcmp(buf, "cdef", 4), "the rest");
	pid = fork();
	if (pid == 0) {
		for (n = 0; n < 4; n++)
			if (write(c, "12345", 5) != 5)
				_exit(1);
		_exit(0);
	}
	memset(buf, 0, sizeof(buf));
	n = recv(a, buf, 20, MSG_WAITALL);
	EXPECT(n == 20 && !memcmp(buf, "12345123451234512345", 20), "WAITALL: %d", n);
	waitpid(pid, NULL, 0);
	close(c);
	close(a);
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	sigpipes++;
}

static void epipe_and_sigpipe_after_reset(void)
{
	struct sigaction sa = { .sa_handler = on_sigpipe }, old;
	int c, a, r, i;
	char buf[8];

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	sigaction(SIGPIPE, &sa, &old);
	sigpipes = 0;
	EXPECT(write(c, "unread", 6) == 6, "write");
	/* Wait until it is in a's receive queue, then close a with it unread: RST. */
	for (i = 0; i < 1000 && (ioctl(a, SIOCINQ, &r) || r != 6); i++)
		usleep(1000);
	close(a);
	EXPECT(recv(c, buf, sizeof(buf), 0) < 0 && errno == ECONNRESET, "ECONNRESET: %d", errno);
	r = send(c, "x", 1, MSG_NOSIGNAL);
	EXPECT(r < 0 && errno == EPIPE && sigpipes == 0, "MSG_NOSIGNAL: EPIPE, no signal");
	r = write(c, "x", 1);
	EXPECT(r < 0 && errno == EPIPE && sigpipes == 1, "write: EPIPE and SIGPIPE (%d)", sigpipes);
	sigaction(SIGPIPE, &old, NULL);
	close(c);
}

static void poll_and_epoll_readiness(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 2), c, a, ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1 }, out;
	struct pollfd p;
	char buf[8];

	if (!EXPECT(l >= 0 && ep >= 0, "listener, epoll"))
		return;
	p = (struct pollfd){ .fd = l, .events = POLLIN };
	EXPECT(poll(&p, 1, 0) == 0, "no connection yet");
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev) == 0, "epoll add");
	c = connect_to(&sin);
	EXPECT(epoll_wait(ep, &out, 1, 10000) == 1 && out.data.u32 == 1 && (out.events & EPOLLIN),
	       "epoll: a pending connection");
	a = accept(l, NULL, NULL);
	if (!EXPECT(a >= 0 && c >= 0, "connected"))
		goto out;
	p = (struct pollfd){ .fd = a, .events = POLLIN | POLLOUT };
	EXPECT(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "writable, not readable: %#x", p.revents);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u32 = 2 };
	EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev) == 0, "epoll add accepted");
	EXPECT(write(c, "ping", 4) == 4, "write");
	EXPECT(epoll_wait(ep, &out, 1, 10000) == 1 && out.data.u32 == 2, "epoll: data");
	p = (struct pollfd){ .fd = a, .events = POLLIN };
	EXPECT(poll(&p, 1, 0) == 1 && p.revents == POLLIN, "readable: %#x", p.revents);
	EXPECT(read(a, buf, sizeof(buf)) == 4, "read");
	close(c);
	EXPECT(epoll_wait(ep, &out, 1, 10000) == 1 && out.data.u32 == 2, "epoll: the FIN");
	p = (struct pollfd){ .fd = a, .events = POLLIN };
	EXPECT(poll(&p, 1, 0) == 1 && (p.revents & POLLIN), "FIN is readable: %#x", p.revents);
	c = socket(AF_INET, SOCK_STREAM, 0);
	p = (struct pollfd){ .fd = c, .events = POLLIN | POLLOUT };
	EXPECT(poll(&p, 1, 0) == 1 && p.revents == (POLLOUT | POLLHUP),
	       "unconnected: POLLOUT|POLLHUP %#x", p.revents);
	close(c);
out:
	close(a);
	close(l);
	close(ep);
}

static void rcvtimeo_times_out_with_eagain(void)
{
	struct timeval tv = { 0, 50000 }, got;
	socklen_t len = sizeof(got);
	int c, a;
	char buf[4];

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	EXPECT(setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO");
	EXPECT(getsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 && got.tv_sec == 0 &&
	       got.tv_usec >= 40000 && got.tv_usec <= 60000, "read back %ld", (long)got.tv_usec);
	EXPECT(read(a, buf, sizeof(buf)) < 0 && errno == EAGAIN, "EAGAIN: %d", errno);
	close(c);
	close(a);
}

static void options_read_back(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), v, one = 1;
	socklen_t len = sizeof(v);

	EXPECT(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_STREAM, "SO_TYPE");
	len = sizeof(v);
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &len) == 0 && v == IPPROTO_TCP,
	       "SO_PROTOCOL");
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0, "TCP_NODELAY");
	len = sizeof(v);
	EXPECT(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &len) == 0 && v == 1, "nodelay %d", v);
	v = 1000;
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)) == 0, "TCP_MAXSEG");
	len = sizeof(v);
	EXPECT(getsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &v, &len) == 0 && v == 1000, "maxseg %d", v);
	v = 10;
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof(v)) < 0 && errno == EINVAL,
	       "too small a segment: EINVAL");
	v = 30;
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)) == 0, "TCP_KEEPIDLE");
	len = sizeof(v);
	EXPECT(getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len) == 0 && v == 30, "keepidle %d", v);
	v = 0;
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)) < 0 && errno == EINVAL,
	       "keepidle 0: EINVAL");
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_CORK, &one, sizeof(one)) == 0, "TCP_CORK");
	len = sizeof(v);
	EXPECT(getsockopt(fd, IPPROTO_TCP, TCP_CORK, &v, &len) == 0 && v == 1, "cork %d", v);
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)) == 0, "SO_KEEPALIVE");
	len = sizeof(v);
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, &len) == 0 && v == 1, "keepalive");
	v = 4096;
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) == 0, "SO_SNDBUF");
	len = sizeof(v);
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 && v == 8192, "doubled: %d", v);
	len = sizeof(v);
	EXPECT(getsockopt(fd, IPPROTO_TCP, 9999, &v, &len) < 0 && errno == ENOPROTOOPT,
	       "unknown: ENOPROTOOPT");
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, 2) < 0 && errno == EINVAL,
	       "short optlen: EINVAL");
	close(fd);
}

static void fork_shares_a_connection(void)
{
	int c, a, st;
	char buf[16] = { 0 };
	pid_t pid;

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	pid = fork();
	if (pid == 0) {
		char b[4];

		_exit(read_full(a, b, 4) == 4 && !memcmp(b, "from", 4) &&
		      write(a, "child", 5) == 5 ? 0 : 1);
	}
	close(a);	/* the child's copy keeps the connection open */
	EXPECT(write(c, "from", 4) == 4, "write");
	EXPECT(read_full(c, buf, 5) == 5 && !memcmp(buf, "child", 5), "child answered: %s", buf);
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st), "child %#x", st);
	EXPECT(read(c, buf, sizeof(buf)) == 0, "the child's exit closed the last copy: EOF");
	close(c);
}

static void bad_pointers_fault(void)
{
	struct sockaddr_in sin = lo_addr(1);
	int c, a, fd = socket(AF_INET, SOCK_STREAM, 0);
	socklen_t len = sizeof(sin);
	char buf[4];

	EXPECT(connect(fd, BAD_PTR, sizeof(sin)) < 0 && errno == EFAULT, "connect: %d", errno);
	EXPECT(bind(fd, BAD_PTR, sizeof(sin)) < 0 && errno == EFAULT, "bind: %d", errno);
	EXPECT(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, BAD_PTR, 4) < 0 && errno == EFAULT,
	       "setsockopt: %d", errno);
	EXPECT(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, buf, BAD_PTR) < 0 && errno == EFAULT,
	       "getsockopt: %d", errno);
	EXPECT(getsockname(fd, BAD_PTR, &len) < 0 && errno == EFAULT, "getsockname: %d", errno);
	EXPECT(ioctl(fd, SIOCINQ, BAD_PTR) < 0 && errno == EFAULT, "ioctl: %d", errno);
	close(fd);
	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	EXPECT(write(c, BAD_PTR, 4) < 0 && errno == EFAULT, "write: %d", errno);
	EXPECT(write(c, "good", 4) == 4, "write");
	EXPECT(read(a, BAD_PTR, 4) < 0 && errno == EFAULT, "read: %d", errno);
	EXPECT(read_full(a, buf, 4) == 4 && !memcmp(buf, "good", 4), "data still there");
	EXPECT(accept(c, BAD_PTR, BAD_PTR) < 0 && errno == EINVAL, "accept on a connection: EINVAL");
	close(c);
	close(a);
}

static void bind_errors(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 1), fd = socket(AF_INET, SOCK_STREAM, 0), fd2;
	struct sockaddr_in far = lo_addr(0);

	if (!EXPECT(l >= 0, "listener"))
		return;
	EXPECT(bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 && errno == EADDRINUSE,
	       "port in use: %d", errno);
	far.sin_addr.s_addr = inet_addr("192.0.2.1");
	EXPECT(bind(fd, (struct sockaddr *)&far, sizeof(far)) < 0 && errno == EADDRNOTAVAIL,
	       "not our address: %d", errno);
	EXPECT(bind(fd, (struct sockaddr *)&sin, 4) < 0 && errno == EINVAL, "short: %d", errno);
	EXPECT(listen(fd, 1) == 0, "listen autobinds");
	fd2 = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT(listen(fd2, 1) == 0 && connect(fd2, (struct sockaddr *)&sin, sizeof(sin)) < 0 &&
	       errno == EISCONN, "connect on a listener: %d", errno);
	close(fd2);
	close(fd);
	close(l);
}

/*
 * The side that closes first keeps the connection in TIME_WAIT (60 s, as
 * Linux): its port is not free for a bind without SO_REUSEADDR, and is
 * with it. /proc/net/tcp shows the state as 06.
 */
static void time_wait_holds_the_port_unless_reuseaddr(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 1), c, a, fd, one = 1, fdp;
	char buf[4], want[48];
	static char proc[1 << 16];
	ssize_t n;

	if (!EXPECT(l >= 0, "listener"))
		return;
	c = connect_to(&sin);
	a = accept(l, NULL, NULL);
	close(l);
	if (!EXPECT(c >= 0 && a >= 0, "connected"))
		return;
	close(a);				/* the server closes first */
	EXPECT(read(c, buf, sizeof(buf)) == 0, "the client sees the FIN");
	close(c);				/* its FIN puts the server side in TIME_WAIT */
	fdp = open("/proc/net/tcp", O_RDONLY);
	n = fdp >= 0 ? read_full(fdp, proc, sizeof(proc) - 1) : -1;
	proc[n > 0 ? n : 0] = 0;
	close(fdp);
	snprintf(want, sizeof(want), ": 0100007F:%04X 0100007F:", ntohs(sin.sin_port));
	EXPECT(strstr(proc, want) && strstr(strstr(proc, want), " 06 "), "TIME_WAIT line for %s", want);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	EXPECT(bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 && errno == EADDRINUSE,
	       "without SO_REUSEADDR: EADDRINUSE (%d)", errno);
	close(fd);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	EXPECT(bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0 && listen(fd, 1) == 0,
	       "with SO_REUSEADDR: bound and listening (%d)", errno);
	close(fd);
}

/* Each call's error in the wrong state or with a bad address, as Linux. */
static void calls_in_the_wrong_state(void)
{
	struct sockaddr_in sin, six = lo_addr(1);
	int l = listener(&sin, 1), fd = socket(AF_INET, SOCK_STREAM, 0), c, a, n;
	char buf[4];

	if (!EXPECT(l >= 0 && fd >= 0, "sockets"))
		return;
	EXPECT(connect(fd, (struct sockaddr *)&sin, 8) < 0 && errno == EINVAL, "short: %d", errno);
	six.sin_family = AF_INET6;
	EXPECT(connect(fd, (struct sockaddr *)&six, sizeof(six)) < 0 && errno == EAFNOSUPPORT,
	       "AF_INET6: %d", errno);
	EXPECT(send(fd, "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE, "send unconnected: %d", errno);
	EXPECT(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == ENOTCONN,
	       "recv unconnected: %d", errno);
	EXPECT(recv(l, buf, sizeof(buf), 0) < 0 && errno == ENOTCONN, "recv on a listener: %d", errno);
	EXPECT(ioctl(l, SIOCINQ, &n) < 0 && errno == EINVAL, "SIOCINQ on a listener: %d", errno);
	EXPECT(accept(fd, NULL, NULL) < 0 && errno == EINVAL, "accept unlistened: %d", errno);
	EXPECT(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP) < 0 && errno == EPROTONOSUPPORT,
	       "stream with UDP: %d", errno);
	close(fd);
	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		goto out;
	EXPECT(listen(c, 1) < 0 && errno == EINVAL, "listen on a connection: %d", errno);
	EXPECT(bind(c, (struct sockaddr *)&sin, sizeof(sin)) < 0 && errno == EINVAL,
	       "bind a connection: %d", errno);
	EXPECT(recv(c, buf, 1, MSG_OOB) < 0 && errno == EINVAL, "MSG_OOB with none: %d", errno);
	close(c);
	close(a);
out:
	close(l);
}

static void outq_counts_unacknowledged(void)
{
	int c, a, n = -1;

	if (!EXPECT(tcp_pair(&c, &a) == 0, "pair"))
		return;
	EXPECT(ioctl(c, SIOCOUTQ, &n) == 0 && n == 0, "nothing queued: %d", n);
	EXPECT(write(c, "abc", 3) == 3, "write");
	EXPECT(ioctl(a, SIOCINQ, &n) == 0, "SIOCINQ");
	close(c);
	close(a);
}

/* /proc/net/tcp lists a listener in Linux's format: 127.0.0.1 as 0100007F, state 0A. */
static void proc_net_tcp_lists_the_listener(void)
{
	struct sockaddr_in sin;
	int l = listener(&sin, 3), fd = open("/proc/net/tcp", O_RDONLY);
	static char buf[1 << 16];
	char want[64];
	ssize_t n;

	if (!EXPECT(l >= 0 && fd >= 0, "listener, /proc/net/tcp"))
		return;
	n = read_full(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	EXPECT(!strncmp(buf, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when", 66),
	       "header: %.60s", buf);
	snprintf(want, sizeof(want), ": 0100007F:%04X 00000000:0000 0A ", ntohs(sin.sin_port));
	EXPECT(strstr(buf, want), "listener line %s", want);
	close(fd);
	close(l);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(echo_over_loopback),
	KTAP_CASE(many_connections_at_once),
	KTAP_CASE(large_transfer_is_intact),
	KTAP_CASE(full_window_blocks_the_writer),
	KTAP_CASE(nonblocking_connect_then_so_error),
	KTAP_CASE(connect_to_closed_port_is_refused),
	KTAP_CASE(accept_queue_holds_backlog_plus_one),
	KTAP_CASE(shutdown_sends_fin_and_keeps_the_other_way),
	KTAP_CASE(shut_rd_reads_eof),
	KTAP_CASE(peek_waitall_dontwait),
	KTAP_CASE(epipe_and_sigpipe_after_reset),
	KTAP_CASE(poll_and_epoll_readiness),
	KTAP_CASE(rcvtimeo_times_out_with_eagain),
	KTAP_CASE(options_read_back),
	KTAP_CASE(fork_shares_a_connection),
	KTAP_CASE(bad_pointers_fault),
	KTAP_CASE(bind_errors),
	KTAP_CASE(time_wait_holds_the_port_unless_reuseaddr),
	KTAP_CASE(calls_in_the_wrong_state),
	KTAP_CASE(outq_counts_unacknowledged),
	KTAP_CASE(proc_net_tcp_lists_the_listener),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
