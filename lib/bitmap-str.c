// SPDX-License-Identifier: MIT
/*
 * Bitmaps to and from text in Linux's user-visible formats, for the
 * files that take CPU masks (/proc/irq/N/smp_affinity and _list,
 * /proc/irq/default_smp_affinity) and the irqaffinity= option. The
 * errors are Linux's, since they are what a write(2) returns.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <asm/page.h>

static bool end_of_str(char c)
{
	return c == '\0' || c == '\n';
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* What separates regions (list) or words (hex). */
static bool region_separator(char c)
{
	return is_space(c) || c == ',';
}

static bool end_of_region(char c)
{
	return region_separator(c) || end_of_str(c);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void bitmap_set_bit(unsigned long *map, unsigned int bit)
{
	map[bit / BITMAP_BITS_PER_LONG] |= 1UL << (bit % BITMAP_BITS_PER_LONG);
}

static bool bitmap_test_bit(const unsigned long *map, unsigned int bit)
{
	return (map[bit / BITMAP_BITS_PER_LONG] >> (bit % BITMAP_BITS_PER_LONG)) & 1;
}

/* --- bitmap_parselist ------------------------------------------------------ */

/* start-end:used/group: in each group of group bits from start, the first used. */
struct region {
	unsigned int start, end, used, group, nbits;
};

/* A decimal number or "N" (the last bit); the text after it, or NULL with *err. */
static const char *bitmap_getnum(const char *s, unsigned int *num, unsigned int lastbit,
				 int *err)
{
	unsigned long long n = 0;
	const char *p = s;

	if (*s == 'N') {
		*num = lastbit;
		return s + 1;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (n > 0xffffffffULL) {
			*err = -EOVERFLOW;
			return NULL;
		}
	}
	if (p == s) {
		*err = -EINVAL;
		return NULL;
	}
	*num = n;
	return p;
}

static bool prefix_all(const char *s)
{
	return (s[0] | 0x20) == 'a' && (s[1] | 0x20) == 'l' && (s[2] | 0x20) == 'l';
}

/* One region at s into r; the text after it, NULL at the end of the string or with *err. */
static const char *bitmap_parse_region(const char *s, struct region *r, int *err)
{
	unsigned int lastbit = r->nbits - 1;

	if (prefix_all(s)) {
		r->start = 0;
		r->end = lastbit;
		s += 3;
	} else {
		s = bitmap_getnum(s, &r->start, lastbit, err);
		if (!s)
			return NULL;
		r->end = r->start;
		if (end_of_region(*s))
			goto whole;
		if (*s != '-')
			goto bad;
		s = bitmap_getnum(s + 1, &r->end, lastbit, err);
		if (!s)
			return NULL;
	}
	if (end_of_region(*s))
		goto whole;
	if (*s != ':')
		goto bad;
	s = bitmap_getnum(s + 1, &r->used, lastbit, err);
	if (!s)
		return NULL;
	if (*s != '/')
		goto bad;
	return bitmap_getnum(s + 1, &r->group, lastbit, err);
whole:
	r->used = r->group = r->end + 1;
	return end_of_str(*s) ? NULL : s;
bad:
	*err = -EINVAL;
	return NULL;
}

static int bitmap_check_region(const struct region *r)
{
	if (r->start > r->end || !r->group || r->used > r->group)
		return -EINVAL;
	if (r->end >= r->nbits)
		return -ERANGE;
	return 0;
}

static void bitmap_set_region(const struct region *r, unsigned long *map)
{
	unsigned int g, bit;

	for (g = r->start; g <= r->end; g += r->group) {
		for (bit = g; bit < g + r->used && bit <= r->end; bit++)
			bitmap_set_bit(map, bit);
		if (g + r->group < g)	/* the next group would wrap */
			break;
	}
}

int bitmap_parselist(const char *buf, unsigned long *maskp, int nmaskbits)
{
	struct region r = { .nbits = nmaskbits };
	int err = 0;

	bitmap_zero(maskp, nmaskbits);
	while (buf) {
		while (region_separator(*buf))	/* leading commas and blanks are allowed */
			buf++;
		if (end_of_str(*buf))
			return 0;
		buf = bitmap_parse_region(buf, &r, &err);
		if (err)
			return err;
		err = bitmap_check_region(&r);
		if (err)
			return err;
		bitmap_set_region(&r, maskp);
	}
	return 0;
}

/* --- bitmap_parse ----------------------------------------------------------- */

/* Up to 8 hex digits ending at *end, read backwards; moves *end before them. */
static int bitmap_get_x32_reverse(const char *start, const char **end, u32 *word)
{
	const char *p = *end;
	u32 val = 0;
	int i, c;

	for (i = 0; i < 32; i += 4) {
		c = hex_value(*p--);
		if (c < 0)
			return -EINVAL;
		val |= (u32)c << i;
		if (start > p || region_separator(*p))
			goto out;
	}
	if (hex_value(*p) >= 0)
		return -EOVERFLOW;	/* a ninth digit: wider than 32 bits */
out:
	*word = val;
	*end = p;
	return 0;
}

static void bitmap_set_u32(unsigned long *map, unsigned int index, u32 val)
{
	unsigned int shift = (index % 2) * 32;
	unsigned long *w = &map[index / 2];

	*w = (*w & ~(0xffffffffUL << shift)) | ((unsigned long)val << shift);
}

int bitmap_parse(const char *buf, unsigned int buflen, unsigned long *maskp, int nmaskbits)
{
	unsigned int words = (nmaskbits + 31) / 32, w, len = 0, bit;
	const char *end;
	u32 val;
	int err;

	while (len < buflen && !end_of_str(buf[len]))
		len++;
	end = buf + len - 1;
	bitmap_zero(maskp, nmaskbits);
	for (w = 0; ; w++) {
		while (buf <= end && region_separator(*end))
			end--;
		if (buf > end)
			break;
		if (w == words)
			return -EOVERFLOW;
		err = bitmap_get_x32_reverse(buf, &end, &val);
		if (err)
			return err;
		bitmap_set_u32(maskp, w, val);
	}
	/* The last word may reach past nmaskbits: those bits must be clear. */
	for (bit = nmaskbits; bit < w * 32; bit++)
		if (bitmap_test_bit(maskp, bit))
			return -EOVERFLOW;
	return 0;
}

/* --- printing --------------------------------------------------------------- */

/* snprintf() that never reports more than it wrote, so lengths can be summed. */
static int put_str(char *buf, size_t size, int len, const char *fmt, unsigned int a,
		   unsigned int b)
{
	int n;

	if ((size_t)len >= size)
		return len + snprintf(NULL, 0, fmt, a, b);
	n = snprintf(buf + len, size - len, fmt, a, b);
	return len + n;
}

static u32 bitmap_get_u32(const unsigned long *map, unsigned int index)
{
	return map[index / 2] >> ((index % 2) * 32);
}

/*
 * %*pb: 32-bit words from the most significant, comma-separated; the
 * first as wide as the bits it holds (one digit for 4 CPUs), the others
 * eight digits.
 */
int bitmap_print_hex(char *buf, size_t size, const unsigned long *maskp, int nmaskbits)
{
	int w, len = 0, chunk = nmaskbits % 32 ? nmaskbits % 32 : 32;

	if (size)
		buf[0] = '\0';
	for (w = (nmaskbits + 31) / 32 - 1; w >= 0; w--) {
		u32 val = bitmap_get_u32(maskp, w);

		if (chunk < 32)
			val &= (1U << chunk) - 1;
		len = put_str(buf, size, len, len ? ",%0*x" : "%0*x", (chunk + 3) / 4, val);
		chunk = 32;
	}
	return len;
}

/* %*pbl: runs of set bits as "a-b", single bits as "a", comma-separated. */
int bitmap_print_list(char *buf, size_t size, const unsigned long *maskp, int nmaskbits)
{
	int bit, last, len = 0;

	if (size)
		buf[0] = '\0';
	for (bit = 0; bit < nmaskbits; bit = last + 1) {
		if (!bitmap_test_bit(maskp, bit)) {
			last = bit;
			continue;
		}
		for (last = bit; last + 1 < nmaskbits && bitmap_test_bit(maskp, last + 1); last++)
			;
		if (len)
			len = put_str(buf, size, len, ",", 0, 0);
		len = put_str(buf, size, len, last == bit ? "%u" : "%u-%u", bit, last);
	}
	return len;
}

int bitmap_print_to_pagebuf(bool list, char *buf, const unsigned long *maskp, int nmaskbits)
{
	int len = list ? bitmap_print_list(buf, PAGE_SIZE, maskp, nmaskbits)
		       : bitmap_print_hex(buf, PAGE_SIZE, maskp, nmaskbits);

	if (len >= (int)PAGE_SIZE - 1)
		len = PAGE_SIZE - 2;
	buf[len++] = '\n';
	buf[len] = '\0';
	return len;
}
