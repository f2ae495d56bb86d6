/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQDOMAIN_H
#define _LINUX_IRQDOMAIN_H

/*
 * Interrupt domains: each controller's own numbering of its lines (hwirq)
 * and its translation to Linux IRQ numbers. Domains stack: an IO-APIC
 * pin or an MSI index (hwirq in the IO-APIC / PCI-MSI domain) sits on a
 * slot of the vector domain, which owns the CPU vector. One Linux IRQ
 * then has one struct irq_data per level, linked through parent_data,
 * each with that level's chip and hwirq. Vector, hwirq and IRQ number are
 * three different things; only the domains translate between them.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/irq.h>

struct irq_affinity_desc;

/*
 * What a domain is named by. Linux has device-tree and ACPI nodes here;
 * reflex only has named nodes (irq_domain_alloc_named_fwnode()).
 */
struct fwnode_handle {
	const char	*name;
};

#define IRQ_DOMAIN_IRQ_SPEC_PARAMS	16

/* A firmware description of one line: the domain and its cells. */
struct irq_fwspec {
	struct fwnode_handle	*fwnode;
	int			param_count;
	u32			param[IRQ_DOMAIN_IRQ_SPEC_PARAMS];
};

enum irq_domain_bus_token {
	DOMAIN_BUS_ANY = 0,
	DOMAIN_BUS_WIRED,
	DOMAIN_BUS_GENERIC_MSI,
	DOMAIN_BUS_PCI_MSI,
	DOMAIN_BUS_IPI,
	DOMAIN_BUS_VECTOR,
};

/**
 * struct irq_domain_ops - what a hierarchical domain implements
 * @alloc:	set up @nr_irqs lines from @virq on: usually allocate from the
 *		parent (irq_domain_alloc_irqs_parent()) then fill this level's
 *		irq_data (irq_domain_set_info())
 * @free:	undo @alloc for this level, then free the parent's
 * @activate:	program the hardware for a line that is about to be started
 * @deactivate:	undo @activate
 * @translate:	firmware cells to hwirq and trigger type
 */
struct irq_domain;
struct seq_file;

struct irq_domain_ops {
	int	(*alloc)(struct irq_domain *d, unsigned int virq,
			 unsigned int nr_irqs, void *arg);
	void	(*free)(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs);
	int	(*activate)(struct irq_domain *d, struct irq_data *irqd, bool reserve);
	void	(*deactivate)(struct irq_domain *d, struct irq_data *irq_data);
	int	(*translate)(struct irq_domain *d, struct irq_fwspec *fwspec,
			     unsigned long *out_hwirq, unsigned int *out_type);
	/* More lines for /sys/kernel/debug/irq/domains/NAME (irqd NULL: the domain's own). */
	void	(*debug_show)(struct seq_file *m, struct irq_domain *d,
			      struct irq_data *irqd, int ind);
};

/**
 * struct irq_domain - one controller's numbering
 * @link:	on the list of all domains
 * @name:	for messages and debugging
 * @ops:	see struct irq_domain_ops
 * @host_data:	the controller's own data
 * @flags:	IRQ_DOMAIN_FLAG_*
 * @mapcount:	lines currently mapped
 * @fwnode:	what the domain was created for
 * @bus_token:	what kind of bus it serves
 * @parent:	the domain below in the hierarchy (NULL at the root)
 * @root:	the bottom of this hierarchy
 * @hwirq_max:	hwirqs at or above this do not exist
 * @revmap_size: entries in @revmap; hwirqs beyond are found by a scan
 * @revmap:	hwirq -> top-level irq_data of the line
 */
struct irq_domain {
	struct list_head		link;
	const char			*name;
	const struct irq_domain_ops	*ops;
	void				*host_data;
	unsigned int			flags;
	unsigned int			mapcount;
	struct fwnode_handle		*fwnode;
	enum irq_domain_bus_token	bus_token;
	struct irq_domain		*parent;
	struct irq_domain		*root;
	irq_hw_number_t			hwirq_max;
	unsigned int			revmap_size;
	struct irq_data			*revmap[];
};

enum {
	IRQ_DOMAIN_FLAG_HIERARCHY	= 1 << 0,
	IRQ_DOMAIN_NAME_ALLOCATED	= 1 << 1,
	IRQ_DOMAIN_FLAG_IPI_PER_CPU	= 1 << 2,
	IRQ_DOMAIN_FLAG_IPI_SINGLE	= 1 << 3,
	IRQ_DOMAIN_FLAG_MSI		= 1 << 4,
	IRQ_DOMAIN_FLAG_ISOLATED_MSI	= 1 << 5,
	IRQ_DOMAIN_FLAG_NO_MAP		= 1 << 6,	/* hwirq == Linux IRQ */
	IRQ_DOMAIN_FLAG_MSI_PARENT	= 1 << 8,
	IRQ_DOMAIN_FLAG_MSI_DEVICE	= 1 << 9,
	IRQ_DOMAIN_FLAG_NONCORE		= 1 << 16,
};

struct fwnode_handle *irq_domain_alloc_named_fwnode(const char *name);
struct fwnode_handle *irq_domain_alloc_named_id_fwnode(const char *name, int id);
void irq_domain_free_fwnode(struct fwnode_handle *fwnode);

struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode,
					    unsigned int size,
					    const struct irq_domain_ops *ops,
					    void *host_data);
struct irq_domain *irq_domain_create_tree(struct fwnode_handle *fwnode,
					  const struct irq_domain_ops *ops,
					  void *host_data);
struct irq_domain *irq_domain_create_hierarchy(struct irq_domain *parent,
					       unsigned int flags, unsigned int size,
					       struct fwnode_handle *fwnode,
					       const struct irq_domain_ops *ops,
					       void *host_data);
void irq_domain_remove(struct irq_domain *domain);
/* /sys/kernel/debug/irq/domains/: a file for every domain from now on. */
void irq_domain_debugfs_init(void);
struct irq_domain *irq_find_matching_fwnode(struct fwnode_handle *fwnode,
					    enum irq_domain_bus_token bus_token);
void irq_domain_update_bus_token(struct irq_domain *domain,
				 enum irq_domain_bus_token bus_token);

void irq_set_default_host(struct irq_domain *domain);
struct irq_domain *irq_get_default_host(void);

int __irq_domain_alloc_irqs(struct irq_domain *domain, int irq_base,
			    unsigned int nr_irqs, int node, void *arg,
			    bool realloc, const struct irq_affinity_desc *affinity);
void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs);

/* @nr_irqs consecutive new Linux IRQs anywhere, set up through @domain. */
static inline int irq_domain_alloc_irqs(struct irq_domain *domain, unsigned int nr_irqs,
					int node, void *arg)
{
	return __irq_domain_alloc_irqs(domain, -1, nr_irqs, node, arg, false, NULL);
}

int irq_domain_alloc_irqs_parent(struct irq_domain *domain, unsigned int irq_base,
				 unsigned int nr_irqs, void *arg);
void irq_domain_free_irqs_parent(struct irq_domain *domain, unsigned int irq_base,
				 unsigned int nr_irqs);
void irq_domain_free_irqs_common(struct irq_domain *domain, unsigned int virq,
				 unsigned int nr_irqs);
void irq_domain_free_irqs_top(struct irq_domain *domain, unsigned int virq,
			      unsigned int nr_irqs);

struct irq_data *irq_domain_get_irq_data(struct irq_domain *domain, unsigned int virq);
int irq_domain_set_hwirq_and_chip(struct irq_domain *domain, unsigned int virq,
				  irq_hw_number_t hwirq, const struct irq_chip *chip,
				  void *chip_data);
void irq_domain_set_info(struct irq_domain *domain, unsigned int virq,
			 irq_hw_number_t hwirq, const struct irq_chip *chip,
			 void *chip_data, irq_flow_handler_t handler,
			 void *handler_data, const char *handler_name);
void irq_domain_reset_irq_data(struct irq_data *irq_data);

int irq_domain_activate_irq(struct irq_data *irq_data, bool reserve);
void irq_domain_deactivate_irq(struct irq_data *irq_data);

struct irq_desc *__irq_resolve_mapping(struct irq_domain *domain,
				       irq_hw_number_t hwirq, unsigned int *irq);

/* The Linux IRQ that @hwirq of @domain is mapped to; 0 when none. */
static inline unsigned int irq_find_mapping(struct irq_domain *domain,
					    irq_hw_number_t hwirq)
{
	unsigned int irq;

	if (__irq_resolve_mapping(domain, hwirq, &irq))
		return irq;
	return 0;
}

static inline bool irq_domain_is_hierarchy(struct irq_domain *domain)
{
	return domain->flags & IRQ_DOMAIN_FLAG_HIERARCHY;
}

#endif
