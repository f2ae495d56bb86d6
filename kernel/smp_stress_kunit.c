// SPDX-License-Identifier: MIT
/*
 * KUnit suite "smp_stress": a kernel thread bound to every online CPU
 * hammers what the CPUs share — one spinlock, one mutex, one rt_mutex,
 * the page allocator and kmalloc — a fixed number of rounds, all at
 * once. At the end the invariants are checked exactly: every counter
 * equals threads x rounds (a lost update means a lock let two CPUs in),
 * every thread reported done (no lost wake-up on the completion), every
 * buffer kept the pattern its owner wrote (no block handed out twice),
 * and the page allocator has as many free pages as before (no leaked
 * or doubly freed page). Wait queues and wake-ups between CPUs have
 * their own ring test in the sched suite.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/rtmutex.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <kunit/test.h>
#include <kunit/wait.h>

#define STRESS_ROUNDS	10000

static DEFINE_SPINLOCK(stress_spin);
static DEFINE_MUTEX(stress_mutex);
static DEFINE_RT_MUTEX(stress_rt);

/*
 * Read, pause, write: a window in which a second CPU inside the same
 * critical section would make an increment vanish.
 */
static unsigned long spin_count, mutex_count, rt_count;

static void slow_inc(unsigned long *v)
{
	unsigned long x = READ_ONCE(*v);

	cpu_relax();
	cpu_relax();
	WRITE_ONCE(*v, x + 1);
}

struct stress_thread {
	struct completion done;
	unsigned long bad_pattern;	/* buffers that lost what their owner wrote */
	unsigned long alloc_failed;
	int cpu_seen;			/* -1 once it ran anywhere but its own CPU */
};

static struct stress_thread stress[NR_CPUS];

/* Fill with a pattern only this thread and round produce, then check it. */
static bool fill_and_check(void *buf, size_t len, unsigned int cpu, unsigned int round)
{
	unsigned char seed = (unsigned char)(cpu * 31 + round);
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = seed + i;
	cpu_relax();
	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)(seed + i))
			return false;
	return true;
}

static int stress_fn(void *data)
{
	struct stress_thread *t = data;
	unsigned int cpu = t - stress, round;
	unsigned long flags;

	for (round = 0; round < STRESS_ROUNDS; round++) {
		unsigned int order = round % 3;
		size_t size = 8UL << (round % 10);	/* 8 bytes .. 4 KiB */
		struct page *page;
		void *obj;

		if (smp_processor_id() != cpu)
			t->cpu_seen = -1;

		spin_lock_irqsave(&stress_spin, flags);
		slow_inc(&spin_count);
		spin_unlock_irqrestore(&stress_spin, flags);

		mutex_lock(&stress_mutex);
		slow_inc(&mutex_count);
		mutex_unlock(&stress_mutex);

		rt_mutex_lock(&stress_rt);
		slow_inc(&rt_count);
		rt_mutex_unlock(&stress_rt);

		page = alloc_pages(GFP_KERNEL, order);
		if (!page) {
			t->alloc_failed++;
		} else {
			if (!fill_and_check(page_address(page), PAGE_SIZE << order, cpu, round))
				t->bad_pattern++;
			__free_pages(page, order);
		}

		obj = kmalloc(size, GFP_KERNEL);
		if (!obj) {
			t->alloc_failed++;
		} else {
			if (!fill_and_check(obj, size, cpu, round))
				t->bad_pattern++;
			kfree(obj);
		}
		if ((round & 63) == 0)
			schedule();	/* give the mutex and rt_mutex waiters turns */
	}
	complete(&t->done);
	return 0;
}

static void shared_locks_and_allocators_hold_under_every_cpu(struct kunit *test)
{
	struct task_struct *k[NR_CPUS] = { NULL };
	unsigned long free_before, want;
	unsigned int cpu, threads = 0;
	bool all_done = true;

	spin_count = mutex_count = rt_count = 0;
	memset(stress, 0, sizeof(stress));
	free_before = nr_free_pages();

	for_each_online_cpu(cpu) {
		init_completion(&stress[cpu].done);
		k[cpu] = kthread_create(stress_fn, &stress[cpu], "stress/%u", cpu);
		KUNIT_ASSERT_FALSE(test, IS_ERR(k[cpu]));
		kthread_bind(k[cpu], cpu);
		threads++;
	}
	for_each_online_cpu(cpu)
		wake_up_process(k[cpu]);
	for_each_online_cpu(cpu) {
		/* A hang guard, far beyond what the rounds take on a loaded host. */
		if (!wait_for_completion_timeout(&stress[cpu].done,
						 msecs_to_jiffies(12 * KUNIT_HANG_MS))) {
			all_done = false;
			pr_err("smp_stress: stress/%u did not finish\n", cpu);
		}
	}
	KUNIT_ASSERT_TRUE(test, all_done);
	for_each_online_cpu(cpu)
		kthread_stop(k[cpu]);

	want = (unsigned long)threads * STRESS_ROUNDS;
	KUNIT_EXPECT_EQ(test, spin_count, want);
	KUNIT_EXPECT_EQ(test, mutex_count, want);
	KUNIT_EXPECT_EQ(test, rt_count, want);
	for_each_online_cpu(cpu) {
		KUNIT_EXPECT_EQ(test, stress[cpu].bad_pattern, 0);
		KUNIT_EXPECT_EQ(test, stress[cpu].alloc_failed, 0);
		KUNIT_EXPECT_EQ(test, stress[cpu].cpu_seen, 0);	/* bound: never elsewhere */
	}
	/*
	 * Every page went back. Other threads (timers, kworkers) may hold a
	 * page for a moment, so the count is waited for, not sampled once.
	 */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(nr_free_pages() == free_before));
	if (nr_free_pages() != free_before)
		pr_err("smp_stress: free pages: %lu before, %lu after\n", free_before,
			  nr_free_pages());
	pr_info("smp_stress: %u CPUs x %d rounds: spinlock, mutex, rt_mutex, pages, kmalloc\n",
		   threads, STRESS_ROUNDS);
}

static struct kunit_case smp_stress_cases[] = {
	KUNIT_CASE(shared_locks_and_allocators_hold_under_every_cpu),
	{}
};

static struct kunit_suite smp_stress_suite = {
	.name = "smp_stress",
	.test_cases = smp_stress_cases,
};
kunit_test_suite(smp_stress_suite);
