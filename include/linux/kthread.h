/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/sched.h>
#include <linux/err.h>

/* A new thread, created asleep: wake_up_process() starts it. */
__printf(3, 4)
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char namefmt[], ...);

#define kthread_run(threadfn, data, namefmt, ...) ({			\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k))						\
		wake_up_process(__k);					\
	__k;								\
})

/* Before k is first woken: it will only ever run on cpu. */
void kthread_bind(struct task_struct *k, unsigned int cpu);

/* Ask k to stop, wait until it has, reap it; its threadfn's return value. */
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
void *kthread_data(struct task_struct *k);

/*
 * Parking (Linux's semantics): kthread_park() asks a thread to stop
 * running until kthread_unpark(), and returns once it sleeps in
 * TASK_PARKED, off its CPU (called by the thread itself, it only sets
 * the request). The thread's loop calls kthread_parkme() when
 * kthread_should_park(). Per-CPU threads are parked while their CPU is
 * down; unpark binds a per-CPU thread to its CPU again and wakes it.
 */
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
bool kthread_should_park(void);
void kthread_parkme(void);
bool kthread_is_parked(struct task_struct *k);
__noreturn void kthread_exit(int result);

#endif
