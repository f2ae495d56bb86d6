// SPDX-License-Identifier: MIT
/*
 * The 16550A UART on COM1 (I/O port 0x3f8, ISA IRQ 4) as the kernel
 * console: 115200 8N1, polled transmit, and receive by interrupt once the
 * interrupt controllers are up — a real edge line through the IOAPIC (or
 * the PIC). It is also the tty behind /dev/console: received bytes go to
 * the tty core, which hands them to the line discipline or, while no one
 * reads the tty, to the kernel console; the tty writes through
 * serial8250_tty_write(), which sends bytes as they are (the line
 * discipline adds the carriage returns), unlike the printk console.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/tty.h>
#include <asm/io.h>

#define COM1_BASE	0x3f8
#define UART_RX		0	/* receive buffer (DLAB=0) */
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control; bit 7 is DLAB */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	0x01	/* data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_IIR	2	/* interrupt identification (read) */
#define UART_IIR_NO_INT	0x01	/* no interrupt pending */
#define UART_IER_RDI	0x01	/* interrupt on received data */
#define COM1_IRQ	4
#define UART_LCR_8N1	0x03
#define UART_LCR_DLAB	0x80
#define UART_MCR_DTR_RTS_OUT2 0x0b	/* OUT2 gates the IRQ line on PCs */

static unsigned int serial_base = COM1_BASE;

static void serial_putc(char c)
{
	unsigned int spins = 100000;

	while (!(inb(serial_base + UART_LSR) & UART_LSR_THRE) && --spins)
		;
	outb(c, serial_base + UART_TX);
}

static void serial8250_console_write(struct console *con, const char *s,
				     unsigned int n)
{
	for (; n; n--, s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

static struct console serial8250_console = {
	.name = "ttyS0",
	.write = serial8250_console_write,
};

/* console=ttyS0[,115200] picks COM1; other consoles do not exist here. */
static int __init console_setup(char *arg)
{
	if (strncmp(arg, "ttyS0", 5))
		pr_warn("console=%s: only ttyS0 is supported, using it\n", arg);
	return 0;
}
__setup("console=", console_setup);

void serial8250_early_init(void)
{
	outb(0, serial_base + UART_IER);
	outb(UART_LCR_DLAB, serial_base + UART_LCR);
	outb(1, serial_base + UART_DLL);		/* 115200 baud */
	outb(0, serial_base + UART_DLM);
	outb(UART_LCR_8N1, serial_base + UART_LCR);
	outb(0xc7, serial_base + UART_FCR);		/* FIFOs on and cleared */
	outb(UART_MCR_DTR_RTS_OUT2, serial_base + UART_MCR);
	register_console(&serial8250_console);
}

static void serial8250_tty_write(struct tty_struct *tty, const char *s, size_t n)
{
	for (; n; n--, s++)
		serial_putc(*s);
}

static const struct tty_operations serial8250_tty_ops = {
	.write = serial8250_tty_write,
};

static struct tty_struct *serial8250_tty;

/* Drain the receive FIFO; IRQ_NONE if the UART had nothing for us. */
static irqreturn_t serial8250_interrupt(int irq, void *dev_id)
{
	irqreturn_t ret = IRQ_NONE;

	while (inb(serial_base + UART_LSR) & UART_LSR_DR) {
		tty_insert_flip_char(serial8250_tty, inb(serial_base + UART_RX));
		ret = IRQ_HANDLED;
	}
	if (ret == IRQ_HANDLED)
		tty_flip_buffer_push(serial8250_tty);
	return ret;
}

int serial8250_enable_rx_irq(void)
{
	int err;

	serial8250_tty = tty_attach_console_port(&serial8250_tty_ops);
	err = request_irq(COM1_IRQ, serial8250_interrupt, 0, "ttyS0",
			  &serial8250_console);
	if (err) {
		pr_err("ttyS0: cannot get IRQ %d (%d), console input disabled\n",
		       COM1_IRQ, err);
		return err;
	}
	(void)inb(serial_base + UART_IIR);
	outb(UART_IER_RDI, serial_base + UART_IER);
	return 0;
}
