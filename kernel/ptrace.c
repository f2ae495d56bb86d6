// SPDX-License-Identifier: MIT
/*
 * ptrace(2), the generic half: who traces whom, the tracee's stops and
 * the requests that need no knowledge of the CPU. A tracer attaches
 * (PTRACE_ATTACH sends SIGSTOP, PTRACE_SEIZE does not, PTRACE_TRACEME
 * makes the parent the tracer) and the tracee then stops, in
 * TASK_TRACED, at every signal it is about to take, at the events its
 * options ask for (exec, exit, fork, clone) and, under PTRACE_SYSCALL, at
 * system-call entry and exit. The tracer hears of each stop through
 * wait4()/waitid() (kernel/exit.c: 0x7f | code << 8) and resumes the
 * tracee with the signal it chooses. Registers, memory and the debug
 * registers are arch/x86/kernel/ptrace.c's. Every caller is root, which
 * passes Linux's access checks; the rules left are Linux's others: no
 * tracing of oneself, one's own process, init or a traced task.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/ptrace.h>
#include <asm/syscall.h>

void signal_wake_up(struct task_struct *t, bool fatal);

/*
 * A new task starts untraced, whatever its parent's state was; a TF in
 * the registers it copied is the tracer's step of its parent, not its own.
 */
void ptrace_init_task(struct task_struct *p)
{
	if (READ_ONCE(current->ti_flags) & (1UL << TIF_FORCED_TF)) {
		set_tsk_thread_flag(p, TIF_FORCED_TF);
		user_disable_single_step(p);
	}
	p->ptrace = 0;
	p->parent = NULL;
	p->ptrace_code = 0;
	p->ptrace_message = 0;
	p->last_siginfo = NULL;
	INIT_LIST_HEAD(&p->ptraced);
	INIT_LIST_HEAD(&p->ptrace_entry);
	clear_tsk_thread_flag(p, TIF_SYSCALL_TRACE);
	clear_tsk_thread_flag(p, TIF_SINGLESTEP);
}

bool ptrace_traced_by(struct task_struct *child, struct task_struct *tracer)
{
	return child->ptrace && child->parent == tracer;
}

/* With tasklist_lock held. */
static void __ptrace_link(struct task_struct *child, struct task_struct *tracer,
			  unsigned int flags)
{
	child->ptrace = flags;
	child->parent = tracer;
	list_add_tail(&child->ptrace_entry, &tracer->ptraced);
}

/* With tasklist_lock held: @child is free of its tracer, and of its stepping. */
void __ptrace_unlink(struct task_struct *child)
{
	list_del_init(&child->ptrace_entry);
	child->ptrace = 0;
	child->parent = NULL;
	clear_tsk_thread_flag(child, TIF_SYSCALL_TRACE);
	user_disable_single_step(child);
	child->jobctl &= ~(JOBCTL_TRAP_MASK | JOBCTL_LISTENING);
}

/*
 * Which event a clone is for current's tracer, as Linux's
 * kernel_clone(): vfork, a child that signals SIGCHLD (fork) or any
 * other (clone); 0 when the options do not ask for it.
 */
int ptrace_clone_event(unsigned long clone_flags, int exit_signal)
{
	int event;

	if (!current->ptrace || (clone_flags & CLONE_UNTRACED))
		return 0;
	if (clone_flags & CLONE_VFORK)
		event = PTRACE_EVENT_VFORK;
	else if (exit_signal != SIGCHLD)
		event = PTRACE_EVENT_CLONE;
	else
		event = PTRACE_EVENT_FORK;
	return (current->ptrace & PT_EVENT_FLAG(event)) ? event : 0;
}

/*
 * The new task is traced by current's tracer from its first
 * instruction, with the same options: a seized one traps with
 * PTRACE_EVENT_STOP, another starts with SIGSTOP. With tasklist_lock
 * held, before the task can run.
 */
void ptrace_link_new_task(struct task_struct *p, int trace)
{
	if (!trace || !current->ptrace)
		return;
	__ptrace_link(p, current->parent, current->ptrace);
	if (p->ptrace & PT_SEIZED) {
		p->jobctl |= JOBCTL_TRAP_STOP;
		set_tsk_thread_flag(p, TIF_SIGPENDING);
	} else {
		p->pending.signal |= sigmask(SIGSTOP);
		set_tsk_thread_flag(p, TIF_SIGPENDING);
	}
}

/* SIGCHLD with CLD_TRAPPED to the tracer, and its wait4() woken. */
static void ptrace_notify_tracer(struct task_struct *tsk, int why, int code)
{
	siginfo_t info = { .si_signo = SIGCHLD, .si_code = why };
	struct task_struct *tracer;
	unsigned long flags;

	info.chld.pid = tsk->pid;
	info.chld.status = code & 0x7f;
	spin_lock_irqsave(&tasklist_lock, flags);
	tracer = tsk->parent;
	if (tsk->ptrace && tracer && tracer->sighand)
		send_sig_info(SIGCHLD, &info, tracer);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	wake_up_all(&child_exit_wq);
}

/**
 * ptrace_stop - stop for the tracer until it resumes us
 * @exit_code: what the tracer's wait reports (the signal, or SIGTRAP with
 *	an event in bits 8-15)
 * @why: CLD_TRAPPED, or CLD_STOPPED for a group stop
 * @message: PTRACE_GETEVENTMSG's answer
 * @info: the siginfo PTRACE_GETSIGINFO shows, or NULL
 *
 * A task being killed does not stop, as Linux's. On return
 * current->ptrace_code holds what the tracer resumed us with.
 */
void ptrace_stop(int exit_code, int why, unsigned long message, siginfo_t *info)
{
	struct task_struct *tsk = current;

	spin_lock_irq(&tsk->sighand->siglock);
	if (!tsk->ptrace || fatal_signal_pending(tsk)) {
		tsk->ptrace_code = 0;
		tsk->jobctl &= ~JOBCTL_TRAP_MASK;	/* nothing to trap for any more */
		spin_unlock_irq(&tsk->sighand->siglock);
		return;
	}
	tsk->last_siginfo = info;
	tsk->ptrace_message = message;
	tsk->ptrace_code = exit_code;
	/* Any trap answers PTRACE_INTERRUPT; a PTRACE_EVENT_STOP one a SIGCONT too. */
	tsk->jobctl &= ~JOBCTL_TRAP_STOP;
	if (info && (info->si_code >> 8) == PTRACE_EVENT_STOP)
		tsk->jobctl &= ~JOBCTL_TRAP_NOTIFY;
	set_current_state(TASK_TRACED);
	spin_unlock_irq(&tsk->sighand->siglock);
	ptrace_notify_tracer(tsk, why, exit_code);
	schedule();
	__set_current_state(TASK_RUNNING);
	force_iret();		/* the tracer may have written any register */
	spin_lock_irq(&tsk->sighand->siglock);
	tsk->last_siginfo = NULL;
	tsk->jobctl &= ~JOBCTL_LISTENING;
	if (fatal_signal_pending(tsk))
		tsk->ptrace_code = 0;	/* SIGKILL ended the stop: nothing else is delivered */
	recalc_sigpending_tsk(tsk);
	spin_unlock_irq(&tsk->sighand->siglock);
}

/*
 * A stop of the tracee's own making (an event, a system call): its
 * siginfo is a SIGTRAP whose si_code is the stop's code, as Linux's
 * ptrace_notify(). Returns the signal the tracer resumed us with.
 */
static int ptrace_notify(int exit_code, unsigned long message)
{
	siginfo_t info = { .si_signo = SIGTRAP, .si_code = exit_code };
	int sig;

	info.kill.pid = current->pid;
	ptrace_stop(exit_code, CLD_TRAPPED, message, &info);
	sig = current->ptrace_code;
	current->ptrace_code = 0;
	return sig;
}

/*
 * An event stop (PTRACE_EVENT_*), if the options ask for it. Without
 * PTRACE_O_TRACEEXEC a tracee that was not seized gets the old SIGTRAP
 * after exec instead.
 */
void ptrace_event(int event, unsigned long message)
{
	unsigned int pt = READ_ONCE(current->ptrace);

	if (pt & PT_EVENT_FLAG(event))
		ptrace_notify((event << 8) | SIGTRAP, message);
	else if (event == PTRACE_EVENT_EXEC && (pt & PT_PTRACED) && !(pt & PT_SEIZED)) {
		send_sig(SIGTRAP, current, 0);
	}
}

/**
 * ptrace_signal - the signal-delivery stop for @signr
 * @signr: the signal just dequeued
 * @info: its siginfo, which PTRACE_SETSIGINFO may rewrite
 *
 * Return: the signal the tracer resumed us with (0: none), @info
 * rewritten as sent by the tracer if it chose another.
 */
int ptrace_signal(int signr, siginfo_t *info)
{
	ptrace_stop(signr, CLD_TRAPPED, 0, info);
	signr = current->ptrace_code;
	current->ptrace_code = 0;
	if (!signr)
		return 0;
	if (signr != info->si_signo) {
		*info = (siginfo_t){ .si_signo = signr, .si_code = SI_USER };
		if (current->parent)
			info->kill.pid = current->parent->tgid;
	}
	return signr;
}

/*
 * A system-call stop; SIGTRAP | 0x80 with PTRACE_O_TRACESYSGOOD. A
 * signal the tracer resumes us with is sent, as Linux's
 * ptrace_report_syscall() does.
 */
static void ptrace_report_syscall(unsigned long message)
{
	int code = SIGTRAP | ((current->ptrace & PT_TRACESYSGOOD) ? 0x80 : 0);
	int sig = ptrace_notify(code, message);

	if (sig)
		send_sig(sig, current, 1);
}

/**
 * syscall_trace_enter - the syscall-entry stop, under PTRACE_SYSCALL
 * @regs: the caller's frame, which the tracer may have rewritten
 *
 * Return: the number to run (orig_ax, as the tracer left it); -1 when a
 * SIGKILL came during the stop, so that nothing runs.
 */
long syscall_trace_enter(struct pt_regs *regs)
{
	if (READ_ONCE(current->ti_flags) & (1UL << TIF_SYSCALL_TRACE)) {
		ptrace_report_syscall(PTRACE_EVENTMSG_SYSCALL_ENTRY);
		if (fatal_signal_pending(current))
			return -1;
	}
	return regs->orig_ax;
}

/*
 * After the call: a single-stepped SYSCALL reports the step here (the
 * #DB would come only after the next instruction), else the exit stop.
 */
void syscall_exit_work(struct pt_regs *regs)
{
	unsigned long flags = READ_ONCE(current->ti_flags);

	if (flags & (1UL << TIF_SINGLESTEP))
		force_sig_fault(SIGTRAP, TRAP_BRKPT, (void __user *)regs->ip);
	else if (flags & (1UL << TIF_SYSCALL_TRACE))
		ptrace_report_syscall(PTRACE_EVENTMSG_SYSCALL_EXIT);
}

/*
 * The tracer is exiting: its tracees go free (killed first under
 * PTRACE_O_EXITKILL); a stopped one runs on, a dead one is reported to
 * its real parent (kernel/exit.c). With tasklist_lock held.
 */
void exit_ptrace(struct task_struct *tracer)
{
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &tracer->ptraced, ptrace_entry) {
		if (p->ptrace & PT_EXITKILL)
			send_sig(SIGKILL, p, 1);
		__ptrace_unlink(p);
		p->ptrace_code = 0;
		wake_up_state(p, __TASK_TRACED);
	}
}

/* --- the requests ------------------------------------------------------------ */

static int ptrace_traceme(void)
{
	int ret = -EPERM;

	spin_lock_irq(&tasklist_lock);
	if (!current->ptrace && current->real_parent) {
		__ptrace_link(current, current->real_parent, PT_PTRACED);
		ret = 0;
	}
	spin_unlock_irq(&tasklist_lock);
	return ret;
}

static int ptrace_attach(struct task_struct *task, long request, unsigned long addr,
			 unsigned long flags)
{
	bool seize = request == PTRACE_SEIZE;
	unsigned int pt = PT_PTRACED;
	int ret = -EPERM;

	if (seize) {
		if (addr)
			return -EIO;
		if (flags & ~(unsigned long)PTRACE_O_MASK)
			return -EIO;
		pt |= PT_SEIZED | (flags << PT_OPT_FLAG_SHIFT);
	}
	if ((task->flags & PF_KTHREAD) || task->tgid == 1 || task->tgid == current->tgid)
		return -EPERM;
	spin_lock_irq(&tasklist_lock);
	if (!task->ptrace && !task->exit_state && !(task->flags & PF_EXITING)) {
		__ptrace_link(task, current, pt);
		ret = 0;
	}
	spin_unlock_irq(&tasklist_lock);
	if (!ret && !seize)
		send_sig(SIGSTOP, task, 1);
	return ret;
}

/*
 * Linux's ptrace_check_attach(): @child must be ours and (unless
 * @ignore_state) stopped for us, and off its CPU so that its saved
 * state is what we read. -ESRCH otherwise.
 */
static int ptrace_check_attach(struct task_struct *child, bool ignore_state)
{
	int ret = -ESRCH;

	spin_lock_irq(&tasklist_lock);
	if (ptrace_traced_by(child, current) &&
	    (ignore_state || (task_state(child) == TASK_TRACED &&
			      !(child->jobctl & JOBCTL_LISTENING))))
		ret = 0;
	spin_unlock_irq(&tasklist_lock);
	if (!ret && !ignore_state)
		while (READ_ONCE(child->on_cpu))
			cpu_relax();
	return ret;
}

/* CONT, SYSCALL, SINGLESTEP and DETACH: run again with @data as the signal. */
static int ptrace_resume(struct task_struct *child, long request, unsigned long data)
{
	if (data > _NSIG)
		return -EIO;
	if (request == PTRACE_SYSCALL)
		set_tsk_thread_flag(child, TIF_SYSCALL_TRACE);
	else
		clear_tsk_thread_flag(child, TIF_SYSCALL_TRACE);
	if (request == PTRACE_SINGLESTEP)
		user_enable_single_step(child);
	else
		user_disable_single_step(child);
	spin_lock_irq(&child->sighand->siglock);
	child->ptrace_code = data;
	wake_up_state(child, __TASK_TRACED);
	spin_unlock_irq(&child->sighand->siglock);
	return 0;
}

static int ptrace_detach(struct task_struct *child, unsigned long data)
{
	if (data > _NSIG)
		return -EIO;
	spin_lock_irq(&tasklist_lock);
	__ptrace_unlink(child);
	spin_unlock_irq(&tasklist_lock);
	spin_lock_irq(&child->sighand->siglock);
	child->ptrace_code = data;
	wake_up_state(child, __TASK_TRACED);
	spin_unlock_irq(&child->sighand->siglock);
	return 0;
}

/* PTRACE_INTERRUPT: a seized tracee traps with PTRACE_EVENT_STOP if it is not stopped already. */
static int ptrace_interrupt(struct task_struct *child)
{
	if (!(child->ptrace & PT_SEIZED))
		return -EIO;
	spin_lock_irq(&child->sighand->siglock);
	if (child->jobctl & JOBCTL_LISTENING) {
		child->jobctl |= JOBCTL_TRAP_STOP;
		wake_up_state(child, __TASK_TRACED);
	} else if (task_state(child) != TASK_TRACED) {
		child->jobctl |= JOBCTL_TRAP_STOP;
		signal_wake_up(child, false);
	}
	spin_unlock_irq(&child->sighand->siglock);
	return 0;
}

/*
 * PTRACE_LISTEN: a seized tracee in a PTRACE_EVENT_STOP stays stopped,
 * but is no longer the tracer's to inspect; SIGCONT (or
 * PTRACE_INTERRUPT) makes it trap again, so that the tracer can wait
 * for the group stop's end without resuming the tracee itself.
 */
static int ptrace_listen(struct task_struct *child)
{
	const siginfo_t *si = child->last_siginfo;
	int ret = -EIO;

	if (!(child->ptrace & PT_SEIZED))
		return -EIO;
	spin_lock_irq(&child->sighand->siglock);
	if (si && (si->si_code >> 8) == PTRACE_EVENT_STOP) {
		child->jobctl |= JOBCTL_LISTENING;
		/* A SIGCONT that came during the stop wakes it at once. */
		if (child->jobctl & JOBCTL_TRAP_NOTIFY)
			wake_up_state(child, __TASK_TRACED);
		ret = 0;
	}
	spin_unlock_irq(&child->sighand->siglock);
	return ret;
}

static int ptrace_getsiginfo(struct task_struct *child, void __user *data, bool set)
{
	siginfo_t info;

	if (!child->last_siginfo)
		return -EINVAL;
	if (!set)
		return copy_to_user(data, child->last_siginfo, sizeof(info)) ? -EFAULT : 0;
	if (copy_from_user(&info, data, sizeof(info)))
		return -EFAULT;
	*child->last_siginfo = info;
	return 0;
}

/* struct ptrace_syscall_info (uapi/linux/ptrace.h), without seccomp's member. */
struct ptrace_syscall_info {
	u8 op;			/* PTRACE_SYSCALL_INFO_* */
	u8 pad[3];
	u32 arch;		/* AUDIT_ARCH_X86_64, or AUDIT_ARCH_I386 for int $0x80 */
	u64 instruction_pointer;
	u64 stack_pointer;
	union {
		struct {
			u64 nr;
			u64 args[6];
		} entry;
		struct {
			s64 rval;
			u8 is_error;
		} exit;
	};
};

#define PTRACE_SYSCALL_INFO_NONE	0
#define PTRACE_SYSCALL_INFO_ENTRY	1
#define PTRACE_SYSCALL_INFO_EXIT	2
#define AUDIT_ARCH_X86_64		0xc000003e
#define AUDIT_ARCH_I386			0x40000003
#define MAX_ERRNO			4095

/* The number and arguments of the call stopped at: the i386 registers for an int $0x80 one. */
static void syscall_get_info_entry(struct task_struct *child, struct pt_regs *regs,
				   struct ptrace_syscall_info *info, bool ia32)
{
	info->entry.nr = syscall_get_nr(child, regs);
	if (ia32) {
		info->entry.args[0] = (u32)regs->bx;
		info->entry.args[1] = (u32)regs->cx;
		info->entry.args[2] = (u32)regs->dx;
		info->entry.args[3] = (u32)regs->si;
		info->entry.args[4] = (u32)regs->di;
		info->entry.args[5] = (u32)regs->bp;
		return;
	}
	info->entry.args[0] = regs->di;
	info->entry.args[1] = regs->si;
	info->entry.args[2] = regs->dx;
	info->entry.args[3] = regs->r10;
	info->entry.args[4] = regs->r8;
	info->entry.args[5] = regs->r9;
}

/*
 * PTRACE_GET_SYSCALL_INFO: what the tracee is stopped in, as much of it
 * as @size allows; returns the size of the whole answer for that kind.
 */
static long ptrace_get_syscall_info(struct task_struct *child, unsigned long size,
				    void __user *data)
{
	struct pt_regs *regs = task_pt_regs(child);
	bool ia32 = task_in_ia32_syscall(child);
	struct ptrace_syscall_info info = {
		.op = PTRACE_SYSCALL_INFO_NONE,
		.arch = ia32 ? AUDIT_ARCH_I386 : AUDIT_ARCH_X86_64,
		.instruction_pointer = regs->ip, .stack_pointer = regs->sp,
	};
	unsigned long len = offsetof(struct ptrace_syscall_info, entry);

	if (child->last_siginfo && child->last_siginfo->si_signo == SIGTRAP &&
	    child->ptrace_message == PTRACE_EVENTMSG_SYSCALL_ENTRY) {
		info.op = PTRACE_SYSCALL_INFO_ENTRY;
		syscall_get_info_entry(child, regs, &info, ia32);
		len = offsetof(struct ptrace_syscall_info, entry.args) + sizeof(info.entry.args);
	} else if (child->last_siginfo && child->last_siginfo->si_signo == SIGTRAP &&
		   child->ptrace_message == PTRACE_EVENTMSG_SYSCALL_EXIT) {
		info.op = PTRACE_SYSCALL_INFO_EXIT;
		info.exit.rval = syscall_get_error(child, regs);
		info.exit.is_error = !!info.exit.rval;
		if (!info.exit.is_error)
			info.exit.rval = ia32 ? (long)(int)regs->ax : (long)regs->ax;
		len = offsetof(struct ptrace_syscall_info, exit.is_error) + sizeof(info.exit.is_error);
	}
	if (copy_to_user(data, &info, min(size, len)))
		return -EFAULT;
	return len;
}

/*
 * PTRACE_GETSIGMASK / PTRACE_SETSIGMASK: @size must be the kernel's
 * sigset (8 bytes). A tracee in rt_sigsuspend() reports the mask it
 * will get back; a mask set drops SIGKILL and SIGSTOP, and replaces
 * that pending restore, as Linux's.
 */
static int ptrace_sigmask(struct task_struct *child, bool set, unsigned long size,
			  u64 __user *umask)
{
	u64 mask;

	if (size != sizeof(u64))
		return -EINVAL;
	if (!set) {
		mask = child->restore_sigmask ? child->saved_sigmask : child->blocked;
		return put_user(mask, umask);
	}
	if (get_user(mask, umask))
		return -EFAULT;
	spin_lock_irq(&child->sighand->siglock);
	child->blocked = mask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	child->restore_sigmask = false;
	spin_unlock_irq(&child->sighand->siglock);
	return 0;
}

/* struct ptrace_peeksiginfo_args (uapi/linux/ptrace.h) */
struct ptrace_peeksiginfo_args {
	u64 off;	/* from which queued siginfo */
	u32 flags;	/* PTRACE_PEEKSIGINFO_SHARED: the process's queue */
	s32 nr;		/* how many at most */
};

/* The @n-th siginfo queued on @pending into @info; false past the end. Under siglock. */
static bool sigqueue_nth(struct sigpending *pending, u64 n, siginfo_t *info)
{
	struct sigqueue *q;

	list_for_each_entry(q, &pending->list, list)
		if (!n--) {
			*info = q->info;
			return true;
		}
	return false;
}

/*
 * PTRACE_PEEKSIGINFO: the siginfos queued for the tracee (or for its
 * process), without dequeuing them, one at a time so that no user copy
 * happens under siglock. Returns how many were copied; -EFAULT only if
 * the first copy faults.
 */
static long ptrace_peek_siginfo(struct task_struct *child, unsigned long addr,
				unsigned long data)
{
	struct ptrace_peeksiginfo_args arg;
	siginfo_t __user *uinfo = (siginfo_t __user *)data;
	struct sigpending *pending;
	siginfo_t info;
	s32 i;

	if (copy_from_user(&arg, (void __user *)addr, sizeof(arg)))
		return -EFAULT;
	if ((arg.flags & ~PTRACE_PEEKSIGINFO_SHARED) || arg.nr < 0)
		return -EINVAL;
	pending = arg.flags & PTRACE_PEEKSIGINFO_SHARED ? &child->signal->shared_pending :
							   &child->pending;
	for (i = 0; i < arg.nr; i++) {
		bool found;

		spin_lock_irq(&child->sighand->siglock);
		found = sigqueue_nth(pending, arg.off + i, &info);
		spin_unlock_irq(&child->sighand->siglock);
		if (!found)
			break;
		if (copy_to_user(&uinfo[i], &info, sizeof(info)))
			return i ? i : -EFAULT;
	}
	return i;
}

/* The requests every architecture shares; the rest go to arch_ptrace(). */
static long ptrace_request(struct task_struct *child, long request, unsigned long addr,
			   unsigned long data)
{
	unsigned long word;

	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
		if (access_process_vm(child, addr, &word, sizeof(word), false))
			return -EIO;
		return put_user(word, (unsigned long __user *)data);
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
		return access_process_vm(child, addr, &data, sizeof(data), true) ? -EIO : 0;
	case PTRACE_SETOPTIONS:
		if (data & ~(unsigned long)PTRACE_O_MASK)
			return -EINVAL;
		child->ptrace = (child->ptrace & ~PT_OPT_MASK) | (data << PT_OPT_FLAG_SHIFT);
		return 0;
	case PTRACE_GETEVENTMSG:
		return put_user(child->ptrace_message, (unsigned long __user *)data);
	case PTRACE_GETSIGINFO:
		return ptrace_getsiginfo(child, (void __user *)data, false);
	case PTRACE_SETSIGINFO:
		return ptrace_getsiginfo(child, (void __user *)data, true);
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
		return ptrace_resume(child, request, data);
	case PTRACE_DETACH:
		return ptrace_detach(child, data);
	case PTRACE_GET_SYSCALL_INFO:
		return ptrace_get_syscall_info(child, addr, (void __user *)data);
	case PTRACE_LISTEN:
		return ptrace_listen(child);
	case PTRACE_PEEKSIGINFO:
		return ptrace_peek_siginfo(child, addr, data);
	case PTRACE_GETSIGMASK:
	case PTRACE_SETSIGMASK:
		return ptrace_sigmask(child, request == PTRACE_SETSIGMASK, addr,
				      (u64 __user *)data);
	default:
		return arch_ptrace(child, request, addr, data);
	}
}

SYSCALL_DEFINE4(ptrace, long, request, long, pid, unsigned long, addr, unsigned long, data)
{
	struct task_struct *child;
	long ret;

	if (request == PTRACE_TRACEME)
		return ptrace_traceme();
	/* pid 0 would find the boot CPU's idle task, which no one may hold. */
	child = pid > 0 ? find_get_task_by_vpid(pid) : NULL;
	if (!child)
		return -ESRCH;
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE) {
		ret = ptrace_attach(child, request, addr, data);
	} else if (request == PTRACE_KILL || request == PTRACE_INTERRUPT) {
		ret = ptrace_check_attach(child, true);
		if (!ret && request == PTRACE_KILL)
			send_sig(SIGKILL, child, 1);
		else if (!ret)
			ret = ptrace_interrupt(child);
	} else {
		ret = ptrace_check_attach(child, false);
		if (!ret)
			ret = ptrace_request(child, request, addr, data);
	}
	put_task_struct(child);
	return ret;
}
