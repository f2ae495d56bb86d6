// SPDX-License-Identifier: MIT
/*
 * KUnit suite "trace_events" (reflex.test=trace_events): the events no
 * user program can provoke on its own - a work item's queueing and run,
 * a jiffies timer and an hrtimer from setup to expiry and cancel, an
 * skb dropped and one consumed - each enabled, provoked once, and its
 * text checked as trace prints it after "name: ". Other CPUs record
 * their own timers meanwhile: the lines are found by the object's
 * address, which %p prints unhashed.
 */
#include <linux/kernel.h>
#include <linux/ring_buffer.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <linux/tracepoint.h>
#include <kunit/test.h>
#include <kunit/wait.h>
#include "trace.h"

#define TEXT_SIZE	(256 * 1024)

static char *text;

static void start_recording(struct kunit *test, const char *system, const char *const *events)
{
	text = kmalloc(TEXT_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	tracing_update_buffers();
	ring_buffer_reset(global_trace.buffer);
	for (; *events; events++)
		KUNIT_ASSERT_EQ(test, trace_set_clr_event(system, *events, 1), 1);
}

/* Stop the events, then every record as "name: fields" lines, oldest first over all CPUs. */
static void stop_recording(const char *system)
{
	struct trace_buffer *buffer = global_trace.buffer;
	char *tmp = kmalloc(4096, GFP_KERNEL);
	struct seq_file s, p;
	size_t len = 0;

	trace_set_clr_event(system, NULL, 0);
	text[0] = '\0';
	if (!tmp)
		return;
	seq_file_init(&p, tmp, 4096);
	for (;;) {
		struct ring_buffer_event *ev;
		const struct trace_entry *ent;
		struct trace_event_call *call;
		int cpu, best = -1;
		u64 ts, best_ts = 0;
		unsigned long lost;

		for_each_possible_cpu(cpu)
			if (ring_buffer_peek(buffer, cpu, &ts, &lost) && (best < 0 || ts < best_ts))
				best = cpu, best_ts = ts;
		if (best < 0)
			break;
		ev = ring_buffer_consume(buffer, best, &ts, &lost);
		ent = ring_buffer_event_data(ev);
		call = trace_find_event(ent->type);
		if (!call || len + 1024 >= TEXT_SIZE)
			continue;
		seq_file_init(&s, text + len, TEXT_SIZE - len);
		trace_print_entry_fields(&s, &p, call, ent);
		len += s.count;
		text[len] = '\0';
	}
	kfree(tmp);
}

/* The line that starts with @start, at or after @from; where it is, or NULL. */
static const char *line_from(const char *from, const char *start)
{
	const char *hit = from;

	while ((hit = strstr(hit, start))) {
		if (hit == text || hit[-1] == '\n')
			return hit;
		hit++;
	}
	return NULL;
}

/* The line, NUL-terminated, for a failure message. */
static const char *show(const char *line, char *buf, size_t size)
{
	size_t n = 0;

	if (!line)
		return "(none)";
	while (line[n] && line[n] != '\n' && n + 1 < size)
		n++;
	memcpy(buf, line, n);
	buf[n] = '\0';
	return buf;
}

/* Each of @lines (prefixes) found in this order; a failure names the first missing. */
static void expect_in_order(struct kunit *test, const char *const *lines, int n)
{
	const char *at = text;
	int i;

	for (i = 0; i < n; i++) {
		const char *hit = line_from(at, lines[i]);

		if (!hit) {
			KUNIT_FAIL(test, "no line \"%s\" after the previous one (%s)", lines[i],
				   line_from(text, lines[i]) ? "it came earlier" : "not at all");
			return;
		}
		at = hit + 1;
	}
}

static unsigned long long decimal(const char *s)
{
	unsigned long long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* ---- workqueue ---- */

static bool work_ran;

static void trace_test_work_fn(struct work_struct *work)
{
	WRITE_ONCE(work_ran, true);
}

static void workqueue_events_follow_one_item(struct kunit *test)
{
	static const char *const events[] = { "workqueue_queue_work", "workqueue_activate_work",
					      "workqueue_execute_start", "workqueue_execute_end",
					      NULL };
	struct work_struct work;
	char l[4][160];

	INIT_WORK(&work, trace_test_work_fn);
	start_recording(test, "workqueue", events);
	queue_work(system_wq, &work);
	flush_work(&work);
	stop_recording("workqueue");
	KUNIT_EXPECT_TRUE(test, work_ran);

	snprintf(l[0], sizeof(l[0]),
		 "workqueue_queue_work: work struct=%p function=trace_test_work_fn workqueue=events req_cpu=%d cpu=",
		 &work, NR_CPUS);
	snprintf(l[1], sizeof(l[1]),
		 "workqueue_activate_work: work struct %p function=trace_test_work_fn \n", &work);
	snprintf(l[2], sizeof(l[2]),
		 "workqueue_execute_start: work struct %p: function trace_test_work_fn\n", &work);
	snprintf(l[3], sizeof(l[3]),
		 "workqueue_execute_end: work struct %p: function trace_test_work_fn\n", &work);
	expect_in_order(test, (const char *const[]){ l[0], l[1], l[2], l[3] }, 4);
	kfree(text);
}

/* ---- jiffies timer ---- */

static bool timer_fired;

static void trace_test_timer_fn(struct timer_list *t)
{
	WRITE_ONCE(timer_fired, true);
}

static void timer_events_follow_one_timer(struct kunit *test)
{
	static const char *const events[] = { "timer_init", "timer_start", "timer_expire_entry",
					      "timer_expire_exit", "timer_cancel", NULL };
	struct timer_list t;
	char l[7][160], buf[200];
	const char *start;
	unsigned long expires;

	start_recording(test, "timer", events);
	timer_setup(&t, trace_test_timer_fn, 0);
	expires = jiffies + 1;
	mod_timer(&t, expires);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(timer_fired)));
	del_timer_sync(&t);
	/* Queued again, far off, and taken back. */
	mod_timer(&t, jiffies + 100 * HZ);
	KUNIT_EXPECT_EQ(test, del_timer(&t), 1);
	stop_recording("timer");

	snprintf(l[0], sizeof(l[0]), "timer_init: timer=%p\n", &t);
	snprintf(l[1], sizeof(l[1]),
		 "timer_start: timer=%p function=trace_test_timer_fn expires=%lu [timeout=", &t, expires);
	snprintf(l[2], sizeof(l[2]), "timer_cancel: timer=%p\n", &t);
	snprintf(l[3], sizeof(l[3]),
		 "timer_expire_entry: timer=%p function=trace_test_timer_fn now=", &t);
	snprintf(l[4], sizeof(l[4]), "timer_expire_exit: timer=%p\n", &t);
	snprintf(l[5], sizeof(l[5]), "timer_start: timer=%p function=trace_test_timer_fn ", &t);
	snprintf(l[6], sizeof(l[6]), "timer_cancel: timer=%p\n", &t);
	expect_in_order(test, (const char *const[]){ l[0], l[1], l[2], l[3], l[4], l[5], l[6] }, 7);
	/* Linux's tail: bucket, CPU, wheel index (reflex has none: 0) and the flags. */
	start = line_from(text, l[1]);
	KUNIT_EXPECT_TRUE(test, start && strstr(show(start, buf, sizeof(buf)), "] bucket_expiry=") &&
			  strstr(buf, " cpu=") && strstr(buf, " idx=0 flags="));
	kfree(text);
}

/* ---- hrtimer ---- */

static bool hrtimer_fired;

static enum hrtimer_restart trace_test_hrtimer_fn(struct hrtimer *h)
{
	WRITE_ONCE(hrtimer_fired, true);
	return HRTIMER_NORESTART;
}

static void hrtimer_events_follow_one_hrtimer(struct kunit *test)
{
	static const char *const events[] = { "hrtimer_init", "hrtimer_start", "hrtimer_expire_entry",
					      "hrtimer_expire_exit", "hrtimer_cancel", NULL };
	struct hrtimer h;
	char l[8][160];

	start_recording(test, "timer", events);
	hrtimer_init(&h, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	h.function = trace_test_hrtimer_fn;
	hrtimer_start(&h, 1000000, HRTIMER_MODE_REL);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(hrtimer_fired)));
	hrtimer_cancel(&h);
	hrtimer_start(&h, 100 * NSEC_PER_SEC, HRTIMER_MODE_REL);
	KUNIT_EXPECT_EQ(test, hrtimer_cancel(&h), 1);
	stop_recording("timer");

	snprintf(l[0], sizeof(l[0]), "hrtimer_init: hrtimer=%p clockid=CLOCK_MONOTONIC mode=REL\n", &h);
	snprintf(l[1], sizeof(l[1]),
		 "hrtimer_start: hrtimer=%p function=trace_test_hrtimer_fn expires=", &h);
	snprintf(l[2], sizeof(l[2]), "hrtimer_cancel: hrtimer=%p\n", &h);
	snprintf(l[3], sizeof(l[3]),
		 "hrtimer_expire_entry: hrtimer=%p function=trace_test_hrtimer_fn now=", &h);
	snprintf(l[4], sizeof(l[4]), "hrtimer_expire_exit: hrtimer=%p\n", &h);
	snprintf(l[5], sizeof(l[5]),
		 "hrtimer_start: hrtimer=%p function=trace_test_hrtimer_fn expires=", &h);
	snprintf(l[6], sizeof(l[6]), "hrtimer_cancel: hrtimer=%p\n", &h);
	expect_in_order(test, (const char *const[]){ l[0], l[1], l[2], l[3], l[4], l[5], l[6] }, 7);
	{
		char buf[200];
		const char *start = line_from(text, l[1]);
		unsigned long long e = 0, se = 1;

		show(start, buf, sizeof(buf));
		/* No slack in reflex: softexpires is expires; the mode as Linux decodes it. */
		if (start) {
			const char *a = strstr(buf, " expires="), *b = strstr(buf, " softexpires=");

			e = a ? decimal(a + 9) : 0;
			se = b ? decimal(b + 13) : 1;
		}
		KUNIT_EXPECT_TRUE(test, start && e == se && e > 0);
		KUNIT_EXPECT_TRUE(test, start && strstr(buf, " mode=REL") && !strstr(buf, "mode=REL|"));
	}
	kfree(text);
}

/* ---- skb ---- */

static noinline void skb_events_name_the_caller(struct kunit *test)
{
	static const char *const events[] = { "kfree_skb", "consume_skb", NULL };
	struct sk_buff *drop = alloc_skb(128, GFP_KERNEL), *used = alloc_skb(128, GFP_KERNEL);
	char l[2][200];

	KUNIT_ASSERT_NOT_NULL(test, drop);
	KUNIT_ASSERT_NOT_NULL(test, used);
	drop->protocol = htons(0x0800);
	start_recording(test, "skb", events);
	kfree_skb_reason(drop, SKB_DROP_REASON_NO_SOCKET);
	consume_skb(used);
	kfree_skb_reason(NULL, SKB_DROP_REASON_NO_SOCKET);	/* nothing: no event */
	stop_recording("skb");

	snprintf(l[0], sizeof(l[0]),
		 "kfree_skb: skbaddr=%p rx_sk=0000000000000000 protocol=2048 location=skb_events_name_the_caller+0x",
		 drop);
	snprintf(l[1], sizeof(l[1]), "consume_skb: skbaddr=%p location=skb_events_name_the_caller+0x",
		 used);
	expect_in_order(test, (const char *const[]){ l[0], l[1] }, 2);
	{
		const char *k = line_from(text, l[0]);
		char buf[240];

		KUNIT_EXPECT_TRUE(test, k && strstr(show(k, buf, sizeof(buf)), " reason: NO_SOCKET") &&
				  buf[strlen(buf) - 1] == 'T');
	}
	/* Exactly one of each: the NULL skb recorded nothing. */
	KUNIT_EXPECT_TRUE(test, !strstr(strstr(text, "kfree_skb: ") + 1, "kfree_skb: "));
	kfree(text);
}

static struct kunit_case trace_events_test_cases[] = {
	KUNIT_CASE(workqueue_events_follow_one_item),
	KUNIT_CASE(timer_events_follow_one_timer),
	KUNIT_CASE(hrtimer_events_follow_one_hrtimer),
	KUNIT_CASE(skb_events_name_the_caller),
	{}
};

static struct kunit_suite trace_events_test_suite = {
	.name = "trace_events",
	.test_cases = trace_events_test_cases,
};
kunit_test_suite(trace_events_test_suite);
