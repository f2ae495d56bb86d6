// SPDX-License-Identifier: MIT
/*
 * bench-init: PID 1 of "make bench", the same static binary on reflex and
 * on Linux (rdinit=/bench-init). It mounts /proc when the kernel has not,
 * reads its plan from the kernel command line and runs it in order, then
 * powers the machine off (reboot(RB_POWER_OFF)):
 *
 *	bench.run=STEP,STEP,...		STEP = NAME[:ARG[:ARG...]]
 *
 *   net          load the NIC drivers the initramfs has (Linux: they are
 *                modules), in order /pps_core.ko, /ptp.ko, /e1000.ko,
 *                /e1000e.ko (the first two only where the kernel has them
 *                as modules; a driver without its device loads and stays
 *                idle), and give eth0 10.0.2.15/24, up (reflex configures
 *                its NIC itself; refusals are reported and ignored);
 *   rps:MASK     write MASK (hex, Linux's format) to eth0's
 *                /sys/class/net/eth0/queues/rx-0/rps_cpus: Receive Packet
 *                Steering to those CPUs; a kernel that cannot is reported
 *                as "bench: rps_cpus unavailable (REASON)";
 *   trace        enable the scheduler, softirq, hard-IRQ and NAPI events
 *                in tracefs, recording only during a "window" (below);
 *                the window's last 400 trace lines are printed with the
 *                next stats as "bench: trace LINE";
 *   events       enable the irq, napi and sched events in tracefs and
 *                leave tracing on (overwrite mode, 1 MiB a CPU): what the
 *                later steps cost with those events recording;
 *   journey      make trace-demo's recording (scripts/trace_demo.py): the
 *                events of a packet's path (irq, napi, net, sched_waking,
 *                sched_switch, raw_syscalls, skb) on the x86-tsc clock,
 *                NET_RX and udp_echo's scheduling only (filters),
 *                recording from an empty buffer (tracefs mounted first
 *                where the kernel has not);
 *   journey-dump tracing off, and the whole trace as "bench: trace LINE";
 *   threaded     write 1 to /sys/class/net/eth0/threaded: eth0's NAPI
 *                polled by a kthread "napi/eth0-ID" instead of the
 *                softirq; "bench: threaded unavailable (REASON)" where
 *                refused;
 *   echo[:fifo:PRIO]  start /bin/udp_echo on port 7 in the background;
 *                with fifo, as a SCHED_FIFO task of priority PRIO (the
 *                livelock curve's "echo task at SCHED_FIFO"), reported as
 *                "bench: fifo unavailable (REASON)" where refused;
 *   wait-peer    block until one datagram reaches UDP port 5001: the host's
 *                "go" for a measurement under its load;
 *   pin:N        pin bench-init, and so every program it starts from
 *                then on, to CPU N (sched_setaffinity); a kernel that
 *                cannot is reported as "bench: pin unavailable (REASON)"
 *                and the plan goes on unpinned;
 *   cpus-up      bring online, through sysfs, every CPU the kernel left
 *                offline (Linux booted with maxcpus=1: its own boot-time
 *                bring-up of the other CPUs does not finish under QEMU's
 *                -icount, the later hotplug one does); then prints the
 *                new count as "bench-init: cpus=N";
 *   hold         stay up until the host ends QEMU; each datagram to UDP
 *                port 5002 gets the counters the livelock curve reads
 *                (the eth0 line of /proc/net/dev, the Udp lines of
 *                /proc/net/snmp, /proc/net/softnet_stat, reflex's
 *                /proc/tasks, the cpu lines of /proc/stat) as
 *                "bench: stats FILE LINE" lines on the
 *                console, the CPU time of ksoftirqd/N, irq/N-* and
 *                udp_echo as "bench: stats task PID COMM UTIME STIME",
 *                then the TSC and "bench: stats end". A datagram
 *                "window A B" instead arms a measurement inside the
 *                host's next flood: A ms on, then B ms long, with
 *                bench-init at SCHED_FIFO 90 so it wakes on time. Its two
 *                snapshots (CLOCK_MONOTONIC, the cpu line of /proc/stat,
 *                every task's run time from /proc/PID/schedstat) are
 *                printed with the next stats as "bench: win N ..." lines;
 *   anything else runs /bin/NAME with the ARGs and waits for it.
 *
 * The first line names the kernel and the number of online CPUs (the
 * "processor" blocks of /proc/cpuinfo), so that the host can tell a
 * multi-CPU boot whose other CPUs never came up.
 *
 * Progress lines read "bench-init: [I/N] STEP" so that the host can follow
 * and act on them; the figures themselves are the programs' "bench:" lines.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include "bench.h"
#include "sys.h"

#define MAX_STEPS	32
#define MAX_ARGS	16

/* Loaded in this order: e1000e needs ptp, which needs pps_core. */
static const char *const modules[] = { "/pps_core.ko", "/ptp.ko", "/e1000.ko", "/e1000e.ko" };

static char cmdline[4096];

static void read_cmdline(void)
{
	int fd = open("/proc/cmdline", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, cmdline, sizeof(cmdline) - 1) : -1;

	if (fd >= 0)
		close(fd);
	cmdline[n > 0 ? n : 0] = '\0';
}

/* The value of "KEY=" on the command line, up to the next blank, or NULL. */
static char *cmdline_value(const char *key)
{
	size_t len = strlen(key);

	for (char *p = cmdline; (p = strstr(p, key)); p += len)
		if ((p == cmdline || p[-1] == ' ') && p[len] == '=') {
			char *v = p + len + 1;

			v[strcspn(v, " \n")] = '\0';
			return v;
		}
	return NULL;
}

static void set_addr(int fd, unsigned long req, const char *what, uint32_t addr)
{
	struct ifreq ifr = { 0 };
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;

	strcpy(ifr.ifr_name, "eth0");
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(addr);
	if (ioctl(fd, req, &ifr) < 0)
		bench_print("# bench-init: %s on eth0: %s\n", what, strerror(errno));
}

static void step_net(void)
{
	struct ifreq ifr = { 0 };
	int fd;

	for (unsigned int i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		fd = open(modules[i], O_RDONLY);
		if (fd < 0)
			continue;
		if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
			bench_print("# bench-init: loading %s: %s\n", modules[i], strerror(errno));
		close(fd);
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		bench_print("# bench-init: socket: %s\n", strerror(errno));
		return;
	}
	set_addr(fd, SIOCSIFADDR, "address", 0x0a00020f);	/* 10.0.2.15 */
	set_addr(fd, SIOCSIFNETMASK, "netmask", 0xffffff00);
	strcpy(ifr.ifr_name, "eth0");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			bench_print("# bench-init: eth0 up: %s\n", strerror(errno));
		/* Linux's e1000 reports carrier from its watchdog, ~2 s later. */
		for (int i = 0; i < 100 && !(ifr.ifr_flags & IFF_RUNNING); i++) {
			usleep(50000);
			if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
				break;
		}
		if (!(ifr.ifr_flags & IFF_RUNNING))
			bench_print("# bench-init: eth0 has no carrier\n");
	} else {
		bench_print("# bench-init: eth0 flags: %s\n", strerror(errno));
	}
	close(fd);
}

/* A UDP socket bound to 0.0.0.0:@port, or -1 (reported). */
static int udp_bound(unsigned short port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
		return fd;
	bench_print("# bench-init: port %u: %s\n", port, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

static void step_wait_peer(void)
{
	char buf[64];
	int fd = udp_bound(5001);

	if (fd < 0)
		return;
	bench_print("bench-init: waiting for peer\n");
	if (recv(fd, buf, sizeof(buf), 0) < 0)
		bench_print("# bench-init: recv: %s\n", strerror(errno));
	else
		bench_print("bench-init: peer ready\n");
	close(fd);
}

/* Each line of @path that starts with @prefix (all lines if it is ""). */
static void print_lines(const char *path, const char *prefix)
{
	char buf[4096], *line, *save = NULL;
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n < 0) {
		bench_print("# bench-init: %s: %s\n", path, strerror(errno));
		return;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " ");
		if (!strncmp(line, prefix, strlen(prefix)))
			bench_print("bench: stats %s %s\n", path, line);
	}
}

/* The CPU time of the receive path's tasks, from /proc/PID/stat as on
 * Linux: "bench: stats task PID COMM UTIME STIME" (clock ticks) for every
 * ksoftirqd/N, irq/N-... thread and udp_echo. */
static void print_tasks(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char path[300], buf[512], *comm, *end;
		unsigned long ut = 0, st = 0;
		ssize_t n;
		int fd;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY);
		n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		comm = strchr(buf, '(');
		end = strrchr(buf, ')');
		if (!comm || !end)
			continue;
		*end = '\0';
		comm++;
		if (strncmp(comm, "ksoftirqd/", 10) && strncmp(comm, "irq/", 4) &&
		    strncmp(comm, "napi/", 5) && strcmp(comm, "udp_echo"))
			continue;
		/* After ") ": state, then fields 4..13, utime is field 14, stime 15. */
		if (sscanf(end + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
			   &ut, &st) == 2)
			bench_print("bench: stats task %s %s %lu %lu\n", e->d_name, comm, ut, st);
	}
	if (d)
		closedir(d);
}

static void mount_sys(void)
{
	mkdir("/sys", 0555);
	if (access("/sys/devices/system/cpu", R_OK))
		mount("sysfs", "/sys", "sysfs", 0, NULL);
}

/* --- the measurement window inside a flood --------------------------------- */

#define WIN_TASKS	64

struct win_snap {
	long long mono_ns;
	char cpu[160];				/* the "cpu " line of /proc/stat */
	int ntasks;
	struct { int pid; char comm[20]; unsigned long long run_ns; } task[WIN_TASKS];
};

static struct win_snap win[2];
static int win_taken;

static long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

/* Kept in memory: printing now would take the CPU from the flood's work. */
static void win_snapshot(struct win_snap *w)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char buf[512];

	w->mono_ns = mono_ns();
	read_file("/proc/stat", buf, sizeof(buf));
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(w->cpu, sizeof(w->cpu), "%.159s", buf);
	w->ntasks = 0;
	while (d && (e = readdir(d)) && w->ntasks < WIN_TASKS) {
		char path[300], stat[512], *comm, *end;
		unsigned long long run;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/schedstat", e->d_name);
		if (read_file(path, buf, sizeof(buf)) <= 0 || sscanf(buf, "%llu", &run) != 1)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		read_file(path, stat, sizeof(stat));
		comm = strchr(stat, '(');
		end = strrchr(stat, ')');
		if (!comm || !end)
			continue;
		*end = '\0';
		w->task[w->ntasks].pid = atoi(e->d_name);
		snprintf(w->task[w->ntasks].comm, sizeof(w->task[0].comm), "%s", comm + 1);
		w->task[w->ntasks].run_ns = run;
		w->ntasks++;
	}
	if (d)
		closedir(d);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Set by the "trace" step: the window also records the events it enabled. */
static int win_trace;

static void write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		bench_print("# bench-init: %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void win_measure(long start_ms, long len_ms)
{
	sleep_ms(start_ms);
	win_snapshot(&win[0]);
	if (win_trace) {
		write_str("/sys/kernel/tracing/trace", "");
		write_str("/sys/kernel/tracing/tracing_on", "1");
	}
	sleep_ms(len_ms);
	if (win_trace)
		write_str("/sys/kernel/tracing/tracing_on", "0");
	win_snapshot(&win[1]);
	win_taken = 1;
}

/*
 * The "trace" step: the events that show where a flood's time goes, a
 * buffer for about a window's worth, recording off until a window.
 */
static void step_trace(void)
{
	mount_sys();
	write_str("/sys/kernel/tracing/tracing_on", "0");
	write_str("/sys/kernel/tracing/buffer_size_kb", "1024");
	write_str("/sys/kernel/tracing/set_event",
		  "sched:sched_switch sched:sched_wakeup irq:softirq_entry irq:softirq_exit "
		  "irq:irq_handler_entry napi:napi_poll");
	win_trace = 1;
	bench_print("bench-init: trace armed\n");
}

/* The "events" step: irq, napi and sched events recording from now on. */
static void step_events(void)
{
	mount_sys();
	write_str("/sys/kernel/tracing/tracing_on", "0");
	write_str("/sys/kernel/tracing/buffer_size_kb", "1024");
	write_str("/sys/kernel/tracing/events/irq/enable", "1");
	write_str("/sys/kernel/tracing/events/napi/enable", "1");
	write_str("/sys/kernel/tracing/events/sched/enable", "1");
	write_str("/sys/kernel/tracing/tracing_on", "1");
	bench_print("bench-init: events on (irq, napi, sched)\n");
}

/* The "journey" step: one packet's path, recorded from now on. */
static void step_journey(void)
{
	static const char *const events[] = {
		"irq/irq_handler_entry", "irq/irq_handler_exit", "irq/softirq_raise",
		"irq/softirq_entry", "irq/softirq_exit", "napi/napi_poll",
		"net/netif_receive_skb", "net/net_dev_queue", "net/net_dev_xmit",
		"sched/sched_waking", "sched/sched_switch", "raw_syscalls/sys_enter",
		"raw_syscalls/sys_exit", "skb/consume_skb", "skb/kfree_skb",
	};
	static const char *const filters[][2] = {
		{ "irq/softirq_raise", "vec == 3" }, { "irq/softirq_entry", "vec == 3" },
		{ "irq/softirq_exit", "vec == 3" }, { "sched/sched_waking", "comm == \"udp_echo\"" },
		{ "sched/sched_switch", "prev_comm == \"udp_echo\" || next_comm == \"udp_echo\"" },
	};
	char path[128];

	mount_sys();
	if (access("/sys/kernel/tracing/trace", W_OK))
		mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL);
	write_str("/sys/kernel/tracing/tracing_on", "0");
	write_str("/sys/kernel/tracing/trace_clock", "x86-tsc");
	write_str("/sys/kernel/tracing/buffer_size_kb", "1024");
	for (unsigned int i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/enable", events[i]);
		write_str(path, "1");
	}
	/* What an idle machine does meanwhile (timers, other tasks) stays out. */
	for (unsigned int i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/filter", filters[i][0]);
		write_str(path, filters[i][1]);
	}
	write_str("/sys/kernel/tracing/trace", "");
	write_str("/sys/kernel/tracing/tracing_on", "1");
	bench_print("bench-init: journey armed\n");
}

/* The whole trace (read to its end: one read() gives a page or so). */
static void step_journey_dump(void)
{
	static char buf[1 << 20];
	int fd;
	size_t len = 0;
	ssize_t n = 1;

	write_str("/sys/kernel/tracing/tracing_on", "0");
	fd = open("/sys/kernel/tracing/trace", O_RDONLY);
	while (fd >= 0 && n > 0 && len < sizeof(buf) - 1) {
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n > 0)
			len += n;
	}
	if (fd >= 0)
		close(fd);
	buf[len] = '\0';
	for (char *save = NULL, *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		bench_print("bench: trace %s\n", l);
	bench_print("bench-init: journey dumped\n");
}

/* The last @max lines of the window's trace, as "bench: trace LINE". */
static void trace_print(int max)
{
	static char buf[1 << 20];
	ssize_t n = read_file("/sys/kernel/tracing/trace", buf, sizeof(buf));
	char *p = n > 0 ? buf + n : buf;
	int lines = 0;

	while (p > buf && lines <= max)
		if (*--p == '\n')
			lines++;
	for (char *save = NULL, *l = strtok_r(p, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		bench_print("bench: trace %s\n", l);
}

static void win_print(void)
{
	for (int i = 0; win_taken && i < 2; i++) {
		bench_print("bench: win %d mono %lld\n", i, win[i].mono_ns);
		bench_print("bench: win %d %s\n", i, win[i].cpu);
		for (int t = 0; t < win[i].ntasks; t++)
			bench_print("bench: win %d task %d %s %llu\n", i, win[i].task[t].pid,
				    win[i].task[t].comm, win[i].task[t].run_ns);
	}
	win_taken = 0;
}

static void step_hold(void)
{
	struct sched_param sp = { .sched_priority = 90 };
	char buf[64];
	int fd = udp_bound(5002);
	long a, b;
	ssize_t n;

	if (fd < 0)
		for (;;)
			pause();
	/* The system call itself: musl's sched_setscheduler() is -ENOSYS by design. */
	if (sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, (long)&sp))
		bench_print("# bench-init: hold at SCHED_FIFO 90 refused\n");
	for (;;) {
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0)
			continue;
		buf[n] = '\0';
		if (sscanf(buf, "window %ld %ld", &a, &b) == 2) {
			win_measure(a, b);
			continue;
		}
		print_lines("/proc/net/dev", "eth0:");
		print_lines("/proc/net/snmp", "Udp:");
		print_lines("/proc/net/softnet_stat", "");
		print_lines("/proc/tasks", "");		/* reflex only */
		print_lines("/proc/stat", "cpu");
		print_tasks();
		if (win_trace && win_taken)
			trace_print(400);
		win_print();
		bench_print("bench: stats tsc %llu\n", (unsigned long long)bench_rdtsc());
		bench_print("bench: stats end\n");
	}
}

/* Starts /bin/NAME ARGS...; waits for it unless @background. A @fifo_prio
 * above 0 makes the child a SCHED_FIFO task of that priority first. */
static void spawn_prio(char **argv, int background, int fifo_prio)
{
	char path[128];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	pid = fork();
	if (pid == 0) {
		char *envp[] = { "PATH=/bin", NULL };
		struct sched_param sp = { .sched_priority = fifo_prio };

		long err = fifo_prio > 0 ? sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, (long)&sp) : 0;

		if (err)
			bench_print("bench: fifo unavailable (sched_setscheduler: %s)\n",
				    strerror(-err));
		else if (fifo_prio > 0)
			bench_print("bench-init: %s at SCHED_FIFO %d\n", argv[0], fifo_prio);

		execve(path, argv, envp);
		bench_print("# bench-init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		bench_print("# bench-init: fork: %s\n", strerror(errno));
		return;
	}
	if (background)
		return;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		bench_print("# bench-init: %s failed (status 0x%x)\n", argv[0], status);
}

static void spawn(char **argv, int background)
{
	spawn_prio(argv, background, 0);
}


static void step_cpus_up(void)
{
	char path[64];
	int fd;

	mount_sys();
	for (int cpu = 1; cpu < 1024; cpu++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			break;
		if (write(fd, "1", 1) < 0 && errno != EINVAL)	/* EINVAL: already online */
			bench_print("# bench-init: %s: %s\n", path, strerror(errno));
		close(fd);
	}
	bench_print("bench-init: cpus=%d\n", bench_online_cpus());
}

/*
 * Writes @value to /sys/@path and reads it back through a new open file:
 * "bench-init: WHAT=VALUE-READ", or "bench: WHAT unavailable (REASON)".
 */
static void sysfs_step(const char *what, const char *path, const char *value)
{
	char back[64];
	ssize_t n;
	int fd;

	mount_sys();
	if (!value || !*value) {
		bench_print("bench: %s unavailable (no value given)\n", what);
		return;
	}
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		bench_print("bench: %s unavailable (%s: %s)\n", what, path, strerror(errno));
		return;
	}
	if (write(fd, value, strlen(value)) != (ssize_t)strlen(value)) {
		bench_print("bench: %s unavailable (writing %s to %s: %s)\n", what, value, path,
			    strerror(errno));
		close(fd);
		return;
	}
	close(fd);
	fd = open(path, O_RDONLY);
	n = fd >= 0 ? read(fd, back, sizeof(back) - 1) : -1;
	if (fd >= 0)
		close(fd);
	back[n > 0 ? n : 0] = '\0';
	back[strcspn(back, "\n")] = '\0';
	bench_print("bench-init: %s=%s\n", what, back);
}

static void step_pin(const char *arg)
{
	char *end;
	long cpu = arg ? strtol(arg, &end, 10) : -1;
	long ret;

	if (!arg || *end || cpu < 0) {
		bench_print("bench: pin unavailable (bad CPU \"%s\")\n", arg ? arg : "");
		return;
	}
	ret = bench_pin(cpu);
	if (ret == -5)
		bench_print("bench: pin unavailable (getcpu names another CPU than %ld)\n", cpu);
	else if (ret < 0)
		bench_print("bench: pin unavailable (sched_setaffinity/getcpu: %s)\n",
			    strerror(-ret));
	else
		bench_print("bench-init: pinned to CPU %ld\n", cpu);
}

/*
 * The "rtenv" step: what Debian's cyclictest needs of the system, as a
 * distribution's boot provides it: sysfs at /sys (libnuma reads the CPU
 * and node directories), device nodes at /dev (cpu_dma_latency) and
 * tmpfs at /dev/shm (its shm_open). Each is mounted only where it is
 * missing, so both kernels start the rt-tests from the same state.
 */
static void step_rtenv(void)
{
	mount_sys();
	if (access("/dev/null", F_OK) && mount("devtmpfs", "/dev", "devtmpfs", 0, NULL))
		bench_print("# bench-init: mount devtmpfs: %s\n", strerror(errno));
	mkdir("/dev/shm", 01777);
	if (mount("tmpfs", "/dev/shm", "tmpfs", 0, NULL) && errno != EBUSY)
		bench_print("# bench-init: mount tmpfs on /dev/shm: %s\n", strerror(errno));
}

static void run_step(char *step)
{
	char *argv[MAX_ARGS + 1];
	int argc = 0;

	for (char *tok = strtok(step, ":"); tok && argc < MAX_ARGS; tok = strtok(NULL, ":"))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (!argc)
		return;
	if (!strcmp(argv[0], "net"))
		step_net();
	else if (!strcmp(argv[0], "echo"))
		spawn_prio((char *[]){ "udp_echo", "7", NULL }, 1,
			   argc > 2 && !strcmp(argv[1], "fifo") ? atoi(argv[2]) : 0);
	else if (!strcmp(argv[0], "wait-peer"))
		step_wait_peer();
	else if (!strcmp(argv[0], "cpus-up"))
		step_cpus_up();
	else if (!strcmp(argv[0], "rps"))
		sysfs_step("rps_cpus", "/sys/class/net/eth0/queues/rx-0/rps_cpus", argv[1]);
	else if (!strcmp(argv[0], "trace"))
		step_trace();
	else if (!strcmp(argv[0], "events"))
		step_events();
	else if (!strcmp(argv[0], "journey"))
		step_journey();
	else if (!strcmp(argv[0], "journey-dump"))
		step_journey_dump();
	else if (!strcmp(argv[0], "threaded"))
		sysfs_step("threaded", "/sys/class/net/eth0/threaded", "1");
	else if (!strcmp(argv[0], "pin"))
		step_pin(argv[1]);
	else if (!strcmp(argv[0], "hold"))
		step_hold();
	else if (!strcmp(argv[0], "rtenv"))
		step_rtenv();
	else
		spawn(argv, 0);
}

int main(void)
{
	char *plan, *steps[MAX_STEPS], *save = NULL;
	struct utsname u;
	int n = 0;

	mkdir("/proc", 0555);
	if (access("/proc/cmdline", R_OK))
		mount("proc", "/proc", "proc", 0, NULL);
	read_cmdline();
	uname(&u);
	bench_print("bench-init: kernel %s %s cpus=%d\n", u.sysname, u.release,
		    bench_online_cpus());
	plan = cmdline_value("bench.run");
	for (char *s = plan ? strtok_r(plan, ",", &save) : NULL; s && n < MAX_STEPS;
	     s = strtok_r(NULL, ",", &save))
		steps[n++] = s;
	for (int i = 0; i < n; i++) {
		bench_print("bench-init: [%d/%d] %s\n", i + 1, n, steps[i]);
		run_step(steps[i]);
	}
	bench_print("bench-init: done\n");
	sync();
	reboot(RB_POWER_OFF);
	bench_print("# bench-init: reboot: %s\n", strerror(errno));
	for (;;)
		pause();
}
