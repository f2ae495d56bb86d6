// SPDX-License-Identifier: MIT
/*
 * AF_UNIX sockets against Linux's behaviour: socketpair of each type,
 * stream bytes and datagram boundaries (MSG_TRUNC, MSG_PEEK,
 * MSG_WAITALL), names in the file system (a socket inode, EADDRINUSE)
 * and abstract ones, autobind, listen/connect/accept with a backlog,
 * the send buffer that stops a writer, the datagram queue limit, EPIPE
 * with SIGPIPE, ECONNRESET, shutdown, poll's events, SO_PEERCRED and
 * SCM_RIGHTS, and the error of every call made in the wrong state.
 *
 * Peers that must run at once are a forked child; nothing sleeps to
 * synchronise and nothing is timed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "ktap.h"

#define SOCK_PATH	"/tmp/reflex_af_unix.sock"

static int pair(int type, int sv[2])
{
	return socketpair(AF_UNIX, type, 0, sv);
}

static socklen_t abstract_addr(struct sockaddr_un *sun, const char *name)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static socklen_t path_addr(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, path);
	return sizeof(*sun);
}

static void close2(int sv[2])
{
	close(sv[0]);
	close(sv[1]);
}

static void socket_rejects_bad_arguments(void)
{
	int sv[2];

	EXPECT(socket(AF_UNIX, SOCK_STREAM, 2) < 0 && errno == EPROTONOSUPPORT, "protocol 2: %d", errno);
	sv[0] = socket(AF_UNIX, SOCK_STREAM, PF_UNIX);
	EXPECT(sv[0] >= 0, "protocol PF_UNIX is AF_UNIX's own: %d", errno);
	close(sv[0]);
	EXPECT(socket(AF_UNIX, 6, 0) < 0 && errno == ESOCKTNOSUPPORT, "type 6: %d", errno);
	EXPECT(socket(AF_UNIX, 11, 0) < 0 && errno == EINVAL, "type 11: %d", errno);
	EXPECT(socket(AF_UNIX, SOCK_STREAM | 0x100, 0) < 0 && errno == EINVAL, "flag 0x100: %d", errno);
	EXPECT(socket(200, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT, "family 200: %d", errno);
	EXPECT(socketpair(AF_INET, SOCK_DGRAM, 0, sv) < 0 && errno == EOPNOTSUPP,
	       "socketpair(AF_INET): %d", errno);
	EXPECT(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (int *)8) < 0 && errno == EFAULT,
	       "socketpair into a bad pointer: %d", errno);
}

static void socketpair_stream_carries_bytes_both_ways(void)
{
	char buf[16] = { 0 };
	struct stat st;
	int sv[2];

	if (!EXPECT(pair(SOCK_STREAM | SOCK_CLOEXEC, sv) == 0, "socketpair: %d", errno))
		return;
	EXPECT(fcntl(sv[0], F_GETFD) == FD_CLOEXEC, "SOCK_CLOEXEC set FD_CLOEXEC");
	EXPECT(fstat(sv[0], &st) == 0 && S_ISSOCK(st.st_mode), "fstat: a socket");
	EXPECT(write(sv[0], "hello", 5) == 5, "write");
	EXPECT(write(sv[0], "world", 5) == 5, "write");
	EXPECT(read(sv[1], buf, sizeof(buf)) == 10 && !memcmp(buf, "helloworld", 10),
	       "the stream joins the writes: %.10s", buf);
	EXPECT(send(sv[1], "back", 4, 0) == 4, "send back");
	EXPECT(recv(sv[0], buf, sizeof(buf), 0) == 4 && !memcmp(buf, "back", 4), "recv");
	EXPECT(recv(sv[0], buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN,
	       "empty: EAGAIN with MSG_DONTWAIT (%d)", errno);
	close2(sv);
}

static void dgram_keeps_boundaries_and_truncates(void)
{
	char buf[8];
	struct iovec iov = { buf, 3 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	int sv[2];

	if (!EXPECT(pair(SOCK_DGRAM, sv) == 0, "socketpair: %d", errno))
		return;
	EXPECT(send(sv[0], "abcdef", 6, 0) == 6, "send 6");
	EXPECT(send(sv[0], "xy", 2, 0) == 2, "send 2");
	EXPECT(send(sv[0], "", 0, 0) == 0, "an empty datagram");
	EXPECT(send(sv[0], "12345", 5, 0) == 5, "send 5");
	EXPECT(recvmsg(sv[1], &mh, 0) == 3 && (mh.msg_flags & MSG_TRUNC) && !memcmp(buf, "abc", 3),
	       "a short buffer takes the start and says MSG_TRUNC (flags %#x)", mh.msg_flags);
	EXPECT(recv(sv[1], buf, sizeof(buf), 0) == 2 && !memcmp(buf, "xy", 2),
	       "the rest of the first was dropped; the next one whole");
	EXPECT(recv(sv[1], buf, sizeof(buf), 0) == 0, "the empty datagram");
	EXPECT(recv(sv[1], buf, 1, MSG_TRUNC) == 5, "MSG_TRUNC returns the real length");
	close2(sv);
}

static void peek_leaves_data_in_place(void)
{
	char buf[16] = { 0 };
	int sv[2], dv[2];

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0 && pair(SOCK_DGRAM, dv) == 0, "socketpairs"))
		return;
	EXPECT(write(sv[0], "abc", 3) == 3 && write(sv[0], "def", 3) == 3, "two writes");
	EXPECT(recv(sv[1], buf, sizeof(buf), MSG_PEEK) == 6 && !memcmp(buf, "abcdef", 6),
	       "a stream peek sees across writes: %.6s", buf);
	EXPECT(recv(sv[1], buf, 4, 0) == 4 && !memcmp(buf, "abcd", 4), "then a read gets them");
	EXPECT(recv(sv[1], buf, sizeof(buf), MSG_PEEK) == 2 && !memcmp(buf, "ef", 2),
	       "a peek after a partial read starts where it stopped");
	EXPECT(recv(sv[1], buf, sizeof(buf), 0) == 2, "the rest");
	EXPECT(send(dv[0], "one", 3, 0) == 3, "send");
	EXPECT(recv(dv[1], buf, sizeof(buf), MSG_PEEK) == 3 &&
	       recv(dv[1], buf, sizeof(buf), 0) == 3 &&
	       recv(dv[1], buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN,
	       "a datagram peeked is received once");
	close2(sv);
	close2(dv);
}

static void waitall_gathers_several_writes(void)
{
	char buf[12] = { 0 };
	int sv[2], st;
	pid_t pid;

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			if (write(sv[0], "wxyz", 4) != 4)
				_exit(1);
		_exit(0);
	}
	EXPECT(recv(sv[1], buf, 12, MSG_WAITALL) == 12 && !memcmp(buf, "wxyzwxyzwxyz", 12),
	       "MSG_WAITALL returns the whole 12 bytes");
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st), "writer");
	close2(sv);
}

static int sigpipes;

static void on_sigpipe(int sig)
{
	sigpipes++;
}

static void write_to_closed_peer_is_epipe_and_sigpipe(void)
{
	struct sigaction sa = { .sa_handler = on_sigpipe }, old;
	char c;
	int sv[2];

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	sigaction(SIGPIPE, &sa, &old);
	sigpipes = 0;
	close(sv[1]);
	EXPECT(write(sv[0], "x", 1) < 0 && errno == EPIPE, "write: EPIPE (%d)", errno);
	EXPECT(sigpipes == 1, "one SIGPIPE: %d", sigpipes);
	EXPECT(send(sv[0], "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE, "send: EPIPE");
	EXPECT(sigpipes == 1, "MSG_NOSIGNAL: no SIGPIPE: %d", sigpipes);
	EXPECT(read(sv[0], &c, 1) == 0, "read: end of file");
	sigaction(SIGPIPE, &old, NULL);
	close(sv[0]);
}

static void close_with_unread_data_resets_the_peer(void)
{
	char c;
	int sv[2];

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	EXPECT(write(sv[0], "unread", 6) == 6, "write");
	close(sv[1]);
	EXPECT(read(sv[0], &c, 1) < 0 && errno == ECONNRESET, "read: ECONNRESET (%d)", errno);
	EXPECT(read(sv[0], &c, 1) == 0, "then end of file");
	close(sv[0]);
}

static void full_send_buffer_stops_the_writer(void)
{
	int sv[2], size = 4096, total = 0, n, st;
	char buf[1024];
	struct pollfd pfd;
	pid_t pid;

	memset(buf, 'q', sizeof(buf));
	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	EXPECT(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size)) == 0, "SO_SNDBUF");
	while ((n = send(sv[0], buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		total += n;
	EXPECT(n < 0 && errno == EAGAIN, "a full buffer: EAGAIN (%d)", errno);
	EXPECT(total > 0 && total < 64 * 1024, "the buffer took %d bytes", total);
	pfd = (struct pollfd){ .fd = sv[0], .events = POLLOUT };
	EXPECT(poll(&pfd, 1, 0) == 0, "not writable while full: %#x", pfd.revents);
	for (n = 0; n < total; )
		n += read(sv[1], buf, sizeof(buf));
	EXPECT(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLOUT), "writable once read");
	/* A blocking write of much more than fits completes as the reader drains it. */
	pid = fork();
	if (pid == 0) {
		static char big[256 * 1024];

		_exit(write(sv[0], big, sizeof(big)) == sizeof(big) ? 0 : 1);
	}
	for (total = 0; total < 256 * 1024 && (n = read(sv[1], buf, sizeof(buf))) > 0; )
		total += n;
	EXPECT(total == 256 * 1024, "the reader got %d bytes", total);
	EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st),
	       "the blocked writer finished whole");
	close2(sv);
}

/*
 * hackbench's shape: several writer processes share one end of a pair
 * whose send buffer is the smallest, so each blocks again and again
 * until the reader drains it; every message arrives whole.
 */
static void many_blocked_writers_all_finish(void)
{
	enum { WRITERS = 6, MSGS = 200, SIZE = 100 };
	int sv[2], size = 1, i, st, ok = 1;
	char buf[SIZE * 4];
	long total = 0, n;

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	for (i = 0; i < WRITERS; i++) {
		if (fork() == 0) {
			char msg[SIZE];

			memset(msg, 'a' + i, sizeof(msg));
			for (int m = 0; m < MSGS; m++)
				if (write(sv[0], msg, sizeof(msg)) != sizeof(msg))
					_exit(1);
			_exit(0);
		}
	}
	close(sv[0]);
	while (total < (long)WRITERS * MSGS * SIZE && (n = read(sv[1], buf, sizeof(buf))) > 0)
		total += n;
	for (i = 0; i < WRITERS; i++)
		ok &= wait(&st) > 0 && WIFEXITED(st) && !WEXITSTATUS(st);
	EXPECT(total == (long)WRITERS * MSGS * SIZE, "the reader got %ld bytes", total);
	EXPECT(ok, "every writer finished");
	EXPECT(read(sv[1], buf, 1) == 0, "end of file once they are gone");
	close(sv[1]);
}

static void bind_path_makes_a_socket_file(void)
{
	struct sockaddr_un sun, got;
	socklen_t len = path_addr(&sun, SOCK_PATH), glen = sizeof(got);
	int a = socket(AF_UNIX, SOCK_STREAM, 0), b = socket(AF_UNIX, SOCK_STREAM, 0), d;
	struct stat st;

	unlink(SOCK_PATH);
	EXPECT(bind(a, (struct sockaddr *)&sun, len) == 0, "bind: %d", errno);
	EXPECT(stat(SOCK_PATH, &st) == 0 && S_ISSOCK(st.st_mode), "the name is a socket inode");
	EXPECT(bind(b, (struct sockaddr *)&sun, len) < 0 && errno == EADDRINUSE,
	       "the same name again: EADDRINUSE (%d)", errno);
	EXPECT(bind(a, (struct sockaddr *)&sun, len) < 0 && errno == EADDRINUSE,
	       "a bound socket, its own name again: the name exists first (%d)", errno);
	path_addr(&got, SOCK_PATH "2");
	unlink(SOCK_PATH "2");
	EXPECT(bind(a, (struct sockaddr *)&got, len) < 0 && errno == EINVAL,
	       "a bound socket, a new name: EINVAL (%d)", errno);
	EXPECT(access(SOCK_PATH "2", F_OK) < 0, "and the new name is not left behind");
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	EXPECT(connect(d, (struct sockaddr *)&sun, len) < 0 && errno == EPROTOTYPE,
	       "a datagram socket to a stream socket's path: EPROTOTYPE (%d)", errno);
	close(d);
	EXPECT(getsockname(a, (struct sockaddr *)&got, &glen) == 0 &&
	       glen == offsetof(struct sockaddr_un, sun_path) + strlen(SOCK_PATH) + 1 &&
	       !strcmp(got.sun_path, SOCK_PATH), "getsockname: %u %s", glen, got.sun_path);
	close(a);
	EXPECT(stat(SOCK_PATH, &st) == 0, "the file outlives the socket");
	EXPECT(connect(b, (struct sockaddr *)&sun, len) < 0 && errno == ECONNREFUSED,
	       "nobody bound there: ECONNREFUSED (%d)", errno);
	EXPECT(unlink(SOCK_PATH) == 0, "unlink");
	EXPECT(connect(b, (struct sockaddr *)&sun, len) < 0 && errno == ENOENT,
	       "no such name: ENOENT (%d)", errno);
	close(open(SOCK_PATH, O_CREAT | O_WRONLY, 0600));
	EXPECT(connect(b, (struct sockaddr *)&sun, len) < 0 && errno == ECONNREFUSED,
	       "a regular file: ECONNREFUSED (%d)", errno);
	unlink(SOCK_PATH);
	sun.sun_family = AF_INET;
	EXPECT(bind(b, (struct sockaddr *)&sun, len) < 0 && errno == EINVAL, "family: EINVAL");
	EXPECT(bind(b, (struct sockaddr *)&sun, sizeof(sun) + 1) < 0 && errno == EINVAL,
	       "too long: EINVAL");
	close(b);
}

static void abstract_names_and_autobind(void)
{
	struct sockaddr_un sun, got;
	socklen_t len = abstract_addr(&sun, "reflex-abstract"), glen = sizeof(got);
	sa_family_t fam = AF_UNIX;
	int a = socket(AF_UNIX, SOCK_DGRAM, 0), b = socket(AF_UNIX, SOCK_DGRAM, 0);

	EXPECT(bind(a, (struct sockaddr *)&sun, len) == 0, "bind abstract: %d", errno);
	EXPECT(getsockname(a, (struct sockaddr *)&got, &glen) == 0 && glen == len &&
	       !memcmp(&got, &sun, len), "getsockname returns the name and its length");
	EXPECT(bind(b, (struct sockaddr *)&sun, len) < 0 && errno == EADDRINUSE, "EADDRINUSE");
	glen = sizeof(got);
	EXPECT(getsockname(b, (struct sockaddr *)&got, &glen) == 0 &&
	       glen == sizeof(sa_family_t), "unbound: just the family (%u)", glen);
	EXPECT(bind(b, (struct sockaddr *)&fam, sizeof(fam)) == 0, "autobind: %d", errno);
	glen = sizeof(got);
	EXPECT(getsockname(b, (struct sockaddr *)&got, &glen) == 0 &&
	       glen == offsetof(struct sockaddr_un, sun_path) + 6 && got.sun_path[0] == 0 &&
	       strspn(got.sun_path + 1, "0123456789abcdef") == 5,
	       "autobind: an abstract name of five hex digits (len %u)", glen);
	close(a);
	EXPECT(bind(b, (struct sockaddr *)&sun, len) < 0 && errno == EINVAL, "bound: EINVAL");
	close(b);
	b = socket(AF_UNIX, SOCK_DGRAM, 0);
	EXPECT(bind(b, (struct sockaddr *)&sun, len) == 0, "a closed socket's name is free");
	close(b);
}

static void listen_connect_accept(void)
{
	struct sockaddr_un sun, peer;
	socklen_t len = abstract_addr(&sun, "reflex-listen"), plen = sizeof(peer);
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0), a;
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	char buf[8];

	EXPECT(listen(l, 5) < 0 && errno == EINVAL, "listen unbound: EINVAL (%d)", errno);
	EXPECT(bind(l, (struct sockaddr *)&sun, len) == 0 && listen(l, 5) == 0, "bind, listen");
	EXPECT(connect(c, (struct sockaddr *)&sun, len) == 0, "connect: %d", errno);
	EXPECT(connect(c, (struct sockaddr *)&sun, len) < 0 && errno == EISCONN, "EISCONN");
	EXPECT(write(c, "ping", 4) == 4, "a connected socket writes before accept");
	a = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!EXPECT(a >= 0, "accept4: %d", errno))
		goto out;
	EXPECT(plen == sizeof(sa_family_t), "the peer is unbound: address length %u", plen);
	EXPECT((fcntl(a, F_GETFL) & O_NONBLOCK) && fcntl(a, F_GETFD) == FD_CLOEXEC,
	       "accept4's flags");
	EXPECT(read(a, buf, sizeof(buf)) == 4 && !memcmp(buf, "ping", 4), "data before accept");
	EXPECT(getsockopt(a, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 &&
	       cred.pid == (pid_t)getpid() && cred.uid == getuid(), "SO_PEERCRED: %d", cred.pid);
	plen = sizeof(peer);
	EXPECT(getpeername(c, (struct sockaddr *)&peer, &plen) == 0 && plen == len &&
	       !memcmp(&peer, &sun, len), "the connector's peer is the listener's name");
	close(a);
out:
	close(c);
	close(l);
}

static void listener_errors(void)
{
	struct sockaddr_un sun;
	socklen_t len = abstract_addr(&sun, "reflex-errors");
	int l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	char buf[4];

	EXPECT(accept(l, NULL, NULL) < 0 && errno == EINVAL, "accept unlistening: EINVAL (%d)", errno);
	EXPECT(accept4(l, NULL, NULL, 0x100) < 0 && errno == EINVAL, "accept4 bad flags: EINVAL");
	EXPECT(accept(d, NULL, NULL) < 0 && errno == EOPNOTSUPP, "accept dgram: EOPNOTSUPP");
	EXPECT(listen(d, 1) < 0 && errno == EOPNOTSUPP, "listen dgram: EOPNOTSUPP (%d)", errno);
	EXPECT(bind(l, (struct sockaddr *)&sun, len) == 0 && listen(l, 1) == 0, "listen");
	EXPECT(accept(l, NULL, NULL) < 0 && errno == EAGAIN, "nonblocking, none: EAGAIN (%d)", errno);
	EXPECT(recv(c, buf, 1, 0) < 0 && errno == EINVAL, "recv unconnected: EINVAL (%d)", errno);
	EXPECT(send(c, "x", 1, 0) < 0 && errno == ENOTCONN, "send unconnected: ENOTCONN (%d)", errno);
	EXPECT(getpeername(c, (struct sockaddr *)&sun, &len) < 0 && errno == ENOTCONN,
	       "getpeername: ENOTCONN");
	len = abstract_addr(&sun, "reflex-errors");
	EXPECT(connect(d, (struct sockaddr *)&sun, len) < 0 && errno == ECONNREFUSED,
	       "abstract names are per type: a datagram socket finds none (%d)", errno);
	EXPECT(bind(d, (struct sockaddr *)&sun, len) == 0,
	       "and may bind the stream listener's abstract name (%d)", errno);
	EXPECT(connect(c, (struct sockaddr *)&sun, len) == 0, "connect");
	EXPECT(sendto(c, "x", 1, 0, (struct sockaddr *)&sun, len) < 0 && errno == EISCONN,
	       "sendto with an address on a stream: EISCONN (%d)", errno);
	close(l);
	EXPECT(recv(c, buf, 1, 0) < 0 && errno == ECONNRESET,
	       "the listener closed before accept: ECONNRESET (%d)", errno);
	close(c);
	close(d);
}

static void backlog_limits_pending_connections(void)
{
	struct sockaddr_un sun;
	socklen_t len = abstract_addr(&sun, "reflex-backlog");
	int l = socket(AF_UNIX, SOCK_STREAM, 0), c[3], ok = 0, i;

	EXPECT(bind(l, (struct sockaddr *)&sun, len) == 0 && listen(l, 1) == 0, "listen 1");
	for (i = 0; i < 3; i++) {
		c[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (connect(c[i], (struct sockaddr *)&sun, len) == 0)
			ok++;
	}
	EXPECT(ok == 2, "backlog 1 holds two pending connections: %d", ok);
	EXPECT(errno == EAGAIN, "the third: EAGAIN (%d)", errno);
	i = accept(l, NULL, NULL);
	EXPECT(i >= 0, "accept");
	EXPECT(connect(c[2], (struct sockaddr *)&sun, len) == 0, "room again: %d", errno);
	close(i);
	for (i = 0; i < 3; i++)
		close(c[i]);
	close(l);
}

static void dgram_names_and_errors(void)
{
	struct sockaddr_un sun, from;
	socklen_t len = abstract_addr(&sun, "reflex-dgram"), flen = sizeof(from);
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	sa_family_t fam = AF_UNIX;
	char buf[8];

	EXPECT(bind(r, (struct sockaddr *)&sun, len) == 0, "bind");
	EXPECT(send(s, "x", 1, 0) < 0 && errno == ENOTCONN, "no address: ENOTCONN (%d)", errno);
	EXPECT(sendto(s, "anon", 4, 0, (struct sockaddr *)&sun, len) == 4, "sendto");
	EXPECT(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen) == 4 &&
	       flen == 0, "from an unbound sender: no address (%u)", flen);
	EXPECT(bind(s, (struct sockaddr *)&fam, sizeof(fam)) == 0, "autobind the sender");
	flen = sizeof(from);
	EXPECT(sendto(s, "named", 5, 0, (struct sockaddr *)&sun, len) == 5 &&
	       recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen) == 5 &&
	       flen == offsetof(struct sockaddr_un, sun_path) + 6 && from.sun_path[0] == 0,
	       "from a bound sender: its name (%u)", flen);
	abstract_addr(&from, "reflex-nobody");
	EXPECT(sendto(s, "x", 1, 0, (struct sockaddr *)&from, len) < 0 && errno == ECONNREFUSED,
	       "to nobody: ECONNREFUSED (%d)", errno);
	EXPECT(connect(s, (struct sockaddr *)&sun, len) == 0 && send(s, "c", 1, 0) == 1 &&
	       recv(r, buf, sizeof(buf), 0) == 1, "connected: send without an address");
	close(r);
	EXPECT(send(s, "x", 1, 0) < 0 && errno == ECONNREFUSED,
	       "the peer closed: ECONNREFUSED (%d)", errno);
	EXPECT(send(s, "x", 1, 0) < 0 && errno == ENOTCONN, "then not connected (%d)", errno);
	close(s);
}

static int max_dgram_qlen(void)
{
	char buf[16] = { 0 };
	int fd = open("/proc/sys/net/unix/max_dgram_qlen", O_RDONLY);

	if (fd < 0)
		return 10;	/* Linux's default */
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = 0;
	close(fd);
	return atoi(buf) > 0 ? atoi(buf) : 10;
}

static void dgram_receiver_queue_limits_senders(void)
{
	struct sockaddr_un sun;
	socklen_t len = abstract_addr(&sun, "reflex-qlen");
	int r = socket(AF_UNIX, SOCK_DGRAM, 0), s = socket(AF_UNIX, SOCK_DGRAM, 0), n = 0;
	struct pollfd pfd = { .fd = s, .events = POLLOUT };
	char c;

	EXPECT(bind(r, (struct sockaddr *)&sun, len) == 0 && connect(s, (struct sockaddr *)&sun, len) == 0,
	       "bind, connect");
	while (send(s, "d", 1, MSG_DONTWAIT) == 1 && n < 10000)
		n++;
	EXPECT(errno == EAGAIN, "a full queue: EAGAIN (%d)", errno);
	EXPECT(n == max_dgram_qlen() + 1, "the queue took %d (max_dgram_qlen %d, plus one)", n,
	       max_dgram_qlen());
	EXPECT(poll(&pfd, 1, 0) == 0, "not writable while the peer's queue is full");
	EXPECT(recv(r, &c, 1, 0) == 1, "the reader takes one");
	EXPECT(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLOUT), "writable again");
	EXPECT(send(s, "d", 1, MSG_DONTWAIT) == 1, "room for one");
	close(r);
	close(s);
}

static void seqpacket_keeps_records_and_ends(void)
{
	char buf[8];
	int sv[2];

	if (!EXPECT(pair(SOCK_SEQPACKET, sv) == 0, "socketpair: %d", errno))
		return;
	EXPECT(write(sv[0], "rec1", 4) == 4 && write(sv[0], "r2", 2) == 2, "two records");
	EXPECT(read(sv[1], buf, sizeof(buf)) == 4 && read(sv[1], buf, sizeof(buf)) == 2,
	       "read one record at a time");
	close(sv[0]);
	EXPECT(read(sv[1], buf, sizeof(buf)) == 0, "end of file once the peer closed");
	EXPECT(send(sv[1], "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE, "send: EPIPE (%d)", errno);
	close(sv[1]);
	sv[0] = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	EXPECT(send(sv[0], "x", 1, 0) < 0 && errno == ENOTCONN, "unconnected: ENOTCONN (%d)", errno);
	close(sv[0]);
}

static void shutdown_ends_one_direction(void)
{
	struct pollfd pfd;
	char c;
	int sv[2];

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	EXPECT(shutdown(sv[0], 3) < 0 && errno == EINVAL, "how 3: EINVAL");
	EXPECT(shutdown(sv[0], SHUT_WR) == 0, "SHUT_WR");
	EXPECT(send(sv[0], "x", 1, MSG_NOSIGNAL) < 0 && errno == EPIPE, "own write: EPIPE");
	EXPECT(read(sv[1], &c, 1) == 0, "the peer reads end of file");
	pfd = (struct pollfd){ .fd = sv[1], .events = POLLIN | POLLOUT | POLLRDHUP };
	EXPECT(poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLIN | POLLRDHUP)) == (POLLIN | POLLRDHUP) &&
	       !(pfd.revents & POLLHUP), "the peer: POLLIN|POLLRDHUP, no POLLHUP (%#x)", pfd.revents);
	EXPECT(write(sv[1], "y", 1) == 1 && read(sv[0], &c, 1) == 1 && c == 'y',
	       "the other direction still works");
	close2(sv);
}

static void poll_reports_readiness_and_hangup(void)
{
	struct pollfd pfd;
	int sv[2], fresh = socket(AF_UNIX, SOCK_STREAM, 0);

	pfd = (struct pollfd){ .fd = fresh, .events = POLLIN | POLLOUT };
	EXPECT(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP), "unconnected stream: POLLHUP (%#x)",
	       pfd.revents);
	close(fresh);
	if (!EXPECT(pair(SOCK_STREAM, sv) == 0, "socketpair"))
		return;
	pfd = (struct pollfd){ .fd = sv[1], .events = POLLIN | POLLOUT };
	EXPECT(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLOUT, "idle: POLLOUT (%#x)", pfd.revents);
	EXPECT(write(sv[0], "z", 1) == 1, "write");
	EXPECT(poll(&pfd, 1, 0) == 1 && pfd.revents == (POLLIN | POLLOUT), "POLLIN (%#x)",
	       pfd.revents);
	close(sv[0]);
	pfd.events = POLLIN | POLLRDHUP;
	EXPECT(poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLIN | POLLHUP | POLLRDHUP)) ==
	       (POLLIN | POLLHUP | POLLRDHUP), "peer gone: POLLIN|POLLHUP|POLLRDHUP (%#x)",
	       pfd.revents);
	close(sv[1]);
}

static void fionread_counts_queued_bytes(void)
{
	int sv[2], dv[2], n = -1;

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0 && pair(SOCK_DGRAM, dv) == 0, "socketpairs"))
		return;
	EXPECT(write(sv[0], "abc", 3) == 3 && write(sv[0], "de", 2) == 2, "writes");
	EXPECT(ioctl(sv[1], FIONREAD, &n) == 0 && n == 5, "stream: every byte (%d)", n);
	EXPECT(send(dv[0], "abc", 3, 0) == 3 && send(dv[0], "de", 2, 0) == 2, "sends");
	EXPECT(ioctl(dv[1], FIONREAD, &n) == 0 && n == 3, "dgram: the next datagram (%d)", n);
	close2(sv);
	close2(dv);
}

static void scm_rights_passes_descriptors(void)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(2 * sizeof(int))];
	} ctl;
	struct iovec iov = { "F", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = &ctl,
			     .msg_controllen = CMSG_SPACE(sizeof(int)) };
	struct cmsghdr *cm = &ctl.h;
	int sv[2], p[2], got = -1;
	char c = 0, rb;

	if (!EXPECT(pair(SOCK_STREAM, sv) == 0 && pipe(p) == 0, "socketpair, pipe"))
		return;
	memset(&ctl, 0, sizeof(ctl));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &p[1], sizeof(int));
	EXPECT(sendmsg(sv[0], &mh, 0) == 1, "sendmsg with SCM_RIGHTS: %d", errno);
	close(p[1]);
	memset(&ctl, 0, sizeof(ctl));
	iov.iov_base = &c;
	mh.msg_controllen = sizeof(ctl);
	EXPECT(recvmsg(sv[1], &mh, MSG_CMSG_CLOEXEC) == 1 && c == 'F', "recvmsg");
	cm = CMSG_FIRSTHDR(&mh);
	if (EXPECT(cm && cm->cmsg_type == SCM_RIGHTS && cm->cmsg_len == CMSG_LEN(sizeof(int)),
		   "one SCM_RIGHTS message (controllen %zu)", (size_t)mh.msg_controllen)) {
		memcpy(&got, CMSG_DATA(cm), sizeof(int));
		EXPECT(fcntl(got, F_GETFD) == FD_CLOEXEC, "MSG_CMSG_CLOEXEC");
		EXPECT(write(got, "!", 1) == 1 && read(p[0], &rb, 1) == 1 && rb == '!',
		       "the received descriptor is the pipe's write end");
		close(got);
	}
	/* No room for the descriptor: MSG_CTRUNC, and the file is not leaked into us. */
	cm = &ctl.h;
	memset(&ctl, 0, sizeof(ctl));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &p[0], sizeof(int));
	iov.iov_base = "G";
	mh.msg_control = &ctl;
	mh.msg_controllen = CMSG_SPACE(sizeof(int));
	EXPECT(sendmsg(sv[0], &mh, 0) == 1, "sendmsg");
	iov.iov_base = &c;
	mh.msg_control = NULL;
	mh.msg_controllen = 0;
	mh.msg_flags = 0;
	EXPECT(recvmsg(sv[1], &mh, 0) == 1 && (mh.msg_flags & MSG_CTRUNC),
	       "no control buffer: MSG_CTRUNC (%#x)", mh.msg_flags);
	cm = &ctl.h;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	cm->cmsg_type = 77;
	mh.msg_control = &ctl;
	mh.msg_controllen = CMSG_SPACE(sizeof(int));
	EXPECT(sendmsg(sv[0], &mh, 0) < 0 && errno == EINVAL, "unknown type: EINVAL (%d)", errno);
	cm->cmsg_type = SCM_RIGHTS;
	got = 999;
	memcpy(CMSG_DATA(cm), &got, sizeof(int));
	EXPECT(sendmsg(sv[0], &mh, 0) < 0 && errno == EBADF, "a bad descriptor: EBADF (%d)", errno);
	close(p[0]);
	close2(sv);
}

static void iovecs_scatter_and_gather(void)
{
	char a[3], b[5];
	struct iovec out[2] = { { "abc", 3 }, { "defgh", 5 } }, in[2] = { { a, 3 }, { b, 5 } };
	struct msghdr mh = { .msg_iov = out, .msg_iovlen = 2 };
	int sv[2];

	if (!EXPECT(pair(SOCK_DGRAM, sv) == 0, "socketpair"))
		return;
	EXPECT(sendmsg(sv[0], &mh, 0) == 8, "sendmsg gathers");
	mh.msg_iov = in;
	EXPECT(recvmsg(sv[1], &mh, 0) == 8 && !memcmp(a, "abc", 3) && !memcmp(b, "defgh", 5),
	       "recvmsg scatters");
	mh.msg_iov = (struct iovec *)8;
	EXPECT(sendmsg(sv[0], &mh, 0) < 0 && errno == EFAULT, "a bad vector: EFAULT");
	mh.msg_iov = out;
	mh.msg_iovlen = 1025;
	EXPECT(sendmsg(sv[0], &mh, 0) < 0 && errno == EMSGSIZE, "1025 segments: EMSGSIZE (%d)",
	       errno);
	close2(sv);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(socket_rejects_bad_arguments),
	KTAP_CASE(socketpair_stream_carries_bytes_both_ways),
	KTAP_CASE(dgram_keeps_boundaries_and_truncates),
	KTAP_CASE(peek_leaves_data_in_place),
	KTAP_CASE(waitall_gathers_several_writes),
	KTAP_CASE(write_to_closed_peer_is_epipe_and_sigpipe),
	KTAP_CASE(close_with_unread_data_resets_the_peer),
	KTAP_CASE(full_send_buffer_stops_the_writer),
	KTAP_CASE(many_blocked_writers_all_finish),
	KTAP_CASE(bind_path_makes_a_socket_file),
	KTAP_CASE(abstract_names_and_autobind),
	KTAP_CASE(listen_connect_accept),
	KTAP_CASE(listener_errors),
	KTAP_CASE(backlog_limits_pending_connections),
	KTAP_CASE(dgram_names_and_errors),
	KTAP_CASE(dgram_receiver_queue_limits_senders),
	KTAP_CASE(seqpacket_keeps_records_and_ends),
	KTAP_CASE(shutdown_ends_one_direction),
	KTAP_CASE(poll_reports_readiness_and_hangup),
	KTAP_CASE(fionread_counts_queued_bytes),
	KTAP_CASE(scm_rights_passes_descriptors),
	KTAP_CASE(iovecs_scatter_and_gather),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
