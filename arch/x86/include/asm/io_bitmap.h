/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IO_BITMAP_H
#define _ASM_X86_IO_BITMAP_H

/* ioperm() and iopl() through the TSS's I/O bitmap (arch/x86/kernel/ioport.c). */
#include <linux/types.h>

struct task_struct;
struct tss_struct;
struct pt_regs;

void tss_init_io_bitmap(struct tss_struct *tss);
void tss_update_io_bitmap(struct task_struct *tsk);
void switch_to_io_bitmap(struct task_struct *prev, struct task_struct *next);
void io_bitmap_share(struct task_struct *tsk);
void io_bitmap_exit(struct task_struct *tsk);
bool fixup_iopl_exception(struct pt_regs *regs);

#endif
