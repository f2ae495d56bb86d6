// SPDX-License-Identifier: MIT
/*
 * What the kernel sources under test expect from the rest of the kernel,
 * done the host way: printk() into a buffer tests can search (and to
 * stderr), WARN counted, BUG() and panic() reported to cmocka as a failed
 * assertion, so expect_assert_failure() can catch them. printk() is weak
 * so that a test linking the real kernel/printk can have that instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm-generic/sections.h>

struct pt_regs;

unsigned long host_page_offset;
unsigned long host_irq_flags = 0x200UL;
int host_cpu_number;
int console_loglevel = 7;
char host_log[HOST_LOG_SIZE];
unsigned int host_warn_count;
char host_image[HOST_IMAGE_SIZE];
static size_t host_log_len;

void host_log_reset(void)
{
	host_log_len = 0;
	host_log[0] = '\0';
	host_warn_count = 0;
}

int host_log_contains(const char *needle)
{
	return strstr(host_log, needle) != NULL;
}

__attribute__((weak)) int vprintk(const char *fmt, va_list args)
{
	char line[1024];
	int n;

	/* Drop the KERN_<level> prefix ("\001" and one character). */
	while (fmt[0] == '\001' && fmt[1])
		fmt += 2;
	n = vsnprintf(line, sizeof(line), fmt, args);
	fputs(line, stderr);
	if (host_log_len < sizeof(host_log) - 1)
		host_log_len += snprintf(host_log + host_log_len,
					 sizeof(host_log) - host_log_len, "%s", line);
	if (host_log_len > sizeof(host_log) - 1)
		host_log_len = sizeof(host_log) - 1;
	return n;
}

__attribute__((weak)) int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void __warn(const char *file, int line, void *caller, struct pt_regs *regs)
{
	host_warn_count++;
	fprintf(stderr, "WARNING: at %s:%d\n", file, line);
}

void __bug(const char *file, int line)
{
	fprintf(stderr, "kernel BUG at %s:%d!\n", file, line);
	mock_assert(0, "BUG()", file, line);
	abort();
}

void panic(const char *fmt, ...)
{
	va_list args;

	fputs("Kernel panic - not syncing: ", stderr);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	mock_assert(0, "panic()", __FILE__, __LINE__);
	abort();
}

/* spinlock.h's preempt_enable() may call into the scheduler; there is none here. */
__attribute__((weak)) void preempt_schedule(void)
{
}

/*
 * The scheduler as the host tests see it: one task that never sleeps.
 * Weak, so a test that wants to observe wake-ups can provide its own.
 */
#include <linux/sched.h>
#include <linux/errno.h>

static struct task_struct host_task = { .comm = "host" };
struct task_struct *current_task = &host_task;

__attribute__((weak)) int wake_up_process(struct task_struct *p)
{
	return 1;
}

__attribute__((weak)) void schedule(void)
{
}

__attribute__((weak)) bool kthread_should_stop(void)
{
	return true;
}

__attribute__((weak)) struct task_struct *kthread_create(int (*threadfn)(void *data),
							  void *data, const char namefmt[], ...)
{
	return ERR_PTR(-ENOSYS);
}

/* Binding and affinity: the one host task has nowhere else to go. */
__attribute__((weak)) void kthread_bind(struct task_struct *k, unsigned int cpu)
{
}

__attribute__((weak)) int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *m)
{
	return 0;
}

/* CPU bring-up (kernel/cpu.c): no CPU but the host's comes up, no threads are made. */
__attribute__((weak)) int __cpu_up(unsigned int cpu)
{
	return -ENOSYS;
}

__attribute__((weak)) int cpuhp_online(unsigned int cpu)
{
	return 0;
}

__attribute__((weak)) void cpuhp_threads_init(void)
{
}

/*
 * CPU hotplug (kernel/cpu.c): no CPU goes down on the host, so the steps
 * of its sequence are never reached; they only have to link. Each is
 * weak, so a test linking the real subsystem has that instead.
 */
#define HOST_HOTPLUG_STEP(name) __attribute__((weak)) int name(unsigned int cpu) { return -ENOSYS; }
HOST_HOTPLUG_STEP(__cpu_die)
HOST_HOTPLUG_STEP(sched_cpu_deactivate)
HOST_HOTPLUG_STEP(sched_cpu_activate)
HOST_HOTPLUG_STEP(sched_cpu_dying)
HOST_HOTPLUG_STEP(workqueue_offline_cpu)
HOST_HOTPLUG_STEP(workqueue_online_cpu)
HOST_HOTPLUG_STEP(workqueue_dead_cpu)
HOST_HOTPLUG_STEP(smpboot_park_threads)
HOST_HOTPLUG_STEP(smpboot_unpark_threads)
HOST_HOTPLUG_STEP(smpcfd_dying_cpu)
HOST_HOTPLUG_STEP(tick_cpu_dying)
HOST_HOTPLUG_STEP(timers_prepare_cpu)
HOST_HOTPLUG_STEP(timers_dead_cpu)
HOST_HOTPLUG_STEP(hrtimers_prepare_cpu)
HOST_HOTPLUG_STEP(hrtimers_dead_cpu)
HOST_HOTPLUG_STEP(takeover_tasklets)
HOST_HOTPLUG_STEP(dev_cpu_dead)
HOST_HOTPLUG_STEP(irq_affinity_online_cpu)

__attribute__((weak)) int __cpu_disable(void)
{
	return -ENOSYS;
}

__attribute__((weak)) void tick_cleanup_dead_cpu(unsigned int cpu)
{
}

__attribute__((weak)) int stop_machine_cpuslocked(int (*fn)(void *), void *data,
						  const struct cpumask *cpus)
{
	return -ENOSYS;
}

__attribute__((weak)) void stop_machine_park(unsigned int cpu)
{
}

__attribute__((weak)) void stop_machine_unpark(unsigned int cpu)
{
}

/* Parking: the one host task is never asked to. */
__attribute__((weak)) bool kthread_should_park(void)
{
	return false;
}

__attribute__((weak)) void kthread_parkme(void)
{
}

__attribute__((weak)) int kthread_park(struct task_struct *k)
{
	return -ENOSYS;
}

__attribute__((weak)) void kthread_unpark(struct task_struct *k)
{
}

/* Spinlocks as on bare metal: tickets. */
bool virt_spin_lock_enabled;

/* Mutexes as one task that never waits sees them (the tty's write lock). */
#include <linux/mutex.h>

__attribute__((weak)) void __mutex_init(struct mutex *lock, const char *name)
{
}

__attribute__((weak)) void mutex_lock(struct mutex *lock)
{
}

__attribute__((weak)) int mutex_lock_interruptible(struct mutex *lock)
{
	return 0;
}

__attribute__((weak)) void mutex_unlock(struct mutex *lock)
{
}

/* For tests that take spinlocks without linking kernel/softirq.c. */
__attribute__((weak)) int __preempt_count;

/*
 * Lock debugging (kernel/locking/lockdep.c): off on the host unless a
 * test links the real file, which then replaces these.
 */
__attribute__((weak)) void lock_mark_usage(raw_spinlock_t *lock, unsigned int bit)
{
	lock->usage |= bit;
}

__attribute__((weak)) void __might_sleep(const char *file, int line, bool *reported)
{
}

/*
 * Wait queues and irq threads for the kernel/irq sources: with one task
 * that never sleeps, a wait either finds its condition true at once or
 * is a test bug; threads are never created (kthread_create() fails).
 */
#include <linux/wait.h>

__attribute__((weak)) void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

__attribute__((weak)) void prepare_to_wait(struct wait_queue_head *wq_head,
					   struct wait_queue_entry *wq_entry, int state)
{
}

__attribute__((weak)) void finish_wait(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
}

__attribute__((weak)) int autoremove_wake_function(struct wait_queue_entry *wq_entry,
						   unsigned mode, int flags, void *key)
{
	return 0;
}

__attribute__((weak)) void __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
				     int nr, void *key)
{
}

__attribute__((weak)) int kthread_stop(struct task_struct *k)
{
	return 0;
}

__attribute__((weak)) void sched_set_fifo(struct task_struct *p)
{
}

/* "threadirqs" (kernel/irq/manage.c), for tests that link kernel/softirq.c alone. */
__attribute__((weak)) bool force_irqthreads_key;

/* lib/string.c's, for command-line parsers (kernel/cpu.c); weak for a test that links lib/. */
__attribute__((weak)) int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	char *end;

	*res = strtoul(s, &end, base);
	return end == s || *end ? -22 /* EINVAL */ : 0;
}

/* Starting a CPU (arch/x86/kernel/smpboot.c) for tests that link kernel/cpu.c: no CPU answers. */
__attribute__((weak)) int native_cpu_up(unsigned int cpu)
{
	return -5;	/* EIO */
}

/* lib/string.c's, for tests that do not link lib/string.c. */
__attribute__((weak)) size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

/*
 * /proc for tests that link kernel/irq/ without fs/: nothing can be
 * registered (kernel/irq/proc.c then makes no /proc/irq), and without
 * kernel/irq/proc.c the registration hooks do nothing.
 */
#include <linux/proc_fs.h>

__attribute__((weak)) int proc_mkdir(const char *name)
{
	return -38;	/* ENOSYS */
}

__attribute__((weak)) int proc_create_single_data(const char *name, umode_t mode,
						  int (*show)(struct seq_file *m, void *v),
						  ssize_t (*write)(const char *buf, size_t count,
								   void *data),
						  void *data)
{
	return -38;	/* ENOSYS */
}

__attribute__((weak)) void remove_proc_entry(const char *name)
{
}

__attribute__((weak)) void remove_proc_subtree(const char *name)
{
}

__attribute__((weak)) int sysfs_create_file_rw(const char *path, umode_t mode,
					       ssize_t (*show)(char *buf, void *data),
					       ssize_t (*store)(const char *buf, size_t count,
								void *data),
					       void *data)
{
	return -38;	/* ENOSYS */
}

__attribute__((weak)) void sysfs_remove_file(const char *path)
{
}

struct irq_desc;
struct irqaction;

__attribute__((weak)) void register_irq_proc(unsigned int irq, struct irq_desc *desc)
{
}

__attribute__((weak)) void unregister_irq_proc(unsigned int irq, struct irq_desc *desc)
{
}

__attribute__((weak)) void register_handler_proc(unsigned int irq, struct irqaction *action)
{
}

__attribute__((weak)) void unregister_handler_proc(unsigned int irq, struct irqaction *action)
{
}
