/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

/*
 * The terminal reflex has: the serial console, reachable as /dev/console
 * (5,1), /dev/tty (5,0) and /dev/ttyS0 (4,64). The UART driver attaches
 * its output routine and feeds received bytes in from its interrupt
 * handler; the line discipline (drivers/tty/n_tty.c) edits lines, echoes
 * and wakes readers. Until someone reads the tty, and again once nobody
 * has it open for reading, the bytes go to the kernel console instead
 * (drivers/tty/kconsole.c).
 */
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <uapi/asm-generic/termbits.h>
#include <uapi/asm-generic/ioctls.h>

#define TTY_MAJOR		4
#define TTYAUX_MAJOR		5
#define N_TTY_BUF_SIZE		4096

struct tty_struct;
struct file;

struct tty_operations {
	/* Send n bytes as they are (output processing is done by then). */
	void (*write)(struct tty_struct *tty, const char *buf, size_t n);
};

/* n_tty's state: a ring of input with the completed lines before canon_head. */
struct n_tty_data {
	char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_BUF_SIZE / 64];	/* set: a line ends at this byte */
	size_t read_head, read_tail;	/* free-running; the ring holds head - tail bytes */
	size_t canon_head;		/* canonical mode: bytes before it form whole lines */
};

struct tty_struct {
	const char *name;
	const struct tty_operations *ops;
	spinlock_t lock;		/* termios and the ldisc; taken from the UART IRQ */
	struct termios termios;
	struct winsize winsize;
	int session;			/* of which it is the controlling terminal; 0 none */
	int pgrp;			/* the foreground process group (TIOCSPGRP) */
	int readers;			/* opens with FMODE_READ */
	bool claimed;			/* a reader has read or polled: input is the tty's */
	struct wait_queue_head read_wait;
	struct mutex atomic_write_lock;	/* one write(2) reaches the wire whole */
	struct n_tty_data ldata;
};

#define L_ICANON(tty)	((tty)->termios.c_lflag & ICANON)
#define L_ECHO(tty)	((tty)->termios.c_lflag & ECHO)
#define L_ISIG(tty)	((tty)->termios.c_lflag & ISIG)
#define L_TOSTOP(tty)	((tty)->termios.c_lflag & TOSTOP)
#define O_OPOST(tty)	((tty)->termios.c_oflag & OPOST)

/* drivers/tty/tty_io.c */
struct tty_struct *tty_attach_console_port(const struct tty_operations *ops);
void tty_insert_flip_char(struct tty_struct *tty, unsigned char ch);
void tty_flip_buffer_push(struct tty_struct *tty);
int tty_init(void);
int console_open_fds(void);	/* Linux: console_on_rootfs() */
void tty_write_processed(struct tty_struct *tty, const char *buf, size_t n);

/* drivers/tty/tty_jobctrl.c */
void tty_open_proc_set_tty(struct file *filp, struct tty_struct *tty, bool noctty);
struct tty_struct *get_current_tty(void);
int __tty_check_change(struct tty_struct *tty, int sig);
int tty_check_change(struct tty_struct *tty);
void disassociate_ctty(int on_exit);
struct task_struct;
void proc_clear_tty(struct task_struct *p);
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg);

/* drivers/tty/n_tty.c */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c);
ssize_t n_tty_read(struct tty_struct *tty, struct file *file, char __user *buf, size_t nr);
bool n_tty_input_available(struct tty_struct *tty);
size_t n_tty_chars_in_buffer(struct tty_struct *tty);
void n_tty_flush(struct tty_struct *tty);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);

#endif
