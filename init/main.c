// SPDX-License-Identifier: MIT
/*
 * start_kernel(): bring the machine up in Linux's order — console, the
 * architecture (memory map, page tables, allocators), then the protection
 * of what must not change (IST guard pages, the read-only IDT) — and then
 * either run the test suites the command line names or idle.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/reboot.h>
#include <linux/sched/clock.h>
#include <kunit/test.h>
#include <asm/setup.h>
#include <asm/desc.h>
#include <asm/irqflags.h>
#include <asm/i8259.h>
#include <asm/irq.h>
#include <asm/apic.h>
#include <linux/irq.h>
#include <linux/proc_fs.h>
#include <linux/kthread.h>
#include <linux/pci.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>

#define REFLEX_VERSION	"0.1.0"

void serial8250_early_init(void);
int serial8250_enable_rx_irq(void);
__noreturn void kconsole_run(void);
void print_cpu_info(void);
void cpu_protect_stacks(void);


extern bool panic_exits_qemu;
static char *test_suites;

static int __init reflex_test_setup(char *arg)
{
	test_suites = arg;
	panic_exits_qemu = true;
	return 0;
}
__setup("reflex.test=", reflex_test_setup);

const char linux_banner[] =
	"reflex version " REFLEX_VERSION " (" __VERSION__ ") x86-64\n";

static __noreturn void run_tests(void)
{
	int failed = kunit_run_suites(test_suites);

	reflex_exit(failed ? REFLEX_EXIT_FAIL : REFLEX_EXIT_PASS);
}

static __noreturn void rest_init(void);

void start_kernel(void)
{
	serial8250_early_init();
	mask_8259A();
	pr_notice("%s", linux_banner);
	setup_arch();
	print_cpu_info();
	cpu_protect_stacks();
	sched_init();
	early_irq_init();
	init_IRQ();
	pci_subsys_init();
	proc_root_init();
	idt_protect();
	local_irq_enable();
	setup_boot_APIC_clock();
	init_timers();
	hrtimers_init();
	serial8250_enable_rx_irq();
	pr_info("reflex: boot took %lu us\n", (unsigned long)(local_clock() / 1000));

	rest_init();
}

/* pid 1: what the kernel does once it is up (tests, or the console). */
static int kernel_init(void *unused)
{
	spawn_ksoftirqd();
	if (test_suites)
		run_tests();
	kconsole_run();
}

/* The boot context becomes CPU 0's idle task once kernel_init exists. */
static __noreturn void rest_init(void)
{
	struct task_struct *init = kthread_create(kernel_init, NULL, "init");

	if (IS_ERR(init))
		panic("cannot create the init thread: %ld", PTR_ERR(init));
	wake_up_process(init);
	schedule_preempt_disabled();
	cpu_startup_entry();
}
