// SPDX-License-Identifier: MIT
/*
 * tcp_echo [PORT [COUNT]]: the TCP echo service (RFC 862) in user space.
 * Listens on 0.0.0.0:PORT (default 7) and serves one connection at a
 * time, writing back every byte it reads until the peer's FIN, then
 * closing. With COUNT, exits 0 after that many connections (for tests);
 * otherwise runs until killed. One line on stdout when listening.
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
	dprintf(2, "tcp_echo: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void serve(int c)
{
	static char buf[65536];
	ssize_t n;

	while ((n = read(c, buf, sizeof(buf))) > 0)
		if (write(c, buf, n) != n)
			break;
	close(c);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY) };
	long port = argc > 1 ? strtol(argv[1], NULL, 0) : 7;
	long count = argc > 2 ? strtol(argv[2], NULL, 0) : -1, served = 0;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		die("socket");
	addr.sin_port = htons(port);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		die("SO_REUSEADDR");
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		die("bind");
	if (listen(fd, 8) < 0)
		die("listen");
	dprintf(1, "tcp_echo: listening on port %ld\n", port);
	while (count < 0 || served < count) {
		int c = accept(fd, NULL, NULL);

		if (c < 0) {
			if (errno == EINTR)
				continue;
			die("accept");
		}
		serve(c);
		served++;
	}
	dprintf(1, "tcp_echo: served %ld connections\n", served);
	return 0;
}
