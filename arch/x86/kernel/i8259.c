// SPDX-License-Identifier: MIT
/*
 * The legacy 8259A pair. Firmware leaves it delivering IRQ 0-7 on vectors
 * 0x08-0x0f — the CPU exception vectors — so before interrupts are ever
 * enabled the pair is re-initialised to vectors 0x30-0x3f (Linux's
 * ISA_IRQ_VECTOR base) with every line masked.
 */
#include <linux/kernel.h>
#include <asm/io.h>

#define PIC_MASTER_CMD	0x20	/* ICW1 / OCW2 / OCW3 */
#define PIC_MASTER_IMR	0x21	/* ICW2-4 / interrupt mask */
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_IMR	0xa1
#define ICW1_INIT_ICW4	0x11	/* edge triggered, cascade, ICW4 follows */
#define ICW4_8086	0x01
#define ISA_IRQ_VECTOR(irq) (0x30 + (irq))
#define PIC_CASCADE_IR	2	/* the slave hangs off the master's IR2 */

void mask_8259A(void)
{
	outb(0xff, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);

	outb(ICW1_INIT_ICW4, PIC_MASTER_CMD);
	io_delay();
	outb(ISA_IRQ_VECTOR(0), PIC_MASTER_IMR);
	io_delay();
	outb(1 << PIC_CASCADE_IR, PIC_MASTER_IMR);
	io_delay();
	outb(ICW4_8086, PIC_MASTER_IMR);
	io_delay();

	outb(ICW1_INIT_ICW4, PIC_SLAVE_CMD);
	io_delay();
	outb(ISA_IRQ_VECTOR(8), PIC_SLAVE_IMR);
	io_delay();
	outb(PIC_CASCADE_IR, PIC_SLAVE_IMR);
	io_delay();
	outb(ICW4_8086, PIC_SLAVE_IMR);
	io_delay();

	outb(0xff, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);
}
