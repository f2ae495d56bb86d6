// SPDX-License-Identifier: MIT
/*
 * ICMP from user space, as on Linux: a raw ICMP socket (SOCK_RAW) sends
 * the echo request it built and receives, IP header first, a copy of
 * every ICMP packet the host takes in - its own request looped back
 * over lo and the kernel's reply with the same id, sequence and data;
 * IP_HDRINCL and IPPROTO_RAW send the user's IP header with the length,
 * ID and checksum filled in; ICMP_FILTER drops types; without
 * CAP_NET_RAW socket() is EPERM. A ping socket (SOCK_DGRAM,
 * IPPROTO_ICMP) needs its group in net.ipv4.ping_group_range ("1 0",
 * nobody, by default: EACCES), sends a request whose id the kernel sets
 * to the bound identifier and whose checksum it computes, and receives
 * the reply without the IP header. Every error path Linux has on the
 * way. The same binary passes on Linux as root.
 *
 * "ping ADDR SEQ" is a one-shot pinger instead (the net scenario's
 * /bin/rawping): one echo request with id 0x7e57 and sequence SEQ from a
 * raw socket, then the reply's source, id, sequence and TTL printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "ktap.h"

#ifndef ICMP_FILTER
#define ICMP_FILTER	1
#endif

#define RANGE_FILE	"/proc/sys/net/ipv4/ping_group_range"

static struct sockaddr_in lo_addr(void)
{
	return (struct sockaddr_in){ .sin_family = AF_INET,
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
}

static unsigned short csum(const void *data, int len)
{
	const unsigned char *p = data;
	unsigned int sum = 0;

	for (; len > 1; len -= 2, p += 2)
		sum += p[0] << 8 | p[1];
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

struct echo {
	struct icmphdr h;
	char data[24];
};

static struct echo make_echo(unsigned short id, unsigned short seq)
{
	struct echo e = { .h.type = ICMP_ECHO };

	e.h.un.echo.id = htons(id);
	e.h.un.echo.sequence = htons(seq);
	snprintf(e.data, sizeof(e.data), "ping %u/%u", id, seq);
	e.h.checksum = csum(&e, sizeof(e));
	return e;
}

/* A hang guard only: a lost reply fails the case instead of blocking test-init. */
static void recv_guard(int fd)
{
	struct timeval tv = { .tv_sec = 10 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static int raw_icmp(void)
{
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	if (fd >= 0)
		recv_guard(fd);
	return fd;
}

/*
 * Reads until an ICMP message of @type with @id and @seq arrives (the
 * host may carry other ICMP); its total length, the packet in @buf.
 */
static int raw_wait_for(int fd, int type, unsigned short id, unsigned short seq, char *buf,
			int size, struct sockaddr_in *from, socklen_t *flen)
{
	for (int i = 0; i < 64; i++) {
		int n = recvfrom(fd, buf, size, 0, (struct sockaddr *)from, flen);
		struct iphdr *iph = (struct iphdr *)buf;
		struct icmphdr *ic;

		if (n < 0)
			return -1;
		if (n < (int)sizeof(*iph) || n < iph->ihl * 4 + (int)sizeof(*ic))
			continue;
		ic = (struct icmphdr *)(buf + iph->ihl * 4);
		if (ic->type == type && ntohs(ic->un.echo.id) == id &&
		    ntohs(ic->un.echo.sequence) == seq)
			return n;
	}
	return -1;
}

static void raw_echo_request_and_reply_over_lo(void)
{
	struct sockaddr_in to = lo_addr(), from;
	socklen_t flen = sizeof(from);
	unsigned short id = getpid() & 0xffff, seq = 7;
	struct echo e = make_echo(id, seq);
	char buf[256];
	struct iphdr *iph = (struct iphdr *)buf;
	struct echo *r = (struct echo *)(buf + sizeof(*iph));
	int fd = raw_icmp(), n;

	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == sizeof(e),
	       "sendto: %d", errno);
	/* Its own request comes back through lo: a raw socket sees every ICMP packet. */
	n = raw_wait_for(fd, ICMP_ECHO, id, seq, buf, sizeof(buf), &from, &flen);
	EXPECT(n == (int)(sizeof(*iph) + sizeof(e)), "the request's copy: %d (%d)", n, errno);
	if (n > 0)
		EXPECT(!memcmp(r, &e, sizeof(e)), "the request as sent");
	flen = sizeof(from);
	n = raw_wait_for(fd, ICMP_ECHOREPLY, id, seq, buf, sizeof(buf), &from, &flen);
	if (!EXPECT(n == (int)(sizeof(*iph) + sizeof(e)), "the reply: %d (%d)", n, errno))
		goto out;
	EXPECT(iph->version == 4 && iph->ihl == 5 && iph->protocol == IPPROTO_ICMP &&
	       ntohs(iph->tot_len) == n && iph->ttl == 64, "the IP header: v%u ihl %u proto %u len %u ttl %u",
	       iph->version, iph->ihl, iph->protocol, ntohs(iph->tot_len), iph->ttl);
	EXPECT(iph->saddr == htonl(INADDR_LOOPBACK) && iph->daddr == htonl(INADDR_LOOPBACK),
	       "127.0.0.1 to 127.0.0.1");
	EXPECT(csum(iph, sizeof(*iph)) == 0, "the IP header's checksum");
	EXPECT(csum(r, sizeof(*r)) == 0, "the ICMP checksum");
	EXPECT(r->h.code == 0 && !memcmp(r->data, e.data, sizeof(e.data)), "the data echoed");
	EXPECT(flen == sizeof(from) && from.sin_family == AF_INET && from.sin_port == 0 &&
	       from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "recvfrom's address: len %u port %u",
	       flen, ntohs(from.sin_port));
out:
	close(fd);
}

static void raw_getsockname_port_is_the_protocol(void)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int fd = raw_icmp();

	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	EXPECT(getsockname(fd, (struct sockaddr *)&sin, &len) == 0 && len == sizeof(sin) &&
	       sin.sin_family == AF_INET && ntohs(sin.sin_port) == IPPROTO_ICMP &&
	       sin.sin_addr.s_addr == 0, "port %u addr %x", ntohs(sin.sin_port), sin.sin_addr.s_addr);
	EXPECT(getpeername(fd, (struct sockaddr *)&sin, &len) == -1 && errno == ENOTCONN,
	       "getpeername unconnected: %d", errno);
	close(fd);
}

/* Larger than any IPv4 datagram, and readable: the length is what is refused. */
static char big[70000];

static void raw_socket_errors(void)
{
	struct sockaddr_in to = lo_addr(), from;
	socklen_t flen = sizeof(from);
	struct echo e = make_echo(getpid() & 0xffff, 9);
	char buf[64];
	int fd = raw_icmp(), n;

	EXPECT(socket(AF_INET, SOCK_RAW, 0) == -1 && errno == EPROTONOSUPPORT,
	       "protocol 0: %d", errno);
	EXPECT(socket(AF_INET, SOCK_RAW, 263) == -1 && errno == EINVAL, "protocol 263: %d", errno);
	EXPECT(socket(AF_INET, SOCK_RAW, -1) == -1 && errno == EINVAL, "protocol -1: %d", errno);
	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	EXPECT(send(fd, &e, sizeof(e), 0) == -1 && errno == EDESTADDRREQ, "no address: %d", errno);
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to) - 1) == -1 &&
	       errno == EINVAL, "short address: %d", errno);
	to.sin_family = AF_UNIX;
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EAFNOSUPPORT, "AF_UNIX address: %d", errno);
	to.sin_family = AF_INET;
	EXPECT(sendto(fd, (void *)8, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EFAULT, "bad buffer: %d", errno);
	errno = 0;
	n = sendto(fd, big, 70000, 0, (struct sockaddr *)&to, sizeof(to));
	EXPECT(n == -1 && errno == EMSGSIZE, "70000 bytes: %d, %d", n, errno);
	EXPECT(sendto(fd, &e, sizeof(e), MSG_OOB, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EOPNOTSUPP, "MSG_OOB: %d", errno);
	EXPECT(recv(fd, buf, sizeof(buf), MSG_OOB) == -1 && errno == EOPNOTSUPP,
	       "recv MSG_OOB: %d", errno);
	EXPECT(recv(fd, buf, sizeof(buf), MSG_ERRQUEUE) == -1 && errno == EAGAIN,
	       "empty error queue: %d", errno);
	EXPECT(recvfrom(fd, (void *)8, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from,
			&flen) == -1 && (errno == EFAULT || errno == EAGAIN), "bad buffer: %d", errno);
	EXPECT(setsockopt(fd, SOL_RAW, 99, buf, 4) == -1 && errno == ENOPROTOOPT,
	       "unknown SOL_RAW option: %d", errno);
	EXPECT(setsockopt(fd, SOL_RAW, ICMP_FILTER, (void *)8, 4) == -1 && errno == EFAULT,
	       "ICMP_FILTER from a bad pointer: %d", errno);
	to.sin_addr.s_addr = htonl(0x0a0b0c0d);	/* not this host's */
	EXPECT(bind(fd, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EADDRNOTAVAIL,
	       "bind to another host's address: %d", errno);
	EXPECT(bind(fd, (struct sockaddr *)&to, 4) == -1 && errno == EINVAL, "short bind: %d", errno);
	close(fd);
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	if (EXPECT(fd >= 0, "raw UDP socket: %d", errno)) {
		unsigned int f = 0;

		EXPECT(setsockopt(fd, SOL_RAW, ICMP_FILTER, &f, 4) == -1 && errno == EOPNOTSUPP,
		       "ICMP_FILTER on a UDP raw socket: %d", errno);
		close(fd);
	}
}

/* A short message with an unknown protocol, through IP_HDRINCL's fix-ups, to a raw socket of it. */
static void raw_hdrincl_and_ipproto_raw(void)
{
	struct sockaddr_in to = lo_addr(), from;
	socklen_t flen = sizeof(from);
	int tx = socket(AF_INET, SOCK_RAW, IPPROTO_RAW), rx = socket(AF_INET, SOCK_RAW, 253);
	struct {
		struct iphdr iph;
		char data[16];
	} pkt = { .iph = { .version = 4, .ihl = 5, .ttl = 9, .protocol = 253,
			   .daddr = htonl(INADDR_LOOPBACK) } }, got;
	int v = -1, n;
	socklen_t vlen = sizeof(v);

	if (!EXPECT(tx >= 0 && rx >= 0, "sockets: %d", errno))
		return;
	recv_guard(rx);
	EXPECT(getsockopt(tx, IPPROTO_IP, IP_HDRINCL, &v, &vlen) == 0 && v == 1 && vlen == 4,
	       "IPPROTO_RAW has IP_HDRINCL: %d", v);
	snprintf(pkt.data, sizeof(pkt.data), "proto 253 %d", getpid() % 1000);
	EXPECT(sendto(tx, &pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) == sizeof(pkt),
	       "sendto: %d", errno);
	for (int i = 0; i < 16; i++) {
		n = recvfrom(rx, &got, sizeof(got), 0, (struct sockaddr *)&from, &flen);
		if (n != (int)sizeof(got) || !memcmp(got.data, pkt.data, sizeof(pkt.data)))
			break;
	}
	if (!EXPECT(n == (int)sizeof(got), "received %d (%d)", n, errno))
		goto out;
	EXPECT(!memcmp(got.data, pkt.data, sizeof(pkt.data)), "the data");
	EXPECT(ntohs(got.iph.tot_len) == sizeof(got) && got.iph.id != 0 && got.iph.ttl == 9 &&
	       got.iph.saddr == htonl(INADDR_LOOPBACK) && csum(&got.iph, sizeof(got.iph)) == 0,
	       "length %u, id %u, ttl %u, source and checksum filled in", ntohs(got.iph.tot_len),
	       ntohs(got.iph.id), got.iph.ttl);
	/* A header longer than the packet is refused. */
	pkt.iph.ihl = 15;
	EXPECT(sendto(tx, &pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EINVAL, "ihl past the end: %d", errno);
out:
	close(tx);
	close(rx);
}

static void raw_icmp_filter_drops_types(void)
{
	struct sockaddr_in to = lo_addr(), from;
	socklen_t flen = sizeof(from), len = sizeof(unsigned int);
	unsigned short id = getpid() & 0xffff;
	unsigned int filter = 1u << ICMP_ECHO, got = 0;
	struct echo e = make_echo(id, 11);
	char buf[256];
	struct icmphdr *ic = (struct icmphdr *)(buf + 20);
	int fd = raw_icmp(), n, requests = 0, replies = 0;

	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	EXPECT(setsockopt(fd, SOL_RAW, ICMP_FILTER, &filter, sizeof(filter)) == 0, "set: %d", errno);
	EXPECT(getsockopt(fd, SOL_RAW, ICMP_FILTER, &got, &len) == 0 && got == filter &&
	       len == sizeof(got), "get: %#x", got);
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == sizeof(e),
	       "sendto: %d", errno);
	e = make_echo(id, 12);
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == sizeof(e),
	       "sendto: %d", errno);
	/* Both replies arrive; the requests looped back before them do not. */
	while (replies < 2) {
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
		if (n < 0)
			break;
		if (n < 28 || ntohs(ic->un.echo.id) != id)
			continue;
		requests += ic->type == ICMP_ECHO;
		replies += ic->type == ICMP_ECHOREPLY;
	}
	EXPECT(replies == 2 && requests == 0, "%d replies, %d requests", replies, requests);
	close(fd);
}

/* capset() drops CAP_NET_RAW (13) from the effective set in a child. */
static void raw_without_cap_net_raw_is_eperm(void)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		struct { unsigned int version; int pid; } hdr = { 0x20080522, 0 };
		struct { unsigned int eff, perm, inh; } data[2];

		if (syscall(SYS_capget, &hdr, data))
			_exit(2);
		data[0].eff &= ~(1u << 13);
		if (syscall(SYS_capset, &hdr, data))
			_exit(3);
		if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) != -1 || errno != EPERM)
			_exit(4);
		_exit(0);
	}
	EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0, "child: status %#x", status);
}

/* --- ping sockets ----------------------------------------------------------- */

static char saved_range[64];

static int write_range(const char *s)
{
	int fd = open(RANGE_FILE, O_WRONLY), n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (int)strlen(s) ? 0 : -1;
}

static int read_range(char *buf, int size)
{
	int fd = open(RANGE_FILE, O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return n;
}

static void save_range(void)
{
	if (!saved_range[0])
		read_range(saved_range, sizeof(saved_range));
}

static void ping_group_range_says_who_may(void)
{
	char buf[64];
	int fd;

	save_range();
	if (!EXPECT(saved_range[0], "read %s: %d", RANGE_FILE, errno))
		return;
	EXPECT(write_range("1 0\n") == 0 && read_range(buf, sizeof(buf)) > 0 &&
	       !strcmp(buf, "1\t0\n"), "\"1 0\" reads back \"%s\"", buf);
	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	EXPECT(fd == -1 && errno == EACCES, "root's group 0 outside \"1 0\": %d", errno);
	EXPECT(write_range("0 0") == 0, "write \"0 0\": %d", errno);
	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	EXPECT(fd >= 0, "group 0 inside \"0 0\": %d", errno);
	close(fd);
	/* An end below its start is stored as the empty "1 0". */
	EXPECT(write_range("5 3") == 0 && read_range(buf, sizeof(buf)) > 0 &&
	       !strcmp(buf, "1\t0\n"), "\"5 3\" reads back \"%s\"", buf);
	EXPECT(write_range("-1 5") == -1 && errno == EINVAL, "a negative gid: %d", errno);
	EXPECT(write_range("0 4294967295") == -1 && errno == EINVAL, "gid 2^32-1: %d", errno);
	EXPECT(write_range("0 2147483647\n") == 0 && read_range(buf, sizeof(buf)) > 0 &&
	       !strcmp(buf, "0\t2147483647\n"), "every group: \"%s\"", buf);
	write_range(saved_range);
}

static int ping_socket(void)
{
	int fd;

	save_range();
	write_range("0 2147483647");
	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	write_range(saved_range);
	if (fd >= 0)
		recv_guard(fd);
	return fd;
}

static void ping_socket_echo_over_lo(void)
{
	struct sockaddr_in to = lo_addr(), from, me = lo_addr();
	socklen_t flen = sizeof(from), mlen = sizeof(me);
	struct echo e = make_echo(0, 42), r;
	int fd = ping_socket(), n;

	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	e.h.checksum = 0xdead;	/* the kernel computes it */
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == sizeof(e),
	       "sendto: %d", errno);
	EXPECT(getsockname(fd, (struct sockaddr *)&me, &mlen) == 0 && me.sin_port != 0,
	       "bound to an identifier on first use: %u", ntohs(me.sin_port));
	n = recvfrom(fd, &r, sizeof(r), 0, (struct sockaddr *)&from, &flen);
	if (!EXPECT(n == sizeof(r), "recvfrom: %d (%d)", n, errno))
		goto out;
	EXPECT(r.h.type == ICMP_ECHOREPLY && r.h.code == 0, "an echo reply: %u", r.h.type);
	EXPECT(r.h.un.echo.id == me.sin_port, "id %u is the identifier %u",
	       ntohs(r.h.un.echo.id), ntohs(me.sin_port));
	EXPECT(ntohs(r.h.un.echo.sequence) == 42, "sequence %u", ntohs(r.h.un.echo.sequence));
	EXPECT(csum(&r, sizeof(r)) == 0, "its checksum");
	EXPECT(!memcmp(r.data, e.data, sizeof(e.data)), "the data");
	EXPECT(flen == sizeof(from) && from.sin_family == AF_INET && from.sin_port == 0 &&
	       from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "from 127.0.0.1, port %u",
	       ntohs(from.sin_port));
out:
	close(fd);
}

static void ping_socket_bind_and_connect(void)
{
	struct sockaddr_in me = lo_addr(), got;
	socklen_t len = sizeof(got);
	struct echo e = make_echo(0, 5), r;
	int fd = ping_socket();
	unsigned short ident = 40000 + getpid() % 20000;

	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	me.sin_port = htons(ident);
	EXPECT(bind(fd, (struct sockaddr *)&me, sizeof(me)) == 0, "bind: %d", errno);
	EXPECT(bind(fd, (struct sockaddr *)&me, sizeof(me)) == -1 && errno == EINVAL,
	       "a second bind: %d", errno);
	EXPECT(getsockname(fd, (struct sockaddr *)&got, &len) == 0 && ntohs(got.sin_port) == ident &&
	       got.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "getsockname: %u", ntohs(got.sin_port));
	me.sin_port = 0;
	EXPECT(connect(fd, (struct sockaddr *)&me, sizeof(me)) == 0, "connect: %d", errno);
	EXPECT(send(fd, &e, sizeof(e), 0) == sizeof(e), "send: %d", errno);
	EXPECT(recv(fd, &r, sizeof(r), 0) == sizeof(r) && ntohs(r.h.un.echo.id) == ident &&
	       ntohs(r.h.un.echo.sequence) == 5, "the reply to the bound identifier: %u",
	       ntohs(r.h.un.echo.id));
	close(fd);
}

static void ping_socket_errors(void)
{
	struct sockaddr_in to = lo_addr();
	struct echo e = make_echo(0, 1);
	char buf[64];
	int fd = ping_socket(), n;

	if (!EXPECT(fd >= 0, "socket: %d", errno))
		return;
	EXPECT(sendto(fd, &e, 4, 0, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EINVAL,
	       "shorter than the header: %d", errno);
	e.h.type = ICMP_TIMESTAMP;
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EINVAL, "not an echo request: %d", errno);
	e.h.type = ICMP_ECHO;
	e.h.code = 1;
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EINVAL, "code 1: %d", errno);
	e.h.code = 0;
	EXPECT(send(fd, &e, sizeof(e), 0) == -1 && errno == EDESTADDRREQ, "no address: %d", errno);
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to) - 1) == -1 &&
	       errno == EINVAL, "short address: %d", errno);
	to.sin_family = AF_UNIX;
	EXPECT(sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EAFNOSUPPORT, "AF_UNIX address: %d", errno);
	EXPECT(bind(fd, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EAFNOSUPPORT,
	       "bind AF_UNIX: %d", errno);
	to.sin_family = AF_INET;
	EXPECT(sendto(fd, (void *)8, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) == -1 &&
	       errno == EFAULT, "bad buffer: %d", errno);
	errno = 0;
	n = sendto(fd, big, 70000, 0, (struct sockaddr *)&to, sizeof(to));
	EXPECT(n == -1 && errno == EMSGSIZE, "70000 bytes: %d, %d", n, errno);
	EXPECT(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
	       "nothing queued: %d", errno);
	EXPECT(recv(fd, buf, sizeof(buf), MSG_OOB) == -1 && errno == EOPNOTSUPP,
	       "recv MSG_OOB: %d", errno);
	to.sin_addr.s_addr = htonl(0x0a0b0c0d);
	EXPECT(bind(fd, (struct sockaddr *)&to, sizeof(to)) == -1 && errno == EADDRNOTAVAIL,
	       "bind to another host's address: %d", errno);
	EXPECT(bind(fd, (struct sockaddr *)&to, 8) == -1 && errno == EINVAL, "short bind: %d", errno);
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(raw_echo_request_and_reply_over_lo),
	KTAP_CASE(raw_getsockname_port_is_the_protocol),
	KTAP_CASE(raw_socket_errors),
	KTAP_CASE(raw_hdrincl_and_ipproto_raw),
	KTAP_CASE(raw_icmp_filter_drops_types),
	KTAP_CASE(raw_without_cap_net_raw_is_eperm),
	KTAP_CASE(ping_group_range_says_who_may),
	KTAP_CASE(ping_socket_echo_over_lo),
	KTAP_CASE(ping_socket_bind_and_connect),
	KTAP_CASE(ping_socket_errors),
};

static int ping_once(const char *addr, int seq)
{
	struct sockaddr_in to = { .sin_family = AF_INET }, from;
	socklen_t flen = sizeof(from);
	struct echo e = make_echo(0x7e57, seq);
	char buf[256], src[32];
	struct iphdr *iph = (struct iphdr *)buf;
	int fd = raw_icmp(), n;

	if (fd < 0 || !inet_aton(addr, (struct in_addr *)&to.sin_addr)) {
		printf("rawping: socket or address: %s\n", strerror(errno));
		return 1;
	}
	if (sendto(fd, &e, sizeof(e), 0, (struct sockaddr *)&to, sizeof(to)) != sizeof(e)) {
		printf("rawping: sendto: %s\n", strerror(errno));
		return 1;
	}
	n = raw_wait_for(fd, ICMP_ECHOREPLY, 0x7e57, seq, buf, sizeof(buf), &from, &flen);
	if (n < 0) {
		printf("rawping: no reply: %s\n", strerror(errno));
		return 1;
	}
	inet_ntop(AF_INET, &from.sin_addr, src, sizeof(src));
	printf("rawping: reply from %s id %d seq %d ttl %d bytes %d data %s\n", src, 0x7e57, seq,
	       iph->ttl, n, csum(buf + 20, n - 20) == 0 && !memcmp(buf + 28, e.data,
	       sizeof(e.data)) ? "ok" : "bad");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3)
		return ping_once(argv[1], atoi(argv[2]));
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
