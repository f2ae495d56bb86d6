// SPDX-License-Identifier: MIT
/*
 * The function tracer's sites and who is called at them.
 *
 * The build leaves a 5-byte nop at the entry of every traced function
 * and the list of their addresses between __start_mcount_loc and
 * __stop_mcount_loc. At boot that list becomes ftrace_pages, a sorted
 * array of struct dyn_ftrace (the address, and flags saying which of
 * the filter files name the function and whether its site is a call).
 *
 * The tracefs files:
 *   available_filter_functions  every site's function, in address order
 *   set_ftrace_filter           the functions to trace (empty: all)
 *   set_ftrace_notrace          the functions never to trace
 *   set_graph_function          function_graph: graphs start only at these
 *   enabled_functions           the functions whose sites are calls now
 * take globs ('*', '?'), several per write; "!glob" takes functions out;
 * a write opened with O_TRUNC (">") empties the list first, an append
 * (">>") adds to it. A glob that names no function is -EINVAL.
 *
 * While a tracer is on, the wanted sites are calls to ftrace_caller,
 * every other site a nop again. ftrace_caller reaches
 * ftrace_ops_list_func(), which guards against recursion (a function the
 * tracer itself calls, traced) per context, so that an interrupt or NMI
 * inside a traced function is traced too, and calls the tracer.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/kallsyms.h>
#include <linux/tracefs.h>
#include <linux/seq_file.h>
#include <linux/ftrace.h>
#include <linux/preempt.h>
#include <asm/percpu.h>
#include "trace.h"

extern unsigned long __start_mcount_loc[], __stop_mcount_loc[];

static struct dyn_ftrace *ftrace_pages;
static unsigned long ftrace_nr;
DEFINE_MUTEX(ftrace_lock);		/* the flags, the sites' bytes, the tracer */

static unsigned long nr_filter, nr_notrace;
unsigned long ftrace_graph_filter_count;

/* The tracer's per-call function; NULL while none is on. */
static ftrace_func_t ftrace_trace_function;
/*
 * The probe's: called at the sites marked FTRACE_FL_PROBE whatever the
 * tracer and its filters (the stacktrace trigger's functions).
 */
static ftrace_func_t ftrace_probe_function;
static unsigned long nr_probe;

unsigned long ftrace_nr_sites(void)
{
	return ftrace_nr;
}

struct dyn_ftrace *ftrace_site(unsigned long i)
{
	return i < ftrace_nr ? &ftrace_pages[i] : NULL;
}

/* Any context, the int3 handler's included: a binary search of a table that never changes shape. */
struct dyn_ftrace *ftrace_lookup_ip(unsigned long ip)
{
	unsigned long lo = 0, hi = ftrace_nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (ftrace_pages[mid].ip == ip)
			return &ftrace_pages[mid];
		if (ftrace_pages[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Shell sort: the table is sorted once, at boot, and mostly sorted already. */
static void __init sort_sites(struct dyn_ftrace *a, unsigned long n)
{
	unsigned long gap, i, j;

	for (gap = n / 2; gap; gap /= 2) {
		for (i = gap; i < n; i++) {
			struct dyn_ftrace t = a[i];

			for (j = i; j >= gap && a[j - gap].ip > t.ip; j -= gap)
				a[j] = a[j - gap];
			a[j] = t;
		}
	}
}

void __init ftrace_init(void)
{
	unsigned long n = __stop_mcount_loc - __start_mcount_loc, i, kept = 0;

	if (!n)
		return;
	text_poke_init();
	ftrace_pages = kcalloc(n, sizeof(*ftrace_pages), GFP_KERNEL);
	if (!ftrace_pages) {
		pr_warn("ftrace: no memory for %lu sites\n", n);
		return;
	}
	for (i = 0; i < n; i++) {
		unsigned long ip = __start_mcount_loc[i];

		/* A site that is not our nop (discarded code, a stray entry) is never touched. */
		if (!ip || !ftrace_site_is_nop((const u8 *)ip))
			continue;
		ftrace_pages[kept++].ip = ip;
	}
	sort_sites(ftrace_pages, kept);
	ftrace_nr = kept;
	pr_info("ftrace: allocating %lu entries\n", kept);
}

/* ---- globs ---- */

bool ftrace_glob_match(const char *glob, const char *name)
{
	const char *star_glob = NULL, *star_name = NULL;

	while (*name) {
		if (*glob == '*') {
			star_glob = ++glob;
			star_name = name;
			continue;
		}
		if (*glob == '?' || *glob == *name) {
			glob++;
			name++;
			continue;
		}
		if (!star_glob)
			return false;
		/* Let the last '*' take one more character and try again. */
		glob = star_glob;
		name = ++star_name;
	}
	while (*glob == '*')
		glob++;
	return !*glob;
}

static const char *site_name(const struct dyn_ftrace *rec)
{
	unsigned long size, off;

	return kallsyms_lookup(rec->ip, &size, &off);
}

/* ---- enabling ---- */

static bool tracer_wants(const struct dyn_ftrace *rec)
{
	if (rec->flags & FTRACE_FL_NOTRACE)
		return false;
	return !nr_filter || (rec->flags & FTRACE_FL_FILTER);
}

static bool site_wanted(const struct dyn_ftrace *rec)
{
	if (ftrace_probe_function && (rec->flags & FTRACE_FL_PROBE))
		return true;
	return ftrace_trace_function && tracer_wants(rec);
}

/* ftrace_lock held: makes every site a call or a nop as the tracer and filters say. */
static void ftrace_update_sites(void)
{
	unsigned long i, changes = 0;

	for (i = 0; i < ftrace_nr; i++) {
		struct dyn_ftrace *rec = &ftrace_pages[i];
		bool want = site_wanted(rec);

		if (want == !!(rec->flags & FTRACE_FL_ENABLED))
			continue;
		rec->flags ^= FTRACE_FL_ENABLED;
		rec->flags |= FTRACE_FL_UPDATE;
		changes++;
	}
	if (changes)
		ftrace_arch_update_sites(ftrace_pages, ftrace_nr);
}

/* Starts calling @func at the filtered sites; NULL stops (the sites become nops). */
void ftrace_set_function(ftrace_func_t func)
{
	mutex_lock(&ftrace_lock);
	if (!func) {
		WRITE_ONCE(ftrace_trace_function, NULL);
		ftrace_update_sites();
	} else {
		WRITE_ONCE(ftrace_trace_function, func);
		ftrace_update_sites();
	}
	mutex_unlock(&ftrace_lock);
}

/* ---- recursion ---- */

/* One bit per context a CPU can be in: task, softirq, hard IRQ, NMI. */
static DEFINE_PER_CPU(unsigned int, ftrace_recursion);

static unsigned int trace_context_bit(void)
{
	unsigned int pc = preempt_count();

	if (pc & NMI_MASK)
		return 1U << 3;
	if (pc & HARDIRQ_MASK)
		return 1U << 2;
	if (pc & SOFTIRQ_OFFSET)
		return 1U << 1;
	return 1U << 0;
}

/*
 * Preemption stays off until trace_recursion_unlock(): the bit is this
 * CPU's. 0 when the context is already inside the tracer.
 */
unsigned int trace_recursion_lock(void)
{
	unsigned int bit, val;

	__preempt_count_add(1);
	bit = trace_context_bit();
	val = this_cpu_read(ftrace_recursion);
	if (val & bit) {
		__preempt_count_sub(1);
		return 0;
	}
	/* An interrupt taken here leaves the word as it found it. */
	this_cpu_write(ftrace_recursion, val | bit);
	return bit;
}

void trace_recursion_unlock(unsigned int bit)
{
	this_cpu_write(ftrace_recursion, this_cpu_read(ftrace_recursion) & ~bit);
	/* Without the reschedule check: the tracer may run where schedule() may not. */
	__preempt_count_sub(1);
}

/*
 * With no probe, every enabled site is the tracer's. With one, a site
 * may be enabled for either: its flags say which to call.
 */
void ftrace_ops_list_func(unsigned long ip, unsigned long parent_ip, unsigned long *parent,
			  unsigned long frame)
{
	ftrace_func_t func = READ_ONCE(ftrace_trace_function);
	ftrace_func_t probe = READ_ONCE(ftrace_probe_function);
	struct dyn_ftrace *rec = NULL;
	unsigned int bit;

	if (!func && !probe)
		return;
	bit = trace_recursion_lock();
	if (!bit)
		return;
	if (probe && READ_ONCE(nr_probe)) {
		rec = ftrace_lookup_ip(ip);
		if (rec && (READ_ONCE(rec->flags) & FTRACE_FL_PROBE))
			probe(ip, parent_ip, parent, frame);
		if (func && rec && !tracer_wants(rec))
			func = NULL;
	}
	if (func)
		func(ip, parent_ip, parent, frame);
	trace_recursion_unlock(bit);
}

/* Process context. Marks (or unmarks) every site of the function @name for the probe. */
int ftrace_probe_set(const char *name, bool on)
{
	unsigned long i;
	int matched = 0;

	mutex_lock(&ftrace_lock);
	for (i = 0; i < ftrace_nr; i++) {
		struct dyn_ftrace *rec = &ftrace_pages[i];
		const char *sym = site_name(rec);

		if (!sym || strcmp(sym, name))
			continue;
		matched++;
		if (on && !(rec->flags & FTRACE_FL_PROBE)) {
			rec->flags |= FTRACE_FL_PROBE;
			nr_probe++;
		} else if (!on && (rec->flags & FTRACE_FL_PROBE)) {
			rec->flags &= ~FTRACE_FL_PROBE;
			nr_probe--;
		}
	}
	ftrace_update_sites();
	mutex_unlock(&ftrace_lock);
	return matched;
}

void ftrace_set_probe(ftrace_func_t func)
{
	mutex_lock(&ftrace_lock);
	WRITE_ONCE(ftrace_probe_function, func);
	ftrace_update_sites();
	mutex_unlock(&ftrace_lock);
}

/* ---- tracefs ---- */

static int available_filter_functions_show(struct seq_file *m, void *data)
{
	unsigned long i;

	for (i = 0; i < ftrace_nr; i++) {
		const char *name = site_name(&ftrace_pages[i]);

		if (name)
			seq_printf(m, "%s\n", name);
	}
	return 0;
}

static int enabled_functions_show(struct seq_file *m, void *data)
{
	unsigned long i;

	mutex_lock(&ftrace_lock);
	for (i = 0; i < ftrace_nr; i++) {
		const struct dyn_ftrace *rec = &ftrace_pages[i];
		const char *name;

		if (!(rec->flags & FTRACE_FL_ENABLED))
			continue;
		name = site_name(rec);
		seq_printf(m, "%s (1)    \n", name ?: "?");
	}
	mutex_unlock(&ftrace_lock);
	return 0;
}

/* Which flag a filter file sets, and its count. */
struct ftrace_filter_file {
	unsigned long	flag;
	unsigned long	*count;
	const char	*empty;		/* what the file reads when the list is empty */
};

/*
 * An empty list still reads as one '#' line, never as nothing: trace-cmd
 * record reads each filter file back to undo it and reports an empty read
 * as a failure.
 */
static struct ftrace_filter_file filter_files[] = {
	{ FTRACE_FL_FILTER, &nr_filter, "#### all functions enabled ####\n" },
	{ FTRACE_FL_NOTRACE, &nr_notrace, "#### no functions disabled ####\n" },
	{ FTRACE_FL_GRAPH, &ftrace_graph_filter_count, "#### all functions enabled ####\n" },
};

static int filter_show(struct seq_file *m, void *data)
{
	const struct ftrace_filter_file *f = data;
	unsigned long i;

	mutex_lock(&ftrace_lock);
	if (!*f->count && f->empty)
		seq_puts(m, f->empty);
	for (i = 0; i < ftrace_nr; i++) {
		const char *name;

		if (!(ftrace_pages[i].flags & f->flag))
			continue;
		name = site_name(&ftrace_pages[i]);
		seq_printf(m, "%s\n", name ?: "?");
	}
	mutex_unlock(&ftrace_lock);
	return 0;
}

/* ftrace_lock held. Sets (or with '!', clears) @flag on every site @glob names; how many matched. */
static long filter_apply(const struct ftrace_filter_file *f, const char *glob)
{
	bool clear = *glob == '!';
	unsigned long i;
	long matched = 0;

	if (clear)
		glob++;
	if (!*glob)
		return 0;
	for (i = 0; i < ftrace_nr; i++) {
		struct dyn_ftrace *rec = &ftrace_pages[i];
		const char *name = site_name(rec);

		if (!name || !ftrace_glob_match(glob, name))
			continue;
		matched++;
		if (clear && (rec->flags & f->flag)) {
			rec->flags &= ~f->flag;
			(*f->count)--;
		} else if (!clear && !(rec->flags & f->flag)) {
			rec->flags |= f->flag;
			(*f->count)++;
		}
	}
	return matched;
}

static ssize_t filter_write(char *buf, size_t count, void *data)
{
	const struct ftrace_filter_file *f = data;
	char *word, *p = buf;
	ssize_t ret = count;

	mutex_lock(&ftrace_lock);
	while (*p) {
		while (trace_isspace(*p))
			p++;
		if (!*p)
			break;
		word = p;
		while (*p && !trace_isspace(*p))
			p++;
		if (*p)
			*p++ = '\0';
		/* A '!' glob matching nothing is not an error in Linux either. */
		if (!filter_apply(f, word) && *word != '!') {
			ret = -EINVAL;
			break;
		}
	}
	ftrace_update_sites();
	mutex_unlock(&ftrace_lock);
	return ret;
}

static void filter_truncate(void *data)
{
	const struct ftrace_filter_file *f = data;
	unsigned long i;

	mutex_lock(&ftrace_lock);
	for (i = 0; i < ftrace_nr; i++)
		ftrace_pages[i].flags &= ~f->flag;
	*f->count = 0;
	ftrace_update_sites();
	mutex_unlock(&ftrace_lock);
}

int ftrace_init_tracefs(void)
{
	int err;

	err = tracefs_create_simple("available_filter_functions", 0444, NULL,
				    available_filter_functions_show, NULL);
	err = err ?: tracefs_create_simple("enabled_functions", 0444, NULL,
					   enabled_functions_show, NULL);
	err = err ?: tracefs_create_simple_trunc("set_ftrace_filter", 0644, &filter_files[0],
						 filter_show, filter_write, filter_truncate);
	err = err ?: tracefs_create_simple_trunc("set_ftrace_notrace", 0644, &filter_files[1],
						 filter_show, filter_write, filter_truncate);
	err = err ?: tracefs_create_simple_trunc("set_graph_function", 0644, &filter_files[2],
						 filter_show, filter_write, filter_truncate);
	return err;
}

/* For tests: sets or clears the filter to exactly @glob (NULL: empty) and applies it. */
int ftrace_set_filter_glob(const char *glob)
{
	long matched = 0;

	filter_truncate(&filter_files[0]);
	if (!glob)
		return 0;
	mutex_lock(&ftrace_lock);
	matched = filter_apply(&filter_files[0], glob);
	ftrace_update_sites();
	mutex_unlock(&ftrace_lock);
	return matched ? 0 : -EINVAL;
}

/* Adds @glob to set_ftrace_filter (the ftrace_filter= boot option); -EINVAL if it names nothing. */
int ftrace_filter_add(const char *glob)
{
	long matched;

	mutex_lock(&ftrace_lock);
	matched = filter_apply(&filter_files[0], glob);
	ftrace_update_sites();
	mutex_unlock(&ftrace_lock);
	return matched ? 0 : -EINVAL;
}
