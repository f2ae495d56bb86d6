// SPDX-License-Identifier: MIT
/*
 * KUnit suite "ftrace" (reflex.test=ftrace): the function tracer's
 * parts, on a function of this file's own (built with its entry nop,
 * unlike the rest of kernel/trace/). The site table is sorted and
 * named, the globs match as set_ftrace_filter's, enabling rewrites the
 * site's five bytes to a call of ftrace_caller and disabling back to
 * the nop while the text stays read-only (and after every function was
 * traced, every site is a nop again), the call reaches the tracer
 * with the site and its caller, the recursion guard refuses a second
 * entry from one context, and the graph tracer's return stack is a
 * bounded LIFO through which a hooked function really returns.
 * The cases need current_tracer to be nop (it is at boot).
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/ftrace.h>
#include <asm/ptrace.h>
#include <kunit/test.h>
#include <asm/pgtable.h>
#include "trace.h"

static unsigned long seen_ip, seen_parent;
static unsigned int seen_calls;
static unsigned long target_ret_addr;

/* Traced: this file keeps its entry nops. */
noinline __noclone int ftrace_kunit_target(int x)
{
	target_ret_addr = (unsigned long)__builtin_return_address(0);
	barrier();
	return x + 1;
}

static notrace void count_call(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			       unsigned long frame)
{
	if (ip != seen_ip && seen_ip)
		return;
	seen_parent = parent_ip;
	seen_calls++;
}

/* A kernel built with FTRACE=0 has no site to test. */
static void need_sites(struct kunit *test)
{
	if (!ftrace_nr_sites())
		kunit_skip(test, "built without the function tracer (FTRACE=0)");
}

static struct dyn_ftrace *target_site(struct kunit *test)
{
	unsigned long i;

	for (i = 0; i < ftrace_nr_sites(); i++) {
		struct dyn_ftrace *rec = ftrace_site(i);
		unsigned long size, off;
		const char *name = kallsyms_lookup(rec->ip, &size, &off);

		if (name && !strcmp(name, "ftrace_kunit_target"))
			return rec;
	}
	KUNIT_FAIL(test, "no site for ftrace_kunit_target");
	return NULL;
}

static void sites_are_sorted_and_named(struct kunit *test)
{
	unsigned long i, n = ftrace_nr_sites(), lo = (unsigned long)ftrace_kunit_target;
	struct dyn_ftrace *rec;

	need_sites(test);

	KUNIT_ASSERT_TRUE(test, n > 100);
	for (i = 1; i < n; i++)
		KUNIT_ASSERT_TRUE(test, ftrace_site(i - 1)->ip < ftrace_site(i)->ip);
	rec = target_site(test);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	/* The nop is the function's first instruction, or the one after its endbr64. */
	KUNIT_EXPECT_TRUE(test, rec->ip == lo || rec->ip == lo + 4);
	KUNIT_EXPECT_PTR_EQ(test, ftrace_lookup_ip(rec->ip), rec);
	KUNIT_EXPECT_NULL(test, ftrace_lookup_ip(rec->ip + 1));
	KUNIT_EXPECT_TRUE(test, ftrace_site_is_nop((const u8 *)rec->ip));
	/* The tracer's own code has no site. */
	KUNIT_EXPECT_NULL(test, ftrace_lookup_ip((unsigned long)ftrace_ops_list_func));
	KUNIT_EXPECT_NULL(test, ftrace_lookup_ip((unsigned long)ftrace_ops_list_func + 4));
}

static void globs_match_as_set_ftrace_filter(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("e1000_intr", "e1000_intr"));
	KUNIT_EXPECT_FALSE(test, ftrace_glob_match("e1000_intr", "e1000_intr2"));
	KUNIT_EXPECT_FALSE(test, ftrace_glob_match("e1000_intr2", "e1000_intr"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("e1000_*", "e1000_clean_rx_irq"));
	KUNIT_EXPECT_FALSE(test, ftrace_glob_match("e1000_*", "e1000e_intr"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("*_rx_irq", "e1000_clean_rx_irq"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("*clean*", "e1000_clean_rx_irq"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("e1000_*_irq", "e1000_clean_rx_irq"));
	KUNIT_EXPECT_FALSE(test, ftrace_glob_match("e1000_*_irq", "e1000_clean_rx_irqs"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("a*b*c", "aXbYbZc"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("get?pid", "getppid"));
	KUNIT_EXPECT_FALSE(test, ftrace_glob_match("get?pid", "getpid"));
	KUNIT_EXPECT_TRUE(test, ftrace_glob_match("*", "anything"));
	KUNIT_EXPECT_FALSE(test, ftrace_glob_match("", "x"));
}

static bool text_writable(unsigned long addr)
{
	enum pg_level level;
	pteval_t *pte = lookup_address(addr, &level);

	return !pte || (*pte & _PAGE_RW);
}

static void enabling_rewrites_the_site_and_disabling_restores_the_nop(struct kunit *test)
{
	struct dyn_ftrace *rec;
	const u8 *insn;
	s32 rel;

	need_sites(test);
	rec = target_site(test);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	insn = (const u8 *)rec->ip;
	KUNIT_ASSERT_TRUE(test, !strcmp(current_trace->name, "nop"));
	KUNIT_ASSERT_EQ(test, ftrace_set_filter_glob("ftrace_kunit_target"), 0);
	seen_ip = rec->ip;
	seen_calls = 0;
	ftrace_set_function(count_call);

	KUNIT_EXPECT_EQ(test, insn[0], 0xe8);
	memcpy(&rel, insn + 1, sizeof(rel));
	KUNIT_EXPECT_EQ(test, rec->ip + 5 + rel, (unsigned long)ftrace_caller);
	KUNIT_EXPECT_TRUE(test, rec->flags & FTRACE_FL_ENABLED);
	KUNIT_EXPECT_FALSE(test, text_writable(rec->ip));
	KUNIT_EXPECT_EQ(test, ftrace_kunit_target(41), 42);
	KUNIT_EXPECT_EQ(test, seen_calls, 1);
	/* The caller is this function: the return address lies inside it. */
	KUNIT_EXPECT_STREQ(test, kallsyms_lookup(seen_parent, &(unsigned long){0}, &(unsigned long){0}) ?: "",
			   "enabling_rewrites_the_site_and_disabling_restores_the_nop");

	ftrace_set_function(NULL);
	KUNIT_EXPECT_EQ(test, memcmp(insn, ftrace_nop_insn, MCOUNT_INSN_SIZE), 0);
	KUNIT_EXPECT_FALSE(test, rec->flags & FTRACE_FL_ENABLED);
	KUNIT_EXPECT_FALSE(test, text_writable(rec->ip));
	KUNIT_EXPECT_EQ(test, ftrace_kunit_target(1), 2);
	KUNIT_EXPECT_EQ(test, seen_calls, 1);
	ftrace_set_filter_glob(NULL);
	seen_ip = 0;
}

/*
 * An int3 at a site whose memory no longer holds one (a stale translated
 * copy under QEMU) does what the site now says: with the tracer on, the
 * call (return address pushed, ftrace_caller next); off, the nop.
 */
static void stale_int3_does_what_the_site_now_says(struct kunit *test)
{
	unsigned long stack[8] = { 0 };
	struct pt_regs regs = { 0 };
	struct dyn_ftrace *rec;

	need_sites(test);
	rec = target_site(test);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_TRUE(test, !strcmp(current_trace->name, "nop"));
	KUNIT_ASSERT_EQ(test, ftrace_set_filter_glob("ftrace_kunit_target"), 0);
	seen_ip = rec->ip;
	ftrace_set_function(count_call);
	regs.ip = rec->ip + 1;
	regs.sp = (unsigned long)&stack[8];
	KUNIT_EXPECT_TRUE(test, ftrace_int3_handler(&regs));
	KUNIT_EXPECT_EQ(test, regs.ip, (unsigned long)ftrace_caller);
	KUNIT_EXPECT_EQ(test, regs.sp, (unsigned long)&stack[7]);
	KUNIT_EXPECT_EQ(test, stack[7], rec->ip + MCOUNT_INSN_SIZE);

	ftrace_set_function(NULL);
	ftrace_set_filter_glob(NULL);
	seen_ip = 0;
	regs.ip = rec->ip + 1;
	regs.sp = (unsigned long)&stack[8];
	KUNIT_EXPECT_TRUE(test, ftrace_int3_handler(&regs));
	KUNIT_EXPECT_EQ(test, regs.ip, rec->ip + MCOUNT_INSN_SIZE);
	KUNIT_EXPECT_EQ(test, regs.sp, (unsigned long)&stack[8]);
}

/* After function and function_graph on every function and off again, every site is a nop. */
static void a_disabled_tracer_leaves_only_nops(struct kunit *test)
{
	static const char *const tracers[] = { "function", "function_graph" };
	unsigned long i, calls, nops;
	unsigned int t;

	need_sites(test);
	KUNIT_ASSERT_TRUE(test, !strcmp(current_trace->name, "nop"));
	for (t = 0; t < ARRAY_SIZE(tracers); t++) {
		KUNIT_ASSERT_EQ(test, tracing_set_tracer(tracers[t]), 0);
		for (i = calls = 0; i < ftrace_nr_sites(); i++)
			calls += ((const u8 *)ftrace_site(i)->ip)[0] == 0xe8;
		KUNIT_EXPECT_EQ(test, calls, ftrace_nr_sites());
		tracing_set_tracer("nop");
		for (i = nops = 0; i < ftrace_nr_sites(); i++) {
			const struct dyn_ftrace *rec = ftrace_site(i);

			/* A stacktrace trigger armed on the command line keeps its own sites. */
			nops += (rec->flags & FTRACE_FL_PROBE) ||
				!memcmp((const u8 *)rec->ip, ftrace_nop_insn, MCOUNT_INSN_SIZE);
		}
		KUNIT_EXPECT_EQ(test, nops, ftrace_nr_sites());
	}
}

static void recursion_guard_refuses_a_second_entry(struct kunit *test)
{
	unsigned int bit = trace_recursion_lock(), again;

	KUNIT_ASSERT_NE(test, bit, 0);
	again = trace_recursion_lock();
	KUNIT_EXPECT_EQ(test, again, 0);
	if (again)
		trace_recursion_unlock(again);
	trace_recursion_unlock(bit);
	bit = trace_recursion_lock();
	KUNIT_EXPECT_NE(test, bit, 0);
	if (bit)
		trace_recursion_unlock(bit);
}

static void return_stack_is_a_bounded_lifo(struct kunit *test)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct ftrace_ret_stack r;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_FALSE(test, ftrace_pop_return_trace(t, &r));
	for (i = 0; i < FTRACE_RETFUNC_DEPTH; i++)
		KUNIT_ASSERT_TRUE(test, ftrace_push_return_trace(t, 0x1000 + i, 0x2000 + i, i, i == 3));
	KUNIT_EXPECT_FALSE(test, ftrace_push_return_trace(t, 1, 1, 1, false));
	KUNIT_EXPECT_EQ(test, t->graph_in_filter, 1);
	for (i = FTRACE_RETFUNC_DEPTH - 1; i >= 0; i--) {
		KUNIT_ASSERT_TRUE(test, ftrace_pop_return_trace(t, &r));
		KUNIT_EXPECT_EQ(test, r.ret, 0x1000UL + i);
		KUNIT_EXPECT_EQ(test, r.func, 0x2000UL + i);
		KUNIT_EXPECT_EQ(test, t->curr_ret_stack, i);
	}
	KUNIT_EXPECT_EQ(test, t->graph_in_filter, 0);
	KUNIT_EXPECT_FALSE(test, ftrace_pop_return_trace(t, &r));
	kfree(t);
}

/* Under function_graph the hooked function returns through return_to_handler, to the right place. */
static void graph_hooked_function_returns_through_the_handler(struct kunit *test)
{
	int depth = current->curr_ret_stack;

	need_sites(test);

	KUNIT_ASSERT_TRUE(test, !strcmp(current_trace->name, "nop"));
	KUNIT_ASSERT_EQ(test, ftrace_set_filter_glob("ftrace_kunit_target"), 0);
	KUNIT_ASSERT_EQ(test, tracing_set_tracer("function_graph"), 0);
	target_ret_addr = 0;
	KUNIT_EXPECT_EQ(test, ftrace_kunit_target(6), 7);
	KUNIT_EXPECT_EQ(test, target_ret_addr, (unsigned long)return_to_handler);
	KUNIT_EXPECT_EQ(test, current->curr_ret_stack, depth);
	tracing_set_tracer("nop");
	ftrace_set_filter_glob(NULL);
	KUNIT_EXPECT_EQ(test, ftrace_kunit_target(1), 2);
	KUNIT_EXPECT_NE(test, target_ret_addr, (unsigned long)return_to_handler);
}

static struct kunit_case ftrace_test_cases[] = {
	KUNIT_CASE(sites_are_sorted_and_named),
	KUNIT_CASE(globs_match_as_set_ftrace_filter),
	KUNIT_CASE(enabling_rewrites_the_site_and_disabling_restores_the_nop),
	KUNIT_CASE(stale_int3_does_what_the_site_now_says),
	KUNIT_CASE(a_disabled_tracer_leaves_only_nops),
	KUNIT_CASE(recursion_guard_refuses_a_second_entry),
	KUNIT_CASE(return_stack_is_a_bounded_lifo),
	KUNIT_CASE(graph_hooked_function_returns_through_the_handler),
	{}
};

static struct kunit_suite ftrace_test_suite = {
	.name = "ftrace",
	.test_cases = ftrace_test_cases,
};
kunit_test_suite(ftrace_test_suite);
