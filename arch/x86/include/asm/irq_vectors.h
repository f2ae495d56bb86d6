/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_IRQ_VECTORS_H
#define _ASM_X86_IRQ_VECTORS_H

/*
 * The x86 vector space, as Linux 6.x lays it out:
 *
 *   0x00-0x1f  CPU exceptions
 *   0x20-0xea  device interrupts, handed out by the vector matrix;
 *              0x30-0x3f carry the ISA IRQs at boot, 0x80 is int $0x80
 *   0xeb-0xff  system vectors, each with its own entry point
 *
 * A vector's priority class is vector >> 4: the local APIC delivers the
 * highest class first, which is why the system vectors sit at the top.
 */
#define NMI_VECTOR			0x02	/* for the IPI senders: deliver as NMI */
#define FIRST_EXTERNAL_VECTOR		0x20
#define IA32_SYSCALL_VECTOR		0x80
#define ISA_IRQ_VECTOR(irq)		(((FIRST_EXTERNAL_VECTOR + 16) & ~15) + (irq))

#define SPURIOUS_APIC_VECTOR		0xff
#define ERROR_APIC_VECTOR		0xfe
#define RESCHEDULE_VECTOR		0xfd
#define CALL_FUNCTION_VECTOR		0xfc
#define CALL_FUNCTION_SINGLE_VECTOR	0xfb
#define THERMAL_APIC_VECTOR		0xfa
#define THRESHOLD_APIC_VECTOR		0xf9
#define REBOOT_VECTOR			0xf8
#define X86_PLATFORM_IPI_VECTOR		0xf7
#define IRQ_WORK_VECTOR			0xf6
#define DEFERRED_ERROR_VECTOR		0xf4
#define HYPERVISOR_CALLBACK_VECTOR	0xf3
#define POSTED_INTR_VECTOR		0xf2
#define POSTED_INTR_WAKEUP_VECTOR	0xf1
#define POSTED_INTR_NESTED_VECTOR	0xf0
#define MANAGED_IRQ_SHUTDOWN_VECTOR	0xef
#define HYPERV_REENLIGHTENMENT_VECTOR	0xee
#define HYPERV_STIMER0_VECTOR		0xed
#define LOCAL_TIMER_VECTOR		0xec
#define POSTED_MSI_NOTIFICATION_VECTOR	0xeb

#define NR_VECTORS			256
#define FIRST_SYSTEM_VECTOR		POSTED_MSI_NOTIFICATION_VECTOR
#define NR_EXTERNAL_VECTORS		(FIRST_SYSTEM_VECTOR - FIRST_EXTERNAL_VECTOR)
#define NR_IRQS_LEGACY			16

#endif
