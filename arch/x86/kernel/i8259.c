// SPDX-License-Identifier: MIT
/*
 * The legacy 8259A pair. Firmware leaves it delivering IRQ 0-7 on vectors
 * 0x08-0x0f — the CPU exception vectors — so before interrupts are ever
 * enabled the pair is re-initialised to vectors 0x30-0x3f (ISA_IRQ_VECTOR)
 * with every line masked. With an IOAPIC that is where it stays. Without
 * one (noapic, or no MADT) it carries the ISA IRQs as the "XT-PIC" chip:
 * level flow, specific EOI, and IRQ 7/15 checked against the in-service
 * register, because the 8259 reports a request that went away before
 * the CPU acknowledged it as IRQ 7 (or 15): those are counted, never
 * dispatched.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/i8259.h>

#define PIC_MASTER_CMD	0x20	/* ICW1 / OCW2 / OCW3 */
#define PIC_MASTER_IMR	0x21	/* ICW2-4 / interrupt mask */
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_IMR	0xa1
#define ICW1_INIT_ICW4	0x11	/* edge triggered, cascade, ICW4 follows */
#define ICW4_8086	0x01
#define OCW2_SPECIFIC_EOI 0x60	/* EOI for the IR level in bits 2:0 */
#define OCW3_READ_ISR	0x0b
#define OCW3_READ_IRR	0x0a
#define PIC_CASCADE_IR	2	/* the slave hangs off the master's IR2 */

static DEFINE_RAW_SPINLOCK(i8259A_lock);
static unsigned int cached_irq_mask = 0xffff;
unsigned int i8259A_spurious_count;
bool i8259A_in_use;

static void i8259A_write_mask(void)
{
	outb(cached_irq_mask & 0xff, PIC_MASTER_IMR);
	outb(cached_irq_mask >> 8, PIC_SLAVE_IMR);
}

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

	cached_irq_mask = 0xffff;
	i8259A_write_mask();
}

static void i8259A_set_masked(unsigned int irq, bool masked)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&i8259A_lock, flags);
	if (masked)
		cached_irq_mask |= 1u << irq;
	else
		cached_irq_mask &= ~(1u << irq);
	/* The slave only reaches the CPU through the master's IR2. */
	if ((cached_irq_mask & 0xff00) != 0xff00)
		cached_irq_mask &= ~(1u << PIC_CASCADE_IR);
	i8259A_write_mask();
	raw_spin_unlock_irqrestore(&i8259A_lock, flags);
}

static void mask_8259A_irq(struct irq_data *d) { i8259A_set_masked(d->irq, true); }
static void unmask_8259A_irq(struct irq_data *d) { i8259A_set_masked(d->irq, false); }

/* Is irq really in service? (IRQ 7/15 may be the chip's phantom.) */
static bool i8259A_irq_real(unsigned int irq)
{
	u16 port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;
	bool real;

	outb(OCW3_READ_ISR, port);
	real = inb(port) & (1u << (irq & 7));
	outb(OCW3_READ_IRR, port);
	return real;
}

static void mask_and_ack_8259A(struct irq_data *d)
{
	unsigned int irq = d->irq;
	unsigned long flags;

	raw_spin_lock_irqsave(&i8259A_lock, flags);
	cached_irq_mask |= 1u << irq;
	i8259A_write_mask();
	if (irq >= 8) {
		outb(OCW2_SPECIFIC_EOI | (irq & 7), PIC_SLAVE_CMD);
		outb(OCW2_SPECIFIC_EOI | PIC_CASCADE_IR, PIC_MASTER_CMD);
	} else {
		outb(OCW2_SPECIFIC_EOI | irq, PIC_MASTER_CMD);
	}
	raw_spin_unlock_irqrestore(&i8259A_lock, flags);
}

struct irq_chip i8259A_chip = {
	.name		= "XT-PIC",
	.irq_mask	= mask_8259A_irq,
	.irq_unmask	= unmask_8259A_irq,
	.irq_mask_ack	= mask_and_ack_8259A,
};

/*
 * The flow for IRQ 7 and 15: a phantom request is counted (ERR, and in
 * i8259A_spurious_count) and goes no further; a real one is a level IRQ.
 * The slave's phantom still needs the master's cascade acknowledged.
 */
static void handle_8259A_irq(struct irq_desc *desc)
{
	unsigned int irq = desc->irq_data.irq;

	if ((irq == 7 || irq == 15) && !i8259A_irq_real(irq)) {
		if (irq == 15)
			outb(OCW2_SPECIFIC_EOI | PIC_CASCADE_IR, PIC_MASTER_CMD);
		i8259A_spurious_count++;
		irq_err_count++;
		/* Delivered by a self-IPI rather than ExtINT: the APIC needs its EOI. */
		if (apic_vector_in_service(ISA_IRQ_VECTOR(irq)))
			apic_eoi();
		pr_info_ratelimited("spurious 8259A interrupt: IRQ%u.\n", irq);
		return;
	}
	handle_level_irq(desc);
}

/* noapic / no IOAPIC: the ISA IRQs on the PIC, vectors 0x30-0x3f on CPU 0. */
void legacy_pic_init(void)
{
	unsigned int irq;

	mask_8259A();
	for (irq = 0; irq < NR_IRQS_LEGACY; irq++) {
		struct irq_desc *desc = irq_to_desc(irq);

		if (irq == PIC_CASCADE_IR || !desc)
			continue;
		irq_set_chip_and_handler_name(irq, &i8259A_chip,
			(irq == 7 || irq == 15) ? handle_8259A_irq : handle_level_irq, NULL);
		per_cpu(vector_irq, 0)[ISA_IRQ_VECTOR(irq)] = desc;
	}
	i8259A_in_use = true;
}
