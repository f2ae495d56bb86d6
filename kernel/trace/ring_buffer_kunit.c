// SPDX-License-Identifier: MIT
/*
 * KUnit suite "ring_buffer" (reflex.test=ring_buffer): a private ring
 * buffer on a fake clock, written on one CPU and read back. It pins
 * the orders and counts Linux's ring buffer promises: events in
 * order with the times the clock gave them (time extends across long
 * gaps), a writer interrupted between reserve and commit (a real
 * self-IPI through irq_work) whose interrupt's event lands after its
 * own and becomes visible only with the outer commit, overwrite mode
 * dropping whole oldest pages and counting them, the other mode
 * refusing new events, the reader page swapped while the writer is on
 * it, discarded events leaving nothing, and trace_pipe_raw's page.
 */
#include <linux/kernel.h>
#include <linux/ring_buffer.h>
#include <linux/irq_work.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include <asm/smp.h>

static u64 fake_now;

static u64 fake_clock(void)
{
	return fake_now;
}

static struct trace_buffer *fake_buffer(struct kunit *test, unsigned long size, unsigned int flags)
{
	struct trace_buffer *buffer = ring_buffer_alloc(size, flags);

	KUNIT_ASSERT_NOT_NULL(test, buffer);
	ring_buffer_set_clock(buffer, fake_clock);
	fake_now = 1000;
	return buffer;
}

/* One event of @len bytes whose first word is @val; on this CPU (preemption off). */
static int write_val(struct trace_buffer *buffer, u32 val, unsigned int len)
{
	struct ring_buffer_event *event = ring_buffer_lock_reserve(buffer, len);

	if (!event)
		return -EBUSY;
	memset(ring_buffer_event_data(event), 0, len);
	*(u32 *)ring_buffer_event_data(event) = val;
	return ring_buffer_unlock_commit(buffer, event);
}

static u32 event_val(struct ring_buffer_event *event)
{
	return *(u32 *)ring_buffer_event_data(event);
}

static void events_read_back_in_order_with_their_times(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 4 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	struct ring_buffer_event *event;
	u64 ts;
	int cpu, i;

	preempt_disable();
	cpu = smp_processor_id();
	for (i = 0; i < 200; i++) {
		fake_now += 10 + i;
		write_val(buffer, i, 8 + (i % 3) * 60);	/* small and array[0]-length events */
	}
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ring_buffer_entries_cpu(buffer, cpu), 200UL);
	fake_now = 1000;
	for (i = 0; i < 200; i++) {
		event = ring_buffer_consume(buffer, cpu, &ts, NULL);
		if (!event) {
			KUNIT_FAIL(test, "event %d missing", i);
			break;
		}
		fake_now += 10 + i;
		KUNIT_EXPECT_EQ(test, event_val(event), (u32)i);
		KUNIT_EXPECT_EQ(test, ts, fake_now);
		KUNIT_EXPECT_EQ(test, ring_buffer_event_length(event), 8U + (i % 3) * 60U);
	}
	KUNIT_EXPECT_NULL(test, ring_buffer_consume(buffer, cpu, NULL, NULL));
	KUNIT_EXPECT_EQ(test, ring_buffer_entries_cpu(buffer, cpu), 0UL);
	ring_buffer_free(buffer);
}

static void long_gaps_are_time_extends(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 2 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	static const u64 gaps[] = { 1, 1ULL << 27, (1ULL << 27) - 1, 5ULL << 40, 3 };
	u64 ts, want = 1000;
	unsigned int i;
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	for (i = 0; i < ARRAY_SIZE(gaps); i++) {
		fake_now += gaps[i];
		write_val(buffer, i, 4);
	}
	preempt_enable();
	for (i = 0; i < ARRAY_SIZE(gaps); i++) {
		struct ring_buffer_event *event = ring_buffer_consume(buffer, cpu, &ts, NULL);

		want += gaps[i];
		KUNIT_ASSERT_NOT_NULL(test, event);
		KUNIT_EXPECT_EQ(test, event_val(event), i);
		KUNIT_EXPECT_EQ(test, ts, want);
	}
	ring_buffer_free(buffer);
}

static struct trace_buffer *irq_buffer;
static bool irq_wrote;

static void write_from_irq(struct irq_work *work)
{
	fake_now += 5;
	irq_wrote = !write_val(irq_buffer, 0xb, 16);
}

static void interrupt_inside_reserve_commits_with_the_outer_writer(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 2 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	struct ring_buffer_event *outer, *event;
	struct irq_work work;
	u64 ts_a, ts_b;
	int cpu;

	init_irq_work(&work, write_from_irq);
	irq_buffer = buffer;
	irq_wrote = false;
	outer = ring_buffer_lock_reserve(buffer, 16);	/* disables preemption until commit */
	KUNIT_ASSERT_NOT_NULL(test, outer);
	cpu = smp_processor_id();
	*(u32 *)ring_buffer_event_data(outer) = 0xa;
	irq_work_queue(&work);
	irq_work_sync(&work);
	KUNIT_EXPECT_TRUE(test, irq_wrote);
	/* The interrupt committed, but the outer event before it is not: nothing shows. */
	KUNIT_EXPECT_NULL(test, ring_buffer_peek(buffer, cpu, NULL, NULL));
	ring_buffer_unlock_commit(buffer, outer);
	event = ring_buffer_consume(buffer, cpu, &ts_a, NULL);
	KUNIT_ASSERT_NOT_NULL(test, event);
	KUNIT_EXPECT_EQ(test, event_val(event), 0xaU);
	event = ring_buffer_consume(buffer, cpu, &ts_b, NULL);
	KUNIT_ASSERT_NOT_NULL(test, event);
	KUNIT_EXPECT_EQ(test, event_val(event), 0xbU);
	KUNIT_EXPECT_EQ(test, ts_b - ts_a, 5ULL);
	ring_buffer_free(buffer);
}

static void overwrite_drops_oldest_pages_and_counts_them(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 3 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	struct ring_buffer_event *event;
	unsigned long entries, overrun, lost = 0, read = 0, l;
	u32 first = 0, last = 0;
	int cpu, i;

	preempt_disable();
	cpu = smp_processor_id();
	for (i = 0; i < 2000; i++) {
		fake_now++;
		KUNIT_EXPECT_EQ(test, write_val(buffer, i, 60), 0);
	}
	preempt_enable();
	entries = ring_buffer_entries_cpu(buffer, cpu);
	overrun = ring_buffer_overrun_cpu(buffer, cpu);
	KUNIT_EXPECT_GT(test, overrun, 0UL);
	KUNIT_EXPECT_EQ(test, entries + overrun, 2000UL);
	while ((event = ring_buffer_consume(buffer, cpu, NULL, &l))) {
		if (!read++)
			first = event_val(event);
		else
			KUNIT_EXPECT_EQ(test, event_val(event), last + 1);
		last = event_val(event);
		lost += l;
	}
	KUNIT_EXPECT_EQ(test, read, entries);
	KUNIT_EXPECT_EQ(test, first, (u32)overrun);
	KUNIT_EXPECT_EQ(test, last, 1999U);
	KUNIT_EXPECT_EQ(test, lost, overrun);
	ring_buffer_free(buffer);
}

static void without_overwrite_new_events_are_dropped(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 2 * BUF_PAGE_SIZE, 0);
	struct ring_buffer_event *event;
	int cpu, i, written = 0;
	u32 want = 0;

	preempt_disable();
	cpu = smp_processor_id();
	for (i = 0; i < 1000; i++)
		written += !write_val(buffer, i, 60);
	preempt_enable();
	KUNIT_EXPECT_LT(test, written, 1000);
	KUNIT_EXPECT_EQ(test, ring_buffer_dropped_events_cpu(buffer, cpu),
			(unsigned long)(1000 - written));
	KUNIT_EXPECT_EQ(test, ring_buffer_overrun_cpu(buffer, cpu), 0UL);
	while ((event = ring_buffer_consume(buffer, cpu, NULL, NULL)))
		KUNIT_EXPECT_EQ(test, event_val(event), want++);
	KUNIT_EXPECT_EQ(test, want, (u32)written);
	ring_buffer_free(buffer);
}

/* The reader takes the page the writer is on; the writer goes on there and beyond. */
static void reader_swaps_the_page_the_writer_is_on(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 4 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	struct ring_buffer_event *event;
	u32 next_write = 0, next_read = 0;
	unsigned long lost, total_lost = 0;
	int cpu, round, i;

	for (round = 0; round < 40; round++) {
		preempt_disable();
		cpu = smp_processor_id();
		for (i = 0; i <= round; i++) {
			fake_now++;
			write_val(buffer, next_write++, 100);
		}
		preempt_enable();
		/*
		 * Read only part of it: the rest waits on the reader page, and
		 * the backlog grows until the writer overwrites; what it
		 * overwrote is reported as lost, exactly.
		 */
		for (i = 0; i < (round + 1) / 2 + 1; i++) {
			event = ring_buffer_consume(buffer, cpu, NULL, &lost);
			if (!event)
				break;
			next_read += lost;
			total_lost += lost;
			KUNIT_EXPECT_EQ(test, event_val(event), next_read);
			next_read++;
		}
	}
	while ((event = ring_buffer_consume(buffer, cpu, NULL, &lost))) {
		next_read += lost;
		total_lost += lost;
		KUNIT_EXPECT_EQ(test, event_val(event), next_read++);
	}
	KUNIT_EXPECT_EQ(test, next_read, next_write);
	KUNIT_EXPECT_GT(test, total_lost, 0UL);
	KUNIT_EXPECT_EQ(test, total_lost, ring_buffer_overrun_cpu(buffer, cpu));
	ring_buffer_free(buffer);
}

static void discarded_events_are_not_read(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 2 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	struct ring_buffer_event *event;
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	write_val(buffer, 1, 8);
	event = ring_buffer_lock_reserve(buffer, 200);
	KUNIT_ASSERT_NOT_NULL(test, event);
	ring_buffer_discard_commit(buffer, event);
	write_val(buffer, 2, 8);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, ring_buffer_entries_cpu(buffer, cpu), 2UL);
	event = ring_buffer_consume(buffer, cpu, NULL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, event);
	KUNIT_EXPECT_EQ(test, event_val(event), 1U);
	event = ring_buffer_consume(buffer, cpu, NULL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, event);
	KUNIT_EXPECT_EQ(test, event_val(event), 2U);
	KUNIT_EXPECT_NULL(test, ring_buffer_consume(buffer, cpu, NULL, NULL));
	ring_buffer_free(buffer);
}

static void iterator_reads_without_consuming(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 4 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	struct ring_buffer_iter *iter;
	struct ring_buffer_event *event;
	u32 want = 0;
	int cpu, i;

	preempt_disable();
	cpu = smp_processor_id();
	for (i = 0; i < 150; i++)
		write_val(buffer, i, 40);
	preempt_enable();
	ring_buffer_record_disable(buffer);
	iter = ring_buffer_read_start(buffer, cpu);
	KUNIT_ASSERT_NOT_NULL(test, iter);
	while ((event = ring_buffer_iter_peek(iter, NULL))) {
		KUNIT_EXPECT_EQ(test, event_val(event), want++);
		ring_buffer_iter_advance(iter);
	}
	ring_buffer_read_finish(iter);
	ring_buffer_record_enable(buffer);
	KUNIT_EXPECT_EQ(test, want, 150U);
	KUNIT_EXPECT_EQ(test, ring_buffer_entries_cpu(buffer, cpu), 150UL);
	ring_buffer_free(buffer);
}

/* The copy trace_pipe_raw hands out: time stamp, commit, then the events as written. */
static void read_page_has_the_header_page_layout(struct kunit *test)
{
	struct trace_buffer *buffer = fake_buffer(test, 2 * BUF_PAGE_SIZE, RB_FL_OVERWRITE);
	void *page = kzalloc(4096, GFP_KERNEL);
	struct ring_buffer_event *event;
	int cpu, len;
	u64 stamp;
	long commit;

	KUNIT_ASSERT_NOT_NULL(test, page);
	preempt_disable();
	cpu = smp_processor_id();
	fake_now = 5000;
	write_val(buffer, 7, 12);
	fake_now = 5003;
	write_val(buffer, 8, 200);
	preempt_enable();
	len = ring_buffer_read_page(buffer, page, cpu, false);
	memcpy(&stamp, page, 8);
	memcpy(&commit, page + 8, 8);
	KUNIT_EXPECT_EQ(test, len, 16 + 208);
	KUNIT_EXPECT_EQ(test, commit, (long)len);
	KUNIT_EXPECT_EQ(test, stamp, 5000ULL);
	event = page + 16;
	KUNIT_EXPECT_EQ(test, event->type_len, 3U);	/* 12 bytes: three words */
	KUNIT_EXPECT_EQ(test, event->time_delta, 0U);
	KUNIT_EXPECT_EQ(test, event->array[0], 7U);
	event = page + 16 + 16;
	KUNIT_EXPECT_EQ(test, event->type_len, 0U);	/* longer: the length in array[0] */
	KUNIT_EXPECT_EQ(test, event->time_delta, 3U);
	KUNIT_EXPECT_EQ(test, event->array[0], 204U);
	KUNIT_EXPECT_EQ(test, event->array[1], 8U);
	KUNIT_EXPECT_EQ(test, ring_buffer_read_page(buffer, page, cpu, false), -EAGAIN);
	kfree(page);
	ring_buffer_free(buffer);
}

static struct kunit_case ring_buffer_test_cases[] = {
	KUNIT_CASE(events_read_back_in_order_with_their_times),
	KUNIT_CASE(long_gaps_are_time_extends),
	KUNIT_CASE(interrupt_inside_reserve_commits_with_the_outer_writer),
	KUNIT_CASE(overwrite_drops_oldest_pages_and_counts_them),
	KUNIT_CASE(without_overwrite_new_events_are_dropped),
	KUNIT_CASE(reader_swaps_the_page_the_writer_is_on),
	KUNIT_CASE(discarded_events_are_not_read),
	KUNIT_CASE(iterator_reads_without_consuming),
	KUNIT_CASE(read_page_has_the_header_page_layout),
	{}
};

static struct kunit_suite ring_buffer_test_suite = {
	.name = "ring_buffer",
	.test_cases = ring_buffer_test_cases,
};
kunit_test_suite(ring_buffer_test_suite);
