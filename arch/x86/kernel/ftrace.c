// SPDX-License-Identifier: MIT
/*
 * Patching the function tracer's sites, and the text poking it needs.
 *
 * Kernel text is mapped read-only and executable, and its direct-map
 * alias read-only (W^X): text_poke() writes through a private alias of
 * the two pages the bytes are on, mapped writable for the moment of the
 * write on the writing CPU alone (interrupts off, the alias unmapped and
 * its TLB entries dropped before they come back on). All pokes are made
 * under ftrace_lock, so the one alias is never used by two CPUs at once.
 *
 * A site another CPU may be executing cannot be rewritten in one store:
 * a CPU could fetch half of the old instruction and half of the new. So
 * each change goes in three steps, each followed by a serialising IPI
 * to every CPU (as Linux's text_poke_bp()):
 *
 *   1. an int3 over the first byte: a CPU reaching the site now traps,
 *      and ftrace_int3_handler() steps over the whole site;
 *   2. the last four bytes of the new instruction, behind the int3;
 *   3. the first byte of the new instruction, replacing the int3.
 *
 * A call made during the change may so miss the tracer; none runs half
 * an instruction. The three steps are made for every changing site at
 * once, so enabling a thousand sites costs three rounds of IPIs. Under
 * QEMU a fourth, unsynchronised pass writes the final bytes again
 * (text_poke_flush_stale()).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <linux/irqflags.h>
#include <linux/ftrace.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

#define INT3_INSN_OPCODE	0xcc
#define CALL_INSN_OPCODE	0xe8

/* The 5-byte nop the tracer writes (nopl 0x0(%rax,%rax,1)). */
const u8 ftrace_nop_insn[MCOUNT_INSN_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

static unsigned long poke_va;		/* two pages of virtual room */
static pteval_t *poke_pte[2];
static bool ftrace_poking;		/* sites marked FTRACE_FL_UPDATE may hold an int3 */

/*
 * gcc's -mnop-mcount writes the nop above; clang's patchable entry the
 * same instruction with a displacement of 8. Either is a whole 5-byte nop.
 */
bool ftrace_site_is_nop(const u8 *insn)
{
	return insn[0] == 0x0f && insn[1] == 0x1f && insn[2] == 0x44 && insn[3] == 0x00;
}

void __init text_poke_init(void)
{
	enum pg_level level;
	int i;

	poke_va = get_vm_area(2 * PAGE_SIZE);
	/* Map something once so the page tables exist; then keep the entries empty. */
	if (!poke_va ||
	    kernel_map_pages(init_top_pgt, poke_va, 0, 2 * PAGE_SIZE, PAGE_KERNEL, false))
		panic("text_poke: no room for the poking alias");
	for (i = 0; i < 2; i++) {
		poke_pte[i] = lookup_address(poke_va + i * PAGE_SIZE, &level);
		if (!poke_pte[i] || level != PG_LEVEL_4K)
			panic("text_poke: the poking alias is not mapped by pages");
		WRITE_ONCE(*poke_pte[i], 0);
		__flush_tlb_one(poke_va + i * PAGE_SIZE);
	}
}

void text_poke(void *addr, const void *opcode, size_t len)
{
	phys_addr_t pa = __pa_symbol((unsigned long)addr & PAGE_MASK);
	unsigned long off = (unsigned long)addr & ~PAGE_MASK, flags;
	int i;

	if (WARN_ON(!poke_va || off + len > 2 * PAGE_SIZE))
		return;
	local_irq_save(flags);
	for (i = 0; i < 2; i++) {
		WRITE_ONCE(*poke_pte[i], (pa + i * PAGE_SIZE) | PAGE_KERNEL);
		__flush_tlb_one(poke_va + i * PAGE_SIZE);
	}
	memcpy((void *)(poke_va + off), opcode, len);
	for (i = 0; i < 2; i++) {
		WRITE_ONCE(*poke_pte[i], 0);
		__flush_tlb_one(poke_va + i * PAGE_SIZE);
	}
	local_irq_restore(flags);
}

/* The IPI's handler and its return (an iret) serialise the CPU that takes it. */
static void do_sync_core(void *info)
{
	unsigned int eax = 0, ebx, ecx = 0, edx;

	asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx) : : "memory");
}

static void text_poke_sync(void)
{
	on_each_cpu(do_sync_core, NULL, 1);
}

static void ftrace_new_insn(const struct dyn_ftrace *rec, u8 *insn)
{
	if (rec->flags & FTRACE_FL_ENABLED) {
		s32 rel = (s32)((unsigned long)ftrace_caller - (rec->ip + MCOUNT_INSN_SIZE));

		insn[0] = CALL_INSN_OPCODE;
		memcpy(insn + 1, &rel, sizeof(rel));
	} else {
		memcpy(insn, ftrace_nop_insn, MCOUNT_INSN_SIZE);
	}
}

/*
 * QEMU's TCG with several vCPUs can keep a translation of a site that was
 * made while a step was under way: a vCPU that read the site's bytes just
 * before another CPU's write, and registered its translation just after,
 * is never told of the write, and runs the old bytes (an int3, say) from
 * then on. A vCPU finishes a translation before it takes an interrupt, so
 * once every CPU has taken the last sync's IPI every such translation is
 * registered; writing each site's final bytes once more then makes QEMU
 * drop them. On hardware the write changes nothing.
 */
static void text_poke_flush_stale(struct dyn_ftrace *recs, unsigned long nr)
{
	u8 insn[MCOUNT_INSN_SIZE];
	unsigned long i;

	for (i = 0; i < nr; i++) {
		if (!(recs[i].flags & FTRACE_FL_UPDATE))
			continue;
		ftrace_new_insn(&recs[i], insn);
		text_poke((void *)recs[i].ip, insn, MCOUNT_INSN_SIZE);
	}
}

void ftrace_arch_update_sites(struct dyn_ftrace *recs, unsigned long nr)
{
	static const u8 int3 = INT3_INSN_OPCODE;
	u8 insn[MCOUNT_INSN_SIZE];
	unsigned long i;

	WRITE_ONCE(ftrace_poking, true);
	barrier();
	for (i = 0; i < nr; i++)
		if (recs[i].flags & FTRACE_FL_UPDATE)
			text_poke((void *)recs[i].ip, &int3, 1);
	text_poke_sync();
	for (i = 0; i < nr; i++) {
		if (!(recs[i].flags & FTRACE_FL_UPDATE))
			continue;
		ftrace_new_insn(&recs[i], insn);
		text_poke((void *)recs[i].ip + 1, insn + 1, MCOUNT_INSN_SIZE - 1);
	}
	text_poke_sync();
	for (i = 0; i < nr; i++) {
		if (!(recs[i].flags & FTRACE_FL_UPDATE))
			continue;
		ftrace_new_insn(&recs[i], insn);
		text_poke((void *)recs[i].ip, insn, 1);
	}
	/* After this no CPU can be at, or about to take, one of the int3s. */
	text_poke_sync();
	text_poke_flush_stale(recs, nr);
	barrier();
	WRITE_ONCE(ftrace_poking, false);
	for (i = 0; i < nr; i++)
		recs[i].flags &= ~FTRACE_FL_UPDATE;
}

/*
 * Carry out the whole instruction now at @rec in the int3's stead: the
 * tracer's call, with the return address pushed below the interrupted
 * stack pointer (the int3 entry left a gap there for it, as Linux's
 * int3_emulate_call()), or the nop.
 */
static void ftrace_int3_emulate_site(struct pt_regs *regs, const struct dyn_ftrace *rec)
{
	u8 insn[MCOUNT_INSN_SIZE];
	s32 rel;

	memcpy(insn, (const void *)rec->ip, MCOUNT_INSN_SIZE);
	regs->ip = rec->ip + MCOUNT_INSN_SIZE;
	if (insn[0] != CALL_INSN_OPCODE)
		return;
	memcpy(&rel, insn + 1, sizeof(rel));
	regs->sp -= sizeof(unsigned long);
	*(unsigned long *)regs->sp = rec->ip + MCOUNT_INSN_SIZE;
	regs->ip = rec->ip + MCOUNT_INSN_SIZE + rel;
}

/* Called first thing by exc_int3() for a kernel-mode int3; interrupts are off. */
bool ftrace_int3_handler(struct pt_regs *regs)
{
	struct dyn_ftrace *rec = ftrace_lookup_ip(regs->ip - 1);

	if (!rec)
		return false;
	/*
	 * An int3 that memory no longer holds: this CPU ran the site's old
	 * bytes after the change, as QEMU's translated code may do (see
	 * text_poke_flush_stale()). The site is whole now: do what it says
	 * here rather than run it again, which could meet the same stale
	 * translation for as long as it lasts.
	 */
	if (READ_ONCE(*(u8 *)rec->ip) != INT3_INSN_OPCODE) {
		ftrace_int3_emulate_site(regs, rec);
		return true;
	}
	if (!READ_ONCE(ftrace_poking) || !(READ_ONCE(rec->flags) & FTRACE_FL_UPDATE))
		return false;
	regs->ip = rec->ip + MCOUNT_INSN_SIZE;
	return true;
}
