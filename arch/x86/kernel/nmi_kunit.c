// SPDX-License-Identifier: MIT
/*
 * KUnit suite "nmi": NMIs that nest through an IRET inside the handler
 * (asm_exc_nmi in entry_64.S).
 *
 * The test's NMI handler sends the next NMI to its own CPU through the
 * ICR and takes an exception with an IRET (a #PF fixed up by the
 * exception table, or an int3 a die notifier claims) before returning.
 * The IRET unblocks NMIs, so the NMI just sent lands inside the running
 * handler, on the same IST stack. Half the runs send before the
 * exception (the NMI is latched and arrives at the IRET), half after it
 * (the NMI arrives at once, in the ICR write).
 *
 * What is asserted, exactly: only one NMI is ever pending (each handler
 * run sends the next one), so the CPU's one-deep latch never has to merge
 * two, and each NMI sent must become exactly one exc_nmi() run: the
 * handler's count and the NMI row of /proc/interrupts both grow by the
 * number sent. The handler is never entered while it runs (a nested NMI
 * only asks for another run), every run sees the same pt_regs (those of
 * the context the first NMI interrupted, kept in the "outermost" frame),
 * and that context resumes with its state intact.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <linux/proc_fs.h>
#include <linux/hardirq.h>
#include <linux/spinlock.h>
#include <kunit/test.h>
#include <asm/kdebug.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/irq_stack.h>
#include <asm/smp.h>
#include <asm/ptrace.h>
#include <asm/processor.h>

#define CHAIN_LEN	500
#define CHAINS		20

static struct {
	unsigned int to_send;		/* NMIs still to send from the handler */
	unsigned int runs;		/* handler runs */
	unsigned int reentered;		/* runs that began inside another run */
	unsigned int regs_differ;	/* runs whose pt_regs differ from the first's */
	unsigned int fixed;		/* exceptions taken and survived inside */
	unsigned int not_in_nmi;
	bool inside, want_int3;
	struct pt_regs first;
} chain;

static void nmi_to_self(void)
{
	apic_send_IPI(read_apic_id(), 0, APIC_DM_NMI);
}

/* An exception whose handler returns with IRET, which unblocks NMIs. */
static void exception_with_iret(bool int3)
{
	unsigned long v;

	if (int3) {
		chain.want_int3 = true;
		asm volatile("int3" ::: "memory");
		chain.fixed += !chain.want_int3;
		return;
	}
	/* The IRQ stack's guard page: never mapped. */
	if (copy_from_kernel_nofault(&v, (void *)(irq_stack_begin(smp_processor_id()) - 8),
				     sizeof(v)) == -EFAULT)
		chain.fixed++;
}

static void chain_step(struct pt_regs *regs)
{
	unsigned int n = chain.runs++;
	bool send = chain.to_send > 0;

	if (!n)
		chain.first = *regs;
	else if (memcmp(regs, &chain.first, sizeof(*regs)))
		chain.regs_differ++;
	if (!in_nmi())
		chain.not_in_nmi++;
	chain.to_send -= send;
	if (send && n % 2 == 0)
		nmi_to_self();
	exception_with_iret(n % 4 >= 2);
	if (send && n % 2 == 1)
		nmi_to_self();
}

static int chain_notify(struct notifier_block *nb, unsigned long val, void *data)
{
	struct die_args *args = data;

	if (val == DIE_INT3 && chain.want_int3 && in_nmi()) {
		chain.want_int3 = false;
		return NOTIFY_STOP;
	}
	if (val != DIE_NMI)
		return NOTIFY_DONE;
	if (chain.inside)
		chain.reentered++;
	chain.inside = true;
	chain_step(args->regs);
	chain.inside = false;
	return NOTIFY_STOP;
}

static struct notifier_block chain_nb = { .notifier_call = chain_notify };

static bool proc_nmi_row_is(unsigned int count)
{
	char row[32];

	snprintf(row, sizeof(row), "NMI: %10u ", count);
	return proc_contains("interrupts", row);
}

/* One chain of @len NMIs: the first sent from here, the rest by the handler. */
static unsigned int run_chain(unsigned int len)
{
	unsigned int i;

	chain.to_send = len - 1;
	chain.runs = 0;
	nmi_to_self();
	/* Every NMI of the chain runs before the one that started it returns. */
	for (i = 0; i < 1000000 && chain.runs < len; i++)
		cpu_relax();
	return chain.runs;
}

static void nested_nmis_each_run_the_handler_once(struct kunit *test)
{
	unsigned int before = this_cpu_read(irq_stat.__nmi_count);
	unsigned long canary = 0x5eed0000UL ^ (unsigned long)test;
	unsigned int c, total = 0;

	memset(&chain, 0, sizeof(chain));
	register_die_notifier(&chain_nb);
	for (c = 0; c < CHAINS; c++) {
		unsigned int runs = run_chain(CHAIN_LEN);

		KUNIT_EXPECT_EQ(test, runs, CHAIN_LEN);
		total += runs;
	}
	unregister_die_notifier(&chain_nb);

	KUNIT_EXPECT_EQ(test, total, CHAINS * CHAIN_LEN);
	KUNIT_EXPECT_EQ(test, this_cpu_read(irq_stat.__nmi_count), before + CHAINS * CHAIN_LEN);
	KUNIT_EXPECT_TRUE(test, proc_nmi_row_is(before + CHAINS * CHAIN_LEN));
	KUNIT_EXPECT_EQ(test, chain.reentered, 0);
	KUNIT_EXPECT_EQ(test, chain.regs_differ, 0);
	KUNIT_EXPECT_EQ(test, chain.not_in_nmi, 0);
	KUNIT_EXPECT_EQ(test, chain.fixed, CHAINS * CHAIN_LEN);
	KUNIT_EXPECT_FALSE(test, in_nmi());
	KUNIT_EXPECT_EQ(test, canary, 0x5eed0000UL ^ (unsigned long)test);
}

static struct kunit_case nmi_test_cases[] = {
	KUNIT_CASE(nested_nmis_each_run_the_handler_once),
	{}
};

static struct kunit_suite nmi_test_suite = {
	.name = "nmi",
	.test_cases = nmi_test_cases,
};
kunit_test_suite(nmi_test_suite);
