/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FTRACE_H
#define _LINUX_FTRACE_H

/*
 * The "stacktrace" function trigger (Linux: echo 'FUNC:stacktrace:N' >
 * set_ftrace_filter), without ftrace's patched call sites: a function
 * that may be traced calls ftrace_stacktrace_point() at its top, which
 * costs one load and branch until some function is armed. When its name
 * is armed, the stack is printed (dump_stack() format, innermost first,
 * starting at the traced function) and the arm's count goes down.
 *
 * Arm from the command line, reflex.stacktrace=FUNC[:COUNT][,FUNC...]
 * (COUNT 1 when omitted), or from the console, "stacktrace FUNC [COUNT]".
 */
#include <linux/types.h>
#include <linux/compiler.h>

extern unsigned int ftrace_stacktrace_armed;	/* how many arms have counts left */

void ftrace_stacktrace_hit(const char *func);

#define ftrace_stacktrace_point()					\
	do {								\
		if (unlikely(READ_ONCE(ftrace_stacktrace_armed)))	\
			ftrace_stacktrace_hit(__func__);		\
	} while (0)

/* Arms @func for @count traces; 0 or -ENOSPC/-EINVAL. */
int ftrace_stacktrace_arm(const char *func, unsigned int count);
/* "FUNC[:COUNT][,FUNC...]"; 0 or the first error. */
int ftrace_stacktrace_parse(const char *spec);
/* Prints the arms and their remaining counts into @buf; the length. */
size_t ftrace_stacktrace_list(char *buf, size_t size);

#endif
