// SPDX-License-Identifier: MIT
/*
 * Spreading CPUs over groups, as Linux's group_cpus_evenly(): the
 * present CPUs are divided among the groups as evenly as their count
 * allows (neighbouring CPU numbers together, the first groups one CPU
 * larger when it does not divide), then the possible CPUs that are not
 * present are divided the same way, starting with the first group the
 * present ones left empty (or from the first group again when they used
 * every one). No CPU is in two groups; every possible CPU is in one.
 *
 * reflex has one NUMA node and no SMT or cluster topology, so Linux's
 * per-node apportioning and sibling grouping reduce to this.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>

/* Move the first @n CPUs of @from into @grp. */
static void grp_spread_init_one(struct cpumask *grp, struct cpumask *from, unsigned int n)
{
	while (n--) {
		unsigned int cpu = cpumask_first(from);

		if (cpu >= nr_cpu_ids)
			return;
		cpumask_clear_cpu(cpu, from);
		cpumask_set_cpu(cpu, grp);
	}
}

/* Groups @cpus from @startgrp on (wrapping); returns how many groups it filled. */
static unsigned int __group_cpus_evenly(unsigned int startgrp, unsigned int numgrps,
					const struct cpumask *cpus, struct cpumask *masks)
{
	unsigned int ncpus = cpumask_weight(cpus), ngroups, extra, v, grp = startgrp;
	struct cpumask left;

	if (!ncpus)
		return 0;
	ngroups = min(numgrps, ncpus);
	extra = ncpus - ngroups * (ncpus / ngroups);
	cpumask_copy(&left, cpus);
	for (v = 0; v < ngroups; v++, grp++) {
		unsigned int per_grp = ncpus / ngroups;

		if (extra) {
			per_grp++;
			extra--;
		}
		if (grp >= numgrps)
			grp = 0;
		grp_spread_init_one(&masks[grp], &left, per_grp);
	}
	return ngroups;
}

/**
 * group_cpus_evenly - @numgrps CPU masks that share the CPUs out
 * @nummasks: out, how many masks are filled (fewer than @numgrps when
 *	there are fewer possible CPUs than groups)
 *
 * Return: a kcalloc()ed array of @numgrps masks, or NULL.
 */
struct cpumask *group_cpus_evenly(unsigned int numgrps, unsigned int *nummasks)
{
	unsigned int nr_present, nr_others, i;
	struct cpumask *masks, others;

	if (!numgrps)
		return NULL;
	masks = kcalloc(numgrps, sizeof(*masks), GFP_KERNEL);
	if (!masks)
		return NULL;
	nr_present = __group_cpus_evenly(0, numgrps, cpu_present_mask, masks);
	cpumask_clear(&others);
	for_each_possible_cpu(i)
		if (!cpu_present(i))
			cpumask_set_cpu(i, &others);
	nr_others = __group_cpus_evenly(nr_present >= numgrps ? 0 : nr_present, numgrps,
					&others, masks);
	*nummasks = min(nr_present + nr_others, numgrps);
	return masks;
}
