// SPDX-License-Identifier: MIT
/*
 * Event triggers (events/<system>/<event>/trigger), Linux's commands:
 *
 *	stacktrace[:N] [if FILTER]		the record, then "<stack trace>"
 *	traceon[:N] / traceoff[:N] [if FILTER]	switch tracing_on
 *	enable_event:SYS:EVENT[:N] / disable_event:SYS:EVENT[:N]
 *
 * "!" before a command removes it. N counts the times the trigger may
 * still fire. A trigger runs in the recorder, in whatever context the
 * event fires, before the event's own filter decides on the record.
 *
 * Each event's triggers are a singly linked list that recorders walk
 * without a lock: a trigger is linked only once complete, and one
 * that is unlinked is freed only after every CPU has left the
 * recorders (tracepoint_synchronize_unregister()). Changes are made
 * under event_mutex.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "trace.h"

enum trigger_type { TRIG_STACKTRACE, TRIG_TRACEON, TRIG_TRACEOFF, TRIG_ENABLE, TRIG_DISABLE };

static const char *const trigger_names[] = {
	[TRIG_STACKTRACE] = "stacktrace", [TRIG_TRACEON] = "traceon",
	[TRIG_TRACEOFF] = "traceoff", [TRIG_ENABLE] = "enable_event",
	[TRIG_DISABLE] = "disable_event",
};

struct event_trigger_data {
	struct event_trigger_data	*next;
	enum trigger_type		type;
	long				count;		/* -1: unlimited */
	struct event_filter		*filter;
	struct trace_event_call		*target;	/* enable_event/disable_event */
};

void trace_event_soft_switch(struct trace_event_call *call, bool on);

bool event_has_triggers(struct trace_event_call *call)
{
	return READ_ONCE(call->triggers) != NULL;
}

/* Takes one count; false when the trigger has none left. */
static bool trigger_take(struct event_trigger_data *data)
{
	long count = READ_ONCE(data->count);

	if (count == -1)
		return true;
	if (!count)
		return false;
	WRITE_ONCE(data->count, count - 1);
	return true;
}

/* Frames between the event's recorder and the stack walk, skipped in the record. */
#define STACKTRACE_SKIP	2

/* trace_ctx: the event's context, which its stack record shows too. */
static void trigger_fire(struct event_trigger_data *data, unsigned int trace_ctx)
{
	switch (data->type) {
	case TRIG_STACKTRACE:
		if (trigger_take(data))
			trace_dump_stack_event(STACKTRACE_SKIP, trace_ctx);
		break;
	case TRIG_TRACEON:
		/* As Linux: only a change of state uses a count. */
		if (!tracing_is_on() && trigger_take(data))
			tracing_on();
		break;
	case TRIG_TRACEOFF:
		if (tracing_is_on() && trigger_take(data))
			tracing_off();
		break;
	case TRIG_ENABLE:
	case TRIG_DISABLE:
		if (trigger_take(data))
			trace_event_soft_switch(data->target, data->type == TRIG_ENABLE);
		break;
	}
}

void event_triggers_call(struct trace_event_call *call, const void *rec, unsigned int trace_ctx)
{
	struct event_trigger_data *data;

	for (data = READ_ONCE(call->triggers); data; data = READ_ONCE(data->next)) {
		if (data->filter && !filter_match_preds(data->filter, rec))
			continue;
		trigger_fire(data, trace_ctx);
	}
}

static void trigger_free(struct event_trigger_data *data)
{
	if (data->target)
		trace_event_enable_disable(data->target, 0, 1);
	free_event_filter(data->filter);
	kfree(data);
}

/* event_mutex held. */
static struct event_trigger_data **trigger_find(struct trace_event_call *call,
						const struct event_trigger_data *like)
{
	struct event_trigger_data **pp;

	for (pp = &call->triggers; *pp; pp = &(*pp)->next)
		if ((*pp)->type == like->type && (*pp)->target == like->target)
			return pp;
	return NULL;
}

/* "cmd[:sys:event][:count]" into data; the filter is the caller's. */
static int trigger_parse_cmd(char *cmd, struct event_trigger_data *data)
{
	char *parts[4];
	unsigned int n = 0, i, want;
	unsigned long count;

	while (n < ARRAY_SIZE(parts)) {
		char *colon = strchr(cmd, ':');

		parts[n++] = cmd;
		if (!colon)
			break;
		*colon = '\0';
		cmd = colon + 1;
	}
	for (i = 0; i < ARRAY_SIZE(trigger_names); i++)
		if (!strcmp(parts[0], trigger_names[i]))
			break;
	if (i == ARRAY_SIZE(trigger_names))
		return -EINVAL;
	data->type = i;
	data->count = -1;
	want = (i == TRIG_ENABLE || i == TRIG_DISABLE) ? 3 : 1;
	if (n < want || n > want + 1)
		return -EINVAL;
	if (want == 3) {
		data->target = trace_find_event_call(parts[1], parts[2]);
		if (!data->target)
			return -EINVAL;
	}
	if (n == want + 1) {
		if (kstrtoul(parts[want], 0, &count))
			return -EINVAL;
		data->count = count;
	}
	return 0;
}

static int trigger_remove(struct trace_event_call *call, struct event_trigger_data *like)
{
	struct event_trigger_data **pp = trigger_find(call, like), *old;

	if (!pp)
		return -ENOENT;
	old = *pp;
	WRITE_ONCE(*pp, old->next);
	tracepoint_synchronize_unregister();
	trigger_free(old);
	return 0;
}

/* event_mutex held. */
int event_trigger_write(struct trace_event_call *call, char *buf)
{
	struct event_trigger_data *data, **pp;
	bool remove = *buf == '!';
	char *cmd = buf + remove, *cond;
	int err;

	if (!*cmd)
		return 0;
	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	cond = strstr(cmd, " if ");
	if (cond) {
		*cond = '\0';
		cond += 4;
	}
	err = trigger_parse_cmd(trace_strim(cmd), data);
	if (!err && remove) {
		err = trigger_remove(call, data);
		kfree(data);
		return err;
	}
	if (!err && cond)
		err = create_event_filter(call, trace_strim(cond), &data->filter);
	if (!err && trigger_find(call, data))
		err = -EEXIST;
	if (err) {
		free_event_filter(data->filter);
		kfree(data);
		return err;
	}
	if (data->target)
		trace_event_enable_disable(data->target, 1, 1);
	for (pp = &call->triggers; *pp; pp = &(*pp)->next)
		;
	smp_wmb();	/* the trigger whole before it is reachable */
	WRITE_ONCE(*pp, data);
	return 0;
}

/* event_mutex held. */
void event_trigger_show(struct seq_file *m, struct trace_event_call *call)
{
	struct event_trigger_data *data = call->triggers;

	if (!data) {
		seq_puts(m, "# Available triggers:\n"
			    "# traceon traceoff stacktrace enable_event disable_event\n");
		return;
	}
	for (; data; data = data->next) {
		seq_puts(m, trigger_names[data->type]);
		if (data->target)
			seq_printf(m, ":%s:%s", data->target->class->system, data->target->name);
		if (data->count == -1)
			seq_puts(m, ":unlimited");
		else
			seq_printf(m, ":count=%ld", data->count);
		if (data->filter)
			seq_printf(m, " if %s\n", event_filter_string(data->filter));
		else
			seq_putc(m, '\n');
	}
}
