// SPDX-License-Identifier: MIT
/*
 * The printing half of seq_file: formatted output into the caller's
 * buffer, always NUL-terminated while there is room, and overflow marked
 * by count == size so the caller can tell a cut listing from a full one.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	size_t room = m->size - m->count;
	int len;

	if (m->count >= m->size)
		return;
	len = vsnprintf(m->buf + m->count, room, fmt, args);
	if (len < 0 || (size_t)len >= room)
		seq_set_overflow(m);
	else
		m->count += len;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_puts(struct seq_file *m, const char *s)
{
	size_t len = strlen(s);

	if (m->count + len >= m->size) {
		seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, s, len + 1);
	m->count += len;
}

void seq_putc(struct seq_file *m, char c)
{
	if (m->count + 1 >= m->size) {
		seq_set_overflow(m);
		return;
	}
	m->buf[m->count++] = c;
	m->buf[m->count] = '\0';
}

/* Raw bytes, NULs included (/proc/PID/cmdline). */
void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len >= m->size) {
		seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
	m->buf[m->count] = '\0';
}
