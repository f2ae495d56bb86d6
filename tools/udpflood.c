// SPDX-License-Identifier: MIT
/*
 * udpflood: the host end of the receive-livelock curve (scripts/bench.py).
 *
 *	udpflood FD QEMU_PORT RATE SECS FRAME_HEX PEER_MAC PEER_IP
 *
 * FD is the peer's UDP socket, inherited from bench.py: QEMU's dgram netdev
 * sends every guest frame to it and injects every datagram sent from it to
 * 127.0.0.1:QEMU_PORT. For SECS seconds udpflood sends the Ethernet frame
 * FRAME_HEX at RATE frames per second (FRAME_HEX may list up to MAX_FRAMES
 * frames separated by commas, sent in turn: several flows, for a guest
 * that spreads flows over CPUs by their hash), paced against CLOCK_MONOTONIC and
 * handed to the kernel in sendmmsg() batches, while it counts the guest's
 * UDP echoes (source port 7) and answers the guest's ARP requests for
 * PEER_IP with PEER_MAC. It then drains what the guest still holds (until
 * 0.3 s pass without an echo) and prints one line:
 *
 *	sent=N secs=T window=W window_secs=S echoes=E arp=A
 *
 * window counts the echoes of the steady part, from 0.2*SECS to SECS, and
 * window_secs is how long that part really lasted.
 *
 * A Python sender shares one core with its own receiver and tops out near
 * 40,000 frames/s on a 2-core host, below what the guest can echo; this one
 * spends a few microseconds per frame, so the curve shows the guest's limit
 * rather than the load generator's.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define BATCH		64
#define FRAME_MAX	1514
#define DRAIN_QUIET	0.3
#define DRAIN_MAX	3.0

#define MAX_FRAMES	16

static unsigned char frame[MAX_FRAMES][FRAME_MAX];
static size_t frame_len[MAX_FRAMES];
static int frames, next_frame;
static unsigned char peer_mac[6], peer_ip[4];
static struct sockaddr_in qemu;
static unsigned long echoes, arp_answers;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_hex(const char *s, unsigned char *out, size_t max, size_t *len)
{
	size_t n = strlen(s);

	if (n % 2 || n / 2 > max)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = b;
	}
	*len = n / 2;
	return 0;
}

static int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int b[6];

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = b[i];
	return 0;
}

/* An ARP request for our address gets its reply: the guest re-resolves at will. */
static void answer_arp(int fd, const unsigned char *f)
{
	unsigned char r[42];

	memcpy(r, f + 6, 6);			/* to the asker */
	memcpy(r + 6, peer_mac, 6);
	r[12] = 0x08, r[13] = 0x06;
	memcpy(r + 14, f + 14, 6);		/* htype, ptype, hlen, plen */
	r[20] = 0, r[21] = 2;			/* reply */
	memcpy(r + 22, peer_mac, 6);
	memcpy(r + 28, peer_ip, 4);
	memcpy(r + 32, f + 22, 10);		/* the asker's sha and spa */
	sendto(fd, r, sizeof(r), 0, (struct sockaddr *)&qemu, sizeof(qemu));
	arp_answers++;
}

static void classify(int fd, const unsigned char *f, size_t len)
{
	if (len >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[20] == 0 && f[21] == 1 &&
	    !memcmp(f + 38, peer_ip, 4)) {
		answer_arp(fd, f);
		return;
	}
	if (len >= 14 + 20 + 8 && f[12] == 0x08 && f[13] == 0x00 && f[23] == 17) {
		size_t ihl = (f[14] & 0xf) * 4;

		if (len >= 14 + ihl + 8 && f[14 + ihl] == 0 && f[14 + ihl + 1] == 7)
			echoes++;
	}
}

/* Everything queued on the socket now, without blocking. */
static void receive(int fd)
{
	static unsigned char bufs[BATCH][FRAME_MAX + 4];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	int n;

	do {
		for (int i = 0; i < BATCH; i++) {
			iov[i] = (struct iovec){ bufs[i], sizeof(bufs[i]) };
			msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[i], .msg_iovlen = 1 } };
		}
		n = recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, NULL);
		for (int i = 0; i < n; i++)
			classify(fd, bufs[i], msgs[i].msg_len);
	} while (n == BATCH);
}

static int send_batch(int fd, int count)
{
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	int n;

	for (int i = 0; i < count; i++) {
		int f = (next_frame + i) % frames;

		iov[i] = (struct iovec){ frame[f], frame_len[f] };
		msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_name = &qemu, .msg_namelen = sizeof(qemu),
							 .msg_iov = &iov[i], .msg_iovlen = 1 } };
	}
	n = sendmmsg(fd, msgs, count, 0);
	if (n > 0)
		next_frame = (next_frame + n) % frames;
	if (n < 0 && errno != EAGAIN && errno != ENOBUFS) {
		perror("udpflood: sendmmsg");
		exit(1);
	}
	return n < 0 ? 0 : n;
}

/* Sleep until fd is readable or @until (CLOCK_MONOTONIC seconds). */
static void wait_until(int fd, double until)
{
	double left = until - now();
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct timespec ts;

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)left;
	ts.tv_nsec = (long)((left - ts.tv_sec) * 1e9);
	ppoll(&p, 1, &ts, NULL);
}

int main(int argc, char **argv)
{
	double rate, secs, t0, t, tw0 = 0, window_start, window_end, quiet;
	unsigned long sent = 0, w0 = 0, w1 = 0;
	int fd;

	if (argc != 8) {
		fprintf(stderr, "usage: udpflood FD QEMU_PORT RATE SECS FRAME_HEX PEER_MAC PEER_IP\n");
		return 2;
	}
	fd = atoi(argv[1]);
	qemu = (struct sockaddr_in){ .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])),
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	rate = atof(argv[3]);
	secs = atof(argv[4]);
	for (char *hex = strtok(argv[5], ","); hex && frames < MAX_FRAMES; hex = strtok(NULL, ",")) {
		if (parse_hex(hex, frame[frames], FRAME_MAX, &frame_len[frames]) ||
		    frame_len[frames] < 14) {
			frames = 0;
			break;
		}
		frames++;
	}
	if (rate <= 0 || secs <= 0 || frames <= 0 || parse_mac(argv[6], peer_mac) || inet_pton(AF_INET, argv[7], peer_ip) != 1) {
		fprintf(stderr, "udpflood: bad arguments\n");
		return 2;
	}

	t0 = now();
	window_start = t0 + 0.2 * secs;
	window_end = t0 + secs;
	for (t = t0; t < window_end; t = now()) {
		unsigned long due = (unsigned long)(rate * (t - t0)) + 1;
		double next;

		if (!tw0 && t >= window_start)
			w0 = echoes, tw0 = t;
		while (sent < due)
			sent += send_batch(fd, due - sent > BATCH ? BATCH : due - sent);
		receive(fd);
		next = t0 + (sent + 1) / rate;
		wait_until(fd, next < window_end ? next : window_end);
	}
	receive(fd);
	w1 = echoes;
	t = now();
	if (!tw0)
		w0 = echoes, tw0 = t;
	for (quiet = t; now() - quiet < DRAIN_QUIET && now() - t < DRAIN_MAX;) {
		unsigned long before = echoes;

		wait_until(fd, now() + 0.05);
		receive(fd);
		if (echoes != before)
			quiet = now();
	}
	printf("sent=%lu secs=%.6f window=%lu window_secs=%.6f echoes=%lu arp=%lu\n", sent,
	       t - t0, w1 - w0, t - tw0, echoes, arp_answers);
	return 0;
}
