// SPDX-License-Identifier: MIT
/*
 * The kernel console: a line-oriented shell on the serial line, prompt
 * "reflex> ", for looking inside the kernel without a user space: with
 * reflex.kconsole, or when no init program can be run. Bytes arrive
 * from the UART's receive interrupt into a ring; the boot CPU, idle in
 * kconsole_run(), halts with interrupts enabled until a line is complete
 * and then runs it. Commands: help, ls, cat, echo, dmesg, ps, ifconfig,
 * stacktrace, backtrace, rps_cpus, cpu, poweroff.
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/proc_fs.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include <linux/console.h>
#include <linux/seq_file.h>
#include <linux/ftrace.h>
#include <linux/nmi.h>
#include <linux/kernfs.h>
#include <net/ip.h>
#include <asm/irqflags.h>

#define KCONSOLE_RING	256
#define KCONSOLE_LINE	128
#define KCONSOLE_OUT	16384

static char ring[KCONSOLE_RING];
static volatile unsigned int ring_head, ring_tail;	/* head: IRQ writes; tail: reader */
static unsigned int ring_dropped;

/* From the UART's interrupt handler: interrupts are off. */
void kconsole_receive_char(char c)
{
	unsigned int next = (ring_head + 1) % KCONSOLE_RING;

	if (next == ring_tail) {
		ring_dropped++;
		return;
	}
	ring[ring_head] = c;
	WRITE_ONCE(ring_head, next);
}

static bool ring_pop(char *c)
{
	if (READ_ONCE(ring_tail) == READ_ONCE(ring_head))
		return false;
	*c = ring[ring_tail];
	WRITE_ONCE(ring_tail, (ring_tail + 1) % KCONSOLE_RING);
	return true;
}

static void out(const char *s)
{
	console_emit(s, strlen(s));
}

static void cmd_help(char *arg)
{
	out("commands:\n"
	    "  help            this list\n"
	    "  ls [/proc]      the /proc files\n"
	    "  cat FILE        print a /proc file, e.g. cat /proc/interrupts\n"
	    "  echo TEXT       print TEXT\n"
	    "  dmesg           the kernel log\n"
	    "  ps              the tasks (/proc/tasks)\n"
	    "  ifconfig        the network interface: address, counters\n"
	    "  stacktrace [FUNC [N]]  print the stack the next N times FUNC runs\n"
	    "                  (e1000_intr, e1000_clean_rx_irq, ...); no FUNC: the armed ones\n"
	    "  backtrace       every CPU's stack, through an NMI (as sysrq-l)\n"
	    "  rps_cpus DEV N [MASK]  read or write DEV's rx-N rps_cpus (hex mask,\n"
	    "                  as /sys/class/net/DEV/queues/rx-N/rps_cpus)\n"
	    "  cpu N off|on    take CPU N down or bring it back (CPU hotplug)\n"
	    "  poweroff        leave (QEMU exits through isa-debug-exit)\n");
}

static void ls_one(const char *name, void *arg)
{
	out(name);
	out("\n");
}

static void cmd_ls(char *arg)
{
	if (*arg && strcmp(arg, "/proc") && strcmp(arg, "/proc/")) {
		out("ls: only /proc exists\n");
		return;
	}
	proc_for_each(ls_one, NULL);
}

static void cmd_cat(char *arg)
{
	char *buf = kmalloc(KCONSOLE_OUT, GFP_KERNEL);
	ssize_t n;

	if (!buf) {
		out("cat: out of memory\n");
		return;
	}
	n = proc_read(arg, buf, KCONSOLE_OUT);
	if (n < 0) {
		out("cat: ");
		out(arg);
		out(": No such file or directory\n");
	} else {
		console_emit(buf, n);
	}
	kfree(buf);
}

/*
 * echo TEXT, or echo TEXT > /proc/FILE or /sys/FILE: the text and a
 * newline written to the file in one write, as a shell's redirection
 * would; a refused write prints the error the file returned
 * ("echo: write error: -5").
 */
static void cmd_echo(char *arg)
{
	char *redir = strstr(arg, " > "), *path, buf[64];
	struct kernfs_root *root = NULL;
	struct kernfs_node *kn;
	ssize_t n;

	if (!redir) {
		out(arg);
		out("\n");
		return;
	}
	*redir = '\0';
	for (path = redir + 3; *path == ' '; path++)
		;
	if (!strncmp(path, "/proc/", 6))
		root = &proc_kernfs_root;
	else if (!strncmp(path, "/sys/", 5))
		root = &sysfs_kernfs_root;
	kn = root ? kernfs_find_and_get(root, path + (root == &proc_kernfs_root ? 6 : 5)) : NULL;
	if (!kn) {
		out("echo: only files under /proc and /sys, which must exist\n");
		return;
	}
	n = strlen(arg);
	arg[n++] = '\n';	/* over the '\0' that ended the text: " > " left room */
	n = kernfs_write(kn, arg, n);
	kernfs_put(kn);
	if (n < 0) {
		snprintf(buf, sizeof(buf), "echo: write error: %zd\n", n);
		out(buf);
	}
}


static void cmd_dmesg(char *arg)
{
	char *buf = kmalloc(KCONSOLE_OUT, GFP_KERNEL);

	if (!buf)
		return;
	console_emit(buf, log_buf_copy(buf, KCONSOLE_OUT));
	kfree(buf);
}

static void cmd_ps(char *arg)
{
	cmd_cat("tasks");
}

static void cmd_ifconfig(char *arg)
{
	char *buf = kmalloc(KCONSOLE_LINE * 8, GFP_KERNEL);
	struct seq_file m;

	if (!buf)
		return;
	seq_file_init(&m, buf, KCONSOLE_LINE * 8);
	ic_ifconfig_show(&m);
	console_emit(buf, min(m.count, m.size));
	kfree(buf);
}

static void cmd_stacktrace(char *arg)
{
	char func[64], list[256];
	unsigned long count = 1;
	char *sp = strchr(arg, ' ');
	int err;

	if (!*arg) {
		size_t n = ftrace_stacktrace_list(list, sizeof(list));

		console_emit(list, n);
		if (!n)
			out("stacktrace: nothing armed\n");
		return;
	}
	if (sp) {
		*sp = '\0';
		if (kstrtoul(sp + 1, 10, &count)) {
			out("stacktrace: COUNT must be a number\n");
			return;
		}
	}
	strscpy(func, arg, sizeof(func));
	err = ftrace_stacktrace_arm(func, count);
	out(err ? "stacktrace: cannot arm (too many, or bad name)\n" : "stacktrace: armed\n");
}

/*
 * "cat" and "echo MASK >" on /sys/class/net/DEV/queues/rx-N/rps_cpus, for
 * a console whose shell has no redirection: through the /sys file itself.
 */
static void cmd_rps_cpus(char *arg)
{
	char *queue = strchr(arg, ' '), *mask = NULL, path[80], buf[80];
	struct kernfs_node *kn;
	ssize_t n;

	if (queue) {
		*queue++ = '\0';
		mask = strchr(queue, ' ');
		if (mask)
			for (*mask++ = '\0'; *mask == ' '; mask++)
				;
		if (mask && !*mask)
			mask = NULL;	/* trailing blanks: a read */
	}
	snprintf(path, sizeof(path), "class/net/%s/queues/rx-%s/rps_cpus", arg, queue ?: "");
	kn = queue ? kernfs_find_and_get(&sysfs_kernfs_root, path) : NULL;
	if (!kn) {
		out("rps_cpus: no such device or receive queue (rps_cpus eth0 0 [MASK])\n");
		return;
	}
	if (mask)
		n = kernfs_write(kn, mask, strlen(mask));
	else
		n = kernfs_render(kn, buf, sizeof(buf));
	kernfs_put(kn);
	if (n < 0) {
		snprintf(buf, sizeof(buf), "rps_cpus: %s error: %zd\n", mask ? "write" : "read", n);
		out(buf);
	} else if (!mask) {
		console_emit(buf, n);
	}
}

/* Linux's sysrq-l: "Show backtrace of all active CPUs". */
static void cmd_backtrace(char *arg)
{
	if (!trigger_all_cpu_backtrace())
		out("backtrace: some CPUs did not answer, or one is already running\n");
}

/* "cpu N off" / "cpu N on": what writing cpuN/online does. */
static void cmd_cpu(char *arg)
{
	char *word = strchr(arg, ' ');
	unsigned long cpu;
	char msg[64];
	int err;

	if (word)
		*word++ = '\0';
	if (!word || kstrtoul(arg, 10, &cpu) || cpu >= NR_CPUS ||
	    (strcmp(word, "off") && strcmp(word, "on"))) {
		out("usage: cpu N off|on\n");
		return;
	}
	err = !strcmp(word, "off") ? remove_cpu(cpu) : add_cpu(cpu);
	if (err) {
		snprintf(msg, sizeof(msg), "cpu %lu %s: error %d\n", cpu, word, err);
		out(msg);
	}
}

static void cmd_poweroff(char *arg)
{
	machine_power_off();
}

static const struct {
	const char *name;
	void (*fn)(char *arg);
} commands[] = {
	{ "help", cmd_help }, { "ls", cmd_ls }, { "cat", cmd_cat },
	{ "echo", cmd_echo }, { "dmesg", cmd_dmesg }, { "poweroff", cmd_poweroff },
	{ "ps", cmd_ps }, { "ifconfig", cmd_ifconfig }, { "stacktrace", cmd_stacktrace },
	{ "backtrace", cmd_backtrace }, { "rps_cpus", cmd_rps_cpus }, { "cpu", cmd_cpu },
};

static void run_line(char *line)
{
	char *arg = strchr(line, ' ');
	unsigned int i;

	if (arg)
		for (*arg++ = '\0'; *arg == ' '; arg++)
			;
	else
		arg = line + strlen(line);
	if (!*line)
		return;
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(line, commands[i].name)) {
			commands[i].fn(arg);
			return;
		}
	}
	out(line);
	out(": command not found (try help)\n");
}

/* Read a line, echoing as a terminal would; halts while nothing arrives. */
static void read_line(char *line, size_t size)
{
	size_t len = 0;
	char c;

	for (;;) {
		local_irq_disable();
		if (!ring_pop(&c)) {
			safe_halt();	/* sti; hlt: no wake-up can slip between */
			continue;
		}
		local_irq_enable();
		if (c == '\r' || c == '\n') {
			out("\n");
			line[len] = '\0';
			return;
		}
		if ((c == 0x7f || c == '\b') && len) {
			len--;
			out("\b \b");
		} else if (c >= ' ' && len + 1 < size) {
			line[len++] = c;
			console_emit(&c, 1);
		}
	}
}

__noreturn void kconsole_run(void)
{
	char line[KCONSOLE_LINE];

	out("reflex kernel console; type help\n");
	for (;;) {
		out("reflex> ");
		read_line(line, sizeof(line));
		run_line(line);
	}
}
