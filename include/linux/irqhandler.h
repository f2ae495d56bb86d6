/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQHANDLER_H
#define _LINUX_IRQHANDLER_H

/* A flow handler: how a line of a given kind is acked, masked and EOIed. */
struct irq_desc;
typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

#endif
