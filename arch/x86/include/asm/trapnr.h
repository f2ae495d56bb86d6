/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_TRAPNR_H
#define _ASM_X86_TRAPNR_H

/* Exception vectors (SDM Vol. 3A, Table 6-1), with Linux's names. */
#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1	/* debug */
#define X86_TRAP_NMI	2	/* non-maskable interrupt */
#define X86_TRAP_BP	3	/* breakpoint (int3) */
#define X86_TRAP_OF	4	/* overflow (into) */
#define X86_TRAP_BR	5	/* bound range exceeded */
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7	/* device not available */
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_OLD_MF	9	/* coprocessor segment overrun */
#define X86_TRAP_TS	10	/* invalid TSS */
#define X86_TRAP_NP	11	/* segment not present */
#define X86_TRAP_SS	12	/* stack-segment fault */
#define X86_TRAP_GP	13	/* general protection */
#define X86_TRAP_PF	14	/* page fault */
#define X86_TRAP_SPURIOUS 15	/* reserved; spurious interrupt bug */
#define X86_TRAP_MF	16	/* x87 floating-point error */
#define X86_TRAP_AC	17	/* alignment check */
#define X86_TRAP_MC	18	/* machine check */
#define X86_TRAP_XF	19	/* SIMD floating-point exception */
#define X86_TRAP_VE	20	/* virtualization exception */
#define X86_TRAP_CP	21	/* control protection (CET) */
#define X86_TRAP_HV	28	/* hypervisor injection */
#define X86_TRAP_VC	29	/* VMM communication */
#define X86_TRAP_SX	30	/* security exception */
#define X86_TRAP_IRET	32	/* IRET exception (Linux's pseudo-vector) */

/* Page-fault error code bits (SDM Vol. 3A, Figure 4-12). */
#define X86_PF_PROT	(1 << 0)	/* P: protection violation (else not present) */
#define X86_PF_WRITE	(1 << 1)	/* W: write access */
#define X86_PF_USER	(1 << 2)	/* U: from user mode */
#define X86_PF_RSVD	(1 << 3)	/* RSVD: reserved bit set in a paging entry */
#define X86_PF_INSTR	(1 << 4)	/* I/D: instruction fetch */
#define X86_PF_PK	(1 << 5)	/* PK: protection-key violation */
#define X86_PF_SHSTK	(1 << 6)	/* SS: shadow-stack access */

#endif
