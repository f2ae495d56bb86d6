/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_RESTART_BLOCK_H
#define _LINUX_RESTART_BLOCK_H

/*
 * What restart_syscall() needs to go on with a sleep a signal broke
 * into when no handler ran (-ERESTART_RESTARTBLOCK): the call leaves
 * its own continuation here, with the state it would otherwise have
 * had to recompute from arguments that no longer mean the same thing
 * (a relative timeout already partly spent). One per thread; sigreturn
 * clears fn so that a stale block is never run twice.
 */
#include <linux/types.h>
#include <linux/compiler.h>

struct pollfd;

struct restart_block {
	long (*fn)(struct restart_block *);
	union {
		struct {
			u32 __user *uaddr;
			u32 val;
			u32 flags;
			u32 bitset;
			s64 time;		/* absolute CLOCK_MONOTONIC ns */
		} futex;
		struct {
			s64 expires;		/* absolute CLOCK_MONOTONIC ns */
			void __user *rmtp;	/* struct __kernel_timespec */
		} nanosleep;
		struct {
			struct pollfd __user *ufds;
			unsigned int nfds;
			bool has_timeout;
			unsigned long end;	/* jiffies */
		} poll;
	};
};

long do_no_restart_syscall(struct restart_block *restart);

static inline void set_restart_fn(struct restart_block *restart,
				  long (*fn)(struct restart_block *))
{
	restart->fn = fn;
}

#endif
