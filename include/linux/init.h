/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define __init
#define __initdata

/*
 * A kernel command-line option: "name=" takes the value after '=', a name
 * without '=' is a flag. The handler returns 0 or a negative errno for a
 * malformed value (reported, not fatal).
 */
struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *arg);
};

#define __setup(str, fn)						\
	static const struct obs_kernel_param __setup_##fn __used	\
	__section(".init.setup") __aligned(8) = { str, fn }
#define early_param(str, fn) __setup(str "=", fn)

extern char boot_command_line[];
/* What the first process gets: unclaimed command-line words (kernel/params.c). */
extern const char *argv_init[];
extern const char *envp_init[];

void parse_args(char *cmdline);

#endif
