/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SIGNALFD_H
#define _LINUX_SIGNALFD_H

/* fs/signalfd.c: a signal was queued; wake signalfd readers and pollers. Under siglock. */
struct task_struct;
void signalfd_notify(struct task_struct *tsk, int sig);

#endif
