/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

/*
 * Work items: a function to run later in process context, by a kernel
 * thread ("kworker/0:0"), where it may sleep. Queue one from anywhere,
 * hard IRQs included; queueing one that is already pending does nothing
 * and says so. kernel/workqueue.c.
 *
 * @data holds WORK_STRUCT_PENDING (queued, or its timer armed, and not
 * yet started) in bit 0 and, above the flag bits, the workqueue the item
 * was last queued on, so flush_work() and cancel_work_sync() know where
 * to look. (Linux keeps the pool_workqueue or the pool there.)
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/timer.h>

struct work_struct;
struct workqueue_struct;
typedef void (*work_func_t)(struct work_struct *work);

enum {
	WORK_STRUCT_PENDING_BIT	= 0,
	WORK_STRUCT_FLAG_BITS	= 3,
};
#define WORK_STRUCT_PENDING	(1UL << WORK_STRUCT_PENDING_BIT)
#define WORK_STRUCT_FLAG_MASK	((1UL << WORK_STRUCT_FLAG_BITS) - 1)

struct work_struct {
	unsigned long		data;
	struct list_head	entry;
	work_func_t		func;
};

/* A work item queued once its timer has run out. */
struct delayed_work {
	struct work_struct	work;
	struct timer_list	timer;
	struct workqueue_struct	*wq;	/* where the timer will queue it */
};

#define __WORK_INITIALIZER(n, f) {					\
	.data = 0,							\
	.entry = LIST_HEAD_INIT((n).entry),				\
	.func = (f),							\
}
#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

void delayed_work_timer_fn(struct timer_list *t);

#define __DELAYED_WORK_INITIALIZER(n, f) {				\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.timer = {							\
		.entry = LIST_HEAD_INIT((n).timer.entry),		\
		.function = delayed_work_timer_fn,			\
	},								\
}
#define DECLARE_DELAYED_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f)

static inline void __init_work(struct work_struct *work, work_func_t func)
{
	work->data = 0;
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
}
#define INIT_WORK(_work, _func)		__init_work((_work), (_func))

#define INIT_DELAYED_WORK(_dwork, _func) do {				\
	INIT_WORK(&(_dwork)->work, (_func));				\
	timer_setup(&(_dwork)->timer, delayed_work_timer_fn, 0);	\
	(_dwork)->wq = NULL;						\
} while (0)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

static inline bool work_pending(const struct work_struct *work)
{
	return READ_ONCE(work->data) & WORK_STRUCT_PENDING;
}
#define delayed_work_pending(w)	work_pending(&(w)->work)

/* alloc_workqueue() flags, Linux's values. */
enum {
	WQ_UNBOUND		= 1 << 1,	/* not bound to a CPU */
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,	/* worker at nice -20 */
	WQ_CPU_INTENSIVE	= 1 << 5,
	__WQ_ORDERED		= 1 << 17,
};

/*
 * The system workqueues. system_long_wq shares system_wq's worker:
 * with one worker per workqueue it would not help.
 */
extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;

__printf(1, 4)
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...);
#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, __WQ_ORDERED | (flags), 1, ##args)
void destroy_workqueue(struct workqueue_struct *wq);

bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
			unsigned long delay);
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		      unsigned long delay);
bool flush_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
void flush_workqueue(struct workqueue_struct *wq);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
/* The work item the calling kworker is running, NULL outside one. */
struct work_struct *current_work(void);

static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

static inline void flush_scheduled_work(void)
{
	flush_workqueue(system_wq);
}

void workqueue_init_early(void);
void workqueue_init(void);

#endif
