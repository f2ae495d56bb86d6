// SPDX-License-Identifier: MIT
/*
 * KUnit suite "irq_proc" (reflex.test=irq_proc): /proc/irq as the kernel
 * keeps it. Lines come from irq_alloc_desc() with a software chip that
 * records the mask it is asked to route to; files are read with
 * proc_read() and written through the same method a write(2) reaches
 * (kernfs_write() on the file's node), so the answers are the ones user
 * space gets.
 */
#include <kunit/test.h>
#include <linux/irq.h>
#include <linux/interrupt.h>
#include <linux/kernfs.h>
#include <linux/proc_fs.h>
#include <asm/smp.h>
#include "internals.h"

static struct cpumask routed;		/* the last mask the chip was given */
static unsigned int set_affinity_calls;

static int soft_set_affinity(struct irq_data *d, const struct cpumask *dest, bool force)
{
	set_affinity_calls++;
	cpumask_copy(&routed, dest);
	irq_data_update_effective_affinity(d, cpumask_of(cpumask_first(dest)));
	return IRQ_SET_MASK_OK;
}

static void soft_noop(struct irq_data *d)
{
}

static struct irq_chip movable_chip = {
	.name			= "movable",
	.irq_mask		= soft_noop,
	.irq_unmask		= soft_noop,
	.irq_set_affinity	= soft_set_affinity,
};

static struct irq_chip fixed_chip = {
	.name			= "fixed",
	.irq_mask		= soft_noop,
	.irq_unmask		= soft_noop,
};

static irqreturn_t proc_test_handler(int irq, void *dev)
{
	return IRQ_HANDLED;
}

static char path[64];
static char text[128];

static const char *irq_path(unsigned int irq, const char *file)
{
	snprintf(path, sizeof(path), file ? "irq/%u/%s" : "irq/%u", irq, file);
	return path;
}

/* The file's text now, or "" when it cannot be read. */
static const char *irq_file(unsigned int irq, const char *file)
{
	ssize_t n = proc_read(irq_path(irq, file), text, sizeof(text) - 1);

	text[n > 0 ? n : 0] = '\0';
	return text;
}

static bool proc_exists(const char *name)
{
	struct kernfs_node *kn = kernfs_find_and_get(&proc_kernfs_root, name);

	if (kn)
		kernfs_put(kn);
	return kn != NULL;
}

static ssize_t proc_write(const char *name, const char *buf)
{
	struct kernfs_node *kn = kernfs_find_and_get(&proc_kernfs_root, name);
	ssize_t ret;

	if (!kn)
		return -ENOENT;
	ret = kernfs_write(kn, buf, strlen(buf));
	kernfs_put(kn);
	return ret;
}

static unsigned int requested_line(struct kunit *test, struct irq_chip *chip, unsigned long flags)
{
	int irq = irq_alloc_desc(NUMA_NO_NODE);

	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_chip_and_handler_name(irq, chip, handle_simple_irq, "simple");
	/* The software chip moves at once, from any context (no deferred move). */
	irqd_set_move_pcntxt(irq_get_irq_data(irq));
	KUNIT_ASSERT_EQ(test, request_irq(irq, proc_test_handler, flags, "kunit-proc",
					  &set_affinity_calls), 0);
	return irq;
}

static void release_line(unsigned int irq)
{
	free_irq(irq, &set_affinity_calls);
	irq_free_desc(irq);
}

static void irq_proc_has_a_directory_per_line_at_boot(struct kunit *test)
{
	static const char *const files[] = {
		"smp_affinity", "smp_affinity_list", "effective_affinity",
		"effective_affinity_list", "affinity_hint", "node", "spurious",
	};
	unsigned int i;

	KUNIT_EXPECT_TRUE(test, proc_exists("irq/default_smp_affinity"));
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		KUNIT_EXPECT_TRUE(test, proc_exists(irq_path(0, files[i])));
		KUNIT_EXPECT_TRUE(test, proc_exists(irq_path(8, files[i])));
	}
	KUNIT_EXPECT_STREQ(test, irq_file(8, "node"), "0\n");
	KUNIT_EXPECT_TRUE(test, !strncmp(irq_file(8, "spurious"), "count ", 6));
	KUNIT_EXPECT_TRUE(test, strstr(text, "\nlast_unhandled ") != NULL);
	if (nr_cpu_ids <= 4)
		KUNIT_EXPECT_STREQ(test, irq_file(8, "affinity_hint"), "0\n");
}

static void irq_proc_action_directory_lives_with_the_action(struct kunit *test)
{
	unsigned int irq = requested_line(test, &movable_chip, 0);
	char dir[64];

	KUNIT_EXPECT_TRUE(test, proc_exists(irq_path(irq, "kunit-proc")));
	KUNIT_EXPECT_TRUE(test, proc_exists(irq_path(irq, "smp_affinity")));
	strscpy(dir, irq_path(irq, "kunit-proc"), sizeof(dir));
	free_irq(irq, &set_affinity_calls);
	KUNIT_EXPECT_FALSE(test, proc_exists(dir));
	KUNIT_EXPECT_TRUE(test, proc_exists(irq_path(irq, "smp_affinity")));
	irq_free_desc(irq);
	KUNIT_EXPECT_FALSE(test, proc_exists(irq_path(irq, NULL)));
}

static void irq_proc_affinity_write_moves_the_line(struct kunit *test)
{
	unsigned int irq = requested_line(test, &movable_chip, 0);
	unsigned int last = nr_cpu_ids - 1;
	char mask[16];

	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "1\n"), 2);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&routed, cpumask_of(0)));
	KUNIT_EXPECT_STREQ(test, irq_file(irq, "smp_affinity_list"), "0\n");
	KUNIT_EXPECT_STREQ(test, irq_file(irq, "effective_affinity_list"), "0\n");
	KUNIT_EXPECT_STREQ(test, irq_file(irq, "effective_affinity"), "1\n");
	/* Every online CPU, as a list; the chip gets what was written. */
	snprintf(mask, sizeof(mask), last ? "0-%u" : "0", last);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity_list"), mask),
			(ssize_t)strlen(mask));
	KUNIT_EXPECT_EQ(test, cpumask_weight(&routed), nr_cpu_ids);
	snprintf(mask + strlen(mask), sizeof(mask) - strlen(mask), "\n");
	KUNIT_EXPECT_STREQ(test, irq_file(irq, "smp_affinity_list"), mask);
	release_line(irq);
}

static void irq_proc_refused_write_changes_nothing(struct kunit *test)
{
	unsigned int irq = requested_line(test, &movable_chip, 0);
	char beyond[16], before[32];
	unsigned int calls;

	KUNIT_ASSERT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "1"), 1);
	strscpy(before, irq_file(irq, "smp_affinity"), sizeof(before));
	calls = set_affinity_calls;
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "xyz"), -EINVAL);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity_list"), "1-0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity_list"), ""), -EINVAL);
	/* The first CPU past nr_cpu_ids: Linux's parsers' errors. */
	snprintf(beyond, sizeof(beyond), "%u", nr_cpu_ids);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity_list"), beyond), -ERANGE);
	if (nr_cpu_ids < 64)
		KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"),
						 "8000000000000000"), -EOVERFLOW);
	KUNIT_EXPECT_EQ(test, set_affinity_calls, calls);
	KUNIT_EXPECT_STREQ(test, irq_file(irq, "smp_affinity"), before);
	/* Read-only files have no write method. */
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "effective_affinity"), "1"), -EIO);
	release_line(irq);
}

static void irq_proc_unmovable_lines_say_eio(struct kunit *test)
{
	unsigned int irq = requested_line(test, &fixed_chip, 0);

	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "1"), -EIO);
	release_line(irq);

	irq = requested_line(test, &movable_chip, IRQF_NOBALANCING);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity_list"), "0"), -EIO);
	release_line(irq);

	irq = requested_line(test, &movable_chip, 0);
	irqd_set(irq_get_irq_data(irq), IRQD_AFFINITY_MANAGED);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "1"), -EIO);
	irqd_clear(irq_get_irq_data(irq), IRQD_AFFINITY_MANAGED);
	KUNIT_EXPECT_EQ(test, proc_write(irq_path(irq, "smp_affinity"), "1"), 1);
	release_line(irq);
}

static void irq_proc_default_affinity_applies_at_first_request(struct kunit *test)
{
	struct cpumask saved = irq_default_affinity;
	struct irq_affinity_desc aff;
	unsigned int irq;

	KUNIT_EXPECT_EQ(test, proc_write("irq/default_smp_affinity", "0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, proc_write("irq/default_smp_affinity", "g"), -EINVAL);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&irq_default_affinity, &saved));
	KUNIT_EXPECT_EQ(test, proc_write("irq/default_smp_affinity", "1\n"), 2);
	KUNIT_EXPECT_TRUE(test, proc_contains("irq/default_smp_affinity", "1\n"));

	/* A new line starts on default & online. */
	cpumask_clear(&routed);
	irq = requested_line(test, &movable_chip, 0);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&routed, cpumask_of(0)));
	release_line(irq);

	/* A line whose affinity was set keeps it when it starts. */
	irq = irq_alloc_desc(NUMA_NO_NODE);
	KUNIT_ASSERT_GT(test, irq, 0);
	irq_set_chip_and_handler_name(irq, &movable_chip, handle_simple_irq, "simple");
	irqd_set_move_pcntxt(irq_get_irq_data(irq));
	KUNIT_ASSERT_EQ(test, irq_set_affinity(irq, cpu_online_mask), 0);
	cpumask_clear(&routed);
	KUNIT_ASSERT_EQ(test, request_irq(irq, proc_test_handler, 0, "kunit-proc",
					  &set_affinity_calls), 0);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&routed, cpu_online_mask));
	release_line(irq);

	/* So does one allocated with a mask (Linux's alloc_descs() marks it set). */
	cpumask_copy(&aff.mask, cpu_online_mask);
	aff.is_managed = 0;
	irq = __irq_alloc_descs(-1, 1, 1, NUMA_NO_NODE, NULL, &aff);
	KUNIT_ASSERT_GT(test, irq, 0);
	KUNIT_EXPECT_TRUE(test, irqd_affinity_was_set(irq_get_irq_data(irq)));
	irq_set_chip_and_handler_name(irq, &movable_chip, handle_simple_irq, "simple");
	irqd_set_move_pcntxt(irq_get_irq_data(irq));
	cpumask_clear(&routed);
	KUNIT_ASSERT_EQ(test, request_irq(irq, proc_test_handler, 0, "kunit-proc",
					  &set_affinity_calls), 0);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&routed, cpu_online_mask));
	release_line(irq);
	cpumask_copy(&irq_default_affinity, &saved);
}

static struct kunit_case irq_proc_test_cases[] = {
	KUNIT_CASE(irq_proc_has_a_directory_per_line_at_boot),
	KUNIT_CASE(irq_proc_action_directory_lives_with_the_action),
	KUNIT_CASE(irq_proc_affinity_write_moves_the_line),
	KUNIT_CASE(irq_proc_refused_write_changes_nothing),
	KUNIT_CASE(irq_proc_unmovable_lines_say_eio),
	KUNIT_CASE(irq_proc_default_affinity_applies_at_first_request),
	{}
};

static struct kunit_suite irq_proc_test_suite = {
	.name = "irq_proc",
	.test_cases = irq_proc_test_cases,
};
kunit_test_suite(irq_proc_test_suite);
