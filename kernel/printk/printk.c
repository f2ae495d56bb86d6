// SPDX-License-Identifier: MIT
/*
 * printk: formats a message, prefixes each line with the dmesg-style
 * timestamp "[    0.001234] ", keeps it in the log buffer and writes it to
 * every registered console if its level is below console_loglevel.
 * Safe from interrupt context; while an oops is being printed the lock is
 * taken with a bounded wait so that a CPU dying while holding it does not
 * silence the report. An NMI that lands on the CPU holding the lock (an
 * NMI backtrace, say) cannot wait for it, since the holder only runs
 * again after the NMI returns: it writes without the lock.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/spinlock.h>
#include <linux/sched/clock.h>
#include <linux/init.h>
#include <linux/preempt.h>
#include <asm/smp.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>

#define LOG_BUF_LEN	(1 << 16)
#define DEFAULT_MESSAGE_LOGLEVEL 4	/* KERN_WARNING, as Linux */

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
int oops_in_progress;

static struct console *console_drivers;
static DEFINE_SPINLOCK(logbuf_lock);
static char log_buf[LOG_BUF_LEN];
static u8 log_lvl[LOG_BUF_LEN];		/* each byte's line's level, for syslog(2) */
static unsigned long log_next;		/* total bytes ever logged */
static unsigned long clear_seq;		/* syslog(SYSLOG_ACTION_CLEAR): reads start here */
static bool line_open;			/* the last message had no newline */
static int line_level = DEFAULT_MESSAGE_LOGLEVEL;
static int logbuf_owner = -1;		/* CPU holding logbuf_lock */

void register_console(struct console *con)
{
	con->next = console_drivers;
	console_drivers = con;
}

void console_emit(const char *s, unsigned int n)
{
	struct console *con;

	for (con = console_drivers; con; con = con->next)
		con->write(con, s, n);
}

static void log_store(const char *s, unsigned int n, bool to_console)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		log_buf[(log_next + i) % LOG_BUF_LEN] = s[i];
		log_lvl[(log_next + i) % LOG_BUF_LEN] = line_level;
	}
	log_next += n;
	if (to_console)
		console_emit(s, n);
}

/* Copy the most recent part of the log into buf: for /proc/kmsg-like readers. */
size_t log_buf_copy(char *buf, size_t size)
{
	unsigned long start, n, i;

	n = min(log_next, (unsigned long)min(size, (size_t)LOG_BUF_LEN));
	start = log_next - n;
	for (i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_LEN];
	return n;
}

/* The end of the line starting at p: its newline, or end. */
static const char *memchr_nl(const char *p, const char *end)
{
	while (p < end && *p != '\n')
		p++;
	return p;
}

static int parse_level(const char **fmt, bool *cont)
{
	int level = -1;

	while ((*fmt)[0] == KERN_SOH[0] && (*fmt)[1]) {
		char c = (*fmt)[1];

		if (c >= '0' && c <= '7')
			level = c - '0';
		else if (c == 'c')
			*cont = true;
		*fmt += 2;
	}
	return level;
}

int vprintk(const char *fmt, va_list args)
{
	char text[512], prefix[32];
	const char *p, *nl;
	unsigned long flags;
	bool cont = false;
	int level, len;
	unsigned int spins = 0;
	bool locked = true;

	level = parse_level(&fmt, &cont);
	len = vsnprintf(text, sizeof(text), fmt, args);
	if (len >= (int)sizeof(text))
		len = sizeof(text) - 1;

	local_irq_save(flags);
	while (!spin_trylock(&logbuf_lock)) {
		if ((oops_in_progress && ++spins > 10000000) ||
		    (in_nmi() && (READ_ONCE(logbuf_owner) == smp_processor_id() ||
				  ++spins > 1000000))) {
			locked = false;	/* the holder cannot release it: print anyway */
			break;
		}
		cpu_relax();
	}
	if (locked)
		WRITE_ONCE(logbuf_owner, smp_processor_id());

	if (line_open && !cont) {
		log_store("\n", 1, line_level < console_loglevel);
		line_open = false;
	}
	if (!line_open)
		line_level = level >= 0 ? level : DEFAULT_MESSAGE_LOGLEVEL;

	for (p = text; p < text + len; p = nl) {
		bool show = line_level < console_loglevel;

		if (!line_open) {
			u64 ns = local_clock();
			int n = snprintf(prefix, sizeof(prefix), "[%5lu.%06lu] ",
					 (unsigned long)(ns / 1000000000),
					 (unsigned long)(ns % 1000000000) / 1000);
			log_store(prefix, n, show);
			line_open = true;
		}
		nl = memchr_nl(p, text + len);
		log_store(p, nl - p, show);
		if (nl < text + len && *nl == '\n') {
			nl++;
			line_open = false;
			log_store("\n", 1, show);
		}
	}

	if (locked) {
		WRITE_ONCE(logbuf_owner, -1);
		spin_unlock(&logbuf_lock);
	}
	local_irq_restore(flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

#define RATELIMIT_INTERVAL_NS	(5ULL * 1000000000)
#define RATELIMIT_BURST		10

bool __printk_ratelimit(u64 *window_start, unsigned int *printed)
{
	u64 now = local_clock();

	if (!*window_start || now - *window_start > RATELIMIT_INTERVAL_NS) {
		*window_start = now ? now : 1;
		*printed = 0;
	}
	return (*printed)++ < RATELIMIT_BURST;
}

static int __init loglevel_setup(char *arg)
{
	unsigned long v;

	if (kstrtoul(arg, 10, &v) || v > 15)
		return -EINVAL;
	console_loglevel = v;
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int __init quiet_setup(char *arg)
{
	console_loglevel = 4;
	return 0;
}
__setup("quiet", quiet_setup);

/* syslog(2)'s actions, Linux's numbers (include/linux/syslog.h). */
#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_BUFFER	10

/*
 * The log since the last clear, whole lines, each as syslog(2) gives
 * it: "<level>[    time] text\n". Into out (2 * LOG_BUF_LEN); the length.
 */
static size_t syslog_format(char *out, char *raw, u8 *lvl, bool clear)
{
	unsigned long start, n, i, flags;
	size_t len = 0;
	bool bol;

	spin_lock_irqsave(&logbuf_lock, flags);
	start = max(clear_seq, log_next > LOG_BUF_LEN ? log_next - LOG_BUF_LEN : 0);
	n = log_next - start;
	for (i = 0; i < n; i++) {
		raw[i] = log_buf[(start + i) % LOG_BUF_LEN];
		lvl[i] = log_lvl[(start + i) % LOG_BUF_LEN];
	}
	bol = !start || log_buf[(start - 1) % LOG_BUF_LEN] == '\n';
	if (clear)
		clear_seq = log_next;
	spin_unlock_irqrestore(&logbuf_lock, flags);

	for (i = 0; i < n; i++) {
		if (!bol) {	/* the tail of a line whose head the buffer lost */
			bol = raw[i] == '\n';
			continue;
		}
		len += snprintf(out + len, 8, "<%u>", lvl[i] & 7);
		while (i < n) {
			out[len++] = raw[i];
			if (raw[i++] == '\n')
				break;
		}
		i--;
	}
	return len;
}

/* The newest whole lines of the log that fit in len bytes, to buf. */
static int syslog_print_all(char __user *buf, int len, bool clear)
{
	char *out = kmalloc(2 * LOG_BUF_LEN, GFP_KERNEL);
	char *raw = kmalloc(LOG_BUF_LEN, GFP_KERNEL);
	u8 *lvl = kmalloc(LOG_BUF_LEN, GFP_KERNEL);
	size_t total, skip = 0;
	int ret = -ENOMEM;

	if (out && raw && lvl) {
		total = syslog_format(out, raw, lvl, clear);
		while (total - skip > (size_t)len) {
			const char *nl = memchr_nl(out + skip, out + total);

			skip = nl < out + total ? (size_t)(nl - out) + 1 : total;
		}
		ret = copy_to_user(buf, out + skip, total - skip) ? -EFAULT : (int)(total - skip);
	}
	kfree(out);
	kfree(raw);
	kfree(lvl);
	return ret;
}

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
		return 0;
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		return syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		WRITE_ONCE(clear_seq, READ_ONCE(log_next));
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len;
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	/* SYSLOG_ACTION_READ (2) and SIZE_UNREAD (9), the /proc/kmsg reader's: not provided. */
	return -EINVAL;
}
