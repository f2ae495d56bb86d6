// SPDX-License-Identifier: MIT
/*
 * bench_irqcpu [MOVES [CYCLES]]: what it costs, in instructions summed over
 * all CPUs, to move an interrupt to another CPU and to take a CPU offline
 * and back online, measured from user space the same way on any kernel
 * (run pinned to CPU 0 at -smp 4, after "net": the NIC's line is moved).
 *
 * The interrupt: the NIC's own line (the /proc/interrupts row naming eth0).
 * User space fires it deterministically by sending one UDP datagram to the
 * host (10.0.2.2, port 9): the NIC raises its transmit-done interrupt once
 * the frame is out. The host's address is learnt first from an ARP request
 * the host sends on the cue "bench_irqcpu: arp", so no datagram waits for
 * an ARP answer. Neither kernel lets user space fire the RTC's periodic
 * interrupt the same way (reflex has no /dev/rtc) or write the NIC's
 * interrupt-cause-set register (no BAR mapping from user space on reflex;
 * Linux's strict /dev/mem refuses a driver's registers), so the transmit
 * interrupt is the line both can drive.
 *
 * How: as bench_udpcost, a SCHED_OTHER spinner reads the TSC in a tight
 * loop and counts every gap longer than GAP as time taken from it; under
 * QEMU's -icount the vCPUs run round robin, so the gaps hold whatever every
 * CPU executed meanwhile. A SCHED_FIFO 1 child on the same CPU performs one
 * operation each time the spinner asks through a pipe (it preempts the
 * spinner at once) and answers through another. An operation's cost is the
 * time taken from the spinner between the request and the answer, less the
 * idle rate (ticks, kernel threads) measured first. Where the child sleeps
 * the spinner runs, so a sleep costs only its timer interrupt and wake-up.
 * Each pass of the spin loop executes PAUSE: QEMU 7.2's round-robin
 * scheduler under -icount gives the running vCPU the whole budget up to the
 * next timer, and PAUSE is where it hands over to the next vCPU. Without it
 * another CPU spinning in the kernel for the operation (stop_machine's
 * CPUs waiting for each other) can be starved of guest time for seconds
 * while the spinner runs on, on either kernel.
 *
 *   irq_round          one measuring round without a move: send a datagram,
 *                      sleep 1 ms (the interrupt arrives meanwhile), read
 *                      the line's per-CPU counts from /proc/interrupts;
 *   irq_move_total     write the other CPU's mask to /proc/irq/N/smp_affinity,
 *                      then rounds until the line's count grows on that CPU:
 *                      from the write to the first interrupt handled there,
 *                      measuring rounds included;
 *   irq_move_rounds    how many rounds that took (Linux moves an IO-APIC
 *                      line at its next interrupt, on the old CPU: 2);
 *   irq_move_net       irq_move_total less its rounds, each at irq_round's
 *                      median: the move itself, with the interrupts that it
 *                      needed counted once in the rounds;
 *   irq_affinity_write the write() alone, a TSC delta around it in the child;
 *   cpu_offline        write "0" to /sys/devices/system/cpu/cpuN/online until
 *                      it returns (N = the highest online CPU);
 *   cpu_online         write "1" to it until it returns;
 *   op_null            a request and answer with nothing done: the pipe round
 *                      trip each figure above includes (not subtracted).
 *
 * A figure the kernel cannot take prints "bench: NAME unavailable (REASON)".
 */
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <arpa/inet.h>

#include "bench.h"
#include "sys.h"

#define GAP		200		/* longer than any pass of the spin loop */
#define BASE		200000000ull	/* idle baseline: 0.2 s of guest time */
#define POLL		1000000ull	/* cycles between checks for the answer */
#define SETTLE_US	1000		/* a round's sleep: the interrupt comes in it */
#define MAX_ROUNDS	8
#define MAX_CPUS	64
#define MAX_SAMPLES	1000

struct answer {
	int32_t err;		/* 0 or an errno */
	uint32_t rounds;
	uint64_t write_tsc;
};

static int cmd_pipe[2], ans_pipe[2];
static int irq = -1, nic_sock = -1, hot_cpu = -1;
static struct sockaddr_in host = { .sin_family = AF_INET, .sin_port = 9 };

/* -------- the child's side: the operations -------- */

/*
 * The per-CPU counts of the line @irq from /proc/interrupts into @count
 * (indexed by CPU number, from the header's "CPUn" columns); 0, or -1.
 */
static int irq_counts(uint64_t *count)
{
	static char buf[65536];
	int cpu_of[MAX_CPUS], ncol = 0, fd = open("/proc/interrupts", O_RDONLY);
	ssize_t len = 0, r;
	char *p, *line;

	if (fd < 0)
		return -1;
	while (len < (ssize_t)sizeof(buf) - 1 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	line = buf;
	p = strchr(buf, '\n');
	if (!p)
		return -1;
	*p = '\0';
	for (char *c = line; (c = strstr(c, "CPU")) && ncol < MAX_CPUS; c += 3)
		cpu_of[ncol++] = atoi(c + 3);
	memset(count, 0, MAX_CPUS * sizeof(*count));
	for (line = p + 1; *line; line = p + 1) {
		char *end;
		long n = strtol(line, &end, 10);

		p = strchr(line, '\n');
		if (!p)
			p = line + strlen(line) - 1;
		if (end == line || *end != ':' || n != irq)
			continue;
		line = end + 1;
		for (int i = 0; i < ncol; i++) {
			uint64_t v = strtoull(line, &end, 10);

			if (end == line)
				break;
			if (cpu_of[i] >= 0 && cpu_of[i] < MAX_CPUS)
				count[cpu_of[i]] = v;
			line = end;
		}
		return 0;
	}
	return -1;
}

/* The IRQ of the /proc/interrupts row naming eth0 (Linux's e1000, reflex's). */
static int find_nic_irq(void)
{
	static char buf[65536];
	int fd = open("/proc/interrupts", O_RDONLY);
	ssize_t len = 0, r;

	if (fd < 0)
		return -1;
	while (len < (ssize_t)sizeof(buf) - 1 && (r = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		*nl = '\0';
		if (strstr(line, "eth0") && strtol(line, NULL, 10) > 0)
			return (int)strtol(line, NULL, 10);
	}
	return -1;
}

static int write_text(const char *path, const char *text, uint64_t *tsc)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY), err = 0;
	uint64_t t0;

	if (fd < 0)
		return errno;
	t0 = bench_rdtsc();
	if (write(fd, text, len) != (ssize_t)len)
		err = errno ? errno : EIO;
	if (tsc)
		*tsc = bench_rdtsc() - t0;
	close(fd);
	return err;
}

/* Sends one datagram and sleeps while its transmit interrupt comes in. */
static int round_trip(uint64_t *count)
{
	static const char msg[] = "irq";

	if (sendto(nic_sock, msg, sizeof(msg), 0, (struct sockaddr *)&host, sizeof(host)) < 0)
		return errno;
	usleep(SETTLE_US);
	return irq_counts(count) ? ENOENT : 0;
}

/* Moves the line to @cpu, then rounds until an interrupt is handled there. */
static void move(int cpu, struct answer *a)
{
	uint64_t before[MAX_CPUS], now[MAX_CPUS];
	char path[64], mask[32];

	snprintf(path, sizeof(path), "/proc/irq/%d/smp_affinity", irq);
	snprintf(mask, sizeof(mask), "%llx", 1ull << cpu);
	if (irq_counts(before)) {
		a->err = ENOENT;
		return;
	}
	a->err = write_text(path, mask, &a->write_tsc);
	if (a->err) {
		a->rounds = 0;		/* the write itself failed */
		return;
	}
	for (a->rounds = 1; !a->err && a->rounds <= MAX_ROUNDS; a->rounds++) {
		a->err = round_trip(now);
		if (!a->err && now[cpu] > before[cpu])
			return;
	}
	if (!a->err) {
		a->err = ETIMEDOUT;
		bench_print("# bench_irqcpu: IRQ %d to CPU %d: per-CPU counts %llu %llu %llu %llu "
			    "before, %llu %llu %llu %llu after %u rounds\n", irq, cpu,
			    (unsigned long long)before[0], (unsigned long long)before[1],
			    (unsigned long long)before[2], (unsigned long long)before[3],
			    (unsigned long long)now[0], (unsigned long long)now[1],
			    (unsigned long long)now[2], (unsigned long long)now[3], a->rounds - 1);
		{
			static char buf[4096];
			int fd = open("/proc/net/dev", O_RDONLY);
			ssize_t k = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

			buf[k > 0 ? k : 0] = 0;
			bench_print("# %s\n", strstr(buf, "eth0") ? strstr(buf, "eth0") : "no eth0");
		}
	}
}

static void child(void)
{
	struct sched_param sp = { .sched_priority = 1 };
	uint64_t count[MAX_CPUS];
	char op[2], path[64];

	if (sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp))
		bench_print("# bench_irqcpu: SCHED_FIFO refused\n");
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", hot_cpu);
	while (read(cmd_pipe[0], op, 2) == 2) {
		struct answer a = { 0, 0, 0 };

		switch (op[0]) {
		case 'r':
			a.err = round_trip(count);
			break;
		case 'm':
			move(op[1], &a);
			break;
		case 'd':
			a.err = write_text(path, "0", NULL);
			break;
		case 'u':
			a.err = write_text(path, "1", NULL);
			break;
		}
		if (write(ans_pipe[1], &a, sizeof(a)) != sizeof(a))
			_exit(1);
	}
	_exit(0);
}

/* The received-packets column of eth0 in /proc/net/dev, or -1. */
static long eth0_rx_packets(void)
{
	static char buf[4096];
	int fd = open("/proc/net/dev", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	char *p;
	long bytes, packets;

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strstr(buf, "eth0:");
	if (!p || sscanf(p + 5, "%ld %ld", &bytes, &packets) != 2)
		return -1;
	return packets;
}

/* -------- the spinner's side -------- */

static double idle_rate;
static uint64_t op_elapsed;	/* the last operation's length, in guest TSC cycles */

/*
 * Asks the child for @op (@arg: the CPU) and spins until it answers; the
 * instructions taken from the spinner meanwhile, less the idle rate.
 */
static int64_t op_cost(char op, int arg, struct answer *a)
{
	uint64_t stolen = 0, elapsed = 0, last = bench_rdtsc(), now, poll_at;
	char req[2] = { op, (char)arg };

	if (write(cmd_pipe[1], req, 2) != 2)
		_exit(1);
	poll_at = last + POLL;
	for (;;) {
		__builtin_ia32_pause();
		now = bench_rdtsc();
		if (now - last > GAP)
			stolen += now - last;
		elapsed += now - last;
		last = now;
		if (now >= poll_at) {
			if (read(ans_pipe[0], a, sizeof(*a)) == sizeof(*a))
				break;
			last = bench_rdtsc();
			poll_at = last + POLL;
		}
	}
	op_elapsed = elapsed;
	return (int64_t)stolen - (int64_t)(idle_rate * elapsed);
}

static void idle_baseline(void)
{
	uint64_t stolen = 0, elapsed = 0, last = bench_rdtsc(), now;

	while (elapsed < BASE) {
		__builtin_ia32_pause();
		now = bench_rdtsc();
		if (now - last > GAP)
			stolen += now - last;
		elapsed += now - last;
		last = now;
	}
	idle_rate = (double)stolen / elapsed;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *name, int64_t *v, long n)
{
	if (n <= 0)
		return;
	qsort(v, n, sizeof(v[0]), cmp_i64);
	if (v[n / 2] < 0) {
		/*
		 * Less than nothing: the operation lasted so long that the
		 * idle-rate correction over it outweighs what was counted.
		 */
		bench_print("bench: %s unavailable (median %lld: the idle correction over the "
			    "operation's length outweighs its counted cost)\n", name,
			    (long long)v[n / 2]);
		return;
	}
	bench_print("bench: %s median=%lld p99=%lld max=%lld min=%lld n=%ld unit=tsc\n", name,
		    (long long)v[n / 2], (long long)v[(n * 99) / 100], (long long)v[n - 1],
		    (long long)v[0], n);
}

static int64_t v_round[MAX_SAMPLES], v_total[MAX_SAMPLES], v_rounds[MAX_SAMPLES],
	       v_net[MAX_SAMPLES], v_write[MAX_SAMPLES], v_down[MAX_SAMPLES],
	       v_up[MAX_SAMPLES], v_null[MAX_SAMPLES];

static const char *const move_figures[] = {
	"irq_move_total", "irq_move_rounds", "irq_move_net", "irq_affinity_write"
};

static void moves_unavailable(const char *fmt, int x, int y, const char *why)
{
	char reason[160];

	snprintf(reason, sizeof(reason), fmt, x, y, why);
	for (unsigned int i = 0; i < sizeof(move_figures) / sizeof(move_figures[0]); i++)
		bench_print("bench: %s unavailable (%s)\n", move_figures[i], reason);
}

static const char *move_error(const struct answer *a)
{
	static char why[96];

	if (a->err == ETIMEDOUT)
		return "no interrupt handled there in the rounds after the write";
	snprintf(why, sizeof(why), "%s%s", a->rounds ? "" : "the write to smp_affinity: ",
		 strerror(a->err));
	return why;
}

static void moves(long n, int ncpus)
{
	struct answer a;
	int cpu = 1;
	long i;

	if (irq < 0) {
		bench_print("bench: irq_round unavailable (no eth0 row in /proc/interrupts)\n");
		moves_unavailable("no eth0 row in /proc/interrupts%.0d%.0d%s", 0, 0, "");
		return;
	}
	if (ncpus < 3) {
		moves_unavailable("%d CPUs online, 3 needed%.0d%s", ncpus, 0, "");
		return;
	}
	/* Warm up: ARP for the host resolved, the line on CPU 1. */
	op_cost('r', 0, &a);
	op_cost('m', cpu, &a);
	if (a.err) {
		moves_unavailable("IRQ %d to CPU %d: %s", irq, cpu, move_error(&a));
		return;
	}
	for (i = 0; i < n; i++) {
		v_round[i] = op_cost('r', 0, &a);
		if (a.err) {
			bench_print("bench: irq_round unavailable (%s)\n", strerror(a.err));
			return;
		}
	}
	report("irq_round", v_round, n);
	for (i = 0; i < n; i++) {
		cpu = cpu == 1 ? 2 : 1;
		v_total[i] = op_cost('m', cpu, &a);
		if (a.err) {
			moves_unavailable("IRQ %d to CPU %d: %s", irq, cpu, move_error(&a));
			return;
		}
		v_rounds[i] = a.rounds;
		v_write[i] = (int64_t)a.write_tsc;
	}
	{
		int64_t round = v_round[n / 2];	/* sorted by report() */

		for (i = 0; i < n; i++)
			v_net[i] = v_total[i] - v_rounds[i] * round;
	}
	report("irq_move_total", v_total, n);
	report("irq_move_rounds", v_rounds, n);
	report("irq_move_net", v_net, n);
	report("irq_affinity_write", v_write, n);
	/* The line back on CPU 1 before a CPU goes away. */
	op_cost('m', 1, &a);
}

static void hotplug(long n)
{
	char path[64];
	struct answer a;
	long i;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", hot_cpu);
	if (hot_cpu < 1 || access(path, W_OK)) {
		bench_print("bench: cpu_offline unavailable (%s: %s)\n", path,
			    hot_cpu < 1 ? "one CPU online" : strerror(errno));
		bench_print("bench: cpu_online unavailable (%s: %s)\n", path,
			    hot_cpu < 1 ? "one CPU online" : strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		v_down[i] = op_cost('d', 0, &a);
		bench_print("# bench_irqcpu: CPU %d offline: %lld counted, %llu elapsed\n", hot_cpu,
			    (long long)v_down[i], (unsigned long long)op_elapsed);
		if (a.err) {
			bench_print("bench: cpu_offline unavailable (writing 0 to %s: %s)\n", path,
				    strerror(a.err));
			bench_print("bench: cpu_online unavailable (CPU %d never went offline)\n",
				    hot_cpu);
			return;
		}
		v_up[i] = op_cost('u', 0, &a);
		bench_print("# bench_irqcpu: CPU %d online: %lld counted, %llu elapsed\n", hot_cpu,
			    (long long)v_up[i], (unsigned long long)op_elapsed);
		if (a.err) {
			bench_print("bench: cpu_offline unavailable (after it, writing 1 to %s: %s)\n",
				    path, strerror(a.err));
			bench_print("bench: cpu_online unavailable (writing 1 to %s: %s)\n", path,
				    strerror(a.err));
			return;
		}
	}
	report("cpu_offline", v_down, n);
	report("cpu_online", v_up, n);
}

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 50), cycles = argc > 2 ? atol(argv[2]) : 10;
	int ncpus = bench_online_cpus();
	struct answer a;
	long pid, i;

	if (n > MAX_SAMPLES)
		n = MAX_SAMPLES;
	if (cycles <= 0 || cycles > MAX_SAMPLES)
		cycles = 10;
	hot_cpu = ncpus - 1;
	irq = find_nic_irq();
	inet_pton(AF_INET, "10.0.2.2", &host.sin_addr);
	host.sin_port = htons(9);
	nic_sock = socket(AF_INET, SOCK_DGRAM, 0);
	if (pipe(cmd_pipe) || pipe(ans_pipe) || nic_sock < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(cmd_pipe[1]);
		close(ans_pipe[0]);
		child();
	}
	if (pid < 0)
		return 1;
	close(cmd_pipe[0]);
	close(ans_pipe[1]);
	fcntl(ans_pipe[0], F_SETFL, O_NONBLOCK);
	/*
	 * The host's cue to send an ARP request: we learn its address from it.
	 * Repeated until eth0 has received a frame: a NIC whose link is not
	 * up yet (reflex does not wait for carrier) drops what comes in.
	 */
	for (i = 0; i < 25; i++) {
		bench_print("bench_irqcpu: arp\n");
		usleep(200000);
		if (eth0_rx_packets() > 0)
			break;
	}
	idle_baseline();
	bench_print("# bench_irqcpu: IRQ %d, hot CPU %d, %d CPUs, idle rate %.6f\n", irq, hot_cpu,
		    ncpus, idle_rate);
	for (i = 0; i < n; i++)
		v_null[i] = op_cost('n', 0, &a);
	report("op_null", v_null, n);
	moves(n, ncpus);
	hotplug(cycles);
	close(cmd_pipe[1]);
	sys4(SYS_wait4, pid, NULL, 0, NULL);
	return 0;
}
