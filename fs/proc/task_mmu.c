// SPDX-License-Identifier: MIT
/*
 * /proc/PID/maps and smaps_rollup: the address space as Linux prints
 * it, a line per VMA ("start-end perms offset dev inode name", the name
 * column at Linux's width), named [heap], [stack], [vvar], [vdso] and
 * the gate area's [vsyscall] last. A file mapping shows its offset, the
 * file's device and inode and its path, " (deleted)" once the file was
 * unlinked; an object that never had a path (a memfd, a SysV segment,
 * MAP_SHARED anonymous memory) shows as Linux's d_path() prints such a
 * shmem file: "/memfd:NAME (deleted)", "/SYSV0000002a (deleted)",
 * "/dev/zero (deleted)". The segments exec() loads are copies, not file
 * mappings (fs/exec.c), so the program's and its interpreter's show as
 * anonymous memory; what ld.so maps (libc and the other libraries) are
 * file mappings.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/seq_file.h>
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/kdev_t.h>
#include <linux/slab.h>
#include <asm/page.h>
#include "internal.h"

#define MAPS_NAME_COLUMN	(25 + sizeof(void *) * 6 - 1)	/* Linux's seq_setwidth() */
#define VSYSCALL_ADDR		0xffffffffff600000UL

static const char *vma_name(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long vdso = mm->context.vdso;

	if (vdso && vma->vm_start == vdso)
		return "[vdso]";
	if (vdso && vma->vm_end == vdso && vma->vm_start == vdso - PAGE_SIZE)
		return "[vvar]";
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk && mm->brk > mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

static void show_vma_file(struct seq_file *m, struct file *file)
{
	struct dentry *dentry = file->f_dentry;
	char *buf, *path;

	if (IS_ROOT(dentry) && dentry != root_dentry) {
		seq_printf(m, "%s%s (deleted)", dentry->d_name[0] == '/' ? "" : "/", dentry->d_name);
		return;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return;
	path = dentry_path(dentry, buf, PATH_MAX);
	if (!IS_ERR(path)) {
		seq_puts(m, path);
		if (d_unlinked(dentry))
			seq_puts(m, " (deleted)");
	}
	kfree(buf);
}

/* One line; a file VMA (@file) is named by its path, else by @name if any. */
static void show_map_line(struct seq_file *m, unsigned long start, unsigned long end,
			  unsigned long flags, struct file *file, unsigned long long pgoff,
			  const char *name)
{
	struct inode *inode = file ? file_inode(file) : NULL;
	size_t begin = m->count;

	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", start, end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_SHARED ? 's' : 'p',
		   file ? pgoff << PAGE_SHIFT : 0ULL, inode ? MAJOR(inode->i_dev) : 0,
		   inode ? MINOR(inode->i_dev) : 0, inode ? inode->i_ino : 0UL);
	if (file || name) {
		while (m->count - begin < MAPS_NAME_COLUMN && !seq_has_overflowed(m))
			seq_putc(m, ' ');
		seq_putc(m, ' ');
		if (file)
			show_vma_file(m, file);
		else
			seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

int proc_pid_maps(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);
	struct vm_area_struct *vma;

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		show_map_line(m, vma->vm_start, vma->vm_end, vma->vm_flags, vma->vm_file,
			      vma->vm_pgoff, vma->vm_file ? NULL : vma_name(mm, vma));
	mmap_read_unlock(mm);
	mmput(mm);
	show_map_line(m, VSYSCALL_ADDR, VSYSCALL_ADDR + PAGE_SIZE, VM_EXEC, NULL, 0, "[vsyscall]");
	return 0;
}

/*
 * Every page counted as private and dirty anonymous memory or clean
 * file memory by the mm's counters; reflex shares no page between
 * processes except copy-on-write ones, which it does not tell apart.
 */
int proc_pid_smaps_rollup(struct seq_file *m, struct task_struct *task, bool thread)
{
	struct mm_struct *mm = get_task_mm(task);
	unsigned long first = 0, last = 0, anon, file, rss;
	struct vm_area_struct *vma;

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (!first)
			first = vma->vm_start;
		last = vma->vm_end;
	}
	mmap_read_unlock(mm);
	anon = (get_mm_counter(mm, MM_ANONPAGES) + get_mm_counter(mm, MM_SHMEMPAGES)) <<
	       (PAGE_SHIFT - 10);
	file = get_mm_counter(mm, MM_FILEPAGES) << (PAGE_SHIFT - 10);
	rss = anon + file;
	mmput(mm);
	show_map_line(m, first, last, 0, NULL, 0, "[rollup]");
	seq_printf(m, "Rss:            %8lu kB\nPss:            %8lu kB\n"
		   "Pss_Dirty:      %8lu kB\nPss_Anon:       %8lu kB\n"
		   "Pss_File:       %8lu kB\nPss_Shmem:      %8lu kB\n", rss, rss, anon, anon,
		   file, 0UL);
	seq_printf(m, "Shared_Clean:   %8lu kB\nShared_Dirty:   %8lu kB\n"
		   "Private_Clean:  %8lu kB\nPrivate_Dirty:  %8lu kB\n"
		   "Referenced:     %8lu kB\nAnonymous:      %8lu kB\n", 0UL, 0UL, file, anon,
		   rss, anon);
	seq_puts(m, "KSM:                   0 kB\nLazyFree:              0 kB\n"
		 "AnonHugePages:         0 kB\nShmemPmdMapped:        0 kB\n"
		 "FilePmdMapped:         0 kB\nShared_Hugetlb:        0 kB\n"
		 "Private_Hugetlb:       0 kB\nSwap:                  0 kB\n"
		 "SwapPss:               0 kB\nLocked:                0 kB\n");
	return 0;
}
