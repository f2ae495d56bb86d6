// SPDX-License-Identifier: MIT
/*
 * The tracer's top level, Linux's global trace array: the ring buffer
 * (small at boot, grown to buffer_size_kb on first use as Linux does),
 * its clock, tracing_on, the options, trace_marker, the saved command
 * lines that give each pid its name in the text, and the tracefs files
 * that read the buffer:
 *
 *   trace           the text, not consuming; recording pauses while open
 *                   (Linux's pause-on-trace); opening it with O_TRUNC
 *                   for writing empties the buffer
 *   trace_pipe      the text, consuming; a read blocks until an event
 *   per_cpu/cpuN/   the same for one CPU, trace_pipe_raw (binary pages
 *                   in the ring buffer's layout) and stats
 *
 * Events and their files are kernel/trace/trace_events.c's; the text
 * of one line is trace_output.c's.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/ktime.h>
#include <linux/cpumask.h>
#include <linux/uaccess.h>
#include <linux/ring_buffer.h>
#include <linux/tracefs.h>
#include <linux/spinlock.h>
#include <asm/kdebug.h>
#include <asm/processor.h>
#include <linux/fcntl.h>
#include <linux/ftrace.h>
#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include "trace.h"

#define TRACE_BUF_SIZE_DEFAULT	1441792UL	/* Linux's 1408 KB per CPU */
#define SAVED_CMDLINES		128

struct trace_array global_trace = {
	.buffer_size	= TRACE_BUF_SIZE_DEFAULT,
	.trace_flags	= TRACE_ITER_OVERWRITE | TRACE_ITER_IRQ_INFO | TRACE_ITER_MARKERS |
			  TRACE_ITER_RECORD_CMD | TRACE_ITER_PAUSE_ON_TRACE,
};
DEFINE_MUTEX(trace_types_lock);

/* ---- clocks ---- */

static u64 trace_clock_local(void)
{
	return local_clock();
}

static u64 trace_clock_mono(void)
{
	return ktime_get();
}

static u64 trace_clock_x86_tsc(void)
{
	return rdtsc();
}

static u64 trace_counter;

static u64 trace_clock_counter(void)
{
	return __atomic_add_fetch(&trace_counter, 1, __ATOMIC_RELAXED);
}

const struct trace_clock trace_clocks[] = {
	{ trace_clock_local,	"local",	true },
	{ trace_clock_local,	"global",	true },
	{ trace_clock_counter,	"counter",	false },
	{ trace_clock_mono,	"mono",		true },
	{ trace_clock_x86_tsc,	"x86-tsc",	false },
	{ NULL }
};

u64 trace_clock_now(void)
{
	return trace_clocks[global_trace.clock_id].func();
}

bool trace_clock_in_ns(void)
{
	return trace_clocks[global_trace.clock_id].in_ns;
}

/* ---- on and off ---- */

bool tracing_is_on(void)
{
	return global_trace.buffer && ring_buffer_record_is_on(global_trace.buffer);
}

void tracing_on(void)
{
	if (global_trace.buffer)
		ring_buffer_record_on(global_trace.buffer);
}

void tracing_off(void)
{
	if (global_trace.buffer)
		ring_buffer_record_off(global_trace.buffer);
}

/* The first use grows the boot-time buffer to its real size. */
int tracing_update_buffers(void)
{
	int err = 0;

	mutex_lock(&trace_types_lock);
	if (!global_trace.expanded && global_trace.buffer) {
		err = ring_buffer_resize(global_trace.buffer, global_trace.buffer_size);
		global_trace.expanded = !err;
	}
	mutex_unlock(&trace_types_lock);
	return err;
}

/* ---- pid to command name ---- */

static struct {
	int	pid;
	char	comm[TASK_COMM_LEN];
} saved_cmdlines[SAVED_CMDLINES];
static unsigned int saved_cmdlines_next;
static arch_spinlock_t cmdlines_lock = __ARCH_SPIN_LOCK_UNLOCKED;

/* Any context: a writer that finds the table busy just does not record. */
void tracing_record_cmdline(int pid, const char *comm)
{
	unsigned long flags;
	unsigned int i;

	if (!pid)
		return;
	local_irq_save(flags);
	if (!arch_spin_trylock(&cmdlines_lock)) {
		local_irq_restore(flags);
		return;
	}
	for (i = 0; i < SAVED_CMDLINES; i++)
		if (saved_cmdlines[i].pid == pid)
			break;
	if (i == SAVED_CMDLINES) {
		i = saved_cmdlines_next;
		saved_cmdlines_next = (i + 1) % SAVED_CMDLINES;
	}
	saved_cmdlines[i].pid = pid;
	strscpy(saved_cmdlines[i].comm, comm, TASK_COMM_LEN);
	arch_spin_unlock(&cmdlines_lock);
	local_irq_restore(flags);
}

void trace_find_cmdline(int pid, char *comm)
{
	unsigned long flags;
	unsigned int i;

	if (!pid) {
		strscpy(comm, "<idle>", TASK_COMM_LEN);
		return;
	}
	strscpy(comm, "<...>", TASK_COMM_LEN);
	local_irq_save(flags);
	arch_spin_lock(&cmdlines_lock);
	for (i = 0; i < SAVED_CMDLINES; i++) {
		if (saved_cmdlines[i].pid == pid) {
			strscpy(comm, saved_cmdlines[i].comm, TASK_COMM_LEN);
			break;
		}
	}
	arch_spin_unlock(&cmdlines_lock);
	local_irq_restore(flags);
}

static int saved_cmdlines_show(struct seq_file *m, void *data)
{
	unsigned int i;

	for (i = 0; i < SAVED_CMDLINES; i++) {
		char comm[TASK_COMM_LEN];
		int pid = READ_ONCE(saved_cmdlines[i].pid);

		if (!pid)
			continue;
		trace_find_cmdline(pid, comm);
		seq_printf(m, "%d %s\n", pid, comm);
	}
	return 0;
}

static int saved_cmdlines_size_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%d\n", SAVED_CMDLINES);
	return 0;
}

/* ---- records that are not events ---- */

void trace_fill_entry(struct trace_entry *ent, int type, unsigned int trace_ctx)
{
	ent->type = type;
	ent->flags = trace_ctx >> 16;
	ent->preempt_count = trace_ctx & 0xff;
	ent->pid = current->pid;
}

/* The stacktrace trigger's record: the callers of the recorder, innermost first. */
void trace_dump_stack_event(int skip, unsigned int trace_ctx)
{
	unsigned long callers[FTRACE_STACK_ENTRIES];
	unsigned int n = stack_trace_save(callers, FTRACE_STACK_ENTRIES, skip + 1);
	struct ring_buffer_event *event;
	struct stack_entry *entry;

	if (!global_trace.buffer)
		return;
	event = ring_buffer_lock_reserve(global_trace.buffer,
					 sizeof(*entry) + n * sizeof(unsigned long));
	if (!event)
		return;
	entry = ring_buffer_event_data(event);
	trace_fill_entry(&entry->ent, TRACE_STACK, trace_ctx);
	entry->size = n;
	memcpy(entry->caller, callers, n * sizeof(unsigned long));
	ring_buffer_unlock_commit(global_trace.buffer, event);
}

/*
 * func_stack_trace's record: the return addresses of the frame chain
 * from @frame, whose own return address is in the traced function.
 */
void trace_stack_from_frame(unsigned long frame, unsigned int trace_ctx)
{
	unsigned long callers[FTRACE_STACK_ENTRIES];
	unsigned int n = stack_trace_save_bp(callers, FTRACE_STACK_ENTRIES, frame);
	struct ring_buffer_event *event;
	struct stack_entry *entry;

	event = ring_buffer_lock_reserve(global_trace.buffer,
					 sizeof(*entry) + n * sizeof(unsigned long));
	if (!event)
		return;
	entry = ring_buffer_event_data(event);
	trace_fill_entry(&entry->ent, TRACE_STACK, trace_ctx);
	entry->size = n;
	memcpy(entry->caller, callers, n * sizeof(unsigned long));
	ring_buffer_unlock_commit(global_trace.buffer, event);
}

/* trace_marker: one print record per write, ending in a newline as Linux's. */
static noinline ssize_t tracing_mark_write(struct file *file, const char __user *ubuf,
					   size_t count, loff_t *ppos)
{
	struct ring_buffer_event *event;
	struct print_entry *entry;
	unsigned int trace_ctx = tracing_gen_ctx();
	size_t len, copied;
	char *kbuf;

	if (!(global_trace.trace_flags & TRACE_ITER_MARKERS))
		return -EINVAL;
	if (count > 4096 - 1)
		count = 4096 - 1;
	kbuf = tracefs_copy_from_user(ubuf, &count);
	if (IS_ERR(kbuf))
		return PTR_ERR(kbuf);
	copied = count;
	len = count + (count && kbuf[count - 1] == '\n' ? 0 : 1);
	if (!global_trace.buffer || !tracing_is_on()) {
		kfree(kbuf);
		return -EBADF;
	}
	event = ring_buffer_lock_reserve(global_trace.buffer, sizeof(*entry) + len + 1);
	if (!event) {
		kfree(kbuf);
		return copied;	/* Linux counts a dropped marker as written */
	}
	entry = ring_buffer_event_data(event);
	trace_fill_entry(&entry->ent, TRACE_PRINT, trace_ctx);
	entry->ip = (unsigned long)tracing_mark_write;
	memcpy(entry->buf, kbuf, count);
	entry->buf[len - 1] = '\n';
	entry->buf[len] = '\0';
	ring_buffer_unlock_commit(global_trace.buffer, event);
	tracing_record_cmdline(current->pid, current->comm);
	kfree(kbuf);
	return copied;
}

static int tracing_mark_open(struct inode *inode, struct file *file)
{
	return (file->f_mode & FMODE_READ) ? -EACCES : 0;
}

static const struct file_operations tracing_mark_fops = {
	.open	= tracing_mark_open,
	.write	= tracing_mark_write,
};

/* ---- the text files ---- */

#define ITER_TEXT_SIZE	(2 * 4096)

static void trace_iter_free(struct trace_iterator *iter)
{
	int cpu;

	if (iter->buffer_iter) {
		for_each_possible_cpu(cpu)
			if (iter->buffer_iter[cpu])
				ring_buffer_read_finish(iter->buffer_iter[cpu]);
		kfree(iter->buffer_iter);
	}
	kfree(iter->seq.buf);
	kfree(iter->tmp_seq.buf);
	kfree(iter);
}

static struct trace_iterator *trace_iter_alloc(int cpu_file)
{
	struct trace_iterator *iter = kzalloc(sizeof(*iter), GFP_KERNEL);
	char *buf, *tmp;

	if (!iter)
		return NULL;
	buf = kmalloc(ITER_TEXT_SIZE, GFP_KERNEL);
	tmp = kmalloc(4096, GFP_KERNEL);
	if (!buf || !tmp) {
		kfree(buf);
		kfree(tmp);
		kfree(iter);
		return NULL;
	}
	seq_file_init(&iter->seq, buf, ITER_TEXT_SIZE);
	seq_file_init(&iter->tmp_seq, tmp, 4096);
	iter->tr = &global_trace;
	iter->cpu_file = cpu_file;
	iter->nr_cpus = num_online_cpus();
	mutex_init(&iter->mutex);
	return iter;
}

static bool iter_cpu_wanted(struct trace_iterator *iter, int cpu)
{
	return iter->cpu_file == RING_BUFFER_ALL_CPUS || iter->cpu_file == cpu;
}

/* The oldest entry of the CPUs this file reads; consumed when @consume. */
static bool trace_next_entry(struct trace_iterator *iter, bool consume)
{
	struct trace_buffer *buffer = iter->tr->buffer;
	struct ring_buffer_event *event, *best = NULL;
	unsigned long lost = 0, best_lost = 0;
	int cpu, best_cpu = -1;
	u64 ts, best_ts = 0;

	for_each_possible_cpu(cpu) {
		if (!iter_cpu_wanted(iter, cpu))
			continue;
		if (iter->buffer_iter)
			event = iter->buffer_iter[cpu] ?
				ring_buffer_iter_peek(iter->buffer_iter[cpu], &ts) : NULL;
		else
			event = ring_buffer_peek(buffer, cpu, &ts, &lost);
		if (event && (!best || ts < best_ts)) {
			best = event;
			best_ts = ts;
			best_cpu = cpu;
			best_lost = lost;
		}
	}
	if (!best)
		return false;
	if (!consume)
		ring_buffer_iter_advance(iter->buffer_iter[best_cpu]);
	else
		best = ring_buffer_consume(buffer, best_cpu, &best_ts, &best_lost);
	iter->ent = ring_buffer_event_data(best);
	iter->cpu = best_cpu;
	iter->ts = best_ts;
	iter->lost_events = best_lost;
	return true;
}

/*
 * The entry after the one being printed, when it is on the same CPU
 * (function_graph prints a call with nothing in it as one line).
 */
struct trace_entry *trace_peek_same_cpu(struct trace_iterator *iter)
{
	struct ring_buffer_event *event;
	unsigned long lost = 0;
	u64 ts;

	if (iter->buffer_iter)
		event = iter->buffer_iter[iter->cpu] ?
			ring_buffer_iter_peek(iter->buffer_iter[iter->cpu], &ts) : NULL;
	else
		event = ring_buffer_peek(iter->tr->buffer, iter->cpu, &ts, &lost);
	return event && !lost ? ring_buffer_event_data(event) : NULL;
}

void trace_skip_same_cpu(struct trace_iterator *iter)
{
	unsigned long lost;
	u64 ts;

	if (iter->buffer_iter)
		ring_buffer_iter_advance(iter->buffer_iter[iter->cpu]);
	else
		ring_buffer_consume(iter->tr->buffer, iter->cpu, &ts, &lost);
}

/* Make more text: the header once, then whole lines while they fit. */
static void trace_fill_text(struct trace_iterator *iter, bool consume, size_t want)
{
	char line[1024];
	struct seq_file *s = &iter->seq, saved;

	if (iter->seq_read == s->count) {
		s->count = 0;
		iter->seq_read = 0;
	}
	if (!iter->header_done && !consume) {
		trace_print_header(s, iter);
		iter->header_done = true;
	}
	while (s->count - iter->seq_read < want) {
		struct seq_file one;

		/* Take an entry only when its line is sure to fit: it cannot be put back. */
		if (s->size - s->count < sizeof(line) && iter->seq_read) {
			memmove(s->buf, s->buf + iter->seq_read, s->count - iter->seq_read);
			s->count -= iter->seq_read;
			iter->seq_read = 0;
		}
		if (s->size - s->count < sizeof(line))
			break;
		if (!trace_next_entry(iter, consume))
			break;
		seq_file_init(&one, line, sizeof(line));
		saved = iter->seq;
		iter->seq = one;
		print_trace_line(iter);
		one = iter->seq;
		iter->seq = saved;
		if (s->count + one.count >= s->size) {
			/* Compact what was read to make room. */
			memmove(s->buf, s->buf + iter->seq_read, s->count - iter->seq_read);
			s->count -= iter->seq_read;
			iter->seq_read = 0;
		}
		if (s->count + one.count < s->size) {
			memcpy(s->buf + s->count, one.buf, one.count);
			s->count += one.count;
		}
	}
}

static ssize_t trace_copy_text(struct trace_iterator *iter, char __user *ubuf, size_t count)
{
	size_t n = min(count, iter->seq.count - iter->seq_read);

	if (copy_to_user(ubuf, iter->seq.buf + iter->seq_read, n))
		return -EFAULT;
	iter->seq_read += n;
	iter->pos += n;
	return n;
}

static int tracing_cpu_of(struct inode *inode)
{
	long cpu = (long)tracefs_inode_data(inode);

	return cpu - 1;	/* data is cpu + 1; NULL for the top-level files */
}

static int tracing_open(struct inode *inode, struct file *file)
{
	struct trace_iterator *iter;
	int cpu_file = tracing_cpu_of(inode), cpu;

	if ((file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC) && global_trace.buffer) {
		mutex_lock(&trace_types_lock);
		if (cpu_file == RING_BUFFER_ALL_CPUS)
			ring_buffer_reset(global_trace.buffer);
		else
			ring_buffer_reset_cpu(global_trace.buffer, cpu_file);
		mutex_unlock(&trace_types_lock);
	}
	if (!(file->f_mode & FMODE_READ))
		return 0;
	iter = trace_iter_alloc(cpu_file);
	if (!iter)
		return -ENOMEM;
	iter->buffer_iter = kcalloc(nr_cpu_ids, sizeof(*iter->buffer_iter), GFP_KERNEL);
	if (!iter->buffer_iter) {
		trace_iter_free(iter);
		return -ENOMEM;
	}
	mutex_lock(&trace_types_lock);
	/* Writers stay out while the file is open: the pages read do not move. */
	ring_buffer_record_disable(global_trace.buffer);
	for_each_possible_cpu(cpu)
		if (iter_cpu_wanted(iter, cpu))
			iter->buffer_iter[cpu] = ring_buffer_read_start(global_trace.buffer, cpu);
	mutex_unlock(&trace_types_lock);
	file->private_data = iter;
	return 0;
}

static ssize_t tracing_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	struct trace_iterator *iter = file->private_data;
	ssize_t ret;

	if (*ppos != iter->pos)
		return -ESPIPE;
	mutex_lock(&iter->mutex);
	trace_fill_text(iter, false, count);
	ret = trace_copy_text(iter, ubuf, count);
	mutex_unlock(&iter->mutex);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static ssize_t tracing_write_stub(struct file *file, const char __user *ubuf, size_t count,
				  loff_t *ppos)
{
	return count;
}

static int tracing_release(struct inode *inode, struct file *file)
{
	struct trace_iterator *iter = file->private_data;

	if (!iter)
		return 0;
	ring_buffer_record_enable(global_trace.buffer);
	trace_iter_free(iter);
	return 0;
}

static loff_t tracing_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

static const struct file_operations tracing_fops = {
	.open		= tracing_open,
	.read		= tracing_read,
	.write		= tracing_write_stub,
	.llseek		= tracing_lseek,
	.release	= tracing_release,
};

static int tracing_open_pipe(struct inode *inode, struct file *file)
{
	struct trace_iterator *iter = trace_iter_alloc(tracing_cpu_of(inode));

	if (!iter)
		return -ENOMEM;
	file->private_data = iter;
	return 0;
}

static bool trace_pipe_empty(struct trace_iterator *iter)
{
	int cpu;

	for_each_possible_cpu(cpu)
		if (iter_cpu_wanted(iter, cpu) && !ring_buffer_empty_cpu(iter->tr->buffer, cpu))
			return false;
	return true;
}

/* Blocks until there is text; returns whole lines, consuming them. */
static ssize_t tracing_read_pipe(struct file *file, char __user *ubuf, size_t count,
				 loff_t *ppos)
{
	struct trace_iterator *iter = file->private_data;
	ssize_t ret = 0;

	mutex_lock(&iter->mutex);
	while (iter->seq_read == iter->seq.count && trace_pipe_empty(iter)) {
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		/* Linux ends the stream once tracing is off and something was read. */
		if (!tracing_is_on() && iter->pos)
			goto out;
		mutex_unlock(&iter->mutex);
		ret = ring_buffer_wait(iter->tr->buffer, iter->cpu_file, false);
		mutex_lock(&iter->mutex);
		if (ret) {
			ret = min(ret, 0);	/* woken by an ioctl: end of this read */
			goto out;
		}
	}
	trace_fill_text(iter, true, count);
	ret = trace_copy_text(iter, ubuf, count);
out:
	mutex_unlock(&iter->mutex);
	return ret;
}

static int tracing_release_pipe(struct inode *inode, struct file *file)
{
	trace_iter_free(file->private_data);
	return 0;
}

static const struct file_operations tracing_pipe_fops = {
	.open		= tracing_open_pipe,
	.read		= tracing_read_pipe,
	.llseek		= no_llseek,
	.release	= tracing_release_pipe,
};

/* ---- trace_pipe_raw: whole pages ---- */

struct raw_reader {
	int	cpu;
	void	*page;
	size_t	read, len;	/* bytes of the page handed out, and its size */
};

static int tracing_buffers_open(struct inode *inode, struct file *file)
{
	struct raw_reader *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	r->page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!r->page) {
		kfree(r);
		return -ENOMEM;
	}
	r->cpu = tracing_cpu_of(inode);
	file->private_data = r;
	return 0;
}

static ssize_t tracing_buffers_read(struct file *file, char __user *ubuf, size_t count,
				    loff_t *ppos)
{
	struct raw_reader *r = file->private_data;
	struct trace_buffer *buffer = global_trace.buffer;
	size_t n;
	int ret;

	while (r->read == r->len) {
		memset(r->page, 0, 4096);
		mutex_lock(&trace_types_lock);
		ret = ring_buffer_read_page(buffer, r->page, r->cpu, false);
		mutex_unlock(&trace_types_lock);
		if (ret >= 0) {
			r->read = 0;
			r->len = 4096;
			break;
		}
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = ring_buffer_wait(buffer, r->cpu, false);
		if (ret)
			return min(ret, 0);	/* woken by the ioctl: nothing, for now */
	}
	n = min(count, r->len - r->read);
	if (copy_to_user(ubuf, r->page + r->read, n))
		return -EFAULT;
	r->read += n;
	return n;
}

/*
 * splice() hands out whole pages the writer has left (the one it is on
 * stays, for a later read() to flush), as many as @len and the pipe
 * take. With none, it waits for one unless non-blocking; the ioctl ends
 * the wait with 0, a signal with -EINTR. A page a read() began is
 * finished by read() first: splice has no way to give half a page.
 */
static ssize_t tracing_buffers_splice_read(struct file *file, loff_t *ppos,
					   struct pipe_inode_info *pipe, size_t len,
					   unsigned int flags)
{
	struct raw_reader *r = file->private_data;
	struct trace_buffer *buffer = global_trace.buffer;
	bool nonblock = (flags & SPLICE_F_NONBLOCK) || (file->f_flags & O_NONBLOCK);
	ssize_t done = 0, put;
	int ret;

	if (*ppos & (PAGE_SIZE - 1))
		return -EINVAL;
	if (len & (PAGE_SIZE - 1)) {
		if (len < PAGE_SIZE)
			return -EINVAL;
		len &= PAGE_MASK;
	}
	if (r->read != r->len)
		return -EBUSY;
	for (;;) {
		while (len - done >= PAGE_SIZE) {
			/* Room first: a page taken from the buffer must not be lost. */
			if (!pipe_has_room(pipe, PAGE_SIZE)) {
				if (done)
					break;
				ret = pipe_wait_room(pipe, PAGE_SIZE, nonblock);
				if (ret)
					return ret;
			}
			memset(r->page, 0, PAGE_SIZE);
			mutex_lock(&trace_types_lock);
			ret = ring_buffer_read_page(buffer, r->page, r->cpu, true);
			mutex_unlock(&trace_types_lock);
			if (ret < 0)
				break;
			put = pipe_put_kernel(pipe, r->page, PAGE_SIZE, false);
			if (put < 0)
				return done ?: put;
			done += PAGE_SIZE;
		}
		if (done)
			return done;
		if (nonblock)
			return -EAGAIN;
		ret = ring_buffer_wait(buffer, r->cpu, true);
		if (ret)
			return min(ret, 0);
	}
}

/*
 * Readable when a whole page waits (what splice takes; Linux's default
 * buffer_percent likewise holds pollers back until pages fill), at once
 * with buffer_percent 0, or when read() left a page half read.
 */
static __poll_t tracing_buffers_poll(struct file *file, poll_table *pt)
{
	struct raw_reader *r = file->private_data;

	if (r->read != r->len)
		return EPOLLIN | EPOLLRDNORM;
	return ring_buffer_poll_wait(global_trace.buffer, r->cpu, file, pt,
				     READ_ONCE(global_trace.buffer_percent) != 0);
}

/* Any command (trace-cmd uses 0) wakes the readers waiting on the buffer. */
static long tracing_buffers_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd)
		return -ENOIOCTLCMD;
	ring_buffer_wake_waiters(global_trace.buffer);
	return 0;
}

static int tracing_buffers_release(struct inode *inode, struct file *file)
{
	struct raw_reader *r = file->private_data;

	free_page((unsigned long)r->page);
	kfree(r);
	return 0;
}

static const struct file_operations tracing_buffers_fops = {
	.open		= tracing_buffers_open,
	.read		= tracing_buffers_read,
	.splice_read	= tracing_buffers_splice_read,
	.poll		= tracing_buffers_poll,
	.unlocked_ioctl	= tracing_buffers_ioctl,
	.llseek		= no_llseek,
	.release	= tracing_buffers_release,
};

/* ---- control files ---- */

static void print_ts(struct seq_file *m, const char *label, u64 ts)
{
	if (trace_clock_in_ns())
		seq_printf(m, "%s%5llu.%06llu\n", label, ts / 1000000000ULL,
			   (ts % 1000000000ULL) / 1000);
	else
		seq_printf(m, "%s%llu\n", label, ts);
}

static int tracing_stats_show(struct seq_file *m, void *data)
{
	int cpu = (long)data - 1;
	struct trace_buffer *b = global_trace.buffer;

	seq_printf(m, "entries: %lu\n", ring_buffer_entries_cpu(b, cpu));
	seq_printf(m, "overrun: %lu\n", ring_buffer_overrun_cpu(b, cpu));
	seq_printf(m, "commit overrun: %lu\n", ring_buffer_commit_overrun_cpu(b, cpu));
	seq_printf(m, "bytes: %lu\n", ring_buffer_bytes_cpu(b, cpu));
	print_ts(m, "oldest event ts: ", ring_buffer_oldest_event_ts(b, cpu));
	print_ts(m, "now ts: ", ring_buffer_time_stamp(b));
	seq_printf(m, "dropped events: %lu\n", ring_buffer_dropped_events_cpu(b, cpu));
	seq_printf(m, "read events: %lu\n", ring_buffer_read_events_cpu(b, cpu));
	return 0;
}

static int tracing_on_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%d\n", tracing_is_on());
	return 0;
}

static ssize_t tracing_on_write(char *buf, size_t count, void *data)
{
	unsigned long val;
	int err = kstrtoul(trace_strim(buf), 10, &val);

	if (err)
		return err;
	if (val)
		tracing_on();
	else
		tracing_off();
	return count;
}

static unsigned long buffer_kb(int cpu)
{
	return ring_buffer_size(global_trace.buffer, cpu) >> 10;
}

static int buffer_size_show(struct seq_file *m, void *data)
{
	int cpu = (long)data - 1;

	if (cpu < 0)
		cpu = 0;
	if (global_trace.expanded)
		seq_printf(m, "%lu\n", buffer_kb(cpu));
	else
		seq_printf(m, "%lu (expanded: %lu)\n", buffer_kb(cpu),
			   global_trace.buffer_size >> 10);
	return 0;
}

static ssize_t buffer_size_write(char *buf, size_t count, void *data)
{
	unsigned long kb;
	int err = kstrtoul(trace_strim(buf), 10, &kb);

	if (err)
		return err;
	if (!kb)
		return -EINVAL;
	mutex_lock(&trace_types_lock);
	global_trace.buffer_size = kb << 10;
	err = ring_buffer_resize(global_trace.buffer, kb << 10);
	if (!err)
		global_trace.expanded = true;
	mutex_unlock(&trace_types_lock);
	return err ?: (ssize_t)count;
}

static int buffer_total_size_show(struct seq_file *m, void *data)
{
	unsigned long kb = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		kb += buffer_kb(cpu);
	if (global_trace.expanded)
		seq_printf(m, "%lu\n", kb);
	else
		seq_printf(m, "%lu (expanded: %lu)\n", kb,
			   (global_trace.buffer_size >> 10) * num_possible_cpus());
	return 0;
}

static int buffer_percent_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%u\n", READ_ONCE(global_trace.buffer_percent));
	return 0;
}

/* 0-100 as Linux; reflex knows two levels: 0 (any event) and a page. */
static ssize_t buffer_percent_write(char *buf, size_t count, void *data)
{
	unsigned long val;
	int err = kstrtoul(trace_strim(buf), 10, &val);

	if (err)
		return err;
	if (val > 100)
		return -EINVAL;
	WRITE_ONCE(global_trace.buffer_percent, val);
	return count;
}

static int trace_clock_show(struct seq_file *m, void *data)
{
	int i;

	for (i = 0; trace_clocks[i].name; i++)
		seq_printf(m, i == global_trace.clock_id ? "%s[%s]" : "%s%s", i ? " " : "",
			   trace_clocks[i].name);
	seq_putc(m, '\n');
	return 0;
}

/* A new clock makes the old stamps meaningless: the buffer starts again, as Linux's. */
static ssize_t trace_clock_write(char *buf, size_t count, void *data)
{
	const char *name = trace_strim(buf);
	int i;

	for (i = 0; trace_clocks[i].name; i++)
		if (!strcmp(name, trace_clocks[i].name))
			break;
	if (!trace_clocks[i].name)
		return -EINVAL;
	mutex_lock(&trace_types_lock);
	ring_buffer_record_disable(global_trace.buffer);
	global_trace.clock_id = i;
	ring_buffer_set_clock(global_trace.buffer, trace_clocks[i].func);
	ring_buffer_record_enable(global_trace.buffer);
	ring_buffer_reset(global_trace.buffer);
	mutex_unlock(&trace_types_lock);
	return count;
}

/* ---- tracers ---- */

static struct tracer nop_trace = { .name = "nop" };
static struct tracer *trace_types = &nop_trace;
struct tracer *current_trace = &nop_trace;

/* Listed in available_tracers newest first, as Linux's registration order shows them. */
int register_tracer(struct tracer *t)
{
	mutex_lock(&trace_types_lock);
	t->next = trace_types;
	trace_types = t;
	mutex_unlock(&trace_types_lock);
	return 0;
}

/*
 * Stops the current tracer and starts @name's, with an empty buffer
 * (the old tracer's records mean nothing to the new one's text).
 */
int tracing_set_tracer(const char *name)
{
	struct tracer *t;
	int err = 0;

	mutex_lock(&trace_types_lock);
	for (t = trace_types; t; t = t->next)
		if (!strcmp(t->name, name))
			break;
	if (!t) {
		err = -EINVAL;
		goto out;
	}
	if (t == current_trace)
		goto out;
	if (current_trace->reset)
		current_trace->reset();
	current_trace = &nop_trace;
	if (global_trace.buffer)
		ring_buffer_reset(global_trace.buffer);
	if (t->init)
		err = t->init();
	if (!err)
		current_trace = t;
out:
	mutex_unlock(&trace_types_lock);
	return err;
}

static int current_tracer_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%s\n", current_trace->name);
	return 0;
}

static ssize_t current_tracer_write(char *buf, size_t count, void *data)
{
	int err = tracing_update_buffers();

	return err ?: tracing_set_tracer(trace_strim(buf)) ?: (ssize_t)count;
}

static int available_tracers_show(struct seq_file *m, void *data)
{
	struct tracer *t;

	mutex_lock(&trace_types_lock);
	for (t = trace_types; t; t = t->next)
		seq_printf(m, "%s%s", t->name, t->next ? " " : "\n");
	mutex_unlock(&trace_types_lock);
	return 0;
}

static int empty_show(struct seq_file *m, void *data)
{
	return 0;
}

/* The options Linux lists by default; those with a TRACE_ITER_ bit act. */
static const struct trace_option {
	const char	*name;
	unsigned int	bit;
	bool		deflt;
} trace_options[] = {
	{ "print-parent", TRACE_ITER_PRINT_PARENT, true }, { "sym-offset", 0, false }, { "sym-addr", 0, false },
	{ "verbose", 0, false }, { "raw", 0, false }, { "hex", 0, false }, { "bin", 0, false },
	{ "block", 0, false }, { "fields", 0, false }, { "trace_printk", 0, true },
	{ "annotate", 0, true }, { "userstacktrace", 0, false }, { "sym-userobj", 0, false },
	{ "printk-msg-only", 0, false }, { "context-info", 0, true }, { "latency-format", 0, false },
	{ "record-cmd", TRACE_ITER_RECORD_CMD, true }, { "record-tgid", 0, false },
	{ "overwrite", TRACE_ITER_OVERWRITE, true }, { "disable_on_free", 0, false },
	{ "irq-info", TRACE_ITER_IRQ_INFO, true }, { "markers", TRACE_ITER_MARKERS, true },
	{ "event-fork", 0, false }, { "pause-on-trace", TRACE_ITER_PAUSE_ON_TRACE, true },
	{ "hash-ptr", 0, true }, { "stacktrace", 0, false },
	/* The function tracers' own. */
	{ "func_stack_trace", TRACE_ITER_FUNC_STACK, false },
	{ "funcgraph-overrun", 0, false }, { "funcgraph-cpu", TRACE_ITER_GRAPH_CPU, true },
	{ "funcgraph-overhead", TRACE_ITER_GRAPH_OVERHEAD, true },
	{ "funcgraph-proc", TRACE_ITER_GRAPH_PROC, false },
	{ "funcgraph-duration", TRACE_ITER_GRAPH_DURATION, true },
	{ "funcgraph-abstime", TRACE_ITER_GRAPH_ABSTIME, false },
	{ "funcgraph-irqs", TRACE_ITER_GRAPH_IRQS, true },
	{ "funcgraph-tail", TRACE_ITER_GRAPH_TAIL, false },
};
static bool trace_option_val[ARRAY_SIZE(trace_options)];

static int option_show(struct seq_file *m, void *data)
{
	seq_printf(m, "%d\n", trace_option_val[(long)data]);
	return 0;
}

static ssize_t option_write(char *buf, size_t count, void *data)
{
	const struct trace_option *opt = &trace_options[(long)data];
	unsigned long val;
	int err = kstrtoul(trace_strim(buf), 10, &val);

	if (err)
		return err;
	if (val > 1)
		return -EINVAL;
	trace_option_val[(long)data] = val;
	if (opt->bit && val)
		global_trace.trace_flags |= opt->bit;
	else if (opt->bit)
		global_trace.trace_flags &= ~opt->bit;
	if (opt->bit == TRACE_ITER_OVERWRITE)
		ring_buffer_change_overwrite(global_trace.buffer, val);
	return count;
}

static int trace_options_show(struct seq_file *m, void *data)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(trace_options); i++)
		seq_printf(m, "%s%s\n", trace_option_val[i] ? "" : "no", trace_options[i].name);
	return 0;
}

static int create_trace_options(void)
{
	char path[64];
	unsigned int i;
	int err = 0;

	for (i = 0; i < ARRAY_SIZE(trace_options) && !err; i++) {
		trace_option_val[i] = trace_options[i].deflt;
		if (trace_options[i].deflt)
			global_trace.trace_flags |= trace_options[i].bit;
		snprintf(path, sizeof(path), "options/%s", trace_options[i].name);
		err = tracefs_create_simple(path, 0644, (void *)(long)i, option_show, option_write);
	}
	return err;
}

static int create_per_cpu_files(int cpu)
{
	void *data = (void *)(long)(cpu + 1);
	char path[64];
	int err;

	snprintf(path, sizeof(path), "per_cpu/cpu%d/trace", cpu);
	err = tracefs_create_file(path, 0644, data, &tracing_fops);
	snprintf(path, sizeof(path), "per_cpu/cpu%d/trace_pipe", cpu);
	err = err ?: tracefs_create_file(path, 0444, data, &tracing_pipe_fops);
	snprintf(path, sizeof(path), "per_cpu/cpu%d/trace_pipe_raw", cpu);
	err = err ?: tracefs_create_file(path, 0444, data, &tracing_buffers_fops);
	snprintf(path, sizeof(path), "per_cpu/cpu%d/stats", cpu);
	err = err ?: tracefs_create_simple(path, 0444, data, tracing_stats_show, NULL);
	snprintf(path, sizeof(path), "per_cpu/cpu%d/buffer_size_kb", cpu);
	err = err ?: tracefs_create_simple(path, 0444, data, buffer_size_show, NULL);
	return err;
}

static int tracer_init_tracefs(void)
{
	int err, cpu;

	err = tracefs_create_file("trace", 0644, NULL, &tracing_fops);
	err = err ?: tracefs_create_file("trace_pipe", 0444, NULL, &tracing_pipe_fops);
	err = err ?: tracefs_create_file("trace_marker", 0220, NULL, &tracing_mark_fops);
	err = err ?: tracefs_create_simple("tracing_on", 0644, NULL, tracing_on_show,
					   tracing_on_write);
	err = err ?: tracefs_create_simple("buffer_size_kb", 0644, NULL, buffer_size_show,
					   buffer_size_write);
	err = err ?: tracefs_create_simple("buffer_total_size_kb", 0444, NULL,
					   buffer_total_size_show, NULL);
	err = err ?: tracefs_create_simple("buffer_percent", 0644, NULL, buffer_percent_show,
					   buffer_percent_write);
	err = err ?: tracefs_create_simple("trace_clock", 0644, NULL, trace_clock_show,
					   trace_clock_write);
	err = err ?: tracefs_create_simple("current_tracer", 0644, NULL, current_tracer_show,
					   current_tracer_write);
	err = err ?: tracefs_create_simple("available_tracers", 0444, NULL,
					   available_tracers_show, NULL);
	err = err ?: tracefs_create_simple("saved_cmdlines", 0444, NULL, saved_cmdlines_show,
					   NULL);
	err = err ?: tracefs_create_simple("saved_cmdlines_size", 0444, NULL,
					   saved_cmdlines_size_show, NULL);
	err = err ?: tracefs_create_simple("printk_formats", 0444, NULL, empty_show, NULL);
	err = err ?: tracefs_create_simple("trace_options", 0444, NULL, trace_options_show,
					   NULL);
	err = err ?: create_trace_options();
	err = err ?: ftrace_init_tracefs();
	for_each_possible_cpu(cpu)
		err = err ?: create_per_cpu_files(cpu);
	return err;
}

/*
 * Linux's boot options: ftrace=TRACER starts a tracer at boot,
 * ftrace_filter=GLOB[,GLOB...] is set_ftrace_filter's first content.
 */
static char boot_tracer[32], boot_filter[256];

static int __init set_boot_tracer(char *arg)
{
	strscpy(boot_tracer, arg, sizeof(boot_tracer));
	return 0;
}
__setup("ftrace=", set_boot_tracer);

static int __init set_boot_filter(char *arg)
{
	strscpy(boot_filter, arg, sizeof(boot_filter));
	return 0;
}
__setup("ftrace_filter=", set_boot_filter);

void tracing_boot_init(void)
{
	char *glob = boot_filter, *comma;

	while (*glob) {
		comma = strchr(glob, ',');
		if (comma)
			*comma = '\0';
		if (*glob && ftrace_filter_add(glob))
			pr_warn("ftrace: ftrace_filter=%s names no function\n", glob);
		glob = comma ? comma + 1 : glob + strlen(glob);
	}
	if (*boot_tracer) {
		tracing_update_buffers();
		if (tracing_set_tracer(boot_tracer))
			pr_warn("ftrace: no tracer %s\n", boot_tracer);
		else
			pr_info("ftrace: tracer %s on from boot\n", boot_tracer);
	}
}

void trace_init(void)
{
	ftrace_init();
	global_trace.buffer_percent = 50;	/* Linux's default */
	/* Two pages a CPU until first use, as Linux boots. */
	global_trace.buffer = ring_buffer_alloc(0, RB_FL_OVERWRITE);
	if (!global_trace.buffer) {
		pr_warn("tracing: cannot allocate the ring buffer\n");
		return;
	}
	if (tracer_init_tracefs())
		pr_warn("tracing: cannot create the tracefs files\n");
	if (ftrace_nr_sites()) {
		init_function_trace();
		init_graph_trace();
	}
	event_trace_init();
}
