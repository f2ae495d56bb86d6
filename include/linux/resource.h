/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

/*
 * Per-process resource limits. They live with the process's signal state
 * (Linux keeps them in signal_struct, shared by a thread group), are
 * inherited across fork and kept across execve. A task without that state
 * (a kernel thread before it has any) sees the boot defaults.
 */
#include <uapi/linux/resource.h>

struct task_struct;

/* The boot defaults, Linux's INIT_RLIMITS (asm-generic/resource.h). */
extern struct rlimit init_rlimits[RLIM_NLIMITS];

unsigned long task_rlimit(const struct task_struct *task, unsigned int limit);
unsigned long task_rlimit_max(const struct task_struct *task, unsigned int limit);
unsigned long rlimit(unsigned int limit);
unsigned long rlimit_max(unsigned int limit);
int do_prlimit(struct task_struct *tsk, unsigned int resource,
	       struct rlimit *new_rlim, struct rlimit *old_rlim);
/*
 * wait4() reaped child: its times and counts become its parent's
 * children's; with ru, also the child's own and its children's together.
 */
void rusage_reap_child(struct task_struct *parent, struct task_struct *child,
		       struct rusage *ru);

#endif
