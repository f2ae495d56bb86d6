// SPDX-License-Identifier: MIT
/*
 * The OOM killer. When a page fault cannot get a page, the process that
 * holds the most memory (oom_badness(): its resident pages and page
 * tables, moved by oom_score_adj) is sent SIGKILL and its death frees
 * what it held; the fault is retried meanwhile. Init, kernel threads and
 * tasks at OOM_SCORE_ADJ_MIN are never chosen. While a chosen victim
 * still holds its memory no second one is picked: the killer waits for
 * the first to exit rather than kill two for one shortage.
 *
 * The reports are Linux's lines. Unlike Linux there is no oom_reaper
 * (a victim frees its memory only when it runs to do_exit), no memory
 * reserve for victims, no cgroup or cpuset constraint and no swap.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/timer.h>
#include <asm/kdebug.h>

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/* Serialises the killers: one victim is chosen at a time. */
static DEFINE_MUTEX(oom_lock);

static bool is_global_init(struct task_struct *p)
{
	return p->pid == 1;
}

static bool oom_unkillable_task(struct task_struct *p)
{
	return is_global_init(p) || (p->flags & PF_KTHREAD);
}

static bool tsk_is_oom_victim(struct task_struct *p)
{
	return READ_ONCE(p->ti_flags) & (1UL << TIF_MEMDIE);
}

/* A vfork child shares its parent's mm: the parent answers for it. */
static bool in_vfork(struct task_struct *p)
{
	return p->vfork_done && p->real_parent && p->real_parent->mm == p->mm;
}

/*
 * How much killing @p would free, in pages, with oom_score_adj adding or
 * taking away a thousandth of memory per unit; LONG_MIN for a task that
 * must not be killed.
 */
long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (oom_unkillable_task(p))
		return LONG_MIN;
	task_lock(p);
	if (!p->mm) {
		task_unlock(p);
		return LONG_MIN;
	}
	adj = p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || in_vfork(p)) {
		task_unlock(p);
		return LONG_MIN;
	}
	points = get_mm_rss(p->mm) + get_mm_counter(p->mm, MM_SWAPENTS) +
		 mm_pgtables_bytes(p->mm) / PAGE_SIZE;
	task_unlock(p);
	return points + adj * (long)(totalpages / 1000);
}

/* false: go on; true: a victim is still on its way out, choose nobody. */
static bool oom_evaluate_task(struct task_struct *task, struct oom_control *oc)
{
	long points;

	if (oom_unkillable_task(task) || !task->mm)
		return false;
	if (tsk_is_oom_victim(task)) {
		oc->chosen = OOM_ABORT;
		return true;
	}
	points = oom_badness(task, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return false;
	oc->chosen = task;
	oc->chosen_points = points;
	return false;
}

/* Called with tasklist_lock held; a chosen task gets a reference. */
static void select_bad_process(struct oom_control *oc)
{
	struct task_struct *p;

	oc->chosen_points = LONG_MIN;
	list_for_each_entry(p, &task_list, tasks)
		if (p->mm && !p->exit_state && oom_evaluate_task(p, oc))
			break;
	if (oc->chosen && oc->chosen != OOM_ABORT)
		get_task_struct(oc->chosen);
}

static void dump_task(struct task_struct *p)
{
	struct mm_struct *mm;

	if (oom_unkillable_task(p))
		return;
	task_lock(p);
	mm = p->mm;
	if (mm)
		pr_info("[%7d] %5d %5d %8lu %8lu %8lu %8lu         %5hd %s\n",
			p->pid, 0, p->pid, mm->total_vm, get_mm_rss(mm),
			mm_pgtables_bytes(mm), get_mm_counter(mm, MM_SWAPENTS),
			p->oom_score_adj, p->comm);
	task_unlock(p);
}

static void dump_tasks(void)
{
	struct task_struct *p;
	unsigned long flags;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (!p->exit_state)
			dump_task(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* The lines of Linux's __show_mem() that reflex's one zone can fill. */
static void show_mem(void)
{
	unsigned long total = totalram_pages();

	pr_info("Mem-Info:\n");
	pr_info("free:%lu free_pcp:0 free_cma:0\n", nr_free_pages());
	pr_info("Free swap  = 0kB\n");
	pr_info("Total swap = 0kB\n");
	pr_info("%lu pages RAM\n", max_pfn);
	pr_info("0 pages HighMem/MovableOnly\n");
	pr_info("%lu pages reserved\n", max_pfn > total ? max_pfn - total : 0);
}

/*
 * The summary line reads as Debian's Linux 6.1 prints it, cpuset and
 * memory cgroup fields included: every task is in the root of both.
 */
static void dump_header(struct oom_control *oc, struct task_struct *victim)
{
	pr_warn("%s invoked oom-killer: gfp_mask=0x%x(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=%d, oom_score_adj=%hd\n",
		current->comm, oc->gfp_mask, oc->order, current->oom_score_adj);
	dump_stack();
	show_mem();
	dump_tasks();
	if (victim)
		pr_info("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=%s,pid=%d,uid=0\n",
			victim->comm, victim->pid);
}

static void mark_oom_victim(struct task_struct *tsk)
{
	set_tsk_thread_flag(tsk, TIF_MEMDIE);
}

static void oom_send_sigkill(struct task_struct *p)
{
	siginfo_t info = { .si_signo = SIGKILL, .si_code = SI_KERNEL };

	send_sig_info(SIGKILL, &info, p);
}

/*
 * Every other process on the victim's mm (a vfork parent or child) dies
 * with it, or the memory would stay pinned; init on it is reported and
 * spared, as Linux does.
 */
static void oom_kill_mm_sharers(struct task_struct *victim, struct mm_struct *mm)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		if (p == victim || p->mm != mm || (p->flags & PF_KTHREAD))
			continue;
		if (is_global_init(p)) {
			pr_info("oom killer %d (%s) has mm pinned by %d (%s)\n",
				victim->pid, victim->comm, p->pid, p->comm);
			continue;
		}
		oom_send_sigkill(p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void __oom_kill_process(struct task_struct *victim, const char *message)
{
	struct mm_struct *mm;

	task_lock(victim);
	mm = victim->mm;
	if (!mm) {
		task_unlock(victim);
		pr_info("%s: OOM victim %d (%s) is already exiting. Skip killing the task\n",
			message, victim->pid, victim->comm);
		return;
	}
	oom_send_sigkill(victim);
	mark_oom_victim(victim);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd\n",
	       message, victim->pid, victim->comm, K(mm->total_vm),
	       K(get_mm_counter(mm, MM_ANONPAGES)), K(get_mm_counter(mm, MM_FILEPAGES)),
	       K(get_mm_counter(mm, MM_SHMEMPAGES)), 0, mm_pgtables_bytes(mm) >> 10,
	       victim->oom_score_adj);
	task_unlock(victim);
	oom_kill_mm_sharers(victim, mm);
}

/* An exiting task frees its memory without being killed. */
static bool task_will_free_mem(struct task_struct *task)
{
	return task->mm && (task->flags & PF_EXITING);
}

static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen;

	if (task_will_free_mem(victim)) {
		mark_oom_victim(victim);
		return;
	}
	dump_header(oc, victim);
	__oom_kill_process(victim, message);
}

/*
 * Free memory by killing the worst task. True when something was done
 * (a victim killed, or one already on its way out) and the allocation
 * is worth retrying.
 */
bool out_of_memory(struct oom_control *oc)
{
	unsigned long flags;

	if (task_will_free_mem(current)) {
		mark_oom_victim(current);
		return true;
	}
	oc->totalpages = totalram_pages();
	spin_lock_irqsave(&tasklist_lock, flags);
	select_bad_process(oc);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!oc->chosen) {
		dump_header(oc, NULL);
		pr_warn("Out of memory and no killable processes...\n");
		panic("System is deadlocked on memory\n");
	}
	if (oc->chosen != OOM_ABORT) {
		oom_kill_process(oc, "Out of memory");
		put_task_struct(oc->chosen);
	}
	return true;
}

/*
 * A user page fault found no memory. Kill for it, then give the victim
 * the CPU to exit on; the fault is retried on return, or, if current
 * was the victim, SIGKILL ends it first.
 */
void pagefault_out_of_memory(void)
{
	struct oom_control oc = { .gfp_mask = GFP_HIGHUSER_MOVABLE_ZERO, .order = 0 };

	if (fatal_signal_pending(current))
		return;
	if (mutex_trylock(&oom_lock)) {
		out_of_memory(&oc);
		mutex_unlock(&oom_lock);
	}
	if (!fatal_signal_pending(current))
		schedule_timeout_killable(1);
}

/* The victim has let go of its memory: another may be chosen. */
void exit_oom_victim(void)
{
	clear_tsk_thread_flag(current, TIF_MEMDIE);
}
