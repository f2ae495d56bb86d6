// SPDX-License-Identifier: MIT
/*
 * KUnit suite "irq_stack": hard IRQs and softirqs run on the per-CPU IRQ
 * stack (irq_64.c, asm/irq_stack.h), not on the interrupted task's.
 *
 * The device interrupts here are real: test descriptors are put on free
 * vectors of this CPU, one per priority class, and raised by self-IPI, so
 * they come through asm_common_interrupt like any device's. A handler
 * that re-enables interrupts and raises the next, higher-class vector
 * builds a nest as deep as there are levels. "irq_stack_overflow" (not
 * part of "all") recurses inside a system vector's handler and is
 * expected to end in the #DF report naming the IRQ stack.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/interrupt.h>
#include <linux/irq_work.h>
#include <linux/hardirq.h>
#include <linux/spinlock.h>
#include <linux/kallsyms.h>
#include <linux/proc_fs.h>
#include <kunit/test.h>
#include <asm/hardirq.h>
#include <asm/irq_regs.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irq_stack.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <asm/kdebug.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#define MAX_LEVELS	8
#define TEST_SOFTIRQ	IRQ_POLL_SOFTIRQ
#define PAINT_BYTES	3072
#define PAINT		0x5a5a5a5a5a5a5a5aUL

static struct {
	unsigned int levels;
	unsigned int vector[MAX_LEVELS];
	int irq[MAX_LEVELS];
	unsigned int entered;
	unsigned int off_irq_stack;	/* handler runs with %rsp elsewhere */
	unsigned int softirq_runs, softirq_off_irq_stack;
	unsigned long trace[32];
	unsigned int trace_len;
} nest;

static bool on_irq_stack(unsigned long sp)
{
	unsigned long begin = irq_stack_begin(smp_processor_id());

	return sp >= begin && sp < begin + IRQ_STACK_SIZE;
}

static void nest_ack(struct irq_data *d)
{
	apic_eoi();
}

static void nest_nop(struct irq_data *d)
{
}

static struct irq_chip nest_chip = {
	.name		= "irq-stack-test",
	.irq_ack	= nest_ack,
	.irq_mask	= nest_nop,
	.irq_unmask	= nest_nop,
};

static void test_softirq_action(void)
{
	nest.softirq_runs++;
	if (!on_irq_stack(current_stack_pointer))
		nest.softirq_off_irq_stack++;
}

static irqreturn_t nest_handler(int irq, void *dev)
{
	unsigned int level = (unsigned long)dev, i;

	nest.entered++;
	if (!on_irq_stack(current_stack_pointer))
		nest.off_irq_stack++;
	if (level + 1 == nest.levels) {
		nest.trace_len = stack_trace_save(nest.trace, ARRAY_SIZE(nest.trace), 0);
		raise_softirq_irqoff(TEST_SOFTIRQ);
		return IRQ_HANDLED;
	}
	local_irq_enable();
	apic->send_IPI_self(nest.vector[level + 1]);
	/* The next level interrupts this loop and has returned once entered shows it. */
	for (i = 0; i < 1000000 && nest.entered <= level + 1; i++)
		cpu_relax();
	local_irq_disable();
	return IRQ_HANDLED;
}

/* A free vector in each priority class from 0x3x up, levels deep. */
static int nest_setup(struct kunit *test, unsigned int levels)
{
	unsigned int class, v, n = 0;

	memset(&nest, 0, sizeof(nest));
	for (class = 3; n < levels && class < FIRST_SYSTEM_VECTOR >> 4; class++) {
		for (v = class << 4; v < (class + 1) << 4 && v < FIRST_SYSTEM_VECTOR; v++)
			if (v != IA32_SYSCALL_VECTOR && vector_irq_read(v) == VECTOR_UNUSED)
				break;
		if (v == (class + 1) << 4 || v >= FIRST_SYSTEM_VECTOR)
			continue;
		nest.irq[n] = irq_alloc_desc(NUMA_NO_NODE);
		if (nest.irq[n] <= 0)
			return -ENOMEM;
		irq_set_chip_and_handler_name(nest.irq[n], &nest_chip, handle_edge_irq, "edge");
		if (request_irq(nest.irq[n], nest_handler, 0, "irq-stack-test",
				(void *)(unsigned long)n))
			return -EBUSY;
		nest.vector[n] = v;
		this_cpu_ptr(&vector_irq)[0][v] = irq_to_desc(nest.irq[n]);
		n++;
	}
	nest.levels = n;
	open_softirq(TEST_SOFTIRQ, test_softirq_action);
	return n == levels ? 0 : -ENOSPC;
}

static void nest_teardown(void)
{
	unsigned int n;

	for (n = 0; n < MAX_LEVELS; n++) {
		if (nest.irq[n] <= 0)
			continue;
		if (nest.vector[n])
			this_cpu_ptr(&vector_irq)[0][nest.vector[n]] = VECTOR_UNUSED;
		free_irq(nest.irq[n], (void *)(unsigned long)n);
		irq_free_desc(nest.irq[n]);
	}
	local_irq_disable();
	set_softirq_pending(local_softirq_pending() & ~(1U << TEST_SOFTIRQ));
	open_softirq(TEST_SOFTIRQ, NULL);
	local_irq_enable();
}

/*
 * With the first level's vector pending and interrupts off: paint the
 * PAINT_BYTES below the stack pointer, open a one-instruction window for
 * the interrupt, and return how deep into the paint the interrupt wrote.
 * Nothing else of this function uses the stack below its frame.
 */
static noinline unsigned long take_interrupt_measure_task_stack(void)
{
	unsigned long sp, *p, *lo;

	asm volatile("movq	%%rsp, %[sp]\n\t"
		     "leaq	-%c[bytes](%%rsp), %%rdi\n\t"
		     "movl	%[words], %%ecx\n\t"
		     "rep stosq\n\t"
		     "sti\n\t"
		     "nop\n\t"
		     "cli\n\t"
		     : [sp] "=&r"(sp)
		     : "a"(PAINT), [bytes] "i"(PAINT_BYTES), [words] "i"(PAINT_BYTES / 8)
		     : "rdi", "rcx", "memory", "cc");
	lo = (unsigned long *)(sp - PAINT_BYTES);
	for (p = lo; p < (unsigned long *)sp && *p == PAINT; p++)
		;
	return sp - (unsigned long)p;
}

/*
 * Runs a nest of nest.levels; returns the task stack it took, or 0 if it
 * never ran. Preemption is off: an exit into preempt_schedule_irq()
 * would use the task stack too.
 */
static unsigned long run_nest(void)
{
	unsigned long depth = 0;
	int attempt, i;

	preempt_disable();
	/* A higher-priority interrupt can take the window instead: try again. */
	for (attempt = 0; attempt < 10 && nest.entered < nest.levels; attempt++) {
		nest.entered = 0;
		local_irq_disable();
		apic->send_IPI_self(nest.vector[0]);
		for (i = 0; i < 100000 && !apic_read_irr(nest.vector[0]); i++)
			cpu_relax();
		depth = take_interrupt_measure_task_stack();
		local_irq_enable();
	}
	preempt_enable();
	return nest.entered == nest.levels ? depth : 0;
}

static void device_interrupt_nest_leaves_task_stack_depth_unchanged(struct kunit *test)
{
	unsigned long one, deep;

	KUNIT_ASSERT_EQ(test, nest_setup(test, 1), 0);
	one = run_nest();
	nest_teardown();
	KUNIT_ASSERT_EQ(test, nest_setup(test, MAX_LEVELS), 0);
	deep = run_nest();

	KUNIT_EXPECT_EQ(test, nest.entered, MAX_LEVELS);
	KUNIT_EXPECT_EQ(test, nest.off_irq_stack, 0);
	KUNIT_EXPECT_GT(test, one, 0);
	KUNIT_EXPECT_LT(test, one, 512);
	KUNIT_EXPECT_EQ(test, deep, one);
	pr_info("irq_stack: task stack used by 1 interrupt: %lu bytes, by a nest of %d: %lu\n",
		one, MAX_LEVELS, deep);
	/* The softirq raised at the deepest level ran on the outermost exit. */
	KUNIT_EXPECT_EQ(test, nest.softirq_runs, 1);
	KUNIT_EXPECT_EQ(test, nest.softirq_off_irq_stack, 0);
	nest_teardown();
}

static bool trace_has(const char *name)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i;

	for (i = 0; i < nest.trace_len; i++) {
		sprint_symbol_no_offset(sym, nest.trace[i]);
		if (!strcmp(sym, name))
			return true;
	}
	return false;
}

/* From the IRQ stack the walk reaches the task's frames below the interrupt. */
static void unwinder_walks_from_irq_stack_to_task_stack(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, nest_setup(test, 2), 0);
	KUNIT_EXPECT_GT(test, run_nest(), 0);
	KUNIT_EXPECT_TRUE(test, trace_has("nest_handler"));
	KUNIT_EXPECT_TRUE(test, trace_has("__common_interrupt"));
	KUNIT_EXPECT_TRUE(test, trace_has("common_interrupt"));
	KUNIT_EXPECT_TRUE(test, trace_has("asm_common_interrupt"));
	KUNIT_EXPECT_TRUE(test, trace_has("take_interrupt_measure_task_stack"));
	KUNIT_EXPECT_TRUE(test, trace_has("unwinder_walks_from_irq_stack_to_task_stack"));
	KUNIT_EXPECT_TRUE(test, trace_has("kunit_run_suites"));
	nest_teardown();
}

static volatile unsigned long sysvec_sp;
static volatile bool sysvec_in_hardirq;

static void record_sp(struct irq_work *work)
{
	sysvec_sp = current_stack_pointer;
	sysvec_in_hardirq = in_hardirq();
}

static void system_vector_runs_on_the_irq_stack(struct kunit *test)
{
	static struct irq_work work = IRQ_WORK_INIT(record_sp);
	int i;

	sysvec_sp = 0;
	KUNIT_ASSERT_TRUE(test, irq_work_queue(&work));
	for (i = 0; i < 1000000 && !sysvec_sp; i++)
		cpu_relax();
	KUNIT_EXPECT_TRUE(test, sysvec_in_hardirq);
	KUNIT_EXPECT_TRUE(test, on_irq_stack(sysvec_sp));
	KUNIT_EXPECT_FALSE(test, this_cpu_read(hardirq_stack_inuse));
}

/* local_bh_enable() in a task runs what was raised meanwhile, on the IRQ stack. */
static void softirq_from_task_runs_on_the_irq_stack(struct kunit *test)
{
	memset(&nest, 0, sizeof(nest));
	open_softirq(TEST_SOFTIRQ, test_softirq_action);
	local_bh_disable();
	raise_softirq(TEST_SOFTIRQ);
	KUNIT_EXPECT_EQ(test, nest.softirq_runs, 0);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, nest.softirq_runs, 1);
	KUNIT_EXPECT_EQ(test, nest.softirq_off_irq_stack, 0);
	KUNIT_EXPECT_FALSE(test, on_irq_stack(current_stack_pointer));
	KUNIT_EXPECT_FALSE(test, this_cpu_read(hardirq_stack_inuse));
	nest_teardown();
}

static void every_possible_cpu_has_an_irq_stack(struct kunit *test)
{
	unsigned int cpu;
	enum pg_level level;

	for_each_possible_cpu(cpu) {
		unsigned long begin;
		pteval_t *pte;

		KUNIT_ASSERT_NOT_NULL(test, per_cpu(hardirq_stack_ptr, cpu));
		begin = irq_stack_begin(cpu);
		KUNIT_EXPECT_EQ(test, begin % PAGE_SIZE, 0);
		pte = lookup_address(begin - PAGE_SIZE, &level);
		KUNIT_EXPECT_TRUE(test, !pte || !(*pte & _PAGE_PRESENT));
		pte = lookup_address(begin, &level);
		KUNIT_EXPECT_TRUE(test, pte && (*pte & _PAGE_PRESENT));
	}
}

/*
 * A system vector without a handler of its own comes through the same
 * wrapper as device interrupts (DEFINE_IDTENTRY_IRQ): counted in SPU,
 * EOIed since it was a fixed interrupt, irq_regs and the IRQ stack left
 * as they were.
 */
static void spurious_vector_counts_in_the_spu_row(struct kunit *test)
{
	unsigned int spu0 = this_cpu_read(irq_stat.irq_spurious_count), i;
	char row[32];

	apic->send_IPI_self(HYPERVISOR_CALLBACK_VECTOR);
	for (i = 0; i < 1000000 && this_cpu_read(irq_stat.irq_spurious_count) == spu0; i++)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, this_cpu_read(irq_stat.irq_spurious_count), spu0 + 1);
	snprintf(row, sizeof(row), "SPU: %10u ", spu0 + 1);
	KUNIT_EXPECT_TRUE(test, proc_contains("interrupts", row));
	KUNIT_EXPECT_FALSE(test, apic_vector_in_service(HYPERVISOR_CALLBACK_VECTOR));
	KUNIT_EXPECT_NULL(test, get_irq_regs());
	KUNIT_EXPECT_FALSE(test, this_cpu_read(hardirq_stack_inuse));
	KUNIT_EXPECT_FALSE(test, in_interrupt());
}

static struct kunit_case irq_stack_test_cases[] = {
	KUNIT_CASE(every_possible_cpu_has_an_irq_stack),
	KUNIT_CASE(device_interrupt_nest_leaves_task_stack_depth_unchanged),
	KUNIT_CASE(unwinder_walks_from_irq_stack_to_task_stack),
	KUNIT_CASE(system_vector_runs_on_the_irq_stack),
	KUNIT_CASE(softirq_from_task_runs_on_the_irq_stack),
	KUNIT_CASE(spurious_vector_counts_in_the_spu_row),
	{}
};

static struct kunit_suite irq_stack_test_suite = {
	.name = "irq_stack",
	.test_cases = irq_stack_test_cases,
};
kunit_test_suite(irq_stack_test_suite);

/* traps_kunit.c: recurses until the stack's guard page stops it. */
int recurse_forever(int depth);

static void recurse_in_hardirq(struct irq_work *work)
{
	recurse_forever(0);
}

static void irq_stack_overflow_hits_guard_page(struct kunit *test)
{
	static struct irq_work work = IRQ_WORK_INIT(recurse_in_hardirq);
	int i;

	irq_work_queue(&work);
	for (i = 0; i < 1000000; i++)
		cpu_relax();
	KUNIT_FAIL(test, "the recursion on the IRQ stack returned");
}

static struct kunit_case irq_stack_overflow_cases[] = {
	KUNIT_CASE(irq_stack_overflow_hits_guard_page),
	{}
};

/* Not part of "all": it ends in a panic by design. */
static struct kunit_suite irq_stack_overflow_suite = {
	.name = "irq_stack_overflow",
	.test_cases = irq_stack_overflow_cases,
	.explicit_only = true,
};
kunit_test_suite(irq_stack_overflow_suite);
