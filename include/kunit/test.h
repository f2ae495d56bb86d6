/* SPDX-License-Identifier: MIT */
#ifndef _KUNIT_TEST_H
#define _KUNIT_TEST_H

/*
 * In-kernel test suites in the style of Linux's KUnit. A suite is selected
 * with reflex.test=NAME on the command line; results go to the console as
 * KTAP and the verdict leaves QEMU through isa-debug-exit.
 */
#include <linux/kernel.h>

struct kunit {
	const char *name;
	bool failed;
	const char *skip_reason;	/* set by kunit_skip(): KTAP "# SKIP reason" */
	void *abort_buf[5];	/* __builtin_setjmp buffer for KUNIT_ASSERT_* */
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	int (*suite_init)(struct kunit_suite *suite);
	struct kunit_case *test_cases;
	bool explicit_only;	/* not part of "all" (e.g. it ends in a panic) */
};

#define KUNIT_CASE(fn)	{ .run_case = fn, .name = #fn }

#define kunit_test_suite(suite)						\
	static struct kunit_suite *__kunit_suite_##suite __used		\
	__section(".kunit_test_suites") = &(suite)

void kunit_fail(struct kunit *test, const char *file, int line,
		const char *fmt, ...) __printf(4, 5);
__noreturn void kunit_abort(struct kunit *test);
/* Run the suites named in a comma-separated list ("all": every suite); returns failures. */
int kunit_run_suites(const char *list);

/*
 * The case cannot run here (e.g. it needs more CPUs than are online):
 * it ends now and is reported "ok N name # SKIP reason", as KTAP says.
 */
#define kunit_skip(test, reason) do {					\
	(test)->skip_reason = (reason);					\
	kunit_abort(test);						\
} while (0)

#define KUNIT_FAIL(test, fmt, ...) \
	kunit_fail(test, __FILE__, __LINE__, fmt, ##__VA_ARGS__)

#define __KUNIT_CHECK(test, cond, abort, fmt, ...) do {			\
	if (!(cond)) {							\
		kunit_fail(test, __FILE__, __LINE__, fmt, ##__VA_ARGS__); \
		if (abort)						\
			kunit_abort(test);				\
	}								\
} while (0)

#define __KUNIT_BINOP(test, a, op, b, abort) do {			\
	long long __a = (long long)(a), __b = (long long)(b);		\
	__KUNIT_CHECK(test, __a op __b, abort,				\
		"Expected %s %s %s, but %s == %lld (0x%llx), %s == %lld (0x%llx)", \
		#a, #op, #b, #a, __a, (unsigned long long)__a, #b, __b,	\
		(unsigned long long)__b);				\
} while (0)

/* The same, with a note saying which case of a table failed. */
#define __KUNIT_BINOP_MSG(test, a, op, b, abort, fmt, ...) do {		\
	long long __a = (long long)(a), __b = (long long)(b);		\
	__KUNIT_CHECK(test, __a op __b, abort,				\
		"Expected %s %s %s, but %s == %lld, %s == %lld: " fmt,	\
		#a, #op, #b, #a, __a, #b, __b, ##__VA_ARGS__);		\
} while (0)

#define KUNIT_EXPECT_EQ(t, a, b)	__KUNIT_BINOP(t, a, ==, b, 0)
#define KUNIT_EXPECT_EQ_MSG(t, a, b, fmt, ...) __KUNIT_BINOP_MSG(t, a, ==, b, 0, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_GE_MSG(t, a, b, fmt, ...) __KUNIT_BINOP_MSG(t, a, >=, b, 0, fmt, ##__VA_ARGS__)
#define KUNIT_EXPECT_NE(t, a, b)	__KUNIT_BINOP(t, a, !=, b, 0)
#define KUNIT_EXPECT_LT(t, a, b)	__KUNIT_BINOP(t, a, <, b, 0)
#define KUNIT_EXPECT_LE(t, a, b)	__KUNIT_BINOP(t, a, <=, b, 0)
#define KUNIT_EXPECT_GT(t, a, b)	__KUNIT_BINOP(t, a, >, b, 0)
#define KUNIT_EXPECT_GE(t, a, b)	__KUNIT_BINOP(t, a, >=, b, 0)
#define KUNIT_ASSERT_EQ(t, a, b)	__KUNIT_BINOP(t, a, ==, b, 1)
#define KUNIT_ASSERT_NE(t, a, b)	__KUNIT_BINOP(t, a, !=, b, 1)
#define KUNIT_ASSERT_GT(t, a, b)	__KUNIT_BINOP(t, a, >, b, 1)
#define KUNIT_ASSERT_GE(t, a, b)	__KUNIT_BINOP(t, a, >=, b, 1)
#define KUNIT_EXPECT_TRUE(t, c)	__KUNIT_CHECK(t, c, 0, "Expected %s to be true", #c)
#define KUNIT_EXPECT_FALSE(t, c) __KUNIT_CHECK(t, !(c), 0, "Expected %s to be false", #c)
#define KUNIT_ASSERT_FALSE(t, c) __KUNIT_CHECK(t, !(c), 1, "Expected %s to be false", #c)
#define KUNIT_ASSERT_TRUE(t, c)	__KUNIT_CHECK(t, c, 1, "Expected %s to be true", #c)
#define KUNIT_EXPECT_NULL(t, p)	__KUNIT_CHECK(t, (p) == NULL, 0, "Expected %s to be NULL", #p)
#define KUNIT_EXPECT_NOT_NULL(t, p) __KUNIT_CHECK(t, (p) != NULL, 0, "Expected %s not to be NULL", #p)
#define KUNIT_ASSERT_NOT_NULL(t, p) __KUNIT_CHECK(t, (p) != NULL, 1, "Expected %s not to be NULL", #p)
#define KUNIT_EXPECT_PTR_EQ(t, a, b) __KUNIT_CHECK(t, (const void *)(a) == (const void *)(b), 0, \
		"Expected %s == %s (%p vs %p)", #a, #b, (const void *)(a), (const void *)(b))
#define KUNIT_EXPECT_STREQ(t, a, b) __KUNIT_CHECK(t, !strcmp(a, b), 0, \
		"Expected %s == %s (\"%s\" vs \"%s\")", #a, #b, a, b)

#endif
