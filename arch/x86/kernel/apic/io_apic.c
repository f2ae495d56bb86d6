// SPDX-License-Identifier: MIT
/*
 * IOAPICs: every one the MADT lists, each an irq domain under the vector
 * domain whose hwirq is the pin. A line's redirection entry carries the
 * vector and destination the vector domain chose, its trigger mode and
 * polarity (ISA defaults, or what the MADT's overrides say) and its mask.
 * Edge lines use handle_edge_irq (ack = local APIC EOI); level lines use
 * handle_fasteoi_irq and their EOI reaches the IOAPIC too: through the
 * EOI register on version 0x20 and later, else by flipping the entry to
 * edge and back, which clears Remote IRR on the older parts.
 *
 * The ISA IRQs 0-15 are mapped at boot and keep their numbers (IRQ 0 on
 * GSI 2 on most machines, through the MADT override); other GSIs are
 * mapped on first use by mp_map_gsi_to_irq().
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <asm/page.h>
#include <asm/io_apic.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/io.h>

struct ioapic {
	void *base;
	u32 phys, apic_id, version;
	u32 gsi_base, gsi_end;
	unsigned int nr_registers;
	struct irq_domain *irqdomain;
};

/* An ISA IRQ's line, from the MADT's overrides or the ISA defaults. */
struct mp_irq {
	bool valid;
	u32 gsi;
	bool is_level, active_low;
};

static struct irq_chip ioapic_chip;
static struct ioapic ioapics[MAX_IO_APICS];
static int nr_ioapics;
static struct mp_irq mp_irqs[NR_IRQS_LEGACY];
static DEFINE_RAW_SPINLOCK(ioapic_lock);
int skip_ioapic_setup;

static int __init parse_noapic(char *arg)
{
	skip_ioapic_setup = 1;
	return 0;
}
__setup("noapic", parse_noapic);

bool io_apic_present(void)
{
	return nr_ioapics && !skip_ioapic_setup;
}

static u32 io_apic_read(struct ioapic *ioa, u32 reg)
{
	writel(reg, ioa->base + IO_APIC_REGSEL);
	return readl(ioa->base + IO_APIC_WIN);
}

static void io_apic_write(struct ioapic *ioa, u32 reg, u32 v)
{
	writel(reg, ioa->base + IO_APIC_REGSEL);
	writel(v, ioa->base + IO_APIC_WIN);
}

static struct IO_APIC_route_entry ioapic_read_entry_locked(struct ioapic *ioa, u32 pin)
{
	struct IO_APIC_route_entry e;

	e.w1 = io_apic_read(ioa, IO_APIC_REDTBL(pin));
	e.w2 = io_apic_read(ioa, IO_APIC_REDTBL(pin) + 1);
	return e;
}

/* High half first, so the entry is never live with a stale destination. */
static void ioapic_write_entry_locked(struct ioapic *ioa, u32 pin, struct IO_APIC_route_entry e)
{
	io_apic_write(ioa, IO_APIC_REDTBL(pin) + 1, e.w2);
	io_apic_write(ioa, IO_APIC_REDTBL(pin), e.w1);
}

/* Per line: which IOAPIC and pin, and the entry we keep in step with it. */
struct mp_chip_data {
	struct ioapic *ioapic;
	u32 pin;
	struct IO_APIC_route_entry entry;
};

static void ioapic_sync_entry(struct mp_chip_data *data)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ioapic_lock, flags);
	ioapic_write_entry_locked(data->ioapic, data->pin, data->entry);
	/* Read back: the write has reached the IOAPIC before we go on. */
	(void)io_apic_read(data->ioapic, IO_APIC_REDTBL(data->pin));
	raw_spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void mask_ioapic_irq(struct irq_data *irqd)
{
	struct mp_chip_data *data = irqd->chip_data;

	data->entry.masked = 1;
	ioapic_sync_entry(data);
}

static void unmask_ioapic_irq(struct irq_data *irqd)
{
	struct mp_chip_data *data = irqd->chip_data;

	data->entry.masked = 0;
	ioapic_sync_entry(data);
}

static void eoi_ioapic_pin(struct mp_chip_data *data, u32 vector)
{
	struct ioapic *ioa = data->ioapic;
	struct IO_APIC_route_entry e;
	unsigned long flags;

	raw_spin_lock_irqsave(&ioapic_lock, flags);
	if (ioa->version >= 0x20) {
		writel(vector, ioa->base + IO_APIC_EOI);
	} else {
		e = data->entry;
		e.masked = 1;
		e.is_level = 0;
		ioapic_write_entry_locked(ioa, data->pin, e);
		ioapic_write_entry_locked(ioa, data->pin, data->entry);
	}
	raw_spin_unlock_irqrestore(&ioapic_lock, flags);
}

/*
 * A pending move of a level line is done at its EOI, masked: masked
 * before the EOI so that the line, still asserted, cannot be delivered
 * again through the entry while it is rewritten.
 */
static bool ioapic_prepare_move(struct irq_data *irqd)
{
	if (unlikely(irqd_is_setaffinity_pending(irqd))) {
		if (!irqd_irq_masked(irqd))
			mask_ioapic_irq(irqd);
		return true;
	}
	return false;
}

/* Remote IRR still set: the IOAPIC has not seen the EOI of a level line yet. */
static bool io_apic_level_ack_pending(struct mp_chip_data *data)
{
	struct IO_APIC_route_entry e;
	unsigned long flags;

	raw_spin_lock_irqsave(&ioapic_lock, flags);
	e = ioapic_read_entry_locked(data->ioapic, data->pin);
	raw_spin_unlock_irqrestore(&ioapic_lock, flags);
	return e.is_level && e.irr;
}

/*
 * The entry is rewritten only once Remote IRR is clear: otherwise the
 * EOI for the old vector could never reach it and the line would stay
 * blocked. Then the line is unmasked, unless the core has it masked.
 */
static void ioapic_finish_move(struct irq_data *irqd, bool moveit)
{
	if (likely(!moveit))
		return;
	if (!io_apic_level_ack_pending(irqd->chip_data))
		irq_move_masked_irq(irqd);
	if (!irqd_irq_masked(irqd))
		unmask_ioapic_irq(irqd);
}

/*
 * Level lines' EOI: the local APIC's, then the IOAPIC's Remote IRR. The
 * EOI goes to the IOAPIC with the vector the interrupt came with, which
 * during a move may be the old one: the entry's vector is what Remote
 * IRR is tied to, and both are rewritten only with the line masked.
 */
static void ioapic_ack_level(struct irq_data *irqd)
{
	struct mp_chip_data *data = irqd->chip_data;
	struct irq_cfg *cfg = irqd_cfg(irqd);
	bool moveit;

	irq_complete_move(cfg);
	moveit = ioapic_prepare_move(irqd);
	apic_eoi();
	if (data->entry.is_level)
		eoi_ioapic_pin(data, data->entry.vector);
	ioapic_finish_move(irqd, moveit);
}

static void ioapic_configure_entry(struct irq_data *irqd)
{
	struct mp_chip_data *data = irqd->chip_data;
	struct irq_cfg *cfg = irqd_cfg(irqd);

	data->entry.vector = cfg->vector;
	data->entry.destid_0_7 = cfg->dest_apicid;
	ioapic_sync_entry(data);
}

/*
 * The vector level picks the new (CPU, vector); the entry follows, its
 * mask bit untouched. Called at the line's next interrupt with the line
 * masked (the IOAPIC has no IRQD_MOVE_PCNTXT: see kernel/irq/migration.c),
 * or before the line is started.
 */
static int ioapic_set_affinity(struct irq_data *irqd, const struct cpumask *mask, bool force)
{
	int ret = irq_chip_set_affinity_parent(irqd, mask, force);

	if (ret >= 0 && ret != IRQ_SET_MASK_OK_DONE)
		ioapic_configure_entry(irqd);
	return ret;
}

static int ioapic_set_type(struct irq_data *irqd, unsigned int type)
{
	struct mp_chip_data *data = irqd->chip_data;
	bool level = type & IRQ_TYPE_LEVEL_MASK;

	data->entry.is_level = level;
	data->entry.active_low = !!(type & (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_EDGE_FALLING));
	ioapic_sync_entry(data);
	irq_set_chip_handler_name_locked(irqd, &ioapic_chip,
					 level ? handle_fasteoi_irq : handle_edge_irq,
					 level ? "fasteoi" : "edge");
	return IRQ_SET_MASK_OK;
}

static struct irq_chip ioapic_chip = {
	.name			= "IO-APIC",
	.irq_mask		= mask_ioapic_irq,
	.irq_unmask		= unmask_ioapic_irq,
	.irq_ack		= irq_chip_ack_parent,
	.irq_eoi		= ioapic_ack_level,
	.irq_set_affinity	= ioapic_set_affinity,
	.irq_set_type		= ioapic_set_type,
	.irq_retrigger		= irq_chip_retrigger_hierarchy,
};

static int mp_irqdomain_alloc(struct irq_domain *domain, unsigned int virq,
			      unsigned int nr_irqs, void *arg)
{
	struct irq_alloc_info *info = arg;
	struct irq_data *irqd = irq_domain_get_irq_data(domain, virq);
	struct mp_chip_data *data;
	int err;

	if (!info || nr_irqs != 1)
		return -EINVAL;
	data = kzalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	err = irq_domain_alloc_irqs_parent(domain, virq, nr_irqs, info);
	if (err) {
		kfree(data);
		return err;
	}
	data->ioapic = domain->host_data;
	data->pin = info->ioapic.pin;
	data->entry = (struct IO_APIC_route_entry){
		.delivery_mode = 0,		/* fixed */
		.dest_mode_logical = 0,		/* physical APIC ID */
		.is_level = info->ioapic.is_level,
		.active_low = info->ioapic.active_low,
		.masked = 1,
	};
	irq_domain_set_info(domain, virq, info->ioapic.pin, &ioapic_chip, data,
			    info->ioapic.is_level ? handle_fasteoi_irq : handle_edge_irq,
			    NULL, info->ioapic.is_level ? "fasteoi" : "edge");
	ioapic_configure_entry(irqd);
	return 0;
}

static void mp_irqdomain_free(struct irq_domain *domain, unsigned int virq,
			      unsigned int nr_irqs)
{
	struct irq_data *irqd = irq_domain_get_irq_data(domain, virq);
	struct mp_chip_data *data = irqd->chip_data;

	data->entry.masked = 1;
	ioapic_sync_entry(data);
	irq_domain_reset_irq_data(irqd);
	kfree(data);
	irq_domain_free_irqs_parent(domain, virq, nr_irqs);
}

static const struct irq_domain_ops mp_ioapic_irqdomain_ops = {
	.alloc	= mp_irqdomain_alloc,
	.free	= mp_irqdomain_free,
};

int mp_register_ioapic(int id, u32 address, u32 gsi_base)
{
	struct ioapic *ioa;
	u32 ver, pin;

	if (nr_ioapics >= MAX_IO_APICS) {
		pr_warn("IOAPIC[%d]: more than %d IOAPICs, ignored\n", id, MAX_IO_APICS);
		return -ENOSPC;
	}
	ioa = &ioapics[nr_ioapics];
	ioa->base = ioremap(address, PAGE_SIZE);
	if (!ioa->base)
		return -ENOMEM;
	ver = io_apic_read(ioa, IO_APIC_VERSION);
	if (ver == 0xffffffff) {
		pr_warn("IOAPIC[%d]: nothing answers at %#x, ignored\n", id, address);
		return -ENODEV;
	}
	ioa->phys = address;
	ioa->apic_id = id;
	ioa->version = ver & 0xff;
	ioa->nr_registers = ((ver >> 16) & 0xff) + 1;
	ioa->gsi_base = gsi_base;
	ioa->gsi_end = gsi_base + ioa->nr_registers - 1;
	/* Nothing is delivered until a line is requested. */
	for (pin = 0; pin < ioa->nr_registers; pin++)
		ioapic_write_entry_locked(ioa, pin, (struct IO_APIC_route_entry){ .masked = 1 });
	pr_info("IOAPIC[%d]: apic_id %u, version %u, address %#x, GSI %u-%u\n",
		nr_ioapics, id, ioa->version, address, ioa->gsi_base, ioa->gsi_end);
	nr_ioapics++;
	return 0;
}

void mp_override_legacy_irq(u8 bus_irq, u8 polarity, u8 trigger, u32 gsi)
{
	struct mp_irq *m;

	if (bus_irq >= NR_IRQS_LEGACY)
		return;
	m = &mp_irqs[bus_irq];
	m->valid = true;
	m->gsi = gsi;
	/* ISA lines are edge and active high unless the MADT says otherwise. */
	m->is_level = trigger == MP_IRQTRIG_LEVEL;
	m->active_low = polarity == MP_IRQPOL_ACTIVE_LOW;
}

static struct ioapic *ioapic_for_gsi(u32 gsi);

/* A GSI the MADT wires to NMI: delivered as NMI to the boot CPU, never masked. */
static struct { u32 gsi; bool active_low, is_level; } nmi_sources[4];
static int nr_nmi_sources;

void acpi_register_nmi_source(u32 gsi, u8 polarity, u8 trigger)
{
	if (nr_nmi_sources == ARRAY_SIZE(nmi_sources))
		return;
	nmi_sources[nr_nmi_sources].gsi = gsi;
	nmi_sources[nr_nmi_sources].active_low = polarity == MP_IRQPOL_ACTIVE_LOW;
	nmi_sources[nr_nmi_sources].is_level = trigger == MP_IRQTRIG_LEVEL;
	nr_nmi_sources++;
}

static void setup_nmi_sources(void)
{
	int i;

	for (i = 0; i < nr_nmi_sources; i++) {
		struct ioapic *ioa = ioapic_for_gsi(nmi_sources[i].gsi);
		unsigned long flags;

		if (!ioa)
			continue;
		raw_spin_lock_irqsave(&ioapic_lock, flags);
		ioapic_write_entry_locked(ioa, nmi_sources[i].gsi - ioa->gsi_base,
			(struct IO_APIC_route_entry){
				.delivery_mode = 4,	/* NMI */
				.active_low = nmi_sources[i].active_low,
				.is_level = nmi_sources[i].is_level,
				.destid_0_7 = boot_cpu_physical_apicid,
			});
		raw_spin_unlock_irqrestore(&ioapic_lock, flags);
		pr_info("IOAPIC: GSI %u is an NMI source\n", nmi_sources[i].gsi);
	}
}

static struct ioapic *ioapic_for_gsi(u32 gsi)
{
	int i;

	for (i = 0; i < nr_ioapics; i++)
		if (gsi >= ioapics[i].gsi_base && gsi <= ioapics[i].gsi_end)
			return &ioapics[i];
	return NULL;
}

static int mp_alloc_gsi(int irq, u32 gsi, bool is_level, bool active_low, u32 flags)
{
	struct ioapic *ioa = ioapic_for_gsi(gsi);
	struct irq_alloc_info info = {
		.type = X86_IRQ_ALLOC_TYPE_IOAPIC,
		.flags = flags,
		.ioapic = { .id = ioa ? ioa - ioapics : -1, .is_level = is_level,
			    .active_low = active_low },
	};

	if (!ioa)
		return -ENODEV;
	info.ioapic.pin = gsi - ioa->gsi_base;
	/* The ISA descriptors exist from early_irq_init(): reuse them. */
	return __irq_domain_alloc_irqs(ioa->irqdomain, irq, 1, -1, &info,
				       flags & X86_IRQ_ALLOC_LEGACY, NULL);
}

int mp_map_gsi_to_irq(u32 gsi, bool is_level, bool active_low)
{
	struct ioapic *ioa = ioapic_for_gsi(gsi);
	int irq, i;

	if (!ioa)
		return -ENODEV;
	irq = irq_find_mapping(ioa->irqdomain, gsi - ioa->gsi_base);
	if (irq > 0)
		return irq;
	for (i = 0; i < NR_IRQS_LEGACY; i++)
		if (mp_irqs[i].valid && mp_irqs[i].gsi == gsi)
			return i;
	/* Above the ISA range, the Linux IRQ number is free to choose. */
	return mp_alloc_gsi(-1, gsi, is_level, active_low, 0);
}

int io_apic_read_entry(int irq, struct IO_APIC_route_entry *e)
{
	struct irq_data *irqd = irq_get_irq_data(irq);
	struct mp_chip_data *data;
	unsigned long flags;

	if (!irqd || irqd->chip != &ioapic_chip)
		return -EINVAL;
	data = irqd->chip_data;
	raw_spin_lock_irqsave(&ioapic_lock, flags);
	*e = ioapic_read_entry_locked(data->ioapic, data->pin);
	raw_spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

/*
 * One domain per IOAPIC, then the ISA IRQs on their GSIs. IRQ 2 is the
 * 8259 cascade and has no line of its own.
 */
void setup_IO_APIC(void)
{
	int i, irq;

	for (i = 0; i < nr_ioapics; i++) {
		ioapics[i].irqdomain = irq_domain_create_hierarchy(x86_vector_domain,
				0, ioapics[i].nr_registers,
				irq_domain_alloc_named_id_fwnode("IO-APIC", i),
				&mp_ioapic_irqdomain_ops, &ioapics[i]);
		if (!ioapics[i].irqdomain)
			panic("IOAPIC[%d]: cannot create its irq domain", i);
	}
	for (irq = 0; irq < NR_IRQS_LEGACY; irq++) {
		struct mp_irq *m = &mp_irqs[irq];
		int ret;

		if (irq == 2 || !m->valid)
			continue;
		ret = mp_alloc_gsi(irq, m->gsi, m->is_level, m->active_low,
				   X86_IRQ_ALLOC_LEGACY);
		if (ret < 0)
			pr_warn("IOAPIC: ISA IRQ %d (GSI %u) not mapped: %d\n", irq, m->gsi, ret);
	}
	setup_nmi_sources();
	pr_info("IOAPIC: %d IOAPIC(s), ISA IRQs 0-15 routed (IRQ 0 -> GSI %u)\n",
		nr_ioapics, mp_irqs[0].valid ? mp_irqs[0].gsi : 0);
}

/* Dynamically allocated IRQs start above every GSI, so a GSI's IRQ is free. */
unsigned int arch_dynirq_lower_bound(unsigned int from)
{
	unsigned int gsi_top = 0;
	int i;

	for (i = 0; i < nr_ioapics; i++)
		gsi_top = max(gsi_top, ioapics[i].gsi_end + 1);
	return max(from, gsi_top);
}
