/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

/*
 * The PCI core's view of the bus, with Linux's names: struct pci_bus and
 * struct pci_dev as enumeration (drivers/pci/probe.c) found them, the
 * configuration accessors (drivers/pci/access.c, on top of the arch's
 * raw_pci_read()/raw_pci_write()), enabling and mapping a device
 * (drivers/pci/pci.c), the driver model (drivers/pci/pci-driver.c) and
 * interrupt vectors: INTx, MSI and MSI-X (drivers/pci/msi/).
 *
 * One PCI segment (domain 0000) only.
 */
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/ioport.h>
#include <linux/pci_regs.h>
#include <linux/pci_ids.h>

#define PCI_DEVFN(slot, func)	((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)		(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)		((devfn) & 0x07)

/* Interrupt pins as PCI_INTERRUPT_PIN reads them. */
enum pci_interrupt_pin {
	PCI_INTERRUPT_UNKNOWN,
	PCI_INTERRUPT_INTA,
	PCI_INTERRUPT_INTB,
	PCI_INTERRUPT_INTC,
	PCI_INTERRUPT_INTD,
};
#define PCI_NUM_INTX	4

/* What the config accessors return: Linux's PCIBIOS_* codes, 0 on success. */
#define PCIBIOS_SUCCESSFUL		0x00
#define PCIBIOS_FUNC_NOT_SUPPORTED	0x81
#define PCIBIOS_DEVICE_NOT_FOUND	0x86
#define PCIBIOS_BAD_REGISTER_NUMBER	0x87

static inline int pcibios_err_to_errno(int err)
{
	if (err <= PCIBIOS_SUCCESSFUL)
		return err;
	return err == PCIBIOS_DEVICE_NOT_FOUND ? -ENODEV : -EINVAL;
}

#define PCI_STD_NUM_BARS	6
#define PCI_ROM_RESOURCE	6
#define PCI_NUM_RESOURCES	7

struct pci_dev;
struct pci_driver;
struct irq_domain;

/* One bus: the root bus 0, or the bus behind a PCI-to-PCI bridge (@self). */
struct pci_bus {
	struct list_head node;		/* on pci_root_buses or the parent's children */
	struct pci_bus	*parent;	/* NULL for a root bus */
	struct list_head children;	/* buses behind bridges on this bus */
	struct list_head devices;	/* struct pci_dev::bus_list */
	struct pci_dev	*self;		/* the bridge leading here; NULL for a root bus */
	unsigned char	number;
	unsigned char	primary;
	unsigned char	busn_end;	/* subordinate: the last bus number below */
};

/**
 * struct pci_dev - one PCI function
 * @vendor, @device:	PCI_VENDOR_ID, PCI_DEVICE_ID
 * @class:		24 bits: base class, sub class, programming interface
 * @hdr_type:		PCI_HEADER_TYPE without the multi-function bit
 * @pin:		PCI_INTERRUPT_PIN (0 none, 1 INTA ...)
 * @irq:		the Linux IRQ of INTx once pci_enable_device() routed it
 *			(before that, the firmware's PCI_INTERRUPT_LINE), or the
 *			first vector after pci_alloc_irq_vectors() chose MSI(-X)
 * @resource:		the BARs (0-5) and the expansion ROM (6)
 * @msi_cap, @msix_cap:	capability offsets, 0 when absent
 * @msi_domain:		the per-device PCI-MSI/PCI-MSIX irq domain while vectors exist
 * @msi_list:		struct msi_desc, one per allocated vector
 */
struct pci_dev {
	struct list_head	global_list;	/* every device, in bus order */
	struct list_head	bus_list;
	struct pci_bus		*bus;
	struct pci_bus		*subordinate;	/* the bus behind a bridge */
	unsigned int		devfn;
	u16			vendor, device;
	u16			subsystem_vendor, subsystem_device;
	unsigned int		class;
	u8			revision;
	u8			hdr_type;
	u8			pin;
	u8			msi_cap;
	u8			msix_cap;
	bool			multifunction;
	bool			is_enabled;
	bool			is_busmaster;
	bool			msi_enabled;
	bool			msix_enabled;
	bool			irq_routed;	/* @irq is a mapped INTx line */
	unsigned int		irq;
	int			cfg_size;	/* 256, or 4096 with PCI Express extended space */
	struct resource		resource[PCI_NUM_RESOURCES];
	struct irq_domain	*msi_domain;
	struct list_head	msi_list;
	void			*msix_base;	/* the mapped MSI-X table */
	struct pci_driver	*driver;
	void			*driver_data;
	char			name[16];	/* "0000:00:03.0" */
};

#define for_each_pci_dev(d)	list_for_each_entry(d, &pci_devices, global_list)
extern struct list_head pci_devices;
extern struct list_head pci_root_buses;

static inline const char *pci_name(const struct pci_dev *pdev)
{
	return pdev->name;
}

static inline bool pci_is_root_bus(struct pci_bus *bus)
{
	return !bus->parent;
}

static inline bool pci_is_bridge(struct pci_dev *dev)
{
	return dev->hdr_type == PCI_HEADER_TYPE_BRIDGE;
}

static inline void *pci_get_drvdata(struct pci_dev *pdev)
{
	return pdev->driver_data;
}

static inline void pci_set_drvdata(struct pci_dev *pdev, void *data)
{
	pdev->driver_data = data;
}

#define pci_resource_start(dev, bar)	((dev)->resource[(bar)].start)
#define pci_resource_end(dev, bar)	((dev)->resource[(bar)].end)
#define pci_resource_flags(dev, bar)	((dev)->resource[(bar)].flags)
#define pci_resource_len(dev, bar)					\
	((dev)->resource[(bar)].end ? resource_size(&(dev)->resource[(bar)]) : 0)

/* --- configuration space (drivers/pci/access.c) ---------------------------- */

/* The arch's accessors for any function, present or not (arch/x86/pci/common.c). */
int raw_pci_read(unsigned int domain, unsigned int bus, unsigned int devfn,
		 int reg, int len, u32 *val);
int raw_pci_write(unsigned int domain, unsigned int bus, unsigned int devfn,
		  int reg, int len, u32 val);

int pci_bus_read_config_byte(struct pci_bus *bus, unsigned int devfn, int where, u8 *val);
int pci_bus_read_config_word(struct pci_bus *bus, unsigned int devfn, int where, u16 *val);
int pci_bus_read_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 *val);
int pci_bus_write_config_byte(struct pci_bus *bus, unsigned int devfn, int where, u8 val);
int pci_bus_write_config_word(struct pci_bus *bus, unsigned int devfn, int where, u16 val);
int pci_bus_write_config_dword(struct pci_bus *bus, unsigned int devfn, int where, u32 val);

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val);
int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/* --- enumeration (drivers/pci/probe.c) -------------------------------------- */

struct pci_bus *pci_scan_root_bus(int busnr);
struct pci_dev *pci_get_slot(struct pci_bus *bus, unsigned int devfn);
struct pci_dev *pci_get_domain_bus_and_slot(int domain, unsigned int bus, unsigned int devfn);
/* The next device after @from (NULL: the first) matching the IDs; PCI_ANY_ID matches all. */
struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device, struct pci_dev *from);
/* The lowest set bit of what a BAR read back after all-ones was written: its size. */
u64 pci_bar_size(u64 readback, u64 mask);
int __pci_read_base(struct pci_dev *dev, int bar, int pos, struct resource *res);

/* --- using a device (drivers/pci/pci.c) -------------------------------------- */

int pci_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
void pci_clear_master(struct pci_dev *dev);
void pci_intx(struct pci_dev *dev, int enable);
u8 pci_find_capability(struct pci_dev *dev, int cap);
u8 pci_find_next_capability(struct pci_dev *dev, u8 pos, int cap);
u8 pci_bus_find_capability(struct pci_bus *bus, unsigned int devfn, int cap);
void *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen);
void *pci_ioremap_bar(struct pci_dev *dev, int bar);
void pci_iounmap(struct pci_dev *dev, void *addr);

/* --- INTx (drivers/pci/irq.c, arch/x86/pci/irq.c) ---------------------------- */

u8 pci_swizzle_interrupt_pin(const struct pci_dev *dev, u8 pin);
u8 pci_common_swizzle(struct pci_dev *dev, u8 *pinp);
/* The arch routes @dev's pin to a Linux IRQ in dev->irq (x86: the IOAPIC GSI). */
int pcibios_enable_irq(struct pci_dev *dev);
void pcibios_disable_irq(struct pci_dev *dev);
/* A pci= option the core does not know (x86: conf1, nommconf); 0 when the arch took it. */
int pcibios_setup(char *str);

/* --- MSI, MSI-X and interrupt vectors (drivers/pci/msi/) --------------------- */

#define PCI_IRQ_INTX		(1 << 0)	/* allow INTx */
#define PCI_IRQ_LEGACY		PCI_IRQ_INTX	/* the pre-6.8 spelling */
#define PCI_IRQ_MSI		(1 << 1)
#define PCI_IRQ_MSIX		(1 << 2)
#define PCI_IRQ_AFFINITY	(1 << 3)	/* spread over the CPUs: managed interrupts */
#define PCI_IRQ_ALL_TYPES	(PCI_IRQ_INTX | PCI_IRQ_MSI | PCI_IRQ_MSIX)

struct irq_affinity;
int pci_alloc_irq_vectors(struct pci_dev *dev, unsigned int min_vecs,
			  unsigned int max_vecs, unsigned int flags);
int pci_alloc_irq_vectors_affinity(struct pci_dev *dev, unsigned int min_vecs,
				   unsigned int max_vecs, unsigned int flags,
				   struct irq_affinity *affd);
void pci_free_irq_vectors(struct pci_dev *dev);
int pci_irq_vector(struct pci_dev *dev, unsigned int nr);
int pci_msi_vec_count(struct pci_dev *dev);
int pci_msix_vec_count(struct pci_dev *dev);
int pci_enable_msi(struct pci_dev *dev);
void pci_disable_msi(struct pci_dev *dev);
void pci_disable_msix(struct pci_dev *dev);
/* pci=nomsi on the command line: never MSI or MSI-X. */
extern bool pci_msi_enable;

/* --- drivers (drivers/pci/pci-driver.c) --------------------------------------- */

struct pci_device_id {
	u32 vendor, device;		/* PCI_ANY_ID for any */
	u32 subvendor, subdevice;	/* PCI_ANY_ID for any */
	u32 class, class_mask;		/* (dev->class ^ class) & class_mask == 0 */
	unsigned long driver_data;
};

#define PCI_DEVICE(vend, dev)						\
	.vendor = (vend), .device = (dev),				\
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_DEVICE_CLASS(dev_class, dev_class_mask)			\
	.class = (dev_class), .class_mask = (dev_class_mask),		\
	.vendor = PCI_ANY_ID, .device = PCI_ANY_ID,			\
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID
#define PCI_VDEVICE(vend, dev)	PCI_DEVICE(PCI_VENDOR_ID_##vend, (dev))

/**
 * struct pci_driver - what a driver registers
 * @id_table:	devices it drives, ended by an all-zero entry
 * @probe:	called for each matching device not yet bound; 0 binds it
 * @remove:	called on pci_unregister_driver() for each bound device
 */
struct pci_driver {
	struct list_head node;
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
};

int pci_register_driver(struct pci_driver *drv);
void pci_unregister_driver(struct pci_driver *drv);
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids, struct pci_dev *dev);
/* Offers every unbound device to the registered drivers (after a scan). */
void pci_bus_add_devices(void);

/* --- boot --------------------------------------------------------------------- */

/*
 * Brings PCI up: configuration access (ECAM from the MCFG, else type 1),
 * the bus scan with a listing of every function, the MSI domain. Call it
 * after init_IRQ(); a second call does nothing and returns 0.
 */
int pci_subsys_init(void);
/* True once pci_subsys_init() has found a bus to scan. */
bool pci_subsys_ready(void);

#endif
