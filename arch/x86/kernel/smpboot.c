// SPDX-License-Identifier: MIT
/*
 * Starting the application processors (APs), as Linux's smpboot.c.
 *
 * The boot CPU (native_cpu_up(), one CPU at a time) gives the AP what it
 * cannot make itself: an idle task "swapper/N" with a guarded stack, IST
 * stacks and an IRQ stack, current_task, the top of stack and the preempt
 * count in its per-CPU area, and the per-CPU base and stack that
 * secondary_startup_64 loads (initial_gs, initial_stack). Then the MP
 * initialisation sequence of the SDM (vol. 3, 8.4.4): INIT, 10 ms,
 * STARTUP, 200 us, STARTUP, with the trampoline page as the vector, and
 * a bounded wait: first for the trampoline's "alive" word, then for the
 * AP to mark itself online. An AP that never answers is reported and
 * left offline; the boot goes on.
 *
 * The AP (start_secondary()) loads its own GDT, TSS and the shared IDT,
 * sets up SYSCALL, the FPU and its local APIC, records its CPUID view,
 * registers its APIC timer with the tick (the boot CPU's calibration
 * serves), brings its vectors into the vector matrix (lapic_online(), so
 * device interrupts can be moved to it), marks itself online and idles.
 *
 * CPU hotplug (kernel/cpu.c drives it): native_cpu_disable() runs on the
 * dying CPU inside stop_machine() and takes it out of cpu_online_mask
 * and off every device interrupt; its idle task then plays dead
 * (play_dead(): halted with interrupts off, having said so through
 * cpu_report_death()), and native_cpu_die() on the controlling CPU waits
 * for that. Bringing it back is the same INIT-SIPI-SIPI start on the
 * same idle task, reset to the top of its stack; the trampoline and
 * secondary_startup_64 run again as at boot, and so does everything
 * start_secondary() sets up (GDT, TSS, local APIC, APIC timer).
 */
#define pr_fmt(fmt) "smpboot: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/errno.h>
#include <linux/atomic.h>
#include <asm/apic.h>
#include <asm/barrier.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/irq_stack.h>
#include <asm/irqflags.h>
#include <asm/preempt.h>
#include <asm/processor.h>
#include <asm/realmode.h>
#include <asm/smp.h>
#include <asm/tsc.h>
#include <asm/irq.h>
#include <asm/mmu_context.h>
#include <asm/ptrace.h>
#include <linux/mm_types.h>
#include <linux/cpu.h>

/* The SDM's MP initialisation delays, and Linux's bound on the whole start. */
#define INIT_UDELAY		10000
#define SIPI_UDELAY		200
#define NUM_STARTUPS		2
#define ICR_IDLE_TIMEOUT_US	100000
#define AP_BOOT_TIMEOUT_US	10000000ULL

DECLARE_PER_CPU(unsigned long, cpu_current_top_of_stack);
DECLARE_PER_CPU(struct task_struct *, current_task);
DECLARE_PER_CPU(int, __preempt_count);

/* Read by secondary_startup_64 (arch/x86/boot/head_64.S) on the AP. */
extern unsigned long initial_gs, initial_stack;

void load_current_idt(void);
int irq_init_percpu_irqstack(unsigned int cpu);

static DEFINE_PER_CPU(struct task_struct *, idle_threads);
static bool smp_boot_ready;

/* Has @deadline (a TSC value) passed? With no TSC rate yet, assume 1 GHz. */
static u64 tsc_deadline_us(u64 us)
{
	return rdtsc() + us * (tsc_khz ? tsc_khz : 1000000) / 1000;
}

static bool tsc_passed(u64 deadline)
{
	return (s64)(rdtsc() - deadline) >= 0;
}

/*
 * xAPIC: the ICR's delivery status clears once the local APIC has sent
 * the IPI; x2APIC has no such bit. Nonzero when it stayed busy.
 */
static u32 apic_icr_wait_idle(void)
{
	u64 deadline = tsc_deadline_us(ICR_IDLE_TIMEOUT_US);
	u32 busy;

	if (x2apic_mode)
		return 0;
	while ((busy = apic_read(APIC_ICR) & APIC_ICR_BUSY) && !tsc_passed(deadline))
		cpu_relax();
	return busy;
}

/*
 * One IPI through the ICR with interrupts off: an interrupt handler's own
 * IPI between the xAPIC's destination and command writes would send ours
 * to its destination.
 */
static void smpboot_icr_write(u32 low, u32 apicid)
{
	unsigned long flags;

	local_irq_save(flags);
	apic->icr_write(low, apicid);
	local_irq_restore(flags);
}

/* The errors the ESR latched since the last clear (bit 4 is reserved). */
static u32 apic_read_clear_esr(void)
{
	apic_write(APIC_ESR, 0);
	return apic_read(APIC_ESR) & 0xef;
}

/**
 * wakeup_secondary_cpu_via_init - the SDM's INIT-SIPI-SIPI sequence
 * @phys_apicid: the target's APIC ID
 * @start_eip: physical address of the real-mode entry, page aligned, below 1 MiB
 *
 * INIT asserted (level), 10 ms, INIT deasserted (xAPIC only: x2APIC has
 * no level de-assert), then two STARTUP IPIs 200 us apart. A CPU that
 * already started ignores the second. Send and accept errors (the ICR
 * stuck busy, the ESR) end the sequence.
 *
 * Return: 0, or -EIO when an IPI could not be delivered.
 */
int wakeup_secondary_cpu_via_init(u32 phys_apicid, unsigned long start_eip)
{
	u32 send_status, accept_status = 0;
	int j;

	apic_read_clear_esr();
	smpboot_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, phys_apicid);
	send_status = apic_icr_wait_idle();
	udelay(INIT_UDELAY);
	if (!x2apic_mode) {
		smpboot_icr_write(APIC_INT_LEVELTRIG | APIC_DM_INIT, phys_apicid);
		send_status |= apic_icr_wait_idle();
	}
	mb();

	for (j = 1; j <= NUM_STARTUPS && !send_status && !accept_status; j++) {
		apic_read_clear_esr();
		smpboot_icr_write(APIC_DM_STARTUP | (start_eip >> PAGE_SHIFT), phys_apicid);
		udelay(SIPI_UDELAY);
		send_status = apic_icr_wait_idle();
		accept_status = apic_read_clear_esr();
	}
	if (send_status)
		pr_err("APIC never delivered the IPI to APIC ID %#x\n", phys_apicid);
	if (accept_status)
		pr_err("APIC delivery error (%x) for APIC ID %#x\n", accept_status, phys_apicid);
	return send_status || accept_status ? -EIO : 0;
}

/* INIT puts a CPU back into wait-for-SIPI, whatever it was doing. */
static void smpboot_park_ap(u32 apicid)
{
	smpboot_icr_write(APIC_INT_LEVELTRIG | APIC_INT_ASSERT | APIC_DM_INIT, apicid);
	apic_icr_wait_idle();
}

/**
 * smpboot_wakeup_ap - start the CPU with @apicid and wait for it to answer
 * @apicid: its APIC ID
 * @timeout_us: how long to wait for the trampoline's first write
 *
 * A CPU that does not answer gets INIT once more, so that it cannot wake
 * up later on state meant for another CPU.
 *
 * Return: 0 once the CPU runs the trampoline, -EIO when the IPIs could
 * not be sent, -ETIMEDOUT when nothing answered, -ENODEV without a
 * trampoline page or a local APIC.
 */
int smpboot_wakeup_ap(u32 apicid, u64 timeout_us)
{
	volatile u32 *status;
	u64 deadline;
	int err;

	if (!real_mode_trampoline_phys || disable_apic)
		return -ENODEV;
	status = trampoline_status();
	*status = 0;
	mb();
	err = wakeup_secondary_cpu_via_init(apicid, real_mode_trampoline_phys);
	if (!err) {
		deadline = tsc_deadline_us(timeout_us);
		while (*status != TRAMPOLINE_STATUS_ALIVE && !tsc_passed(deadline))
			cpu_relax();
		if (*status != TRAMPOLINE_STATUS_ALIVE)
			err = -ETIMEDOUT;
	}
	if (err)
		smpboot_park_ap(apicid);
	return err;
}

static bool cpu_online_now(unsigned int cpu)
{
	return (READ_ONCE(cpu_online_mask->bits[cpu / BITS_PER_LONG]) >> (cpu % BITS_PER_LONG)) & 1;
}

/* What the AP finds in its per-CPU area and what secondary_startup_64 loads. */
static void smpboot_prepare_ap(unsigned int cpu, struct task_struct *idle)
{
	per_cpu(current_task, cpu) = idle;
	per_cpu(cpu_current_top_of_stack, cpu) = idle->thread.sp0;
	/* The idle task runs with preemption off and no reschedule pending. */
	per_cpu(__preempt_count, cpu) = PREEMPT_DISABLED;
	initial_gs = __per_cpu_offset[cpu];
	initial_stack = idle->thread.sp;
	mb();
}

/*
 * Start @cpu on @idle's stack and wait (up to Linux's 10 s in all) for it
 * to come online; one that does not is parked with INIT, so it cannot run
 * later on the next CPU's initial_gs and initial_stack.
 * Return: 0, or Linux's boot_error: -1, it did not come up.
 */
static int do_boot_cpu(u32 apicid, unsigned int cpu, struct task_struct *idle)
{
	u64 deadline = tsc_deadline_us(AP_BOOT_TIMEOUT_US);
	int boot_error = 0;

	smpboot_prepare_ap(cpu, idle);
	if (smpboot_wakeup_ap(apicid, AP_BOOT_TIMEOUT_US)) {
		boot_error = -1;
	} else {
		while (!cpu_online_now(cpu) && !tsc_passed(deadline))
			cpu_relax();
		if (!cpu_online_now(cpu)) {
			smpboot_park_ap(apicid);
			boot_error = -1;
		}
	}
	if (boot_error)
		pr_err("do_boot_cpu failed(%d) to wakeup CPU#%u\n", boot_error, cpu);
	return boot_error;
}

static unsigned int num_digits(unsigned int n)
{
	unsigned int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Linux's announce_cpu(): the CPU numbers on one line, in columns, as they start. */
static void announce_cpu(unsigned int cpu)
{
	static bool first = true;
	unsigned int width = num_digits(num_possible_cpus()) + 1;

	if (first) {
		pr_info("x86: Booting SMP configuration:\n");
		printk(KERN_INFO ".... node  #0, CPUs:  ");
		pr_cont("%*s", width + 1, " ");	/* the boot CPU's column */
		first = false;
	}
	pr_cont("%*s#%u", width - num_digits(cpu), " ", cpu);
}

/*
 * @cpu's idle task: made the first time, reused when the CPU returns
 * after hotplug. Its old stack contents are dead (the CPU halted in
 * play_dead() on it), so it starts again from the top, as the current
 * task of an empty run queue.
 */
static struct task_struct *idle_thread_get(unsigned int cpu, bool *again)
{
	struct task_struct *idle = per_cpu(idle_threads, cpu);

	*again = idle != NULL;
	if (!idle) {
		idle = fork_idle(cpu);
		if (IS_ERR(idle))
			return idle;
		per_cpu(idle_threads, cpu) = idle;
		return idle;
	}
	idle->thread.sp = idle->thread.sp0 - sizeof(struct pt_regs);
	init_idle(idle, cpu);
	return idle;
}

/**
 * native_cpu_up - bring @cpu online
 * @cpu: a present CPU that is not online
 *
 * Return: 0, -EINVAL for a CPU that cannot be started, -ENOMEM, or -EIO
 * when it did not come up.
 */
int native_cpu_up(unsigned int cpu)
{
	u32 apicid = x86_cpu_to_apicid[cpu];
	struct task_struct *idle;
	bool again;
	int err;

	if (!smp_boot_ready || cpu == 0 || cpu >= nr_cpu_ids || apicid == BAD_APICID ||
	    !cpumask_test_cpu(cpu, cpu_present_mask))
		return -EINVAL;
	if (cpu_online_now(cpu))
		return -EBUSY;
	idle = idle_thread_get(cpu, &again);
	if (IS_ERR(idle))
		return PTR_ERR(idle);
	err = percpu_setup_exception_stacks(cpu);
	if (!err)
		err = irq_init_percpu_irqstack(cpu);
	if (err) {
		pr_err("CPU%u: no memory for its stacks\n", cpu);
		return err;
	}
	if (!again)
		announce_cpu(cpu);
	return do_boot_cpu(apicid, cpu, idle) ? -EIO : 0;
}

/* Linux's disable_smp(): without a local APIC the others cannot be started. */
static void disable_smp(void)
{
	unsigned int cpu;

	for_each_present_cpu(cpu)
		if (cpu != 0)
			set_cpu_present(cpu, false);
}

/* The trampoline in place; without it (or a local APIC) the boot CPU runs alone. */
void native_smp_prepare_cpus(unsigned int max_cpus)
{
	int err;

	if (disable_apic) {
		disable_smp();
		return;
	}
	if (num_present_cpus() < 2 || max_cpus < 2)
		return;
	err = setup_real_mode();
	if (err) {
		pr_warn("no AP trampoline (%d): only the boot CPU runs\n", err);
		return;
	}
	smp_boot_ready = true;
}

/* Linux's summary line; BogoMIPS from the TSC rate, as Linux's TSC delay loop has it. */
void native_smp_cpus_done(unsigned int max_cpus)
{
	unsigned long bogosum = (unsigned long)num_online_cpus() * tsc_khz / 5;

	pr_info("Total of %d processors activated (%lu.%02lu BogoMIPS)\n",
		num_online_cpus(), bogosum / 100, bogosum % 100);
}

void start_secondary(void);

/*
 * The first C an AP runs, on its idle task's stack with interrupts off;
 * GS is its per-CPU area (secondary_startup_64 loaded it).
 */
__noreturn void start_secondary(void)
{
	unsigned int cpu = smp_processor_id();

	wrmsr(MSR_KERNEL_GS_BASE, 0);
	cpu_init();
	load_current_idt();
	fpu__init_cpu();
	apic_ap_setup();
	smp_store_cpu_info(cpu);
	setup_secondary_APIC_clock();
	/* Its vectors become allocatable before anything may target it. */
	lapic_online();
	set_cpu_online(cpu, true);
	local_irq_enable();
	cpu_startup_entry();
}

/* --- CPU hotplug: going down ------------------------------------------------ */

/* Linux's cpuhp dead-state handshake, one word per CPU. */
enum { CPU_DEAD_NONE, CPU_DEAD_WAITING, CPU_DEAD_DONE };
static DEFINE_PER_CPU(int, cpu_dead_state);

/**
 * native_cpu_disable - take the running CPU out of service
 *
 * On the dying CPU inside stop_machine(): every CPU has interrupts off,
 * so nothing looks at the online mask or sends this CPU work meanwhile.
 * It leaves cpu_online_mask (from here no IPI, wake-up or interrupt is
 * aimed at it), its device interrupts go to the CPUs that stay
 * (fixup_irqs()), and then its vectors leave the matrix (lapic_offline()).
 *
 * Return: 0, or -EBUSY for the boot CPU, which stays (see kernel/cpu.c).
 */
int native_cpu_disable(void)
{
	unsigned int cpu = smp_processor_id();

	if (cpu == 0)
		return -EBUSY;
	WRITE_ONCE(per_cpu(cpu_dead_state, cpu), CPU_DEAD_WAITING);
	/*
	 * Off any user address space first (Linux's idle_task_exit()): TLB
	 * shootdowns go to online CPUs only, so once this CPU leaves the
	 * mask it must not have a process's page tables loaded, not even
	 * lazily, or an exit elsewhere could free them under it.
	 */
	switch_mm_irqs_off(NULL, &init_mm, current);
	set_cpu_online(cpu, false);
	fixup_irqs();
	lapic_offline();
	return 0;
}

/* Say that this CPU is done: the controlling CPU may now take its state. */
void cpu_report_death(void)
{
	__atomic_store_n(this_cpu_ptr(&cpu_dead_state), CPU_DEAD_DONE, __ATOMIC_RELEASE);
}

/*
 * Wait up to @seconds for @cpu to report death (Linux's cpu_wait_death()).
 * Acquire: whatever it did before reporting is visible once we see it.
 */
bool cpu_wait_death(unsigned int cpu, int seconds)
{
	u64 deadline = tsc_deadline_us((u64)seconds * 1000000);
	int *state = per_cpu_ptr(&cpu_dead_state, cpu);

	while (__atomic_load_n(state, __ATOMIC_ACQUIRE) != CPU_DEAD_DONE) {
		if (tsc_passed(deadline))
			return false;
		cpu_relax();
	}
	WRITE_ONCE(*state, CPU_DEAD_NONE);
	return true;
}

/* The controlling CPU's side: @cpu must have halted for good before its state is taken. */
int native_cpu_die(unsigned int cpu)
{
	if (cpu_wait_death(cpu, 5)) {
		pr_info("CPU %u is now offline\n", cpu);
		return 0;
	}
	pr_err("CPU %u didn't die...\n", cpu);
	return -ETIMEDOUT;
}

/*
 * Halt with interrupts off until INIT arrives. An NMI or SMI can still
 * end a HLT, hence the loop; INIT-SIPI-SIPI starts the CPU afresh.
 */
static __noreturn void hlt_play_dead(void)
{
	for (;;)
		asm volatile("cli; hlt" ::: "memory");
}

/* The dying CPU's idle task, interrupts off, on init_mm since native_cpu_disable(). */
__noreturn void play_dead(void)
{
	cpu_report_death();
	hlt_play_dead();
}

__noreturn void arch_cpu_idle_dead(void)
{
	play_dead();
}
