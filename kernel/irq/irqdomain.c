// SPDX-License-Identifier: MIT
/*
 * Hierarchical irq domains. A domain translates its controller's line
 * numbers (hwirq) to Linux IRQ numbers and back. Allocating through a
 * domain gives every level of the hierarchy its own irq_data for the
 * Linux IRQ (the top one is the descriptor's, the rest are allocated
 * here and chained through parent_data), then lets each domain's alloc
 * op fill in its level, bottom-up through irq_domain_alloc_irqs_parent().
 * Activation programs the levels bottom-up too: the vector must exist
 * before the IO-APIC entry that points at it.
 *
 * Reverse maps: a domain created with a size has a linear hwirq -> irq_data
 * table; a tree domain (size 0), or a hwirq beyond the table, is found by
 * scanning the allocated IRQs. Lookups there are rare (the vector domain
 * is never searched by hwirq; x86 keeps vector_irq[] for that).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/seq_file.h>
#include <linux/sysfs.h>
#include <asm/page.h>
#include "internals.h"

static LIST_HEAD(irq_domain_list);
static DEFINE_RAW_SPINLOCK(irq_domain_lock);
static struct irq_domain *irq_default_domain;

/* --- creating and removing domains ------------------------------------------ */

struct fwnode_handle *irq_domain_alloc_named_fwnode(const char *name)
{
	struct fwnode_handle *fwnode = kzalloc(sizeof(*fwnode), GFP_KERNEL);

	if (fwnode)
		fwnode->name = name;
	return fwnode;
}

/* "IO-APIC-0" style names; the string is allocated with the handle. */
struct fwnode_handle *irq_domain_alloc_named_id_fwnode(const char *name, int id)
{
	size_t len = strlen(name) + 16;
	struct fwnode_handle *fwnode = kzalloc(sizeof(*fwnode) + len, GFP_KERNEL);
	char *buf;

	if (!fwnode)
		return NULL;
	buf = (char *)(fwnode + 1);
	snprintf(buf, len, "%s-%d", name, id);
	fwnode->name = buf;
	return fwnode;
}

void irq_domain_free_fwnode(struct fwnode_handle *fwnode)
{
	kfree(fwnode);
}

static struct irq_domain *__irq_domain_create(struct fwnode_handle *fwnode,
					      unsigned int size,
					      irq_hw_number_t hwirq_max,
					      const struct irq_domain_ops *ops,
					      void *host_data)
{
	struct irq_domain *domain;

	domain = kzalloc(sizeof(*domain) + size * sizeof(domain->revmap[0]), GFP_KERNEL);
	if (!domain)
		return NULL;
	domain->fwnode = fwnode;
	domain->name = fwnode && fwnode->name ? fwnode->name : "unknown";
	domain->ops = ops;
	domain->host_data = host_data;
	domain->hwirq_max = hwirq_max;
	domain->revmap_size = size;
	domain->root = domain;
	INIT_LIST_HEAD(&domain->link);
	return domain;
}

/*
 * /sys/kernel/debug/irq/domains/NAME, as Linux's debugfs file: the
 * domain's size, mapped lines and flags, its own lines (the vector
 * domain prints its matrix), then its parent's, indented. reflex has
 * no separate debugfs mount; the files sit in /sys's tree at the path
 * Linux's debugfs is mounted on. Domains made before the tree is ready
 * are added by irq_domain_debugfs_init(). A name another domain already
 * took gets no file.
 */
static bool irq_domain_debugfs_ready;

static void irq_domain_debug_show_one(struct seq_file *m, struct irq_domain *d, int ind)
{
	seq_printf(m, "%*sname:   %s\n", ind, "", d->name);
	seq_printf(m, "%*ssize:   %u\n", ind + 1, "", d->revmap_size);
	seq_printf(m, "%*smapped: %u\n", ind + 1, "", d->mapcount);
	seq_printf(m, "%*sflags:  0x%08x\n", ind + 1, "", d->flags);
	if (d->ops && d->ops->debug_show)
		d->ops->debug_show(m, d, NULL, ind + 1);
	if (!d->parent)
		return;
	seq_printf(m, "%*sparent: %s\n", ind + 1, "", d->parent->name);
	irq_domain_debug_show_one(m, d->parent, ind + 4);
}

static ssize_t irq_domain_debug_show(char *buf, void *data)
{
	struct seq_file m = { .buf = buf, .size = PAGE_SIZE };

	irq_domain_debug_show_one(&m, data, 0);
	return m.count;
}

#define DOMAIN_DEBUGFS_PATH_MAX	96

static bool domain_debugfs_path(struct irq_domain *d, char *path)
{
	return !strchr(d->name, '/') &&
	       snprintf(path, DOMAIN_DEBUGFS_PATH_MAX, "kernel/debug/irq/domains/%s",
			d->name) < DOMAIN_DEBUGFS_PATH_MAX;
}

static void debugfs_add_domain_dir(struct irq_domain *d)
{
	char path[DOMAIN_DEBUGFS_PATH_MAX];

	if (irq_domain_debugfs_ready && domain_debugfs_path(d, path))
		sysfs_create_file_rw(path, 0444, irq_domain_debug_show, NULL, d);
}

static void debugfs_remove_domain_dir(struct irq_domain *d)
{
	char path[DOMAIN_DEBUGFS_PATH_MAX];

	if (irq_domain_debugfs_ready && domain_debugfs_path(d, path))
		sysfs_remove_file(path);
}

void irq_domain_debugfs_init(void)
{
	struct irq_domain *d;

	/* Boot, one CPU, no domain comes or goes meanwhile: no lock around the adds. */
	irq_domain_debugfs_ready = true;
	list_for_each_entry(d, &irq_domain_list, link)
		debugfs_add_domain_dir(d);
}

static void __irq_domain_publish(struct irq_domain *domain)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_domain_lock, flags);
	list_add(&domain->link, &irq_domain_list);
	raw_spin_unlock_irqrestore(&irq_domain_lock, flags);
	pr_debug("Added domain %s\n", domain->name);
	debugfs_add_domain_dir(domain);
}

/* A domain of @size lines, hwirq 0 .. size-1, each found in O(1). */
struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode,
					    unsigned int size,
					    const struct irq_domain_ops *ops,
					    void *host_data)
{
	struct irq_domain *domain = __irq_domain_create(fwnode, size, size, ops, host_data);

	if (domain)
		__irq_domain_publish(domain);
	return domain;
}

/* A domain with no bound on hwirq (the x86 vector domain is one). */
struct irq_domain *irq_domain_create_tree(struct fwnode_handle *fwnode,
					  const struct irq_domain_ops *ops,
					  void *host_data)
{
	struct irq_domain *domain = __irq_domain_create(fwnode, 0, ~0UL, ops, host_data);

	if (domain)
		__irq_domain_publish(domain);
	return domain;
}

/**
 * irq_domain_create_hierarchy - a domain stacked on @parent
 * @flags:	IRQ_DOMAIN_FLAG_* added to the new domain's
 * @size:	lines with a linear reverse map; 0 for an unbounded tree domain
 * @fwnode:	what names the domain (irq_domain_alloc_named_fwnode()); may be NULL
 */
struct irq_domain *irq_domain_create_hierarchy(struct irq_domain *parent,
					       unsigned int flags, unsigned int size,
					       struct fwnode_handle *fwnode,
					       const struct irq_domain_ops *ops,
					       void *host_data)
{
	struct irq_domain *domain;

	domain = __irq_domain_create(fwnode, size, size ? size : ~0UL, ops, host_data);
	if (!domain)
		return NULL;
	if (parent)
		domain->root = parent->root;
	domain->parent = parent;
	domain->flags |= flags | IRQ_DOMAIN_FLAG_HIERARCHY;
	__irq_domain_publish(domain);
	return domain;
}

/* The domain must have no lines mapped any more. */
void irq_domain_remove(struct irq_domain *domain)
{
	unsigned long flags;

	WARN_ON(domain->mapcount);
	debugfs_remove_domain_dir(domain);
	raw_spin_lock_irqsave(&irq_domain_lock, flags);
	list_del(&domain->link);
	if (domain == irq_default_domain)
		irq_default_domain = NULL;
	raw_spin_unlock_irqrestore(&irq_domain_lock, flags);
	kfree(domain);
}

struct irq_domain *irq_find_matching_fwnode(struct fwnode_handle *fwnode,
					    enum irq_domain_bus_token bus_token)
{
	struct irq_domain *h, *found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_domain_lock, flags);
	list_for_each_entry(h, &irq_domain_list, link) {
		if (h->fwnode == fwnode &&
		    (bus_token == DOMAIN_BUS_ANY || h->bus_token == bus_token)) {
			found = h;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&irq_domain_lock, flags);
	return found;
}

void irq_domain_update_bus_token(struct irq_domain *domain,
				 enum irq_domain_bus_token bus_token)
{
	domain->bus_token = bus_token;
}

/* The domain used when a caller passes NULL (x86: the vector domain). */
void irq_set_default_host(struct irq_domain *domain)
{
	irq_default_domain = domain;
}

struct irq_domain *irq_get_default_host(void)
{
	return irq_default_domain;
}

/* --- reverse map ------------------------------------------------------------ */

static void irq_domain_set_mapping(struct irq_domain *domain, irq_hw_number_t hwirq,
				   struct irq_data *irq_data)
{
	if (hwirq < domain->revmap_size)
		domain->revmap[hwirq] = irq_data;
}

static void irq_domain_clear_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	if (hwirq < domain->revmap_size)
		domain->revmap[hwirq] = NULL;
}

/* The slow path: @domain's level of every allocated IRQ, in number order. */
static struct irq_data *irq_domain_scan(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned int irq;

	for_each_active_irq(irq) {
		struct irq_data *d = irq_domain_get_irq_data(domain, irq);

		if (d && d->hwirq == hwirq)
			return d;
	}
	return NULL;
}

/**
 * __irq_resolve_mapping - find the line @hwirq of @domain is mapped to
 * @irq:	if not NULL, set to the Linux IRQ number
 *
 * Returns the descriptor, or NULL when @hwirq is not mapped.
 */
struct irq_desc *__irq_resolve_mapping(struct irq_domain *domain,
				       irq_hw_number_t hwirq, unsigned int *irq)
{
	struct irq_data *data;

	if (!domain)
		domain = irq_default_domain;
	if (!domain)
		return NULL;

	if (domain->flags & IRQ_DOMAIN_FLAG_NO_MAP) {
		struct irq_desc *desc;

		if (hwirq >= domain->hwirq_max)
			return NULL;
		desc = irq_to_desc(hwirq);
		if (desc && irq)
			*irq = hwirq;
		return desc;
	}

	if (hwirq < domain->revmap_size)
		data = domain->revmap[hwirq];
	else
		data = irq_domain_scan(domain, hwirq);
	if (!data)
		return NULL;
	if (irq)
		*irq = data->irq;
	return irq_data_to_desc(data);
}

/* --- per-level irq_data ----------------------------------------------------- */

/* @domain's level of Linux IRQ @virq, or NULL when the IRQ does not use it. */
struct irq_data *irq_domain_get_irq_data(struct irq_domain *domain, unsigned int virq)
{
	struct irq_data *d;

	for (d = irq_get_irq_data(virq); d; d = d->parent_data)
		if (d->domain == domain)
			return d;
	return NULL;
}

int irq_domain_set_hwirq_and_chip(struct irq_domain *domain, unsigned int virq,
				  irq_hw_number_t hwirq, const struct irq_chip *chip,
				  void *chip_data)
{
	struct irq_data *d = irq_domain_get_irq_data(domain, virq);

	if (!d)
		return -ENOENT;
	d->hwirq = hwirq;
	d->chip = (struct irq_chip *)(chip ? chip : &no_irq_chip);
	d->chip_data = chip_data;
	return 0;
}

/* Fills @domain's level and, for the whole line, the flow handler and its name. */
void irq_domain_set_info(struct irq_domain *domain, unsigned int virq,
			 irq_hw_number_t hwirq, const struct irq_chip *chip,
			 void *chip_data, irq_flow_handler_t handler,
			 void *handler_data, const char *handler_name)
{
	irq_domain_set_hwirq_and_chip(domain, virq, hwirq, chip, chip_data);
	__irq_set_handler(virq, handler, 0, handler_name);
	irq_set_handler_data(virq, handler_data);
}

void irq_domain_reset_irq_data(struct irq_data *irq_data)
{
	irq_data->hwirq = 0;
	irq_data->chip = &no_irq_chip;
	irq_data->chip_data = NULL;
}

/* Adds one level below @child for @domain. */
static struct irq_data *irq_domain_insert_irq_data(struct irq_domain *domain,
						   struct irq_data *child)
{
	struct irq_data *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	child->parent_data = d;
	d->irq = child->irq;
	d->common = child->common;
	d->domain = domain;
	d->chip = &no_irq_chip;
	return d;
}

/* Frees the levels below the top one; the top level belongs to the descriptor. */
static void irq_domain_free_irq_data(unsigned int virq, unsigned int nr_irqs)
{
	unsigned int i;

	for (i = 0; i < nr_irqs; i++) {
		struct irq_data *top = irq_get_irq_data(virq + i);
		struct irq_data *d, *next;

		if (!top)
			continue;
		for (d = top->parent_data; d; d = next) {
			next = d->parent_data;
			kfree(d);
		}
		top->parent_data = NULL;
		top->domain = NULL;
		top->hwirq = 0;
	}
}

static int irq_domain_alloc_irq_data(struct irq_domain *domain, unsigned int virq,
				     unsigned int nr_irqs)
{
	unsigned int i;

	for (i = 0; i < nr_irqs; i++) {
		struct irq_data *d = irq_get_irq_data(virq + i);
		struct irq_domain *parent;

		d->domain = domain;
		for (parent = domain->parent; parent; parent = parent->parent) {
			d = irq_domain_insert_irq_data(parent, d);
			if (!d) {
				irq_domain_free_irq_data(virq, i + 1);
				return -ENOMEM;
			}
		}
	}
	return 0;
}

/* --- allocating and freeing lines through a hierarchy ------------------------ */

static int irq_domain_alloc_irqs_hierarchy(struct irq_domain *domain, unsigned int irq_base,
					   unsigned int nr_irqs, void *arg)
{
	if (!domain->ops->alloc)
		return -ENOSYS;
	return domain->ops->alloc(domain, irq_base, nr_irqs, arg);
}

static void irq_domain_free_irqs_hierarchy(struct irq_domain *domain,
					   unsigned int irq_base, unsigned int nr_irqs)
{
	unsigned int i;

	if (!domain->ops->free)
		return;
	for (i = 0; i < nr_irqs; i++)
		if (irq_domain_get_irq_data(domain, irq_base + i))
			domain->ops->free(domain, irq_base + i, 1);
}

/* For a domain's alloc op: let the parent set up its level first. */
int irq_domain_alloc_irqs_parent(struct irq_domain *domain, unsigned int irq_base,
				 unsigned int nr_irqs, void *arg)
{
	if (!domain->parent)
		return -ENOSYS;
	return irq_domain_alloc_irqs_hierarchy(domain->parent, irq_base, nr_irqs, arg);
}

void irq_domain_free_irqs_parent(struct irq_domain *domain, unsigned int irq_base,
				 unsigned int nr_irqs)
{
	if (domain->parent)
		irq_domain_free_irqs_hierarchy(domain->parent, irq_base, nr_irqs);
}

/* A free op for domains with nothing of their own to release. */
void irq_domain_free_irqs_common(struct irq_domain *domain, unsigned int virq,
				 unsigned int nr_irqs)
{
	unsigned int i;

	for (i = 0; i < nr_irqs; i++) {
		struct irq_data *d = irq_domain_get_irq_data(domain, virq + i);

		if (d)
			irq_domain_reset_irq_data(d);
	}
	irq_domain_free_irqs_parent(domain, virq, nr_irqs);
}

/* As irq_domain_free_irqs_common(), also clearing the line's handler. */
void irq_domain_free_irqs_top(struct irq_domain *domain, unsigned int virq,
			      unsigned int nr_irqs)
{
	unsigned int i;

	for (i = 0; i < nr_irqs; i++) {
		irq_set_handler_data(virq + i, NULL);
		irq_set_handler(virq + i, NULL);
	}
	irq_domain_free_irqs_common(domain, virq, nr_irqs);
}

static void irq_domain_insert_irq(unsigned int virq)
{
	struct irq_data *d;

	for (d = irq_get_irq_data(virq); d; d = d->parent_data) {
		d->domain->mapcount++;
		irq_domain_set_mapping(d->domain, d->hwirq, d);
	}
	irq_clear_status_flags(virq, IRQ_NOREQUEST);
}

static void irq_domain_remove_irq(unsigned int virq)
{
	struct irq_data *d;

	irq_set_status_flags(virq, IRQ_NOREQUEST);
	irq_set_chip_and_handler(virq, NULL, NULL);
	synchronize_irq(virq);

	for (d = irq_get_irq_data(virq); d; d = d->parent_data) {
		d->domain->mapcount--;
		irq_domain_clear_mapping(d->domain, d->hwirq);
	}
}

/* Numbers for a new allocation: exactly @virq when >= 0, else any from 1 up. */
static int irq_domain_alloc_descs(int virq, unsigned int cnt, int node,
				  const struct irq_affinity_desc *affinity)
{
	if (virq >= 0)
		return __irq_alloc_descs(virq, virq, cnt, node, THIS_MODULE, affinity);
	return __irq_alloc_descs(-1, 1, cnt, node, THIS_MODULE, affinity);
}

/**
 * __irq_domain_alloc_irqs - allocate Linux IRQs and set them up through @domain
 * @domain:	the top domain (NULL: the default domain)
 * @irq_base:	-1 for any numbers, else exactly this first number
 * @nr_irqs:	how many consecutive IRQs
 * @node:	preferred node
 * @arg:	passed to every level's alloc op (e.g. x86's irq_alloc_info)
 * @realloc:	@irq_base's descriptors already exist; use them as they are.
 *		The IO-APIC domain does this for ISA IRQs 0-15, which
 *		early_irq_init() preallocated so that IRQ n stays GSI n.
 * @affinity:	optional initial affinity per IRQ
 *
 * Returns the first Linux IRQ number, or a negative errno with nothing
 * left allocated.
 */
int __irq_domain_alloc_irqs(struct irq_domain *domain, int irq_base,
			    unsigned int nr_irqs, int node, void *arg,
			    bool realloc, const struct irq_affinity_desc *affinity)
{
	unsigned int i;
	int virq, ret;

	if (!domain)
		domain = irq_default_domain;
	if (WARN(!domain, "domain is NULL; cannot allocate IRQ\n"))
		return -EINVAL;

	if (realloc && irq_base >= 0) {
		virq = irq_base;
	} else {
		virq = irq_domain_alloc_descs(irq_base, nr_irqs, node, affinity);
		if (virq < 0)
			return virq;
	}

	ret = irq_domain_alloc_irq_data(domain, virq, nr_irqs);
	if (ret)
		goto out_free_desc;
	ret = irq_domain_alloc_irqs_hierarchy(domain, virq, nr_irqs, arg);
	if (ret < 0)
		goto out_free_irq_data;

	for (i = 0; i < nr_irqs; i++)
		irq_domain_insert_irq(virq + i);
	return virq;

out_free_irq_data:
	irq_domain_free_irq_data(virq, nr_irqs);
out_free_desc:
	if (!(realloc && irq_base >= 0))
		irq_free_descs(virq, nr_irqs);
	return ret;
}

/* Undoes __irq_domain_alloc_irqs(); the lines must have no actions left. */
void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs)
{
	struct irq_data *data = irq_get_irq_data(virq);
	struct irq_domain *domain;
	unsigned int i;

	if (WARN(!data || !data->domain || !data->domain->ops->free,
		 "NULL pointer, cannot free irq\n"))
		return;

	domain = data->domain;
	for (i = 0; i < nr_irqs; i++)
		irq_domain_remove_irq(virq + i);
	irq_domain_free_irqs_hierarchy(domain, virq, nr_irqs);
	irq_domain_free_irq_data(virq, nr_irqs);
	irq_free_descs(virq, nr_irqs);
}

/* --- activation -------------------------------------------------------------- */

static void __irq_domain_deactivate_irq(struct irq_data *d)
{
	if (d && d->domain) {
		if (d->domain->ops->deactivate)
			d->domain->ops->deactivate(d->domain, d);
		__irq_domain_deactivate_irq(d->parent_data);
	}
}

/* Parents first: a level's hardware points at what the level below set up. */
static int __irq_domain_activate_irq(struct irq_data *d, bool reserve)
{
	int ret = 0;

	if (!d || !d->domain)
		return 0;
	ret = __irq_domain_activate_irq(d->parent_data, reserve);
	if (!ret && d->domain->ops->activate) {
		ret = d->domain->ops->activate(d->domain, d, reserve);
		if (ret)
			__irq_domain_deactivate_irq(d->parent_data);
	}
	return ret;
}

/**
 * irq_domain_activate_irq - program every level of a line, bottom-up
 * @reserve:	only reserve resources (x86: a vector may be shared until startup)
 *
 * A line without a domain is simply marked activated.
 */
int irq_domain_activate_irq(struct irq_data *irq_data, bool reserve)
{
	int ret = 0;

	if (!irqd_is_activated(irq_data))
		ret = __irq_domain_activate_irq(irq_data, reserve);
	if (!ret)
		irqd_set_activated(irq_data);
	return ret;
}

void irq_domain_deactivate_irq(struct irq_data *irq_data)
{
	if (irqd_is_activated(irq_data)) {
		__irq_domain_deactivate_irq(irq_data);
		irqd_clr_activated(irq_data);
	}
}
