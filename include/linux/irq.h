/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

/*
 * The generic IRQ layer's view of one interrupt line, as Linux's genirq:
 * struct irq_data (one per level of a domain hierarchy: the device-facing
 * chip on top, e.g. IO-APIC, then the vector domain beneath), the state
 * bits all levels share (IRQD_*), struct irq_chip (what a controller can
 * do to a line) and the flow handlers that sequence those operations.
 * Descriptors themselves are in linux/irqdesc.h, included at the end.
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>
#include <linux/numa.h>
#include <linux/irqhandler.h>
#include <linux/irqreturn.h>
#include <linux/irqnr.h>

struct seq_file;
struct irq_domain;
struct msi_desc;
struct msi_msg;
struct module;

#ifndef THIS_MODULE
#define THIS_MODULE	((struct module *)0)	/* no modules: everything is built in */
#endif

/* Trigger types and per-line settings (irq_modify_status()). */
enum {
	IRQ_TYPE_NONE		= 0x00000000,
	IRQ_TYPE_EDGE_RISING	= 0x00000001,
	IRQ_TYPE_EDGE_FALLING	= 0x00000002,
	IRQ_TYPE_EDGE_BOTH	= IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING,
	IRQ_TYPE_LEVEL_HIGH	= 0x00000004,
	IRQ_TYPE_LEVEL_LOW	= 0x00000008,
	IRQ_TYPE_LEVEL_MASK	= IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH,
	IRQ_TYPE_SENSE_MASK	= 0x0000000f,
	IRQ_TYPE_DEFAULT	= IRQ_TYPE_SENSE_MASK,
	IRQ_TYPE_PROBE		= 0x00000010,

	IRQ_LEVEL		= 1 << 8,
	IRQ_PER_CPU		= 1 << 9,
	IRQ_NOPROBE		= 1 << 10,
	IRQ_NOREQUEST		= 1 << 11,
	IRQ_NOAUTOEN		= 1 << 12,
	IRQ_NO_BALANCING	= 1 << 13,
	IRQ_NESTED_THREAD	= 1 << 15,
	IRQ_NOTHREAD		= 1 << 16,
	IRQ_PER_CPU_DEVID	= 1 << 17,
	IRQ_IS_POLLED		= 1 << 18,
	IRQ_DISABLE_UNLAZY	= 1 << 19,
	IRQ_HIDDEN		= 1 << 20,
	IRQ_NO_DEBUG		= 1 << 21,
};

/* What irq_chip::irq_set_affinity and ::irq_set_type report. */
enum {
	IRQ_SET_MASK_OK = 0,	/* done; the core records the new mask/type */
	IRQ_SET_MASK_OK_NOCOPY,	/* done; the chip recorded it itself */
	IRQ_SET_MASK_OK_DONE,	/* as OK, and parents need not be asked */
};

/* State every level of a hierarchy shares, through irq_data::common. */
struct irq_common_data {
	unsigned int		state_use_accessors;	/* IRQD_* */
	void			*handler_data;
	struct msi_desc		*msi_desc;
	cpumask_var_t		affinity;
	cpumask_var_t		effective_affinity;
};

/*
 * One level of one line. @hwirq is this level's own number for it (the
 * IO-APIC's GSI, the MSI index ...), @irq the Linux IRQ number every level
 * shares; @parent_data is the level below in the domain hierarchy.
 */
struct irq_data {
	u32			mask;
	unsigned int		irq;
	irq_hw_number_t		hwirq;
	struct irq_common_data	*common;
	struct irq_chip		*chip;
	struct irq_domain	*domain;
	struct irq_data		*parent_data;
	void			*chip_data;
};

/* Bits of irq_common_data::state_use_accessors; read through irqd_*(). */
enum {
	IRQD_TRIGGER_MASK		= 0xf,
	IRQD_SETAFFINITY_PENDING	= BIT(8),
	IRQD_ACTIVATED			= BIT(9),
	IRQD_NO_BALANCING		= BIT(10),
	IRQD_PER_CPU			= BIT(11),
	IRQD_AFFINITY_SET		= BIT(12),
	IRQD_LEVEL			= BIT(13),
	IRQD_WAKEUP_STATE		= BIT(14),
	IRQD_MOVE_PCNTXT		= BIT(15),
	IRQD_IRQ_DISABLED		= BIT(16),
	IRQD_IRQ_MASKED			= BIT(17),
	IRQD_IRQ_INPROGRESS		= BIT(18),
	IRQD_WAKEUP_ARMED		= BIT(19),
	IRQD_AFFINITY_MANAGED		= BIT(21),
	IRQD_IRQ_STARTED		= BIT(22),
	IRQD_MANAGED_SHUTDOWN		= BIT(23),
	IRQD_SINGLE_TARGET		= BIT(24),
	IRQD_DEFAULT_TRIGGER_SET	= BIT(25),
	IRQD_CAN_RESERVE		= BIT(26),
	IRQD_HANDLE_ENFORCE_IRQCTX	= BIT(27),
	IRQD_AFFINITY_ON_ACTIVATE	= BIT(28),
	IRQD_RESEND_WHEN_IN_PROGRESS	= BIT(30),
};

#define __irqd_to_state(d)	((d)->common->state_use_accessors)

static inline bool irqd_is_setaffinity_pending(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_SETAFFINITY_PENDING;
}

static inline void irqd_set_move_pending(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_SETAFFINITY_PENDING;
}

static inline void irqd_clr_move_pending(struct irq_data *d)
{
	__irqd_to_state(d) &= ~IRQD_SETAFFINITY_PENDING;
}

/*
 * A line whose chip can be re-targeted from any context. Without it
 * (the x86 IOAPIC, MSI without mask bits) an affinity change is only
 * recorded (IRQD_SETAFFINITY_PENDING, desc->pending_mask) and carried
 * out at the line's next interrupt, with the line masked.
 */
static inline bool irqd_can_move_in_process_context(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_MOVE_PCNTXT;
}

static inline void irqd_set_move_pcntxt(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_MOVE_PCNTXT;
}

static inline void irqd_clr_move_pcntxt(struct irq_data *d)
{
	__irqd_to_state(d) &= ~IRQD_MOVE_PCNTXT;
}

static inline bool irqd_affinity_on_activate(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_AFFINITY_ON_ACTIVATE;
}

static inline void irqd_set_affinity_on_activate(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_AFFINITY_ON_ACTIVATE;
}

static inline bool irqd_is_managed_and_shutdown(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_MANAGED_SHUTDOWN;
}

static inline bool irqd_is_per_cpu(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_PER_CPU;
}

static inline bool irqd_can_balance(struct irq_data *d)
{
	return !(__irqd_to_state(d) & (IRQD_PER_CPU | IRQD_NO_BALANCING));
}

static inline bool irqd_affinity_was_set(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_AFFINITY_SET;
}

static inline u32 irqd_get_trigger_type(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_TRIGGER_MASK;
}

/* Also records that a type was chosen, so later sharers must agree with it. */
static inline void irqd_set_trigger_type(struct irq_data *d, u32 type)
{
	__irqd_to_state(d) &= ~IRQD_TRIGGER_MASK;
	__irqd_to_state(d) |= (type & IRQD_TRIGGER_MASK) | IRQD_DEFAULT_TRIGGER_SET;
}

static inline bool irqd_trigger_type_was_set(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_DEFAULT_TRIGGER_SET;
}

static inline bool irqd_is_level_type(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_LEVEL;
}

static inline bool irqd_is_activated(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_ACTIVATED;
}

static inline void irqd_set_activated(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_ACTIVATED;
}

static inline void irqd_clr_activated(struct irq_data *d)
{
	__irqd_to_state(d) &= ~IRQD_ACTIVATED;
}

static inline bool irqd_is_started(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_IRQ_STARTED;
}

static inline bool irqd_irq_disabled(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_IRQ_DISABLED;
}

static inline bool irqd_irq_masked(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_IRQ_MASKED;
}

static inline bool irqd_irq_inprogress(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_IRQ_INPROGRESS;
}

static inline bool irqd_affinity_is_managed(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_AFFINITY_MANAGED;
}

static inline bool irqd_can_reserve(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_CAN_RESERVE;
}

static inline void irqd_set_can_reserve(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_CAN_RESERVE;
}

static inline void irqd_clr_can_reserve(struct irq_data *d)
{
	__irqd_to_state(d) &= ~IRQD_CAN_RESERVE;
}

static inline void irqd_set_single_target(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_SINGLE_TARGET;
}

static inline bool irqd_is_single_target(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_SINGLE_TARGET;
}

static inline void irqd_set_handle_enforce_irqctx(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_HANDLE_ENFORCE_IRQCTX;
}

static inline bool irqd_is_handle_enforce_irqctx(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_HANDLE_ENFORCE_IRQCTX;
}

static inline void irqd_set_resend_when_in_progress(struct irq_data *d)
{
	__irqd_to_state(d) |= IRQD_RESEND_WHEN_IN_PROGRESS;
}

static inline bool irqd_needs_resend_when_in_progress(struct irq_data *d)
{
	return __irqd_to_state(d) & IRQD_RESEND_WHEN_IN_PROGRESS;
}

static inline irq_hw_number_t irqd_to_hwirq(struct irq_data *d)
{
	return d->hwirq;
}

/*
 * What a controller can do to one of its lines. Every callback takes the
 * irq_data of the chip's own level, so a chip never needs to know which
 * Linux IRQ number or which level above it is involved.
 */
struct irq_chip {
	const char	*name;
	unsigned int	(*irq_startup)(struct irq_data *data);
	void		(*irq_shutdown)(struct irq_data *data);
	void		(*irq_enable)(struct irq_data *data);
	void		(*irq_disable)(struct irq_data *data);

	void		(*irq_ack)(struct irq_data *data);
	void		(*irq_mask)(struct irq_data *data);
	void		(*irq_mask_ack)(struct irq_data *data);
	void		(*irq_unmask)(struct irq_data *data);
	void		(*irq_eoi)(struct irq_data *data);

	int		(*irq_set_affinity)(struct irq_data *data,
					    const struct cpumask *dest, bool force);
	/* Make the hardware raise the line again; 1 when it could, 0 when not. */
	int		(*irq_retrigger)(struct irq_data *data);
	int		(*irq_set_type)(struct irq_data *data, unsigned int flow_type);
	int		(*irq_set_wake)(struct irq_data *data, unsigned int on);

	void		(*irq_compose_msi_msg)(struct irq_data *data, struct msi_msg *msg);
	void		(*irq_write_msi_msg)(struct irq_data *data, struct msi_msg *msg);

	void		(*irq_print_chip)(struct irq_data *data, struct seq_file *p);

	unsigned long	flags;		/* IRQCHIP_* */
};

enum {
	IRQCHIP_SET_TYPE_MASKED		= 1 << 0,  /* mask around irq_set_type */
	IRQCHIP_EOI_IF_HANDLED		= 1 << 1,  /* no EOI for an unhandled line */
	IRQCHIP_MASK_ON_SUSPEND		= 1 << 2,
	IRQCHIP_ONOFFLINE_ENABLED	= 1 << 3,
	IRQCHIP_SKIP_SET_WAKE		= 1 << 4,
	IRQCHIP_ONESHOT_SAFE		= 1 << 5,  /* no mask needed for ONESHOT */
	IRQCHIP_EOI_THREADED		= 1 << 6,
	IRQCHIP_SUPPORTS_LEVEL_MSI	= 1 << 7,
	IRQCHIP_SUPPORTS_NMI		= 1 << 8,
	IRQCHIP_AFFINITY_PRE_STARTUP	= 1 << 10, /* set affinity before startup */
	IRQCHIP_IMMUTABLE		= 1 << 11,
};

/* The chip of a line nobody has set up, and one that does nothing at all. */
extern struct irq_chip no_irq_chip;
extern struct irq_chip dummy_irq_chip;

/* Flow handlers (kernel/irq/chip.c). */
void handle_level_irq(struct irq_desc *desc);
void handle_fasteoi_irq(struct irq_desc *desc);
void handle_edge_irq(struct irq_desc *desc);
void handle_simple_irq(struct irq_desc *desc);
void handle_percpu_irq(struct irq_desc *desc);
void handle_bad_irq(struct irq_desc *desc);

/* Hierarchy helpers: forward an operation to the level below. */
void irq_chip_ack_parent(struct irq_data *data);
void irq_chip_mask_parent(struct irq_data *data);
void irq_chip_unmask_parent(struct irq_data *data);
void irq_chip_eoi_parent(struct irq_data *data);
void irq_chip_enable_parent(struct irq_data *data);
void irq_chip_disable_parent(struct irq_data *data);
int irq_chip_set_affinity_parent(struct irq_data *data,
				 const struct cpumask *dest, bool force);
int irq_chip_set_type_parent(struct irq_data *data, unsigned int type);
int irq_chip_retrigger_hierarchy(struct irq_data *data);

/* Setting a line up. */
int irq_set_chip(unsigned int irq, const struct irq_chip *chip);
int irq_set_handler_data(unsigned int irq, void *data);
int irq_set_chip_data(unsigned int irq, void *data);
int irq_set_irq_type(unsigned int irq, unsigned int type);
void __irq_set_handler(unsigned int irq, irq_flow_handler_t handle,
		       int is_chained, const char *name);
void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name);
void irq_modify_status(unsigned int irq, unsigned long clr, unsigned long set);

static inline void irq_set_handler(unsigned int irq, irq_flow_handler_t handle)
{
	__irq_set_handler(irq, handle, 0, NULL);
}

static inline void irq_set_chip_and_handler(unsigned int irq, const struct irq_chip *chip,
					    irq_flow_handler_t handle)
{
	irq_set_chip_and_handler_name(irq, chip, handle, NULL);
}

static inline void irq_set_status_flags(unsigned int irq, unsigned long set)
{
	irq_modify_status(irq, 0, set);
}

static inline void irq_clear_status_flags(unsigned int irq, unsigned long clr)
{
	irq_modify_status(irq, clr, 0);
}

static inline void irq_set_noprobe(unsigned int irq)
{
	irq_modify_status(irq, 0, IRQ_NOPROBE);
}

struct irq_data *irq_get_irq_data(unsigned int irq);

static inline struct irq_chip *irq_get_chip(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->chip : NULL;
}

static inline struct irq_chip *irq_data_get_irq_chip(struct irq_data *d)
{
	return d->chip;
}

static inline void *irq_get_chip_data(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->chip_data : NULL;
}

static inline void *irq_data_get_irq_chip_data(struct irq_data *d)
{
	return d->chip_data;
}

static inline void *irq_get_handler_data(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->common->handler_data : NULL;
}

static inline void *irq_data_get_irq_handler_data(struct irq_data *d)
{
	return d->common->handler_data;
}

static inline struct cpumask *irq_data_get_affinity_mask(struct irq_data *d)
{
	return d->common->affinity;
}

/* @irq's affinity mask, NULL for no such line. */
static inline const struct cpumask *irq_get_affinity_mask(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? irq_data_get_affinity_mask(d) : NULL;
}

static inline void irq_data_update_affinity(struct irq_data *d, const struct cpumask *m)
{
	cpumask_copy(d->common->affinity, m);
}

static inline struct cpumask *irq_data_get_effective_affinity_mask(struct irq_data *d)
{
	return d->common->effective_affinity;
}

static inline void irq_data_update_effective_affinity(struct irq_data *d,
						      const struct cpumask *m)
{
	cpumask_copy(d->common->effective_affinity, m);
}

/*
 * Pending moves (kernel/irq/migration.c): called from a chip's ack or
 * eoi with desc->lock held, they carry out an affinity change that had
 * to wait for the line's next interrupt.
 */
void irq_move_masked_irq(struct irq_data *data);
void __irq_move_irq(struct irq_data *data);
/* The arch finishes a line's unfinished move at once (CPU hotplug; x86: vector.c). */
void irq_force_complete_move(struct irq_desc *desc);

static inline void irq_move_irq(struct irq_data *data)
{
	if (unlikely(irqd_is_setaffinity_pending(data)))
		__irq_move_irq(data);
}

/* Internal state changes the core makes; chips and drivers do not call these. */
int irq_startup(struct irq_desc *desc, bool resend, bool force);
void irq_shutdown(struct irq_desc *desc);
void irq_shutdown_and_deactivate(struct irq_desc *desc);
void irq_enable(struct irq_desc *desc);
void irq_disable(struct irq_desc *desc);
int irq_activate(struct irq_desc *desc);
void mask_irq(struct irq_desc *desc);
void unmask_irq(struct irq_desc *desc);
void unmask_threaded_irq(struct irq_desc *desc);

#define IRQ_RESEND	true
#define IRQ_NORESEND	false
#define IRQ_START_FORCE	true
#define IRQ_START_COND	false

/* Allocating Linux IRQ numbers (kernel/irq/irqdesc.c). */
struct irq_affinity_desc;
int __irq_alloc_descs(int irq, unsigned int from, unsigned int cnt, int node,
		      struct module *owner, const struct irq_affinity_desc *affinity);
void irq_free_descs(unsigned int irq, unsigned int cnt);
unsigned int arch_dynirq_lower_bound(unsigned int from);

#define irq_alloc_descs(irq, from, cnt, node)				\
	__irq_alloc_descs(irq, from, cnt, node, THIS_MODULE, NULL)
#define irq_alloc_desc(node)		irq_alloc_descs(-1, 1, 1, node)
#define irq_alloc_desc_at(at, node)	irq_alloc_descs(at, at, 1, node)
#define irq_alloc_desc_from(from, node)	irq_alloc_descs(-1, from, 1, node)

static inline void irq_free_desc(unsigned int irq)
{
	irq_free_descs(irq, 1);
}

int early_irq_init(void);
int arch_early_irq_init(void);
int arch_probe_nr_irqs(void);

#include <linux/irqdesc.h>

#endif
