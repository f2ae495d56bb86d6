/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQ_MATRIX_H
#define _LINUX_IRQ_MATRIX_H

/*
 * The interrupt vector allocator (kernel/irq/matrix.c): per CPU, which of
 * its IRQ_MATRIX_BITS vectors are taken. Linux declares this API in
 * linux/irq.h; it lives apart here so the allocator stands alone.
 *
 * Callers serialise: every function below must be called under the
 * caller's lock (x86's vector_lock), and the matrix asserts nothing.
 * "The current CPU" is smp_processor_id(), as in Linux. A CPU mask is a
 * plain unsigned long, bit n for CPU n (cpumask_bits(mask)[0]): NR_CPUS
 * is 64, so one word holds every CPU.
 */
#include <linux/types.h>
#include <asm/percpu.h>

#define IRQ_MATRIX_BITS		256		/* x86's NR_VECTORS */
#define IRQ_MATRIX_MAX_CPUS	NR_CPUS

struct irq_matrix;

struct irq_matrix *irq_alloc_matrix(unsigned int matrix_bits,
				    unsigned int alloc_start,
				    unsigned int alloc_end);
void irq_matrix_online(struct irq_matrix *m, unsigned int cpu);
void irq_matrix_offline(struct irq_matrix *m, unsigned int cpu);
void irq_matrix_assign_system(struct irq_matrix *m, unsigned int bit, bool replace);
void irq_matrix_reserve(struct irq_matrix *m);
void irq_matrix_remove_reserved(struct irq_matrix *m);
int irq_matrix_alloc(struct irq_matrix *m, unsigned long msk,
		     bool reserved, unsigned int *mapped_cpu);
void irq_matrix_assign(struct irq_matrix *m, unsigned int bit);
void irq_matrix_free(struct irq_matrix *m, unsigned int cpu,
		     unsigned int bit, bool managed);
int irq_matrix_reserve_managed(struct irq_matrix *m, unsigned long msk);
void irq_matrix_remove_managed(struct irq_matrix *m, unsigned long msk);
int irq_matrix_alloc_managed(struct irq_matrix *m, unsigned long msk, unsigned int *mapped_cpu);
unsigned int irq_matrix_available(struct irq_matrix *m, bool cpudown);
unsigned int irq_matrix_allocated(struct irq_matrix *m);
unsigned int irq_matrix_reserved(struct irq_matrix *m);
int irq_matrix_debug_show(struct irq_matrix *m, char *buf, size_t size);

#endif
