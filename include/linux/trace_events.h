/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TRACE_EVENTS_H
#define _LINUX_TRACE_EVENTS_H

/*
 * Trace events as the tracer sees them (kernel/trace/trace_events.c):
 * every record starts with struct trace_entry, the "common_" fields of
 * each format file; an event call names its system, its fields, its
 * output and its print format, and carries the state tracefs changes
 * (enabled, filter, triggers). The TRACE_EVENT() passes in
 * trace/trace_events.h generate one per event.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/compiler.h>

struct seq_file;
struct ring_buffer_event;
struct trace_buffer;
struct event_filter;
struct event_trigger_data;

struct trace_entry {
	unsigned short	type;
	unsigned char	flags;
	unsigned char	preempt_count;
	int		pid;
};

/* trace_entry.flags: the context at record time (the five flag characters). */
enum trace_flag_type {
	TRACE_FLAG_IRQS_OFF		= 0x01,
	TRACE_FLAG_IRQS_NOSUPPORT	= 0x02,
	TRACE_FLAG_NEED_RESCHED		= 0x04,
	TRACE_FLAG_HARDIRQ		= 0x08,
	TRACE_FLAG_SOFTIRQ		= 0x10,
	TRACE_FLAG_PREEMPT_RESCHED	= 0x20,
	TRACE_FLAG_NMI			= 0x40,
	TRACE_FLAG_BH_OFF		= 0x80,
};

/* __print_flags()/__print_symbolic() tables. */
struct trace_print_flags {
	unsigned long	mask;
	const char	*name;
};

enum filter_type {
	FILTER_OTHER = 0,
	FILTER_STATIC_STRING,
	FILTER_DYN_STRING,
	FILTER_COMM,
	FILTER_CPU,
};

struct trace_event_field {
	struct list_head	link;
	const char		*type;
	const char		*name;
	int			offset;
	int			size;
	int			array_len;	/* -1: not an array; 0: char buf[] */
	bool			is_signed;
	int			filter_type;
};

struct trace_event_call;

struct trace_event_class {
	const char	*system;
	int		(*define_fields)(struct trace_event_call *call);
	/* Print the fields after "name: "; p is scratch for __print_* helpers. */
	void		(*output)(struct seq_file *s, struct seq_file *p, const void *entry);
	const char	*print_fmt;
};

/* trace_event_call.flags */
#define TRACE_EVENT_FL_ENABLED		0x1	/* enabled through tracefs or the command line */
#define TRACE_EVENT_FL_SOFT_MODE	0x2	/* an enable_event trigger owns it */
#define TRACE_EVENT_FL_SOFT_DISABLED	0x4	/* in soft mode and switched off */

struct trace_event_call {
	const struct trace_event_class	*class;
	const char			*name;
	bool				tp_enabled;	/* the flag trace_<name>() tests */
	unsigned int			flags;
	int				soft_count;	/* enable_event triggers naming it */
	int				id;
	struct list_head		fields;
	struct event_filter		*filter;	/* RCU-free: swapped under event_mutex */
	struct event_trigger_data	*triggers;	/* a list readers walk without a lock */
};

struct trace_event_buffer {
	struct trace_event_call		*call;
	struct ring_buffer_event	*event;
	void				*entry;
	unsigned int			trace_ctx;
	u64				scratch[32];	/* the record when only triggers want it */
};

void *trace_event_buffer_reserve(struct trace_event_buffer *fbuffer,
				 struct trace_event_call *call, unsigned long len);
void trace_event_buffer_commit(struct trace_event_buffer *fbuffer);

int trace_define_field(struct trace_event_call *call, const char *type, const char *name,
		       int offset, int size, int array_len, bool is_signed, int filter_type);

const char *trace_print_symbols_seq(struct seq_file *p, unsigned long val,
				    const struct trace_print_flags *symbols);
const char *trace_print_flags_seq(struct seq_file *p, const char *delim, unsigned long flags,
				  const struct trace_print_flags *flag_array);
const char *trace_print_bitmask_seq(struct seq_file *p, const void *bitmask, unsigned int bytes);

/* The record's context word (flags << 16 | preempt_count byte), as Linux's tracing_gen_ctx(). */
unsigned int tracing_gen_ctx(void);
int trace_event_enable_disable(struct trace_event_call *call, int enable, int soft);
struct trace_event_call *trace_find_event_call(const char *system, const char *name);

#endif
