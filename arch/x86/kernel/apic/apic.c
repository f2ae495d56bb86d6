// SPDX-License-Identifier: MIT
/*
 * The local APIC: finding it (ACPI's MADT or the MSR), choosing xAPIC or
 * x2APIC, programming it (spurious vector, LVT entries, TPR, error
 * reporting), its timer (calibrated once against the PIT, registered on
 * each CPU as the "lapic" clock-event device on LOCAL_TIMER_VECTOR, which
 * the tick code drives) and the system-vector handlers
 * for timer, error and spurious interrupts. Device interrupts are the
 * vector domain's (vector.c); IPIs are ipi.c's.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/hardirq.h>
#include <linux/spinlock.h>
#include <linux/clockchips.h>
#include <asm/page.h>
#include <asm/apic.h>
#include <asm/acpi.h>
#include <asm/hardirq.h>
#include <asm/i8253.h>
#include <asm/idtentry.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/tsc.h>
#include <trace/events/irq_vectors.h>

#define CAL_MS	10

DEFINE_PER_CPU(irq_cpustat_t, irq_stat);
unsigned int irq_err_count;
unsigned int irq_mis_count;

bool x2apic_mode;
int disable_apic;
static bool nox2apic;
unsigned int lapic_timer_period;
u32 boot_cpu_physical_apicid;
static phys_addr_t mp_lapic_addr = APIC_DEFAULT_PHYS_BASE;
static void *apic_mmio;

static int __init setup_nox2apic(char *arg)
{
	nox2apic = true;
	return 0;
}
__setup("nox2apic", setup_nox2apic);

static int __init setup_disableapic(char *arg)
{
	disable_apic = 1;
	return 0;
}
__setup("nolapic", setup_disableapic);

void register_lapic_address(u64 address)
{
	mp_lapic_addr = address;
}

/* The MADT's LAPIC NMI entries: which LINT pin carries NMI, and how. */
static struct { bool valid; u32 flags; } lint_nmi[2];

void acpi_register_lapic_nmi(u32 acpi_id, u8 lint, u8 polarity, u8 trigger)
{
	if (lint > 1)
		return;
	lint_nmi[lint].valid = true;
	lint_nmi[lint].flags = APIC_DM_NMI |
		(polarity == MP_IRQPOL_ACTIVE_LOW ? APIC_INPUT_POLARITY : 0) |
		(trigger == MP_IRQTRIG_LEVEL ? APIC_INT_LEVELTRIG : 0);
}

/* --- xAPIC: memory-mapped registers --- */

static u32 xapic_read(u32 reg) { return readl(apic_mmio + reg); }
static void xapic_write(u32 reg, u32 v) { writel(v, apic_mmio + reg); }
static void xapic_eoi(void) { writel(0, apic_mmio + APIC_EOI); }
static u32 xapic_get_apic_id(void) { return xapic_read(APIC_ID) >> 24; }

static void xapic_icr_write(u32 low, u32 dest)
{
	unsigned int spins = 1000000;

	while ((xapic_read(APIC_ICR) & APIC_ICR_BUSY) && --spins)
		cpu_relax();
	xapic_write(APIC_ICR2, dest << 24);
	xapic_write(APIC_ICR, low);	/* writing the low half sends */
}

static void xapic_send_IPI_self(int vector)
{
	xapic_icr_write(APIC_DEST_SELF | APIC_DM_FIXED | vector, 0);
}

static struct apic apic_flat = {
	.name		= "flat",
	.read		= xapic_read,
	.write		= xapic_write,
	.eoi		= xapic_eoi,
	.icr_write	= xapic_icr_write,
	.get_apic_id	= xapic_get_apic_id,
	.send_IPI_self	= xapic_send_IPI_self,
};

/* --- x2APIC: one MSR per register, a 64-bit ICR, no busy bit --- */

static u32 x2apic_read(u32 reg) { return rdmsr(APIC_BASE_MSR + (reg >> 4)); }
static void x2apic_write(u32 reg, u32 v) { wrmsr(APIC_BASE_MSR + (reg >> 4), v); }
static void x2apic_eoi(void) { wrmsr(APIC_BASE_MSR + (APIC_EOI >> 4), 0); }
static u32 x2apic_get_apic_id(void) { return x2apic_read(APIC_ID); }

/*
 * A WRMSR to the x2APIC registers does not wait for earlier stores to
 * reach memory, so without the fence the target could take the IPI
 * before it can see the work it was sent for (Linux's weak_wrmsr_fence).
 */
static void x2apic_icr_write(u32 low, u32 dest)
{
	asm volatile("mfence; lfence" ::: "memory");
	wrmsr(APIC_BASE_MSR + (APIC_ICR >> 4), ((u64)dest << 32) | low);
}

static void x2apic_send_IPI_self(int vector)
{
	x2apic_write(APIC_SELF_IPI, vector);
}

static struct apic apic_x2apic_phys = {
	.name		= "physical x2apic",
	.read		= x2apic_read,
	.write		= x2apic_write,
	.eoi		= x2apic_eoi,
	.icr_write	= x2apic_icr_write,
	.get_apic_id	= x2apic_get_apic_id,
	.send_IPI_self	= x2apic_send_IPI_self,
};

struct apic *apic = &apic_flat;

/*
 * x2APIC when the CPU has it and nobody said nox2apic. Leaving x2APIC
 * mode needs the APIC disabled first, so a firmware that already enabled
 * it keeps it on whatever the command line says.
 */
static void apic_choose_mode(void)
{
	u64 base = rdmsr(MSR_IA32_APICBASE);
	bool fw_x2apic = base & X2APIC_ENABLE;

	if (fw_x2apic && nox2apic)
		pr_warn("x2apic: enabled by firmware, nox2apic ignored\n");
	if (boot_cpu_has(X86_FEATURE_X2APIC) && (!nox2apic || fw_x2apic)) {
		wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE | X2APIC_ENABLE);
		x2apic_mode = true;
		apic = &apic_x2apic_phys;
		pr_info("x2apic enabled\n");
		return;
	}
	if (!boot_cpu_has(X86_FEATURE_X2APIC))
		pr_info("x2apic: not offered by the CPU, using xAPIC\n");
	else
		pr_info("x2apic: disabled (nox2apic), using xAPIC\n");
	wrmsr(MSR_IA32_APICBASE, base | MSR_IA32_APICBASE_ENABLE);
	if ((base & MSR_IA32_APICBASE_BASE) != mp_lapic_addr)
		pr_warn("APIC: MSR base %llx differs from ACPI's %llx; using ACPI's\n",
			base & MSR_IA32_APICBASE_BASE, (u64)mp_lapic_addr);
	apic_mmio = ioremap(mp_lapic_addr, PAGE_SIZE);
	if (!apic_mmio)
		panic("APIC: cannot map the local APIC at %llx", (u64)mp_lapic_addr);
	apic = &apic_flat;
}

bool apic_vector_in_service(unsigned int vector)
{
	return apic_read(APIC_ISR + (vector / 32) * 0x10) & (1u << (vector % 32));
}

u32 apic_read_irr(unsigned int vector)
{
	return apic_read(APIC_IRR + (vector / 32) * 0x10) & (1u << (vector % 32));
}

/* EOI whatever the firmware or a previous kernel left in service. */
static void apic_clear_stale_isr(void)
{
	int i, rounds;

	for (rounds = 0; rounds < 256; rounds++) {
		bool any = false;

		for (i = 0; i < 8; i++)
			any |= apic_read(APIC_ISR + i * 0x10) != 0;
		if (!any)
			return;
		apic_eoi();
	}
	pr_warn("APIC: ISR bits would not clear\n");
}

static void apic_clear_esr(void)
{
	apic_write(APIC_ESR, 0);
	apic_write(APIC_ESR, 0);
}

/*
 * LINT0/LINT1 as the MADT describes them. Without an entry LINT0 is the
 * masked virtual wire (the IOAPIC carries the ISA lines) and LINT1 the
 * NMI line, live on the boot CPU alone as in Linux: the motherboard's
 * NMI is wired to the boot CPU, and one NMI must not run on every CPU.
 */
static u32 lint_lvt(unsigned int lint, bool boot_cpu)
{
	if (lint_nmi[lint].valid)
		return lint_nmi[lint].flags;
	if (lint == 0)
		return APIC_DM_EXTINT | APIC_LVT_MASKED;
	return boot_cpu ? APIC_DM_NMI : APIC_DM_NMI | APIC_LVT_MASKED;
}

void setup_local_APIC(void)
{
	u32 maxlvt = ((apic_read(APIC_LVR) >> 16) & 0xff);
	bool boot_cpu = smp_processor_id() == 0;

	apic_write(APIC_TASKPRI, 0);	/* accept every priority class */
	apic_clear_stale_isr();
	apic_write(APIC_SPIV, APIC_SPIV_APIC_ENABLED | SPURIOUS_APIC_VECTOR);
	apic_write(APIC_LVT0, lint_lvt(0, boot_cpu));
	apic_write(APIC_LVT1, lint_lvt(1, boot_cpu));
	if (maxlvt >= 4)
		apic_write(APIC_LVTPC, APIC_LVT_MASKED);
	if (maxlvt >= 5)
		apic_write(APIC_LVTTHMR, APIC_LVT_MASKED);
	apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
	apic_clear_esr();
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
}

void init_bsp_APIC(void)
{
	if (disable_apic || !boot_cpu_has(X86_FEATURE_APIC)) {
		disable_apic = 1;
		return;
	}
	apic_choose_mode();
	boot_cpu_physical_apicid = read_apic_id();
	setup_local_APIC();
	pr_info("APIC: %s mode, APIC ID %u, version %#x, %u LVT entries\n",
		apic->name, boot_cpu_physical_apicid, apic_read(APIC_LVR) & 0xff,
		((apic_read(APIC_LVR) >> 16) & 0xff) + 1);
}

/*
 * An application processor's local APIC, in the mode the boot CPU chose:
 * each APIC has its own base MSR, so x2APIC mode is switched on per CPU.
 */
void apic_ap_setup(void)
{
	u64 base;

	if (disable_apic)
		return;
	/* Enabled first, then extended: the SDM's xAPIC -> x2APIC order. */
	base = rdmsr(MSR_IA32_APICBASE) | MSR_IA32_APICBASE_ENABLE;
	wrmsr(MSR_IA32_APICBASE, base);
	if (x2apic_mode)
		wrmsr(MSR_IA32_APICBASE, base | X2APIC_ENABLE);
	setup_local_APIC();
}

/* --- the APIC timer: each CPU's "lapic" clock-event device --- */

static u32 lapic_timer_frequency;	/* Hz, after the divide-by-16 */

/*
 * The APIC timer's rate in Hz (after the divider). The PIT bounds the
 * window, but the rate is taken against the TSC over that same window:
 * hrtimers compute expiries in TSC nanoseconds, and a rate measured
 * against the PIT alone could disagree with them by the two
 * calibrations' errors — enough for the timer to fire a little early
 * every time and need a second interrupt.
 */
static u32 lapic_timer_calibrate(void)
{
	u32 start = 0xffffffff, left;
	u64 t0, t1;

	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	pit_ch2_start(CAL_MS);
	t0 = rdtsc_ordered();
	apic_write(APIC_TMICT, start);
	while (!pit_ch2_expired())
		cpu_relax();
	left = apic_read(APIC_TMCCT);
	t1 = rdtsc_ordered();
	apic_write(APIC_TMICT, 0);
	if (!tsc_khz || t1 == t0)
		return (u64)(start - left) * 1000 / CAL_MS;
	return (u64)(start - left) * tsc_khz * 1000 / (t1 - t0);
}

/* Arm the one-shot count, delta in timer ticks (after the divider). */
static int lapic_next_event(unsigned long delta, struct clock_event_device *evt)
{
	/* Err late by 1/8192 rather than early: an early interrupt costs a second one. */
	apic_write(APIC_TMICT, delta + (delta >> 13));
	return 0;
}

static int lapic_timer_shutdown(struct clock_event_device *evt)
{
	apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, 0);
	return 0;
}

static int lapic_timer_set_periodic(struct clock_event_device *evt)
{
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	apic_write(APIC_TMICT, lapic_timer_period);
	return 0;
}

/* Stopped until set_next_event() writes the count. */
static int lapic_timer_set_oneshot(struct clock_event_device *evt)
{
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_TDCR, APIC_TDR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_TIMER_ONESHOT | LOCAL_TIMER_VECTOR);
	return 0;
}

/* The template each CPU's device is copied from. */
static const struct clock_event_device lapic_clockevent = {
	.name			= "lapic",
	.features		= CLOCK_EVT_FEAT_PERIODIC | CLOCK_EVT_FEAT_ONESHOT,
	.set_state_shutdown	= lapic_timer_shutdown,
	.set_state_periodic	= lapic_timer_set_periodic,
	.set_state_oneshot	= lapic_timer_set_oneshot,
	.set_next_event		= lapic_next_event,
	.rating			= 100,
};
static DEFINE_PER_CPU(struct clock_event_device, lapic_events);

/* This CPU's device, registered with the rate the boot CPU measured. */
static void setup_APIC_timer(void)
{
	struct clock_event_device *levt = this_cpu_ptr(&lapic_events);

	*levt = lapic_clockevent;
	levt->cpumask = cpumask_of(smp_processor_id());
	clockevents_config_and_register(levt, lapic_timer_frequency, 0xF, 0x7FFFFFFF);
}

void setup_boot_APIC_clock(void)
{
	u32 freq;

	if (disable_apic)
		return;
	freq = lapic_timer_calibrate();
	if (freq < HZ) {
		pr_err("APIC timer: calibration failed, no local timer\n");
		return;
	}
	lapic_timer_frequency = freq;
	lapic_timer_period = freq / HZ;
	pr_info("APIC timer: %u.%03u MHz bus clock (divide by 16), %u ticks per jiffy (HZ=%d)\n",
		freq / 1000 * 16 / 1000, freq / 1000 * 16 % 1000, lapic_timer_period, HZ);
	setup_APIC_timer();
}

/* An AP's timer: the boot CPU's calibration serves, no PIT window per CPU. */
void setup_secondary_APIC_clock(void)
{
	if (lapic_timer_frequency)
		setup_APIC_timer();
}

static void local_apic_timer_interrupt(void)
{
	struct clock_event_device *evt = this_cpu_ptr(&lapic_events);

	inc_irq_stat(apic_timer_irqs);
	if (unlikely(!evt->event_handler)) {
		pr_warn("Spurious LAPIC timer interrupt on cpu %d\n", smp_processor_id());
		lapic_timer_shutdown(evt);
		return;
	}
	evt->event_handler(evt);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_apic_timer_interrupt)
{
	apic_eoi();
	trace_local_timer_entry(LOCAL_TIMER_VECTOR);
	local_apic_timer_interrupt();
	trace_local_timer_exit(LOCAL_TIMER_VECTOR);
}

/*
 * An interrupt on the spurious vector (SDM 11.9) must not be EOIed: it
 * never set an ISR bit. A fixed interrupt that merely uses vector 0xff
 * did, so the ISR decides.
 */
DEFINE_IDTENTRY_SYSVEC(sysvec_spurious_apic_interrupt)
{
	trace_spurious_apic_entry(SPURIOUS_APIC_VECTOR);
	inc_irq_stat(irq_spurious_count);
	if (apic_vector_in_service(SPURIOUS_APIC_VECTOR))
		apic_eoi();
	trace_spurious_apic_exit(SPURIOUS_APIC_VECTOR);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_error_interrupt)
{
	static const char *const error_interrupt_reason[] = {
		"Send CS error", "Receive CS error", "Send accept error",
		"Receive accept error", "Redirectable IPI", "Send illegal vector",
		"Received illegal vector", "Illegal register address",
	};
	u32 v, i;

	apic_write(APIC_ESR, 0);	/* latch the errors into ESR */
	v = apic_read(APIC_ESR);
	apic_eoi();
	trace_error_apic_entry(ERROR_APIC_VECTOR);
	irq_err_count++;
	pr_err("APIC error on CPU%d: %02x", smp_processor_id(), v);
	for (i = 0; i < 8; i++)
		if (v & (1u << i))
			pr_cont(" : %s", error_interrupt_reason[i]);
	pr_cont("\n");
	trace_error_apic_exit(ERROR_APIC_VECTOR);
}
