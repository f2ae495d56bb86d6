// SPDX-License-Identifier: MIT
/*
 * The vector allocator: for every CPU, a map of which interrupt vectors
 * are in use, and the counts that let a caller ask "how many are left"
 * without scanning. Three kinds of bits share a map:
 *
 *   system    taken on every CPU (int $0x80, and on x86 everything from
 *             FIRST_SYSTEM_VECTOR up, which alloc_end already excludes);
 *   assigned  fixed at boot on one CPU (the ISA vectors 0x30-0x3f);
 *   allocated chosen by irq_matrix_alloc() for a device interrupt.
 *
 * Allocation spreads load: among the online CPUs a caller allows, the one
 * with the most free vectors wins, the lowest-numbered on a tie; on that
 * CPU, the lowest free vector at or above alloc_start. Lowest-first keeps
 * the choice reproducible, which the tests and -icount runs rely on.
 * (x86 priority classes are vector >> 4, so low vectors are the lowest
 * priority; reflex does not use priority to order device interrupts.)
 *
 * "Reserved" is a global count only: a promise that a vector will be
 * found later for an interrupt that has none yet (Linux's reservation
 * mode), with a warning when promises exceed what is free.
 *
 * Managed vectors, as Linux's: a managed line reserves one vector on
 * every CPU of its mask when it is allocated (irq_matrix_reserve_managed:
 * a bit in that CPU's managed_map, no longer available to others), and
 * takes one of those reserved bits on one CPU when it is activated
 * (irq_matrix_alloc_managed, the CPU with the fewest managed vectors in
 * use). Freeing a managed vector returns it to the reservation, not to
 * the free pool; irq_matrix_remove_managed() drops the reservations.
 * Locking is the caller's (x86's vector_lock); nothing here
 * takes or asserts a lock. Maps live in one array inside the matrix,
 * indexed by CPU number, instead of in per-CPU storage.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/irq_matrix.h>
#include <asm/smp.h>

#define MATRIX_LONG_BITS	(8 * sizeof(unsigned long))
#define MATRIX_LONGS		(IRQ_MATRIX_BITS / MATRIX_LONG_BITS)

/* A CPU mask is one word. */
BUILD_BUG_ON(IRQ_MATRIX_MAX_CPUS > MATRIX_LONG_BITS);

struct cpumap {
	unsigned int available;		/* free for irq_matrix_alloc() */
	unsigned int allocated;		/* assigned or allocated bits */
	unsigned int managed;		/* bits reserved for managed lines */
	unsigned int managed_allocated;	/* of those, in use */
	bool initialized;		/* available has been computed once */
	bool online;
	unsigned long alloc_map[MATRIX_LONGS];
	unsigned long managed_map[MATRIX_LONGS];
};

struct irq_matrix {
	unsigned int matrix_bits;
	unsigned int alloc_start;	/* first allocatable bit */
	unsigned int alloc_end;		/* first bit past the allocatable range */
	unsigned int alloc_size;
	unsigned int global_available;	/* sum of available over online CPUs */
	unsigned int global_reserved;
	unsigned int systembits_inalloc; /* system bits inside [alloc_start, alloc_end) */
	unsigned int total_allocated;
	unsigned int online_maps;
	unsigned long system_map[MATRIX_LONGS];
	struct cpumap maps[IRQ_MATRIX_MAX_CPUS];
};

static bool matrix_test_bit(const unsigned long *map, unsigned int bit)
{
	return (map[bit / MATRIX_LONG_BITS] >> (bit % MATRIX_LONG_BITS)) & 1;
}

static void matrix_set_bit(unsigned long *map, unsigned int bit)
{
	map[bit / MATRIX_LONG_BITS] |= 1UL << (bit % MATRIX_LONG_BITS);
}

static void matrix_clear_bit(unsigned long *map, unsigned int bit)
{
	map[bit / MATRIX_LONG_BITS] &= ~(1UL << (bit % MATRIX_LONG_BITS));
}

static bool matrix_in_alloc_range(const struct irq_matrix *m, unsigned int bit)
{
	return bit >= m->alloc_start && bit < m->alloc_end;
}

static struct cpumap *matrix_cpumap(struct irq_matrix *m, unsigned int cpu)
{
	if (WARN(cpu >= IRQ_MATRIX_MAX_CPUS, "irq_matrix: CPU %u out of range\n", cpu))
		return NULL;
	return &m->maps[cpu];
}

/**
 * irq_alloc_matrix - allocate an empty matrix
 * @matrix_bits: bits per CPU, at most IRQ_MATRIX_BITS
 * @alloc_start: lowest bit irq_matrix_alloc() and irq_matrix_assign() use
 * @alloc_end: first bit they do not use
 *
 * Return: the matrix, or NULL for a bad range or no memory.
 */
struct irq_matrix *irq_alloc_matrix(unsigned int matrix_bits,
				    unsigned int alloc_start,
				    unsigned int alloc_end)
{
	struct irq_matrix *m;

	if (matrix_bits > IRQ_MATRIX_BITS || alloc_start >= alloc_end ||
	    alloc_end > matrix_bits)
		return NULL;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->matrix_bits = matrix_bits;
	m->alloc_start = alloc_start;
	m->alloc_end = alloc_end;
	m->alloc_size = alloc_end - alloc_start;
	return m;
}

/**
 * irq_matrix_online - make @cpu's vectors available for allocation
 *
 * Called by the CPU coming up (Linux's version takes no CPU and means the
 * current one). The first time, the CPU starts with every allocatable bit
 * that is not a system bit.
 */
void irq_matrix_online(struct irq_matrix *m, unsigned int cpu)
{
	struct cpumap *cm = matrix_cpumap(m, cpu);

	if (!cm || WARN(cm->online, "irq_matrix: CPU %u already online\n", cpu))
		return;
	if (!cm->initialized) {
		cm->available = m->alloc_size - m->systembits_inalloc;
		cm->initialized = true;
	}
	m->global_available += cm->available;
	cm->online = true;
	m->online_maps++;
}

/*
 * Take @cpu out of allocation. Vectors still allocated there stay
 * allocated; moving their interrupts away first is the caller's job.
 */
void irq_matrix_offline(struct irq_matrix *m, unsigned int cpu)
{
	struct cpumap *cm = matrix_cpumap(m, cpu);

	if (!cm || WARN(!cm->online, "irq_matrix: CPU %u not online\n", cpu))
		return;
	m->global_available -= cm->available;
	cm->online = false;
	m->online_maps--;
}

/**
 * irq_matrix_assign_system - take @bit on every CPU, for a system vector
 * @replace: @bit is allocated on the current CPU already (a legacy vector
 *	turning into a system one) and that allocation is converted
 *
 * Boot-time only: with CPUs online their available counts would have to
 * shrink behind their backs, so at most the boot CPU may be online, and
 * then only to @replace. Assigning the same system bit twice is harmless.
 */
void irq_matrix_assign_system(struct irq_matrix *m, unsigned int bit, bool replace)
{
	struct cpumap *cm;

	if (WARN(bit >= m->matrix_bits, "irq_matrix: system bit %u out of range\n", bit) ||
	    WARN(m->online_maps > 1 || (m->online_maps && !replace),
		 "irq_matrix: system bit %u assigned with CPUs online\n", bit))
		return;
	if (replace) {
		cm = matrix_cpumap(m, smp_processor_id());
		if (!cm || WARN(!matrix_test_bit(cm->alloc_map, bit),
				"irq_matrix: replacing unallocated bit %u\n", bit))
			return;
		matrix_clear_bit(cm->alloc_map, bit);
		cm->allocated--;
		m->total_allocated--;
	}
	if (matrix_test_bit(m->system_map, bit))
		return;
	matrix_set_bit(m->system_map, bit);
	if (matrix_in_alloc_range(m, bit))
		m->systembits_inalloc++;
}

/*
 * Promise one vector to an interrupt that will be given one later. The
 * promise is only counted; allocation honours it by refusing nothing.
 */
void irq_matrix_reserve(struct irq_matrix *m)
{
	if (m->global_reserved >= m->global_available)
		pr_warn("Interrupt reservation exceeds available resources\n");
	m->global_reserved++;
}

void irq_matrix_remove_reserved(struct irq_matrix *m)
{
	if (WARN(!m->global_reserved, "irq_matrix: no reservation to remove\n"))
		return;
	m->global_reserved--;
}

/* The online CPU in @msk with the most free vectors; IRQ_MATRIX_MAX_CPUS if none has any. */
static unsigned int matrix_find_best_cpu(struct irq_matrix *m, unsigned long msk)
{
	unsigned int cpu, best = IRQ_MATRIX_MAX_CPUS, best_avail = 0;

	for (cpu = 0; cpu < IRQ_MATRIX_MAX_CPUS; cpu++) {
		struct cpumap *cm = &m->maps[cpu];

		if (!(msk & BIT(cpu)) || !cm->online || cm->available <= best_avail)
			continue;
		best = cpu;
		best_avail = cm->available;
	}
	return best;
}

/* Lowest bit in the allocation range that is neither system nor taken; alloc_end if none. */
static unsigned int matrix_find_free_bit(const struct irq_matrix *m, const struct cpumap *cm)
{
	unsigned int bit;

	for (bit = m->alloc_start; bit < m->alloc_end; bit++)
		if (!matrix_test_bit(m->system_map, bit) && !matrix_test_bit(cm->alloc_map, bit) &&
		    !matrix_test_bit(cm->managed_map, bit))
			return bit;
	return m->alloc_end;
}

static void matrix_account_taken(struct irq_matrix *m, struct cpumap *cm, unsigned int bit)
{
	matrix_set_bit(cm->alloc_map, bit);
	cm->allocated++;
	cm->available--;
	m->total_allocated++;
	m->global_available--;
}

/**
 * irq_matrix_alloc - allocate a vector on one of the CPUs in @msk
 * @msk: allowed CPUs, bit n for CPU n
 * @reserved: the interrupt held a reservation, which this consumes
 * @mapped_cpu: out, the CPU chosen
 *
 * Return: the vector, -EINVAL for an empty mask, -ENOSPC when no online
 * CPU in @msk has a free vector.
 */
int irq_matrix_alloc(struct irq_matrix *m, unsigned long msk,
		     bool reserved, unsigned int *mapped_cpu)
{
	unsigned int cpu, bit;
	struct cpumap *cm;

	if (!msk)
		return -EINVAL;
	cpu = matrix_find_best_cpu(m, msk);
	if (cpu == IRQ_MATRIX_MAX_CPUS)
		return -ENOSPC;
	cm = &m->maps[cpu];
	bit = matrix_find_free_bit(m, cm);
	/* available said there was one: the counts and the map disagree. */
	if (WARN(bit == m->alloc_end, "irq_matrix: CPU %u counts %u free, map has none\n",
		 cpu, cm->available))
		return -ENOSPC;
	matrix_account_taken(m, cm, bit);
	if (reserved && m->global_reserved)
		m->global_reserved--;
	*mapped_cpu = cpu;
	return bit;
}

/**
 * irq_matrix_assign - take the fixed vector @bit on the current CPU
 *
 * For vectors whose number is dictated rather than chosen (the ISA
 * vectors at boot). The CPU must be online; a bit that is already taken,
 * by a device or by the system, is refused with a warning.
 */
void irq_matrix_assign(struct irq_matrix *m, unsigned int bit)
{
	unsigned int cpu = smp_processor_id();
	struct cpumap *cm = matrix_cpumap(m, cpu);

	if (!cm ||
	    WARN(!matrix_in_alloc_range(m, bit), "irq_matrix: assigning bit %u outside [%u, %u)\n",
		 bit, m->alloc_start, m->alloc_end) ||
	    WARN(!cm->online, "irq_matrix: assigning bit %u on offline CPU %u\n", bit, cpu) ||
	    WARN(matrix_test_bit(m->system_map, bit),
		 "irq_matrix: assigning system bit %u\n", bit) ||
	    WARN(matrix_test_bit(cm->alloc_map, bit) || matrix_test_bit(cm->managed_map, bit),
		 "irq_matrix: bit %u already taken on CPU %u\n", bit, cpu))
		return;
	matrix_account_taken(m, cm, bit);
}

/**
 * irq_matrix_free - give back vector @bit on @cpu
 * @managed: the bit is a managed line's; it returns to that CPU's
 *	managed reservation rather than to the free pool
 *
 * Freeing a bit that is not taken is a caller's bookkeeping bug: it is
 * warned about and changes nothing.
 */
void irq_matrix_free(struct irq_matrix *m, unsigned int cpu,
		     unsigned int bit, bool managed)
{
	struct cpumap *cm = matrix_cpumap(m, cpu);

	if (!cm ||
	    WARN(!matrix_in_alloc_range(m, bit), "irq_matrix: freeing bit %u outside [%u, %u)\n",
		 bit, m->alloc_start, m->alloc_end) ||
	    WARN(!matrix_test_bit(cm->alloc_map, bit),
		 "irq_matrix: freeing free bit %u on CPU %u\n", bit, cpu) ||
	    WARN(managed != matrix_test_bit(cm->managed_map, bit),
		 "irq_matrix: bit %u on CPU %u freed as %smanaged\n", bit, cpu,
		 managed ? "" : "un"))
		return;
	matrix_clear_bit(cm->alloc_map, bit);
	cm->allocated--;
	m->total_allocated--;
	if (managed) {
		cm->managed_allocated--;
		return;
	}
	cm->available++;
	/* An offline CPU's free vectors join the global sum when it comes back. */
	if (cm->online)
		m->global_available++;
}

/* A bit reserved for managed lines on @cm and not in use; alloc_end if none. */
static unsigned int matrix_find_managed_unused(const struct irq_matrix *m, const struct cpumap *cm)
{
	unsigned int bit;

	for (bit = m->alloc_start; bit < m->alloc_end; bit++)
		if (matrix_test_bit(cm->managed_map, bit) && !matrix_test_bit(cm->alloc_map, bit))
			return bit;
	return m->alloc_end;
}

/**
 * irq_matrix_reserve_managed - reserve one vector on each CPU of @msk
 *
 * For a managed line, online CPUs or not: the line may be started on any
 * of them later, and then must find a vector. All or nothing.
 *
 * Return: 0, or -ENOSPC when a CPU has no free vector left.
 */
int irq_matrix_reserve_managed(struct irq_matrix *m, unsigned long msk)
{
	unsigned int cpu;

	for (cpu = 0; cpu < IRQ_MATRIX_MAX_CPUS; cpu++) {
		struct cpumap *cm = &m->maps[cpu];
		unsigned int bit;

		if (!(msk & BIT(cpu)))
			continue;
		if (!cm->initialized) {
			cm->available = m->alloc_size - m->systembits_inalloc;
			cm->initialized = true;
		}
		bit = matrix_find_free_bit(m, cm);
		if (bit >= m->alloc_end || !cm->available) {
			irq_matrix_remove_managed(m, msk & (BIT(cpu) - 1));
			return -ENOSPC;
		}
		matrix_set_bit(cm->managed_map, bit);
		cm->managed++;
		cm->available--;
		if (cm->online)
			m->global_available--;
	}
	return 0;
}

/* Undo one irq_matrix_reserve_managed() for @msk: one unused reserved bit per CPU. */
void irq_matrix_remove_managed(struct irq_matrix *m, unsigned long msk)
{
	unsigned int cpu;

	for (cpu = 0; cpu < IRQ_MATRIX_MAX_CPUS; cpu++) {
		struct cpumap *cm = &m->maps[cpu];
		unsigned int bit;

		if (!(msk & BIT(cpu)))
			continue;
		if (WARN_ON_ONCE(!cm->managed))
			continue;
		bit = matrix_find_managed_unused(m, cm);
		if (WARN_ON_ONCE(bit >= m->alloc_end))
			continue;
		matrix_clear_bit(cm->managed_map, bit);
		cm->managed--;
		cm->available++;
		if (cm->online)
			m->global_available++;
	}
}

/**
 * irq_matrix_alloc_managed - take a reserved vector on one CPU of @msk
 * @mapped_cpu: out, the CPU chosen: the online one with the fewest
 *	managed vectors in use, the lowest-numbered on a tie
 *
 * Return: the vector, -EINVAL for an empty mask, -ENOSPC when none of
 * the CPUs is online or has a reserved vector left.
 */
int irq_matrix_alloc_managed(struct irq_matrix *m, unsigned long msk, unsigned int *mapped_cpu)
{
	unsigned int cpu, best = IRQ_MATRIX_MAX_CPUS, best_used = ~0U, bit;
	struct cpumap *cm;

	if (!msk)
		return -EINVAL;
	for (cpu = 0; cpu < IRQ_MATRIX_MAX_CPUS; cpu++) {
		cm = &m->maps[cpu];
		if (!(msk & BIT(cpu)) || !cm->online || cm->managed_allocated >= best_used)
			continue;
		best = cpu;
		best_used = cm->managed_allocated;
	}
	if (best == IRQ_MATRIX_MAX_CPUS)
		return -ENOSPC;
	cm = &m->maps[best];
	bit = matrix_find_managed_unused(m, cm);
	if (bit >= m->alloc_end)
		return -ENOSPC;
	matrix_set_bit(cm->alloc_map, bit);
	cm->allocated++;
	cm->managed_allocated++;
	m->total_allocated++;
	*mapped_cpu = best;
	return bit;
}

/*
 * Free vectors over all online CPUs; with @cpudown, as if the current
 * CPU had already gone (can its interrupts move elsewhere?).
 */
unsigned int irq_matrix_available(struct irq_matrix *m, bool cpudown)
{
	struct cpumap *cm = &m->maps[smp_processor_id()];

	return cpudown && cm->online ? m->global_available - cm->available
				     : m->global_available;
}

/* Vectors taken on the current CPU, as Linux's (not the global total). */
unsigned int irq_matrix_allocated(struct irq_matrix *m)
{
	return m->maps[smp_processor_id()].allocated;
}

unsigned int irq_matrix_reserved(struct irq_matrix *m)
{
	return m->global_reserved;
}

/* Append to a bounded buffer; *len counts what was written, never past size - 1. */
static __printf(4, 5) void matrix_print(char *buf, size_t size, size_t *len,
					const char *fmt, ...)
{
	va_list args;
	int n;

	if (*len + 1 >= size)
		return;
	va_start(args, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, args);
	va_end(args);
	if (n > 0)
		*len = min(*len + n, size - 1);
}

/* @map's set bits below @nbits as "32-49,51,128". */
static void matrix_print_ranges(char *buf, size_t size, size_t *len,
				const unsigned long *map, unsigned int nbits)
{
	unsigned int bit = 0, first, printed = 0;

	while (bit < nbits) {
		if (!matrix_test_bit(map, bit)) {
			bit++;
			continue;
		}
		first = bit;
		while (bit < nbits && matrix_test_bit(map, bit))
			bit++;
		matrix_print(buf, size, len, first == bit - 1 ? "%s%u" : "%s%u-%u",
			     printed++ ? "," : "", first, bit - 1);
	}
}

/**
 * irq_matrix_debug_show - describe the matrix, one line per online CPU
 *
 * Return: characters written to @buf (always NUL-terminated when @size > 0).
 */
int irq_matrix_debug_show(struct irq_matrix *m, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int cpu, nsys = 0, bit;

	if (!size)
		return 0;
	buf[0] = '\0';
	for (bit = 0; bit < m->matrix_bits; bit++)
		nsys += matrix_test_bit(m->system_map, bit);
	matrix_print(buf, size, &len, "Online bitmaps:   %6u\n", m->online_maps);
	matrix_print(buf, size, &len, "Global available: %6u\n", m->global_available);
	matrix_print(buf, size, &len, "Global reserved:  %6u\n", m->global_reserved);
	matrix_print(buf, size, &len, "Total allocated:  %6u\n", m->total_allocated);
	matrix_print(buf, size, &len, "System: %u: ", nsys);
	matrix_print_ranges(buf, size, &len, m->system_map, m->matrix_bits);
	matrix_print(buf, size, &len, "\n | CPU | avl | man | mac | act | vectors\n");
	for (cpu = 0; cpu < IRQ_MATRIX_MAX_CPUS; cpu++) {
		struct cpumap *cm = &m->maps[cpu];

		if (!cm->online)
			continue;
		matrix_print(buf, size, &len, "  %4u  %4u  %4u  %4u  %4u  ", cpu, cm->available,
			     cm->managed, cm->managed_allocated, cm->allocated);
		matrix_print_ranges(buf, size, &len, cm->alloc_map, m->matrix_bits);
		matrix_print(buf, size, &len, "\n");
	}
	return len;
}
