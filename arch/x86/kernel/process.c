// SPDX-License-Identifier: MIT
/*
 * The segment and port state a user task carries besides its registers,
 * at its three turning points, as Linux's arch/x86/kernel/process.c:
 * fork copies the TLS slots and shares the I/O permissions, exec clears
 * the slots and the data segment registers (the ports stay), exit gives
 * the ports up. The context switch's side is in process_64.c.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/desc.h>
#include <asm/io_bitmap.h>
#include <asm/processor.h>

/**
 * copy_thread_segments - fork: the child @p starts with current's TLS slots and ports
 * @p: the child, not yet running
 */
void copy_thread_segments(struct task_struct *p)
{
	memcpy(p->tls_array, current->tls_array, sizeof(p->tls_array));
	io_bitmap_share(p);
}

/**
 * flush_thread - exec: no TLS slots, and DS, ES and FS hold the null selector
 *
 * The old image's selectors may name its LDT, which exec dropped. GS
 * keeps its selector: loading it here would clear the kernel's GS base.
 */
void flush_thread(void)
{
	memset(current->tls_array, 0, sizeof(current->tls_array));
	preempt_disable();
	load_TLS(current);
	preempt_enable();
	loadsegment(ds, 0);
	loadsegment(es, 0);
	loadsegment(fs, 0);
}

/**
 * exit_thread - exit: @tsk (current) gives up its I/O ports
 * @tsk: the exiting task
 */
void exit_thread(struct task_struct *tsk)
{
	tsk->iopl_emul = 0;
	io_bitmap_exit(tsk);
}
