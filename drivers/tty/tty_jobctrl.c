// SPDX-License-Identifier: MIT
/*
 * Job control on a terminal, as Linux's drivers/tty/tty_jobctrl.c: which
 * session a tty is the controlling terminal of, its foreground process
 * group, and the signals that keep background groups off it.
 *
 * A session leader acquires its controlling terminal by opening a tty
 * without O_NOCTTY (never /dev/console) or with TIOCSCTTY; every process
 * it forks afterwards inherits it (signal->tty). Only the foreground
 * group may read (others get SIGTTIN), change the settings (SIGTTOU) or,
 * under TOSTOP, write (SIGTTOU); a group that ignores or blocks the
 * signal is let through, except that a read then fails with -EIO, as
 * does any of these from an orphaned group, which no shell would ever
 * continue. The leader's exit hangs the session up: SIGHUP and SIGCONT
 * to the foreground group, and the tty is free for the next session.
 *
 * A tty that is nobody's controlling terminal (the console under
 * reflex's own shell or test-init, which open /dev/console) keeps the
 * group of its first reader as the one VINTR and VSUSP signal, so that
 * ^C still reaches the programs such a shell runs.
 *
 * Locking: tty->lock (an IRQ lock: n_tty signals from the UART's
 * handler) may be taken before tasklist_lock, never after it.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>

int kill_pgrp(int pgrp, int sig, int priv);

static bool is_session_leader(struct task_struct *p)
{
	return p->session == p->tgid;
}

/* Kernel threads (kernel_init before its exec) have no process state, so no terminal. */
static struct tty_struct *current_tty(void)
{
	return current->signal ? READ_ONCE(current->signal->tty) : NULL;
}

static bool is_ignored(int sig)
{
	return (current->blocked & sigmask(sig)) ||
	       current->sighand->action[sig - 1].sa_handler == SIG_IGN;
}

/* Make @tty current's controlling terminal, current's group its foreground. */
static void __proc_set_tty(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->session = current->session;
	tty->pgrp = current->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	WRITE_ONCE(current->signal->tty, tty);
}

/* Every process of @session loses its controlling terminal. */
static void session_clear_tty(int session)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		if (p->signal && p->session == session)
			WRITE_ONCE(p->signal->tty, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/**
 * tty_open_proc_set_tty - an open may make the tty the controlling terminal
 * @filp: the new open file
 * @tty: its terminal
 * @noctty: O_NOCTTY, or /dev/console, which never becomes one
 *
 * A session leader with no terminal that opens, for reading, one that
 * no session has acquires it (Linux's rule: a write-only open must not
 * gain what a controlling terminal gives, such as reopening it through
 * /dev/tty for reading).
 */
void tty_open_proc_set_tty(struct file *filp, struct tty_struct *tty, bool noctty)
{
	if (noctty || !current->signal || !is_session_leader(current) || current_tty() ||
	    READ_ONCE(tty->session) || !(filp->f_mode & FMODE_READ))
		return;
	__proc_set_tty(tty);
}

/* The tty /dev/tty stands for: the caller's controlling terminal, if any. */
struct tty_struct *get_current_tty(void)
{
	return current_tty();
}

/**
 * __tty_check_change - may current act on @tty as its foreground group?
 * @tty: the terminal
 * @sig: SIGTTOU (settings, TOSTOP writes) or SIGTTIN (reads)
 *
 * Return: 0 to go ahead (not our controlling terminal, or we are in the
 * foreground, or SIGTTOU is ignored); -EIO when the signal could never
 * be acted on (SIGTTIN ignored, an orphaned group); -ERESTARTSYS once the
 * signal is sent to our group, which then stops.
 */
int __tty_check_change(struct tty_struct *tty, int sig)
{
	int pgrp;

	if (current_tty() != tty)
		return 0;
	pgrp = READ_ONCE(tty->pgrp);
	if (!pgrp || pgrp == current->pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(current->pgrp, sig, 1);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return __tty_check_change(tty, SIGTTOU);
}

/**
 * disassociate_ctty - the session leaves its controlling terminal
 * @on_exit: the leader is exiting (1) or gave it up with TIOCNOTTY (0)
 *
 * The foreground group is hung up (SIGHUP, and SIGCONT lest a stopped
 * job never see it), the tty is left with no session and no group, and
 * no process of the session has a controlling terminal any more.
 */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty = current_tty();
	unsigned long flags;
	int pgrp;

	if (!tty)
		return;
	spin_lock_irqsave(&tty->lock, flags);
	pgrp = tty->session == current->session ? tty->pgrp : 0;
	if (tty->session == current->session) {
		tty->session = 0;
		tty->pgrp = 0;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP, on_exit);
		kill_pgrp(pgrp, SIGCONT, on_exit);
	}
	session_clear_tty(current->session);
}

/* setsid(): the new session starts with no controlling terminal. */
void proc_clear_tty(struct task_struct *p)
{
	WRITE_ONCE(p->signal->tty, NULL);
}

/*
 * TIOCSCTTY: @steal (arg 1) takes it from another session. Every process
 * here is root (CAP_SYS_ADMIN), so neither stealing nor a write-only
 * descriptor is refused.
 */
static int tiocsctty(struct tty_struct *tty, struct file *file, int steal)
{
	if (!current->signal)
		return -EPERM;
	if (is_session_leader(current) && READ_ONCE(tty->session) == current->session)
		return 0;
	if (!is_session_leader(current) || current_tty())
		return -EPERM;
	if (READ_ONCE(tty->session)) {
		if (steal != 1)
			return -EPERM;
		session_clear_tty(tty->session);
	}
	__proc_set_tty(tty);
	return 0;
}

static int tiocnotty(struct tty_struct *tty)
{
	if (current_tty() != tty)
		return -ENOTTY;
	if (is_session_leader(current))
		disassociate_ctty(0);
	proc_clear_tty(current);
	return 0;
}

/* TIOCSPGRP: a group of the caller's own session becomes the foreground. */
static int tiocspgrp(struct tty_struct *tty, int __user *p)
{
	unsigned long flags;
	int pgrp, session, ret;

	ret = tty_check_change(tty);
	if (ret == -EIO)
		return -ENOTTY;
	if (ret)
		return ret;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	spin_lock_irqsave(&tty->lock, flags);
	if (current_tty() != tty || tty->session != current->session) {
		ret = -ENOTTY;
	} else {
		session = session_of_pgrp(pgrp);
		if (session < 0)
			ret = -ESRCH;
		else if (session != current->session)
			ret = -EPERM;
		else
			tty->pgrp = pgrp;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return ret;
}

/* TIOCGPGRP and TIOCGSID: only about the caller's own controlling terminal. */
static int tiocgpgrp(struct tty_struct *tty, int __user *p)
{
	if (current_tty() != tty)
		return -ENOTTY;
	return put_user(READ_ONCE(tty->pgrp), p);
}

static int tiocgsid(struct tty_struct *tty, int __user *p)
{
	int session = READ_ONCE(tty->session);

	if (current_tty() != tty || !session)
		return -ENOTTY;
	return put_user(session, p);
}

/* The job-control ioctls; -ENOIOCTLCMD for the others. */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg)
{
	void __user *p = (void __user *)arg;

	switch (cmd) {
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCGPGRP:
		return tiocgpgrp(tty, p);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCGSID:
		return tiocgsid(tty, p);
	}
	return -ENOIOCTLCMD;
}
