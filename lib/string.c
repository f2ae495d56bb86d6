// SPDX-License-Identifier: MIT
/*
 * The string and memory primitives the compiler and the kernel rely on.
 * Plain byte loops, except memset/memcpy which use the string
 * instructions: quadwords for the bulk, bytes for the tail (8 times fewer
 * iterations than rep movsb/stosb — which is what -icount counts).
 */
#include <linux/string.h>
#include <linux/errno.h>

void *memset(void *s, int c, size_t n)
{
	unsigned long pattern = 0x0101010101010101UL * (unsigned char)c;
	size_t quads = n / 8, bytes = n % 8;
	void *d = s;

	asm volatile("rep stosq\n\t"
		     "movq %[bytes], %%rcx\n\t"
		     "rep stosb"
		     : "+D"(d), "+c"(quads) : "a"(pattern), [bytes] "r"(bytes) : "memory");
	return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	size_t quads = n / 8, bytes = n % 8;
	void *d = dst;

	asm volatile("rep movsq\n\t"
		     "movq %[bytes], %%rcx\n\t"
		     "rep movsb"
		     : "+D"(d), "+S"(src), "+c"(quads) : [bytes] "r"(bytes) : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

/* Copy with truncation; always terminates; returns the length or -E2BIG. */
size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t i;

	if (!size)
		return -7;
	for (i = 0; i < size - 1 && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
	return src[i] ? (size_t)-7 : i;
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	int any = 0;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			base = 16, s += 2;
		else if (s[0] == '0' && s[1])
			base = 8;
	}
	for (; *s && *s != '\n'; s++, any = 1) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (*s | 0x20) - 'a' + 10;
		else
			return -EINVAL;
		if (d >= base)
			return -EINVAL;
		if (v > (~0UL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (!any)
		return -EINVAL;
	*res = v;
	return 0;
}
