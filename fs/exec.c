// SPDX-License-Identifier: MIT
/*
 * execve(): replace the calling process's image with an ELF64 program.
 * The arguments and the headers of the program and of its interpreter
 * (PT_INTERP: the dynamic loader) are read in and checked first, while
 * the old image still exists and an error can still be returned; then the
 * old address space goes, the PT_LOAD segments of both are mapped (data
 * read from the still open files, bss zero-filled on demand), the vDSO is
 * mapped, and the stack is laid out as Linux
 * does, so that a static or dynamically linked musl or glibc program
 * starts as it would on Linux:
 *
 *   sp -> argc, argv[0..argc-1], NULL, envp[...], NULL,
 *         auxv (AT_SYSINFO_EHDR, AT_HWCAP, AT_PAGESZ, AT_PHDR, AT_BASE,
 *         AT_ENTRY, AT_RANDOM, AT_HWCAP2, AT_PLATFORM, AT_MINSIGSTKSZ,
 *         AT_UID.., AT_NULL), then the strings.
 *
 * A position-independent program (ET_DYN) goes at ELF_ET_DYN_BASE, its
 * interpreter in the mmap area, with no randomisation: reflex maps every
 * process as Linux does under personality(ADDR_NO_RANDOMIZE).
 * In a multi-threaded process the other threads end first (de_thread());
 * the exec-ing thread becomes the process, with its pid.
 */
#include <linux/futex.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/ptrace.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/mm_types.h>
#include <linux/signal.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/namei.h>
#include <linux/dcache.h>
#include <linux/stat.h>
#include <linux/posix-timers.h>
#include <asm/fpu.h>
#include <asm/fsgsbase.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>
#include <asm/vdso.h>
#include <trace/events/sched.h>

#define MAX_ARG_STRINGS		1024
#define MAX_ARG_BYTES		(128 * 1024)
/*
 * The first bytes of a program, read at once: the ELF header, the program
 * headers (at most 64 of them) and, in practice, the PT_INTERP path, or a
 * script's "#!" line. The segments are read from the file as they load, so
 * a program's size has no limit here (Debian's stress-ng is 8.7 MB).
 */
#define EXEC_HEAD_SIZE		(8 * 1024)
#define EXEC_COPY_CHUNK		(64 * 1024)
#define STACK_INIT_SIZE		(128 * 1024)

/* ELF64 (System V gABI, Figure 4-3 and 5-1). */
struct elf64_hdr {
	unsigned char e_ident[16];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define ELF_ET_DYN_BASE	0x555555554000UL	/* 2/3 of TASK_SIZE, page-aligned, as Linux */

#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define  HWCAP2_FSGSBASE	(1 << 1)	/* the kernel allows RDFSBASE and kin */
#define AT_EXECFN	31
#define AT_SYSINFO_EHDR	33
#define AT_MINSIGSTKSZ	51

struct linux_binprm {
	struct file *file;	/* the program, open until it is loaded */
	char *image;		/* its first head_len bytes (EXEC_HEAD_SIZE at most) */
	size_t head_len;
	size_t size;		/* the file's size */
	int argc, envc;
	char *strings;		/* argv then envp strings, NUL-separated */
	size_t strings_len;
	char filename[256];
	/* The dynamic loader (PT_INTERP), as the program; NULL for a static program. */
	struct file *interp_file;
	char *interp_image;
	size_t interp_head_len;
	size_t interp_size;
	unsigned long interp_bias;	/* where it went: AT_BASE */
	unsigned long vdso_base;	/* AT_SYSINFO_EHDR; 0: no vDSO */
};


void change_protection(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end);
u64 get_random_u64(void);

static int add_string(struct linux_binprm *bprm, const char *s, size_t len)
{
	if (bprm->strings_len + len + 1 > MAX_ARG_BYTES)
		return -E2BIG;
	memcpy(bprm->strings + bprm->strings_len, s, len);
	bprm->strings[bprm->strings_len + len] = '\0';
	bprm->strings_len += len + 1;
	return 0;
}

/* Copy a NULL-terminated array of strings, from user space or the kernel. */
static int copy_strings(struct linux_binprm *bprm, const char *const *argv, bool user, int *count)
{
	char tmp[512];
	int n = 0, err;

	*count = 0;
	if (!argv)
		return 0;
	for (;; n++) {
		const char *p;
		long len;

		if (n >= MAX_ARG_STRINGS)
			return -E2BIG;
		if (user) {
			if (copy_from_user(&p, argv + n, sizeof(p)))
				return -EFAULT;
		} else {
			p = argv[n];
		}
		if (!p)
			break;
		if (user) {
			len = strncpy_from_user(tmp, p, sizeof(tmp));
			if (len < 0)
				return len;
			if (len == sizeof(tmp))
				return -E2BIG;
		} else {
			len = strscpy(tmp, p, sizeof(tmp));
			if (len < 0)
				return -E2BIG;
		}
		err = add_string(bprm, tmp, len);
		if (err)
			return err;
	}
	*count = n;
	return 0;
}

/*
 * Open the executable file at @path and read its head into *@image; the
 * file stays open in *@filep (the caller closes it and frees the head).
 */
static int open_exec_file(const char *path, struct file **filep, char **image,
			  size_t *head_len, size_t *size)
{
	struct file *file = filp_open(path, 0, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(file))
		return PTR_ERR(file);
	if (!S_ISREG(file->f_inode->i_mode) || inode_permission(file->f_inode, MAY_EXEC)) {
		filp_close(file);
		return -EACCES;
	}
	*filep = file;
	*size = file->f_inode->i_size;
	*image = kmalloc(EXEC_HEAD_SIZE, GFP_KERNEL);
	if (!*image)
		return -ENOMEM;
	*head_len = 0;
	while (*head_len < EXEC_HEAD_SIZE) {
		n = kernel_read(file, *image + *head_len, EXEC_HEAD_SIZE - *head_len, &pos);
		if (n < 0)
			return n;
		if (!n)
			break;
		*head_len += n;
	}
	/* The size the headers are checked against is what was there to read. */
	if (*head_len < EXEC_HEAD_SIZE)
		*size = *head_len;
	return 0;
}

static void close_exec_file(struct file **file, char **image)
{
	if (*file)
		filp_close(*file);
	*file = NULL;
	kfree(*image);
	*image = NULL;
}

static int read_image(struct linux_binprm *bprm)
{
	return open_exec_file(bprm->filename, &bprm->file, &bprm->image, &bprm->head_len,
			      &bprm->size);
}

/*
 * An x86-64 ELF image whose program headers lie within its head and whose
 * PT_LOAD segments lie within the file and the user half.
 */
static int check_elf(const char *image, size_t head_len, size_t size, struct elf64_hdr **hdr)
{
	struct elf64_hdr *eh = (struct elf64_hdr *)image;
	struct elf64_phdr *ph;
	int i;

	if (head_len < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) ||
	    eh->e_ident[4] != 2 || eh->e_ident[5] != 1 || eh->e_machine != EM_X86_64 ||
	    (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
	    eh->e_phentsize != sizeof(*ph) || !eh->e_phnum || eh->e_phnum > 64 ||
	    eh->e_phoff > head_len || eh->e_phnum * sizeof(*ph) > head_len - eh->e_phoff)
		return -ENOEXEC;
	ph = (struct elf64_phdr *)(image + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_filesz > ph[i].p_memsz || ph[i].p_offset > size ||
		    ph[i].p_filesz > size - ph[i].p_offset ||
		    ph[i].p_vaddr + ph[i].p_memsz < ph[i].p_vaddr ||
		    ph[i].p_vaddr + ph[i].p_memsz > TASK_SIZE_MAX - STACK_RLIMIT - (1UL << 30))
			return -ENOEXEC;
	}
	*hdr = eh;
	return 0;
}

static unsigned long vm_flags_of(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/* Where an image's segments went. */
struct elf_load {
	unsigned long phdr;		/* its program headers, if a segment holds them */
	unsigned long start, end;	/* the first page, the page after the last */
	unsigned long end_code, start_data, end_data;	/* as Linux's load_elf_binary() */
};

/* The pages of segment ph no earlier segment took: [*start, *end), maybe empty. */
static void segment_pages(const struct elf64_phdr *ph, unsigned long bias,
			  unsigned long mapped_end, unsigned long *start, unsigned long *end)
{
	*start = max((ph->p_vaddr + bias) & PAGE_MASK, mapped_end);
	*end = ALIGN(ph->p_vaddr + bias + ph->p_memsz, PAGE_SIZE);
}

/*
 * @len bytes of @file from @offset to user address @to, through a kernel
 * buffer. A file that came up short since its headers were checked fails
 * the exec (late: the process gets SIGSEGV).
 */
static int copy_segment(struct file *file, loff_t offset, unsigned long to, size_t len)
{
	size_t chunk = min(len, (size_t)EXEC_COPY_CHUNK);
	char *buf;
	int err = 0;

	if (!len)
		return 0;
	buf = kmalloc(chunk, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (len && !err) {
		size_t n = min(len, chunk);
		ssize_t got = kernel_read(file, buf, n, &offset);

		if (got != (ssize_t)n)
			err = got < 0 ? got : -EIO;
		else if (copy_to_user((void *)to, buf, n))
			err = -EFAULT;
		to += n;
		len -= n;
	}
	kfree(buf);
	return err;
}

/*
 * Map and fill the PT_LOAD segments of image into the (current) new mm.
 * Every segment is copied in while all are writable and only then given
 * its permissions, so one that shares a page with an earlier segment
 * still gets its bytes there (the page keeps the earlier one's
 * permissions).
 */
static int load_segments(struct file *file, const char *image, struct elf64_hdr *eh,
			 unsigned long bias, struct elf_load *out)
{
	struct mm_struct *mm = current->mm;
	struct elf64_phdr *ph = (struct elf64_phdr *)(image + eh->e_phoff);
	unsigned long mapped_end = 0, start, end;
	struct vm_area_struct *vma;
	int i, err;

	for (i = 0; i < eh->e_phnum; i++) {
		unsigned long vaddr = ph[i].p_vaddr + bias;

		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_offset <= eh->e_phoff &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			out->phdr = vaddr + eh->e_phoff - ph[i].p_offset;
		segment_pages(&ph[i], bias, mapped_end, &start, &end);
		if (end > start &&
		    mmap_region(mm, start, end - start, VM_READ | VM_WRITE, true) < 0)
			return -ENOMEM;
		err = copy_segment(file, ph[i].p_offset, vaddr, ph[i].p_filesz);
		if (err)
			return err;
		mapped_end = max(mapped_end, end);
		out->start = out->start ? min(out->start, start) : start;
		out->start_data = max(out->start_data, vaddr);
		if (ph[i].p_flags & PF_X)
			out->end_code = max(out->end_code, vaddr + ph[i].p_filesz);
		out->end_data = max(out->end_data, vaddr + ph[i].p_filesz);
	}
	out->end = mapped_end;
	for (mapped_end = 0, i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		segment_pages(&ph[i], bias, mapped_end, &start, &end);
		if (end > start) {
			vma = find_vma(mm, start);
			vma->vm_flags = vm_flags_of(ph[i].p_flags);
			change_protection(mm, vma, vma->vm_start, vma->vm_end);
		}
		mapped_end = max(mapped_end, end);
	}
	return 0;
}

/*
 * Read the program's interpreter (its first PT_INTERP names it) into
 * bprm, as Linux's load_elf_binary(): a path not NUL-terminated within
 * its segment is -ENOEXEC, a file that cannot be opened gives open's
 * errno, and one that is not an x86-64 ELF file -ELIBBAD.
 */
static int read_elf_interp(struct linux_binprm *bprm, struct elf64_hdr *eh)
{
	struct elf64_phdr *ph = (struct elf64_phdr *)(bprm->image + eh->e_phoff);
	struct elf64_hdr *interp_eh;
	const char *path;
	int i, err;

	for (i = 0; i < eh->e_phnum && ph[i].p_type != PT_INTERP; i++)
		;
	if (i == eh->e_phnum)
		return 0;
	if (ph[i].p_filesz < 2 || ph[i].p_offset > bprm->head_len ||
	    ph[i].p_filesz > bprm->head_len - ph[i].p_offset)
		return -ENOEXEC;
	path = bprm->image + ph[i].p_offset;
	if (path[ph[i].p_filesz - 1] != '\0')
		return -ENOEXEC;
	if (strlen(path) >= sizeof(bprm->filename))
		return -ENAMETOOLONG;
	err = open_exec_file(path, &bprm->interp_file, &bprm->interp_image,
			     &bprm->interp_head_len, &bprm->interp_size);
	if (err)
		return err;
	err = check_elf(bprm->interp_image, bprm->interp_head_len, bprm->interp_size,
			&interp_eh);
	return err == -ENOEXEC ? -ELIBBAD : err;
}

/*
 * Map the interpreter: a position-independent one (ld.so is) at the
 * lowest gap of the mmap area that holds all its segments, an ET_EXEC
 * one where it was linked. Returns its entry point in *entry.
 */
static int load_elf_interp(struct linux_binprm *bprm, unsigned long *entry)
{
	struct elf64_hdr *eh = (struct elf64_hdr *)bprm->interp_image;
	struct elf64_phdr *ph = (struct elf64_phdr *)(bprm->interp_image + eh->e_phoff);
	unsigned long lo = ~0UL, hi = 0, addr;
	struct elf_load load = {};
	int i;

	if (eh->e_type == ET_DYN) {
		for (i = 0; i < eh->e_phnum; i++) {
			if (ph[i].p_type != PT_LOAD)
				continue;
			lo = min(lo, ph[i].p_vaddr & PAGE_MASK);
			hi = max(hi, ALIGN(ph[i].p_vaddr + ph[i].p_memsz, PAGE_SIZE));
		}
		if (hi <= lo)
			return -ENOEXEC;	/* nothing to load */
		addr = get_unmapped_area(current->mm, 0, hi - lo);
		if (!addr)
			return -ENOMEM;
		bprm->interp_bias = addr - lo;
	}
	*entry = eh->e_entry + bprm->interp_bias;
	return load_segments(bprm->interp_file, bprm->interp_image, eh, bprm->interp_bias,
			     &load);
}

static int push(unsigned long *sp, const void *data, size_t len)
{
	*sp -= len;
	return copy_to_user((void *)*sp, data, len) ? -EFAULT : 0;
}

/* Where /proc/PID/cmdline and environ find argv and envp: the strings block. */
static void set_mm_strings(struct mm_struct *mm, const struct linux_binprm *bprm,
			   unsigned long strings)
{
	const char *p = bprm->strings;
	int i;

	for (i = 0; i < bprm->argc; i++)
		p += strlen(p) + 1;
	mm->arg_start = strings;
	mm->arg_end = mm->env_start = strings + (p - bprm->strings);
	mm->env_end = strings + bprm->strings_len;
}

static int create_elf_tables(struct linux_binprm *bprm, struct elf64_hdr *eh,
			     unsigned long bias, unsigned long phdr_addr)
{
	static const char platform[] = "x86_64";
	unsigned long sp = STACK_TOP, strings, random, platform_addr, *vec, p;
	int i, n = 0, words = 1 + bprm->argc + 1 + bprm->envc + 1 + 2 * 32;
	u64 rnd[2] = { get_random_u64(), get_random_u64() };
	int err;

	if (mmap_region(current->mm, STACK_TOP - STACK_INIT_SIZE, STACK_INIT_SIZE,
			VM_READ | VM_WRITE | VM_GROWSDOWN, true) < 0)
		return -ENOMEM;
	err = push(&sp, bprm->strings, bprm->strings_len);
	strings = sp;
	err = err ?: push(&sp, platform, sizeof(platform));
	platform_addr = sp;
	err = err ?: push(&sp, rnd, sizeof(rnd));
	random = sp;
	if (err)
		return err;
	sp = ALIGN_DOWN(sp - words * sizeof(unsigned long), 16);
	vec = kmalloc(words * sizeof(unsigned long), GFP_KERNEL);
	if (!vec)
		return -ENOMEM;
	vec[n++] = bprm->argc;
	for (p = strings, i = 0; i < bprm->argc + bprm->envc + 2; i++) {
		if (i == bprm->argc || i == bprm->argc + bprm->envc + 1) {
			vec[n++] = 0;
			continue;
		}
		vec[n++] = p;
		p += strlen(bprm->strings + (p - strings)) + 1;
	}
#define AUX(type, val) do { vec[n++] = (type); vec[n++] = (val); } while (0)
	if (bprm->vdso_base)
		AUX(AT_SYSINFO_EHDR, bprm->vdso_base);
	AUX(AT_HWCAP, boot_cpu_data.x86_capability[1]);	/* CPUID leaf 1 EDX, as Linux */
	AUX(AT_PHDR, phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, eh->e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, bprm->interp_bias);
	AUX(AT_ENTRY, eh->e_entry + bias);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_CLKTCK, 100);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, strings);
	AUX(AT_PLATFORM, platform_addr);
	AUX(AT_HWCAP2, x86_fsgsbase_enabled ? HWCAP2_FSGSBASE : 0);
	AUX(AT_MINSIGSTKSZ, get_sigframe_size());
	AUX(AT_NULL, 0);
#undef AUX
	err = copy_to_user((void *)sp, vec, n * sizeof(unsigned long)) ? -EFAULT : 0;
	kfree(vec);
	current->mm->start_stack = sp;
	set_mm_strings(current->mm, bprm, strings);
	return err;
}

static const char *strrchr_slash(const char *path)
{
	const char *base = path, *p;

	for (p = path; *p; p++)
		if (*p == '/')
			base = p + 1;
	return base;
}

static void start_thread(unsigned long ip, unsigned long sp)
{
	struct pt_regs *regs = task_pt_regs(current);

	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = 0x202;	/* IF */
	regs->orig_ax = -1;
	force_iret();
}

#define BINPRM_BUF_SIZE	256
#define MAX_INTERP_DEPTH 4

/*
 * "#!interpreter [arg]" (Linux's binfmt_script): run the interpreter with
 * the script's path in place of argv[0] — argv becomes interpreter, [arg],
 * path, argv[1...].
 */
static int load_script(struct linux_binprm *bprm)
{
	char line[BINPRM_BUF_SIZE], *interp, *arg = NULL, *p, *rest;
	size_t n = min(bprm->head_len, sizeof(line) - 1), rest_len, skip;
	char *strings;
	int err;

	memcpy(line, bprm->image, n);
	line[n] = '\0';
	p = strchr(line, '\n');
	if (!p)
		return -ENOEXEC;
	*p = '\0';
	for (interp = line + 2; *interp == ' ' || *interp == '\t'; interp++)
		;
	for (p = interp; *p && *p != ' ' && *p != '\t'; p++)
		;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p)
			arg = p;
	}
	if (!*interp)
		return -ENOEXEC;
	/* Drop argv[0]; the interpreter, its argument and the path go first. */
	skip = strlen(bprm->strings) + 1;
	rest = bprm->strings + skip;
	rest_len = bprm->strings_len - skip;
	strings = kmalloc(MAX_ARG_BYTES, GFP_KERNEL);
	if (!strings)
		return -ENOMEM;
	memcpy(strings, rest, rest_len);	/* kept aside while we rebuild */
	bprm->strings_len = 0;
	err = add_string(bprm, interp, strlen(interp));
	if (!err && arg)
		err = add_string(bprm, arg, strlen(arg));
	if (!err)
		err = add_string(bprm, bprm->filename, strlen(bprm->filename));
	if (!err && bprm->strings_len + rest_len > MAX_ARG_BYTES)
		err = -E2BIG;
	if (!err) {
		memcpy(bprm->strings + bprm->strings_len, strings, rest_len);
		bprm->strings_len += rest_len;
		bprm->argc += arg ? 2 : 1;
		strscpy(bprm->filename, interp, sizeof(bprm->filename));
	}
	kfree(strings);
	close_exec_file(&bprm->file, &bprm->image);
	bprm->head_len = bprm->size = 0;
	return err;
}

/* Only the exec-ing thread is left (and, if that is not it, the zombie leader)? */
static bool other_threads_gone(struct task_struct *tsk)
{
	unsigned long flags;
	bool gone;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (thread_group_leader(tsk))
		gone = tsk->signal->nr_threads == 1;
	else
		gone = tsk->signal->nr_threads == 2 && tsk->group_leader->exit_state;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return gone;
}

/* exit_notify() wakes the exec-ing thread as each of the others goes. */
static int wait_for_other_threads(struct task_struct *tsk)
{
	int ret = 0;

	for (;;) {
		set_current_state(TASK_KILLABLE);
		if (other_threads_gone(tsk))
			break;
		if (fatal_signal_pending(tsk)) {
			ret = -EAGAIN;
			break;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return ret;
}

/*
 * A thread other than the leader execs: it becomes the leader, with the
 * process's pid, parent and children, and the old leader (a zombie by
 * now) is released with the thread's id, as Linux's de_thread().
 */
static void exec_take_over_leader(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader, *child, *n;
	unsigned long flags;
	int tid;

	spin_lock_irqsave(&tasklist_lock, flags);
	tid = tsk->pid;
	tsk->pid = leader->pid;
	leader->pid = tid;
	tsk->exit_signal = SIGCHLD;
	leader->exit_signal = -1;
	tsk->real_parent = leader->real_parent;
	list_add_tail(&tsk->sibling, &leader->sibling);	/* in the leader's place */
	list_del_init(&leader->sibling);
	list_for_each_entry_safe(child, n, &leader->children, sibling) {
		child->real_parent = tsk;
		list_move_tail(&child->sibling, &tsk->children);
	}
	tsk->group_leader = tsk;
	leader->group_leader = tsk;
	leader->exit_state = EXIT_DEAD;
	if (leader->ptrace)
		__ptrace_unlink(leader);	/* released here: its tracer must not keep it */
	spin_lock(&tsk->sighand->siglock);
	if (tsk->signal->curr_target == leader)
		tsk->signal->curr_target = tsk;
	/* An alarm survives exec: its SIGALRM goes to the new leader. */
	if (tsk->signal->real_timer_target == leader)
		WRITE_ONCE(tsk->signal->real_timer_target, tsk);
	list_del_init(&leader->thread_node);
	tsk->signal->nr_threads--;
	spin_unlock(&tsk->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_task_struct(leader);	/* its parent's reference: tsk's own now serves */
}

/*
 * Linux's de_thread(): exec in a multi-threaded process first ends every
 * other thread. Refused (-EAGAIN) if the group is already dying or
 * another thread is exec-ing.
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	spinlock_t *lock = &tsk->sighand->siglock;
	int ret;

	if (thread_group_empty(tsk))
		return 0;
	spin_lock_irq(lock);
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
		spin_unlock_irq(lock);
		return -EAGAIN;
	}
	sig->group_exec_task = tsk;
	zap_other_threads(tsk);
	spin_unlock_irq(lock);
	ret = wait_for_other_threads(tsk);
	if (!ret && !thread_group_leader(tsk))
		exec_take_over_leader(tsk);
	spin_lock_irq(lock);
	sig->group_exec_task = NULL;
	spin_unlock_irq(lock);
	return ret;
}

/* A kernel thread becoming init gets the process state every process has. */
static int exec_new_process_state(struct task_struct *tsk)
{
	unsigned long flags;

	if (tsk->signal)
		return 0;
	if (copy_sighand(0, tsk) || copy_signal(0, tsk))
		return -ENOMEM;
	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&tsk->thread_node, &tsk->signal->thread_head);
	tsk->signal->nr_threads = 1;
	tsk->signal->live = 1;
	if (tsk->pid == 1)
		tsk->signal->flags = SIGNAL_UNKILLABLE;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* /proc/PID/exe's target: the binary's absolute path, symlinks resolved, or NULL. */
static char *exe_abs_path(const char *filename)
{
	struct dentry *dentry;
	char *page, *path, *res = NULL;

	if (kern_path(filename, LOOKUP_FOLLOW, &dentry))
		return NULL;
	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (page) {
		path = dentry_path(dentry, page, PATH_MAX);
		if (!IS_ERR(path))
			res = kstrdup(path, GFP_KERNEL);
		kfree(page);
	}
	dput(dentry);
	return res;
}

static int bprm_execve(struct linux_binprm *bprm)
{
	struct mm_struct *old_mm = current->mm, *mm;
	struct elf64_hdr *eh;
	struct elf_load load = {};
	unsigned long bias, entry;
	const char *base;
	long vdso;
	int err, depth;

	for (depth = 0;; depth++) {
		err = read_image(bprm);
		if (err)
			return err;
		if (bprm->head_len < 2 || memcmp(bprm->image, "#!", 2))
			break;
		if (depth == MAX_INTERP_DEPTH)
			return -ELOOP;
		err = load_script(bprm);
		if (err)
			return err;
	}
	err = check_elf(bprm->image, bprm->head_len, bprm->size, &eh);
	err = err ?: read_elf_interp(bprm, eh);
	if (err)
		return err;
	if (!current->fpu && !(current->fpu = fpu_alloc_init()))
		return -ENOMEM;
	if (exec_new_process_state(current))
		return -ENOMEM;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	mm->exe_path = exe_abs_path(bprm->filename);
	err = de_thread(current);
	if (err) {
		mmput(mm);
		return err;
	}

	/* The point of no return: the old image is gone after this. */
	futex_exec_release(current);	/* Linux's exec_mm_release() */
	task_lock(current);	/* get_task_mm() on another CPU sees one mm or the other */
	current->mm = mm;
	task_unlock(current);
	switch_mm(old_mm, mm, current);
	if (old_mm)
		mmput(old_mm);
	complete_vfork_done(current);
	exit_itimers(current->signal);	/* timers do not survive exec, as Linux */
	/* Root's exec gets the full effective and permitted sets back, as Linux's. */
	current->cap_dropped[0] = current->cap_dropped[1] = 0;
	bias = eh->e_type == ET_DYN ? ELF_ET_DYN_BASE : 0;
	entry = eh->e_entry + bias;
	err = load_segments(bprm->file, bprm->image, eh, bias, &load);
	current->mm->start_code = load.start;
	current->mm->end_code = load.end_code;
	current->mm->start_data = load.start_data;
	current->mm->end_data = load.end_data;
	current->mm->start_brk = current->mm->brk = load.end;
	if (!err && bprm->interp_image)
		err = load_elf_interp(bprm, &entry);
	vdso = err ? 0 : arch_setup_additional_pages(current->mm);
	if (vdso < 0)
		err = vdso;
	bprm->vdso_base = max(vdso, 0L);
	if (!err)
		err = create_elf_tables(bprm, eh, bias, load.phdr);
	if (err) {
		pr_info("%s[%d]: exec of %s failed late (%d)\n", current->comm,
			current->pid, bprm->filename, err);
		force_sig_fault(SIGSEGV, SI_KERNEL, NULL);
		return 0;
	}
	base = strrchr_slash(bprm->filename);
	strscpy(current->comm, base, sizeof(current->comm));
	trace_sched_process_exec(current, current->pid, bprm->filename);
	flush_signal_handlers(current);
	if (current->files)
		do_close_on_exec(current->files);
	flush_thread();
	fpu__clear_user_states(current->fpu);
	x86_fsbase_write_task(current, 0);
	x86_gsbase_write_task(current, 0);
	start_thread(entry, current->mm->start_stack);
	return 0;
}

static int do_execve(const char *filename, const char *const *argv,
		     const char *const *envp, bool user)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	int err, old_pid = current->pid;

	if (!bprm)
		return -ENOMEM;
	bprm->strings = kmalloc(MAX_ARG_BYTES, GFP_KERNEL);
	err = bprm->strings ? 0 : -ENOMEM;
	if (!err && user) {
		long len = strncpy_from_user(bprm->filename, filename, sizeof(bprm->filename));

		err = len < 0 ? len : len == sizeof(bprm->filename) ? -ENAMETOOLONG : 0;
	} else if (!err) {
		strscpy(bprm->filename, filename, sizeof(bprm->filename));
	}
	err = err ?: copy_strings(bprm, argv, user, &bprm->argc);
	err = err ?: copy_strings(bprm, envp, user, &bprm->envc);
	err = err ?: bprm_execve(bprm);
	close_exec_file(&bprm->file, &bprm->image);
	close_exec_file(&bprm->interp_file, &bprm->interp_image);
	kfree(bprm->strings);
	kfree(bprm);
	if (!err && user)
		ptrace_event(PTRACE_EVENT_EXEC, old_pid);
	return err;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	return do_execve(filename, argv, envp, false);
}

SYSCALL_DEFINE3(execve, const char *, filename, const char *const *, argv,
		const char *const *, envp)
{
	return do_execve(filename, argv, envp, true);
}
