// SPDX-License-Identifier: MIT
/*
 * Signals: sending, queueing and delivering them, as Linux does for
 * thread groups. A signal is for one thread (a fault, tkill, tgkill) or
 * for the process (kill, sigqueue, SIGCHLD); a process-directed one waits
 * in the group's shared_pending and complete_signal() wakes one thread
 * that does not block it. On the way back to user mode get_signal()
 * takes the thread's own signals first, then the shared ones: a handler
 * gets an rt signal frame (arch/x86/kernel/signal.c); a default action
 * ignores, stops the whole group (group stop, until SIGCONT) or ends it
 * (do_group_exit(), the signal as the wait status). The handler table
 * (sighand_struct) and the process state (signal_struct) are shared by
 * the threads; blocked, pending and the alternate stack are per thread.
 * The signal system calls live in kernel/signal_syscalls.c.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/posix-timers.h>
#include <linux/signalfd.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/hrtimer.h>
#include <linux/ptrace.h>
#include <trace/events/signal.h>

#define UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
			  sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(31 /* SIGSYS */))
#define STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))
#define IGNORE_MASK	(sigmask(SIGCHLD) | sigmask(SIGURG) | sigmask(SIGWINCH) | sigmask(SIGCONT))

__noreturn void do_exit(long code);

/* Queued siginfos of the one user (every task is root): RLIMIT_SIGPENDING counts them. */
static int nr_sigqueued;

static bool sig_kernel_stop(int sig)
{
	return sig < SIGRTMIN && (STOP_MASK & sigmask(sig));
}

static bool sig_kernel_ignore(int sig)
{
	return sig < SIGRTMIN && (IGNORE_MASK & sigmask(sig));
}

static struct k_sigaction *sig_action(struct task_struct *t, int sig)
{
	return &t->sighand->action[sig - 1];
}

/* --- the shared structures -------------------------------------------- */

/**
 * copy_sighand - the new task's handler table
 * @clone_flags: CLONE_SIGHAND shares the caller's; otherwise a copy
 * @p: the new task
 *
 * Return: 0 or -ENOMEM.
 */
int copy_sighand(unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sh;

	if (clone_flags & CLONE_SIGHAND) {
		__atomic_fetch_add(&current->sighand->count, 1, __ATOMIC_RELAXED);
		p->sighand = current->sighand;
		return 0;
	}
	sh = kzalloc(sizeof(*sh), GFP_KERNEL);
	if (!sh)
		return -ENOMEM;
	sh->count = 1;
	spin_lock_init(&sh->siglock);
	if (current->sighand) {
		spin_lock_irq(&current->sighand->siglock);
		memcpy(sh->action, current->sighand->action, sizeof(sh->action));
		spin_unlock_irq(&current->sighand->siglock);
	}
	p->sighand = sh;
	return 0;
}

void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (sighand && !__atomic_sub_fetch(&sighand->count, 1, __ATOMIC_ACQ_REL))
		kfree(sighand);
}

/**
 * copy_signal - the new task's process state
 * @clone_flags: CLONE_THREAD joins the caller's group; otherwise a new
 *	group with the caller's resource limits
 * @p: the new task, already given its thread-group fields
 *
 * Return: 0 or -ENOMEM.
 */
int copy_signal(unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		__atomic_fetch_add(&current->signal->sigcnt, 1, __ATOMIC_RELAXED);
		p->signal = current->signal;
		return 0;
	}
	sig = kzalloc(sizeof(*sig), GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	sig->sigcnt = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	INIT_LIST_HEAD(&sig->shared_pending.list);
	INIT_LIST_HEAD(&sig->posix_timers);
	mutex_init(&sig->timers_mutex);
	spin_lock_init(&sig->timers_lock);
	itimer_init(sig);
	/* An alarm set before fork is the parent's alone. */
	memcpy(sig->rlim, current->signal ? current->signal->rlim : init_rlimits,
	       sizeof(sig->rlim));
	sig->tty = current->signal ? READ_ONCE(current->signal->tty) : NULL;
	p->signal = sig;
	return 0;
}

void put_signal_struct(struct signal_struct *sig)
{
	if (!sig || __atomic_sub_fetch(&sig->sigcnt, 1, __ATOMIC_ACQ_REL))
		return;
	flush_sigqueue(&sig->shared_pending);
	kfree(sig);
}

/* execve: handlers point into the old image; ignored stays ignored. */
void flush_signal_handlers(struct task_struct *t)
{
	struct k_sigaction *ka = t->sighand->action;
	int i;

	spin_lock_irq(&t->sighand->siglock);
	for (i = 0; i < _NSIG; i++) {
		if (ka[i].sa_handler != SIG_IGN)
			ka[i].sa_handler = SIG_DFL;
		ka[i].sa_flags = 0;
		ka[i].sa_mask = 0;
	}
	spin_unlock_irq(&t->sighand->siglock);
	/* No stack, and no flags: the uc_stack a handler sees is all zero. */
	t->altstack = (stack_t){ 0 };
}

/* --- queues -------------------------------------------------------------- */

/*
 * One queued siginfo for @t. Past RLIMIT_SIGPENDING only signals whose
 * loss of siginfo Linux accepts get through (@override_rlimit): then the
 * bit alone is set.
 */
static struct sigqueue *sigqueue_alloc(struct task_struct *t, bool override_rlimit)
{
	struct sigqueue *q;
	int n = __atomic_add_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED);

	if (!override_rlimit && n > (long)task_rlimit(t, RLIMIT_SIGPENDING)) {
		q = NULL;
	} else if (t->sigqueue_cache) {
		q = t->sigqueue_cache;
		t->sigqueue_cache = NULL;
	} else {
		q = kmalloc(sizeof(*q), GFP_ATOMIC);
	}
	if (!q)
		__atomic_sub_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED);
	return q;
}

static void sigqueue_free(struct sigqueue *q)
{
	__atomic_sub_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED);
	kfree(q);
}

void flush_sigqueue(struct sigpending *queue)
{
	struct sigqueue *q, *n;

	queue->signal = 0;
	list_for_each_entry_safe(q, n, &queue->list, list) {
		list_del(&q->list);
		sigqueue_free(q);
	}
}

/* Drop every instance of the signals in @mask from @s. */
static void flush_sigqueue_mask(u64 mask, struct sigpending *s)
{
	struct sigqueue *q, *n;

	if (!(s->signal & mask))
		return;
	s->signal &= ~mask;
	list_for_each_entry_safe(q, n, &s->list, list)
		if (mask & sigmask(q->info.si_signo)) {
			list_del(&q->list);
			sigqueue_free(q);
		}
}

/*
 * A sigqueue current has dequeued is kept for the next signal to it
 * (Linux 5.13's sigqueue_cache): a thread that signals itself again and
 * again, or faults into a handler again and again, then allocates
 * nothing. Under siglock, which sigqueue_alloc() holds for its target.
 */
static void sigqueue_cache_or_free(struct sigqueue *q)
{
	if (current->sigqueue_cache) {
		sigqueue_free(q);
		return;
	}
	__atomic_sub_fetch(&nr_sigqueued, 1, __ATOMIC_RELAXED);
	current->sigqueue_cache = q;
}

/* Take one instance of @sig off @list; its bit stays while another is queued. */
static void collect_signal(int sig, struct sigpending *list, siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &list->list, list)
		if (q->info.si_signo == sig) {
			if (first) {
				more = true;
				break;
			}
			first = q;
		}
	if (!more)
		list->signal &= ~sigmask(sig);
	if (first) {
		list_del(&first->list);
		*info = first->info;
		sigqueue_cache_or_free(first);
		/* A periodic POSIX timer runs again once its signal is taken. */
		if (info->si_code == SI_TIMER)
			posixtimer_rearm(info);
	} else {
		/* Sent past the queue limit: only the bit was recorded. */
		*info = (siginfo_t){ .si_signo = sig, .si_code = SI_USER };
	}
}

/* Synchronous (fault) signals first, then the lowest number, as Linux's next_signal(). */
static int next_signal(struct sigpending *pending, u64 mask)
{
	u64 ready = pending->signal & mask;

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS_MASK)
		ready &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(ready) + 1;
}

static int __dequeue_signal(struct sigpending *pending, u64 mask, siginfo_t *info)
{
	int sig = next_signal(pending, mask);

	if (sig)
		collect_signal(sig, pending, info);
	return sig;
}

/**
 * dequeue_signal - take the next signal in @mask for current
 * @mask: the signals wanted
 * @info: filled with its siginfo
 *
 * The thread's own signals come before the process's. Under siglock.
 *
 * Return: the signal, or 0.
 */
int dequeue_signal(u64 mask, siginfo_t *info)
{
	struct task_struct *tsk = current;
	int sig = __dequeue_signal(&tsk->pending, mask, info);

	if (!sig)
		sig = __dequeue_signal(&tsk->signal->shared_pending, mask, info);
	/* A periodic ITIMER_REAL runs again once its SIGALRM is taken. */
	if (sig == SIGALRM && info->si_code == SI_KERNEL)
		it_real_rearm();
	recalc_sigpending_tsk(tsk);
	return sig;
}

/* --- pending state ----------------------------------------------------- */

bool signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->ti_flags) & (1UL << TIF_SIGPENDING);
}

/* SIGKILL is on its way: a killable sleep must end. */
bool fatal_signal_pending(struct task_struct *p)
{
	return signal_pending(p) && (READ_ONCE(p->pending.signal) & sigmask(SIGKILL));
}

static bool has_pending_signals(struct task_struct *t)
{
	return ((t->pending.signal | t->signal->shared_pending.signal) & ~t->blocked) ||
	       (t->jobctl & (JOBCTL_STOP_PENDING | JOBCTL_TRAP_MASK));
}

/*
 * TIF_SIGPENDING says "get_signal() has work", so that the return to
 * user mode tests one word. Senders only ever set it (on the thread they
 * chose); the thread itself clears it here, under siglock.
 */
void recalc_sigpending_tsk(struct task_struct *t)
{
	if (t->signal && has_pending_signals(t))
		set_tsk_thread_flag(t, TIF_SIGPENDING);
	else
		clear_tsk_thread_flag(t, TIF_SIGPENDING);
}

bool signal_pending_deliverable(void)
{
	return current->mm && signal_pending(current);
}

/*
 * Linux's signal_wake_up(): an interruptible sleep (a killable or
 * stopped one for SIGKILL) ends and the syscall notices; a task running
 * on another CPU is sent into the kernel by kick_process(), so that it
 * sees TIF_SIGPENDING on its way back to user mode now.
 */
void signal_wake_up(struct task_struct *t, bool fatal)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	if (!wake_up_state(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0)))
		kick_process(t);
}

/* --- sending ----------------------------------------------------------- */

static bool sig_handler_ignored(void *handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/**
 * unhandled_signal - @sig would take its default action or be ignored
 * @tsk: the thread it is for
 * @sig: 1.._NSIG
 *
 * As Linux's: what decides whether a fault is worth a line in the log;
 * always true for init.
 */
bool unhandled_signal(struct task_struct *tsk, int sig)
{
	void *handler = sig_action(tsk, sig)->sa_handler;

	if (tsk->signal->flags & SIGNAL_UNKILLABLE)
		return true;
	return handler == SIG_IGN || handler == SIG_DFL;
}

/*
 * A signal the target ignores is dropped at once, as Linux's
 * sig_ignored(): left pending it would interrupt sleeps for nothing. A
 * blocked one is kept: it may be unblocked, or waited for; so is a
 * traced target's, for its tracer to see. Init takes only the signals
 * it has handlers for (SIGNAL_UNKILLABLE).
 */
static bool sig_ignored(struct task_struct *t, int sig)
{
	void *handler = sig_action(t, sig)->sa_handler;

	if ((t->blocked | t->real_blocked) & sigmask(sig))
		return false;
	/* A tracer sees even an ignored signal (it may change it), as Linux's. */
	if (t->ptrace && sig != SIGKILL)
		return false;
	if ((t->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL)
		return true;
	return sig_handler_ignored(handler, sig);
}

/*
 * A seized tracee's tracer hears of SIGCONT through a PTRACE_EVENT_STOP
 * trap, as Linux's ptrace_trap_notify(): a running tracee traps on its
 * way back to user mode, a listening one (PTRACE_LISTEN) at once, and
 * one stopped for its tracer otherwise as soon as the tracer resumes it.
 * Under siglock.
 */
static void ptrace_trap_notify(struct task_struct *t)
{
	t->jobctl |= JOBCTL_TRAP_NOTIFY;
	if (task_state(t) != TASK_TRACED)
		signal_wake_up(t, false);
	else if (t->jobctl & JOBCTL_LISTENING)
		wake_up_state(t, __TASK_TRACED);
}

/*
 * Side effects at send time, under siglock: a stop signal cancels a
 * pending SIGCONT and SIGCONT cancels pending stops and resumes a
 * stopped group (its parent hears of it from get_signal()). A dying
 * group takes nothing more.
 */
static bool prepare_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return false;
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(sigmask(SIGCONT), &signal->shared_pending);
		for_each_thread(p, t)
			flush_sigqueue_mask(sigmask(SIGCONT), &t->pending);
	} else if (sig == SIGCONT) {
		flush_sigqueue_mask(STOP_MASK, &signal->shared_pending);
		for_each_thread(p, t) {
			flush_sigqueue_mask(STOP_MASK, &t->pending);
			t->jobctl &= ~JOBCTL_STOP_PENDING;
			wake_up_state(t, __TASK_STOPPED);
			if (t->ptrace & PT_SEIZED)
				ptrace_trap_notify(t);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED) {
			signal_set_stop_flags(signal, SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED);
			signal->group_exit_code = 0;
		}
		signal->group_stop_count = 0;
	}
	return !sig_ignored(p, sig);
}

/* Would @p take @sig now? Linux's wants_signal(). */
static bool wants_signal(int sig, struct task_struct *p)
{
	if (p->blocked & sigmask(sig))
		return false;
	if (p->flags & PF_EXITING)
		return false;
	if (sig == SIGKILL)
		return true;
	if (task_state(p) & (__TASK_STOPPED | __TASK_TRACED))
		return false;
	return READ_ONCE(p->on_cpu) || !signal_pending(p);
}

static bool sig_fatal(struct task_struct *p, int sig)
{
	void *handler = sig_action(p, sig)->sa_handler;

	return sig == SIGKILL ||
	       (handler == SIG_DFL && !sig_kernel_ignore(sig) && !sig_kernel_stop(sig));
}

/*
 * SIGKILL to every other thread of @p's group, as the group dies or
 * execs. Under siglock. Returns how many were told.
 */
int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	p->signal->group_stop_count = 0;
	for_each_thread(p, t) {
		t->jobctl &= ~JOBCTL_STOP_PENDING;
		if (t == p || t->exit_state)
			continue;
		count++;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
	return count;
}

/*
 * Pick the thread that will take @sig, queued on @p's (@group: its
 * process's) list, and wake it: @p itself if it can, else the next
 * willing thread from curr_target on, as Linux's complete_signal(). A
 * signal whose default action kills ends the whole group here and now.
 */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (!wants_signal(sig, p)) {
		if (!group || signal->nr_threads <= 1)
			return;
		struct task_struct *start = signal->curr_target ?: p;

		t = start;
		while (!wants_signal(sig, t)) {
			t = next_thread(t);
			if (t == start)
				return;	/* nobody wants it yet: it waits in shared_pending */
		}
		signal->curr_target = t;
	}
	/* A tracee's tracer sees the signal first, and may cancel it. */
	if (sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) && !signal->group_exec_task &&
	    !(t->real_blocked & sigmask(sig)) && (sig == SIGKILL || !t->ptrace)) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		zap_other_threads(t);
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/*
 * Queue @sig for @t (@group: for its process), under siglock. A standard
 * signal already pending is not queued twice; a real-time one is, each
 * with its siginfo, and fails with -EAGAIN past RLIMIT_SIGPENDING unless
 * kill() sent it (its siginfo says no more than the bit does).
 */
static int send_signal_locked(int sig, const siginfo_t *info, struct task_struct *t, bool group)
{
	struct sigpending *pending = group ? &t->signal->shared_pending : &t->pending;
	int ret = 0, result = TRACE_SIGNAL_DELIVERED;
	bool override;
	struct sigqueue *q;

	lockdep_assert_held(&t->sighand->siglock);
	if (!prepare_signal(sig, t)) {
		result = TRACE_SIGNAL_IGNORED;
		goto out;
	}
	if (sig < SIGRTMIN && (pending->signal & sigmask(sig))) {
		result = TRACE_SIGNAL_ALREADY_PENDING;
		goto out;
	}
	if (sig == SIGKILL)
		goto out_set;
	override = sig < SIGRTMIN && info->si_code >= 0;
	q = sigqueue_alloc(t, override);
	if (q) {
		q->info = *info;
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && info->si_code != SI_USER) {
		result = TRACE_SIGNAL_OVERFLOW_FAIL;
		ret = -EAGAIN;
		goto out;
	}
out_set:
	pending->signal |= sigmask(sig);
	signalfd_notify(t, sig);
	complete_signal(sig, t, group);
out:
	trace_signal_generate(sig, info->si_code, info->si_errno, t, group, result);
	return ret;
}

/**
 * do_send_sig_info - send @sig to a thread or to its whole process
 * @sig: 1.._NSIG
 * @info: its siginfo
 * @p: the thread (for a process-directed signal, any of its threads)
 * @group: to the process (shared_pending) rather than the thread
 *
 * Return: 0 (also for a dropped, ignored signal), -EINVAL or -EAGAIN.
 */
int do_send_sig_info(int sig, const siginfo_t *info, struct task_struct *p, bool group)
{
	unsigned long flags;
	int ret;

	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (!p->sighand || !p->signal || p->exit_state == EXIT_DEAD)
		return 0;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	ret = send_signal_locked(sig, info, p, group);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

/* To @p's process, as Linux's send_sig_info() (PIDTYPE_TGID). */
int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p)
{
	return do_send_sig_info(sig, info, p, true);
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
		info.kill.pid = current->tgid;
	return send_sig_info(sig, &info, p);
}

/*
 * A signal current must see, to this thread. A blocked or ignored one
 * would loop on the same instruction forever, so it is unblocked and its
 * default action restored, as Linux's force_sig_info_to_task() does;
 * @sigdfl restores the default even over a handler (force_fatal_sig()).
 */
static void force_sig_info_to_task(siginfo_t *info, bool sigdfl)
{
	int sig = info->si_signo;
	struct task_struct *t = current;
	struct k_sigaction *ka = sig_action(t, sig);
	unsigned long flags;

	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (sigdfl || ka->sa_handler == SIG_IGN || (t->blocked & sigmask(sig))) {
		ka->sa_handler = SIG_DFL;
		t->blocked &= ~sigmask(sig);
	}
	if (ka->sa_handler == SIG_DFL)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;	/* init's own fault ends it */
	send_signal_locked(sig, info, t, false);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

/* A fault the thread caused, with its si_code and address. */
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
 * attempt would fail the same way and the thread would spin here, so
 * the process dies; any other signal becomes a SIGSEGV, whose handler
 * gets one try on its own stack.
 */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		force_fatal_sig(SIGSEGV);
	else
		force_sig(SIGSEGV);
}

/* --- stop, continue and the parent ------------------------------------- */

/**
 * do_notify_parent_cldstop - tell the parent its child stopped or went on
 * @tsk: a thread of the child process
 * @why: CLD_STOPPED or CLD_CONTINUED
 *
 * SIGCHLD unless the parent asked for none (SA_NOCLDSTOP); its wait4()
 * sleepers are woken either way.
 */
void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	siginfo_t info = { .si_signo = SIGCHLD, .si_code = why };
	struct task_struct *leader = tsk->group_leader, *parent;
	unsigned long flags;

	info.chld.pid = leader->tgid;
	info.chld.status = why == CLD_CONTINUED ? SIGCONT : tsk->signal->group_stop_sig;
	spin_lock_irqsave(&tasklist_lock, flags);
	parent = leader->real_parent;
	if (parent && parent->sighand &&
	    !(sig_action(parent, SIGCHLD)->sa_flags & SA_NOCLDSTOP))
		send_sig_info(SIGCHLD, &info, parent);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	wake_up_all(&child_exit_wq);
}

/*
 * A traced thread stops for its tracer instead of with the group (which
 * it still counts in): the tracer sees the stop signal, or for a seized
 * tracee PTRACE_EVENT_STOP with it, and decides when it runs again.
 * Called with siglock held, returns with it dropped.
 */
static void do_jobctl_trap(int signr, bool notify)
{
	bool seized = current->ptrace & PT_SEIZED;
	int code = signr | (seized ? PTRACE_EVENT_STOP << 8 : 0);
	siginfo_t info = { .si_signo = signr, .si_code = code };

	/* A seized tracee's stop has a siginfo (PTRACE_LISTEN looks at it); a traced one's none. */
	info.kill.pid = current->pid;
	spin_unlock_irq(&current->sighand->siglock);
	if (notify)
		do_notify_parent_cldstop(current, CLD_STOPPED);
	ptrace_stop(code, CLD_STOPPED, 0, seized ? &info : NULL);
	current->ptrace_code = 0;
}

/*
 * The signal a PTRACE_INTERRUPT or SIGCONT trap reports: the group's
 * stop signal while the group is stopped or stopping, else SIGTRAP.
 * Under siglock.
 */
static int jobctl_trap_signal(void)
{
	struct signal_struct *sig = current->signal;

	if ((current->ptrace & PT_SEIZED) &&
	    (sig->group_stop_count || (sig->flags & SIGNAL_STOP_STOPPED)) && sig->group_stop_sig)
		return sig->group_stop_sig;
	return SIGTRAP;
}

/*
 * Join the group stop (starting it for @signr if none is under way) and
 * sleep until SIGCONT or SIGKILL. Called with siglock held, returns with
 * it dropped. The last thread to stop marks the group stopped, with the
 * signal for wait4() in group_exit_code, and tells the parent.
 */
static void do_signal_stop(int signr)
{
	struct task_struct *t, *tsk = current;
	struct signal_struct *sig = tsk->signal;
	bool notify = false;

	if (!(tsk->jobctl & JOBCTL_STOP_PENDING)) {
		sig->group_stop_sig = signr;
		sig->group_stop_count = 0;
		for_each_thread(tsk, t) {
			if (t->flags & PF_EXITING)
				continue;
			t->jobctl |= JOBCTL_STOP_PENDING;
			sig->group_stop_count++;
			if (t != tsk)
				signal_wake_up(t, false);
		}
	}
	tsk->jobctl &= ~JOBCTL_STOP_PENDING;
	if (sig->group_stop_count > 0 && !--sig->group_stop_count) {
		signal_set_stop_flags(sig, SIGNAL_STOP_STOPPED);
		sig->group_exit_code = sig->group_stop_sig;
		notify = true;
	}
	if (tsk->ptrace) {
		do_jobctl_trap(sig->group_stop_sig, notify);
		return;
	}
	set_current_state(TASK_STOPPED);
	recalc_sigpending_tsk(tsk);
	spin_unlock_irq(&tsk->sighand->siglock);
	if (notify)
		do_notify_parent_cldstop(tsk, CLD_STOPPED);
	schedule();
	__set_current_state(TASK_RUNNING);
}

/* --- delivery ---------------------------------------------------------- */

/* The mask a signal frame saves: the one rt_sigsuspend() replaced, if any. */
u64 sigmask_to_save(void)
{
	return current->restore_sigmask ? current->saved_sigmask : current->blocked;
}

static const char *const signal_names[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
};

/* The default action ends the process: say so once, and go with the group. */
static __noreturn void sig_default_kill(int sig)
{
	struct signal_struct *signal = current->signal;

	if (sig != SIGKILL || !((signal->flags & SIGNAL_GROUP_EXIT) || signal->group_exec_task))
		pr_info("%s[%d]: killed by %s\n", current->comm, current->pid,
			sig < (int)ARRAY_SIZE(signal_names) && signal_names[sig] ?
			signal_names[sig] : "signal");
	do_group_exit(sig);	/* wait status: the signal number */
}

/*
 * The tracer sees @sig first (signal-delivery stop) and may cancel it or
 * swap in another; one now blocked is queued again for later, as
 * Linux's. Called and returns with siglock held; 0 (unlocked) when
 * nothing is left to act on.
 */
static int ptrace_reports_signal(int sig, siginfo_t *info)
{
	spin_unlock_irq(&current->sighand->siglock);
	sig = ptrace_signal(sig, info);
	if (!sig)
		return 0;
	spin_lock_irq(&current->sighand->siglock);
	if (current->blocked & sigmask(sig)) {
		send_signal_locked(sig, info, current, false);
		spin_unlock_irq(&current->sighand->siglock);
		return 0;
	}
	return sig;
}

/*
 * The next signal to act on, as Linux's get_signal(): stop and continue
 * reports first, then a pending group stop, then a signal whose action
 * is a handler (returned, with its action and siginfo). Default actions
 * are carried out here; this may not return.
 */
int get_signal(struct k_sigaction *ka, siginfo_t *info)
{
	struct sighand_struct *sighand = current->sighand;
	struct signal_struct *signal = current->signal;
	int sig;

	for (;;) {
		spin_lock_irq(&sighand->siglock);
		if (signal->flags & SIGNAL_CLD_MASK) {
			signal->flags &= ~SIGNAL_CLD_MASK;
			spin_unlock_irq(&sighand->siglock);
			do_notify_parent_cldstop(current, CLD_CONTINUED);
			continue;
		}
		if (current->jobctl & JOBCTL_STOP_PENDING) {
			do_signal_stop(0);
			continue;
		}
		if ((current->jobctl & JOBCTL_TRAP_MASK) && current->ptrace) {
			do_jobctl_trap(jobctl_trap_signal(), false);
			continue;
		}
		current->jobctl &= ~JOBCTL_TRAP_MASK;
		sig = dequeue_signal(~current->blocked, info);
		if (!sig) {
			spin_unlock_irq(&sighand->siglock);
			return 0;
		}
		if (current->ptrace && sig != SIGKILL) {
			sig = ptrace_reports_signal(sig, info);
			if (!sig)
				continue;
		}
		*ka = *sig_action(current, sig);
		if (ka->sa_handler == SIG_IGN && sig != SIGKILL) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (ka->sa_handler != SIG_DFL && sig != SIGKILL) {
			if (ka->sa_flags & SA_RESETHAND)
				sig_action(current, sig)->sa_handler = SIG_DFL;
			spin_unlock_irq(&sighand->siglock);
			trace_signal_deliver(sig, info->si_code, info->si_errno,
					     (unsigned long)ka->sa_handler, ka->sa_flags);
			return sig;
		}
		if (sig_kernel_ignore(sig)) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (sig_kernel_stop(sig)) {
			do_signal_stop(sig);
			continue;
		}
		spin_unlock_irq(&sighand->siglock);
		sig_default_kill(sig);
	}
}

/*
 * A handler frame for @sig is on the user stack (@ok) or could not be
 * written: the handler runs with its sa_mask and @sig added, or the
 * thread gets its SIGSEGV. Linux's signal_setup_done().
 */
void signal_setup_done(bool ok, int sig, struct k_sigaction *ka)
{
	if (!ok) {
		force_sigsegv(sig);
		return;
	}
	current->restore_sigmask = false;
	set_current_blocked(current->blocked | ka->sa_mask |
			    (ka->sa_flags & SA_NODEFER ? 0 : sigmask(sig)));
}

/* No handler ran: the mask rt_sigsuspend() replaced comes back now. */
void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
}

/*
 * A thread that blocks signals may leave shared ones others could take:
 * wake those, as Linux's retarget_shared_pending(). Under siglock.
 */
static void retarget_shared_pending(struct task_struct *tsk, u64 which)
{
	struct task_struct *t;

	which &= tsk->signal->shared_pending.signal;
	if (!which)
		return;
	for_each_thread(tsk, t) {
		if (t == tsk || (t->flags & PF_EXITING) || !(which & ~t->blocked))
			continue;
		which &= t->blocked;
		if (!signal_pending(t))
			signal_wake_up(t, false);
		if (!which)
			break;
	}
}

void set_current_blocked(u64 set)
{
	struct task_struct *tsk = current;
	u64 newly_blocked;

	set &= ~UNBLOCKABLE;
	/* Only current changes its mask: an unchanged one needs nothing (Linux's shortcut). */
	if (set == tsk->blocked)
		return;
	spin_lock_irq(&tsk->sighand->siglock);
	newly_blocked = set & ~tsk->blocked;
	tsk->blocked = set;
	if (newly_blocked)
		retarget_shared_pending(tsk, newly_blocked);
	recalc_sigpending_tsk(tsk);
	spin_unlock_irq(&tsk->sighand->siglock);
}

/* --- restarting an interrupted call -------------------------------------- */

/* The continuation of a call that left none: a handler ran since, or nothing broke in. */
long do_no_restart_syscall(struct restart_block *restart)
{
	return -EINTR;
}

/*
 * The number the entry code puts in rax for -ERESTART_RESTARTBLOCK
 * (219, or 0 through int $0x80): go on where current->restart_block
 * says, e.g. a nanosleep with what was left of its time.
 */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *restart = &current->restart_block;

	if (!restart->fn)
		return do_no_restart_syscall(restart);
	return restart->fn(restart);
}

/* --- the alternate stack, per thread ------------------------------------ */

/* @sp lies on the alternate stack (just above its base counts, its top does). */
bool __on_sig_stack(unsigned long sp)
{
	const stack_t *ss = &current->altstack;

	return sp > (unsigned long)ss->ss_sp && sp - (unsigned long)ss->ss_sp <= ss->ss_size;
}

/*
 * With SS_AUTODISARM a task cannot be on its alternate stack but by
 * setting one up while on it, so it never counts as on it: a stack
 * pointer left near its end cannot keep signals from being delivered.
 */
bool on_sig_stack(unsigned long sp)
{
	return !(current->altstack.ss_flags & SS_AUTODISARM) && __on_sig_stack(sp);
}

/* What sigaltstack() reports of the stack for a task at @sp. */
int sas_ss_flags(unsigned long sp)
{
	if (!current->altstack.ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/*
 * Linux's do_sigaltstack(): report the old stack in @oss; take @ss
 * unless the task runs on the current one (-EPERM). A mode other than
 * 0, SS_ONSTACK (taken as 0) or SS_DISABLE is -EINVAL; the flags are
 * kept as given, as the signal frame's uc_stack shows them.
 */
int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	stack_t *cur = &current->altstack;
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

/*
 * rt_sigreturn takes the frame's uc_stack back (a handler may edit it;
 * SS_AUTODISARM is re-armed so). Only a frame it cannot read fails it.
 */
int restore_altstack(const stack_t *uss)
{
	stack_t new;

	/* Three fields rather than a copy of the padded structure. */
	if (!user_access_begin(uss, sizeof(*uss)))
		return -EFAULT;
	unsafe_get_user(new.ss_sp, &uss->ss_sp, Efault);
	unsafe_get_user(new.ss_flags, &uss->ss_flags, Efault);
	unsafe_get_user(new.ss_size, &uss->ss_size, Efault);
	user_access_end();
	do_sigaltstack(&new, NULL, task_pt_regs(current)->sp);
	return 0;
Efault:
	user_access_end();
	return -EFAULT;
}

/*
 * The thread is exiting: it takes no more signals, counts as stopped for
 * a group stop under way, and hands the shared signals it could have
 * taken to another thread. Linux's exit_signals().
 */
void exit_signals(struct task_struct *tsk)
{
	bool notify = false;

	if (!tsk->sighand)
		return;
	spin_lock_irq(&tsk->sighand->siglock);
	tsk->flags |= PF_EXITING;
	if (tsk->jobctl & JOBCTL_STOP_PENDING) {
		tsk->jobctl &= ~JOBCTL_STOP_PENDING;
		if (tsk->signal->group_stop_count > 0 && !--tsk->signal->group_stop_count) {
			signal_set_stop_flags(tsk->signal, SIGNAL_STOP_STOPPED);
			tsk->signal->group_exit_code = tsk->signal->group_stop_sig;
			notify = true;
		}
	}
	retarget_shared_pending(tsk, ~tsk->blocked);
	spin_unlock_irq(&tsk->sighand->siglock);
	if (notify)
		do_notify_parent_cldstop(tsk, CLD_STOPPED);
}

/* --- the calls that take a set and wait ---------------------------------- */

/**
 * do_sigtimedwait - wait for one of @which, as rt_sigtimedwait()
 * @which: the signals waited for (SIGKILL and SIGSTOP cannot be)
 * @info: filled with the one taken
 * @timeout: ns to wait, or NULL for no limit
 *
 * The set is unblocked while the thread sleeps (real_blocked keeps the
 * old mask, so that signals blocked for the wait are not discarded as
 * ignored), and blocked again before it returns.
 *
 * Return: the signal, -EAGAIN on timeout, -EINTR for another signal.
 */
int do_sigtimedwait(u64 which, siginfo_t *info, const ktime_t *timeout)
{
	struct task_struct *tsk = current;
	ktime_t expires = 0;
	int sig;

	which &= ~UNBLOCKABLE;
	if (timeout)
		expires = ktime_get() + *timeout;
	spin_lock_irq(&tsk->sighand->siglock);
	sig = dequeue_signal(which, info);
	if (!sig && (!timeout || *timeout)) {
		tsk->real_blocked = tsk->blocked;
		tsk->blocked &= ~which;
		recalc_sigpending_tsk(tsk);
		while (!signal_pending(tsk)) {
			spin_unlock_irq(&tsk->sighand->siglock);
			if (timeout) {
				if (ktime_get() >= expires) {
					spin_lock_irq(&tsk->sighand->siglock);
					break;
				}
				schedule_hrtimeout_interruptible(&expires);
			} else {
				set_current_state(TASK_INTERRUPTIBLE);
				if (!signal_pending(tsk))
					schedule();
				__set_current_state(TASK_RUNNING);
			}
			spin_lock_irq(&tsk->sighand->siglock);
		}
		tsk->blocked = tsk->real_blocked;
		tsk->real_blocked = 0;
		sig = dequeue_signal(which, info);
		recalc_sigpending_tsk(tsk);
	}
	spin_unlock_irq(&tsk->sighand->siglock);
	if (sig)
		return sig;
	return timeout && ktime_get() >= expires ? -EAGAIN : -EINTR;
}
