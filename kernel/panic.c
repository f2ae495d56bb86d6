// SPDX-License-Identifier: MIT
/*
 * panic(), BUG() and WARN(), and whether an oops panics (oops=panic). A
 * panic prints its reason and a stack trace, then, as Linux's panic=N
 * asks, resets the machine after N seconds (at once for N < 0) or stops
 * it for good (N = 0, the default). When tests are running it first
 * leaves QEMU with the panic status through isa-debug-exit, so the
 * harness sees it at once instead of timing out.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/reboot.h>
#include <asm/kdebug.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/tsc.h>

#define PANIC_TIMER_STEP	100	/* ms between looks at the clock */

bool panic_exits_qemu;
static int panic_in_progress;
int panic_on_oops;

/* oops=panic: an oops takes the machine down instead of only its task. */
static int __init oops_setup(char *s)
{
	if (!strcmp(s, "panic"))
		panic_on_oops = 1;
	return 0;
}
early_param("oops", oops_setup);
int panic_timeout;

static int __init panic_setup(char *arg)
{
	bool negative = *arg == '-';
	unsigned long n;
	int err = kstrtoul(arg + negative, 0, &n);

	if (err)
		return err;
	if (n > 0x7fffffff / 1000)
		return -EINVAL;
	panic_timeout = negative ? -(int)n : (int)n;
	return 0;
}
__setup("panic=", panic_setup);

/* panic=N: wait N seconds of guest time (N > 0), then reset; N = 0 returns. */
static void panic_restart(void)
{
	int ms;

	if (panic_timeout > 0) {
		pr_emerg("Rebooting in %d seconds..\n", panic_timeout);
		for (ms = 0; ms < panic_timeout * 1000; ms += PANIC_TIMER_STEP)
			mdelay(PANIC_TIMER_STEP);
	}
	if (panic_timeout != 0)
		machine_emergency_restart();
}

__noreturn void panic(const char *fmt, ...)
{
	struct pt_regs regs;
	char buf[256];
	va_list args;

	crash_setup_regs(&regs);
	local_irq_disable();
	if (panic_in_progress++)
		machine_halt();		/* a panic while panicking */
	oops_in_progress++;
	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	show_regs(&regs);
	dump_stack();
	if (panic_exits_qemu)
		reflex_debug_exit(REFLEX_EXIT_PANIC);
	panic_restart();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_halt();
}

__noreturn void __bug(const char *file, int line)
{
	pr_emerg("------------[ cut here ]------------\n");
	pr_emerg("kernel BUG at %s:%d!\n", file, line);
	panic("BUG at %s:%d", file, line);
}

void __warn(const char *file, int line, void *caller, struct pt_regs *regs)
{
	struct pt_regs here;

	if (!regs) {
		crash_setup_regs(&here);
		here.ip = (unsigned long)caller;
		regs = &here;
	}
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: CPU: 0 at %s:%d %pS\n", file, line, caller);
	show_regs(regs);
	dump_stack();
	pr_warn("---[ end trace 0000000000000000 ]---\n");
}
