// SPDX-License-Identifier: MIT
/*
 * The segment and port state a user task carries besides its registers,
 * at its three turning points, as Linux's arch/x86/kernel/process.c:
 * fork copies the TLS slots and shares the I/O permissions, exec clears
 * the slots and the segment registers (the ports stay), exit gives the
 * ports up. The context switch's side is in process_64.c.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/desc.h>
#include <asm/io_bitmap.h>
#include <asm/processor.h>
#include <asm/irqflags.h>

/**
 * copy_thread_segments - fork: the child @p starts with current's TLS slots and ports
 * @p: the child, not yet running
 */
void copy_thread_segments(struct task_struct *p)
{
	memcpy(p->tls_array, current->tls_array, sizeof(p->tls_array));
	io_bitmap_share(p);
}

/*
 * @selector into the user's GS (Linux's load_gs_index()): between the
 * two SWAPGS the GS base in use is the user's, so the kernel's is
 * untouched, and the user's becomes the descriptor's. Interrupts off:
 * nothing may run on the user's GS base in between. A selector that no
 * longer loads (its LDT or TLS entry cleared) leaves the null selector,
 * as loadsegment() does.
 */
void load_gs_index(unsigned int selector)
{
	unsigned long flags;

	local_irq_save(flags);
	asm volatile("swapgs" : : : "memory");
	loadsegment(gs, selector);
	asm volatile("swapgs" : : : "memory");
	local_irq_restore(flags);
}

static void load_gs_index_null(void)
{
	load_gs_index(0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

/**
 * flush_thread - exec: no TLS slots, the null selector in DS, ES, FS and GS
 *
 * The old image's selectors may name its LDT or TLS slots, both gone.
 * The new image starts with a GS base of 0; its FS base is exec's.
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
	load_gs_index_null();
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
