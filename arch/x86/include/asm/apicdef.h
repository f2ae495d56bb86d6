/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_APICDEF_H
#define _ASM_X86_APICDEF_H

/*
 * Local APIC registers (SDM Vol. 3A, Table 11-1): offsets in the xAPIC
 * MMIO page; in x2APIC mode the same register is MSR 0x800 + offset/16.
 */
#define APIC_DEFAULT_PHYS_BASE	0xfee00000
#define APIC_ID		0x020	/* local APIC ID (bits 31:24 in xAPIC) */
#define APIC_LVR	0x030	/* version; bits 23:16 are max LVT entry */
#define APIC_TASKPRI	0x080	/* TPR: blocks classes <= TPR[7:4] */
#define APIC_PROCPRI	0x0a0	/* PPR: max(TPR, highest in-service class) */
#define APIC_EOI	0x0b0	/* write 0: end of the highest ISR bit */
#define APIC_LDR	0x0d0	/* logical destination */
#define APIC_DFR	0x0e0	/* destination format (xAPIC only) */
#define APIC_SPIV	0x0f0	/* spurious vector; bit 8 enables the APIC */
#define  APIC_SPIV_APIC_ENABLED	(1 << 8)
#define APIC_ISR	0x100	/* in-service, 8 x 32 bits, 0x10 apart */
#define APIC_TMR	0x180	/* trigger mode (1 = level), 8 x 32 bits */
#define APIC_IRR	0x200	/* interrupt request, 8 x 32 bits */
#define APIC_ESR	0x280	/* error status: write, then read */
#define APIC_ICR	0x300	/* interrupt command, low half */
#define APIC_ICR2	0x310	/* interrupt command, destination (xAPIC) */
#define APIC_LVTT	0x320	/* LVT timer */
#define APIC_LVTTHMR	0x330	/* LVT thermal sensor */
#define APIC_LVTPC	0x340	/* LVT performance counter */
#define APIC_LVT0	0x350	/* LVT LINT0 */
#define APIC_LVT1	0x360	/* LVT LINT1 */
#define APIC_LVTERR	0x370	/* LVT error */
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3e0	/* timer divide configuration */
#define  APIC_TDR_DIV_16	0x3
#define APIC_SELF_IPI	0x3f0	/* x2APIC only: write a vector to self */

/* LVT and ICR fields (SDM Vol. 3A, Figures 11-8 and 11-12). */
#define APIC_VECTOR_MASK	0x000ff
#define APIC_DM_FIXED		0x00000
#define APIC_DM_NMI		0x00400
#define APIC_DM_INIT		0x00500
#define APIC_DM_STARTUP		0x00600
#define APIC_DM_EXTINT		0x00700
#define APIC_DEST_LOGICAL	0x00800
#define APIC_ICR_BUSY		0x01000	/* xAPIC: send pending */
#define APIC_INPUT_POLARITY	0x02000	/* LVT: active low */
#define APIC_LVT_REMOTE_IRR	0x04000
#define APIC_INT_LEVELTRIG	0x08000
#define APIC_INT_ASSERT		0x04000	/* ICR: level assert */
#define APIC_LVT_MASKED		0x10000
#define APIC_LVT_TIMER_ONESHOT	(0 << 17)
#define APIC_LVT_TIMER_PERIODIC	(1 << 17)
#define APIC_LVT_TIMER_TSCDEADLINE (2 << 17)
#define APIC_DEST_SELF		0x40000	/* shorthand: this CPU */
#define APIC_DEST_ALLINC	0x80000	/* shorthand: everyone */
#define APIC_DEST_ALLBUT	0xc0000	/* shorthand: everyone else */

/* IA32_APIC_BASE MSR (SDM Vol. 3A, Figure 11-5). */
#define MSR_IA32_APICBASE	0x1b
#define  MSR_IA32_APICBASE_BSP	(1 << 8)
#define  X2APIC_ENABLE		(1 << 10)
#define  MSR_IA32_APICBASE_ENABLE (1 << 11)
#define  MSR_IA32_APICBASE_BASE	(0xfffffUL << 12)
#define APIC_BASE_MSR		0x800	/* x2APIC register MSRs start here */

/* ESR bits (SDM Vol. 3A, Figure 11-9). */
#define APIC_ESR_SEND_CS	0x01
#define APIC_ESR_RECV_CS	0x02
#define APIC_ESR_SEND_ACC	0x04
#define APIC_ESR_RECV_ACC	0x08
#define APIC_ESR_REDIR_IPI	0x10
#define APIC_ESR_SEND_ILL	0x20
#define APIC_ESR_RECV_ILL	0x40
#define APIC_ESR_ILLREGA	0x80

#endif
