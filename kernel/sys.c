// SPDX-License-Identifier: MIT
/*
 * The small system calls: identity (one user, root), uname, reboot,
 * the thread-pointer calls musl makes at start-up, randomness, clocks
 * and sleeps, and the scheduling-policy calls — each with Linux's
 * numbers, layouts and error codes.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/hrtimer.h>
#include <linux/reboot.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/fdtable.h>
#include <asm/processor.h>
#include <asm/tsc.h>

SYSCALL_DEFINE0(getpid) { return current->pid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }
SYSCALL_DEFINE0(getppid) { return current->real_parent ? current->real_parent->pid : 0; }
SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

extern const char linux_banner[];

SYSCALL_DEFINE1(newuname, struct new_utsname *, name)
{
	struct new_utsname u = {
		.sysname = "Linux",	/* the ABI reflex speaks; "release" says who it is */
		.nodename = "reflex",
		.release = "6.1.0-reflex",
		.version = "#1 reflex",
		.machine = "x86_64",
		.domainname = "(none)",
	};

	return copy_to_user(name, &u, sizeof(u)) ? -EFAULT : 0;
}

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void *, arg)
{
	if ((u32)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_RESTART:
		machine_power_off();
	default:
		return -EINVAL;
	}
}

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		current->tls = arg2;
		wrmsr(MSR_FS_BASE, arg2);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->tls, (unsigned long *)arg2);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/* xorshift64*, seeded from the TSC and RDRAND when there is one. */
static u64 rng_state;

u64 get_random_u64(void)
{
	u64 x;

	if (!rng_state) {
		u32 a = 1, b, c, d;

		cpuid_count(1, 0, &a, &b, &c, &d);
		rng_state = rdtsc() * 0x9e3779b97f4a7c15ULL | 1;
		if (c & (1u << 30)) {
			u64 r;
			unsigned char ok;

			asm volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
			if (ok)
				rng_state ^= r | 1;
		}
	}
	x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

SYSCALL_DEFINE3(getrandom, char *, buf, size_t, count, unsigned int, flags)
{
	size_t done = 0;

	if (flags & ~0x7u)
		return -EINVAL;
	if (count > 33554431)
		count = 33554431;
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		u64 r = get_random_u64();
		size_t n = min(count - done, sizeof(r));

		if (copy_to_user(buf + done, &r, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}

struct __kernel_timespec {
	s64 tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC_ID	1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		0x01

extern s64 boot_realtime_sec;

static bool clock_is_realtime(int which)
{
	return which == CLOCK_REALTIME || which == CLOCK_REALTIME_COARSE;
}

/* Nanoseconds on clock which: monotonic since boot, or the wall clock. */
static ktime_t clock_now(int which)
{
	return ktime_get() + (clock_is_realtime(which) ? boot_realtime_sec * NSEC_PER_SEC : 0);
}

static bool clock_valid(int which)
{
	return which == CLOCK_REALTIME || which == CLOCK_MONOTONIC_ID ||
	       which == CLOCK_MONOTONIC_RAW || which == CLOCK_REALTIME_COARSE ||
	       which == CLOCK_MONOTONIC_COARSE || which == CLOCK_BOOTTIME;
}

SYSCALL_DEFINE2(clock_gettime, int, which, struct __kernel_timespec *, tp)
{
	ktime_t now = clock_now(which);
	struct __kernel_timespec ts = { now / NSEC_PER_SEC, now % NSEC_PER_SEC };

	if (!clock_valid(which))
		return -EINVAL;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_getres, int, which, struct __kernel_timespec *, tp)
{
	struct __kernel_timespec ts = { 0, 1 };

	if (!clock_valid(which))
		return -EINVAL;
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

struct __kernel_old_timeval {
	long tv_sec, tv_usec;
};

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval *, tv, void *, tz)
{
	ktime_t now = clock_now(CLOCK_REALTIME);
	struct __kernel_old_timeval t = { now / NSEC_PER_SEC, (now % NSEC_PER_SEC) / 1000 };

	return tv && copy_to_user(tv, &t, sizeof(t)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(time, long *, tloc)
{
	long t = clock_now(CLOCK_REALTIME) / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* Sleep on an hrtimer until expires (absolute ns); -EINTR on a signal. */
static long hrtimer_nanosleep(ktime_t expires, struct __kernel_timespec *rmtp)
{
	while (ktime_get() < expires) {
		if (signal_pending(current)) {
			ktime_t left = expires - ktime_get();
			struct __kernel_timespec rem = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

			if (rmtp && copy_to_user(rmtp, &rem, sizeof(rem)))
				return -EFAULT;
			return -EINTR;
		}
		schedule_hrtimeout_interruptible(&expires);
	}
	return 0;
}

static long get_timespec_ns(const struct __kernel_timespec *uts, ktime_t *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*ns = ts.tv_sec > 9000000000LL ? (ktime_t)1 << 62 : ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec *, rqtp, struct __kernel_timespec *, rmtp)
{
	ktime_t ns;
	long err = get_timespec_ns(rqtp, &ns);

	return err ?: hrtimer_nanosleep(ktime_get() + ns, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, int, which, int, flags,
		struct __kernel_timespec *, rqtp, struct __kernel_timespec *, rmtp)
{
	ktime_t ns;
	long err;

	if (!clock_valid(which))
		return -EINVAL;
	err = get_timespec_ns(rqtp, &ns);
	if (err)
		return err;
	/* An absolute wall-clock time becomes the monotonic one it will be. */
	if ((flags & TIMER_ABSTIME) && clock_is_realtime(which))
		ns -= boot_realtime_sec * NSEC_PER_SEC;
	return hrtimer_nanosleep(flags & TIMER_ABSTIME ? ns : ktime_get() + ns,
				 flags & TIMER_ABSTIME ? NULL : rmtp);
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

#define SETPARAM_POLICY		-1	/* sched_setparam(): keep the task's policy */

static long do_sched_setscheduler(int pid, int policy, struct sched_param __user *param)
{
	struct task_struct *p;
	struct sched_param sp;
	long ret;

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&sp, param, sizeof(sp)))
		return -EFAULT;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	if (policy == SETPARAM_POLICY)
		policy = p->policy;
	ret = sched_setscheduler(p, policy, &sp);
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE3(sched_setscheduler, int, pid, int, policy, struct sched_param *, param)
{
	/* Masking bit 30 off leaves no way to name SETPARAM_POLICY from here. */
	return do_sched_setscheduler(pid, policy & ~0x40000000 /* SCHED_RESET_ON_FORK */, param);
}

SYSCALL_DEFINE1(sched_getscheduler, int, pid)
{
	struct task_struct *p;
	long ret;

	if (pid < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	ret = p->policy;
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE2(sched_setparam, int, pid, struct sched_param *, param)
{
	return do_sched_setscheduler(pid, SETPARAM_POLICY, param);
}

SYSCALL_DEFINE2(sched_getparam, int, pid, struct sched_param *, param)
{
	struct task_struct *p;
	struct sched_param sp;

	if (!param || pid < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	sp.sched_priority = p->rt_priority;
	put_task_struct(p);
	return copy_to_user(param, &sp, sizeof(sp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR ? 99 :
	       policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE ? 0 : -EINVAL;
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR ? 1 :
	       policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE ? 0 : -EINVAL;
}

/* Everything is in memory: nothing to write back. */
SYSCALL_DEFINE0(sync)
{
	return 0;
}

/* Process groups and sessions: enough for shells and job-control signals. */
SYSCALL_DEFINE0(getpgrp)
{
	return current->pgrp;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	struct task_struct *p = find_get_task(pid);
	long ret;

	if (!p)
		return -ESRCH;
	ret = p->mm ? (long)p->pgrp : -ESRCH;
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task_struct *p;
	long ret = 0;

	if (pgid < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	if (!p->mm || (p != current && p->real_parent != current))
		ret = -ESRCH;
	else if (p->session == p->pid)
		ret = -EPERM;		/* a session leader stays in its group */
	else
		p->pgrp = pgid ? pgid : p->pid;
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE0(setsid)
{
	if (current->pgrp == current->pid)
		return -EPERM;
	current->pgrp = current->session = current->pid;
	return current->pid;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	struct task_struct *p = find_get_task(pid);
	long ret;

	if (!p)
		return -ESRCH;
	ret = p->mm ? (long)p->session : -ESRCH;
	put_task_struct(p);
	return ret;
}

/* Linux's INIT_RLIMITS; RLIMIT_NPROC and RLIMIT_SIGPENDING follow max_threads. */
struct rlimit init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK]		= { 8UL << 20, RLIM_INFINITY },
	[RLIMIT_CORE]		= { 0, RLIM_INFINITY },
	[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC]		= { 0, 0 },
	[RLIMIT_NOFILE]		= { 1024, 4096 },
	[RLIMIT_MEMLOCK]	= { 8UL << 20, 8UL << 20 },
	[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING]	= { 0, 0 },
	[RLIMIT_MSGQUEUE]	= { 819200, 819200 },
	[RLIMIT_NICE]		= { 0, 0 },
	[RLIMIT_RTPRIO]		= { 0, 0 },
	[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },
};


static const struct rlimit *task_rlimits(const struct task_struct *task)
{
	return task->sig ? task->sig->rlim : init_rlimits;
}

unsigned long task_rlimit(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task_rlimits(task)[limit].rlim_cur);
}

unsigned long task_rlimit_max(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task_rlimits(task)[limit].rlim_max);
}

unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(current, limit);
}

unsigned long rlimit_max(unsigned int limit)
{
	return task_rlimit_max(current, limit);
}

/*
 * Read and optionally replace one limit of tsk. Every caller runs as root,
 * which holds CAP_SYS_RESOURCE, so raising a hard limit is allowed; only
 * the ceilings Linux applies even to root remain.
 */
int do_prlimit(struct task_struct *tsk, unsigned int resource,
	       struct rlimit *new_rlim, struct rlimit *old_rlim)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > NR_OPEN_SYSCTL)
			return -EPERM;
	}
	if (!tsk->sig)
		return -ESRCH;		/* a kernel thread or a reaped task */
	rlim = &tsk->sig->rlim[resource];
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	struct rlimit value;
	int ret = do_prlimit(current, resource, NULL, &value);

	if (!ret && copy_to_user(rlim, &value, sizeof(value)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit *, rlim)
{
	struct rlimit value;

	if (copy_from_user(&value, rlim, sizeof(value)))
		return -EFAULT;
	return do_prlimit(current, resource, &value, NULL);
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource,
		const struct rlimit64 *, new_rlim, struct rlimit64 *, old_rlim)
{
	struct rlimit64 new64, old64;
	struct rlimit new, old;
	struct task_struct *tsk;
	int ret;

	if (new_rlim) {
		if (copy_from_user(&new64, new_rlim, sizeof(new64)))
			return -EFAULT;
		new.rlim_cur = new64.rlim_cur;
		new.rlim_max = new64.rlim_max;
	}
	tsk = find_get_task(pid);
	if (!tsk)
		return -ESRCH;
	ret = do_prlimit(tsk, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
	put_task_struct(tsk);
	if (ret || !old_rlim)
		return ret;
	old64.rlim_cur = old.rlim_cur;
	old64.rlim_max = old.rlim_max;
	return copy_to_user(old_rlim, &old64, sizeof(old64)) ? -EFAULT : 0;
}
