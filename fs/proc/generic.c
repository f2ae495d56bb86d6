// SPDX-License-Identifier: MIT
/*
 * /proc's registration API over the kernfs tree (fs/kernfs/dir.c):
 * files generated on read by a show() into a seq_file, optionally with
 * data and a write method, directories, and removal. proc_read() serves
 * the kernel console and tests; fs/proc/root.c serves open files. Also
 * the few files that belong to no subsystem.
 */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/kernfs.h>
#include <linux/stat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/jiffies.h>
#include <linux/sched/clock.h>
#include <linux/irqnr.h>
#include <linux/sched.h>
#include <linux/kernel_stat.h>

void proc_meminfo_init(void);
void proc_loadavg_init(void);
void proc_sys_init(void);
void proc_kallsyms_init(void);

static const char *proc_name(const char *name)
{
	return strncmp(name, "/proc/", 6) ? name : name + 6;
}

int proc_create_single(const char *name, int (*show)(struct seq_file *m, void *v))
{
	return proc_create_single_data(name, 0444, show, NULL, NULL);
}

int proc_create_single_data(const char *name, umode_t mode,
			    int (*show)(struct seq_file *m, void *v),
			    ssize_t (*write)(const char *buf, size_t count, void *data),
			    void *data)
{
	const struct kernfs_ops ops = { .seq_show = show, .write = write };

	return kernfs_create(&proc_kernfs_root, proc_name(name), S_IFREG | (mode & S_IALLUGO),
			     &ops, data);
}

int proc_mkdir(const char *name)
{
	return kernfs_create(&proc_kernfs_root, proc_name(name), S_IFDIR | 0555, NULL, NULL);
}

/* Waits for reads and writes of the file in progress: its data may go after. */
void remove_proc_entry(const char *name)
{
	kernfs_remove_by_path(&proc_kernfs_root, proc_name(name), false);
}

void remove_proc_subtree(const char *name)
{
	kernfs_remove_by_path(&proc_kernfs_root, proc_name(name), true);
}

ssize_t proc_read(const char *name, char *buf, size_t size)
{
	return kernfs_read_path(&proc_kernfs_root, proc_name(name), buf, size);
}

bool proc_contains(const char *name, const char *needle)
{
	const size_t size = 16384;
	char *buf = kmalloc(size, GFP_KERNEL);
	ssize_t n;
	bool found;

	if (!buf)
		return false;
	n = proc_read(name, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	found = strstr(buf, needle) != NULL;
	kfree(buf);
	return found;
}

/* fn must not sleep: the tree is locked meanwhile. */
void proc_for_each(void (*fn)(const char *name, void *arg), void *arg)
{
	kernfs_for_each_file(&proc_kernfs_root, fn, arg);
}

static int cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", boot_command_line);
	return 0;
}

extern const char linux_banner[];

static int version_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, linux_banner);
	return 0;
}

/* Up time, then the idle time summed over the CPUs, as Linux's fs/proc/uptime.c. */
static int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 ns = local_clock(), idle = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		idle += READ_ONCE(kcpustat_cpu(cpu).cpustat[CPUTIME_IDLE]);
	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(ns / 1000000000),
		   (unsigned long)(ns % 1000000000) / 10000000,
		   (unsigned long)(idle / 1000000000), (unsigned long)(idle % 1000000000) / 10000000);
	return 0;
}

int show_interrupts(struct seq_file *p, void *v);
int softirqs_proc_show(struct seq_file *p, void *v);
int show_stat(struct seq_file *p, void *v);
int show_cpuinfo(struct seq_file *m, void *v);

/* Linux walks show_interrupts() as a seq_file iterator over 0..nr_irqs. */
static int interrupts_proc_show(struct seq_file *m, void *v)
{
	loff_t pos;

	for (pos = 0; pos <= nr_irqs; pos++)
		show_interrupts(m, &pos);
	return 0;
}

void proc_root_init(void)
{
	proc_create_single("cmdline", cmdline_proc_show);
	proc_create_single("version", version_proc_show);
	proc_create_single("uptime", uptime_proc_show);
	proc_meminfo_init();
	proc_loadavg_init();
	proc_sys_init();
	proc_create_single("interrupts", interrupts_proc_show);
	proc_create_single("softirqs", softirqs_proc_show);
	proc_create_single("stat", show_stat);
	proc_create_single("cpuinfo", show_cpuinfo);
	proc_create_single("tasks", proc_tasks_show);
	proc_kallsyms_init();
}
