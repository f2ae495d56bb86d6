// SPDX-License-Identifier: MIT
/*
 * The tty core for reflex's one terminal, the serial console: the
 * character devices /dev/console, /dev/tty and /dev/ttyS0 (the same
 * tty; /dev/tty only for a process whose controlling terminal it is),
 * output processing (OPOST/ONLCR), the termios and window-size ioctls,
 * poll, and the input hand-over between the kernel console and user
 * space. Sessions, process groups and their signals are
 * tty_jobctrl.c's.
 *
 * Hand-over: received bytes go to the kernel console until the tty is
 * claimed, which the first read (or poll) through a file open for
 * reading does, and go back to it when the last such file is closed.
 * Opening is not enough: kernel_init opens init's descriptors before
 * the exec, and if the exec fails kconsole must still hear the keyboard.
 * So kconsole owns the keyboard until init reads its standard input,
 * gets it back if every reader closes it, and stays the debugging shell
 * of a kernel that never started user space.
 *
 * TIOCGWINSZ answers 24 rows by 80 columns until TIOCSWINSZ says
 * otherwise: a serial line cannot know, and Linux's 0x0 sends many
 * programs to 80 columns anyway.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/console.h>
#include <linux/uaccess.h>

void kconsole_receive_char(char c);

/* Linux's tty_std_termios: cooked mode with echo, 38400 baud 8N1, ^C ^\ DEL ^U ^D ... */
static const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021,
		[VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017,
		[VWERASE] = 027, [VLNEXT] = 026,
	},
};

static struct tty_struct console_tty = {
	.name = "console",
	.lock = __RAW_SPIN_LOCK_UNLOCKED,
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
	.atomic_write_lock = __MUTEX_INITIALIZER(console_tty.atomic_write_lock),
	.winsize = { .ws_row = 24, .ws_col = 80 },
};

/* The UART driver's: its output routine; received bytes then come through the tty. */
struct tty_struct *tty_attach_console_port(const struct tty_operations *ops)
{
	console_tty.ops = ops;
	return &console_tty;
}

/* From the UART's interrupt handler. */
void tty_insert_flip_char(struct tty_struct *tty, unsigned char ch)
{
	unsigned long flags;

	if (!tty || !READ_ONCE(tty->claimed)) {
		kconsole_receive_char(ch);
		return;
	}
	spin_lock_irqsave(&tty->lock, flags);
	n_tty_receive_char(tty, ch);
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* The end of a burst of input; n_tty already woke readers per line, pollers want it too. */
void tty_flip_buffer_push(struct tty_struct *tty)
{
	if (tty && READ_ONCE(tty->claimed) && n_tty_input_available(tty))
		wake_up_interruptible(&tty->read_wait);
}

static void tty_put(struct tty_struct *tty, const char *buf, size_t n)
{
	if (tty->ops && tty->ops->write)
		tty->ops->write(tty, buf, n);
	else
		console_emit(buf, n);
}

/* Output with OPOST/ONLCR applied: "\n" goes out as "\r\n". */
void tty_write_processed(struct tty_struct *tty, const char *buf, size_t n)
{
	size_t start = 0, i;

	if (!O_OPOST(tty) || !(tty->termios.c_oflag & ONLCR)) {
		tty_put(tty, buf, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		tty_put(tty, buf + start, i - start);
		tty_put(tty, "\r\n", 2);
		start = i + 1;
	}
	tty_put(tty, buf + start, n - start);
}

/* The first reader to ask takes the input over from kconsole, with an empty line. */
static void tty_claim(struct tty_struct *tty)
{
	unsigned long flags;

	if (READ_ONCE(tty->claimed))
		return;
	spin_lock_irqsave(&tty->lock, flags);
	if (!tty->claimed && tty->readers) {
		n_tty_flush(tty);
		tty->claimed = true;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
}

/*
 * init has exec'd with the console open: from now on keystrokes are its,
 * even those typed before its first read (after its first prompt, say).
 */
void tty_claim_console(void)
{
	tty_claim(&console_tty);
}

static ssize_t tty_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	/* Only the foreground group reads: the others get SIGTTIN. */
	int err = __tty_check_change(file->private_data, SIGTTIN);

	if (err)
		return err;
	tty_claim(file->private_data);
	return n_tty_read(file->private_data, file, buf, count);
}

static ssize_t tty_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	char bounce[256];
	size_t done = 0;
	bool fault = false;
	int err;

	/* TOSTOP: a background group's output stops it (SIGTTOU). */
	if (L_TOSTOP(tty) && (err = tty_check_change(tty)))
		return err;
	/* As Linux's tty_write_lock: two writers' lines never interleave. */
	if (mutex_lock_interruptible(&tty->atomic_write_lock))
		return -ERESTARTSYS;
	while (done < count) {
		size_t n = min(count - done, sizeof(bounce));

		if (copy_from_user(bounce, buf + done, n)) {
			fault = true;
			break;
		}
		tty_write_processed(tty, bounce, n);
		done += n;
	}
	mutex_unlock(&tty->atomic_write_lock);
	return fault && !done ? -EFAULT : (ssize_t)done;
}

static __poll_t tty_poll(struct file *file, poll_table *wait)
{
	struct tty_struct *tty = file->private_data;
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;	/* output never blocks: the UART is polled */

	if (file->f_mode & FMODE_READ)
		tty_claim(tty);
	poll_wait(file, &tty->read_wait, wait);
	if (n_tty_input_available(tty))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static int tty_set_termios(struct tty_struct *tty, const struct termios __user *arg, bool flush)
{
	struct termios t, old;
	unsigned long flags;

	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	old = tty->termios;
	tty->termios = t;
	n_tty_set_termios(tty, &old);
	if (flush)
		n_tty_flush(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up_interruptible(&tty->read_wait);
	return 0;
}

/* TCSETS*, TCFLSH, TCXONC: the background must ask first (SIGTTOU). */
static long tty_mode_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	unsigned long flags;
	int ret = tty_check_change(tty);

	if (ret)
		return ret;
	switch (cmd) {
	case TCSETS:
	case TCSETSW:
		return tty_set_termios(tty, p, false);
	case TCSETSF:
		return tty_set_termios(tty, p, true);
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg != TCOFLUSH) {	/* output is never queued: nothing to drop there */
			spin_lock_irqsave(&tty->lock, flags);
			n_tty_flush(tty);
			spin_unlock_irqrestore(&tty->lock, flags);
		}
		return 0;
	case TCXONC:
		/* Accepted: output goes out polled, with no queue to suspend. */
		return arg <= TCION ? 0 : -EINVAL;
	}
	return -ENOIOCTLCMD;
}

static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	long ret;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(struct termios)) ? -EFAULT : 0;
	case TCSBRK:
	case TCSBRKP:
		return 0;	/* tcdrain(): the UART has sent every byte already */
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(struct winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, p, sizeof(struct winsize)) ? -EFAULT : 0;
	case FIONREAD:
		return put_user((int)n_tty_chars_in_buffer(tty), (int __user *)p);
	case TIOCOUTQ:
		return put_user(0, (int __user *)p);
	}
	ret = tty_mode_ioctl(tty, cmd, arg);
	if (ret == -ENOIOCTLCMD)
		ret = tty_jobctrl_ioctl(tty, file, cmd, arg);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

/*
 * /dev/tty is the caller's controlling terminal (-ENXIO without one);
 * ttyS0 may become it; /dev/console never does (Linux's noctty).
 */
static int tty_open(struct inode *inode, struct file *filp)
{
	struct tty_struct *tty = &console_tty;
	dev_t dev = inode->i_rdev;
	unsigned long flags;

	if (MAJOR(dev) == TTY_MAJOR && MINOR(dev) != 64)
		return -ENXIO;	/* only ttyS0 */
	if (MAJOR(dev) == TTYAUX_MAJOR && MINOR(dev) > 1)
		return -ENXIO;
	if (dev == MKDEV(TTYAUX_MAJOR, 0) && !(tty = get_current_tty()))
		return -ENXIO;
	filp->private_data = tty;
	tty_open_proc_set_tty(filp, tty, (filp->f_flags & O_NOCTTY) ||
			      dev == MKDEV(TTYAUX_MAJOR, 1));
	if (!(filp->f_mode & FMODE_READ))
		return 0;
	spin_lock_irqsave(&tty->lock, flags);
	tty->readers++;
	/* Nobody's controlling terminal: ^C goes to its first reader's group. */
	if (!tty->session && !tty->pgrp)
		tty->pgrp = current->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

static int tty_release(struct inode *inode, struct file *filp)
{
	struct tty_struct *tty = filp->private_data;
	unsigned long flags;

	if (!(filp->f_mode & FMODE_READ))
		return 0;
	spin_lock_irqsave(&tty->lock, flags);
	if (!--tty->readers) {
		tty->claimed = false;
		if (!tty->session)
			tty->pgrp = 0;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

static const struct file_operations tty_fops = {
	.llseek		= no_llseek,
	.read		= tty_read,
	.write		= tty_write,
	.poll		= tty_poll,
	.unlocked_ioctl	= tty_ioctl,
	.open		= tty_open,
	.release	= tty_release,
};

int tty_init(void)
{
	int err;

	console_tty.termios = tty_std_termios;
	err = register_chrdev(TTYAUX_MAJOR, "/dev/tty", &tty_fops);
	if (!err)
		err = register_chrdev(TTY_MAJOR, "ttyS", &tty_fops);
	return err;
}

/*
 * Linux's console_on_rootfs(): init's descriptors 0, 1 and 2 are one
 * open of /dev/console. The calling task gets a descriptor table if it
 * has none (the kernel thread that is about to become init).
 */
int console_open_fds(void)
{
	struct file *file;
	int fd;

	if (!current->files && !(current->files = alloc_files_struct()))
		return -ENOMEM;
	file = filp_open("/dev/console", O_RDWR | O_LARGEFILE, 0);
	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console.\n");
		return PTR_ERR(file);
	}
	for (fd = 0; fd < 3; fd++) {
		int err = replace_fd(fd, file, 0);

		if (err < 0) {
			fput(file);
			return err;
		}
	}
	fput(file);
	return 0;
}
