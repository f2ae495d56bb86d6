/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_HW_IRQ_H
#define _ASM_X86_HW_IRQ_H

#include <linux/types.h>

/* What a child domain asks of the vector domain when it allocates. */
enum irq_alloc_type {
	X86_IRQ_ALLOC_TYPE_IOAPIC = 1,
	X86_IRQ_ALLOC_TYPE_PCI_MSI,
	X86_IRQ_ALLOC_TYPE_PCI_MSIX,
};

#define X86_IRQ_ALLOC_LEGACY	0x1	/* ISA IRQ: starts on its boot vector ISA_IRQ_VECTOR(irq), CPU 0 */

struct irq_alloc_info {
	enum irq_alloc_type type;
	u32 flags;
	union {
		struct {
			int id;		/* which IOAPIC (index in ioapics[]) */
			u32 pin;
			bool is_level;
			bool active_low;
		} ioapic;
		struct {
			void *desc;	/* the MSI descriptor (PCI issue) */
		} msi;
	};
};

/* The vector domain's view of an interrupt: where it is delivered. */
struct irq_cfg {
	unsigned int dest_apicid;
	unsigned int vector;
};

struct irq_data;
struct irq_cfg *irqd_cfg(struct irq_data *irq_data);
struct irq_cfg *irq_cfg(unsigned int irq);

extern struct irq_domain *x86_vector_domain;
extern struct irq_chip lapic_controller;
void lapic_assign_system_vectors(void);
/* Vectors in use / free on the online CPUs, for tests and /proc. */
unsigned int vector_matrix_allocated(void);
unsigned int vector_matrix_available(void);

/* Moves (arch/x86/kernel/apic/vector.c). */
void irq_complete_move(struct irq_cfg *cfg);
void vector_schedule_cleanup(struct irq_cfg *cfg);
void apic_ack_irq(struct irq_data *irqd);
void apic_ack_edge(struct irq_data *irqd);
void lock_vector_lock(void);
void unlock_vector_lock(void);

/* A line's vector level as vector.c sees it, for tests. */
struct vector_irq_state {
	unsigned int vector, cpu;
	unsigned int prev_vector, prev_cpu;
	bool move_in_progress;	/* no interrupt on the new vector yet */
	bool cleanup_queued;	/* old vector waiting for the old CPU's cleanup timer */
	bool is_managed;
};
int vector_irq_state(unsigned int irq, struct vector_irq_state *st);

#endif
