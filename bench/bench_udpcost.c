// SPDX-License-Identifier: MIT
/*
 * bench_udpcost [N]: instructions the guest spends per echoed UDP packet,
 * everything included (NIC interrupts, softirq, the stack, waking the
 * server, its recvfrom and sendto, the switches, TX completion), measured
 * from user space the same way on any kernel:
 *
 * a SCHED_OTHER spinner reads the TSC in a tight loop and keeps the CPU
 * from ever idling; whatever time it does not get (a gap between two of
 * its reads longer than GAP) was spent elsewhere. udp_echo (port 7, exits
 * after N datagrams) runs at SCHED_FIFO 1, so that it preempts the spinner
 * as soon as a packet wakes it. First the spinner measures the stolen
 * time of an idle network (timer ticks, kernel threads) over BASE cycles,
 * then prints "bench_udpcost: send N" — the host's cue to send N datagrams
 * one at a time — and measures again until udp_echo exits:
 *
 *	per packet = (stolen - idle rate * elapsed) / N
 *
 * Under QEMU's -icount shift=0 (one CPU) TSC cycles are instructions. The
 * result varies slightly from run to run, since where the packets land
 * relative to the timer ticks follows the host.
 *
 *	bench: udp_echo_per_packet mean=M n=N unit=tsc
 */
#include <sched.h>
#include <sys/wait.h>

#include "bench.h"
#include "sys.h"

#define GAP	200		/* longer than any pass of the loop below */
#define BASE	400000000ull	/* idle baseline: 0.4 s of guest time */
#define POLL	2000000ull	/* cycles between checks on udp_echo */

struct window {
	uint64_t elapsed, stolen;
};

/* Spins until @done says so (checked every POLL cycles, its cost excluded). */
static void spin(struct window *w, int (*done)(struct window *, void *), void *arg)
{
	uint64_t last = bench_rdtsc(), poll_at = last + POLL;

	for (;;) {
		uint64_t now = bench_rdtsc();

		if (now - last > GAP)
			w->stolen += now - last;
		w->elapsed += now - last;
		last = now;
		if (now >= poll_at) {
			if (done(w, arg))
				return;
			last = bench_rdtsc();
			poll_at = last + POLL;
		}
	}
}

static int base_done(struct window *w, void *arg)
{
	return w->elapsed >= BASE;
}

static int child_done(struct window *w, void *arg)
{
	long pid = *(long *)arg;
	int status;

	return sys4(SYS_wait4, pid, &status, WNOHANG, NULL) == pid;
}

int main(int argc, char **argv)
{
	long n = bench_count(argc, argv, 2000);
	struct sched_param sp = { .sched_priority = 1 };
	struct window base = { 0, 0 }, busy = { 0, 0 };
	char count[24];
	long pid;

	snprintf(count, sizeof(count), "%ld", n);
	pid = fork();
	if (pid == 0) {
		char *args[] = { "udp_echo", "7", count, NULL };

		if (sys3(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp))
			bench_print("# bench_udpcost: SCHED_FIFO refused\n");
		execve("/bin/udp_echo", args, (char *[]){ NULL });
		_exit(127);
	}
	if (pid < 0)
		return 1;
	/* Let udp_echo bind before the host is told to send. */
	usleep(100000);

	spin(&base, base_done, NULL);
	bench_print("bench_udpcost: send %ld\n", n);
	spin(&busy, child_done, &pid);

	{
		double idle_rate = (double)base.stolen / base.elapsed;
		double extra = busy.stolen - idle_rate * busy.elapsed;

		bench_print("# bench_udpcost: idle %llu/%llu stolen, busy %llu/%llu stolen\n",
			    (unsigned long long)base.stolen, (unsigned long long)base.elapsed,
			    (unsigned long long)busy.stolen, (unsigned long long)busy.elapsed);
		bench_print("bench: udp_echo_per_packet mean=%.0f n=%ld unit=tsc\n", extra / n, n);
	}
	return 0;
}
