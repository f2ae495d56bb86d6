/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IRQ_H
#define _ASM_X86_IRQ_H

#include <linux/types.h>
#include <asm/irq_vectors.h>
#include <asm/percpu.h>

struct irq_desc;

/*
 * vector_irq: per CPU, which descriptor owns each vector. The vector
 * domain fills it when it assigns a vector; common_interrupt() reads it.
 * Besides descriptors it holds these markers:
 */
#define VECTOR_UNUSED		NULL
#define VECTOR_SHUTDOWN		((struct irq_desc *)-1L)	/* freed; late arrivals are fine */
#define VECTOR_RETRIGGERED	((struct irq_desc *)-2L)

typedef struct irq_desc *vector_irq_t[NR_VECTORS];
DECLARE_PER_CPU(vector_irq_t, vector_irq);

/* One %gs-relative load: the fast path of every device interrupt. */
static __always_inline struct irq_desc *vector_irq_read(unsigned int vector)
{
	struct irq_desc *desc;

	asm volatile("movq %%gs:%c1(,%2,8), %0"
		     : "=r"(desc) : "i"(&vector_irq), "r"((unsigned long)vector));
	return desc;
}

void init_IRQ(void);
void idt_setup_apic_and_irq_gates(void);

/* CPU hotplug: empty the dying CPU's vector table (arch/x86/kernel/irq.c). */
void fixup_irqs(void);
unsigned int vector_irq_device_count(unsigned int cpu);

#endif
