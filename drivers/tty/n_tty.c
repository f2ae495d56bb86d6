// SPDX-License-Identifier: MIT
/*
 * The line discipline N_TTY: what a terminal does between the keyboard
 * and read(). In canonical mode (ICANON) input is edited a line at a
 * time: VERASE rubs out a character, VWERASE a word, VKILL the line;
 * a newline, VEOL or VEOL2 completes the line, VEOF completes it
 * without being stored (alone on a line it reads as end of file), and
 * read() returns at most one line. Otherwise bytes are readable as
 * they arrive, and VMIN and VTIME say when a read returns. ICRNL, INLCR and IGNCR translate input; ECHO, ECHOE,
 * ECHOCTL and ECHONL shape the echo; ISIG's VINTR, VQUIT and VSUSP
 * flush the input and signal the foreground process group.
 *
 * Input arrives in the UART's interrupt handler with tty->lock held and
 * is processed there, echo included: Linux hands it to a worker first
 * (flip buffers), a step a polled 115200-baud console does not need.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/timer.h>


/* Linux's __DISABLED_CHAR: a line-end byte 0 stands for VEOF. */
#define EOF_MARK	'\0'

int kill_pgrp(int pgrp, int sig, int priv);

static size_t ring(size_t i)
{
	return i & (N_TTY_BUF_SIZE - 1);
}

static bool line_end_at(struct n_tty_data *ld, size_t i)
{
	return ld->read_flags[ring(i) / 64] & (1UL << (ring(i) % 64));
}

static void set_line_end(struct n_tty_data *ld, size_t i, bool on)
{
	unsigned long bit = 1UL << (ring(i) % 64);

	if (on)
		ld->read_flags[ring(i) / 64] |= bit;
	else
		ld->read_flags[ring(i) / 64] &= ~bit;
}

static void echo(struct tty_struct *tty, const char *s, size_t n)
{
	if (L_ECHO(tty))
		tty_write_processed(tty, s, n);
}

/* Echo c, control characters as ^X under ECHOCTL (but not tab or newline). */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	char caret[2] = { '^', c ^ 0x40 };

	if ((tty->termios.c_lflag & ECHOCTL) && (c < ' ' || c == 0x7f) && c != '\t' && c != '\n')
		echo(tty, caret, 2);
	else
		echo(tty, (const char *)&c, 1);
}

static bool put_char(struct n_tty_data *ld, unsigned char c, bool line_end)
{
	/* One byte stays free for a line end, so a full line can still be ended. */
	if (ld->read_head - ld->read_tail >= N_TTY_BUF_SIZE - (line_end ? 0 : 1))
		return false;
	ld->read_buf[ring(ld->read_head)] = c;
	set_line_end(ld, ld->read_head, line_end);
	ld->read_head++;
	return true;
}

/*
 * Rub out the last character of the line being edited; false if there
 * is none. ECHOE erases it on the screen (a ^X takes two columns);
 * without ECHOE the erase character itself is echoed.
 */
static bool erase_one(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	tcflag_t lflag = tty->termios.c_lflag;
	unsigned char c;

	if (ld->read_head == ld->canon_head)
		return false;
	c = ld->read_buf[ring(--ld->read_head)];
	if (!L_ECHO(tty))
		return true;
	if (!(lflag & ECHOE)) {
		echo_char(tty, tty->termios.c_cc[VERASE]);
		return true;
	}
	echo(tty, "\b \b", 3);
	if ((lflag & ECHOCTL) && (c < ' ' || c == 0x7f) && c != '\t')
		echo(tty, "\b \b", 3);
	return true;
}

/*
 * VKILL: the line goes. With ECHOK, ECHOKE and ECHOE it is rubbed out
 * on the screen; otherwise the kill character is echoed, and under ECHOK
 * a newline after it, as Linux's n_tty.
 */
static void kill_line(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	tcflag_t lflag = tty->termios.c_lflag;

	if (ld->read_head == ld->canon_head)
		return;
	if (L_ECHO(tty) && (lflag & ECHOK) && (lflag & ECHOKE) && (lflag & ECHOE)) {
		while (erase_one(tty))
			;
		return;
	}
	ld->read_head = ld->canon_head;
	echo_char(tty, tty->termios.c_cc[VKILL]);
	if (lflag & ECHOK)
		echo(tty, "\n", 1);
}

static void erase_word(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	while (ld->read_head != ld->canon_head &&
	       ld->read_buf[ring(ld->read_head - 1)] == ' ' && erase_one(tty))
		;
	while (ld->read_head != ld->canon_head &&
	       ld->read_buf[ring(ld->read_head - 1)] != ' ' && erase_one(tty))
		;
}

/*
 * The termios changed (tty->lock held). Entering or leaving canonical
 * mode redraws the line boundaries, as Linux's: bytes not yet read when
 * ICANON comes on form a line of their own (with no line end), and in
 * raw mode every byte is readable as it stands.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	struct n_tty_data *ld = &tty->ldata;

	if (!((old->c_lflag ^ tty->termios.c_lflag) & ICANON))
		return;
	if (!L_ICANON(tty) || ld->read_head == ld->read_tail) {
		ld->canon_head = ld->read_tail;
		return;
	}
	set_line_end(ld, ld->read_head - 1, true);
	ld->canon_head = ld->read_head;
}

void n_tty_flush(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	ld->read_tail = ld->canon_head = ld->read_head;
}

static void isig(struct tty_struct *tty, int sig, unsigned char c)
{
	echo_char(tty, c);
	if (!(tty->termios.c_lflag & NOFLSH))
		n_tty_flush(tty);
	if (tty->pgrp)
		kill_pgrp(tty->pgrp, sig, 1);
}

/* Complete the line being edited, ending with c (EOF_MARK for VEOF). */
static void end_line(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (!put_char(ld, c, true))
		return;
	ld->canon_head = ld->read_head;
	wake_up_interruptible(&tty->read_wait);
}

static bool receive_special_canon(struct tty_struct *tty, unsigned char c)
{
	const cc_t *cc = tty->termios.c_cc;
	bool iexten = tty->termios.c_lflag & IEXTEN;

	if (c == cc[VERASE]) {
		erase_one(tty);
	} else if (c == cc[VWERASE] && iexten) {
		erase_word(tty);
	} else if (c == cc[VKILL]) {
		kill_line(tty);
	} else if (c == cc[VEOF]) {
		end_line(tty, EOF_MARK);
	} else if (c == '\n' || (c && (c == cc[VEOL] || c == cc[VEOL2]))) {
		if (c != '\n')
			echo_char(tty, c);
		else if (L_ECHO(tty) || (tty->termios.c_lflag & ECHONL))
			tty_write_processed(tty, "\n", 1);
		end_line(tty, c);
	} else {
		return false;
	}
	return true;
}

static bool receive_signal_char(struct tty_struct *tty, unsigned char c)
{
	const cc_t *cc = tty->termios.c_cc;

	if (!L_ISIG(tty) || !c)
		return false;
	if (c == cc[VINTR])
		isig(tty, SIGINT, c);
	else if (c == cc[VQUIT])
		isig(tty, SIGQUIT, c);
	else if (c == cc[VSUSP])
		isig(tty, SIGTSTP, c);
	else
		return false;
	return true;
}

/* One received byte; tty->lock held, interrupts off. */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	tcflag_t iflag = tty->termios.c_iflag;

	if (c == '\r') {
		if (iflag & IGNCR)
			return;
		if (iflag & ICRNL)
			c = '\n';
	} else if (c == '\n' && (iflag & INLCR)) {
		c = '\r';
	}
	if (receive_signal_char(tty, c))
		return;
	if (L_ICANON(tty)) {
		if (receive_special_canon(tty, c))
			return;
		if (put_char(&tty->ldata, c, false))
			echo_char(tty, c);
		return;
	}
	if (put_char(&tty->ldata, c, false)) {
		echo_char(tty, c);
		wake_up_interruptible(&tty->read_wait);
	}
}

/* Is there something read() would return now (a whole line, in canonical mode)? */
bool n_tty_input_available(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	if (L_ICANON(tty))
		return READ_ONCE(ld->canon_head) != READ_ONCE(ld->read_tail);
	return READ_ONCE(ld->read_head) != READ_ONCE(ld->read_tail);
}

size_t n_tty_chars_in_buffer(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	return (L_ICANON(tty) ? ld->canon_head : ld->read_head) - ld->read_tail;
}

/*
 * Move up to n readable bytes into dst; under tty->lock. In canonical
 * mode stop after a line end; a VEOF ending is consumed, not copied.
 * *eol reports that a line (or end of file) was finished.
 */
static size_t copy_from_read_buf(struct tty_struct *tty, char *dst, size_t n, bool *eol)
{
	struct n_tty_data *ld = &tty->ldata;
	size_t end = L_ICANON(tty) ? ld->canon_head : ld->read_head, done = 0;

	*eol = false;
	while (done < n && ld->read_tail != end) {
		size_t i = ld->read_tail++;
		char c = ld->read_buf[ring(i)];

		if (L_ICANON(tty) && line_end_at(ld, i)) {
			*eol = true;
			if (c != EOF_MARK)
				dst[done++] = c;
			break;
		}
		dst[done++] = c;
	}
	return done;
}

/*
 * Sleep until a line (or byte) is readable, at most *timeout jiffies
 * (what is left is written back); -ERESTARTSYS if a signal comes first.
 */
static int wait_for_input(struct tty_struct *tty, long *timeout)
{
	DEFINE_WAIT(wait);
	int err = 0;

	for (;;) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (n_tty_input_available(tty))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		if (!*timeout)
			break;
		*timeout = schedule_timeout(*timeout);
	}
	finish_wait(&tty->read_wait, &wait);
	return err;
}

/*
 * When a non-canonical read may return (termios(3)): VMIN bytes (at
 * most the count asked for), and VTIME tenths of a second, which with
 * VMIN 0 bound the whole wait and with VMIN > 0 the gap between two
 * bytes once the first has come. Canonical mode: one line.
 */
struct read_rule {
	size_t minimum;
	long timeout;		/* jiffies; MAX_SCHEDULE_TIMEOUT: none */
	bool interbyte;		/* the timer restarts with each byte */
};

static struct read_rule read_rule(struct tty_struct *tty, size_t nr)
{
	const cc_t *cc = tty->termios.c_cc;
	long vtime = (long)cc[VTIME] * HZ / 10;
	struct read_rule r = { 1, MAX_SCHEDULE_TIMEOUT, false };

	if (L_ICANON(tty))
		return r;
	if (!cc[VMIN]) {
		r.minimum = 0;
		r.timeout = vtime;	/* 0: return at once, with what there is */
	} else {
		r.minimum = min((size_t)cc[VMIN], nr);
		r.interbyte = vtime != 0;
		if (r.interbyte)
			r.timeout = vtime;
	}
	return r;
}

/* Move what is readable (up to nr - done bytes) to user space. */
static ssize_t read_some(struct tty_struct *tty, char __user *buf, size_t nr, size_t *done,
			 bool *eol)
{
	char bounce[256];

	while (*done < nr && !*eol) {
		unsigned long flags;
		size_t n;

		spin_lock_irqsave(&tty->lock, flags);
		n = copy_from_read_buf(tty, bounce, min(nr - *done, sizeof(bounce)), eol);
		spin_unlock_irqrestore(&tty->lock, flags);
		if (!n)
			break;
		if (copy_to_user(buf + *done, bounce, n))
			return -EFAULT;
		*done += n;
	}
	return 0;
}

ssize_t n_tty_read(struct tty_struct *tty, struct file *file, char __user *buf, size_t nr)
{
	struct read_rule r = read_rule(tty, nr);
	long timeout = r.timeout;
	size_t done = 0;
	bool eol = false;
	int err = 0;

	for (;;) {
		size_t before = done;

		if (read_some(tty, buf, nr, &done, &eol))
			return done ? (ssize_t)done : -EFAULT;
		if (eol || done >= nr || (done && done >= r.minimum) || (!r.minimum && done))
			break;
		if (!r.minimum && !timeout)
			break;		/* VMIN 0: the time is up (or there was none) */
		if (r.interbyte && done > before)
			timeout = r.timeout;
		if (file->f_flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (r.interbyte && !done)
			timeout = MAX_SCHEDULE_TIMEOUT;	/* the timer starts with the first byte */
		err = wait_for_input(tty, &timeout);
		if (err)
			break;
		if (!timeout && !n_tty_input_available(tty))
			break;
	}
	return done ? (ssize_t)done : err;
}
