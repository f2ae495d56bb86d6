// SPDX-License-Identifier: MIT
/*
 * The 8254 PIT as a reference clock for calibration. Channel 2 is used
 * because its gate is under software control (port 0x61) and its output
 * can be read back without any interrupt: program a count, then poll
 * until OUT goes high. Channel 0 (IRQ 0) is left to whoever requests it.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/i8253.h>

#define PIT_CH0		0x40	/* channel 0 data: IRQ 0 */
#define PIT_CH2		0x42	/* channel 2 data */
#define PIT_MODE	0x43	/* mode/command */
#define PORT_B		0x61	/* bit 0: ch2 gate, bit 1: speaker, bit 5: ch2 OUT */

void pit_ch2_start(unsigned int ms)
{
	unsigned int latch = PIT_TICK_RATE * ms / 1000;

	outb((inb(PORT_B) & ~0x02) | 0x01, PORT_B);	/* gate on, speaker off */
	outb(0xb0, PIT_MODE);		/* ch2, lobyte/hibyte, mode 0 */
	outb(latch & 0xff, PIT_CH2);
	outb(latch >> 8, PIT_CH2);
}

bool pit_ch2_expired(void)
{
	return inb(PORT_B) & 0x20;
}

/* Channel 0 in mode 2 (rate generator) at hz: IRQ 0 fires hz times a second. */
void pit_ch0_set_periodic(unsigned int hz)
{
	unsigned int latch = PIT_TICK_RATE / hz;

	outb(0x34, PIT_MODE);		/* ch0, lobyte/hibyte, mode 2 */
	outb(latch & 0xff, PIT_CH0);
	outb(latch >> 8, PIT_CH0);
}

void pit_ch0_stop(void)
{
	outb(0x30, PIT_MODE);		/* ch0, mode 0, no count loaded: OUT stays low */
}
