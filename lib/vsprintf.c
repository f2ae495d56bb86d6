// SPDX-License-Identifier: MIT
/*
 * vsnprintf: the printf subset the kernel uses — flags '-', '0', ' ', '+',
 * width and precision (also '*'), length modifiers hh h l ll z t, the
 * conversions d i u x X o c s p %, and the kernel extensions %pS / %ps
 * (symbol+offset/size, from kallsyms) and %*pb / %*pbl (a bitmap of
 * width bits in hex words or as a list, lib/bitmap-str.c).
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <linux/bitmap.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
		       bool left)
{
	int pad = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (pad-- > 0)
			put(o, ' ');
	while (n--)
		put(o, *s++);
	if (left)
		while (pad-- > 0)
			put(o, ' ');
}

struct numspec {
	unsigned int base;
	bool upper, zero, left, plus, space, neg;
	int width, precision;
};

static void put_number(struct out *o, unsigned long long v, struct numspec *ns)
{
	const char *digits = ns->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;
	char sign = ns->neg ? '-' : ns->plus ? '+' : ns->space ? ' ' : 0;

	do {
		tmp[n++] = digits[v % ns->base];
		v /= ns->base;
	} while (v);
	while (n < ns->precision && n < (int)sizeof(tmp))
		tmp[n++] = '0';
	len = n + (sign != 0);
	if (!ns->left && !ns->zero)
		for (; len < ns->width; len++)
			put(o, ' ');
	if (sign)
		put(o, sign);
	if (!ns->left && ns->zero)
		for (; len < ns->width; len++)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	for (; len < ns->width; len++)
		put(o, ' ');
}

/* %*pb and %*pbl: at most 64 bits here (NR_CPUS), so the text is short. */
static void put_bitmap(struct out *o, const unsigned long *map, int nbits, bool list)
{
	char tmp[256];
	int n = list ? bitmap_print_list(tmp, sizeof(tmp), map, nbits)
		     : bitmap_print_hex(tmp, sizeof(tmp), map, nbits);

	put_padded(o, tmp, min(n, (int)sizeof(tmp) - 1), 0, false);
}

static void put_symbol(struct out *o, unsigned long addr, bool with_size,
		       int width, bool left)
{
	char sym[KSYM_SYMBOL_LEN];

	if (with_size)
		sprint_symbol(sym, addr);
	else
		sprint_symbol_no_offset(sym, addr);
	put_padded(o, sym, strlen(sym), width, left);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		struct numspec ns = { .base = 10, .precision = -1 };
		int lng = 0;
		unsigned long long v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			char f = *++fmt;

			if (f == '-')
				ns.left = true;
			else if (f == '0')
				ns.zero = true;
			else if (f == '+')
				ns.plus = true;
			else if (f == ' ')
				ns.space = true;
			else if (f != '#')
				break;
		}
		if (*fmt == '*') {
			ns.width = va_arg(args, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			ns.width = ns.width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			ns.precision = 0;
			if (*++fmt == '*') {
				ns.precision = va_arg(args, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				ns.precision = ns.precision * 10 + (*fmt - '0');
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z' || *fmt == 't')
				lng = 1;
			else if (*fmt != 'h')
				break;
		}

		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(args, int));
			continue;
		case 's': {
			const char *s = va_arg(args, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, strnlen(s, ns.precision < 0 ? ~0UL : ns.precision),
				   ns.width, ns.left);
			continue;
		}
		case 'p':
			v = (unsigned long)va_arg(args, void *);
			if (fmt[1] == 'S' || fmt[1] == 's' || fmt[1] == 'B') {
				put_symbol(&o, v, fmt[1] != 's', ns.width, ns.left);
				fmt++;
				continue;
			}
			if (fmt[1] == 'b') {
				put_bitmap(&o, (const unsigned long *)v, ns.width, fmt[2] == 'l');
				fmt += fmt[2] == 'l' ? 2 : 1;
				continue;
			}
			ns.base = 16;
			ns.zero = true;
			ns.width = 16;
			put_number(&o, v, &ns);
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'd':
		case 'i': {
			long long sv = lng >= 2 ? va_arg(args, long long) :
				       lng ? va_arg(args, long) : va_arg(args, int);

			ns.neg = sv < 0;
			put_number(&o, ns.neg ? -(unsigned long long)sv : sv, &ns);
			continue;
		}
		case 'X':
			ns.upper = true;
			/* fall through */
		case 'x':
			ns.base = 16;
			break;
		case 'o':
			ns.base = 8;
			break;
		case 'u':
			break;
		default:
			put(&o, '%');
			if (*fmt)
				put(&o, *fmt);
			else
				fmt--;
			continue;
		}
		v = lng >= 2 ? va_arg(args, unsigned long long) :
		    lng ? va_arg(args, unsigned long) : va_arg(args, unsigned int);
		put_number(&o, v, &ns);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, ~0UL >> 1, fmt, args);
	va_end(args);
	return n;
}
