// SPDX-License-Identifier: MIT
/*
 * The driver model, reduced to what a kernel without modules or sysfs
 * needs: drivers register a table of IDs, each unbound device is offered
 * to each driver whose table matches it (vendor, device, subsystem IDs
 * and class under a mask), and the first probe() that returns 0 binds
 * it. Drivers registered before the bus scan are offered the devices
 * when the scan ends; later ones at once.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include "pci.h"

static LIST_HEAD(pci_drivers);

static bool pci_id_matches(const struct pci_device_id *id, const struct pci_dev *dev)
{
	return (id->vendor == PCI_ANY_ID || id->vendor == dev->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == dev->device) &&
	       (id->subvendor == PCI_ANY_ID || id->subvendor == dev->subsystem_vendor) &&
	       (id->subdevice == PCI_ANY_ID || id->subdevice == dev->subsystem_device) &&
	       !((id->class ^ dev->class) & id->class_mask);
}

/* The entry of @ids matching @dev, or NULL; the table ends with an all-zero entry. */
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids, struct pci_dev *dev)
{
	for (; ids && (ids->vendor || ids->subvendor || ids->class_mask); ids++)
		if (pci_id_matches(ids, dev))
			return ids;
	return NULL;
}

static int pci_device_probe(struct pci_driver *drv, struct pci_dev *dev)
{
	const struct pci_device_id *id = pci_match_id(drv->id_table, dev);
	int ret;

	if (dev->driver || !id || !drv->probe)
		return -ENODEV;
	dev->driver = drv;
	ret = drv->probe(dev, id);
	if (ret) {
		dev->driver = NULL;
		if (ret != -ENODEV)
			pr_warn("%s %s: probe failed with error %d\n", drv->name, pci_name(dev), ret);
	}
	return ret;
}

void pci_bus_add_devices(void)
{
	struct pci_driver *drv;
	struct pci_dev *dev;

	for_each_pci_dev(dev)
		list_for_each_entry(drv, &pci_drivers, node)
			if (!pci_device_probe(drv, dev))
				break;
}

int pci_register_driver(struct pci_driver *drv)
{
	struct pci_dev *dev;

	if (!drv->name || !drv->id_table)
		return -EINVAL;
	list_add_tail(&drv->node, &pci_drivers);
	if (pci_subsys_ready())
		for_each_pci_dev(dev)
			pci_device_probe(drv, dev);
	return 0;
}

void pci_unregister_driver(struct pci_driver *drv)
{
	struct pci_dev *dev;

	for_each_pci_dev(dev) {
		if (dev->driver != drv)
			continue;
		if (drv->remove)
			drv->remove(dev);
		dev->driver = NULL;
	}
	list_del(&drv->node);
}
