/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

/* Signals: Linux's x86-64 numbers, si_codes and user-visible layouts. */
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/resource.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGWINCH	28
#define _NSIG		64

#define SIG_DFL		((void *)0)
#define SIG_IGN		((void *)1)

#define SA_NOCLDSTOP	0x00000001
#define SA_SIGINFO	0x00000004
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SA_RESTORER	0x04000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)	/* disarmed while its handler runs */
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define TRAP_HWBKPT	4
#define BUS_ADRALN	1
#define CLD_EXITED	1
#define CLD_KILLED	2

#define sigmask(sig)	(1ULL << ((sig) - 1))

/* The layout user space sees (uapi siginfo_t, 128 bytes). */
struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad0;
	union {
		struct { int pid; unsigned int uid; } kill;
		struct { void *addr; } fault;
		struct { int pid; unsigned int uid; int status; } chld;
		char __pad[128 - 16];
	};
};
typedef struct kernel_siginfo siginfo_t;

struct k_sigaction {		/* rt_sigaction's struct sigaction */
	void *sa_handler;
	unsigned long sa_flags;
	void *sa_restorer;
	u64 sa_mask;
};

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

struct signal_state {
	/*
	 * Linux's sighand->siglock: pending, blocked, info and action change
	 * under it, with interrupts off, so that a sender on one CPU and the
	 * task on another agree on TIF_SIGPENDING.
	 */
	spinlock_t siglock;
	struct k_sigaction action[_NSIG];
	u64 pending;
	u64 blocked;
	siginfo_t info[_NSIG];		/* the latest of each pending signal */
	stack_t altstack;
	struct rlimit rlim[RLIM_NLIMITS];	/* per process (linux/resource.h) */
};

struct task_struct;
struct pt_regs;

int send_sig_info(int sig, const siginfo_t *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);
void force_sig_fault(int sig, int code, void *addr);
void force_sig(int sig);
void force_fatal_sig(int sig);
void force_sigsegv(int sig);
bool signal_pending(struct task_struct *p);
bool fatal_signal_pending(struct task_struct *p);
void recalc_sigpending_tsk(struct task_struct *t);
/* current's blocked mask becomes set (less SIGKILL and SIGSTOP), under siglock. */
void set_current_blocked(u64 set);
struct signal_state *copy_signal_state(struct signal_state *old);
void flush_signal_handlers(struct task_struct *t);
/* current's alternate signal stack (kernel/signal.c) */
bool __on_sig_stack(unsigned long sp);
bool on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
int restore_altstack(const stack_t *uss);

#endif
