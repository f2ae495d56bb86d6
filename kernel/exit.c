// SPDX-License-Identifier: MIT
/*
 * Leaving: do_exit() tears a thread down — address space, files — and
 * dies. A thread other than its group's leader reaps itself; the leader
 * stays a zombie, and once the last thread is gone the process's
 * children go to init and its parent is told (SIGCHLD and its wait
 * queue). exit_group() and fatal signals end every thread
 * (do_group_exit()). A kernel thread leaves through kthread_exit(), and
 * a task that oopsed through make_task_dead(). The parent's wait4()
 * reads the status in Linux's encoding ((code & 0xff) << 8 for exit, the
 * signal number for a kill, 0x7f | sig << 8 for a stop, 0xffff for a
 * continue) and reaps the process.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/mm_types.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/oom.h>
#include <linux/resource.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>
#include <linux/futex.h>
#include <linux/ptrace.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

DECLARE_WAIT_QUEUE_HEAD(child_exit_wq);
#include <linux/fdtable.h>
#include <trace/events/sched.h>
#include <linux/tty.h>
#include <linux/posix-timers.h>

/*
 * Who may look at a task found through the task list: tasklist_lock
 * holds the parent/child lists (children, sibling, real_parent) still,
 * and a reference (get_task_struct) keeps the task_struct, its signal
 * state and FPU area alive after the lock is dropped; they are freed
 * with the last reference (put_task_struct), never at reaping.
 */
static struct task_struct *init_process(void)
{
	return find_task_by_pid(1);
}

/*
 * A process group is orphaned when no member has a parent in another
 * group of the same session (init does not count): nobody is left to
 * continue it after a stop, so the terminal refuses it instead of
 * stopping it (SIGTTIN, SIGTTOU). With tasklist_lock held.
 */
static bool will_become_orphaned_pgrp(int pgrp)
{
	struct task_struct *p, *parent;

	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || !thread_group_leader(p) || p->pgrp != pgrp || p->exit_state)
			continue;
		parent = p->real_parent;
		if (!parent || parent->tgid == 1)
			continue;
		if (parent->pgrp != pgrp && parent->session == p->session)
			return false;
	}
	return true;
}

/* A process of group @pgrp is stopped (a finished group stop). With tasklist_lock held. */
static bool has_stopped_jobs(int pgrp)
{
	struct task_struct *p;

	list_for_each_entry(p, &task_list, tasks)
		if (p->mm && thread_group_leader(p) && !p->exit_state && p->pgrp == pgrp &&
		    (p->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

bool kill_pgrp_locked(int pgrp, int sig, int priv);

/*
 * Linux's kill_orphaned_pgrp(): a process leaving (@parent NULL: @tsk,
 * the exiting process itself; else @parent, the exiting parent of @tsk)
 * may have been its group's last link to a parent in another group of
 * the session. A group orphaned so with a stopped member would never be
 * continued by job control: it gets SIGHUP, then SIGCONT. The exiting
 * process no longer counts (its mm is gone). With tasklist_lock held.
 */
static void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	int pgrp = tsk->pgrp;

	if (!parent)
		parent = tsk->real_parent;
	if (!parent || parent->pgrp == pgrp || parent->session != tsk->session)
		return;
	if (will_become_orphaned_pgrp(pgrp) && has_stopped_jobs(pgrp)) {
		kill_pgrp_locked(pgrp, SIGHUP, 1);
		kill_pgrp_locked(pgrp, SIGCONT, 1);
	}
}

bool is_current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool orphaned;

	spin_lock_irqsave(&tasklist_lock, flags);
	orphaned = will_become_orphaned_pgrp(current->pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/*
 * The session of process group @pgrp (a member's), or of the process
 * whose id it is when no group has it; -ESRCH if neither exists.
 */
int session_of_pgrp(int pgrp)
{
	struct task_struct *p;
	unsigned long flags;
	int session = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (!p->mm || p->exit_state)
			continue;
		if (p->pgrp == pgrp) {
			session = p->session;
			break;
		}
		if (p->pid == pgrp)
			session = p->session;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return session;
}

static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	/*
	 * Leave the tables for init_mm's before mmput(): if this was the last
	 * user, mmput() frees them. tsk->mm goes first, so a context switch
	 * in between cannot load mm again for this task.
	 */
	task_lock(tsk);
	tsk->mm = NULL;
	switch_mm(mm, &init_mm, tsk);
	task_unlock(tsk);
	mmput(mm);
	exit_oom_victim();
}

/*
 * With tasklist_lock held: the dead process's children go to init, and
 * a child's group that this orphans is told if it has stopped members.
 */
static void forget_original_parent(struct task_struct *father, struct task_struct *reaper)
{
	struct task_struct *p, *n;

	if (!reaper || reaper == father)
		return;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		/* prctl(PR_SET_PDEATHSIG): the child hears that its parent died. */
		if (p->pdeath_signal && !p->exit_state)
			do_send_sig_info(p->pdeath_signal, &(siginfo_t){
				.si_signo = p->pdeath_signal, .si_code = SI_USER,
				.kill.pid = father->tgid }, p, true);
		p->real_parent = reaper;
		list_move_tail(&p->sibling, &reaper->children);
		kill_orphaned_pgrp(p, father);
	}
}

/* The wait status of a dead process: the group's if it was killed or exit_group()ed. */
static int task_exit_status(struct task_struct *leader)
{
	struct signal_struct *sig = leader->signal;

	return (sig->flags & SIGNAL_GROUP_EXIT) ? sig->group_exit_code : leader->exit_code;
}

/* A wait status as SIGCHLD's siginfo carries it: the exit code, or the killing signal. */
static void chld_status(siginfo_t *info, int status)
{
	info->si_code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
	info->chld.status = (status & 0x7f) ? status & 0x7f : (status >> 8) & 0xff;
}

/*
 * The whole process has exited: its parent hears (its exit signal,
 * SIGCHLD as a rule, with CLD_EXITED or CLD_KILLED) about @leader, the
 * zombie its wait4() will reap. With tasklist_lock held.
 */
static void do_notify_parent(struct task_struct *leader)
{
	siginfo_t info = { .si_signo = leader->exit_signal, .si_code = CLD_EXITED };
	struct task_struct *parent = leader->real_parent;
	int status = task_exit_status(leader);

	if (leader->ptrace) {
		/* The tracer hears first, always by SIGCHLD; the parent once it lets go. */
		parent = leader->parent;
		info.si_signo = SIGCHLD;
	}
	if (!parent || !parent->sighand || info.si_signo <= 0)
		return;
	info.chld.pid = leader->tgid;
	chld_status(&info, status);
	send_sig_info(info.si_signo, &info, parent);
}

static void release_thread_zombie(struct task_struct *tsk);

/*
 * @tracer exits: its tracees go free. A dead one it had not yet reaped
 * or reported is now its real parent's news. With tasklist_lock held.
 */
static void exit_ptrace_tracees(struct task_struct *tracer, struct list_head *dead)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &tracer->ptraced, ptrace_entry) {
		if (!p->exit_state)
			continue;
		__ptrace_unlink(p);
		if (!thread_group_leader(p)) {
			release_thread_zombie(p);
			list_add_tail(&p->ptrace_entry, dead);	/* put once the lock is dropped */
		} else if (thread_group_empty(p)) {
			do_notify_parent(p);
		}
	}
	exit_ptrace(tracer);
}

/*
 * A thread leaves its group's list. With tasklist_lock held; the
 * group's siglock too, as complete_signal() walks the list under it.
 */
static void unhash_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;

	spin_lock(&tsk->sighand->siglock);
	if (sig->curr_target == tsk)
		sig->curr_target = sig->nr_threads > 1 ? next_thread(tsk) : NULL;
	list_del_init(&tsk->thread_node);
	sig->nr_threads--;
	spin_unlock(&tsk->sighand->siglock);
}

/*
 * A dead thread other than the leader leaves its group for good (Linux's
 * release_task()): at once if untraced, or once its tracer has reaped or
 * dropped it. The group's zombie leader may now be its parent's news,
 * and an exec waiting for the others to go may go on. The caller drops
 * the group's reference. With tasklist_lock held.
 */
static void release_thread_zombie(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;
	struct signal_struct *sig = tsk->signal;

	tsk->exit_state = EXIT_DEAD;
	unhash_thread(tsk);
	if (leader->exit_state == EXIT_ZOMBIE && thread_group_empty(leader))
		do_notify_parent(leader);
	if (sig->group_exec_task)
		wake_up_process(sig->group_exec_task);
}

/*
 * A traced thread's death, for its tracer only: SIGCHLD with the
 * thread's own id and status, as Linux's do_notify_parent() sends it.
 * With tasklist_lock held.
 */
static void notify_tracer_thread_dead(struct task_struct *tsk)
{
	siginfo_t info = { .si_signo = SIGCHLD, .si_code = CLD_EXITED };
	int status = task_exit_status(tsk);

	if (!tsk->parent || !tsk->parent->sighand)
		return;
	info.chld.pid = tsk->pid;
	chld_status(&info, status);
	send_sig_info(SIGCHLD, &info, tsk->parent);
}

/*
 * Linux's exit_notify(): the thread becomes a zombie. A thread other
 * than the leader reaps itself (no one waits for it) unless it is
 * traced: then it stays a zombie, in its group, until its tracer's
 * wait reaps it (or the tracer goes), and the group's death waits for
 * it. The leader stays a zombie until its parent reaps the process, and
 * the parent is told only when the last thread is gone, whichever that
 * is. With tasklist_lock held; returns whether @tsk reaped itself.
 */
static bool exit_notify(struct task_struct *tsk, bool group_dead, struct task_struct *reaper)
{
	struct signal_struct *sig = tsk->signal;

	if (group_dead) {
		forget_original_parent(tsk->group_leader, reaper);
		kill_orphaned_pgrp(tsk->group_leader, NULL);
	}
	tsk->exit_state = EXIT_ZOMBIE;
	if (thread_group_leader(tsk)) {
		if (thread_group_empty(tsk))
			do_notify_parent(tsk);
		else if (sig->group_exec_task)
			wake_up_process(sig->group_exec_task);
		return false;
	}
	if (tsk->ptrace) {
		notify_tracer_thread_dead(tsk);
		if (sig->group_exec_task)
			wake_up_process(sig->group_exec_task);
		return false;
	}
	release_thread_zombie(tsk);
	return true;
}

/*
 * The last thread to go settles the process's status, as Linux's does:
 * its own exit code, unless an exit_group() or a fatal signal did first.
 * Returns whether the group is dead.
 */
static bool synchronize_group_exit(struct task_struct *tsk, long code)
{
	struct signal_struct *sig = tsk->signal;
	bool group_dead;

	spin_lock_irq(&tsk->sighand->siglock);
	group_dead = !--sig->live;
	if (group_dead && !(sig->flags & SIGNAL_GROUP_EXIT)) {
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
		sig->group_stop_count = 0;
	}
	spin_unlock_irq(&tsk->sighand->siglock);
	return group_dead;
}

__noreturn void do_exit(long code)
{
	struct task_struct *tsk = current, *reaper, *p, *n;
	unsigned long flags;
	bool group_dead, autoreap;
	LIST_HEAD(dead);

	if (tsk->pid == 1)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	if (tsk->flags & PF_KTHREAD)
		kthread_exit(code);	/* no address space, files or parent to tell */
	ptrace_event(PTRACE_EVENT_EXIT, code);
	exit_signals(tsk);		/* sets PF_EXITING */
	group_dead = synchronize_group_exit(tsk, code);
	if (group_dead) {
		itimer_set_target(tsk->signal, NULL);
		exit_itimers(tsk->signal);
	} else
		exit_itimers_thread(tsk);
	trace_sched_process_exit(tsk, group_dead);
	if (group_dead && tsk->tgid == 1)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	if (tsk->mm)
		futex_exit_release(tsk);	/* Linux's exit_mm_release() */
	complete_vfork_done(tsk);
	exit_mm(tsk);
	exit_files(tsk);
	exit_thread(tsk);
	if (group_dead && tsk->session == tsk->tgid)
		disassociate_ctty(1);	/* the session leader hangs its terminal up */
	tsk->exit_code = code;
	reaper = init_process();
	/* The parent cannot exit (and hand us on) between the two. */
	spin_lock_irqsave(&tasklist_lock, flags);
	exit_ptrace_tracees(tsk, &dead);
	autoreap = exit_notify(tsk, group_dead, reaper);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (autoreap)
		put_task_struct(tsk);	/* the group's reference: our own lasts until we are off the CPU */
	list_for_each_entry_safe(p, n, &dead, ptrace_entry) {
		list_del_init(&p->ptrace_entry);
		put_task_struct(p);	/* a traced thread's zombie we no longer report */
	}
	wake_up_all(&child_exit_wq);
	do_task_dead();
}

/*
 * The end of a task that oopsed: what it held stays held, but it leaves
 * with interrupts on and no preemption count, saying so, and dies of
 * signr. Only the idle task (and init, in do_exit) cannot be let go; a
 * second oops while exiting leaves the task off the CPU for good.
 */
__noreturn void make_task_dead(int signr)
{
	struct task_struct *tsk = current;

	if (in_interrupt())
		panic("Aiee, killing interrupt handler!");
	if (!tsk || is_idle_task(tsk))	/* before sched_init(): the idle task to be */
		panic("Attempted to kill the idle task!");
	if (irqs_disabled()) {
		pr_info("note: %s[%d] exited with irqs disabled\n", tsk->comm, tsk->pid);
		local_irq_enable();
	}
	if (in_atomic()) {
		pr_info("note: %s[%d] exited with preempt_count %d\n", tsk->comm, tsk->pid,
			preempt_count());
		preempt_count_set(PREEMPT_ENABLED);
	}
	if (tsk->flags & PF_EXITING) {
		pr_alert("Fixing recursive fault but reboot is needed!\n");
		do_task_dead();
	}
	do_exit(signr);
}

/**
 * do_group_exit - end every thread of the process, then this one
 * @exit_code: the wait status, unless the group is already exiting
 *
 * The first to ask sets the status; the others are sent SIGKILL.
 */
__noreturn void do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		exit_code = 0;		/* de_thread() ends us: the process goes on */
	} else if (sig->nr_threads > 1) {
		spin_lock_irq(&current->sighand->siglock);
		if (sig->flags & SIGNAL_GROUP_EXIT) {
			exit_code = sig->group_exit_code;
		} else if (sig->group_exec_task) {
			exit_code = 0;
		} else {
			sig->group_exit_code = exit_code;
			sig->flags = SIGNAL_GROUP_EXIT;
			zap_other_threads(current);
		}
		spin_unlock_irq(&current->sighand->siglock);
	}
	do_exit(exit_code);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* Every thread of the process ends, this one last. */
SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/*
 * A zombie process that may be reaped: no other thread is left. Its
 * leader may still be on its way off the CPU; its own reference keeps
 * the task_struct and stack until it is (finish_task_switch()). As on
 * Linux, a parent told by SIGCHLD finds the child with WNOHANG.
 */
static bool child_reapable(struct task_struct *p)
{
	return p->exit_state == EXIT_ZOMBIE && thread_group_empty(p);
}

#define P_ALL		0
#define P_PID		1
#define P_PGID		2

/* What wait4() and waitid() ask: whom, and what news. */
struct wait_opts {
	int which;		/* P_ALL, P_PID or P_PGID */
	int id;			/* the pid or process group */
	int options;		/* W*, WEXITED included */
	bool any;		/* a child matched */
};

/* What a child had to say. */
struct wait_result {
	int pid;
	int status;		/* wait4's encoding */
	int code;		/* waitid's si_code: CLD_* */
	int si_status;		/* waitid's si_status */
	struct task_struct *released;	/* a traced thread reaped: the group's reference to drop */
};

static bool wait_pid_matches(struct task_struct *p, struct wait_opts *wo)
{
	switch (wo->which) {
	case P_PID:
		return p->tgid == wo->id;
	case P_PGID:
		return p->pgrp == wo->id;
	default:
		return true;
	}
}

static bool child_stop_pending(struct task_struct *p, int options)
{
	struct signal_struct *sig = p->signal;

	return (options & WSTOPPED) && !p->exit_state && (sig->flags & SIGNAL_STOP_STOPPED) &&
	       sig->group_exit_code;
}

static bool child_continue_pending(struct task_struct *p, int options)
{
	return (options & WCONTINUED) && !p->exit_state &&
	       (p->signal->flags & SIGNAL_STOP_CONTINUED);
}

/* Traced by a thread of the caller's process. */
static bool traced_by_us(struct task_struct *p)
{
	return p->ptrace && p->parent->group_leader == current->group_leader;
}

static bool tracee_stop_pending(struct task_struct *p);

/*
 * Something child @p has to say to its real parent: its death (once no
 * other tracer has it), or a group stop or continue not yet taken. A
 * child we trace ourselves tells its stops as a tracee.
 */
static bool child_has_news(struct task_struct *p, int options)
{
	if ((options & WEXITED) && child_reapable(p) && (!p->ptrace || traced_by_us(p)))
		return true;
	if (traced_by_us(p))
		return tracee_stop_pending(p) || child_continue_pending(p, options);
	return child_stop_pending(p, options) || child_continue_pending(p, options);
}

/* A ptrace stop the tracer is yet to hear of. */
static bool tracee_stop_pending(struct task_struct *p)
{
	return task_state(p) == TASK_TRACED && p->ptrace_code;
}

/*
 * A dead tracee the tracer hears of first: a process not the tracer's
 * own child, or a thread other than the leader, which is the tracer's
 * alone to reap.
 */
static bool tracee_exit_pending(struct task_struct *p, int options)
{
	if (!(options & WEXITED))
		return false;
	if (!thread_group_leader(p))
		return p->exit_state == EXIT_ZOMBIE;
	return child_reapable(p) && p->real_parent->group_leader != current->group_leader;
}

static bool tracee_wait_matches(struct task_struct *p, struct wait_opts *wo)
{
	return wo->which != P_PID || p->pid == wo->id;
}

/* Every tracee of the caller's process, with tasklist_lock held. */
#define for_each_tracee(p, t)						\
	for_each_thread(current, t)					\
		list_for_each_entry(p, &(t)->ptraced, ptrace_entry)

static bool wait_news_ready(struct wait_opts *wo)
{
	struct task_struct *p, *t;
	unsigned long flags;
	bool ready = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &current->group_leader->children, sibling)
		if (wait_pid_matches(p, wo) && child_has_news(p, wo->options)) {
			ready = true;
			goto out;
		}
	for_each_tracee(p, t)
		if (tracee_wait_matches(p, wo) &&
		    (tracee_stop_pending(p) || tracee_exit_pending(p, wo->options) ||
		     child_continue_pending(p, wo->options))) {
			ready = true;
			goto out;
		}
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ready;
}

/*
 * A stop or continue report (Linux's wait_task_stopped() and
 * wait_task_continued()), consumed unless WNOWAIT; false when another
 * waiter took it first. With tasklist_lock held.
 */
static bool wait_task_stopped_or_continued(struct task_struct *p, int options,
					   struct wait_result *res)
{
	struct signal_struct *sig = p->signal;
	bool found = true;

	spin_lock(&p->sighand->siglock);
	if (child_stop_pending(p, options)) {
		res->status = 0x7f | (sig->group_exit_code << 8);
		res->code = CLD_STOPPED;
		res->si_status = sig->group_exit_code;
		if (!(options & WNOWAIT))
			sig->group_exit_code = 0;
	} else if (child_continue_pending(p, options)) {
		res->status = 0xffff;
		res->code = CLD_CONTINUED;
		res->si_status = SIGCONT;
		if (!(options & WNOWAIT))
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
	} else {
		found = false;
	}
	spin_unlock(&p->sighand->siglock);
	if (found)
		res->pid = p->tgid;
	return found;
}

/* A dead child's status, in both encodings. */
static void wait_task_zombie(struct task_struct *p, struct wait_result *res)
{
	int status = task_exit_status(p);

	res->pid = p->tgid;
	res->status = status;
	res->code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
	res->si_status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
}

/*
 * A tracee's stop or death, as its tracer sees it (Linux's
 * wait_task_stopped() with ptrace set, wait_task_zombie() for a tracee
 * that is not our child): the stop code in bits 8-15 and up; a death
 * reported lets the tracee go, to be reaped by its real parent. With
 * tasklist_lock held.
 */
static bool wait_task_traced(struct task_struct *p, int options, struct wait_result *res)
{
	bool found = false;

	if (tracee_exit_pending(p, options)) {
		wait_task_zombie(p, res);
		if (!thread_group_leader(p)) {
			res->pid = p->pid;
			if (!(options & WNOWAIT)) {
				__ptrace_unlink(p);
				release_thread_zombie(p);
				res->released = p;
			}
		} else if (!(options & WNOWAIT)) {
			__ptrace_unlink(p);
			do_notify_parent(p);
		}
		return true;
	}
	spin_lock(&p->sighand->siglock);
	if (tracee_stop_pending(p)) {
		res->pid = p->pid;
		res->status = 0x7f | (p->ptrace_code << 8);
		res->code = CLD_TRAPPED;
		res->si_status = p->ptrace_code;
		if (!(options & WNOWAIT))
			p->ptrace_code = 0;
		found = true;
	} else if (child_continue_pending(p, options)) {
		/* One continue report for the process: the tracer may take it too, as on Linux. */
		res->pid = p->pid;
		res->status = 0xffff;
		res->code = CLD_CONTINUED;
		res->si_status = SIGCONT;
		if (!(options & WNOWAIT))
			p->signal->flags &= ~SIGNAL_STOP_CONTINUED;
		found = true;
	}
	spin_unlock(&p->sighand->siglock);
	return found;
}

/*
 * One look at the caller's children. Returns the child reaped (its
 * parent's reference to drop), if any; @res->pid is set when there is
 * news, reaped or not.
 */
static struct task_struct *wait_consider_children(struct wait_opts *wo, struct wait_result *res)
{
	struct task_struct *p, *t, *reaped = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &current->group_leader->children, sibling) {
		if (!wait_pid_matches(p, wo))
			continue;
		wo->any = true;
		/* A dead child someone else traces: its tracer hears first. */
		if ((wo->options & WEXITED) && child_reapable(p) && (!p->ptrace || traced_by_us(p))) {
			wait_task_zombie(p, res);
			if (!(wo->options & WNOWAIT)) {
				if (p->ptrace)
					__ptrace_unlink(p);
				list_del(&p->sibling);
				unhash_thread(p);
				p->exit_state = EXIT_DEAD;	/* no pid names it now */
				reaped = p;
			}
			goto out;
		}
		if (traced_by_us(p) ? wait_task_traced(p, wo->options, res) :
				      wait_task_stopped_or_continued(p, wo->options, res))
			goto out;
	}
	for_each_tracee(p, t) {
		if (!tracee_wait_matches(p, wo))
			continue;
		wo->any = true;
		if (wait_task_traced(p, wo->options, res))
			goto out;
	}
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return reaped;
}

/*
 * 0: WNOHANG and no news; >0: the child's pid, @res filled (and @ru,
 * if given, for a child reaped); <0: error.
 */
static long do_wait(struct wait_opts *wo, struct wait_result *res, struct rusage *ru)
{
	for (;;) {
		struct task_struct *reaped;

		wo->any = false;
		res->pid = 0;
		res->released = NULL;
		reaped = wait_consider_children(wo, res);
		if (res->released) {
			put_task_struct(res->released);
			wake_up_all(&child_exit_wq);	/* its leader may be news now */
		}
		if (reaped) {
			rusage_reap_child(current, reaped, ru);
			put_task_struct(reaped);	/* the parent's reference (copy_process) */
		}
		if (res->pid)
			return res->pid;
		if (!wo->any)
			return -ECHILD;
		if (wo->options & WNOHANG)
			return 0;
		if (signal_pending(current))
			return -ERESTARTSYS;
		wait_event_timeout(child_exit_wq, signal_pending(current) ||
				   wait_news_ready(wo), HZ);
	}
}

/*
 * Any thread of a process waits for the children of the whole process
 * (they hang on its leader). rusage is the reaped child's (zero for a
 * stop or continue report).
 */
SYSCALL_DEFINE4(wait4, int, upid, int *, stat_addr, int, options, struct rusage *, ru)
{
	struct wait_opts wo = { .which = P_PID, .id = upid, .options = options | WEXITED };
	struct wait_result res = { 0 };
	struct rusage r = { 0 };
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (upid == (int)0x80000000)	/* -INT_MIN does not exist */
		return -ESRCH;
	if (upid == -1) {
		wo.which = P_ALL;
	} else if (upid <= 0) {
		wo.which = P_PGID;
		wo.id = upid ? -upid : current->pgrp;
	}
	ret = do_wait(&wo, &res, ru ? &r : NULL);
	/* As Linux: the child is reaped even if the status cannot be stored. */
	if (ret > 0 && stat_addr && put_user(res.status, stat_addr))
		return -EFAULT;
	if (ret > 0 && ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	return ret;
}

/*
 * waitid(): the news as a siginfo (all zero when WNOHANG finds none).
 * P_PIDFD needs pidfds, which reflex does not have: -EINVAL. rusage is
 * not filled in.
 */
SYSCALL_DEFINE5(waitid, int, which, int, upid, siginfo_t *, infop, int, options, void *, ru)
{
	struct wait_opts wo = { .which = which, .id = upid, .options = options };
	struct wait_result res = { 0 };
	siginfo_t info = { 0 };
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		if (!upid)
			wo.id = current->pgrp;
		break;
	default:
		return -EINVAL;
	}
	ret = do_wait(&wo, &res, NULL);
	if (ret < 0)
		return ret;
	if (ret > 0) {
		info.si_signo = SIGCHLD;
		info.si_code = res.code;
		info.chld.pid = res.pid;
		info.chld.status = res.si_status;
	}
	if (infop && copy_to_user(infop, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}
