// SPDX-License-Identifier: MIT
/*
 * The trace-event switchboard (see linux/tracepoint.h): every event the
 * kernel defines sits in the .trace_events table; "trace_event=" turns
 * them on by Linux's "system:name" patterns, and "tp_printk" sends the
 * enabled ones to the console through printk.
 *
 *	trace_event=irq_vectors:*		every irq_vectors event
 *	trace_event=irq_vectors:vector_update,vector_free_moved
 *	trace_event=*:*				everything
 *
 * An unknown name is reported and otherwise ignored.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/tracepoint.h>

extern const struct trace_event_call __start_trace_events[], __stop_trace_events[];

static bool tp_printk;

static bool match_part(const char *pat, size_t len, const char *s)
{
	if (len == 1 && pat[0] == '*')
		return true;
	return strlen(s) == len && !strncmp(pat, s, len);
}

/* @spec is "system:name", "name", with "*" for either part; "" matches nothing. */
static int set_clr_event(const char *spec, size_t len, bool set)
{
	const struct trace_event_call *call;
	const char *colon = NULL, *name;
	size_t i, name_len;
	int n = 0;

	for (i = 0; i < len && !colon; i++)
		if (spec[i] == ':')
			colon = spec + i;
	name = colon ? colon + 1 : spec;
	name_len = colon ? len - (colon + 1 - spec) : len;

	if (!len || !name_len || (colon && colon == spec))
		return 0;
	for (call = __start_trace_events; call < __stop_trace_events; call++) {
		if (colon && !match_part(spec, colon - spec, call->system))
			continue;
		if (!match_part(name, name_len, call->name))
			continue;
		WRITE_ONCE(*call->enabled, set);
		n++;
	}
	return n;
}

int trace_set_clr_event(const char *spec, bool set)
{
	return set_clr_event(spec, strlen(spec), set);
}

void trace_event_printk(const char *name, const char *fmt, ...)
{
	char buf[160];
	va_list args;

	if (!READ_ONCE(tp_printk))
		return;
	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_INFO "%s: %s\n", name, buf);
}

/* A comma-separated list; Linux also takes a leading '!' to disable. */
static int __init setup_trace_event(char *arg)
{
	while (*arg) {
		char *comma = strchr(arg, ',');
		size_t len = comma ? (size_t)(comma - arg) : strlen(arg);
		bool set = true;
		const char *spec = arg;

		if (len && *spec == '!') {
			set = false;
			spec++;
			len--;
		}
		if (len && !set_clr_event(spec, len, set))
			pr_warn("Failed to enable trace event: %.*s\n", (int)len, spec);
		if (!comma)
			break;
		arg = comma + 1;
	}
	return 0;
}
__setup("trace_event=", setup_trace_event);

static int __init setup_tp_printk(char *arg)
{
	tp_printk = true;
	return 0;
}
__setup("tp_printk", setup_tp_printk);
