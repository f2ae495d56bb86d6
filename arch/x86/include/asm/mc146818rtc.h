/* SPDX-License-Identifier: MIT */
#ifndef _ASM_X86_MC146818RTC_H
#define _ASM_X86_MC146818RTC_H

/*
 * The CMOS real-time clock (Motorola MC146818) behind ports 0x70/0x71,
 * on ISA IRQ 8: register select, then data. Shared by the wall-clock
 * reader and every test that uses the RTC's periodic interrupt.
 */
#include <linux/types.h>
#include <asm/io.h>

#define RTC_PORT(x)	(0x70 + (x))	/* 0: index, 1: data */
#define RTC_IRQ		8

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_REG_A	0x0a	/* bit 7 update in progress; bits 3:0 periodic rate */
#define RTC_REG_B	0x0b	/* bit 6 PIE; bit 2 binary (else BCD); bit 1 24-hour */
#define RTC_REG_C	0x0c	/* interrupt flags: reading acknowledges the RTC */
#define RTC_CENTURY	0x32	/* the ACPI FADT's usual century register */
#define RTC_UIP		0x80
#define RTC_PIE		0x40
#define RTC_DM_BINARY	0x04
#define RTC_24H		0x02
#define RTC_IRQF	0x80	/* register C: an interrupt is pending */

static inline u8 CMOS_READ(u8 reg)
{
	outb(reg, RTC_PORT(0));
	return inb(RTC_PORT(1));
}

static inline void CMOS_WRITE(u8 val, u8 reg)
{
	outb(reg, RTC_PORT(0));
	outb(val, RTC_PORT(1));
}

/* The periodic interrupt at 32768 >> (rate - 1) Hz (rate 6: 1024 Hz). */
static inline void rtc_periodic_start(u8 rate)
{
	CMOS_WRITE((CMOS_READ(RTC_REG_A) & 0xf0) | rate, RTC_REG_A);
	CMOS_READ(RTC_REG_C);
	CMOS_WRITE(CMOS_READ(RTC_REG_B) | RTC_PIE, RTC_REG_B);
}

static inline void rtc_periodic_stop(void)
{
	CMOS_WRITE(CMOS_READ(RTC_REG_B) & ~RTC_PIE, RTC_REG_B);
	CMOS_READ(RTC_REG_C);
}

#endif
