// SPDX-License-Identifier: MIT
/*
 * TLB shootdown seen from user space. Two tasks share one address space
 * (a raw clone(CLONE_VM | SIGCHLD) with a stack of its own), pinned to
 * different CPUs with sched_setaffinity() when the kernel has it: the
 * child keeps touching a page so its CPU caches the translation, stops,
 * the parent munmaps (or mprotects PROT_READ) the page, and the child's
 * next access must fault: exactly one SIGSEGV at that address. Without a
 * shootdown the child's CPU would still reach the page through its stale
 * TLB entry. With fork() and MAP_SHARED instead, only the process that
 * munmaps loses the page; the other keeps reading it.
 *
 * Where sched_setaffinity() is missing (ENOSYS) or a second CPU is not
 * there, the tasks run unpinned and a "#" line says so.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include "ktap.h"
#include "sys.h"

#define NR_sched_setaffinity	203
#define CHILD_STACK_SIZE	(64 * 1024)

/* Where the probe resumes after a fault, and what the faults were. */
static volatile unsigned long resume_rip;
static volatile int segv_count;
static volatile unsigned long segv_addr;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	segv_count++;
	segv_addr = (unsigned long)si->si_addr;
	uc->uc_mcontext.gregs[REG_RIP] = resume_rip;
}

/* *p, or @missing when the read faulted. */
static long probe_read(volatile long *p, long missing)
{
	long v = missing;

	__asm__ volatile("lea 1f(%%rip), %%rcx\n\t"
			 "mov %%rcx, %[resume]\n\t"
			 "mov (%[p]), %[v]\n"
			 "1:"
			 : [v] "+r"(v), [resume] "=m"(resume_rip)
			 : [p] "r"(p)
			 : "rcx", "memory");
	return v;
}

/* *p = v; a fault skips the store. */
static void probe_write(volatile long *p, long v)
{
	__asm__ volatile("lea 1f(%%rip), %%rcx\n\t"
			 "mov %%rcx, %[resume]\n\t"
			 "mov %[v], (%[p])\n"
			 "1:"
			 : [resume] "=m"(resume_rip)
			 : [p] "r"(p), [v] "r"(v)
			 : "rcx", "memory");
}

static void catch_segv(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	segv_count = 0;
	segv_addr = 0;
}

/* 0, or the kernel's -errno. */
static long pin_to_cpu(int cpu)
{
	unsigned long mask = 1UL << cpu;

	return sys3(NR_sched_setaffinity, 0, sizeof(mask), &mask);
}

/* The protocol between the two tasks, in memory both see. */
struct handshake {
	volatile int child_pinned;	/* 0 pinned, else -errno */
	volatile int stop_touching;	/* parent: stop using the page now */
	volatile int stopped;		/* child: not touching it any more */
	volatile int go;		/* parent: the page is changed, try it */
	volatile int child_segv;	/* SIGSEGVs the child took */
	volatile unsigned long child_segv_addr;
	volatile long child_val;	/* what the child read */
};

static void wait_for(volatile int *flag)
{
	while (!*flag)
		sys0(SYS_sched_yield);
}

/* Say once per case whether the two tasks were on two CPUs. */
static void report_pinning(long parent, long child)
{
	if (!parent && !child)
		ktap_diag("parent pinned to CPU 0, child to CPU 1");
	else
		ktap_diag("running unpinned (sched_setaffinity: parent %ld, child %ld)",
			  parent, child);
}

/* Shared by the CLONE_VM pair: the same variables in the same mm. */
static struct handshake hs;
static volatile long *shared_page;
static int child_writes;	/* the child keeps the page dirty (mprotect case) */
static int child_reads_twice;	/* the child's read faults too (PROT_NONE case) */

static int vm_child(void)
{
	hs.child_pinned = pin_to_cpu(1);
	while (!hs.stop_touching) {
		if (child_writes)
			*shared_page = 7;
		else
			(void)*shared_page;
	}
	hs.stopped = 1;
	wait_for(&hs.go);
	if (child_writes)
		probe_write(shared_page, 8);
	hs.child_val = probe_read(shared_page, -1);
	if (child_reads_twice)
		hs.child_val = probe_read(shared_page, -1);
	hs.child_segv = segv_count;
	hs.child_segv_addr = segv_addr;
	return 0;
}

/* Start the CLONE_VM child and let it touch the page until told to stop. */
static long start_vm_child(void **stack)
{
	long pid, parent_pin;

	memset((void *)&hs, 0, sizeof(hs));
	catch_segv();
	*stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(*stack != MAP_FAILED, "child stack"))
		return -1;
	parent_pin = pin_to_cpu(0);
	hs.child_pinned = 1;
	pid = clone_vm_top(vm_child, (char *)*stack + CHILD_STACK_SIZE, 0);
	if (!EXPECT(pid > 0, "clone(CLONE_VM) returned %ld", pid))
		return -1;
	while (hs.child_pinned == 1)
		sys0(SYS_sched_yield);
	report_pinning(parent_pin, hs.child_pinned);
	hs.stop_touching = 1;
	wait_for(&hs.stopped);
	return pid;
}

static void finish_vm_child(long pid, void *stack)
{
	int status = 0;

	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	munmap(stack, CHILD_STACK_SIZE);
}

/* munmap() in one task: the other task's next read is one SIGSEGV. */
static void clone_vm_munmap_faults_in_other_task(void)
{
	void *stack;
	long pid;

	shared_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(shared_page != MAP_FAILED, "mmap"))
		return;
	*shared_page = 5;
	child_writes = 0;
	child_reads_twice = 0;
	pid = start_vm_child(&stack);
	if (pid < 0)
		return;
	EXPECT(munmap((void *)shared_page, 4096) == 0, "munmap");
	hs.go = 1;
	finish_vm_child(pid, stack);
	EXPECT(hs.child_segv == 1, "the child took %d SIGSEGVs", hs.child_segv);
	EXPECT(hs.child_segv_addr == (unsigned long)shared_page, "si_addr %#lx, page %p",
	       hs.child_segv_addr, (void *)shared_page);
	EXPECT(hs.child_val == -1, "the child read %ld from an unmapped page", hs.child_val);
	/* segv_count is shared too: the child's one fault, and none of the parent's. */
	EXPECT(segv_count == 1, "%d SIGSEGVs in the shared address space", segv_count);
}

/* mprotect(PROT_READ) in one task: the other's write faults once, its read works. */
static void clone_vm_mprotect_read_only_faults_writes_in_other_task(void)
{
	void *stack;
	long pid;

	shared_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(shared_page != MAP_FAILED, "mmap"))
		return;
	child_writes = 1;
	child_reads_twice = 0;
	pid = start_vm_child(&stack);
	if (pid < 0)
		return;
	EXPECT(mprotect((void *)shared_page, 4096, PROT_READ) == 0, "mprotect");
	hs.go = 1;
	finish_vm_child(pid, stack);
	EXPECT(hs.child_segv == 1, "the child took %d SIGSEGVs", hs.child_segv);
	EXPECT(hs.child_segv_addr == (unsigned long)shared_page, "si_addr %#lx, page %p",
	       hs.child_segv_addr, (void *)shared_page);
	EXPECT(hs.child_val == 7, "the child read %ld, not its last write 7", hs.child_val);
	EXPECT(*shared_page == 7, "the page holds %ld", *shared_page);
	munmap((void *)shared_page, 4096);
}

/* mprotect(PROT_NONE) in one task: the other's reads fault, each once, and the data stays. */
static void clone_vm_mprotect_none_faults_reads_in_other_task(void)
{
	void *stack;
	long pid;

	shared_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(shared_page != MAP_FAILED, "mmap"))
		return;
	*shared_page = 6;
	child_writes = 0;
	child_reads_twice = 1;
	pid = start_vm_child(&stack);
	if (pid < 0)
		return;
	EXPECT(mprotect((void *)shared_page, 4096, PROT_NONE) == 0, "mprotect");
	hs.go = 1;
	finish_vm_child(pid, stack);
	EXPECT(hs.child_segv == 2, "the child took %d SIGSEGVs", hs.child_segv);
	EXPECT(hs.child_segv_addr == (unsigned long)shared_page, "si_addr %#lx, page %p",
	       hs.child_segv_addr, (void *)shared_page);
	EXPECT(hs.child_val == -1, "the child read %ld through PROT_NONE", hs.child_val);
	EXPECT(mprotect((void *)shared_page, 4096, PROT_READ) == 0, "mprotect back");
	EXPECT(probe_read(shared_page, -1) == 6, "the page after PROT_NONE and back");
	munmap((void *)shared_page, 4096);
}

/*
 * fork() with MAP_SHARED: both processes map the same page; the one that
 * munmaps it loses it (one SIGSEGV), the other still reads what both wrote.
 */
static void fork_map_shared_munmap_only_unmaps_caller(void)
{
	struct handshake *h = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile long *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long parent_pin, pid, v;
	int status = 0;

	if (!EXPECT(h != MAP_FAILED && page != MAP_FAILED, "mmap(MAP_SHARED)"))
		return;
	catch_segv();
	*page = 42;
	h->child_pinned = 1;
	parent_pin = pin_to_cpu(0);
	pid = fork();
	if (pid == 0) {
		h->child_pinned = pin_to_cpu(1);
		*page = 43;			/* the parent must see this */
		while (!h->stop_touching)
			(void)*page;
		h->stopped = 1;
		wait_for(&h->go);
		h->child_val = probe_read(page, -1);
		h->child_segv = segv_count;
		_exit(0);
	}
	if (!EXPECT(pid > 0, "fork"))
		return;
	while (h->child_pinned == 1)
		sys0(SYS_sched_yield);
	report_pinning(parent_pin, h->child_pinned);
	h->stop_touching = 1;
	wait_for(&h->stopped);
	EXPECT(*page == 43, "the parent reads %ld, not the child's 43", *page);
	EXPECT(munmap((void *)page, 4096) == 0, "munmap");
	h->go = 1;
	v = probe_read(page, -1);
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	EXPECT(segv_count == 1, "the parent took %d SIGSEGVs", segv_count);
	EXPECT(segv_addr == (unsigned long)page, "si_addr %#lx, page %p", segv_addr, (void *)page);
	EXPECT(v == -1, "the parent read %ld from its unmapped page", v);
	EXPECT(h->child_segv == 0, "the child took %d SIGSEGVs", h->child_segv);
	EXPECT(h->child_val == 43, "the child read %ld, not 43", h->child_val);
	munmap(h, 4096);
}

static char *const sh_argv[] = { "sh", "-c", "exit 7", NULL };

static int exec_child(void)
{
	sys3(SYS_execve, "/bin/sh", sh_argv, NULL);
	return 100;
}

/*
 * execve() in one of two tasks sharing an mm gives it a new one and leaves
 * the old to the other, whole: the parent's memory is intact afterwards.
 */
static void clone_vm_execve_leaves_the_mm_to_the_other(void)
{
	void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile long *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status = 0;
	long pid;

	if (!EXPECT(stack != MAP_FAILED && page != MAP_FAILED, "mmap"))
		return;
	catch_segv();
	*page = 9;
	pid = clone_vm_top(exec_child, (char *)stack + CHILD_STACK_SIZE, 0);
	if (!EXPECT(pid > 0, "clone(CLONE_VM) returned %ld", pid))
		return;
	EXPECT(waitpid(pid, &status, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	       "status %#x (exit 7 from sh, 100: execve failed)", status);
	EXPECT(probe_read(page, -1) == 9, "the page after the child's exec");
	probe_write(page, 10);
	EXPECT(*page == 10 && segv_count == 0, "%d SIGSEGVs", segv_count);
	munmap((void *)page, 4096);
	munmap(stack, CHILD_STACK_SIZE);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(clone_vm_munmap_faults_in_other_task),
	KTAP_CASE(clone_vm_mprotect_read_only_faults_writes_in_other_task),
	KTAP_CASE(clone_vm_mprotect_none_faults_reads_in_other_task),
	KTAP_CASE(fork_map_shared_munmap_only_unmaps_caller),
	KTAP_CASE(clone_vm_execve_leaves_the_mm_to_the_other),
};

int main(int argc, char **argv)
{
	return ktap_run(argv[0], cases, KTAP_COUNT(cases));
}
