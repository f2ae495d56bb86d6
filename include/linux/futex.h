/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>
#include <linux/ktime.h>

struct task_struct;

long do_futex(u32 *uaddr, int op, u32 val, ktime_t *timeout, u32 *uaddr2, u32 val2, u32 val3);
/*
 * A thread leaves its address space (exit, or exec): its clear_child_tid
 * word is zeroed and its waiters woken, its robust futexes released.
 */
void futex_exit_release(struct task_struct *tsk);

#endif
