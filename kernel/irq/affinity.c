// SPDX-License-Identifier: MIT
/*
 * Managed interrupt affinity, as Linux's: a multi-queue driver asks for
 * N vectors with PCI_IRQ_AFFINITY and gets one CPU mask per vector.
 * @pre_vectors at the start and @post_vectors at the end (an admin or
 * link vector) keep the default affinity and stay unmanaged; the rest
 * are split into the driver's sets, and each set is spread over all
 * CPUs by group_cpus_evenly(). The spread vectors are managed: the
 * kernel, not user space, owns their affinity (IRQD_AFFINITY_MANAGED),
 * their vectors are reserved on every CPU of their mask, and a vector
 * beyond the number of CPUs gets the default affinity.
 *
 * Four vectors, one pre vector, on four CPUs:  0-3 | 0-1 | 2 | 3
 * (the first group gets the leftover CPU).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>


static void default_calc_sets(struct irq_affinity *affd, unsigned int affvecs)
{
	affd->nr_sets = 1;
	affd->set_size[0] = affvecs;
}

/**
 * irq_create_affinity_masks - one affinity per vector of a device
 * @nvecs: vectors the device was granted
 * @affd: the driver's layout; @affd->calc_sets is called to size the sets
 *
 * Return: @nvecs descriptors (kfree() them), or NULL when no vector is
 * left to spread after the pre and post vectors, or on failure.
 */
struct irq_affinity_desc *irq_create_affinity_masks(unsigned int nvecs, struct irq_affinity *affd)
{
	unsigned int affvecs, curvec, usedvecs, i;
	struct irq_affinity_desc *masks;

	if (nvecs > affd->pre_vectors + affd->post_vectors)
		affvecs = nvecs - affd->pre_vectors - affd->post_vectors;
	else
		affvecs = 0;
	/* The driver learns the count even when nothing is spread. */
	if (!affd->calc_sets)
		affd->calc_sets = default_calc_sets;
	affd->calc_sets(affd, affvecs);
	if (WARN_ON_ONCE(affd->nr_sets > IRQ_AFFINITY_MAX_SETS))
		return NULL;
	if (!affvecs)
		return NULL;

	masks = kcalloc(nvecs, sizeof(*masks), GFP_KERNEL);
	if (!masks)
		return NULL;
	for (curvec = 0; curvec < affd->pre_vectors; curvec++)
		cpumask_copy(&masks[curvec].mask, &irq_default_affinity);

	for (i = 0, usedvecs = 0; i < affd->nr_sets; i++) {
		unsigned int nr_masks, this_vecs = affd->set_size[i], j;
		struct cpumask *result = group_cpus_evenly(this_vecs, &nr_masks);

		if (!result) {
			kfree(masks);
			return NULL;
		}
		for (j = 0; j < nr_masks && curvec + j < nvecs; j++)
			cpumask_copy(&masks[curvec + j].mask, &result[j]);
		kfree(result);
		curvec += nr_masks;
		usedvecs += nr_masks;
	}

	/* What no set covered, and the post vectors: the default affinity. */
	curvec = affd->pre_vectors + min(usedvecs, affvecs);
	for (; curvec < nvecs; curvec++)
		cpumask_copy(&masks[curvec].mask, &irq_default_affinity);

	for (i = affd->pre_vectors; i < nvecs - affd->post_vectors; i++)
		masks[i].is_managed = 1;
	return masks;
}

/**
 * irq_calc_affinity_vectors - how many vectors spreading can use
 *
 * The pre and post vectors, plus at most one spread vector per possible
 * CPU (unless the driver sizes its own sets); 0 when @minvec cannot even
 * hold the pre and post vectors.
 */
unsigned int irq_calc_affinity_vectors(unsigned int minvec, unsigned int maxvec,
				       const struct irq_affinity *affd)
{
	unsigned int resv = affd->pre_vectors + affd->post_vectors;
	unsigned int set_vecs;

	if (resv > minvec)
		return 0;
	if (affd->calc_sets)
		set_vecs = maxvec - resv;
	else
		set_vecs = cpumask_weight(cpu_possible_mask);
	return resv + min(set_vecs, maxvec - resv);
}
