// SPDX-License-Identifier: MIT
/*
 * The wall clock at boot, read once from the CMOS RTC (MC146818: BCD or
 * binary, 12/24-hour, as register B says). CLOCK_REALTIME is that plus
 * the monotonic time since; nothing sets it later (no settimeofday).
 */
#include <linux/kernel.h>
#include <asm/mc146818rtc.h>

s64 boot_realtime_sec;

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

	while ((CMOS_READ(RTC_REG_A) & RTC_UIP) && --spins)
		;	/* not in the middle of an update */
	sec = CMOS_READ(RTC_SECONDS);
	min = CMOS_READ(RTC_MINUTES);
	hour = CMOS_READ(RTC_HOURS);
	day = CMOS_READ(RTC_DAY_OF_MONTH);
	mon = CMOS_READ(RTC_MONTH);
	year = CMOS_READ(RTC_YEAR);
	cent = CMOS_READ(RTC_CENTURY);
	b = CMOS_READ(RTC_REG_B);
	pm = hour & 0x80;
	hour &= 0x7f;
	if (!(b & RTC_DM_BINARY)) {
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour);
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
		cent = bcd2bin(cent);
	}
	if (!(b & RTC_24H) && pm)
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
