// SPDX-License-Identifier: MIT
/*
 * The wall clock at boot, read once from the CMOS RTC (MC146818: BCD or
 * binary, 12/24-hour, as register B says). CLOCK_REALTIME is that plus
 * the monotonic time since; nothing sets it later (no settimeofday).
 */
#include <linux/kernel.h>
#include <asm/io.h>

#define RTC_PORT_INDEX	0x70
#define RTC_PORT_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_REG_A	0x0a	/* bit 7: update in progress */
#define RTC_REG_B	0x0b	/* bit 2: binary (else BCD); bit 1: 24-hour */
#define RTC_CENTURY	0x32	/* the ACPI FADT's usual century register */

s64 boot_realtime_sec;

static unsigned int cmos_read(u8 reg)
{
	outb(reg, RTC_PORT_INDEX);
	return inb(RTC_PORT_DATA);
}

static unsigned int bcd2bin(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static s64 days_since_epoch(int y, int m, int d)
{
	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365LL * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 719469;
}

void read_persistent_clock(void)
{
	unsigned int sec, min, hour, day, mon, year, cent, b, spins = 100000;
	bool pm;

	while ((cmos_read(RTC_REG_A) & 0x80) && --spins)
		;	/* not in the middle of an update */
	sec = cmos_read(RTC_SECONDS);
	min = cmos_read(RTC_MINUTES);
	hour = cmos_read(RTC_HOURS);
	day = cmos_read(RTC_DAY);
	mon = cmos_read(RTC_MONTH);
	year = cmos_read(RTC_YEAR);
	cent = cmos_read(RTC_CENTURY);
	b = cmos_read(RTC_REG_B);
	pm = hour & 0x80;
	hour &= 0x7f;
	if (!(b & 0x04)) {
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour);
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
		cent = bcd2bin(cent);
	}
	if (!(b & 0x02) && pm)
		hour = (hour % 12) + 12;
	year += (cent >= 19 && cent <= 30) ? cent * 100 : 2000;
	if (mon < 1 || mon > 12 || day < 1 || day > 31) {
		pr_warn("rtc: unreadable CMOS clock, CLOCK_REALTIME starts at the epoch\n");
		return;
	}
	boot_realtime_sec = days_since_epoch(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
	pr_info("rtc: %04u-%02u-%02u %02u:%02u:%02u UTC read from the CMOS clock\n",
		year, mon, day, hour, min, sec);
}
