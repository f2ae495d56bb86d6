// SPDX-License-Identifier: MIT
/*
 * Oops reports and stack traces, in the format Linux prints so that the
 * same eyes and scripts read both. The unwinder follows the frame-pointer
 * chain; a frame pointer with bit 0 set is an entry's encoded pt_regs
 * (see entry_64.S), whose RIP is printed before the walk continues in
 * the interrupted context, and a chain on the IRQ stack continues on the
 * stack the interrupt came from. Every read of the stack is fault-tolerant.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <asm/kdebug.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <linux/signal.h>
#include <linux/preempt.h>
#include <asm/page.h>
#include <asm/bootinfo.h>
#include <asm/irq_stack.h>
#include <asm/stacktrace.h>

#define STACK_TRACE_MAX	32

DECLARE_PER_CPU(unsigned long, cpu_current_top_of_stack);

static int die_counter;
static struct notifier_block *die_chain;

int register_die_notifier(struct notifier_block *nb)
{
	nb->next = die_chain;
	die_chain = nb;
	return 0;
}

int unregister_die_notifier(struct notifier_block *nb)
{
	struct notifier_block **p;

	for (p = &die_chain; *p; p = &(*p)->next)
		if (*p == nb) {
			*p = nb->next;
			return 0;
		}
	return -ENOENT;
}

int notify_die(enum die_val val, const char *str, struct pt_regs *regs,
	       long err, int trapnr)
{
	struct die_args args = { regs, str, err, trapnr };
	struct notifier_block *nb;

	for (nb = die_chain; nb; nb = nb->next)
		if (nb->notifier_call(nb, val, &args) & NOTIFY_STOP)
			return NOTIFY_STOP;
	return NOTIFY_DONE;
}

static bool kernel_text_address(unsigned long addr)
{
	extern char _stext[], _etext[];

	return addr >= (unsigned long)_stext && addr < (unsigned long)_etext;
}

static void print_trace_address(unsigned long addr, bool reliable)
{
	printk(KERN_DEFAULT " %s%pS\n", reliable ? "" : "? ", (void *)addr);
}

/* This CPU's stacks: the current task's and the IRQ stack. */
bool get_stack_info(unsigned long addr, struct stack_info *info)
{
	unsigned long top = this_cpu_read(cpu_current_top_of_stack);
	unsigned long irq = this_cpu_read(hardirq_stack_ptr) ?
			    irq_stack_begin(smp_processor_id()) : 0;

	if (top && addr >= top - THREAD_SIZE && addr < top) {
		*info = (struct stack_info){ STACK_TYPE_TASK, top - THREAD_SIZE, top };
		return true;
	}
	if (irq && addr >= irq && addr < irq + IRQ_STACK_SIZE) {
		*info = (struct stack_info){ STACK_TYPE_IRQ, irq, irq + IRQ_STACK_SIZE };
		return true;
	}
	*info = (struct stack_info){ STACK_TYPE_UNKNOWN, 0, 0 };
	return false;
}

/* @addr is in the guard page just below one of this CPU's stacks. */
bool get_stack_guard_info(unsigned long addr, struct stack_info *info)
{
	if (get_stack_info(addr, info))
		return false;
	return get_stack_info(addr + PAGE_SIZE, info);
}

const char *stack_type_name(enum stack_type type)
{
	return type == STACK_TYPE_IRQ ? "IRQ" : type == STACK_TYPE_TASK ? "TASK" : "UNKNOWN";
}

/*
 * The next frame must be further up the same stack, or on another stack
 * this walk has not been on yet: an interrupt's frames on the IRQ stack
 * lead back to the task stack it interrupted, never the other way.
 * Frames on no known stack (the IST stacks) only have to go up.
 */
static bool next_frame_ok(unsigned long bp, unsigned long next, struct stack_info *info,
			  unsigned long *visited)
{
	if (info->type != STACK_TYPE_UNKNOWN && next >= info->begin && next < info->end)
		return next > bp;
	if (!get_stack_info(next, info))
		return next > bp;
	if (*visited & (1UL << info->type))
		return false;
	*visited |= 1UL << info->type;
	return true;
}

/*
 * Walk the frame-pointer chain from bp, calling fn(addr, type, data) for
 * every return address (and every interrupted RIP found through a
 * pt_regs marker), type being the stack the frame is on, until fn
 * returns false or the chain ends.
 */
typedef bool (*stack_fn)(unsigned long addr, enum stack_type type, void *data);

static void walk_stack(unsigned long bp, stack_fn fn, void *data)
{
	struct stack_info info, here;
	unsigned long visited = 0;
	int depth;

	if (get_stack_info(bp, &info))
		visited = 1UL << info.type;
	for (depth = 0; bp && depth < STACK_TRACE_MAX; depth++) {
		unsigned long frame[2];

		get_stack_info(bp & ~1UL, &here);
		if (bp & 1) {
			struct pt_regs regs;

			if (copy_from_kernel_nofault(&regs, (void *)(bp & ~1UL), sizeof(regs)))
				break;
			if (user_mode(&regs) || !fn(regs.ip, here.type, data))
				break;
			bp = regs.bp;
			/* The interrupted context: whatever stack it was on. */
			if (get_stack_info(bp, &info))
				visited |= 1UL << info.type;
			continue;
		}
		if (copy_from_kernel_nofault(frame, (void *)bp, sizeof(frame)))
			break;
		if (!kernel_text_address(frame[1]) || !fn(frame[1], here.type, data))
			break;
		if (frame[0] && !next_frame_ok(bp, frame[0] & ~1UL, &info, &visited))
			break;
		bp = frame[0];
	}
}

/* Linux's " <IRQ>" ... " </IRQ>" around the frames of each known stack. */
static void print_stack_tag(enum stack_type type, bool end)
{
	if (type != STACK_TYPE_UNKNOWN)
		printk(KERN_DEFAULT " <%s%s>\n", end ? "/" : "", stack_type_name(type));
}

static bool print_one(unsigned long addr, enum stack_type type, void *data)
{
	enum stack_type *shown = data;

	if (type != *shown) {
		print_stack_tag(*shown, true);
		print_stack_tag(type, false);
		*shown = type;
	}
	print_trace_address(addr, true);
	return true;
}

void show_stack(unsigned long bp)
{
	enum stack_type shown = STACK_TYPE_UNKNOWN;

	printk(KERN_DEFAULT "Call Trace:\n");
	walk_stack(bp, print_one, &shown);
	print_stack_tag(shown, true);
}

struct stack_trace_data {
	unsigned long *store;
	unsigned int size, len, skip;
};

static bool save_one(unsigned long addr, enum stack_type type, void *data)
{
	struct stack_trace_data *d = data;

	if (d->skip) {
		d->skip--;
		return true;
	}
	d->store[d->len++] = addr;
	return d->len < d->size;
}

/*
 * The caller's stack as return addresses, innermost first (Linux's
 * stack_trace_save()); skipnr drops that many innermost entries.
 */
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr)
{
	struct stack_trace_data d = { store, size, 0, skipnr };

	if (size)
		walk_stack((unsigned long)__builtin_frame_address(0), save_one, &d);
	return d.len;
}

unsigned int stack_trace_save_bp(unsigned long *store, unsigned int size, unsigned long bp)
{
	struct stack_trace_data d = { store, size, 0, 0 };

	if (size && bp)
		walk_stack(bp, save_one, &d);
	return d.len;
}

/* The task the report is about: current, which early in boot is swapper/0. */
static void print_task_line(void)
{
	struct task_struct *tsk = current;

	printk(KERN_DEFAULT "CPU: %d PID: %d Comm: %s\n", smp_processor_id(),
	       tsk ? tsk->pid : 0, tsk ? tsk->comm : "swapper");
}

void dump_stack(void)
{
	print_task_line();
	show_stack((unsigned long)__builtin_frame_address(0));
}

/* The bytes around RIP; a user RIP's are read as the user would read them. */
static long copy_code(struct pt_regs *regs, u8 *code, unsigned long from, size_t size)
{
	if (user_mode(regs))
		return copy_from_user(code, (void *)from, size) ? -EFAULT : 0;
	return copy_from_kernel_nofault(code, (void *)from, size);
}

static void show_code(struct pt_regs *regs)
{
	u8 code[64];
	int i, before = 42;

	if (copy_code(regs, code, regs->ip - before, sizeof(code))) {
		printk(KERN_DEFAULT "Code: Unable to access opcode bytes at 0x%lx.\n",
		       regs->ip - before);
		return;
	}
	printk(KERN_DEFAULT "Code:");
	for (i = 0; i < (int)sizeof(code); i++) {
		if (i == before)
			pr_cont(" <%02x>", code[i]);
		else
			pr_cont(" %02x", code[i]);
	}
	pr_cont("\n");
}

void show_regs(struct pt_regs *regs)
{
	printk(KERN_DEFAULT "RIP: %04lx:%pS\n", regs->cs & 0xffff, (void *)regs->ip);
	show_code(regs);
	printk(KERN_DEFAULT "RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss & 0xffff,
	       regs->sp, regs->flags);
	printk(KERN_DEFAULT "RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->ax, regs->bx, regs->cx);
	printk(KERN_DEFAULT "RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->dx, regs->si, regs->di);
	printk(KERN_DEFAULT "RBP: %016lx R08: %016lx R09: %016lx\n", regs->bp, regs->r8, regs->r9);
	printk(KERN_DEFAULT "R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk(KERN_DEFAULT "R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	printk(KERN_DEFAULT "FS:  %016llx GS:  %016llx KernelGS: %016llx\n",
	       rdmsr(MSR_FS_BASE), rdmsr(MSR_GS_BASE), rdmsr(MSR_KERNEL_GS_BASE));
	printk(KERN_DEFAULT "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/*
 * An oops report, then the die notifiers: true when one took the oops
 * over (the in-kernel tests survive expected oopses so). A user-mode
 * context has no kernel stack worth walking.
 */
bool __die(const char *str, struct pt_regs *regs, long err, int trapnr)
{
	oops_in_progress++;
	printk(KERN_EMERG "Oops: %s: %04lx [#%d] SMP NOPTI\n", str, err & 0xffff,
	       ++die_counter);
	print_task_line();
	show_regs(regs);
	if (!user_mode(regs))
		show_stack(regs->bp);
	oops_in_progress--;
	return notify_die(DIE_OOPS, str, regs, err, trapnr) == NOTIFY_STOP;
}

/*
 * After the report (signr 0: a notifier took the oops over). In
 * interrupt context there is no task to blame, and oops=panic asks for
 * the machine; otherwise only the task that oopsed dies, of signr, on a
 * fresh stack: the one it oopsed on may be an IST stack or nearly spent.
 */
void oops_end(struct pt_regs *regs, int signr)
{
	if (!signr)
		return;
	if (in_interrupt())
		panic("Fatal exception in interrupt");
	if (panic_on_oops)
		panic("Fatal exception");
	rewind_stack_and_make_dead(signr);
}

void die_trap(const char *str, struct pt_regs *regs, long err, int trapnr)
{
	oops_end(regs, __die(str, regs, err, trapnr) ? 0 : SIGSEGV);
}

void die(const char *str, struct pt_regs *regs, long err)
{
	die_trap(str, regs, err, -1);
}
