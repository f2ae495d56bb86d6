/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_TRACE_TRACE_H
#define _KERNEL_TRACE_TRACE_H

/*
 * What the tracer's files share (kernel/trace/): the one trace array
 * (Linux's global_trace: its ring buffer, clock and options), the
 * iterator the text files read through, and the records that are not
 * TRACE_EVENT()s (trace_marker's print, the stacktrace trigger's stack).
 */
#include <linux/types.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/trace_events.h>

struct trace_buffer;
struct ring_buffer_iter;

#define RING_BUFFER_ALL_CPUS	-1

/* Record types below the events' ids, as Linux's enum trace_type. */
enum trace_type {
	TRACE_FN	= 1,
	TRACE_STACK	= 4,
	TRACE_PRINT	= 5,
	TRACE_GRAPH_RET	= 10,
	TRACE_GRAPH_ENT	= 11,
	__TRACE_LAST_TYPE = 20,
};

/* The function tracer's record. */
struct ftrace_entry {
	struct trace_entry	ent;
	unsigned long		ip;
	unsigned long		parent_ip;
};

/* function_graph's: a function entered, and a function returned. */
struct ftrace_graph_ent_entry {
	struct trace_entry	ent;
	unsigned long		func;
	int			depth;
};

struct ftrace_graph_ret_entry {
	struct trace_entry	ent;
	unsigned long		func;
	int			depth;
	u64			calltime;
	u64			rettime;
};

struct print_entry {
	struct trace_entry	ent;
	unsigned long		ip;
	char			buf[];
};

#define FTRACE_STACK_ENTRIES	16

struct stack_entry {
	struct trace_entry	ent;
	int			size;
	unsigned long		caller[];
};

/* options/ files with an effect here (the others are accepted and listed). */
enum trace_iterator_flags {
	TRACE_ITER_OVERWRITE	= 1 << 0,
	TRACE_ITER_IRQ_INFO	= 1 << 1,
	TRACE_ITER_MARKERS	= 1 << 2,
	TRACE_ITER_RECORD_CMD	= 1 << 3,
	TRACE_ITER_PAUSE_ON_TRACE = 1 << 4,
	TRACE_ITER_FUNC_STACK	= 1 << 5,	/* func_stack_trace */
	TRACE_ITER_GRAPH_CPU	= 1 << 6,	/* funcgraph-cpu */
	TRACE_ITER_GRAPH_DURATION = 1 << 7,	/* funcgraph-duration */
	TRACE_ITER_GRAPH_OVERHEAD = 1 << 8,	/* funcgraph-overhead */
	TRACE_ITER_GRAPH_TAIL	= 1 << 9,	/* funcgraph-tail */
	TRACE_ITER_GRAPH_ABSTIME = 1 << 10,	/* funcgraph-abstime */
	TRACE_ITER_GRAPH_IRQS	= 1 << 11,	/* funcgraph-irqs */
	TRACE_ITER_GRAPH_PROC	= 1 << 12,	/* funcgraph-proc */
	TRACE_ITER_PRINT_PARENT	= 1 << 13,	/* print-parent */
};

/*
 * A tracer current_tracer can name (Linux's struct tracer): nop,
 * function, function_graph. init() starts it, reset() stops it; the
 * text of its records and its header are its own.
 */
struct trace_iterator;

struct tracer {
	const char	*name;
	int		(*init)(void);
	void		(*reset)(void);
	void		(*print_header)(struct seq_file *s);
	/* true when it printed the iterator's entry */
	bool		(*print_line)(struct trace_iterator *iter);
	struct tracer	*next;
};

extern struct tracer *current_trace;
int register_tracer(struct tracer *t);
int tracing_set_tracer(const char *name);

struct trace_clock {
	u64		(*func)(void);
	const char	*name;
	bool		in_ns;
};

struct trace_array {
	struct trace_buffer	*buffer;
	unsigned long		buffer_size;	/* per CPU, bytes, once expanded */
	bool			expanded;
	unsigned int		trace_flags;
	int			clock_id;
	unsigned int		buffer_percent;	/* 0: pollers wake on any event, else on a page */
};

extern struct trace_array global_trace;
extern struct mutex trace_types_lock;	/* buffer size, clock, resets, event state */
extern const struct trace_clock trace_clocks[];
extern bool tp_printk;

struct trace_iterator {
	struct trace_array	*tr;
	int			cpu_file;	/* RING_BUFFER_ALL_CPUS or one CPU */
	struct ring_buffer_iter	**buffer_iter;	/* non-consuming (trace); NULL: consume */
	struct mutex		mutex;
	/* function_graph: the entry after a leaf's, taken with it. */
	bool			leaf_taken;
	/* The entry being printed. */
	struct trace_entry	*ent;
	int			cpu;
	u64			ts;
	unsigned long		lost_events;
	/* Text made and not yet read. */
	struct seq_file		seq;
	size_t			seq_read;
	struct seq_file		tmp_seq;	/* scratch for __print_*() */
	bool			header_done;
	loff_t			pos;
	int			nr_cpus;
};

static inline bool trace_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* s without its leading and trailing white space (trailing cut in place). */
static inline char *trace_strim(char *s)
{
	size_t n;

	while (trace_isspace(*s))
		s++;
	n = strlen(s);
	while (n && trace_isspace(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* trace.c */
int tracing_update_buffers(void);
bool tracing_is_on(void);
void tracing_on(void);
void tracing_off(void);
void trace_dump_stack_event(int skip, unsigned int trace_ctx);
void tracing_record_cmdline(int pid, const char *comm);
void trace_find_cmdline(int pid, char *comm);
bool trace_clock_in_ns(void);

/* The next entry of the iterator's CPU, if it is one; and taking it. */
struct trace_entry *trace_peek_same_cpu(struct trace_iterator *iter);
void trace_skip_same_cpu(struct trace_iterator *iter);
u64 trace_clock_now(void);
void trace_fill_entry(struct trace_entry *ent, int type, unsigned int trace_ctx);
void trace_stack_from_frame(unsigned long frame, unsigned int trace_ctx);

/* trace_functions.c, trace_functions_graph.c */
void init_function_trace(void);
void trace_save_cmdline(void);
void init_graph_trace(void);
struct task_struct;
struct ftrace_ret_stack;
bool ftrace_push_return_trace(struct task_struct *t, unsigned long ret, unsigned long func,
			      u64 calltime, bool in_filter);
bool ftrace_pop_return_trace(struct task_struct *t, struct ftrace_ret_stack *r);
unsigned long ftrace_return_to_handler(void);

/* ftrace.c */
int ftrace_init_tracefs(void);
extern struct mutex ftrace_lock;

/* trace_output.c */
struct trace_event_call *trace_find_event(int type);
void trace_print_header(struct seq_file *s, struct trace_iterator *iter);
void print_trace_line(struct trace_iterator *iter);
int trace_print_entry_fields(struct seq_file *s, struct seq_file *p, struct trace_event_call *call,
			     const struct trace_entry *ent);

/* trace_events.c */
int event_trace_init(void);
extern struct list_head ftrace_events;	/* every trace_event_call, by id */
struct trace_event_field *trace_find_event_field(struct trace_event_call *call,
						 const char *name);
int trace_event_call_id_max(void);
void trace_event_print_format(struct seq_file *m, struct trace_event_call *call);
extern struct mutex event_mutex;

/* trace_events_filter.c */
struct event_filter;
int create_event_filter(struct trace_event_call *call, const char *str,
			struct event_filter **filterp);
bool filter_match_preds(struct event_filter *filter, const void *rec);
const char *event_filter_string(struct event_filter *filter);
void free_event_filter(struct event_filter *filter);

/* trace_events_trigger.c */
void event_triggers_call(struct trace_event_call *call, const void *rec, unsigned int trace_ctx);
bool event_has_triggers(struct trace_event_call *call);
int event_trigger_write(struct trace_event_call *call, char *buf);
void event_trigger_show(struct seq_file *m, struct trace_event_call *call);

/* Wait until no CPU is inside a recorder that may hold an old filter or trigger. */
void tracepoint_synchronize_unregister(void);

#endif
