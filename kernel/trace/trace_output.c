// SPDX-License-Identifier: MIT
/*
 * The text of the trace files, byte for byte Linux 6.x's: the header
 * with its latency legend, and one line per record,
 *
 *            bash-1234    [001] d.h2.   246.302482: irq_handler_entry: irq=11 name=eth0
 *
 * the task (from the saved command lines) and pid, the CPU, the five
 * context characters the record's flags and preempt count give, the
 * time stamp in seconds and microseconds (or the raw count for a clock
 * that is not in nanoseconds), then the event's own text. The
 * __print_flags()/__print_symbolic() helpers of the events live here.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/ring_buffer.h>
#include <linux/cpumask.h>
#include "trace.h"

void trace_print_header(struct seq_file *s, struct trace_iterator *iter)
{
	unsigned long entries = 0, total = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		unsigned long n;

		if (iter->cpu_file != RING_BUFFER_ALL_CPUS && iter->cpu_file != cpu)
			continue;
		n = ring_buffer_entries_cpu(iter->tr->buffer, cpu);
		entries += n;
		total += n + ring_buffer_overrun_cpu(iter->tr->buffer, cpu);
	}
	seq_printf(s, "# tracer: %s\n#\n", current_trace->name);
	if (current_trace->print_header) {
		current_trace->print_header(s);
		return;
	}
	seq_printf(s, "# entries-in-buffer/entries-written: %lu/%lu   #P:%d\n",
		   entries, total, iter->nr_cpus);
	seq_puts(s, "#\n");
	seq_puts(s, "#                                _-----=> irqs-off/BH-disabled\n"
		    "#                               / _----=> need-resched\n"
		    "#                              | / _---=> hardirq/softirq\n"
		    "#                              || / _--=> preempt-depth\n"
		    "#                              ||| / _-=> migrate-disable\n"
		    "#                              |||| /     delay\n"
		    "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		    "#              | |         |   |||||     |         |\n");
}

/* The five context characters. */
static void trace_print_lat_fmt(struct seq_file *s, const struct trace_entry *entry)
{
	unsigned int f = entry->flags;
	char irqs_off, need_resched, hardsoft;

	irqs_off = (f & TRACE_FLAG_IRQS_OFF) ? 'd' : (f & TRACE_FLAG_BH_OFF) ? 'b' :
		   (f & TRACE_FLAG_IRQS_NOSUPPORT) ? 'X' : '.';
	switch (f & (TRACE_FLAG_NEED_RESCHED | TRACE_FLAG_PREEMPT_RESCHED)) {
	case TRACE_FLAG_NEED_RESCHED | TRACE_FLAG_PREEMPT_RESCHED:
		need_resched = 'N';
		break;
	case TRACE_FLAG_NEED_RESCHED:
		need_resched = 'n';
		break;
	case TRACE_FLAG_PREEMPT_RESCHED:
		need_resched = 'p';
		break;
	default:
		need_resched = '.';
	}
	if ((f & TRACE_FLAG_NMI) && (f & TRACE_FLAG_HARDIRQ))
		hardsoft = 'Z';
	else if (f & TRACE_FLAG_NMI)
		hardsoft = 'z';
	else if ((f & TRACE_FLAG_HARDIRQ) && (f & TRACE_FLAG_SOFTIRQ))
		hardsoft = 'H';
	else if (f & TRACE_FLAG_HARDIRQ)
		hardsoft = 'h';
	else if (f & TRACE_FLAG_SOFTIRQ)
		hardsoft = 's';
	else
		hardsoft = '.';
	seq_printf(s, "%c%c%c", irqs_off, need_resched, hardsoft);
	if (entry->preempt_count & 0xf)
		seq_printf(s, "%x", entry->preempt_count & 0xf);
	else
		seq_putc(s, '.');
	if (entry->preempt_count & 0xf0)
		seq_printf(s, "%x", entry->preempt_count >> 4);
	else
		seq_putc(s, '.');
}

static void trace_print_context(struct trace_iterator *iter)
{
	struct seq_file *s = &iter->seq;
	char comm[TASK_COMM_LEN];

	trace_find_cmdline(iter->ent->pid, comm);
	seq_printf(s, "%16s-%-7d ", comm, iter->ent->pid);
	seq_printf(s, "[%03d] ", iter->cpu);
	if (iter->tr->trace_flags & TRACE_ITER_IRQ_INFO) {
		trace_print_lat_fmt(s, iter->ent);
		seq_putc(s, ' ');
	}
	if (trace_clock_in_ns())
		seq_printf(s, "%5llu.%06llu: ", iter->ts / 1000000000ULL,
			   (iter->ts % 1000000000ULL) / 1000);
	else
		seq_printf(s, "%12llu: ", iter->ts);
}

static void print_stack_entry(struct seq_file *s, const struct stack_entry *field)
{
	int i;

	seq_puts(s, "<stack trace>\n");
	for (i = 0; i < field->size; i++)
		seq_printf(s, " => %ps\n", (void *)field->caller[i]);
}

/* Resets the scratch buffer the __print_*() helpers append to. */
static void tmp_seq_reset(struct seq_file *p)
{
	p->count = 0;
}

int trace_print_entry_fields(struct seq_file *s, struct seq_file *p, struct trace_event_call *call,
			     const struct trace_entry *ent)
{
	tmp_seq_reset(p);
	seq_printf(s, "%s: ", call->name);
	call->class->output(s, p, ent);
	seq_putc(s, '\n');
	return 0;
}

void print_trace_line(struct trace_iterator *iter)
{
	struct seq_file *s = &iter->seq;
	const struct trace_entry *ent = iter->ent;
	struct trace_event_call *call;

	if (iter->lost_events)
		seq_printf(s, "CPU:%d [LOST %lu EVENTS]\n", iter->cpu, iter->lost_events);
	if (current_trace->print_line && current_trace->print_line(iter))
		return;
	trace_print_context(iter);
	switch (ent->type) {
	case TRACE_FN: {
		const struct ftrace_entry *field = (const void *)ent;

		seq_printf(s, "%ps", (void *)field->ip);
		if ((iter->tr->trace_flags & TRACE_ITER_PRINT_PARENT) && field->parent_ip)
			seq_printf(s, " <-%ps", (void *)field->parent_ip);
		seq_putc(s, '\n');
		return;
	}
	case TRACE_STACK:
		print_stack_entry(s, (const void *)ent);
		return;
	case TRACE_PRINT: {
		const struct print_entry *field = (const void *)ent;

		seq_printf(s, "%ps: %s", (void *)field->ip, field->buf);
		return;
	}
	}
	call = trace_find_event(ent->type);
	if (!call) {
		seq_printf(s, "Unknown type %d\n", ent->type);
		return;
	}
	trace_print_entry_fields(s, &iter->tmp_seq, call, ent);
}

/* ---- helpers of the events' TP_printk() ---- */

/* Appends to p and returns the appended text, NUL-terminated, kept apart from the next. */
static const char *tmp_seq_finish(struct seq_file *p, size_t start)
{
	if (p->count >= p->size)
		return "";
	p->buf[p->count++] = '\0';
	return p->buf + start;
}

const char *trace_print_symbols_seq(struct seq_file *p, unsigned long val,
				    const struct trace_print_flags *symbols)
{
	size_t start = p->count;

	for (; symbols->name; symbols++) {
		if (symbols->mask == val) {
			seq_puts(p, symbols->name);
			return tmp_seq_finish(p, start);
		}
	}
	seq_printf(p, "0x%lx", val);
	return tmp_seq_finish(p, start);
}

const char *trace_print_flags_seq(struct seq_file *p, const char *delim, unsigned long flags,
				  const struct trace_print_flags *flag_array)
{
	size_t start = p->count;
	bool first = true;

	for (; flag_array->name && flags; flag_array++) {
		unsigned long mask = flag_array->mask;

		if ((flags & mask) != mask)
			continue;
		flags &= ~mask;
		if (!first && delim)
			seq_puts(p, delim);
		seq_puts(p, flag_array->name);
		first = false;
	}
	if (flags) {
		if (!first && delim)
			seq_puts(p, delim);
		seq_printf(p, "0x%lx", flags);
	}
	return tmp_seq_finish(p, start);
}

/*
 * A CPU mask as Linux's %*pb over nr_cpu_ids bits: 32-bit hex chunks,
 * most significant first, comma-separated; the first chunk as wide as
 * its bits need, the others eight digits.
 */
const char *trace_print_bitmask_seq(struct seq_file *p, const void *bitmask, unsigned int bytes)
{
	const u32 *words = bitmask;
	unsigned int nr_bits = min(nr_cpu_ids, bytes * 8);
	unsigned int chunk = nr_bits % 32 ?: 32;
	size_t start = p->count;
	int i;

	for (i = DIV_ROUND_UP(nr_bits, 32) - 1; i >= 0; i--) {
		u32 val = words[i] & (chunk == 32 ? ~0U : (1U << chunk) - 1);

		seq_printf(p, "%s%0*x", start == p->count ? "" : ",", (int)DIV_ROUND_UP(chunk, 4), val);
		chunk = 32;
	}
	return tmp_seq_finish(p, start);
}
