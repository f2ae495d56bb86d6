// SPDX-License-Identifier: MIT
/*
 * The per-CPU trace ring buffers (layout in linux/ring_buffer.h).
 *
 * Each CPU has a ring of pages and one spare "reader page" outside the
 * ring. Writers run only on their own CPU and take no lock to write
 * inside a page: the reserve step (claim bytes, stamp the time) runs
 * with interrupts off and is a few stores, and the commit that makes
 * the bytes visible is done by the outermost writer. An interrupt that
 * arrives between a task's reserve and commit writes its own event
 * after the task's and its commit waits for the task's:
 *
 *   task:  reserve A ....... fill A ................ commit (A, B visible)
 *   irq:              reserve B, fill B, commit (nested: nothing visible)
 *
 * An NMI that lands inside another writer's reserve step drops its
 * event (counted as dropped). Moving to the next page is the slow path
 * and takes the CPU buffer's lock, which the reader also takes to swap
 * its reader page with the oldest page of the ring, so the reader
 * always reads a page no writer will reuse. When the ring is full the
 * writer overwrites the oldest page (overwrite mode, counted as
 * overrun) or drops the event.
 */
#include <linux/kernel.h>
#include <linux/ring_buffer.h>
#include <linux/slab.h>
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/irq_work.h>
#include <linux/wait.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <asm/smp.h>
#include <asm/barrier.h>
#include <asm/processor.h>

#define RB_EVNT_HDR_SIZE	4U
#define RB_LEN_TIME_EXTEND	8U

/* The page as written to memory and to trace_pipe_raw (events/header_page). */
struct buffer_data_page {
	u64		time_stamp;	/* the first event's time */
	long		commit;		/* bytes of committed events */
	unsigned char	data[];
};
_Static_assert(sizeof(struct buffer_data_page) == BUF_PAGE_HDR_SIZE, "header_page");

struct buffer_page {
	struct buffer_page	*next, *prev;	/* the ring; the reader page keeps its old next */
	struct buffer_data_page	*page;
	unsigned long		write;		/* bytes reserved */
	unsigned long		read;		/* bytes consumed by the reader */
	unsigned long		entries;	/* data events written on it */
};

struct ring_buffer_per_cpu {
	int			cpu;
	struct trace_buffer	*buffer;
	spinlock_t		reader_lock;	/* serialises readers */
	arch_spinlock_t		lock;		/* page moves against the reader's swap */
	struct buffer_page	*pages;		/* nr_pages + 1, the reader page among them */
	unsigned long		nr_pages;
	struct buffer_page	*head_page;	/* the oldest page in the ring */
	struct buffer_page	*tail_page;	/* the page being written */
	struct buffer_page	*commit_page;	/* the page of the last commit */
	struct buffer_page	*reader_page;
	unsigned int		reserving;	/* in the reserve step (interrupts off) */
	unsigned int		committing;	/* reserved but not committed, nested */
	atomic_t		record_disabled;
	u64			write_stamp;	/* the last reserved event's time */
	u64			read_stamp;	/* the last read event's time */
	unsigned long		entries, overrun, commit_overrun, dropped_events;
	unsigned long		read, last_overrun;
	unsigned long		entries_bytes, read_bytes;
};

struct trace_buffer {
	unsigned int		flags;
	u64			(*clock)(void);
	atomic_t		record_disabled;
	bool			record_off;
	bool			waiters;
	bool			full_waiters;	/* waiting for a page the writer has left */
	unsigned int		wake_seq;	/* ring_buffer_wake_waiters() calls */
	struct irq_work		work;
	struct wait_queue_head	wait;
	struct ring_buffer_per_cpu **buffers;
};

static u64 rb_page_commit(struct buffer_page *bpage)
{
	return READ_ONCE(bpage->page->commit);
}

static void rb_page_reset(struct buffer_page *bpage)
{
	bpage->write = 0;
	bpage->read = 0;
	bpage->entries = 0;
	bpage->page->time_stamp = 0;
	WRITE_ONCE(bpage->page->commit, 0);
}

/* ---- events ---- */

static unsigned int rb_calculate_event_length(unsigned int length)
{
	if (!length)
		length++;
	if (length > RB_MAX_SMALL_DATA)
		length += sizeof(u32);
	return ALIGN(length + RB_EVNT_HDR_SIZE, RB_ALIGNMENT);
}

/* The bytes the event takes on the page, header included. */
static unsigned int rb_event_length(struct ring_buffer_event *event)
{
	switch (event->type_len) {
	case RINGBUF_TYPE_PADDING:
		return event->array[0] + RB_EVNT_HDR_SIZE;
	case RINGBUF_TYPE_TIME_EXTEND:
	case RINGBUF_TYPE_TIME_STAMP:
		return RB_LEN_TIME_EXTEND;
	case 0:
		return event->array[0] + RB_EVNT_HDR_SIZE;
	default:
		return event->type_len * RB_ALIGNMENT + RB_EVNT_HDR_SIZE;
	}
}

unsigned int ring_buffer_event_length(struct ring_buffer_event *event)
{
	if (event->type_len)
		return event->type_len * RB_ALIGNMENT;
	return event->array[0] - sizeof(u32);
}

void *ring_buffer_event_data(struct ring_buffer_event *event)
{
	return event->type_len ? (void *)&event->array[0] : (void *)&event->array[1];
}

static u64 rb_extend_delta(struct ring_buffer_event *event)
{
	return ((u64)event->array[0] << TS_SHIFT) + event->time_delta;
}

/* ---- writers ---- */

static struct ring_buffer_per_cpu *rb_this_cpu(struct trace_buffer *buffer)
{
	return buffer->buffers[smp_processor_id()];
}

/* Slow path, interrupts off: step the tail onto the next page. */
static bool rb_move_tail(struct ring_buffer_per_cpu *cpu_buffer, u64 ts)
{
	struct buffer_page *tail = cpu_buffer->tail_page, *next;
	bool ok = true;

	if (in_nmi()) {
		if (!arch_spin_trylock(&cpu_buffer->lock))
			return false;
	} else {
		arch_spin_lock(&cpu_buffer->lock);
	}
	next = tail->next;
	if (next == cpu_buffer->commit_page) {
		/* Nested writers filled the ring before the outer one committed. */
		cpu_buffer->commit_overrun++;
		ok = false;
	} else if (tail != cpu_buffer->reader_page && next == cpu_buffer->head_page) {
		if (!(cpu_buffer->buffer->flags & RB_FL_OVERWRITE)) {
			ok = false;
		} else {
			WRITE_ONCE(cpu_buffer->overrun, cpu_buffer->overrun + next->entries);
			cpu_buffer->read_bytes += next->write;
			cpu_buffer->head_page = next->next;
		}
	}
	if (ok) {
		rb_page_reset(next);
		next->page->time_stamp = ts;
		WRITE_ONCE(cpu_buffer->tail_page, next);
	}
	arch_spin_unlock(&cpu_buffer->lock);
	return ok;
}

static void rb_write_header(struct ring_buffer_event *event, unsigned int length, u64 delta)
{
	unsigned int payload = length - RB_EVNT_HDR_SIZE;

	event->time_delta = delta;
	if (payload > RB_MAX_SMALL_DATA) {
		event->type_len = 0;
		event->array[0] = payload;
	} else {
		event->type_len = payload / RB_ALIGNMENT;
	}
}

/* The reserve step proper; interrupts off, on the writer's CPU. */
static struct ring_buffer_event *rb_reserve(struct ring_buffer_per_cpu *cpu_buffer,
					    unsigned int length)
{
	struct buffer_page *tail = cpu_buffer->tail_page;
	struct ring_buffer_event *event;
	u64 ts = cpu_buffer->buffer->clock();
	u64 delta = ts - cpu_buffer->write_stamp;
	unsigned int extend = delta > TS_MASK ? RB_LEN_TIME_EXTEND : 0;

	if (ts < cpu_buffer->write_stamp)
		delta = 0, extend = 0;
	if (tail->write + extend + length > BUF_PAGE_SIZE) {
		if (!rb_move_tail(cpu_buffer, ts)) {
			WRITE_ONCE(cpu_buffer->dropped_events, cpu_buffer->dropped_events + 1);
			return NULL;
		}
		tail = cpu_buffer->tail_page;
	}
	if (!tail->write) {
		tail->page->time_stamp = ts;
		delta = 0;
		extend = 0;
	}
	event = (void *)&tail->page->data[tail->write];
	if (extend) {
		event->type_len = RINGBUF_TYPE_TIME_EXTEND;
		event->time_delta = delta & TS_MASK;
		event->array[0] = delta >> TS_SHIFT;
		event = (void *)event + RB_LEN_TIME_EXTEND;
		delta = 0;
	}
	rb_write_header(event, length, delta);
	tail->write += extend + length;
	tail->entries++;
	WRITE_ONCE(cpu_buffer->entries, cpu_buffer->entries + 1);
	cpu_buffer->entries_bytes += length;
	cpu_buffer->write_stamp = ts;
	cpu_buffer->committing++;
	return event;
}

static bool rb_recording(struct ring_buffer_per_cpu *cpu_buffer)
{
	struct trace_buffer *buffer = cpu_buffer->buffer;

	return !READ_ONCE(buffer->record_off) && !atomic_read(&buffer->record_disabled) &&
	       !atomic_read(&cpu_buffer->record_disabled);
}

struct ring_buffer_event *ring_buffer_lock_reserve(struct trace_buffer *buffer,
						   unsigned long length)
{
	struct ring_buffer_per_cpu *cpu_buffer;
	struct ring_buffer_event *event = NULL;
	unsigned long flags;

	if (length > BUF_MAX_DATA_SIZE)
		return NULL;
	preempt_disable();
	local_irq_save(flags);
	cpu_buffer = rb_this_cpu(buffer);
	if (cpu_buffer->reserving) {
		/* An NMI inside this CPU's reserve step. */
		WRITE_ONCE(cpu_buffer->dropped_events, cpu_buffer->dropped_events + 1);
	} else {
		cpu_buffer->reserving = 1;
		smp_mb();	/* against rb_quiesce(): reserving, then the disable flags */
		if (rb_recording(cpu_buffer))
			event = rb_reserve(cpu_buffer, rb_calculate_event_length(length));
		barrier();
		cpu_buffer->reserving = 0;
	}
	local_irq_restore(flags);
	if (!event)
		preempt_enable();
	return event;
}

/*
 * The outermost commit publishes everything reserved up to the tail.
 * True when the commit left a page behind (a whole page became readable).
 */
static bool rb_set_commit_to_write(struct ring_buffer_per_cpu *cpu_buffer)
{
	struct buffer_page *page = cpu_buffer->commit_page;
	bool moved = false;

	smp_wmb();	/* the events' bytes before the commit that shows them */
	while (page != cpu_buffer->tail_page) {
		WRITE_ONCE(page->page->commit, page->write);
		page = page->next;
		WRITE_ONCE(cpu_buffer->commit_page, page);
		moved = true;
	}
	WRITE_ONCE(page->page->commit, page->write);
	return moved;
}

static void rb_end_commit(struct trace_buffer *buffer)
{
	struct ring_buffer_per_cpu *cpu_buffer = rb_this_cpu(buffer);
	unsigned long flags;
	bool moved = false;

	local_irq_save(flags);
	if (!--cpu_buffer->committing)
		moved = rb_set_commit_to_write(cpu_buffer);
	local_irq_restore(flags);
	/* A reader of whole pages (splice) is woken only when one is done. */
	if (READ_ONCE(buffer->waiters) || (moved && READ_ONCE(buffer->full_waiters)))
		irq_work_queue(&buffer->work);
	preempt_enable();
}

int ring_buffer_unlock_commit(struct trace_buffer *buffer, struct ring_buffer_event *event)
{
	rb_end_commit(buffer);
	return 0;
}

/*
 * A reserved event the caller decided not to keep (a filter said no):
 * it becomes padding, which readers skip, and leaves the counts.
 */
void ring_buffer_discard_commit(struct trace_buffer *buffer, struct ring_buffer_event *event)
{
	struct ring_buffer_per_cpu *cpu_buffer = rb_this_cpu(buffer);
	unsigned int length = rb_event_length(event);

	event->array[0] = length - RB_EVNT_HDR_SIZE;
	event->type_len = RINGBUF_TYPE_PADDING;
	WRITE_ONCE(cpu_buffer->entries, cpu_buffer->entries - 1);
	cpu_buffer->tail_page->entries--;
	rb_end_commit(buffer);
}

int ring_buffer_write(struct trace_buffer *buffer, unsigned long length, const void *data)
{
	struct ring_buffer_event *event = ring_buffer_lock_reserve(buffer, length);

	if (!event)
		return -EBUSY;
	memcpy(ring_buffer_event_data(event), data, length);
	return ring_buffer_unlock_commit(buffer, event);
}

/* ---- recording on and off ---- */

void ring_buffer_record_off(struct trace_buffer *buffer)
{
	WRITE_ONCE(buffer->record_off, true);
}

void ring_buffer_record_on(struct trace_buffer *buffer)
{
	WRITE_ONCE(buffer->record_off, false);
}

bool ring_buffer_record_is_on(struct trace_buffer *buffer)
{
	return !READ_ONCE(buffer->record_off);
}

/* Stops new writers and waits for those inside a reserve or commit. */
void ring_buffer_record_disable(struct trace_buffer *buffer)
{
	int cpu;

	atomic_inc(&buffer->record_disabled);
	smp_mb();
	for_each_possible_cpu(cpu) {
		struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];

		while (READ_ONCE(cpu_buffer->reserving) || READ_ONCE(cpu_buffer->committing))
			cpu_relax();
	}
}

void ring_buffer_record_enable(struct trace_buffer *buffer)
{
	atomic_dec(&buffer->record_disabled);
}

/* ---- readers ---- */

/* Reader lock held. The reader page with unread events, swapping one in if needed. */
static struct buffer_page *rb_get_reader_page(struct ring_buffer_per_cpu *cpu_buffer,
					      unsigned long *lost)
{
	struct buffer_page *reader = cpu_buffer->reader_page, *head;
	unsigned long flags;

	if (reader->read < rb_page_commit(reader))
		goto out;
	if (reader == READ_ONCE(cpu_buffer->commit_page))
		return NULL;
	local_irq_save(flags);
	arch_spin_lock(&cpu_buffer->lock);
	head = cpu_buffer->head_page;
	/* The spare page takes the head's place in the ring; the head keeps its next. */
	rb_page_reset(reader);
	reader->next = head->next;
	reader->prev = head->prev;
	head->prev->next = reader;
	head->next->prev = reader;
	cpu_buffer->head_page = head->next;
	cpu_buffer->reader_page = head;
	head->read = 0;
	if (lost)
		*lost = cpu_buffer->overrun - cpu_buffer->last_overrun;
	cpu_buffer->last_overrun = cpu_buffer->overrun;
	arch_spin_unlock(&cpu_buffer->lock);
	local_irq_restore(flags);
	reader = head;
	if (reader->read >= rb_page_commit(reader))
		return NULL;
out:
	smp_rmb();	/* the commit before the bytes it covers */
	if (!reader->read)
		cpu_buffer->read_stamp = reader->page->time_stamp;
	return reader;
}

static void rb_advance_reader(struct ring_buffer_per_cpu *cpu_buffer,
			      struct ring_buffer_event *event, bool data)
{
	unsigned int length = rb_event_length(event);

	cpu_buffer->reader_page->read += length;
	if (data) {
		cpu_buffer->read++;
		cpu_buffer->read_bytes += length;
	}
}

/* Reader lock held. The next data event, skipping padding and time records. */
static struct ring_buffer_event *rb_buffer_peek(struct ring_buffer_per_cpu *cpu_buffer, u64 *ts,
						unsigned long *lost)
{
	struct ring_buffer_event *event;
	struct buffer_page *reader;

	for (;;) {
		reader = rb_get_reader_page(cpu_buffer, lost);
		if (!reader)
			return NULL;
		event = (void *)&reader->page->data[reader->read];
		switch (event->type_len) {
		case RINGBUF_TYPE_PADDING:
			rb_advance_reader(cpu_buffer, event, false);
			continue;
		case RINGBUF_TYPE_TIME_EXTEND:
			cpu_buffer->read_stamp += rb_extend_delta(event);
			rb_advance_reader(cpu_buffer, event, false);
			continue;
		case RINGBUF_TYPE_TIME_STAMP:
			cpu_buffer->read_stamp = rb_extend_delta(event);
			rb_advance_reader(cpu_buffer, event, false);
			continue;
		default:
			if (ts)
				*ts = cpu_buffer->read_stamp + event->time_delta;
			return event;
		}
	}
}

struct ring_buffer_event *ring_buffer_peek(struct trace_buffer *buffer, int cpu, u64 *ts,
					   unsigned long *lost_events)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];
	struct ring_buffer_event *event;
	unsigned long flags, lost = 0;

	spin_lock_irqsave(&cpu_buffer->reader_lock, flags);
	event = rb_buffer_peek(cpu_buffer, ts, &lost);
	spin_unlock_irqrestore(&cpu_buffer->reader_lock, flags);
	if (lost_events)
		*lost_events = lost;
	return event;
}

/* The event stays readable until the next consume on this CPU. */
struct ring_buffer_event *ring_buffer_consume(struct trace_buffer *buffer, int cpu, u64 *ts,
					      unsigned long *lost_events)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];
	struct ring_buffer_event *event;
	unsigned long flags, lost = 0;
	u64 t = 0;

	spin_lock_irqsave(&cpu_buffer->reader_lock, flags);
	event = rb_buffer_peek(cpu_buffer, &t, &lost);
	if (event) {
		cpu_buffer->read_stamp = t;
		rb_advance_reader(cpu_buffer, event, true);
	}
	spin_unlock_irqrestore(&cpu_buffer->reader_lock, flags);
	if (ts)
		*ts = t;
	if (lost_events)
		*lost_events = lost;
	return event;
}

bool ring_buffer_empty_cpu(struct trace_buffer *buffer, int cpu)
{
	return !ring_buffer_peek(buffer, cpu, NULL, NULL);
}

bool ring_buffer_empty(struct trace_buffer *buffer)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (!ring_buffer_empty_cpu(buffer, cpu))
			return false;
	return true;
}

/* Counts the data events in [from, to) of a page. */
static unsigned long rb_count_data(unsigned char *data, unsigned long from, unsigned long to)
{
	unsigned long n = 0;

	while (from < to) {
		struct ring_buffer_event *event = (void *)&data[from];

		n += event->type_len <= RINGBUF_TYPE_DATA_TYPE_LEN_MAX;
		from += rb_event_length(event);
	}
	return n;
}

/*
 * Copies the unread committed events of the reader page into @page
 * (a whole page, trace_pipe_raw's unit) and consumes them; with @full,
 * only when the writer has left that page. The page's
 * time_stamp is the time before its first event, so the deltas hold.
 * Returns the bytes of events, or -EAGAIN when there are none.
 */
int ring_buffer_read_page(struct trace_buffer *buffer, void *page, int cpu, bool full)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];
	struct buffer_data_page *dst = page;
	struct buffer_page *reader;
	unsigned long flags, lost = 0, commit, from, len;
	int ret = -EAGAIN;

	spin_lock_irqsave(&cpu_buffer->reader_lock, flags);
	reader = rb_get_reader_page(cpu_buffer, &lost);
	/* @full: only a page the writer has moved past, as splice hands out. */
	if (reader && full && reader == READ_ONCE(cpu_buffer->commit_page))
		reader = NULL;
	if (reader) {
		from = reader->read;
		commit = rb_page_commit(reader);
		len = commit - from;
		dst->time_stamp = from ? cpu_buffer->read_stamp : reader->page->time_stamp;
		memcpy(dst->data, &reader->page->data[from], len);
		cpu_buffer->read += rb_count_data(reader->page->data, from, commit);
		cpu_buffer->read_bytes += len;
		reader->read = commit;
		if (lost) {
			len |= RB_MISSED_EVENTS;
			if (commit - from + sizeof(long) <= BUF_PAGE_SIZE) {
				memcpy(&dst->data[commit - from], &lost, sizeof(long));
				len |= RB_MISSED_STORED;
			}
		}
		dst->commit = len;
		ret = commit - from;
	}
	spin_unlock_irqrestore(&cpu_buffer->reader_lock, flags);
	return ret;
}

/* ---- non-consuming iteration ---- */

struct ring_buffer_iter {
	struct ring_buffer_per_cpu	*cpu_buffer;
	struct buffer_page		*page;
	unsigned long			head;	/* offset in page */
	u64				read_stamp;
};

struct ring_buffer_iter *ring_buffer_read_start(struct trace_buffer *buffer, int cpu)
{
	struct ring_buffer_iter *iter = kzalloc(sizeof(*iter), GFP_KERNEL);
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];

	if (!iter)
		return NULL;
	iter->cpu_buffer = cpu_buffer;
	iter->page = cpu_buffer->reader_page;
	iter->head = iter->page->read;
	iter->read_stamp = iter->head ? cpu_buffer->read_stamp : iter->page->page->time_stamp;
	return iter;
}

void ring_buffer_read_finish(struct ring_buffer_iter *iter)
{
	kfree(iter);
}

static bool rb_iter_next_page(struct ring_buffer_iter *iter)
{
	struct ring_buffer_per_cpu *cpu_buffer = iter->cpu_buffer;

	if (iter->page == READ_ONCE(cpu_buffer->commit_page))
		return false;
	iter->page = iter->page == cpu_buffer->reader_page ? cpu_buffer->head_page : iter->page->next;
	iter->head = 0;
	iter->read_stamp = iter->page->page->time_stamp;
	return true;
}

struct ring_buffer_event *ring_buffer_iter_peek(struct ring_buffer_iter *iter, u64 *ts)
{
	struct ring_buffer_event *event;

	for (;;) {
		if (iter->head >= rb_page_commit(iter->page)) {
			if (!rb_iter_next_page(iter))
				return NULL;
			continue;
		}
		event = (void *)&iter->page->page->data[iter->head];
		switch (event->type_len) {
		case RINGBUF_TYPE_PADDING:
			break;
		case RINGBUF_TYPE_TIME_EXTEND:
			iter->read_stamp += rb_extend_delta(event);
			break;
		case RINGBUF_TYPE_TIME_STAMP:
			iter->read_stamp = rb_extend_delta(event);
			break;
		default:
			if (ts)
				*ts = iter->read_stamp + event->time_delta;
			return event;
		}
		iter->head += rb_event_length(event);
	}
}

void ring_buffer_iter_advance(struct ring_buffer_iter *iter)
{
	struct ring_buffer_event *event = ring_buffer_iter_peek(iter, NULL);

	if (!event)
		return;
	iter->read_stamp += event->time_delta;
	iter->head += rb_event_length(event);
}

/* ---- waiting ---- */

static void rb_wake_up_waiters(struct irq_work *work)
{
	struct trace_buffer *buffer = container_of(work, struct trace_buffer, work);

	/* Readers that still find nothing say so again before they sleep. */
	WRITE_ONCE(buffer->waiters, false);
	WRITE_ONCE(buffer->full_waiters, false);
	wake_up_all(&buffer->wait);
}

/* Ends every wait in progress, whether or not there is anything to read. */
void ring_buffer_wake_waiters(struct trace_buffer *buffer)
{
	WRITE_ONCE(buffer->wake_seq, buffer->wake_seq + 1);
	smp_mb();	/* the new count before the wake-up that makes waiters look */
	wake_up_all(&buffer->wait);
}

/*
 * Whether @cpu's buffer holds a page the writer has left with unread
 * events: the reader page if the writer is elsewhere and it has some,
 * else the head page if the writer is past it. Unlocked: a hint that
 * ring_buffer_read_page(..., true) then settles.
 */
bool ring_buffer_full_page_cpu(struct trace_buffer *buffer, int cpu)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];
	struct buffer_page *reader = READ_ONCE(cpu_buffer->reader_page);
	struct buffer_page *commit = READ_ONCE(cpu_buffer->commit_page);

	if (reader == commit)
		return false;
	if (reader->read < rb_page_commit(reader))
		return true;
	return READ_ONCE(cpu_buffer->head_page) != commit;
}

/*
 * poll() on @cpu's buffer: readable when it has an event, or with @full
 * a whole page; the next commit (that leaves a page, for @full) wakes
 * the poller.
 */
__poll_t ring_buffer_poll_wait(struct trace_buffer *buffer, int cpu, struct file *filp,
			       poll_table *pt, bool full)
{
	poll_wait(filp, &buffer->wait, pt);
	if (full)
		WRITE_ONCE(buffer->full_waiters, true);
	else
		WRITE_ONCE(buffer->waiters, true);
	smp_mb();	/* as in ring_buffer_wait() */
	if (full ? ring_buffer_full_page_cpu(buffer, cpu) : !ring_buffer_empty_cpu(buffer, cpu))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/*
 * Sleeps until @cpu's buffer (any CPU's for -1) has an event, or with
 * @full a whole page (ring_buffer_full_page_cpu()), or until
 * ring_buffer_wake_waiters() (then 1); -EINTR on a signal, as Linux's
 * (so a signal ends a read or splice rather than restarting it).
 */
int ring_buffer_wait(struct trace_buffer *buffer, int cpu, bool full)
{
	unsigned int seq = READ_ONCE(buffer->wake_seq);
	DEFINE_WAIT(wait);
	int ret = 0;

	for (;;) {
		prepare_to_wait(&buffer->wait, &wait, TASK_INTERRUPTIBLE);
		if (full)
			WRITE_ONCE(buffer->full_waiters, true);
		else
			WRITE_ONCE(buffer->waiters, true);
		smp_mb();	/* waiters before the emptiness check; commit does the reverse */
		if (full && cpu >= 0 ? ring_buffer_full_page_cpu(buffer, cpu) :
		    cpu < 0 ? !ring_buffer_empty(buffer) : !ring_buffer_empty_cpu(buffer, cpu))
			break;
		if (READ_ONCE(buffer->wake_seq) != seq) {
			ret = 1;
			break;
		}
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&buffer->wait, &wait);
	return ret;
}

/* ---- counters ---- */

unsigned long ring_buffer_entries_cpu(struct trace_buffer *buffer, int cpu)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];

	return READ_ONCE(cpu_buffer->entries) - READ_ONCE(cpu_buffer->overrun) -
	       READ_ONCE(cpu_buffer->read);
}

unsigned long ring_buffer_overrun_cpu(struct trace_buffer *buffer, int cpu)
{
	return READ_ONCE(buffer->buffers[cpu]->overrun);
}

unsigned long ring_buffer_commit_overrun_cpu(struct trace_buffer *buffer, int cpu)
{
	return READ_ONCE(buffer->buffers[cpu]->commit_overrun);
}

unsigned long ring_buffer_dropped_events_cpu(struct trace_buffer *buffer, int cpu)
{
	return READ_ONCE(buffer->buffers[cpu]->dropped_events);
}

unsigned long ring_buffer_read_events_cpu(struct trace_buffer *buffer, int cpu)
{
	return READ_ONCE(buffer->buffers[cpu]->read);
}

unsigned long ring_buffer_bytes_cpu(struct trace_buffer *buffer, int cpu)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];

	return READ_ONCE(cpu_buffer->entries_bytes) - READ_ONCE(cpu_buffer->read_bytes);
}

u64 ring_buffer_oldest_event_ts(struct trace_buffer *buffer, int cpu)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];
	struct buffer_page *reader = cpu_buffer->reader_page;

	if (reader->read < rb_page_commit(reader))
		return reader->read ? cpu_buffer->read_stamp : reader->page->time_stamp;
	if (reader == READ_ONCE(cpu_buffer->commit_page))
		return 0;
	return READ_ONCE(cpu_buffer->head_page)->page->time_stamp;
}

unsigned long ring_buffer_entries(struct trace_buffer *buffer)
{
	unsigned long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += ring_buffer_entries_cpu(buffer, cpu);
	return n;
}

unsigned long ring_buffer_overruns(struct trace_buffer *buffer)
{
	unsigned long n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += ring_buffer_overrun_cpu(buffer, cpu);
	return n;
}

/* ---- allocation, size, reset ---- */

static void rb_free_pages(struct ring_buffer_per_cpu *cpu_buffer)
{
	unsigned long i;

	if (!cpu_buffer->pages)
		return;
	for (i = 0; i <= cpu_buffer->nr_pages; i++)
		if (cpu_buffer->pages[i].page)
			free_page((unsigned long)cpu_buffer->pages[i].page);
	kfree(cpu_buffer->pages);
	cpu_buffer->pages = NULL;
}

/* Buffer quiet (no writer inside, readers locked out): back to empty. */
static void rb_reset_cpu(struct ring_buffer_per_cpu *cpu_buffer)
{
	unsigned long i, n = cpu_buffer->nr_pages;

	for (i = 0; i <= n; i++)
		rb_page_reset(&cpu_buffer->pages[i]);
	for (i = 0; i < n; i++) {
		cpu_buffer->pages[i].next = &cpu_buffer->pages[(i + 1) % n];
		cpu_buffer->pages[i].prev = &cpu_buffer->pages[(i + n - 1) % n];
	}
	cpu_buffer->reader_page = &cpu_buffer->pages[n];
	cpu_buffer->reader_page->next = cpu_buffer->reader_page->prev = cpu_buffer->reader_page;
	cpu_buffer->head_page = cpu_buffer->tail_page = cpu_buffer->commit_page = cpu_buffer->pages;
	cpu_buffer->write_stamp = cpu_buffer->read_stamp = 0;
	cpu_buffer->entries = cpu_buffer->overrun = cpu_buffer->commit_overrun = 0;
	cpu_buffer->dropped_events = cpu_buffer->read = cpu_buffer->last_overrun = 0;
	cpu_buffer->entries_bytes = cpu_buffer->read_bytes = 0;
}

static int rb_alloc_pages(struct ring_buffer_per_cpu *cpu_buffer, unsigned long nr_pages)
{
	struct buffer_page *pages = kcalloc(nr_pages + 1, sizeof(*pages), GFP_KERNEL);
	unsigned long i;

	if (!pages)
		return -ENOMEM;
	for (i = 0; i <= nr_pages; i++) {
		pages[i].page = (void *)get_zeroed_page(GFP_KERNEL);
		if (!pages[i].page) {
			while (i--)
				free_page((unsigned long)pages[i].page);
			kfree(pages);
			return -ENOMEM;
		}
	}
	rb_free_pages(cpu_buffer);
	cpu_buffer->pages = pages;
	cpu_buffer->nr_pages = nr_pages;
	rb_reset_cpu(cpu_buffer);
	return 0;
}

static unsigned long rb_nr_pages(unsigned long size)
{
	return max(DIV_ROUND_UP(size, BUF_PAGE_SIZE), 2UL);
}

static u64 rb_default_clock(void)
{
	return local_clock();
}

struct trace_buffer *ring_buffer_alloc(unsigned long size, unsigned int flags)
{
	struct trace_buffer *buffer = kzalloc(sizeof(*buffer), GFP_KERNEL);
	int cpu;

	if (!buffer)
		return NULL;
	buffer->flags = flags;
	buffer->clock = rb_default_clock;
	init_irq_work(&buffer->work, rb_wake_up_waiters);
	init_waitqueue_head(&buffer->wait);
	buffer->buffers = kcalloc(nr_cpu_ids, sizeof(*buffer->buffers), GFP_KERNEL);
	if (!buffer->buffers)
		goto fail;
	for_each_possible_cpu(cpu) {
		struct ring_buffer_per_cpu *cpu_buffer = kzalloc(sizeof(*cpu_buffer), GFP_KERNEL);

		if (!cpu_buffer)
			goto fail;
		buffer->buffers[cpu] = cpu_buffer;
		cpu_buffer->cpu = cpu;
		cpu_buffer->buffer = buffer;
		spin_lock_init(&cpu_buffer->reader_lock);
		if (rb_alloc_pages(cpu_buffer, rb_nr_pages(size)))
			goto fail;
	}
	return buffer;
fail:
	ring_buffer_free(buffer);
	return NULL;
}

void ring_buffer_free(struct trace_buffer *buffer)
{
	int cpu;

	if (!buffer)
		return;
	irq_work_sync(&buffer->work);
	for (cpu = 0; buffer->buffers && cpu < (int)nr_cpu_ids; cpu++) {
		if (!buffer->buffers[cpu])
			continue;
		rb_free_pages(buffer->buffers[cpu]);
		kfree(buffer->buffers[cpu]);
	}
	kfree(buffer->buffers);
	kfree(buffer);
}

/* Every CPU's buffer to @size bytes; what they held is dropped. */
int ring_buffer_resize(struct trace_buffer *buffer, unsigned long size)
{
	unsigned long nr_pages = rb_nr_pages(size), flags;
	int cpu, err = 0;

	ring_buffer_record_disable(buffer);
	for_each_possible_cpu(cpu) {
		struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];

		if (cpu_buffer->nr_pages == nr_pages)
			continue;
		/* Allocation sleeps: no reader lock held across it. */
		err = rb_alloc_pages(cpu_buffer, nr_pages);
		if (err)
			break;
		spin_lock_irqsave(&cpu_buffer->reader_lock, flags);
		spin_unlock_irqrestore(&cpu_buffer->reader_lock, flags);
	}
	ring_buffer_record_enable(buffer);
	return err;
}

unsigned long ring_buffer_size(struct trace_buffer *buffer, int cpu)
{
	return buffer->buffers[cpu]->nr_pages * BUF_PAGE_SIZE;
}

void ring_buffer_reset_cpu(struct trace_buffer *buffer, int cpu)
{
	struct ring_buffer_per_cpu *cpu_buffer = buffer->buffers[cpu];
	unsigned long flags;

	ring_buffer_record_disable(buffer);
	spin_lock_irqsave(&cpu_buffer->reader_lock, flags);
	rb_reset_cpu(cpu_buffer);
	spin_unlock_irqrestore(&cpu_buffer->reader_lock, flags);
	ring_buffer_record_enable(buffer);
}

void ring_buffer_reset(struct trace_buffer *buffer)
{
	int cpu;

	for_each_possible_cpu(cpu)
		ring_buffer_reset_cpu(buffer, cpu);
}

void ring_buffer_set_clock(struct trace_buffer *buffer, u64 (*clock)(void))
{
	buffer->clock = clock;
}

u64 ring_buffer_time_stamp(struct trace_buffer *buffer)
{
	return buffer->clock();
}

void ring_buffer_change_overwrite(struct trace_buffer *buffer, int val)
{
	if (val)
		buffer->flags |= RB_FL_OVERWRITE;
	else
		buffer->flags &= ~RB_FL_OVERWRITE;
}
