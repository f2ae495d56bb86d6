// SPDX-License-Identifier: MIT
/*
 * setsockopt/getsockopt at SOL_SOCKET with Linux's rules: SO_RCVBUF and
 * SO_SNDBUF doubled, floored (SOCK_MIN_RCVBUF, SOCK_MIN_SNDBUF) and
 * capped (net.core.[rw]mem_max), boolean options read back as 0/1,
 * SO_RCVTIMEO/SO_SNDTIMEO as a timeval (-EDOM for a bad one, a negative
 * one means "do not wait"), SO_LINGER, the read-only SO_TYPE, SO_DOMAIN,
 * SO_PROTOCOL, SO_ERROR, SO_ACCEPTCONN, SO_PEERCRED of an unconnected
 * socket, and the errors: -ENOPROTOOPT for an unknown option, -EINVAL
 * for a short option or a negative length, -EOPNOTSUPP for another
 * level on AF_UNIX, -ENOTSOCK, -EFAULT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>

#include "ktap.h"

#define SOCK_MIN_SNDBUF	4608	/* 2 * (2048 + the sk_buff, cache-aligned) */
#define SOCK_MIN_RCVBUF	2304

static int getint(int fd, int opt)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, SOL_SOCKET, opt, &v, &len) < 0 || len != sizeof(v))
		return -12345;
	return v;
}

static int setint(int fd, int opt, int v)
{
	return setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v));
}

/* net.core.wmem_max / rmem_max: 212992 on reflex, whatever the host says on Linux. */
static int sysctl_or(const char *path, int dflt)
{
	char buf[32] = { 0 };
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return dflt;
	if (read(fd, buf, sizeof(buf) - 1) <= 0)
		buf[0] = 0;
	close(fd);
	return atoi(buf) > 0 ? atoi(buf) : dflt;
}

static void buffer_sizes_are_doubled_floored_and_capped(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	int wmax = sysctl_or("/proc/sys/net/core/wmem_max", 212992);
	int rmax = sysctl_or("/proc/sys/net/core/rmem_max", 212992);

	EXPECT(getint(fd, SO_SNDBUF) > 0 && getint(fd, SO_RCVBUF) > 0, "defaults");
	EXPECT(setint(fd, SO_SNDBUF, 10000) == 0 && getint(fd, SO_SNDBUF) == 20000,
	       "SO_SNDBUF 10000 reads 20000: %d", getint(fd, SO_SNDBUF));
	EXPECT(setint(fd, SO_RCVBUF, 10000) == 0 && getint(fd, SO_RCVBUF) == 20000,
	       "SO_RCVBUF 10000 reads 20000: %d", getint(fd, SO_RCVBUF));
	EXPECT(setint(fd, SO_SNDBUF, 1) == 0 && getint(fd, SO_SNDBUF) == SOCK_MIN_SNDBUF,
	       "SO_SNDBUF floor: %d", getint(fd, SO_SNDBUF));
	EXPECT(setint(fd, SO_RCVBUF, 0) == 0 && getint(fd, SO_RCVBUF) == SOCK_MIN_RCVBUF,
	       "SO_RCVBUF floor: %d", getint(fd, SO_RCVBUF));
	EXPECT(setint(fd, SO_SNDBUF, 0x7fffffff) == 0 && getint(fd, SO_SNDBUF) == 2 * wmax,
	       "SO_SNDBUF cap: %d (wmem_max %d)", getint(fd, SO_SNDBUF), wmax);
	EXPECT(setint(fd, SO_RCVBUF, -1) == 0 && getint(fd, SO_RCVBUF) == 2 * rmax,
	       "a negative SO_RCVBUF is a huge one: %d (rmem_max %d)", getint(fd, SO_RCVBUF), rmax);
	close(fd);
}

static void flags_read_back_as_zero_or_one(void)
{
	static const int opts[] = { SO_REUSEADDR, SO_KEEPALIVE, SO_PASSCRED };
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	for (unsigned int i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		EXPECT(getint(fd, opts[i]) == 0, "option %d off by default", opts[i]);
		EXPECT(setint(fd, opts[i], 7) == 0 && getint(fd, opts[i]) == 1,
		       "option %d set to 7 reads 1: %d", opts[i], getint(fd, opts[i]));
		EXPECT(setint(fd, opts[i], 0) == 0 && getint(fd, opts[i]) == 0, "option %d off",
		       opts[i]);
	}
	close(fd);
}

static void identity_options(void)
{
	int u = socket(AF_UNIX, SOCK_SEQPACKET, 0), d = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_un sun = { .sun_family = AF_UNIX };

	EXPECT(getint(u, SO_TYPE) == SOCK_SEQPACKET, "SO_TYPE %d", getint(u, SO_TYPE));
	EXPECT(getint(u, SO_DOMAIN) == AF_UNIX, "SO_DOMAIN %d", getint(u, SO_DOMAIN));
	EXPECT(getint(u, SO_PROTOCOL) == 0, "SO_PROTOCOL %d", getint(u, SO_PROTOCOL));
	EXPECT(getint(d, SO_TYPE) == SOCK_DGRAM && getint(d, SO_DOMAIN) == AF_INET &&
	       getint(d, SO_PROTOCOL) == IPPROTO_UDP, "UDP: %d %d %d", getint(d, SO_TYPE),
	       getint(d, SO_DOMAIN), getint(d, SO_PROTOCOL));
	EXPECT(getint(u, SO_ERROR) == 0, "SO_ERROR 0");
	EXPECT(getint(u, SO_ACCEPTCONN) == 0, "not listening");
	EXPECT(bind(u, (struct sockaddr *)&sun, sizeof(sa_family_t)) == 0 && listen(u, 1) == 0 &&
	       getint(u, SO_ACCEPTCONN) == 1, "SO_ACCEPTCONN once listening");
	EXPECT(setint(u, SO_TYPE, 1) < 0 && errno == ENOPROTOOPT, "SO_TYPE is read-only (%d)", errno);
	close(u);
	close(d);
}

static void timeouts_are_timevals(void)
{
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct timeval tv = { 1, 500000 }, got;
	socklen_t len = sizeof(got);
	char c;

	EXPECT(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 && len == sizeof(got) &&
	       got.tv_sec == 0 && got.tv_usec == 0, "no timeout: 0.0");
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "set 1.5 s");
	len = sizeof(got);
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0 && got.tv_sec == 1 &&
	       got.tv_usec == 500000, "reads 1.5 s: %ld.%06ld", (long)got.tv_sec, (long)got.tv_usec);
	tv.tv_usec = 1000000;
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0 && errno == EDOM,
	       "tv_usec 1000000: EDOM (%d)", errno);
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, 8) < 0 && errno == EINVAL,
	       "a short timeval: EINVAL (%d)", errno);
	tv = (struct timeval){ -1, 0 };
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "a negative one");
	EXPECT(recv(fd, &c, 1, 0) < 0 && errno == EAGAIN,
	       "a negative timeout does not wait: EAGAIN (%d)", errno);
	tv = (struct timeval){ 0, 20000 };
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "20 ms");
	EXPECT(recv(fd, &c, 1, 0) < 0 && errno == EAGAIN, "the wait ends: EAGAIN (%d)", errno);
	close(fd);
}

static void linger_and_peercred(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct linger l = { 1, 5 }, got;
	struct ucred cred;
	socklen_t len = sizeof(got);

	EXPECT(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)) == 0, "SO_LINGER");
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_LINGER, &got, &len) == 0 && len == sizeof(got) &&
	       got.l_onoff == 1 && got.l_linger == 5, "reads {1, 5}: {%d, %d}", got.l_onoff,
	       got.l_linger);
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(int)) < 0 && errno == EINVAL,
	       "a short linger: EINVAL");
	len = sizeof(cred);
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && len == sizeof(cred) &&
	       cred.pid == 0 && cred.uid == (uid_t)-1 && cred.gid == (gid_t)-1,
	       "no peer: pid 0, ids -1 (%d %d %d)", cred.pid, cred.uid, cred.gid);
	close(fd);
}

static void option_errors(void)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	int v = 1, file = open("/tmp/reflex_sockopt_file", O_CREAT | O_RDWR, 0600);
	socklen_t len = sizeof(v);
	char small = 1;

	EXPECT(setint(fd, 9999, 1) < 0 && errno == ENOPROTOOPT, "set unknown: ENOPROTOOPT");
	EXPECT(getsockopt(fd, SOL_SOCKET, 9999, &v, &len) < 0 && errno == ENOPROTOOPT,
	       "get unknown: ENOPROTOOPT");
	EXPECT(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &small, 1) < 0 && errno == EINVAL,
	       "a one-byte int: EINVAL");
	len = -1;
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) < 0 && errno == EINVAL,
	       "a negative length: EINVAL");
	len = 2;
	v = 0;
	EXPECT(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && len == 2 && v == SOCK_STREAM,
	       "a short buffer gets the first bytes (%u, %d)", len, v);
	EXPECT(setsockopt(fd, IPPROTO_TCP, 1, &v, sizeof(v)) < 0 && errno == EOPNOTSUPP,
	       "AF_UNIX at another level: EOPNOTSUPP (%d)", errno);
	EXPECT(setsockopt(u, IPPROTO_IP, 9999, &v, sizeof(v)) < 0 && errno == ENOPROTOOPT,
	       "UDP, unknown IP option: ENOPROTOOPT (%d)", errno);
	EXPECT(setint(file, SO_KEEPALIVE, 1) < 0 && errno == ENOTSOCK, "a file: ENOTSOCK");
	EXPECT(setint(999, SO_KEEPALIVE, 1) < 0 && errno == EBADF, "no descriptor: EBADF");
	EXPECT(syscall(SYS_setsockopt, fd, SOL_SOCKET, SO_KEEPALIVE, (void *)8, 4) < 0 &&
	       errno == EFAULT, "a bad value pointer: EFAULT");
	EXPECT(syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, &v, (void *)8) < 0 &&
	       errno == EFAULT, "a bad length pointer: EFAULT");
	close(file);
	unlink("/tmp/reflex_sockopt_file");
	close(fd);
	close(u);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(buffer_sizes_are_doubled_floored_and_capped),
	KTAP_CASE(flags_read_back_as_zero_or_one),
	KTAP_CASE(identity_options),
	KTAP_CASE(timeouts_are_timevals),
	KTAP_CASE(linger_and_peercred),
	KTAP_CASE(option_errors),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
