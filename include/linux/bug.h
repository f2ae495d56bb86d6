/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

struct pt_regs;

__printf(1, 2) __noreturn void panic(const char *fmt, ...);
void __warn(const char *file, int line, void *caller, struct pt_regs *regs);
__noreturn void __bug(const char *file, int line);

#define BUG()		__bug(__FILE__, __LINE__)
#define BUG_ON(c)	do { if (unlikely(c)) BUG(); } while (0)

/* The address of the WARN itself, for the report's RIP. */
#define __warn_here() ({ __label__ __here; __here: &&__here; })

#define WARN_ON(c) ({							\
	int __ret_warn_on = !!(c);					\
	if (unlikely(__ret_warn_on))					\
		__warn(__FILE__, __LINE__, __warn_here(), NULL);	\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(c) ({						\
	static bool __warned;						\
	int __ret_warn_once = !!(c);					\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		WARN_ON(1);						\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN(c, fmt, ...) ({						\
	int __ret_warn = !!(c);						\
	if (unlikely(__ret_warn)) {					\
		printk(KERN_WARNING fmt, ##__VA_ARGS__);		\
		__warn(__FILE__, __LINE__, __warn_here(), NULL);	\
	}								\
	unlikely(__ret_warn);						\
})

#define WARN_ONCE(c, fmt, ...) ({					\
	static bool __warned_once;					\
	int __ret_warn_once = !!(c);					\
	if (unlikely(__ret_warn_once && !__warned_once)) {		\
		__warned_once = true;					\
		WARN(1, fmt, ##__VA_ARGS__);				\
	}								\
	unlikely(__ret_warn_once);					\
})

#endif
