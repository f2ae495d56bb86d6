// SPDX-License-Identifier: MIT
/*
 * Signals: sending (kill, faults), the per-process handler table, the
 * blocked mask, and picking what to deliver on the way back to user mode.
 * A signal with a handler gets an rt signal frame (arch/x86/kernel/
 * signal.c); one without gets its default action: most terminate the
 * process with the signal as its wait status; SIGCHLD, SIGURG and
 * SIGWINCH are ignored; stop signals are ignored too (no job control).
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

__noreturn void do_exit(long code);
bool setup_rt_frame(int sig, struct k_sigaction *ka, siginfo_t *info, struct pt_regs *regs);

struct signal_state *copy_signal_state(struct signal_state *old)
{
	struct signal_state *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	spin_lock_init(&s->siglock);
	if (old) {
		memcpy(s->action, old->action, sizeof(s->action));
		s->blocked = old->blocked;
		s->altstack = old->altstack;
	}
	memcpy(s->rlim, old ? old->rlim : init_rlimits, sizeof(s->rlim));
	return s;
}

/* execve: handlers point into the old image; ignored stays ignored. */
void flush_signal_handlers(struct task_struct *t)
{
	int i;

	for (i = 0; i < _NSIG; i++) {
		if (t->sig->action[i].sa_handler != SIG_IGN)
			t->sig->action[i].sa_handler = SIG_DFL;
		t->sig->action[i].sa_flags = 0;
		t->sig->action[i].sa_mask = 0;
	}
	/* No stack, and no flags: the uc_stack a handler sees is all zero. */
	t->sig->altstack = (stack_t){ 0 };
}

bool signal_pending(struct task_struct *p)
{
	return p->sig && (READ_ONCE(p->sig->pending) & ~p->sig->blocked);
}

/* SIGKILL is on its way: a killable sleep must end. */
bool fatal_signal_pending(struct task_struct *p)
{
	return p->sig && (READ_ONCE(p->sig->pending) & sigmask(SIGKILL));
}

/*
 * TIF_SIGPENDING mirrors "something unblocked is pending", so that the
 * return to user mode tests one word. Recomputed whenever either set
 * changes.
 */
void recalc_sigpending_tsk(struct task_struct *t)
{
	if (signal_pending(t))
		set_tsk_thread_flag(t, TIF_SIGPENDING);
	else
		clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

bool signal_pending_deliverable(void)
{
	return current->mm && signal_pending(current);
}

static bool sig_default_ignored(int sig);

/*
 * A signal the target ignores (SIG_IGN, or SIG_DFL whose default is to
 * ignore) is dropped at once, as Linux's sig_ignored(): left pending it
 * would interrupt sleeps (-EINTR) for nothing.
 */
static bool sig_ignored(struct task_struct *p, int sig)
{
	void *handler = p->sig->action[sig - 1].sa_handler;

	if (p->sig->blocked & sigmask(sig))
		return false;
	return handler == SIG_IGN || (handler == SIG_DFL && sig_default_ignored(sig));
}

/*
 * Linux's signal_wake_up(): an interruptible sleep (a killable one for
 * SIGKILL) ends and the syscall notices; a task running on another CPU
 * is sent into the kernel by kick_process(), so that it sees
 * TIF_SIGPENDING on its way back to user mode rather than at its next
 * system call or tick.
 */
static void signal_wake_up(struct task_struct *p, bool fatal)
{
	if (!wake_up_state(p, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0)))
		kick_process(p);
}

int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (!p->sig || p->exit_state)
		return 0;
	spin_lock_irqsave(&p->sig->siglock, flags);
	if (sig != SIGKILL && sig_ignored(p, sig)) {
		spin_unlock_irqrestore(&p->sig->siglock, flags);
		return 0;
	}
	p->sig->pending |= sigmask(sig);
	p->sig->info[sig - 1] = *info;
	recalc_sigpending_tsk(p);
	spin_unlock_irqrestore(&p->sig->siglock, flags);
	signal_wake_up(p, sig == SIGKILL);
	return 0;
}

/*
 * A signal the kernel raises for what a task asked of it (SIGXFSZ past
 * RLIMIT_FSIZE): from the current process (SI_USER) as Linux's send_sig()
 * with priv 0, or from the kernel itself (SI_KERNEL) with priv 1.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	siginfo_t info = { .si_signo = sig, .si_code = priv ? SI_KERNEL : SI_USER };

	if (!priv)
		info.kill.pid = current->pid;
	return send_sig_info(sig, &info, p);
}

/*
 * A signal current must see. A blocked or ignored one would loop on the
 * same instruction forever, so it is unblocked and its default action
 * restored, as Linux's force_sig_info_to_task() does; @sigdfl restores
 * the default even over a handler (force_fatal_sig()).
 */
static void force_sig_info_to_task(siginfo_t *info, bool sigdfl)
{
	int sig = info->si_signo;
	struct k_sigaction *ka = &current->sig->action[sig - 1];
	unsigned long flags;

	spin_lock_irqsave(&current->sig->siglock, flags);
	if (sigdfl || ka->sa_handler == SIG_IGN || (current->sig->blocked & sigmask(sig))) {
		ka->sa_handler = SIG_DFL;
		current->sig->blocked &= ~sigmask(sig);
	}
	spin_unlock_irqrestore(&current->sig->siglock, flags);
	send_sig_info(sig, info, current);
}

/* A fault the process caused, with its si_code and address. */
void force_sig_fault(int sig, int code, void *addr)
{
	siginfo_t info = { .si_signo = sig, .si_code = code };

	info.fault.addr = addr;
	force_sig_info_to_task(&info, false);
}

void force_sig(int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };

	force_sig_info_to_task(&info, false);
}

/* Whatever handler @sig has, the process dies of it. */
void force_fatal_sig(int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };

	force_sig_info_to_task(&info, true);
}

/*
 * The frame for @sig could not be written. For SIGSEGV itself the next
 * attempt would fail the same way and the process would spin here, so
 * it dies; any other signal becomes a SIGSEGV, whose handler gets one
 * try on its own stack.
 */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		force_fatal_sig(SIGSEGV);
	else
		force_sig(SIGSEGV);
}

int kill_pgrp(int pgrp, int sig, int priv);

static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT ||
	       sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static const char *const signal_names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
};

/* Deliver one pending, unblocked signal (called before returning to user mode). */
void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct signal_state *s = current->sig;
	u64 ready;
	int sig;
	struct k_sigaction ka;
	siginfo_t info;

	spin_lock_irq(&s->siglock);
	ready = s->pending & ~s->blocked;
	if (!ready) {
		recalc_sigpending_tsk(current);
		spin_unlock_irq(&s->siglock);
		return;
	}
	sig = __builtin_ctzll(ready) + 1;
	s->pending &= ~sigmask(sig);
	recalc_sigpending_tsk(current);
	info = s->info[sig - 1];
	ka = s->action[sig - 1];
	if (ka.sa_flags & SA_RESETHAND)
		s->action[sig - 1].sa_handler = SIG_DFL;
	spin_unlock_irq(&s->siglock);
	if (ka.sa_handler == SIG_IGN && sig != SIGKILL)
		return;
	if (ka.sa_handler == SIG_DFL || sig == SIGKILL) {
		if (sig_default_ignored(sig))
			return;
		pr_info("%s[%d]: killed by %s\n", current->comm, current->pid,
			sig < (int)ARRAY_SIZE(signal_names) && signal_names[sig] ?
			signal_names[sig] : "signal");
		do_exit(sig);	/* wait status: the signal number */
	}
	if (!setup_rt_frame(sig, &ka, &info, regs)) {
		force_sigsegv(sig);
		return;
	}
	set_current_blocked(s->blocked | ka.sa_mask |
			    (ka.sa_flags & SA_NODEFER ? 0 : sigmask(sig)));
}

void set_current_blocked(u64 set)
{
	struct signal_state *s = current->sig;

	spin_lock_irq(&s->siglock);
	s->blocked = set & ~UNBLOCKABLE;
	recalc_sigpending_tsk(current);
	spin_unlock_irq(&s->siglock);
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction *, act,
		struct k_sigaction *, oact, size_t, sigsetsize)
{
	struct k_sigaction new, old;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	old = current->sig->action[sig - 1];
	if (act) {
		if (copy_from_user(&new, act, sizeof(new)))
			return -EFAULT;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	if (act) {
		new.sa_mask &= ~UNBLOCKABLE;
		spin_lock_irq(&current->sig->siglock);
		current->sig->action[sig - 1] = new;
		spin_unlock_irq(&current->sig->siglock);
	}
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const u64 *, nset, u64 *, oset, size_t, sigsetsize)
{
	u64 old = current->sig->blocked, set;

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

/* @sp lies on the alternate stack (just above its base counts, its top does). */
bool __on_sig_stack(unsigned long sp)
{
	const stack_t *ss = &current->sig->altstack;

	return sp > (unsigned long)ss->ss_sp && sp - (unsigned long)ss->ss_sp <= ss->ss_size;
}

/*
 * With SS_AUTODISARM a task cannot be on its alternate stack but by
 * setting one up while on it, so it never counts as on it: a stack
 * pointer left near its end cannot keep signals from being delivered.
 */
bool on_sig_stack(unsigned long sp)
{
	return !(current->sig->altstack.ss_flags & SS_AUTODISARM) && __on_sig_stack(sp);
}

/* What sigaltstack() reports of the stack for a task at @sp. */
int sas_ss_flags(unsigned long sp)
{
	if (!current->sig->altstack.ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/*
 * Linux's do_sigaltstack(): report the old stack in @oss; take @ss
 * unless the task runs on the current one (-EPERM). A mode other than
 * 0, SS_ONSTACK (taken as 0) or SS_DISABLE is -EINVAL; the flags are
 * kept as given, as the signal frame's uc_stack shows them.
 */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	stack_t *cur = &current->sig->altstack;
	unsigned int mode;

	if (oss) {
		*oss = (stack_t){ .ss_sp = cur->ss_sp, .ss_size = cur->ss_size };
		oss->ss_flags = sas_ss_flags(sp) | (cur->ss_flags & SS_FLAG_BITS);
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;
	mode = ss->ss_flags & ~SS_FLAG_BITS;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		*cur = (stack_t){ .ss_flags = ss->ss_flags };
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	*cur = *ss;
	return 0;
}

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
 * rt_sigreturn takes the frame's uc_stack back (a handler may edit it;
 * SS_AUTODISARM is re-armed so). Only a frame it cannot read fails it.
 */
int restore_altstack(const stack_t *uss)
{
	stack_t new;

	if (copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	do_sigaltstack(&new, NULL, task_pt_regs(current)->sp);
	return 0;
}

/*
 * Sleep until a signal arrives. There is no restart machinery: the
 * -EINTR a program sees after its handler ran is returned directly.
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
	return -EINTR;
}

/*
 * kill(-1, sig): every process but init and the caller, as Linux's
 * kill_something_info(); every caller is root, so each may be signalled.
 */
static int kill_every_process(int sig, const siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int count = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || p->exit_state || p->pid <= 1 || p == current)
			continue;
		if (sig)
			send_sig_info(sig, info, p);
		count++;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return count ? 0 : -ESRCH;
}

/* One process by pid; the task list is held so that it cannot be reaped meanwhile. */
static int kill_pid_info(int pid, int sig, siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid_locked(pid);
	if (p && p->mm && !p->exit_state)
		ret = sig ? send_sig_info(sig, info, p) : 0;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };

	info.kill.pid = current->pid;
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == 0 || pid < -1)
		return sig ? kill_pgrp(pid ? -pid : current->pgrp, sig, 0) : 0;
	if (pid == -1)
		return kill_every_process(sig, &info);
	return kill_pid_info(pid, sig, &info);
}

/* Signal every process of a group; -ESRCH when the group is empty. */
int kill_pgrp(int pgrp, int sig, int priv)
{
	siginfo_t info = { .si_signo = sig, .si_code = priv ? SI_KERNEL : SI_USER };
	struct task_struct *p;
	unsigned long flags;
	int found = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->mm && !p->exit_state && p->pgrp == pgrp) {
			send_sig_info(sig, &info, p);
			found = 1;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}
