/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

/*
 * A process's address space: its page tables (the kernel half shared by
 * all), and its virtual memory areas, each a range with one set of
 * permissions, sorted by address.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/atomic/atomic-long.h>
#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <asm/pgtable.h>
#include <asm/mmu.h>

#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008	/* MAP_SHARED: fork shares the pages, no COW */
#define VM_MAYREAD	0x00000010	/* what mprotect() may grant: the file's open mode */
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_GROWSDOWN	0x00000100	/* the stack: may extend downwards */
#define VM_LOCKED	0x00002000	/* mlock(): populated, counted in locked_vm */
#define VM_DONTCOPY	0x00020000	/* MADV_DONTFORK: not in fork()'s child */
#define VM_NORESERVE	0x00200000	/* MAP_NORESERVE (nothing is reserved anyway) */
#define VM_WIPEONFORK	0x02000000	/* MADV_WIPEONFORK: the child gets it zeroed */
#define VM_LOCKONFAULT	0x100000000UL	/* mlock2(MLOCK_ONFAULT): locked, not populated */

/*
 * do_user_addr_fault()'s verdict beside the SIGSEGV si_codes: an access
 * to a file mapping past the end of the file, which is SIGBUS.
 */
#define VM_FAULT_SIGBUS	0x100

#define STACK_TOP		0x00007ffffffff000UL
#define STACK_RLIMIT		(8UL << 20)	/* 8 MiB, as the default ulimit -s */
#define TASK_UNMAPPED_BASE	0x00002aaaaaaab000UL	/* mmap() searches from here */
/* The most address space kept free for the stack: half of what lies above mmap's base. */
#define STACK_GAP_MAX		((STACK_TOP - TASK_UNMAPPED_BASE) / 2)

extern unsigned long mmap_min_addr;	/* mmap() never maps below it */

struct file;
struct vm_area_struct;

/*
 * What a mapping's owner must hear about its VMAs (SysV shm counts its
 * attaches): open for every new VMA that copies one (fork, a split),
 * close for every VMA that goes.
 */
struct vm_operations_struct {
	void (*open)(struct vm_area_struct *vma);
	void (*close)(struct vm_area_struct *vma);
};

/*
 * A file mapping (vm_file set: a regular file's page cache, or a shmem
 * object for MAP_SHARED anonymous memory and SysV segments) holds a
 * reference to its file and sits on the file's address_space i_mmap
 * list, so a truncation can find every mm that maps the pages it cuts.
 */
struct vm_area_struct {
	unsigned long vm_start, vm_end;	/* [start, end) */
	unsigned long vm_flags;
	struct list_head vm_list;	/* sorted by vm_start */
	struct mm_struct *vm_mm;
	struct file *vm_file;		/* NULL: anonymous */
	unsigned long vm_pgoff;		/* vm_start's offset in vm_file, in pages */
	struct list_head shared;	/* on vm_file's i_mmap */
	const struct vm_operations_struct *vm_ops;	/* NULL: nothing to tell */
};

/* Per-mm page counts, Linux's names and order (get_mm_counter()). */
enum {
	MM_FILEPAGES,		/* page-cache pages of ramfs files mapped */
	MM_ANONPAGES,		/* anonymous pages mapped (a file page's COW copy too) */
	MM_SWAPENTS,		/* no swap */
	MM_SHMEMPAGES,		/* tmpfs/shmem pages mapped */
	NR_MM_COUNTERS
};

/*
 * Several tasks may share one mm (vfork, clone(CLONE_VM)) and run on
 * different CPUs at once. mmap_lock serialises everything that reads or
 * changes the VMA list or the user page tables: faults, mmap, munmap,
 * mprotect, brk, madvise and fork's copy. mm_users counts the tasks using
 * the address space (the last mmput() tears it down); mm_count counts
 * references to the struct itself, all users together holding one.
 */
struct mm_struct {
	pteval_t *pgd;
	struct list_head mmap;		/* the VMAs */
	struct mutex mmap_lock;
	spinlock_t page_table_lock;	/* init_mm's: the kernel half's tables */
	atomic_t mm_users;
	atomic_t mm_count;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;	/* exec's strings on the stack */
	char *exe_path;			/* the executable's absolute path (kmalloc'd), or NULL */
	unsigned long mmap_base;
	unsigned long stack_gap;	/* below STACK_TOP, left to the stack: RLIMIT_STACK at exec */
	unsigned long total_vm;		/* pages of VMAs */
	unsigned long locked_vm;	/* pages of VM_LOCKED VMAs */
	unsigned long def_flags;	/* VM_LOCKED after mlockall(MCL_FUTURE) */
	atomic_long_t rss_stat[NR_MM_COUNTERS];
	unsigned long pgtables_bytes;	/* the user half's PUD, PMD and PTE tables */
	/*
	 * Bumped by every flush of this mm's TLB entries: a CPU that skipped
	 * flushes while lazy compares it with the generation it last
	 * flushed to (arch/x86/mm/tlb.c).
	 */
	atomic64_t tlb_gen;
	struct cpumask cpu_bitmap;	/* mm_cpumask(): see arch/x86/mm/tlb.c */
	mm_context_t context;		/* the LDT: arch/x86/kernel/ldt.c */
};

extern struct mm_struct init_mm;

/* CPUs whose TLB may hold entries of mm's user half. */
static inline struct cpumask *mm_cpumask(struct mm_struct *mm)
{
	return &mm->cpu_bitmap;
}

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	return atomic_long_read(&mm->rss_stat[member]);
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_long_add(value, &mm->rss_stat[member]);
}

#define inc_mm_counter(mm, member)	add_mm_counter((mm), (member), 1)
#define dec_mm_counter(mm, member)	add_mm_counter((mm), (member), -1)

static inline void mmap_write_lock(struct mm_struct *mm)
{
	mutex_lock(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	mutex_unlock(&mm->mmap_lock);
}

/* One lock for readers and writers: faults of one mm take turns. */
#define mmap_read_lock		mmap_write_lock
#define mmap_read_unlock	mmap_write_unlock

/* A new user of mm's address space (vfork, clone(CLONE_VM)). */
static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

/* A reference to the struct alone (not the address space). */
static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

void __mmdrop(struct mm_struct *mm);

static inline void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

static inline unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	return READ_ONCE(mm->pgtables_bytes);
}

struct mm_struct *mm_alloc(void);
struct task_struct;
/* tsk's address space with a user reference (mmput() it), or NULL. */
struct mm_struct *get_task_mm(struct task_struct *tsk);
struct mm_struct *dup_mm(struct mm_struct *old);
void mmput(struct mm_struct *mm);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		 unsigned long vm_flags, bool fixed);
long do_mmap(struct file *file, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, unsigned long off, const struct vm_operations_struct *ops);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end);
int do_user_addr_fault(struct mm_struct *mm, unsigned long addr, bool write, bool exec);
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long addr, bool write, bool exec);
pteval_t *user_pte(struct mm_struct *mm, unsigned long addr, bool create);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long hint, unsigned long len);
struct page;
int vm_insert_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		   struct page *page);

#endif
