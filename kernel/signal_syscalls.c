// SPDX-License-Identifier: MIT
/*
 * The signal system calls, with Linux's numbers, layouts and errors:
 * handlers and masks (rt_sigaction, rt_sigprocmask, sigaltstack),
 * sending (kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo) and
 * waiting (pause, rt_sigsuspend, rt_sigtimedwait, rt_sigpending).
 * Queueing and delivery are kernel/signal.c's. Every task runs as root,
 * so every process may signal every other.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/ktime.h>

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

static bool valid_signal(int sig)
{
	return sig >= 0 && sig <= _NSIG;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction *, act,
		struct k_sigaction *, oact, size_t, sigsetsize)
{
	struct sighand_struct *sighand = current->sighand;
	struct k_sigaction new, old;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (act) {
		if (copy_from_user(&new, act, sizeof(new)))
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
	}
	spin_lock_irq(&sighand->siglock);
	old = sighand->action[sig - 1];
	if (act) {
		new.sa_mask &= ~UNBLOCKABLE;
		sighand->action[sig - 1] = new;
	}
	spin_unlock_irq(&sighand->siglock);
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const u64 *, nset, u64 *, oset, size_t, sigsetsize)
{
	u64 old = current->blocked, set;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&set, nset, sizeof(set)))
			return -EFAULT;
		switch (how) {
		case SIG_BLOCK:
			set |= old;
			break;
		case SIG_UNBLOCK:
			set = old & ~set;
			break;
		case SIG_SETMASK:
			break;
		default:
			return -EINVAL;
		}
		set_current_blocked(set);
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Per thread, as Linux: each thread of a process has its own alternate stack. */
SYSCALL_DEFINE2(sigaltstack, const stack_t *, uss, stack_t *, uoss)
{
	unsigned long sp = task_pt_regs(current)->sp;
	stack_t new, old;
	int err;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, sp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}


/*
 * Sleep until a signal arrives: -EINTR once a handler has run; a signal
 * that ran none (a stop and SIGCONT, one a tracer took) sleeps again.
 */
SYSCALL_DEFINE0(pause)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

/*
 * Wait with @newset blocked; the handler that ends the wait runs with
 * it, and its sigreturn (or the return to user mode, for no handler)
 * puts the caller's mask back.
 */
SYSCALL_DEFINE2(rt_sigsuspend, const u64 *, unewset, size_t, sigsetsize)
{
	u64 newset;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(newset);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	current->restore_sigmask = true;
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigpending, u64 *, uset, size_t, sigsetsize)
{
	struct task_struct *t = current;
	u64 set;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	spin_lock_irq(&t->sighand->siglock);
	set = (t->pending.signal | t->signal->shared_pending.signal) & t->blocked;
	spin_unlock_irq(&t->sighand->siglock);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

struct __kernel_timespec_sig {
	s64 tv_sec;
	long long tv_nsec;
};

SYSCALL_DEFINE4(rt_sigtimedwait, const u64 *, uthese, siginfo_t *, uinfo,
		const struct __kernel_timespec_sig *, uts, size_t, sigsetsize)
{
	struct __kernel_timespec_sig ts;
	ktime_t timeout;
	siginfo_t info;
	u64 these;
	int ret;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		timeout = ts.tv_sec > 9000000000LL ? (ktime_t)1 << 62 :
			  ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	}
	ret = do_sigtimedwait(these, &info, uts ? &timeout : NULL);
	if (ret > 0 && uinfo && copy_to_user(uinfo, &info, sizeof(info)))
		return -EFAULT;
	return ret;
}

/*
 * kill(-1, sig): every process but init and the caller, as Linux's
 * kill_something_info(), once per process (its leader stands for it).
 */
static int kill_every_process(int sig, const siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int count = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || !thread_group_leader(p) || p->exit_state || p->tgid <= 1 ||
		    p->tgid == current->tgid)
			continue;
		if (sig)
			send_sig_info(sig, info, p);
		count++;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return count ? 0 : -ESRCH;
}

/*
 * @pid's process; a thread id names its process too, as on Linux. The
 * task list is held so that it cannot be reaped meanwhile.
 */
static int kill_pid_info(int pid, int sig, const siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid_locked(pid);
	if (p && p->signal && p->exit_state != EXIT_DEAD)
		ret = sig ? send_sig_info(sig, info, p) : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* kill_pgrp() with tasklist_lock held: whether the group has a live process. */
bool kill_pgrp_locked(int pgrp, int sig, int priv)
{
	siginfo_t info = { .si_signo = sig, .si_code = priv ? SI_KERNEL : SI_USER };
	struct task_struct *p;
	bool found = false;

	if (!priv)
		info.kill.pid = current->tgid;
	list_for_each_entry(p, &task_list, tasks)
		if (p->mm && thread_group_leader(p) && !p->exit_state && p->pgrp == pgrp) {
			if (sig)
				send_sig_info(sig, &info, p);
			found = true;
		}
	return found;
}

/* Signal every process of a group; -ESRCH when the group is empty. */
int kill_pgrp(int pgrp, int sig, int priv)
{
	unsigned long flags;
	bool found;

	spin_lock_irqsave(&tasklist_lock, flags);
	found = kill_pgrp_locked(pgrp, sig, priv);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };

	info.kill.pid = current->tgid;
	if (!valid_signal(sig))
		return -EINVAL;
	if (pid == 0 || pid < -1)
		return kill_pgrp(pid ? -pid : current->pgrp, sig, 0);
	if (pid == -1)
		return kill_every_process(sig, &info);
	return kill_pid_info(pid, sig, &info);
}

/*
 * To one thread: @tid, in process @tgid unless that is -1 (tkill). A
 * thread already exiting is still found (ESRCH only once it is gone).
 */
static int do_send_specific(int tgid, int tid, int sig, const siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid_locked(tid);
	if (p && p->signal && (tgid <= 0 || p->tgid == tgid) && p->exit_state != EXIT_DEAD) {
		ret = 0;
		if (sig && !p->exit_state)
			ret = do_send_sig_info(sig, info, p, false);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static int do_tkill(int tgid, int pid, int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_TKILL };

	info.kill.pid = current->tgid;
	return do_send_specific(tgid, pid, sig, &info);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0 || !valid_signal(sig))
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, int, pid, int, sig)
{
	if (pid <= 0 || !valid_signal(sig))
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

/*
 * A siginfo from user space. It may claim to come from the kernel or
 * from kill() (si_code >= 0) or tkill (SI_TKILL) only when sent to the
 * caller itself (its thread id, as Linux compares): anything else could forge another sender.
 */
static int copy_siginfo_from_user_checked(siginfo_t *info, const siginfo_t *uinfo,
					  int sig, int target)
{
	if (copy_from_user(info, uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && target != current->pid)
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

SYSCALL_DEFINE3(rt_sigqueueinfo, int, pid, int, sig, siginfo_t *, uinfo)
{
	siginfo_t info;
	int ret = copy_siginfo_from_user_checked(&info, uinfo, sig, pid);

	if (ret)
		return ret;
	if (!valid_signal(sig))
		return -EINVAL;
	return pid > 0 ? kill_pid_info(pid, sig, &info) : -ESRCH;
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, int, tgid, int, pid, int, sig, siginfo_t *, uinfo)
{
	siginfo_t info;
	int ret;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	ret = copy_siginfo_from_user_checked(&info, uinfo, sig, pid);
	if (ret)
		return ret;
	if (!valid_signal(sig))
		return -EINVAL;
	return do_send_specific(tgid, pid, sig, &info);
}
