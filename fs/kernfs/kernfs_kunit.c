// SPDX-License-Identifier: MIT
/*
 * KUnit suite "kernfs" (reflex.test=kernfs): the tree behind /proc and
 * /sys with other CPUs at work. Removal must wait for a show() in
 * progress (its data may be freed as soon as removal returns), and
 * files made, read and removed on every CPU at once, while the tree is
 * listed, must all be seen exactly as registered and leave nothing
 * behind.
 */
#include <kunit/test.h>
#include <kunit/wait.h>
#include <linux/kernfs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/sched.h>

static struct completion show_entered, show_release;
static int remove_returned;
static atomic_t churn_done;

static bool proc_exists(const char *name)
{
	struct kernfs_node *kn = kernfs_find_and_get(&proc_kernfs_root, name);

	if (kn)
		kernfs_put(kn);
	return kn != NULL;
}

static int wait_for_stop(long ret)
{
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return ret;
}

static int blocking_show(struct seq_file *m, void *v)
{
	complete(&show_entered);
	wait_for_completion(&show_release);
	seq_puts(m, "done\n");
	return 0;
}

static int blocked_reader(void *unused)
{
	char buf[16];

	return wait_for_stop(proc_read("kunit-kernfs/blocking", buf, sizeof(buf)));
}

static int remover(void *unused)
{
	remove_proc_entry("kunit-kernfs/blocking");
	WRITE_ONCE(remove_returned, 1);
	return wait_for_stop(0);
}

static void kernfs_removal_waits_for_a_show_in_progress(struct kunit *test)
{
	struct task_struct *reader, *rm;
	char buf[16];

	init_completion(&show_entered);
	init_completion(&show_release);
	remove_returned = 0;
	KUNIT_ASSERT_EQ(test, proc_create_single("kunit-kernfs/blocking", blocking_show), 0);
	reader = kthread_run(blocked_reader, NULL, "kernfs-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(reader));
	wait_for_completion(&show_entered);
	rm = kthread_run(remover, NULL, "kernfs-remover");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rm));
	/* The name goes at once; removal itself waits for the show(). */
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(!proc_exists("kunit-kernfs/blocking")));
	KUNIT_EXPECT_EQ(test, READ_ONCE(remove_returned), 0);
	KUNIT_EXPECT_EQ(test, proc_read("kunit-kernfs/blocking", buf, sizeof(buf)), -ENOENT);
	complete(&show_release);
	KUNIT_EXPECT_TRUE(test, kunit_wait_until(READ_ONCE(remove_returned) == 1));
	KUNIT_EXPECT_EQ(test, kthread_stop(reader), 5);	/* "done\n": the call finished */
	kthread_stop(rm);
	KUNIT_EXPECT_FALSE(test, proc_exists("kunit-kernfs"));
}

#define FILES_PER_CPU	300

static int name_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%lu\n", (unsigned long)m->private);
	return 0;
}

/* Make, read back and (every other one) remove FILES_PER_CPU files; how many read right. */
static int churn(void *data)
{
	unsigned long cpu = (unsigned long)data, i, good = 0;
	char name[48], want[24], buf[24];
	ssize_t n;

	for (i = 0; i < FILES_PER_CPU; i++) {
		unsigned long id = cpu * 1000 + i;

		snprintf(name, sizeof(name), "kunit-kernfs/c%lu/%lu", cpu, i);
		if (proc_create_single_data(name, 0444, name_show, NULL, (void *)id))
			continue;
		n = proc_read(name, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		snprintf(want, sizeof(want), "%lu\n", id);
		good += !strcmp(buf, want);
		if (i % 2)
			remove_proc_entry(name);
	}
	snprintf(name, sizeof(name), "kunit-kernfs/c%lu", cpu);
	remove_proc_subtree(name);
	atomic_inc(&churn_done);
	return wait_for_stop(good);
}

static void count_name(const char *name, void *arg)
{
	(*(unsigned long *)arg)++;
}

static void kernfs_files_churn_on_every_cpu_while_listed(struct kunit *test)
{
	unsigned long end = jiffies + msecs_to_jiffies(KUNIT_HANG_MS), names;
	struct task_struct *t[NR_CPUS];
	unsigned int cpu, started = 0;

	atomic_set(&churn_done, 0);
	for_each_online_cpu(cpu) {
		t[cpu] = kthread_create(churn, (void *)(unsigned long)cpu, "kernfs-churn/%u", cpu);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[cpu]));
		kthread_bind(t[cpu], cpu);
		wake_up_process(t[cpu]);
		started++;
	}
	/* List the whole tree until every thread has removed its directory. */
	while (atomic_read(&churn_done) < (int)started && time_before(jiffies, end)) {
		names = 0;
		proc_for_each(count_name, &names);
		KUNIT_EXPECT_GT(test, names, 0);
		schedule();
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&churn_done), (int)started);
	KUNIT_EXPECT_FALSE(test, proc_exists("kunit-kernfs"));
	for_each_online_cpu(cpu)
		KUNIT_EXPECT_EQ(test, kthread_stop(t[cpu]), FILES_PER_CPU);
	KUNIT_EXPECT_EQ(test, started, num_online_cpus());
}

static struct kunit_case kernfs_test_cases[] = {
	KUNIT_CASE(kernfs_removal_waits_for_a_show_in_progress),
	KUNIT_CASE(kernfs_files_churn_on_every_cpu_while_listed),
	{}
};

static struct kunit_suite kernfs_test_suite = {
	.name = "kernfs",
	.test_cases = kernfs_test_cases,
};
kunit_test_suite(kernfs_test_suite);
