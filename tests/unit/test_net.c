// SPDX-License-Identifier: MIT
/* unit-test-sources: lib/checksum.c net/core/utils.c */
/*
 * The stack's pure pieces on the host: the Internet checksum against
 * RFC 1071's example and a straightforward 16-bit reference over random
 * buffers of every length and alignment, dotted-quad parsing, and the
 * ipv4_is_*() tests for special addresses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/inet.h>
#include <linux/in.h>
#include <net/checksum.h>

/* RFC 1071 by the book: big-endian 16-bit words, end-around carry. */
static uint16_t reference_csum(const uint8_t *p, int len)
{
	uint32_t s = 0;
	int i;

	for (i = 0; i + 1 < len; i += 2)
		s += (p[i] << 8) | p[i + 1];
	if (len & 1)
		s += p[len - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

static void csum_rfc1071_example(void **state)
{
	static const uint8_t data[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	assert_int_equal(ntohs(ip_compute_csum(data, sizeof(data))), (uint16_t)~0xddf2);
}

static void csum_matches_reference_for_every_length_and_alignment(void **state)
{
	uint8_t buf[1600];
	int len, off;

	srand(7);
	for (len = 0; len < (int)sizeof(buf) - 8; len += 1 + len / 16) {
		for (off = 0; off < 4; off++) {
			int i;

			for (i = 0; i < len; i++)
				buf[off + i] = rand();
			assert_int_equal(ntohs(ip_compute_csum(buf + off, len)),
					 reference_csum(buf + off, len));
		}
	}
}

static void csum_of_data_with_its_checksum_is_zero(void **state)
{
	uint8_t hdr[20] = { 0x45, 0, 0, 28, 0x12, 0x34, 0, 0, 64, 17, 0, 0, 10, 0, 2, 2, 10, 0, 2, 15 };
	__sum16 c = ip_fast_csum(hdr, 5);

	memcpy(hdr + 10, &c, 2);
	assert_int_equal(ip_fast_csum(hdr, 5), 0);
}

static void udp_pseudo_header_sum(void **state)
{
	/* 10.0.2.2:5000 -> 10.0.2.15:7, payload "hi": checked against the reference over the pseudo-header. */
	uint8_t whole[12 + 10] = { 10, 0, 2, 2, 10, 0, 2, 15, 0, 17, 0, 10,
				   0x13, 0x88, 0, 7, 0, 10, 0, 0, 'h', 'i' };
	__be32 s = htonl(0x0a000202), d = htonl(0x0a00020f);
	__sum16 c = csum_tcpudp_magic(s, d, 10, 17, csum_partial(whole + 12, 10, 0));

	assert_int_equal(ntohs(c), reference_csum(whole, sizeof(whole)));
}

static void in4_pton_accepts_quads_and_rejects_the_rest(void **state)
{
	const char *end;
	uint8_t a[4];

	assert_int_equal(in4_pton("192.168.001.254", -1, a, '\0', &end), 1);
	assert_int_equal(a[0], 192);
	assert_int_equal(a[3], 254);
	assert_int_equal(*end, '\0');
	assert_int_equal(in4_pton("10.0.2.15:rest", -1, a, ':', &end), 1);
	assert_int_equal(*end, ':');
	assert_int_equal(in4_pton("10.0.2.15", 6, a, '\0', NULL), 0);	/* "10.0.2" */
	assert_int_equal(in4_pton("1.2.3.4.5", -1, a, '\0', NULL), 0);
	assert_int_equal(in4_pton("1..3.4", -1, a, '\0', NULL), 0);
	assert_int_equal(in4_pton("1.2.3.1000", -1, a, '\0', NULL), 0);
	assert_int_equal(in4_pton("a.b.c.d", -1, a, '\0', NULL), 0);
	assert_int_equal(in4_pton("", -1, a, '\0', NULL), 0);
}

static __be32 quad(const char *s)
{
	uint8_t a[4];
	__be32 addr;

	assert_int_equal(in4_pton(s, -1, a, '\0', NULL), 1);
	memcpy(&addr, a, 4);
	return addr;
}

/* Linux 6.x's answers: 0/8 is zeronet only at 0.0.0.0, class E is no special case. */
static void ipv4_is_helpers_classify_special_addresses(void **state)
{
	static const struct {
		const char *addr;
		bool zeronet, loopback, multicast, local_multicast, lbcast;
	} t[] = {
		{ "0.0.0.0", true, false, false, false, false },
		{ "0.1.2.3", false, false, false, false, false },
		{ "127.0.0.1", false, true, false, false, false },
		{ "127.255.255.254", false, true, false, false, false },
		{ "128.0.0.1", false, false, false, false, false },
		{ "224.0.0.1", false, false, true, true, false },
		{ "224.0.1.1", false, false, true, false, false },
		{ "239.255.255.255", false, false, true, false, false },
		{ "240.0.0.1", false, false, false, false, false },
		{ "255.255.255.254", false, false, false, false, false },
		{ "255.255.255.255", false, false, false, false, true },
		{ "10.0.2.255", false, false, false, false, false },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		__be32 a = quad(t[i].addr);

		assert_int_equal(ipv4_is_zeronet(a), t[i].zeronet);
		assert_int_equal(ipv4_is_loopback(a), t[i].loopback);
		assert_int_equal(ipv4_is_multicast(a), t[i].multicast);
		assert_int_equal(ipv4_is_local_multicast(a), t[i].local_multicast);
		assert_int_equal(ipv4_is_lbcast(a), t[i].lbcast);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csum_rfc1071_example),
		cmocka_unit_test(csum_matches_reference_for_every_length_and_alignment),
		cmocka_unit_test(csum_of_data_with_its_checksum_is_zero),
		cmocka_unit_test(udp_pseudo_header_sum),
		cmocka_unit_test(in4_pton_accepts_quads_and_rejects_the_rest),
		cmocka_unit_test(ipv4_is_helpers_classify_special_addresses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
