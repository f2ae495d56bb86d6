// SPDX-License-Identifier: MIT
/*
 * /proc/cpuinfo: one block per online CPU in Linux's field order and
 * spelling, from that CPU's cpu_data() (CPUID as identify_cpu() read it),
 * so lscpu, /proc/cpuinfo parsers and "grep flags" read it as Linux's.
 * The flags are Linux's names for the CPUID bits reflex reads (leaves 1,
 * 7 and 0x80000001), in Linux's order; Linux's synthetic flags
 * (constant_tsc, nopl, ...) and its bug list are not computed, so "bugs"
 * is empty. microcode is left out, as Linux leaves it out when the
 * revision is unknown.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <asm/processor.h>
#include <asm/tsc.h>

struct cap_word {
	unsigned int word;		/* index into x86_capability[] */
	const char *const names[32];	/* NULL or "": not shown, as in Linux */
};

static const struct cap_word cap_words[] = {
	{ 1, {	/* leaf 1 EDX */
		"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL,
		"sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL,
		"dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe" } },
	{ 5, {	/* leaf 0x80000001 EDX */
		[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
		[25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
		[30] = "3dnowext", [31] = "3dnow" } },
	{ 2, {	/* leaf 1 ECX */
		"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
		"tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid",
		"dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer",
		"aes", "xsave", NULL, "avx", "f16c", "rdrand", "hypervisor" } },
	{ CPUID_8000_0001_ECX, {
		"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a",
		"misalignsse", "3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", NULL,
		"lwp", "fma4", "tce", NULL, "nodeid_msr", NULL, "tbm", "topoext",
		"perfctr_core", "perfctr_nb", NULL, "bpext", "ptsc", "perfctr_llc",
		"mwaitx" } },
	{ 3, {	/* leaf 7 EBX */
		"fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", NULL, "smep", "bmi2",
		"erms", "invpcid", "rtm", "cqm", NULL, "mpx", "rdt_a", "avx512f", "avx512dq",
		"rdseed", "adx", "smap", "avx512ifma", NULL, "clflushopt", "clwb", "intel_pt",
		"avx512pf", "avx512er", "avx512cd", "sha_ni", "avx512bw", "avx512vl" } },
	{ CPUID_7_ECX, {
		[1] = "avx512vbmi", [2] = "umip", [3] = "pku", [4] = "ospke",
		[5] = "waitpkg", [6] = "avx512_vbmi2", [8] = "gfni", [9] = "vaes",
		[10] = "vpclmulqdq", [11] = "avx512_vnni", [12] = "avx512_bitalg",
		[13] = "tme", [14] = "avx512_vpopcntdq", [16] = "la57", [22] = "rdpid",
		[24] = "bus_lock_detect", [25] = "cldemote", [27] = "movdiri",
		[28] = "movdir64b", [29] = "enqcmd", [30] = "sgx_lc" } },
	{ 4, {	/* leaf 7 EDX */
		[2] = "avx512_4vnniw", [3] = "avx512_4fmaps", [4] = "fsrm",
		[8] = "avx512_vp2intersect", [10] = "md_clear", [14] = "serialize",
		[16] = "tsxldtrk", [18] = "pconfig", [19] = "arch_lbr", [20] = "ibt",
		[22] = "amx_bf16", [23] = "avx512_fp16", [24] = "amx_tile",
		[25] = "amx_int8", [28] = "flush_l1d", [29] = "arch_capabilities" } },
};

/* Leaf 0x80000007 EDX, Linux's x86_power_flags; bit 8 (invariant TSC) is shown as a flag there. */
static const char *const x86_power_flags[] = {
	"ts", "fid", "vid", "ttp", "tm", "stc", "100mhzsteps", "hwpstate", "",
	"cpb", "eff_freq_ro", "proc_feedback", "acc_power",
};

static bool cpu_has(const struct cpuinfo_x86 *c, unsigned int word, unsigned int bit)
{
	return c->x86_capability[word] & (1u << bit);
}

static void show_cpuinfo_flags(struct seq_file *m, const struct cpuinfo_x86 *c)
{
	unsigned int i, bit;

	seq_puts(m, "flags\t\t:");
	for (i = 0; i < ARRAY_SIZE(cap_words); i++)
		for (bit = 0; bit < 32; bit++) {
			const char *name = cap_words[i].names[bit];

			if (name && name[0] && cpu_has(c, cap_words[i].word, bit))
				seq_printf(m, " %s", name);
		}
	seq_puts(m, "\nbugs\t\t:");
}

static void show_cpuinfo_power(struct seq_file *m, const struct cpuinfo_x86 *c)
{
	unsigned int bit;

	seq_puts(m, "power management:");
	for (bit = 0; bit < 32; bit++) {
		if (!cpu_has(c, CPUID_8000_0007_EDX, bit))
			continue;
		if (bit < ARRAY_SIZE(x86_power_flags))
			seq_printf(m, "%s%s", x86_power_flags[bit][0] ? " " : "",
				   x86_power_flags[bit]);
		else
			seq_printf(m, " [%u]", bit);
	}
	seq_puts(m, "\n\n");
}

/* Online CPUs in @c's package (siblings), and distinct cores among them (cpu cores). */
static void package_counts(const struct cpuinfo_x86 *c, unsigned int *siblings,
			   unsigned int *cores)
{
	struct cpumask seen_core = { { 0 } };
	unsigned int cpu;

	*siblings = *cores = 0;
	for_each_online_cpu(cpu) {
		const struct cpuinfo_x86 *o = &cpu_data(cpu);

		if (o->pkg_id != c->pkg_id)
			continue;
		(*siblings)++;
		if (o->core_id < NR_CPUS && !cpumask_test_cpu(o->core_id, &seen_core)) {
			cpumask_set_cpu(o->core_id, &seen_core);
			(*cores)++;
		}
	}
}

static void show_cpuinfo_core(struct seq_file *m, const struct cpuinfo_x86 *c)
{
	unsigned int siblings, cores;

	package_counts(c, &siblings, &cores);
	seq_printf(m, "physical id\t: %u\nsiblings\t: %u\ncore id\t\t: %u\ncpu cores\t: %u\n"
		   "apicid\t\t: %u\ninitial apicid\t: %u\n",
		   c->pkg_id, siblings, c->core_id, cores, c->apicid, c->initial_apicid);
}

static void show_cpuinfo_one(struct seq_file *m, unsigned int cpu)
{
	const struct cpuinfo_x86 *c = &cpu_data(cpu);
	/* The TSC is the delay loop's clock, so loops_per_jiffy is its count per jiffy. */
	unsigned long lpj = (unsigned long)tsc_khz * 1000 / HZ;

	seq_printf(m, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		   "model name\t: %s\nstepping\t: %u\n", cpu,
		   c->x86_vendor_id[0] ? c->x86_vendor_id : "unknown", c->x86, c->x86_model,
		   c->x86_model_id[0] ? c->x86_model_id : "unknown", c->x86_stepping);
	if (cpu_has(c, 1, 4))	/* tsc */
		seq_printf(m, "cpu MHz\t\t: %u.%03u\n", tsc_khz / 1000, tsc_khz % 1000);
	if (c->x86_cache_size)
		seq_printf(m, "cache size\t: %u KB\n", c->x86_cache_size);
	show_cpuinfo_core(m, c);
	seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n",
		   c->cpuid_level);
	show_cpuinfo_flags(m, c);
	seq_printf(m, "\nbogomips\t: %lu.%02lu\n", lpj / (500000 / HZ), (lpj / (5000 / HZ)) % 100);
	seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n", c->x86_clflush_size,
		   c->x86_clflush_size);
	seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\n", c->x86_phys_bits,
		   c->x86_virt_bits);
	show_cpuinfo_power(m, c);
}

int show_cpuinfo(struct seq_file *m, void *v)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		show_cpuinfo_one(m, cpu);
	return 0;
}
