// SPDX-License-Identifier: MIT
/*
 * Configuration-space accessors: by bus and devfn (for enumeration,
 * before a struct pci_dev exists) and by device. They check alignment
 * and leave the access itself to the arch's raw_pci_read() and
 * raw_pci_write(). A failed read returns all-ones in *val, as a read of
 * an absent function does on the bus, so callers that only test the
 * value still see "nothing there".
 */
#include <linux/kernel.h>
#include <linux/pci.h>

static int pci_bus_read(struct pci_bus *bus, unsigned int devfn, int where, int len, u32 *val)
{
	int ret;

	if (where & (len - 1)) {
		*val = ~0U;
		return PCIBIOS_BAD_REGISTER_NUMBER;
	}
	ret = raw_pci_read(0, bus->number, devfn, where, len, val);
	if (ret)
		*val = ~0U;
	return ret;
}

static int pci_bus_write(struct pci_bus *bus, unsigned int devfn, int where, int len, u32 val)
{
	if (where & (len - 1))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	return raw_pci_write(0, bus->number, devfn, where, len, val);
}

int pci_bus_read_config_byte(struct pci_bus *bus, unsigned int devfn, int where, u8 *val)
{
	u32 v;
	int ret = pci_bus_read(bus, devfn, where, 1, &v);

	*val = v;
	return ret;
}

int pci_bus_read_config_word(struct pci_bus *bus, unsigned int devfn, int where, u16 *val)
{
	u32 v;
	int ret = pci_bus_read(bus, devfn, where, 2, &v);

	*val = v;
	return ret;
}

int pci_bus_read_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 *val)
{
	return pci_bus_read(bus, devfn, where, 4, val);
}

int pci_bus_write_config_byte(struct pci_bus *bus, unsigned int devfn, int where, u8 val)
{
	return pci_bus_write(bus, devfn, where, 1, val);
}

int pci_bus_write_config_word(struct pci_bus *bus, unsigned int devfn, int where, u16 val)
{
	return pci_bus_write(bus, devfn, where, 2, val);
}

int pci_bus_write_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 val)
{
	return pci_bus_write(bus, devfn, where, 4, val);
}

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	return pci_bus_read_config_byte(dev->bus, dev->devfn, where, val);
}

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	return pci_bus_read_config_word(dev->bus, dev->devfn, where, val);
}

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	return pci_bus_read_config_dword(dev->bus, dev->devfn, where, val);
}

int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val)
{
	return pci_bus_write_config_byte(dev->bus, dev->devfn, where, val);
}

int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	return pci_bus_write_config_word(dev->bus, dev->devfn, where, val);
}

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	return pci_bus_write_config_dword(dev->bus, dev->devfn, where, val);
}
