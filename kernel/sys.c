// SPDX-License-Identifier: MIT
/*
 * The small system calls: identity (one user, root), uname, reboot,
 * the thread calls musl makes at start-up (arch_prctl, the thread
 * pointer, is arch/x86/kernel/process_64.c's), randomness, clocks
 * and sleeps, the scheduling-policy calls, resource limits and usage,
 * sysinfo and personality — each with Linux's numbers, layouts and
 * error codes. The limits are enforced where they bind: mm/ (RLIMIT_AS,
 * RLIMIT_STACK), fs/ (RLIMIT_FSIZE, RLIMIT_NOFILE), fork (RLIMIT_NPROC)
 * and the tick (RLIMIT_CPU, kernel/time/posix-cpu-timers.c).
 */
#include <linux/kernel.h>
#include <linux/utsname.h>
#include <linux/tty.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/hrtimer.h>
#include <linux/reboot.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/fdtable.h>
#include <linux/uio.h>
#include <linux/mm.h>
#include <linux/sched/loadavg.h>
#include <asm/processor.h>
#include <asm/tsc.h>

SYSCALL_DEFINE0(getpid) { return current->tgid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }

SYSCALL_DEFINE0(getppid)
{
	struct task_struct *parent = READ_ONCE(current->group_leader->real_parent);

	return parent ? parent->tgid : 0;
}
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
		.sysname = UTS_SYSNAME,
		.nodename = UTS_NODENAME,
		.release = UTS_RELEASE,
		.version = UTS_VERSION,
		.machine = "x86_64",
		.domainname = UTS_DOMAINNAME,
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

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

/*
 * The generator is ready from boot, so GRND_NONBLOCK never has to say
 * -EAGAIN and GRND_RANDOM draws from the same pool, as on Linux 5.6+.
 * A long request stops early for a signal, with what it has.
 */
SYSCALL_DEFINE3(getrandom, char *, buf, size_t, count, unsigned int, flags)
{
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	count = min(count, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		u64 r = get_random_u64();
		size_t n = min(count - done, sizeof(r));

		if (copy_to_user(buf + done, &r, n))
			return done ? (long)done : -EFAULT;
		done += n;
		if (!(done & (PAGE_SIZE - 1)) && done < count) {
			if (signal_pending(current))
				return done;
			cond_resched();
		}
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

/*
 * Sleep on an hrtimer until @expires (absolute monotonic ns). A signal
 * ends the sleep with the time left in @rmtp and -ERESTART_RESTARTBLOCK;
 * Linux's do_nanosleep().
 */
static long do_nanosleep(ktime_t expires, struct __kernel_timespec __user *rmtp)
{
	while (ktime_get() < expires) {
		if (signal_pending(current)) {
			ktime_t left = expires - ktime_get();
			struct __kernel_timespec rem = { 0 };

			if (left > 0)
				rem = (struct __kernel_timespec){ left / NSEC_PER_SEC, left % NSEC_PER_SEC };
			if (rmtp && copy_to_user(rmtp, &rem, sizeof(rem)))
				return -EFAULT;
			return -ERESTART_RESTARTBLOCK;
		}
		schedule_hrtimeout_interruptible(&expires);
	}
	return 0;
}

/* restart_syscall() after a stop or an ignored signal: the same end time as before. */
static long hrtimer_nanosleep_restart(struct restart_block *restart)
{
	return do_nanosleep(restart->nanosleep.expires, restart->nanosleep.rmtp);
}

/*
 * An absolute sleep simply runs again when no handler ran
 * (-ERESTARTNOHAND); a relative one must not start over with its whole
 * length, so it leaves its end time in the restart block.
 */
static long hrtimer_nanosleep(ktime_t expires, struct __kernel_timespec __user *rmtp, bool abs)
{
	struct restart_block *restart = &current->restart_block;
	long ret = do_nanosleep(expires, rmtp);

	if (ret != -ERESTART_RESTARTBLOCK)
		return ret;
	if (abs)
		return -ERESTARTNOHAND;
	restart->nanosleep.expires = expires;
	restart->nanosleep.rmtp = rmtp;
	set_restart_fn(restart, hrtimer_nanosleep_restart);
	return ret;
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

	return err ?: hrtimer_nanosleep(ktime_get() + ns, rmtp, false);
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
				 flags & TIMER_ABSTIME ? NULL : rmtp, flags & TIMER_ABSTIME);
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

struct sched_attr {
	u32 size;			/* of the caller's struct: grows by versions */
	u32 sched_policy;
	u64 sched_flags;
	s32 sched_nice;			/* SCHED_NORMAL, SCHED_BATCH */
	u32 sched_priority;		/* SCHED_FIFO, SCHED_RR */
	u64 sched_runtime, sched_deadline, sched_period;	/* SCHED_DEADLINE */
	u32 sched_util_min, sched_util_max;	/* utilisation clamps (VER1) */
};

#define SCHED_ATTR_SIZE_VER0	48
#define SCHED_ATTR_SIZE_VER1	56

#define SCHED_FLAG_RESET_ON_FORK	0x01
#define SCHED_FLAG_KEEP_POLICY		0x08
#define SCHED_FLAG_KEEP_PARAMS		0x10
#define SCHED_FLAG_UTIL_CLAMP		0x60	/* _MIN | _MAX */
#define SCHED_FLAG_ALL			0x7f

/*
 * Linux's rule for a struct that grows: a shorter one is the older
 * version, a longer one is accepted only if the part this kernel does not
 * know is zero. A size it refuses is written back with -E2BIG.
 */
static int sched_copy_attr(struct sched_attr __user *uattr, struct sched_attr *attr)
{
	u32 size, i;

	if (get_user(size, &uattr->size))
		return -EFAULT;
	if (!size)
		size = SCHED_ATTR_SIZE_VER0;
	if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE)
		goto err_size;
	memset(attr, 0, sizeof(*attr));
	if (copy_from_user(attr, uattr, min(size, (u32)sizeof(*attr))))
		return -EFAULT;
	for (i = sizeof(*attr); i < size; i++) {
		u8 b;

		if (get_user(b, (u8 __user *)uattr + i))
			return -EFAULT;
		if (b)
			goto err_size;
	}
	attr->size = size;
	if ((attr->sched_flags & SCHED_FLAG_UTIL_CLAMP) && size < SCHED_ATTR_SIZE_VER1)
		return -EINVAL;
	attr->sched_nice = min(max(attr->sched_nice, -20), 19);
	return 0;
err_size:
	put_user((u32)sizeof(*attr), &uattr->size);
	return -E2BIG;
}

static int task_nice_of(const struct task_struct *p)
{
	return p->static_prio - DEFAULT_PRIO;
}

/*
 * reflex has no SCHED_DEADLINE and no utilisation clamping: the first
 * is refused as an unknown policy, the second as Linux built without
 * CONFIG_UCLAMP_TASK refuses it. SCHED_FLAG_RESET_ON_FORK is accepted
 * but not kept, as sched_setscheduler()'s SCHED_RESET_ON_FORK here.
 */
static long sched_setattr(struct task_struct *p, struct sched_attr *attr)
{
	struct sched_param sp = { .sched_priority = attr->sched_priority };
	int policy = attr->sched_policy;
	long ret;

	if (attr->sched_flags & ~SCHED_FLAG_ALL)
		return -EINVAL;
	if (attr->sched_flags & SCHED_FLAG_UTIL_CLAMP)
		return -EOPNOTSUPP;
	if (attr->sched_flags & SCHED_FLAG_KEEP_POLICY)
		policy = p->policy;
	if (attr->sched_flags & SCHED_FLAG_KEEP_PARAMS) {
		sp.sched_priority = p->rt_priority;
		attr->sched_nice = task_nice_of(p);
	}
	ret = sched_setscheduler(p, policy, &sp);
	if (!ret && (policy == SCHED_NORMAL || policy == SCHED_BATCH))
		set_user_nice(p, attr->sched_nice);
	return ret;
}

SYSCALL_DEFINE3(sched_setattr, int, pid, struct sched_attr *, uattr, unsigned int, flags)
{
	struct sched_attr attr;
	struct task_struct *p;
	long ret;

	if (!uattr || pid < 0 || flags)
		return -EINVAL;
	ret = sched_copy_attr(uattr, &attr);
	if (ret)
		return ret;
	if ((int)attr.sched_policy < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	ret = sched_setattr(p, &attr);
	put_task_struct(p);
	return ret;
}

/* Writes min(usize, what reflex knows) bytes; size says how many. */
SYSCALL_DEFINE4(sched_getattr, int, pid, struct sched_attr *, uattr, unsigned int, usize,
		unsigned int, flags)
{
	struct sched_attr attr = { 0 };
	struct task_struct *p;

	if (!uattr || pid < 0 || usize > PAGE_SIZE || usize < SCHED_ATTR_SIZE_VER0 || flags)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	attr.sched_policy = p->policy;
	if (p->policy == SCHED_FIFO || p->policy == SCHED_RR)
		attr.sched_priority = p->rt_priority;
	else
		attr.sched_nice = task_nice_of(p);
	put_task_struct(p);
	attr.size = min(usize, (u32)sizeof(attr));
	return copy_to_user(uattr, &attr, attr.size) ? -EFAULT : 0;
}

/* RR's quantum; FIFO has none (0); a normal task's is reflex's tick-long slice. */
SYSCALL_DEFINE2(sched_rr_get_interval, int, pid, struct __kernel_timespec *, interval)
{
	struct __kernel_timespec ts = { 0, 0 };
	struct task_struct *p;
	u64 ns = 0;

	if (pid < 0)
		return -EINVAL;
	p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	if (p->policy == SCHED_RR)
		ns = (u64)RR_TIMESLICE * (NSEC_PER_SEC / HZ);
	else if (p->policy != SCHED_FIFO)
		ns = (u64)NORMAL_TIMESLICE * (NSEC_PER_SEC / HZ);
	put_task_struct(p);
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
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

/* The process group and session belong to the process: every thread's copy changes. */
static void set_process_pgrp(struct task_struct *p, int pgrp, int session)
{
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_thread(p, t) {
		t->pgrp = pgrp;
		t->session = session;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
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
	if (!p->mm || (p->tgid != current->tgid &&
		       p->group_leader->real_parent != current->group_leader))
		ret = -ESRCH;
	else if (p->session == p->tgid)
		ret = -EPERM;		/* a session leader stays in its group */
	else
		set_process_pgrp(p, pgid ? pgid : p->tgid, p->session);
	put_task_struct(p);
	return ret;
}

SYSCALL_DEFINE0(setsid)
{
	if (current->pgrp == current->tgid)
		return -EPERM;
	set_process_pgrp(current, current->tgid, current->tgid);
	proc_clear_tty(current);
	return current->tgid;
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
	return task->signal ? task->signal->rlim : init_rlimits;
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
	if (!tsk->signal)
		return -ESRCH;		/* a kernel thread */
	rlim = &tsk->signal->rlim[resource];
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

/* --- resource usage, system figures, personality ---------------------------------- */

static void getrusage_task(struct task_struct *p, int who, struct rusage *r);

void rusage_reap_child(struct task_struct *parent, struct task_struct *child,
		       struct rusage *ru)
{
	if (ru)
		getrusage_task(child, RUSAGE_BOTH, ru);
	parent->cutime += child->utime + child->cutime;
	parent->cstime += child->stime + child->cstime;
	parent->cmin_flt += child->min_flt + child->cmin_flt;
	parent->cnvcsw += child->nvcsw + child->cnvcsw;
	parent->cnivcsw += child->nivcsw + child->cnivcsw;
	parent->cmaxrss = max(parent->cmaxrss, max(child->maxrss, child->cmaxrss));
}

static void ns_to_rusage_time(u64 ns, long *sec, long *usec)
{
	*sec = ns / NSEC_PER_SEC;
	*usec = (ns % NSEC_PER_SEC) / 1000;
}

/*
 * A task's own figures (RUSAGE_SELF, RUSAGE_THREAD: both are the calling
 * thread's alone, not summed over its thread group), its reaped
 * children's, or both summed.
 */
static void getrusage_task(struct task_struct *p, int who, struct rusage *r)
{
	bool self = who != RUSAGE_CHILDREN, kids = who == RUSAGE_CHILDREN || who == RUSAGE_BOTH;

	memset(r, 0, sizeof(*r));
	ns_to_rusage_time((self ? p->utime : 0) + (kids ? p->cutime : 0),
			  &r->ru_utime.tv_sec, &r->ru_utime.tv_usec);
	ns_to_rusage_time((self ? p->stime : 0) + (kids ? p->cstime : 0),
			  &r->ru_stime.tv_sec, &r->ru_stime.tv_usec);
	r->ru_minflt = (self ? p->min_flt : 0) + (kids ? p->cmin_flt : 0);
	r->ru_nvcsw = (self ? p->nvcsw : 0) + (kids ? p->cnvcsw : 0);
	r->ru_nivcsw = (self ? p->nivcsw : 0) + (kids ? p->cnivcsw : 0);
	r->ru_maxrss = max(self ? p->maxrss : 0, kids ? p->cmaxrss : 0);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage *, ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	getrusage_task(current, who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

#define USER_HZ		100	/* the clock_t unit of times() and /proc */

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

static long ns_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* Returns clock ticks since boot: POSIX leaves the origin open. */
SYSCALL_DEFINE1(times, struct tms *, tbuf)
{
	struct tms t = {
		.tms_utime = ns_to_clock_t(current->utime),
		.tms_stime = ns_to_clock_t(current->stime),
		.tms_cutime = ns_to_clock_t(current->cutime),
		.tms_cstime = ns_to_clock_t(current->cstime),
	};

	if (tbuf && copy_to_user(tbuf, &t, sizeof(t)))
		return -EFAULT;
	return ns_to_clock_t(ktime_get());
}

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 min load averages, << SI_LOAD_SHIFT */
	unsigned long totalram, freeram, sharedram, bufferram;	/* in mem_unit */
	unsigned long totalswap, freeswap;
	u16 procs;			/* tasks */
	u16 pad;
	unsigned long totalhigh, freehigh;
	u32 mem_unit;
};
_Static_assert(sizeof(struct sysinfo) == 112, "Linux's x86-64 struct sysinfo");

#define SI_LOAD_SHIFT	16

/*
 * Memory in bytes (mem_unit 1), as Linux reports whenever the totals fit
 * an unsigned long; no swap, no high memory, and no page cache reflex
 * would count as buffers.
 */
SYSCALL_DEFINE1(sysinfo, struct sysinfo *, info)
{
	ktime_t up = ktime_get();
	struct sysinfo si;
	int i;

	memset(&si, 0, sizeof(si));
	si.uptime = up / NSEC_PER_SEC + !!(up % NSEC_PER_SEC);
	for (i = 0; i < 3; i++)
		si.loads[i] = READ_ONCE(avenrun[i]) << (SI_LOAD_SHIFT - FSHIFT);
	si.totalram = totalram_pages() << PAGE_SHIFT;
	si.freeram = nr_free_pages() << PAGE_SHIFT;
	si.procs = min(READ_ONCE(nr_threads), 0xffff);
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

#define PER_QUERY	0xffffffffU	/* personality(): read without changing */

/*
 * The execution domain is stored and inherited, nothing more: reflex has
 * one ABI and no address-space randomisation for ADDR_NO_RANDOMIZE to
 * turn off.
 */
SYSCALL_DEFINE1(personality, unsigned int, personality)
{
	unsigned int old = current->personality;

	if (personality != PER_QUERY)
		current->personality = personality;
	return old;
}

/* prctl() options (uapi/linux/prctl.h) */
#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_SET_NAME		15
#define PR_GET_NAME		16

/*
 * prctl(): the parent-death signal and the thread's name. Any other option
 * is -EINVAL, Linux's answer for an option it does not know.
 */
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	char comm[TASK_COMM_LEN];
	long len;

	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_SET_NAME:
		/* Cut to 15 characters, as Linux; the name need not end in time. */
		len = strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1);
		if (len < 0)
			return len;
		comm[len] = '\0';
		task_lock(current);
		memcpy(current->comm, comm, sizeof(comm));
		task_unlock(current);
		return 0;
	case PR_GET_NAME:
		task_lock(current);
		memcpy(comm, current->comm, sizeof(comm));
		task_unlock(current);
		return copy_to_user((char __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	}
	return -EINVAL;
}
