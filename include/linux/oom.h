/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

/* The OOM killer (mm/oom_kill.c). */
#include <linux/types.h>

#define OOM_SCORE_ADJ_MIN	(-1000)	/* never chosen */
#define OOM_SCORE_ADJ_MAX	1000

/* GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_ZERO in Linux's bits: what an anonymous fault asks for. */
#define GFP_HIGHUSER_MOVABLE_ZERO	0x140dca

struct task_struct;

struct oom_control {
	unsigned int gfp_mask;		/* reported only: reflex's allocator has no such bits */
	int order;
	unsigned long totalpages;
	struct task_struct *chosen;	/* NULL, a task, or OOM_ABORT */
	long chosen_points;
};

/* "A victim is still exiting": no new one is chosen. */
#define OOM_ABORT	((struct task_struct *)-1L)

long oom_badness(struct task_struct *p, unsigned long totalpages);
bool out_of_memory(struct oom_control *oc);
void pagefault_out_of_memory(void);
void exit_oom_victim(void);

#endif
