/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_RING_BUFFER_H
#define _LINUX_RING_BUFFER_H

/*
 * The trace ring buffer (kernel/trace/ring_buffer.c): one ring of pages
 * per CPU in Linux's binary layout, the one events/header_page and
 * events/header_event describe and trace-cmd parses from
 * per_cpu/cpuN/trace_pipe_raw:
 *
 *   page:  u64 time_stamp | local_t commit (bytes of events) | events...
 *   event: u32 type_len:5, time_delta:27 | array[]
 *
 * type_len 1..28 is a data event of type_len * 4 bytes starting at
 * array[0]; 0 is a data event whose length (plus 4) is array[0] and
 * whose data starts at array[1]; 29 is padding (a discarded event),
 * 30 a time extend (array[0] holds delta >> 27) and 31 an absolute
 * time stamp. Each event's time is the previous one's plus its
 * time_delta; the first on a page is relative to the page's time_stamp.
 */
#include <linux/types.h>

struct trace_buffer;

struct ring_buffer_event {
	u32	type_len:5, time_delta:27;
	u32	array[];
};

enum ring_buffer_type {
	RINGBUF_TYPE_DATA_TYPE_LEN_MAX	= 28,
	RINGBUF_TYPE_PADDING		= 29,
	RINGBUF_TYPE_TIME_EXTEND	= 30,
	RINGBUF_TYPE_TIME_STAMP		= 31,
};

#define TS_SHIFT		27
#define TS_MASK			((1ULL << TS_SHIFT) - 1)
#define RB_ALIGNMENT		4U
#define RB_MAX_SMALL_DATA	(RB_ALIGNMENT * RINGBUF_TYPE_DATA_TYPE_LEN_MAX)
#define BUF_PAGE_HDR_SIZE	16	/* time_stamp and commit */
#define BUF_PAGE_SIZE		(4096 - BUF_PAGE_HDR_SIZE)
/* The largest payload one event can carry. */
#define BUF_MAX_DATA_SIZE	(BUF_PAGE_SIZE - 2 * sizeof(u32))

/* Flags in a read page's commit word: events were lost before this page. */
#define RB_MISSED_EVENTS	(1UL << 31)
#define RB_MISSED_STORED	(1UL << 30)

#define RB_FL_OVERWRITE		1

struct trace_buffer *ring_buffer_alloc(unsigned long size, unsigned int flags);
void ring_buffer_free(struct trace_buffer *buffer);
int ring_buffer_resize(struct trace_buffer *buffer, unsigned long size);
unsigned long ring_buffer_size(struct trace_buffer *buffer, int cpu);
void ring_buffer_set_clock(struct trace_buffer *buffer, u64 (*clock)(void));
u64 ring_buffer_time_stamp(struct trace_buffer *buffer);
void ring_buffer_change_overwrite(struct trace_buffer *buffer, int val);

/* Writers: on their own CPU, any context; reserve disables preemption until commit. */
struct ring_buffer_event *ring_buffer_lock_reserve(struct trace_buffer *buffer,
						   unsigned long length);
int ring_buffer_unlock_commit(struct trace_buffer *buffer, struct ring_buffer_event *event);
void ring_buffer_discard_commit(struct trace_buffer *buffer, struct ring_buffer_event *event);
int ring_buffer_write(struct trace_buffer *buffer, unsigned long length, const void *data);
void *ring_buffer_event_data(struct ring_buffer_event *event);
unsigned int ring_buffer_event_length(struct ring_buffer_event *event);

void ring_buffer_record_disable(struct trace_buffer *buffer);
void ring_buffer_record_enable(struct trace_buffer *buffer);
void ring_buffer_record_off(struct trace_buffer *buffer);
void ring_buffer_record_on(struct trace_buffer *buffer);
bool ring_buffer_record_is_on(struct trace_buffer *buffer);

/* Consuming readers: one at a time per CPU (the caller serialises). */
struct ring_buffer_event *ring_buffer_peek(struct trace_buffer *buffer, int cpu, u64 *ts,
					   unsigned long *lost_events);
struct ring_buffer_event *ring_buffer_consume(struct trace_buffer *buffer, int cpu, u64 *ts,
					      unsigned long *lost_events);
bool ring_buffer_empty_cpu(struct trace_buffer *buffer, int cpu);
bool ring_buffer_empty(struct trace_buffer *buffer);
int ring_buffer_read_page(struct trace_buffer *buffer, void *page, int cpu, bool full);
bool ring_buffer_full_page_cpu(struct trace_buffer *buffer, int cpu);

/* Non-consuming iteration; recording must be disabled meanwhile. */
struct ring_buffer_iter;
struct ring_buffer_iter *ring_buffer_read_start(struct trace_buffer *buffer, int cpu);
void ring_buffer_read_finish(struct ring_buffer_iter *iter);
struct ring_buffer_event *ring_buffer_iter_peek(struct ring_buffer_iter *iter, u64 *ts);
void ring_buffer_iter_advance(struct ring_buffer_iter *iter);

void ring_buffer_reset(struct trace_buffer *buffer);
void ring_buffer_reset_cpu(struct trace_buffer *buffer, int cpu);

/* Readers that block: woken (from an irq_work) after a commit. */
int ring_buffer_wait(struct trace_buffer *buffer, int cpu, bool full);
void ring_buffer_wake_waiters(struct trace_buffer *buffer);
struct file;
struct poll_table_struct;
unsigned int ring_buffer_poll_wait(struct trace_buffer *buffer, int cpu, struct file *filp,
			       struct poll_table_struct *pt, bool full);

unsigned long ring_buffer_entries(struct trace_buffer *buffer);
unsigned long ring_buffer_overruns(struct trace_buffer *buffer);
unsigned long ring_buffer_entries_cpu(struct trace_buffer *buffer, int cpu);
unsigned long ring_buffer_overrun_cpu(struct trace_buffer *buffer, int cpu);
unsigned long ring_buffer_commit_overrun_cpu(struct trace_buffer *buffer, int cpu);
unsigned long ring_buffer_dropped_events_cpu(struct trace_buffer *buffer, int cpu);
unsigned long ring_buffer_read_events_cpu(struct trace_buffer *buffer, int cpu);
unsigned long ring_buffer_bytes_cpu(struct trace_buffer *buffer, int cpu);
u64 ring_buffer_oldest_event_ts(struct trace_buffer *buffer, int cpu);

#endif
