/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, unsigned int n);
	struct console *next;
};

void register_console(struct console *con);
/* Raw output that bypasses the log: for the last words of a panic. */
void console_emit(const char *s, unsigned int n);

#endif
