// SPDX-License-Identifier: MIT
/*
 * /proc/meminfo with Linux 6.1's field set and order, so free, top and
 * libprocps find every name they look for. reflex knows its total and
 * free pages; it has no page cache apart from in-memory files, no swap,
 * no huge pages and no vmalloc accounting, and prints those fields as
 * Linux does with the feature absent: 0 kB. MemAvailable is MemFree:
 * nothing reflex holds can be reclaimed.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

static void show_val_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

static int meminfo_proc_show(struct seq_file *m, void *v)
{
	static const char *const zero_fields[] = {
		"Buffers:        ", "Cached:         ", "SwapCached:     ",
		"Active:         ", "Inactive:       ", "Active(anon):   ",
		"Inactive(anon): ", "Active(file):   ", "Inactive(file): ",
		"Unevictable:    ", "Mlocked:        ", "SwapTotal:      ",
		"SwapFree:       ", "Zswap:          ", "Zswapped:       ",
		"Dirty:          ", "Writeback:      ", "AnonPages:      ",
		"Mapped:         ", "Shmem:          ", "KReclaimable:   ",
		"Slab:           ", "SReclaimable:   ", "SUnreclaim:     ",
		"KernelStack:    ", "PageTables:     ", "NFS_Unstable:   ",
		"Bounce:         ", "WritebackTmp:   ",
	};
	unsigned long total = totalram_pages(), free = nr_free_pages();
	unsigned int i;

	show_val_kb(m, "MemTotal:       ", total);
	show_val_kb(m, "MemFree:        ", free);
	show_val_kb(m, "MemAvailable:   ", free);
	for (i = 0; i < ARRAY_SIZE(zero_fields); i++)
		show_val_kb(m, zero_fields[i], 0);
	show_val_kb(m, "CommitLimit:    ", total / 2);
	show_val_kb(m, "Committed_AS:   ", total - free);
	seq_printf(m, "VmallocTotal:   %8lu kB\n", 34359738367UL);
	seq_puts(m, "VmallocUsed:           0 kB\nVmallocChunk:          0 kB\n"
		 "Percpu:                0 kB\nHardwareCorrupted:     0 kB\n"
		 "AnonHugePages:         0 kB\nShmemHugePages:        0 kB\n"
		 "ShmemPmdMapped:        0 kB\nFileHugePages:         0 kB\n"
		 "FilePmdMapped:         0 kB\n");
	seq_puts(m, "HugePages_Total:       0\nHugePages_Free:        0\n"
		 "HugePages_Rsvd:        0\nHugePages_Surp:        0\n"
		 "Hugepagesize:       2048 kB\nHugetlb:               0 kB\n");
	show_val_kb(m, "DirectMap4k:    ", 0);
	show_val_kb(m, "DirectMap2M:    ", total);
	show_val_kb(m, "DirectMap1G:    ", 0);
	return 0;
}

void proc_meminfo_init(void)
{
	proc_create_single("meminfo", meminfo_proc_show);
}
