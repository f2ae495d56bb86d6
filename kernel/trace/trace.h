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
	TRACE_STACK	= 4,
	TRACE_PRINT	= 5,
	__TRACE_LAST_TYPE = 20,
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
};

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
