// SPDX-License-Identifier: MIT
/*
 * udp_sink PORT [ADDR]: a UDP socket that does not read until told to,
 * for the receive-queue overflow and broadcast tests
 * (tests/scenario/net.py). Binds ADDR:PORT (0.0.0.0 without ADDR), says
 * so, then waits for a line on stdin while datagrams pile up in the
 * socket's queue; then takes what is queued without blocking and prints
 *
 *	udp_sink: N datagrams were queued
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY) };
	static char buf[2048];
	long queued = 0;
	int fd;

	if (argc < 2 || argc > 3 || (argc == 3 && inet_pton(AF_INET, argv[2], &addr.sin_addr) != 1)) {
		dprintf(2, "usage: udp_sink PORT [ADDR]\n");
		return 2;
	}
	addr.sin_port = htons((unsigned short)strtol(argv[1], NULL, 0));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		dprintf(2, "udp_sink: %s\n", strerror(errno));
		return 1;
	}
	dprintf(1, "udp_sink: bound to %s port %s; Enter drains the queue\n",
		argc == 3 ? argv[2] : "0.0.0.0", argv[1]);
	if (read(0, buf, sizeof(buf)) < 0)
		return 1;
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		queued++;
	if (errno != EAGAIN) {
		dprintf(2, "udp_sink: recv: %s\n", strerror(errno));
		return 1;
	}
	dprintf(1, "udp_sink: %ld datagrams were queued\n", queued);
	return 0;
}
