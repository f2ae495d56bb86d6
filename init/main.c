// SPDX-License-Identifier: MIT
/*
 * start_kernel(): bring the machine up in Linux's order — console, the
 * architecture (memory map, page tables, allocators), then the protection
 * of what must not change (IST guard pages, the read-only IDT) — and then
 * either run the test suites the command line names or idle.
 */
#include <linux/ftrace.h>
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
#include <asm/smp.h>
#include <asm/processor.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/proc_fs.h>
#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/sysfs.h>
#include <linux/kthread.h>
#include <linux/initrd.h>
#include <net/udp.h>
#include <asm/fpu.h>
void uaccess_init(void);
void trace_init(void);
void read_persistent_clock(void);
void init_vdso_image(void);
#include <linux/pci.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <net/ip.h>
#include <linux/workqueue.h>
#include <linux/smp.h>
#include <linux/futex.h>

#define REFLEX_VERSION	"0.1.0"

void serial8250_early_init(void);
int serial8250_enable_rx_irq(void);
__noreturn void kconsole_run(void);
void print_cpu_info(void);
void cpu_protect_stacks(void);


extern bool panic_exits_qemu;
enum system_states system_state = SYSTEM_BOOTING;
static char *test_suites;

static bool kernel_console_only;

/* reflex.kconsole: stay in the kernel console instead of starting init. */
static int __init reflex_kconsole_setup(char *arg)
{
	kernel_console_only = true;
	return 0;
}
__setup("reflex.kconsole", reflex_kconsole_setup);

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

int e1000_init_module(void);
int e1000e_init_module(void);

/*
 * Linux's net initcalls in their order: the device core and NAPI
 * (subsys), lo (its pernet init, so it is ifindex 1), IPv4 and the
 * socket families (fs), the NIC drivers (device), then the address from
 * ip= (late). As in Linux they run from kernel_init() once the other
 * CPUs are up, so a multi-queue driver spreads its queue vectors over
 * all of them when it probes.
 */
static void net_init(void)
{
	net_dev_init();
	loopback_init();
	inet_init();
	e1000_init_module();
	e1000e_init_module();
	ip_auto_config();
}

void start_kernel(void)
{
	serial8250_early_init();
	mask_8259A();
	pr_notice("%s", linux_banner);
	setup_arch();
	setup_per_cpu_areas();
	smp_store_cpu_info(0);
	print_cpu_info();
	uaccess_init();
	read_persistent_clock();
	init_vdso_image();
	fpu__init();
	cpu_protect_stacks();
	fork_init();
	futex_init();
	sched_init();
	workqueue_init_early();
	trace_init();
	early_irq_init();
	init_IRQ();
	pci_subsys_init();
	proc_root_init();
	proc_namespace_init();
	shmem_init();
	init_irq_proc();
	irq_domain_debugfs_init();
	cpu_dev_init();
	idt_protect();
	init_timers();
	hrtimers_init();
	local_irq_enable();
	setup_boot_APIC_clock();
	serial8250_enable_rx_irq();
	pr_info("reflex: boot took %lu us\n", (unsigned long)(local_clock() / 1000));

	rest_init();
}

int populate_rootfs(void);
int console_open_fds(void);
void tty_claim_console(void);
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);
__noreturn void ret_to_user_mode(void);

/* Become the first user process, or return the error. */
static int run_init_process(const char *init_filename)
{
	int err;

	argv_init[0] = init_filename;
	console_open_fds();
	err = kernel_execve(init_filename, argv_init, envp_init);
	if (err)
		return err;
	udp_echo_handover();
	tty_claim_console();
	current->flags &= ~PF_KTHREAD;
	pr_info("Run %s as init process\n", init_filename);
	ret_to_user_mode();
}

/* pid 1: tests, then the first program; the kernel console if there is none. */
static int kernel_init(void *unused)
{
	int err;

	system_state = SYSTEM_RUNNING;
	INIT_LIST_HEAD(&current->children);
	spawn_ksoftirqd();
	workqueue_init();
	smp_init();
	/* reflex.stacktrace='s functions and ftrace=: their sites, now that every CPU can be synced. */
	ftrace_stacktrace_init();
	tracing_boot_init();
	net_init();
	populate_rootfs();
	init_mount_tmpfs();
	if (test_suites)
		run_tests();
	if (kernel_console_only) {
		pr_info("reflex.kconsole: no init process; the kernel console\n");
		kconsole_run();
	}
	current->pgrp = current->session = current->pid;
	/* Linux's order: rdinit=, then init=, then the usual places. */
	err = run_init_process(ramdisk_execute_command);
	if (err && err != -ENOENT)
		pr_warn("Failed to execute %s (error %d)\n", ramdisk_execute_command, err);
	if (execute_command && run_init_process(execute_command))
		pr_warn("Requested init %s failed\n", execute_command);
	if (!run_init_process("/sbin/init") || !run_init_process("/etc/init") ||
	    !run_init_process("/bin/init") || !run_init_process("/bin/sh"))
		BUG();	/* run_init_process() does not return on success */
	pr_warn("No working init found; the kernel console takes over\n");
	kconsole_run();
}

/* The boot context becomes CPU 0's idle task once kernel_init exists. */
static __noreturn void rest_init(void)
{
	struct task_struct *init = kthread_create(kernel_init, NULL, "init");

	if (IS_ERR(init))
		panic("cannot create the init thread: %ld", PTR_ERR(init));
	wake_up_process(init);
	system_state = SYSTEM_SCHEDULING;
	schedule_preempt_disabled();
	cpu_startup_entry();
}
