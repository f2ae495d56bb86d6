/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

/*
 * Fast user-space mutexes: a 32-bit word in user memory that programs
 * change with atomic instructions, and futex(2) to sleep while it holds
 * a value and to wake the sleepers once it does not. The operations,
 * flags, word layout and robust-list ABI are Linux's (uapi/linux/futex.h);
 * the code is in kernel/futex/.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/ktime.h>

/* futex(2) operations. */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2	/* removed from Linux in 2.6.26 */
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13

#define FUTEX_PRIVATE_FLAG	128	/* the word is in this mm only: no shared key */
#define FUTEX_CLOCK_REALTIME	256	/* the absolute timeout is on CLOCK_REALTIME */
#define FUTEX_CMD_MASK		~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)

/* The PI (and robust) word: owner TID and two flags. */
#define FUTEX_WAITERS		0x80000000	/* unlocking must enter the kernel */
#define FUTEX_OWNER_DIED	0x40000000	/* the owner exited holding it */
#define FUTEX_TID_MASK		0x3fffffff

#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* FUTEX_WAKE_OP's val3: op << 28 | cmp << 24 | oparg << 12 | cmparg. */
#define FUTEX_OP_SET		0	/* uval = oparg */
#define FUTEX_OP_ADD		1	/* uval += oparg */
#define FUTEX_OP_OR		2	/* uval |= oparg */
#define FUTEX_OP_ANDN		3	/* uval &= ~oparg */
#define FUTEX_OP_XOR		4	/* uval ^= oparg */
#define FUTEX_OP_OPARG_SHIFT	8	/* oparg is 1 << oparg */

#define FUTEX_OP_CMP_EQ		0
#define FUTEX_OP_CMP_NE		1
#define FUTEX_OP_CMP_LT		2
#define FUTEX_OP_CMP_LE		3
#define FUTEX_OP_CMP_GT		4
#define FUTEX_OP_CMP_GE		5

/*
 * The robust list, in user memory: a circular list of the locks a
 * thread holds, each entry futex_offset bytes before its lock word, and
 * the one being taken or released (list_op_pending) while it is neither
 * on the list nor off it. The kernel walks it when the thread exits.
 */
struct robust_list {
	struct robust_list __user *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;
	struct robust_list __user *list_op_pending;
};

#define ROBUST_LIST_LIMIT	2048	/* entries walked at most: the list may be a cycle */

/* task->futex_state: whether waiters may still attach to the task's PI locks. */
#define FUTEX_STATE_OK		0
#define FUTEX_STATE_EXITING	1
#define FUTEX_STATE_DEAD	2

struct task_struct;

/*
 * futex(2) without the copying of the timeout: @timeout, when not NULL,
 * is absolute on CLOCK_MONOTONIC, or on CLOCK_REALTIME where @op says
 * so (FUTEX_CLOCK_REALTIME, or FUTEX_LOCK_PI, whose clock it always is).
 */
long do_futex(u32 __user *uaddr, int op, u32 val, ktime_t *timeout,
	      u32 __user *uaddr2, u32 val2, u32 val3);

/*
 * At exit, with the task's mm still in place: the robust list is walked
 * (each lock it held marked FUTEX_OWNER_DIED, a waiter woken), the PI
 * locks it owns are handed to their top waiters, and clear_child_tid is
 * zeroed and woken.
 */
void futex_exit_release(struct task_struct *tsk);
/* The same at exec, with the old mm still in place; the task then goes on. */
void futex_exec_release(struct task_struct *tsk);

void futex_init(void);

#endif
