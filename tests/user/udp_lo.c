// SPDX-License-Identifier: MIT
/*
 * UDP over the loopback device, as on Linux: a datagram sent to
 * 127.0.0.1 (or 0.0.0.0, which means this host) comes back in through
 * lo to the socket bound to its port, with 127.0.0.1 and the sender's
 * port as its source; connect() sets the default destination, filters
 * what is received and shows in getsockname/getpeername, AF_UNSPEC
 * undoes it; sendmsg/recvmsg with iovecs, sendmmsg/recvmmsg, MSG_PEEK,
 * MSG_TRUNC, poll, SO_RCVTIMEO, shutdown(SHUT_RD) on an unconnected
 * socket, the largest datagram lo carries, and lo in /proc/net/dev.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "ktap.h"

static struct sockaddr_in lo_addr(unsigned short port)
{
	return (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(port),
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
}

/* A UDP socket bound to 127.0.0.1 on a port of the kernel's choosing; its address in *sin. */
static int bound_socket(struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	*sin = lo_addr(0);
	if (fd < 0 || bind(fd, (struct sockaddr *)sin, sizeof(*sin)) < 0 ||
	    getsockname(fd, (struct sockaddr *)sin, &len) < 0)
		return -1;
	return fd;
}

static void sendto_loopback_reaches_the_bound_socket(void)
{
	struct sockaddr_in rx, tx, from;
	socklen_t flen = sizeof(from), tlen = sizeof(tx);
	int r = bound_socket(&rx), s = socket(AF_INET, SOCK_DGRAM, 0);
	char buf[32] = { 0 };

	if (!EXPECT(r >= 0 && s >= 0, "sockets: %d", errno))
		return;
	EXPECT(rx.sin_port != 0 && rx.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	       "bound to 127.0.0.1:%u", ntohs(rx.sin_port));
	EXPECT(sendto(s, "over lo", 7, 0, (struct sockaddr *)&rx, sizeof(rx)) == 7, "sendto: %d", errno);
	EXPECT(getsockname(s, (struct sockaddr *)&tx, &tlen) == 0 && tx.sin_port != 0,
	       "the sender was bound to a port");
	EXPECT(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen) == 7 &&
	       !memcmp(buf, "over lo", 7), "received: %s", buf);
	EXPECT(flen == sizeof(from) && from.sin_family == AF_INET &&
	       from.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && from.sin_port == tx.sin_port,
	       "from 127.0.0.1:%u (sender %u)", ntohs(from.sin_port), ntohs(tx.sin_port));
	rx.sin_addr.s_addr = htonl(INADDR_ANY);
	EXPECT(sendto(s, "to 0", 4, 0, (struct sockaddr *)&rx, sizeof(rx)) == 4 &&
	       recv(r, buf, sizeof(buf), 0) == 4, "0.0.0.0 is this host");
	close(r);
	close(s);
}

static void connect_sets_the_default_destination(void)
{
	struct sockaddr_in rx, self, peer, other_rx;
	socklen_t len = sizeof(self);
	int r = bound_socket(&rx), s = socket(AF_INET, SOCK_DGRAM, 0);
	int stray = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	char buf[16];

	if (!EXPECT(r >= 0 && s >= 0 && stray >= 0, "sockets"))
		return;
	EXPECT(send(s, "x", 1, 0) < 0 && errno == EDESTADDRREQ, "unconnected: EDESTADDRREQ (%d)",
	       errno);
	EXPECT(getpeername(s, (struct sockaddr *)&peer, &len) < 0 && errno == ENOTCONN,
	       "getpeername: ENOTCONN");
	EXPECT(connect(s, (struct sockaddr *)&rx, sizeof(rx)) == 0, "connect: %d", errno);
	len = sizeof(self);
	EXPECT(getsockname(s, (struct sockaddr *)&self, &len) == 0 &&
	       self.sin_addr.s_addr == htonl(INADDR_LOOPBACK) && self.sin_port,
	       "connect bound it to the route's source, 127.0.0.1");
	len = sizeof(peer);
	EXPECT(getpeername(s, (struct sockaddr *)&peer, &len) == 0 && peer.sin_port == rx.sin_port,
	       "getpeername: the destination");
	EXPECT(send(s, "hi", 2, 0) == 2 && recv(r, buf, sizeof(buf), 0) == 2, "send without address");
	/* The connected socket takes datagrams from its peer only. */
	EXPECT(connect(r, (struct sockaddr *)&self, sizeof(self)) == 0, "connect back");
	other_rx = rx;
	EXPECT(sendto(stray, "no", 2, 0, (struct sockaddr *)&other_rx, sizeof(other_rx)) == 2,
	       "a stranger sends");
	EXPECT(send(s, "yes", 3, 0) == 3, "the peer sends");
	EXPECT(recv(r, buf, sizeof(buf), 0) == 3 && !memcmp(buf, "yes", 3),
	       "only the peer's datagram arrives");
	EXPECT(recv(r, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN, "nothing else");
	EXPECT(connect(s, &unspec, sizeof(unspec)) == 0, "AF_UNSPEC dissolves it");
	len = sizeof(peer);
	EXPECT(getpeername(s, (struct sockaddr *)&peer, &len) < 0 && errno == ENOTCONN,
	       "then ENOTCONN");
	close(r);
	close(s);
	close(stray);
}

static void sendmsg_recvmsg_peek_trunc(void)
{
	struct sockaddr_in rx, from;
	int r = bound_socket(&rx), s = socket(AF_INET, SOCK_DGRAM, 0);
	char a[4], b[8], buf[16];
	struct iovec out[2] = { { "head", 4 }, { "tailpart", 8 } }, in[2] = { { a, 4 }, { b, 8 } };
	struct msghdr mh = { .msg_name = &rx, .msg_namelen = sizeof(rx), .msg_iov = out,
			     .msg_iovlen = 2 };

	if (!EXPECT(r >= 0 && s >= 0, "sockets"))
		return;
	EXPECT(sendmsg(s, &mh, 0) == 12, "sendmsg gathers: %d", errno);
	mh = (struct msghdr){ .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = in,
			      .msg_iovlen = 2 };
	EXPECT(recv(r, buf, 4, MSG_PEEK) == 4, "peek");
	EXPECT(recvmsg(r, &mh, 0) == 12 && !memcmp(a, "head", 4) && !memcmp(b, "tailpart", 8) &&
	       mh.msg_namelen == sizeof(from) && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
	       "recvmsg scatters, with the source");
	EXPECT(sendto(s, "0123456789", 10, 0, (struct sockaddr *)&rx, sizeof(rx)) == 10, "sendto");
	in[0].iov_len = 4;
	mh = (struct msghdr){ .msg_iov = in, .msg_iovlen = 1 };
	EXPECT(recvmsg(r, &mh, MSG_TRUNC) == 10 && (mh.msg_flags & MSG_TRUNC),
	       "truncated: MSG_TRUNC, and the full length with the flag");
	EXPECT(sendto(s, "", 0, 0, (struct sockaddr *)&rx, sizeof(rx)) == 0 &&
	       recv(r, buf, sizeof(buf), 0) == 0, "an empty datagram");
	close(r);
	close(s);
}

static void mmsg_moves_several(void)
{
	struct sockaddr_in rx;
	int r = bound_socket(&rx), s = socket(AF_INET, SOCK_DGRAM, 0), i;
	struct iovec out[3] = { { "a", 1 }, { "bb", 2 }, { "ccc", 3 } };
	char bufs[3][8];
	struct iovec in[3] = { { bufs[0], 8 }, { bufs[1], 8 }, { bufs[2], 8 } };
	struct mmsghdr m[3];

	if (!EXPECT(r >= 0 && s >= 0 && connect(s, (struct sockaddr *)&rx, sizeof(rx)) == 0, "setup"))
		return;
	memset(m, 0, sizeof(m));
	for (i = 0; i < 3; i++) {
		m[i].msg_hdr.msg_iov = &out[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	EXPECT(sendmmsg(s, m, 3, 0) == 3, "sendmmsg: 3 (%d)", errno);
	memset(m, 0, sizeof(m));
	for (i = 0; i < 3; i++) {
		m[i].msg_hdr.msg_iov = &in[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	EXPECT(recvmmsg(r, m, 3, MSG_DONTWAIT, NULL) == 3 && m[0].msg_len == 1 &&
	       m[1].msg_len == 2 && m[2].msg_len == 3, "recvmmsg: three, their lengths");
	EXPECT(recvmmsg(r, m, 3, MSG_DONTWAIT, NULL) < 0 && errno == EAGAIN, "then none: EAGAIN");
	close(r);
	close(s);
}

static void poll_timeout_and_shutdown(void)
{
	struct sockaddr_in rx;
	int r = bound_socket(&rx), s = socket(AF_INET, SOCK_DGRAM, 0);
	struct pollfd pfd = { .fd = r, .events = POLLIN | POLLOUT };
	struct timeval tv = { 0, 20000 };
	char c;

	if (!EXPECT(r >= 0 && s >= 0, "sockets"))
		return;
	EXPECT(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLOUT, "idle: POLLOUT (%#x)", pfd.revents);
	EXPECT(sendto(s, "p", 1, 0, (struct sockaddr *)&rx, sizeof(rx)) == 1, "sendto");
	EXPECT(poll(&pfd, 1, -1) == 1 && (pfd.revents & POLLIN), "POLLIN (%#x)", pfd.revents);
	EXPECT(recv(r, &c, 1, 0) == 1, "recv");
	EXPECT(setsockopt(r, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "SO_RCVTIMEO");
	EXPECT(recv(r, &c, 1, 0) < 0 && errno == EAGAIN, "the wait ends: EAGAIN (%d)", errno);
	EXPECT(shutdown(r, SHUT_RD) < 0 && errno == ENOTCONN,
	       "unconnected: ENOTCONN, but shut down all the same (%d)", errno);
	EXPECT(recv(r, &c, 1, 0) == 0, "a shut-down reader gets 0 at once");
	EXPECT(shutdown(r, 7) < 0 && errno == EINVAL, "how 7: EINVAL");
	close(r);
	close(s);
}

static void sizes_and_errors(void)
{
	static char big[65508];
	struct sockaddr_in rx, bad;
	int r = bound_socket(&rx), s = socket(AF_INET, SOCK_DGRAM, 0), n = 0;
	int size = 256 * 1024;

	if (!EXPECT(r >= 0 && s >= 0, "sockets"))
		return;
	setsockopt(r, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	EXPECT(sendto(s, big, 60000, 0, (struct sockaddr *)&rx, sizeof(rx)) == 60000,
	       "60000 bytes fit lo's MTU: %d", errno);
	EXPECT((n = recv(r, big, sizeof(big), 0)) == 60000, "and arrive whole: %d", n);
	EXPECT(sendto(s, big, 65508, 0, (struct sockaddr *)&rx, sizeof(rx)) < 0 && errno == EMSGSIZE,
	       "65508: EMSGSIZE (%d)", errno);
	EXPECT(sendto(s, "x", 1, 0, (struct sockaddr *)&rx, 8) < 0 && errno == EINVAL,
	       "a short address: EINVAL");
	bad = rx;
	bad.sin_family = AF_UNIX;
	EXPECT(sendto(s, "x", 1, 0, (struct sockaddr *)&bad, sizeof(bad)) < 0 &&
	       errno == EAFNOSUPPORT, "another family: EAFNOSUPPORT (%d)", errno);
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	bad = lo_addr(0);
	bad.sin_addr.s_addr = htonl(0x7f000002);
	EXPECT(bind(s, (struct sockaddr *)&bad, sizeof(bad)) == 0, "127.0.0.2 is this host's too");
	EXPECT(bind(r, (struct sockaddr *)&rx, sizeof(rx)) < 0 && errno == EINVAL, "bound: EINVAL");
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	EXPECT(bind(s, (struct sockaddr *)&rx, sizeof(rx)) < 0 && errno == EADDRINUSE,
	       "the same port: EADDRINUSE (%d)", errno);
	close(r);
	close(s);
}

static void proc_net_dev_lists_lo(void)
{
	char buf[4096];
	int fd = open("/proc/net/dev", O_RDONLY), n;
	const char *lo;
	unsigned long rxb = 0, rxp = 0;

	if (!EXPECT(fd >= 0, "open /proc/net/dev"))
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	lo = strstr(buf, "lo:");
	if (EXPECT(lo != NULL, "a line for lo")) {
		EXPECT(sscanf(lo + 3, "%lu %lu", &rxb, &rxp) == 2 && rxp > 0 && rxb > 0,
		       "lo has received packets: %lu bytes, %lu packets", rxb, rxp);
	}
}

/* What busybox's ifconfig asks of lo. */
static void interface_ioctls_describe_lo(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0), n, found = 0;
	struct ifreq ifr, list[16];
	struct ifconf ifc = { .ifc_len = sizeof(list), .ifc_req = list };
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	EXPECT(ioctl(fd, SIOCGIFINDEX, &ifr) == 0 && ifr.ifr_ifindex == 1, "lo is ifindex 1 (%d)",
	       ifr.ifr_ifindex);
	EXPECT(ioctl(fd, SIOCGIFFLAGS, &ifr) == 0 &&
	       (ifr.ifr_flags & (IFF_UP | IFF_LOOPBACK | IFF_RUNNING)) ==
	       (IFF_UP | IFF_LOOPBACK | IFF_RUNNING) && !(ifr.ifr_flags & IFF_BROADCAST),
	       "flags UP LOOPBACK RUNNING (%#x)", ifr.ifr_flags);
	EXPECT(ioctl(fd, SIOCGIFADDR, &ifr) == 0 && sin->sin_family == AF_INET &&
	       sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK), "address 127.0.0.1");
	EXPECT(ioctl(fd, SIOCGIFNETMASK, &ifr) == 0 && sin->sin_addr.s_addr == htonl(0xff000000),
	       "netmask 255.0.0.0");
	EXPECT(ioctl(fd, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu == 65536, "MTU %d", ifr.ifr_mtu);
	ifr.ifr_ifindex = 1;
	EXPECT(ioctl(fd, SIOCGIFNAME, &ifr) == 0 && !strcmp(ifr.ifr_name, "lo"), "ifindex 1 is lo");
	strcpy(ifr.ifr_name, "nosuch0");
	EXPECT(ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 && errno == ENODEV, "no such device: ENODEV");
	EXPECT(ioctl(fd, SIOCGIFCONF, &ifc) == 0 && ifc.ifc_len % sizeof(struct ifreq) == 0,
	       "SIOCGIFCONF: %d bytes", ifc.ifc_len);
	for (n = 0; n < ifc.ifc_len / (int)sizeof(struct ifreq); n++)
		found |= !strcmp(list[n].ifr_name, "lo") &&
			 ((struct sockaddr_in *)&list[n].ifr_addr)->sin_addr.s_addr ==
			 htonl(INADDR_LOOPBACK);
	EXPECT(found, "it lists lo with 127.0.0.1");
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(interface_ioctls_describe_lo),
	KTAP_CASE(sendto_loopback_reaches_the_bound_socket),
	KTAP_CASE(connect_sets_the_default_destination),
	KTAP_CASE(sendmsg_recvmsg_peek_trunc),
	KTAP_CASE(mmsg_moves_several),
	KTAP_CASE(poll_timeout_and_shutdown),
	KTAP_CASE(sizes_and_errors),
	KTAP_CASE(proc_net_dev_lists_lo),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
