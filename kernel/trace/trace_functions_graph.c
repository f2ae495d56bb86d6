// SPDX-License-Identifier: MIT
/*
 * The function graph tracer, "function_graph" in current_tracer: a
 * record when a traced function is entered and one when it returns,
 * printed as the nesting of calls with each one's duration:
 *
 *  1)               |  e1000_intr() {
 *  1)   0.512 us    |    e1000_irq_disable();
 *  1) + 11.301 us   |  }
 *
 * To see the return, the entry swaps the traced function's return
 * address for return_to_handler, keeping the real one on the task's
 * return stack (task_struct.ret_stack); ftrace_return_to_handler()
 * records the return and gives the real address back. Interrupts nest
 * on the interrupted task's stack in order, so one stack per task is
 * enough. A function whose entry finds the stack full, or deeper than
 * max_graph_depth, is not hooked; set_graph_function limits the graphs
 * to those starting at the named functions.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/ftrace.h>
#include <linux/ring_buffer.h>
#include <linux/tracefs.h>
#include "trace.h"

static unsigned int max_graph_depth;	/* 0: no limit */
static bool graph_on;

static unsigned int graph_trace_ctx(void)
{
	unsigned int ctx = tracing_gen_ctx();

	if (ctx & 0xf)
		ctx--;
	return ctx;
}

static void graph_record_entry(unsigned long func, int depth)
{
	struct trace_buffer *buffer = global_trace.buffer;
	struct ftrace_graph_ent_entry *entry;
	struct ring_buffer_event *event;

	event = ring_buffer_lock_reserve(buffer, sizeof(*entry));
	if (!event)
		return;
	entry = ring_buffer_event_data(event);
	trace_fill_entry(&entry->ent, TRACE_GRAPH_ENT, graph_trace_ctx());
	entry->func = func;
	entry->depth = depth;
	ring_buffer_unlock_commit(buffer, event);
}

static void graph_record_return(const struct ftrace_ret_stack *r, int depth, u64 rettime)
{
	struct trace_buffer *buffer = global_trace.buffer;
	struct ftrace_graph_ret_entry *entry;
	struct ring_buffer_event *event;

	event = ring_buffer_lock_reserve(buffer, sizeof(*entry));
	if (!event)
		return;
	entry = ring_buffer_event_data(event);
	trace_fill_entry(&entry->ent, TRACE_GRAPH_RET, graph_trace_ctx());
	entry->func = r->func;
	entry->depth = depth;
	entry->calltime = r->calltime;
	entry->rettime = rettime;
	ring_buffer_unlock_commit(buffer, event);
}

/*
 * Pushes an entry on @t's return stack: what the graph tracer does at
 * a function's entry (also used by the tests). false when it is full.
 */
bool ftrace_push_return_trace(struct task_struct *t, unsigned long ret, unsigned long func,
			      u64 calltime, bool in_filter)
{
	int n = t->curr_ret_stack;

	if (n >= FTRACE_RETFUNC_DEPTH)
		return false;
	t->ret_stack[n].ret = ret;
	t->ret_stack[n].func = func;
	t->ret_stack[n].calltime = calltime;
	t->ret_stack[n].in_filter = in_filter;
	/* The entry is whole before an interrupt can see it counted. */
	barrier();
	WRITE_ONCE(t->curr_ret_stack, n + 1);
	if (in_filter)
		t->graph_in_filter++;
	return true;
}

/* Pops @t's innermost entry into @r; false when the stack is empty. */
bool ftrace_pop_return_trace(struct task_struct *t, struct ftrace_ret_stack *r)
{
	int n = t->curr_ret_stack - 1;

	if (n < 0)
		return false;
	*r = t->ret_stack[n];
	if (r->in_filter)
		t->graph_in_filter--;
	barrier();
	WRITE_ONCE(t->curr_ret_stack, n);
	return true;
}

static void graph_entry(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			unsigned long frame)
{
	struct task_struct *t = current;
	bool in_filter = false;
	int depth;

	if (!t || !READ_ONCE(graph_on))
		return;
	depth = t->curr_ret_stack;
	if (depth >= FTRACE_RETFUNC_DEPTH || (max_graph_depth && depth >= max_graph_depth))
		return;
	if (!(global_trace.trace_flags & TRACE_ITER_GRAPH_IRQS) && in_hardirq())
		return;
	if (READ_ONCE(ftrace_graph_filter_count) && !t->graph_in_filter) {
		struct dyn_ftrace *rec = ftrace_lookup_ip(ip);

		if (!rec || !(rec->flags & FTRACE_FL_GRAPH))
			return;
		in_filter = true;
	}
	if (!ftrace_push_return_trace(t, *parent, ip, trace_clock_now(), in_filter))
		return;
	graph_record_entry(ip, depth);
	trace_save_cmdline();
	*parent = (unsigned long)return_to_handler;
}

/* return_to_handler's C half: the real return address of the function returning. */
unsigned long ftrace_return_to_handler(void)
{
	struct task_struct *t = current;
	struct ftrace_ret_stack r;
	unsigned int bit;
	u64 rettime = trace_clock_now();

	if (!ftrace_pop_return_trace(t, &r))
		panic("ftrace: return to handler with an empty return stack");
	/* The record's own callees must not hook themselves in here. */
	bit = trace_recursion_lock();
	if (bit) {
		if (READ_ONCE(graph_on))
			graph_record_return(&r, t->curr_ret_stack, rettime);
		trace_recursion_unlock(bit);
	}
	return r.ret;
}

static int graph_trace_init(void)
{
	WRITE_ONCE(graph_on, true);
	ftrace_set_function(graph_entry);
	return 0;
}

/* Functions still hooked return through the handler afterwards, unrecorded. */
static void graph_trace_reset(void)
{
	WRITE_ONCE(graph_on, false);
	ftrace_set_function(NULL);
}

/* ---- text ---- */

static void print_graph_header(struct seq_file *s)
{
	unsigned int f = global_trace.trace_flags;

	seq_puts(s, "#");
	if (f & TRACE_ITER_GRAPH_ABSTIME)
		seq_puts(s, "     TIME       ");
	if (f & TRACE_ITER_GRAPH_CPU)
		seq_puts(s, " CPU");
	if (f & TRACE_ITER_GRAPH_PROC)
		seq_puts(s, "  TASK/PID       ");
	if (f & TRACE_ITER_GRAPH_DURATION)
		seq_puts(s, "  DURATION   ");
	seq_puts(s, "               FUNCTION CALLS\n");
	seq_puts(s, "#");
	if (f & TRACE_ITER_GRAPH_ABSTIME)
		seq_puts(s, "      |         ");
	if (f & TRACE_ITER_GRAPH_CPU)
		seq_puts(s, " |  ");
	if (f & TRACE_ITER_GRAPH_PROC)
		seq_puts(s, "   |    |        ");
	if (f & TRACE_ITER_GRAPH_DURATION)
		seq_puts(s, "   |   |      ");
	seq_puts(s, "               |   |   |   |\n");
}

/* The mark before a long duration: '+' over 10 us up to '$' over a second. */
static char duration_mark(u64 ns)
{
	static const struct { u64 ns; char c; } marks[] = {
		{ 1000000000ULL, '$' }, { 100000000ULL, '@' }, { 10000000ULL, '*' },
		{ 1000000ULL, '#' }, { 100000ULL, '!' }, { 10000ULL, '+' },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(marks); i++)
		if (ns > marks[i].ns)
			return marks[i].c;
	return ' ';
}

/*
 * "  0.123 us    |  ": the mark, the microseconds with as many decimals
 * as keep the number within seven digits, the unit, padded to a column.
 */
static void print_graph_duration(struct seq_file *s, u64 ns, bool known)
{
	unsigned int f = global_trace.trace_flags;
	char num[32];
	int len, dec;

	if (!(f & TRACE_ITER_GRAPH_DURATION))
		return;
	if (!known) {
		seq_puts(s, "              |  ");
		return;
	}
	seq_printf(s, "%c ", (f & TRACE_ITER_GRAPH_OVERHEAD) ? duration_mark(ns) : ' ');
	len = snprintf(num, sizeof(num), "%llu", ns / 1000);
	dec = len < 7 ? min(3, 7 - len) : 0;
	if (dec) {
		char frac[4];

		snprintf(frac, sizeof(frac), "%03llu", ns % 1000);
		frac[dec] = '\0';
		len += snprintf(num + len, sizeof(num) - len, ".%s", frac);
	}
	seq_printf(s, "%s us ", num);
	for (; len < 8; len++)
		seq_putc(s, ' ');
	seq_puts(s, "|  ");
}

static void print_graph_prologue(struct trace_iterator *iter)
{
	struct seq_file *s = &iter->seq;
	unsigned int f = iter->tr->trace_flags;

	if (f & TRACE_ITER_GRAPH_ABSTIME)
		seq_printf(s, "%5llu.%06llu |  ", iter->ts / 1000000000ULL,
			   (iter->ts % 1000000000ULL) / 1000);
	if (f & TRACE_ITER_GRAPH_CPU)
		seq_printf(s, " %d) ", iter->cpu);
	if (f & TRACE_ITER_GRAPH_PROC) {
		char comm[TASK_COMM_LEN], id[32];

		trace_find_cmdline(iter->ent->pid, comm);
		snprintf(id, sizeof(id), "%s-%d", comm, iter->ent->pid);
		seq_printf(s, " %-14s |  ", id);
	}
}

static void print_graph_indent(struct seq_file *s, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		seq_puts(s, "  ");
}

static bool print_graph_line(struct trace_iterator *iter)
{
	struct seq_file *s = &iter->seq;
	const struct trace_entry *ent = iter->ent;

	if (ent->type == TRACE_GRAPH_ENT) {
		const struct ftrace_graph_ent_entry *e = (const void *)ent;
		const struct ftrace_graph_ret_entry *r = (const void *)trace_peek_same_cpu(iter);

		print_graph_prologue(iter);
		/* A leaf: its return is the next record of the CPU. */
		if (r && r->ent.type == TRACE_GRAPH_RET && r->func == e->func &&
		    r->depth == e->depth && r->ent.pid == ent->pid) {
			u64 ns = r->rettime - r->calltime;

			trace_skip_same_cpu(iter);
			print_graph_duration(s, ns, true);
			print_graph_indent(s, e->depth);
			seq_printf(s, "%ps();\n", (void *)e->func);
			return true;
		}
		print_graph_duration(s, 0, false);
		print_graph_indent(s, e->depth);
		seq_printf(s, "%ps() {\n", (void *)e->func);
		return true;
	}
	if (ent->type == TRACE_GRAPH_RET) {
		const struct ftrace_graph_ret_entry *r = (const void *)ent;

		print_graph_prologue(iter);
		print_graph_duration(s, r->rettime - r->calltime, true);
		print_graph_indent(s, r->depth);
		if (iter->tr->trace_flags & TRACE_ITER_GRAPH_TAIL)
			seq_printf(s, "} /* %ps */\n", (void *)r->func);
		else
			seq_puts(s, "}\n");
		return true;
	}
	return false;
}

static struct tracer graph_trace = {
	.name		= "function_graph",
	.init		= graph_trace_init,
	.reset		= graph_trace_reset,
	.print_header	= print_graph_header,
	.print_line	= print_graph_line,
};

static int max_graph_depth_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%u\n", max_graph_depth);
	return 0;
}

static ssize_t max_graph_depth_write(char *buf, size_t count, void *data)
{
	unsigned long val;
	int err = kstrtoul(trace_strim(buf), 10, &val);

	if (err)
		return err;
	if (val > FTRACE_RETFUNC_DEPTH)
		return -EINVAL;
	WRITE_ONCE(max_graph_depth, val);
	return count;
}

void __init init_graph_trace(void)
{
	register_tracer(&graph_trace);
	if (tracefs_create_simple("max_graph_depth", 0644, NULL, max_graph_depth_show,
				  max_graph_depth_write))
		pr_warn("tracing: cannot create max_graph_depth\n");
}
