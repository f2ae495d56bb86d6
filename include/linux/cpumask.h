/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

/*
 * Sets of CPUs: one bit per possible CPU, NR_CPUS of them. NR_CPUS is 64
 * (asm/percpu.h), so a mask is one unsigned long; the helpers still index
 * an array, so raising NR_CPUS only needs wider loops in the few callers
 * that assume one word (cpumask_first). Storage for the three masks and
 * for cpumask_of() lives in kernel/cpu.c.
 *
 * possible: CPUs that may ever run this boot (per-CPU areas exist for
 * them); present: CPUs the firmware says are there; online: CPUs running
 * the kernel. online is a subset of present, present of possible.
 * nr_cpu_ids is one more than the highest possible CPU, fixed once the
 * MADT has been read (prefill_possible_map()).
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/percpu.h>
#include <linux/bitmap.h>

#define BITS_PER_LONG		64
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
};
typedef struct cpumask cpumask_t;
/* Linux's spelling when masks are not allocated off-stack: an array of one. */
typedef struct cpumask cpumask_var_t[1];

extern unsigned int nr_cpu_ids;
#define nr_cpumask_bits		nr_cpu_ids
#define cpumask_bits(maskp)	((maskp)->bits)

extern struct cpumask __cpu_online_mask;
extern struct cpumask __cpu_possible_mask;
extern struct cpumask __cpu_present_mask;
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_present_mask	((const struct cpumask *)&__cpu_present_mask)

/* One constant mask per CPU, so cpumask_of() needs no storage from callers. */
extern const struct cpumask cpu_single_masks[NR_CPUS];
#define cpumask_of(cpu)		(&cpu_single_masks[(cpu)])

static inline unsigned long *__cpumask_word(unsigned int cpu, struct cpumask *m)
{
	return &m->bits[cpu / BITS_PER_LONG];
}

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS && (m->bits[cpu / BITS_PER_LONG] >> (cpu % BITS_PER_LONG)) & 1;
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	*__cpumask_word(cpu, m) |= 1UL << (cpu % BITS_PER_LONG);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	*__cpumask_word(cpu, m) &= ~(1UL << (cpu % BITS_PER_LONG));
}

static inline void cpumask_clear(struct cpumask *m)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		m->bits[i] = 0;
}

static inline void cpumask_copy(struct cpumask *dst, const struct cpumask *src)
{
	*dst = *src;
}

static inline bool cpumask_empty(const struct cpumask *m)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (m->bits[i])
			return false;
	return true;
}

static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (a->bits[i] != b->bits[i])
			return false;
	return true;
}

/* dst = a & b; true when the result is not empty. */
/* dst = a & ~b; true if any bit is left. */
static inline bool cpumask_andnot(struct cpumask *dst, const struct cpumask *a,
				  const struct cpumask *b)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		dst->bits[i] = a->bits[i] & ~b->bits[i];
	return !cpumask_empty(dst);
}

static inline bool cpumask_and(struct cpumask *dst, const struct cpumask *a,
			       const struct cpumask *b)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		dst->bits[i] = a->bits[i] & b->bits[i];
	return !cpumask_empty(dst);
}

static inline bool cpumask_intersects(const struct cpumask *a, const struct cpumask *b)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (a->bits[i] & b->bits[i])
			return true;
	return false;
}

/* The first CPU set at or after @start; NR_CPUS when there is none. A word at a time. */
static inline unsigned int cpumask_next_from(unsigned int start, const struct cpumask *m)
{
	unsigned int i = start / BITS_PER_LONG;
	unsigned long w;

	if (start >= NR_CPUS)
		return NR_CPUS;
	w = m->bits[i] & (~0UL << (start % BITS_PER_LONG));
	while (!w) {
		if (++i == BITS_TO_LONGS(NR_CPUS))
			return NR_CPUS;
		w = m->bits[i];
	}
	return i * BITS_PER_LONG + __builtin_ctzl(w);
}

static inline unsigned int cpumask_first(const struct cpumask *m)
{
	return cpumask_next_from(0, m);
}

/* The next CPU set after @n (-1 starts the walk); NR_CPUS when done. */
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	return cpumask_next_from(n + 1, m);
}

/* Linux's hweight64(), by bit slices: the kernel links no libgcc popcount. */
static inline unsigned int hweight64(u64 w)
{
	w -= (w >> 1) & 0x5555555555555555ULL;
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (w * 0x0101010101010101ULL) >> 56;
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int i, w = 0;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		w += hweight64(m->bits[i]);
	return w;
}

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_first(mask); (cpu) < NR_CPUS;		\
	     (cpu) = cpumask_next((cpu), (mask)))
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)
#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_present_cpu(cpu)	for_each_cpu((cpu), cpu_present_mask)

#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)
#define num_present_cpus()	cpumask_weight(cpu_present_mask)
#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu)	cpumask_test_cpu((cpu), cpu_present_mask)

void set_cpu_online(unsigned int cpu, bool online);
void set_cpu_possible(unsigned int cpu, bool possible);
void set_cpu_present(unsigned int cpu, bool present);
/* kernel/cpu.c: bringing CPUs online (smp_init() at boot). */
int cpu_up(unsigned int cpu);
void bringup_nonboot_cpus(unsigned int setup_max_cpus);
void reset_cpu_possible_mask(void);
void set_nr_cpu_ids(unsigned int nr);

/* kernel/cpu.c: the command line's caps (nosmp, maxcpus=, nr_cpus=). */
extern unsigned int setup_max_cpus;

/*
 * "0-3,5\n" as Linux's %*pbl prints a mask: ranges of set bits below
 * nr_cpu_ids. Returns the length written, at most size - 1.
 */
int cpumap_print_list(char *buf, size_t size, const struct cpumask *mask);

/*
 * Masks as text in Linux's formats over nr_cpu_ids bits (lib/bitmap-str.c):
 * cpumask_parse() takes "f" or "1,00000000" (32-bit hex words),
 * cpulist_parse() "0-2,5"; a CPU at or above nr_cpu_ids is -EOVERFLOW
 * (hex) or -ERANGE (list), bad text -EINVAL. cpumask_pr_args() feeds
 * "%*pb" / "%*pbl".
 */
static inline int cpumask_parse(const char *buf, struct cpumask *dstp)
{
	return bitmap_parse(buf, ~0U, cpumask_bits(dstp), nr_cpumask_bits);
}

static inline int cpulist_parse(const char *buf, struct cpumask *dstp)
{
	return bitmap_parselist(buf, cpumask_bits(dstp), nr_cpumask_bits);
}

#define cpumask_pr_args(maskp)	nr_cpu_ids, cpumask_bits(maskp)

/* The mask and a newline, as %*pbl (list) or %*pb, into a page; the length. */
static inline int cpumap_print_to_pagebuf(bool list, char *buf, const struct cpumask *mask)
{
	return bitmap_print_to_pagebuf(list, buf, cpumask_bits(mask), nr_cpu_ids);
}

#endif
