/* SPDX-License-Identifier: MIT */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sched

#if !defined(_TRACE_SCHED_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_SCHED_H

/*
 * The scheduler's events (kernel/sched/core.c, kernel/fork.c,
 * fs/exec.c, kernel/exit.c), Linux's names, fields and formats.
 */
#include <linux/tracepoint.h>
#include <linux/sched.h>
#include <linux/string.h>

/*
 * prev_state as sched_switch records it: one bit per Linux task state
 * (S D T t X Z P I), TASK_REPORT_MAX for a preempted task ("R+"). The
 * spelled-out masks make the format file's text Linux's.
 */
#define __TRACE_TASK_REPORT	(0x00000000 | 0x00000001 | 0x00000002 | 0x00000004 | \
				 0x00000008 | 0x00000010 | 0x00000020 | 0x00000040)
#define __TRACE_TASK_REPORT_MAX	((__TRACE_TASK_REPORT + 1) << 1)

#ifndef __TRACE_SCHED_SWITCH_STATE
#define __TRACE_SCHED_SWITCH_STATE
static inline long __trace_sched_switch_state(bool preempt, struct task_struct *p)
{
	unsigned int state = READ_ONCE(p->__state);

	if (preempt)
		return 0x100;
	if (p->exit_state & EXIT_ZOMBIE)
		return 0x20;
	if (p->exit_state & EXIT_DEAD)
		return 0x10;
	if (state & TASK_PARKED)
		return 0x40;
	if (state & __TASK_TRACED)
		return 0x8;
	if (state & __TASK_STOPPED)
		return 0x4;
	if (state & TASK_UNINTERRUPTIBLE)
		return 0x2;
	if (state & TASK_INTERRUPTIBLE)
		return 0x1;
	return 0;
}
#endif

TRACE_EVENT(sched_switch,
	TP_PROTO(bool preempt, struct task_struct *prev, struct task_struct *next,
		 unsigned int prev_state),
	TP_ARGS(preempt, prev, next, prev_state),
	TP_STRUCT__entry(
		__array(char, prev_comm, TASK_COMM_LEN)
		__field(pid_t, prev_pid)
		__field(int, prev_prio)
		__field(long, prev_state)
		__array(char, next_comm, TASK_COMM_LEN)
		__field(pid_t, next_pid)
		__field(int, next_prio)
	),
	TP_fast_assign(
		memcpy(__entry->next_comm, next->comm, TASK_COMM_LEN);
		__entry->prev_pid = prev->pid;
		__entry->prev_prio = prev->prio;
		__entry->prev_state = __trace_sched_switch_state(preempt, prev);
		memcpy(__entry->prev_comm, prev->comm, TASK_COMM_LEN);
		__entry->next_pid = next->pid;
		__entry->next_prio = next->prio;
	),
	TP_printk("prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s%s ==> next_comm=%s next_pid=%d next_prio=%d",
		__entry->prev_comm, __entry->prev_pid, __entry->prev_prio,
		(__entry->prev_state & (__TRACE_TASK_REPORT_MAX - 1)) ?
		  __print_flags(__entry->prev_state & (__TRACE_TASK_REPORT_MAX - 1), "|",
				{ 0x00000001, "S" }, { 0x00000002, "D" }, { 0x00000004, "T" },
				{ 0x00000008, "t" }, { 0x00000010, "X" }, { 0x00000020, "Z" },
				{ 0x00000040, "P" }, { 0x00000080, "I" }) :
		  "R",
		__entry->prev_state & __TRACE_TASK_REPORT_MAX ? "+" : "",
		__entry->next_comm, __entry->next_pid, __entry->next_prio)
);

DECLARE_EVENT_CLASS(sched_wakeup_template,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p),
	TP_STRUCT__entry(
		__array(char, comm, TASK_COMM_LEN)
		__field(pid_t, pid)
		__field(int, prio)
		__field(int, target_cpu)
	),
	TP_fast_assign(
		memcpy(__entry->comm, p->comm, TASK_COMM_LEN);
		__entry->pid = p->pid;
		__entry->prio = p->prio;
		__entry->target_cpu = task_cpu(p);
	),
	TP_printk("comm=%s pid=%d prio=%d target_cpu=%03d", __entry->comm, __entry->pid,
		  __entry->prio, __entry->target_cpu)
);

DEFINE_EVENT(sched_wakeup_template, sched_waking,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p)
);

DEFINE_EVENT(sched_wakeup_template, sched_wakeup,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p)
);

DEFINE_EVENT(sched_wakeup_template, sched_wakeup_new,
	TP_PROTO(struct task_struct *p),
	TP_ARGS(p)
);

TRACE_EVENT(sched_migrate_task,
	TP_PROTO(struct task_struct *p, int dest_cpu),
	TP_ARGS(p, dest_cpu),
	TP_STRUCT__entry(
		__string(comm, p->comm)
		__field(pid_t, pid)
		__field(int, prio)
		__field(int, orig_cpu)
		__field(int, dest_cpu)
	),
	TP_fast_assign(
		__assign_str(comm, p->comm);
		__entry->pid = p->pid;
		__entry->prio = p->prio;
		__entry->orig_cpu = task_cpu(p);
		__entry->dest_cpu = dest_cpu;
	),
	TP_printk("comm=%s pid=%d prio=%d orig_cpu=%d dest_cpu=%d", __get_str(comm),
		  __entry->pid, __entry->prio, __entry->orig_cpu, __entry->dest_cpu)
);

TRACE_EVENT(sched_process_fork,
	TP_PROTO(struct task_struct *parent, struct task_struct *child),
	TP_ARGS(parent, child),
	TP_STRUCT__entry(
		__string(parent_comm, parent->comm)
		__field(pid_t, parent_pid)
		__string(child_comm, child->comm)
		__field(pid_t, child_pid)
	),
	TP_fast_assign(
		__assign_str(parent_comm, parent->comm);
		__entry->parent_pid = parent->pid;
		__assign_str(child_comm, child->comm);
		__entry->child_pid = child->pid;
	),
	TP_printk("comm=%s pid=%d child_comm=%s child_pid=%d", __get_str(parent_comm),
		  __entry->parent_pid, __get_str(child_comm), __entry->child_pid)
);

TRACE_EVENT(sched_process_exec,
	TP_PROTO(struct task_struct *p, pid_t old_pid, const char *filename),
	TP_ARGS(p, old_pid, filename),
	TP_STRUCT__entry(
		__string(filename, filename)
		__field(pid_t, pid)
		__field(pid_t, old_pid)
	),
	TP_fast_assign(
		__assign_str(filename, filename);
		__entry->pid = p->pid;
		__entry->old_pid = old_pid;
	),
	TP_printk("filename=%s pid=%d old_pid=%d", __get_str(filename), __entry->pid,
		  __entry->old_pid)
);

TRACE_EVENT(sched_process_exit,
	TP_PROTO(struct task_struct *p, bool group_dead),
	TP_ARGS(p, group_dead),
	TP_STRUCT__entry(
		__array(char, comm, TASK_COMM_LEN)
		__field(pid_t, pid)
		__field(int, prio)
		__field(bool, group_dead)
	),
	TP_fast_assign(
		memcpy(__entry->comm, p->comm, TASK_COMM_LEN);
		__entry->pid = p->pid;
		__entry->prio = p->prio;
		__entry->group_dead = group_dead;
	),
	TP_printk("comm=%s pid=%d prio=%d group_dead=%s", __entry->comm, __entry->pid,
		  __entry->prio, __entry->group_dead ? "true" : "false")
);

TRACE_EVENT(sched_pi_setprio,
	TP_PROTO(struct task_struct *tsk, int newprio),
	TP_ARGS(tsk, newprio),
	TP_STRUCT__entry(
		__string(comm, tsk->comm)
		__field(pid_t, pid)
		__field(int, oldprio)
		__field(int, newprio)
	),
	TP_fast_assign(
		__assign_str(comm, tsk->comm);
		__entry->pid = tsk->pid;
		__entry->oldprio = tsk->prio;
		__entry->newprio = newprio;
	),
	TP_printk("comm=%s pid=%d oldprio=%d newprio=%d", __get_str(comm), __entry->pid,
		  __entry->oldprio, __entry->newprio)
);

#endif /* _TRACE_SCHED_H */

#include <trace/define_trace.h>
