// SPDX-License-Identifier: MIT
/* unit-test-sources: lib/bitmap-str.c */
/*
 * CPU masks as text, Linux's formats and errors: bitmap_parse() (the
 * hex words of /proc/irq/N/smp_affinity), bitmap_parselist() (the lists
 * of smp_affinity_list and irqaffinity=) and the %*pb / %*pbl printing,
 * each at the widths reflex boots with (1, 4 and 64 CPUs) and at the
 * edges: words wider than 32 bits, bits past the mask, empty text,
 * separators and newlines, groups, "N" and "all".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/errno.h>

static unsigned long mask[2];

static int parse(const char *s, int nbits)
{
	mask[0] = mask[1] = 0x5a5a5a5a5a5a5a5aUL;	/* what was there before must not show */
	return bitmap_parse(s, ~0U, mask, nbits);
}

static int parselist(const char *s, int nbits)
{
	mask[0] = mask[1] = 0x5a5a5a5a5a5a5a5aUL;
	return bitmap_parselist(s, mask, nbits);
}

static void hex_words_parse_as_linux(void **state)
{
	assert_int_equal(parse("f", 4), 0);
	assert_int_equal(mask[0], 0xf);
	assert_int_equal(parse("0000000f\n", 4), 0);
	assert_int_equal(mask[0], 0xf);
	assert_int_equal(parse("1,00000000", 64), 0);
	assert_int_equal(mask[0], 1UL << 32);
	assert_int_equal(parse("80000000,00000001", 64), 0);
	assert_int_equal(mask[0], 0x8000000000000001UL);
	assert_int_equal(parse(" a ", 4), 0);	/* blanks around a word */
	assert_int_equal(mask[0], 0xa);
	assert_int_equal(parse("1,,5", 64), 0);	/* Linux allows empty groups */
	assert_int_equal(mask[0], (1UL << 32) | 5);
	assert_int_equal(parse("2", 4), 0);
	assert_int_equal(mask[0], 2);
	assert_int_equal(parse("F", 4), 0);
	assert_int_equal(mask[0], 0xf);
	/* Nothing at all, or only separators: the empty mask. */
	assert_int_equal(parse("", 4), 0);
	assert_int_equal(mask[0], 0);
	assert_int_equal(parse("\n", 4), 0);
	assert_int_equal(mask[0], 0);
	assert_int_equal(parse(",", 4), 0);
	/* Text after a newline is not read. */
	assert_int_equal(parse("1\nzz", 4), 0);
	assert_int_equal(mask[0], 1);
	/* buflen bounds the text like a NUL. */
	assert_int_equal(bitmap_parse("3f", 1, mask, 4), 0);
	assert_int_equal(mask[0], 3);
}

static void hex_errors_are_linux_errnos(void **state)
{
	assert_int_equal(parse("g", 4), -EINVAL);
	assert_int_equal(parse("0x1", 4), -EINVAL);
	assert_int_equal(parse("-1", 4), -EINVAL);
	assert_int_equal(parse("1 2x", 64), -EINVAL);
	/* A word of nine digits is wider than 32 bits, even with a leading zero. */
	assert_int_equal(parse("000000001", 64), -EOVERFLOW);
	/* Bits at or above the mask's width. */
	assert_int_equal(parse("10", 4), -EOVERFLOW);
	assert_int_equal(parse("2", 1), -EOVERFLOW);
	assert_int_equal(parse("1,00000000", 4), -EOVERFLOW);
	assert_int_equal(parse("8000000000000000", 4), -EOVERFLOW);
	assert_int_equal(parse("1,00000000,00000000", 64), -EOVERFLOW);
	/* At exactly the width, the top bit is still in. */
	assert_int_equal(parse("8", 4), 0);
	assert_int_equal(parse("80000000,00000000", 64), 0);
	assert_int_equal(mask[0], 1UL << 63);
}

static void lists_parse_as_linux(void **state)
{
	assert_int_equal(parselist("0-2,5", 8), 0);
	assert_int_equal(mask[0], 0x27);
	assert_int_equal(parselist("0-7:2/4", 8), 0);
	assert_int_equal(mask[0], 0x33);
	assert_int_equal(parselist("1-N", 4), 0);
	assert_int_equal(mask[0], 0xe);
	assert_int_equal(parselist("all", 4), 0);
	assert_int_equal(mask[0], 0xf);
	assert_int_equal(parselist("ALL:1/2", 4), 0);
	assert_int_equal(mask[0], 0x5);
	assert_int_equal(parselist("", 4), 0);
	assert_int_equal(mask[0], 0);
	assert_int_equal(parselist("3\n", 4), 0);
	assert_int_equal(mask[0], 8);
	assert_int_equal(parselist(",1, 2 ,", 4), 0);
	assert_int_equal(mask[0], 6);
	assert_int_equal(parselist("0-63", 64), 0);
	assert_int_equal(mask[0], ~0UL);
	assert_int_equal(parselist("0-3:4/4", 4), 0);
	assert_int_equal(mask[0], 0xf);
}

static void list_errors_are_linux_errnos(void **state)
{
	assert_int_equal(parselist("4", 4), -ERANGE);
	assert_int_equal(parselist("0-4", 4), -ERANGE);
	assert_int_equal(parselist("1", 1), -ERANGE);
	assert_int_equal(parselist("3-1", 4), -EINVAL);
	assert_int_equal(parselist("a", 4), -EINVAL);
	assert_int_equal(parselist("1-", 4), -EINVAL);
	assert_int_equal(parselist("-1", 4), -EINVAL);
	assert_int_equal(parselist("1x", 4), -EINVAL);
	assert_int_equal(parselist("0-3:2", 4), -EINVAL);
	assert_int_equal(parselist("0-3:3/2", 4), -EINVAL);
	assert_int_equal(parselist("0-3:1/0", 4), -EINVAL);
	assert_int_equal(parselist("4294967296", 4), -EOVERFLOW);
	assert_int_equal(parselist("4294967294", 4), -ERANGE);
	/* As Linux: the largest number makes a group of 0 bits (end + 1 wraps). */
	assert_int_equal(parselist("4294967295", 4), -EINVAL);
}

static const char *hex(unsigned long m, int nbits)
{
	static char buf[64];

	int n;

	mask[0] = m;
	n = bitmap_print_hex(buf, sizeof(buf), mask, nbits);
	assert_int_equal(n, strlen(buf));
	return buf;
}

static const char *list(unsigned long m, int nbits)
{
	static char buf[256];

	int n;

	mask[0] = m;
	n = bitmap_print_list(buf, sizeof(buf), mask, nbits);
	assert_int_equal(n, strlen(buf));
	return buf;
}

static void printing_matches_pb_and_pbl(void **state)
{
	char page[4096];

	assert_string_equal(hex(0xf, 4), "f");
	assert_string_equal(hex(0x1, 1), "1");
	assert_string_equal(hex(0x5, 8), "05");
	assert_string_equal(hex(0, 4), "0");
	assert_string_equal(hex(1UL << 32, 64), "00000001,00000000");
	assert_string_equal(hex(0xff, 33), "0,000000ff");
	assert_string_equal(hex(0xf0, 4), "0");	/* bits past the width are not printed */
	assert_string_equal(list(0x2f, 8), "0-3,5");
	assert_string_equal(list(0, 4), "");
	assert_string_equal(list(0x8, 4), "3");
	assert_string_equal(list(0x5555555555555555UL, 64),
			    "0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38,40,"
			    "42,44,46,48,50,52,54,56,58,60,62");
	assert_string_equal(list(~0UL, 64), "0-63");
	mask[0] = 0xb;
	assert_int_equal(bitmap_print_to_pagebuf(false, page, mask, 4), 2);
	assert_string_equal(page, "b\n");
	assert_int_equal(bitmap_print_to_pagebuf(true, page, mask, 4), 6);
	assert_string_equal(page, "0-1,3\n");
}

static void printing_truncates_and_reports_full_length(void **state)
{
	char buf[4];

	mask[0] = 0x2f;
	assert_int_equal(bitmap_print_list(buf, sizeof(buf), mask, 8), 5);
	assert_string_equal(buf, "0-3");
	mask[0] = 1UL << 32;
	assert_int_equal(bitmap_print_hex(buf, sizeof(buf), mask, 64), 17);
	assert_string_equal(buf, "000");
}

static void printed_text_parses_back(void **state)
{
	static const unsigned long samples[] = { 0, 1, 0x8000000000000000UL, 0x123456789abcdefUL,
						 ~0UL, 0xf0f0 };
	char buf[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(samples); i++) {
		mask[0] = samples[i];
		bitmap_print_hex(buf, sizeof(buf), mask, 64);
		assert_int_equal(parse(buf, 64), 0);
		assert_int_equal(mask[0], samples[i]);
		mask[0] = samples[i];
		bitmap_print_list(buf, sizeof(buf), mask, 64);
		assert_int_equal(parselist(buf, 64), 0);
		assert_int_equal(mask[0], samples[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hex_words_parse_as_linux),
		cmocka_unit_test(hex_errors_are_linux_errnos),
		cmocka_unit_test(lists_parse_as_linux),
		cmocka_unit_test(list_errors_are_linux_errnos),
		cmocka_unit_test(printing_matches_pb_and_pbl),
		cmocka_unit_test(printing_truncates_and_reports_full_length),
		cmocka_unit_test(printed_text_parses_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
