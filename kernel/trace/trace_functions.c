// SPDX-License-Identifier: MIT
/*
 * The function tracer, "function" in current_tracer: one record per
 * call of a traced function (its site and its caller), printed as
 *
 *   <idle>-0       [001] d.h1.   123.456789: e1000_intr <-__handle_irq_event_percpu
 *
 * and with options/func_stack_trace a stack record after each, the
 * chain from the traced function outwards, through the interrupt entry
 * into what it interrupted.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/ftrace.h>
#include <linux/ring_buffer.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/kallsyms.h>
#include <asm/percpu.h>
#include "trace.h"

/* The last task whose name this CPU saved: most records need no saving. */
static DEFINE_PER_CPU(int, last_saved_pid);

void trace_save_cmdline(void)
{
	int pid = current->pid;

	if (this_cpu_read(last_saved_pid) == pid)
		return;
	this_cpu_write(last_saved_pid, pid);
	tracing_record_cmdline(pid, current->comm);
}

/* The context word of the traced function's caller: without the tracer's own preempt_disable. */
static unsigned int function_trace_ctx(void)
{
	unsigned int ctx = tracing_gen_ctx();

	if (ctx & 0xf)
		ctx--;
	return ctx;
}

static void function_trace_call(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
				unsigned long frame)
{
	struct trace_buffer *buffer = global_trace.buffer;
	unsigned int trace_ctx = function_trace_ctx();
	struct ring_buffer_event *event;
	struct ftrace_entry *entry;

	event = ring_buffer_lock_reserve(buffer, sizeof(*entry));
	if (!event)
		return;
	entry = ring_buffer_event_data(event);
	trace_fill_entry(&entry->ent, TRACE_FN, trace_ctx);
	entry->ip = ip;
	entry->parent_ip = parent_ip;
	ring_buffer_unlock_commit(buffer, event);
	trace_save_cmdline();
	if (global_trace.trace_flags & TRACE_ITER_FUNC_STACK)
		trace_stack_from_frame(frame, trace_ctx);
}

static int function_trace_init(void)
{
	ftrace_set_function(function_trace_call);
	return 0;
}

static void function_trace_reset(void)
{
	ftrace_set_function(NULL);
}

static struct tracer function_trace = {
	.name	= "function",
	.init	= function_trace_init,
	.reset	= function_trace_reset,
};

void __init init_function_trace(void)
{
	register_tracer(&function_trace);
}

/*
 * The stacktrace trigger (see linux/ftrace.h): a few named arms, each
 * with a count of traces left, on the function tracer's probe. A hit
 * prints "stacktrace: FUNC" and the call chain from the traced
 * function outwards, through the interrupt entry and into the
 * interrupted context, as Linux's function trigger's chain reads. The
 * trace is printed in whatever context the function runs (hard IRQ,
 * softirq): printk is safe there. An arm whose count ran out keeps its
 * sites enabled (they cannot be rewritten from an interrupt) until the
 * next arming from process context.
 */
#define STACKTRACE_ARMS		8
#define STACKTRACE_NAME_LEN	48

struct stacktrace_arm {
	char		func[STACKTRACE_NAME_LEN];
	unsigned int	count;
	bool		probed;		/* its sites are marked for the probe */
};

static struct stacktrace_arm arms[STACKTRACE_ARMS];
static DEFINE_SPINLOCK(arms_lock);
static DEFINE_MUTEX(arms_probe_lock);
static bool stacktrace_ready;		/* the site table exists */
unsigned int ftrace_stacktrace_armed;

void show_stack(unsigned long bp);

/* Lock held. The number of arms with counts left. */
static unsigned int arms_live(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < STACKTRACE_ARMS; i++)
		n += arms[i].count != 0;
	return n;
}

static void stacktrace_probe(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			     unsigned long frame);

/*
 * Process context: the probe's marks follow the arms. A spent arm's
 * function is unmarked, a live one's marked; the name is copied out of
 * the lock, whose holders may be interrupts.
 */
static void stacktrace_sync_probes(void)
{
	unsigned long flags;
	unsigned int i;

	if (!READ_ONCE(stacktrace_ready))
		return;
	mutex_lock(&arms_probe_lock);
	for (i = 0; i < STACKTRACE_ARMS; i++) {
		char func[STACKTRACE_NAME_LEN];
		bool live, probed;

		spin_lock_irqsave(&arms_lock, flags);
		strscpy(func, arms[i].func, sizeof(func));
		live = arms[i].count != 0;
		probed = arms[i].probed;
		arms[i].probed = live;
		spin_unlock_irqrestore(&arms_lock, flags);
		if (live != probed && *func)
			ftrace_probe_set(func, live);
	}
	ftrace_set_probe(READ_ONCE(ftrace_stacktrace_armed) ? stacktrace_probe : NULL);
	mutex_unlock(&arms_probe_lock);
}

void ftrace_stacktrace_init(void)
{
	WRITE_ONCE(stacktrace_ready, true);
	stacktrace_sync_probes();
}

int ftrace_stacktrace_arm(const char *func, unsigned int count)
{
	struct stacktrace_arm *free = NULL;
	char old[STACKTRACE_NAME_LEN] = "";
	unsigned long flags;
	unsigned int i;

	if (!*func || strlen(func) >= STACKTRACE_NAME_LEN)
		return -EINVAL;
	spin_lock_irqsave(&arms_lock, flags);
	for (i = 0; i < STACKTRACE_ARMS; i++) {
		if (!strcmp(arms[i].func, func)) {
			free = &arms[i];
			break;
		}
		if (!free && !arms[i].count)
			free = &arms[i];
	}
	if (free && strcmp(free->func, func)) {
		/* A spent arm taken over: its old function loses its marks below. */
		if (free->probed)
			strscpy(old, free->func, sizeof(old));
		free->probed = false;
	}
	if (free) {
		strscpy(free->func, func, sizeof(free->func));
		free->count = count;
		WRITE_ONCE(ftrace_stacktrace_armed, arms_live());
	}
	spin_unlock_irqrestore(&arms_lock, flags);
	if (*old && READ_ONCE(stacktrace_ready))
		ftrace_probe_set(old, false);
	if (free)
		stacktrace_sync_probes();
	return free ? 0 : -ENOSPC;
}

/* Takes one count from @func's arm; false when it has none. */
static bool arm_take(const char *func)
{
	unsigned long flags;
	bool hit = false;
	unsigned int i;

	spin_lock_irqsave(&arms_lock, flags);
	for (i = 0; i < STACKTRACE_ARMS; i++) {
		if (arms[i].count && !strcmp(arms[i].func, func)) {
			arms[i].count--;
			hit = true;
			break;
		}
	}
	WRITE_ONCE(ftrace_stacktrace_armed, arms_live());
	spin_unlock_irqrestore(&arms_lock, flags);
	return hit;
}

/* @frame's return address is in the traced function: the trace starts there. */
static void stacktrace_probe(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			     unsigned long frame)
{
	unsigned long size, off;
	const char *func;

	if (!READ_ONCE(ftrace_stacktrace_armed))
		return;
	func = kallsyms_lookup(ip, &size, &off);
	if (!func || !arm_take(func))
		return;
	printk(KERN_DEFAULT "stacktrace: %s\n", func);
	show_stack(frame);
}

int ftrace_stacktrace_parse(const char *spec)
{
	char buf[STACKTRACE_NAME_LEN + 12];
	int first_err = 0;

	while (*spec) {
		const char *comma = strchr(spec, ',');
		size_t len = comma ? (size_t)(comma - spec) : strlen(spec);
		unsigned long count = 1;
		char *colon;
		int err;

		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		memcpy(buf, spec, len);
		buf[len] = '\0';
		colon = strchr(buf, ':');
		err = 0;
		if (colon) {
			*colon = '\0';
			err = kstrtoul(colon + 1, 10, &count);
		}
		err = err ?: ftrace_stacktrace_arm(buf, count);
		first_err = first_err ?: err;
		spec += len + (comma ? 1 : 0);
	}
	return first_err;
}

size_t ftrace_stacktrace_list(char *buf, size_t size)
{
	unsigned long flags;
	size_t n = 0;
	unsigned int i;

	spin_lock_irqsave(&arms_lock, flags);
	for (i = 0; i < STACKTRACE_ARMS && n < size; i++)
		if (arms[i].count)
			n += snprintf(buf + n, size - n, "%s %u\n", arms[i].func, arms[i].count);
	spin_unlock_irqrestore(&arms_lock, flags);
	return min(n, size);
}

static int __init stacktrace_setup(char *arg)
{
	return ftrace_stacktrace_parse(arg);
}
__setup("reflex.stacktrace=", stacktrace_setup);
