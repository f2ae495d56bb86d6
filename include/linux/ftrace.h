/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_FTRACE_H
#define _LINUX_FTRACE_H

/*
 * The function tracer (kernel/trace/ftrace.c, arch/x86/kernel/ftrace.c).
 * Every traced function begins with a 5-byte nop whose address the
 * build records (__mcount_loc); enabling a tracer turns the chosen nops
 * into calls to ftrace_caller, which saves the argument registers and
 * calls ftrace_ops_list_func() with the function and its caller.
 *
 * Also the "stacktrace" function trigger below, kept apart.
 */
#include <linux/types.h>
#include <linux/compiler.h>

#define MCOUNT_INSN_SIZE	5

/* One site: a traced function's entry nop. */
struct dyn_ftrace {
	unsigned long	ip;
	unsigned long	flags;
};

#define FTRACE_FL_FILTER	(1UL << 0)	/* in set_ftrace_filter */
#define FTRACE_FL_NOTRACE	(1UL << 1)	/* in set_ftrace_notrace */
#define FTRACE_FL_GRAPH		(1UL << 2)	/* in set_graph_function */
#define FTRACE_FL_ENABLED	(1UL << 3)	/* the site is a call now */
#define FTRACE_FL_UPDATE	(1UL << 4)	/* changing: an int3 at the site steps over it */
#define FTRACE_FL_PROBE		(1UL << 5)	/* a stacktrace trigger's function */

/* The function graph tracer's return stack entry (see struct task_struct). */
#define FTRACE_RETFUNC_DEPTH	50

struct ftrace_ret_stack {
	unsigned long	ret;		/* the return address replaced */
	unsigned long	func;		/* the traced function's site */
	u64		calltime;
	bool		in_filter;	/* a set_graph_function function's own entry */
};

/* A tracer's per-call function: the site, its caller, the caller's return slot, a frame. */
typedef void (*ftrace_func_t)(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			      unsigned long frame);

/* kernel/trace/ftrace.c */
void ftrace_set_function(ftrace_func_t func);
/* The probe beside the tracer, at the sites ftrace_probe_set() marks; how many matched. */
void ftrace_set_probe(ftrace_func_t func);
int ftrace_probe_set(const char *name, bool on);
int ftrace_set_filter_glob(const char *glob);
int ftrace_filter_add(const char *glob);
/* The ftrace= and ftrace_filter= boot options, applied once every CPU is up. */
void tracing_boot_init(void);
unsigned int trace_recursion_lock(void);
void trace_recursion_unlock(unsigned int bit);
extern unsigned long ftrace_graph_filter_count;
void ftrace_init(void);
struct dyn_ftrace *ftrace_lookup_ip(unsigned long ip);
unsigned long ftrace_nr_sites(void);
struct dyn_ftrace *ftrace_site(unsigned long i);
/* Called by ftrace_caller: @frame is a frame pointer whose return address is in the traced function. */
void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			  unsigned long frame);
/* glob match as set_ftrace_filter's: '*' any run, '?' one character. */
bool ftrace_glob_match(const char *glob, const char *name);

/* arch/x86/kernel/ftrace.c and ftrace_64.S */
void ftrace_caller(void);
void return_to_handler(void);
extern const u8 ftrace_nop_insn[MCOUNT_INSN_SIZE];
bool ftrace_site_is_nop(const u8 *insn);
/* Turns every site marked FTRACE_FL_UPDATE into a call (ENABLED) or a nop. */
void ftrace_arch_update_sites(struct dyn_ftrace *recs, unsigned long nr);
/* Writes @len bytes at kernel text @addr through a writable alias; the text stays read-only. */
void text_poke(void *addr, const void *opcode, size_t len);
/* An int3 on a site being changed: steps over it. True when it was one. */
struct pt_regs;
bool ftrace_int3_handler(struct pt_regs *regs);
void text_poke_init(void);

/*
 * The "stacktrace" function trigger printed on the console (Linux puts
 * it in the trace: echo 'FUNC:stacktrace:N' > set_ftrace_filter): the
 * function's sites are enabled for the function tracer's probe; each
 * call while its arm has a count left prints the stack (dump_stack()
 * format, innermost first, starting at the traced function) and takes
 * one from the count.
 *
 * Arm from the command line, reflex.stacktrace=FUNC[:COUNT][,FUNC...]
 * (COUNT 1 when omitted), or from the console, "stacktrace FUNC [COUNT]".
 */
extern unsigned int ftrace_stacktrace_armed;	/* how many arms have counts left */

/* Enables the armed functions' sites, once the tracer has its table (armed at boot). */
void ftrace_stacktrace_init(void);

/* Arms @func for @count traces; 0 or -ENOSPC/-EINVAL. Process context. */
int ftrace_stacktrace_arm(const char *func, unsigned int count);
/* "FUNC[:COUNT][,FUNC...]"; 0 or the first error. */
int ftrace_stacktrace_parse(const char *spec);
/* Prints the arms and their remaining counts into @buf; the length. */
size_t ftrace_stacktrace_list(char *buf, size_t size);

#endif
