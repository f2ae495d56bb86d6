// SPDX-License-Identifier: MIT
/*
 * The generic part of message signalled interrupts: finding a line's
 * MSI descriptor, composing its message by asking the hierarchy (the
 * first level that knows how, on x86 the vector domain), and keeping the
 * device's copy of the message right when the line moves to another CPU
 * or vector. Which device registers hold the message is the bus's
 * business (drivers/pci/msi/).
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/msi.h>

struct msi_desc *irq_data_get_msi_desc(struct irq_data *data)
{
	return data->common->msi_desc;
}

struct msi_desc *irq_get_msi_desc(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? irq_data_get_msi_desc(d) : NULL;
}

/**
 * irq_chip_compose_msi_msg - the message that raises @data's line
 *
 * Walks down from @data to the first chip that can compose messages:
 * only the level that owns the vector knows where it is delivered.
 * Returns -ENOSYS when no level can.
 */
int irq_chip_compose_msi_msg(struct irq_data *data, struct msi_msg *msg)
{
	struct irq_data *d;

	for (d = data; d; d = d->parent_data) {
		if (d->chip && d->chip->irq_compose_msi_msg) {
			d->chip->irq_compose_msi_msg(d, msg);
			return 0;
		}
	}
	return -ENOSYS;
}

/*
 * Moving a line changes its vector, so the device must be told the new
 * message before the old vector is reused. The parent picks the vector;
 * the message follows it here.
 */
int msi_domain_set_affinity(struct irq_data *data, const struct cpumask *mask, bool force)
{
	struct msi_msg msg;
	int ret;

	ret = irq_chip_set_affinity_parent(data, mask, force);
	if (ret < 0 || ret == IRQ_SET_MASK_OK_DONE)
		return ret;
	if (irq_chip_compose_msi_msg(data, &msg))
		return -ENOSYS;
	if (data->chip->irq_write_msi_msg)
		data->chip->irq_write_msi_msg(data, &msg);
	return ret;
}

void get_cached_msi_msg(unsigned int irq, struct msi_msg *msg)
{
	struct msi_desc *desc = irq_get_msi_desc(irq);

	if (desc)
		*msg = desc->msg;
	else
		memset(msg, 0, sizeof(*msg));
}
