/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQNR_H
#define _LINUX_IRQNR_H

/*
 * Linux IRQ numbers. Descriptors live in one static array (no sparse
 * radix tree): NR_IRQS of them, enough for the 16 ISA lines, every IOAPIC
 * pin a PC has and a few hundred MSI vectors. An arch that wants another
 * size defines NR_IRQS in asm/irq_vectors.h and includes it first.
 */
#ifndef NR_IRQS
#define NR_IRQS		512
#endif

/* Lines 0-15 keep their ISA numbers: IRQ n is GSI n on every PC. */
#define NR_IRQS_LEGACY	16

/* request_irq() on this is refused with -ENOTCONN, never an oops. */
#define IRQ_NOTCONNECTED	(1U << 31)

struct irq_desc;

extern int nr_irqs;
struct irq_desc *irq_to_desc(unsigned int irq);
unsigned int irq_get_next_irq(unsigned int offset);

#define for_each_active_irq(irq)					\
	for ((irq) = irq_get_next_irq(0); (irq) < (unsigned int)nr_irqs; \
	     (irq) = irq_get_next_irq((irq) + 1))

#endif
