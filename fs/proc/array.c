// SPDX-License-Identifier: MIT
/*
 * The text of /proc/PID/stat, status and statm, in Linux 6.1's formats
 * field for field, so ps, top and libprocps parse them unchanged. A
 * process's files sum its threads (times, faults); task/TID's show the
 * thread alone. Fields reflex has no counterpart for are printed as
 * Linux prints them when the feature is off: 0, or -1 for the tty's
 * process group, no capabilities beyond root's full set.
 *
 * Times are in clock ticks (USER_HZ 100), as Linux's nsec_to_clock_t().
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/mm_types.h>
#include <linux/fdtable.h>
#include <linux/resource.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <asm/page.h>
#include "internal.h"

#define USER_HZ		100

static unsigned long long nsec_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / USER_HZ);
}

/* Linux's task_state_array letters; a kernel thread asleep for good is "I" (TASK_IDLE). */
char task_state_char(struct task_struct *p)
{
	unsigned int s = task_state(p);

	if (p->exit_state & EXIT_ZOMBIE)
		return 'Z';
	if (p->exit_state & EXIT_DEAD)
		return 'X';
	if (s == TASK_RUNNING)
		return 'R';
	if (s & __TASK_TRACED)
		return 't';
	if (s & __TASK_STOPPED)
		return 'T';
	if (s & TASK_PARKED)
		return 'P';
	if (s & TASK_DEAD)
		return 'X';
	if (s & TASK_UNINTERRUPTIBLE)
		return (p->flags & PF_KTHREAD) ? 'I' : 'D';
	return 'S';
}

static const char *task_state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 't': return "t (tracing stop)";
	case 'X': return "X (dead)";
	case 'Z': return "Z (zombie)";
	case 'P': return "P (parked)";
	case 'I': return "I (idle)";
	default:  return "S (sleeping)";
	}
}

/* What stat and status add up over a process's threads. */
struct task_totals {
	u64 utime, stime;
	unsigned long min_flt, nvcsw, nivcsw;
	int num_threads;
	int ppid, tracer;
	u64 shd_pending, ignored, caught;
};

static void collect_totals(struct task_struct *task, bool thread, struct task_totals *t)
{
	struct task_struct *leader, *p;
	unsigned long flags;
	int i;

	memset(t, 0, sizeof(*t));
	spin_lock_irqsave(&tasklist_lock, flags);
	leader = task->group_leader;
	t->ppid = leader->real_parent ? leader->real_parent->tgid : 0;
	t->tracer = task->ptrace && task->parent ? task->parent->pid : 0;
	if (task->signal) {
		t->num_threads = task->signal->nr_threads;
		t->shd_pending = task->signal->shared_pending.signal;
		if (!thread) {
			for_each_thread(task, p) {
				t->utime += p->utime;
				t->stime += p->stime;
				t->min_flt += p->min_flt;
			}
		}
	}
	if (task->sighand) {
		for (i = 1; i <= 64; i++) {
			void *h = task->sighand->action[i - 1].sa_handler;

			if (h == SIG_IGN)
				t->ignored |= 1ULL << (i - 1);
			else if (h != SIG_DFL)
				t->caught |= 1ULL << (i - 1);
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (thread || !task->signal) {
		t->utime = task->utime;
		t->stime = task->stime;
		t->min_flt = task->min_flt;
	}
	if (!t->num_threads)
		t->num_threads = 1;
	t->nvcsw = task->nvcsw;
	t->nivcsw = task->nivcsw;
}

static unsigned long mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

int proc_pid_stat(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);
	struct task_totals t;
	char state = task_state_char(task);
	unsigned long vsize = 0, rss = 0;

	collect_totals(task, thread, &t);
	if (mm) {
		vsize = mm->total_vm * PAGE_SIZE;
		rss = mm_rss(mm);
	}
	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %llu %llu %llu %llu ",
		   task->pid, task->comm, state, t.ppid, task->pgrp, task->session,
		   0, -1, task->flags, t.min_flt, 0UL, 0UL, 0UL,
		   nsec_to_clock_t(t.utime), nsec_to_clock_t(t.stime),
		   thread ? 0ULL : nsec_to_clock_t(task->group_leader->cutime),
		   thread ? 0ULL : nsec_to_clock_t(task->group_leader->cstime));
	seq_printf(m, "%d %d %d 0 %llu %lu %lu %lu %lu %lu %lu 0 0 ",
		   task->prio - MAX_RT_PRIO, task->static_prio - DEFAULT_PRIO, t.num_threads,
		   nsec_to_clock_t(task->start_time), vsize, rss,
		   task_rlimit(task, RLIMIT_RSS),
		   mm ? mm->start_code : 0, mm ? mm->end_code : 0, mm ? mm->start_stack : 0);
	/* The obsolete signal fields: the first 31 signals, in decimal. */
	seq_printf(m, "%llu %llu %llu %llu %d 0 0 %d %u %u %u 0 0 0 ",
		   task->pending.signal & 0x7fffffffULL, task->blocked & 0x7fffffffULL,
		   t.ignored & 0x7fffffffULL, t.caught & 0x7fffffffULL,
		   task_state(task) != TASK_RUNNING, task->exit_signal, task_cpu(task),
		   task->rt_priority, task->policy);
	if (mm)
		seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n", mm->start_data, mm->end_data,
			   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end,
			   task->exit_state ? task->exit_code : 0);
	else
		seq_printf(m, "0 0 0 0 0 0 0 %d\n", task->exit_state ? task->exit_code : 0);
	if (mm)
		mmput(mm);
	return 0;
}

/* statm: size resident shared text lib data dt, in pages. */
/*
 * /proc/PID/schedstat as Linux's: run time (ns), time spent waiting on a
 * run queue (ns), times run. reflex keeps no wait time: the middle field
 * is 0. A process directory shows its leader, a task/TID one the thread.
 */
int proc_pid_schedstat(struct seq_file *m, struct task_struct *task, bool thread)
{
	seq_printf(m, "%llu 0 %lu\n", (unsigned long long)READ_ONCE(task->sum_exec_runtime),
		   READ_ONCE(task->pcount));
	return 0;
}

int proc_pid_statm(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);
	unsigned long size = 0, resident = 0, shared = 0, text = 0, data = 0;

	if (mm) {
		size = mm->total_vm;
		resident = mm_rss(mm);
		shared = get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_SHMEMPAGES);
		text = (ALIGN(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
		data = mm->total_vm - text;
		mmput(mm);
	}
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", size, resident, shared, text, data);
	return 0;
}

/* KiB of the stack VMAs (the ones that grow down). */
static unsigned long mm_stack_kb(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long bytes = 0;

	mmap_read_lock(mm);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_flags & VM_GROWSDOWN)
			bytes += vma->vm_end - vma->vm_start;
	mmap_read_unlock(mm);
	return bytes >> 10;
}

static void status_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES) << (PAGE_SHIFT - 10);
	unsigned long file = get_mm_counter(mm, MM_FILEPAGES) << (PAGE_SHIFT - 10);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES) << (PAGE_SHIFT - 10);
	unsigned long total = mm->total_vm << (PAGE_SHIFT - 10);
	unsigned long text = (ALIGN(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK)) >> 10;
	unsigned long rss = anon + file + shmem;

	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n",
		   total, total, 0UL, 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n"
		   "RssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n", rss, rss, anon, file, shmem);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n"
		   "VmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n", total - text, mm_stack_kb(mm), text, 0UL,
		   mm->pgtables_bytes >> 10, 0UL);
	seq_puts(m, "HugetlbPages:\t       0 kB\n");
}

int proc_pid_status(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);
	unsigned int umask = 022, fdsize = 0;
	struct task_totals t;
	char state = task_state_char(task);

	collect_totals(task, thread, &t);
	task_lock(task);	/* exit_files() clears ->files under it */
	if (task->files) {
		umask = task->files->umask;
		fdsize = task->files->fdt.max_fds;
	}
	task_unlock(task);
	seq_printf(m, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		   "PPid:\t%d\nTracerPid:\t%d\n", task->comm, umask,
		   task_state_name(state), task->tgid, task->pid, t.ppid, t.tracer);
	seq_printf(m, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\nGroups:\t \n",
		   fdsize);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\nKthread:\t%d\n",
		   task->tgid, task->pid, task->pgrp, task->session, !!(task->flags & PF_KTHREAD));
	if (mm) {
		status_mem(m, mm);
		seq_printf(m, "CoreDumping:\t0\nTHP_enabled:\t0\n");
		mmput(mm);
	}
	seq_printf(m, "Threads:\t%d\nSigQ:\t%d/%lu\n", t.num_threads, 0,
		   task_rlimit(task, RLIMIT_SIGPENDING));
	seq_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n"
		   "SigIgn:\t%016llx\nSigCgt:\t%016llx\n", task->pending.signal, t.shd_pending,
		   task->blocked, t.ignored, t.caught);
	seq_puts(m, "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\n"
		 "CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n"
		 "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n"
		 "Speculation_Store_Bypass:\tnot vulnerable\n"
		 "SpeculationIndirectBranch:\tunknown\n");
	seq_printf(m, "Cpus_allowed:\t%*pb\nCpus_allowed_list:\t%*pbl\n",
		   cpumask_pr_args(&task->cpus_mask), cpumask_pr_args(&task->cpus_mask));
	seq_puts(m, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   t.nvcsw, t.nivcsw);
	return 0;
}
