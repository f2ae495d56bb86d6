// SPDX-License-Identifier: MIT
/*
 * The in-kernel test runner, after Linux's KUnit: suites registered with
 * kunit_test_suite() are run by name and report KTAP version 1 on the
 * console. A failed KUNIT_ASSERT_* abandons its case by jumping back here.
 */
#include <linux/kernel.h>
#include <kunit/test.h>
#include <linux/sched.h>
#include <asm/irqflags.h>

extern struct kunit_suite *__kunit_suites_start[], *__kunit_suites_end[];

void kunit_fail(struct kunit *test, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	test->failed = true;
	printk(KERN_ERR "        # %s: EXPECTATION FAILED at %s:%d\n", test->name, file, line);
	printk(KERN_ERR "        %s\n", msg);
}

__noreturn void kunit_abort(struct kunit *test)
{
	__builtin_longjmp(test->abort_buf, 1);
}

/* 1: passed, 0: failed, -1: skipped (reason in *skip). */
static int kunit_run_case(struct kunit_case *c, const char **skip)
{
	struct kunit test = { .name = c->name };
	unsigned long flags;

	/*
	 * Every case starts on the boot CPU, whichever CPU the last one left
	 * the runner on: a case reading "this CPU's" state stays on one CPU
	 * unless it moves itself. Threads a case creates run anywhere.
	 */
	set_cpus_allowed_ptr(current, cpumask_of(0));
	local_save_flags(flags);
	if (__builtin_setjmp(test.abort_buf) == 0)
		c->run_case(&test);
	local_irq_restore(flags);
	if (irqs_disabled_flags(flags) && !irqs_disabled())
		local_irq_disable();
	*skip = test.skip_reason;
	if (test.failed)
		return 0;
	return test.skip_reason ? -1 : 1;
}

static int kunit_run_suite(struct kunit_suite *suite, int index)
{
	struct kunit_case *c;
	int total = 0, failed = 0, skipped = 0;

	for (c = suite->test_cases; c->run_case; c++)
		total++;
	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", suite->name);
	printk(KERN_INFO "    1..%d\n", total);
	if (suite->suite_init && suite->suite_init(suite)) {
		printk(KERN_INFO "    # %s: suite_init failed\n", suite->name);
		printk(KERN_INFO "not ok %d %s\n", index, suite->name);
		return 1;
	}
	for (c = suite->test_cases, total = 0; c->run_case; c++) {
		const char *skip;
		int ok = kunit_run_case(c, &skip);

		failed += !ok;
		if (ok < 0) {
			skipped++;
			printk(KERN_INFO "    ok %d %s # SKIP %s\n", ++total, c->name, skip);
		} else {
			printk(KERN_INFO "    %sok %d %s\n", ok ? "" : "not ", ++total, c->name);
		}
	}
	printk(KERN_INFO "# %s: pass:%d fail:%d skip:%d total:%d\n", suite->name,
	       total - failed - skipped, failed, skipped, total);
	printk(KERN_INFO "%sok %d %s\n", failed ? "not " : "", index, suite->name);
	return failed;
}

static bool suite_selected(const char *list, const struct kunit_suite *suite)
{
	const char *name = suite->name, *p;
	size_t n = strlen(name);

	if (!strcmp(list, "all"))
		return !suite->explicit_only;
	for (p = list; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
	}
	return false;
}

int kunit_run_suites(const char *list)
{
	struct kunit_suite **s;
	int selected = 0, index = 0, failures = 0;
	struct cpumask allowed;

	cpumask_copy(&allowed, &current->cpus_mask);
	for (s = __kunit_suites_start; s < __kunit_suites_end; s++)
		selected += suite_selected(list, *s);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%d\n", selected);
	if (!selected) {
		pr_err("kunit: no suite matches '%s'\n", list);
		return 1;
	}
	for (s = __kunit_suites_start; s < __kunit_suites_end; s++)
		if (suite_selected(list, *s))
			failures += kunit_run_suite(*s, ++index);
	set_cpus_allowed_ptr(current, &allowed);
	return failures;
}
