// SPDX-License-Identifier: MIT
/*
 * A minimal /proc: a flat table of named files, each generated on read
 * by its show() into a seq_file, read through proc_read() by the kernel
 * console and by fs/proc/root.c, which makes directories of the names
 * and serves open files. No writes. Also the few files that belong to
 * no subsystem.
 */
#include <linux/kernel.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/jiffies.h>
#include <linux/sched/clock.h>
#include <linux/irqnr.h>
#include <linux/sched.h>

#define MAX_PROC_ENTRIES	32

struct proc_entry {
	const char *name;
	int (*show)(struct seq_file *m, void *v);
};

static struct proc_entry proc_entries[MAX_PROC_ENTRIES];
static int nr_proc_entries;

int proc_create_single(const char *name, int (*show)(struct seq_file *m, void *v))
{
	if (nr_proc_entries == MAX_PROC_ENTRIES)
		return -ENOSPC;
	proc_entries[nr_proc_entries++] = (struct proc_entry){ name, show };
	return 0;
}

ssize_t proc_read(const char *name, char *buf, size_t size)
{
	struct seq_file m = { .buf = buf, .size = size };
	int i;

	if (!strncmp(name, "/proc/", 6))
		name += 6;
	for (i = 0; i < nr_proc_entries; i++) {
		if (strcmp(proc_entries[i].name, name))
			continue;
		proc_entries[i].show(&m, NULL);
		return min(m.count, size);
	}
	return -ENOENT;
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

void proc_for_each(void (*fn)(const char *name, void *arg), void *arg)
{
	int i;

	for (i = 0; i < nr_proc_entries; i++)
		fn(proc_entries[i].name, arg);
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

static int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 ns = local_clock();

	seq_printf(m, "%lu.%02lu 0.00\n", (unsigned long)(ns / 1000000000),
		   (unsigned long)(ns % 1000000000) / 10000000);
	return 0;
}

static int meminfo_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "MemTotal:       %8lu kB\n", totalram_pages() * (PAGE_SIZE / 1024));
	seq_printf(m, "MemFree:        %8lu kB\n", nr_free_pages() * (PAGE_SIZE / 1024));
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
	proc_create_single("meminfo", meminfo_proc_show);
	proc_create_single("interrupts", interrupts_proc_show);
	proc_create_single("softirqs", softirqs_proc_show);
	proc_create_single("stat", show_stat);
	proc_create_single("cpuinfo", show_cpuinfo);
	proc_create_single("tasks", proc_tasks_show);
}

/* Writable and per-object files: not served yet; registration fails. */
int proc_create_single_data(const char *name, umode_t mode,
			    int (*show)(struct seq_file *m, void *v),
			    ssize_t (*write)(const char *buf, size_t count, void *data),
			    void *data)
{
	return -ENOSYS;
}

int proc_mkdir(const char *name)
{
	return -ENOSYS;
}

void remove_proc_entry(const char *name)
{
}

void remove_proc_subtree(const char *name)
{
}
