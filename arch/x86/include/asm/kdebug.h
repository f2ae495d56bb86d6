/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_KDEBUG_H
#define _ASM_X86_KDEBUG_H

#include <linux/types.h>

struct pt_regs;

/* Events offered to die notifiers before the kernel acts on them. */
enum die_val {
	DIE_OOPS = 1,	/* an oops was printed; a notifier may take over */
	DIE_INT3,	/* a kernel int3; NOTIFY_STOP if it was expected */
	DIE_NMI,	/* an NMI; NOTIFY_STOP if it was claimed */
};

#define NOTIFY_DONE	0x0000
#define NOTIFY_STOP	0x8000

struct die_args {
	struct pt_regs *regs;
	const char *str;
	long err;
	int trapnr;
};

struct notifier_block {
	int (*notifier_call)(struct notifier_block *nb, unsigned long val, void *data);
	struct notifier_block *next;
};

int register_die_notifier(struct notifier_block *nb);
int unregister_die_notifier(struct notifier_block *nb);
int notify_die(enum die_val val, const char *str, struct pt_regs *regs,
	       long err, int trapnr);

/* Print an oops; true when a die notifier took over. */
bool __die(const char *str, struct pt_regs *regs, long err, int trapnr);
void die(const char *str, struct pt_regs *regs, long err);
void die_trap(const char *str, struct pt_regs *regs, long err, int trapnr);
/* After __die(): signr 0 returns; else a panic or the task's death. */
void oops_end(struct pt_regs *regs, int signr);
__noreturn void rewind_stack_and_make_dead(int signr);
/* arch/x86/mm/tcg_smap.c: TCG's supervisor pops of a ring-3 IRET/far RET. */
bool fixup_tcg_smap_user_stack(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address);
/* The last user exception, for the signal frame (thread.trap_nr, error_code, cr2). */
void set_signal_archinfo(unsigned long address, unsigned long error_code);
void set_trap_archinfo(int trapnr, unsigned long error_code);
void show_regs(struct pt_regs *regs);
void show_stack(unsigned long bp);
void dump_stack(void);
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);
/* The same from the frame @bp: its return address first. */
unsigned int stack_trace_save_bp(unsigned long *store, unsigned int size, unsigned long bp);

extern int oops_in_progress;
extern int panic_on_oops;	/* oops=panic */

#endif
