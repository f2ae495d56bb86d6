// SPDX-License-Identifier: MIT
/*
 * The events: every trace_event_call the kernel defines (the
 * .trace_events table the TRACE_EVENT() passes fill), their ids and
 * fields, the recorder's reserve and commit, and their tracefs files:
 *
 *   available_events, set_event                 "system:event" lists
 *   events/enable, events/<system>/enable       0, 1, or X when mixed
 *   events/<system>/filter                      one filter for the system's events
 *   events/<system>/<event>/enable              0/1, "*" in soft mode
 *   events/<system>/<event>/{format,id,filter,trigger}
 *   events/header_page, events/header_event     the ring buffer layout
 *
 * The boot options: "trace_event=SYSTEM:NAME,..." enables events as
 * soon as the tracer is up (Linux's syntax, "!" to disable), and
 * "tp_printk" also prints every recorded event through printk.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/ring_buffer.h>
#include <linux/tracefs.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/stop_machine.h>
#include <linux/cpumask.h>
#include <asm/smp.h>
#include <linux/fcntl.h>
#include "trace.h"

extern struct trace_event_call *const __start_trace_events[], *const __stop_trace_events[];

#define FIRST_EVENT_ID	__TRACE_LAST_TYPE

#define for_each_event(callp) \
	for (callp = __start_trace_events; callp < __stop_trace_events; callp++)

DEFINE_MUTEX(event_mutex);
extern struct trace_event_call event_sys_enter, event_sys_exit;
u8 syscall_tracepoints_on;
bool tp_printk;
static char bootup_event_buf[256];
static int last_cmdline_pid[NR_CPUS];

struct trace_event_call *trace_find_event(int type)
{
	long i = type - FIRST_EVENT_ID;

	if (i < 0 || i >= __stop_trace_events - __start_trace_events)
		return NULL;
	return __start_trace_events[i];
}

struct trace_event_call *trace_find_event_call(const char *system, const char *name)
{
	struct trace_event_call *const *callp;

	for_each_event(callp)
		if (!strcmp((*callp)->name, name) &&
		    (!system || !strcmp((*callp)->class->system, system)))
			return *callp;
	return NULL;
}

int trace_define_field(struct trace_event_call *call, const char *type, const char *name,
		       int offset, int size, int array_len, bool is_signed, int filter_type)
{
	struct trace_event_field *field = kzalloc(sizeof(*field), GFP_KERNEL);

	if (!field)
		return -ENOMEM;
	field->type = type;
	field->name = name;
	field->offset = offset;
	field->size = size;
	field->array_len = array_len;
	field->is_signed = is_signed;
	field->filter_type = filter_type;
	list_add_tail(&field->link, &call->fields);
	return 0;
}

/* The common fields every record starts with, as the filter and format see them. */
static const struct trace_event_field common_fields[] = {
	{ .type = "unsigned short", .name = "common_type", .offset = 0, .size = 2, .array_len = -1 },
	{ .type = "unsigned char", .name = "common_flags", .offset = 2, .size = 1, .array_len = -1 },
	{ .type = "unsigned char", .name = "common_preempt_count", .offset = 3, .size = 1,
	  .array_len = -1 },
	{ .type = "int", .name = "common_pid", .offset = 4, .size = 4, .array_len = -1,
	  .is_signed = true },
};

struct trace_event_field *trace_find_event_field(struct trace_event_call *call, const char *name)
{
	struct trace_event_field *field;
	unsigned int i;

	list_for_each_entry(field, &call->fields, link)
		if (!strcmp(field->name, name))
			return field;
	for (i = 0; i < ARRAY_SIZE(common_fields); i++)
		if (!strcmp(common_fields[i].name, name))
			return (struct trace_event_field *)&common_fields[i];
	return NULL;
}

/* ---- recording ---- */

unsigned int tracing_gen_ctx(void)
{
	unsigned long pc = preempt_count();
	unsigned int flags = 0;

	if (irqs_disabled())
		flags |= TRACE_FLAG_IRQS_OFF;
	if (pc & NMI_MASK)
		flags |= TRACE_FLAG_NMI;
	if (pc & HARDIRQ_MASK)
		flags |= TRACE_FLAG_HARDIRQ;
	if (pc & SOFTIRQ_OFFSET)
		flags |= TRACE_FLAG_SOFTIRQ;
	if ((pc & SOFTIRQ_MASK) >> (SOFTIRQ_SHIFT + 1))
		flags |= TRACE_FLAG_BH_OFF;
	if (need_resched())
		flags |= TRACE_FLAG_NEED_RESCHED | TRACE_FLAG_PREEMPT_RESCHED;
	return flags << 16 | min(pc & PREEMPT_MASK, 0xfUL);
}

/*
 * Preemption stays off from here to the commit, so a CPU inside a
 * recorder holds no filter or trigger that stop_machine() has not seen
 * it leave (tracepoint_synchronize_unregister()).
 */
void *trace_event_buffer_reserve(struct trace_event_buffer *fbuffer,
				 struct trace_event_call *call, unsigned long len)
{
	unsigned int trace_ctx = tracing_gen_ctx(), flags = READ_ONCE(call->flags);
	struct trace_entry *ent = NULL;
	/* On for its triggers alone, an event leaves no record. */
	bool record = (flags & (TRACE_EVENT_FL_ENABLED | TRACE_EVENT_FL_SOFT_MODE)) &&
		      !(flags & TRACE_EVENT_FL_SOFT_DISABLED);

	preempt_disable();
	fbuffer->call = call;
	fbuffer->event = NULL;
	fbuffer->trace_ctx = trace_ctx;
	if (record && global_trace.buffer) {
		fbuffer->event = ring_buffer_lock_reserve(global_trace.buffer, len);
		if (fbuffer->event)
			ent = ring_buffer_event_data(fbuffer->event);
	}
	/* Triggers and tp_printk still see an event the buffer did not take. */
	if (!ent && (event_has_triggers(call) || tp_printk) && len <= sizeof(fbuffer->scratch))
		ent = (void *)fbuffer->scratch;
	if (!ent) {
		preempt_enable();
		return NULL;
	}
	ent->type = call->id;
	ent->flags = trace_ctx >> 16;
	ent->preempt_count = trace_ctx & 0xff;
	ent->pid = current->pid;
	fbuffer->entry = ent;
	return ent;
}

static void trace_event_printk(struct trace_event_call *call, const void *entry)
{
	char line[256], tmp[256];
	struct seq_file s, p;

	seq_file_init(&s, line, sizeof(line));
	seq_file_init(&p, tmp, sizeof(tmp));
	trace_print_entry_fields(&s, &p, call, entry);
	printk(KERN_INFO "%.*s", (int)min(s.count, sizeof(line) - 1), line);
}

static void trace_record_current_cmdline(void)
{
	int cpu = smp_processor_id();

	if (last_cmdline_pid[cpu] == current->pid)
		return;
	last_cmdline_pid[cpu] = current->pid;
	tracing_record_cmdline(current->pid, current->comm);
}

void trace_event_buffer_commit(struct trace_event_buffer *fbuffer)
{
	struct trace_event_call *call = fbuffer->call;
	struct event_filter *filter = READ_ONCE(call->filter);

	if (event_has_triggers(call))
		event_triggers_call(call, fbuffer->entry, fbuffer->trace_ctx);
	if (fbuffer->event) {
		if (filter && !filter_match_preds(filter, fbuffer->entry)) {
			ring_buffer_discard_commit(global_trace.buffer, fbuffer->event);
			preempt_enable();
			return;
		}
		ring_buffer_unlock_commit(global_trace.buffer, fbuffer->event);
		trace_record_current_cmdline();
	}
	if (unlikely(tp_printk))
		trace_event_printk(call, fbuffer->entry);
	preempt_enable();
}

static int sync_nothing(void *data)
{
	return 0;
}

void tracepoint_synchronize_unregister(void)
{
	stop_machine(sync_nothing, NULL, cpu_online_mask);
}

/* ---- switching events ---- */

/*
 * The raw_syscalls events are one more work flag on every task, as in
 * Linux, so that the SYSCALL path tests nothing more with them off:
 * set or cleared on all tasks under tasklist_lock, and by
 * copy_kthread() on a new one under the same lock.
 */
static void syscall_tracepoints_update(bool on)
{
	struct task_struct *p;
	unsigned long flags;

	if (on == READ_ONCE(syscall_tracepoints_on))
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	WRITE_ONCE(syscall_tracepoints_on, on);
	list_for_each_entry(p, &task_list, tasks) {
		if (on)
			set_tsk_thread_flag(p, TIF_SYSCALL_TRACEPOINT);
		else
			clear_tsk_thread_flag(p, TIF_SYSCALL_TRACEPOINT);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* The flag trace_<name>() tests: on while anyone wants the event's records or triggers. */
static void event_update_tp(struct trace_event_call *call)
{
	WRITE_ONCE(call->tp_enabled, (call->flags & TRACE_EVENT_FL_ENABLED) ||
		   call->soft_count || event_has_triggers(call));
	if (call == &event_sys_enter || call == &event_sys_exit)
		syscall_tracepoints_update(event_sys_enter.tp_enabled ||
					   event_sys_exit.tp_enabled);
}

/* event_mutex held. @soft: an enable_event trigger's reference rather than the user's. */
int trace_event_enable_disable(struct trace_event_call *call, int enable, int soft)
{
	unsigned int flags = call->flags;

	if (soft) {
		call->soft_count += enable ? 1 : -1;
		if (call->soft_count)
			flags |= TRACE_EVENT_FL_SOFT_MODE;
		else if (flags & TRACE_EVENT_FL_SOFT_MODE) {
			/* As Linux: an event its trigger switched on stays on. */
			if (!(flags & TRACE_EVENT_FL_SOFT_DISABLED))
				flags |= TRACE_EVENT_FL_ENABLED;
			flags &= ~TRACE_EVENT_FL_SOFT_MODE;
		}
	} else if (enable) {
		flags |= TRACE_EVENT_FL_ENABLED;
	} else {
		flags &= ~TRACE_EVENT_FL_ENABLED;
	}
	/* In soft mode the records wait for enable_event unless the user enabled it. */
	if ((flags & TRACE_EVENT_FL_SOFT_MODE) && !(flags & TRACE_EVENT_FL_ENABLED))
		flags |= TRACE_EVENT_FL_SOFT_DISABLED;
	else
		flags &= ~TRACE_EVENT_FL_SOFT_DISABLED;
	WRITE_ONCE(call->flags, flags);
	event_update_tp(call);
	return 0;
}

void trace_event_soft_switch(struct trace_event_call *call, bool on)
{
	unsigned int flags = READ_ONCE(call->flags);

	if (!(flags & TRACE_EVENT_FL_SOFT_MODE))
		return;
	if (on)
		WRITE_ONCE(call->flags, flags & ~TRACE_EVENT_FL_SOFT_DISABLED);
	else if (!(flags & TRACE_EVENT_FL_ENABLED))
		WRITE_ONCE(call->flags, flags | TRACE_EVENT_FL_SOFT_DISABLED);
}

static bool match_glob_or_all(const char *pat, const char *s)
{
	return !pat || !*pat || !strcmp(pat, "*") || !strcmp(pat, s);
}

/* NULL or "*" matches any; returns the number of events switched or -EINVAL. */
int trace_set_clr_event(const char *system, const char *event, int set)
{
	struct trace_event_call *const *callp;
	int n = 0;

	if (set)
		tracing_update_buffers();
	mutex_lock(&event_mutex);
	for_each_event(callp) {
		struct trace_event_call *call = *callp;

		if (!match_glob_or_all(system, call->class->system) ||
		    !match_glob_or_all(event, call->name))
			continue;
		trace_event_enable_disable(call, set, 0);
		n++;
	}
	mutex_unlock(&event_mutex);
	return n ? n : -EINVAL;
}

/* "system:event", "system:", "event" or "*:*", with "!" to disable. */
static int ftrace_set_clr_event(char *buf)
{
	char *colon, *system = NULL, *event = buf;
	int set = 1;

	if (*buf == '!') {
		set = 0;
		event = ++buf;
	}
	colon = strchr(buf, ':');
	if (colon) {
		*colon = '\0';
		system = buf;
		event = colon + 1;
		if (!*event)
			event = NULL;
	}
	if (system && !*system)
		return -EINVAL;
	return trace_set_clr_event(system, event, set);
}

static int setup_trace_event(char *arg)
{
	strscpy(bootup_event_buf, arg, sizeof(bootup_event_buf));
	return 0;
}
__setup("trace_event=", setup_trace_event);

static int setup_tp_printk(char *arg)
{
	tp_printk = true;
	return 0;
}
__setup("tp_printk", setup_tp_printk);

static void early_enable_events(void)
{
	char *buf = bootup_event_buf, *token;

	while (*buf) {
		char *comma = strchr(buf, ',');

		if (comma)
			*comma = '\0';
		token = buf;
		if (*token && ftrace_set_clr_event(token) < 0)
			pr_warn("Failed to enable trace event: %s\n", token);
		if (!comma)
			break;
		buf = comma + 1;
	}
}

/* ---- files ---- */

static int available_events_show(struct seq_file *m, void *data)
{
	struct trace_event_call *const *callp;

	for_each_event(callp)
		seq_printf(m, "%s:%s\n", (*callp)->class->system, (*callp)->name);
	return 0;
}

static int set_event_show(struct seq_file *m, void *data)
{
	struct trace_event_call *const *callp;

	for_each_event(callp)
		if (READ_ONCE((*callp)->flags) & TRACE_EVENT_FL_ENABLED)
			seq_printf(m, "%s:%s\n", (*callp)->class->system, (*callp)->name);
	return 0;
}

/* Each white-space separated word is one "system:event" to switch. */
static ssize_t set_event_write(char *buf, size_t count, void *data)
{
	char *p = buf;
	int err = 0;

	while (*p) {
		char *word;

		while (trace_isspace(*p))
			p++;
		word = p;
		while (*p && !trace_isspace(*p))
			p++;
		if (*p)
			*p++ = '\0';
		if (*word && ftrace_set_clr_event(word) < 0)
			err = -EINVAL;
	}
	return err ?: (ssize_t)count;
}

/* set_event opened with O_TRUNC for writing starts from no events, as Linux's. */
static void set_event_truncate(void *data)
{
	trace_set_clr_event(NULL, NULL, 0);
}

static const char *event_enable_string(struct trace_event_call *call)
{
	unsigned int flags = READ_ONCE(call->flags);

	if (flags & TRACE_EVENT_FL_SOFT_MODE)
		return (flags & TRACE_EVENT_FL_SOFT_DISABLED) ? "0*\n" : "1*\n";
	return (flags & TRACE_EVENT_FL_ENABLED) ? "1\n" : "0\n";
}

static int event_enable_show(struct seq_file *m, void *data)
{
	seq_puts(m, event_enable_string(data));
	return 0;
}

static ssize_t event_enable_write(char *buf, size_t count, void *data)
{
	unsigned long val;
	int err = kstrtoul(trace_strim(buf), 10, &val);

	if (err)
		return err;
	if (val > 1)
		return -EINVAL;
	if (val)
		tracing_update_buffers();
	mutex_lock(&event_mutex);
	trace_event_enable_disable(data, val, 0);
	mutex_unlock(&event_mutex);
	return count;
}

/* data: the system name, or NULL for every event. */
static int system_enable_show(struct seq_file *m, void *data)
{
	struct trace_event_call *const *callp;
	bool on = false, off = false;

	for_each_event(callp) {
		if (data && strcmp((*callp)->class->system, data))
			continue;
		if (READ_ONCE((*callp)->flags) & TRACE_EVENT_FL_ENABLED)
			on = true;
		else
			off = true;
	}
	seq_puts(m, on && off ? "X\n" : on ? "1\n" : "0\n");
	return 0;
}

static ssize_t system_enable_write(char *buf, size_t count, void *data)
{
	unsigned long val;
	int err = kstrtoul(trace_strim(buf), 10, &val);

	if (err)
		return err;
	if (val > 1)
		return -EINVAL;
	trace_set_clr_event(data, NULL, val);
	return count;
}

static void print_field(struct seq_file *m, const struct trace_event_field *field)
{
	if (field->array_len >= 0) {
		if (field->array_len)
			seq_printf(m, "\tfield:%s %s[%d];", field->type, field->name,
				   field->array_len);
		else
			seq_printf(m, "\tfield:%s %s[];", field->type, field->name);
	} else {
		seq_printf(m, "\tfield:%s %s;", field->type, field->name);
	}
	seq_printf(m, "\toffset:%d;\tsize:%d;\tsigned:%d;\n", field->offset, field->size,
		   field->is_signed);
}

void trace_event_print_format(struct seq_file *m, struct trace_event_call *call)
{
	const struct trace_event_field *field;
	unsigned int i;

	seq_printf(m, "name: %s\nID: %d\nformat:\n", call->name, call->id);
	for (i = 0; i < ARRAY_SIZE(common_fields); i++)
		print_field(m, &common_fields[i]);
	seq_putc(m, '\n');
	list_for_each_entry(field, &call->fields, link)
		print_field(m, field);
	seq_printf(m, "\nprint fmt: %s\n", call->class->print_fmt);
}

static int event_format_show(struct seq_file *m, void *data)
{
	trace_event_print_format(m, data);
	return 0;
}

static int event_id_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%d\n", ((struct trace_event_call *)data)->id);
	return 0;
}

static int event_filter_show(struct seq_file *m, void *data)
{
	struct trace_event_call *call = data;

	mutex_lock(&event_mutex);
	if (call->filter)
		seq_printf(m, "%s\n", event_filter_string(call->filter));
	else
		seq_puts(m, "none\n");
	mutex_unlock(&event_mutex);
	return 0;
}

/* "0" clears the filter; a bad one is refused with -EINVAL and the old one kept. */
static ssize_t event_filter_write(char *buf, size_t count, void *data)
{
	struct trace_event_call *call = data;
	struct event_filter *filter = NULL, *old;
	char *str = trace_strim(buf);
	int err = 0;

	if (strcmp(str, "0")) {
		err = create_event_filter(call, str, &filter);
		if (err)
			return err;
	}
	mutex_lock(&event_mutex);
	old = call->filter;
	WRITE_ONCE(call->filter, filter);
	mutex_unlock(&event_mutex);
	if (old) {
		tracepoint_synchronize_unregister();
		free_event_filter(old);
	}
	return count;
}

/*
 * events/<system>/filter: a filter written there goes to every event of
 * the system whose fields it names; the others lose theirs, and if no
 * event takes it the write is -EINVAL, as Linux's. Reading gives the
 * last filter written there, or "none". The text is kept per system.
 */
struct system_filter {
	struct list_head	list;
	const char		*system;
	char			*text;		/* NULL: none */
};
static LIST_HEAD(system_filters);	/* under event_mutex */

static struct system_filter *find_system_filter(const char *system)
{
	struct system_filter *sf;

	list_for_each_entry(sf, &system_filters, list)
		if (!strcmp(sf->system, system))
			return sf;
	return NULL;
}

static int system_filter_show(struct seq_file *m, void *data)
{
	struct system_filter *sf;

	mutex_lock(&event_mutex);
	sf = find_system_filter(data);
	seq_printf(m, "%s\n", sf && sf->text ? sf->text : "none");
	mutex_unlock(&event_mutex);
	return 0;
}

/* Install @filter (may be NULL) on @call, freeing the old one after the readers. */
static void replace_event_filter(struct trace_event_call *call, struct event_filter *filter)
{
	struct event_filter *old = call->filter;

	WRITE_ONCE(call->filter, filter);
	if (old) {
		tracepoint_synchronize_unregister();
		free_event_filter(old);
	}
}

static ssize_t system_filter_write(char *buf, size_t count, void *data)
{
	struct trace_event_call *const *callp;
	const char *system = data;
	char *str = trace_strim(buf), *text = NULL;
	bool clear = !strcmp(str, "0"), taken = false;
	struct system_filter *sf;

	if (!clear) {
		text = kstrdup(str, GFP_KERNEL);
		if (!text)
			return -ENOMEM;
	}
	mutex_lock(&event_mutex);
	sf = find_system_filter(system);
	if (!sf) {
		sf = kzalloc(sizeof(*sf), GFP_KERNEL);
		if (!sf) {
			mutex_unlock(&event_mutex);
			kfree(text);
			return -ENOMEM;
		}
		sf->system = system;
		list_add_tail(&sf->list, &system_filters);
	}
	for_each_event(callp) {
		struct event_filter *filter = NULL;

		if (strcmp((*callp)->class->system, system))
			continue;
		if (!clear && create_event_filter(*callp, str, &filter))
			filter = NULL;
		taken |= filter != NULL;
		replace_event_filter(*callp, filter);
	}
	if (!clear && !taken) {
		mutex_unlock(&event_mutex);
		kfree(text);
		return -EINVAL;
	}
	kfree(sf->text);
	sf->text = text;
	mutex_unlock(&event_mutex);
	return count;
}

static int event_trigger_file_show(struct seq_file *m, void *data)
{
	mutex_lock(&event_mutex);
	event_trigger_show(m, data);
	mutex_unlock(&event_mutex);
	return 0;
}

static ssize_t event_trigger_file_write(char *buf, size_t count, void *data)
{
	struct trace_event_call *call = data;
	int err;

	mutex_lock(&event_mutex);
	err = event_trigger_write(call, trace_strim(buf));
	event_update_tp(call);
	mutex_unlock(&event_mutex);
	return err ?: (ssize_t)count;
}

static int header_page_show(struct seq_file *m, void *data)
{
	seq_printf(m, "\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
		      "\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
		      "\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
		      "\tfield: char data;\toffset:16;\tsize:%d;\tsigned:0;\n", BUF_PAGE_SIZE);
	return 0;
}

static int header_event_show(struct seq_file *m, void *data)
{
	seq_printf(m, "# compressed entry header\n"
		      "\ttype_len    :    5 bits\n"
		      "\ttime_delta  :   27 bits\n"
		      "\tarray       :   32 bits\n\n"
		      "\tpadding     : type == %d\n"
		      "\ttime_extend : type == %d\n"
		      "\ttime_stamp : type == %d\n"
		      "\tdata max type_len  == %d\n",
		   RINGBUF_TYPE_PADDING, RINGBUF_TYPE_TIME_EXTEND, RINGBUF_TYPE_TIME_STAMP,
		   RINGBUF_TYPE_DATA_TYPE_LEN_MAX);
	return 0;
}

/* The records that are not TRACE_EVENT()s, with Linux's formats, for tools. */
static const char ftrace_print_format[] =
	"name: print\nID: 5\nformat:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
	"\tfield:unsigned long ip;\toffset:8;\tsize:8;\tsigned:0;\n"
	"\tfield:char buf[];\toffset:16;\tsize:0;\tsigned:0;\n\n"
	"print fmt: \"%ps: %s\", (void *)REC->ip, REC->buf\n";

static int static_text_show(struct seq_file *m, void *data)
{
	seq_puts(m, data);
	return 0;
}

static int create_event_files(struct trace_event_call *call)
{
	char dir[96], path[128];
	int err;

	snprintf(dir, sizeof(dir), "events/%s/%s", call->class->system, call->name);
	snprintf(path, sizeof(path), "%s/enable", dir);
	err = tracefs_create_simple(path, 0644, call, event_enable_show, event_enable_write);
	snprintf(path, sizeof(path), "%s/format", dir);
	err = err ?: tracefs_create_simple(path, 0444, call, event_format_show, NULL);
	snprintf(path, sizeof(path), "%s/id", dir);
	err = err ?: tracefs_create_simple(path, 0444, call, event_id_show, NULL);
	snprintf(path, sizeof(path), "%s/filter", dir);
	err = err ?: tracefs_create_simple(path, 0644, call, event_filter_show,
					   event_filter_write);
	snprintf(path, sizeof(path), "%s/trigger", dir);
	err = err ?: tracefs_create_simple(path, 0644, call, event_trigger_file_show,
					   event_trigger_file_write);
	/* The system's enable file; -EEXIST once the system has one. */
	snprintf(path, sizeof(path), "events/%s/enable", call->class->system);
	if (!err && tracefs_create_simple(path, 0644, (void *)call->class->system,
					  system_enable_show, system_enable_write) == -ENOMEM)
		err = -ENOMEM;
	snprintf(path, sizeof(path), "events/%s/filter", call->class->system);
	if (!err && tracefs_create_simple(path, 0644, (void *)call->class->system,
					  system_filter_show, system_filter_write) == -ENOMEM)
		err = -ENOMEM;
	return err;
}

static int event_trace_init_tracefs(void)
{
	int err;

	err = tracefs_create_simple("available_events", 0444, NULL, available_events_show, NULL);
	err = err ?: tracefs_create_simple_trunc("set_event", 0644, NULL, set_event_show,
						 set_event_write, set_event_truncate);
	err = err ?: tracefs_create_simple("events/enable", 0644, NULL, system_enable_show,
					   system_enable_write);
	err = err ?: tracefs_create_simple("events/header_page", 0444, NULL, header_page_show,
					   NULL);
	err = err ?: tracefs_create_simple("events/header_event", 0444, NULL,
					   header_event_show, NULL);
	err = err ?: tracefs_create_simple("events/ftrace/print/format", 0444,
					   (void *)ftrace_print_format, static_text_show, NULL);
	return err;
}

int event_trace_init(void)
{
	struct trace_event_call *const *callp;
	int id = FIRST_EVENT_ID, err = 0;

	for_each_event(callp) {
		struct trace_event_call *call = *callp;

		INIT_LIST_HEAD(&call->fields);
		call->id = id++;
		err = err ?: call->class->define_fields(call);
		err = err ?: create_event_files(call);
	}
	err = err ?: event_trace_init_tracefs();
	if (err)
		pr_warn("tracing: cannot set up the events (%d)\n", err);
	early_enable_events();
	return err;
}
