/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

/*
 * A text buffer that /proc-style show functions print into. Unlike
 * Linux's, there is no file or iterator behind it: the caller owns
 * @buf and calls the show function (fs/proc/root.c does, per open). Output that does not fit is cut and
 * the file is marked overflowed (count == size), as Linux does before
 * it retries with a bigger buffer.
 */
#include <linux/types.h>
#include <linux/compiler.h>

struct seq_file {
	char	*buf;
	size_t	size;
	size_t	count;
	void	*private;	/* the data the file was created with */
};

static inline void seq_file_init(struct seq_file *m, char *buf, size_t size)
{
	m->buf = buf;
	m->size = size;
	m->count = 0;
	if (size)
		buf[0] = '\0';
}

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

#endif
