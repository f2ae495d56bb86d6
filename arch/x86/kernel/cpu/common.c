// SPDX-License-Identifier: MIT
/*
 * Per-CPU processor state: CPUID features, the GDT and TSS with their
 * interrupt stacks (IST) and I/O bitmaps (filled by ioport.c), the null LDT, GS pointing at the per-CPU area,
 * and the control-register features the kernel relies on (global pages,
 * NX, SMEP, SMAP, FXSR for user space's SSE, FSGSBASE for its
 * RDFSBASE and kin).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/bootinfo.h>
#include <asm/irqflags.h>
#include <asm/fsgsbase.h>
#include <asm/io_bitmap.h>

struct cpuinfo_x86 boot_cpu_data;
DEFINE_PER_CPU(struct cpuinfo_x86, cpu_info);

DEFINE_PER_CPU_FIRST(unsigned long, this_cpu_off);
DEFINE_PER_CPU(int, cpu_number);
DEFINE_PER_CPU_PAGE_ALIGNED(struct gdt_page, gdt_page);
DEFINE_PER_CPU_PAGE_ALIGNED(struct tss_struct, cpu_tss_rw);
DECLARE_PER_CPU(unsigned long, cpu_current_top_of_stack);

unsigned long __per_cpu_offset[NR_CPUS];
extern char __per_cpu_load[], boot_stack_top[];

/* The boot CPU's IST stacks; the others' are mm/cpu_entry_area.c's. */
static struct exception_stacks boot_exception_stacks
	__aligned(PAGE_SIZE) __section(".bss..page_aligned");

static const char *const ist_names[N_EXCEPTION_STACKS] = {
	[IST_INDEX_DF] = "#DF", [IST_INDEX_NMI] = "NMI",
	[IST_INDEX_DB] = "#DB", [IST_INDEX_MCE] = "#MC",
};

static void cpuid_model_name(struct cpuinfo_x86 *c)
{
	u32 *w = (u32 *)c->x86_model_id;
	unsigned int i;

	if (c->extended_cpuid_level < 0x80000004)
		return;
	for (i = 0; i < 3; i++)
		cpuid_count(0x80000002 + i, 0, &w[4 * i], &w[4 * i + 1], &w[4 * i + 2],
			    &w[4 * i + 3]);
}

/* Family, model and stepping from leaf 1 EAX, with the extended fields as the SDM adds them. */
static void cpuid_signature(struct cpuinfo_x86 *c, u32 eax)
{
	c->x86 = (eax >> 8) & 0xf;
	c->x86_model = (eax >> 4) & 0xf;
	c->x86_stepping = eax & 0xf;
	if (c->x86 == 0xf)
		c->x86 += (eax >> 20) & 0xff;
	if (c->x86 >= 0x6)
		c->x86_model += ((eax >> 16) & 0xf) << 4;
}

/*
 * Package and core from the APIC ID: leaf 0xB gives the bit widths of the
 * SMT and core levels; without it, leaf 1's logical-processor count says
 * how many APIC IDs one package spans.
 */
static void cpuid_topology(struct cpuinfo_x86 *c, u32 leaf1_ebx)
{
	unsigned int smt_shift = 0, pkg_shift = 0;
	u32 a, b, cx, d;

	c->initial_apicid = leaf1_ebx >> 24;
	if (c->cpuid_level >= 0xb) {
		cpuid_count(0xb, 0, &a, &b, &cx, &d);
		if (b & 0xffff) {
			c->initial_apicid = d;
			smt_shift = a & 0x1f;
			cpuid_count(0xb, 1, &a, &b, &cx, &d);
			pkg_shift = ((cx >> 8) & 0xff) == 2 ? a & 0x1f : smt_shift;
		}
	} else if (c->x86_capability[1] & (1u << 28)) {	/* HTT: leaf 1 EBX[23:16] is valid */
		unsigned int count = (leaf1_ebx >> 16) & 0xff;

		while ((1u << pkg_shift) < count)
			pkg_shift++;
	}
	c->apicid = c->initial_apicid;
	c->pkg_id = c->apicid >> pkg_shift;
	c->core_id = (c->apicid & ((1u << pkg_shift) - 1)) >> smt_shift;
}

static void cpuid_extended(struct cpuinfo_x86 *c)
{
	u32 a, b, cx, d;

	if (c->extended_cpuid_level >= 0x80000001) {
		cpuid_count(0x80000001, 0, &a, &b, &cx, &d);
		c->x86_capability[5] = d;
		c->x86_capability[CPUID_8000_0001_ECX] = cx;
	}
	if (c->extended_cpuid_level >= 0x80000006) {
		cpuid_count(0x80000006, 0, &a, &b, &cx, &d);
		c->x86_cache_size = cx >> 16;
	}
	if (c->extended_cpuid_level >= 0x80000007) {
		cpuid_count(0x80000007, 0, &a, &b, &cx, &d);
		c->x86_capability[CPUID_8000_0007_EDX] = d;
	}
	c->x86_phys_bits = 36;
	c->x86_virt_bits = 48;
	if (c->extended_cpuid_level >= 0x80000008) {
		cpuid_count(0x80000008, 0, &a, &b, &cx, &d);
		c->x86_phys_bits = a & 0xff;
		c->x86_virt_bits = (a >> 8) & 0xff;
	}
}

/* Everything CPUID tells about the running CPU, into @c. */
void identify_cpu(struct cpuinfo_x86 *c)
{
	u32 a, b, d, cx;

	memset(c, 0, sizeof(*c));
	cpuid_count(0, 0, &a, &b, &cx, &d);
	c->cpuid_level = a;
	memcpy(c->x86_vendor_id, &b, 4);
	memcpy(c->x86_vendor_id + 4, &d, 4);
	memcpy(c->x86_vendor_id + 8, &cx, 4);
	cpuid_count(1, 0, &a, &b, &cx, &d);
	c->x86_capability[1] = d;
	c->x86_capability[2] = cx;
	cpuid_signature(c, a);
	c->x86_clflush_size = ((b >> 8) & 0xff) * 8;
	if (c->cpuid_level >= 7) {
		cpuid_count(7, 0, &a, &b, &cx, &d);
		c->x86_capability[3] = b;
		c->x86_capability[4] = d;
		c->x86_capability[CPUID_7_ECX] = cx;
	}
	cpuid_count(0x80000000, 0, &a, &b, &cx, &d);
	c->extended_cpuid_level = a;
	cpuid_extended(c);
	cpuid_model_name(c);
	cpuid_count(1, 0, &a, &b, &cx, &d);
	cpuid_topology(c, b);
}

void early_cpu_init(void)
{
	identify_cpu(&boot_cpu_data);
}

void smp_store_cpu_info(unsigned int cpu)
{
	struct cpuinfo_x86 *c = &cpu_data(cpu);

	unsigned int i;

	/*
	 * The boot CPU's copy keeps the features the command line turned
	 * off; another CPU's has its own CPUID view (its APIC ID above all)
	 * without the features the boot CPU does not use.
	 */
	if (cpu == 0) {
		*c = boot_cpu_data;
	} else {
		identify_cpu(c);
		for (i = 0; i < NCAPINTS; i++)
			c->x86_capability[i] &= boot_cpu_data.x86_capability[i];
	}
	c->cpu_index = cpu;
}

/* GS for the boot CPU: the per-CPU template in the image is its copy. */
void setup_boot_percpu(void)
{
	unsigned long base = (unsigned long)__per_cpu_load;

	wrmsr(MSR_GS_BASE, base);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	__per_cpu_offset[0] = base;
	this_cpu_write(this_cpu_off, base);
	this_cpu_write(cpu_number, 0);
	this_cpu_write(cpu_current_top_of_stack, (unsigned long)boot_stack_top);
}

static void set_code_desc(struct desc_struct *d, bool l, bool db, unsigned int dpl)
{
	*d = (struct desc_struct){ .limit0 = 0xffff, .type = 0xb, .s = 1, .dpl = dpl,
				   .p = 1, .limit1 = 0xf, .l = l, .d = db, .g = 1 };
}

static void set_data_desc(struct desc_struct *d, unsigned int dpl)
{
	*d = (struct desc_struct){ .limit0 = 0xffff, .type = 0x3, .s = 1, .dpl = dpl,
				   .p = 1, .limit1 = 0xf, .d = 1, .g = 1 };
}

/* The TSS descriptor's limit covers both I/O bitmaps (asm/desc.h). */
static void set_tss_desc(struct desc_struct *gdt, struct tss_struct *tss)
{
	set_tssldt_descriptor((struct ldttss_desc *)&gdt[GDT_ENTRY_TSS],
			      (unsigned long)tss, DESC_TSS, __KERNEL_TSS_LIMIT);
}

static void load_gdt_and_segments(struct desc_struct *gdt)
{
	struct desc_ptr gdt_descr = { GDT_ENTRIES * 8 - 1, (unsigned long)gdt };

	asm volatile("lgdt %0\n\t"
		     "pushq %1\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:\n\t"
		     "movl %2, %%eax\n\t"
		     "movl %%eax, %%ss\n\t"
		     "movl %%eax, %%ds\n\t"
		     "movl %%eax, %%es\n\t"
		     : : "m"(gdt_descr), "i"(__KERNEL_CS), "i"(__KERNEL_DS)
		     : "rax", "memory");
	/* Loading %gs would clear the GS base: leave it alone. */
	asm volatile("ltr %w0" : : "r"(GDT_ENTRY_TSS_SEL));
}

/*
 * The CPU number in a segment limit, where LSL finds it without GS: the
 * paranoid entries need it to find the per-CPU area when the GS base
 * could be anything (Linux's GDT_ENTRY_CPUNODE, which vgetcpu reads too).
 */
static void set_cpunode_desc(struct desc_struct *d, unsigned int cpu)
{
	*d = (struct desc_struct){ .limit0 = cpu & 0xffff, .limit1 = (cpu >> 16) & 0xf,
				   .type = 0x5, .s = 1, .dpl = 3, .p = 1, .d = 1 };
}

/*
 * FSGSBASE: the boot CPU turns it on once the command line has had its
 * say (setup_fsgsbase()), the others in cpu_init(). The entry code reads
 * x86_fsgsbase_enabled to choose how the paranoid entries find the
 * kernel's GS base, so the flag is set only once CR4 allows RDGSBASE.
 */
bool x86_fsgsbase_enabled;

static int __init x86_nofsgsbase_setup(char *arg)
{
	setup_clear_cpu_cap(X86_FEATURE_FSGSBASE);
	return 0;
}
__setup("nofsgsbase", x86_nofsgsbase_setup);

void setup_fsgsbase(void)
{
	if (!boot_cpu_has(X86_FEATURE_FSGSBASE))
		return;
	write_cr4(read_cr4() | X86_CR4_FSGSBASE);
	x86_fsgsbase_enabled = true;
}

static void cr4_setup(void)
{
	unsigned long cr4 = read_cr4() | X86_CR4_PGE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;

	if (boot_cpu_has(X86_FEATURE_SMEP))
		cr4 |= X86_CR4_SMEP;
	if (boot_cpu_has(X86_FEATURE_SMAP))
		cr4 |= X86_CR4_SMAP;
	if (x86_fsgsbase_enabled)
		cr4 |= X86_CR4_FSGSBASE;
	write_cr4(cr4);
	write_cr0(read_cr0() | X86_CR0_WP | X86_CR0_NE | X86_CR0_MP);
}

void entry_SYSCALL_64(void);
void entry_SYSCALL_compat(void);
void entry_SYSENTER_compat(void);

/*
 * SYSENTER loads RSP from MSR_IA32_SYSENTER_ESP. entry_SYSENTER_compat
 * leaves it for the task stack before its first push, so this only has
 * to be valid and this CPU's own (Linux's entry stack).
 */
struct entry_stack {
	unsigned long words[64];
};
static DEFINE_PER_CPU(struct entry_stack, entry_stack_storage) __aligned(16);

/*
 * SYSCALL's MSRs: kernel CS/SS from STAR[47:32], SYSRET's user CS/SS
 * from STAR[63:48] (+16 and +8: the user32 CS, user DS, user CS order of
 * the GDT), the 64-bit entry in LSTAR, the compat-mode one in CSTAR, and
 * the RFLAGS bits SYSCALL clears (Linux's list): IF, so that nothing
 * interrupts before the stack switch; TF, AC, NT and DF, which the kernel
 * must not run with; the rest so that no user flag leaks into it.
 * SYSENTER (compat mode only on AMD, both modes on Intel) gets CS, its
 * stack and its entry; it clears only IF, entry_SYSENTER_compat the rest.
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (unsigned long)entry_SYSCALL_64);
	wrmsr(MSR_CSTAR, (unsigned long)entry_SYSCALL_compat);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF |
	      X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_IF |
	      X86_EFLAGS_DF | X86_EFLAGS_OF | X86_EFLAGS_IOPL | X86_EFLAGS_NT |
	      X86_EFLAGS_RF | X86_EFLAGS_AC | X86_EFLAGS_ID);
	wrmsr(MSR_IA32_SYSENTER_CS, __KERNEL_CS);
	wrmsr(MSR_IA32_SYSENTER_ESP, (unsigned long)(this_cpu_ptr(&entry_stack_storage) + 1));
	wrmsr(MSR_IA32_SYSENTER_EIP, (unsigned long)entry_SYSENTER_compat);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

/*
 * The vDSO's getcpu() reads (node << 12) | cpu back with RDPID, as it
 * reads the CPUNODE limit with LSL; reflex has one node.
 */
static void setup_getcpu(unsigned int cpu)
{
	if (boot_cpu_has(X86_FEATURE_RDTSCP) || boot_cpu_has(X86_FEATURE_RDPID))
		wrmsr(MSR_TSC_AUX, cpu);
}

/*
 * Segments, TSS and IST stacks of the running CPU: the boot CPU's stacks
 * are in the image, another CPU's were set up before it was started.
 */
void cpu_init(void)
{
	struct desc_struct *gdt = this_cpu_ptr(&gdt_page)->gdt;
	struct tss_struct *tss = this_cpu_ptr(&cpu_tss_rw);
	struct exception_stacks *es = this_cpu_read(exception_stacks);
	int i;

	if (!es) {
		WARN_ON(smp_processor_id() != 0);
		es = &boot_exception_stacks;
	}

	memset(gdt, 0, sizeof(struct gdt_page));
	set_code_desc(&gdt[GDT_ENTRY_KERNEL32_CS], false, true, 0);
	set_code_desc(&gdt[GDT_ENTRY_KERNEL_CS], true, false, 0);
	set_data_desc(&gdt[GDT_ENTRY_KERNEL_DS], 0);
	set_code_desc(&gdt[GDT_ENTRY_DEFAULT_USER32_CS], false, true, 3);
	set_data_desc(&gdt[GDT_ENTRY_DEFAULT_USER_DS], 3);
	set_code_desc(&gdt[GDT_ENTRY_DEFAULT_USER_CS], true, false, 3);
	set_cpunode_desc(&gdt[GDT_ENTRY_CPUNODE], smp_processor_id());

	memset(tss, 0, sizeof(*tss));
	for (i = 0; i < N_EXCEPTION_STACKS; i++)
		tss->x86_tss.ist[i] = (unsigned long)es->ist[i].stack + EXCEPTION_STKSZ;
	tss->x86_tss.sp0 = this_cpu_read(cpu_current_top_of_stack);
	tss_init_io_bitmap(tss);
	set_tss_desc(gdt, tss);
	load_gdt_and_segments(gdt);
	/*
	 * The LDTR a CPU comes up with describes an LDT at linear address 0,
	 * which a program could map and fill; the null LDT makes every LDT
	 * selector a #GP instead.
	 */
	load_ldt(0);
	cr4_setup();
	syscall_init();
	setup_getcpu(smp_processor_id());
}

/*
 * Once the final page tables are up: unmap the boot CPU's IST guard pages.
 * The per-CPU areas exist by now, so CPU 0's exception_stacks can name
 * its stacks as every other CPU's does (earlier, the template would have
 * handed the pointer to every copy).
 */
void cpu_protect_stacks(void)
{
	int i;

	this_cpu_write(exception_stacks, &boot_exception_stacks);
	for (i = 0; i < N_EXCEPTION_STACKS; i++)
		set_memory_np((unsigned long)boot_exception_stacks.ist[i].guard, 1);
	pr_info("IST stacks: %s %s %s %s, %d KiB each, guard pages unmapped\n",
		ist_names[0], ist_names[1], ist_names[2], ist_names[3],
		EXCEPTION_STKSZ / 1024);
}

void print_cpu_info(void)
{
	struct cpuinfo_x86 *c = &boot_cpu_data;

	pr_info("CPU: %s (%s)\n", c->x86_model_id[0] ? c->x86_model_id : "unknown",
		c->x86_vendor_id);
	pr_info("CPU features: NX %s, SMEP %s, SMAP %s, FSGSBASE %s, x2APIC %s, IBT %s\n",
		boot_cpu_has(X86_FEATURE_NX) ? "on" : "absent",
		read_cr4() & X86_CR4_SMEP ? "on" : "absent",
		read_cr4() & X86_CR4_SMAP ? "on" : "absent",
		read_cr4() & X86_CR4_FSGSBASE ? "on" : "off",
		boot_cpu_has(X86_FEATURE_X2APIC) ? "present" : "absent",
		boot_cpu_has(X86_FEATURE_IBT) ? "present" : "absent");
}
