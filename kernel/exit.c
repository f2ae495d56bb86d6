// SPDX-License-Identifier: MIT
/*
 * Leaving: do_exit() tears a process down to a zombie — address space,
 * files — hands its children to init, tells the parent (SIGCHLD and its
 * wait queue) and dies; a kernel thread leaves through kthread_exit(),
 * and a task that oopsed through make_task_dead(). The parent's wait4()
 * reads the status in Linux's encoding ((code & 0xff) << 8 for exit, the
 * signal number for a kill) and reaps it.
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
#include <linux/futex.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define __WALL		0x40000000
#define __WCLONE	0x80000000

DECLARE_WAIT_QUEUE_HEAD(child_exit_wq);	/* every wait4 sleeper; woken on any exit */
#include <linux/fdtable.h>

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

/* With tasklist_lock held. */
static void forget_original_parent(struct task_struct *father, struct task_struct *reaper)
{
	struct task_struct *p, *n;

	if (!reaper || reaper == father)
		return;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		p->real_parent = reaper;
		list_move_tail(&p->sibling, &reaper->children);
	}
}

__noreturn void do_exit(long code)
{
	struct task_struct *tsk = current, *reaper, *parent;
	siginfo_t info = { .si_signo = SIGCHLD, .si_code = CLD_EXITED };
	unsigned long flags;

	if (tsk->pid == 1)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	if (tsk->flags & PF_KTHREAD)
		kthread_exit(code);	/* no address space, files or parent to tell */
	tsk->flags |= PF_EXITING;
	futex_exit_release(tsk);
	complete_vfork_done(tsk);
	exit_mm(tsk);
	exit_files(tsk);
	tsk->exit_code = code;
	reaper = init_process();
	/* The parent cannot exit (and hand us on) between the two. */
	spin_lock_irqsave(&tasklist_lock, flags);
	forget_original_parent(tsk, reaper);
	tsk->exit_state = EXIT_ZOMBIE;
	parent = tsk->real_parent;
	if (parent && parent->sig) {
		info.chld.pid = tsk->pid;
		info.chld.status = code;
		if (code & 0x7f)
			info.si_code = CLD_KILLED;
		send_sig_info(SIGCHLD, &info, parent);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
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

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* One thread per process: exit_group is exit. */
SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}


/* Is a matching child a zombie that has left the CPU for good? */
/* A zombie that has left the CPU for good (its stack is gone). */
static bool child_reapable(struct task_struct *p)
{
	return p->exit_state == EXIT_ZOMBIE && task_state(p) == TASK_DEAD && !p->stack;
}

static bool wait_task_zombie_ready(int pid)
{
	struct task_struct *p;
	unsigned long flags;
	bool ready = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &current->children, sibling)
		if ((pid <= 0 || p->pid == pid) && child_reapable(p)) {
			ready = true;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ready;
}

/* 0: keep waiting; >0: reaped that pid; <0: error. */
static long wait_task_zombie(int pid, int *ustatus, struct rusage *ru, bool *any)
{
	struct rusage r;
	struct task_struct *p, *found = NULL;
	unsigned long flags;
	int code;

	/* Off the parent's list under the lock; the status is stored after. */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &current->children, sibling) {
		if (pid > 0 && p->pid != pid)
			continue;
		*any = true;
		if (child_reapable(p)) {
			found = p;
			list_del(&p->sibling);
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!found)
		return 0;
	pid = found->pid;
	code = found->exit_code;
	rusage_reap_child(current, found, ru ? &r : NULL);
	put_task_struct(found);		/* the parent's reference (copy_process) */
	/* As Linux: the child is reaped even if the status cannot be stored. */
	if (ustatus && put_user(code, ustatus))
		return -EFAULT;
	if (ru && copy_to_user(ru, &r, sizeof(r)))
		return -EFAULT;
	return pid;
}

SYSCALL_DEFINE4(wait4, int, upid, int *, stat_addr, int, options, struct rusage *, ru)
{
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | __WALL | __WCLONE))
		return -EINVAL;
	if (upid < -1 || upid == 0)
		upid = -1;	/* process groups: any child */
	for (;;) {
		bool any = false;

		ret = wait_task_zombie(upid, stat_addr, ru, &any);
		if (ret)
			return ret;
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (signal_pending(current))
			return -EINTR;
		wait_event_timeout(child_exit_wq, signal_pending(current) ||
				   wait_task_zombie_ready(upid), HZ);
	}
}
