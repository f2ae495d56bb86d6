/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQRETURN_H
#define _LINUX_IRQRETURN_H

/*
 * What a device's interrupt handler tells the core: not mine, handled, or
 * handled far enough that the rest belongs in the handler's thread. The
 * values are bits so that a shared line can OR its handlers' answers.
 */
enum irqreturn {
	IRQ_NONE		= 0,
	IRQ_HANDLED		= 1 << 0,
	IRQ_WAKE_THREAD		= 1 << 1,
};
typedef enum irqreturn irqreturn_t;

#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

#endif
