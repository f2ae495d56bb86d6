// SPDX-License-Identifier: MIT
/*
 * udp_echo [PORT [COUNT]]: the UDP echo service (RFC 862) in user space.
 * Binds 0.0.0.0:PORT (default 7), then for every datagram a blocking
 * recvfrom() and a sendto() of the same bytes back to the sender. With
 * COUNT, exits 0 after echoing that many datagrams (for tests); otherwise
 * runs until killed. One line on stdout when listening, one on exit.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what)
{
	dprintf(2, "udp_echo: %s: %s\n", what, strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY) };
	long port = argc > 1 ? strtol(argv[1], NULL, 0) : 7;
	long count = argc > 2 ? strtol(argv[2], NULL, 0) : -1, echoed = 0;
	static char buf[65536];
	int fd;

	if (port <= 0 || port > 65535) {
		dprintf(2, "usage: udp_echo [PORT [COUNT]]\n");
		return 2;
	}
	addr.sin_port = htons((unsigned short)port);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("bind");
	dprintf(1, "udp_echo: listening on 0.0.0.0:%ld\n", port);
	while (count < 0 || echoed < count) {
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &plen);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recvfrom");
		}
		if (sendto(fd, buf, n, 0, (struct sockaddr *)&peer, plen) != n)
			die("sendto");
		echoed++;
	}
	dprintf(1, "udp_echo: echoed %ld datagrams\n", echoed);
	return 0;
}
