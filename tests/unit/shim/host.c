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

/* For tests that take spinlocks without linking kernel/softirq.c. */
__attribute__((weak)) int __preempt_count;
